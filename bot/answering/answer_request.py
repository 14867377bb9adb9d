"""What every answerer is given: the question, the passages found for it, the conversation."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from index.records import SearchResult


@dataclass(frozen=True)
class AnswerRequest:
    """One question with its retrieved passages.

    `context` is the earlier question a follow-up leans on, `quoted` the spans
    (article id, start, end) the last answer quoted, `history` the conversation's
    (question, answer) pairs, `on_delta` a callback for a streamed reply.
    """

    question: str
    passages: Sequence[SearchResult]
    question_vector: np.ndarray
    context: str = ""
    quoted: frozenset[tuple[int, int, int]] = frozenset()
    previous_articles: frozenset[int] = frozenset()
    history: Sequence[tuple[str, str]] = ()
    on_delta: Callable[[str], None] | None = field(default=None, compare=False)
    library_empty: bool = False
    # The library has articles, but none dated in the question's date window.
    window_empty: bool = False
    # What kind of question it is: a plain one, or an overview (`overview.KINDS`).
    kind: str = "question"
    # For a question naming a year, each retrieved article's opening passage: an article
    # that opens "... for the 2015 season" is of that year in every passage.
    openings: Mapping[int, str] = field(default_factory=dict, compare=False)
    # The other articles on the story of those the last answer cited (`previous_articles`):
    # its first report, or the update to it.
    story_articles: frozenset[int] = frozenset()
