package clean

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

func TestDebugAEBPage(t *testing.T) {
	id := os.Getenv("AEBPAGE")
	if id == "" {
		t.Skip()
	}
	pages, err := LoadAEBText("/work/shared/data/aeb")
	if err != nil {
		t.Fatal(err)
	}
	for _, pg := range pages {
		if !strings.HasPrefix(pg.ID, id) {
			continue
		}
		a := &sitrep.Article{Raw: pg.Text, RawFormat: "text"}
		New(DefaultOptions()).Clean(context.Background(), a)
		fmt.Println("TITLE:", a.Title, "| DATELINE:", a.Dateline, "| LANG:", a.Language)
		kept := map[string]bool{}
		for _, p := range strings.Split(a.Text, "\n\n") {
			kept[p] = true
		}
		for _, r := range a.Removed {
			fmt.Printf("  - [%s] %.150q\n", r.Reason, r.Text)
		}
		fmt.Println("=== TEXT")
		fmt.Println(a.Text)
		fmt.Println("=== GOLD")
		fmt.Println(pg.Gold)
	}
}
