package quote_test

import (
	"fmt"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

func TestDbgBad(t *testing.T) {
	docs, _ := quote.LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), "train")
	ex := quote.NewExtractor()
	for _, d := range docs {
		for _, a := range ex.Extract(text.Parse(d.Text), nil, nil) {
			if a.Start > a.End || a.SourceStart > a.SourceEnd {
				fmt.Printf("%s %+v\n%q\n", d.Name, a, d.Text[min(a.Start, a.End)-80:max(a.End, a.Start)+40])
			}
		}
	}
}
