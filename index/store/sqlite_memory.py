"""`Memory` on the embedded engine: tables in the collection's SQLite file."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from .memory import MemoryCopied, MemoryCopy, RatedAnswerRow, turns_by_conversation

LINK = """INSERT INTO conversation_keys (key, conversation) VALUES (?, ?)
          ON CONFLICT (key) DO UPDATE SET conversation = excluded.conversation"""
CONVERSATION_OF = "SELECT conversation FROM conversation_keys WHERE key = ?"
# The newest `keep` keys stay: the bound is the key `keep - 1` places below the newest.
_KEY_BOUND = "(SELECT key FROM conversation_keys ORDER BY key DESC LIMIT 1 OFFSET ?)"
STALE_CONVERSATIONS = f"SELECT DISTINCT conversation FROM conversation_keys WHERE key < {_KEY_BOUND}"
PRUNE_KEYS = f"DELETE FROM conversation_keys WHERE key < {_KEY_BOUND}"
DROP_UNKEYED_TURNS = """DELETE FROM conversation_turns WHERE conversation = ?
                        AND NOT EXISTS (SELECT 1 FROM conversation_keys WHERE conversation = ?)"""
ADD_TURN = "INSERT INTO conversation_turns (conversation, turn) VALUES (?, ?)"
PRUNE_TURNS = """DELETE FROM conversation_turns WHERE conversation = ? AND id NOT IN
                 (SELECT id FROM conversation_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?)"""
TURNS = "SELECT turn FROM conversation_turns WHERE conversation = ? ORDER BY id"
REMEMBER = """INSERT INTO rated_answers (message, question, answer, citations) VALUES (?, ?, ?, ?)
              ON CONFLICT (message) DO UPDATE SET question = excluded.question, answer = excluded.answer,
                                                  citations = excluded.citations"""
PRUNE_ANSWERS = """DELETE FROM rated_answers WHERE message <
                   (SELECT message FROM rated_answers ORDER BY message DESC LIMIT 1 OFFSET ?)"""
RATED = "SELECT question, answer, citations FROM rated_answers WHERE message = ?"
ADD_VOTE = """INSERT INTO answer_votes (message, voter) SELECT :m, :v
              WHERE EXISTS (SELECT 1 FROM rated_answers WHERE message = :m) ON CONFLICT DO NOTHING"""
REMOVE_VOTE = "DELETE FROM answer_votes WHERE message = ? AND voter = ?"
# Copying between engines: what is here already wins.
ALL_KEYS = "SELECT key, conversation FROM conversation_keys ORDER BY key"
ALL_TURNS = "SELECT conversation, turn FROM conversation_turns ORDER BY id"
ALL_ANSWERS = "SELECT message, question, answer, citations FROM rated_answers ORDER BY message"
ALL_VOTES = "SELECT message, voter FROM answer_votes ORDER BY message, voter"
IMPORT_KEY = "INSERT INTO conversation_keys (key, conversation) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"
HAS_TURNS = "SELECT 1 FROM conversation_turns WHERE conversation = ? LIMIT 1"
IMPORT_ANSWER = """INSERT INTO rated_answers (message, question, answer, citations) VALUES (?, ?, ?, ?)
                   ON CONFLICT (message) DO NOTHING"""


class SQLiteMemory:
    """Conversations and rated answers in one collection's database."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]) -> None:
        self._tx = transaction

    def link(self, key: int, conversation: str, keep: int) -> None:
        """File `conversation` under `key`; keep the newest `keep` keys (and their turns)."""
        with self._tx() as db:
            db.execute(LINK, (key, conversation))
            stale = [r[0] for r in db.execute(STALE_CONVERSATIONS, (keep - 1,))]
            if stale:
                db.execute(PRUNE_KEYS, (keep - 1,))
                db.executemany(DROP_UNKEYED_TURNS, [(c, c) for c in stale])

    def conversation_of(self, key: int) -> str | None:
        """The conversation filed under `key`, or None."""
        with self._tx() as db:
            row = db.execute(CONVERSATION_OF, (key,)).fetchone()
        return row[0] if row else None

    def add_turn(self, conversation: str, turn: str, keep: int) -> None:
        """Append a turn and keep the conversation's last `keep`."""
        with self._tx() as db:
            db.execute(ADD_TURN, (conversation, turn))
            db.execute(PRUNE_TURNS, (conversation, conversation, keep))

    def turns(self, conversation: str) -> list[str]:
        """The conversation's turns, oldest first."""
        with self._tx() as db:
            return [r[0] for r in db.execute(TURNS, (conversation,))]

    def remember_answer(self, message: int, answer: RatedAnswerRow, keep: int) -> None:
        """Make `message` rate `answer`; keep the newest `keep` answers (their votes go with them)."""
        with self._tx() as db:
            db.execute(REMEMBER, (message, answer.question, answer.answer, answer.citations))
            db.execute(PRUNE_ANSWERS, (keep - 1,))

    def rated_answer(self, message: int) -> RatedAnswerRow | None:
        """The answer `message` rates, or None."""
        with self._tx() as db:
            row = db.execute(RATED, (message,)).fetchone()
        return RatedAnswerRow(*row) if row else None

    def add_vote(self, message: int, voter: str) -> bool:
        """Note the vote; False when `voter` had already rated `message` (or it was pruned meanwhile)."""
        with self._tx() as db:
            return db.execute(ADD_VOTE, {"m": message, "v": voter}).rowcount == 1

    def remove_vote(self, message: int, voter: str) -> None:
        """Take a vote back."""
        with self._tx() as db:
            db.execute(REMOVE_VOTE, (message, voter))

    def export(self) -> MemoryCopy:
        """Every key, turn, rated answer and vote of this collection."""
        with self._tx() as db:
            return MemoryCopy(keys=[(int(r[0]), r[1]) for r in db.execute(ALL_KEYS)],
                              turns=[(r[0], r[1]) for r in db.execute(ALL_TURNS)],
                              answers=[(int(r[0]), RatedAnswerRow(*r[1:])) for r in db.execute(ALL_ANSWERS)],
                              votes=[(int(r[0]), r[1]) for r in db.execute(ALL_VOTES)])

    def import_copy(self, copy: MemoryCopy) -> MemoryCopied:
        """Add the keys, turns of conversations without any here, answers and votes this lacks."""
        conversations = answers = votes = 0
        with self._tx() as db:
            db.executemany(IMPORT_KEY, copy.keys)
            for conversation, turns in turns_by_conversation(copy.turns).items():
                if db.execute(HAS_TURNS, (conversation,)).fetchone() is None:
                    db.executemany(ADD_TURN, [(conversation, turn) for turn in turns])
                    conversations += 1
            for message, answer in copy.answers:
                answers += db.execute(IMPORT_ANSWER, (message, answer.question, answer.answer,
                                                      answer.citations)).rowcount
            for message, voter in copy.votes:
                votes += db.execute(ADD_VOTE, {"m": message, "v": voter}).rowcount
        return MemoryCopied(conversations, answers, votes)
