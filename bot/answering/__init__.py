"""Grounded answers: retrieval, an answerer (extractive or LLM), and checked citations."""
from .answer_request import AnswerRequest
from .conversation import Conversation
from .extractive import ExtractiveAnswerer
from .records import Answer, Citation, CitationError, check_citations
from .service import AnswerService, RetrievalSettings

__all__ = ["Answer", "AnswerRequest", "AnswerService", "Citation", "CitationError", "Conversation",
           "ExtractiveAnswerer", "RetrievalSettings", "check_citations"]
