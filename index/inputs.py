"""Turning what a user names on the command line (paths, folders, URLs, stdin, JSONL) into documents."""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .limits import MAX_FILE_BYTES, check_bytes, check_count
from .sources import Document, UrlFetcher, extract_text, from_text, load_path, load_url, titled

FILE_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})

Loaded = tuple[str, "Document | InputError"]
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)
_JSONL_FIELDS = ("text", "path", "url", "title", "date")


def is_url(item: str) -> bool:
    """True for http(s) URLs."""
    return item.lower().startswith(("http://", "https://"))


def refused_scheme(item: str) -> str | None:
    """The scheme of a URL that is not http(s) (`file`, `gopher`, `ftp`…), or None for
    http(s) and for anything that reads as a path (`C:\\x` is a drive, not a scheme)."""
    found = _SCHEME.match(item)
    if found is None or is_url(item) or len(found.group(1)) == 1 or "//" not in item[found.end():found.end() + 2]:
        return None
    return found.group(1).lower()


def _scheme_error(item: str) -> InputError | None:
    scheme = refused_scheme(item)
    if scheme is None:
        return None
    return InputError(f"{scheme}:// URLs are not allowed: only http:// and https:// (give a file as a path)")


def describe(label: str, error: Exception) -> str:
    """`label: error`, without naming the item twice when the error already does."""
    text = str(error)
    return text if label in text else f"{label}: {text}"


# A folder's notes about itself, not articles: README.md describes the folder it is in.
_FOLDER_NOTES = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def files_under(folder: Path) -> list[Path]:
    """The article files under a folder, recursively by extension: not its README,
    LICENSE or CHANGELOG, nor anything hidden (`.git/`, `.notes.md`)."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in FILE_EXTENSIONS and p.stem.lower() not in _FOLDER_NOTES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _load_one(item: str, fetcher: UrlFetcher, title: str | None) -> Document:
    if item == "-":
        # Bytes, decoded like a file's: binary or undecodable input is an InputError, not a traceback.
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        check_bytes(len(data))
        return from_text(extract_text(data, "stdin").text, title)
    doc = load_url(item, fetcher) if is_url(item) else load_path(Path(item).resolve())
    return titled(doc, title)


def load_items(items: list[str], fetcher: UrlFetcher, title: str | None = None) -> Iterator[Loaded]:
    """Yield (label, document or the error that stopped it) for each item; folders are
    read recursively by extension, so one bad file never stops the others."""
    for item in items:
        refused = _scheme_error(item)
        if refused is not None:
            yield item, refused
            continue
        path = Path(item)
        if item != "-" and not is_url(item) and path.is_dir():
            files = files_under(path)
            if not files:
                yield item, InputError(f"no .txt, .md, .html or .pdf files under {item}")
            try:
                check_count(len(files), "the folder")
            except InputError as error:
                yield item, error
                continue
            for file in files:
                yield from load_items([str(file)], fetcher, title)
            continue
        if item != "-" and not is_url(item) and not path.exists():
            yield item, InputError(f"no such file: {item}")
            continue
        try:
            yield item, _load_one(item, fetcher, title)
        except InputError as error:
            yield item, error


def load_jsonl(path: Path, fetcher: UrlFetcher) -> Iterator[Loaded]:
    """Yield one document per line of `{"text"|"path"|"url": ..., "title", "url", "date"}`."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        yield str(path), InputError(f"cannot read {path}: {error}")
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        try:
            yield label, _from_record(json.loads(line), fetcher, label)
        except json.JSONDecodeError as error:
            yield label, InputError(f"line {number} is not JSON: {error.msg}")
        except InputError as error:
            yield label, error


def _from_record(record: object, fetcher: UrlFetcher, label: str) -> Document:
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be an object with text, path or url")
    for key in _JSONL_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f'"{key}" must be a string, not {type(record[key]).__name__} {record[key]!r:.40}')
    title = record.get("title")
    if "text" in record:
        doc = from_text(str(record["text"]), title)
    elif "path" in record:
        doc = load_path(Path(str(record["path"])).resolve())
    elif "url" in record:
        if (refused := _scheme_error(record["url"])) is not None:
            raise refused
        doc = load_url(str(record["url"]), fetcher)
    else:
        raise InputError("a JSONL line needs one of text, path or url")
    doc = replace(doc, url=record.get("url") or doc.url, date=record.get("date") or doc.date)
    if record.get("date"):
        doc = replace(doc, date_source="given")
    return titled(doc, title)


_ARTICLE_ID = re.compile(r"#?([0-9]{1,18})", re.ASCII)
_SPAN = re.compile(r"([0-9]{1,12})[-–]([0-9]{1,12})", re.ASCII)


def parse_article_id(text: str) -> int | None:
    """An article id as users write it, `3` or `#3` (lists show `#3`); None for anything else."""
    found = _ARTICLE_ID.fullmatch(text.strip())
    return int(found.group(1)) if found else None


def parse_span(text: str) -> tuple[int, int] | None:
    """`FROM-TO` character offsets (as sources show `chars 120-340`), or None."""
    found = _SPAN.fullmatch(text.strip())
    if found is None or int(found.group(1)) >= int(found.group(2)):
        return None
    return int(found.group(1)), int(found.group(2))
