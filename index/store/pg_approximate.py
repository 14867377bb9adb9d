"""A large collection's second vector index: an inverted file (pgvector's IVFFlat) over its
vectors in half precision, searched together with the shared HNSW graph.

Why two: each misses what the other finds. On clustered vectors (many chunks about one
topic, nearly equidistant from a question) the HNSW graph's recall@10 at a million
chunks stayed at 0.87 (ef_search 100) to 0.95 (ef_search 1,000, the most pgvector
allows): a few links per chunk cannot lead a search to every close chunk of a dense
cluster. An inverted file holds such a cluster in one or a few lists and scans them
whole (recall 0.998 probing 4 of 1,000 lists). On real-model vectors it is the reverse:
neighbours spread over many lists (probing 1 list in 8 still gave 0.986 on SQuAD
sentences, and an eighth of a million is ~70 ms a query here), while HNSW finds them
(0.9995). So both propose candidates (`nearest_query`), each the results wanted plus
`EXTRA`, and the union is ordered by the exact full-precision inner product: recall 1.0
on the synthetic million and 0.9995 on the real sample, at ~5 ms.

Lists follow pgvector's guide (rows / 1000 up to a million, sqrt(rows) past it); a
few are probed (`PROBES`). Half precision halves the index (768 bytes a vector) and the
scan. The index is partial (`WHERE collection = '...'`): built from this collection's
vectors alone, by a bulk import or `rebuild`, once it holds `APPROXIMATE_FROM` chunks;
chunks written later join their nearest list, a rebuild trains the lists again. The
collection's name reaches the SQL as a quoted literal: the planner uses a partial index
only when the query's condition is the index's own.
"""
from __future__ import annotations

import hashlib
import math

import psycopg
from psycopg import sql

from .pg_migrations import DIMENSION

# Below this a collection is searched exactly or through the shared HNSW index.
APPROXIMATE_FROM = 200_000
# Candidates each index proposes beyond those asked for; all are re-scored in full precision.
EXTRA = 40
# Lists the inverted file scans per query (~0.6 ms each at a million chunks, 1,000 a list).
PROBES = 8


def index_name(collection: str) -> str:
    """The name of a collection's inverted-file index (any collection name fits)."""
    return "chunks_ivf_" + hashlib.sha1(collection.encode("utf-8")).hexdigest()[:20]


def lists_for(chunks: int) -> int:
    """pgvector's guide: rows / 1000 up to a million rows, sqrt(rows) past that."""
    return max(1, chunks // 1000 if chunks <= 1_000_000 else int(math.sqrt(chunks)))


def probes_for(lists: int) -> int:
    """Lists scanned per query: `PROBES`, or every list of a smaller index."""
    return min(lists, PROBES)


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
    """The union of both indexes' candidates, ordered by exact inner product. Parameters:
    (vector, *window bounds, vector, candidates, *window bounds, vector, candidates, k).
    `window` is our own SQL restricting chunk alias c."""
    return sql.SQL("""
SELECT id, max(score) AS score FROM (
    SELECT id, -(embedding <#> %s) AS score FROM (
        (SELECT c.id, c.embedding FROM chunks c WHERE c.collection = {collection} {window}
         ORDER BY c.embedding <#> %s LIMIT %s)
        UNION ALL
        (SELECT c.id, c.embedding FROM chunks c WHERE c.collection = {collection} {window}
         ORDER BY c.embedding::halfvec({dimension}) <#> %s::vector::halfvec({dimension}) LIMIT %s)
    ) both_indexes
) scored GROUP BY id ORDER BY score DESC, id LIMIT %s
""").format(collection=sql.Literal(collection), window=sql.SQL(window), dimension=sql.Literal(DIMENSION))
