"""Dates in the store: where each came from, and since/before windows filtered in the store's
own queries (so a window never empties a result that exists), on both engines."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from index.dates import age_text, date_window, parse_day
from index.errors import InputError
from index.library import KnowledgeBase
from index.records import DateWindow, SearchMode
from index.sources import Document, extract_html, from_text

BOTH_ENGINES = True
TODAY = date(2026, 12, 2)


def old_and_new(count_old: int) -> list[Document]:
    """Many 2019 articles about bridges, and one 2026 article about a bridge."""
    docs = [Document(text=f"The Stonebridge repair, part {i}. Engineers replaced bolt number {i} on the old bridge "
                          f"over the river, and traffic waited {i} minutes.", title=f"Bridge notes {i}",
                     source=f"old-{i}", date="2019-05-01", date_source="given") for i in range(count_old)]
    docs.append(Document(text="The new footbridge over the river opened with a ribbon cut by the mayor. Engineers "
                              "said its bolts are stainless steel.", title="Footbridge opens", source="new",
                         date="2026-11-28", date_source="given"))
    return docs


@pytest.mark.parametrize("mode", ["keyword", "vector", "hybrid"])
def test_a_window_filters_inside_the_store_and_never_empties_a_result_that_exists(
        kb: KnowledgeBase, mode: SearchMode) -> None:
    library = kb.collection("dated")
    library.add_many(old_and_new(60))
    recent = library.search("bridge bolts engineers river", mode, 5, DateWindow(since="2026-01-01"))
    assert [r.title for r in recent] == ["Footbridge opens"]
    older = library.search("bridge bolts engineers river", mode, 5, DateWindow(before="2020-01-01"))
    assert len(older) == 5 and all(r.date == "2019-05-01" for r in older)
    assert library.search("bridge", mode, 5, DateWindow("2021-01-01", "2022-01-01")) == []


def test_undated_articles_count_from_the_day_they_were_added(kb: KnowledgeBase) -> None:
    library = kb.collection("dated")
    library.add(from_text("The parish council approved a skate park next to the tennis courts.", "Skate park"))
    (info,) = library.articles()
    assert info.date is None and info.date_source == "added" and info.when == info.added_at[:10]
    today = info.added_at[:10]
    assert [r.title for r in library.search("skate park", "hybrid", 3, DateWindow(since=today))] == ["Skate park"]
    assert library.search("skate park", "hybrid", 3, DateWindow(before=today)) == []
    assert [i.title for i in library.dated(DateWindow(since=today))] == ["Skate park"]


def test_where_a_date_came_from_is_kept(kb: KnowledgeBase) -> None:
    library = kb.collection("dated")
    meta = extract_html('<html><head><meta property="article:published_time" content="2025-03-04T10:00:00Z">'
                        '<title>Pier</title></head><body><article><p>The pier reopened after the storm damage was '
                        'repaired by the town.</p></article></body></html>', None, "pier.html")
    dateline = from_text("Lido reopens\nBy Ann Lee, Coast Times, 5 June 2024\nThe lido reopened for the summer "
                         "with a new heated pool.", None)
    library.add_many([meta, dateline])
    sources = {i.title: (i.date, i.date_source) for i in library.articles()}
    assert sources == {"Pier": ("2025-03-04", "metadata"), "Lido reopens": ("2024-06-05", "dateline")}
    newest = library.dated()
    assert [i.title for i in newest] == ["Pier", "Lido reopens"]


def test_user_dates_and_ages() -> None:
    assert parse_day("7d", TODAY) == "2026-11-25" and parse_day("2w", TODAY) == "2026-11-18"
    assert parse_day("2026-01-05", TODAY) == "2026-01-05" and parse_day("yesterday", TODAY) == "2026-12-01"
    with pytest.raises(InputError, match="7d, 2w"):
        parse_day("last tuesday", TODAY)
    with pytest.raises(InputError, match="must come before"):
        date_window("2026-02-01", "2026-01-01", TODAY)
    assert date_window("", None, TODAY) == DateWindow() and not DateWindow()
    assert age_text("2026-12-02", TODAY) == "today" and age_text("2026-11-29", TODAY) == "3 days ago"
    assert age_text("2026-11-11", TODAY) == "3 weeks ago" and age_text("2017-07-06", TODAY) == "9 years ago"


def test_every_age_is_said_the_same_way() -> None:
    """One phrasing from today backwards ("yesterday", "2 days ago", ...) and forwards: the
    byline said "(from yesterday)" of one article and "(4 days old)" of another."""
    ages = {back: age_text((TODAY - timedelta(days=back)).isoformat(), TODAY)
            for back in (-40, -2, -1, 0, 1, 2, 4, 13, 14, 59, 60, 729, 730)}
    assert ages == {-40: "in 5 weeks", -2: "in 2 days", -1: "tomorrow", 0: "today", 1: "yesterday",
                    2: "2 days ago", 4: "4 days ago", 13: "13 days ago", 14: "2 weeks ago", 59: "8 weeks ago",
                    60: "2 months ago", 729: "24 months ago", 730: "2 years ago"}
    assert age_text(None, TODAY) is None and age_text("not a date", TODAY) is None
