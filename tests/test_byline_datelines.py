"""Article details from the lines under a title: datelines of a publication or place and a
date, the publication preferred to the town or the writer's job as the site."""
from __future__ import annotations

import pytest

from index.sources.byline import is_byline, read_byline, with_byline
from index.sources.extract import from_text


@pytest.mark.parametrize(("line", "site", "day"), [
    ("The Island Herald, Saturday 5 October 2024", "The Island Herald", "2024-10-05"),
    ("Dunmore, 3 March 2025", "Dunmore", "2025-03-03"),
    ("Monday 3 March 2025", None, "2025-03-03"),
    ("Friday, March 7, 2025", None, "2025-03-07"),
    ("Dunmore, 3 March 2025 | The Island Herald", "The Island Herald", "2025-03-03"),
])
def test_a_dateline_of_names_and_a_date_gives_the_date(line: str, site: str | None, day: str) -> None:
    assert read_byline(f"Ferry crews vote to strike\n{line}\nCrews at Dunmore voted on Monday.") == (None, site, day)
    assert is_byline(line)


@pytest.mark.parametrize("line", [
    "On Saturday, 5 October 2024, the runners set off.",
    "Fares rose on 4 May 2024, the operator said",
    "The crews met on 4 May 2024",
    "Dunmore, 3 March 2025 was the coldest day of the year",
])
def test_a_sentence_holding_a_date_is_no_dateline(line: str) -> None:
    assert read_byline(f"Ferry crews vote to strike\n{line}") == (None, None, None)


@pytest.mark.parametrize(("opening", "site", "day"), [
    ("PORT ELNA, 14 November 2026 — The new harbour bridge opened to traffic on Friday.", None, "2026-11-14"),
    ("Port Elna, 30 November 2026. Grace Wanjiru won the marathon on Sunday.", None, "2026-11-30"),
    ("Calder, December 2, 2026 - Librarians stopped work on Monday.", None, "2026-12-02"),
    ("CALDER (Dec 2, 2026) — Librarians stopped work on Monday.", None, "2026-12-02"),
    ("CALDER, Tuesday 2 December 2026 – Librarians stopped work on Monday.", None, "2026-12-02"),
    # The outlet in the brackets is the publication or agency.
    ("KESTON (Vale Wire) - Oct 14, 2026 - Ferries stopped on Wednesday.", "Vale Wire", "2026-10-14"),
])
def test_a_dateline_opening_the_first_paragraph_gives_the_date(opening: str, site: str | None, day: str) -> None:
    assert read_byline(f"Port Elna news\n\nBy Marta Keller\n\n{opening}") == ("Marta Keller", site, day)


def test_a_text_opening_with_its_dateline_is_read_from_its_first_line() -> None:
    """A plain-text article with no headline line: its title comes from the file name, and
    the dateline opening its first paragraph still gives the date and the outlet."""
    text = ("KESTON (Vale Post) - Jun 3, 2026 - Ferries to Orme Island stopped on Wednesday after a crane "
            "failed at the harbour.\n\nBy Ruth Okafor\n\nThe operator said repairs would take a week.")
    assert read_byline(text, "keston-ferries") == ("Ruth Okafor", "Vale Post", "2026-06-03")
    doc = with_byline(from_text(text, title="keston-ferries"))
    assert (doc.author, doc.site, doc.date, doc.date_source) == ("Ruth Okafor", "Vale Post", "2026-06-03",
                                                                 "dateline")
    # Under a headline, the headline line is still not read as a byline.
    assert read_byline("Keston ferries stop\n" + text, "Keston ferries stop")[2] == "2026-06-03"


def test_a_dateline_standing_as_its_own_sentence_is_no_answer() -> None:
    assert is_byline("Port Elna, 30 November 2026.")
    assert not is_byline("Port Elna, 30 November 2026. Grace Wanjiru won the marathon.")
    assert not is_byline("The marathon was run on 30 November 2026.")


def test_the_site_is_the_publication_not_the_writers_job_or_town() -> None:
    text = ("Orchard planted at Hollybank\nBy Mira Dale, Gardening Editor\nHOLLYBANK, 2 April 2025 | Valley Weekly\n"
            "Forty fruit trees went into the ground on Saturday.")
    assert read_byline(text) == ("Mira Dale", "Valley Weekly", "2025-04-02")


def test_a_document_gets_its_date_from_a_dateline_line() -> None:
    doc = with_byline(from_text("Runner sets a coastal path record\nBy Tom Reed\nThe Island Herald, Saturday "
                                "5 October 2024\n\nA runner from Dunmore finished the path in six hours.", None))
    assert (doc.author, doc.site, doc.date, doc.date_source) == ("Tom Reed", "The Island Herald", "2024-10-05",
                                                                 "dateline")


def test_an_authors_name_on_its_own_line_over_the_site_and_date() -> None:
    text = "Climbers rescued after a night on the ridge\n\nCallum Drysdale\nHighland Ledger - 18 November 2026\n\n" \
           "Two climbers were rescued on Sunday."
    assert read_byline(text) == ("Callum Drysdale", "Highland Ledger", "2026-11-18")


def test_a_publication_on_its_own_line_is_no_author() -> None:
    text = "Climbers rescued\n\nHighland Ledger\nCallum Drysdale - 18 November 2026\n\nTwo climbers were rescued."
    assert read_byline(text)[0] == "Callum Drysdale"


def test_a_line_naming_the_publication_among_the_byline_lines_is_the_site() -> None:
    text = "Bridge reopens\n\nBy Lena Holt\nHarnford Evening Star\nFriday 30 October 2026\n\nThe bridge opened."
    assert read_byline(text) == ("Lena Holt", "Harnford Evening Star", "2026-10-30")
    # A heading among them, a job or a section label names no publication.
    assert read_byline("Bridge reopens\n\nBy Lena Holt\nFriday 30 October 2026\n\nWhat Happens Next\n")[1] is None
    assert read_byline("Title\n\nBy Ann Lee\nHealth Editor\n12 May 2026\n\nBody.")[1] is None
    assert read_byline("Title\n\nBusiness\nBy Ann Lee\n12 May 2026\n\nThe Big Picture\n\nBody.")[1] is None
    # A headline that is not the title is not read as the publication.
    assert read_byline("Daily Mail Owner Sells Stake\n\nBy Ann Lee\n12 May 2026\n\nBody.",
                       "Daily Mail owner sells stake - Press Gazette")[1] is None


def test_a_county_in_a_datelines_brackets_is_no_outlet() -> None:
    assert read_byline("HEMBURY (Wiltshire) - Nov 5, 2026 - Opening hours will be cut.", "hembury")[1:] == \
        (None, "2026-11-05")
