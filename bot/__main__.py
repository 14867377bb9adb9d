"""Entry point for `python -m bot`: the composition root lives in bot.cli and bot.brain.
Ctrl-C while the libraries load (seconds on a busy machine) and a reader that stops
reading (`| head`) end it quietly, not with a traceback."""
import sys

try:
    from index.entry_point import run_entry_point

    from .cli import main
except KeyboardInterrupt:
    print(("\n" if sys.stderr.isatty() else "") + "interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(run_entry_point(main))
