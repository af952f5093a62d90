package acttry

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/text"
)

func TestMT(t *testing.T) {
	docs, err := actor.ReadMEANTIME("/work/shared/data/meantime")
	if err != nil {
		t.Fatal(err)
	}
	tg := actor.NewTagger(actor.MustLoadKB(), actor.DefaultOptions())
	want := os.Getenv("MTDOC")
	for _, d := range docs {
		if !strings.Contains(d.Name, want) {
			continue
		}
		a := &sitrep.Article{Text: d.Text, Published: d.Published}
		tg.Process(context.Background(), a, text.Parse(a.Text))
		lines := strings.SplitN(d.Text, "\n", 8)
		fmt.Println("=====", d.Name)
		fmt.Println(strings.Join(lines[:min(7, len(lines))], "\n"))
		lim := len(strings.Join(lines[:min(7, len(lines))], "\n"))
		for _, m := range a.Mentions {
			if m.Start < lim {
				fmt.Printf("  %q %s %s %s\n", m.Text, m.Type, m.ActorID, m.Resolution)
			}
		}
	}
}
