package actor_test

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

type benchDoc struct {
	a   sitrep.Article
	doc *text.Doc
}

func benchDocs(b *testing.B) []benchDoc {
	var out []benchDoc
	for _, s := range seedtest.Seeds(b) {
		p := s.Published
		out = append(out, benchDoc{a: sitrep.Article{ID: s.Name, Text: s.Raw, Published: &p}, doc: text.Parse(s.Raw)})
	}
	return out
}

// reportRate reports wall-clock throughput and throughput per CPU-second since cpu0 (the box the
// figures come from is shared, so wall-clock rates understate the stage's speed).
func reportRate(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "articles/s")
	if c := cpuTime() - cpu0; c > 0 && cpu0 > 0 {
		b.ReportMetric(float64(b.N*n)/c.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkTagger measures the actor stage alone on the seeds (text parsed beforehand, as the
// pipeline does once for all stages).
func BenchmarkTagger(b *testing.B) {
	docs := benchDocs(b)
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a := d.a
			if err := tg.Process(ctx, &a, d.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRate(b, len(docs), cpu0)
}

// BenchmarkTaggerNoDate is BenchmarkTagger with no publication date (date inference runs).
func BenchmarkTaggerNoDate(b *testing.B) {
	docs := benchDocs(b)
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a := d.a
			a.Published = nil
			if err := tg.Process(ctx, &a, d.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRate(b, len(docs), cpu0)
}

// BenchmarkTimexActor measures text parsing, the timex stage and the actor stage together.
func BenchmarkTimexActor(b *testing.B) {
	docs := benchDocs(b)
	tx := timex.NewTagger(timex.DefaultOptions())
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a := d.a
			doc := text.Parse(a.Text)
			if err := tx.Process(ctx, &a, doc); err != nil {
				b.Fatal(err)
			}
			if err := tg.Process(ctx, &a, doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRate(b, len(docs), cpu0)
}

// BenchmarkLoadKB measures building the knowledge base from the embedded files.
func BenchmarkLoadKB(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := actor.LoadKB(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTextParse measures text.Parse on the seeds, for reference: the pipeline parses once
// for all stages, and BenchmarkTimexActor includes it.
func BenchmarkTextParse(b *testing.B) {
	docs := benchDocs(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			text.Parse(d.a.Text)
		}
	}
	reportRate(b, len(docs), cpu0)
}
