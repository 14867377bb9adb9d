"""Questions typed as people chat are read in the articles' words."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering import AnswerService
from bot.answering.chat_words import SMALL_TALK_REPLY, plain_question
from bot.answering.stemming import question_stems, stem, stems
from bot.answering.spelling import joined, respelt, vocabulary
from index.embedding.words import model_words
from index.embedding import MiniLMEmbedder
from index.sources import Document
from tests.answer_checks import COLLECTION, build_library


@pytest.mark.parametrize(("typed", "plain"), [
    ("whats the new species called", "what's the new species called"),
    ("Whos the head at Corrie Lane", "Who's the head at Corrie Lane"),
    ("why didnt the gate close", "why didn't the gate close"),
    ("how many ppl did the crews rescue", "how many people did the crews rescue"),
    ("how many folks got sick", "how many people got sick"),
    ("wen was the story posted", "when was the story posted"),
    ("wat date is the write-up from", "what date is the write-up from"),
    ("how many cops were there", "how many police were there"),
    ("how many kids sat the exam", "how many children sat the exam"),
    ("how much compo can people get", "how much compensation can people get"),
    ("whos the ceo at brightwell", "who's the chief executive at brightwell"),
    ("which uni is she going to", "which university is she going to"),
    ("where r ppl meant to park", "where are people meant to park"),
    ("what is the r number now", "what is the r number now"),
    ("who supplied the dodgy parts", "who supplied the faulty parts"),
    ("how many tix did they sell", "how many tickets did they sell"),
    ("when did the 20 mph limit kick in", "when did the 20 mph limit take effect"),
    ("so it kicked in at midnight", "so it took effect at midnight"),
    ("has the ban kicked in yet", "has the ban taken effect yet"),
    ("who got kicked in the head", "who got kicked in the head"),
    ("why did they kick in the door", "why did they kick in the door"),
    ("who's gonna run it", "who's going to run it"),
    ("how did the u-turn happen", "how did the u-turn happen"),
    ("what does gov.uk say about the u.s. deal", "what does gov.uk say about the u.s. deal"),
    ("what's the min wage", "what's the min wage"),
    ("Kids Company founder?", "Kids Company founder?"),
    ("what did the govt say abt it w/ the union", "what did the government say about it with the union"),
    ("Whats new", "What's new"),
    ("what was the score in the womens final", "what was the score in the women's final"),
    ("what happened to the guy who collapsed", "what happened to the man who collapsed"),
    ("how big a raise do they want", "how big a rise do they want"),
    ("did staff get a pay raise", "did staff get a pay rise"),
    ("how much did they raise", "how much did they raise"),
    # Words that are words too, capitalised names and abbreviations stay.
    ("its chair said they were late", "its chair said they were late"),
    ("what did Kid Creole and the US say", "what did Kid Creole and the US say"),
])
def test_chat_shorthand_is_spelt_out(typed: str, plain: str) -> None:
    assert plain_question(typed) == plain


@pytest.mark.parametrize(("typed", "plain"), [
    ("could you tell me who maren holt is, please?", "who is maren holt?"),
    ("I was wondering who Jonah Tessler is", "who is Jonah Tessler"),
    ("do you know what the resit date is?", "what is the resit date?"),
    ("Hi, could you tell me when the Herald ran the lake story?", "when the Herald ran the lake story?"),
    ("do you know how many guests came", "how many guests came"),
    ("tell me who the mayor is", "who is the mayor"),
    ("i'd like to know why the bridge shut, thanks", "why the bridge shut"),
    ("Could you explain why the ride didn't stop?", "why the ride didn't stop?"),
    ("please explain how the fund works", "how the fund works"),
    ("explain the new rules", "explain the new rules"),  # no question inside: as typed
    # No frame, or a frame around no question: as typed.
    ("can you sum up the study", "can you sum up the study"),
    ("who is it", "who is it"),
    ("what he said was wrong", "what he said was wrong"),
    ("do you know what time it is", "what time it is"),
    ("could you tell me what day the final is", "what day the final is"),
    ("could you tell me whose dog it was", "whose dog it was"),
])
def test_a_polite_frame_is_taken_off_the_question(typed: str, plain: str) -> None:
    assert plain_question(typed) == plain


def test_a_question_in_chat_shorthand_is_answered_and_keeps_its_words(tmp_path: Path,
                                                                      embedder: MiniLMEmbedder) -> None:
    kb = build_library(tmp_path, embedder, [Document(
        title="Cragg Lane school to close", source="https://example.org/cragg",
        text="Cragg Lane Primary will close in July. The school now has 96 pupils in a building meant for 300. "
             "Parents collected 1,200 signatures against the plan, and the county will decide in May.")])
    service = AnswerService(kb)
    answer = service.ask(COLLECTION, "how many kids r at cragg lane now")
    assert not answer.abstained and "96 pupils" in answer.citations[0].quote
    assert answer.question == "how many kids r at cragg lane now"
    framed = service.ask(COLLECTION, "could you tell me how many pupils cragg lane has now, please?")
    assert not framed.abstained and "96 pupils" in framed.citations[0].quote
    # A greeting or thanks asks nothing: no passage is cited for it.
    for small_talk in ("hello", "thanks!", "ok cool", "Hi there"):
        reply = service.ask(COLLECTION, small_talk)
        assert reply.abstained and reply.text == SMALL_TALK_REPLY and not reply.citations and not reply.sources
    greeted = service.ask(COLLECTION, "hi, how many pupils does cragg lane have")
    assert not greeted.abstained and "96 pupils" in greeted.citations[0].quote
    kb.close()


@pytest.mark.parametrize(("typed", "plain"), [
    ("how many satelites was the rocket carrying", "how many satellites was the rocket carrying"),
    ("who wrote the salmonela article", "who wrote the salmonella article"),
    ("Who designed the gallery?", "Who designed the gallery?"),  # "designer" is another word
    ("how do you charge it", "how do you charge it"),  # the passages say "charged", not only "change"
    ("how many lives were lost", "how many lives were lost"),  # too short to tell from "lines"
])
def test_a_word_the_passages_spell_otherwise_is_read_as_theirs(typed: str, plain: str) -> None:
    known = vocabulary(["It carried three satellites for the designer.", "A salmonella outbreak closed it.",
                        "The change: it is charged over USB-C.", "Two lines were cut."])
    assert respelt(typed, known) == plain


def test_an_english_word_is_never_respelt() -> None:
    known = vocabulary(["The shop was insured against fire.", "The suspect's plea changed."])
    assert respelt("who was injured", known, model_words()) == "who was injured"
    assert respelt("was the suspect charged", known, model_words()) == "was the suspect charged"
    assert respelt("who was injured", known) == "who was insured"  # without the word list it would be


def test_two_words_the_passages_write_as_one_are_joined() -> None:
    known = vocabulary(["Hailstones up to 5cm across fell on the seafront.", "Anyone hurt should call."])
    assert joined("how big were the hail stones", known) == "how big were the hailstones"
    assert joined("was the sea front shut", known) == "was the seafront shut"
    assert joined("how big were the stones", known) == "how big were the stones"
    assert joined("did Sea Front Ltd pay", known) == "did Sea Front Ltd pay"  # a name stays as written
    # small words stay apart
    assert joined("what did the rapist say", vocabulary(["The therapist spoke."])) == "what did the rapist say"


def test_a_question_splitting_a_word_is_answered(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    kb = build_library(tmp_path, embedder, [Document(
        title="Hail shreds orchards in the valley", source="https://example.org/hail",
        text="A hailstorm swept across the Caddow Valley on Tuesday evening, smashing glasshouse roofs. Hailstones "
             "up to 5cm across fell on the village of Stowe Ferrers between 6.40pm and 7pm.\n\nThe fire service "
             "took 148 calls in two hours. Forecasters at the weather centre said hail that size had not been "
             "recorded in the county since 1996.")])
    # read as "hail" and "stones", the question is nearer the forecasters' "hail that size"
    answer = AnswerService(kb).ask(COLLECTION, "how big were the hail stones")
    assert not answer.abstained and "up to 5cm across" in answer.citations[0].quote
    kb.close()


def test_a_misspelt_question_is_answered(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    kb = build_library(tmp_path, embedder, [Document(
        title="Small rocket reaches orbit at fourth attempt", source="https://example.org/rocket",
        text="The Gannet-2 rocket lifted off from Harra on Friday. It carried four small satellites for two "
             "universities. The company plans six more launches next year.")])
    answer = AnswerService(kb).ask(COLLECTION, "how many satelites did the gannet carry")
    assert not answer.abstained and "four small satellites" in answer.citations[0].quote
    kb.close()


@pytest.mark.parametrize(("british", "american"), [
    ("snowploughs", "snowplows"), ("colours", "colors"), ("favourite", "favorite"), ("behaviour", "behavior"),
    ("centred", "centered"), ("kilometres", "kilometers"), ("theatre", "theater"), ("organised", "organized"),
    ("organisations", "organizations"), ("analysed", "analyzed"), ("travelled", "traveled"),
    ("cancelling", "canceling"), ("defence", "defense"), ("programmes", "programs"), ("grey", "gray"),
    ("paediatric", "pediatric"), ("anaemia", "anemia"), ("tyres", "tires"), ("catalogue", "catalog"),
])
def test_british_and_american_spellings_are_one_word(british: str, american: str) -> None:
    assert stem(british) == stem(american)


@pytest.mark.parametrize(("plain", "reported"), [
    ("injured", "hurt"), ("injuries", "injured"), ("wounded", "injury"), ("shops", "stores"),
    ("supermarkets", "stores"), ("children", "child"),
    ("movies", "film"), ("mum", "mother"), ("mom", "mothers"), ("dad", "father"), ("shut", "closed"),
    ("shutting", "closure"), ("fail", "failure"), ("finished", "ended"), ("purchased", "bought"),
    ("firms", "company"), ("increases", "risen"), ("detained", "arrested"), ("prison", "jailed"), ("blaze", "fire"),
    ("dead", "died"), ("death", "dies"), ("wages", "salary"), ("walkout", "strike"), ("detours", "diversion"),
    ("construction", "building"), ("teens", "teenagers"), ("pupils", "students"), ("supporters", "fans"),
    ("solicitor", "lawyers"), ("quake", "earthquake"), ("cash", "money"), ("won", "victory"), ("scrapped", "axed"),
    ("ditched", "axe"), ("replacing", "instead"), ("charges", "counts"),
    ("found", "discovered"), ("leaked", "spilled"), ("leaks", "spilt"), ("worth", "valued"), ("worth", "value"),
])
def test_the_plain_word_a_reader_types_meets_the_word_a_report_uses(plain: str, reported: str) -> None:
    assert stem(plain) == stem(reported)


@pytest.mark.parametrize(("typed", "reported"), [
    ("when did the fire start", "The fire broke out on Sunday"),
    ("was the match cancelled", "The match was called off"),
    ("why did she resign", "She stepped down in May"), ("why was the offer rejected", "Crews turned down the offer"),
    ("why did the band drop out", "The band pulled out in May"),
])
def test_a_verb_said_in_two_words_meets_the_one_word_verb(typed: str, reported: str) -> None:
    assert question_stems(typed)[-1] in stems(reported), (question_stems(typed), stems(reported))


def test_get_is_no_word_an_answer_must_hold() -> None:
    # "the marks they already got" is not answered by "Now I've got to get them down again"
    assert question_stems("what happens to the marks they already got") == [stem("happens"), stem("marks"),
                                                                             stem("already")]


def test_no_longer_is_no_length() -> None:
    assert stem("longer") not in stems("Families will no longer have to drive three hours")


@pytest.mark.parametrize(("one", "other"), [
    ("supplied", "supplies"), ("supply", "supplied"), ("carried", "carry"), ("studied", "studies"),
    ("applied", "apply"), ("replied", "reply"),
])
def test_a_verb_ending_in_y_keeps_one_stem_in_every_form(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize("word", ["hour", "four", "flour", "tour", "water", "dinner", "general", "Danielle",
                                  "Michelle"])
def test_words_without_another_spelling_keep_their_stem(word: str) -> None:
    assert stem(word) == word.lower().removesuffix("e")


def test_a_question_spelt_the_american_way_is_answered_from_a_british_article(
        tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    kb = build_library(tmp_path, embedder, [Document(
        title="Snow shuts Hollin Fell roads", source="https://example.org/hollin-snow",
        text="Snow closed every road over Hollin Fell on Tuesday night. The council said 31 snowploughs had "
             "worked through the night, and the town centre would stay shut to traffic until noon. "
             "Two schools organised lessons online.")])
    service = AnswerService(kb)
    plows = service.ask(COLLECTION, "how many snowplows were out on hollin fell")
    assert not plows.abstained and "31 snowploughs" in plows.citations[0].quote
    center = service.ask(COLLECTION, "until when is the town center closed to traffic")
    assert not center.abstained and "until noon" in center.citations[0].quote
    kb.close()


# A reader's word and the article's: "hurt" by a three-word sentence, "owns" by "belongs to",
# "cars" by "vehicles", "detour" by "diversion".
_QUARRY_SLIP = Document(
    title="Rockfall closes the Brannock quarry road", source="https://example.org/brannock",
    text="About 900 tonnes of stone fell onto the Brannock quarry road early on Friday after a week of rain. "
         "Nobody was hurt. The road will stay shut for a month while engineers check the face above it.\n\n"
         "The quarry belongs to the Ellery family, who have worked it since 1958. "
         "Around 1,400 vehicles use the road each day, most of them heading to the ferry at Port Teague. "
         "A diversion through Cullen Moss adds twenty minutes to the trip.\n\n"
         "\"It has been a long week for everyone who lives up here,\" said Morag Tully, who runs the shop.")


@pytest.mark.parametrize(("question", "quoted"), [
    ("was anyone hurt in the rockfall", "Nobody was hurt."),
    ("who owns the quarry", "belongs to the Ellery family"),
    ("how many cars use the quarry road every day", "1,400 vehicles"),
    # "how long" asks a measure: "a long week" holds the word, not the answer
    ("how long is the detour", "diversion through Cullen Moss"),
])
def test_a_reader_s_word_finds_the_article_s_own(tmp_path: Path, embedder: MiniLMEmbedder, question: str,
                                                  quoted: str) -> None:
    kb = build_library(tmp_path, embedder, [_QUARRY_SLIP])
    answer = AnswerService(kb).ask(COLLECTION, question)
    assert not answer.abstained and quoted in answer.citations[0].quote, answer.text
    kb.close()
