"""A digest: the articles added or published in a window, newest first, each with its lead
sentence quoted and cited; with an LLM, a short cited overview of them on top."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.records import ArticleInfo, DateWindow
from index.sources.byline import display_date

from .answer_request import AnswerRequest
from .llm_client import LLMError
from .records import Answer, check_citations

if TYPE_CHECKING:
    from .service import AnswerService

log = logging.getLogger(__name__)
MAX_ARTICLES = 10


@dataclass(frozen=True)
class Digest:
    """What is new in a window: the articles, a cited lead per article, an optional overview."""

    window: DateWindow
    articles: list[ArticleInfo]
    leads: Answer
    overview: Answer | None = None

    def to_json(self) -> dict[str, object]:
        """The `digest --json` shape: each article with its cited lead sentence."""
        by_article = {c.article_id: c for c in self.leads.citations}
        return {
            "since": self.window.since, "before": self.window.before,
            "articles": [{"article_id": a.id, "title": a.title, "url": a.url, "date": a.when,
                          "date_source": a.date_source, "added_at": a.added_at,
                          "lead": by_article[a.id].to_json() if a.id in by_article else None}
                         for a in self.articles],
            "overview": self.overview.to_json() if self.overview else None,
        }


def window_words(window: DateWindow) -> str:
    """"since 25 November 2026" (and/or "before ...") for headings."""
    parts = [f"since {display_date(window.since)}" if window.since else "",
             f"before {display_date(window.before)}" if window.before else ""]
    return " ".join(p for p in parts if p) or "so far"


def make_digest(service: AnswerService, collection: str, window: DateWindow,
                limit: int = MAX_ARTICLES) -> Digest:
    """The digest of `collection` for `window` (articles dated or added in it)."""
    library = service.kb.collection(collection)
    question = f"What is new {window_words(window)}?"
    articles = library.dated(window, limit, added_too=True)
    if not articles:
        text = f"Nothing was added or published {window_words(window)}."
        return Digest(window, [], Answer(question, text, (), abstained=True))
    passages = [p for a in articles for p in library.opening(a.id, 1)]
    request = AnswerRequest(question, passages, library.embed_query(question), kind="digest")
    leads = service.overview.answer(library, request)
    check_citations(leads, {p.chunk_id for p in passages})
    overview = None
    if service.llm is not None:
        try:
            overview = service.llm.answer(request)
            check_citations(overview, {p.chunk_id for p in passages})
        except LLMError as error:
            log.warning("LLM digest overview unusable: %s", error)
    return Digest(window, articles, leads, overview)
