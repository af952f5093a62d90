-- The copy-detection index (package dedup), persisted so that opening a store does not re-read
-- every article's text: one row per article the index has seen, in the order it saw them.
-- sig is the MinHash signature (little-endian uint32 values; NULL when the text was too short to
-- be indexed); scheme identifies how it was computed (dedup.Index.Scheme): rows of another
-- scheme are recomputed from the text. origin is the earliest article of the copy group, NULL
-- when the article is its own origin.
CREATE TABLE dedup_docs (
	article_id  TEXT PRIMARY KEY,
	seq         INTEGER NOT NULL,
	published   TEXT,
	size        INTEGER NOT NULL DEFAULT 0,
	sig         BLOB,
	origin      TEXT,
	scheme      INTEGER NOT NULL
);
CREATE INDEX dedup_docs_seq ON dedup_docs (seq);
