package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
)

// filterFlags are the article filters shared by articles and export.
type filterFlags struct {
	outlet, language, since, until, query string
	story                                 int64
	limit, offset                         int
}

func (f *filterFlags) add(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	Int64Var(*int64, string, int64, string)
}, limit int) {
	fs.StringVar(&f.outlet, "outlet", "", "only articles of this outlet")
	fs.StringVar(&f.language, "language", "", "only articles in this language (ISO 639-1)")
	fs.StringVar(&f.since, "since", "", "only articles published on or after this date")
	fs.StringVar(&f.until, "until", "", "only articles published before this date")
	fs.StringVar(&f.query, "query", "", "full-text query over title and text (FTS5 syntax)")
	fs.Int64Var(&f.story, "story", 0, "only articles of this story id")
	fs.IntVar(&f.limit, "limit", limit, "at most this many articles (0: all)")
	fs.IntVar(&f.offset, "offset", 0, "skip this many articles")
}

func (f *filterFlags) filter() (sitrep.ArticleFilter, error) {
	var af sitrep.ArticleFilter
	if f.outlet != "" {
		af.Outlet = &f.outlet
	}
	if f.language != "" {
		af.Language = &f.language
	}
	for _, d := range []struct {
		s   string
		dst **time.Time
	}{{f.since, &af.Since}, {f.until, &af.Until}} {
		if d.s == "" {
			continue
		}
		t, err := ingest.ParseTime(d.s)
		if err != nil {
			return af, &exitError{code: 2, err: err}
		}
		*d.dst = &t
	}
	if f.story != 0 {
		af.StoryID = &f.story
	}
	af.Query, af.Limit, af.Offset = f.query, f.limit, f.offset
	return af, nil
}

func (m *Main) runArticles(ctx context.Context, args []string) error {
	fs := m.flagSet("articles", "[flags]", "List stored articles, newest first: id, publication date, outlet, language, title.")
	var ff filterFlags
	ff.add(fs, 50)
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.FindArticles(ctx, filter)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"articles": list, "total": total})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tLANG\tTITLE")
	for _, a := range list {
		title := a.Title
		if title == "" {
			title = firstWords(a.Text, 10)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, dateOf(a.Published), dash(a.Outlet), dash(a.Language), truncate(title, 80))
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%d of %d articles\n", len(list), total)
	return nil
}

func (m *Main) runShow(ctx context.Context, args []string) error {
	fs := m.flagSet("show", "[flags] ID", "Show one stored article: its metadata, clean text and analysis. --json prints the same object as export.")
	asJSON := fs.Bool("json", false, "print the article as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("show: want exactly one article id")}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.FindArticleByID(ctx, pos[0])
	if err != nil {
		return err
	}
	articleJSON(a)
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(a)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s\n%s\n", a.Title, strings.Repeat("=", min(len(a.Title), 78)))
	fmt.Fprintf(w, "id %s · %s · %s · %s\n", a.ID, dash(a.Outlet), dateOf(a.Published), dash(a.Language))
	if a.URL != "" {
		fmt.Fprintln(w, a.URL)
	}
	if a.Dateline != "" {
		fmt.Fprintf(w, "dateline: %s\n", a.Dateline)
	}
	if a.StoryID != 0 {
		fmt.Fprintf(w, "story %d · storyline %d\n", a.StoryID, a.StorylineID)
	}
	if a.DuplicateOf != "" {
		fmt.Fprintf(w, "copy of %s (similarity %.2f)\n", a.DuplicateOf, a.Similarity)
	}
	fmt.Fprintf(w, "\n%s\n", a.Text)
	if len(a.Actors) > 0 {
		fmt.Fprintln(w, "\nActors:")
		for _, ac := range a.Actors {
			fmt.Fprintf(w, "  %-28s %-8s %s\n", ac.Name, dash(ac.Code), ac.Type)
		}
	}
	if len(a.Timexes) > 0 {
		fmt.Fprintln(w, "\nTime expressions:")
		for _, t := range a.Timexes {
			fmt.Fprintf(w, "  %-28q %-9s %s\n", t.Text, t.Type, t.Value)
		}
	}
	if len(a.Quotes) > 0 {
		fmt.Fprintln(w, "\nQuotes:")
		for _, q := range a.Quotes {
			who := q.Speaker.Text
			if q.Speaker.Description != "" {
				who = q.Speaker.Description
			}
			for _, v := range q.Via {
				who += " via " + v.Text
			}
			hedge := ""
			if q.Hedge != "" {
				hedge = " [" + q.Hedge + "]"
			}
			fmt.Fprintf(w, "  %s (%s, %s)%s: %s\n", who, q.Speaker.Kind, q.Kind, hedge, truncate(q.Text, 120))
		}
	}
	if len(a.Events) > 0 {
		fmt.Fprintln(w, "\nEvents:")
		for _, e := range a.Events {
			fmt.Fprintf(w, "  %s → %s  %s/%s  %s  %s  (%q)\n", dash(e.Source.Code), dash(e.Target.Code), e.CAMEO, e.PLOVER, e.Mode, e.Date, e.Trigger)
		}
	}
	if len(a.Removed) > 0 {
		fmt.Fprintln(w, "\nRemoved while cleaning:")
		for _, r := range a.Removed {
			fmt.Fprintf(w, "  [%s] %s\n", r.Reason, truncate(r.Text, 100))
		}
	}
	if len(a.Repairs) > 0 {
		fmt.Fprintln(w, "\nRepairs:")
		for _, r := range a.Repairs {
			fmt.Fprintf(w, "  [%s] %q → %q\n", r.Reason, r.From, r.To)
		}
	}
	return nil
}

func dateOf(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format("2006-01-02")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
