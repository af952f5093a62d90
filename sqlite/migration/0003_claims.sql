-- Claims across articles: one row per claim, one per report of it, and the inverted index of
-- claim terms used to find candidate claims for a new report. Also the tracker's per-storyline
-- memory (opaque JSON owned by package track).
CREATE TABLE claims (
	id             INTEGER PRIMARY KEY,
	key            TEXT NOT NULL,
	speaker        TEXT NOT NULL DEFAULT '{}',
	speaker_key    TEXT NOT NULL DEFAULT '',
	content        TEXT NOT NULL,
	status         TEXT NOT NULL,
	status_report  INTEGER NOT NULL DEFAULT 0,
	first_seen     TEXT NOT NULL,
	last_seen      TEXT NOT NULL,
	report_count   INTEGER NOT NULL DEFAULT 0,
	outlets        TEXT NOT NULL DEFAULT '[]',
	terms          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX claims_last_seen ON claims (last_seen);
CREATE INDEX claims_status ON claims (status, last_seen);
CREATE INDEX claims_key ON claims (key);

CREATE TABLE claim_reports (
	id            INTEGER PRIMARY KEY,
	claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	article_id    TEXT NOT NULL,
	outlet        TEXT NOT NULL DEFAULT '',
	story_id      INTEGER,
	storyline_id  INTEGER,
	claim_key     TEXT NOT NULL DEFAULT '',
	quote_index   INTEGER NOT NULL DEFAULT 0,
	speaker       TEXT NOT NULL DEFAULT '{}',
	content       TEXT NOT NULL DEFAULT '',
	sentence      TEXT NOT NULL DEFAULT '',
	start         INTEGER NOT NULL DEFAULT 0,
	end           INTEGER NOT NULL DEFAULT 0,
	cue           TEXT NOT NULL DEFAULT '',
	stance        TEXT NOT NULL DEFAULT '',
	hedge         TEXT NOT NULL DEFAULT '',
	similarity    REAL NOT NULL DEFAULT 0,
	effect        TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',
	published     TEXT,
	created_at    TEXT NOT NULL,
	UNIQUE (article_id, claim_key, quote_index)
);
CREATE INDEX claim_reports_claim ON claim_reports (claim_id, id);
CREATE INDEX claim_reports_article ON claim_reports (article_id);
CREATE INDEX claim_reports_storyline ON claim_reports (storyline_id);

-- claim_terms is the inverted index: one row per (term, claim).
CREATE TABLE claim_terms (
	term      TEXT NOT NULL,
	claim_id  INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_terms_claim ON claim_terms (claim_id);

CREATE TABLE track_state (
	storyline_id  INTEGER PRIMARY KEY,
	state         BLOB NOT NULL,
	updated_at    TEXT NOT NULL
);
