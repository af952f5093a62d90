package timex_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

// TestSeeds checks the expressions of the five seed articles (raw text, read at test time) with
// the publication dates the project uses for them.
func TestSeeds(t *testing.T) {
	type want struct {
		text, typ, value, mod string
	}
	cases := map[string][]want{
		"000": {
			{"Thursday", "DATE", "2024-10-10", ""},
			{"early October", "DATE", "2024-10", "START"},
			{"the coming days", "DATE", "FUTURE_REF", ""},
			{"yesterday", "DATE", "2024-10-10", ""},
			{"more than a month", "DURATION", "P1M", "MORE_THAN"},
		},
		"001": {
			{"the weekend", "DATE", "2024-W15-WE", ""},
		},
		"002": {
			{"Friday", "DATE", "2026-01-16", ""},
			{"Wednesday", "DATE", "2026-01-14", ""},
			{"Thursday", "DATE", "2026-01-15", ""},
		},
		"003": {
			{"the 12-day war", "EVENT", "2025-06", ""},
			{"weeks or months", "DATE", "FUTURE_REF", ""},
			{"2015", "DATE", "2015", ""},
			{"2018", "DATE", "2018", ""},
		},
		"004": {
			{"Thursday", "DATE", "2024-10-10", ""},
			{"Wednesday", "DATE", "2024-10-09", ""},
			{"Oct 1", "DATE", "2024-10-01", ""},
			{"late Thursday evening", "TIME", "2024-10-10TEV", "END"},
			{"this week", "DATE", "2024-W41", ""},
		},
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	for _, seed := range seedtest.Seeds(t) {
		ws, ok := cases[seed.Name[:3]]
		if !ok {
			continue
		}
		t.Run(seed.Name[:3], func(t *testing.T) {
			pub := seed.Published
			a := &sitrep.Article{Text: seed.Raw, Published: &pub}
			if err := tg.Process(context.Background(), a, text.Parse(a.Text)); err != nil {
				t.Fatal(err)
			}
			for _, w := range ws {
				n := 0
				for _, e := range a.Timexes {
					if e.Text != w.text {
						continue
					}
					n++
					if e.Type != w.typ || e.Value != w.value || e.Mod != w.mod {
						t.Errorf("%q at %d: got %s %q mod %q, want %s %q mod %q", w.text, e.Start, e.Type, e.Value, e.Mod, w.typ, w.value, w.mod)
					}
				}
				if n == 0 {
					t.Errorf("%q not found; got:%s", w.text, dump(a.Timexes))
				}
			}
		})
	}
}

// TestSeedsNoPublished checks that without a publication date the relative expressions stay
// unresolved, the explicit ones keep their values, and the publication date is bounded below by
// explicit dates.
func TestSeedsNoPublished(t *testing.T) {
	tg := timex.NewTagger(timex.DefaultOptions())
	seed := seedtest.SeedByPrefix(t, "003")
	a := &sitrep.Article{Text: seed.Raw}
	if err := tg.Process(context.Background(), a, nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Timexes {
		if e.Text == "2018" && e.Value != "2018" {
			t.Errorf("2018: value %q", e.Value)
		}
		if e.Text == "the coming weeks" && e.Value != "FUTURE_REF" {
			t.Errorf("the coming weeks: value %q", e.Value)
		}
	}
	if a.PublishedInferred == nil {
		t.Fatal("no inferred publication date")
	}
	if got, want := a.PublishedInferred.Earliest, time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("earliest=%v, want %v", got, want)
	}
	if len(a.PublishedInferred.Evidence) == 0 || !strings.Contains(a.PublishedInferred.Evidence[len(a.PublishedInferred.Evidence)-1], "2018") {
		t.Errorf("evidence %q does not cite 2018", a.PublishedInferred.Evidence)
	}
}

// TestConcurrent tags the seeds from several goroutines at once with one Tagger: the results must
// equal the sequential ones (run with -race to check the shared state).
func TestConcurrent(t *testing.T) {
	tg := timex.NewTagger(timex.DefaultOptions())
	seeds := seedtest.Seeds(t)
	want := make([][]sitrep.TimeExpr, len(seeds))
	for i, s := range seeds {
		p := s.Published
		want[i] = tg.Tag(s.Raw, &p)
	}
	errs := make(chan string, 8*len(seeds))
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, s := range seeds {
				p := s.Published
				got := tg.Tag(s.Raw, &p)
				if len(got) != len(want[i]) {
					errs <- s.Name
					continue
				}
				for k := range got {
					if got[k] != want[i][k] {
						errs <- s.Name
						break
					}
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for name := range errs {
		t.Errorf("%s: concurrent result differs from the sequential one", name)
	}
}
