package story_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/story"
)

// ecbMean clusters the ECB+ dev documents in file order and in shuffles-1 shuffled orders and
// returns the mean BCubed F1 and the mean number of stories.
func ecbMean(t *testing.T, docs []story.ECBDoc, opts story.Options, prepare func(context.Context, *sitrep.Article) error, orders int) (f1, stories float64) {
	t.Helper()
	for s := 0; s < orders; s++ {
		d := docs
		if s > 0 {
			d = story.Shuffled(docs, int64(s))
		}
		r, err := story.EvalECB(context.Background(), d, opts, prepare)
		if err != nil {
			t.Fatal(err)
		}
		f1 += r.F1
		stories += float64(r.Stories)
	}
	return f1 / float64(orders), stories / float64(orders)
}

// TestECB clusters the ECB+ dev set (read from the shared folder) and checks the BCubed F1
// against a floor, and that absorbing small stories (Options.AbsorbSize) leaves fewer stories
// and a better F1 than merging them only at MergeThreshold.
func TestECB(t *testing.T) {
	if testing.Short() {
		t.Skip("ECB+ clustering takes seconds")
	}
	docs, err := story.LoadECB(filepath.Join(seedtest.Shared(t, "data", "ecbplus-dev"), "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cl := clean.New(clean.DefaultOptions())
	prepare := cached(cl.Clean)
	const orders = 6
	f1, n := ecbMean(t, docs, story.DefaultOptions(), prepare, orders)
	t.Logf("default: F1 %.4f, %.1f stories (gold 66)", f1, n)
	// docs/stories.md reports ~0.922 over 16 orders (0.907 before small stories were
	// absorbed); the floor leaves room for changes in the cleaner.
	if f1 < 0.912 {
		t.Errorf("BCubed F1 %.4f < 0.912", f1)
	}
	noAbsorb := story.DefaultOptions()
	noAbsorb.AbsorbSize = 0
	f0, n0 := ecbMean(t, docs, noAbsorb, prepare, orders)
	t.Logf("AbsorbSize 0: F1 %.4f, %.1f stories", f0, n0)
	if n >= n0 || f1 <= f0 {
		t.Errorf("absorbing small stories: %.1f stories F1 %.4f; without: %.1f stories F1 %.4f", n, f1, n0, f0)
	}
}

// TestDeterministic analyses the ECB+ dev documents with the real pipeline, clusters them three
// times in the same order with fresh clusterers, and checks that the stories (ids, titles,
// summaries, key actors and events, members) come out byte-identical each time: decisions must
// not depend on Go's map iteration order (feature ids order every cosine's float sums).
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("ECB+ analysis and clustering take seconds")
	}
	docs, err := story.LoadECB(filepath.Join(seedtest.Shared(t, "data", "ecbplus-dev"), "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	p := analysisPipeline(t)
	ctx := context.Background()
	arts := make([]sitrep.Article, len(docs))
	for i, d := range docs {
		arts[i] = sitrep.Article{ID: d.ID, Raw: d.Text, RawFormat: "text"}
		if err := p.Analyze(ctx, &arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	var first []byte
	for run := 0; run < 3; run++ {
		c := story.New(nil, story.DefaultOptions())
		for i := range arts {
			a := arts[i]
			if _, err := c.Add(ctx, &a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := json.Marshal(c.Stories())
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(got, first) {
			t.Errorf("run %d: stories differ from run 0 (%d vs %d bytes of JSON)", run, len(got), len(first))
		}
	}
}

// TestECBStages clusters the ECB+ dev set analysed by the full pipeline (as sitrep ingest does)
// and checks the BCubed F1 against a floor, and that splitting a dated from an undated group
// (Options.CohortCohesion) and the slow decay for reports centred on one private individual
// (Options.PrivateTauDays) each help.
func TestECBStages(t *testing.T) {
	if testing.Short() {
		t.Skip("ECB+ analysis and clustering take seconds")
	}
	docs, err := story.LoadECB(filepath.Join(seedtest.Shared(t, "data", "ecbplus-dev"), "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	prepare := cached(analysisPipeline(t).Analyze)
	const orders = 6
	f1, n := ecbMean(t, docs, story.DefaultOptions(), prepare, orders)
	t.Logf("default: F1 %.4f, %.1f stories (gold 66)", f1, n)
	// docs/stories.md reports ~0.951 over 16 orders; the floor leaves room for changes in the
	// analysis stages.
	if f1 < 0.935 {
		t.Errorf("BCubed F1 %.4f < 0.935", f1)
	}
	for _, c := range []struct {
		name string
		set  func(*story.Options)
	}{
		{"CohortCohesion 0", func(o *story.Options) { o.CohortCohesion = 0 }},
		{"PrivateTauDays 0", func(o *story.Options) { o.PrivateTauDays = 0 }},
	} {
		opts := story.DefaultOptions()
		c.set(&opts)
		f0, n0 := ecbMean(t, docs, opts, prepare, orders)
		t.Logf("%s: F1 %.4f, %.1f stories", c.name, f0, n0)
		if f0 >= f1 {
			t.Errorf("%s: F1 %.4f, not below the default's %.4f", c.name, f0, f1)
		}
	}
}

// cached returns fn memoised per article id: each document is prepared once and later calls
// (other arrival orders, other options) get a copy of the result.
func cached(fn func(context.Context, *sitrep.Article) error) func(context.Context, *sitrep.Article) error {
	done := map[string]sitrep.Article{}
	return func(ctx context.Context, a *sitrep.Article) error {
		if c, ok := done[a.ID]; ok {
			*a = c
			return nil
		}
		if err := fn(ctx, a); err != nil {
			return err
		}
		done[a.ID] = *a
		return nil
	}
}
