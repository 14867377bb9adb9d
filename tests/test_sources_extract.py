"""Turning HTML, PDF, Markdown, plain text and pasted text into Documents."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fpdf import FPDF

from index.errors import InputError
from index.sources import Document, extract_html, extract_pdf, extract_text, from_text, load_path, normalise_text

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Tide Clocks of the Northern Lighthouses</title>
<meta name="author" content="Ada Quillfeather">
<meta property="article:published_time" content="2023-04-17T09:30:00Z">
<link rel="canonical" href="https://almanac.example.org/articles/tide-clocks">
</head><body>
<nav><a href="/">Home</a> | <a href="/archive">Archive</a></nav>
<article>
<h1>Tide Clocks of the Northern Lighthouses</h1>
<p>Before radio time signals reached the outer islands, every keeper on the northern chain kept a tide clock
beside the lamp room stairs. Its single hand went round twice a day, once for each high water.</p>
<p>The clocks were built by three workshops in the harbour town of Vellmoor. Each stamped a small anchor on
the brass plate, and collectors still argue about which anchor marks the earliest batch.</p>
<p>A keeper named Orrin Tasker wrote that his clock was wrong by eleven minutes on spring tides, so he
corrected it with a chalk mark on the dial, a habit that spread to the other stations within a decade.</p>
</article>
<footer>Copyright The Keeper's Almanac. All rights reserved.</footer>
</body></html>"""


def _pdf(lines: list[str], *, title: str | None = None, author: str | None = None,
         password: str | None = None) -> bytes:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if password:
        pdf.set_encryption(owner_password="owner-secret", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_normalise_text_changes_only_whitespace() -> None:
    raw = "\n  Title  \r\nline one \t\r\rline two\n\n\n\n\n  indented stays\n\n"
    assert normalise_text(raw) == "Title\nline one\n\nline two\n\n  indented stays"


def test_document_is_frozen() -> None:
    doc = Document(text="t", title="T", source="pasted")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "other"  # type: ignore[misc]
    assert (doc.url, doc.date, doc.author) == (None, None, None)


def test_html_article_text_and_metadata() -> None:
    doc = extract_html(ARTICLE_HTML.encode(), "http://mirror.example/copy", "http://mirror.example/copy")
    assert doc.title == "Tide Clocks of the Northern Lighthouses"
    assert doc.author == "Ada Quillfeather"
    assert doc.date == "2023-04-17"
    assert doc.url == "https://almanac.example.org/articles/tide-clocks"
    assert doc.source == "http://mirror.example/copy"
    assert "wrong by eleven minutes on spring tides" in doc.text
    assert "All rights reserved" not in doc.text and "Archive" not in doc.text
    assert "\n\nThe clocks were built by three workshops" in doc.text
    assert doc.text == normalise_text(doc.text)


def test_html_without_canonical_keeps_given_url_and_title_tag() -> None:
    html = ARTICLE_HTML.replace('<link rel="canonical" href="https://almanac.example.org/articles/tide-clocks">', "")
    html = html.replace("<h1>Tide Clocks of the Northern Lighthouses</h1>", "")
    html = html.replace("<title>Tide Clocks of the Northern Lighthouses</title>", "<title>Brass Tide Clocks</title>")
    doc = extract_html(html, "https://blog.example/tides", "https://blog.example/tides")
    assert (doc.url, doc.title) == ("https://blog.example/tides", "Brass Tide Clocks")


def test_html_from_file_has_no_url_unless_canonical(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('<link rel="canonical" href="https://almanac.example.org/articles/tide-clocks">', "")
    doc = load_path(_write(tmp_path, "tides.HTM", html))
    assert doc.url is None and doc.source == str(tmp_path / "tides.HTM")
    assert "Orrin Tasker" in doc.text


def test_html_without_text_is_empty_input() -> None:
    with pytest.raises(InputError, match="empty input: page.html has no text"):
        extract_html("<html><head><title>Nothing here</title></head><body></body></html>", None, "page.html")


def test_pdf_with_metadata(tmp_path: Path) -> None:
    data = _pdf(["Lichen grows a millimetre a year on the north wall."], title="Slow Gardens", author="Ivo Brenn")
    doc = load_path(_write(tmp_path, "slow.pdf", data))
    assert (doc.title, doc.author) == ("Slow Gardens", "Ivo Brenn")
    assert "Lichen grows a millimetre a year" in doc.text
    assert doc.date is not None and len(doc.date) == 10


def test_pdf_title_falls_back_to_first_short_line_then_stem() -> None:
    doc = extract_pdf(_pdf(["Notes on Lichen", "It grows slowly on stone."]), "lichen.pdf")
    assert doc.title == "Notes on Lichen"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=4)
    pdf.cell(text="moss " * 40)  # one unwrapped 200-character line
    assert extract_pdf(bytes(pdf.output()), "dir/lichen-notes.pdf").title == "lichen-notes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\nthis is not really a pdf", "unreadable PDF: bad.pdf"),
        (_pdf(["secret words"], password="letmein"), "encrypted PDF: bad.pdf needs a password"),
    ],
)
def test_broken_or_encrypted_pdf(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_pdf(data, "bad.pdf")
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_markdown_title_is_first_h1_outside_code(tmp_path: Path) -> None:
    text = "intro\n\n```sh\n# not a title\n```\n\n## Subheading\n\n# Rain Barrels ##\n\nBody text.\n"
    doc = load_path(_write(tmp_path, "barrels.markdown", text))
    assert doc.title == "Rain Barrels"
    assert doc.text == text.strip()


def test_markdown_without_heading_uses_stem() -> None:
    assert extract_text(b"just some words\nand more", "notes/rain-barrels.md", markdown=True).title == "rain-barrels"


def test_text_title_is_short_first_line(tmp_path: Path) -> None:
    doc = load_path(_write(tmp_path, "notes.txt", "\n\nRain Barrels  \r\n\r\nThey fill quickly in April.\r\n"))
    assert doc.title == "Rain Barrels"
    assert doc.text == "Rain Barrels\n\nThey fill quickly in April."


@pytest.mark.parametrize("text", ["A single line with no body after it", "x" * 151 + "\nsecond line"])
def test_text_title_falls_back_to_stem(text: str) -> None:
    assert extract_text(text.encode(), "dir/field-notes.text").title == "field-notes"


def test_text_decodes_bom_and_cp1252() -> None:
    assert extract_text(b"\xef\xbb\xbfCaf\xc3\xa9 hours\nopen early", "a.txt").text == "Caf\u00e9 hours\nopen early"
    assert extract_text(b"Caf\xe9 \x93hours\x94\nopen early", "b.txt").text == "Caf\u00e9 \u201chours\u201d\nopen early"


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 9)) * 20 + b"some text"]
)
def test_binary_input_is_refused(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "picture.txt", data)
    with pytest.raises(InputError, match=f"binary input: {path} is not text"):
        load_path(path)


@pytest.mark.parametrize("name", ["blank.txt", "blank.md"])
def test_empty_input_is_refused(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, " \n\t\r\n  \n")
    with pytest.raises(InputError, match=f"empty input: {path} has no text"):
        load_path(path)


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.docx", b"PK\x03\x04")
    with pytest.raises(InputError) as caught:
        load_path(path)
    assert str(caught.value) == "unsupported file type .docx (use .txt, .md, .html or .pdf)"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found: .*gone.txt"):
        load_path(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="not a file: "):
        load_path(tmp_path)


def test_from_text() -> None:
    doc = from_text("  Seed Swaps\n\nBring envelopes.  ", None)
    assert (doc.title, doc.text, doc.source, doc.url) == ("Seed Swaps", "Seed Swaps\n\nBring envelopes.", "pasted",
                                                          None)
    assert from_text("Bring envelopes.", "  My   notes ").title == "My notes"
    assert from_text("Bring envelopes.", "   ").title == "Pasted text"
    with pytest.raises(InputError, match="empty input: pasted has no text"):
        from_text(" \r\n ", "Title")
