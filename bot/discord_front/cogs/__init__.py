"""The bot's commands and listeners, thin layers over the brain."""
from .ask import AskCog
from .feeds import FeedsCog
from .help import HelpCog
from .library import LibraryCog
from .manage import ManageCog

__all__ = ["AskCog", "FeedsCog", "HelpCog", "LibraryCog", "ManageCog"]
