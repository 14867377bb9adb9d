"""Bounding a library: remove the oldest articles beyond an age or a count (off by default)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .collection import Collection
from .errors import InputError
from .records import ArticleInfo


@dataclass(frozen=True)
class RetentionLimits:
    """MAX_ARTICLE_AGE_DAYS and MAX_ARTICLES (None: no limit). Articles added by hand are
    kept unless `include_hand_added`."""

    max_age_days: int | None = None
    max_articles: int | None = None
    include_hand_added: bool = False

    def __bool__(self) -> bool:
        return self.max_age_days is not None or self.max_articles is not None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RetentionLimits:
        """MAX_ARTICLE_AGE_DAYS and MAX_ARTICLES (empty or 0: no limit); PRUNE_HAND_ADDED=true
        lets pruning remove articles added by hand too."""
        values: list[int | None] = []
        for key in ("MAX_ARTICLE_AGE_DAYS", "MAX_ARTICLES"):
            raw = env.get(key, "").strip()
            if not raw:
                values.append(None)
                continue
            if not raw.isdigit():
                raise InputError(f"{key} must be a whole number of at least 0, not {raw!r}")
            values.append(int(raw) or None)
        hand = env.get("PRUNE_HAND_ADDED", "").strip().lower() in {"1", "true", "yes", "on"}
        return cls(values[0], values[1], hand)


def prune(library: Collection, limits: RetentionLimits, today: date) -> list[ArticleInfo]:
    """Remove (with their chunks and vectors) the articles the limits no longer allow, oldest
    first by date (publication, else the day added); return them. Counted in `/stats`."""
    if not limits:
        return []
    newest_first = library.dated()
    removable = [a for a in newest_first if limits.include_hand_added or a.feed_id is not None]
    doomed: dict[int, ArticleInfo] = {}
    if limits.max_age_days is not None:
        cutoff = (today - timedelta(days=limits.max_age_days)).isoformat()
        doomed.update({a.id: a for a in removable if a.when < cutoff})
    if limits.max_articles is not None:
        excess = len(newest_first) - len(doomed) - limits.max_articles
        for a in reversed(removable):  # oldest first
            if excess <= 0:
                break
            if a.id not in doomed:
                doomed[a.id] = a
                excess -= 1
    for article_id in doomed:
        library.store.delete_article(article_id)
    if doomed:
        library.store.add_pruned(len(doomed))
    return sorted(doomed.values(), key=lambda a: (a.when, a.id))
