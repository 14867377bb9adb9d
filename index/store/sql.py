"""The SQL the store runs, as named constants."""

GET_META = "SELECT value FROM meta WHERE key = ?"
SET_META = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"

GET_CHANGES = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'"
BUMP_CHANGES = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'"

FIND_BY_HASH = "SELECT id FROM articles WHERE content_hash = ?"
FIND_BY_SOURCE_KEY = "SELECT id FROM articles WHERE source_key = ?"
INSERT_ARTICLE = """
INSERT INTO articles (title, source, source_key, url, date, author, site, text, content_hash, added_at, updated_at,
                      date_source, feed_id)
VALUES (:title, :source, :source_key, :url, :date, :author, :site, :text, :content_hash, :now, :now,
        :date_source, :feed_id)
"""
UPDATE_ARTICLE = """
UPDATE articles SET title = :title, source = :source, url = :url, date = :date, author = :author, site = :site,
       text = :text, content_hash = :content_hash, updated_at = :now, date_source = :date_source,
       feed_id = coalesce(:feed_id, feed_id)
WHERE id = :id
"""
# An article's date for windows and recency: its publication date, else the day it was added.
WHEN = "coalesce(a.date, substr(a.added_at, 1, 10))"
DELETE_ARTICLE = "DELETE FROM articles WHERE id = ?"

INSERT_CHUNK = "INSERT INTO chunks (article_id, idx, start, end, text, embedding) VALUES (?, ?, ?, ?, ?, ?)"
INSERT_CHUNK_FTS = "INSERT INTO chunks_fts (rowid, text, title) VALUES (?, ?, ?)"
CHUNK_IDS_OF_ARTICLE = "SELECT id FROM chunks WHERE article_id = ? ORDER BY idx"
DELETE_CHUNKS_OF_ARTICLE = "DELETE FROM chunks WHERE article_id = ?"
DELETE_CHUNK_FTS = "DELETE FROM chunks_fts WHERE rowid = ?"
COUNT_CHUNKS_OF_ARTICLE = "SELECT COUNT(*) FROM chunks WHERE article_id = ?"
FIRST_CHUNK_IDS = "SELECT id FROM chunks WHERE article_id = ? ORDER BY idx LIMIT ?"

# Unordered, so that SQLite reads the small (article, idx) index rather than every chunk's
# text and vector (gigabytes at a million chunks): sort the ids in numpy.
ALL_CHUNK_IDS = "SELECT id FROM chunks"
CHUNK_VECTORS = "SELECT id, embedding FROM chunks WHERE id IN ({ids})"

# bm25() is lower-is-better; the title column weighs less than the chunk text. Chunks below
# the rowid bound are not ranked (fts5.bounded_match: a question of only very common words).
KEYWORD_SEARCH = """
SELECT rowid, -bm25(chunks_fts, 1.0, 0.4) AS score,
       snippet(chunks_fts, 0, '**', '**', '…', 24) AS snippet
FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid >= ? ORDER BY bm25(chunks_fts, 1.0, 0.4) LIMIT ?
"""
# The same within a date window (since inclusive, before exclusive).
KEYWORD_SEARCH_IN = f"""
SELECT chunks_fts.rowid, -bm25(chunks_fts, 1.0, 0.4) AS score,
       snippet(chunks_fts, 0, '**', '**', '…', 24) AS snippet
FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN articles a ON a.id = c.article_id
WHERE chunks_fts MATCH ? AND chunks_fts.rowid >= ? AND {WHEN} >= ? AND {WHEN} < ?
ORDER BY bm25(chunks_fts, 1.0, 0.4) LIMIT ?
"""
KEYWORD_RANK_IN = f"""
SELECT chunks_fts.rowid, -bm25(chunks_fts, 1.0, 0.4)
FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN articles a ON a.id = c.article_id
WHERE chunks_fts MATCH ? AND chunks_fts.rowid >= ? AND {WHEN} >= ? AND {WHEN} < ?
ORDER BY bm25(chunks_fts, 1.0, 0.4) LIMIT ?
"""
CHUNK_IDS_IN = f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {WHEN} >= ? AND {WHEN} < ?"
# Without snippet(): ranking candidates must stay cheap; snippets are for shown results.
KEYWORD_RANK = """
SELECT rowid, -bm25(chunks_fts, 1.0, 0.4) FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid >= ?
ORDER BY bm25(chunks_fts, 1.0, 0.4) LIMIT ?
"""
CHUNK_ROWS = """
SELECT c.id, c.article_id, a.title, c.text, c.start, c.end, a.url, c.embedding, a.date, a.site
FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({ids})
"""

ARTICLE_COLUMNS = """
a.id, a.title, a.source, a.url, a.date, a.author,
(SELECT COUNT(*) FROM chunks c WHERE c.article_id = a.id), length(a.text), a.added_at, a.site,
CASE WHEN a.date IS NULL THEN 'added' ELSE a.date_source END, a.feed_id
"""
LIST_ARTICLES = f"SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id LIMIT ? OFFSET ?"
# Newest first by date within a window (digests, "what's new", retention).
DATED_ARTICLES = f"""
SELECT {ARTICLE_COLUMNS} FROM articles a
WHERE ({WHEN} >= ? AND {WHEN} < ?) OR (? AND substr(a.added_at, 1, 10) >= ? AND substr(a.added_at, 1, 10) < ?)
ORDER BY {WHEN} DESC, a.id DESC LIMIT ?
"""
GET_ARTICLE = f"SELECT {ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.id = ?"
COUNT_ARTICLES = "SELECT COUNT(*) FROM articles"
COUNT_CHUNKS = "SELECT COUNT(*) FROM chunks"

INSERT_FEEDBACK = """
INSERT INTO feedback (question, answer, citations, helpful, user_key, created_at) VALUES (?, ?, ?, ?, ?, ?)
"""
ALL_FEEDBACK = "SELECT question, answer, citations, helpful, user_key, created_at FROM feedback ORDER BY id"

EXPORT_ARTICLE = """
SELECT title, source, source_key, url, date, author, text, content_hash, site, added_at, updated_at, date_source,
       feed_id
FROM articles WHERE id = ?
"""
EXPORT_CHUNKS = "SELECT idx, start, end, text, embedding FROM chunks WHERE article_id = ? ORDER BY idx"
IMPORT_ARTICLE = """
INSERT INTO articles (id, title, source, source_key, url, date, author, site, text, content_hash, added_at,
                      updated_at, date_source, feed_id)
VALUES (:id, :title, :source, :source_key, :url, :date, :author, :site, :text, :content_hash, :added_at, :updated_at,
        :date_source, :feed_id)
"""
