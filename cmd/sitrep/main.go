// Command sitrep turns a stream of news articles into tracked stories. It ingests files, cleans
// and analyses articles, stores them in an embedded SQLite database, and prints what it found.
// Run "sitrep help" for the list of subcommands; each has --help.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/sitrep/sitrep"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	stopProfile := startProfile(m.Stderr)
	err := m.Run(ctx, os.Args[1:])
	stopProfile()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errSilent) {
			fmt.Fprintln(m.Stderr, "sitrep:", userMessage(err))
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(exitCode(err))
	}
}

// startProfile writes a CPU profile of the whole command to the file named by
// SITREP_CPUPROFILE, when set (for finding where an ingest spends its time: go tool pprof FILE);
// it returns the function that ends it.
func startProfile(stderr io.Writer) func() {
	p := os.Getenv("SITREP_CPUPROFILE")
	if p == "" {
		return func() {}
	}
	f, err := os.Create(p)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(stderr, "sitrep: SITREP_CPUPROFILE:", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// userMessage is err as a person reads it: an application error's message ("Story not found.")
// instead of its debugging form ("sitrep error: code=not_found message=Story not found."), also
// inside a wrapping error's text.
func userMessage(err error) string {
	var se *sitrep.Error
	if !errors.As(err, &se) {
		return err.Error()
	}
	return strings.Replace(err.Error(), se.Error(), se.Message, 1)
}

// errSilent is returned by a command that already reported its failure.
var errSilent = errors.New("failed")

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// Main is the program: its streams, its global options and its subcommands. Tests run it in
// process with their own streams.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// DBPath is the SQLite database file (--db, env SITREP_DB).
	DBPath string
	// LogFormat is "text" or "json" (--log-format); LogLevel is "debug", "info", "warn" or "error".
	LogFormat, LogLevel string
	Logger              *slog.Logger
	// IsTerminal tells whether stderr is a terminal (progress bars are drawn only then).
	IsTerminal bool
}

// NewMain returns a Main on the process's streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTerminal(os.Stderr)}
}

type command struct {
	name, summary string
	run           func(m *Main, ctx context.Context, args []string) error
}

func (m *Main) commands() []command {
	return []command{
		{"ingest", "read articles from files, directories or stdin, analyse and store them", (*Main).runIngest},
		{"analyze", "analyse articles without storing them; print one JSON object per article", (*Main).runAnalyze},
		{"articles", "list stored articles", (*Main).runArticles},
		{"show", "show one stored article with its analysis", (*Main).runShow},
		{"export", "print stored articles as JSON Lines (or GDELT rows)", (*Main).runExport},
		{"stories", "list stories (clusters of articles about one happening)", (*Main).runStories},
		{"storyline", "list storylines, or show one with its stories, timeline and escalation index", (*Main).runStoryline},
		{"story", "show a story; merge, split or move to correct the grouping", (*Main).runStory},
		{"pair", "show the events between two actors and their escalation index", (*Main).runPair},
		{"claims", "list claims reported across articles with their status; claims show ID for the evidence", (*Main).runClaims},
		{"actors", "import actor dictionaries; find what a name resolves to", (*Main).runActors},
		{"serve", "run the web UI and JSON API (--demo loads a demo corpus into an empty database)", (*Main).runServe},
		{"track", "manage tracking profiles: track add|list|rm", (*Main).runTrack},
		{"alerts", "list alerts fired for tracking profiles", (*Main).runAlerts},
		{"watch", "stream new alerts to stdout as they fire", (*Main).runWatch},
		{"version", "print the version", (*Main).runVersion},
	}
}

// Run parses the global flags and runs one subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("sitrep", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.globalFlags(fs)
	fs.Usage = func() { m.usage() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	args = fs.Args()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" {
		if len(args) > 1 {
			return m.Run(ctx, []string{args[1], "--help"})
		}
		m.usage()
		if len(args) == 0 {
			return &exitError{code: 2, err: errSilent}
		}
		return nil
	}
	for _, c := range m.commands() {
		if c.name == args[0] {
			return c.run(m, ctx, args[1:])
		}
	}
	m.usage()
	return &exitError{code: 2, err: fmt.Errorf("unknown command %q", args[0])}
}

// globalFlags adds the flags every subcommand accepts (before or after its name).
func (m *Main) globalFlags(fs *flag.FlagSet) {
	db := m.DBPath
	if db == "" {
		db = os.Getenv("SITREP_DB")
	}
	if db == "" {
		db = "./sitrep.db"
	}
	fs.StringVar(&m.DBPath, "db", db, "SQLite database `path` (env SITREP_DB)")
	lf := m.LogFormat
	if lf == "" {
		lf = "text"
	}
	fs.StringVar(&m.LogFormat, "log-format", lf, "log format: text or json")
	ll := m.LogLevel
	if ll == "" {
		ll = "warn"
	}
	fs.StringVar(&m.LogLevel, "log-level", ll, "log level: debug, info, warn or error")
}

// flagSet returns a subcommand's flag set with the global flags and a usage text.
func (m *Main) flagSet(name, usage, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("sitrep "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.globalFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "usage: sitrep %s %s\n\n%s\n\nflags:\n", name, usage, strings.TrimSpace(help))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a subcommand's flags, allowing flags after positional arguments too
// ("sitrep ingest dir --outlet X").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (m *Main) logger() *slog.Logger {
	if m.Logger != nil {
		return m.Logger
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(m.LogLevel)); err != nil {
		lvl = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if m.LogFormat == "json" {
		m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	} else {
		m.Logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
	}
	return m.Logger
}

func (m *Main) usage() {
	w := m.Stderr
	fmt.Fprintln(w, "sitrep turns a stream of news articles into tracked stories.")
	fmt.Fprintln(w, "\nusage: sitrep [--db PATH] COMMAND [flags] [args]\n\ncommands:")
	for _, c := range m.commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND --help' for a command's flags. Global flags: --db, --log-format, --log-level.")
}
