"""The citation support check: numbers, names, IDF-weighted overlap and the real model's
cosine decide whether a passage says what a claim says; replies are cut, re-pointed
and pruned by it (issue 12, item 3)."""
from __future__ import annotations

import pytest

from bot.answering.citation_support import SupportChecker, names_in, numbers_in
from bot.answering.reply_check import check_reply, split_reply
from index.embedding import MiniLMEmbedder
from index.records import SearchResult

pytestmark = pytest.mark.usefixtures("one_torch_thread")

SYRIA = ("Tillerson made no mention of Assad's future in his statement. He said Russia had an obligation "
         "to prevent the use of chemical weapons in Syria, and that the United States could work with "
         "Moscow on no-fly zones.")
PANES = ("The restoration took three summers. The volunteers replaced 212 cracked window panes and rebuilt "
         "the spiral staircase of 97 cast-iron steps.")
BAKERY = ("Twelve bakeries in Lindenfeld formed a cooperative to buy flour together. Helga Strand, who has run "
          "a bakery on Mill Lane for 31 years, declined to join.")


def passage(n: int, title: str, text: str) -> SearchResult:
    return SearchResult(article_id=n, title=title, chunk_id=10 * n, text=text, start=0, end=len(text), score=1.0)


PASSAGES = [passage(1, "Talks on Syria", SYRIA), passage(2, "Lighthouse restored", PANES),
            passage(3, "Bakers form a cooperative", BAKERY)]


@pytest.fixture(scope="module")
def checker(embedder: MiniLMEmbedder) -> SupportChecker:
    """A checker on the real all-MiniLM-L6-v2."""
    return SupportChecker(embedder.embed)


def supported_by(checker: SupportChecker, claim: str) -> list[int]:
    """The passages (1-based) that support `claim`."""
    return [s.passage + 1 for s in checker.assess([claim], PASSAGES)[0] if s.supported]


def test_numbers_are_normalised() -> None:
    assert numbers_in("It cost 1,250 pounds over three years, or 7.5 a day.") == {"1250", "3", "7.5"}
    assert numbers_in("Forty volunteers") == {"40"}


def test_a_capitalised_first_word_is_a_name_only_when_the_passages_use_it_as_one() -> None:
    assert names_in("Overall, Helga Strand declined.", set()) == {"helga", "strand"}
    assert names_in("Tillerson spoke.", set()) == set()
    assert names_in("Tillerson spoke.", {"tillerson"}) == {"tillerson"}


@pytest.mark.parametrize(("claim", "expected"), [
    ("The volunteers replaced 212 cracked window panes.", [2]),
    ("The restoration of the lighthouse took three summers.", [2]),  # "three" is in the passage
    ("Tillerson said Russia must prevent the use of chemical weapons.", [1]),
    ("Helga Strand did not join the cooperative.", [3]),
])
def test_a_claim_is_supported_by_the_passage_that_says_it(checker: SupportChecker, claim: str,
                                                          expected: list[int]) -> None:
    assert supported_by(checker, claim) == expected


@pytest.mark.parametrize("claim", [
    "The volunteers replaced 213 cracked window panes.",  # a number changed
    "The restoration took four summers.",  # a number word changed
    "Helga Peskov declined to join the cooperative.",  # a name swapped
    "If our two countries work together, we can end the civil war.",  # the invented sentence
    "The lighthouse keepers came back in 2019 to open a cafe.",  # invented, on the passages' topic
])
def test_a_claim_no_passage_says_is_supported_by_none(checker: SupportChecker, claim: str) -> None:
    assert supported_by(checker, claim) == []


def test_support_uses_the_models_cosine(checker: SupportChecker) -> None:
    paraphrase, unrelated = checker.assess(["Tillerson did not say anything about the future of Assad.",
                                            "The weather in Lindenfeld was sunny."], PASSAGES)
    assert paraphrase[0].cosine > 0.6 and paraphrase[0].supported
    assert unrelated[0].cosine < 0.3 and max(s.cosine for s in unrelated) < 0.5
    assert "Tillerson made no mention" in (paraphrase[0].quote.text if paraphrase[0].quote else "")


def test_the_reply_is_split_with_markers_kept_on_their_sentence() -> None:
    reply = "Panes were replaced [2]. Steps were rebuilt. [2][3] The end?\n- A list item [1]"
    assert split_reply(reply) == [("Panes were replaced [2].", " "), ("Steps were rebuilt. [2][3]", " "),
                                  ("The end?", "\n"), ("- A list item [1]", "")]


def test_a_reply_is_re_pointed_pruned_and_cited(checker: SupportChecker) -> None:
    reply = ("The volunteers replaced 212 cracked window panes [1]. "  # re-pointed to 2
             "If our two countries work together, we can end the civil war [2]. "  # removed
             "Helga Strand declined to join. "  # uncited, supported: cited
             "In short:\nTwelve bakeries formed a cooperative [3][9].")  # [9] points nowhere
    checked = check_reply(reply, PASSAGES, checker)
    assert checked.text == ("The volunteers replaced 212 cracked window panes [2]. Helga Strand declined to join [3]. "
                            "In short:\nTwelve bakeries formed a cooperative [3].")
    assert (checked.removed, checked.repointed) == (1, 1)
    assert "212 cracked window panes" in checked.quotes[2].text and "Helga Strand" in checked.quotes[3].text
