package story_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/story"
)

// TestAhead checks that placing batches with features extracted ahead on other goroutines gives
// the same stories, storylines and reasons as adding the articles one by one in the same order,
// and that closing a batch before its end neither hangs nor loses the articles placed so far.
func TestAhead(t *testing.T) {
	ctx := context.Background()
	src := newSynth(7)
	arts := make([]*sitrep.Article, 1500)
	for i := range arts {
		arts[i] = src.next()
	}
	clone := func() []*sitrep.Article {
		out := make([]*sitrep.Article, len(arts))
		for i, a := range arts {
			cp := *a
			out[i] = &cp
		}
		return out
	}

	one := story.New(nil, story.DefaultOptions())
	var want []*story.Assignment
	for _, a := range clone() {
		asg, err := one.Add(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, asg)
	}

	for _, workers := range []int{0, 1, 3} {
		c := story.New(nil, story.DefaultOptions())
		batch := clone()
		var got []*story.Assignment
		for i0 := 0; i0 < len(batch); i0 += 200 {
			items := batch[i0:min(i0+200, len(batch))]
			signed := make([]bool, len(items))
			ahead := c.Ahead(items, workers, func(i int) { signed[i] = true })
			for i, a := range items {
				f := ahead.Features(i)
				if !signed[i] {
					t.Fatalf("workers %d: also(%d) had not run when its features were ready", workers, i0+i)
				}
				asg, err := c.AddWith(ctx, a, f)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, asg)
			}
			ahead.Close()
		}
		for i := range want {
			w, g := want[i], got[i]
			if w.StoryID != g.StoryID || w.StorylineID != g.StorylineID || w.Reason != g.Reason {
				t.Fatalf("workers %d, article %d: one by one %d/%d %q, ahead %d/%d %q", workers, i,
					w.StoryID, w.StorylineID, w.Reason, g.StoryID, g.StorylineID, g.Reason)
			}
		}
	}

	// Closing early: the workers stop taking articles; what was placed stays.
	c := story.New(nil, story.DefaultOptions())
	items := clone()[:300]
	ahead := c.Ahead(items, 2, nil)
	for i := range 10 {
		if _, err := c.AddWith(ctx, items[i], ahead.Features(i)); err != nil {
			t.Fatal(err)
		}
	}
	ahead.Close()
	if n, _ := c.Len(); n != 10 {
		t.Fatalf("after an early Close the clusterer holds %d articles, want 10", n)
	}
}
