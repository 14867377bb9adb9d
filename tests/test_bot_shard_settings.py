"""SHARD_COUNT / SHARD_IDS: what runs where, the mistakes refused in one line, and the
docker compose example's processes (two shards on one PostgreSQL) read as valid settings."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql://bot:secret@db:5432/articles"


def settings(**env: str) -> Settings:
    return Settings.from_env(env, dotenv=None)


def test_unsharded_by_default_and_shards_as_asked() -> None:
    plain = settings()
    assert plain.shard_count is None and plain.shard_ids is None
    every = settings(SHARD_COUNT="3")  # every shard in this process: the data folder is fine
    assert every.shard_count == 3 and every.shard_ids is None
    some = settings(SHARD_COUNT="4", SHARD_IDS=" 3, 2,2", DATABASE_URL=PG)
    assert some.shard_count == 4 and some.shard_ids == (2, 3)
    assert settings(SHARD_COUNT="2", SHARD_IDS="0,1").shard_ids == (0, 1)  # all of them: one process


@pytest.mark.parametrize(("env", "message"), [
    ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
    ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be at least 1"),
    ({"SHARD_COUNT": "two"}, "SHARD_COUNT must be a whole number"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "2", "DATABASE_URL": PG}, "between 0 and 1"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0;1", "DATABASE_URL": PG}, "separated by commas"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0"}, "set DATABASE_URL=postgresql://"),
])
def test_shard_mistakes_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        settings(**env)


def test_the_compose_example_runs_every_shard_once_on_one_database() -> None:
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "compose.shards.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert "pgvector" in services["db"]["image"]
    bots = {name: s for name, s in services.items() if name != "db"}
    assert len(bots) == 2
    parsed = [settings(**{k: str(v) for k, v in s["environment"].items()}) for s in bots.values()]
    assert {p.database_url for p in parsed} == {PG.replace("secret", "change-me")}
    count = parsed[0].shard_count
    assert count is not None and all(p.shard_count == count for p in parsed)
    assert sorted(i for p in parsed for i in p.shard_ids or ()) == list(range(count))
    for bot in bots.values():
        assert bot["depends_on"]["db"]["condition"] == "service_healthy"
        assert bot["build"] == "." and bot["stop_grace_period"] == "30s"
    assert (ROOT / "Dockerfile").exists()


def test_a_shard_process_polls_the_feeds_of_its_own_servers() -> None:
    from types import SimpleNamespace

    from bot.discord_front.feed_loop import FeedLoop

    def loop(shard_ids: tuple[int, ...] | None, guilds: list[int]) -> FeedLoop:
        bot = SimpleNamespace(brain=SimpleNamespace(settings=SimpleNamespace(shard_ids=shard_ids)), shard_count=2,
                              guilds=[SimpleNamespace(id=g) for g in guilds])
        return FeedLoop(bot)  # type: ignore[arg-type]

    assert loop(None, [1]).mine() is None and loop((0, 1), [1, 2]).mine() is None  # every library
    first, second = loop((0,), [10]).mine(), loop((1,), [11]).mine()
    assert first is not None and second is not None
    assert first("guild-10") and not first("guild-11") and first("default")
    assert second("guild-11") and not second("guild-10") and not second("default")
