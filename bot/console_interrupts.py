"""Waiting for the console's input so that Ctrl-C always ends the wait.

On a terminal, `input()` (GNU readline) shows the prompt, then waits in select() and looks
at signals only when select is interrupted by one. A SIGINT that lands between the two is
noted but nobody acts on it: the console sits at its prompt until Enter is pressed
(python/cpython#112585). A SIGINT that another thread happens to receive never interrupts
the wait at all. So while the main thread waits for input, a helper thread interrupts it
every few tenths of a second with a signal handled by doing nothing; each interruption
makes the wait run the handlers of the signals noted meanwhile, SIGINT's included.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# SIGURG is ignored unless handled and is sent only for out-of-band socket data, which
# nothing here uses: a stray one after the wait is harmless.
NUDGE: signal.Signals | None = getattr(signal, "SIGURG", None)
NUDGE_INTERVAL = 0.25
"""Seconds between two looks at the noted signals (the longest a Ctrl-C can go unnoticed)."""


def _ignore(signum: int, frame: FrameType | None) -> None:
    """The nudge's handler: it only interrupts the wait."""


@contextmanager
def signals_seen_while_waiting(interval: float = NUDGE_INTERVAL) -> Iterator[None]:
    """Around a blocking read on the main thread: a Ctrl-C arriving at any moment raises
    KeyboardInterrupt within `interval` seconds. Elsewhere (another thread, a system
    without `pthread_kill`) the block runs as it is."""
    on_main_thread = threading.current_thread() is threading.main_thread()
    if NUDGE is None or not hasattr(signal, "pthread_kill") or not on_main_thread:
        yield
        return
    waiter = threading.get_ident()
    done = threading.Event()

    def nudge() -> None:
        while not done.wait(interval):
            signal.pthread_kill(waiter, NUDGE)

    previous = signal.signal(NUDGE, _ignore)
    nudger = threading.Thread(target=nudge, name="console signal nudger", daemon=True)
    nudger.start()
    try:
        yield
    finally:
        done.set()
        nudger.join()  # no nudge is sent after this, so the old handler can come back
        signal.signal(NUDGE, signal.SIG_DFL if previous is None else previous)
