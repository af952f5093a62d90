// Package pipeline wires the analysis stages: a raw article goes in, an analysed article comes
// out. Cleaning runs first, then the clean text is parsed once (package text) and handed, with
// the article, to each stage in order: timex, actor, quote, event. Analysis of one article is pure
// and independent of every other, so callers may run Analyze on many goroutines at once.
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Cleaner turns the raw input of an article (Raw, RawFormat) into its clean text and metadata:
// Text, Title, Dateline, Language, Removed, Repairs, Flags, and Published/Author/Outlet from
// metadata when the article has none.
type Cleaner interface {
	Clean(ctx context.Context, a *sitrep.Article) error
}

// Stage is one analysis stage. It reads the article and the parsed text and fills its own fields
// of the article (mentions, timexes, …). A stage must not change Text.
type Stage interface {
	Name() string
	Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error
}

// Observer receives each stage's latency (for metrics). It may be nil.
type Observer func(stage string, d time.Duration)

// Pipeline runs a cleaner and the analysis stages in order.
type Pipeline struct {
	Cleaner Cleaner
	Stages  []Stage
	Observe Observer
	Logger  *slog.Logger
}

// Analyze cleans a and runs every stage on it. Articles whose language is not English are cleaned
// and flagged but not analysed further: the stages' rules and dictionaries are English-only and
// would produce noise. Slices that no stage filled are left empty (not nil) so the JSON contract
// always carries every key.
//
// A panic in a stage is recovered and returned as an error naming the stage and the article, so
// one pathological article never takes a batch down; the stage's fault is logged for fixing.
func (p *Pipeline) Analyze(ctx context.Context, a *sitrep.Article) (err error) {
	stage := "clean"
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s %s: internal error (panic: %v)", stage, a.ID, r)
			if p.Logger != nil {
				p.Logger.Error("stage panicked", slog.String("stage", stage), slog.String("article_id", a.ID), slog.Any("panic", r))
			}
		}
	}()
	if p.Cleaner != nil {
		t0 := time.Now()
		if err := p.Cleaner.Clean(ctx, a); err != nil {
			return fmt.Errorf("clean %s: %w", a.ID, err)
		}
		p.observe("clean", t0)
	}
	if a.Language != "" && a.Language != "en" && a.Language != "und" {
		a.Flags = append(a.Flags, sitrep.Flag{Kind: "non_english", Detail: "language " + a.Language + ": stored, not analysed (the stages are English-only)"})
	} else {
		t0 := time.Now()
		stage = "text"
		doc := text.Parse(a.Text)
		p.observe("text", t0)
		for _, s := range p.Stages {
			stage = s.Name()
			t0 := time.Now()
			if err := s.Process(ctx, a, doc); err != nil {
				return fmt.Errorf("%s %s: %w", s.Name(), a.ID, err)
			}
			p.observe(s.Name(), t0)
		}
	}
	Normalize(a)
	return nil
}

func (p *Pipeline) observe(stage string, t0 time.Time) {
	if p.Observe != nil {
		p.Observe(stage, time.Since(t0))
	}
}

// Normalize replaces nil slices of a with empty ones so that JSON always has every key.
func Normalize(a *sitrep.Article) {
	if a.Removed == nil {
		a.Removed = []sitrep.Removal{}
	}
	if a.Repairs == nil {
		a.Repairs = []sitrep.Repair{}
	}
	if a.Mentions == nil {
		a.Mentions = []sitrep.Mention{}
	}
	if a.Actors == nil {
		a.Actors = []sitrep.Actor{}
	}
	if a.Timexes == nil {
		a.Timexes = []sitrep.TimeExpr{}
	}
	if a.Quotes == nil {
		a.Quotes = []sitrep.Quote{}
	}
	if a.Claims == nil {
		a.Claims = []sitrep.Claim{}
	}
	if a.Events == nil {
		a.Events = []sitrep.Event{}
	}
}
