package story_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
)

// savingStore is the sqlite story store, recording the bytes of the JSON each saved story row
// holds (the same encoding sqlite.StoryService writes: the story without its article list).
type savingStore struct {
	*sqlite.StoryService
	rowBytes map[int64]int // last saved size per story id
	saved    int64         // story row bytes written in all
}

func (s *savingStore) SaveClusterChanges(ctx context.Context, ch *sitrep.ClusterChanges) error {
	for _, st := range ch.Stories {
		data := *st
		data.ArticleIDs, data.Articles = nil, nil
		b, err := json.Marshal(&data)
		if err != nil {
			return err
		}
		s.rowBytes[st.ID] = len(b)
		s.saved += int64(len(b))
	}
	return s.StoryService.SaveClusterChanges(ctx, ch)
}

// bigOrigins are the texts a feed republishes (written for these tests), with the events the
// event stage would code in them.
var bigOrigins = []struct {
	text   string
	events []sitrep.Event
}{
	{reports[0].Text, []sitrep.Event{
		{Source: sitrep.EventActor{Code: "VLMGOV", Text: "harbour authority"}, Target: sitrep.EventActor{Code: "VLMBUS", Text: "terminal"}, PLOVER: "RESTRICT", CAMEO: "192", Goldstein: -4, QuadClass: 3, Mode: sitrep.ModeAsserted, Date: "2025-03-04"},
		{Source: sitrep.EventActor{Code: "VLMBUS", Text: "crane"}, Target: sitrep.EventActor{Code: "VLMLAB", Text: "dock workers"}, PLOVER: "ACCIDENT", CAMEO: "20", Goldstein: -2, QuadClass: 4, Mode: sitrep.ModeAsserted, Date: "2025-03-04"},
	}},
	{reports[1].Text, []sitrep.Event{
		{Source: sitrep.EventActor{Code: "VLMBUS", Text: "crane"}, Target: sitrep.EventActor{Code: "VLMLAB", Text: "dock workers"}, PLOVER: "ACCIDENT", CAMEO: "20", Goldstein: -2, QuadClass: 4, Mode: sitrep.ModeAsserted, Date: "2025-03-04"},
		{Source: sitrep.EventActor{Code: "VLMGOV", Text: "ministry"}, Target: sitrep.EventActor{Code: "VLMBUS", Text: "crane"}, PLOVER: "INVESTIGATE", CAMEO: "09", Goldstein: -2, QuadClass: 2, Mode: sitrep.ModeReported},
	}},
}

// bigArticle returns the i-th article of a feed that republishes the origins: articles 0 and 1
// are the origins, every later one a copy of one of them from one of 37 outlets, a minute apart.
func bigArticle(i int) *sitrep.Article {
	o := i % len(bigOrigins)
	pub := time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	a := &sitrep.Article{
		ID:        fmt.Sprintf("feed-%06d", i),
		Outlet:    fmt.Sprintf("outlet%02d", i%37),
		Published: &pub,
		Title:     reports[o].Title,
		Text:      bigOrigins[o].text,
		Events:    bigOrigins[o].events,
	}
	if i >= len(bigOrigins) {
		a.DuplicateOf, a.Similarity = fmt.Sprintf("feed-%06d", o), 0.97
	}
	return a
}

// bigStoryN is how many copies TestBigStory adds (SITREP_BIGSTORY_N overrides).
func bigStoryN(t *testing.T) int {
	if v := os.Getenv("SITREP_BIGSTORY_N"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 300 {
			t.Fatalf("SITREP_BIGSTORY_N=%q: want a number ≥ 300", v)
		}
		return n
	}
	if testing.Short() {
		return 1500
	}
	return 6000
}

// TestBigStory adds thousands of copies of two texts to one story through the clusterer with
// the sqlite store, flushing every 256 articles as sitrep's ingest does, and reports (-v) the
// time per added copy and the bytes of the story row at each save as the story grows.
func TestBigStory(t *testing.T) {
	ctx := context.Background()
	n := bigStoryN(t)
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "big.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := &savingStore{StoryService: sqlite.NewStoryService(db), rowBytes: map[int64]int{}}
	c := story.New(st, story.DefaultOptions())
	if err := c.Open(ctx); err != nil {
		t.Fatal(err)
	}
	const batch = 256
	var storyID int64
	var cpu0 time.Duration
	t0 := time.Now()
	var firstRow, firstBatch, lastBatch float64
	for i := 0; i < n; i++ {
		asg, err := c.Add(ctx, bigArticle(i))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			storyID = asg.StoryID
		} else if asg.StoryID != storyID {
			t.Fatalf("article %d joined story %d, want %d (%s)", i, asg.StoryID, storyID, asg.Reason)
		}
		if i%batch == batch-1 || i == n-1 {
			f0 := time.Now()
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			flush := time.Since(f0)
			el := time.Since(t0)
			per := float64(el-cpu0) / float64(batch) / 1e3
			cpu0 = el
			row := st.rowBytes[storyID]
			if i == batch-1 {
				firstRow, firstBatch = float64(row), per
			}
			lastBatch = per
			if k := (i + 1) / batch; k&(k-1) == 0 || i == n-1 {
				t.Logf("%6d articles: %7.1f µs per added copy in this batch (Flush %6.2f ms); story row %7d bytes", i+1, per, flush.Seconds()*1e3, row)
			}
		}
	}
	total := time.Since(t0)
	// The stored row is bounded; the article list comes from the membership table.
	if last := float64(st.rowBytes[storyID]); last > firstRow*1.05 {
		t.Errorf("story row %0.f bytes after %d articles, %0.f after %d: it grows with the story", last, n, firstRow, batch)
	}
	got, err := st.FindStoryByID(ctx, storyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ArticleIDs) != n || got.ArticleIDs[0] != bigArticle(0).ID || got.ArticleIDs[n-1] != bigArticle(n-1).ID || got.Sources != n {
		t.Errorf("stored story lists %d articles (sources %d), want %d", len(got.ArticleIDs), got.Sources, n)
	}
	t.Logf("%d articles in %.2f s (%.0f articles/s wall, box shared); story row bytes written in all: %d (first save %0.f, last %d); µs per copy first batch %.1f, last %.1f",
		n, total.Seconds(), float64(n)/total.Seconds(), st.saved, firstRow, st.rowBytes[storyID], firstBatch, lastBatch)
	// Reading the story back, as `sitrep story show` and /api/v1/stories/{id} do.
	r0 := time.Now()
	const reads = 20
	var served int
	for range reads {
		got, err := st.FindStoryByID(ctx, storyID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(got)
		served = len(b)
	}
	t.Logf("FindStoryByID + JSON: %.2f ms per read, %d bytes (%d article ids)", time.Since(r0).Seconds()*1e3/reads, served, n)
}

// BenchmarkBigStory measures adding copies to a story that already holds held articles (copies
// of two texts), flushing every 256 as sitrep's ingest does, with the sqlite store. The cost per
// added copy must not grow with held.
func BenchmarkBigStory(b *testing.B) {
	for _, held := range []int{1000, 16000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			ctx := context.Background()
			db := sqlite.NewDB(filepath.Join(b.TempDir(), "big.db"))
			if err := db.Open(); err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			c := story.New(sqlite.NewStoryService(db), story.DefaultOptions())
			if err := c.Open(ctx); err != nil {
				b.Fatal(err)
			}
			arts := make([]*sitrep.Article, 0, held+b.N)
			for i := 0; i < held+b.N; i++ {
				arts = append(arts, bigArticle(i))
			}
			for i := 0; i < held; i++ {
				if _, err := c.Add(ctx, arts[i]); err != nil {
					b.Fatal(err)
				}
				if i%256 == 255 {
					if err := c.Flush(ctx); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := c.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Add(ctx, arts[held+i]); err != nil {
					b.Fatal(err)
				}
				if i%256 == 255 || i == b.N-1 {
					if err := c.Flush(ctx); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// reportKey is the grouping key of key events, as the test computes it.
func reportKey(e sitrep.Event) string {
	return e.Source.Code + "|" + e.PLOVER + "|" + e.Target.Code + "|" + e.Date
}

// naiveReport is what the articles say about one happening, counted naively.
type naiveReport struct {
	arts     []string
	outlets  []string
	mentions int
}

func naiveReports(arts []*sitrep.Article) map[string]*naiveReport {
	wants := map[string]*naiveReport{}
	for _, a := range arts {
		for _, e := range a.Events {
			w := wants[reportKey(e)]
			if w == nil {
				w = &naiveReport{}
				wants[reportKey(e)] = w
			}
			w.mentions++
			if len(w.arts) == 0 || w.arts[len(w.arts)-1] != a.ID {
				w.arts = append(w.arts, a.ID)
				if !slices.Contains(w.outlets, a.Outlet) {
					w.outlets = append(w.outlets, a.Outlet)
				}
			}
		}
	}
	return wants
}

// checkView checks story v, made of arts (added in this order), against what they say: exact
// counts, the oldest 100 reporting articles per key event (all of them with no total when
// there are no more), outlets in order of first report, every article id in ingest order.
func checkView(t *testing.T, v *sitrep.Story, arts []*sitrep.Article) {
	t.Helper()
	n := len(arts)
	if v.Sources != n || v.Origins != len(bigOrigins) || len(v.ArticleIDs) != n {
		t.Fatalf("sources %d, origins %d, %d article ids; want %d, %d, %d", v.Sources, v.Origins, len(v.ArticleIDs), n, len(bigOrigins), n)
	}
	for i, a := range v.ArticleIDs {
		if a != arts[i].ID {
			t.Fatalf("article id %d is %s, want %s (ingest order)", i, a, arts[i].ID)
		}
	}
	if k := min(n, 37); len(v.Outlets) != k || v.Outlets[0] != "outlet00" || v.Outlets[k-1] != fmt.Sprintf("outlet%02d", k-1) {
		t.Errorf("outlets %v, want outlet00..outlet%02d", v.Outlets, k-1)
	}
	if !v.FirstSeen.Equal(*arts[0].Published) || !v.LastSeen.Equal(*arts[n-1].Published) {
		t.Errorf("seen %v..%v, want %v..%v", v.FirstSeen, v.LastSeen, *arts[0].Published, *arts[n-1].Published)
	}
	if v.Title != reports[0].Title && v.Title != reports[1].Title {
		t.Errorf("title %q is not an origin's", v.Title)
	}
	wants := naiveReports(arts)
	if len(v.KeyEvents) != len(wants) || len(v.KeyEventReports) != len(wants) {
		t.Fatalf("%d key events, %d reports; want %d", len(v.KeyEvents), len(v.KeyEventReports), len(wants))
	}
	for i, e := range v.KeyEvents {
		r, w := v.KeyEventReports[i], wants[reportKey(e)]
		if w == nil {
			t.Fatalf("key event %s reported by no article", reportKey(e))
		}
		if i > 0 && len(wants[reportKey(v.KeyEvents[i-1])].arts) < len(w.arts) {
			t.Errorf("key event %d (%s) is reported more than the one before it", i, reportKey(e))
		}
		listed, total := w.arts[:min(len(w.arts), 100)], len(w.arts)
		if total <= 100 {
			total = 0
		}
		if r.ArticlesTotal != total || !slices.Equal(r.Articles, listed) {
			t.Errorf("%s: %d articles listed (total %d), want %d of %d", reportKey(e), len(r.Articles), r.ArticlesTotal, len(listed), len(w.arts))
		}
		if r.Mentions != w.mentions || !slices.Equal(r.Outlets, w.outlets) {
			t.Errorf("%s: mentions %d, outlets %v; want %d, %v", reportKey(e), r.Mentions, r.Outlets, w.mentions, w.outlets)
		}
	}
}

// TestBigStoryView checks the summary and timeline of a story of copies at 60 articles (every
// list complete) and at 1,500 (lists capped, totals exact), and that the summary stops growing.
func TestBigStoryView(t *testing.T) {
	ctx := context.Background()
	c := story.New(nil, story.DefaultOptions())
	const n = 1500
	var arts []*sitrep.Article
	var id int64
	rowAt := map[int]int{}
	for i := 0; i < n; i++ {
		a := bigArticle(i)
		arts = append(arts, a)
		asg, err := c.Add(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		id = asg.StoryID
		if i+1 == 60 || i+1 == 500 || i+1 == n {
			v, err := c.Story(id)
			if err != nil {
				t.Fatal(err)
			}
			checkView(t, v, arts)
			v.ArticleIDs = nil
			b, _ := json.Marshal(v)
			rowAt[i+1] = len(b)
		}
	}
	if rowAt[n] > rowAt[500]+64 {
		t.Errorf("summary JSON %d bytes at 500 articles, %d at %d: it grows with the story", rowAt[500], rowAt[n], n)
	}
	v, err := c.Story(id)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := c.Timeline(v.StorylineID)
	if err != nil {
		t.Fatal(err)
	}
	wants := naiveReports(arts)
	undated := map[string]int{}
	for _, e := range tl {
		k := reportKey(e.Event)
		if w := wants[k]; w != nil {
			if e.ArticlesTotal != len(w.arts) || !slices.Equal(e.Articles, w.arts[:100]) {
				t.Errorf("timeline %s: %d articles listed (total %d), want the oldest 100 of %d", k, len(e.Articles), e.ArticlesTotal, len(w.arts))
			}
			continue
		}
		// An undated event is dated by its article's publication day.
		if len(e.Articles) > 100 || (e.ArticlesTotal != 0 && e.ArticlesTotal <= 100) {
			t.Errorf("timeline %s: %d articles listed, total %d", k, len(e.Articles), e.ArticlesTotal)
		}
		e.Event.Date = ""
		undated[reportKey(e.Event)] += max(e.ArticlesTotal, len(e.Articles))
	}
	if len(undated) == 0 {
		t.Error("timeline: the undated event is missing")
	}
	for k, got := range undated {
		if w := wants[k]; w == nil || got != len(w.arts) {
			t.Errorf("timeline: undated event %s reported %d times over its days, want %v", k, got, w)
		}
	}
}

// BenchmarkBigStoryView measures building the summary of a story of held copies (what each
// Flush that changed the story does), memory only.
func BenchmarkBigStoryView(b *testing.B) {
	for _, held := range []int{1000, 16000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			ctx := context.Background()
			c := story.New(nil, story.DefaultOptions())
			var id int64
			for i := 0; i < held; i++ {
				asg, err := c.Add(ctx, bigArticle(i))
				if err != nil {
					b.Fatal(err)
				}
				id = asg.StoryID
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Story(id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBigStoryTimeline measures the timeline of the storyline of a story of held copies
// (what the storyline page reads).
func BenchmarkBigStoryTimeline(b *testing.B) {
	for _, held := range []int{1000, 16000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			ctx := context.Background()
			c := story.New(nil, story.DefaultOptions())
			var line int64
			for i := 0; i < held; i++ {
				asg, err := c.Add(ctx, bigArticle(i))
				if err != nil {
					b.Fatal(err)
				}
				line = asg.StorylineID
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Timeline(line); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
