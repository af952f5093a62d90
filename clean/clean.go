package clean

import (
	"context"

	"github.com/sitrep/sitrep"
)

// Cleaner cleans raw articles. It is safe for concurrent use.
type Cleaner struct {
	opts Options
}

// Options tune the cleaner.
type Options struct {
	// Fallback enables go-trafilatura's fallback extractors (readability, dom-distiller).
	Fallback bool
}

// DefaultOptions returns the options used by the sitrep binary.
func DefaultOptions() Options { return Options{Fallback: true} }

// New returns a cleaner.
func New(opts Options) *Cleaner { return &Cleaner{opts: opts} }

// Clean fills a.Text, a.Title, a.Dateline, a.Language, a.Removed, a.Repairs and a.Flags from
// a.Raw (a.RawFormat "html" or "text"), and Published, Author and Outlet from HTML metadata when
// the article has none (Author also from a byline line of flattened text). The language is
// detected before the English-only repairs run, so other languages are not touched by them.
func (c *Cleaner) Clean(ctx context.Context, a *sitrep.Article) error {
	var err error
	if a.RawFormat == "html" {
		err = c.cleanHTML(ctx, a)
	} else {
		err = c.cleanText(ctx, a)
	}
	if err != nil {
		return err
	}
	c.repair(a)
	if a.Language == "" {
		a.Language = DetectLanguage(a.Text)
	}
	return nil
}
