package acttry

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

func TestShow(t *testing.T) {
	kb := actor.MustLoadKB()
	tg := actor.NewTagger(kb, actor.DefaultOptions())
	for _, s := range seedtest.Seeds(t) {
		p := s.Published
		a := &sitrep.Article{Text: s.Raw, Published: &p}
		tg.Process(context.Background(), a, text.Parse(a.Text))
		fmt.Println("=====", s.Name)
		for _, m := range a.Mentions {
			fmt.Printf("%-40q %-8s %-22s %-10s %s\n", m.Text, m.Type, m.ActorID, m.Resolution, m.Role)
		}
		for _, ac := range a.Actors {
			b, _ := json.Marshal(ac)
			fmt.Println(string(b))
		}
	}
}
