package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/claim"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/story"
	"github.com/sitrep/sitrep/timex"
)

func init() {
	register("claims", "claims across articles on ECB+ dev: merge precision (article pairs joined by a claim within one gold story/topic)", runClaims)
}

func runClaims(ctx context.Context, w io.Writer, args []string) error {
	fs := flag.NewFlagSet("claims", flag.ContinueOnError)
	data := dataFlag(fs)
	threshold := fs.Float64("threshold", 0, "override the similarity threshold (0 keeps the default)")
	show := fs.Int("show", 5, "print this many merged claims as examples")
	if err := fs.Parse(args); err != nil {
		return err
	}
	docs, err := story.LoadECB(filepath.Join(*data, "ecbplus-dev", "docs.jsonl"))
	if err != nil {
		return err
	}
	kb, err := actor.LoadKB()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := &pipeline.Pipeline{Cleaner: clean.New(clean.DefaultOptions()), Stages: []pipeline.Stage{
		timex.NewTagger(timex.DefaultOptions()), actor.NewTagger(kb, actor.DefaultOptions()), quote.New(quote.DefaultOptions(), log)}}
	t0 := time.Now()
	var labeled []claim.Labeled
	failed := 0
	for _, d := range docs {
		a := &sitrep.Article{ID: d.ID, Raw: d.Text, RawFormat: "text"}
		if err := analyzeSafely(ctx, p, a); err != nil {
			// A stage failing on one document (a bug elsewhere) must not stop the measurement.
			failed++
			fmt.Fprintf(w, "skipped %s: %v\n", d.ID, err)
			continue
		}
		labeled = append(labeled, claim.Labeled{Article: a, Story: d.Story, Topic: d.Topic})
	}
	if failed > 0 {
		fmt.Fprintf(w, "%d documents skipped: analysis failed\n", failed)
	}
	analysed := time.Since(t0)
	opts := claim.DefaultOptions()
	if *threshold > 0 {
		opts.Threshold = *threshold
	}
	t1 := time.Now()
	r, err := claim.EvalMerges(ctx, labeled, opts, *show)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ECB+ dev: %d documents analysed (clean, timex, actor, quote) in %.1fs; matching %.2fs\n",
		len(docs), analysed.Seconds(), time.Since(t1).Seconds())
	fmt.Fprintf(w, "claims=%d reports=%d multi-article claims=%d status changes=%d\n", r.Claims, r.Reports, r.Multi, r.StatusChanges)
	fmt.Fprintf(w, "article pairs joined by a claim=%d  same story=%d (precision %.3f)  same topic=%d (precision %.3f)\n",
		r.Pairs, r.SameStory, r.StoryPrecision, r.SameTopic, r.TopicPrecision)
	for _, ch := range r.Changes {
		fmt.Fprintf(w, "\nstatus %s → %s of %q (%s): %s\n   evidence %s: %q\n", ch.From, ch.To, clipText(ch.Claim.Content, 100),
			ch.Claim.Speaker.Text, ch.Report.Reason, ch.Report.ArticleID, clipText(ch.Report.Sentence, 200))
	}
	for _, c := range r.Examples {
		fmt.Fprintf(w, "\n[%s] %q — %s, %d reports\n", c.Status, c.Content, c.Speaker.Text, len(c.Reports))
		for _, rep := range c.Reports {
			fmt.Fprintf(w, "   %s sim=%.2f %s: %q\n", rep.ArticleID, rep.Similarity, rep.Stance, clipText(rep.Content, 120))
		}
	}
	return nil
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// analyzeSafely runs the pipeline on a, turning a stage's panic into an error.
func analyzeSafely(ctx context.Context, p *pipeline.Pipeline, a *sitrep.Article) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in analysis: %v", r)
		}
	}()
	return p.Analyze(ctx, a)
}
