-- Stories the clusterer split from each other. A split is remembered so
-- that no later report merges the two again, also after a restart: the
-- clusterer's own state is rebuilt from the store.
CREATE TABLE story_splits (
    from_story TEXT NOT NULL,
    to_story   TEXT NOT NULL,
    PRIMARY KEY (from_story, to_story)
);
