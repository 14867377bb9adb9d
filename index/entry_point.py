"""How `python -m index` and `python -m bot` end when the user, not the program, stops them:
a reader that stops reading (`python -m bot ask ... | head -1`) or a Ctrl-C no command
handled (while starting up) ends the process quietly instead of with a traceback."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_BROKEN_PIPE = 141
"""What a shell reports for a command killed by SIGPIPE (128 + 13), as `yes | head` ends."""
EXIT_INTERRUPTED = 130
"""What a shell reports for a command ended by Ctrl-C (128 + SIGINT)."""


def run_entry_point(main: Callable[[], int]) -> int:
    """Run a command line's `main` and return its exit code; stdout closed by its reader
    ends it with EXIT_BROKEN_PIPE and nothing on stderr, a Ctrl-C that reaches here with
    one line on stderr and EXIT_INTERRUPTED."""
    try:
        code = main()
        sys.stdout.flush()  # a reader gone meanwhile shows here rather than at exit
        return code
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        say_interrupted()
        return EXIT_INTERRUPTED


def silence_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush of what is
    still buffered for a closed pipe fails no more (it would print 'Exception ignored')."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no stdout to speak of: nothing will be flushed to it
        pass


def say_interrupted() -> None:
    """One line on stderr for a Ctrl-C, starting a line of its own after the "^C" a terminal echoes."""
    try:
        print(("\n" if sys.stderr.isatty() else "") + "interrupted", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: exit without a word
        pass
