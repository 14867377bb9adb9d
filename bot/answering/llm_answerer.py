"""The optional LLM answerer: any OpenAI-compatible server, its citations checked.

The reply's markers are checked against the passages it was given: markers
that point nowhere are removed and the rest renumbered in order of first
appearance. Each citation quotes, verbatim, the sentence of the cited passage
that best matches the claim it supports.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.records import SearchResult

from .citation_markers import MARKER_RE, renumber_markers
from .evidence import sentences_of, stems
from .llm_client import ChatClient, LLMError, build_messages, is_no_answer
from .records import Answer, Citation

_CLAIM_END = re.compile(r"(?<=[.!?])\s+")


class NoValidCitation(LLMError):
    """The reply cited none of the passages it was given."""


class LLMAnswerer:
    """Asks a chat model to answer from numbered passages."""

    def __init__(self, client: ChatClient) -> None:
        self.client = client

    def answer(self, question: str, passages: Sequence[SearchResult], history: Sequence[tuple[str, str]] = (),
               on_delta: Callable[[str], None] | None = None) -> Answer | None:
        """A cited answer, or None when the model says the passages do not answer.

        Raises LLMError (or NoValidCitation) when the reply cannot be used.
        """
        messages = build_messages(question, [(p.title, p.text) for p in passages], history)
        reply = self.client.stream_chat(messages, on_delta)
        if is_no_answer(reply):
            return None
        text, order = renumber_markers(reply.strip(), len(passages))
        if not order:
            raise NoValidCitation("the language model's reply cited none of the passages")
        claims = _claims_by_marker(text)
        citations = tuple(_quote(n, passages[original - 1], claims.get(n, text))
                          for n, original in enumerate(order, start=1))
        return Answer(question=question, text=text, citations=citations, abstained=False, answerer="llm")


def _claims_by_marker(text: str) -> dict[int, str]:
    """The sentence of the reply that each marker follows."""
    claims: dict[int, str] = {}
    for sentence in _CLAIM_END.split(text):
        for number in {int(n) for m in MARKER_RE.finditer(sentence) for n in re.findall(r"\d+", m.group(0))}:
            claims[number] = f"{claims.get(number, '')} {sentence}"
    return claims


def _quote(n: int, passage: SearchResult, claim: str) -> Citation:
    """Cite the passage's sentence sharing most words with the claim (the passage's first on a tie)."""
    words = stems(claim)
    best = max(sentences_of([passage]), key=lambda s: (len(words & s.stems), -s.start))
    return Citation(n=n, article_id=passage.article_id, title=passage.title, url=passage.url,
                    chunk_id=passage.chunk_id, quote=best.text, start=best.start, end=best.end)
