package quote_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

func TestDumpSeeds(t *testing.T) {
	if os.Getenv("QUOTE_DUMP") == "" {
		t.Skip("set QUOTE_DUMP=1")
	}
	st := quote.New(quote.DefaultOptions(), nil)
	for _, s := range seedtest.Seeds(t) {
		a := &sitrep.Article{Text: s.Raw, Published: &s.Published}
		if err := st.Process(t.Context(), a, text.Parse(a.Text)); err != nil {
			t.Fatal(err)
		}
		fmt.Println("=====", s.Name)
		for i, q := range a.Quotes {
			fmt.Printf("%d [%s p=%d] %q\n   speaker=%s/%q desc=%q via=%v cue=%q hedge=%s\n", i, q.Kind, q.Parent, trunc(q.Text), q.Speaker.Kind, q.Speaker.Text, q.Speaker.Description, vias(q.Via), q.Cue, q.Hedge)
		}
	}
}

func trunc(s string) string {
	if len(s) > 90 {
		return s[:60] + "…" + s[len(s)-25:]
	}
	return s
}

func vias(v []sitrep.Source) []string {
	var out []string
	for _, s := range v {
		out = append(out, s.Kind+":"+s.Text)
	}
	return out
}
