"""Several writers on one collection: threads of one process, and other processes.

A second KnowledgeBase on the same folder has its own SQLite connection and its own
in-memory FAISS index, exactly as another process would; the CLI tests run the real
`python -m index` in a subprocess. The real model embeds throughout; a barrier in
front of it makes the racers meet after their first look and before their writes.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from index.embedding import Embedder
from index.library import KnowledgeBase
from index.records import AddResult
from index.sources import Document, from_text
from index.store.database import ArticleStore
from tests.test_index_store import assert_consistent, by_title

ROOT = Path(__file__).resolve().parents[1]


class MeetingEmbedder:
    """The real model behind a barrier: every racer has looked the article up before
    any of them embeds it (and then writes it)."""

    def __init__(self, model: Embedder, parties: int) -> None:
        self.model = model
        self.name, self.dimension, self.max_tokens = model.name, model.dimension, model.max_tokens
        self.barrier = threading.Barrier(parties, timeout=60)

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Wait for the other racers, then encode."""
        self.barrier.wait()
        return self.model.embed(texts, progress=progress)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """The real tokenizer's counts."""
        return self.model.count_tokens(texts)


def race(jobs: list[Callable[[], list[AddResult]]]) -> list[list[AddResult]]:
    """Run the jobs on one thread each; re-raise the first failure."""
    results: list[list[AddResult] | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            results[i] = jobs[i]()
        except BaseException as error:  # noqa: BLE001 (handed to the test thread)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if errors:
        raise errors[0]
    return [r for r in results if r is not None]


@pytest.fixture
def two_processes(tmp_path: Path, embedder: Embedder) -> Iterator[tuple[KnowledgeBase, KnowledgeBase]]:
    """Two knowledge bases on one data folder (two connections, two FAISS copies), whose
    embeds meet at a barrier."""
    meeting = MeetingEmbedder(embedder, 2)
    first, second = KnowledgeBase(tmp_path / "data", meeting), KnowledgeBase(tmp_path / "data", meeting)
    yield first, second
    first.close()
    second.close()


def statuses(results: list[list[AddResult]]) -> list[str]:
    """Every status of every racer, sorted."""
    return sorted(r.status for batch in results for r in batch)


def test_two_writers_adding_the_same_pasted_text_leave_one_article(
        two_processes: tuple[KnowledgeBase, KnowledgeBase], fixture_docs: list[Document]) -> None:
    """The loser of the race reports `unchanged` with the winner's id, never an IntegrityError."""
    doc = from_text(by_title(fixture_docs, "tram").text, "Pasted")
    a, b = (kb.collection("default") for kb in two_processes)
    results = race([lambda: a.add_many([doc]), lambda: b.add_many([doc])])
    assert statuses(results) == ["added", "unchanged"]
    assert results[0][0].article_id == results[1][0].article_id
    assert results[0][0].chunks == results[1][0].chunks
    assert len(a.articles()) == 1
    assert_consistent(a.store)


def test_two_threads_adding_the_same_url_leave_one_article(tmp_path: Path, embedder: Embedder,
                                                           fixture_docs: list[Document]) -> None:
    """Two threads of one process, one collection, the same URL: added and unchanged (the
    collection's writers take turns, so they cannot both pass the look-up)."""
    doc = by_title(fixture_docs, "lighthouse")
    assert doc.url
    kb = KnowledgeBase(tmp_path / "data", embedder)
    try:
        col = kb.collection("default")
        results = race([lambda: col.add_many([doc]), lambda: col.add_many([doc])])
        assert statuses(results) == ["added", "unchanged"]
        assert len(col.articles()) == 1
        assert_consistent(col.store)
    finally:
        kb.close()


def test_two_writers_adding_the_same_folder_report_nothing_updated(
        two_processes: tuple[KnowledgeBase, KnowledgeBase], fixture_docs: list[Document]) -> None:
    """Each article is added once; the other writer finds it unchanged, not `updated`."""
    a, b = (kb.collection("default") for kb in two_processes)
    results = race([lambda: a.add_many(fixture_docs), lambda: b.add_many(fixture_docs)])
    assert statuses(results) == ["added"] * len(fixture_docs) + ["unchanged"] * len(fixture_docs)
    assert len(a.articles()) == len(fixture_docs)
    assert_consistent(a.store)


def test_writers_opening_a_new_collection_at_once_all_succeed(tmp_path: Path, embedder: Embedder) -> None:
    """Migrations run under BEGIN IMMEDIATE: racing openers take turns, none fails."""
    for round_ in range(15):
        folder = tmp_path / f"new{round_}"
        gate = threading.Barrier(4, timeout=30)
        opened: list[ArticleStore] = []
        errors: list[BaseException] = []

        def open_store(folder: Path, gate: threading.Barrier, opened: list[ArticleStore],
                       errors: list[BaseException]) -> None:
            gate.wait()
            try:
                opened.append(ArticleStore(folder, embedder.name, embedder.dimension))
            except BaseException as error:  # noqa: BLE001 (handed to the test thread)
                errors.append(error)

        threads = [threading.Thread(target=open_store, args=(folder, gate, opened, errors)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for store in opened:
            store.close()
        assert not errors, f"round {round_}: {errors[0]!r}"


# -- one process sees what another added ------------------------------------------------------

def test_a_running_process_searches_what_another_added(
        two_processes: tuple[KnowledgeBase, KnowledgeBase], embedder: Embedder,
        fixture_docs: list[Document]) -> None:
    """The reader's vector search finds the other writer's article without reopening."""
    reader_kb, writer_kb = two_processes
    reader_kb.embedder = writer_kb.embedder = embedder  # no racing here
    reader, writer = reader_kb.collection("default"), writer_kb.collection("default")
    reader.add(by_title(fixture_docs, "tram"))
    lighthouse = by_title(fixture_docs, "lighthouse").title
    assert reader.search("lighthouse staircase steps", "vector", 3)[0].title != lighthouse
    added = writer.add(by_title(fixture_docs, "lighthouse"))
    found = reader.search("How many steps does the lighthouse staircase have?", "vector", 3)
    assert found and found[0].article_id == added.article_id
    assert reader.stats().vectors == reader.stats().chunks
    writer.remove(added.article_id)
    assert all(r.article_id != added.article_id for r in reader.search("lighthouse staircase", "vector", 5))


def test_a_stale_process_never_overwrites_the_file_with_its_copy(
        two_processes: tuple[KnowledgeBase, KnowledgeBase], embedder: Embedder,
        fixture_docs: list[Document], caplog: pytest.LogCaptureFixture) -> None:
    """The other writer saves after ours: the FAISS file on disk still holds both."""
    first_kb, second_kb = two_processes
    first_kb.embedder = second_kb.embedder = embedder
    first, second = first_kb.collection("default"), second_kb.collection("default")
    first.add(by_title(fixture_docs, "tram"))
    second.add(by_title(fixture_docs, "bakers"))  # `second` had loaded before `first` wrote
    first.add(by_title(fixture_docs, "chess"))  # `first` never searched since `second` wrote
    state = assert_consistent(first.store)
    assert len(state.articles) == 3
    with caplog.at_level(logging.WARNING, logger="index.store.database"):
        fresh = KnowledgeBase(first_kb.data_dir, embedder)
        try:
            assert fresh.collection("default").stats().vectors == len(state.chunks)
        finally:
            fresh.close()
    assert not [r for r in caplog.records if "rebuild" in r.getMessage()]


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m index` in its own process, as a user runs it beside the bot."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "index", "--data-dir", str(data_dir), *args],
                          check=False, capture_output=True, text=True, timeout=180, cwd=ROOT, env=env)


def test_cli_adds_while_a_library_is_open(kb: KnowledgeBase, fixture_docs: list[Document]) -> None:
    """The supported way to grow a running bot's library: the CLI adds, the open library
    answers from it at once, and the open library's own save keeps the CLI's vectors."""
    col = kb.collection("default")
    col.add(by_title(fixture_docs, "tram"))
    col.search("tram", "vector", 1)
    path = Path(__file__).parent / "fixtures" / "articles" / "lighthouse.html"
    done = run_cli(kb.data_dir, "add", str(path), "--json")
    assert done.returncode == 0, done.stderr
    found = col.search("How many steps does the lighthouse staircase have?", "vector", 3)
    assert found and "lighthouse" in found[0].title.lower()
    col.add(by_title(fixture_docs, "chess"))  # this process saves the FAISS file last
    assert len(assert_consistent(col.store).articles) == 3
    after = run_cli(kb.data_dir, "search", "lighthouse staircase", "--mode", "vector", "--json")
    assert after.returncode == 0 and "rebuild" not in after.stderr and "disagree" not in after.stderr
    assert "Skerry" in after.stdout
