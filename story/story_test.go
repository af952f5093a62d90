package story_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/story"
)

func date(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// Two happenings of the same kind (a crane collapse in two ports) and one report of each from a
// second outlet, written for these tests.
var reports = []*sitrep.Article{
	{ID: "v1", Outlet: "Coast Daily", Published: date("2025-03-04"), Title: "Crane collapse shuts Valmora terminal",
		Text: "The harbour authority in Valmora closed the northern container terminal on Tuesday after a crane collapsed onto a cargo ship, injuring four dock workers.\nOfficials in Valmora said two of the injured dock workers were taken to the regional hospital. The Valmora terminal handles a third of the port's traffic."},
	{ID: "v2", Outlet: "Port News", Published: date("2025-03-04"), Title: "Four hurt as crane falls on ship in Valmora",
		Text: "Four dock workers were injured in Valmora when a crane fell onto a cargo ship at the northern container terminal, which the harbour authority then closed.\nThe Valmora harbour authority said inspectors from the transport ministry would examine the crane."},
	{ID: "e1", Outlet: "Coast Daily", Published: date("2025-09-19"), Title: "Gantry crane topples at Port Eliran",
		Text: "A gantry crane toppled at the southern quay of Port Eliran on Friday, damaging two trucks but injuring no one, the Eliran port operator said.\nTraffic at the Eliran quay was diverted while engineers examine whether strong winds caused the crane to fall."},
	{ID: "e2", Outlet: "Port News", Published: date("2025-09-20"), Title: "Winds blamed as Eliran crane falls",
		Text: "Engineers at Port Eliran are examining whether strong winds toppled a gantry crane on the southern quay, the port operator said.\nNo one was injured when the Eliran crane fell on Friday, though two trucks were damaged."},
}

func clone(a *sitrep.Article) *sitrep.Article { c := *a; return &c }

func addAll(t *testing.T, c *story.Clusterer, arts []*sitrep.Article) map[string]*story.Assignment {
	t.Helper()
	out := map[string]*story.Assignment{}
	for _, a := range arts {
		asg, err := c.Add(context.Background(), clone(a))
		if err != nil {
			t.Fatal(err)
		}
		out[a.ID] = asg
	}
	return out
}

func TestClusterer_Add(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		c := story.New(nil, story.DefaultOptions())
		asg := addAll(t, c, reports)
		if asg["v1"].StoryID != asg["v2"].StoryID {
			t.Fatalf("v1, v2 in stories %d, %d; want one (%s)", asg["v1"].StoryID, asg["v2"].StoryID, asg["v2"].Reason)
		}
		if asg["e1"].StoryID != asg["e2"].StoryID {
			t.Fatalf("e1, e2 in stories %d, %d; want one (%s)", asg["e1"].StoryID, asg["e2"].StoryID, asg["e2"].Reason)
		}
		if asg["v1"].StoryID == asg["e1"].StoryID {
			t.Fatalf("the Valmora and Eliran collapses share story %d", asg["v1"].StoryID)
		}
		if !strings.Contains(asg["v2"].Reason, "valmora") {
			t.Fatalf("join reason does not name what is shared: %q", asg["v2"].Reason)
		}
		s, err := c.Story(asg["v1"].StoryID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := s.Sources, 2; got != want {
			t.Fatalf("sources=%d, want %d", got, want)
		}
		if got, want := strings.Join(s.Outlets, ","), "Coast Daily,Port News"; got != want {
			t.Fatalf("outlets=%q, want %q", got, want)
		}
		if s.Title == "" || s.Summary == "" || s.FirstSeen.IsZero() {
			t.Fatalf("story lacks title, summary or dates: %+v", s)
		}
	})
	t.Run("Idempotent", func(t *testing.T) {
		c := story.New(nil, story.DefaultOptions())
		first := addAll(t, c, reports[:1])["v1"]
		again, err := c.Add(context.Background(), clone(reports[0]))
		if err != nil {
			t.Fatal(err)
		}
		if again.StoryID != first.StoryID {
			t.Fatalf("re-adding moved the article to %d from %d", again.StoryID, first.StoryID)
		}
		if n, _ := c.Len(); n != 1 {
			t.Fatalf("articles=%d, want 1", n)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		c := story.New(nil, story.DefaultOptions())
		if _, err := c.Add(context.Background(), &sitrep.Article{Text: "x"}); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Fatalf("err=%v, want EINVALID", err)
		}
	})
	t.Run("CopiesCountOnce", func(t *testing.T) {
		c := story.New(nil, story.DefaultOptions())
		addAll(t, c, reports[:2])
		cp := clone(reports[0])
		cp.ID, cp.Outlet, cp.DuplicateOf, cp.Similarity = "v1-copy", "Wire Mirror", "v1", 0.97
		asg, err := c.Add(context.Background(), cp)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := c.Story(asg.StoryID)
		if got, want := s.Sources, 3; got != want {
			t.Fatalf("sources=%d, want %d", got, want)
		}
		if got, want := s.Origins, 2; got != want {
			t.Fatalf("origins=%d, want %d", got, want)
		}
		// dedup relinks: the copy turns out to be the origin and v1 the copy.
		if err := c.SetDuplicate("v1-copy", "", 0); err != nil {
			t.Fatal(err)
		}
		if err := c.SetDuplicate("v1", "v1-copy", 0.97); err != nil {
			t.Fatal(err)
		}
		s, _ = c.Story(asg.StoryID)
		if got, want := s.Origins, 2; got != want {
			t.Fatalf("origins after relink=%d, want %d", got, want)
		}
		if err := c.SetDuplicate("v1", "", 0); err != nil {
			t.Fatal(err)
		}
		if s, _ = c.Story(asg.StoryID); s.Origins != 3 {
			t.Fatalf("origins with no copies=%d, want 3", s.Origins)
		}
	})
}

// TestClusterer_TimeApart checks that the same words a year apart open a new story that joins the
// first one's storyline, with the distance in the reason.
func TestClusterer_TimeApart(t *testing.T) {
	c := story.New(nil, story.DefaultOptions())
	addAll(t, c, reports[:2])
	later := clone(reports[0])
	later.ID, later.Published = "v-later", date("2026-03-10")
	asg := addAll(t, c, []*sitrep.Article{later})["v-later"]
	if !asg.NewStory {
		t.Fatalf("a report a year later joined story %d: %s", asg.StoryID, asg.Reason)
	}
	first := c.StoryOf("v1")
	s, _ := c.Story(first)
	if asg.StorylineID != s.StorylineID {
		t.Fatalf("storyline %d, want %d", asg.StorylineID, s.StorylineID)
	}
	l, err := c.Storyline(s.StorylineID)
	if err != nil {
		t.Fatal(err)
	}
	var reason string
	for _, k := range l.Links {
		if k.StoryID == asg.StoryID {
			reason = k.Reason
		}
	}
	if !strings.Contains(reason, "days apart") {
		t.Fatalf("link reason %q lacks the distance", reason)
	}
}

// TestClusterer_Edit checks Merge, Split and Move: ids are stable and the operations reverse.
func TestClusterer_Edit(t *testing.T) {
	ctx := context.Background()
	c := story.New(nil, story.DefaultOptions())
	asg := addAll(t, c, reports)
	v, e := asg["v1"].StoryID, asg["e1"].StoryID
	older, newer := min(v, e), max(v, e)

	m, err := c.Merge(ctx, newer, older)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.ID, older; got != want {
		t.Fatalf("merge kept %d, want the older id %d", got, want)
	}
	if got, want := len(m.ArticleIDs), 4; got != want {
		t.Fatalf("merged articles=%d, want %d", got, want)
	}
	if _, err := c.Story(newer); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Fatalf("merged-away story still found: %v", err)
	}

	// Split with the listed articles the larger part: they keep the id.
	kept, split, err := c.Split(ctx, older, []string{"v1", "v2", "e1"})
	if err != nil {
		t.Fatal(err)
	}
	if kept.ID != older || len(kept.ArticleIDs) != 3 || len(split.ArticleIDs) != 1 {
		t.Fatalf("split: kept %d %v, new %d %v", kept.ID, kept.ArticleIDs, split.ID, split.ArticleIDs)
	}
	if err := c.Move(ctx, "e1", split.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := c.StoryOf("e1"), split.ID; got != want {
		t.Fatalf("after move, e1 in %d, want %d", got, want)
	}
	if err := c.Move(ctx, "nope", split.ID); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Fatalf("move unknown article: %v", err)
	}
	if _, _, err := c.Split(ctx, older, []string{"e2"}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Fatalf("split with a foreign article: %v", err)
	}
}

func TestTimeline(t *testing.T) {
	ev := func(src, tgt, plover, date string, g float64) sitrep.Event {
		return sitrep.Event{Source: sitrep.EventActor{Code: src}, Target: sitrep.EventActor{Code: tgt}, PLOVER: plover, Date: date, Goldstein: g, Mode: sitrep.ModeAsserted}
	}
	a1 := clone(reports[0])
	a1.Events = []sitrep.Event{ev("ISRMIL", "IRN", "ASSAULT", "2025-03-04", -10), ev("USA", "ISR", "CONSULT", "2025-03-04", 1)}
	a2 := clone(reports[1])
	a2.Events = []sitrep.Event{ev("ISRMIL", "IRN", "ASSAULT", "2025-03-04", -10), ev("IRN", "ISR", "THREATEN", "2025-03-05", -4), ev("IRN", "ISR", "ASSAULT", "2025-03-05", -9.5)}
	a2.Events[1].Mode = sitrep.ModeThreatened // a threat did not happen: it is not on the timeline
	c := story.New(nil, story.DefaultOptions())
	addAll(t, c, []*sitrep.Article{a1, a2})
	s, _ := c.Story(c.StoryOf(a1.ID))
	if got, want := len(s.KeyEvents), 3; got != want {
		t.Fatalf("key events=%d, want %d: %+v", got, want, s.KeyEvents)
	}
	if got, want := len(s.KeyEventReports[0].Articles), 2; got != want {
		t.Fatalf("reports of the first key event=%d, want %d", got, want)
	}
	tl, err := c.Timeline(s.StorylineID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(tl), 3; got != want {
		t.Fatalf("timeline entries=%d, want %d", got, want)
	}
	pair := c.PairTimeline("ISR", "IRN")
	if got, want := len(pair), 2; got != want {
		t.Fatalf("ISR-IRN entries=%d, want %d", got, want)
	}
	esc := story.Escalation(tl)
	want := []sitrep.EscalationPoint{{Date: "2025-03-04", Mean: -4.5, Min: -10, Count: 2}, {Date: "2025-03-05", Mean: -9.5, Min: -9.5, Count: 1}}
	if len(esc) != len(want) {
		t.Fatalf("escalation=%+v, want %+v", esc, want)
	}
	for i := range want {
		if esc[i] != want[i] {
			t.Fatalf("escalation[%d]=%+v, want %+v", i, esc[i], want[i])
		}
	}
}

func FuzzAdd(f *testing.F) {
	f.Add("Crane falls in Valmora. Four hurt.", "2025-03-04")
	f.Add("", "")
	f.Add(strings.Repeat("Aa ", 50000), "1999-01-01")
	f.Add("\xff\xfe\x00 March 3, 2024 \u2019s U.S.-Iran", "bad")
	f.Fuzz(func(t *testing.T, text, day string) {
		c := story.New(nil, story.DefaultOptions())
		for i, id := range []string{"a", "b", "c"} {
			a := &sitrep.Article{ID: id, Text: text, Title: text[:min(len(text), 20*i)]}
			if d, err := time.Parse("2006-01-02", day); err == nil {
				a.Published = &d
			}
			if _, err := c.Add(context.Background(), a); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range c.Stories() {
			if s.Sources < 1 || s.Origins > s.Sources {
				t.Fatalf("bad counts: %+v", s)
			}
		}
	})
}
