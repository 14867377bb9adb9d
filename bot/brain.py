"""Building the parts every front shares, once: model, knowledge base, fetcher, answerer."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from index.embedding import Embedder, LazyEmbedder, lazy_embedder
from index.library import KnowledgeBase
from index.sources import UrlFetcher
from index.store.backends import open_backend

from .answering import AnswerService, RetrievalSettings
from .answering.citation_support import SupportChecker
from .answering.llm_answerer import LLMAnswerer
from .answering.llm_client import ChatClient
from .feed_desk import FeedDesk
from .settings import Settings


MODEL_LOAD_WAIT = 120.0
"""Seconds `close` waits for a background model load (it takes a few on a busy machine)."""


@dataclass
class Brain:
    """What the console, the CLI and the Discord bot are given."""

    settings: Settings
    kb: KnowledgeBase
    answers: AnswerService
    fetcher: UrlFetcher

    def close(self) -> None:
        """Release the databases and the LLM connection, once a background model load has
        ended (quitting during it would otherwise abort the process)."""
        if isinstance(self.kb.embedder, LazyEmbedder):
            self.kb.embedder.wait_for_background(MODEL_LOAD_WAIT)
        self.kb.close()
        if self.answers.llm is not None:
            self.answers.llm.client.close()


    @cached_property
    def feeds(self) -> FeedDesk:
        """Feed subscriptions of every library, polled through the safe fetcher."""
        return FeedDesk(self.kb, self.fetcher, self.settings)

    def start_loading_model(self) -> None:
        """Load the model on a background thread now, so that the first question waits less."""
        if isinstance(self.kb.embedder, LazyEmbedder):
            self.kb.embedder.start_loading()

    @property
    def model_loaded(self) -> bool:
        """False while the model is still loading (a question would wait for it)."""
        return not isinstance(self.kb.embedder, LazyEmbedder) or self.kb.embedder.loaded


def build_brain(settings: Settings, embedder: Embedder | None = None) -> Brain:
    """Wire the parts together on `embedder`; by default the runtime EMBEDDING_RUNTIME
    names, loaded on first use (or from `start_loading_model`)."""
    kb = KnowledgeBase(settings.data_dir, embedder or lazy_embedder(settings.embedding_runtime),
                       backend=open_backend(settings.data_dir, settings.database_url))
    llm = LLMAnswerer(ChatClient(settings.llm), SupportChecker(kb.embedder.embed)) if settings.llm else None
    answers = AnswerService(kb, retrieval=RetrievalSettings(top_k=settings.top_k), llm=llm)
    return Brain(settings, kb, answers, UrlFetcher(allow_hosts=settings.fetch_allow_hosts))
