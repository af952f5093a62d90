package sqlite_test

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
)

// TestStoryService_Size clusters 3,000 articles made by recombining the seeds' sentences (with
// dates spread over a year), flushes them in batches of 100, and reports the database bytes per
// stored article and the time to rebuild the clusterer from the store. Run with -v to see them.
func TestStoryService_Size(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	var sents []string
	for _, s := range seedtest.Seeds(t) {
		for _, line := range strings.Split(s.Raw, "\n") {
			for _, x := range strings.SplitAfter(line, ". ") {
				if len(strings.Fields(x)) > 6 {
					sents = append(sents, x)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	dsn := filepath.Join(t.TempDir(), "size.db")
	db := MustOpenDB(t, dsn)
	svc := sqlite.NewStoryService(db)
	c := story.New(svc, story.DefaultOptions())
	if err := c.Open(ctx); err != nil {
		t.Fatal(err)
	}
	const n = 3000
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := 0; k < 12; k++ {
			b.WriteString(sents[rng.Intn(len(sents))])
			b.WriteByte('\n')
		}
		pub := day.Add(time.Duration(rng.Intn(365*24)) * time.Hour)
		a := &sitrep.Article{ID: fmt.Sprint("g", i), Text: b.String(), Published: &pub, Outlet: fmt.Sprint("o", i%20)}
		if _, err := c.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
		if i%100 == 99 {
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	arts, stories := c.Len()
	var pages, size int64
	if err := db.QueryRowForTest(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowForTest(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	var feat int64
	if err := db.QueryRowForTest(ctx, "SELECT SUM(length(features)) FROM story_articles").Scan(&feat); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	c2 := story.New(svc, story.DefaultOptions())
	if err := c2.Open(ctx); err != nil {
		t.Fatal(err)
	}
	arts2, stories2 := c2.Len()
	if arts2 != arts || stories2 != stories {
		t.Fatalf("rebuilt %d articles / %d stories, want %d / %d", arts2, stories2, arts, stories)
	}
	t.Logf("%d articles, %d stories: database %d bytes/article (features %d bytes/article); rebuild %.0f articles/s",
		arts, stories, pages*size/int64(arts), feat/int64(arts), float64(arts)/time.Since(t0).Seconds())
}
