"""Entry point for `python -m index`; a reader that stops reading (`| head`) ends it quietly."""
import sys

from .cli import main
from .entry_point import run_entry_point

sys.exit(run_entry_point(main))
