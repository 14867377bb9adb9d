"""The questions readers ask, over this project's own news-like articles (tests/fixtures/
reader_articles), with the real model: each failure class of plain lookups, same-topic
questions the articles do not answer, distractors, reasons, article details, follow-ups,
overview questions and questions in another language."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.reader_questions import article_files, is_right
from bot.answering import Answer, AnswerService, Conversation
from bot.answering.records import Citation
from bot.answering.speakers import NO_SPEAKER, said_words
from bot.answering.story_switch import follows_someone, names_the_new_story
from bot.answering.citation_markers import strip_markers
from index.embedding import Embedder
from index.library import KnowledgeBase
from index.sources.extract import load_path
from tests.answer_checks import assert_valid

FIXTURES = Path(__file__).parent / "fixtures"
QUESTIONS = {q["id"]: q for q in map(json.loads, (FIXTURES / "reader_questions.jsonl").read_text().splitlines())}
READER = "reader"

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[AnswerService]:
    kb = KnowledgeBase(tmp_path_factory.mktemp("reader"), embedder)
    kb.collection(READER).add_many([load_path(p) for p in article_files(FIXTURES / "reader_articles")])
    yield AnswerService(kb)
    kb.close()


def ask(service: AnswerService, question: str, conversation: Conversation | None = None) -> Answer:
    """Ask, and check every citation invariant against the passages the answer drew on."""
    before = list(conversation.turns) if conversation else []
    answer = service.ask(READER, question, conversation)
    if conversation is not None:  # the passages as they were found before this turn was recorded
        probe = Conversation()
        probe.turns.extend(before)
        passages = service.prepare(READER, question, probe).passages
    else:
        passages = service.prepare(READER, question).passages
    assert_valid(answer, service.kb, list(passages), READER)
    return answer


def check(service: AnswerService, qid: str) -> Answer:
    item = QUESTIONS[qid]
    conversation = None
    if item.get("after"):
        conversation = Conversation()
        ask(service, QUESTIONS[item["after"]]["question"], conversation)
    answer = ask(service, item["question"], conversation)
    assert is_right(item, answer), (item["question"], item["expect"], answer.text)
    return answer


@pytest.mark.parametrize("qid", ["q012", "q018", "q048", "q062", "q091", "q103"])
def test_who_is_a_person_named_in_an_article_is_answered(service: AnswerService, qid: str) -> None:
    check(service, qid)


@pytest.mark.parametrize("qid", ["q140", "q142", "q145", "q146", "q147", "q150", "q156", "q157", "q160", "q161"])
def test_same_topic_questions_the_articles_do_not_answer_abstain(service: AnswerService, qid: str) -> None:
    check(service, qid)


@pytest.mark.parametrize("qid", ["q024", "q044", "q093"])
def test_the_first_quote_is_the_answer_not_a_distractor(service: AnswerService, qid: str) -> None:
    answer = check(service, qid)
    assert answer.citations[0].quote in strip_markers(answer.text)


@pytest.mark.parametrize("qid", ["q007", "q017", "q040", "q064"])
def test_a_why_answer_quotes_the_reason(service: AnswerService, qid: str) -> None:
    check(service, qid)


@pytest.mark.parametrize("qid", ["q010", "q022", "q033", "q043", "q086", "q011", "q023", "q034", "q087"])
def test_who_wrote_and_when_published_come_from_bylines_and_metadata(service: AnswerService, qid: str) -> None:
    answer = check(service, qid)
    assert answer.citations and not answer.abstained


def test_an_author_only_the_page_gives_is_said_to_come_from_it(service: AnswerService) -> None:
    # The Brightwell page names its writer in its metadata, not in its text: the citation
    # opens the article, and the answer says where the name comes from.
    answer = check(service, "q086")
    assert "as the article's page gives it" in answer.text, answer.text
    byline = check(service, "q010")  # "By Helen Marsh, ...": the line itself is cited
    assert "page gives it" not in byline.text and "Helen Marsh" in byline.citations[0].quote, byline.text


def test_article_details_are_kept_at_ingest(service: AnswerService) -> None:
    infos = {i.title: i for i in service.kb.collection(READER).articles()}
    by_author = {i.author: i.date for i in infos.values()}
    assert by_author["Helen Marsh"] == "2023-05-14"  # "By Helen Marsh, ..., Sunday 14 May 2023"
    assert by_author["Tom Aldridge"] == "2024-03-08"  # "Posted at 10:15 AM, Mar 08, 2024"
    assert all(i.author and i.date for i in infos.values()), infos


def test_headings_are_never_quoted(service: AnswerService) -> None:
    for item in QUESTIONS.values():
        if item["shape"] in ("lookup", "how-many"):
            answer = ask(service, item["question"])
            for c in answer.citations:
                assert len(c.quote.split()) > 3 and not c.quote.startswith("#"), c.quote


@pytest.mark.parametrize("qid", ["q002", "q016", "q027", "q047", "q063", "q070", "q080", "q099"])
def test_follow_ups_find_their_answer_even_in_the_sentence_quoted_before(service: AnswerService, qid: str) -> None:
    check(service, qid)


def test_a_question_that_points_back_at_nothing_said_is_answered_on_its_own(service: AnswerService) -> None:
    # "They" after a question on the cup final: no sentence of that conversation answers, the
    # library's other article does.
    conversation = Conversation()
    service.ask(READER, "Who won the Midshire County Cup?", conversation)
    answer = service.ask(READER, "how many books did they lose", conversation)
    assert not answer.abstained and "books" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("qid", ["q110", "q111", "q113", "q117", "q118", "q119", "q122", "q124", "q127", "q128"])
def test_overview_questions_are_answered_with_cited_sentences(service: AnswerService, qid: str) -> None:
    answer = check(service, qid)
    assert len(answer.citations) >= (2 if QUESTIONS[qid]["shape"] != "summarize" else 1)


@pytest.mark.parametrize("qid", ["q131", "q132", "q133", "q134", "q135", "q138"])
def test_a_question_in_another_language_is_told_english_is_understood(service: AnswerService, qid: str) -> None:
    answer = check(service, qid)
    assert "looks like" in answer.text and "do not answer" not in answer.text


def test_a_follow_up_asking_an_article_detail_is_judged_by_the_answer_s_own_words() -> None:
    # "who wrote it" after a summary: the byline is told in the answer's words; no quote holds it.
    lead = "Ashcombe's public library reopened on Thursday."
    answer = Answer("who wrote it", "“Library reopens” was written by Tom Aldridge (8 March 2024) [1].",
                    (Citation(1, 2, "Library reopens", None, 20, lead, 0, len(lead)),), False)
    item = {"shape": "follow-up", "expect": ["Tom Aldridge"]}
    assert not is_right(item, answer)
    assert is_right(item, answer, frozenset({"Tom Aldridge", "Wessex Evening Post", "2024-03-08"}))
    assert not is_right({"shape": "follow-up", "expect": ["Tom Aldridge"]}, replace(answer, text=lead + " [1]"),
                        frozenset({"Tom Aldridge"}))


@pytest.mark.parametrize("quoted", ['"{}"', "“{}”"])
def test_an_article_named_by_its_title_in_quotes_is_summarised(service: AnswerService, quoted: str) -> None:
    title = "Ashcombe library reopens fourteen months after the flood"
    answer = ask(service, "summarise the article " + quoted.format(title))
    assert not answer.abstained and {c.title for c in answer.citations} == {title}, answer.text


def test_who_wrote_it_with_no_article_just_cited_asks_which_one(service: AnswerService) -> None:
    conversation = Conversation()
    service.ask(READER, "what is the capital of peru", conversation)
    for question in ("who wrote it", "when was that published"):
        answer = service.ask(READER, question, conversation)
        assert answer.abstained and answer.text.startswith("Which article do you mean?"), answer.text


def test_who_wrote_it_in_a_library_of_one_article_is_about_that_one(tmp_path: Path, embedder: Embedder) -> None:
    kb = KnowledgeBase(tmp_path, embedder)
    kb.collection(READER).add(load_path(FIXTURES / "reader_articles" / "ashcombe-library.txt"))
    answer = AnswerService(kb).ask(READER, "who wrote it")
    kb.close()
    assert not answer.abstained and "Tom Aldridge" in answer.text, answer.text


def test_a_follow_up_is_not_answered_from_a_story_it_does_not_name(service: AnswerService) -> None:
    # The librarian's pay is in no article; the lantern parade's "paid for by the town
    # council" is another story's money, and "paid" names nothing of it.
    conversation = Conversation()
    service.ask(READER, "who is Ruth Okonjo?", conversation)
    answer = service.ask(READER, "how much was she paid", conversation)
    assert answer.abstained, answer.text


@pytest.mark.parametrize(("question", "quote", "names"), [
    ("how many books did they lose", "Donations replaced 3,500 of the lost books.", True),
    ("how much did he pay for them", "Members pay £20 a year.", False),
    ("how much is that contract worth", "The Baskett contract was worth about $7 million a year.", False),
    ("how many people died", "Two people who were on the call said so.", False),
])
def test_a_follow_up_names_the_new_story_by_a_word_the_one_it_follows_never_uses(
        question: str, quote: str, names: bool) -> None:
    followed = "The eye clinic will take cataract patients under a contract that starts in October. " \
               "A merchant bought the bronzes and left them to the museum when he died."
    assert names_the_new_story(question, [quote], [followed]) is names


def test_a_follow_up_about_him_is_not_answered_from_a_story_that_never_names_him(tmp_path: Path,
                                                                                embedder: Embedder) -> None:
    kb = KnowledgeBase(tmp_path, embedder)
    folder = FIXTURES / "reader_articles_15"
    kb.collection(READER).add_many([load_path(folder / name) for name in (
        "skerrin-air-pilot-strike.md", "skerrin-air-strike-settled.txt", "st-aldrics-pet-scanner.md")])
    service, conversation = AnswerService(kb), Conversation()
    first = service.ask(READER, "who is idris fennimore", conversation)
    # The scanner story's radiologist says "he said" of waits: he is not the pilots' Fennimore.
    answer = service.ask(READER, "what did he say about how long they'd waited?", conversation)
    titles = {c.title for c in answer.citations}
    kb.close()
    assert not first.abstained and "Fennimore" in first.citations[0].quote
    assert not any("scanner" in t.lower() or "PET" in t for t in titles), answer.text


@pytest.mark.parametrize(("question", "named"), [
    ("what did he say about the wait", False), ("what did the radiologist say about the wait", None),
    ("what did he say", False),
])
def test_a_follow_up_pointing_at_someone_stays_with_stories_that_name_them(question: str, named: bool | None) -> None:
    followed = ["Captain Idris Fennimore, the union's branch chair, said the deal was fair."]
    cited = ["Dr Ravi Sorel said the wait for a scan would fall to five days, he said."]
    assert follows_someone(question, "who is idris fennimore", followed, cited) is named
    again = cited + ["Fennimore agreed."]
    assert follows_someone(question, "who is idris fennimore", followed, again) is (None if named is None else True)
    assert follows_someone(question, "how many flights were cancelled", followed, cited) is None


@pytest.mark.parametrize("question", ["who said teenagers are not lazy", 'who said "Teenagers are not lazy"'])
def test_who_said_the_words_is_answered_with_the_sentence_naming_the_speaker(service: AnswerService,
                                                                             question: str) -> None:
    # Asked after a question on another story: its own words, not a follow-up.
    conversation = Conversation()
    service.ask(READER, "how many books were destroyed", conversation)
    answer = ask(service, question, conversation)
    assert not answer.abstained and "Professor Ines Varga" in answer.citations[0].quote, answer.text
    assert "Teenagers are not lazy" in answer.text


@pytest.mark.parametrize(("question", "words"), [
    ("who said an it failure is not bad weather", "an it failure is not bad weather"),
    ("who said that the plan was fair", "the plan was fair"),
    ("who said that", ""), ("who said it", ""), ("who says so", ""),
])
def test_the_words_a_who_said_question_quotes(question: str, words: str) -> None:
    assert said_words(question) == words


@pytest.mark.parametrize("question", ["ashcombe library what's new", "the ashcombe library, anything new?"])
def test_what_is_new_after_a_topic_is_read_as_before_it(service: AnswerService, question: str) -> None:
    answer = ask(service, question)
    before = ask(service, "what's new with the ashcombe library")
    assert not answer.abstained and [c.title for c in answer.citations] == [c.title for c in before.citations]


def test_who_said_that_of_the_article_s_own_words_says_no_one_is_quoted(service: AnswerService) -> None:
    # "Ashcombe's public library reopened ..." is the reporter's own statement: no one said it.
    conversation = Conversation()
    first = service.ask(READER, "how many books were destroyed", conversation)
    assert not first.abstained
    answer = ask(service, "who said that", conversation)
    assert answer.text.startswith(NO_SPEAKER) and answer.citations[0].quote == first.citations[0].quote, answer.text
