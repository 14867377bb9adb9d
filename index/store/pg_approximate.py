"""A large collection's own approximate vector index: an inverted file (pgvector's IVFFlat)
over its vectors in half precision, whose candidates are re-scored exactly.

Why not the shared HNSW graph at a million chunks: on clustered vectors (many chunks
about one topic, nearly equidistant from a question) its recall@10 stayed at 0.86-0.91
even at the largest ef_search (1,000); the graph's few links per chunk cannot lead a
search to every close chunk of a dense cluster. An inverted file puts a whole cluster in
one or a few lists and scans them all, so a question's close chunks are seen, not
navigated to. Lists follow pgvector's guide (rows / 1000 up to a million, sqrt(rows)
past it); `probes_for` scans about 3% of them. Half precision halves the index (768
bytes a vector) and the scan; the candidates (the results wanted plus `EXTRA`) are then
ordered by their full-precision inner product, so scores stay true cosines.

The index is partial (`WHERE collection = '...'`): built from this collection's vectors
alone, by a bulk import or `rebuild`, once the collection holds `APPROXIMATE_FROM`
chunks. Chunks written later join their nearest list; a rebuild re-trains the lists.
The collection's name reaches the SQL as a quoted literal: the planner uses a partial
index only when the query's condition is the index's own.
"""
from __future__ import annotations

import hashlib
import math

import psycopg
from psycopg import sql

from .pg_migrations import DIMENSION

# Below this a collection is searched exactly or through the shared HNSW index.
APPROXIMATE_FROM = 200_000
# Candidates beyond those asked for, re-scored in full precision.
EXTRA = 40


def index_name(collection: str) -> str:
    """The name of a collection's inverted-file index (any collection name fits)."""
    return "chunks_ivf_" + hashlib.sha1(collection.encode("utf-8")).hexdigest()[:20]


def lists_for(chunks: int) -> int:
    """pgvector's guide: rows / 1000 up to a million rows, sqrt(rows) past that."""
    return max(1, chunks // 1000 if chunks <= 1_000_000 else int(math.sqrt(chunks)))


def probes_for(lists: int) -> int:
    """Lists scanned per query: about 3% of them, at least 8 (all of a small index)."""
    return min(lists, max(8, math.ceil(lists * 0.03)))


def build(conn: psycopg.Connection, collection: str, chunks: int, lists: int | None = None) -> int:
    """(Re)build the collection's inverted file for `chunks` vectors (with `lists` lists
    rather than the guide's number); return its list count."""
    lists = lists or lists_for(chunks)
    name = sql.Identifier(index_name(collection))
    conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(name))
    conn.execute(sql.SQL("CREATE INDEX {} ON chunks USING ivfflat ((embedding::halfvec({})) halfvec_ip_ops) "
                         "WITH (lists = {}) WHERE collection = {}")
                 .format(name, sql.Literal(DIMENSION), sql.Literal(lists), sql.Literal(collection)))
    return lists


def drop(conn: psycopg.Connection, collection: str) -> None:
    """Remove the collection's inverted file (its chunks fall back to HNSW or an exact scan)."""
    conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(index_name(collection))))


def lists_of(conn: psycopg.Connection, collection: str) -> int:
    """The list count of the collection's inverted file; 0 when it has none."""
    row = conn.execute("SELECT reloptions FROM pg_class WHERE oid = to_regclass(%s)",
                       (index_name(collection),)).fetchone()
    if row is None:
        return 0
    options = dict(option.split("=", 1) for option in (row[0] or []))
    return int(options.get("lists", 100))  # pgvector's default


def nearest_query(collection: str, window: str) -> sql.Composed:
    """Exact re-scoring of the inverted file's candidates; parameters: (vector, *window bounds, vector,
    candidates, k). `window` is our own SQL restricting chunk alias c."""
    return sql.SQL("""
SELECT id, -(embedding <#> %s) AS score FROM (
    SELECT c.id, c.embedding FROM chunks c WHERE c.collection = {collection} {window}
    ORDER BY c.embedding::halfvec({dimension}) <#> %s::vector::halfvec({dimension}) LIMIT %s
) candidates ORDER BY score DESC, id LIMIT %s
""").format(collection=sql.Literal(collection), window=sql.SQL(window), dimension=sql.Literal(DIMENSION))
