package quote_test

import (
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// BenchmarkStage measures the quote stage alone on the five seeds (text parsed once, outside the
// timer, as the pipeline does). It reports articles per second.
func BenchmarkStage(b *testing.B) {
	seeds := seedtest.Seeds(b)
	docs := make([]*text.Doc, len(seeds))
	for i, s := range seeds {
		docs[i] = text.Parse(s.Raw)
	}
	st := quote.New(quote.DefaultOptions(), nil)
	ctx := b.Context()
	n := 0
	b.ResetTimer()
	for b.Loop() {
		for i, s := range seeds {
			a := &sitrep.Article{Text: s.Raw, Published: &seeds[i].Published}
			if err := st.Process(ctx, a, docs[i]); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
