package clean_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

// BenchmarkCleanText cleans the five seed articles (flattened text, read from ../shared/seeds)
// per iteration and reports articles/s: "seeds" is the whole Clean call (line classification,
// repairs and language detection); "seeds-language-given" is the same with the record's
// language set, so detection is skipped, which isolates the cost of this package's text path.
func BenchmarkCleanText(b *testing.B) {
	seeds := seedtest.Seeds(b)
	c := clean.New(clean.DefaultOptions())
	ctx := context.Background()
	bytes := 0
	for _, s := range seeds {
		bytes += len(s.Raw)
	}
	for _, bc := range []struct{ name, lang string }{{"seeds", ""}, {"seeds-language-given", "en"}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range seeds {
					a := &sitrep.Article{Raw: s.Raw, RawFormat: "text", Language: bc.lang}
					if err := c.Clean(ctx, a); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(seeds))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkCleanTextPage cleans a whole-page text with menus, bylines, captions and footers.
func BenchmarkCleanTextPage(b *testing.B) {
	c := clean.New(clean.DefaultOptions())
	ctx := context.Background()
	b.SetBytes(int64(len(pageRaw)))
	for b.Loop() {
		a := &sitrep.Article{Raw: pageRaw, RawFormat: "text"}
		if err := c.Clean(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
