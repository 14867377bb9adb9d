"""Polling feeds on a background thread (for the console): due times come from the store."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .feed_desk import FeedDesk, LibraryPoll

log = logging.getLogger(__name__)
# Look at the store at least this often: another process may have subscribed meanwhile.
MAX_NAP = 60.0


class FeedThread:
    """Sleeps until the next feed is due (or it is woken), polls, and reports what it added."""

    def __init__(self, desk: FeedDesk, report: Callable[[LibraryPoll], None]) -> None:
        self.desk = desk
        self.report = report
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="feed poller", daemon=True)

    def start(self) -> None:
        """Start polling."""
        self._thread.start()

    def wake(self) -> None:
        """Look at the due times again now (after a subscription)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop after the current poll."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for done in self.desk.poll_due():
                    self.report(done)
                wait = self.desk.seconds_until_due()
            except Exception:  # noqa: BLE001 (the poller must outlive any one failure)
                log.exception("feed polling failed")
                wait = MAX_NAP
            self._wake.wait(MAX_NAP if wait is None else min(wait, MAX_NAP))
            self._wake.clear()
