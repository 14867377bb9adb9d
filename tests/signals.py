"""What a child process needs to get Ctrl-C as it would from a terminal."""
from __future__ import annotations

import signal


def sigint_as_from_a_terminal() -> None:
    """For `preexec_fn`: SIGINT back to its default in the child. A shell starts a job it
    runs in the background (`make test &`, a CI runner's script) with SIGINT ignored, a
    child inherits that, and Python then never turns Ctrl-C into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
