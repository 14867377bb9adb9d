"""How much one add accepts, with errors that say what to do instead.

Embedding costs about 50 ms per passage here, so the limits keep one add to minutes:
2 million characters of text make about 4,000 passages (about 4 minutes).
"""
from __future__ import annotations

from .errors import InputError

MAX_FILE_BYTES = 20_000_000
"""A file, an upload or stdin (PDFs carry images, so they get the most room)."""
MAX_HTML_BYTES = 5_000_000
"""An HTML file or upload: pages are mostly markup, and extracting one takes ~2.5 s per MB."""
MAX_ARTICLE_CHARS = 2_000_000
"""The text of one article, once extracted."""
MAX_ARTICLES_PER_ADD = 10_000
"""Articles in one add (a folder counts its files)."""


def megabytes(size: int) -> str:
    """A size in MB for messages, e.g. '20.9 MB'."""
    return f"{size / 1_000_000:.1f} MB"


def check_bytes(size: int, *, html: bool = False) -> None:
    """Refuse an input larger than its kind's limit, before reading or extracting it.
    (Messages do not name the input: whoever reports them does, once.)"""
    limit = MAX_HTML_BYTES if html else MAX_FILE_BYTES
    if size > limit:
        kind = "an HTML page" if html else "a file"
        advice = "save its text as a .txt file, or split it" if html else "split it into parts"
        raise InputError(f"too large: {megabytes(size)}; the limit for {kind} is "
                         f"{megabytes(limit)} per article ({advice})")


def check_text(text: str) -> None:
    """Refuse an article whose text is longer than MAX_ARTICLE_CHARS."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"too long: {len(text):,} characters of text; the limit is "
                         f"{MAX_ARTICLE_CHARS:,} per article (split it into parts)")


def check_count(count: int, label: str = "this add") -> None:
    """Refuse more than MAX_ARTICLES_PER_ADD articles at once."""
    if count > MAX_ARTICLES_PER_ADD:
        raise InputError(f"{label} has {count:,} articles; the limit is {MAX_ARTICLES_PER_ADD:,} per add "
                         "(add its sub-folders or parts one at a time)")
