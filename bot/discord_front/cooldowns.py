"""Per-user cooldowns: one use per `seconds`, remembered for a bounded number of users."""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from .errors import OnCooldown


class Cooldown:
    """Allows each user one use of an action every `seconds` seconds."""

    def __init__(self, action: str, seconds: float, *, clock: Callable[[], float] = time.monotonic,
                 max_users: int = 10_000) -> None:
        self.action = action
        self.seconds = max(0.0, seconds)
        self._clock = clock
        self._max_users = max_users
        self._last: OrderedDict[int, float] = OrderedDict()

    def retry_after(self, user_id: int) -> float:
        """Seconds until `user_id` may act again (0 when they may now)."""
        last = self._last.get(user_id)
        if last is None:
            return 0.0
        return max(0.0, last + self.seconds - self._clock())

    def take(self, user_id: int) -> None:
        """Record a use by `user_id`, or raise OnCooldown (recording nothing) if it is too soon."""
        if self.seconds <= 0:
            return
        wait = self.retry_after(user_id)
        if wait > 0:
            raise OnCooldown(self.action, wait)
        self._last[user_id] = self._clock()
        self._last.move_to_end(user_id)
        self._forget_expired()

    def _forget_expired(self) -> None:
        now = self._clock()
        # Oldest first: stop at the first use still within its window.
        while self._last:
            user, last = next(iter(self._last.items()))
            if last + self.seconds > now and len(self._last) <= self._max_users:
                break
            del self._last[user]
