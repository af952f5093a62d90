package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
)

// TestStoryService_Persist clusters the seeds with the state in SQLite, reopens the database and
// checks that a new clusterer rebuilt from it keeps the grouping, ids and links, and keeps
// clustering correctly.
func TestStoryService_Persist(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "sitrep.db")
	seeds := seedtest.Seeds(t)
	var arts []*sitrep.Article
	for _, s := range seeds {
		pub := s.Published
		arts = append(arts, &sitrep.Article{ID: s.Name[:3], Text: s.Raw, Published: &pub, Outlet: "outlet-" + s.Name[:3]})
	}

	db := sqlite.NewDB(dsn)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	svc := sqlite.NewStoryService(db)
	c := story.New(svc, story.DefaultOptions())
	if err := c.Open(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts[:4] { // 004 arrives after the restart
		if _, err := c.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, a := range arts[:4] {
		want[a.ID] = c.StoryOf(a.ID)
	}
	stories, n, err := svc.FindStories(ctx, sitrep.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n, 4; got != want || len(stories) != want {
		t.Fatalf("stories=%d (%d rows), want %d", got, len(stories), want)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = MustOpenDB(t, dsn)
	svc = sqlite.NewStoryService(db)
	c = story.New(svc, story.DefaultOptions())
	if err := c.Open(ctx); err != nil {
		t.Fatal(err)
	}
	for id, sid := range want {
		if got := c.StoryOf(id); got != sid {
			t.Fatalf("after reopen, story of %s=%d, want %d", id, got, sid)
		}
	}
	asg, err := c.Add(ctx, arts[4])
	if err != nil {
		t.Fatal(err)
	}
	if got, want := asg.StoryID, want["000"]; got != want {
		t.Fatalf("004 after reopen joined story %d, want %d (%s)", got, want, asg.Reason)
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := svc.FindStoryByID(ctx, asg.StoryID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(st.ArticleIDs), 2; got != want {
		t.Fatalf("articles of story=%d, want %d", got, want)
	}
	if got, want := st.Sources, 2; got != want {
		t.Fatalf("sources=%d, want %d", got, want)
	}
	lines, _, err := svc.FindStorylines(ctx, sitrep.StorylineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(lines), 1; got != want {
		t.Fatalf("storylines=%d, want %d", got, want)
	}
	if got, want := len(lines[0].Links), 4; got != want {
		t.Fatalf("links=%d, want %d: %+v", got, want, lines[0].Links)
	}

	// Split and merge back: the id survives both ways and the store follows.
	kept, split, err := c.Split(ctx, asg.StoryID, []string{"004"})
	if err != nil {
		t.Fatal(err)
	}
	if kept.ID != asg.StoryID || split.ID == asg.StoryID {
		t.Fatalf("split kept %d and made %d, want the id %d kept", kept.ID, split.ID, asg.StoryID)
	}
	merged, err := c.Merge(ctx, split.ID, kept.ID)
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != asg.StoryID {
		t.Fatalf("merge kept %d, want the older id %d", merged.ID, asg.StoryID)
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FindStoryByID(ctx, split.ID); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Fatalf("merged-away story still stored: %v", err)
	}
	actor := "Iran"
	if _, n, err := svc.FindStories(ctx, sitrep.StoryFilter{Actor: &actor}); err != nil || n == 0 {
		t.Fatalf("stories with actor Iran=%d, err=%v", n, err)
	}
}
