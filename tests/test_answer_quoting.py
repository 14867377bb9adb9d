"""Turning chosen sentences into quotes: reasons and antecedents join their sentence,
touching quotes become one, every quote stays verbatim."""
from __future__ import annotations

from bot.answering.evidence import sentences_of
from bot.answering.quoting import Span, compose, merge_adjacent, spans_for
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


def test_touching_quotes_become_one_and_stay_verbatim() -> None:
    p = passage()
    first, second, _, fourth = sentences_of([p])
    merged = merge_adjacent([Span(p, second.start, second.end), Span(p, first.start, first.end),
                             Span(p, fourth.start, fourth.end)])
    assert [s.text for s in merged] == [TEXT[:TEXT.index(" The council")], fourth.text]
    answer = compose("q", merged)
    assert [c.quote for c in answer.citations] == [s.text for s in merged]
    assert all(TEXT[c.start - p.start:c.end - p.start] == c.quote for c in answer.citations)
