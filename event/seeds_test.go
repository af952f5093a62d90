package event_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// codeSeeds runs the coder over the five seeds (raw text, which is mostly body) and returns the
// events per seed prefix ("000" … "004").
func codeSeeds(t *testing.T) map[string]*sitrep.Article {
	t.Helper()
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*sitrep.Article{}
	for _, sd := range seedtest.Seeds(t) {
		pub := sd.Published
		a := &sitrep.Article{ID: sd.Name, Text: sd.Raw, Published: &pub}
		if err := c.Process(context.Background(), a, text.Parse(a.Text)); err != nil {
			t.Fatal(err)
		}
		out[sd.Name[:3]] = a
	}
	return out
}

func TestSeeds(t *testing.T) {
	arts := codeSeeds(t)
	tests := []struct {
		name     string
		seed     string
		src, tgt string // country prefixes of the codes
		plover   string
		mode     string
		trigger  string // a word of the trigger
		date     string // expected date, when checked
	}{
		{"BidenNetanyahuNegotiate", "000", "USA", "ISR", "CONSULT", sitrep.ModeAsserted, "negotiate", ""},
		{"IsraelPlannedRetaliation", "000", "ISR", "IRN", "ASSAULT", sitrep.ModePlanned, "retaliation", ""},
		{"USNotParticipateCounterStrike", "001", "USA", "IRN", "ASSAULT", sitrep.ModeNegated, "counter-strike", ""},
		{"IranAttackOnIsrael", "001", "IRN", "ISR", "ASSAULT", sitrep.ModeAsserted, "attack", ""},
		{"NetanyahuAsksTrumpToPostpone", "002", "ISR", "USA", "REQUEST", sitrep.ModeReported, "asked", ""},
		{"TrumpThreatensIran", "002", "USA", "IRN", "THREATEN", sitrep.ModeThreatened, "threatened", ""},
		{"NetanyahuMeetsTrump", "003", "ISR", "USA", "CONSULT", sitrep.ModeAsserted, "met", ""},
		{"USResumesTalksWithIran", "003", "USA", "IRN", "CONSULT", sitrep.ModeAsserted, "talks", ""},
		{"IranOct1MissileAttack", "004", "IRN", "", "ASSAULT", sitrep.ModeAsserted, "missile attack", "2024-10-01"},
		{"IsraelPlansToRetaliate", "004", "ISR", "IRN", "", sitrep.ModePlanned, "retaliate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := arts[tt.seed]
			if a == nil {
				t.Skipf("seed %s absent", tt.seed)
			}
			for _, e := range a.Events {
				if !strings.HasPrefix(e.Source.Code, tt.src) || !strings.HasPrefix(e.Target.Code, tt.tgt) {
					continue
				}
				if tt.plover != "" && e.PLOVER != tt.plover || !strings.Contains(strings.ToLower(e.Trigger), tt.trigger) {
					continue
				}
				if got, want := e.Mode, tt.mode; got != want {
					t.Fatalf("event %s→%s %q: mode=%s, want %s", e.Source.Code, e.Target.Code, e.Trigger, got, want)
				}
				if tt.date != "" && e.Date != tt.date {
					t.Fatalf("event %q: date=%s (%s), want %s", e.Trigger, e.Date, e.DateSource, tt.date)
				}
				return
			}
			for _, e := range a.Events {
				t.Logf("  %s→%s %s %s %s %q", e.Source.Code, e.Target.Code, e.CAMEO, e.PLOVER, e.Mode, e.Trigger)
			}
			t.Fatalf("no %s event %s→%s with trigger %q in seed %s", tt.plover, tt.src, tt.tgt, tt.trigger, tt.seed)
		})
	}
	t.Run("NoEarthquakeEvent", func(t *testing.T) {
		for _, e := range arts["001"].Events {
			if strings.Contains(strings.ToLower(e.Trigger), "earthquake") {
				t.Fatalf("figurative earthquake coded as %s %s", e.CAMEO, e.PLOVER)
			}
		}
	})
	t.Run("NegatedNotHappened", func(t *testing.T) {
		for _, e := range arts["001"].Events {
			if strings.Contains(e.Trigger, "counter-strike") && e.Source.Code == "USA" && e.Happened() {
				t.Fatalf("negated US counter-strike counted as happened")
			}
		}
	})
}

// TestEarthquakeMetaphor checks the figurative use on its own, in text written for the test.
func TestEarthquakeMetaphor(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"The vote was a political earthquake for Germany, analysts said.",
		"France and Italy are locked in a war of words over migration.",
		"Japan launched a charm offensive in Brazil this week.",
	} {
		a := &sitrep.Article{Text: s}
		if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatal(err)
		}
		if len(a.Events) != 0 {
			t.Errorf("%q: got %d events (%s %q), want none", s, len(a.Events), a.Events[0].CAMEO, a.Events[0].Trigger)
		}
	}
}

// TestConcurrent codes the seeds from several goroutines with one coder (run with -race).
func TestConcurrent(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	seeds := seedtest.Seeds(t)
	done := make(chan int, 4)
	for g := 0; g < 4; g++ {
		go func() {
			n := 0
			for _, sd := range seeds {
				pub := sd.Published
				a := &sitrep.Article{Text: sd.Raw, Published: &pub}
				if err := c.Process(context.Background(), a, text.Parse(a.Text)); err == nil {
					n += len(a.Events)
				}
			}
			done <- n
		}()
	}
	first := <-done
	for g := 1; g < 4; g++ {
		if n := <-done; n != first {
			t.Fatalf("goroutines coded %d and %d events from the same seeds", first, n)
		}
	}
}
