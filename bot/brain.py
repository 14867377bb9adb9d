"""Building the parts every front shares, once: model, knowledge base, fetcher, answerer."""
from __future__ import annotations

from dataclasses import dataclass

from index.embedding import LazyEmbedder, MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import UrlFetcher

from .answering import AnswerService, RetrievalSettings
from .answering.citation_support import SupportChecker
from .answering.llm_answerer import LLMAnswerer
from .answering.llm_client import ChatClient
from .settings import Settings


@dataclass
class Brain:
    """What the console, the CLI and the Discord bot are given."""

    settings: Settings
    kb: KnowledgeBase
    answers: AnswerService
    fetcher: UrlFetcher

    def close(self) -> None:
        """Release the databases and the LLM connection."""
        self.kb.close()
        if self.answers.llm is not None:
            self.answers.llm.client.close()


def build_brain(settings: Settings) -> Brain:
    """Wire the parts together; the model loads on first use."""
    kb = KnowledgeBase(settings.data_dir, LazyEmbedder(MiniLMEmbedder))
    llm = LLMAnswerer(ChatClient(settings.llm), SupportChecker(kb.embedder.embed)) if settings.llm else None
    answers = AnswerService(kb, retrieval=RetrievalSettings(top_k=settings.top_k), llm=llm)
    return Brain(settings, kb, answers, UrlFetcher(allow_hosts=settings.fetch_allow_hosts))
