"""What a bot process must not keep to itself: the conversations threads continue and the
answers readers can still rate, stored with the collection on either engine.

Keys are whatever ids the front end gives (Discord message and thread ids: they grow
with time, so "the newest N" is "the N largest"); turns and answers are opaque JSON.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class RatedAnswerRow:
    """An answer as a rating records it: the question, the answer text, its citations as JSON."""

    question: str
    answer: str
    citations: str


@dataclass(frozen=True)
class MemoryCopy:
    """Everything one collection's memory holds, as `migrate` copies it between engines."""

    keys: list[tuple[int, str]]  # (key, conversation)
    turns: list[tuple[str, str]]  # (conversation, turn), oldest first
    answers: list[tuple[int, RatedAnswerRow]]  # (message, the answer it rates)
    votes: list[tuple[int, str]]  # (message, voter)


@dataclass(frozen=True)
class MemoryCopied:
    """What importing a `MemoryCopy` added: conversations (with their turns), answers, votes."""

    conversations: int
    rated_answers: int
    votes: int


def turns_by_conversation(turns: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """(conversation, turn) pairs grouped by conversation, each in its original order."""
    grouped: dict[str, list[str]] = {}
    for conversation, turn in turns:
        grouped.setdefault(conversation, []).append(turn)
    return grouped


class Memory(Protocol):
    """Conversations (keys -> conversation id -> turns) and rated answers of one collection."""

    def link(self, key: int, conversation: str, keep: int) -> None:
        """File `conversation` under `key`; keep the newest `keep` keys."""
        ...

    def conversation_of(self, key: int) -> str | None:
        """The conversation filed under `key`, or None."""
        ...

    def add_turn(self, conversation: str, turn: str, keep: int) -> None:
        """Append a turn (JSON) and keep the conversation's last `keep` turns."""
        ...

    def turns(self, conversation: str) -> list[str]:
        """The conversation's turns, oldest first."""
        ...

    def remember_answer(self, message: int, answer: RatedAnswerRow, keep: int) -> None:
        """Make `message` rate `answer`; only the newest `keep` answers stay ratable."""
        ...

    def rated_answer(self, message: int) -> RatedAnswerRow | None:
        """The answer `message` rates, or None when it was never stored or was pruned."""
        ...

    def add_vote(self, message: int, voter: str) -> bool:
        """Note that `voter` rated `message`; False when they already had."""
        ...

    def remove_vote(self, message: int, voter: str) -> None:
        """Take a vote back (its verdict could not be stored)."""
        ...

    def export(self) -> MemoryCopy:
        """Every key, turn, rated answer and vote (for `migrate`)."""
        ...

    def import_copy(self, copy: MemoryCopy) -> MemoryCopied:
        """Add what `copy` holds and this memory lacks; what is here already wins. A
        conversation that has turns here gets none of the copy's, so importing twice adds nothing."""
        ...
