"""Author and publication date from a text's byline or dateline, when metadata gave none.

"By Sam Porter, The Valley Courier, Sunday 14 May 2023", "Posted at 9:06 AM,
Jul 06, 2017" and "Published 2024-03-02" near the top of an article name who
wrote it and when; the text keeps them, the article's details record them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from .document import Document

MONTHS = ("january february march april may june july august september october november december").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATES = (
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
_BY = re.compile(r"^\s*(?i:(?:written\s+)?by)\s+(?P<who>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|bin)){0,4})")  # noqa: E501
_DATELINE = re.compile(r"^\s*(?:posted|published|updated|last updated|first published)\b", re.I)
_HEAD_LINES = 5
_DATE_PART = re.compile(rf"\d|^{_MONTH}$", re.I)
_EMPHASIS = re.compile(r"[*_]{1,3}")
_PARTICLES = {"de", "van", "von", "da", "del", "bin", "al", "la", "le"}
_PUBLICATION = re.compile(r"\b(the|courier|herald|post|daily|times|news|sport|sports|quarterly|gazette|journal|"
                          r"review|press|weekly|tribune|chronicle|observer|magazine|mail|star|echo|express|"
                          r"standard|telegraph|guardian|independent|radio|tv|online|media|health|business|ledger|"
                          r"bulletin|record|advertiser|examiner|sentinel|mercury|argus|dispatch|inquirer|register|"
                          r"globe|voice|today|reuters|agency)\b", re.I)
_SEGMENTS = re.compile(r"\s*[,|·•–—]\s*|\s+-\s+")
_WEEKDAY = re.compile(r"(mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_CALENDAR_WORD = re.compile(rf"\b(\d{{1,4}}(st|nd|rd|th)?|{_MONTH})(?!\w)", re.I)
# A dateline opening the first paragraph: "PORT ELNA, 14 November 2026 — The bridge opened",
# "Port Elna, 30 November 2026. Runners ...", "CALDER (Dec 2, 2026) - Librarians ...",
# "PORT ELDRA (Northwind Wire) - Oct 14, 2026 - Flights ...".
_LEAD_DATELINE = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}\s*"
                            r"(?:\((?P<outlet>[^()\d]{2,40})\)\s*(?:,|—|–|-)\s*|,\s*|\(\s*)"
                            r"(?P<date>[^—–()]{6,40}?)\s*\)?\s*(?:—|–|\s-\s|\.\s|:\s|\.$)")
# The words of a newspaper's or an agency's name ("Evening Star", "Northwind Wire", "Sports Desk").
_MASTHEAD = re.compile(r"\b(courier|herald|post|daily|times|gazette|journal|tribune|chronicle|observer|mail|star|"
                       r"echo|express|standard|telegraph|guardian|independent|ledger|bulletin|advertiser|examiner|"
                       r"sentinel|mercury|argus|dispatch|inquirer|register|globe|wire|news|press|desk|agency|"
                       r"reuters)\b", re.I)
# A writer's job, not a publication: "By Ann Lee, Consumer Affairs Editor".
_ROLE = re.compile(r"\b(editor|correspondent|reporter|writer|columnist|staff|contributor|critic|analyst)s?\b", re.I)


def find_date(text: str) -> str | None:
    """The first calendar date written in `text`, as YYYY-MM-DD."""
    for pattern in _DATES:
        m = pattern.search(text)
        if m is None:
            continue
        month = m.group("m")
        number = int(month) if month.isdigit() else MONTHS.index(
            next(name for name in MONTHS if name.startswith(month.lower().rstrip(".")[:3])).lower()) + 1
        try:
            return date(int(m.group("y")), number, int(m.group("d"))).isoformat()
        except ValueError:
            continue
    return None


def _is_person(segment: str) -> bool:
    """Two to four capitalised words that do not read like a publication's name."""
    words = segment.split()
    return (2 <= len(words) <= 4 and all(w[0].isupper() or w in _PARTICLES for w in words)
            and not _PUBLICATION.search(segment))


def _read_line(line: str) -> tuple[str | None, str | None, str | None]:
    """(author, site, date) of one byline or dateline; all None for any other line."""
    line = _EMPHASIS.sub("", line).strip()
    # A byline is a short line of short parts that does not end like a sentence.
    if len(line) > 160 or not line or line.endswith((".", "!", "?", '."', ".”")):
        return None, None, None
    segments = [seg.strip(" .") for seg in _SEGMENTS.split(line) if seg.strip(" .")]
    if any(len(seg.split()) > 7 for seg in segments):
        return None, None, None
    is_byline = bool(_BY.match(line)) or bool(_DATELINE.match(line)) or (
        len(segments) >= 2 and (_is_person(segments[0]) or any(_BY.match(seg) for seg in segments))) or (
        _is_dateline(line, segments))
    if not is_byline:
        return None, None, None
    author = found = None
    places: list[str] = []
    for seg in segments:
        by = _BY.match(seg)
        if by:
            author = author or by.group("who").strip()
        elif find_date(seg) or _DATELINE.match(seg) or _WEEKDAY.fullmatch(seg):
            found = found or find_date(seg)
        elif author is None and _is_person(seg) and seg is segments[0]:
            author = seg
        elif seg[0].isupper() and not _DATE_PART.search(seg) and not _ROLE.search(seg):
            places.append(seg)
    # "SALTMERE, 25 January 2025 — By Beatrix Nolan, Coastal Weekly": the publication, not the town.
    site = next((p for p in places if _PUBLICATION.search(p)), places[0] if places else None)
    return author, site, found or find_date(line)


def _is_name(segment: str) -> bool:
    """A short run of capitalised words ("The Meridian Post", "Kelderby")."""
    words = segment.split()
    return 1 <= len(words) <= 6 and all(w[0].isupper() or w.lower() in _PARTICLES | {"the", "of", "and"}
                                        for w in words)


def _is_date_part(segment: str) -> bool:
    """A date or a piece of one and little else ("Tuesday 10 December 2024", "March 3", "2025")."""
    rest = _CALENDAR_WORD.sub(" ", _WEEKDAY.sub(" ", segment))
    return bool(_DATE_PART.search(segment)) and len(rest.split()) <= 1


def _is_dateline(line: str, segments: list[str]) -> bool:
    """A date with names around it: "The Meridian Post, Tuesday 10 December 2024", "Kelderby, 25 October 2024"."""
    return bool(find_date(line)) and all(_is_date_part(seg) or _WEEKDAY.fullmatch(seg) or _is_name(seg)
                                         for seg in segments)


def _lead_dateline(line: str) -> re.Match[str] | None:
    m = _LEAD_DATELINE.match(_EMPHASIS.sub("", line))
    return m if m is not None and _is_date_part(m.group("date").strip(" ,")) else None


def lead_date(line: str) -> str | None:
    """The date of a dateline opening a paragraph ("PORT ELNA, 14 November 2026 — ..."), as YYYY-MM-DD."""
    m = _lead_dateline(line)
    return find_date(m.group("date")) if m else None


def lead_outlet(line: str) -> str | None:
    """The publication or agency a dateline names in brackets ("PORT ELDRA (Northwind Wire) - Oct 14,
    2026 - ...": Northwind Wire)."""
    m = _lead_dateline(line)
    outlet = m.group("outlet").strip() if m and m.group("outlet") else None
    # "HEMBURY (Wiltshire) - ...": a county in the brackets is no outlet
    return outlet if outlet and _is_name(outlet) and _MASTHEAD.search(outlet) else None


def is_byline(line: str) -> bool:
    """True for a byline or dateline ("By Sam Porter, The Valley Courier", "Posted at 9:06 AM, ...",
    "Port Elna, 30 November 2026.")."""
    plain = _EMPHASIS.sub("", line).strip()
    lead = _LEAD_DATELINE.match(plain)
    whole_dateline = lead is not None and lead.end() >= len(plain) and lead_date(plain) is not None
    return any(_read_line(line)) or bool(_DATELINE.match(plain)) or whole_dateline


def read_byline(text: str, title: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(author, site, YYYY-MM-DD date) from the bylines and datelines under the title (and
    in the first line, when the title is not that line: a text opening with its dateline)."""
    author = site = found = None
    lines = [ln for ln in text.split("\n") if ln.strip()]
    titled = title is None or _EMPHASIS.sub("", lines[0] if lines else "").strip(" #") == title.strip()
    head = lines[1:_HEAD_LINES] if len(lines) > 1 and titled else lines[:_HEAD_LINES]
    for i, line in enumerate(head):
        a, s, d = _read_line(line)
        named = _bare_name(head[i - 1]) if i > 0 else None
        if named and d and author is None:
            # "Callum Drysdale" over "Highland Ledger - 18 November 2026": the line
            # under the author's name names the publication, not another author.
            author, s = named, s or a
            a = None
        author, site, found = author or a, site or s or lead_outlet(line), found or d or lead_date(line)
    if site is None and (author or found):
        site = _masthead_line(head if titled else head[1:])  # a first line not the title may be a headline
    return author, site, found


def _masthead_line(head: list[str]) -> str | None:
    """"By Lewin Ashdown" / "Harnford Evening Star" / "Friday 30 October 2026": a line of
    its own right beside a byline or dateline, naming a publication by a masthead's word
    (not "Health Editor", a "Business" label or a subheading)."""
    for i, line in enumerate(head):
        plain = _EMPHASIS.sub("", line).strip()
        beside = [head[j] for j in (i - 1, i + 1) if 0 <= j < len(head)]
        if _is_name(plain) and len(plain.split()) >= 2 and _MASTHEAD.search(plain) and not _ROLE.search(plain) \
                and not any(_read_line(line)) and any(any(_read_line(b)) for b in beside):
            return plain
    return None


def _bare_name(line: str) -> str | None:
    """A line that is only a person's name ("Rhiannon Talbot"; not "Highland Ledger")."""
    plain = _EMPHASIS.sub("", line).strip()
    return plain if len(_SEGMENTS.split(plain)) == 1 and _is_person(plain) else None



def with_byline(doc: Document) -> Document:
    """The document with author, site and date filled from its byline where metadata had none."""
    if doc.author and doc.date and doc.site:
        return doc
    author, site, found = read_byline(doc.text, doc.title)
    source = doc.date_source if doc.date else ("dateline" if found else None)
    return replace(doc, author=doc.author or author, site=doc.site or site, date=doc.date or found,
                   date_source=source)


def display_date(value: str | None) -> str | None:
    """'6 July 2017' for a stored ISO date (or timestamp); other text as it is."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{parsed.day} {parsed:%B %Y}"
