-- A URL-less document read again from the same input under the same id is
-- the same article, edited (or cleaned by a newer corroborate): it replaces
-- the earlier version instead of being stored beside it.
ALTER TABLE documents ADD COLUMN input TEXT;

CREATE INDEX documents_input_without_url ON documents (input) WHERE url IS NULL;
