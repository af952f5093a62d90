package story

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// Timeline returns the dated events of storyline id: one entry per happening (events grouped as
// for key events) with every article reporting it, ordered by date then story.
func (c *Clusterer) Timeline(id int64) ([]sitrep.TimelineEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lines[id]
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Storyline not found.")
	}
	var out []sitrep.TimelineEntry
	for _, sid := range l.stories {
		si, ok := c.storyIdx[sid]
		if !ok {
			continue
		}
		out = append(out, c.entries(sid, c.stories[si].members, nil)...)
	}
	sortEntries(out)
	return out, nil
}

// PairTimeline returns the dated events between actors a and b, in either direction, across all
// stories. A three-letter code matches the country and all its sectors ("ISR" matches "ISRGOV").
func (c *Clusterer) PairTimeline(a, b string) []sitrep.TimelineEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	match := func(e sitrep.Event) bool {
		s, t := e.Source.Code, e.Target.Code
		return (codeMatch(s, a) && codeMatch(t, b)) || (codeMatch(s, b) && codeMatch(t, a))
	}
	var out []sitrep.TimelineEntry
	for _, s := range c.stories {
		if s.dead {
			continue
		}
		out = append(out, c.entries(s.id, s.members, match)...)
	}
	sortEntries(out)
	return out
}

func codeMatch(code, want string) bool {
	if code == "" || want == "" {
		return false
	}
	return code == want || (len(want) == 3 && strings.HasPrefix(code, want))
}

// entries groups the happened events of the given articles of one story into timeline entries.
// Each entry lists at most maxReportArticles article ids, the oldest; ArticlesTotal then counts
// them all. An article's events are undated entries' dates come from its publication time, so
// the work is one map lookup per event of each member (no allocation unless an entry is new).
func (c *Clusterer) entries(storyID int64, members []int32, keep func(sitrep.Event) bool) []sitrep.TimelineEntry {
	byKey := map[evKey]int{}
	var out []sitrep.TimelineEntry
	var last []string // the article last added to each entry
	var lastY int
	var lastM time.Month
	var lastD int
	lastDay := ""
	for _, mi := range c.bySeq(members) {
		a := c.articles[mi]
		for _, e := range a.events {
			if !e.Happened() || (keep != nil && !keep(e)) {
				continue
			}
			date := e.Date
			if date == "" {
				t := c.articleTime(a)
				if t.IsZero() {
					continue
				}
				if y, m, d := t.Date(); lastDay == "" || y != lastY || m != lastM || d != lastD {
					lastY, lastM, lastD, lastDay = y, m, d, t.Format("2006-01-02")
				}
				date = lastDay
			}
			e.Date = date
			k := keyOf(&e)
			if i, ok := byKey[k]; ok {
				if last[i] != a.id {
					last[i] = a.id
					if len(out[i].Articles) < maxReportArticles {
						out[i].Articles = append(out[i].Articles, a.id)
					}
					out[i].ArticlesTotal++
				}
				continue
			}
			byKey[k] = len(out)
			out = append(out, sitrep.TimelineEntry{Date: date, StoryID: storyID, Event: e, Articles: []string{a.id}, ArticlesTotal: 1})
			last = append(last, a.id)
		}
	}
	// ArticlesTotal is set only when Articles is a sample.
	for i := range out {
		if out[i].ArticlesTotal <= len(out[i].Articles) {
			out[i].ArticlesTotal = 0
		}
	}
	return out
}

func sortEntries(l []sitrep.TimelineEntry) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Date != l[j].Date {
			return l[i].Date < l[j].Date
		}
		return l[i].StoryID < l[j].StoryID
	})
}

// Escalation returns the daily escalation index of a timeline: for each day with events, the mean
// and minimum Goldstein value and the count, by date. Entries dated coarser than a day ("2024-10")
// are left out: they cannot be placed on a daily series.
func Escalation(entries []sitrep.TimelineEntry) []sitrep.EscalationPoint {
	type acc struct {
		sum, min float64
		n        int
	}
	days := map[string]*acc{}
	for _, e := range entries {
		if len(e.Date) < 10 {
			continue
		}
		d := e.Date[:10]
		a, ok := days[d]
		if !ok {
			a = &acc{min: math.Inf(1)}
			days[d] = a
		}
		a.sum += e.Event.Goldstein
		a.min = math.Min(a.min, e.Event.Goldstein)
		a.n++
	}
	out := make([]sitrep.EscalationPoint, 0, len(days))
	for d, a := range days {
		out = append(out, sitrep.EscalationPoint{Date: d, Mean: round2(a.sum / float64(a.n)), Min: a.min, Count: a.n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
