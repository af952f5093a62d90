package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/pipeline"
)

// inputFlags are the metadata flags shared by ingest and analyze.
type inputFlags struct {
	published, outlet, url string
	workers                int
}

func (f *inputFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.published, "published", "", "publication `date` (YYYY-MM-DD or RFC 3339) for plain files and records without one")
	fs.StringVar(&f.outlet, "outlet", "", "outlet `name` for plain files and records without one")
	fs.StringVar(&f.url, "url", "", "`URL` for plain files and records without one")
	fs.IntVar(&f.workers, "workers", 0, "analysis goroutines (0: one per CPU)")
}

func (f *inputFlags) options() (ingest.Options, error) {
	opts := ingest.DefaultOptions()
	opts.Outlet, opts.URL = f.outlet, f.url
	if f.published != "" {
		t, err := ingest.ParseTime(f.published)
		if err != nil {
			return opts, &exitError{code: 2, err: fmt.Errorf("--published: %w", err)}
		}
		opts.Published = &t
	}
	return opts, nil
}

// parse parses a command's flags and positional paths and returns the paths and the reader
// options; at least one path is required.
func (f *inputFlags) parse(fs *flag.FlagSet, cmd string, args []string) ([]string, ingest.Options, error) {
	paths, err := parse(fs, args)
	if err != nil {
		return nil, ingest.Options{}, err
	}
	if len(paths) == 0 {
		fs.Usage()
		return nil, ingest.Options{}, &exitError{code: 2, err: fmt.Errorf("%s: no input (give paths or -)", cmd)}
	}
	opts, err := f.options()
	return paths, opts, err
}

// readAnalyzed reads paths, analyses each article on all cores and calls emit in input order with
// each analysed article or the error that replaced it (bad file, bad record, failed analysis).
func (m *Main) readAnalyzed(ctx context.Context, p *pipeline.Pipeline, opts ingest.Options, workers int, paths []string, emit func(pipeline.Job) error) error {
	r := ingest.NewReader(opts, m.Stdin)
	items := make(chan ingest.Item, 64)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	readErr := make(chan error, 1)
	go func() {
		defer close(items)
		readErr <- r.Read(ctx, paths, func(it ingest.Item) error {
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	next := func() (pipeline.Job, bool, error) {
		it, ok := <-items
		if !ok {
			return pipeline.Job{}, false, nil
		}
		return pipeline.Job{Article: it.Article, Err: it.Err}, true, nil
	}
	err := p.Run(ctx, workers, next, emit)
	cancel()
	for range items { // let the reader finish
	}
	if rerr := <-readErr; err == nil && rerr != nil && rerr != context.Canceled {
		err = rerr
	}
	return err
}

func (m *Main) runAnalyze(ctx context.Context, args []string) error {
	fs := m.flagSet("analyze", "[flags] PATH... | -", `
Analyse articles without storing them and print one JSON object per article (JSON Lines) on
stdout, in input order. PATH may be a .txt, .html/.htm, .json (one record) or .jsonl (one record a
line) file, any of them .gz, a directory (read recursively), or - for stdin. The JSON contract is
described in docs/json.md. Bad files and records are reported on stderr as file:line: reason and
skipped. Exit status is non-zero only when nothing usable was read.`)
	var in inputFlags
	in.add(fs)
	paths, opts, err := in.parse(fs, "analyze", args)
	if err != nil {
		return err
	}
	p, err := m.newPipeline(ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(m.Stdout, 256<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var ok, failed int
	t0 := time.Now()
	err = m.readAnalyzed(ctx, p, opts, in.workers, paths, func(j pipeline.Job) error {
		if j.Err != nil {
			failed++
			fmt.Fprintln(m.Stderr, "sitrep analyze:", j.Err)
			return nil
		}
		ok++
		return enc.Encode(articleJSON(j.Article))
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	fmt.Fprintf(m.Stderr, "analyze: %d analysed, %d failed (%s)\n", ok, failed, rate(ok+failed, time.Since(t0)))
	if err != nil {
		return err
	}
	if ok == 0 {
		return &exitError{code: 1, err: errSilent}
	}
	return nil
}

// articleJSON prepares an article for JSON output: every array key present.
func articleJSON(a *sitrep.Article) *sitrep.Article {
	pipeline.Normalize(a)
	return a
}

func rate(n int, d time.Duration) string {
	if d <= 0 {
		d = time.Millisecond
	}
	return fmt.Sprintf("%s, %.0f articles/s", d.Round(time.Millisecond), float64(n)/d.Seconds())
}
