"""The brain: a question goes through retrieval, an answerer and citation checking."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from index.embedding.turns import answering
from index.embedding.words import model_words
from index.collection import Collection
from index.library import KnowledgeBase
from index.records import DateWindow, SearchMode, SearchResult

from .abstention import abstention, nothing_dated_in
from .answer_request import AnswerRequest
from .chat_words import SMALL_TALK_REPLY, is_small_talk, plain_question
from .conversation import NO_EARLIER_QUESTION, Conversation, dangles, is_follow_up
from .extractive import ExtractiveAnswerer
from .language import english_only_reply, foreign_language
from .llm_answerer import LLMAnswerer
from .llm_client import LLMError
from .overview import WHICH_ARTICLE, OverviewAnswerer
from .reasons import asks_why
from .recency import asks_for_recent, rank_by_recency
from .records import Answer, check_citations
from .semantic import SentenceSimilarity
from .spelling import joined, respelt, vocabulary
from .story_switch import follows_someone, names_the_new_story, same_story
from .years_asked import years_in

log = logging.getLogger(__name__)
# The passages whose next chunk a "why" question also gets.
_REASON_PASSAGES = 2


@dataclass(frozen=True)
class RetrievalSettings:
    """How many passages an answer draws on, and how they are found."""

    top_k: int = 5
    mode: SearchMode = "hybrid"


class AnswerService:
    """Answers questions about one collection of a knowledge base.

    The extractive answerer decides alone when no LLM is configured; with one, the
    LLM sees the passages of every question retrieval found anything for, and the
    extractive answer is its fallback.
    """

    def __init__(self, kb: KnowledgeBase, *, retrieval: RetrievalSettings = RetrievalSettings(),
                 llm: LLMAnswerer | None = None) -> None:
        self.kb = kb
        self.retrieval = retrieval
        self.llm = llm
        self.sentence_similarity = SentenceSimilarity(kb.embedder.embed)
        self.extractive = ExtractiveAnswerer(self.sentence_similarity)
        self.overview = OverviewAnswerer(self.sentence_similarity, retrieval.top_k)

    def retrieve(self, collection: str, query: str, window: DateWindow | None = None) -> list[SearchResult]:
        """The passages an answer may cite (within a date window); a question about what
        is recent draws from a deeper list re-ranked with newer articles first."""
        library = self.kb.collection(collection)
        k = self.retrieval.top_k
        if not asks_for_recent(query):
            found = library.search(query, self.retrieval.mode, k, window)
            return found + self._story_goes_on(library, found) if asks_why(query) else found
        deeper = library.search(query, self.retrieval.mode, 4 * k, window)
        return rank_by_recency(deeper, self.today(), k)

    @staticmethod
    def _story_goes_on(library: Collection, found: list[SearchResult]) -> list[SearchResult]:
        """The chunks following the best passages: a story gives the reason for its claim
        after it, often in the next paragraph, which a "why" question's words may miss.
        They rank below what was found (scored as the last of it): context for the
        claim, not evidence that the question is answered."""
        have = {p.chunk_id for p in found}
        last = min((p.score for p in found), default=0.0)
        more = [replace(n, score=last) for p in found[:_REASON_PASSAGES] for n in library.following(p)
                if n.chunk_id not in have]
        return list({p.chunk_id: p for p in more}.values())

    @staticmethod
    def today() -> date:
        """Today's date (UTC), which article ages are counted to."""
        return datetime.now(timezone.utc).date()

    def prepare(self, collection: str, question: str, conversation: Conversation | None = None,
                on_delta: Callable[[str], None] | None = None, window: DateWindow | None = None) -> AnswerRequest:
        """The request an answerer gets: the passages retrieved for the question (a
        follow-up together with the question it follows; an overview question, the
        articles it is about), within the date window, and the conversation so far."""
        library = self.kb.collection(collection)
        cited = conversation.last_cited() if conversation else ()
        earlier = conversation.last_question() if conversation else ""
        overview = self.overview.request(library, question, window, self.today(), cited, earlier)
        if overview is None:
            passages, context = self._passages(collection, question, conversation, window)
            # A word the passages never use may be a slip for one they do ("satelites"), two
            # words one they write as one ("hail stones").
            known = vocabulary(f"{p.title} {p.text}" for p in passages)
            spelt = respelt(joined(question, known), known, model_words())
            if spelt != question:
                question = spelt
                overview = self.overview.request(library, question, window, self.today(), cited, earlier)
                passages, context = self._passages(collection, question, conversation, window)
        if overview is not None:
            request = replace(overview, question_vector=library.embed_query(question), on_delta=on_delta)
        else:
            follows = bool(context) and conversation is not None
            request = AnswerRequest(question, passages, library.embed_query(question), context,
                                    conversation.already_quoted() if follows and conversation else frozenset(),
                                    conversation.last_articles() if follows and conversation else frozenset(),
                                    conversation.history() if conversation else (), on_delta,
                                    library_empty=not passages and not library.articles(limit=1),
                                    openings=self._openings(library, question, passages),
                                    story_articles=self._on_their_story(library, conversation.last_articles(),
                                                                        passages)
                                    if follows and conversation else frozenset())
        if window and not request.passages and not library.dated(window, 1) and library.articles(limit=1):
            request = replace(request, window_empty=True)
        return request

    @staticmethod
    def _on_their_story(library: Collection, cited: frozenset[int], passages: Sequence[SearchResult]) -> frozenset[int]:
        """The passages' articles on the story of those the last answer cited, besides them
        ("was anyone arrested" after the first report of a fire: its update says)."""
        titles = [library.article(a).info.title for a in cited]
        return frozenset(p.article_id for p in passages
                         if p.article_id not in cited and any(same_story(p.title, t) for t in titles))

    @staticmethod
    def _openings(library: Collection, question: str, passages: Sequence[SearchResult]) -> dict[int, str]:
        """Each retrieved article's opening passage, for a question naming a year (else none)."""
        if not years_in(question):
            return {}
        return {a: " ".join(p.text for p in library.opening(a)) for a in dict.fromkeys(p.article_id for p in passages)}

    def _passages(self, collection: str, question: str, conversation: Conversation | None,
                  window: DateWindow | None) -> tuple[list[SearchResult], str]:
        """The passages retrieved for a question (a follow-up together with the question it
        follows) and that earlier question ("" when it stands alone)."""
        query, context = conversation.resolve(question) if conversation else (question, "")
        return self.retrieve(collection, query, window), context

    def ask(self, collection: str, question: str, conversation: Conversation | None = None,
            on_delta: Callable[[str], None] | None = None, window: DateWindow | None = None) -> Answer:
        """Answer a question (see `_ask`); its uses of the model keep its place in line."""
        with answering():
            return self._ask(collection, question, conversation, on_delta, window)

    def _ask(self, collection: str, question: str, conversation: Conversation | None = None,
             on_delta: Callable[[str], None] | None = None, window: DateWindow | None = None) -> Answer:
        """Answer a question with checked citations, or abstain with the nearest sources.

        A follow-up is resolved against the conversation for retrieval, and the
        turn is recorded in it. `on_delta` receives an LLM reply as it streams.
        """
        language = foreign_language(question)
        if language is not None:
            return abstention(question, [], english_only_reply(language), library_empty=False)
        if is_small_talk(question):
            return abstention(question, [], SMALL_TALK_REPLY, library_empty=False)
        typed, question = question, plain_question(question)
        if dangles(question) and (conversation is None or not conversation.turns):
            return abstention(typed, [], NO_EARLIER_QUESTION, library_empty=False)
        cited = conversation.last_cited() if conversation else ()
        if self.overview.points_at_no_article(self.kb.collection(collection), question, cited):
            return abstention(typed, [], WHICH_ARTICLE, library_empty=False)
        request = self.prepare(collection, question, conversation, on_delta, window)
        answer = self._answered(collection, request, window)
        if answer.abstained and request.context and request.kind == "question" and self.llm is None:
            # "How many coins did they find?" after a question on the speed limit: "they" points at
            # nothing the conversation was about, and asked alone the library may answer it. (An
            # LLM's reply has streamed by now: it decides.)
            alone = self.prepare(collection, question, None, on_delta, window)
            retried = self._answered(collection, alone, window)
            if not retried.abstained:
                request, answer = alone, retried
        if request.kind == "question" and self.llm is None and conversation is not None and \
                self._strays(collection, question, answer, conversation):
            answer = abstention(question, request.passages, library_empty=False)
        check_citations(answer, {p.chunk_id for p in request.passages})
        if conversation is not None:
            conversation.record(answer)
        return replace(answer, question=typed)

    def _strays(self, collection: str, question: str, answer: Answer, conversation: Conversation) -> bool:
        """True when a follow-up's answer cites none of the articles the last answer did, and
        either it points at someone ("he") the new story never names, or, pointing at no one
        named, it names nothing of the new story that those never mention."""
        followed = conversation.last_articles()
        if answer.abstained or not followed or not is_follow_up(question) or \
                any(c.article_id in followed for c in answer.citations):
            return False
        library = self.kb.collection(collection)
        texts = [library.article(a).text for a in followed]
        cited = [library.article(a).text for a in dict.fromkeys(c.article_id for c in answer.citations)]
        someone = follows_someone(question, conversation.last_question(), texts, cited)
        if someone is not None:
            return not someone
        return not names_the_new_story(question, [c.quote for c in answer.citations], texts)

    def _answered(self, collection: str, request: AnswerRequest, window: DateWindow | None) -> Answer:
        """The answer to a prepared request, by the answerer its kind needs."""
        if request.window_empty and window:
            return abstention(request.question, [], nothing_dated_in(window), library_empty=False)
        if request.kind == "question":
            return self._answer(request, lambda: self.extractive.answer(request))
        library = self.kb.collection(collection)
        return self._answer(request, lambda: self.overview.answer(library, request))

    def _answer(self, request: AnswerRequest, extractive: Callable[[], Answer]) -> Answer:
        if self.llm is None or not request.passages:
            return extractive()
        try:
            return self.llm.answer(request)
        except LLMError as error:
            # The reason is safe to show; the question never reaches the log above debug.
            log.warning("LLM answer unusable, falling back to extractive: %s", error)
            fallback = extractive()
            return replace(fallback, notice=f"The language model could not answer ({error}); "
                                            "this answer quotes the articles directly.")
