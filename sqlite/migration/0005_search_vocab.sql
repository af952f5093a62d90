-- 0005_search_vocab: the vocabulary of the full-text index, one row per indexed term (after
-- stemming), so that a prefix query can be expanded to the terms it stands for. FTS5 answers a
-- prefix query without a prefix index by merging the posting lists of every term with the prefix
-- into a temporary list, once per statement; a search runs several statements over the same
-- query, and an OR of the few matching terms is several times cheaper. A fts5vocab table holds no
-- data of its own: it reads the index.
CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab(articles_fts, row);
