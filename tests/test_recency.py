"""Questions about what is recent prefer newer articles; answers say how old cited articles are."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.answering import AnswerService
from bot.answering.overview_kinds import kind_of
from bot.answering.recency import asks_for_recent, rank_by_recency, window_asked
from index.library import KnowledgeBase
from index.records import DateWindow, SearchResult
from index.sources import Document

def today() -> date:
    """Today in UTC, read when a test runs (a suite running past midnight sees the new day)."""
    return datetime.now(timezone.utc).date()


def hit(article_id: int, score: float, when: str | None) -> SearchResult:
    return SearchResult(article_id, f"a{article_id}", article_id, "text", 0, 4, score, date=when)


def test_recency_words_and_ranking() -> None:
    assert asks_for_recent("What's the latest on the footbridge?") and asks_for_recent("any news this week?")
    assert not asks_for_recent("Who designed the footbridge?")
    today = date(2026, 12, 2)
    ranked = rank_by_recency([hit(1, 0.80, "2021-01-01"), hit(2, 0.70, "2026-12-01"), hit(3, 0.30, "2026-12-02"),
                              hit(4, 0.78, None)], today, 3)
    assert [r.article_id for r in ranked] == [2, 1, 4]  # fresh and relevant first; relevance still counts


def test_a_question_about_the_latest_cites_the_newer_article(kb: KnowledgeBase) -> None:
    library = kb.collection("recent")
    library.add_many([
        Document(text="Footbridge repair delayed\n\nThe repair of the Mill Lane footbridge over the canal has been "
                      "delayed again because the steel beams arrived bent.", title="Footbridge repair delayed",
                 source="old", date="2024-03-10", date_source="given"),
        Document(text="Footbridge reopens\n\nThe Mill Lane footbridge over the canal reopened on Monday after its "
                      "repair, with new steel beams and a wider deck.", title="Footbridge reopens",
                 source="new", date=(today() - timedelta(days=2)).isoformat(), date_source="given"),
    ])
    service = AnswerService(kb)
    answer = service.ask("recent", "What is the latest on the Mill Lane footbridge repair?")
    assert not answer.abstained and answer.citations[0].title == "Footbridge reopens"
    assert "(2 days ago)" in answer.citations[0].byline


def test_anything_new_on_a_topic_leads_with_the_newest_article_on_it(kb: KnowledgeBase) -> None:
    library = kb.collection("topic-news")
    library.add_many([
        Document(text="Ferry talks stall\n\nTalks to save the Inchcraig ferry stalled on Tuesday when the island "
                      "council and the operator could not agree on a subsidy.", title="Inchcraig ferry talks stall",
                 source="ferry-1", date=(today() - timedelta(days=9)).isoformat(), date_source="given"),
        Document(text="Ferry saved\n\nThe Inchcraig ferry will keep running after the island council agreed on "
                      "Friday to pay the operator a subsidy for three more years.", title="Inchcraig ferry saved",
                 source="ferry-2", date=(today() - timedelta(days=3)).isoformat(), date_source="given"),
        Document(text="Bakery opens\n\nA new bakery opened on the harbour front on Monday, selling bread baked "
                      "in a wood-fired oven.", title="Harbour bakery opens", source="bakery",
                 date=(today() - timedelta(days=1)).isoformat(), date_source="given"),
    ])
    service = AnswerService(kb)
    for question in ("anything new on the inchcraig ferry?", "whats the latest on the ferry", "ferry news?"):
        answer = service.ask("topic-news", question)
        assert not answer.abstained and answer.citations[0].title == "Inchcraig ferry saved", question
        assert all("bakery" not in c.title.lower() for c in answer.citations), question
    assert kind_of("whats the new bakery called") is None
    assert kind_of("when will the council make a new decision on the ferry") is None
    assert kind_of("what is the latest date for applications") is None
    assert kind_of("how did the council update residents on the closure") is None


@pytest.mark.parametrize(("question", "since"), [
    ("what's new today?", "2026-12-06"),
    ("anything from yesterday", "2026-12-05"),
    ("what's new this week?", "2026-11-30"),
    ("what is new this month", "2026-12-01"),
    ("anything new in the past three days", "2026-12-03"),
    ("what's new in the last 2 weeks", "2026-11-22"),
    ("what's new in the past month", "2026-11-06"),
])
def test_the_period_a_question_names_is_a_window_ending_today(question: str, since: str) -> None:
    assert window_asked(question, date(2026, 12, 6)) == DateWindow(since, None)
    assert kind_of(question) is None or kind_of(question) == ("latest", "")


def test_a_question_naming_no_period_has_no_window() -> None:
    assert window_asked("what's new?", date(2026, 12, 6)) is None
    assert window_asked("who won the race last year", date(2026, 12, 6)) is None
