"""The `Document` every input becomes, and the one text normalisation applied to it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

_BLANK_RUN = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Document:
    """An article's full text with what is known about where it came from.

    `source` is the path, the URL as given, or "pasted"; `url` is the article's
    canonical (or final, after redirects) URL when it has one. `title_given` says the
    user chose the title (rather than it being taken from the article): adding the same
    content again under a title the user chose renames the article.
    """

    text: str
    title: str
    source: str
    url: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    # Where `date` came from: "feed", "metadata", "dateline" or "given".
    date_source: str | None = None
    # The subscription that brought the article in (None: added by hand).
    feed_id: int | None = None
    title_given: bool = False


def titled(doc: Document, title: str | None) -> Document:
    """`doc` under the title the user chose, or as it is when they chose none."""
    title = (title or "").strip()
    return replace(doc, title=title, title_given=True) if title else doc


def normalise_text(text: str) -> str:
    """Normalise line endings and whitespace, and nothing else.

    `\\r\\n` and `\\r` become `\\n`, trailing whitespace is stripped from every
    line, runs of blank lines collapse to a single blank line, and leading and
    trailing whitespace of the whole text is removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip()
