"""The bot: questions in, grounded answers with checked citations out (console and Discord fronts)."""
