"""A reader of Discord's Markdown, strict enough for tests: what a message shows, or an
error naming the first character that Discord could take as formatting."""
from __future__ import annotations

import re
import string

from bot.discord_front.literal import URL

ASCII_PUNCTUATION = frozenset(string.punctuation)
_INLINE = frozenset("*_~|`<")
_LINE_START = re.compile(r"[ \t]*(?:[>#+\-]|[0-9]+\.)")
_BRACKETED_URL = re.compile(r"<(https?:/[^ >]+)>")


class LiveMarkdown(AssertionError):
    """Text that Discord would format, link or turn into a mention."""


def shown(markdown: str) -> str:
    """The text Discord shows for `markdown`, when nothing in it formats; else LiveMarkdown.

    Discord shows a backslash before ASCII punctuation as that character; it links a web
    address whole (in angle brackets, it shows it without them); emphasis, spoilers, code,
    strike and tags start with one of `*_~|`<`, a masked link with a `[` before a `](`,
    and block quotes, headings, lists and subtext with a mark at a line's start.
    """
    out: list[str] = []
    at, line_start = 0, True
    while at < len(markdown):
        if line_start and (mark := _LINE_START.match(markdown, at)) is not None:
            raise LiveMarkdown(f"line starts with {mark.group()!r} at {at}: {markdown!r}")
        line_start = False
        url = _BRACKETED_URL.match(markdown, at) or URL.match(markdown, at)
        if url is not None:
            out.append(url.group(url.lastindex or 0))  # a link in angle brackets shows without them
            at = url.end()
            continue
        char = markdown[at]
        if char == "\\" and at + 1 < len(markdown) and markdown[at + 1] in ASCII_PUNCTUATION:
            out.append(markdown[at + 1])
            at += 2
            continue
        if char in _INLINE or (char == "[" and "](" in markdown[at:]):
            raise LiveMarkdown(f"unescaped {char!r} at {at}: {markdown!r}")
        out.append(char)
        line_start = char == "\n"
        at += 1
    return "".join(out)
