package clean_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

// seedWant is what cleaning must produce for one seed article (read from ../shared/seeds).
type seedWant struct {
	title    string
	dateline string
	// debris lines of the raw text that must be gone from Text and listed in Removed.
	debris []string
	// prefix of the first body line that is the dateline and leaves the body with it.
	datelinePrefix string
	// repairs that must have been made (From → To), and strings that must be in the final text.
	repairs  [][2]string
	contains []string
	// blanked slots (the flagged text) and lost words.
	slots []string
	lost  []string
}

var seedWants = map[string]seedWant{
	"000": {
		title:  "Netanyahu notified Biden of Israel's response against Iran and they are already negotiating on the strength of the attack",
		debris: []string{"Voz media US Voz.us", "Biden and Netanyahu at their latest meeting in The Oval Office/ Jim WatsonAFP", "Published by", "tracking"},
	},
	"001": {
		title:  "Diplomatic Tensions and Strategic Responses: The U.S.-Israel Dialogue on Iran",
		debris: []string{"Search", "Close this search box."},
		lost:   []string{"∫"},
	},
	"002": {
		debris: []string{"KURDS PLEA FOR US HELP TOPPLING IRAN REGIME AS TRUMP STEPS BACK FROM INTERVENTION"},
	},
	"003": {
		dateline:       "Washington D.C.",
		datelinePrefix: "Washington D.C. – ",
		repairs: [][2]string{
			{"U.S. Talks", "U.S. talks"}, {"U.S. To", "U.S. to"}, {"U.S. And", "U.S. and"},
			{"U.S. Has", "U.S. has"}, {"U.S. Would", "U.S. would"},
		},
		contains: []string{"that U.S. talks with Iran continue", "urge the U.S. to take a firmer stance",
			"the U.S. and Iran have restarted", "while the U.S. has expressed", "the U.S. would not enter",
			"with the U.S. in the event that"},
		slots: []string{"on ,", "Washington ,"},
	},
	"004": {
		title:          "Call between US, Israeli defense chiefs expected in near future: Pentagon",
		dateline:       "WASHINGTON",
		datelinePrefix: "WASHINGTON -- ",
	},
}

func cleanSeed(t *testing.T, raw string) *sitrep.Article {
	t.Helper()
	a := &sitrep.Article{Raw: raw, RawFormat: "text"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return a
}

// squash lower-cases s and collapses every run of spaces (regular or not) so that body sentences
// can be found in the cleaned text whatever the repairs did to case and spacing.
func squash(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// sentences splits a paragraph into rough sentences at ". ", "? ", "! " (good enough to check
// that no sentence went missing; a wrong split only makes the check stricter).
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

func TestCleanTextSeeds(t *testing.T) {
	for _, sd := range seedtest.Seeds(t) {
		want, ok := seedWants[sd.Name[:3]]
		if !ok {
			continue
		}
		t.Run(sd.Name[:3], func(t *testing.T) {
			a := cleanSeed(t, sd.Raw)
			if got := a.Title; got != want.title {
				t.Errorf("Title=%q, want %q", got, want.title)
			}
			if got := a.Dateline; got != want.dateline {
				t.Errorf("Dateline=%q, want %q", got, want.dateline)
			}
			if !utf8.ValidString(a.Text) {
				t.Fatalf("Text is not valid UTF-8")
			}
			removed := map[string]bool{}
			for _, r := range a.Removed {
				if r.Reason == "" {
					t.Errorf("removal %q has no reason", r.Text)
				}
				removed[r.Text] = true
			}
			paras := map[string]bool{}
			for _, p := range strings.Split(a.Text, "\n\n") {
				paras[p] = true
			}
			debris := map[string]bool{}
			for _, d := range want.debris {
				debris[d] = true
				if !removed[d] {
					t.Errorf("debris line %q not in Removed", d)
				}
				if paras[d] || strings.Contains(a.Text, d+"\n") || strings.HasSuffix(a.Text, d) {
					t.Errorf("debris line %q still in Text", d)
				}
			}
			if want.title != "" && strings.Contains(a.Text, want.title) {
				t.Errorf("title still in Text")
			}
			if strings.Contains(a.Text, "\n\n\n") || strings.HasPrefix(a.Text, "\n") || strings.HasSuffix(a.Text, "\n") {
				t.Errorf("paragraphs not separated by exactly one blank line")
			}
			// every sentence of every body line survives
			text := squash(a.Text)
			first := true
			for _, line := range strings.Split(sd.Raw, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || debris[line] || line == want.title {
					continue
				}
				if first && want.datelinePrefix != "" {
					if !strings.HasPrefix(line, want.datelinePrefix) {
						t.Fatalf("first body line %.40q lacks dateline %q", line, want.datelinePrefix)
					}
					line = strings.TrimPrefix(line, want.datelinePrefix)
					if strings.HasPrefix(a.Text, want.datelinePrefix) {
						t.Errorf("dateline still opens Text")
					}
				}
				first = false
				for _, s := range sentences(line) {
					if !strings.Contains(text, squash(s)) {
						t.Errorf("body sentence lost: %q", s)
					}
				}
			}
			for _, r := range want.repairs {
				found := false
				for _, got := range a.Repairs {
					if got.From == r[0] && got.To == r[1] {
						found = true
					}
				}
				if !found {
					t.Errorf("repair %q → %q not recorded", r[0], r[1])
				}
				if strings.Contains(a.Text, r[0]) {
					t.Errorf("damage %q still in Text", r[0])
				}
			}
			for _, c := range want.contains {
				if !strings.Contains(a.Text, c) {
					t.Errorf("Text lacks %q", c)
				}
			}
			for _, bad := range []string{"â€", "Ã", "\u00a0", "\u200b"} {
				if strings.Contains(a.Text, bad) || strings.Contains(a.Title, bad) {
					t.Errorf("%q left in text", bad)
				}
			}
			checkFlags(t, a, clean.FlagBlankedSlot, want.slots)
			checkFlags(t, a, clean.FlagLostWord, want.lost)
		})
	}
}

// checkFlags asserts that the flags of kind are exactly want (by the text they cover) and that
// every flag's offsets are valid for a.Text.
func checkFlags(t *testing.T, a *sitrep.Article, kind string, want []string) {
	t.Helper()
	var got []string
	for _, f := range a.Flags {
		if f.Start < 0 || f.End > len(a.Text) || f.Start > f.End {
			t.Fatalf("flag %+v out of range (text %d bytes)", f, len(a.Text))
		}
		if f.Kind == kind {
			got = append(got, a.Text[f.Start:f.End])
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s flags=%q, want %q", kind, got, want)
	}
}
