package quote_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
)

func TestFPCategories(t *testing.T) {
	split := os.Getenv("QUOTE_CAT")
	if split == "" {
		t.Skip()
	}
	docs, _ := quote.LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), split)
	ex := quote.NewExtractor()
	cats := map[string]int{}
	n := 0
	for _, d := range docs {
		rs := []rune(d.Text)
		for _, p := range quote.Predictions(ex, d) {
			kind := "ind"
			if p.Direct {
				kind = "dir"
			}
			c, s := 0, 0
			for _, g := range d.Gold {
				if ov(p.Content, g.Content) {
					c++
					if len(g.Source) == 0 && p.Source.End == p.Source.Start || ov(p.Source, g.Source) {
						s++
					}
				}
			}
			switch {
			case c == 0:
				cats[kind+" no-gold"]++
				if os.Getenv("QUOTE_SHOW") == kind && n < 40 {
					n++
					fmt.Printf("NOGOLD src=%q content=%q\n", string(rs[p.Source.Start:p.Source.End]), trunc(string(rs[p.Content.Start:p.Content.End])))
				}
			case s == 0:
				cats[kind+" src-mismatch"]++
				if os.Getenv("QUOTE_SHOW") == "src" && n < 40 {
					n++
					gs := ""
					for _, g := range d.Gold {
						if ov(p.Content, g.Content) {
							for _, x := range g.Source {
								gs += string(rs[x.Start:x.End]) + "|"
							}
						}
					}
					fmt.Printf("SRCMIS pred=%q gold=%q content=%q\n", string(rs[p.Source.Start:p.Source.End]), gs, trunc(string(rs[p.Content.Start:p.Content.End])))
				}
			default:
				cats[kind+" ok"]++
			}
		}
	}
	fmt.Println(cats)
}
