"""A conversation's recent turns, and resolving a follow-up question against them."""
from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from .citation_markers import strip_markers
from .stemming import question_stems
from .records import Answer
from .sentence_features import decisive_terms
from .speakers import said_words

# A question that leans on an earlier one: it opens like a continuation or
# points back with a pronoun instead of naming what it is about.
_CONTINUES = re.compile(r"^\s*(and|but|also|so|then|what about|how about|what else)\b", re.I)
# "how many are still cut off?": a count with nothing named to count ("how much is the new
# runway going to cost" names it).
_NO_SUBJECT = re.compile(r"^\W*how (many|much) (are|is|were|was|have|has)\b"
                         r"(?!\s+(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your)\s+\w+\s+\w)", re.I)
_PRONOUNS = r"he|she|they|him|her|them|his|their|it|its|this|that|these|those"
_POINTS_BACK = re.compile(rf"\b({_PRONOUNS}|hers|there|the same|else|more|each one|each of them)\b", re.I)
# "who is idris fennimore": someone named by two words, capitalised or not, stands alone
# ("who is the mayor", "who is she", "who is in charge" may lean on what came before).
_WHO_IS_NAMED = re.compile(rf"^\W*who(?:'s|’s| is| was)\s+(?!(?:{_PRONOUNS}|the|a|an|in|on|at|responsible|next|"
                           r"there|here|hers|first|last|still|now|then|behind|running|leading|winning)\b)"
                           r"[a-z][\w'’-]*\s+[a-z][\w'’-]*\W*$", re.I)
# "did anyone get sent off in that game", "what happened after that": the thing just talked of.
_THAT_ONE = re.compile(r"\b(in|at|from|of|about|on|for|after|during|since|with|by|before) (that|this|those|these)"
                       r"( [a-z-]+)?\W*$", re.I)


@dataclass(frozen=True)
class Turn:
    """One question and the answer it got."""

    question: str
    answer: str
    article_ids: tuple[int, ...]
    quoted: frozenset[tuple[int, int, int]] = frozenset()

    def to_json(self) -> str:
        """The turn as JSON (kept in the store so that another process can continue it)."""
        return json.dumps({"question": self.question, "answer": self.answer, "articles": list(self.article_ids),
                           "quoted": sorted(self.quoted)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Turn:
        """A turn `to_json` wrote."""
        data = json.loads(text)
        return cls(data["question"], data["answer"], tuple(int(a) for a in data["articles"]),
                   frozenset((int(a), int(s), int(e)) for a, s, e in data["quoted"]))


def is_follow_up(question: str) -> bool:
    """True when the question needs the previous turn to be understood: it continues
    ("and for Belmont?"), points back ("how old were they?") or is too short to stand
    alone ("by when?", "what was the score?": two terms at most and no name or number)."""
    # "who said an it failure is not bad weather", "who is idris fennimore": they name what they ask about
    if said_words(question) or _WHO_IS_NAMED.match(question):
        return False
    terms = question_stems(question)
    bare = (len(terms) <= 2 or bool(_NO_SUBJECT.match(question))) and not decisive_terms(question)
    return (bool(_CONTINUES.search(question)) or (len(terms) <= 4 and bool(_POINTS_BACK.search(question)))
            or bare or (bool(_THAT_ONE.search(question)) and not decisive_terms(question)))


_PRONOUN_BACK = re.compile(rf"\b({_PRONOUNS})\b", re.I)
_ASKS_ABOUT_THE = re.compile(r"\b(?:who|what|when|where|which|how)(?:'s|’s| is| was| are| were| did| does| do)? "
                             # (not a word any story has: "so what's the reason", "what about the cost")
                             r"(?:\w+ )?the (?!(?:same|other|rest|ones?|reason|result|price|cost|total|owner|answer|"
                             r"point|outcome|cause|number|figure|amount|date|time|name|score|plan|deal|problem|issue|"
                             r"story|article|latest|news|update|verdict|decision|response|reaction)\b)[a-z-]{3,}\W*$",
                             re.I)
NO_EARLIER_QUESTION = ("That sounds like it follows an earlier question, but there is none here to follow. "
                       "Please ask it in full, naming who or what you mean.")


def dangles(question: str) -> bool:
    """True when a question only makes sense after another one: it opens as a
    continuation and either points back at someone ("and what did she say?", "what
    about him?") or says next to nothing ("also, who won?"), and names nothing. (A
    question that only points back, "when was his lab destroyed?", is answered as a
    best guess: often one article is about him.)"""
    terms = question_stems(question)
    points_back = bool(_PRONOUN_BACK.search(question)) and len(terms) <= 2
    # "so when's the resit": a question about a thing it names stands alone, however it opens.
    names_a_thing = bool(_ASKS_ABOUT_THE.search(question)) and not points_back
    return bool(_CONTINUES.search(question)) and not decisive_terms(question) and not names_a_thing and \
        (points_back or len(terms) <= 1)


class Conversation:
    """The last few turns of one console session or Discord thread."""

    def __init__(self, max_turns: int = 4, turns: Iterable[Turn] = ()) -> None:
        self.turns: deque[Turn] = deque(turns, maxlen=max_turns)

    def resolve(self, question: str) -> tuple[str, str]:
        """(query for retrieval, earlier context for scoring); a standalone question has no context."""
        if not self.turns or not is_follow_up(question):
            return question, ""
        previous = self.turns[-1].question
        return f"{previous} {question}", previous

    def record(self, answer: Answer) -> None:
        """Remember a turn (abstentions too: the user may rephrase)."""
        ids = tuple(dict.fromkeys(c.article_id for c in answer.citations))
        quoted = frozenset((c.article_id, c.start, c.end) for c in answer.citations)
        self.turns.append(Turn(answer.question, strip_markers(answer.text), ids, quoted))

    def already_quoted(self) -> frozenset[tuple[int, int, int]]:
        """(article id, start, end) of the sentences the last answer quoted."""
        return self.turns[-1].quoted if self.turns else frozenset()

    def last_articles(self) -> frozenset[int]:
        """The articles the last answer cited."""
        return frozenset(self.last_cited())

    def last_cited(self) -> tuple[int, ...]:
        """The articles the last answer cited, in the order it first quoted them."""
        return self.turns[-1].article_ids if self.turns else ()

    def last_question(self) -> str:
        """The question the last answer answered ("" before any)."""
        return self.turns[-1].question if self.turns else ""

    def history(self) -> list[tuple[str, str]]:
        """(question, answer) pairs for an LLM prompt, oldest first."""
        return [(t.question, t.answer) for t in self.turns]

    def clear(self) -> None:
        """Forget every turn."""
        self.turns.clear()
