"""Time for the poller, injectable: the real clock, or a manual one that tests move by hand."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    """What the poller asks of time."""

    def now(self) -> datetime:
        """The current time (UTC)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait (a manual clock just moves forward)."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """The current time (UTC)."""
        return datetime.now(timezone.utc)

    def sleep(self, seconds: float) -> None:
        """Block this thread for `seconds`."""
        time.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that moves only when told (or when something sleeps on it)."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.slept: list[float] = []

    def now(self) -> datetime:
        """The clock's current time."""
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        """Move forward by `seconds` at once, remembering the wait."""
        self.advance(seconds)
        self.slept.append(seconds)

    def advance(self, seconds: float) -> None:
        """Move forward by `seconds`."""
        with self._lock:
            self._now += timedelta(seconds=max(0.0, seconds))
