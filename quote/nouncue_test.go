package quote_test

import (
	"strings"
	"testing"
)

// TestNounCues checks that words that are both speech verbs and nouns ("dispute", "claims",
// "reports") start an attribution only as verbs: "since the mackerel dispute flared" has no
// speaker "the mackerel" denying "flared in May".
func TestNounCues(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		want []string // "speaker|cue|content prefix" of every quote expected; nil: none
	}{
		{"NounThenVerb", "Negotiators met in Copenhagen on Thursday for the first formal talks since the mackerel dispute flared in May.", nil},
		{"NounThenComma", "Markets calmed after Norway and Iceland settled their mackerel dispute, although lower catches will cut volumes next year.", nil},
		{"NounThenPreposition", "The seizure was the first since the quota dispute between the two governments began in the spring.", nil},
		{"NounInsideContent", "Executives said the quota dispute had little effect on salmon prices.",
			[]string{"Executives|said|the quota dispute had little effect"}},
		{"NounReportsThenAux", "Local reports have put the number of injured at twelve.", nil},
		{"VerbWithObject", "Norway disputed Iceland's account of the collision near the fishing zone.",
			[]string{"Norway|disputed|Iceland's account of the collision"}},
		{"VerbWithThat", "The owners of the trawler dispute that the boat was inside Norwegian waters.",
			[]string{"The owners of the trawler|dispute|the boat was inside Norwegian waters"}},
		{"VerbAfterComma", "The vessel was already inside the closed zone, the coast guard report claims.",
			[]string{"the coast guard report|claims|The vessel was already inside the closed zone"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := run(t, tt.text, nil, nil)
			var got []string
			for _, q := range a.Quotes {
				got = append(got, q.Speaker.Text+"|"+q.Cue+"|"+q.Text)
			}
			checkPrefixes(t, got, tt.want)
		})
	}
}

// TestClauseSources checks that a source is a noun phrase, never a clause opened by a
// conjunction, by "that" before a name, or by a speech verb (which makes the cue a verb of
// another attribution's content).
func TestClauseSources(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string // want: "speaker|content prefix" of a quote that must be there ("" none)
	}{
		{"ThatName", "The fisheries ministry said its proposal was unchanged and that Iceland had raised new demands on access to Norwegian waters.",
			"The fisheries ministry|its proposal was unchanged"},
		{"SpeechVerb", "The coach complained that the referee had added too much time, but admitted his team had defended poorly at the end.", ""},
		{"Where", "Analysts said the incident had hardened opinion in Iceland, where polls show strong support for the government's position.",
			"Analysts|the incident had hardened opinion"},
		{"NounRules", "Both countries signed an agreement that sets rules for their coast guards at sea.", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := run(t, tt.text, nil, nil)
			found := tt.want == ""
			for _, q := range a.Quotes {
				sp := q.Speaker.Text
				for _, bad := range []string{"that ", "and", "where", "admitted", "insisted", "sets"} {
					if strings.HasPrefix(sp, bad) {
						t.Errorf("clause as source: %q | %q", sp, q.Text)
					}
				}
				if tt.want != "" && strings.HasPrefix(sp+"|"+q.Text, tt.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no quote %q among %d", tt.want, len(a.Quotes))
			}
		})
	}
}

// checkPrefixes checks that got has exactly one entry per want, each starting with it.
func checkPrefixes(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("quotes %q, want %q", got, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("quote %d: %q, want prefix %q", i, got[i], w)
		}
	}
}
