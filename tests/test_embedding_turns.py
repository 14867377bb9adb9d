"""Questions before imports at the model: a question waits for one import step at most.

The real model encodes; what is counted is the order of its steps, never their timing.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from bot.answering.semantic import SentenceSimilarity
from index.embedding import Embedder, SteppedEncoder
from index.embedding.turns import Priority, TurnLock, answering, importing


class StepLog:
    """Wraps an encoder's steps: records which caller's step ran, in order."""

    def __init__(self, encoder: SteppedEncoder) -> None:
        self.encoder = encoder
        self.steps: list[str] = []
        self.original = encoder._encode_unlocked
        self.import_started = threading.Event()

    def __call__(self, texts: list[str]) -> np.ndarray:
        kind = "import" if texts[0].startswith("import") else "question"
        self.steps.append(kind)
        if kind == "import":
            self.import_started.set()
        return self.original(texts)


@pytest.fixture
def step_log(embedder: Embedder) -> Iterator[StepLog]:
    """The session's real encoder with its steps logged."""
    assert isinstance(embedder, SteppedEncoder)
    log = StepLog(embedder)
    embedder._encode_unlocked = log  # type: ignore[method-assign]
    yield log
    del embedder._encode_unlocked


def test_a_question_waits_for_one_import_step_at_most(embedder: Embedder, step_log: StepLog) -> None:
    """Asked while an import is running, each question runs after the step in progress."""
    assert isinstance(embedder, SteppedEncoder)
    texts = [f"import passage {i}: the survey team logged {i} entries of the river gauge." for i in range(12 * 32)]

    def run_import() -> None:
        with importing():
            embedder.embed(texts)

    importer = threading.Thread(target=run_import)
    importer.start()
    try:
        assert step_log.import_started.wait(60)
        waits = []
        for i in range(3):
            before = step_log.steps.count("import")
            with answering():
                embedder.embed([f"question {i}: how many entries of the river gauge?"])
            waits.append(step_log.steps.count("import") - before)
        # The step in progress when it asked, and one begun as it arrived: never the import's rest.
        assert max(waits) <= 2, (waits, step_log.steps)
    finally:
        importer.join(300)
    assert step_log.steps.count("import") == 12


def test_turns_go_to_questions_first_then_in_order_of_arrival() -> None:
    """Waiters are served by (priority, place in line), whatever order they woke in."""
    lock = TurnLock()
    served: list[str] = []
    started = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with lock.turn(Priority.IMPORT):
            started.set()
            release.wait(10)

    def waiter(name: str, priority: Priority, place: int) -> None:
        with lock.turn(priority, place):
            served.append(name)

    threads = [threading.Thread(target=holder)]
    threads[0].start()
    assert started.wait(10)
    for name, priority, place in [("import-a", Priority.IMPORT, 1), ("question-late", Priority.QUESTION, 9),
                                  ("import-b", Priority.IMPORT, 2), ("question-early", Priority.QUESTION, 3)]:
        thread = threading.Thread(target=waiter, args=(name, priority, place))
        thread.start()
        threads.append(thread)
        while lock.waiting < len(threads) - 1:
            pass
    release.set()
    for thread in threads:
        thread.join(10)
    assert served == ["question-early", "question-late", "import-a", "import-b"]


def test_sentence_vectors_in_cache_never_wait_for_another_question_s_encode() -> None:
    """While one question encodes new sentences, another whose sentences are cached is
    answered, and a third asking for the same new sentences waits for that encode
    instead of encoding them again."""
    entered, release = threading.Event(), threading.Event()
    encoded: list[list[str]] = []

    def slow_embed(texts: Sequence[str]) -> np.ndarray:
        encoded.append(list(texts))
        if "new" in texts[0]:
            entered.set()
            assert release.wait(10)
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    similarity = SentenceSimilarity(slow_embed)
    query = np.ones(4, dtype=np.float32) / 2.0
    assert similarity(query, ["old sentence"]) == [1.0]
    first = threading.Thread(target=similarity, args=(query, ["new sentence"]))
    first.start()
    assert entered.wait(10)
    assert similarity(query, ["old sentence"]) == [1.0]  # not stuck behind the slow encode
    results: list[list[float]] = []
    third = threading.Thread(target=lambda: results.append(similarity(query, ["new sentence", "old sentence"])))
    third.start()
    release.set()
    first.join(10)
    third.join(10)
    assert results == [[1.0, 1.0]]
    assert encoded == [["old sentence"], ["new sentence"]]


class Interrupted(Exception):
    """Stands for a KeyboardInterrupt arriving while a thread waits for its turn."""


class InterruptedEvent(threading.Event):
    """An event whose wait is interrupted."""

    def wait(self, timeout: float | None = None) -> bool:
        raise Interrupted


def test_a_waiter_that_gives_up_leaves_the_lock_to_the_others() -> None:
    """A waiter interrupted while waiting (Ctrl-C) is dropped from the line; the lock
    still reaches the next one."""
    lock = TurnLock()
    with lock.turn(Priority.IMPORT):
        lock.event_type = InterruptedEvent
        with pytest.raises(Interrupted):
            with lock.turn(Priority.QUESTION):
                pytest.fail("an interrupted waiter never gets the lock")
        lock.event_type = threading.Event
        assert lock.waiting == 0
    with lock.turn(Priority.QUESTION):  # free again: taken at once
        assert lock.waiting == 0


def test_an_interrupted_question_leaves_no_sentence_promised() -> None:
    # Question A's encode of "x" is interrupted (Ctrl-C); question B, which encoded "y"
    # itself and waited for A's "x", is interrupted with it. Neither sentence may stay
    # promised, or the next question asking for "y" would wait forever.
    entered, release, y_encoded = threading.Event(), threading.Event(), threading.Event()

    def embed(texts: Sequence[str]) -> np.ndarray:
        if texts == ["x"] and not release.is_set():
            entered.set()
            release.wait(10)
            raise KeyboardInterrupt
        y_encoded.set()
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    similarity = SentenceSimilarity(embed)
    query = np.ones(4, dtype=np.float32) / 2.0
    errors: list[BaseException] = []

    def ask(texts: list[str]) -> None:
        try:
            similarity(query, texts)
        except KeyboardInterrupt as error:
            errors.append(error)

    a = threading.Thread(target=ask, args=(["x"],))
    a.start()
    assert entered.wait(10)
    b = threading.Thread(target=ask, args=(["x", "y"],))
    b.start()
    assert y_encoded.wait(10)  # B has its "y" and goes on to wait for A's "x"
    release.set()
    a.join(10)
    b.join(10)
    assert len(errors) == 2
    done: list[list[float]] = []
    c = threading.Thread(target=lambda: done.append(similarity(query, ["y", "x"])))
    c.start()
    c.join(10)
    assert done == [[1.0, 1.0]]
