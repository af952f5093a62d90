package actor_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/text"
)

func FuzzTagger(f *testing.F) {
	for _, s := range []string{
		"Israel's defense minister Yoav Gallant, said", "“He added,” the former president said.",
		"Yoav Gallant, head of Israel's", "the press secretary of", "US$ 40", "Biden-Netanyahu-", ", , ,",
		"Office/ Jim WatsonAFP", "Special Envoy to the", "\"\"\"", "Mr.", "The Israeli Prime Minister of",
	} {
		f.Add(s, true)
	}
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	f.Fuzz(func(t *testing.T, s string, dated bool) {
		a := &sitrep.Article{Text: s}
		if dated {
			d := date("2024-10-11")
			a.Published = &d
		}
		if err := tg.Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, ac := range a.Actors {
			ids[ac.ID] = true
		}
		for _, m := range a.Mentions {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
			if !ids[m.ActorID] {
				t.Fatalf("mention %+v points to no actor", m)
			}
		}
	})
}

func FuzzParsePETRARCH(f *testing.F) {
	f.Add("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n")
	f.Add("<!-- x\nX [A 1-2] [B >] [C <x] [")
	kb := actor.MustLoadKB() // one KB per fuzzing process; merges accumulate
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		es, err := actor.ParsePETRARCH(strings.NewReader(s))
		if err != nil {
			t.Fatal(err) // only read errors may fail, and a string reader has none
		}
		kb.Merge(es, true)
		for _, e := range es {
			kb.Find(e.Name, time.Time{})
		}
	})
}
