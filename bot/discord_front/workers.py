"""The bot's threads for blocking work (the model, SQLite, extraction), started up front."""
from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Most of these threads only wait for their turn at the model, where questions go before
# imports; with asyncio's default pool (cores + 4) the 7th question would wait for a
# thread instead, and an import would take the model in the meantime.
WORKER_THREADS = 32


class Workers:
    """Runs blocking calls off the event loop, like `asyncio.to_thread`, on a pool whose
    threads all exist before the first call. A pool starts a thread inside `submit`,
    waiting for it to run while holding a lock every pool's `submit` shares: on a busy
    machine that held the event loop for up to half a second."""

    def __init__(self, threads: int = WORKER_THREADS) -> None:
        self.threads = threads
        self._pool: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Start every thread (blocks until they run)."""
        if self._pool is not None:
            return
        pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="bot-worker")
        everyone = threading.Barrier(self.threads + 1)
        for _ in range(self.threads):
            pool.submit(everyone.wait)  # each waits on its own thread until all have started
        everyone.wait()
        self._pool = pool

    @property
    def started(self) -> int:
        """How many threads are running."""
        return sum(t.is_alive() for t in self._pool._threads) if self._pool else 0

    async def run(self, func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`func(*args, **kwargs)` on a worker thread, in the caller's context."""
        call = functools.partial(contextvars.copy_context().run, func, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    def close(self) -> None:
        """Let running calls finish; drop queued ones."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
