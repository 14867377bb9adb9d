"""The Discord front: slash commands, mentions and buttons over the shared brain.

`run_discord(brain)` runs the bot; `ArticleBot(brain)` is the client itself, for tests.
"""
from .client import ArticleBot, build_intents
from .runner import run_discord

__all__ = ["ArticleBot", "build_intents", "run_discord"]
