package timex_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// BenchmarkTagger measures the stage alone on the five seeds (text parsed once beforehand, as the
// pipeline does). One iteration tags all five; it reports articles per wall-clock second and per
// CPU second (the latter is steadier when other processes load the machine).
func BenchmarkTagger(b *testing.B) {
	seeds := seedtest.Seeds(b)
	type in struct {
		a   *sitrep.Article
		doc *text.Doc
	}
	ins := make([]in, len(seeds))
	for i, s := range seeds {
		p := s.Published
		ins[i] = in{&sitrep.Article{Text: s.Raw, Published: &p}, text.Parse(s.Raw)}
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	ctx := context.Background()
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, x := range ins {
			if err := tg.Process(ctx, x.a, x.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(ins))/b.Elapsed().Seconds(), "articles/s")
	// CPU time includes the benchmark's own goroutines (the GC) but not other processes: on a
	// shared, loaded box it is the fairer figure.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N*len(ins))/cpu.Seconds(), "articles/cpu-s")
	}
}
