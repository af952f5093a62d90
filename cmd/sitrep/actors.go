package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/ingest"
)

func (m *Main) runActors(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(m.Stderr, `usage: sitrep actors import [flags] FILE...
       sitrep actors find [--at DATE] NAME

import   merges PETRARCH/TABARI actor dictionaries (Phoenix.*.actors.txt format, dated codes such
         as [ISRGOV >090401]) or files in sitrep's own format (docs/actors.md) into the database's
         knowledge base, under sitrep's own entries: where both know a name, ours win. Re-importing a
         file replaces what was imported from it before.
find     shows what a name resolves to at a date (default: today): id, type, code, roles.
`)
		if len(args) == 0 {
			return &exitError{code: 2, err: errSilent}
		}
		return nil
	}
	switch args[0] {
	case "import":
		return m.runActorsImport(ctx, args[1:])
	case "find":
		return m.runActorsFind(ctx, args[1:])
	}
	return &exitError{code: 2, err: fmt.Errorf("actors: unknown subcommand %q (want import or find)", args[0])}
}

func (m *Main) runActorsImport(ctx context.Context, args []string) error {
	fs := m.flagSet("actors import", "[flags] FILE...", "Merge actor dictionaries into the knowledge base stored in --db.")
	format := fs.String("format", "auto", "file format: petrarch, sitrep or auto (by content)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("actors import: no file")}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	kb, err := actor.LoadKB()
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		fm := *format
		if fm == "auto" {
			fm = "sitrep"
			if bytes.Contains(data, []byte("[")) && bytes.Contains(data, []byte("]")) {
				fm = "petrarch"
			}
		}
		var entries []actor.Entry
		switch fm {
		case "petrarch":
			entries, err = actor.ParsePETRARCH(bytes.NewReader(data))
		case "sitrep":
			var ps []*actor.Entry
			ps, err = actor.ParseEntries(bytes.NewReader(data))
			for _, p := range ps {
				entries = append(entries, *p)
			}
		default:
			return &exitError{code: 2, err: fmt.Errorf("actors import: unknown format %q", fm)}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		added, merged := kb.Merge(entries, true)
		var buf bytes.Buffer
		if err := actor.WriteEntries(&buf, entries); err != nil {
			return err
		}
		lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
		if err := st.kb.ReplaceKBEntries(ctx, filepath.Base(f), lines); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "%s: %d entries read (%s format): %d new actors, %d merged into existing ones\n", f, len(entries), fm, added, merged)
	}
	return nil
}

func (m *Main) runActorsFind(ctx context.Context, args []string) error {
	fs := m.flagSet("actors find", "[--at DATE] NAME", "Show what a name resolves to at a date: id, type, CAMEO code and roles.")
	at := fs.String("at", "", "resolve as of this date (default: today)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("actors find: no name")}
	}
	t := time.Now().UTC()
	if *at != "" {
		if t, err = ingest.ParseTime(*at); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	kb, err := m.loadKB(ctx)
	if err != nil {
		return err
	}
	matches := kb.Find(strings.Join(pos, " "), t)
	if len(matches) == 0 {
		fmt.Fprintf(m.Stdout, "no actor named %q\n", strings.Join(pos, " "))
		return &exitError{code: 1, err: errSilent}
	}
	for _, mt := range matches {
		fmt.Fprintln(m.Stdout, mt.String())
	}
	return nil
}

// loadKB returns the embedded knowledge base merged with the dictionaries imported into --db
// (when the database exists).
func (m *Main) loadKB(ctx context.Context) (*actor.KB, error) {
	kb, err := actor.LoadKB()
	if err != nil {
		return nil, fmt.Errorf("actor knowledge base: %w", err)
	}
	if _, err := os.Stat(m.DBPath); err != nil {
		return kb, nil
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	lines, err := st.kb.KBEntries(ctx, "")
	if err != nil {
		return nil, err
	}
	if len(lines) > 0 {
		if _, _, err := kb.LoadFile(strings.NewReader(strings.Join(lines, "\n")+"\n"), true); err != nil {
			return nil, fmt.Errorf("imported actor dictionaries: %w", err)
		}
	}
	return kb, nil
}
