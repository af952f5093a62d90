-- Stories, storylines and the story clusterer's state (package story). The clusterer rebuilds its
-- in-memory indexes from story_articles (features, assignment, ingest order) on open; stories and
-- storylines hold the summaries that readers serve, as JSON in data, with the filterable fields
-- in columns. articles.story_id / storyline_id / duplicate_of / similarity mirror story_articles.

CREATE TABLE stories (
	id            INTEGER PRIMARY KEY,
	storyline_id  INTEGER NOT NULL,
	title         TEXT NOT NULL DEFAULT '',
	first_seen    TEXT,
	last_seen     TEXT,
	sources       INTEGER NOT NULL DEFAULT 0,
	origins       INTEGER NOT NULL DEFAULT 0,
	data          TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX stories_storyline ON stories (storyline_id);
CREATE INDEX stories_last_seen ON stories (last_seen);

-- Key actors of each story, for filtering by actor.
CREATE TABLE story_actors (
	story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	actor     TEXT NOT NULL,
	PRIMARY KEY (actor, story_id)
);
CREATE INDEX story_actors_story ON story_actors (story_id);

CREATE TABLE storylines (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL DEFAULT '',
	first_seen  TEXT,
	last_seen   TEXT,
	data        TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX storylines_last_seen ON storylines (last_seen);

-- Why each story is in its storyline.
CREATE TABLE story_links (
	story_id      INTEGER PRIMARY KEY,
	storyline_id  INTEGER NOT NULL,
	reason        TEXT NOT NULL,
	score         REAL NOT NULL DEFAULT 0
);
CREATE INDEX story_links_storyline ON story_links (storyline_id);

-- The clusterer's per-article state. features is an opaque encoding owned by package story.
CREATE TABLE story_articles (
	article_id    TEXT PRIMARY KEY,
	story_id      INTEGER NOT NULL,
	storyline_id  INTEGER NOT NULL,
	seq           INTEGER NOT NULL,
	duplicate_of  TEXT,
	similarity    REAL NOT NULL DEFAULT 0,
	features      BLOB NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, seq);
CREATE INDEX story_articles_seq ON story_articles (seq);

-- Counters: next_story_id, next_storyline_id (ids are never reused).
CREATE TABLE story_meta (
	key    TEXT PRIMARY KEY,
	value  INTEGER NOT NULL
);
