// Command sitrep-eval scores sitrep's stages on the evaluation sets in ../shared/data. Each set
// has its own scorer (one file each in this folder); every figure quoted in notes and docs comes
// from here:
//
//	sitrep-eval NAME [flags]   run one scorer (sitrep-eval -h lists them)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// scorer runs one evaluation and prints its figures to w.
type scorer struct {
	help string
	run  func(ctx context.Context, w io.Writer, args []string) error
}

// scorers is filled by the init functions of this folder's files, one per evaluation set.
// Registration at init keeps each scorer's file independent of the others.
var scorers = map[string]scorer{}

func register(name, help string, run func(ctx context.Context, w io.Writer, args []string) error) {
	scorers[name] = scorer{help: help, run: run}
}

// defaultData is where the evaluation sets live relative to the repository root.
const defaultData = "../shared/data"

// dataFlag adds the common -data flag to fs.
func dataFlag(fs *flag.FlagSet) *string {
	d := defaultData
	if v := os.Getenv("SITREP_DATA"); v != "" {
		d = v
	}
	return fs.String("data", d, "folder holding the evaluation sets (env SITREP_DATA)")
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		usage(os.Stderr)
		os.Exit(2)
	}
	s, ok := scorers[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "sitrep-eval: unknown scorer %q\n", os.Args[1])
		usage(os.Stderr)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := s.run(ctx, os.Stdout, os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "sitrep-eval %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sitrep-eval NAME [flags]\n\nscorers:")
	names := make([]string, 0, len(scorers))
	for n := range scorers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, scorers[n].help)
	}
}
