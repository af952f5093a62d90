package quote

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/seedtest"
)

// TestAnalyzeMisses writes the missed gold attributions and unmatched predictions of a PolNeAR
// split to a directory for error analysis. It runs only when QUOTE_ANALYZE names the output
// directory (QUOTE_SPLIT picks the split, train by default).
func TestAnalyzeMisses(t *testing.T) {
	out := os.Getenv("QUOTE_ANALYZE")
	if out == "" {
		t.Skip("set QUOTE_ANALYZE=dir to run")
	}
	split := os.Getenv("QUOTE_SPLIT")
	if split == "" {
		split = "train"
	}
	docs, err := LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), split)
	if err != nil {
		t.Fatal(err)
	}
	ex := NewExtractor()
	cueMiss := map[string]int{}
	kinds := map[string]int{}
	var missLines, fpLines []string
	for _, d := range docs {
		preds := predictions(ex, d)
		runes := []rune(d.Text)
		span := func(ps []Piece) string {
			var b []string
			for _, p := range ps {
				if p.End <= len(runes) && p.Start < p.End {
					b = append(b, string(runes[p.Start:p.End]))
				}
			}
			return strings.ReplaceAll(strings.Join(b, " … "), "\n", " ")
		}
		usedP := make([]bool, len(preds))
		for _, g := range d.Gold {
			match, contentOnly := -1, -1
			for i, p := range preds {
				if overlap(p.content, g.Content) == 0 {
					continue
				}
				srcOK := (len(g.Source) == 0 && p.source.End <= p.source.Start) || (len(g.Source) > 0 && overlap([]Piece{p.source}, g.Source) > 0)
				if srcOK && !usedP[i] {
					match = i
					break
				}
				contentOnly = i
			}
			if match >= 0 {
				usedP[match] = true
				continue
			}
			cue := strings.ToLower(span(g.Cue))
			cueMiss[cue]++
			kind := "nocontent"
			extra := ""
			if contentOnly >= 0 {
				kind = "badsource"
				extra = " | SYS src=" + span([]Piece{preds[contentOnly].source})
			}
			kinds[kind]++
			missLines = append(missLines, fmt.Sprintf("%s\t%s\tcue=%q\tsrc=%q\tcontent=%q%s", kind, d.Name, cue, span(g.Source), trunc(span(g.Content), 160), extra))
		}
		for i, p := range preds {
			if !usedP[i] {
				fpLines = append(fpLines, fmt.Sprintf("%s\tsrc=%q\tcontent=%q", d.Name, span([]Piece{p.source}), trunc(span(p.content), 160)))
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var cs []kv
	for k, v := range cueMiss {
		cs = append(cs, kv{k, v})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].v > cs[j].v })
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n", kinds)
	for _, c := range cs {
		fmt.Fprintf(&b, "%d\t%s\n", c.v, c.k)
	}
	os.WriteFile(out+"/cues_"+split+".txt", []byte(b.String()), 0o644)
	os.WriteFile(out+"/miss_"+split+".txt", []byte(strings.Join(missLines, "\n")), 0o644)
	os.WriteFile(out+"/fp_"+split+".txt", []byte(strings.Join(fpLines, "\n")), 0o644)
}

func trunc(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// TestEvalSplits prints the PolNeAR train and dev tables and fails when overall F1 falls under
// the floor measured for round 2 (docs/quotes.md); it runs only when QUOTE_EVAL is set (the
// train split takes a few seconds).
func TestEvalSplits(t *testing.T) {
	if os.Getenv("QUOTE_EVAL") == "" {
		t.Skip("set QUOTE_EVAL=1 to run")
	}
	floor := map[string]float64{"train": 0.66, "dev": 0.67}
	for _, split := range []string{"train", "dev"} {
		docs, err := LoadPolNeAR(seedtest.Shared(t, "data", "polnear-dev"), split)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		rep := Evaluate(NewExtractor(), docs)
		WriteReport(&b, rep)
		fmt.Printf("== %s\n%s", split, b.String())
		if got := rep.Overall.F1(); got < floor[split] {
			t.Errorf("%s overall F1=%.3f, want ≥ %.2f", split, got, floor[split])
		}
	}
}
