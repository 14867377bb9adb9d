"""Questions typed as people chat are read in the articles' words."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering import AnswerService
from bot.answering.chat_words import plain_question
from index.library import KnowledgeBase
from index.sources import Document


@pytest.mark.parametrize(("typed", "plain"), [
    ("whats the new species called", "what's the new species called"),
    ("Whos the head at Corrie Lane", "Who's the head at Corrie Lane"),
    ("why didnt the gate close", "why didn't the gate close"),
    ("how many ppl did the crews rescue", "how many people did the crews rescue"),
    ("how many kids go there", "how many children go there"),
    ("what did the govt say abt it w/ the union", "what did the government say about it with the union"),
    # Words that are words too, capitalised names and abbreviations stay.
    ("its chair said they were late", "its chair said they were late"),
    ("what did Kid Creole and the US say", "what did Kid Creole and the US say"),
])
def test_chat_shorthand_is_spelt_out(typed: str, plain: str) -> None:
    assert plain_question(typed) == plain


def test_a_question_in_chat_shorthand_is_answered_and_keeps_its_words(tmp_path: Path, embedder: object) -> None:
    kb = KnowledgeBase(tmp_path, embedder)  # type: ignore[arg-type]
    kb.collection("c").add(Document(
        title="Cragg Lane school to close", source="https://example.org/cragg",
        text="Cragg Lane Primary will close in July. The school now has 96 pupils in a building meant for 300. "
             "Parents collected 1,200 signatures against the plan, and the county will decide in May."))
    service = AnswerService(kb)
    answer = service.ask("c", "how many kids r at cragg lane now")
    assert not answer.abstained and "96 pupils" in answer.citations[0].quote
    assert answer.question == "how many kids r at cragg lane now"
    kb.close()
