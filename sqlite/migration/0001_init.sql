-- 0001_init: articles with their analysis, the index tables behind the API filters, full-text
-- search, tracking profiles and alerts, and imported knowledge-base lines.
--
-- Times are TEXT in UTC, formatted "2006-01-02T15:04:05.000000000Z" (fixed width, so text order is
-- time order). JSON columns hold the exact JSON of the root types.

-- seq is the stable integer row id that the full-text index refers to; id is the article's id.
-- facets holds the article's facet tokens (outlet, language, actors, event types, month; see
-- sqlite/facet.go), indexed by the full-text table so that filtered searches are one FTS query.
CREATE TABLE articles (
	seq           INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	url           TEXT NOT NULL DEFAULT '',
	outlet        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	author        TEXT NOT NULL DEFAULT '',
	published     TEXT,
	language      TEXT NOT NULL DEFAULT '',
	dateline      TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL DEFAULT '',
	raw           TEXT NOT NULL DEFAULT '',
	raw_format    TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	ingested_at   TEXT NOT NULL,
	analysis      TEXT NOT NULL DEFAULT '{}',
	story_id      INTEGER,
	storyline_id  INTEGER,
	duplicate_of  TEXT,
	similarity    REAL NOT NULL DEFAULT 0,
	facets        TEXT NOT NULL DEFAULT ''
);
-- articles_filter covers the columns the search filters read, so that checking a full-text
-- match against them reads this narrow index instead of the wide article row.
CREATE INDEX articles_filter ON articles (seq, outlet, language, published, story_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_language_published ON articles (language, published);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX articles_storyline ON articles (storyline_id) WHERE storyline_id IS NOT NULL;
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- One row per actor of an article (Article.Actors), for the actor filter. article_seq is
-- articles.seq: the filters test it against full-text matches and index scans without reading
-- the article row; article_id is kept for readers that know articles by id.
CREATE TABLE article_actors (
	article_seq  INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
	article_id   TEXT NOT NULL,
	actor_id     TEXT NOT NULL,
	code         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_seq, actor_id)
) WITHOUT ROWID;
CREATE INDEX article_actors_code ON article_actors (code, article_seq);
CREATE INDEX article_actors_actor ON article_actors (actor_id, article_seq);

-- One row per coded event of an article (Article.Events, idx is the position in that list).
-- cameo_root is the first two digits of cameo; a CAMEO code filter narrows on it, then on cameo.
-- Every index slows ingest: these are the ones the API filters and actor timelines use.
CREATE TABLE events (
	article_seq  INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
	article_id   TEXT NOT NULL,
	idx          INTEGER NOT NULL,
	cameo        TEXT NOT NULL DEFAULT '',
	cameo_root   TEXT NOT NULL DEFAULT '',
	plover       TEXT NOT NULL DEFAULT '',
	source_code  TEXT NOT NULL DEFAULT '',
	target_code  TEXT NOT NULL DEFAULT '',
	date         TEXT NOT NULL DEFAULT '',
	mode         TEXT NOT NULL DEFAULT '',
	goldstein    REAL NOT NULL DEFAULT 0,
	quad_class   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
CREATE INDEX events_plover ON events (plover, article_seq);
CREATE INDEX events_cameo_root ON events (cameo_root, article_seq);
CREATE INDEX events_source ON events (source_code, date);
CREATE INDEX events_target ON events (target_code, date);

-- Full-text index over title and text. External content: the text is stored once, in articles;
-- the index refers to articles.seq. The facets column is only for filters (weight 0 in ranking,
-- never searched by user words). Porter stemming on top of unicode61 with diacritics folded.
-- New articles are indexed by the store with one INSERT … SELECT per batch, in the transaction
-- that stores them (a per-row trigger would make FTS5 flush a segment for every article: FTS5
-- flushes at each statement savepoint). The triggers below keep the index in sync when a title
-- or text changes or an article is deleted.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title,
	text,
	facets,
	content = 'articles',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text, facets)
		VALUES ('delete', old.seq, old.title, old.text, old.facets);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, facets ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text, facets)
		VALUES ('delete', old.seq, old.title, old.text, old.facets);
	INSERT INTO articles_fts (rowid, title, text, facets) VALUES (new.seq, new.title, new.text, new.facets);
END;

-- Tracking profiles. actors and events are JSON arrays of strings.
CREATE TABLE profiles (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	actors      TEXT NOT NULL DEFAULT '[]',
	events      TEXT NOT NULL DEFAULT '[]',
	query       TEXT NOT NULL DEFAULT '',
	webhook     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX profiles_name ON profiles (name);

-- Alerts. The key names the development; UNIQUE (profile_id, key) makes it fire once per profile.
CREATE TABLE alerts (
	id            INTEGER PRIMARY KEY,
	profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	key           TEXT NOT NULL,
	story_id      INTEGER,
	storyline_id  INTEGER,
	article_id    TEXT,
	message       TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	UNIQUE (profile_id, key)
);
CREATE INDEX alerts_created ON alerts (created_at);
CREATE INDEX alerts_profile_created ON alerts (profile_id, created_at);

-- Imported actor-dictionary lines, one row per line, grouped by source (a file name or URL).
CREATE TABLE kb_entries (
	seq     INTEGER PRIMARY KEY,
	source  TEXT NOT NULL,
	line    TEXT NOT NULL
);
CREATE INDEX kb_entries_source ON kb_entries (source, seq);
