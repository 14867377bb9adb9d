"""The SQL the PostgreSQL store runs, as named constants; every query names its collection."""

CREATE_COLLECTION = """
INSERT INTO collections (name, model, dimension) VALUES (%s, %s, %s) ON CONFLICT (name) DO NOTHING
"""
GET_MODEL = "SELECT model, dimension FROM collections WHERE name = %s"
SET_MODEL = "UPDATE collections SET model = %s, dimension = %s WHERE name = %s"
CHUNKS_IN_COLLECTION = "SELECT chunks FROM collections WHERE name = %s"
ADD_CHUNK_COUNT = "UPDATE collections SET chunks = chunks + %s WHERE name = %s"
# Parameters: (+1 after writing the articles' chunks or -1 before deleting them, collection, article ids).
ADD_TERM_COUNTS = """
INSERT INTO term_counts AS t (collection, lexeme, chunks)
SELECT c.collection, l.lexeme, count(*) * %s FROM chunks c, unnest(tsvector_to_array(c.tsv)) AS l(lexeme)
WHERE c.collection = %s AND c.article_id = ANY(%s::bigint[]) GROUP BY 1, 2
ON CONFLICT (collection, lexeme) DO UPDATE SET chunks = t.chunks + excluded.chunks
"""
NEXT_ARTICLE_ID = """
UPDATE collections SET next_article_id = next_article_id + 1 WHERE name = %s RETURNING next_article_id - 1
"""
BUMP_NEXT_ARTICLE_ID = "UPDATE collections SET next_article_id = GREATEST(next_article_id, %s + 1) WHERE name = %s"

# Session lock (held across look-up, embedding and writes) and transaction lock, per collection.
LOCK_COLLECTION = "SELECT pg_advisory_lock(hashtextextended('article-bot collection ' || %s, 0))"
UNLOCK_COLLECTION = "SELECT pg_advisory_unlock(hashtextextended('article-bot collection ' || %s, 0))"
LOCK_COLLECTION_TX = "SELECT pg_advisory_xact_lock(hashtextextended('article-bot collection ' || %s, 0))"

FIND_BY_HASH = "SELECT id FROM articles WHERE collection = %s AND content_hash = %s"
FIND_BY_SOURCE_KEY = "SELECT id FROM articles WHERE collection = %s AND source_key = %s"
ARTICLE_EXISTS = """
SELECT 1 FROM articles WHERE collection = %s AND (content_hash = %s OR id = %s OR source_key = %s)
"""
INSERT_ARTICLE = """
INSERT INTO articles (collection, id, title, source, source_key, url, date, author, site, text, content_hash,
                      added_at, updated_at, date_source, feed_id)
VALUES (%(collection)s, %(id)s, %(title)s, %(source)s, %(source_key)s, %(url)s, %(date)s, %(author)s, %(site)s,
        %(text)s, %(content_hash)s, %(added_at)s, %(now)s, %(date_source)s, %(feed_id)s)
"""
UPDATE_ARTICLE = """
UPDATE articles SET title = %(title)s, source = %(source)s, url = %(url)s, date = %(date)s, author = %(author)s,
       site = %(site)s, text = %(text)s, content_hash = %(content_hash)s, updated_at = %(now)s,
       date_source = %(date_source)s, feed_id = coalesce(%(feed_id)s, feed_id)
WHERE collection = %(collection)s AND id = %(id)s
"""
# An article's date for windows and recency: its publication date, else the day it was added.
WHEN = "coalesce(a.date, substr(a.added_at, 1, 10))"
# Appended to a chunk query (alias c) to keep the chunks of articles dated in a window.
IN_WINDOW = f"""
AND EXISTS (SELECT 1 FROM articles a WHERE a.collection = c.collection AND a.id = c.article_id
            AND {WHEN} >= %s AND {WHEN} < %s)
"""
DELETE_ARTICLE = "DELETE FROM articles WHERE collection = %s AND id = %s"
DELETE_CHUNKS_OF_ARTICLE = "DELETE FROM chunks WHERE collection = %s AND article_id = %s"
FIRST_CHUNK_IDS = "SELECT id FROM chunks WHERE collection = %s AND article_id = %s ORDER BY idx LIMIT %s"
COUNT_CHUNKS_OF_ARTICLE = "SELECT count(*) FROM chunks WHERE collection = %s AND article_id = %s"
COPY_CHUNKS = """
COPY chunks (collection, article_id, idx, start, "end", title, text, embedding) FROM STDIN WITH (FORMAT BINARY)
"""

# {tsquery} is rendered by pg_keyword.bounded_query: its parameters come first; {newest} is FROM_ID or nothing.
FROM_ID = "AND c.id >= %s"
# ts_rank weights are {D, C, B, A}: chunk text (A) 1.0, title (B) 0.4; normalisation 1 divides by
# 1 + log(length), so long chunks do not win on length alone, as in bm25.
_RANKED = """
WITH query AS (SELECT {tsquery} AS q)
SELECT c.id, ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::float4[], c.tsv, query.q, 1) AS score
FROM chunks c, query
WHERE c.collection = %s AND c.tsv @@ query.q {window} {newest}
ORDER BY score DESC, c.id LIMIT %s
"""
KEYWORD_RANK = _RANKED
# Snippets only for the rows kept: ts_headline re-parses the text.
KEYWORD_SEARCH = """
WITH query AS (SELECT {tsquery} AS q),
best AS (
    SELECT c.id, ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::float4[], c.tsv, query.q, 1) AS score
    FROM chunks c, query
    WHERE c.collection = %s AND c.tsv @@ query.q {window} {newest}
    ORDER BY score DESC, c.id LIMIT %s
)
SELECT best.id, best.score,
       ts_headline('english', c.text, query.q, 'StartSel=**, StopSel=**, MaxWords=30, MinWords=12, ShortWord=2')
FROM best JOIN chunks c ON c.id = best.id, query
ORDER BY best.score DESC, best.id
"""

# Ordering by the negated distance keeps the planner off the HNSW index: an exact scan.
NEAREST_EXACT = """
SELECT id, -(embedding <#> %s) AS score FROM chunks c WHERE collection = %s {window} ORDER BY score DESC, id LIMIT %s
"""
NEAREST_HNSW = """
SELECT id, -distance FROM (
    SELECT id, embedding <#> %s AS distance FROM chunks c WHERE collection = %s {window} ORDER BY distance LIMIT %s
) nearest
"""
SET_EF_SEARCH = "SET LOCAL hnsw.ef_search = {ef:d}"
SET_PROBES = "SET LOCAL ivfflat.probes = {probes:d}"

CHUNK_ROWS = """
SELECT c.id, c.article_id, a.title, c.text, c.start, c."end", a.url, c.embedding, a.date, a.site
FROM chunks c JOIN articles a ON a.collection = c.collection AND a.id = c.article_id
WHERE c.collection = %s AND c.id = ANY(%s)
"""

ARTICLE_COLUMNS = """
a.id, a.title, a.source, a.url, a.date, a.author,
(SELECT count(*) FROM chunks c WHERE c.collection = a.collection AND c.article_id = a.id), length(a.text), a.added_at, a.site,
CASE WHEN a.date IS NULL THEN 'added' ELSE a.date_source END, a.feed_id
"""  # noqa: E501
LIST_ARTICLES = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.collection = %s ORDER BY a.id LIMIT %s OFFSET %s"
DATED_ARTICLES = f"""
SELECT {ARTICLE_COLUMNS} FROM articles a
WHERE a.collection = %s AND (({WHEN} >= %s AND {WHEN} < %s)
      OR (%s AND substr(a.added_at, 1, 10) >= %s AND substr(a.added_at, 1, 10) < %s))
ORDER BY {WHEN} DESC, a.id DESC LIMIT %s
"""
ADD_PRUNED = "UPDATE collections SET pruned = pruned + %s WHERE name = %s RETURNING pruned"
GET_PRUNED = "SELECT pruned FROM collections WHERE name = %s"
GET_ARTICLE = f"SELECT {ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.collection = %s AND a.id = %s"
COUNTS = """
SELECT (SELECT count(*) FROM articles WHERE collection = %s), (SELECT count(*) FROM chunks WHERE collection = %s)
"""
# The tables and the HNSW index are shared: a collection is charged its share of chunks.
SIZES = """
SELECT c.chunks,
       ((pg_total_relation_size('articles') + pg_total_relation_size('chunks') - pg_relation_size('chunks_embedding'))
        * c.chunks / GREATEST(t.total, 1))::bigint,
       (pg_relation_size('chunks_embedding') * c.chunks / GREATEST(t.total, 1))::bigint
FROM collections c, (SELECT sum(chunks) AS total FROM collections) t WHERE c.name = %s
"""

ARTICLE_IDS = "SELECT id FROM articles WHERE collection = %s ORDER BY id"
EXPORT_ARTICLE = """
SELECT title, source, source_key, url, date, author, text, content_hash, site, added_at, updated_at, date_source,
       feed_id
FROM articles WHERE collection = %s AND id = %s
"""
EXPORT_CHUNKS = """
SELECT idx, start, "end", text, embedding FROM chunks WHERE collection = %s AND article_id = %s ORDER BY idx
"""

INSERT_FEEDBACK = """
INSERT INTO feedback (collection, question, answer, citations, helpful, user_key, created_at)
VALUES (%s, %s, %s, %s, %s, %s, %s)
"""
ALL_FEEDBACK = """
SELECT question, answer, citations, helpful, user_key, created_at FROM feedback WHERE collection = %s ORDER BY id
"""
