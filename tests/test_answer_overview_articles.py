"""Questions about articles as wholes over two articles on one story (a strike called and,
weeks later, the deal that ended it), a dated article on another subject and an undated
one, with the real model: who wrote and when published pick the article the question
describes, phrasings of "when did it come out", what's new puts dated news first, a
comparison of one aspect quotes each article where it speaks of it."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.answering import Answer, AnswerService, Conversation
from bot.answering.article_choice import title_match
from bot.answering.comparison import aspect_of, sides_of
from bot.answering.overview_kinds import kind_of
from index.embedding import MiniLMEmbedder
from index.sources.extract import from_text
from tests.answer_checks import COLLECTION, ask_checked, build_library

STRIKE = "Dunmore ferry crews to strike for three days"
DEAL = "Dunmore ferry strike ends as crews accept pay deal"
RECORD = "Runner breaks the coastal path record"
ORCHARD = "Allotment holders plant a community orchard"
ARTICLES = {
    STRIKE: ("By Ada Quill, harbour correspondent — Dunmore, 3 March 2025\n\n"
             "Ferry crews at Dunmore will stop work for three days from 17 March after talks over pay collapsed, "
             "their union said on Monday.\n\n"
             "Crews voted 96 to 12 for the action. Tidewater Lines, which runs the island ferries, has offered a "
             "rise of 2 percent; the union wants 6 percent.\n\n"
             "Crews also say the winter timetable cut the breaks between sailings to 15 minutes, too short to eat.\n\n"
             "Tidewater's director, Owen Vale, called the strike \"a blow to every islander\" and said fares would "
             "have to rise to pay for more."),
    DEAL: ("By Lena Marsh | Island Herald | 24 March 2025\n\n"
           "Ferries between Dunmore and the islands ran to time on Friday after crews accepted a deal that called "
           "off the last day of their strike.\n\n"
           "Crews voted to accept a rise of 4.5 percent from April, with a further review in the autumn.\n\n"
           "Tidewater Lines agreed to restore breaks of at least 30 minutes between sailings from the summer "
           "timetable.\n\n"
           "Owen Vale said the company would cover the cost from its reserves. \"We are sorry islanders were left "
           "waiting on the quay,\" he said."),
    RECORD: ("By Tom Reed\nThe Island Herald, Saturday 5 October 2024\n\n"
             "A runner from Dunmore finished the 80-kilometre coastal path in six hours and ten minutes on Saturday, "
             "cutting nine minutes from the record.\n\n"
             "Kerry Lowe took only one break, at the lighthouse, where her brother handed her soup."),
    ORCHARD: ("Forty fruit trees were planted on Saturday at the Hollybank allotments, where members hope to press "
              "their own apple juice within five years.\n\n"
              "The trees were paid for by a bake sale and a grant from the parish council."),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, torch_embedder: MiniLMEmbedder) -> Iterator[AnswerService]:
    docs = [from_text(f"{title}\n\n{body}", None) for title, body in ARTICLES.items()]
    kb = build_library(tmp_path_factory.mktemp("overview"), torch_embedder, docs)
    yield AnswerService(kb)
    kb.close()


def titles(answer: Answer) -> list[str]:
    return [c.title for c in answer.citations]


@pytest.mark.parametrize(("question", "said"), [
    ("who wrote the article announcing the ferry strike", "written by Ada Quill"),
    ("who reported on the ferry strike announcement", "written by Ada Quill"),
    ("who wrote the story about the ferry strike ending", "written by Lena Marsh"),
    ("when was the article announcing the ferry strike published", "published on 3 March 2025 (2025-03-03)"),
    ("what date did the story about the ferry deal come out", "published on 24 March 2025"),
    ("when did the island herald publish the piece about the ferry deal", "published on 24 March 2025"),
    ("which day did the coastal path record story appear", "published on 5 October 2024"),
    ("who covered the ferry deal story", "written by Lena Marsh"),
    ("who covered the ferry deal for the island herald", "written by Lena Marsh"),
    ("which journalist wrote about the coastal path record", "written by Tom Reed"),
    ("when did the island herald run the ferry deal story", "published on 24 March 2025"),
    ("when did the Herald publish the coastal path record story?", "published on 5 October 2024"),
    ("when did the island herald publish the ferry deal", "published on 24 March 2025"),
    ("ferry deal article date?", "published on 24 March 2025"),
    ("what date is the ferry deal article from?", "published on 24 March 2025"),
    ("what's the date on the coastal path record story", "published on 5 October 2024"),
    ("when did the ferry deal piece go up", "published on 24 March 2025"),
    ("who wrote the october article", "written by Tom Reed"),
    ("who wrote the march 3 story", "written by Ada Quill"),
    # Its place in the story picks one of two articles on it.
    ("when was the first dunmore ferry article published", "published on 3 March 2025"),
    ("when was the update on the dunmore ferry dispute published", "published on 24 March 2025"),
    ("who wrote the original ferry story", "written by Ada Quill"),
    ("who wrote the follow-up on the ferry dispute", "written by Lena Marsh"),
    # "the update" names an article; the story is told by the first one's own names too
    ("which day was the island ferry update published", "published on 24 March 2025"),
    ("when was the first ferry report out", "published on 3 March 2025"),
    # The site a reader names picks the article, though the other one's title says "strike".
    ("when did the island herald publish its ferry strike story", "published on 24 March 2025"),
    # The ways a chat asks after the writer, the date and the publication.
    ("who's the reporter on the ferry deal story", "written by Lena Marsh"),
    ("whose byline is on the coastal path record piece?", "written by Tom Reed"),
    ("which journo covered the ferry deal", "written by Lena Marsh"),
    ("ferry deal report, whos the writer", "written by Lena Marsh"),
    ("coastal path record article author?", "written by Tom Reed"),
    ("who did the coastal path record write-up", "written by Tom Reed"),
    ("wat date is the ferry deal write-up from", "published on 24 March 2025"),
    ("how long ago was the coastal path record piece published", "published on 5 October 2024"),
    ("what date is on the ferry deal piece", "published on 24 March 2025"),
    ("coastal path record story, what date was that", "published on 5 October 2024"),
    ("ferry deal article - when was that out", "published on 24 March 2025"),
    ("what paper ran the ferry deal piece", "published by Island Herald"),
    ("which outlet published the coastal path record story?", "published by The Island Herald"),
    ("Could you tell me when the Island Herald ran the coastal path record story?", "published on 5 October 2024"),
    ("date on the coastal path record piece??", "published on 5 October 2024"),
    ("wen was the ferry deal story posted", "published on 24 March 2025"),
    ("coastal path record article byline?", "written by Tom Reed"),
    ("which site was it that covered the ferry deal", "published by Island Herald"),
    ("what publication is the coastal path record article from??", "published by The Island Herald"),
    ("when did the island herald put the ferry deal piece out", "published on 24 March 2025"),
    ("what day did the coastal path record story go up?", "published on 5 October 2024"),
    ("ferry deal story, when's that from", "published on 24 March 2025"),
    ("when did lena marsh's article run", "published on 24 March 2025"),
    ("wen did the one about the coastal path record come out", "published on 5 October 2024"),
    # a name deep in the story, in neither its headline nor its lead
    ("who wrote the kerry lowe piece", "written by Tom Reed"),
])
def test_details_come_from_the_article_the_question_describes(service: AnswerService, question: str,
                                                               said: str) -> None:
    answer = ask_checked(service, question)
    assert said in answer.text and not answer.abstained, answer.text


def test_the_byline_is_cited_not_repeated(service: AnswerService) -> None:
    answer = ask_checked(service, "who wrote the article announcing the ferry strike")
    assert answer.text.count("Ada Quill") == 1 and answer.text.endswith("[1].")
    assert "Ada Quill" in answer.citations[0].quote


@pytest.mark.parametrize(("first", "then", "said"), [
    ("who wrote the article announcing the ferry strike", "and the other one?", "written by Lena Marsh"),
    ("who wrote the article announcing the ferry strike", "and the one about the orchard?", "does not name its author"),
    ("who wrote the story about the ferry strike ending", "what about the first one", "written by Ada Quill"),
    ("when was the ferry deal story published", "and the first one, when was that out",
     "published on 3 March 2025"),
    ("how long did the coastal path record run take", "who wrote that one?", "written by Tom Reed"),
    ("how long did the coastal path record run take", "and when was it published?", "published on 5 October 2024"),
    ("what rise did the ferry crews accept", "when did that come out?", "published on 24 March 2025"),
    ("what rise did the ferry crews accept", "which paper ran it", "published by Island Herald"),
])
def test_a_detail_asked_of_that_article_is_of_the_one_just_cited(service: AnswerService, first: str, then: str,
                                                                  said: str) -> None:
    conversation = Conversation()
    service.ask(COLLECTION, first, conversation)
    answer = service.ask(COLLECTION, then, conversation)
    assert said in answer.text, answer.text


def test_whats_new_since_the_first_report_is_the_update_of_the_story_just_cited(service: AnswerService) -> None:
    conversation = Conversation()
    service.ask(COLLECTION, "how many days were the ferry crews going to strike for", conversation)
    answer = service.ask(COLLECTION, "what's new since the first report", conversation)
    assert titles(answer)[0] == DEAL and set(titles(answer)) <= {STRIKE, DEAL}, answer.text


def test_how_that_compares_with_the_first_report_compares_the_story_just_cited(service: AnswerService) -> None:
    conversation = Conversation()
    service.ask(COLLECTION, "what rise did the ferry crews accept", conversation)
    answer = service.ask(COLLECTION, "how does that compare to the first offer", conversation)
    assert set(titles(answer)) == {STRIKE, DEAL}, answer.text
    assert any("4.5 percent" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize("question", ["who took the pics for the orchard article", "who edited the ferry deal story?",
                                      "who was the photographer on the coastal path record piece",
                                      "what section was the orchard story in?"])
def test_a_credit_the_article_does_not_give_is_said_to_be_missing(service: AnswerService, question: str) -> None:
    answer = ask_checked(service, question)
    assert answer.abstained and "names only its author, publication and date" in answer.text, answer.text


def test_an_article_that_names_no_publication_says_so(service: AnswerService) -> None:
    answer = ask_checked(service, "which paper ran the orchard story")
    assert answer.abstained and "does not name where it was published" in answer.text, answer.text


def test_an_undated_article_is_said_to_be_undated(service: AnswerService) -> None:
    answer = ask_checked(service, "what date did the orchard story come out")
    assert answer.abstained and "does not say when it was published" in answer.text, answer.text


@pytest.mark.parametrize("question", ["whats the most recent news", "what's new", "any new stories?"])
def test_whats_new_leads_with_the_newest_dated_article(service: AnswerService, question: str) -> None:
    answer = ask_checked(service, question)
    # The undated orchard article was added just now, which says nothing of when it was news.
    assert titles(answer)[:2] == [DEAL, STRIKE], answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("how did the pay offer change between the strike announcement and the deal",
     ("rise of 2 percent", "rise of 4.5 percent")),
    ("compare the breaks before and after the ferry deal", ("15 minutes", "30 minutes")),
    ("compare the vote for the strike with the vote on the deal", ("voted 96 to 12", "voted to accept")),
    ("compare what owen vale said before and after the strike", ("a blow to every islander", "We are sorry")),
    # One story at two times: the times name no articles.
    ("the rest time between sailings in march vs now", ("15 minutes", "30 minutes")),
    ("what did owen vale say in the first ferry story vs the second", ("a blow to every islander", "We are sorry")),
    ("compare what owen vale said when the strike was called and after the deal",
     ("a blow to every islander", "We are sorry")),
    # The articles named, then what is compared in them.
    ("what changed between the two dunmore ferry articles about the pay rise",
     ("rise of 2 percent", "rise of 4.5 percent")),
    ("compare the ferry breaks before and after the crews accepted the deal", ("15 minutes", "30 minutes")),
    ("what changed on the pay rise between the two dunmore ferry stories",
     ("rise of 2 percent", "rise of 4.5 percent")),
    # What both sides share is compared, though a headline says it too; the rest is a time.
    ("how did the pay offer change between march and now", ("rise of 2 percent", "rise of 4.5 percent")),
    ("compare the ferry crews' breaks in march with the breaks now", ("15 minutes", "30 minutes")),
    # A story then and now, each article named as a report, in each article, what with what.
    ("ferry crews' pay rise then and now?", ("rise of 2 percent", "rise of 4.5 percent")),
    ("strike story vs deal story: what happened to the breaks", ("15 minutes", "30 minutes")),
    ("how long were the breaks in each ferry article", ("15 minutes", "30 minutes")),
    ("contrast the breaks in the ferry strike and ferry deal stories", ("15 minutes", "30 minutes")),
    ("ferry pay: compare what the union wanted with what the crews got", ("6 percent", "4.5 percent")),
    ("how did the pay offer shift from the strike to the deal", ("rise of 2 percent", "rise of 4.5 percent")),
    # One story at two times, told by when, not by naming the articles.
    ("how much of a rise was offered at first and how much did crews get in the end",
     ("rise of 2 percent", "rise of 4.5 percent")),
    ("how long are the breaks between sailings now compared to what crews first said",
     ("15 minutes", "30 minutes")),
    ("what did owen vale say at first and what did he say in the end", ("a blow to every islander", "We are sorry")),
    ("how long were the breaks between sailings at first compared with now", ("15 minutes", "30 minutes")),
    # How a story told twice has changed: its two articles.
    ("how has the pay offer to the ferry crews changed", ("rise of 2 percent", "rise of 4.5 percent")),
    # The first report against the later one, the ways a chat says it.
    ("what pay rise did they first say the ferry crews were offered and what is it now",
     ("rise of 2 percent", "rise of 4.5 percent")),
    ("how long were the ferry breaks in the first report compared to the later one", ("15 minutes", "30 minutes")),
    ("did the pay offer change from the first report to the update?", ("rise of 2 percent", "rise of 4.5 percent")),
    ("how have the breaks between sailings changed between the two ferry articles", ("15 minutes", "30 minutes")),
])
def test_a_comparison_of_one_aspect_quotes_each_article_on_it(service: AnswerService, question: str,
                                                               quoted: tuple[str, str]) -> None:
    answer = ask_checked(service, question)
    assert set(titles(answer)) == {STRIKE, DEAL}, answer.text
    for words in quoted:
        assert any(words in c.quote for c in answer.citations), (words, answer.text)


def test_how_a_story_told_once_has_changed_is_a_question_about_it(service: AnswerService) -> None:
    answer = ask_checked(service, "how has the community orchard changed")
    assert set(titles(answer)) <= {ORCHARD}, answer.text


def test_what_an_article_is_about_is_its_summary(service: AnswerService) -> None:
    answer = ask_checked(service, "what's the ferry deal article about")
    assert titles(answer)[0] == DEAL and answer.citations[0].quote.startswith("Ferries between Dunmore"), answer.text


def test_a_comparison_of_the_two_articles_on_an_aspect_picks_the_two_about_it(service: AnswerService) -> None:
    answer = ask_checked(service, "how did the pay offer change between the two articles")
    assert set(titles(answer)) == {STRIKE, DEAL}, answer.text


def test_a_report_compared_with_the_update_is_compared_with_its_own_storys(service: AnswerService) -> None:
    answer = ask_checked(service, "compare the first ferry strike report and the update")
    assert set(titles(answer)) == {STRIKE, DEAL}, answer.text


def test_the_two_articles_on_a_story_are_compared_as_wholes(service: AnswerService) -> None:
    answer = ask_checked(service, "compare the two articles on the dunmore ferry strike")
    assert {c.quote.split(" at ")[0].split(" between ")[0] for c in answer.citations} == {"Ferry crews", "Ferries"}, \
        answer.text


def test_a_comparison_of_two_articles_as_wholes_quotes_their_leads(service: AnswerService) -> None:
    answer = ask_checked(service, "compare the ferry strike article and the orchard article")
    assert titles(answer) == [STRIKE, ORCHARD], answer.text
    assert answer.citations[0].quote.startswith("Ferry crews at Dunmore will stop work")
    assert answer.citations[1].quote.startswith("Forty fruit trees")


# Two stories, and one story at two times, compared the ways a chat asks.
@pytest.mark.parametrize(("question", "compared"), [
    ("the ferry strike vs the orchard: what's the difference", {STRIKE, ORCHARD}),
    ("ferry strike and the orchard: how are these two stories different", {STRIKE, ORCHARD}),
    ("which is bigger news, the ferry strike or the orchard", {STRIKE, ORCHARD}),
    ("more people involved: the ferry strike or the orchard?", {STRIKE, ORCHARD}),
    ("the ferry strike vs the orchard - compare em", {STRIKE, ORCHARD}),
    ("how's the ferry strike story different from the orchard one", {STRIKE, ORCHARD}),
    ("ferry strike story and orchard story, how are they different", {STRIKE, ORCHARD}),
    ("how does the ferry strike story stack up against the orchard one", {STRIKE, ORCHARD}),
    ("put the ferry strike story side by side with the orchard one", {STRIKE, ORCHARD}),
    ("ferry strike vs the orchard, what's similar", {STRIKE, ORCHARD}),
    ("strike article vs deal article, what changed", {STRIKE, DEAL}),
    ("the ferry pay rise: what the union wanted vs what they ended up with", {STRIKE, DEAL}),
    ("did owen vale say the same thing about fares both times?", {STRIKE, DEAL}),
    ("how long were the crews' breaks before and after the deal", {STRIKE, DEAL}),
])
def test_a_comparison_asked_the_ways_a_chat_asks(service: AnswerService, question: str,
                                                  compared: set[str]) -> None:
    found = kind_of(question)
    assert found is not None and found[0] == "compare"
    answer = ask_checked(service, question)
    assert set(titles(answer)) == compared, answer.text


def test_x_vs_y_compares_two_articles_only_when_each_side_names_its_own(service: AnswerService) -> None:
    # Names deep in two stories, asked with no word of comparing but "vs" and "each": the
    # articles, not the words, make it a comparison.
    assert kind_of("kerry lowe vs hollybank: what happened at each on saturday") is None
    answer = ask_checked(service, "kerry lowe vs hollybank: what happened at each on saturday")
    assert set(titles(answer)) == {RECORD, ORCHARD}, answer.text
    # Both sides are one story's: a question about it, not a comparison.
    library = service.kb.collection(COLLECTION)
    assert service.overview.request(library, "kerry lowe vs the coastal path record: by how much") is None
    assert service.overview.request(library, "kerry lowe vs the celtic fc: who won") is None
    # One passage holds both sides: a question about that story.
    assert service.overview.request(library, "tidewater vs the union: who gave way") is None


@pytest.mark.parametrize(("question", "sides"), [
    ("which is bigger money, the ferry strike or the orchard", ["ferry strike", "orchard"]),
    ("compare the stay or go vote with the election", ["stay go vote", "election"]),
    ("the ferry strike vs the orchard: what's the difference", ["ferry strike", "orchard"]),
    ("what has owen vale said about the strike compared with the deal", ["strike", "deal"]),
    ("how did vale's tone shift from the strike to the deal", ["strike", "deal"]),
    ("the ferry strike vs the orchard, what's each one costing", ["ferry strike", "orchard"]),
])
def test_the_two_sides_of_a_comparison(question: str, sides: list[str]) -> None:
    assert kind_of(question) is not None
    assert sides_of(question)[1] == sides


@pytest.mark.parametrize(("question", "terms", "wants"), [
    # named after "about", though a headline holds it
    ("what changed between the two ferry articles about the pay deal", ("pay", "deal"), ""),
    ("contrast the breaks in the ferry strike and ferry deal stories", ("break",), ""),
    ("which is bigger money, the ferry deal or the orchard", ("bigger", "money"), "money"),
    ("the ferry strike vs the orchard: which one involves more people", ("involv", "mor", "peopl"), "figure"),
    # what is counted, though a headline says it; how long asks a duration
    ("how many ferry crews voted at first and how many in the end", ("ferry", "crew", "vot"), "figure"),
    ("how long did the strike last compared with what was planned", ("plan",), "duration"),
    # when asks a time; the saying only frames the two times ("they're" leaves no "re")
    ("when did they originally say the ferries would sail again vs what they're saying now", ("sail", "again"),
     "time"),
])
def test_what_a_comparison_compares(question: str, terms: tuple[str, ...], wants: str) -> None:
    aspect = aspect_of(question, [STRIKE, DEAL, ORCHARD])
    assert aspect is not None and aspect.terms == terms and aspect.wants == wants, aspect


@pytest.mark.parametrize("question", ["what was the score in harriers vs wexley", "who won wexley v harriers",
                                      "which team is bigger", "harriers vs wexley, which team won",
                                      "rovers vs united then", "the match vs wexley two days ago, who scored",
                                      "did the price change between the two meetings",
                                      # events, not articles
                                      "who scored first and who won in the end",
                                      "who ran the marathon", "who published the study", "who carried the torch",
                                      "which site had the most damage in the flood", "which title had the most sales",
                                      "who's the reporter who was attacked", "who attacked the reporter?",
                                      "which journalist was on the shortlist", "what's happened since?",
                                      "what has happened since the flood", "where is it on the map",
                                      "the report says the bridge closed in May, when was that?",
                                      # a match report, a noun "shift", one thing at two times
                                      "Celtic vs Rangers report: who scored?",
                                      "harriers vs wexley - how many tries did each one score?",
                                      "What did the shift from agriculture to industry cause?",
                                      "what did the mayor say about crime compared to last year?",
                                      "what did the home secretary say each time he was asked"])
def test_a_match_between_two_sides_is_no_comparison_of_articles(question: str) -> None:
    assert kind_of(question) is None


@pytest.mark.parametrize(("question", "kind"), [
    ("who covered the darts final", "author"), ("who covered the auction", "author"),
    ("who covered the cost of the repairs", None), ("who covered the bill", None),
    ("who covered the cost of the concert", None), ("who covered the travel costs for the race", None),
    ("who covered the bill for the show", None),
])
def test_who_covered_an_event_asks_for_the_reporter(question: str, kind: str | None) -> None:
    found = kind_of(question)
    assert (found[0] if found else None) == kind


def test_a_question_in_another_language_is_told_so_not_that_the_articles_do_not_answer(
        service: AnswerService) -> None:
    for question, language in (("Combien de jours la grève des ferries a-t-elle duré ?", "French"),
                               ("Wat hebben de bemanningen in het akkoord gekregen?", "Dutch")):
        answer = ask_checked(service, question)
        assert answer.abstained and f"looks like {language}" in answer.text, answer.text
        assert "do not answer" not in answer.text


@pytest.mark.parametrize("question", ["When did Jones run for mayor, according to the article?",
                                      "When did the ferry carry passengers in the story?",
                                      "Which reporter was attacked at the match?",
                                      "when did fares go up according to the strike story?",
                                      "when was the inspection report released",
                                      "When did Martin Luther publish his translation of the Bible?",
                                      "when did the council publish its plan for the harbour",
                                      "what has changed in relations between the crews and Tidewater"])
def test_a_question_about_events_that_mentions_a_story_is_no_question_about_the_story(question: str) -> None:
    assert kind_of(question) is None


@pytest.mark.parametrize(("question", "topic"), [
    ("whats the latest from the ferry strike", "ferry strike"),
    ("what's new in the coastal path story", "coastal path"),
    ("latest on the orchard?", "orchard"),
    ("what's changed since the first ferry story", "ferry"),
    ("has anything happened with the ferry dispute since the strike", "ferry dispute strike"),
    ("what's the most recent story you've got", ""),
    ("what came in most recently", ""),
    ("what's the newest thing you've got", ""),
    ("what's fresh?", ""),
    ("where are things at with the ferry dispute", "ferry dispute"),
    ("got anything fresh", ""),
    ("anything recent on that ferry dispute", "ferry dispute"),
])
def test_the_latest_on_a_topic_is_asked_many_ways(question: str, topic: str) -> None:
    assert kind_of(question) == ("latest", topic)


@pytest.mark.parametrize(("question", "topic"), [
    ("give me the short version of the orchard story", "orchard"),
    ("what happened with the ferry deal, in a nutshell", "happened ferry deal"),
    ("can you boil down the coastal path record article", "down coastal path record"),
    ("ferry deal in a sentence or two?", "ferry deal"),
    ("could you briefly run me through the orchard article?", "orchard"),
])
def test_a_summary_is_asked_many_ways(question: str, topic: str) -> None:
    assert kind_of(question) == ("summary", topic)


def test_what_changed_since_the_first_story_quotes_the_newer_one(service: AnswerService) -> None:
    answer = ask_checked(service, "what's changed since the first dunmore ferry story")
    assert titles(answer)[0] == DEAL, answer.text


def test_a_topic_word_matches_a_title_word_that_begins_as_it_does() -> None:
    assert title_match("investigation article", "Faulty charger caused the fire, investigators say") == 0.5
    assert title_match("ferry strike", "Runner breaks the coastal path record") == 0.0
