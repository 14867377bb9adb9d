"""One request at a time per host, at least a delay apart, whichever thread asks."""
from __future__ import annotations

import threading
from datetime import datetime
from urllib.parse import urlsplit

from .clock import Clock


class HostPacer:
    """Spaces requests to one host by `delay` seconds (on the poller's clock)."""

    def __init__(self, clock: Clock, delay: float) -> None:
        self.clock = clock
        self.delay = delay
        self._last: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def wait_turn(self, url: str) -> None:
        """Sleep until `url`'s host may be asked again, then claim the turn."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            last = self._last.get(host)
            wait = 0.0
            if last is not None and self.delay > 0:
                wait = self.delay - (self.clock.now() - last).total_seconds()
            if wait > 0:
                self.clock.sleep(wait)
            self._last[host] = self.clock.now()
