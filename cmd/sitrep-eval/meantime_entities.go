package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/timex"
)

func init() {
	register("meantime-entities", "actor mentions: PER/ORG/LOC name F1 (strict and overlap) on MEANTIME English", func(ctx context.Context, w io.Writer, args []string) error {
		fs := flag.NewFlagSet("meantime-entities", flag.ContinueOnError)
		data := dataFlag(fs)
		errors := fs.Int("errors", 0, "also print up to N missed and N spurious mentions")
		noTimex := fs.Bool("no-timex", false, "do not run the timex stage before the actor stage")
		govLOC := fs.Bool("gov-loc", false, "score a state's government (White House, US government: codes ending in GOV) as LOC, MEANTIME's convention, instead of ORG; militaries stay ORG")
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
		var before []actor.Processor
		if !*noTimex {
			before = append(before, timex.NewTagger(timex.DefaultOptions()))
		}
		sc, err := actor.EvalMEANTIMEWith(ctx, docs, t, actor.EvalOptions{GovAsLOC: *govLOC}, before...)
		if err != nil {
			return err
		}
		if *noTimex {
			fmt.Fprintln(w, "(actor stage alone: time expressions not blocked)")
		} else {
			fmt.Fprintln(w, "(timex then actor, as in the pipeline)")
		}
		if *govLOC {
			fmt.Fprintln(w, "(government actors scored as LOC)")
		}
		sc.Report(w)
		if *errors > 0 {
			for _, line := range actor.MEANTIMEErrorsWith(ctx, docs, t, actor.EvalOptions{GovAsLOC: *govLOC}, *errors, before...) {
				fmt.Fprintln(w, line)
			}
		}
		return nil
	})
}
