"""Turning chosen sentences into quotes: reasons and antecedents join their sentence,
touching quotes become one, every quote stays verbatim."""
from __future__ import annotations

import numpy as np

from bot.answering.evidence import sentences_of
from bot.answering.extractive import Ranking, extra_quotes
from bot.answering.quoting import Span, compose, merge_adjacent, spans_for
from bot.answering.sentence_features import Candidates
from bot.text_format import format_answer
from index.records import SearchResult

TEXT = ("Shop owners opposed the plan. They fear losing customers, because most drive in from the villages. "
        "The council voted for it anyway. It will take effect in March.")


def passage(text: str = TEXT, start: int = 40) -> SearchResult:
    return SearchResult(article_id=1, title="Plan", chunk_id=7, text=text, start=start, end=start + len(text),
                        score=1.0)


def test_a_why_answer_goes_on_to_the_reason() -> None:
    sentences = sentences_of([passage()])
    claim = sentences[0]
    [span] = spans_for("Why did shop owners oppose the plan?", claim, sentences)
    # The reason follows the claim; the quote stops at the sentence that gives it.
    assert span.text == TEXT[:TEXT.index(" The council")]
    # Not for other questions.
    assert spans_for("Who opposed the plan?", claim, sentences)[0].text == claim.text


def test_a_sentence_opening_with_a_pronoun_brings_its_antecedent() -> None:
    sentences = sentences_of([passage()])
    [span] = spans_for("When does it take effect?", sentences[3], sentences)
    assert span.text == "The council voted for it anyway. It will take effect in March."


def test_no_stray_piece_of_a_quotation_is_brought_for_a_pronoun() -> None:
    # "He" is the landlord named before the quotation; its last sentence alone names no one.
    text = ('Danny Fairclough said the ruling would hurt. "We have bands four nights a week. Cutting it off at ten '
            'will finish half of that." He said the pub had spent £15,000 on a sound limiter. '
            '"We never wanted it," said Ann Rowley. She said the noise had gone on for years.')
    sentences = sentences_of([passage(text)])
    spent = next(s for s in sentences if s.text.startswith("He said"))
    assert spans_for("how much did the limiter cost", spent, sentences)[0].text == spent.text
    years = next(s for s in sentences if s.text.startswith("She said"))
    assert spans_for("how long had the noise gone on", years, sentences)[0].text.startswith('"We never wanted it,"')


def test_a_quote_ending_someone_s_words_starts_where_they_opened() -> None:
    text = ('The offer closed on Friday. "People queued outside the library to hand in cheques. One man brought in '
            'his £100 in coins." The cinema will reopen in 2027.')
    sentences = sentences_of([passage(text)])
    coins = next(s for s in sentences if s.text.startswith("One man"))
    assert spans_for("what did one man bring in", coins, sentences)[0].text == (
        '"People queued outside the library to hand in cheques. One man brought in his £100 in coins."')
    # An inch mark closes no one's words: the quote does not reach back over another quotation.
    inch = '"Nobody helped," said Ann Bell. Engineers found a 6" crack in the beam.'
    crack = next(s for s in sentences_of([passage(inch)]) if s.text.startswith("Engineers"))
    assert spans_for("how big was the crack", crack, sentences_of([passage(inch)]))[0].text == crack.text
    # A quotation it opens itself, or none at all, is quoted as it is.
    reopen = sentences[-1]
    assert spans_for("when will the cinema reopen", reopen, sentences)[0].text == reopen.text


def test_touching_quotes_become_one_and_stay_verbatim() -> None:
    p = passage()
    first, second, _, fourth = sentences_of([p])
    merged = merge_adjacent([Span(p, second.start, second.end), Span(p, first.start, first.end),
                             Span(p, fourth.start, fourth.end)])
    assert [s.text for s in merged] == [TEXT[:TEXT.index(" The council")], fourth.text]
    answer = compose("q", merged)
    assert [c.quote for c in answer.citations] == [s.text for s in merged]
    assert all(TEXT[c.start - p.start:c.end - p.start] == c.quote for c in answer.citations)


def ranking_of(sentences: list, scores: list[float]) -> Ranking:
    """A ranking of `sentences` with these scores, best first (features unused here)."""
    candidates = Candidates(sentences, [0.0] * len(sentences), np.zeros((len(sentences), 1)), [0.0] * len(sentences),
                            0.0, [], False, [])
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return Ranking(candidates, np.asarray(scores), order, 1.0)


def test_a_likely_runner_up_beside_the_best_sentence_joins_its_quote() -> None:
    other = SearchResult(article_id=2, title="Other", chunk_id=9, text="The vote was close on the night.", start=0,
                         end=32, score=1.0)
    first, second, third, _ = sentences_of([passage()])
    [elsewhere] = sentences_of([other])
    # The runner-up right after the best one is quoted with it at a tenth of its probability ...
    beside = ranking_of([first, second, elsewhere], [5.0, 5.0 + np.log(0.1), 5.0 + np.log(0.1)])
    assert extra_quotes(beside) == [second]
    assert [s.text for s in merge_adjacent([Span(s.passage, s.start, s.end) for s in [first, second]])] == \
        [TEXT[:TEXT.index(" The council")]]
    # ... and right before it too; one elsewhere needs half the best one's probability.
    before = ranking_of([third, second, elsewhere], [5.0, 5.0 + np.log(0.1), 5.0 + np.log(0.6)])
    assert extra_quotes(before) == [elsewhere, second]
    # A sentence two away is not beside it; one far less likely is not quoted at all.
    apart = ranking_of([first, third, second], [5.0, 5.0 + np.log(0.4), 5.0 + np.log(0.01)])
    assert extra_quotes(apart) == []


def test_a_digests_items_stand_on_lines_of_their_own_and_a_paragraph_break_is_a_space() -> None:
    text = "The plan was approved.\n\nWork starts in May. Nobody objected."
    p = passage(text, start=0)
    first, second = Span(p, 0, text.index(" Nobody")), Span(p, text.index("Nobody"), len(text))
    digest = compose("what's new", [first, second], ["Plan (1 May 2026):", "Plan again:"])
    assert digest.text == ("Plan (1 May 2026): The plan was approved.\n\nWork starts in May. [1]\n"
                           "Plan again: Nobody objected. [2]")
    shown = format_answer(digest).split("\n\nSources:")[0]
    assert shown == ("Plan (1 May 2026): The plan was approved. Work starts in May. [1]\n"
                     "Plan again: Nobody objected. [2]")
    assert digest.citations[0].quote == text[:text.index(" Nobody")]  # the quote itself stays verbatim
    plain = compose("when does work start", [first])
    assert "\n" not in format_answer(plain).split("\n\nSources:")[0]
