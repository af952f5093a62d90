package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

// MustOpenDB opens a database at dsn and closes it when the test ends.
func MustOpenDB(tb testing.TB, dsn string) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(dsn)
	if err := db.Open(); err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return db
}

// store wraps db's services for the conformance suite.
func store(tb testing.TB, db *sqlite.DB) *storetest.Store {
	s := &storetest.Store{
		Articles: sqlite.NewArticleService(db),
		Search:   sqlite.NewSearchService(db),
		Profiles: sqlite.NewProfileService(db),
		Alerts:   sqlite.NewAlertService(db),
		SetNow:   func(now func() time.Time) { db.Now = now },
	}
	if db.DSN != ":memory:" {
		s.Reopen = func(tb testing.TB) *storetest.Store {
			tb.Helper()
			now := db.Now
			if err := db.Close(); err != nil {
				tb.Fatalf("close: %v", err)
			}
			db2 := MustOpenDB(tb, db.DSN)
			db2.Now = now
			return store(tb, db2)
		}
	}
	return s
}

func TestConformance(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		storetest.Run(t, func(tb testing.TB) *storetest.Store {
			return store(tb, MustOpenDB(tb, ":memory:"))
		})
	})
	t.Run("File", func(t *testing.T) {
		storetest.Run(t, func(tb testing.TB) *storetest.Store {
			return store(tb, MustOpenDB(tb, filepath.Join(tb.TempDir(), "sub", "sitrep.db")))
		})
	})
}

func TestDB_Migrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db := MustOpenDB(t, path)
	names, err := db.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 || names[0] != "migration/0001_init.sql" || !slices.IsSorted(names) {
		t.Fatalf("migrations=%v", names)
	}
	// Opening again applies nothing twice (a second run of 0001 would fail on CREATE TABLE).
	db2 := sqlite.NewDB(path)
	if err := db2.Open(); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db2.Close()
	again, err := db2.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again, names) {
		t.Fatalf("after reopen migrations=%v, want %v", again, names)
	}
}

func TestDB_Pragmas(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, filepath.Join(t.TempDir(), "p.db"))
	for _, readOnly := range []bool{false, true} {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var fk, sync, busy, mmap int
		if err := tx.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		tx.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk)
		tx.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync)
		tx.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&busy)
		tx.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&mmap)
		if mode != "wal" || fk != 1 || sync != 1 || busy < 1000 || (readOnly && mmap == 0) {
			t.Fatalf("readOnly=%v: journal_mode=%s foreign_keys=%d synchronous=%d busy_timeout=%d mmap_size=%d",
				readOnly, mode, fk, sync, busy, mmap)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO kb_entries (source, line) VALUES ('x', 'y')`)
		tx.Rollback()
		// Reader connections refuse writes.
		if readOnly && err == nil {
			t.Fatal("write through a read-only transaction succeeded")
		} else if !readOnly && err != nil {
			t.Fatalf("write: %v", err)
		}
	}
}

func TestKBService(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, ":memory:")
	kb := sqlite.NewKBService(db)
	lines := []string{"# user additions", "Yoav Gallant | person | ISRGOV | defense minister 2022-12-29..2024-11-05"}
	if err := kb.ReplaceKBEntries(ctx, "user.txt", lines); err != nil {
		t.Fatal(err)
	}
	if err := kb.ReplaceKBEntries(ctx, "other.txt", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	got, err := kb.KBEntries(ctx, "user.txt")
	if err != nil || !slices.Equal(got, lines) {
		t.Fatalf("entries=%v %v", got, err)
	}
	// Replacing a source drops its old lines only.
	if err := kb.ReplaceKBEntries(ctx, "user.txt", lines[1:]); err != nil {
		t.Fatal(err)
	}
	srcs, err := kb.KBSources(ctx)
	if err != nil || srcs["user.txt"] != 1 || srcs["other.txt"] != 1 {
		t.Fatalf("sources=%v %v", srcs, err)
	}
}
