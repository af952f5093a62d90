package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/event"
)

func init() {
	register("petrarch", "event coder on the PETRARCH unit tests with their own dictionaries (pass rate)", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("petrarch", flag.ContinueOnError)
		data := dataFlag(fs)
		verbose := fs.Bool("v", false, "list the failing records")
		if err := fs.Parse(args); err != nil {
			return err
		}
		res, err := event.EvalPETRARCH(ctx, filepath.Join(*data, "petrarch-unittest"))
		if err != nil {
			return err
		}
		res.Report(w, *verbose)
		return nil
	})
}
