"""Settings from the environment (and a git-ignored `.env`); `.env.example` documents each."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

from index.embedding import DEFAULT_RUNTIME, runtime_from_env
from index.errors import InputError
from index.feeds import FeedSettings
from index.retention import RetentionLimits

from .answering.llm_client import LLMError, LLMSettings


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{key} must be a whole number, not {raw!r}") from None


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        raise SettingsError(f"{key} must be a number, not {raw!r}") from None


def _flag(env: Mapping[str, str], key: str) -> bool:
    return env.get(key, "").strip().lower() in {"1", "true", "yes", "on"}


def _llm(env: Mapping[str, str]) -> LLMSettings | None:
    try:
        return LLMSettings.from_env(env)
    except LLMError as error:
        raise SettingsError(str(error)) from None


def _runtime(env: Mapping[str, str]) -> str:
    try:
        return runtime_from_env(env)
    except ValueError as error:
        raise SettingsError(str(error)) from None


def _feeds(env: Mapping[str, str]) -> tuple[FeedSettings, RetentionLimits]:
    try:
        return FeedSettings.from_env(env), RetentionLimits.from_env(env)
    except InputError as error:
        raise SettingsError(str(error)) from None


def _shards(env: Mapping[str, str]) -> tuple[int | None, tuple[int, ...] | None]:
    """(SHARD_COUNT, SHARD_IDS): both unset runs one unsharded connection."""
    raw_ids = env.get("SHARD_IDS", "").strip()
    count = _int(env, "SHARD_COUNT", 0) if env.get("SHARD_COUNT", "").strip() else None
    if count is not None and count < 1:
        raise SettingsError(f"SHARD_COUNT must be at least 1, not {count}")
    if not raw_ids:
        return count, None
    if count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT (the number of shards across every process)")
    try:
        ids = tuple(sorted({int(part) for part in raw_ids.split(",") if part.strip()}))
    except ValueError:
        raise SettingsError(f"SHARD_IDS must be whole numbers separated by commas, not {raw_ids!r}") from None
    if not ids or any(not 0 <= i < count for i in ids):
        raise SettingsError(f"SHARD_IDS must be between 0 and {count - 1} (SHARD_COUNT is {count}), not {raw_ids!r}")
    return count, ids


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot can be configured with."""

    data_dir: Path
    collection: str
    discord_token: str | None
    test_guild_id: int | None
    manager_role: str | None
    ask_cooldown: float
    add_cooldown: float
    top_k: int
    message_content_intent: bool
    llm: LLMSettings | None
    fetch_allow_hosts: tuple[str, ...]
    log_level: str
    embedding_runtime: str = DEFAULT_RUNTIME
    # None: SQLite + FAISS files in data_dir; postgresql://...: one shared PostgreSQL.
    database_url: str | None = None
    feeds: FeedSettings = FeedSettings()
    # Posts to a feed's channel per poll; more new articles are summed up in one line.
    feed_posts_per_poll: int = 3
    # MAX_ARTICLE_AGE_DAYS / MAX_ARTICLES (off by default): the oldest feed articles beyond them are pruned.
    retention: RetentionLimits = RetentionLimits()
    shutdown_grace: float = 20.0
    # None: one gateway connection. Else this process runs `shard_ids` (all when None) of
    # `shard_count` shards; the other processes run the rest on the same database.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
        """Read settings; the process environment wins over `.env`."""
        merged: dict[str, str] = {}
        if dotenv is not None and dotenv.exists():
            merged.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
        merged.update(os.environ if env is None else env)
        guild = merged.get("DISCORD_TEST_GUILD_ID", "").strip()
        shard_count, shard_ids = _shards(merged)
        if shard_ids is not None and shard_count is not None and len(shard_ids) < shard_count \
                and not merged.get("DATABASE_URL", "").strip():
            raise SettingsError("SHARD_IDS runs only some shards here, so other processes run the rest: they must "
                                "share a database, so set DATABASE_URL=postgresql://... (the data folder is "
                                "for one process)")
        return cls(
            data_dir=Path(merged.get("DATA_DIR", "").strip() or "data"),
            collection=merged.get("COLLECTION", "").strip() or "default",
            discord_token=merged.get("DISCORD_TOKEN", "").strip() or None,
            test_guild_id=_int(merged, "DISCORD_TEST_GUILD_ID", 0) if guild else None,
            manager_role=merged.get("MANAGER_ROLE", "").strip() or None,
            ask_cooldown=_float(merged, "ASK_COOLDOWN_SECONDS", 10.0),
            add_cooldown=_float(merged, "ADD_COOLDOWN_SECONDS", 30.0),
            top_k=_int(merged, "ANSWER_TOP_K", 5),
            message_content_intent=_flag(merged, "MESSAGE_CONTENT_INTENT"),
            llm=_llm(merged),
            fetch_allow_hosts=tuple(h.strip() for h in merged.get("FETCH_ALLOW_HOSTS", "").split(",") if h.strip()),
            log_level=merged.get("LOG_LEVEL", "INFO").upper(),
            embedding_runtime=_runtime(merged),
            database_url=merged.get("DATABASE_URL", "").strip() or None,
            feeds=_feeds(merged)[0],
            feed_posts_per_poll=max(0, _int(merged, "FEED_POSTS_PER_POLL", 3)),
            retention=_feeds(merged)[1],
            shutdown_grace=_float(merged, "SHUTDOWN_GRACE_SECONDS", 20.0),
            shard_count=shard_count,
            shard_ids=shard_ids,
        )
