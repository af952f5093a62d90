package clean

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/sitrep/sitrep"
)

// AEBTextPage is one page of the AEB whole-page text input (html-text.json) with its gold body.
type AEBTextPage struct {
	ID   string
	Text string // the whole-page text: body plus menus, footers, related links…
	Gold string
}

// LoadAEBText reads the benchmark's whole-page text conversion (dir/html-text.json) and its gold
// bodies (dir/ground-truth.json) and returns the pages in id order.
func LoadAEBText(dir string) ([]AEBTextPage, error) {
	gold, err := LoadAEB(dir)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "html-text.json"))
	if err != nil {
		return nil, fmt.Errorf("load aeb text: %w", err)
	}
	var ht struct {
		Output map[string]struct {
			ArticleBody string `json:"articleBody"`
		} `json:"output"`
	}
	if err := json.Unmarshal(b, &ht); err != nil {
		return nil, fmt.Errorf("load aeb text: %w", err)
	}
	pages := make([]AEBTextPage, 0, len(gold))
	for _, g := range gold {
		t, ok := ht.Output[g.ID]
		if !ok {
			continue
		}
		pages = append(pages, AEBTextPage{ID: g.ID, Text: t.ArticleBody, Gold: g.Gold})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// AEBTextReport holds the figures of the flattened-text cleaning evaluation.
type AEBTextReport struct {
	Pages int
	// P, R and F1 score the cleaner's body text; RawP, RawR and RawF1 the input text unchanged.
	P, R, F1          float64
	RawP, RawR, RawF1 float64
	// Half scores the pages with even and odd positions separately ([0] even, [1] odd), to show
	// how stable the figure is on pages not looked at while writing the rules.
	Half [2][3]float64
	// Worst lists the pages with the lowest F1, worst first.
	Worst []AEBTextPageScore
}

// AEBTextPageScore is one page's score.
type AEBTextPageScore struct {
	ID       string
	P, R, F1 float64
}

// EvalAEBText cleans every page of the AEB whole-page text input as flattened text and scores
// the result against the gold bodies with the benchmark's shingle metric.
func EvalAEBText(ctx context.Context, dir string) (*AEBTextReport, error) {
	pages, err := LoadAEBText(dir)
	if err != nil {
		return nil, err
	}
	c := New(DefaultOptions())
	var all, raw ShingleScore
	var half [2]ShingleScore
	rep := &AEBTextReport{Pages: len(pages)}
	for i, pg := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a := &sitrep.Article{Raw: pg.Text, RawFormat: "text"}
		if err := c.Clean(ctx, a); err != nil {
			return nil, fmt.Errorf("page %s: %w", pg.ID, err)
		}
		p, r, f := all.Add(a.Text, pg.Gold)
		half[i%2].Add(a.Text, pg.Gold)
		raw.Add(pg.Text, pg.Gold)
		rep.Worst = append(rep.Worst, AEBTextPageScore{ID: pg.ID, P: p, R: r, F1: f})
	}
	rep.P, rep.R, rep.F1 = all.Result()
	rep.RawP, rep.RawR, rep.RawF1 = raw.Result()
	for h := range half {
		p, r, f := half[h].Result()
		rep.Half[h] = [3]float64{p, r, f}
	}
	sort.Slice(rep.Worst, func(i, j int) bool { return rep.Worst[i].F1 < rep.Worst[j].F1 })
	return rep, nil
}

// WriteAEBTextReport prints the report; worst is how many of the worst pages to list.
func WriteAEBTextReport(w io.Writer, r *AEBTextReport, worst int) {
	fmt.Fprintf(w, "AEB flattened-text cleaning (html-text.json input, %d pages, 4-word shingles)\n", r.Pages)
	fmt.Fprintf(w, "  cleaned:   P %.3f  R %.3f  F1 %.3f\n", r.P, r.R, r.F1)
	fmt.Fprintf(w, "  raw input: P %.3f  R %.3f  F1 %.3f\n", r.RawP, r.RawR, r.RawF1)
	fmt.Fprintf(w, "  even pages: P %.3f R %.3f F1 %.3f   odd pages: P %.3f R %.3f F1 %.3f\n",
		r.Half[0][0], r.Half[0][1], r.Half[0][2], r.Half[1][0], r.Half[1][1], r.Half[1][2])
	for i, s := range r.Worst {
		if i >= worst {
			break
		}
		fmt.Fprintf(w, "  worst %2d: %s  P %.3f R %.3f F1 %.3f\n", i+1, s.ID[:12], s.P, s.R, s.F1)
	}
}
