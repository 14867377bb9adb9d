"""Whether a follow-up may be answered from an article the conversation was not about.

"How much did he pay for them?" after an answer on the bronzes Silas Pellham bought is
about Pellham: "Members pay £20 a year" from the tool library's story answers nothing
of it, nor does "the Baskett contract was worth $7 million" answer "how much is that
contract worth?" after the eye clinic's contract. A follow-up leaves its story only
when it names something of the new one that the story it follows never mentions ("how
many books did they lose" after a question on the cup final: the library's story); one
pointing at someone ("what did he say") leaves it for a story that names them, and only then.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.records import SearchResult

from .stemming import question_stems, stem, stems
from .names_held import inner_names
from .referents import points_at_someone

# Words that ask for a kind of answer (a sum, a count, a time) rather than name what it is
# about: any story may hold them ("pay", "worth", "people").
_ASKING = frozenset(stem(w) for w in (
    "much many long old far big cost costs pay paid worth price spend spent earn charge charged people ppl "
    "person number total amount figure time times year years day days date happen happened say said think "
    "get got have has do did make made take took go went come came").split())


def names_the_new_story(question: str, quotes: Sequence[str], followed: Sequence[str]) -> bool:
    """True when the question names something the answer's quotes hold and none of the
    articles it follows (`followed`, their texts) does."""
    earlier = set().union(*(stems(text) for text in followed))
    quoted = set().union(*(stems(text) for text in quotes))
    return any(t in quoted and t not in earlier for t in question_stems(question) if t not in _ASKING)


def follows_someone(question: str, earlier: str, followed: Sequence[str], cited: Sequence[str]) -> bool | None:
    """Whether the articles now cited (their texts) name the one a follow-up points at by
    "he" or "she", whom the question it follows named; None when it points at no one named.
    "What did he say about the deal?" after "who is Idris Fennimore" may be answered from
    the strike's later story, which names him, not from the hospital's, which does not."""
    if not points_at_someone(question):
        return None
    names = frozenset().union(*(inner_names(text) for text in followed))
    named = {t for t in question_stems(earlier) if t in names}
    if not named:
        return None
    return bool(named & set().union(*(stems(text) for text in cited)))


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


# "what will a ferry call cost now", "in the end": the story as its latest report tells it.
_NOW_ASKED = re.compile(r"\b(?:now|currently|at present|these days|in the end|eventually|finally)\b", re.I)


def superseded(question: str, passages: Sequence[SearchResult]) -> frozenset[int]:
    """The retrieved articles a later report of the same story updates, when the question asks
    how things stand now; none for any other question."""
    if not _NOW_ASKED.search(question):
        return frozenset()
    dated = {p.article_id: (p.date or "", p.title) for p in passages if p.date}
    return frozenset(a for a, (day, title) in dated.items()
                     if any(later > day and same_story(title, theirs) for later, theirs in dated.values()))


def same_story(title: str, other: str) -> bool:
    """True when two headlines tell one story (a first report and its update): they share
    a name and another word ("Thornly Heath" and "homes"; "Skerrin Air"), not a town alone."""
    theirs = set(question_stems(other))
    shared = {t for t in question_stems(title) if t in theirs}
    names = {stem(w) for w in _CAPITALISED.findall(f"{title} {other}")}
    return len(shared) >= 2 and bool(shared & names)
