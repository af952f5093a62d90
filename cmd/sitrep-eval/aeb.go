package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/clean"
)

func init() {
	register("aeb", "HTML main-text extraction on the Article Extraction Benchmark (shingle P/R/F1)",
		func(ctx context.Context, w io.Writer, args []string) error {
			fs := flag.NewFlagSet("aeb", flag.ContinueOnError)
			data := dataFlag(fs)
			fallback := fs.Bool("fallback", true, "let go-trafilatura compare with readability and dom-distiller")
			workers := fs.Int("workers", 0, "pages extracted at once (0: GOMAXPROCS)")
			failBelow := fs.Float64("fail-below", 0.8, "count pages with F1 below this as failures")
			worst := fs.Int("worst", 10, "list this many of the worst pages")
			focus := fs.String("focus", "balanced", "extraction focus: balanced, recall or precision")
			if err := fs.Parse(args); err != nil {
				return err
			}
			opts := clean.HTMLOptions{Fallback: *fallback}
			if err := opts.SetFocus(*focus); err != nil {
				return err
			}
			rep, err := clean.EvalAEB(ctx, filepath.Join(*data, "aeb"), opts, *workers)
			if err != nil {
				return err
			}
			clean.WriteAEBReport(w, rep, *failBelow, *worst)
			return nil
		})
}
