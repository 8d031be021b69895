-- What serving needs: the clusterer's per-document state, story listings,
-- stored analyses and full-text search.

-- The story clusterer's term profile, beside the JSON body like the
-- fingerprint, so that its state can be rebuilt at start-up without decoding
-- every document. Rows stored before this migration have none (NULL): their
-- bodies predate the field, so there is nothing to copy.
ALTER TABLE documents ADD COLUMN cluster_features BLOB;

-- One row per story the listing shows, written whole by the pipeline after
-- each analysis. A story merged into another keeps a row with only
-- merged_into set, so that links to it can be redirected; merge chains are
-- flattened when written (merged_into always names a live story), so a
-- redirect is one lookup.
CREATE TABLE stories (
    id          TEXT    NOT NULL PRIMARY KEY,
    title       TEXT    NOT NULL DEFAULT '',
    articles    INTEGER NOT NULL DEFAULT 0,
    origins     INTEGER NOT NULL DEFAULT 0,
    created     TEXT,    -- RFC 3339 UTC, fixed width (sorts as text); NULL when unknown
    updated     TEXT,    -- likewise
    merged_into TEXT     -- NULL while the story is live
);

-- The listing: live stories, most recently updated first, ties by id. Partial,
-- so merged stories cost the index nothing; NULL updated sorts last under DESC.
CREATE INDEX stories_live_by_updated ON stories (updated DESC, id) WHERE merged_into IS NULL;

-- The last analysis of each story, as JSON without its documents (only their
-- ids): the documents are already stored, and reading them back from the
-- documents table keeps one copy of each and follows their updates.
CREATE TABLE analyses (
    story_id TEXT NOT NULL PRIMARY KEY,
    body     TEXT NOT NULL
);

-- Full-text index over documents' title and cleaned text, keyed by
-- documents.seq. It keeps its own copy of the text rather than pointing at
-- documents (external content), because the text lives inside the JSON body,
-- and snippet() needs the text at hand. remove_diacritics 2 folds "Zürich"
-- and "Zurich" (and letters with several marks) together. The 2- and
-- 3-character prefix indexes make a short prefix query ("ren*") one doclist
-- read instead of a merge of every word it starts (25x faster on 20,000
-- documents, for about a quarter more index).
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- A title match weighs more than one in the body; set here once so that
-- queries can ORDER BY rank, which FTS5 evaluates efficiently.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

-- Existing documents. \x02 and \x03 are the snippet markers Search looks for,
-- so they are blanked in the indexed copy (PutDocument does the same).
INSERT INTO documents_fts (rowid, title, text)
SELECT seq,
       replace(replace(title, char(2), ' '), char(3), ' '),
       replace(replace(coalesce(json_extract(body, '$.text'), ''), char(2), ' '), char(3), ' ')
FROM documents;
