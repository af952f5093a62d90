package quote_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
)

// TestPolNeARReport prints the PolNeAR figures for the split named in $QUOTE_EVAL (development
// aid; the scorer command is go run ./cmd/sitrep-eval polnear).
func TestPolNeARReport(t *testing.T) {
	split := os.Getenv("QUOTE_EVAL")
	if split == "" {
		t.Skip("set QUOTE_EVAL=dev or train")
	}
	dir := seedtest.Shared(t, "data", "polnear-dev")
	docs, err := quote.LoadPolNeAR(dir, split)
	if err != nil {
		t.Fatal(err)
	}
	quote.WriteReport(os.Stdout, quote.Evaluate(quote.NewExtractor(), docs))
	_ = filepath.Join
}
