"""The brain: a question goes through retrieval, an answerer and citation checking."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from index.embedding.turns import answering
from index.library import KnowledgeBase
from index.records import SearchMode, SearchResult

from .abstention import AbstentionPolicy, abstention, should_abstain
from .conversation import Conversation
from .extractive import ExtractiveAnswerer, ScoredSentence, choose, compose, score_sentences
from .llm_answerer import LLMAnswerer
from .llm_client import LLMError
from .records import Answer, check_citations
from .semantic import SentenceSimilarity

log = logging.getLogger(__name__)

LLM_SAID_NO = "The language model found no answer in the nearest passages."


@dataclass(frozen=True)
class RetrievalSettings:
    """How many passages an answer draws on, and how they are found."""

    top_k: int = 5
    mode: SearchMode = "hybrid"


def _span(scored: ScoredSentence) -> tuple[int, int, int]:
    return scored.sentence.passage.article_id, scored.sentence.start, scored.sentence.end


class AnswerService:
    """Answers questions about one collection of a knowledge base."""

    def __init__(self, kb: KnowledgeBase, *, retrieval: RetrievalSettings = RetrievalSettings(),
                 extractive: ExtractiveAnswerer | None = None, llm: LLMAnswerer | None = None,
                 abstention_policy: AbstentionPolicy = AbstentionPolicy()) -> None:
        self.kb = kb
        self.retrieval = retrieval
        self.extractive = extractive or ExtractiveAnswerer()
        self.llm = llm
        self.abstention_policy = abstention_policy
        self.sentence_similarity = SentenceSimilarity(kb.embedder.embed)

    def retrieve(self, collection: str, query: str) -> list[SearchResult]:
        """The passages an answer may cite."""
        return self.kb.collection(collection).search(query, self.retrieval.mode, self.retrieval.top_k)

    def ask(self, collection: str, question: str, conversation: Conversation | None = None,
            on_delta: Callable[[str], None] | None = None) -> Answer:
        """Answer a question (see `_ask`); its uses of the model keep its place in line."""
        with answering():
            return self._ask(collection, question, conversation, on_delta)

    def _ask(self, collection: str, question: str, conversation: Conversation | None = None,
             on_delta: Callable[[str], None] | None = None) -> Answer:
        """Answer a question with checked citations, or abstain with the nearest sources.

        A follow-up is resolved against the conversation for retrieval, and the
        turn is recorded in it. `on_delta` receives an LLM reply as it streams.
        """
        query, context = conversation.resolve(question) if conversation else (question, "")
        library = self.kb.collection(collection)
        passages = library.search(query, self.retrieval.mode, self.retrieval.top_k)
        question_vector = library.embed_query(question)
        scored = score_sentences(question, passages, context, self.extractive.policy,
                                 lambda texts: self.sentence_similarity(question_vector, texts))
        if context and conversation is not None:
            # A follow-up asks for something new: prefer sentences the last answer did not quote,
            # unless only a quoted one answers it (e.g. another fact of the same sentence).
            quoted = conversation.already_quoted()
            fresh = [s for s in scored if _span(s) not in quoted]
            if fresh and not should_abstain(passages, fresh, self.abstention_policy):
                scored = fresh
        if should_abstain(passages, scored, self.abstention_policy):
            answer = abstention(question, passages,
                                library_empty=not passages and not library.articles(limit=1))
        elif self.llm is not None:
            answer = self._ask_llm(question, passages, scored, conversation, on_delta)
        else:
            answer = compose(question, choose(scored, self.extractive.policy))
        check_citations(answer, {p.chunk_id for p in passages})
        if conversation is not None:
            conversation.record(answer)
        return answer

    def _ask_llm(self, question: str, passages: list[SearchResult], scored: list[ScoredSentence],
                 conversation: Conversation | None,
                 on_delta: Callable[[str], None] | None) -> Answer:
        assert self.llm is not None
        history = conversation.history() if conversation else []
        try:
            answer = self.llm.answer(question, passages, history, on_delta)
        except LLMError as error:
            # The reason is safe to show; the question never reaches the log above debug.
            log.warning("LLM answer unusable, falling back to extractive: %s", error)
            fallback = compose(question, choose(scored, self.extractive.policy))
            return replace(fallback, notice=f"The language model could not answer ({error}); "
                                            "this answer quotes the articles directly.")
        if answer is None:
            return replace(abstention(question, passages, LLM_SAID_NO), answerer="llm")
        return answer
