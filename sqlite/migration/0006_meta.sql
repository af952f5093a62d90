-- Store-wide counters that belong to no other table: search_growth counts articles indexed for
-- full-text search since the index was last optimized (MergeSearchIndex with pages <= 0).
CREATE TABLE meta (
	key    TEXT PRIMARY KEY,
	value  INTEGER NOT NULL
) WITHOUT ROWID;
