package timex_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/timex"
)

// TestEvalHalves scores the two development sets split by document index parity: the even half
// is where error classes are looked for, the odd half confirms that a change generalises. It
// logs the figures (run with -v) and fails only if a half falls below a floor well under the
// measured figures. With TIMEX_ERRORS set to a folder, it writes each half's error list there.
func TestEvalHalves(t *testing.T) {
	sets := []struct {
		name string
		dir  []string
		read func(string) ([]timex.GoldDoc, error)
	}{
		{"timebank", []string{"data", "timebank"}, timex.ReadTimeML},
		{"meantime", []string{"data", "meantime", "intra-doc_annotation"}, timex.ReadMEANTIME},
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	out := os.Getenv("TIMEX_ERRORS")
	for _, s := range sets {
		docs, err := s.read(seedtest.Shared(t, s.dir...))
		if err != nil {
			t.Fatal(err)
		}
		for parity, half := range []string{"even", "odd"} {
			var part []timex.GoldDoc
			for i, d := range docs {
				if i%2 == parity {
					part = append(part, d)
				}
			}
			sc, err := timex.Evaluate(context.Background(), tg, part, out != "")
			if err != nil {
				t.Fatal(err)
			}
			_, _, sf := sc.Strict()
			_, _, vf := sc.Value()
			t.Logf("%s %s: %d docs, %d gold, %d system; strict F1 %.3f, value F1 %.3f (value acc. %.3f)",
				s.name, half, sc.Docs, sc.Gold, sc.System, sf, vf, sc.ValueAccuracy())
			if vf < 0.70 {
				t.Errorf("%s %s: value F1 %.3f below the 0.70 floor", s.name, half, vf)
			}
			if out != "" {
				p := filepath.Join(out, s.name+"-"+half+".txt")
				if err := os.WriteFile(p, []byte(strings.Join(sc.Errors, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
