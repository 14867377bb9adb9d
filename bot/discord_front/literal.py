"""Text from articles and users shown literally in Discord: every character that Discord's
Markdown would read as formatting is escaped, and mention syntax is made inert.

Discord renders a backslash before ASCII punctuation as that character, so escaping is
a backslash before each special character; web addresses are left as they are (Discord
links them whole, so nothing inside them formats) and stay clickable.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import discord

from .limits import split_text, truncate

HIGHLIGHT = "**"
# What Discord links as one address (as simple-markdown's url rule reads it).
URL = re.compile(r"https?://[^\s<]+[^<.,:;\"')\]\s]")
# Anywhere in a line: emphasis, strike, spoilers, code, escapes, and mention, channel, emoji
# and timestamp tags (`<`); and a `[` that a later `](` could make a masked link (escaped,
# it cannot open one; citation markers like [1] stay as they are otherwise).
_INLINE = re.compile(r"[\\*_~|`<]|\[(?=.*\]\()", re.DOTALL)
_INLINE_OR_BRACKET = re.compile(r"[\\*_~|`<\[]")
# At the start of a line: quotes, headings, subtext, bullets and numbered lists.
_LINE_START = re.compile(r"^([ \t]*)(?:([>#+\-])|([0-9]+)(\.))", re.MULTILINE)
_ZERO_WIDTH = "\u200b"
_MASS_MENTION = re.compile(r"@(everyone|here)\b")
_MENTION_TAG = re.compile(r"<(@[!&]?|#)([0-9]{15,25})>")


def escape(text: str) -> str:
    """`text` as Discord shows it literally: formatting characters escaped, addresses kept."""
    out: list[str] = []
    at = 0
    # Searched again from where the last address ended: one cut short below may leave
    # another address behind it ("x>https://...").
    while (found := URL.search(text, at)) is not None:
        out.append(_escape_plain(text[at:found.start()], line_start=at == 0 or text[at - 1] == "\n",
                                 link_later="](" in text[found.start():]))
        url, at = found.group(), found.end()
        if "<" in re.split(r"\s", text[at:], maxsplit=1)[0]:  # in what follows it up to a space
            # Discord would read the backslash of an escaped `<` after the address as part of
            # the address, and the `<` as live: close the address with angle brackets instead.
            url = url.split(">", 1)[0]
            at = found.start() + len(url)
            url = f"<{url}>"
        out.append(url)
    out.append(_escape_plain(text[at:], line_start=at == 0 or text[at - 1] == "\n", link_later=False))
    return "".join(out)


def _escape_plain(text: str, *, line_start: bool, link_later: bool) -> str:
    """Escape a stretch between addresses; `link_later`: a `](` follows it (inside an address,
    say), so every `[` here could open a masked link."""
    escaped = (_INLINE_OR_BRACKET if link_later else _INLINE).sub(lambda m: "\\" + m.group(), text)
    return _LINE_START.sub(lambda m: _block(m, line_start), escaped)


def _block(m: re.Match[str], line_start: bool) -> str:
    """A mark that would start a quote, heading or list, escaped (unless mid-line, after an address)."""
    if m.start() == 0 and not line_start:
        return m.group()
    indent, mark, number, dot = m.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"


def escaped_parts(text: str, limit: int) -> list[str]:
    """`text` escaped and split into pieces of at most `limit` characters, each of which
    Discord shows literally on its own (a piece may start with what began no line before)."""
    parts = split_text(escape(text), limit - 1)
    return [_LINE_START.sub(lambda m: _block(m, line_start=True), part, count=1) for part in parts]


def quote_block(text: str, limit: int) -> str:
    """`text` as a Markdown block quote (`> ` on every line), escaped, at most `limit` characters."""
    lines = [escape(line) for line in text.strip().split("\n") if line.strip()]
    body = "\n".join(f"> {line}" for line in lines) or ">"
    return truncate(body, limit)


def highlighted(snippet: str, passage: str) -> str:
    """A search snippet with its `**highlights**` bold and everything else literal. When the
    passage itself holds `**`, the markers cannot be told from its text: shown plainly."""
    if HIGHLIGHT in passage:
        return escape(passage)
    parts = snippet.split(HIGHLIGHT)
    if len(parts) % 2 == 0:  # an unbalanced marker: show the text plainly
        return escape(snippet.replace(HIGHLIGHT, ""))
    return "".join(f"**{escape(p)}**" if i % 2 else escape(p) for i, p in enumerate(parts))


def readable_mentions(text: str, guild: discord.Guild | None, users: Iterable[discord.abc.User] = ()) -> str:
    """`<@id>`, `<@&id>` and `<#id>` in a question written as the names they stand for
    (`users`: the message's resolved mentions); tags that cannot be resolved stay."""
    names = {user.id: user.display_name for user in users}

    def name(m: re.Match[str]) -> str:
        kind, ident = m.group(1), int(m.group(2))
        found: str | None = None
        if kind in ("@", "@!"):
            member = guild.get_member(ident) if guild is not None else None
            found = names.get(ident) or (member.display_name if member is not None else None)
        elif kind == "@&" and guild is not None and (role := guild.get_role(ident)) is not None:
            found = role.name
        elif kind == "#" and guild is not None and (channel := guild.get_channel_or_thread(ident)) is not None:
            return f"#{channel.name}"
        return f"@{found}" if found else m.group()

    return _MENTION_TAG.sub(name, text)


def no_mentions(text: str) -> str:
    """Mention syntax made inert and readable, for thread names and embed titles (where
    Discord shows it raw): `@everyone` and `@here` broken with a zero-width space, and
    `<@id>`, `<@&id>`, `<#id>` written as `@user`, `@role`, `#channel`."""
    names = {"@": "@user", "@!": "@user", "@&": "@role", "#": "#channel"}
    text = _MENTION_TAG.sub(lambda m: names[m.group(1)], text)
    return _MASS_MENTION.sub(lambda m: "@" + _ZERO_WIDTH + m.group(1), text)
