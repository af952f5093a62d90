package event_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// BenchmarkCoder codes the five seeds per iteration (text parsed once beforehand, as in the
// pipeline); articles/s is reported.
func BenchmarkCoder(b *testing.B) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	seeds := seedtest.Seeds(b)
	docs := make([]*text.Doc, len(seeds))
	for i, s := range seeds {
		docs[i] = text.Parse(s.Raw)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, s := range seeds {
			pub := s.Published
			a := &sitrep.Article{Text: s.Raw, Published: &pub}
			if err := c.Process(ctx, a, docs[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(seeds))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkCoderParallel codes the five seeds from as many goroutines as GOMAXPROCS, sharing
// one coder, as a pipeline with a worker per core does; articles/s is the wall-clock
// throughput of all cores together.
func BenchmarkCoderParallel(b *testing.B) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	seeds := seedtest.Seeds(b)
	docs := make([]*text.Doc, len(seeds))
	for i, s := range seeds {
		docs[i] = text.Parse(s.Raw)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for j, s := range seeds {
				pub := s.Published
				a := &sitrep.Article{Text: s.Raw, Published: &pub}
				if err := c.Process(ctx, a, docs[j]); err != nil {
					b.Error(err)
					return
				}
			}
		}
	})
	b.ReportMetric(float64(b.N*len(seeds))/b.Elapsed().Seconds(), "articles/s")
}

// FuzzCoder checks that arbitrary text never panics and yields events whose spans lie inside
// the text.
func FuzzCoder(f *testing.F) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Israel's planned retaliation against Iran was discussed.")
	f.Add("Iran was attacked by and and , , 's 's by by Israel")
	f.Add("If Egypt refuses to not threaten to threaten to attack Gaza, Oct 99 Israeli officials")
	f.Add("\xff\xfe 'S ’s ... * ( | ) ~ + !recip")
	f.Fuzz(func(t *testing.T, s string) {
		a := &sitrep.Article{Text: s, Quotes: []sitrep.Quote{{Start: 0, End: len(s) / 2}}}
		if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Events {
			if e.Start < 0 || e.End > len(s) || e.Start > e.End {
				t.Fatalf("event span %d-%d outside text of %d bytes", e.Start, e.End, len(s))
			}
			if e.Source.Code == "" && e.Source.Text == "" {
				t.Fatalf("event without source: %+v", e)
			}
		}
	})
}
