package clean

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

func TestDebugReason(t *testing.T) {
	reason := os.Getenv("AEBREASON")
	if reason == "" {
		t.Skip()
	}
	pages, _ := LoadAEBText("/work/shared/data/aeb")
	for _, pg := range pages {
		a := &sitrep.Article{Raw: pg.Text, RawFormat: "text"}
		New(DefaultOptions()).Clean(context.Background(), a)
		lost := 0
		first := ""
		for _, r := range a.Removed {
			if r.Reason == reason && len(r.Text) > 30 && strings.Contains(pg.Gold, r.Text) {
				lost += len(r.Text)
				if first == "" {
					first = r.Text
				}
			}
		}
		if lost > 0 {
			_, rc, _ := ShingleF1(a.Text, pg.Gold)
			fmt.Printf("%s lost %5d chars R %.2f  e.g. %.100q\n", pg.ID[:12], lost, rc, first)
		}
	}
}
