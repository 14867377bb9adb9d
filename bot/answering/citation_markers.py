"""Find, check and renumber the `[n]` citation markers in an LLM reply.

The model is shown passages numbered 1..n and cites them as `[2]`, `[1, 3]` or
`[1][3]`. Before a reply is shown, markers that point at no passage are removed
and the rest are renumbered 1..N in reading order, so the sources listed under
the answer are exactly the ones it cites, in the order it cites them.
"""
from __future__ import annotations

import re

# Six digits at most: nothing cites a millionth passage, and it keeps int() cheap.
_NUMBER = r"[0-9]{1,6}"
MARKER_RE = re.compile(rf"\[[ \t]*{_NUMBER}(?:[ \t]*[,;][ \t]*{_NUMBER})*[ \t]*\]")
"""One bracketed group of citation numbers: `[3]`, `[1, 2]`, `[1,2; 4]`; `[1][2]` is two groups."""

_NUMBER_RE = re.compile(_NUMBER)
_HSPACE = " \t"
_LINE_END = ("\n", "\r")
_CLOSING = frozenset(".,;:!?)]}")


def numbers_of(marker: re.Match[str]) -> list[int]:
    """The numbers of one marker group, in order, without duplicates."""
    return list(dict.fromkeys(int(n) for n in _NUMBER_RE.findall(marker.group())))


def format_group(numbers: list[int]) -> str:
    """A group of citations as `[1][2]`."""
    return "".join(f"[{n}]" for n in numbers)


def markers_in(text: str) -> list[int]:
    """Every number cited in `text`, once each, in order of first appearance."""
    seen: dict[int, None] = {}
    for marker in MARKER_RE.finditer(text):
        seen.update(dict.fromkeys(numbers_of(marker)))
    return list(seen)


def _drop_invalid(text: str, valid: int) -> str:
    """One pass: remove the numbers outside 1..valid and the groups left empty.

    A removed group takes the whitespace it would strand with it: none is left
    before punctuation or a line end, and never two spaces where one was.
    """
    out = ""
    pos = 0
    for marker in MARKER_RE.finditer(text):
        out += text[pos : marker.start()]
        pos = marker.end()
        kept = [n for n in numbers_of(marker) if 1 <= n <= valid]
        if kept:
            out += format_group(kept)
            continue
        right = pos
        while right < len(text) and text[right] in _HSPACE:
            right += 1
        following = text[right : right + 1]
        if not following or following in _LINE_END or following in _CLOSING:
            out = out.rstrip(_HSPACE)
            pos = right
        elif not out or out.endswith(_LINE_END) or out[-1] in _HSPACE:
            pos = right
    return out + text[pos:]


def drop_invalid_markers(text: str, valid: int) -> str:
    """`text` without the citations of numbers outside 1..valid, tidied."""
    # Removing a group can join the text around it into a new group (`[1[7]]` ->
    # `[1]`), so repeat until none is invalid. Each repeat turns plain characters
    # into marker characters, so it ends.
    while any(not 1 <= n <= valid for n in markers_in(text)):
        text = _drop_invalid(text, valid)
    return text


def renumber_markers(text: str, valid: int) -> tuple[str, list[int]]:
    """Keep the citations of passages 1..valid and renumber them 1..N by first appearance.

    Returns the new text, with every group written as `[1][2]`, and `order`, where
    `order[i]` is the original passage number of new marker `i + 1`. The markers
    of the new text are exactly 1..N with N == len(order).
    """
    cleaned = drop_invalid_markers(text, valid)
    new_number: dict[int, int] = {}

    def renumber(marker: re.Match[str]) -> str:
        return format_group([new_number.setdefault(n, len(new_number) + 1) for n in numbers_of(marker)])

    return MARKER_RE.sub(renumber, cleaned), list(new_number)


def strip_markers(text: str) -> str:
    """`text` without any citation marker, tidied as `renumber_markers` tidies."""
    return renumber_markers(text, 0)[0]
