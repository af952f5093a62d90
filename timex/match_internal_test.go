package timex

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// refLow is the plain definition of matcher.low: what the rules compare against.
func refLow(d *text.Doc, i int) string {
	t := d.Tokens[i]
	w := d.Text[t.Start:t.End]
	switch t.Kind {
	case text.Word, text.Number:
		return strings.ReplaceAll(strings.ToLower(w), "’", "'")
	case text.Possessive:
		return "'s"
	case text.Quote:
		if w == "\"" || w == "“" || w == "”" {
			return "\""
		}
		return "'"
	}
	return w
}

// refTrigger is the plain definition of the trigger test: numbers, an apostrophe, and words of
// at most maxTriggerLen bytes that, lower-cased in ASCII, are trigger words or start with one
// before a hyphen.
func refTrigger(lx *lexicon, d *text.Doc, i int) bool {
	t := d.Tokens[i]
	w := d.Text[t.Start:t.End]
	switch t.Kind {
	case text.Number:
		return true
	case text.Quote:
		return w == "'" || w == "’"
	case text.Word:
	default:
		return false
	}
	if len(w) > maxTriggerLen {
		return false
	}
	b := []byte(w)
	for k, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[k] = c + 'a' - 'A'
		}
	}
	key := string(b)
	if lx.trigger[key] {
		return true
	}
	p := strings.IndexByte(key, '-')
	return p > 0 && lx.trigger[key[:p]]
}

// checkMatcherTokens compares what newMatcher precomputes for each token of s with the plain
// definitions above.
func checkMatcherTokens(t *testing.T, lx *lexicon, s string) {
	t.Helper()
	d := text.Parse(s)
	m := newMatcher(lx, d, nil, len(d.Tokens)+1)
	defer m.release()
	for i := range d.Tokens {
		if got, want := m.low(i), refLow(d, i); got != want {
			t.Fatalf("token %d %q: low=%q, want %q", i, d.Tok(i), got, want)
		}
		if got, want := m.trigger(i), refTrigger(lx, d, i); got != want {
			t.Fatalf("token %d %q: trigger=%v, want %v", i, d.Tok(i), got, want)
		}
	}
	if m.low(-1) != "" || m.low(len(d.Tokens)) != "" {
		t.Fatal("low past either end is not empty")
	}
}

var matcherCases = []string{
	"On Thursday, Oct. 10, the U.S. envoy said mid-October talks would resume in the coming days.",
	"THE TWO-YEAR cease-fire ended Last Week; Q3 and FY2024 results, '90s, 1990s, 12th, 7KM.",
	"Zürich’s mayor met Ünal on Mittwoch; “Today,” she said, ‘it’s over’ — l’Élysée’S reply.",
	"decades-long, Year-End, year-ago, half-year, twenty-five, an-extremely-long-hyphenated-word-here",
	"Kelvin-sign words: \u212aelvin WEE\u212a; dotless \u0130stanbul; \xff\xfe broken bytes.",
}

func TestMatcherTokens(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range matcherCases {
		checkMatcherTokens(t, lx, s)
	}
	if dir := seedtest.SharedDir(); dir != "" {
		for _, s := range seedtest.Seeds(t) {
			checkMatcherTokens(t, lx, s.Raw)
		}
	}
}

func FuzzMatcherTokens(f *testing.F) {
	for _, s := range matcherCases {
		f.Add(s)
	}
	lx, err := loadLexicon()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMatcherTokens(t, lx, s) })
}

func TestWordSet(t *testing.T) {
	words := map[string]bool{"the": true, "last": true, "mid": true, "year-end": true, "off": false}
	var ws wordSet
	if ws.has("the", hashString("the")) {
		t.Fatal("an empty set has a word")
	}
	ws.build(words)
	for w, in := range words {
		if got := ws.has(w, hashString(w)); got != in {
			t.Errorf("has(%q) = %v, want %v", w, got, in)
		}
	}
	for _, w := range []string{"", "th", "thee", "year", "mid-"} {
		if ws.has(w, hashString(w)) {
			t.Errorf("has(%q) = true", w)
		}
	}
}
