package track_test

import (
	"context"
	"io"
	"log/slog"
	"sort"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/claim"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
	"github.com/sitrep/sitrep/timex"
	"github.com/sitrep/sitrep/track"
)

// analysedSeeds runs the five seeds through the pipeline, in publication order.
func analysedSeeds(t *testing.T) []*sitrep.Article {
	t.Helper()
	kb, err := actor.LoadKB()
	if err != nil {
		t.Fatal(err)
	}
	coder, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := &pipeline.Pipeline{
		Cleaner: clean.New(clean.DefaultOptions()),
		Stages: []pipeline.Stage{timex.NewTagger(timex.DefaultOptions()), actor.NewTagger(kb, actor.DefaultOptions()),
			quote.New(quote.DefaultOptions(), log), coder},
		Logger: log,
	}
	var out []*sitrep.Article
	for _, s := range seedtest.Seeds(t) {
		pub := s.Published
		a := &sitrep.Article{ID: s.Name[:3], Raw: s.Raw, RawFormat: "text", Published: &pub}
		if err := p.Analyze(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.Before(*out[j].Published) })
	return out
}

// TestSeeds_IsraelIranProfile follows the seeds' Israel–Iran thread (Apr 2024 → Oct 2024 → 2026)
// with a profile for ISR,IRN: each batch is clustered, then observed, and every distinct story of
// the tracked storyline alerts once, as the storyline grows.
func TestSeeds_IsraelIranProfile(t *testing.T) {
	ctx := context.Background()
	seeds := analysedSeeds(t)
	db := openDB(t)
	profiles, alerts := sqlite.NewProfileService(db), sqlite.NewAlertService(db)
	p := &sitrep.Profile{Name: "Israel and Iran", Actors: []string{"ISR", "IRN"}}
	if err := profiles.CreateProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	cl := story.New(nil, story.DefaultOptions())
	tr := track.New(profiles, alerts, track.DefaultOptions())
	tr.Claims = claim.New(claim.NewMemStore(), claim.DefaultOptions())
	stories := map[int64]bool{}
	newStories := 0
	for _, a := range seeds {
		if !track.Matches(p, a) {
			t.Logf("seed %s does not match ISR,IRN (actors %d, events %d)", a.ID, len(a.Actors), len(a.Events))
		}
		if _, err := cl.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
		fired, err := tr.Observe(ctx, []*sitrep.Article{a})
		if err != nil {
			t.Fatal(err)
		}
		fresh := !stories[a.StoryID]
		stories[a.StoryID] = true
		got := 0
		for _, al := range fired {
			t.Logf("%s: %s %s", a.ID, al.Kind, al.Message)
			if al.Kind == sitrep.AlertNewStory {
				got++
				if al.StoryID != a.StoryID {
					t.Errorf("new story alert for story %d on an article of story %d", al.StoryID, a.StoryID)
				}
			}
		}
		if fresh && got != 1 || !fresh && got != 0 {
			t.Errorf("seed %s (story %d, new=%v): %d new-story alerts", a.ID, a.StoryID, fresh, got)
		}
		newStories += got
	}
	if newStories < 3 {
		t.Errorf("the seeds form %d stories; want at least 3 new-story alerts, got %d", len(stories), newStories)
	}
	all, n, err := alerts.FindAlerts(ctx, sitrep.AlertFilter{ProfileID: &p.ID})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, a := range all {
		if keys[a.Key] {
			t.Errorf("duplicate alert key %s", a.Key)
		}
		keys[a.Key] = true
	}
	t.Logf("%d alerts for %d stories", n, len(stories))
}
