"""The optional LLM answerer: any OpenAI-compatible server, its citations checked.

The reply's markers are checked against the passages it was given: markers that
point nowhere are removed, and every cited claim is checked against the passage
it cites (numbers and names it states, IDF-weighted word overlap, the embedder's
cosine): re-pointed to the passage that supports it, or removed with its
sentence (`reply_check`). The rest is renumbered in order of first appearance;
each citation quotes, verbatim, the passage's sentence closest to its claim.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from index.records import SearchResult

from .citation_markers import renumber_markers
from .citation_support import SupportChecker
from .llm_client import ChatClient, LLMError, build_messages, is_no_answer
from .records import Answer, Citation
from .reply_check import check_reply


class NoValidCitation(LLMError):
    """The reply cited none of the passages it was given."""


class UnsupportedReply(LLMError):
    """No claim of the reply is supported by the passages."""


class LLMAnswerer:
    """Asks a chat model to answer from numbered passages, and keeps what they support."""

    def __init__(self, client: ChatClient, support: SupportChecker) -> None:
        self.client = client
        self.support = support

    def answer(self, question: str, passages: Sequence[SearchResult], history: Sequence[tuple[str, str]] = (),
               on_delta: Callable[[str], None] | None = None) -> Answer | None:
        """A cited answer, or None when the model says the passages do not answer.

        Raises LLMError when the reply cannot be used: NoValidCitation when it cites
        no passage, UnsupportedReply when the passages support none of it, ReplyCutOff
        when it was cut off at the token limit.
        """
        messages = build_messages(question, [(p.title, p.text) for p in passages], history)
        reply = self.client.stream_chat(messages, on_delta)
        if is_no_answer(reply):
            return None
        if not renumber_markers(reply, len(passages))[1]:
            raise NoValidCitation("the language model's reply cited none of the passages")
        checked = check_reply(reply, passages, self.support)
        text, order = renumber_markers(checked.text, len(passages))
        if not order:
            raise UnsupportedReply("the passages do not support the language model's reply")
        citations = []
        for n, original in enumerate(order, start=1):
            quote, passage = checked.quotes[original], passages[original - 1]
            citations.append(Citation(n=n, article_id=passage.article_id, title=passage.title, url=passage.url,
                                      chunk_id=passage.chunk_id, quote=quote.text, start=quote.start, end=quote.end))
        notice = None
        if checked.removed:
            notice = (f"{_sentences(checked.removed)} of the language model's answer left out: "
                      "the articles do not support {}.".format("it" if checked.removed == 1 else "them"))
        return Answer(question=question, text=text, citations=tuple(citations), abstained=False, answerer="llm",
                      notice=notice)


def _sentences(count: int) -> str:
    return "One sentence" if count == 1 else f"{count} sentences"
