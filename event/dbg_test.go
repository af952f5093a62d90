package event

import (
	"context"
	"fmt"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	c, _ := New(DefaultOptions())
	for _, s := range strings.Split(os.Getenv("DBG"), "\n") {
		if s == "" {
			continue
		}
		a := &sitrep.Article{Text: s}
		d := text.Parse(s)
		c.Process(context.Background(), a, d)
		sc := c.newScratch(a, d)
		w := sc.words[d.Sentences[0].TokStart:d.Sentences[0].TokEnd]
		cs := c.candidates(sc, d.Sentences[0].TokStart, d.Sentences[0].TokEnd, w)
		fmt.Println(s)
		for _, cd := range cs {
			fmt.Printf("   cand %q %s g%d\n", cd.text, cd.code, cd.group)
		}
		ms := c.matches(sc, w, c.verbs.ids(w, nil), cs)
		for _, m := range ms {
			fmt.Printf("   match %s %s %d-%d\n", m.id, m.code, m.s, m.e)
		}
		for _, e := range a.Events {
			fmt.Printf("  %s(%s) -> %s(%s) %s %s %s %q %s\n", e.Source.Code, e.Source.Text, e.Target.Code, e.Target.Text, e.CAMEO, e.PLOVER, e.Mode, e.Trigger, e.Rule)
		}
	}
}
