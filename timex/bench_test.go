package timex_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

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

// BenchmarkTaggerCorpus measures the stage alone on the ECB+ development news articles (read from
// the shared folder at test time; 772 short reports). One iteration tags every article.
func BenchmarkTaggerCorpus(b *testing.B) {
	path := seedtest.Shared(b, "data", "ecbplus-dev", "docs.jsonl")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	type in struct {
		a   *sitrep.Article
		doc *text.Doc
	}
	var ins []in
	pub := time.Date(2013, 4, 12, 0, 0, 0, 0, time.UTC)
	for line := range strings.Lines(string(raw)) {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			b.Fatal(err)
		}
		ins = append(ins, in{&sitrep.Article{Text: r.Text, Published: &pub}, text.Parse(r.Text)})
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
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N*len(ins))/cpu.Seconds(), "articles/cpu-s")
	}
}
