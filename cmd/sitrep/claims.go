package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

func (m *Main) runClaims(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "show" {
		return m.runClaimShow(ctx, args[1:])
	}
	fs := m.flagSet("claims", "[flags] | show ID [--json]", `
List claims as reported across articles, most recently seen first: the same statement by the same
speaker (or confirmed or denied by anyone) carried by several outlets is one claim with many
reports, and later reports move its status: reported or unverified, then confirmed, denied or
contradicted. Columns: id, status, reports, outlets, last seen, speaker, content. "claims show ID"
prints one claim with every report and its evidence (outlet, sentence, cue, what it did to the
status and why). --json prints the full structures.`)
	asJSON := fs.Bool("json", false, "print JSON")
	status := fs.String("status", "", "only claims with this status: "+strings.Join(sitrep.ClaimStatuses, ", "))
	line := fs.Int64("storyline", 0, "only claims reported in this storyline")
	speaker := fs.String("speaker", "", "only claims by this speaker (name or actor id, case-insensitive)")
	minReports := fs.Int("min-reports", 0, "only claims with at least this many reports")
	limit := fs.Int("limit", 50, "at most this many claims")
	offset := fs.Int("offset", 0, "skip this many claims")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	f := sitrep.ClaimFilter{MinReports: *minReports, Limit: *limit, Offset: *offset}
	if *status != "" {
		s := strings.ToLower(*status)
		if !slices.Contains(sitrep.ClaimStatuses, s) {
			return &exitError{code: 2, err: fmt.Errorf("claims: unknown status %q (want one of %s)", *status, strings.Join(sitrep.ClaimStatuses, ", "))}
		}
		f.Status = &s
	}
	if *line != 0 {
		f.StorylineID = line
	}
	if *speaker != "" {
		f.Speaker = speaker
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := sqlite.NewClaimService(st.db).FindClaims(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []*sitrep.ReportedClaim{}
		}
		return m.printJSON(map[string]any{"claims": list, "total": total})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tREPORTS\tOUTLETS\tLAST SEEN\tSPEAKER\tCONTENT")
	for _, c := range list {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\t%s\n", c.ID, c.Status, c.ReportCount, len(c.Outlets), day(c.LastSeen),
			truncate(dash(c.Speaker.Text), 28), truncate(c.Content, 70))
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%d of %d claims\n", len(list), total)
	return nil
}

func (m *Main) runClaimShow(ctx context.Context, args []string) error {
	fs := m.flagSet("claims show", "ID [--json]", `
Show one claim as reported across articles: its status, speaker and content, then every report
oldest first with its evidence: the outlet and article, the sentence carrying it, the cue and
stance, and the status it set with the reason ("denied by Russia's defence ministry").`)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: 2, err: fmt.Errorf("claims show: want one claim id, got %d arguments", len(pos))}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return &exitError{code: 2, err: fmt.Errorf("claims show: bad id %q", pos[0])}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := sqlite.NewClaimService(st.db).FindClaimByID(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(c)
	}
	w := m.Stdout
	fmt.Fprintf(w, "Claim %d: %s · %s from %s · first %s, last %s\n", c.ID, c.Status, nOf(c.ReportCount, "report"),
		nOf(len(c.Outlets), "outlet"), day(c.FirstSeen), day(c.LastSeen))
	fmt.Fprintf(w, "Speaker: %s\nContent: %s\n", dash(c.Speaker.Text), c.Content)
	if len(c.Outlets) > 0 {
		fmt.Fprintf(w, "Outlets: %s\n", strings.Join(c.Outlets, ", "))
	}
	fmt.Fprintln(w, "\nReports:")
	for _, r := range c.Reports {
		cue := r.Stance
		if r.Cue != "" {
			cue += ", cue \"" + r.Cue + "\""
		}
		if r.Hedge != "" {
			cue += ", hedge " + r.Hedge
		}
		fmt.Fprintf(w, "  #%d  %s  %s  %s  (%s; similarity %.2f)\n", r.ID, day(r.Published), dash(r.Outlet), r.ArticleID, cue, r.Similarity)
		if r.Effect != "" {
			fmt.Fprintf(w, "        → %s: %s\n", r.Effect, dash(r.Reason))
		}
		fmt.Fprintf(w, "        %q\n", truncate(r.Sentence, 240))
	}
	return nil
}

// day formats a time as its date, "-" when zero.
func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02")
}
