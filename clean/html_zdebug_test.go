package clean_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

func TestZDebugPage(t *testing.T) {
	want := os.Getenv("PAGE")
	if want == "" {
		t.Skip()
	}
	dir := seedtest.Shared(t, "data", "aeb")
	pages, _ := clean.LoadAEB(dir)
	for _, p := range pages {
		if !strings.Contains(p.URL, want) {
			continue
		}
		src, _ := clean.ReadAEBHTML(dir, p.ID)
		res, err := clean.ExtractHTML(context.Background(), src, clean.HTMLOptions{Fallback: os.Getenv("NOFB") == "", URL: p.URL})
		fmt.Println("ERR", err, "FLAGS", res.Flags)
		fmt.Println("=== GOT\n" + res.Text)
		fmt.Println("=== GOLD\n" + p.Gold)
		for _, r := range res.Removed { fmt.Printf("REMOVED %s: %s\n", r.Reason, r.Text) }
	}
}
