-- Documents are stored as one JSON body each: the per-article work (cleaning,
-- segmentation) is done once and always read back whole, so normalising
-- sentences and tokens into tables would only cost joins. The other columns
-- are copies of body fields that lookups and future queries need.
CREATE TABLE documents (
    -- seq gives insertion order; as the rowid alias it makes ordered scans
    -- cheap, and AUTOINCREMENT never reuses a value.
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    url          TEXT    UNIQUE, -- NULL when the document has no URL
    content_hash TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    published    TEXT,           -- RFC 3339 UTC, fixed width; NULL when unknown
    language     TEXT    NOT NULL,
    body         TEXT    NOT NULL, -- JSON of article.Document; the id column wins over body's
    inserted_at  TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- URL-less documents are identified by their content.
CREATE UNIQUE INDEX documents_content_hash_without_url ON documents (content_hash) WHERE url IS NULL;

CREATE TABLE story_members (
    doc_id      TEXT NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL,
    assigned_at TEXT NOT NULL
);

CREATE INDEX story_members_story ON story_members (story_id);
