-- The near-duplicate signature, beside the JSON body, so that the store-wide
-- near-duplicate index can be loaded without decoding every document.
ALTER TABLE documents ADD COLUMN fingerprint BLOB;
