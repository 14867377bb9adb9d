"""Follow-up questions: resolving them against the conversation, and answering them
with a new sentence of the same article (real model, fixture articles)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answering import Answer, AnswerService, Citation, Conversation
from bot.answering.conversation import NO_EARLIER_QUESTION, is_follow_up
from bot.answering.evidence import sentences_of
from bot.answering.speakers import asks_who_said, speaker_sentence
from bot.answering.story_switch import same_story
from index.embedding import MiniLMEmbedder
from index.records import SearchResult
from index.sources import Document
from index.sources.extract import load_path
from tests.answer_checks import CHESS, COLLECTION, LIGHTHOUSE, assert_valid, build_library

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
            fixture_docs: list[Document]) -> Iterator[AnswerService]:
    kb = build_library(tmp_path_factory.mktemp("followups"), embedder, fixture_docs)
    yield AnswerService(kb)
    kb.close()


def answer(question: str, text: str = "An answer [1].", article_id: int = 1, start: int = 0) -> Answer:
    """A recorded answer with one citation, for unit tests of Conversation."""
    citation = Citation(1, article_id, "Title", None, article_id * 10, "An answer.", start, start + 10)
    return Answer(question=question, text=text, citations=(citation,), abstained=False)


TRAM_QUESTION = "How much did the tram construction cost?"


def test_a_follow_up_is_resolved_against_the_previous_question() -> None:
    conversation = Conversation()
    follow_up = "and what did the opposition say?"
    assert conversation.resolve(follow_up) == (follow_up, "")  # nothing to lean on yet
    conversation.record(answer(TRAM_QUESTION))
    query, context = conversation.resolve(follow_up)
    assert TRAM_QUESTION in query and follow_up in query
    assert context == TRAM_QUESTION


@pytest.mark.parametrize("question", [
    "How many steps does the lighthouse staircase have?",
    "Who won the Northfield Open chess tournament this year?",
    "What did opposition councillor Beatrice Okafor say about the tram delays on Canal Road?",
])
def test_a_standalone_question_is_not_rewritten(question: str) -> None:
    conversation = Conversation()
    conversation.record(answer(TRAM_QUESTION))
    assert conversation.resolve(question) == (question, "")


@pytest.mark.parametrize(("question", "expected"), [
    ("and what did the opposition say?", True),
    ("But why?", True),
    ("What about the airport line?", True),
    ("How old is she?", True),
    ("Who paid for it?", True),
    ("What else?", True),
    ("by when?", True),
    ("what was the score?", True),
    ("Who is Ruth Okonjo?", False),
    # a name typed in lower case stands alone; a role or a pronoun may lean on the last answer
    ("who is idris fennimore", False), ("who's ruth okonjo", False),
    ("who is the mayor", True), ("who is she", True), ("who is in charge", True),
    ("Who won the Northfield Open?", False),
    ("How many steps does the lighthouse staircase have?", False),
    ("When will the Skerry Point lighthouse open to visitors on weekends in June?", False),
    # a count with nothing named to count leans on the last answer; one naming it stands alone
    ("how many are still cut off", True), ("how much is the fine", True),
    ("how much is the new runway going to cost", False),
])
def test_is_follow_up(question: str, expected: bool) -> None:
    assert is_follow_up(question) is expected


def test_the_conversation_is_bounded() -> None:
    conversation = Conversation(max_turns=3)
    for i in range(7):
        conversation.record(answer(f"Question {i}?", f"Answer {i} [1].", article_id=i, start=i))
    assert len(conversation.turns) == 3
    # Oldest first, markers removed (they numbered that turn's passages).
    assert conversation.history() == [(f"Question {i}?", f"Answer {i}.") for i in (4, 5, 6)]
    assert conversation.already_quoted() == frozenset({(6, 6, 16)})
    assert conversation.resolve("and her age?") == ("Question 6? and her age?", "Question 6?")
    conversation.clear()
    assert conversation.history() == [] and conversation.already_quoted() == frozenset()
    assert conversation.resolve("and her age?") == ("and her age?", "")


def ask(service: AnswerService, question: str, conversation: Conversation) -> Answer:
    query, _ = conversation.resolve(question)
    result = service.ask(COLLECTION, question, conversation)
    assert_valid(result, service.kb, service.retrieve(COLLECTION, query))
    return result


def spans(a: Answer) -> set[tuple[int, int, int]]:
    return {(c.article_id, c.start, c.end) for c in a.citations}


@pytest.mark.parametrize(("first", "follow_up", "title", "fact"), [
    ("When was the Skerry Point lighthouse built?", "When will it open to the public?", LIGHTHOUSE, "June"),
    ("Who won the Northfield Open?", "How many points did she finish with?", CHESS, "7.5 points"),
])
def test_a_follow_up_quotes_a_new_sentence_of_the_same_article(service: AnswerService, first: str,
                                                               follow_up: str, title: str, fact: str) -> None:
    conversation = Conversation()
    one = ask(service, first, conversation)
    assert not one.abstained and one.citations[0].title == title
    two = ask(service, follow_up, conversation)
    assert not two.abstained
    assert {c.title for c in two.citations} == {title}
    assert fact in two.citations[0].quote
    assert not spans(one) & spans(two), "the follow-up repeated a quote of the previous answer"
    assert [t.question for t in conversation.turns] == [first, follow_up]


def test_a_follow_up_stays_with_the_article_it_follows(service: AnswerService) -> None:
    # "she" is the winner of the previous question: only the chess article is quoted.
    conversation = Conversation()
    ask(service, "Who won the Northfield Open?", conversation)
    two = ask(service, "How many points did she finish with?", conversation)
    assert {c.title for c in two.citations} == {CHESS}


@pytest.mark.parametrize(("first", "follow_up", "fact"), [
    ("How many steps does the lighthouse staircase have?", "How many window panes did they replace?", "212"),
    ("Who won the Northfield Open?", "How old is she?", "15-year-old"),
])
def test_a_follow_up_answered_by_the_sentence_already_quoted_quotes_it_again(
        service: AnswerService, first: str, follow_up: str, fact: str) -> None:
    conversation = Conversation()
    one = ask(service, first, conversation)
    assert fact in one.text
    two = ask(service, follow_up, conversation)
    assert not two.abstained, "the answer was in the sentence quoted last time"
    assert fact in two.citations[0].quote


def test_a_new_conversation_forgets_the_topic(service: AnswerService) -> None:
    conversation = Conversation()
    ask(service, "Who won the Northfield Open?", conversation)
    conversation.clear()
    assert conversation.resolve("How old is she?") == ("How old is she?", "")


@pytest.mark.parametrize("question", ["and what did she say?", "what about him?", "also, who won?",
                                      "so what's the reason", "and what was the result", "what about the cost"])
def test_a_follow_up_with_nothing_to_follow_asks_for_the_whole_question(service: AnswerService,
                                                                        question: str) -> None:
    fresh = service.ask(COLLECTION, question, Conversation())
    assert fresh.abstained and fresh.text == NO_EARLIER_QUESTION and not fresh.sources
    assert service.ask(COLLECTION, question).text == NO_EARLIER_QUESTION
    conversation = Conversation()
    ask(service, "Who won the Northfield Open?", conversation)
    assert ask(service, question, conversation).text != NO_EARLIER_QUESTION


@pytest.mark.parametrize("question", ["so when's the final", "and where was the tournament held",
                                      "so who won the open"])
def test_a_question_opening_like_a_follow_up_but_naming_its_subject_stands_alone(service: AnswerService,
                                                                                  question: str) -> None:
    assert service.ask(COLLECTION, question, Conversation()).text != NO_EARLIER_QUESTION


def test_an_abstention_is_remembered_so_a_rephrase_can_follow_it(service: AnswerService) -> None:
    conversation = Conversation()
    missed = ask(service, "What is the capital of Australia?", conversation)
    assert missed.abstained
    assert conversation.history()[-1][0] == "What is the capital of Australia?"
    assert conversation.already_quoted() == frozenset()


@pytest.mark.parametrize("question", ["So why did the bridge close?", "also, who is the mayor of calder?",
                                      "what else happened at the festival?", "But why was the library closed?"])
def test_a_question_that_opens_like_a_follow_up_but_names_its_subject_is_answered(service: AnswerService,
                                                                                  question: str) -> None:
    assert service.ask(COLLECTION, question, Conversation()).text != NO_EARLIER_QUESTION


def first_quotes_of_a_conversation(folder: Path, embedder: MiniLMEmbedder, doc: Document,
                                   questions: list[str]) -> list[str]:
    """The first quote of each answer to the questions asked in turn about one article."""
    kb = build_library(folder, embedder, [doc])
    service, conversation = AnswerService(kb), Conversation()
    answers = [service.ask(COLLECTION, question, conversation) for question in questions]
    kb.close()
    assert not any(a.abstained for a in answers), [a.text for a in answers]
    return [a.citations[0].quote for a in answers]


# Two questions about one article: what the first answer quotes, and what the follow-up's does.
CONVERSATIONS = [
    # "he": the story goes on right after what was quoted
    ("Hospital waits at a record high",
     "More than 41,000 patients are waiting for planned treatment at Ashby's two hospitals. "
     "Dr Hamid Osei, the trust's medical director, said the figures were not where anyone wanted them. "
     "He said the trust had hired six locum anaesthetists and would open the repaired theatres on weekends. "
     "Patient groups said the roof had been leaking for years.",
     ("what did the medical director say about the waits", "and what's he doing about it?"),
     ("not where anyone wanted them", "hired six locum anaesthetists")),
    # "she" is the person the conversation is about
    ("Results day at Fenmoor College",
     "Students at Fenmoor College collected their A-level results on Thursday. "
     "One of them, Priya Tallis, earned two A* grades and a B after spending March in hospital with pneumonia. "
     "Not every student got the grades they had hoped for, and the college ran a clearing desk all morning. "
     "Head of sixth form Martin Crewe said the year group had been the most resilient he had taught.",
     ("what happened to priya tallis", "what grades did she get"), ("Priya Tallis", "two A* grades")),
    # no words of its own: it asks about what was just said
    ("Ferry crews accept deal",
     "Ferry crews at Dunmore voted on Friday 21 March to accept a pay rise of 4.5 percent. "
     "The deal was reached after ten hours of talks at the conciliation service. "
     "Tidewater Lines agreed to restore breaks of at least 30 minutes between sailings from the summer timetable.",
     ("what did tidewater agree on breaks", "from when"), ("from the summer timetable", "from the summer timetable")),
]


@pytest.mark.parametrize(("title", "text", "questions", "quoted"), CONVERSATIONS)
def test_a_follow_up_is_answered_from_what_the_conversation_is_about(
        tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder, title: str, text: str,
        questions: tuple[str, str], quoted: tuple[str, str]) -> None:
    doc = Document(title=title, source="https://example.org/conversation", text=text)
    answers = first_quotes_of_a_conversation(tmp_path_factory.mktemp("conversation"), embedder, doc, list(questions))
    for words, quote in zip(quoted, answers):
        assert words in quote, quote


def test_a_follow_up_may_go_on_in_the_other_article_of_the_story_it_follows(
        tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> None:
    # The first report of a wildfire says how it started and who left home; its update, a week
    # later, that a man was arrested. Asked after those, "was anyone arrested" is answered from
    # the update, not with the first report's campers.
    folder = FIXTURES / "reader_articles_16"
    kb = build_library(tmp_path_factory.mktemp("story"), embedder,
                       [load_path(path) for path in sorted(folder.iterdir()) if path.name != "README.md"])
    service, conversation = AnswerService(kb), Conversation()
    first = service.ask(COLLECTION, "how did the wildfire start", conversation)
    service.ask(COLLECTION, "how many people were evacuated", conversation)
    answer = service.ask(COLLECTION, "was anyone arrested", conversation)
    kb.close()
    assert "The fire started on Sunday afternoon" in first.citations[0].quote, first.text
    assert not answer.abstained and "arrested on suspicion of arson" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("title", "other", "same"), [
    ("Hundreds leave their homes as wildfire spreads across Thornly Heath",
     "Thornly Heath fire under control as evacuated families return home", True),
    ("Skerrin Air pilots walk out over pay", "Skerrin Air pilots accept pay deal, ending strike", True),
    ("Dunmore ferry crews to strike for three days", "Dunmore ferry strike ends as crews accept pay deal", True),
    # a town alone is no story
    ("Fenmarsh Airport runway extension approved", "Fenmarsh school to close in July", False),
    ("Thornly Heath fire under control", "Harbour cafe in Hollin Green wins a prize", False),
])
def test_two_headlines_tell_one_story_when_they_share_a_name_and_more(title: str, other: str, same: bool) -> None:
    assert same_story(title, other) is same


def test_her_words_go_on_in_a_quote_of_their_own_not_in_the_next_speakers(
        tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> None:
    doc = Document(title="Ashby Airport wins its runway extension", source="https://example.org/runway", text=(
        "Councillors approved a 400-metre extension of the runway at Ashby Airport on Tuesday. "
        "\"This is the best news the town has had in years,\" said Nadia Brennan, the airport's chief executive. "
        "\"Families will no longer drive four hours to another airport for a summer holiday.\" "
        "Tom Keel, who chairs the residents' group, said the noise would be unbearable. "
        "\"Nobody here asked for a holiday airport,\" he said."))
    kb = build_library(tmp_path_factory.mktemp("her-words"), embedder, [doc])
    service, conversation = AnswerService(kb), Conversation()
    service.ask(COLLECTION, "who is nadia brennan", conversation)
    answer = service.ask(COLLECTION, "what did she say about going on holiday", conversation)
    kb.close()
    assert "no longer drive four hours" in answer.citations[0].quote, answer.text
    assert not any("Nobody here" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize("question", ["who said that", "and who said it?", "whose words are those", "who was talking"])
def test_who_said_the_words_just_quoted_is_the_sentence_that_names_the_speaker(
        tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder, question: str) -> None:
    doc = Document(title="Harbour wall repaired at last", source="https://example.org/wall", text=(
        "The harbour wall at Skelby reopened to walkers on Monday after a year of repairs costing £2 million. "
        "Ruth Amadi, the council's member for the coast, thanked residents for waiting. "
        "\"We could have put up a cheap barrier in a month,\" she said. "
        "\"We chose to rebuild the wall so that it lasts another century.\" "
        "Fishermen said the year without a landing stage had cost them customers."))
    first, follow = first_quotes_of_a_conversation(tmp_path_factory.mktemp("who-said"), embedder, doc, [
        "why didn't the council just put up a cheap barrier", question])
    assert "cheap barrier in a month" in first
    assert follow.startswith("Ruth Amadi, the council's member for the coast"), follow


@pytest.mark.parametrize(("question", "expected"), [
    ("who said that", True), ("and who said it?", True), ("whose words are those", True),
    ("who said the wall would last a century", False), ("who says the fares will rise", False),
])
def test_asks_who_said(question: str, expected: bool) -> None:
    assert asks_who_said(question) is expected


@pytest.mark.parametrize("question", ["did anyone get sent off in that game", "how long does each one take",
                                      "what happened after that"])
def test_a_question_pointing_back_at_what_was_just_talked_of_is_a_follow_up(question: str) -> None:
    assert is_follow_up(question)


def test_who_said_that_after_words_no_one_said_is_no_question_about_a_speaker() -> None:
    text = ("Ruth Amadi, the council's member for the coast, opened the wall. The bridge closed in March. "
            "\"We chose to rebuild it,\" she said.")
    passage = SearchResult(article_id=1, title="Wall", chunk_id=10, text=text, start=0, end=len(text), score=1.0)
    sentences = sentences_of([passage])
    bridge, quote = sentences[1], sentences[2]
    assert speaker_sentence(sentences, frozenset({(1, bridge.start, bridge.end)})) is None
    named = speaker_sentence(sentences, frozenset({(1, quote.start, quote.end)}))
    assert named is not None and named.text.startswith("Ruth Amadi")


def test_the_update_of_a_story_is_found_by_the_first_reports_names(
        tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> None:
    # "the wildfire update": the update's headline ("Thornly Heath fire under control ...")
    # never says "wildfire"; it tells the first report's story by its names.
    folder = FIXTURES / "reader_articles_16"
    kb = build_library(tmp_path_factory.mktemp("update"), embedder,
                       [load_path(path) for path in sorted(folder.iterdir()) if path.name != "README.md"])
    service = AnswerService(kb)
    update = service.ask(COLLECTION, "which day was the wildfire update published")
    first = service.ask(COLLECTION, "when was the first wildfire report out")
    kb.close()
    assert "published on 11 August 2026" in update.text, update.text
    assert "published on 4 August 2026" in first.text, first.text


def test_a_follow_up_s_plain_word_is_no_place_another_story_names(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    # "lower" is the fine's, not Lower Ashby's: the follow-up stays with the fine.
    kb = build_library(tmp_path, embedder, [
        Document(title="Harlow Freight fined £3 million over lost parcels", source="https://example.org/harlow",
                 text="The courier Harlow Freight has been fined £3 million by the Postal Standards Board after "
                      "losing more than 40,000 parcels in a year.\n\nThe board had first planned a fine of £5 "
                      "million. It cut the penalty because Harlow Freight refunded every customer and opened "
                      "its depots to inspectors."),
        Document(title="Lower Ashby wind turbine approved", source="https://example.org/ashby",
                 text="Planning officers have approved a wind turbine on a hill above Lower Ashby after a public "
                      "meeting that lasted three hours.\n\nResidents of Lower Ashby had planned a protest, but "
                      "only a dozen people came.")])
    service, conversation = AnswerService(kb), Conversation()
    service.ask(COLLECTION, "how big was the harlow fine", conversation)
    answer = service.ask(COLLECTION, "why was it lower than first planned", conversation)
    assert not answer.abstained and "It cut the penalty because" in answer.text, answer.text
    kb.close()
