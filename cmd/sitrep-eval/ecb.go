package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/story"
	"github.com/sitrep/sitrep/timex"
)

func init() {
	register("ecb", "story clustering on ECB+ dev (BCubed P/R/F1 vs topic+subtopic), in file order and shuffled", runECB)
}

func runECB(ctx context.Context, w io.Writer, args []string) error {
	fs := flag.NewFlagSet("ecb", flag.ContinueOnError)
	data := dataFlag(fs)
	shuffles := fs.Int("shuffles", 3, "also score this many shuffled orders (seeds 1..N)")
	threshold := fs.Float64("threshold", 0, "override the join threshold (0 keeps the default)")
	stages := fs.Bool("stages", false, "also run the timex, actor and event stages before clustering")
	topics := fs.String("topics", "all", "score only these topics: all, odd or even (a development/confirmation split)")
	set := fs.String("set", "", "override clusterer options: Name=value,... (e.g. TauDays=60)")
	ceiling := fs.Int("ceiling", 0, "also print the score of an ideal clusterer that cannot join reports more than N days apart (0: no)")
	errs := fs.Bool("errors", false, "list the file-order run's mixed stories and split gold stories, with each document's first line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	docs, err := story.LoadECB(filepath.Join(*data, "ecbplus-dev", "docs.jsonl"))
	if err != nil {
		return err
	}
	if docs, err = story.ECBTopics(docs, *topics); err != nil {
		return err
	}
	opts := story.DefaultOptions()
	if *threshold > 0 {
		opts.Threshold = *threshold
	}
	if err := story.SetOptions(&opts, *set); err != nil {
		return err
	}
	p := &pipeline.Pipeline{Cleaner: clean.New(clean.DefaultOptions())}
	names := "clean"
	if *stages {
		kb, err := actor.LoadKB()
		if err != nil {
			return err
		}
		ev, err := event.New(event.DefaultOptions())
		if err != nil {
			return err
		}
		p.Stages = []pipeline.Stage{timex.NewTagger(timex.DefaultOptions()), actor.NewTagger(kb, actor.DefaultOptions()), ev}
		names = "clean, timex, actor, event"
	}
	// Analysis is done once per document; each run clusters copies of the analysed articles.
	analysed := map[string]*sitrep.Article{}
	prepare := func(ctx context.Context, a *sitrep.Article) error {
		if c, ok := analysed[a.ID]; ok {
			*a = *c
			return nil
		}
		if err := p.Analyze(ctx, a); err != nil {
			return err
		}
		c := *a
		analysed[a.ID] = &c
		return nil
	}
	fmt.Fprintf(w, "ECB+ dev: %d documents (topics: %s), stages: %s\n", len(docs), *topics, names)
	run := func(name string, d []story.ECBDoc) (story.ECBResult, error) {
		t0 := time.Now()
		r, err := story.EvalECB(ctx, d, opts, prepare)
		if err != nil {
			return r, err
		}
		fmt.Fprintf(w, "%-10s BCubed P=%.4f R=%.4f F1=%.4f  stories=%d (gold %d)  %.1fs\n", name, r.Precision, r.Recall, r.F1, r.Stories, r.Gold, time.Since(t0).Seconds())
		return r, nil
	}
	if *ceiling > 0 {
		// The dates the clusterer sees: those Extract finds in the analysed article.
		dates := map[string]time.Time{}
		for _, d := range docs {
			a := &sitrep.Article{ID: d.ID, Raw: d.Text, RawFormat: "text", Text: d.Text}
			if err := prepare(ctx, a); err != nil {
				return err
			}
			if f := story.Extract(a, opts.MaxTerms, opts.MaxEntities); f.Dated() {
				dates[d.ID] = f.Lo
			}
		}
		p, r, f := story.TimeCeiling(docs, dates, *ceiling)
		fmt.Fprintf(w, "ceiling    BCubed P=%.4f R=%.4f F1=%.4f  (gold stories cut at date gaps > %d days; %d of %d documents dated)\n", p, r, f, *ceiling, len(dates), len(docs))
	}
	first, err := run("file order", docs)
	if err != nil {
		return err
	}
	if *errs {
		printECBErrors(w, docs, first.Pred)
	}
	var sum float64
	all := first.F1
	for s := 1; s <= *shuffles; s++ {
		r, err := run(fmt.Sprintf("shuffle %d", s), story.Shuffled(docs, int64(s)))
		if err != nil {
			return err
		}
		sum += r.F1
	}
	if *shuffles > 0 {
		fmt.Fprintf(w, "mean F1 over %d shuffles: %.4f; over file order and shuffles: %.4f\n", *shuffles, sum/float64(*shuffles), (sum+all)/float64(*shuffles+1))
	}
	return nil
}

// printECBErrors lists, for a clustering of docs, the predicted stories that mix gold stories and
// the gold stories split over several predicted ones, each document shown by its first line.
func printECBErrors(w io.Writer, docs []story.ECBDoc, pred map[string]int64) {
	byPred := map[int64][]story.ECBDoc{}
	byGold := map[string]map[int64]int{}
	for _, d := range docs {
		byPred[pred[d.ID]] = append(byPred[pred[d.ID]], d)
		if byGold[d.Story] == nil {
			byGold[d.Story] = map[int64]int{}
		}
		byGold[d.Story][pred[d.ID]]++
	}
	head := func(t string) string {
		t, _, _ = strings.Cut(t, "\n")
		if len(t) > 90 {
			t = t[:90]
		}
		return t
	}
	ids := slices.Sorted(maps.Keys(byPred))
	fmt.Fprintln(w, "mixed stories:")
	for _, id := range ids {
		ds := byPred[id]
		golds := map[string]int{}
		for _, d := range ds {
			golds[d.Story]++
		}
		if len(golds) < 2 {
			continue
		}
		fmt.Fprintf(w, "  story %d: %v\n", id, golds)
		for _, d := range ds {
			fmt.Fprintf(w, "    %-10s %s  %s\n", d.Story, d.ID, head(d.Text))
		}
	}
	fmt.Fprintln(w, "split gold stories:")
	for _, g := range slices.Sorted(maps.Keys(byGold)) {
		if len(byGold[g]) < 2 {
			continue
		}
		fmt.Fprintf(w, "  %s: %v\n", g, byGold[g])
	}
}
