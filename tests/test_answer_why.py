"""A "why" answer quotes the reason, not the claim restating the question: a time is no
reason ("since 1934", "after finishing"), and news gives the reason after the claim,
often in the next paragraph and without a cue word."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answering import AnswerService
from bot.answering.evidence import sentences_of
from bot.answering.question_shapes import ShapeEvidence
from bot.answering.quoting import spans_for
from bot.answering.reasons import asks_why
from index.embedding import Embedder
from index.library import KnowledgeBase
from index.records import SearchResult
from index.sources import from_text
from index.sources.extract import load_path

pytestmark = pytest.mark.usefixtures("one_torch_thread")

WHY = ShapeEvidence("Why was the regatta called off?")


@pytest.mark.parametrize(("question", "why"), [
    ("what's behind the pharmacy merger", True), ("what is the reason behind the closure", True),
    ("what caused the fire", True), ("what makes up the committee", False), ("what leads to the beach", False),
    ("what did the mayor say", False), ("who made the lanterns", False),
    ("what's the deal with shop owners being against the plan", True), ("what's up with the bus cut", True),
    ("what's the reason parents are so against the merger", True), ("any idea why the game got called off", True),
    ("ok but why", True), ("what prompted the move", True),
    ("who explained why the sky is blue", False), ("what did she say about why it closed", False),
    ("what drove the car off the road", False),
])
def test_a_reason_is_asked_many_ways(question: str, why: bool) -> None:
    assert asks_why(question) is why


@pytest.mark.parametrize("text", [
    "The race was started by the mayor, Ann Bell.",
    "The petition was started by parents at the school.",
    "The yacht club has run the regatta since 1952.",
    "Pellow won the cup after finishing level on points with two other crews.",
    "The regatta was due to bring forty yachts to the bay in August.",
    "The harbour reopened shortly after high tide.",
    "The boats were launched after 6pm on Friday.",
    "The skippers held that luck could not be judged by reason.",
])
def test_a_time_is_no_reason(text: str) -> None:
    assert WHY(text)[0] == 0.0


@pytest.mark.parametrize("text", [
    "The regatta was called off because only eleven crews had entered.",
    "The race was abandoned after the wind rose to a gale.",
    "The committee put the low entry down to the cost of mooring.",
    "The club blamed the loss on the missing sponsor.",
    "The start was delayed due to fog in the bay.",
    "The harbour was closed after two days of storms.",
    "The commodore stood down for family reasons.",
    "The closure was due to flooding.",
    "The delay was due to the storm.",
    "Winds of up to 70mph forced the team back below the ridge.",
    "The trust hopes the beavers will build dams that hold water on the marsh.",
    "A shortage of surgeons meant that 340 operating sessions were cancelled.",
    "Inspectors linked the outbreak to a garlic mayonnaise.",
    "The blaze was started by an electrical fault in a forklift battery charger.",
    "The fire was started by a discarded cigarette.",
    "The landslip was triggered by a burst water main.",
    "Members could not decide until the rivers authority had given its view.",
])
def test_a_cue_of_cause_is_a_reason(text: str) -> None:
    assert WHY(text)[0] == 1.0


def passage(text: str, chunk_id: int, start: int) -> SearchResult:
    return SearchResult(article_id=3, title="Regatta", chunk_id=chunk_id, text=text, start=start,
                        end=start + len(text), score=1.0)


CLAIM = "The Pellow regatta has been called off, the first time since 1952."
REASON = "Only eleven crews had entered, well short of the thirty needed. Entries fell when the sponsor left."


def test_a_claim_holding_only_a_time_goes_on_to_its_reason() -> None:
    text = f"{CLAIM} {REASON} The club will refund the entry fees."
    sentences = sentences_of([passage(text, 1, 0)])
    [span] = spans_for("Why was the Pellow regatta called off?", sentences[0], sentences, coverage=1.0)
    assert span.text == f"{CLAIM} {REASON}"


def test_a_reason_in_the_next_passage_is_quoted_from_there() -> None:
    claim = passage(CLAIM, 1, 0)
    sentences = sentences_of([claim, passage(REASON, 2, len(CLAIM) + 2)])
    [span] = spans_for("Why was the Pellow regatta called off?", sentences[0], sentences, coverage=1.0)
    assert span.text == REASON and span.passage.chunk_id == 2
    # A sentence holding few of the question's words may be the explanation itself: it stays.
    [span] = spans_for("Why was the Pellow regatta called off?", sentences[0], sentences, coverage=0.2)
    assert span.text == CLAIM


def test_a_cued_reason_opening_the_next_passage_is_quoted_however_the_claim_is_worded() -> None:
    # "how come the band dropped out" barely meets "... the headline band pulled out", but
    # the next paragraph opens with its reason ("after the singer was told to rest").
    claim = "Sales slowed sharply in May, when the headline band, Copper Lane, pulled out."
    reason = "Copper Lane cancelled their summer concerts after their singer was told to rest her voice."
    sentences = sentences_of([passage(claim, 1, 0), passage(reason, 2, len(claim) + 2)])
    [span] = spans_for("how come copper lane dropped out", sentences[0], sentences, coverage=0.3)
    assert span.text == reason and span.passage.chunk_id == 2


ARTICLE = "\n\n".join((
    "Pellow regatta called off",
    "The Pellow Regatta, which was due to bring forty yachts to the bay from 3 to 5 August, has been called off, "
    "the yacht club announced on Monday.",
    "Only eleven crews had entered, well short of the thirty the race committee needs to run the three days of "
    "racing. Entries fell away in June, when the boatyard that had sponsored the event for a decade closed.",
    "Crews who paid the entry fee of £60 will be refunded within a fortnight, the club said.",
    "The regatta began in 1952 as an afternoon race for fishing boats, and last summer drew a record fleet of 52 "
    "yachts and several thousand visitors to the harbour.",
    "The Anchor Inn on the quay said it had ordered extra food and taken on two summer staff for the weekend.",
    "The club hopes to hold a smaller, one-day race in September instead.",
))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[AnswerService]:
    kb = KnowledgeBase(tmp_path_factory.mktemp("why"), embedder)
    kb.collection("news").add(from_text(ARTICLE, None))
    yield AnswerService(kb)
    kb.close()


@pytest.mark.parametrize("question", ["why was the pellow regatta called off",
                                      "How come the Pellow Regatta has been called off?"])
def test_the_answer_to_why_is_the_reason_the_story_gives_next(service: AnswerService, question: str) -> None:
    answer = service.ask("news", question)
    assert not answer.abstained
    assert "Only eleven crews had entered" in answer.citations[0].quote, answer.text


LONG_STORY = "\n\n".join((
    "Tidewell ferry suspended",
    "The Tidewell ferry, which has crossed the Marr estuary every half hour since 1961, has been suspended "
    "until further notice, the county council said on Friday.",
    "Divers found cracks in two of the steel piles that hold up the landing stage at Tidewell, and engineers "
    "say the stage cannot take the weight of a loaded ferry until they are replaced.",
    "Replacing the piles is expected to take at least ten weeks, because the work can only be done at low tide "
    "and the river authority has to approve every step.",
    "Until then a replacement bus will run between the two landing stages every hour, taking about forty "
    "minutes by way of the Marr bridge, against seven minutes on the water.",
    "About 1,200 people use the ferry on a weekday, most of them commuters travelling to the shipyard at Ostrey "
    "or pupils going to the secondary school on the far bank.",
    "The café at the Ostrey landing stage said it had lost more than half of its trade in the first two days.",
    "The council said season tickets would be extended by the length of the suspension at no extra cost.",
    "The ferry was last suspended in 2019, for a fortnight, when its engine was rebuilt.",
))


def test_a_why_question_also_gets_the_passage_after_each_of_the_best(tmp_path: Path, embedder: Embedder) -> None:
    kb = KnowledgeBase(tmp_path, embedder)
    library = kb.collection("news")
    library.add(from_text(LONG_STORY, None))
    service = AnswerService(kb)
    question = "why has the tidewell ferry been suspended"
    found = library.search(question, "hybrid", service.retrieval.top_k)
    after_best = library.following(found[0])
    [next_one] = after_best
    assert next_one.article_id == found[0].article_id and next_one.start > found[0].start
    assert next_one.text in LONG_STORY and next_one.text not in found[0].text
    passages = service.retrieve("news", question)
    assert {p.chunk_id for p in found} | {next_one.chunk_id} <= {p.chunk_id for p in passages}
    # Other questions get what the search found.
    assert [p.chunk_id for p in service.retrieve("news", "when was the ferry last suspended")] == [
        p.chunk_id for p in library.search("when was the ferry last suspended", "hybrid", service.retrieval.top_k)]
    kb.close()


def test_what_caused_it_is_answered_by_the_update_that_found_the_cause(tmp_path: Path, embedder: Embedder) -> None:
    # The first report's "far too early to say what had caused the fire" holds the question's
    # words; the update's "was started by an electrical fault" holds the cause.
    folder = Path(__file__).parent / "fixtures" / "reader_articles_11"
    kb = KnowledgeBase(tmp_path, embedder)
    kb.collection("news").add_many([load_path(folder / name)
                                    for name in ("ostrel-paints-fire.txt", "ostrel-paints-investigation.md")])
    answer = AnswerService(kb).ask("news", "what caused the fire at ostrel paints")
    assert not answer.abstained and "forklift battery charger" in answer.citations[0].quote, answer.text
    kb.close()
