package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migration/*.sql
var migrationFS embed.FS

// BusyTimeout is how long a connection waits for a lock held by another process before failing
// with SQLITE_BUSY.
const BusyTimeout = 10 * time.Second

// MmapSize is how much of the database file each reader connection maps into memory.
const MmapSize = 1 << 30

// timeFormat is how times are stored: UTC, fixed width, so that text order is time order.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

// DB is a sitrep database. Set Now before Open to fix the clock in tests.
type DB struct {
	// DSN is a file path, a "file:" URI or ":memory:".
	DSN string
	// Now returns the current time; it stamps ingested_at and created_at columns.
	Now func() time.Time

	wdb *sql.DB // writer: one connection, transactions BEGIN IMMEDIATE
	rdb *sql.DB // readers: read-only connections (the writer itself for ":memory:")

	ctx    context.Context
	cancel context.CancelFunc
}

// NewDB returns a DB for the data source name dsn; call Open before use.
func NewDB(dsn string) *DB {
	db := &DB{DSN: dsn, Now: time.Now}
	db.ctx, db.cancel = context.WithCancel(context.Background())
	return db
}

// Open opens the database, creating the file and its folder when needed, and migrates it to the
// latest schema.
func (db *DB) Open() (err error) {
	if db.DSN == "" {
		return fmt.Errorf("sqlite: dsn required")
	}
	defer func() {
		if err != nil {
			db.closePools()
		}
	}()
	if db.DSN == ":memory:" {
		if db.wdb, err = sql.Open("sqlite", buildDSN("", true, false)); err != nil {
			return err
		}
		db.wdb.SetMaxOpenConns(1)
		db.wdb.SetMaxIdleConns(1)
		db.wdb.SetConnMaxLifetime(0)
		db.wdb.SetConnMaxIdleTime(0)
		db.rdb = db.wdb
	} else {
		path := strings.TrimPrefix(db.DSN, "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if dir := filepath.Dir(path); dir != "" && dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("sqlite: create folder: %w", err)
			}
		}
		if db.wdb, err = sql.Open("sqlite", buildDSN(db.DSN, true, false)); err != nil {
			return err
		}
		db.wdb.SetMaxOpenConns(1)
		db.wdb.SetMaxIdleConns(1)
		db.wdb.SetConnMaxIdleTime(0)
		// The writer connection switches the file to WAL before any reader connects.
		if err := db.wdb.PingContext(db.ctx); err != nil {
			return fmt.Errorf("sqlite: open %s: %w", db.DSN, err)
		}
		if db.rdb, err = sql.Open("sqlite", buildDSN(db.DSN, false, true)); err != nil {
			return err
		}
		n := max(4, runtime.GOMAXPROCS(0))
		db.rdb.SetMaxOpenConns(n)
		db.rdb.SetMaxIdleConns(n)
	}
	if err := db.wdb.PingContext(db.ctx); err != nil {
		return fmt.Errorf("sqlite: open %s: %w", db.DSN, err)
	}
	if err := db.migrate(db.ctx); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	if _, err := db.wdb.ExecContext(db.ctx, `PRAGMA optimize = 0x10002`); err != nil {
		return fmt.Errorf("sqlite: optimize: %w", err)
	}
	return nil
}

// buildDSN adds the connection settings to dsn (a path or file: URI; "" for a private
// in-memory database). The pragmas run on every new connection of the pool.
func buildDSN(dsn string, writer, readOnly bool) string {
	q := url.Values{}
	base := dsn
	if dsn == "" {
		base = ":memory:"
	} else if i := strings.IndexByte(dsn, '?'); i >= 0 {
		base = dsn[:i]
		if extra, err := url.ParseQuery(dsn[i+1:]); err == nil {
			q = extra
		}
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	if dsn != "" {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	if writer {
		q.Set("_txlock", "immediate")
		if dsn != "" {
			// Checkpoint the WAL every 16 MiB instead of 4 MiB: hot index pages are copied
			// back to the database file less often during a long ingest.
			q.Add("_pragma", "wal_autocheckpoint(4096)")
		}
	}
	// A 16 MiB page cache per reader connection and 64 MiB for the writer (the default is
	// 2 MiB): the writer's FTS5 segment merges and index inserts reread recent pages.
	if writer {
		q.Add("_pragma", "cache_size(-65536)")
	} else {
		q.Add("_pragma", "cache_size(-16384)")
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		// Readers map the file: pages are read from the OS cache without a copy. The writer
		// does not, so that a long ingest does not grow the process's resident set.
		q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", MmapSize))
	}
	return base + "?" + q.Encode()
}

// Close closes the database. It is safe to call on a DB that failed to open.
func (db *DB) Close() error {
	db.cancel()
	if db.wdb != nil {
		// Refresh the planner's statistics where they drifted (cheap; see SQLite's advice on
		// PRAGMA optimize for long-lived connections).
		_, _ = db.wdb.Exec(`PRAGMA optimize`)
	}
	return db.closePools()
}

func (db *DB) closePools() error {
	var errs []error
	if db.rdb != nil && db.rdb != db.wdb {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
	}
	db.rdb, db.wdb = nil, nil
	return errors.Join(errs...)
}

// migrate applies the embedded migrations that are not yet recorded, in name order.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// migrateFile applies one migration in its own transaction unless it is already recorded.
func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, formatTime(db.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Migrations returns the names of the applied migrations in order.
func (db *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := db.rdb.QueryContext(ctx, `SELECT name FROM migrations ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		names = append(names, s)
	}
	return names, rows.Err()
}

// Tx is a transaction with the time it started, taken from DB.Now.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

// BeginTx starts a transaction. A read-only transaction (opts.ReadOnly) runs on a reader
// connection and sees a consistent snapshot; any other starts with BEGIN IMMEDIATE on the single
// writer connection, so writers queue up in the process instead of failing with SQLITE_BUSY.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	if db.wdb == nil {
		return nil, fmt.Errorf("sqlite: database not open")
	}
	pool := db.wdb
	if opts != nil && opts.ReadOnly {
		pool = db.rdb
	}
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond)}, nil
}

// Now returns the time the transaction started.
func (tx *Tx) Now() time.Time { return tx.now }

// readOnly are the options of a read transaction.
var readOnly = &sql.TxOptions{ReadOnly: true}

// formatTime formats t for storage.
func formatTime(t time.Time) string {
	return t.UTC().Format(timeFormat)
}

// nullTime formats t for storage, NULL for nil.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// parseTime parses a stored time.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: bad stored time %q: %w", s, err)
	}
	return t, nil
}

// nullString returns s, or NULL when it is empty.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt returns n, or NULL when it is zero.
func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// limitOffset renders a LIMIT/OFFSET clause; limit <= 0 means no limit.
func limitOffset(limit, offset int) string {
	if limit <= 0 && offset <= 0 {
		return ""
	}
	if limit <= 0 {
		limit = -1
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// MergeSearchIndex does up to about pages pages of FTS5 segment merging (pages <= 0: merge
// everything into one segment, FTS5 'optimize', and reset the count SearchIndexGrowth keeps).
// Ingest merges lazily (automerge 16) to stay fast; a store that has taken many articles since
// its last optimize can call this when idle to make searches read fewer segments.
func (db *DB) MergeSearchIndex(ctx context.Context, pages int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if pages <= 0 {
		_, err = tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`)
		if err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('search_growth', 0)
				ON CONFLICT (key) DO UPDATE SET value = 0`)
		}
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', ?)`, pages)
	}
	if err != nil {
		return fmt.Errorf("sqlite: merge search index: %w", err)
	}
	return tx.Commit()
}

// SearchIndexGrowth adds n to the number of articles indexed since the full-text index was last
// optimized and returns the new number, with the number of articles stored.
func (db *DB) SearchIndexGrowth(ctx context.Context, n int) (since, total int, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `INSERT INTO meta (key, value) VALUES ('search_growth', ?)
		ON CONFLICT (key) DO UPDATE SET value = value + excluded.value RETURNING value`, n).Scan(&since)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: search index growth: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&total); err != nil {
		return 0, 0, fmt.Errorf("sqlite: count articles: %w", err)
	}
	return since, total, tx.Commit()
}
