package clean_test

import (
	"math"
	"testing"

	"github.com/sitrep/sitrep/clean"
)

func TestShingleF1(t *testing.T) {
	tests := []struct {
		name      string
		got, want string
		p, r, f   float64
	}{
		{"Identical", "The ministers met in Geneva on Monday.", "The ministers met in Geneva on Monday.", 1, 1, 1},
		{"PunctuationIgnored", "The ministers -- met, in Geneva!", "The ministers met in Geneva", 1, 1, 1},
		{"BothEmpty", "", "", 1, 1, 1},
		{"NothingExtracted", "", "The ministers met in Geneva", 0, 0, 0},
		{"NoGold", "The ministers met in Geneva", "", 0, 0, 0},
		// want has shingles "a b c d" and "b c d e"; got has only the first.
		{"HalfRecall", "alpha beta gamma delta", "alpha beta gamma delta epsilon", 1, 0.5, 2.0 / 3},
		// got adds "zeta" after the gold text: 2 right shingles, 1 wrong.
		{"ExtraText", "alpha beta gamma delta epsilon zeta", "alpha beta gamma delta epsilon", 2.0 / 3, 1, 0.8},
		{"CaseMatters", "Hello world", "hello world", 0, 0, 0},
		{"ShortTextOneShingle", "Breaking news", "Breaking news", 1, 1, 1},
		{"RepeatsCounted", "one two three four one two three four", "one two three four", 0.2, 1, 1 / 3.0},
		{"UnicodeWords", "Café über Zürich 東京 2024", "Café über Zürich 東京 2024", 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := clean.ShingleF1(tt.got, tt.want)
			if !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f) {
				t.Fatalf("ShingleF1=(%.3f, %.3f, %.3f), want (%.3f, %.3f, %.3f)", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

// TestShingleScore checks the corpus figures: precision is averaged over pages where something
// was extracted, recall over pages with a gold body, and F1 comes from the two averages.
func TestShingleScore(t *testing.T) {
	var s clean.ShingleScore
	s.Add("alpha beta gamma delta", "alpha beta gamma delta epsilon") // p 1, r 0.5
	s.Add("", "alpha beta gamma delta")                               // p not counted, r 0
	s.Add("alpha beta gamma delta", "alpha beta gamma delta")         // p 1, r 1
	p, r, f := s.Result()
	if got, want := s.Pages(), 3; got != want {
		t.Fatalf("pages=%d, want %d", got, want)
	}
	if !near(p, 1) || !near(r, 0.5) || !near(f, 2.0/3) {
		t.Fatalf("Result=(%.3f, %.3f, %.3f), want (1, 0.5, 0.667)", p, r, f)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
