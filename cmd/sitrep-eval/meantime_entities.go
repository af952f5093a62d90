package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/actor"
)

func init() {
	register("meantime-entities", "actor mentions: PER/ORG/LOC name F1 (strict and overlap) on MEANTIME English", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("meantime-entities", flag.ContinueOnError)
		data := dataFlag(fs)
		errors := fs.Int("errors", 0, "also print up to N missed and N spurious mentions per type")
		if err := fs.Parse(args); err != nil {
			return err
		}
		docs, err := actor.ReadMEANTIME(filepath.Join(*data, "meantime"))
		if err != nil {
			return err
		}
		kb, err := actor.LoadKB()
		if err != nil {
			return err
		}
		t := actor.NewTagger(kb, actor.DefaultOptions())
		sc, err := actor.EvalMEANTIME(ctx, docs, t)
		if err != nil {
			return err
		}
		sc.Report(w)
		if *errors > 0 {
			for _, line := range actor.MEANTIMEErrors(ctx, docs, t, *errors) {
				fmt.Fprintln(w, line)
			}
		}
		return nil
	})
}
