package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/clean"
)

func init() {
	register("aeb-text", "flattened-text cleaning on AEB whole-page text (html-text.json): shingle P/R/F1", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("aeb-text", flag.ContinueOnError)
		data := dataFlag(fs)
		worst := fs.Int("worst", 0, "also list the N pages with the lowest F1")
		if err := fs.Parse(args); err != nil {
			return err
		}
		rep, err := clean.EvalAEBText(ctx, filepath.Join(*data, "aeb"))
		if err != nil {
			return fmt.Errorf("aeb-text: %w", err)
		}
		clean.WriteAEBTextReport(w, rep, *worst)
		return nil
	})
}
