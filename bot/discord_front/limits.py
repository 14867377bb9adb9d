"""Discord's message and embed limits, and text helpers that keep within them."""
from __future__ import annotations

import re

import discord

CONTENT_LIMIT = 2000
DESCRIPTION_LIMIT = 4096
EMBED_TOTAL_LIMIT = 6000
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
TITLE_LIMIT = 256
FOOTER_LIMIT = 2048
THREAD_NAME_LIMIT = 100

NO_MENTIONS = discord.AllowedMentions.none()
"""Every message the bot sends: quoted articles and questions never ping anyone."""

_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")
_SPACES = re.compile(r"\s+")


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `limit` characters, ending in `ellipsis` when cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - len(ellipsis), 0)].rstrip()
    if (len(cut) - len(cut.rstrip("\\"))) % 2:  # never leave a backslash escaping the ellipsis
        cut = cut[:-1]
    return cut + ellipsis


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines too) into one space."""
    return _SPACES.sub(" ", text).strip()


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into pieces of at most `limit` characters, at the latest paragraph,
    line, sentence or word break that fits (a hard cut only inside a giant word)."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for mark in _BREAKS:
            at = window.rfind(mark)
            if at > limit // 4:  # never leave a tiny first piece
                cut = at + len(mark.rstrip())
                break
        if cut <= 0:
            cut = limit
            if (len(rest[:cut]) - len(rest[:cut].rstrip("\\"))) % 2:  # keep an escape with what it escapes
                cut -= 1
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def link(url: str | None) -> str | None:
    """A URL in angle brackets (a link without a preview), or None."""
    return f"<{url}>" if url else None
