"""Ctrl-C ends the console's wait for input whenever it comes: `signals_seen_while_waiting`."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.console_interrupts import NUDGE, signals_seen_while_waiting
from tests.signals import sigint_as_from_a_terminal

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(NUDGE is None or not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")

# A process whose main thread never receives SIGINT (a thread started first takes it), so
# that the signal is noted while the main thread's read goes on uninterrupted: what
# happens when Ctrl-C lands just before a wait begins.
READER = """
import signal, sys, threading
from bot.console_interrupts import signals_seen_while_waiting
threading.Thread(target=threading.Event().wait, name="takes SIGINT", daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
print("waiting", flush=True)
try:
    with signals_seen_while_waiting():
        sys.stdin.readline()
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def test_a_sigint_that_did_not_interrupt_the_read_still_ends_it() -> None:
    reader = subprocess.Popen([sys.executable, "-c", READER], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              preexec_fn=sigint_as_from_a_terminal)
    try:
        assert reader.stdout is not None and reader.stdout.readline() == b"waiting\n"
        time.sleep(0.2)  # in the read by now (if not, the signal is seen before it anyway)
        reader.send_signal(signal.SIGINT)
        code = reader.wait(timeout=30)  # without the nudges: until a line comes, i.e. never
        said = reader.stdout.read()
    finally:
        if reader.poll() is None:
            reader.kill()
        reader.wait()
        assert reader.stdin is not None
        reader.stdin.close()
        if reader.stdout is not None:
            reader.stdout.close()
    assert (code, said) == (130, b"interrupted\n")


def test_a_read_longer_than_many_nudges_gets_its_line_and_the_old_handler_comes_back() -> None:
    assert NUDGE is not None and threading.current_thread() is threading.main_thread()
    before = signal.getsignal(NUDGE)
    readable, writable = os.pipe()
    writer = threading.Timer(1.0, os.write, (writable, b"a line\n"))
    try:
        writer.start()
        with signals_seen_while_waiting(interval=0.05):  # some 20 interruptions of the read
            got = os.read(readable, 100)
    finally:
        writer.join()
        os.close(readable)
        os.close(writable)
    assert got == b"a line\n"
    assert signal.getsignal(NUDGE) == before
