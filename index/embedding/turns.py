"""Whose turn it is to use the model: questions first, then imports, first come first served.

A plain `threading.Lock` is not fair: a thread that releases it and takes it again at
once (an import going from one step to the next) usually wins over threads already
waiting, so a question could wait for a whole import. Here every waiter takes a
ticket; the lock goes to the most urgent waiter, the oldest among equals.
"""
from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import IntEnum


class Priority(IntEnum):
    """Lower goes first."""

    QUESTION = 0  # a query, a few sentences: someone is waiting for an answer
    IMPORT = 1  # one step of a long encode


_priority: ContextVar[Priority] = ContextVar("embedding_priority", default=Priority.QUESTION)
_place: ContextVar[int | None] = ContextVar("embedding_place", default=None)
# One count for places in line and arrivals, so that they compare.
_tickets = itertools.count()


@contextmanager
def answering() -> Iterator[None]:
    """Mark the model calls made in the block as one question's: each of them keeps the
    place in line the question took on arrival, so that a question asked first is
    answered first instead of every question's next step queueing behind all the others'."""
    token = _place.set(next(_tickets))
    try:
        yield
    finally:
        _place.reset(token)


@contextmanager
def importing() -> Iterator[None]:
    """Mark the model calls made in the block (on this thread) as an import's: they
    wait for every question."""
    token = _priority.set(Priority.IMPORT)
    try:
        yield
    finally:
        _priority.reset(token)


def current_priority() -> Priority:
    """The priority of model calls made here: QUESTION unless inside `importing()`."""
    return _priority.get()


def current_place() -> int:
    """The caller's place in line: its question's, else a new one at the back."""
    place = _place.get()
    return next(_tickets) if place is None else place


class TurnLock:
    """A lock handed to waiters by (priority, place in line).

    The holder hands the lock straight to the next waiter and wakes that one alone:
    waking every waiter at each hand-over (a Condition's notify_all) would have dozens
    of threads fight for the GIL every step, starving the event loop.
    """

    # What a waiter waits on (tests substitute one that is interrupted).
    event_type: type[threading.Event] = threading.Event

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: list[tuple[int, int, int, threading.Event]] = []

    @contextmanager
    def turn(self, priority: Priority, place: int | None = None) -> Iterator[None]:
        """Hold the lock for the block, after every more urgent waiter and every equally
        urgent one ahead in line (`place`, by default: arriving now)."""
        entry: tuple[int, int, int, threading.Event] | None = None
        with self._mutex:
            if self._held:
                # The third field is unique, so the events are never compared.
                entry = (int(priority), next(_tickets) if place is None else place, next(_tickets),
                         self.event_type())
                heapq.heappush(self._waiting, entry)
            else:
                self._held = True
        if entry is not None:
            try:
                entry[3].wait()  # the lock is ours once set: the releaser kept it held for us
            except BaseException:  # e.g. Ctrl-C while waiting: never leave the lock to no one
                with self._mutex:
                    if entry[3].is_set():
                        self._hand_over()
                    else:
                        self._waiting.remove(entry)
                        heapq.heapify(self._waiting)
                raise
        try:
            yield
        finally:
            with self._mutex:
                self._hand_over()

    def _hand_over(self) -> None:
        """Give the lock to the next waiter, or free it (the caller holds the mutex)."""
        if self._waiting:
            heapq.heappop(self._waiting)[3].set()
        else:
            self._held = False

    @property
    def waiting(self) -> int:
        """How many callers are waiting for a turn."""
        with self._mutex:
            return len(self._waiting)
