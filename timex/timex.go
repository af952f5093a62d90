package timex

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Options configures a Tagger.
type Options struct {
	// MaxTokens bounds the work on one article: tokens beyond it are not examined. Zero means
	// DefaultOptions().MaxTokens.
	MaxTokens int
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
}

// DefaultOptions returns the options the pipeline uses.
func DefaultOptions() Options {
	return Options{MaxTokens: 200_000}
}

// Tagger is the timex pipeline stage: it fills Article.Timexes and, when the publication date is
// unknown, Article.PublishedInferred. A Tagger is safe for concurrent use.
type Tagger struct {
	opts   Options
	lx     *lexicon
	logger *slog.Logger
}

// NewTagger returns a Tagger. It panics only if the embedded lexicon is malformed, which the
// package tests rule out.
func NewTagger(opts Options) *Tagger {
	if opts.MaxTokens <= 0 {
		opts.MaxTokens = DefaultOptions().MaxTokens
	}
	lx, err := loadLexicon()
	if err != nil {
		panic(err)
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Tagger{opts: opts, lx: lx, logger: logger.With("component", "timex")}
}

// Name returns "timex".
func (t *Tagger) Name() string { return "timex" }

// Process finds the temporal expressions of a (doc is the parsed a.Text; nil parses it) and stores
// them in a.Timexes. Relative expressions are anchored on a.Published when it is set; otherwise
// a.PublishedInferred is estimated from explicit dates.
func (t *Tagger) Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if doc == nil {
		doc = text.Parse(a.Text)
	}
	var dct *time.Time
	if a.Published != nil {
		p := a.Published
		d := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
		dct = &d
	}
	m := newMatcher(t.lx, doc, dct, t.opts.MaxTokens)
	a.Timexes = m.run()
	if a.Published == nil {
		a.PublishedInferred = m.inferPublished()
	}
	m.release()
	return nil
}

// Tag is a convenience for tests and tools: it tags s as an article published on published
// (nil: unknown) and returns the expressions.
func (t *Tagger) Tag(s string, published *time.Time) []sitrep.TimeExpr {
	a := &sitrep.Article{Text: s, Published: published}
	if err := t.Process(context.Background(), a, nil); err != nil {
		t.logger.Warn("tag", slog.Any("error", err))
	}
	return a.Timexes
}

// String renders e compactly for logs and test failures.
func String(e sitrep.TimeExpr) string {
	s := fmt.Sprintf("%q %s %s", e.Text, e.Type, e.Value)
	if e.Mod != "" {
		s += " " + e.Mod
	}
	return s
}
