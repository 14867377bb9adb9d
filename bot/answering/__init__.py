"""Grounded answers: retrieval, an answerer (extractive or LLM), and checked citations."""
from .abstention import AbstentionPolicy
from .conversation import Conversation
from .extractive import ExtractiveAnswerer, ExtractivePolicy
from .records import Answer, Citation, CitationError, check_citations
from .service import AnswerService, RetrievalSettings

__all__ = ["AbstentionPolicy", "Answer", "AnswerService", "Citation", "CitationError", "Conversation",
           "ExtractiveAnswerer", "ExtractivePolicy", "RetrievalSettings", "check_citations"]
