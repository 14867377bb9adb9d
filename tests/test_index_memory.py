"""The store's memory of conversations and rated answers, on both engines: what another
process reads back, the bounds that keep it small, votes once per reader, isolation."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

from index.library import KnowledgeBase
from index.store.memory import MemoryCopied, MemoryCopy, RatedAnswerRow
from tests.conftest import reopen

BOTH_ENGINES = True


def test_conversations_are_shared_bounded_and_pruned_with_their_turns(kb: KnowledgeBase) -> None:
    memory = kb.collection("lab").memory
    memory.link(100, "c1", keep=3)
    memory.link(101, "c1", keep=3)
    for n in range(6):
        memory.add_turn("c1", f'{{"n": {n}}}', keep=4)
    memory.link(102, "c2", keep=3)
    memory.add_turn("c2", '{"n": "other"}', keep=4)
    other = reopen(kb)  # another process on the same store
    try:
        seen = other.collection("lab").memory
        assert seen.conversation_of(100) == seen.conversation_of(101) == "c1"
        assert seen.turns("c1") == [f'{{"n": {n}}}' for n in range(2, 6)]  # the last four
        assert seen.conversation_of(999) is None and seen.turns("nobody") == []
        # Only the newest keys stay; a conversation left without keys loses its turns.
        seen.link(103, "c3", keep=2)
        assert [seen.conversation_of(k) for k in (100, 101, 102, 103)] == [None, None, "c2", "c3"]
        assert seen.turns("c1") == [] and seen.turns("c2") == ['{"n": "other"}']
        seen.link(103, "c4", keep=2)  # a key filed again moves to the new conversation
        assert seen.conversation_of(103) == "c4"
    finally:
        other.close()


def test_rated_answers_take_one_vote_per_reader_and_only_the_newest_stay(kb: KnowledgeBase) -> None:
    memory = kb.collection("lab").memory
    row = RatedAnswerRow("How many steps?", "It has 214 steps. [1]", '[{"n": 1}]')
    memory.remember_answer(500, row, keep=2)
    assert memory.rated_answer(500) == row and memory.rated_answer(501) is None
    assert memory.add_vote(500, "alice") and not memory.add_vote(500, "alice") and memory.add_vote(500, "bob")
    memory.remove_vote(500, "alice")
    assert memory.add_vote(500, "alice")
    assert not memory.add_vote(501, "alice")  # no such answer: nothing to vote on
    memory.remember_answer(501, row, keep=2)
    memory.remember_answer(502, row, keep=2)
    assert memory.rated_answer(500) is None and memory.rated_answer(502) == row
    assert not memory.add_vote(500, "carol")  # forgotten with its votes


def test_libraries_do_not_share_memory(kb: KnowledgeBase) -> None:
    lab, other = kb.collection("lab").memory, kb.collection("other").memory
    lab.link(1, "c1", keep=10)
    lab.add_turn("c1", "{}", keep=4)
    lab.remember_answer(7, RatedAnswerRow("q", "a", "[]"), keep=10)
    assert other.conversation_of(1) is None and other.turns("c1") == [] and other.rated_answer(7) is None
    assert not other.add_vote(7, "alice") and lab.add_vote(7, "alice")


def test_a_copy_adds_what_is_missing_once_and_leaves_what_is_here(kb: KnowledgeBase, tmp_path: Path) -> None:
    """`migrate` imports a data folder's memory: keys, turns of conversations not yet here,
    answers and votes; what the target already holds wins, and a second import adds nothing."""
    with closing(KnowledgeBase(tmp_path / "origin", kb.embedder)) as folder:
        origin = folder.collection("lab").memory
        origin.link(10, "c1", keep=10)
        origin.link(11, "c2", keep=10)
        for turn in ('{"n": 1}', '{"n": 2}'):
            origin.add_turn("c1", turn, keep=10)
        origin.add_turn("c2", '{"n": "origin"}', keep=10)
        origin.remember_answer(20, RatedAnswerRow("q", "origin's answer", "[]"), keep=10)
        origin.remember_answer(21, RatedAnswerRow("q2", "a2", "[]"), keep=10)
        origin.add_vote(20, "alice")
        origin.add_vote(21, "bob")
        copy = origin.export()
    assert copy.keys == [(10, "c1"), (11, "c2")]
    assert copy.turns == [("c1", '{"n": 1}'), ("c1", '{"n": 2}'), ("c2", '{"n": "origin"}')]
    assert copy.votes == [(20, "alice"), (21, "bob")]

    target = kb.collection("lab").memory
    target.link(11, "c9", keep=10)  # this store filed key 11 elsewhere since
    target.add_turn("c2", '{"n": "here"}', keep=10)
    target.remember_answer(20, RatedAnswerRow("q", "this store's answer", "[]"), keep=10)
    assert target.import_copy(copy) == MemoryCopied(conversations=1, rated_answers=1, votes=2)
    assert target.conversation_of(10) == "c1" and target.conversation_of(11) == "c9"
    assert target.turns("c1") == ['{"n": 1}', '{"n": 2}'] and target.turns("c2") == ['{"n": "here"}']
    assert target.rated_answer(20) == RatedAnswerRow("q", "this store's answer", "[]")
    assert not target.add_vote(20, "alice") and not target.add_vote(21, "bob")

    assert target.import_copy(copy) == MemoryCopied(0, 0, 0)
    assert target.turns("c1") == ['{"n": 1}', '{"n": 2}']
    assert kb.collection("other").memory.export() == MemoryCopy([], [], [], [])
