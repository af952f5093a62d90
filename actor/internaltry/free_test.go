package acttry

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

func TestFree(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("FREE"))
	a := &sitrep.Article{Text: string(b)}
	if d := os.Getenv("PUB"); d != "" {
		tm, _ := timeParse(d)
		a.Published = &tm
	}
	doc := text.Parse(a.Text)
	timex.NewTagger(timex.DefaultOptions()).Process(context.Background(), a, doc)
	actor.NewTagger(actor.MustLoadKB(), actor.DefaultOptions()).Process(context.Background(), a, doc)
	for _, m := range a.Mentions {
		fmt.Printf("%-40q %-8s %-28s %-10s %s\n", m.Text, m.Type, m.ActorID, m.Resolution, m.Role)
	}
	if a.PublishedInferred != nil {
		fmt.Println(a.PublishedInferred.Earliest, a.PublishedInferred.Latest, a.PublishedInferred.Evidence)
	}
	fmt.Println(a.Flags)
}

func timeParse(s string) (t0 time.Time, err error) { return time.Parse("2006-01-02", s) }
