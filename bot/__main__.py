"""Entry point for `python -m bot`: the composition root lives in bot.cli and bot.brain."""
import sys

from .cli import main

sys.exit(main())
