"""The bot's commands and listeners, thin layers over the brain."""
from .ask import AskCog
from .help import HelpCog
from .library import LibraryCog
from .manage import ManageCog

__all__ = ["AskCog", "HelpCog", "LibraryCog", "ManageCog"]
