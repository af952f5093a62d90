package clean_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

// BenchmarkCleanText cleans the five seed articles (flattened text) per iteration; the
// articles/s metric is the throughput of the text path including repairs and language detection.
func BenchmarkCleanText(b *testing.B) {
	seeds := seedtest.Seeds(b)
	c := clean.New(clean.DefaultOptions())
	ctx := context.Background()
	bytes := 0
	for _, s := range seeds {
		bytes += len(s.Raw)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range seeds {
			a := &sitrep.Article{Raw: s.Raw, RawFormat: "text"}
			if err := c.Clean(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(seeds))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkCleanTextPage cleans a whole-page text with menus and footers (the test page).
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
