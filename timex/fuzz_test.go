package timex_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/timex"
)

// FuzzTagger feeds arbitrary text: the tagger must not panic, and every expression must be a
// valid, ordered, non-overlapping span of the text.
func FuzzTagger(f *testing.F) {
	for _, s := range []string{
		"The cabinet met on Thursday, Oct. 10, 2024, at 3:30 p.m. EST.",
		"late Thursday evening", "the 12-day war", "within weeks or months", "mid-", "the 1990s",
		"'90s", "2024-13-45", "02/30/2024", "Feb. 30", "last Oct. 99", "the 1988 second quarter",
		"every other week", "a year ago", "12-", "the -day war", "Q5 2024", "9 a.m. Tuesday",
		strings.Repeat("Monday ", 50), "\xff\xfe Oct", "twenty-", "noon Thursday night",
		"2 1/", "1 1/2 years", "half an", "and a half", "year's end", "year-end", "the day before,",
		"In 2015. The next year", "the quarter ended Feb. 30", "10 a.m. (GMT) Friday",
	} {
		f.Add(s, true)
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	pub := time.Date(2024, 10, 11, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, dated bool) {
		a := &sitrep.Article{Text: s}
		if dated {
			a.Published = &pub
		}
		if err := tg.Process(context.Background(), a, nil); err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, e := range a.Timexes {
			if e.Start < prev || e.End <= e.Start || e.End > len(s) {
				t.Fatalf("bad span [%d,%d) after %d in %q", e.Start, e.End, prev, s)
			}
			if s[e.Start:e.End] != e.Text {
				t.Fatalf("text %q != span %q", e.Text, s[e.Start:e.End])
			}
			if utf8.ValidString(s) && !utf8.ValidString(e.Text) {
				t.Fatalf("span splits a rune: %q", e.Text)
			}
			prev = e.End
		}
	})
}

// TestHugeInput bounds the work on a very long text.
func TestHugeInput(t *testing.T) {
	opts := timex.DefaultOptions()
	opts.MaxTokens = 10_000
	tg := timex.NewTagger(opts)
	s := strings.Repeat("On Thursday, 2,000 people met for three days in early October 2024. ", 20_000)
	t0 := time.Now()
	es := tg.Tag(s, nil)
	if d := time.Since(t0); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(es) == 0 {
		t.Error("no expressions")
	}
	if last := es[len(es)-1]; last.End > 200_000 {
		t.Errorf("expression at %d beyond the token bound", last.End)
	}
}
