package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
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

func TestSearchService_Timeout(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, ":memory:")
	if _, err := sqlite.NewArticleService(db).CreateArticles(ctx, storetest.WrittenArticles()); err != nil {
		t.Fatal(err)
	}
	s := sqlite.NewSearchService(db)
	if _, n, err := s.Search(ctx, sitrep.SearchQuery{Query: "harbour"}); err != nil || n != 1 {
		t.Fatalf("n=%d %v", n, err)
	}
	s.Timeout = time.Nanosecond
	_, _, err := s.Search(ctx, sitrep.SearchQuery{Query: "harbour"})
	if got, want := sitrep.ErrorCode(err), sitrep.EINVALID; got != want {
		t.Fatalf("code=%q (%v), want %q", got, err, want)
	}
	// The caller's own cancellation is reported as such, not as a bad query.
	s.Timeout = time.Minute
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := s.Search(cctx, sitrep.SearchQuery{Query: "harbour"}); sitrep.ErrorCode(err) == sitrep.EINVALID {
		t.Fatalf("cancelled search: %v", err)
	}
}

func TestArticleService_EachArticle(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, ":memory:")
	s := sqlite.NewArticleService(db)
	as := storetest.WrittenArticles()
	if _, err := s.CreateArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := s.EachArticle(ctx, sitrep.ArticleFilter{}, func(a *sitrep.Article) error {
		if a.Raw != as[len(got)].Raw || len(a.Events) != len(as[len(got)].Events) {
			t.Fatalf("article %s not fully loaded", a.ID)
		}
		got = append(got, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(as))
	for i, a := range as {
		want[i] = a.ID
	}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want ingestion order %v", got, want)
	}
	// A filter and a query narrow it; an error from fn stops it.
	got = got[:0]
	lang := "en"
	if err := s.EachArticle(ctx, sitrep.ArticleFilter{Language: &lang, Query: "said"}, func(a *sitrep.Article) error {
		got = append(got, a.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || slices.Contains(got, "w-cosecha") {
		t.Fatalf("filtered: %v", got)
	}
	stop := sitrep.Errorf(sitrep.ECONFLICT, "stop")
	n := 0
	if err := s.EachArticle(ctx, sitrep.ArticleFilter{}, func(*sitrep.Article) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("err=%v after %d calls", err, n)
	}
}

func TestDB_MergeSearchIndex(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, filepath.Join(t.TempDir(), "m.db"))
	as := storetest.Corpus(600, nil, 3, "m")
	s := sqlite.NewArticleService(db)
	for i := 0; i < len(as); i += 50 { // many small batches: many segments
		if _, err := s.CreateArticles(ctx, as[i:i+50]); err != nil {
			t.Fatal(err)
		}
	}
	search := sqlite.NewSearchService(db)
	before, n, err := search.Search(ctx, sitrep.SearchQuery{Query: "harbour", Limit: 50})
	if err != nil || n == 0 {
		t.Fatalf("n=%d %v", n, err)
	}
	if since, total, err := db.SearchIndexGrowth(ctx, 600); err != nil || since != 600 || total != 600 {
		t.Fatalf("growth: since=%d total=%d %v", since, total, err)
	}
	for _, pages := range []int{100, 0} {
		if err := db.MergeSearchIndex(ctx, pages); err != nil {
			t.Fatal(err)
		}
		after, m, err := search.Search(ctx, sitrep.SearchQuery{Query: "harbour", Limit: 50})
		if err != nil || m != n || len(after) != len(before) {
			t.Fatalf("after merge(%d): n=%d, want %d (%v)", pages, m, n, err)
		}
		// a partial merge keeps the count; the full one resets it
		want := 600 + 5
		if pages == 0 {
			want = 5
		}
		if since, _, err := db.SearchIndexGrowth(ctx, 5); err != nil || since != want {
			t.Fatalf("after merge(%d): since=%d, want %d (%v)", pages, since, want, err)
		}
		if pages != 0 {
			db.SearchIndexGrowth(ctx, -5)
		}
	}
}
