"""The store: adds, updates and removals kept in step across rows, full-text index and vectors,
on SQLite + FTS5 + FAISS files and on PostgreSQL + pgvector.

Everything here runs the real all-MiniLM-L6-v2 and inspects the real storage: a
second SQLite connection reads the database and `faiss.read_index` the index, or a
separate PostgreSQL connection reads the tables. The fake embedder only stands in
for "another model".
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import faiss
import numpy as np
import pytest

from index.chunking import chunk_text
from index.collection import Collection, passage_text
from index.embedding import LazyEmbedder, MiniLMEmbedder
from index.errors import CollectionNameError, InputError, KnowledgeBaseError, ModelMismatchError, NotFoundError
from index.library import KnowledgeBase
from index.sources import Document, from_text, load_path, titled
from index.store import vectors as vectors_module
from index.store.base import Store
from index.store.database import DB_FILE, INDEX_FILE, ArticleStore
from index.store.migrations import MIGRATIONS, migrate
from tests.conftest import reopen
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.usefixtures("one_torch_thread")
BOTH_ENGINES = True

UPDATE = ("Update: the line closed for two days in June after an overhead cable snapped near "
          "Quay Street, and engineers replaced forty metres of wire.")


@dataclass(frozen=True)
class DiskState:
    """What the files of one collection hold, read without the store."""

    articles: list[int]
    chunks: list[int]
    fts: list[int]
    vectors: list[int]
    texts: tuple[str, ...]


def disk(where: Store | Path) -> DiskState:
    """Read a collection's storage directly: its folder's SQLite tables and FAISS file, or
    its rows in PostgreSQL (the full-text and vector sides are columns of the chunk rows)."""
    if isinstance(where, ArticleStore):
        where = where.folder
    if not isinstance(where, Path):
        return _postgres_rows(where)
    folder = where
    with closing(sqlite3.connect(folder / DB_FILE)) as db:
        articles = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
        rows = db.execute("SELECT id, text FROM chunks ORDER BY id").fetchall()
        fts = [r[0] for r in db.execute("SELECT rowid FROM chunks_fts ORDER BY rowid")]
    index = faiss.read_index(str(folder / INDEX_FILE))
    vectors = sorted(int(i) for i in faiss.vector_to_array(index.id_map))  # type: ignore[attr-defined]
    return DiskState(articles, [r[0] for r in rows], fts, vectors, tuple(r[1] for r in rows))


def _postgres_rows(store: Store) -> DiskState:
    name = store.name  # type: ignore[attr-defined]
    with store.pool.connection() as db:  # type: ignore[attr-defined]
        articles = [r[0] for r in db.execute("SELECT id FROM articles WHERE collection = %s ORDER BY id", (name,))]
        rows = db.execute("SELECT id, text, tsv IS NOT NULL AND tsv <> ''::tsvector, embedding IS NOT NULL "
                          "FROM chunks WHERE collection = %s ORDER BY id", (name,)).fetchall()
    return DiskState(articles, [r[0] for r in rows], [r[0] for r in rows if r[2]], [r[0] for r in rows if r[3]],
                     tuple(r[1] for r in rows))


def assert_consistent(store: Store) -> DiskState:
    """Chunks, full-text rows and vector ids are the same set, and FAISS holds SQLite's vectors."""
    state = disk(store)
    assert state.chunks == state.fts == state.vectors
    if not isinstance(store, ArticleStore):
        return state
    folder = store.folder
    index = faiss.read_index(str(folder / INDEX_FILE))
    with closing(sqlite3.connect(folder / DB_FILE)) as db:
        for chunk_id, blob in db.execute("SELECT id, embedding FROM chunks"):
            assert np.allclose(index.reconstruct(chunk_id), np.frombuffer(blob, dtype=np.float32), atol=1e-6)
        for rowid, text in db.execute("SELECT rowid, text FROM chunks_fts"):
            assert db.execute("SELECT text FROM chunks WHERE id = ?", (rowid,)).fetchone() == (text,)
    return state


def by_title(docs: list[Document], word: str) -> Document:
    """The fixture article whose title holds `word`."""
    return next(d for d in docs if word in d.title.lower())


def folder_of(collection: Collection) -> Path:
    """The folder of a collection kept in SQLite and FAISS files."""
    assert isinstance(collection.store, ArticleStore)
    return collection.store.folder


@pytest.fixture
def col(kb: KnowledgeBase) -> Collection:
    """The default collection of the per-test knowledge base."""
    return kb.collection("default")


@pytest.fixture
def sqlite_only(engine: str) -> None:
    """For tests of the embedded engine's files (FAISS, WAL, PRAGMA user_version)."""
    if engine != "sqlite":
        pytest.skip("about the SQLite + FAISS files")


# -- add, unchanged, updated, remove ------------------------------------------------------------------------

def test_add_then_same_content_is_unchanged(col: Collection, fixture_docs: list[Document]) -> None:
    """Same text is the same article, whatever the title or source; nothing is written twice."""
    tram = by_title(fixture_docs, "tram")
    first = col.add(tram)
    assert first.status == "added" and first.chunks > 0 and first.title == tram.title
    state = assert_consistent(col.store)
    assert state.articles == [first.article_id] and len(state.chunks) == first.chunks

    # A title taken from the article (not chosen by the user) never renames it.
    for again in (tram, replace(tram, title="Another title entirely"), from_text(tram.text, None)):
        result = col.add(again)
        assert (result.status, result.article_id, result.chunks) == ("unchanged", first.article_id, first.chunks)
    assert disk(col.store) == state
    assert col.article(first.article_id).info.title == tram.title


def test_same_content_under_a_chosen_title_renames_the_article(col: Collection,
                                                               fixture_docs: list[Document]) -> None:
    """Re-adding unchanged text with a new --title updates the title (and says `updated`);
    where the article came from stays; the same title again is `unchanged`."""
    tram = by_title(fixture_docs, "tram")
    first = col.add(tram)
    renamed = col.add(from_text(tram.text, "Pasted copy of the tram story"))
    assert (renamed.status, renamed.article_id, renamed.title) == ("updated", first.article_id,
                                                                   "Pasted copy of the tram story")
    state = assert_consistent(col.store)
    assert state.articles == [first.article_id] and len(state.chunks) == renamed.chunks
    info = col.article(first.article_id).info
    assert (info.title, info.source, info.url) == ("Pasted copy of the tram story", tram.source, tram.url)
    assert {r.article_id for r in col.search("pasted", "keyword")} == {first.article_id}  # the title is indexed

    again = col.add(titled(tram, "Pasted copy of the tram story"))
    assert (again.status, again.article_id) == ("unchanged", first.article_id)
    assert disk(col.store) == state


def test_same_url_with_new_content_is_updated_in_place(col: Collection, fixture_docs: list[Document]) -> None:
    """A known URL with new text replaces the article's chunks everywhere; ids of the old chunks are gone."""
    tram = by_title(fixture_docs, "tram")
    url = "https://news.example.org/2026/03/port-alder-tram"
    old_text = tram.text
    new_text = "\n\n".join(p if "Victorian sewer" not in p else UPDATE for p in old_text.split("\n\n"))
    assert new_text != old_text and "Victorian" not in new_text

    first = col.add(Document(text=old_text, title=tram.title, source=url, url=url))
    before = assert_consistent(col.store)
    assert col.search('"Victorian sewer"', "keyword")

    second = col.add(Document(text=new_text, title="Tram line: repairs", source=url, url=url))
    assert (second.status, second.article_id) == ("updated", first.article_id)
    after = assert_consistent(col.store)
    assert after.articles == [first.article_id]
    assert len(after.chunks) == second.chunks
    assert any("Victorian" in t for t in before.texts)
    assert after.texts == tuple(c.text for c in chunk_text(new_text, col.embedder.count_tokens)), \
        "the chunks are those of the new text only"

    article = col.article(first.article_id)
    assert article.text == new_text and article.info.title == "Tram line: repairs"
    assert col.search('"Victorian sewer"', "keyword") == []
    hits = col.search("overhead cable snapped", "keyword")
    assert hits and "cable snapped" in hits[0].text
    assert col.search("Which cable broke on the tram line?", "vector", 1)[0].chunk_id in after.chunks


def test_same_file_path_with_new_content_is_updated(col: Collection, tmp_path: Path) -> None:
    """A file added again after it was edited updates its article instead of adding a second one."""
    path = tmp_path / "notes.txt"
    path.write_text("Ferry timetable\n\nThe ferry leaves at nine every morning from the north pier.\n",
                    encoding="utf-8")
    first = col.add(load_path(path))
    path.write_text("Ferry timetable\n\nFrom May the ferry leaves at half past eight from the south pier.\n",
                    encoding="utf-8")
    second = col.add(load_path(path))
    assert first.status == "added" and (second.status, second.article_id) == ("updated", first.article_id)
    state = assert_consistent(col.store)
    assert state.articles == [first.article_id]
    assert "south pier" in col.article(first.article_id).text
    assert col.search("north pier", "keyword", 5)[0].text.count("north") == 0


def test_remove_deletes_article_chunks_fts_rows_and_vectors(kb: KnowledgeBase, col: Collection,
                                                            fixture_docs: list[Document]) -> None:
    """After remove, nothing of the article is left in any mode, on disk, or after reopening."""
    results = col.add_many(fixture_docs)
    chess = next(r for r in results if "chess" in r.title.lower())
    removed = col.remove(chess.article_id)
    assert removed.id == chess.article_id and removed.title == chess.title

    state = assert_consistent(col.store)
    assert chess.article_id not in state.articles and len(state.articles) == 3
    with pytest.raises(NotFoundError):
        col.article(chess.article_id)
    with pytest.raises(NotFoundError, match=str(chess.article_id)):
        col.remove(chess.article_id)
    for mode in ("keyword", "vector", "hybrid"):
        assert all(r.article_id != chess.article_id for r in col.search("chess tournament Lindqvist", mode, 20))

    kb.close()
    with closing(reopen(kb)) as again:
        reopened = again.collection("default")
        assert reopened.stats().articles == 3 and reopened.stats().vectors == len(state.chunks)
        assert disk(reopened.store) == state


# -- the FAISS file ------------------------------------------------------------------------------------------

def _reopen_and_check(kb: KnowledgeBase, embedder: MiniLMEmbedder, question: str, title_word: str) -> DiskState:
    """Open the same data folder afresh; the FAISS file must agree with SQLite and answer a question."""
    with closing(reopen(kb, embedder)) as again:
        col = again.collection("default")
        top = col.search(question, "vector", 1)
        assert top and title_word in top[0].title.lower()
        state = assert_consistent(col.store)
        assert col.stats().vectors == len(state.chunks) > 0
        return state


@pytest.mark.usefixtures("sqlite_only")
def test_deleted_faiss_file_is_rebuilt(kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder,
                                       fixture_docs: list[Document]) -> None:
    """No index file: opening the collection writes one from the vectors in SQLite."""
    col.add_many(fixture_docs)
    index = folder_of(col) / INDEX_FILE
    kb.close()
    index.unlink()
    _reopen_and_check(kb, embedder, "How many steps does the lighthouse staircase have?", "lighthouse")
    assert index.exists()


@pytest.mark.parametrize("with_state", [False, True], ids=["index", "index-and-state"])
@pytest.mark.usefixtures("sqlite_only")
def test_stale_faiss_file_is_rebuilt(kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder,
                                     fixture_docs: list[Document], tmp_path: Path, with_state: bool) -> None:
    """An older copy of the index (missing the last article) is noticed and rebuilt, also
    when the state file saying which change it reflects is put back with it."""
    chess = by_title(fixture_docs, "chess")
    col.add_many([d for d in fixture_docs if d is not chess])
    index = folder_of(col) / INDEX_FILE
    state = folder_of(col) / (INDEX_FILE + ".state")
    older = tmp_path / "older.faiss"
    shutil.copy2(index, older)
    shutil.copy2(state, tmp_path / "older.state")
    col.add(chess)
    kb.close()
    shutil.copy2(older, index)
    if with_state:
        shutil.copy2(tmp_path / "older.state", state)
    assert len(disk(index.parent).vectors) < len(disk(index.parent).chunks)
    _reopen_and_check(kb, embedder, "Who won the chess tournament in the library?", "chess")


def _other_dimension_index(path: Path, ids: list[int]) -> None:
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(8))
    index.add_with_ids(np.ones((len(ids), 8), dtype=np.float32), np.array(ids, dtype=np.int64))
    faiss.write_index(index, str(path))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-dimension"])
@pytest.mark.usefixtures("sqlite_only")
def test_corrupt_faiss_file_is_rebuilt(kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder,
                                       fixture_docs: list[Document], damage: str) -> None:
    """An unreadable or foreign index file is replaced by one built from SQLite."""
    col.add_many(fixture_docs)
    index = folder_of(col) / INDEX_FILE
    chunk_ids = disk(index.parent).chunks
    kb.close()
    if damage == "garbage":
        index.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        index.write_bytes(index.read_bytes()[:1000])
    elif damage == "empty":
        index.write_bytes(b"")
    else:
        _other_dimension_index(index, chunk_ids)
    state = _reopen_and_check(kb, embedder, "How much did the tram line cost to build?", "tram")
    assert state.vectors == chunk_ids
    assert faiss.read_index(str(index)).d == embedder.dimension


@pytest.mark.usefixtures("sqlite_only")
def test_faiss_file_is_written_to_a_temporary_name_and_renamed(col: Collection, fixture_docs: list[Document],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Each save writes a temporary file of its own beside vectors.faiss and renames it over
    the index, then its state file the same way; no temporary file is left."""
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def recording_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(vectors_module.os, "replace", recording_replace)
    folder = folder_of(col)
    index = folder / INDEX_FILE
    col.add(fixture_docs[0])
    state = folder / (INDEX_FILE + ".state")
    assert [dst for _, dst in renames[-2:]] == [index, state], \
        "the state file saying which change the index reflects is written after the index"
    (index_tmp, _), (state_tmp, _) = renames[-2:]
    assert index_tmp.parent == state_tmp.parent == folder
    assert index_tmp.name.startswith(f".{INDEX_FILE}.") and state_tmp.name.startswith(f".{INDEX_FILE}.state.")
    assert index.stat().st_mode & 0o777 == 0o644

    # Keep the old file alive under another name: a rename leaves it intact, an in-place write would not.
    old_copy = folder / "held.faiss"
    os.link(index, old_copy)
    old_bytes, old_inode = old_copy.read_bytes(), index.stat().st_ino
    col.add(fixture_docs[1])
    assert index.stat().st_ino != old_inode
    assert old_copy.read_bytes() == old_bytes and index.read_bytes() != old_bytes
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


def test_two_savers_of_one_index_never_rename_each_other_s_temporary_file(tmp_path: Path) -> None:
    # Two processes may save at once (`index rebuild` while `index stats` brings the index up
    # to date): each writes a file of its own, so neither finds its temporary file gone.
    path = tmp_path / INDEX_FILE
    savers = [vectors_module.VectorIndex(path, 8) for _ in range(2)]
    rng = np.random.default_rng(0)
    for i, saver in enumerate(savers):
        saver.add(np.arange(10 * i, 10 * i + 5, dtype=np.int64), rng.normal(size=(5, 8)).astype(np.float32))
    errors: list[BaseException] = []

    def save_often(saver: vectors_module.VectorIndex) -> None:
        try:
            for changes in range(40):
                saver.save(changes)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
    threads = [threading.Thread(target=save_often, args=(saver,)) for saver in savers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and path.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.usefixtures("sqlite_only")
def test_failed_rename_leaves_the_old_index_and_reopening_repairs_it(
        kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder, fixture_docs: list[Document],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash between writing and renaming never leaves half an index; SQLite stays the source of truth."""
    chess = by_title(fixture_docs, "chess")
    col.add_many([d for d in fixture_docs if d is not chess])
    index = folder_of(col) / INDEX_FILE
    before = index.read_bytes()

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vectors_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        col.add(chess)
    assert index.read_bytes() == before
    monkeypatch.undo()
    kb.close()
    _reopen_and_check(kb, embedder, "Who won the chess tournament in the library?", "chess")


# -- the model ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("other", [
    HashEmbedder(dimension=384, name="tests/another-model"),
    HashEmbedder(dimension=64, name="sentence-transformers/all-MiniLM-L6-v2"),
], ids=["other-name", "other-dimension"])
def test_another_model_is_refused_with_a_pointer_to_rebuild(kb: KnowledgeBase, col: Collection,
                                                            fixture_docs: list[Document], other: HashEmbedder) -> None:
    """A collection embedded with one model cannot be searched with another: the error names `rebuild`."""
    col.add(fixture_docs[0])
    kb.close()
    with closing(reopen(kb, other)) as again:
        with pytest.raises(ModelMismatchError, match="rebuild") as caught:
            again.collection("default")
    message = str(caught.value)
    assert "\n" not in message and "all-MiniLM-L6-v2" in message
    assert isinstance(caught.value, KnowledgeBaseError)


@pytest.mark.parametrize("dimension", [384, 64])
def test_rebuild_reembed_switches_models_and_back(kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder,
                                                  fixture_docs: list[Document], dimension: int, engine: str) -> None:
    """`rebuild --reembed` re-embeds every chunk with the loaded model, in place, and records it."""
    if engine == "postgresql" and dimension != 384:
        pytest.skip("PostgreSQL stores vector(384)")
    col.add_many(fixture_docs)
    before = disk(col.store)
    kb.close()

    other = HashEmbedder(dimension=dimension, name="tests/another-model")
    with closing(reopen(kb, other)) as switched:
        moved = switched.collection("default", accept_other_model=True)
        assert moved.rebuild(reembed=True) == moved.stats().chunks
        stats = moved.stats()
        assert (stats.model, stats.dimension, stats.articles) == ("tests/another-model", dimension, 4)
        row = moved.store.chunk_rows([disk(moved.store).chunks[0]])
        chunk = next(iter(row.values()))
        expected = other.embed([passage_text(chunk.title, chunk.text)])[0]
        assert np.allclose(chunk.vector, expected)
        assert_consistent(moved.store)
    if engine == "sqlite":
        assert faiss.read_index(str(folder_of(col) / INDEX_FILE)).d == dimension

    with closing(reopen(kb, HashEmbedder(dimension=dimension, name="tests/another-model"))) as same:
        assert same.collection("default").search("lighthouse staircase steps", "vector", 1)
    with closing(reopen(kb, embedder)) as real:
        with pytest.raises(ModelMismatchError):
            real.collection("default")
        back = real.collection("default", accept_other_model=True)
        assert back.rebuild(reembed=True) == len(before.chunks)
        assert back.stats().model == embedder.name and back.stats().dimension == embedder.dimension
        assert "tram" in back.search("How much did the tram line cost?", "vector", 1)[0].title.lower()
        assert disk(back.store).articles == before.articles


def test_plain_rebuild_keeps_vectors(col: Collection, fixture_docs: list[Document]) -> None:
    """`rebuild` without --reembed rewrites the FAISS file from SQLite with the same ids."""
    col.add_many(fixture_docs)
    before = assert_consistent(col.store)
    assert col.rebuild() == len(before.chunks)
    assert assert_consistent(col.store) == before


# -- schema and journal ------------------------------------------------------------------------------------

@pytest.mark.usefixtures("sqlite_only")
def test_migrations_run_once_and_record_the_version(kb: KnowledgeBase, col: Collection,
                                                    fixture_docs: list[Document]) -> None:
    """user_version counts the migrations; reopening runs none of them again and keeps the data."""
    col.add(fixture_docs[0])
    path = folder_of(col) / DB_FILE
    kb.close()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        statements: list[str] = []
        db.set_trace_callback(statements.append)
        assert migrate(db) == len(MIGRATIONS)
        assert statements == ["PRAGMA user_version"]
    with closing(reopen(kb)) as again:
        assert again.collection("default").stats().articles == 1


def test_an_old_database_is_migrated_forward(tmp_path: Path) -> None:
    """A database that saw only the first migration gets the rest, once, keeping its rows."""
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.executescript(f"BEGIN; {MIGRATIONS[0]()} PRAGMA user_version = 1; COMMIT;")
        db.execute("INSERT INTO meta (key, value) VALUES ('model', 'x')")
        assert migrate(db) == len(MIGRATIONS)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "chunks", "chunks_fts", "feedback", "meta"} <= tables
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone() == ("x",)


@pytest.mark.usefixtures("sqlite_only")
def test_database_uses_wal(col: Collection) -> None:
    """The journal mode is WAL, seen from an independent connection."""
    with closing(sqlite3.connect(folder_of(col) / DB_FILE)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_feedback_is_kept(col: Collection) -> None:
    """A reader's verdict is stored with its citations."""
    col.record_feedback("Who won?", "Amara Lindqvist [1]", [{"article_id": 1, "chunk_id": 2}], True, "user-7")
    rows = col.store.feedback()
    assert len(rows) == 1 and rows[0][:5] == ("Who won?", "Amara Lindqvist [1]",
                                              '[{"article_id": 1, "chunk_id": 2}]', 1, "user-7")


# -- collections ---------------------------------------------------------------------------------------------

QUESTIONS = {
    "tram": "How much did the tram line construction cost?",
    "bakery": "How much will the bakers save on flour?",
    "lighthouse": "How many cast-iron steps does the lighthouse staircase have?",
    "chess": "Who won the chess tournament?",
}


def test_collections_share_nothing(kb: KnowledgeBase, fixture_docs: list[Document]) -> None:
    """Two collections never return each other's chunks, in any mode, even for each other's questions."""
    alpha, beta = kb.collection("alpha"), kb.collection("beta")
    alpha.add_many([by_title(fixture_docs, "tram"), by_title(fixture_docs, "bakers")])
    beta.add_many([by_title(fixture_docs, "lighthouse"), by_title(fixture_docs, "chess")])
    own = {"alpha": {"tram", "bakers"}, "beta": {"lighthouse", "chess"}}
    for name, col in (("alpha", alpha), ("beta", beta)):
        texts = {info.id: col.article(info.id).text for info in col.articles()}
        for question in QUESTIONS.values():
            for mode in ("keyword", "vector", "hybrid"):
                for r in col.search(question, mode, 10):
                    assert any(word in r.title.lower() for word in own[name]), (name, question, mode, r.title)
                    assert texts[r.article_id][r.start:r.end] == r.text
    assert kb.names() == ["alpha", "beta"]
    if isinstance(alpha.store, ArticleStore):
        assert folder_of(alpha) != folder_of(beta)


def test_same_content_in_two_collections_is_two_articles(kb: KnowledgeBase, fixture_docs: list[Document]) -> None:
    """The same article added to two collections is stored twice, in separate files; removing one keeps the other."""
    alpha, beta = kb.collection("alpha"), kb.collection("beta")
    doc = by_title(fixture_docs, "lighthouse")
    a, b = alpha.add(doc), beta.add(doc)
    assert a.status == b.status == "added"
    if isinstance(alpha.store, ArticleStore) and isinstance(beta.store, ArticleStore):
        for store in (alpha.store, beta.store):
            assert (store.folder / DB_FILE).exists() and (store.folder / INDEX_FILE).exists()
        assert (alpha.store.folder / DB_FILE).resolve() != (beta.store.folder / DB_FILE).resolve()
    else:  # one table for every collection: two rows each
        assert disk(alpha.store).chunks and not set(disk(alpha.store).chunks) & set(disk(beta.store).chunks)
    alpha.remove(a.article_id)
    assert alpha.stats().articles == 0 and alpha.search("lighthouse", "hybrid") == []
    assert beta.stats().articles == 1 and beta.article(b.article_id).text == doc.text
    assert beta.search("lighthouse donkeys", "hybrid", 1)[0].article_id == b.article_id


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "a\\b", ".hidden", "-dash", "a..b", "x" * 65,
                                  "name\n", "with space", "naïve", "a\x00b", "/abs"])
def test_bad_collection_names_are_refused(kb: KnowledgeBase, name: str) -> None:
    """Names that are not plain folder names raise CollectionNameError and create nothing."""
    with pytest.raises(CollectionNameError, match="bad collection name"):
        kb.collection(name)
    assert kb.names() == []


@pytest.mark.parametrize("name", ["default", "a", "news-2026_v1.0", "X" * 64])
def test_good_collection_names_are_accepted(kb: KnowledgeBase, name: str) -> None:
    """Letters, digits, '.', '_' and '-' up to 64 characters make a collection folder."""
    assert kb.collection(name).name == name
    assert kb.names() == [name]


# -- batches and bad input -------------------------------------------------------------------------------------

def test_add_many_with_duplicates_inside_the_batch(col: Collection, fixture_docs: list[Document]) -> None:
    """A batch holding the same text three times adds it once; the repeats are `unchanged` with its id
    and its stored title."""
    tram, chess = by_title(fixture_docs, "tram"), by_title(fixture_docs, "chess")
    results = col.add_many([tram, tram, replace(tram, title="Copy", source="pasted"), chess])
    assert [r.status for r in results] == ["added", "unchanged", "unchanged", "added"]
    assert results[0].article_id == results[1].article_id == results[2].article_id != results[3].article_id
    assert results[2].title == tram.title  # the title the library keeps for it, as `list` shows
    state = assert_consistent(col.store)
    assert len(state.articles) == 2 and len(state.chunks) == results[0].chunks + results[3].chunks


def test_add_many_with_one_url_twice_inside_the_batch(col: Collection) -> None:
    """Two versions of one URL in a batch: the later one updates the earlier, as if added one by one."""
    url = "https://news.example.org/ferry"
    old = Document(text="The ferry leaves at nine from the north pier.", title="Ferry", source=url, url=url)
    new = Document(text="From May the ferry leaves at half past eight from the south pier.", title="Ferry",
                   source=url, url=url)
    results = col.add_many([old, new])
    assert [r.status for r in results] == ["added", "updated"]
    assert results[0].article_id == results[1].article_id
    state = assert_consistent(col.store)
    assert len(state.articles) == 1
    assert col.article(results[0].article_id).text == new.text
    assert col.search("north", "keyword") == []


def test_empty_and_binary_input_leave_the_store_untouched(col: Collection, fixture_docs: list[Document],
                                                          tmp_path: Path) -> None:
    """Loading refuses empty and binary input with InputError; an empty Document is refused before any write."""
    col.add(fixture_docs[0])
    index = col.store.folder / INDEX_FILE if isinstance(col.store, ArticleStore) else None
    before, index_bytes = disk(col.store), index.read_bytes() if index else b""

    with pytest.raises(InputError, match="empty"):
        from_text(" \n\t \n", None)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary"):
        load_path(binary)
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        load_path(empty)
    with pytest.raises(InputError, match="empty"):
        col.add(Document(text="  \n ", title="Nothing", source="pasted"))
    with pytest.raises(InputError, match="empty"):
        col.add_many([fixture_docs[1], Document(text="", title="Nothing", source="pasted")])

    assert disk(col.store) == before
    assert (index.read_bytes() if index else b"") == index_bytes


def test_stats_count_what_is_on_disk(col: Collection, embedder: MiniLMEmbedder,
                                     fixture_docs: list[Document]) -> None:
    """Stats agree with the files: articles, chunks, vectors, the model, and file sizes."""
    empty = col.stats()
    assert (empty.articles, empty.chunks, empty.vectors) == (0, 0, 0)
    results = col.add_many(fixture_docs)
    stats = col.stats()
    assert stats.collection == "default" and stats.articles == 4
    assert stats.chunks == stats.vectors == sum(r.chunks for r in results)
    assert (stats.model, stats.dimension) == (embedder.name, 384)
    if isinstance(col.store, ArticleStore):
        assert stats.index_bytes == (col.store.folder / INDEX_FILE).stat().st_size
    else:
        assert stats.index_bytes > 0
    assert stats.db_bytes > 0
    assert [a.id for a in col.articles()] == [r.article_id for r in results]
    assert col.articles(limit=2, offset=1) == col.articles()[1:3]


def test_known_text_lists_stats_and_keyword_search_never_load_the_model(
        kb: KnowledgeBase, col: Collection, embedder: MiniLMEmbedder, fixture_docs: list[Document]) -> None:
    """With a lazily loaded model (as the CLI has), work that embeds nothing never loads it."""
    col.add_many(fixture_docs)
    kb.close()

    def refuse() -> MiniLMEmbedder:
        raise AssertionError("the model was loaded")

    lazy = LazyEmbedder(refuse, name=embedder.name, dimension=embedder.dimension)
    with closing(reopen(kb, lazy)) as again:
        col = again.collection("default")
        assert [r.status for r in col.add_many(fixture_docs)] == ["unchanged"] * 4
        assert len(col.articles()) == 4 and col.stats().articles == 4
        assert col.search("lighthouse", "keyword", 1)
        assert col.rebuild() == col.stats().vectors
        col.remove(col.articles()[0].id)
        with pytest.raises(AssertionError, match="loaded"):
            col.search("lighthouse", "vector", 1)
