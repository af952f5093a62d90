package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/event"
)

func init() {
	register("plover", "event coding on the PLOVER gold standard (type and triple accuracy)", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("plover", flag.ContinueOnError)
		data := dataFlag(fs)
		verbose := fs.Bool("v", false, "list the misses")
		if err := fs.Parse(args); err != nil {
			return err
		}
		c, err := event.New(event.DefaultOptions())
		if err != nil {
			return err
		}
		res, err := event.EvalPLOVER(ctx, c, filepath.Join(*data, "plover-gsr"))
		if err != nil {
			return err
		}
		res.Report(w, *verbose)
		return nil
	})
}
