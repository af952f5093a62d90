package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep/sitrep/event"
)

// exportPage is how many articles export loads per query.
const exportPage = 500

func (m *Main) runExport(ctx context.Context, args []string) error {
	fs := m.flagSet("export", "[flags]", `
Print stored articles with their full analysis. --format jsonl (the default) prints one JSON object
per article, the same object as "sitrep analyze" plus story_id, storyline_id and duplicate_of
(see docs/json.md). --format gdelt prints the coded events that happened as rows of the GDELT 2.0
event table (61 tab-separated columns, no header; the columns sitrep cannot fill are empty), so
existing GDELT tooling can read them (see docs/events.md).`)
	format := fs.String("format", "jsonl", "output format: jsonl or gdelt")
	var ff filterFlags
	ff.add(fs, 0)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	if *format != "jsonl" && *format != "gdelt" {
		return &exitError{code: 2, err: fmt.Errorf("export: unknown format %q", *format)}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	out := bufio.NewWriterSize(m.Stdout, 256<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	filter.Full = true
	want := filter.Limit
	n := 0
	for {
		f := filter
		f.Offset = filter.Offset + n
		f.Limit = exportPage
		if want > 0 && want-n < exportPage {
			f.Limit = want - n
		}
		list, _, err := st.FindArticles(ctx, f)
		if err != nil {
			return err
		}
		for _, a := range list {
			if *format == "gdelt" {
				err = event.WriteGDELT(out, a)
			} else {
				err = enc.Encode(articleJSON(a))
			}
			if err != nil {
				return err
			}
		}
		n += len(list)
		if len(list) < f.Limit || (want > 0 && n >= want) {
			break
		}
	}
	return out.Flush()
}
