"""The knowledge base: articles in, chunks embedded and indexed, hybrid search out.

It knows nothing of Discord: the bot and any other front build on this API.
"""
from .collection import Collection
from .errors import FetchError, InputError, KnowledgeBaseError, ModelMismatchError, NotFoundError
from .library import KnowledgeBase
from .records import AddResult, Article, ArticleInfo, SearchResult, Stats

__all__ = ["AddResult", "Article", "ArticleInfo", "Collection", "FetchError", "InputError", "KnowledgeBase",
           "KnowledgeBaseError", "ModelMismatchError", "NotFoundError", "SearchResult", "Stats"]
