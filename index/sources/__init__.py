"""The input side of the knowledge base: files, URLs and pasted text become Documents."""
from index.sources.document import Document, normalise_text, titled
from index.sources.extract import (
    extract_html,
    extract_pdf,
    extract_text,
    from_text,
    load_bytes,
    load_path,
    load_url,
)
from index.sources.fetch import FetchedPage, UrlFetcher

__all__ = [
    "Document",
    "FetchedPage",
    "UrlFetcher",
    "extract_html",
    "extract_pdf",
    "extract_text",
    "from_text",
    "load_bytes",
    "load_path",
    "load_url",
    "normalise_text",
    "titled",
]
