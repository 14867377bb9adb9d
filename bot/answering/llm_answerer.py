"""The optional LLM answerer: any OpenAI-compatible server, its citations checked.

The reply's markers are checked against the passages it was given: markers that
point nowhere are removed, and every cited claim is checked against the passage
it cites (numbers and names it states, IDF-weighted word overlap, the embedder's
cosine): re-pointed to the passage that supports it, or removed with its
sentence (`reply_check`). The rest is renumbered in order of first appearance;
each citation quotes, verbatim, the passage's sentence closest to its claim.
"""
from __future__ import annotations

from dataclasses import replace

from .abstention import abstention
from .answer_request import AnswerRequest
from .citation_markers import renumber_markers
from .citation_support import SupportChecker
from .llm_client import ChatClient, LLMError, build_messages, is_no_answer
from .records import Answer, Citation
from .reply_check import check_reply


LLM_SAID_NO = "The language model found no answer in the nearest passages."


class NoValidCitation(LLMError):
    """The reply cited none of the passages it was given."""


class UnsupportedReply(LLMError):
    """No claim of the reply is supported by the passages."""


class LLMAnswerer:
    """Asks a chat model to answer from numbered passages, and keeps what they support."""

    def __init__(self, client: ChatClient, support: SupportChecker) -> None:
        self.client = client
        self.support = support

    name = "llm"

    def answer(self, request: AnswerRequest) -> Answer:
        """A cited answer, or an abstention (with the nearest sources) when the model
        says the passages do not answer.

        Raises LLMError when the reply cannot be used: NoValidCitation when it cites
        no passage, UnsupportedReply when the passages support none of it, ReplyCutOff
        when it was cut off at the token limit.
        """
        question, passages = request.question, request.passages
        messages = build_messages(question, [(p.title, p.text) for p in passages], request.history)
        reply = self.client.stream_chat(messages, request.on_delta)
        if is_no_answer(reply):
            return replace(abstention(question, passages, LLM_SAID_NO), answerer="llm")
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
                                      chunk_id=passage.chunk_id, quote=quote.text, start=quote.start, end=quote.end,
                                      site=passage.site, date=passage.date))
        notice = None
        if checked.removed:
            notice = (f"{_sentences(checked.removed)} of the language model's answer left out: "
                      "the articles do not support {}.".format("it" if checked.removed == 1 else "them"))
        return Answer(question=question, text=text, citations=tuple(citations), abstained=False, answerer="llm",
                      notice=notice)


def _sentences(count: int) -> str:
    return "One sentence" if count == 1 else f"{count} sentences"
