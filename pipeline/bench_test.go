//go:build unix

package pipeline_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/timex"
)

// The benchmarks in this file measure what the box really delivers: the stages built exactly as
// cmd/sitrep builds them (newPipeline), run through Pipeline.Analyze (which parses the text once
// and runs the stages in order) on many articles at once, GOMAXPROCS goroutines in parallel. Run
// them with -cpu 1,2 for the single-core and the two-core figures, e.g.
//
//	go test ./pipeline -run XXX -bench BenchmarkPipeline -benchtime 2000x -cpu 1,2
//
// Each reports articles per wall-clock second (what a batch gets on this box, other load
// included) and articles per CPU second of this process (steadier when other processes load the
// machine; with -cpu 2 it counts both cores' work).

// benchArticles returns clean articles to analyse: the five seeds, cleaned as cmd/sitrep cleans
// a text file and dated as the project dates them, and, when withCorpus is set, the 772 ECB+
// development news reports (read from the shared folder, no publication date, as a text file
// without metadata arrives).
func benchArticles(b *testing.B, withCorpus bool) []sitrep.Article {
	b.Helper()
	ctx := context.Background()
	cl := clean.New(clean.DefaultOptions())
	var out []sitrep.Article
	for _, s := range seedtest.Seeds(b) {
		p := s.Published
		a := sitrep.Article{ID: s.Name, Raw: s.Raw, RawFormat: "text", Published: &p}
		if err := cl.Clean(ctx, &a); err != nil {
			b.Fatalf("clean %s: %v", s.Name, err)
		}
		out = append(out, a)
	}
	if !withCorpus {
		return out
	}
	raw, err := os.ReadFile(seedtest.Shared(b, "data", "ecbplus-dev", "docs.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(raw)) {
		var r struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			b.Fatal(err)
		}
		a := sitrep.Article{ID: r.ID, Raw: r.Text, RawFormat: "text"}
		if err := cl.Clean(ctx, &a); err != nil {
			b.Fatalf("clean %s: %v", r.ID, err)
		}
		out = append(out, a)
	}
	return out
}

// benchStages returns the analysis stages as cmd/sitrep wires them; all is false for the
// stages of issue 3 only (timex and actor; text parsing is part of Analyze).
func benchStages(b *testing.B, all bool) []pipeline.Stage {
	b.Helper()
	kb, err := actor.LoadKB()
	if err != nil {
		b.Fatal(err)
	}
	stages := []pipeline.Stage{
		timex.NewTagger(timex.DefaultOptions()),
		actor.NewTagger(kb, actor.DefaultOptions()),
	}
	if all {
		coder, err := event.New(event.DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		stages = append(stages, quote.New(quote.DefaultOptions(), slog.New(slog.DiscardHandler)), coder)
	}
	return stages
}

// BenchmarkPipeline measures text parsing, timex and actor together (issue 3's three stages) and,
// for reference, every analysis stage, on the cleaned seeds alone and on the seeds plus the ECB+
// reports. Cleaning is done beforehand: it is not one of the stages measured.
func BenchmarkPipeline(b *testing.B) {
	for _, bc := range []struct {
		name            string
		all, withCorpus bool
	}{
		{"TimexActor/seeds", false, false},
		{"TimexActor/corpus", false, true},
		{"AllStages/seeds", true, false},
		{"AllStages/corpus", true, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			arts := benchArticles(b, bc.withCorpus)
			p := &pipeline.Pipeline{Stages: benchStages(b, bc.all)}
			runParallel(b, p, arts)
		})
	}
}

// runParallel analyses copies of arts, round robin, on GOMAXPROCS goroutines until b.N articles
// are done, and reports the throughput.
func runParallel(b *testing.B, p *pipeline.Pipeline, arts []sitrep.Article) {
	ctx := context.Background()
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a := arts[int(next.Add(1)-1)%len(arts)] // a shallow copy: stages replace, never edit, its slices
			if err := p.Analyze(ctx, &a); err != nil {
				b.Error(err)
				return
			}
		}
	})
	cpu := cpuTime() - cpu0
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}

// cpuTime returns the CPU time (user + system, all threads) the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
