package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
)

func (m *Main) runStories(ctx context.Context, args []string) error {
	fs := m.flagSet("stories", "[flags]", `
List stories, most recently updated first: id, storyline, last seen, articles (sources) and
independent origins (copies not counted), key actors, title. --json prints the full structures
(summary, key events with the articles reporting each, outlets).`)
	asJSON := fs.Bool("json", false, "print JSON")
	line := fs.Int64("storyline", 0, "only stories of this storyline")
	actor := fs.String("actor", "", "only stories with this key actor (CAMEO code)")
	limit := fs.Int("limit", 50, "at most this many stories")
	offset := fs.Int("offset", 0, "skip this many stories")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	f := sitrep.StoryFilter{Limit: *limit, Offset: *offset}
	if *line != 0 {
		f.StorylineID = line
	}
	if *actor != "" {
		f.Actor = actor
	}
	list, total, err := sqlite.NewStoryService(st.db).FindStories(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(map[string]any{"stories": list, "total": total})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLINE\tLAST SEEN\tSRC\tORIG\tACTORS\tTITLE")
	for _, s := range list {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%d\t%d\t%s\t%s\n", s.ID, s.StorylineID, s.LastSeen.Format("2006-01-02"), s.Sources, s.Origins,
			truncate(strings.Join(s.KeyActors, ","), 24), truncate(s.Title, 70))
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%d of %d stories\n", len(list), total)
	return nil
}

func (m *Main) runStoryline(ctx context.Context, args []string) error {
	fs := m.flagSet("storyline", "[flags] [ID]", `
Without ID, list storylines. With ID, show one storyline: its stories in order with the reason
each was linked ("shared actors ISR, IRN; event types ASSAULT; 93 days apart"), its timeline of
coded events and its daily escalation index (mean, min and count of Goldstein values).
--json prints {storyline, stories, timeline, escalation}.`)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := sqlite.NewStoryService(st.db)
	if len(pos) == 0 {
		lines, total, err := svc.FindStorylines(ctx, sitrep.StorylineFilter{Limit: 100})
		if err != nil {
			return err
		}
		if *asJSON {
			return m.printJSON(map[string]any{"storylines": lines, "total": total})
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTORIES\tFIRST\tLAST\tACTORS\tTITLE")
		for _, l := range lines {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\n", l.ID, len(l.StoryIDs), l.FirstSeen.Format("2006-01-02"), l.LastSeen.Format("2006-01-02"),
				truncate(strings.Join(l.KeyActors, ","), 24), truncate(l.Title, 70))
		}
		return tw.Flush()
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("storyline: bad id %q", pos[0])}
	}
	line, err := svc.FindStorylineByID(ctx, id)
	if err != nil {
		return err
	}
	stories, _, err := svc.FindStories(ctx, sitrep.StoryFilter{StorylineID: &id, Limit: 1000})
	if err != nil {
		return err
	}
	if err := st.openClustering(ctx, nil); err != nil {
		return err
	}
	timeline, err := st.clusterer.Timeline(id)
	if err != nil {
		return err
	}
	esc := story.Escalation(timeline)
	if *asJSON {
		return m.printJSON(map[string]any{"storyline": line, "stories": stories, "timeline": timeline, "escalation": esc})
	}
	w := m.Stdout
	fmt.Fprintf(w, "Storyline %d: %s\n%s – %s · actors %s\n\nStories:\n", line.ID, line.Title,
		line.FirstSeen.Format("2006-01-02"), line.LastSeen.Format("2006-01-02"), strings.Join(line.KeyActors, ", "))
	reasons := map[int64]string{}
	for _, l := range line.Links {
		reasons[l.StoryID] = l.Reason
	}
	for _, s := range stories {
		fmt.Fprintf(w, "  %d  %s  %s (%s, %s)\n", s.ID, s.FirstSeen.Format("2006-01-02"), truncate(s.Title, 70), nOf(s.Sources, "article"), nOf(s.Origins, "origin"))
		if r := reasons[s.ID]; r != "" {
			fmt.Fprintf(w, "        linked: %s\n", r)
		}
	}
	printTimeline(w, timeline, esc)
	return nil
}

// printTimeline writes a timeline of coded events and its daily escalation index as text.
func printTimeline(w io.Writer, timeline []sitrep.TimelineEntry, esc []sitrep.EscalationPoint) {
	if len(timeline) > 0 {
		fmt.Fprintln(w, "\nTimeline:")
		for _, e := range timeline {
			fmt.Fprintf(w, "  %s  %-7s → %-7s %s/%s %s (%q, story %d)\n", e.Date, dash(e.Event.Source.Code), dash(e.Event.Target.Code), e.Event.CAMEO, e.Event.PLOVER, e.Event.Mode, e.Event.Trigger, e.StoryID)
		}
	}
	if len(esc) > 0 {
		fmt.Fprintln(w, "\nEscalation index (Goldstein):")
		for _, p := range esc {
			fmt.Fprintf(w, "  %s  mean %+5.1f  min %+5.1f  events %d\n", p.Date, p.Mean, p.Min, p.Count)
		}
	}
}

func (m *Main) runPair(ctx context.Context, args []string) error {
	fs := m.flagSet("pair", "[flags] ACTOR ACTOR", `
Show the coded events between two actors, in either direction and across all stories, oldest
first, and their daily escalation index (mean, min and count of Goldstein values): the series a
chart of the pair draws. Actors are CAMEO codes; a three-letter country code also matches its
sectors (ISR matches ISRGOV and ISRMIL). --json prints {actors, timeline, escalation}.`)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return &exitError{code: 2, err: fmt.Errorf("pair: want two actor codes (sitrep pair ISR IRN), got %d arguments", len(pos))}
	}
	a, b := strings.ToUpper(pos[0]), strings.ToUpper(pos[1])
	st, err := m.openClustered(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	timeline := st.clusterer.PairTimeline(a, b)
	esc := story.Escalation(timeline)
	if *asJSON {
		if timeline == nil {
			timeline = []sitrep.TimelineEntry{}
		}
		if esc == nil {
			esc = []sitrep.EscalationPoint{}
		}
		return m.printJSON(map[string]any{"actors": []string{a, b}, "timeline": timeline, "escalation": esc})
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s and %s: %s on %s\n", a, b, nOf(len(timeline), "event"), nOf(len(esc), "day"))
	printTimeline(w, timeline, esc)
	return nil
}

func (m *Main) runStory(ctx context.Context, args []string) error {
	usage := `usage: sitrep story show ID [--json]
       sitrep story merge A B           merge two stories (the older id survives)
       sitrep story split ID ARTICLE... move the listed articles out into a new story
       sitrep story move ARTICLE STORY  move one article to another story
Every edit is kept in the database and can be undone with the opposite edit.`
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(m.Stderr, usage)
		if len(args) == 0 {
			return &exitError{code: 2, err: errSilent}
		}
		return nil
	}
	fs := m.flagSet("story "+args[0], "", usage)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	ids := func(n int) ([]int64, error) {
		if len(pos) < n {
			return nil, &exitError{code: 2, err: fmt.Errorf("story %s: want %d ids\n%s", args[0], n, usage)}
		}
		out := make([]int64, n)
		for i := 0; i < n; i++ {
			v, err := strconv.ParseInt(pos[i], 10, 64)
			if err != nil {
				return nil, &exitError{code: 2, err: fmt.Errorf("story %s: bad story id %q", args[0], pos[i])}
			}
			out[i] = v
		}
		return out, nil
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var result *sitrep.Story
	switch args[0] {
	case "show":
		id, err := ids(1)
		if err != nil {
			return err
		}
		if result, err = sqlite.NewStoryService(st.db).FindStoryByID(ctx, id[0]); err != nil {
			return err
		}
	case "merge", "split", "move":
		if err := st.openClustering(ctx, nil); err != nil {
			return err
		}
		c := st.clusterer
		switch args[0] {
		case "merge":
			id, err := ids(2)
			if err != nil {
				return err
			}
			if result, err = c.Merge(ctx, id[0], id[1]); err != nil {
				return err
			}
		case "split":
			id, err := ids(1)
			if err != nil {
				return err
			}
			if len(pos) < 2 {
				return &exitError{code: 2, err: errors.New("story split: name the articles to move out")}
			}
			kept, split, err := c.Split(ctx, id[0], pos[1:])
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "story %d keeps %d articles; new story %d has %d\n", kept.ID, kept.Sources, split.ID, split.Sources)
			result = split
		case "move":
			if len(pos) != 2 {
				return &exitError{code: 2, err: errors.New("story move: want ARTICLE STORY")}
			}
			to, err := strconv.ParseInt(pos[1], 10, 64)
			if err != nil {
				return &exitError{code: 2, err: fmt.Errorf("story move: bad story id %q", pos[1])}
			}
			if err := c.Move(ctx, pos[0], to); err != nil {
				return err
			}
			if result, err = c.Story(to); err != nil {
				return err
			}
		}
		if err := c.Flush(ctx); err != nil {
			return fmt.Errorf("save stories: %w", err)
		}
	default:
		return &exitError{code: 2, err: fmt.Errorf("story: unknown subcommand %q\n%s", args[0], usage)}
	}
	if *asJSON {
		return m.printJSON(result)
	}
	w := m.Stdout
	outlets := ""
	if len(result.Outlets) > 0 {
		outlets = " · " + strings.Join(result.Outlets, ", ")
	}
	fmt.Fprintf(w, "Story %d (storyline %d): %s\n%s – %s · %s, %d independent origins%s\n\n%s\n",
		result.ID, result.StorylineID, result.Title, result.FirstSeen.Format("2006-01-02"), result.LastSeen.Format("2006-01-02"),
		nOf(result.Sources, "article"), result.Origins, outlets, result.Summary)
	if len(result.KeyActors) > 0 {
		fmt.Fprintf(w, "\nKey actors: %s\n", strings.Join(result.KeyActors, ", "))
	}
	if len(result.KeyEvents) > 0 {
		fmt.Fprintln(w, "\nKey events:")
		for i, e := range result.KeyEvents {
			n := 0
			if i < len(result.KeyEventReports) {
				n = result.KeyEventReports[i].Reports()
			}
			fmt.Fprintf(w, "  %s  %s → %s  %s/%s %s (%s)\n", e.Date, dash(e.Source.Code), dash(e.Target.Code), e.CAMEO, e.PLOVER, e.Mode, nOf(n, "article"))
		}
	}
	if len(result.ArticleIDs) > 0 {
		fmt.Fprintf(w, "\nArticles: %s\n", strings.Join(result.ArticleIDs, " "))
	}
	return nil
}

// nOf renders a count with its noun, plural unless the count is one ("1 article", "3 articles").
func nOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
