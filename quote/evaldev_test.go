package quote_test

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
)

// TestPolNeARDev guards the PolNeAR dev figures (plain text, no actor stage) against regressions.
// The thresholds sit a little under the measured values (docs/quotes.md).
func TestPolNeARDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	docs, err := quote.LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), "dev")
	if err != nil {
		t.Fatal(err)
	}
	rep := quote.Evaluate(quote.NewExtractor(), docs)
	var b strings.Builder
	quote.WriteReport(&b, rep)
	t.Log("\n" + b.String())
	if got, want := rep.Direct.F1(), 0.82; got < want {
		t.Errorf("direct F1=%.3f, want ≥ %.2f", got, want)
	}
	if got, want := rep.Overall.F1(), 0.67; got < want {
		t.Errorf("overall F1=%.3f, want ≥ %.2f", got, want)
	}
}

func TestParseBrat(t *testing.T) {
	txt := "Officials said “the talks failed.” The ‘plan’ works, Lee argued."
	ann := "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 34\t“the talks failed.”\nT4\tAttribution 10 14\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tContent 35 51;52 53\tThe ‘plan’ works ,\nT6\tAttribution-no-source 54 58\tLee\nE2\tAttribution-no-source:T6 Content:T5\n" +
		"#1\tAnnotatorNotes T5\tsplit\nover two lines\n"
	gold, err := quote.ParseBrat(strings.NewReader(ann), txt)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 {
		t.Fatalf("attributions=%d, want 2", len(gold))
	}
	if !gold[0].Direct || len(gold[0].Source) != 1 {
		t.Errorf("first = %+v, want direct with a source", gold[0])
	}
	if gold[1].Direct || len(gold[1].Source) != 0 || len(gold[1].Content) != 2 {
		t.Errorf("second = %+v, want indirect, no source, two content pieces", gold[1])
	}
}
