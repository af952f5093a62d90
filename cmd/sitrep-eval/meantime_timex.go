package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/timex"
)

func init() {
	register("meantime-timex", "TIMEX3 span and value P/R/F1 of the timex stage on MEANTIME English (intra-doc)", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("meantime-timex", flag.ContinueOnError)
		data := dataFlag(fs)
		verbose := fs.Bool("v", false, "list every miss, spurious expression and wrong value")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return runTimexEval(ctx, w, "meantime", filepath.Join(*data, "meantime", "intra-doc_annotation"), timex.ReadMEANTIME, *verbose)
	})
}
