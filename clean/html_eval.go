package clean

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// AEBPage is one page of the Article Extraction Benchmark: its id, gold body and URL.
type AEBPage struct {
	ID   string
	URL  string
	Gold string
}

// LoadAEB reads the benchmark's ground truth (dir/ground-truth.json) and returns its pages in id
// order. The HTML of a page is read with ReadAEBHTML.
func LoadAEB(dir string) ([]AEBPage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("load aeb: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("load aeb ground truth: %w", err)
	}
	pages := make([]AEBPage, 0, len(gt))
	for id, g := range gt {
		pages = append(pages, AEBPage{ID: id, URL: g.URL, Gold: g.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// ReadAEBHTML returns the HTML of page id (dir/html/<id>.html.gz), reading at most
// MaxHTMLBytes+1 bytes so that oversized pages are still rejected by the extractor.
func ReadAEBHTML(dir, id string) (string, error) {
	f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("page %s: %w", id, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, MaxHTMLBytes+1))
	if err != nil {
		return "", fmt.Errorf("page %s: %w", id, err)
	}
	return string(b), nil
}

// AEBPageScore is the score of one benchmark page.
type AEBPageScore struct {
	// ID and URL identify the page.
	ID, URL string
	// P, R and F1 are the page's shingle precision, recall and F1 (see ShingleF1).
	P, R, F1 float64
	// Err is the extraction error, if the page was rejected.
	Err error
	// Fallback is set when the body came from the plain-text rendering (FlagHTMLFallback).
	Fallback bool
	// GotBytes and GoldBytes are the sizes of the extracted and gold bodies.
	GotBytes, GoldBytes int

	// tp, fp and fn are the normalised shingle counts (see ShingleCounts).
	tp, fp, fn float64
}

// AEBReport is the result of EvalAEB.
type AEBReport struct {
	// Pages is the number of pages scored.
	Pages int
	// P, R and F1 are the benchmark's corpus figures (see ShingleScore.Result).
	P, R, F1 float64
	// MeanF1 is the mean of the per-page F1 values.
	MeanF1 float64
	// Errors counts pages the extractor rejected; Fallbacks pages rendered as plain body text.
	Errors, Fallbacks int
	// PerPage holds every page's score in id order.
	PerPage []AEBPageScore
	// Elapsed is the wall time of the extraction, Workers the number of pages extracted at once.
	Elapsed time.Duration
	Workers int
}

// Failures returns the pages whose F1 is below min (errors included), worst first.
func (r *AEBReport) Failures(min float64) []AEBPageScore {
	var out []AEBPageScore
	for _, p := range r.PerPage {
		if p.Err != nil || p.F1 < min {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].F1 < out[j].F1 })
	return out
}

// EvalAEB extracts the main text of every page of the Article Extraction Benchmark in dir with
// ExtractHTML and scores it against the gold bodies with the benchmark's shingle metric. Pages
// are extracted on workers goroutines (GOMAXPROCS when workers <= 0).
func EvalAEB(ctx context.Context, dir string, opts HTMLOptions, workers int) (*AEBReport, error) {
	pages, err := LoadAEB(dir)
	if err != nil {
		return nil, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	scores := make([]AEBPageScore, len(pages))
	start := time.Now()
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, pg := range pages {
		g.Go(func() error {
			src, err := ReadAEBHTML(dir, pg.ID)
			if err != nil {
				return err
			}
			o := opts
			o.URL = pg.URL
			s := AEBPageScore{ID: pg.ID, URL: pg.URL, GoldBytes: len(pg.Gold)}
			res, err := ExtractHTML(gctx, src, o)
			if err != nil {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				s.Err = err
			} else {
				s.GotBytes = len(res.Text)
				for _, f := range res.Flags {
					if f.Kind == FlagHTMLFallback {
						s.Fallback = true
					}
				}
			}
			got := ""
			if res != nil {
				got = res.Text
			}
			s.tp, s.fp, s.fn = ShingleCounts(got, pg.Gold)
			s.P, s.R = precisionScore(s.tp, s.fp, s.fn), recallScore(s.tp, s.fp, s.fn)
			if s.P+s.R > 0 {
				s.F1 = 2 * s.P * s.R / (s.P + s.R)
			}
			scores[i] = s
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	rep := &AEBReport{Pages: len(pages), PerPage: scores, Elapsed: time.Since(start), Workers: workers}
	var sumF float64
	for _, s := range scores {
		sumF += s.F1
		if s.Err != nil {
			rep.Errors++
		}
		if s.Fallback {
			rep.Fallbacks++
		}
	}
	rep.P, rep.R, rep.F1 = corpusScore(scores)
	if len(scores) > 0 {
		rep.MeanF1 = sumF / float64(len(scores))
	}
	return rep, nil
}

// corpusScore averages per-page precision over pages with extracted shingles and recall over
// pages with gold shingles, as the benchmark does, and derives F1 from the two means.
func corpusScore(scores []AEBPageScore) (p, r, f float64) {
	var sp, sr float64
	var np, nr int
	for _, s := range scores {
		if s.tp+s.fp > 0 {
			sp += s.P
			np++
		}
		if s.tp+s.fn > 0 {
			sr += s.R
			nr++
		}
	}
	if np > 0 {
		p = sp / float64(np)
	}
	if nr > 0 {
		r = sr / float64(nr)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// WriteAEBReport prints the report: corpus P/R/F1, mean per-page F1, failure counts, the worst
// pages and the throughput.
func WriteAEBReport(w io.Writer, r *AEBReport, failBelow float64, worst int) {
	fmt.Fprintf(w, "aeb: %d pages\n", r.Pages)
	fmt.Fprintf(w, "precision %.3f  recall %.3f  F1 %.3f  (benchmark metric: 4-word shingles, means over pages)\n", r.P, r.R, r.F1)
	fmt.Fprintf(w, "mean per-page F1 %.3f\n", r.MeanF1)
	fails := r.Failures(failBelow)
	fmt.Fprintf(w, "pages with F1 < %.2f: %d  (errors %d, plain-body fallbacks %d)\n", failBelow, len(fails), r.Errors, r.Fallbacks)
	for i, f := range fails {
		if i >= worst {
			break
		}
		msg := ""
		if f.Err != nil {
			msg = " error: " + f.Err.Error()
		}
		fmt.Fprintf(w, "  F1 %.3f P %.3f R %.3f got %6dB gold %6dB %s%s\n", f.F1, f.P, f.R, f.GotBytes, f.GoldBytes, shortURL(f.URL), msg)
	}
	secs := r.Elapsed.Seconds()
	if secs > 0 {
		fmt.Fprintf(w, "extraction: %.1fs wall, %.1f pages/s with %d workers (includes gunzip)\n", secs, float64(r.Pages)/secs, r.Workers)
	}
}

func shortURL(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return truncate(u, 70)
}
