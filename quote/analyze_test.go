package quote_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
)

func ov(a quote.Piece, bs []quote.Piece) bool {
	for _, b := range bs {
		if min(a.End, b.End) > max(a.Start, b.Start) {
			return true
		}
	}
	return false
}

// TestPolNeARMisses lists frequent cues of missed gold attributions and sample false positives
// (development aid, $QUOTE_MISSES=train).
func TestPolNeARMisses(t *testing.T) {
	split := os.Getenv("QUOTE_MISSES")
	if split == "" {
		t.Skip("set QUOTE_MISSES=train")
	}
	docs, err := quote.LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), split)
	if err != nil {
		t.Fatal(err)
	}
	ex := quote.NewExtractor()
	miss := map[string]int{}
	var fps []string
	var srcMiss []string
	var samples []string
	for _, d := range docs {
		rs := []rune(d.Text)
		txt := func(ps []quote.Piece) string {
			var b []string
			for _, p := range ps {
				if p.End <= len(rs) {
					b = append(b, string(rs[p.Start:p.End]))
				}
			}
			return strings.Join(b, " ")
		}
		preds := quote.Predictions(ex, d)
		for _, g := range d.Gold {
			hit, hitc := false, false
			for _, p := range preds {
				if ov(p.Content, g.Content) {
					hitc = true
					if len(g.Source) == 0 && p.Source.End == p.Source.Start || ov(p.Source, g.Source) {
						hit = true
					}
				}
			}
			if os.Getenv("QUOTE_DIRECT") != "" && !g.Direct {
				continue
			}
			if !hit && os.Getenv("QUOTE_DIRECT") != "" && len(samples) < 50 {
				lo := g.Content[0].Start
				hi := g.Content[len(g.Content)-1].End
				for _, p := range append(g.Source, g.Cue...) {
					lo, hi = min(lo, p.Start), max(hi, p.End)
				}
				samples = append(samples, fmt.Sprintf("SRC=%q hitc=%v || %q", txt(g.Source), hitc, trunc2(string(rs[max(lo-30, 0):min(hi+10, len(rs))]))))
			}
			if !hitc {
				miss[strings.ToLower(txt(g.Cue))]++
				if w := os.Getenv("QUOTE_CUE"); w != "" && (strings.ToLower(txt(g.Cue)) == w || w == "*" && len(miss)%7 == 0) && len(samples) < 60 {
					lo := g.Content[0].Start
					hi := g.Content[len(g.Content)-1].End
					for _, p := range append(g.Source, g.Cue...) {
						lo, hi = min(lo, p.Start), max(hi, p.End)
					}
					samples = append(samples, fmt.Sprintf("SRC=%q || %q", txt(g.Source), trunc2(string(rs[max(lo-30, 0):min(hi+10, len(rs))]))))
				}
			} else if !hit && len(srcMiss) < 4000 {
				srcMiss = append(srcMiss, fmt.Sprintf("gold src=%q cue=%q", txt(g.Source), txt(g.Cue)))
			}
		}
		for _, p := range preds {
			if p.Source.End < p.Source.Start || p.Content.End < p.Content.Start {
				fmt.Printf("BAD %+v in %s\n", p, d.Name)
			}
			found := false
			for _, g := range d.Gold {
				if ov(p.Content, g.Content) && (len(g.Source) == 0 && p.Source.End == p.Source.Start || ov(p.Source, g.Source)) {
					found = true
				}
			}
			if os.Getenv("QUOTE_FP") == "direct" && !p.Direct {
				continue
			}
			if !found && p.Source.End >= p.Source.Start && p.Content.End >= p.Content.Start {
				fps = append(fps, fmt.Sprintf("src=%q content=%q", string(rs[p.Source.Start:p.Source.End]), trunc(string(rs[p.Content.Start:p.Content.End]))))
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range miss {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v })
	lim := 60
	if os.Getenv("QUOTE_ALL") != "" {
		lim = len(kvs)
	}
	for i := 0; i < lim && i < len(kvs); i++ {
		fmt.Printf("%5d %q\n", kvs[i].v, kvs[i].k)
	}
	for _, x := range samples {
		fmt.Println(x)
	}
	fmt.Println("false positives:", len(fps))
	for i := 0; i < len(fps); i += len(fps)/40 + 1 {
		fmt.Println(fps[i])
	}
	fmt.Println("source misses:", len(srcMiss))
	for i := 0; i < len(srcMiss); i += len(srcMiss)/40 + 1 {
		fmt.Println(srcMiss[i])
	}
}

func trunc2(s string) string {
	r := []rune(s)
	if len(r) > 300 {
		return string(r[:150]) + " … " + string(r[len(r)-150:])
	}
	return s
}
