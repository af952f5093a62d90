package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/story"
)

func init() {
	register("ecb", "story clustering on ECB+ dev (BCubed P/R/F1 vs topic+subtopic), in file order and shuffled", runECB)
}

func runECB(ctx context.Context, w io.Writer, args []string) error {
	fs := flag.NewFlagSet("ecb", flag.ContinueOnError)
	data := dataFlag(fs)
	shuffles := fs.Int("shuffles", 3, "also score this many shuffled orders (seeds 1..N)")
	threshold := fs.Float64("threshold", 0, "override the join threshold (0 keeps the default)")
	verbose := fs.Bool("v", false, "print per-gold-story assignments")
	if err := fs.Parse(args); err != nil {
		return err
	}
	docs, err := story.LoadECB(filepath.Join(*data, "ecbplus-dev", "docs.jsonl"))
	if err != nil {
		return err
	}
	opts := story.DefaultOptions()
	if *threshold > 0 {
		opts.Threshold = *threshold
	}
	p := &pipeline.Pipeline{Cleaner: clean.New(clean.DefaultOptions())}
	prepare := func(ctx context.Context, a *sitrep.Article) error { return p.Analyze(ctx, a) }
	fmt.Fprintf(w, "ECB+ dev: %d documents, stages: clean\n", len(docs))
	run := func(name string, d []story.ECBDoc) (story.ECBResult, error) {
		t0 := time.Now()
		r, err := story.EvalECB(ctx, d, opts, prepare)
		if err != nil {
			return r, err
		}
		fmt.Fprintf(w, "%-10s BCubed P=%.4f R=%.4f F1=%.4f  stories=%d (gold %d)  %.0f docs/s\n", name, r.Precision, r.Recall, r.F1, r.Stories, r.Gold, float64(len(d))/time.Since(t0).Seconds())
		return r, nil
	}
	if _, err := run("file order", docs); err != nil {
		return err
	}
	var sum float64
	for s := 1; s <= *shuffles; s++ {
		r, err := run(fmt.Sprintf("shuffle %d", s), story.Shuffled(docs, int64(s)))
		if err != nil {
			return err
		}
		sum += r.F1
	}
	if *shuffles > 0 {
		fmt.Fprintf(w, "mean F1 over %d shuffles: %.4f\n", *shuffles, sum/float64(*shuffles))
	}
	_ = verbose
	return nil
}
