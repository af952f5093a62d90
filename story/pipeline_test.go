package story_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/story"
	"github.com/sitrep/sitrep/timex"
)

// analysisPipeline returns the analysis stages as sitrep runs them: clean, timex, actor, quote,
// event.
func analysisPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	kb, err := actor.LoadKB()
	if err != nil {
		t.Fatal(err)
	}
	ev, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Pipeline{
		Cleaner: clean.New(clean.DefaultOptions()),
		Stages:  []pipeline.Stage{timex.NewTagger(timex.DefaultOptions()), actor.NewTagger(kb, actor.DefaultOptions()), quote.New(quote.Options{}, nil), ev},
	}
}

// TestSeedsPipeline runs the seeds through the real analysis pipeline (clean, timex, actor,
// quote, event) before clustering, as sitrep does, and checks the same grouping in all 120
// orders, and that storyline links then name shared actor codes.
func TestSeedsPipeline(t *testing.T) {
	p := analysisPipeline(t)
	var arts []*sitrep.Article
	for _, a := range seedArticles(t) {
		a.Text = ""
		if err := p.Analyze(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	ids := []string{"000", "001", "002", "003", "004"}
	for _, perm := range permutations(len(arts)) {
		c := story.New(nil, story.DefaultOptions())
		for _, i := range perm {
			a := *arts[i]
			if _, err := c.Add(context.Background(), &a); err != nil {
				t.Fatal(err)
			}
		}
		stories, lines := grouping(c, ids)
		if stories != "000+004 001 002 003" || lines != "000+001+002+003+004" {
			t.Fatalf("order %v: stories %q, storylines %q", perm, stories, lines)
		}
		if perm[0] == 0 && perm[1] == 1 && perm[2] == 2 {
			l := c.Storylines()[0]
			actors := 0
			for _, k := range l.Links {
				if strings.Contains(k.Reason, "shared actors") {
					actors++
				}
			}
			if actors == 0 {
				t.Fatalf("no storyline link names shared actors: %+v", l.Links)
			}
			for _, k := range l.Links {
				t.Logf("story %d: %s (%.2f)", k.StoryID, k.Reason, k.Score)
			}
		}
	}
}
