package quote_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/text"
)

func TestProbe(t *testing.T) {
	s := os.Getenv("QUOTE_PROBE")
	if s == "" {
		t.Skip()
	}
	s = strings.ReplaceAll(s, `\n`, "\n")
	for _, a := range quote.NewExtractor().Extract(text.Parse(s), nil, nil) {
		fmt.Printf("[%s p=%d cont=%v] src=%q(%s) cue=%q content=%q via=%v hedge=%s\n", a.Kind, a.Parent, a.Continued, s[a.SourceStart:a.SourceEnd], a.Speaker.Text, a.Cue, s[a.Start:a.End], a.Via, a.Hedge)
	}
}
