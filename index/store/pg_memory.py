"""`Memory` on PostgreSQL: shared tables with a collection column, so that every bot
process (shard) sees the conversations and rated answers of the others."""
from __future__ import annotations

from psycopg_pool import ConnectionPool

from .memory import MemoryCopied, MemoryCopy, RatedAnswerRow, turns_by_conversation
from .pg_sql import LOCK_COLLECTION_TX

LINK = """INSERT INTO conversation_keys (collection, key, conversation) VALUES (%s, %s, %s)
          ON CONFLICT (collection, key) DO UPDATE SET conversation = excluded.conversation"""
CONVERSATION_OF = "SELECT conversation FROM conversation_keys WHERE collection = %s AND key = %s"
# The newest `keep` keys stay: the bound is the key `keep - 1` places below the newest.
PRUNE_KEYS = """DELETE FROM conversation_keys WHERE collection = %(c)s AND key <
                (SELECT key FROM conversation_keys WHERE collection = %(c)s ORDER BY key DESC LIMIT 1 OFFSET %(o)s)
                RETURNING conversation"""
DROP_UNKEYED_TURNS = """DELETE FROM conversation_turns t WHERE t.collection = %(c)s AND t.conversation = ANY(%(s)s)
                        AND NOT EXISTS (SELECT 1 FROM conversation_keys k
                                        WHERE k.collection = %(c)s AND k.conversation = t.conversation)"""
ADD_TURN = "INSERT INTO conversation_turns (collection, conversation, turn) VALUES (%s, %s, %s)"
PRUNE_TURNS = """DELETE FROM conversation_turns WHERE collection = %(c)s AND conversation = %(v)s AND id NOT IN
                 (SELECT id FROM conversation_turns WHERE collection = %(c)s AND conversation = %(v)s
                  ORDER BY id DESC LIMIT %(k)s)"""
TURNS = "SELECT turn FROM conversation_turns WHERE collection = %s AND conversation = %s ORDER BY id"
REMEMBER = """INSERT INTO rated_answers (collection, message, question, answer, citations) VALUES (%s, %s, %s, %s, %s)
              ON CONFLICT (collection, message) DO UPDATE SET question = excluded.question,
                  answer = excluded.answer, citations = excluded.citations"""
PRUNE_ANSWERS = """DELETE FROM rated_answers WHERE collection = %(c)s AND message <
                   (SELECT message FROM rated_answers WHERE collection = %(c)s
                    ORDER BY message DESC LIMIT 1 OFFSET %(o)s)"""
RATED = "SELECT question, answer, citations FROM rated_answers WHERE collection = %s AND message = %s"
ADD_VOTE = """INSERT INTO answer_votes (collection, message, voter)
              SELECT %(c)s, %(m)s, %(v)s WHERE EXISTS
                  (SELECT 1 FROM rated_answers WHERE collection = %(c)s AND message = %(m)s)
              ON CONFLICT DO NOTHING"""
REMOVE_VOTE = "DELETE FROM answer_votes WHERE collection = %s AND message = %s AND voter = %s"
# Copying between engines: what is here already wins.
ALL_KEYS = "SELECT key, conversation FROM conversation_keys WHERE collection = %s ORDER BY key"
ALL_TURNS = "SELECT conversation, turn FROM conversation_turns WHERE collection = %s ORDER BY id"
ALL_ANSWERS = """SELECT message, question, answer, citations FROM rated_answers WHERE collection = %s
                 ORDER BY message"""
ALL_VOTES = "SELECT message, voter FROM answer_votes WHERE collection = %s ORDER BY message, voter"
IMPORT_KEY = """INSERT INTO conversation_keys (collection, key, conversation) VALUES (%s, %s, %s)
                ON CONFLICT (collection, key) DO NOTHING"""
HAS_TURNS = "SELECT 1 FROM conversation_turns WHERE collection = %s AND conversation = %s LIMIT 1"
IMPORT_ANSWER = """INSERT INTO rated_answers (collection, message, question, answer, citations)
                   VALUES (%s, %s, %s, %s, %s) ON CONFLICT (collection, message) DO NOTHING"""


class PostgresMemory:
    """Conversations and rated answers of one collection in the shared database."""

    def __init__(self, pool: ConnectionPool, collection: str) -> None:
        self.pool = pool
        self.collection = collection

    def link(self, key: int, conversation: str, keep: int) -> None:
        """File `conversation` under `key`; keep the newest `keep` keys (and their turns)."""
        c = self.collection
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(LINK, (c, key, conversation))
            stale = sorted({r[0] for r in conn.execute(PRUNE_KEYS, {"c": c, "o": keep - 1})})
            if stale:
                conn.execute(DROP_UNKEYED_TURNS, {"c": c, "s": stale})

    def conversation_of(self, key: int) -> str | None:
        """The conversation filed under `key`, or None."""
        with self.pool.connection() as conn:
            row = conn.execute(CONVERSATION_OF, (self.collection, key)).fetchone()
        return row[0] if row else None

    def add_turn(self, conversation: str, turn: str, keep: int) -> None:
        """Append a turn and keep the conversation's last `keep`."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(ADD_TURN, (self.collection, conversation, turn))
            conn.execute(PRUNE_TURNS, {"c": self.collection, "v": conversation, "k": keep})

    def turns(self, conversation: str) -> list[str]:
        """The conversation's turns, oldest first."""
        with self.pool.connection() as conn:
            return [r[0] for r in conn.execute(TURNS, (self.collection, conversation))]

    def remember_answer(self, message: int, answer: RatedAnswerRow, keep: int) -> None:
        """Make `message` rate `answer`; keep the newest `keep` answers (their votes go with them)."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(REMEMBER, (self.collection, message, answer.question, answer.answer, answer.citations))
            conn.execute(PRUNE_ANSWERS, {"c": self.collection, "o": keep - 1})

    def rated_answer(self, message: int) -> RatedAnswerRow | None:
        """The answer `message` rates, or None."""
        with self.pool.connection() as conn:
            row = conn.execute(RATED, (self.collection, message)).fetchone()
        return RatedAnswerRow(*row) if row else None

    def add_vote(self, message: int, voter: str) -> bool:
        """Note the vote; False when `voter` had already rated `message` (or it was pruned meanwhile)."""
        with self.pool.connection() as conn:
            return conn.execute(ADD_VOTE, {"c": self.collection, "m": message, "v": voter}).rowcount == 1

    def remove_vote(self, message: int, voter: str) -> None:
        """Take a vote back."""
        with self.pool.connection() as conn:
            conn.execute(REMOVE_VOTE, (self.collection, message, voter))

    def export(self) -> MemoryCopy:
        """Every key, turn, rated answer and vote of this collection."""
        c = (self.collection,)
        with self.pool.connection() as conn:
            return MemoryCopy(keys=[(int(r[0]), r[1]) for r in conn.execute(ALL_KEYS, c)],
                              turns=[(r[0], r[1]) for r in conn.execute(ALL_TURNS, c)],
                              answers=[(int(r[0]), RatedAnswerRow(*r[1:])) for r in conn.execute(ALL_ANSWERS, c)],
                              votes=[(int(r[0]), r[1]) for r in conn.execute(ALL_VOTES, c)])

    def import_copy(self, copy: MemoryCopy) -> MemoryCopied:
        """Add the keys, turns of conversations without any here, answers and votes this lacks."""
        c = self.collection
        conversations = answers = votes = 0
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(LOCK_COLLECTION_TX, (c,))  # two copies at once: one finds the other's turns
            for key, conversation in copy.keys:
                conn.execute(IMPORT_KEY, (c, key, conversation))
            for conversation, turns in turns_by_conversation(copy.turns).items():
                if conn.execute(HAS_TURNS, (c, conversation)).fetchone() is None:
                    for turn in turns:
                        conn.execute(ADD_TURN, (c, conversation, turn))
                    conversations += 1
            for message, answer in copy.answers:
                answers += conn.execute(IMPORT_ANSWER, (c, message, answer.question, answer.answer,
                                                        answer.citations)).rowcount
            for message, voter in copy.votes:
                votes += conn.execute(ADD_VOTE, {"c": c, "m": message, "v": voter}).rowcount
        return MemoryCopied(conversations, answers, votes)
