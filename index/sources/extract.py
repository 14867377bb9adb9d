"""Turn a file, a fetched URL or pasted text into a `Document`."""
from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import trafilatura
from lxml.etree import LxmlError
from pypdf import PdfReader

from index.errors import InputError
from index.limits import check_bytes, check_text
from index.sources.document import Document, normalise_text
from index.sources.fetch import UrlFetcher

MAX_TITLE_CHARS = 150
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".pdf": "pdf",
}
# C0 controls other than tab, newline, form feed and carriage return, plus DEL.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_MAX_CONTROL_SHARE = 0.05
_MD_HEADING = re.compile(r"^ {0,3}# +(.+?)(?: +#+)? *$")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _body(text: str, source: str) -> str:
    check_text(text)  # before normalising: that takes time on a huge text too
    text = normalise_text(text)
    if not text:
        raise InputError(f"empty input: {source} has no text")
    return text


def _clean_title(title: str | None) -> str | None:
    title = " ".join((title or "").split())
    return title or None


def _name_from_source(source: str) -> str:
    """A last-resort title: the file stem, or the URL's last path segment or host."""
    if source == "pasted":
        return "Pasted text"
    if source.startswith(("http://", "https://")):
        parts = urlsplit(source)
        return PurePosixPath(unquote(parts.path)).stem or parts.hostname or source
    return Path(source).stem or source


def _first_line_title(text: str) -> str | None:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and len(lines[0].strip()) <= MAX_TITLE_CHARS:
        return _clean_title(lines[0])
    return None


def _markdown_title(text: str) -> str | None:
    in_fence = False
    for line in text.split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _MD_HEADING.match(line)):
            return _clean_title(match.group(1))
    return None


def _html_title_tag(html: bytes | str) -> str | None:
    try:
        return _clean_title(lxml.html.fromstring(html).findtext(".//title"))
    except (LxmlError, ValueError):
        return None


def _web_url(candidate: str | None, base: str | None) -> str | None:
    if not candidate:
        return None
    absolute = urljoin(base, candidate) if base else candidate
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def extract_html(html: bytes | str, url: str | None, source: str) -> Document:
    """Extract an article's main text and metadata from HTML with trafilatura.

    The URL is the page's canonical URL when it declares one, else `url`.
    Blocks (paragraphs, headings, list items) are separated by a blank line.
    """
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    assert not isinstance(result, dict)  # a dict only when as_dict=True is asked for
    # Plain text (not markdown, which escapes characters like "_" and "*") has one
    # block per line; a blank line between blocks matches how .txt/.md files read.
    text = (result.text or "") if result is not None else ""
    body = _body(text.replace("\n", "\n\n"), source)
    title = _clean_title(result.title if result else None) or _html_title_tag(html)
    return Document(
        text=body,
        title=title or _name_from_source(source),
        source=source,
        url=_web_url(result.url if result else None, url) or url,
        date=result.date if result else None,
        author=_clean_title(result.author if result else None),
        site=_clean_title(result.sitename if result else None),
        date_source="metadata" if result and result.date else None,
    )


def _opens_without_password(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 (e.g. AES without the optional cryptography package: still locked to us)
        return False


def extract_pdf(data: bytes, source: str) -> Document:
    """Extract the text of every page of a PDF; the title comes from its metadata if set."""
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are "encrypted" only against editing and open with an empty password.
        if reader.is_encrypted and not _opens_without_password(reader):
            raise InputError(f"encrypted PDF: {source} needs a password")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
        meta = reader.metadata
    except InputError:
        raise
    except Exception as exc:  # pypdf reports damaged files with many unrelated exception types
        raise InputError(f"unreadable PDF: {source} ({type(exc).__name__})") from exc
    body = _body(text, source)
    first_line = next((line.strip() for line in body.split("\n") if line.strip()), "")
    title = _clean_title(meta.title if meta else None)
    if title is None and len(first_line) <= MAX_TITLE_CHARS:
        title = _clean_title(first_line)
    try:
        created = meta.creation_date if meta else None
    except ValueError:  # a malformed date string in the metadata
        created = None
    return Document(
        text=body,
        title=title or _name_from_source(source),
        source=source,
        date=created.date().isoformat() if created else None,
        author=_clean_title(meta.author if meta else None),
        date_source="metadata" if created else None,
    )


def _decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM), else cp1252, refusing bytes that look binary."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or controls > _MAX_CONTROL_SHARE * len(data):
        raise InputError(f"binary input: {source} is not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"binary input: {source} is neither UTF-8 nor cp1252 text") from exc


def extract_text(data: bytes, source: str, *, markdown: bool = False) -> Document:
    """Read plain text or Markdown bytes.

    The title is the first `# ` heading (Markdown), or the first line when it is
    short and more lines follow (text), else the name of the source.
    """
    body = _body(_decode(data, source), source)
    title = _markdown_title(body) if markdown else _first_line_title(body)
    return Document(text=body, title=title or _name_from_source(source), source=source)


def load_path(path: Path) -> Document:
    """Load a .txt, .text, .md, .markdown, .html, .htm or .pdf file by its extension."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"file not found: {path}")
    if not path.is_file():
        raise InputError(f"not a file: {path}")
    suffix = path.suffix.lower()
    kind = _SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise InputError(f"unsupported file type {suffix or '(none)'} (use .txt, .md, .html or .pdf)")
    try:
        check_bytes(path.stat().st_size, html=kind == "html")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"unreadable file: {path} ({exc.strerror or exc})") from exc
    source = str(path)
    if kind == "html":
        return extract_html(data, None, source)
    if kind == "pdf":
        return extract_pdf(data, source)
    return extract_text(data, source, markdown=kind == "markdown")


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """Re-encode a body whose server declared a charset, so extract_text sees UTF-8."""
    if not charset:
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):  # unknown or wrong charset: let extract_text guess
        return body


def load_url(url: str, fetcher: UrlFetcher) -> Document:
    """Fetch `url` with `fetcher` and extract it according to its content type.

    `source` is the URL as given; `url` is the canonical URL or the final one after redirects.
    """
    page = fetcher.fetch(url)
    if page.content_type in _HTML_TYPES:
        check_bytes(len(page.body), html=True)
        html: bytes | str = page.body
        if page.charset:
            try:
                html = page.body.decode(page.charset)
            except (LookupError, UnicodeDecodeError):
                html = page.body  # trafilatura detects the encoding itself
        return extract_html(html, page.url, url)
    if page.content_type == "application/pdf":
        return replace(extract_pdf(page.body, url), url=page.url)
    suffix = PurePosixPath(urlsplit(page.url).path).suffix.lower()
    markdown = page.content_type == "text/markdown" or _SUFFIX_KINDS.get(suffix) == "markdown"
    return replace(extract_text(_as_utf8(page.body, page.charset), url, markdown=markdown), url=page.url)


def from_text(text: str, title: str | None, source: str = "pasted") -> Document:
    """Make a Document from pasted text; without a title, a short first line becomes it."""
    body = _body(text, source)
    chosen = _clean_title(title)
    return Document(
        text=body,
        title=chosen or _first_line_title(body) or _name_from_source(source),
        source=source,
        title_given=bool(chosen),
    )


def load_bytes(data: bytes, filename: str, source: str) -> Document:
    """Extract an uploaded file's bytes by its name's extension (.txt, .md, .html, .pdf, ...).

    `source` names the upload (e.g. the attachment's filename) and is what a later
    upload of the same name with new content updates.
    """
    suffix = PurePosixPath(filename).suffix.lower()
    kind = _SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise InputError(f"unsupported file type {suffix or '(none)'} (use .txt, .md, .html or .pdf)")
    check_bytes(len(data), html=kind == "html")
    if kind == "html":
        return extract_html(data, None, source)
    if kind == "pdf":
        return extract_pdf(data, source)
    return extract_text(data, source, markdown=kind == "markdown")
