"""Dates as users write them ("2026-11-20", "7d", "2w") and as answers show them ("3 days ago")."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .errors import InputError
from .plurals import counted
from .records import DateWindow

_RELATIVE = re.compile(r"^(\d{1,5})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months|y|yr|year|years)$", re.I)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
USAGE = "a date like 2026-11-20, or an age like 7d, 2w, 3m or 1y"


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(timezone.utc)


def iso_time(moment: datetime) -> str:
    """A UTC timestamp as stored: `2026-11-20T09:00:00+00:00` (sorts as text)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_day(text: str, today: date) -> str:
    """A user's date as YYYY-MM-DD: an ISO date, "today", "yesterday", or an age before
    `today` ("7d", "2w", "3m", "1y"). InputError names the accepted forms otherwise."""
    value = text.strip().lower()
    if value == "today":
        return today.isoformat()
    if value == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    relative = _RELATIVE.match(value)
    if relative:
        days = int(relative.group(1)) * _UNIT_DAYS[relative.group(2)[0].lower()]
        return (today - timedelta(days=min(days, 365 * 200))).isoformat()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise InputError(f"cannot read {text!r} as a date: use {USAGE}") from None


def date_window(since: str | None, before: str | None, today: date | None = None) -> DateWindow:
    """The window `since`..`before` (either may be None or empty) as the store filters it."""
    today = today or utc_now().date()
    start = parse_day(since, today) if since and since.strip() else None
    end = parse_day(before, today) if before and before.strip() else None
    if start and end and start >= end:
        raise InputError(f"since ({start}) must come before before ({end})")
    return DateWindow(start, end)


def age_text(day: str | None, today: date) -> str | None:
    """When a dated article appeared, counted from `today` in one phrasing: "today",
    "yesterday", "4 days ago", "3 weeks ago", "9 years ago" (a date in the future:
    "tomorrow", "in 5 days")."""
    if not day:
        return None
    try:
        then = date.fromisoformat(day[:10])
    except ValueError:
        return None
    days = (today - then).days
    named = {0: "today", 1: "yesterday", -1: "tomorrow"}.get(days)
    if named:
        return named
    span = _span(abs(days))
    return f"{span} ago" if days > 0 else f"in {span}"


def _span(days: int) -> str:
    """A number of days (2 or more) in the largest unit that holds at least two of them."""
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days >= 2 * size:
            return counted(days // size, unit)
    return counted(days, "day")
