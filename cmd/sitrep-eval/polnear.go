package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/quote"
)

func init() {
	register("polnear", "quote stage: attribution F1 (content overlap + source match) on PolNeAR, direct/indirect",
		func(ctx context.Context, w io.Writer, args []string) error {
			fs := flag.NewFlagSet("polnear", flag.ContinueOnError)
			data := dataFlag(fs)
			split := fs.String("split", "dev", "compartment to score: dev (report) or train (development)")
			if err := fs.Parse(args); err != nil {
				return err
			}
			docs, err := quote.LoadPolNeAR(filepath.Join(*data, "polnear-dev"), *split)
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			io.WriteString(w, "PolNeAR "+*split+" (plain text, no actor stage)\n")
			quote.WriteReport(w, quote.Evaluate(quote.NewExtractor(), docs))
			return nil
		})
}
