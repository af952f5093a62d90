package clean

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
)

func TestDebugSeeds(t *testing.T) {
	if os.Getenv("SEEDDUMP") == "" {
		t.Skip()
	}
	for _, sd := range seedtest.Seeds(t) {
		a := &sitrep.Article{Raw: sd.Raw, RawFormat: "text"}
		New(DefaultOptions()).Clean(context.Background(), a)
		fmt.Printf("##### %s\nTITLE: %q DATELINE: %q LANG %s\n", sd.Name, a.Title, a.Dateline, a.Language)
		for _, r := range a.Removed {
			fmt.Printf("  - [%s] %.120q\n", r.Reason, r.Text)
		}
		for _, r := range a.Repairs {
			fmt.Printf("  * [%s] %q -> %q\n", r.Reason, r.From, r.To)
		}
		for _, f := range a.Flags {
			fmt.Printf("  ! [%s] %q %s\n", f.Kind, a.Text[f.Start:f.End], f.Detail)
		}
		fmt.Println(a.Text[:min(300, len(a.Text))])
	}
}
