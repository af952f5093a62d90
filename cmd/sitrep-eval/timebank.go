package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/timex"
)

func init() {
	register("timebank", "TIMEX3 span and value P/R/F1 of the timex stage on TimeBank+AQUAINT (TempEval-3)", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("timebank", flag.ContinueOnError)
		data := dataFlag(fs)
		verbose := fs.Bool("v", false, "list every miss, spurious expression and wrong value")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return runTimexEval(ctx, w, "timebank", filepath.Join(*data, "timebank"), timex.ReadTimeML, *verbose)
	})
}

// runTimexEval reads a gold set with read, tags it and prints the figures (shared by the timex
// scorers).
func runTimexEval(ctx context.Context, w io.Writer, name, dir string, read func(string) ([]timex.GoldDoc, error), verbose bool) error {
	docs, err := read(dir)
	if err != nil {
		return err
	}
	tg := timex.NewTagger(timex.DefaultOptions())
	sc, err := timex.Evaluate(ctx, tg, docs, verbose)
	if err != nil {
		return err
	}
	for _, e := range sc.Errors {
		fmt.Fprintln(w, e)
	}
	sc.Print(w, name)
	return nil
}
