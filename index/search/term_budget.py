"""Which of a question's words are worth ranking: a bound on what full-text ranking costs.

A full-text engine ranks every chunk that holds any of the OR-ed words of a question.
In a large library one common word ("council", "said") matches a third of it, and
ranking a third of a million chunks takes far longer than the rest of a search. Such a
word also weighs least in the ranking (bm25's idf is near zero for it), so leaving it
out changes little: the rarest words stay, and common ones join only while the chunks
all kept words match stay within a budget. Below the budget nothing changes at all, so
a small library is ranked exactly as before.

Engines count each word's matches themselves (cheaply: they may stop counting past the
budget) and render the kept words in their own syntax; this module only decides.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from .query import parse_query

Rendered = TypeVar("Rendered")

# Chunks one question's words may match together before the commonest words are left out.
RANKING_BUDGET = 5_000


def terms_worth_ranking(matches: Mapping[str, int], budget: int = RANKING_BUDGET) -> list[str]:
    """The terms to OR, in their given order: rarest first, each kept while the chunks the
    kept terms match add up to at most `budget`; terms matching nothing are left out.

    `matches` maps each term to the chunks it matches, counted up to at least
    `budget + 1` (a count past the budget may be a lower bound). When even the rarest
    term matches more than the budget, every term that matches something is returned:
    none is known to be rarer, and the engine must bound that search another way.
    """
    found = {term: count for term, count in matches.items() if count > 0}
    kept: set[str] = set()
    total = 0
    for term in sorted(found, key=lambda t: found[t]):  # stable: ties keep the question's order
        if total + found[term] > budget:
            break
        kept.add(term)
        total += found[term]
    if not kept:
        return list(found)
    return [term for term in found if term in kept]


def over_budget(matches: Mapping[str, int], kept: list[str], budget: int = RANKING_BUDGET) -> bool:
    """True when the kept terms still match more chunks than the budget (every one is common)."""
    return sum(matches[term] for term in kept) > budget


def bound_question(text: str, count: Callable[[list[str]], Mapping[str, int]],
                   render: Callable[[list[str], list[str]], Rendered | None],
                   newest_floor: Callable[[Rendered], int], budget: int = RANKING_BUDGET,
                   newest_first: bool = True) -> tuple[Rendered, int] | None:
    """(what an engine ranks for a question, the lowest chunk id worth ranking: 0 for
    all); None when nothing can match. The engine counts each word's matches (`count`),
    renders phrases and words in its syntax (`render`) and finds the oldest of the newest
    `budget` chunks an expression matches (`newest_floor`); this decides the rest.

    Quoted phrases bound the chunks themselves, so with one the question is kept whole.
    When every word is too common, only the newest `budget` chunks holding any of them
    are ranked, unless `newest_first` is off (a date window picks the chunks instead: the
    newest may all lie outside it).
    """
    parsed = parse_query(text)
    if parsed.phrases or not parsed.terms:
        whole = render(parsed.phrases, parsed.terms)
        return None if whole is None else (whole, 0)
    matches = count(parsed.terms)
    kept = terms_worth_ranking(matches, budget)
    rendered = render([], kept)
    if rendered is None:
        return None
    if not newest_first or not over_budget(matches, kept, budget):
        return rendered, 0
    return rendered, newest_floor(rendered)
