package story

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// maxKeyActors and maxKeyEvents bound a story's key lists.
const (
	maxKeyActors = 8
	maxKeyEvents = 12
)

// view builds the summary of story si: title and summary from its most central article, key
// actors, key events, dates, counts and outlets.
func (c *Clusterer) view(si int32) *sitrep.Story {
	s := c.stories[si]
	v := &sitrep.Story{ID: s.id, StorylineID: s.line, Sources: len(s.members), KeyActors: []string{}, KeyEvents: []sitrep.Event{}, Outlets: []string{}}
	members := append([]int32(nil), s.members...)
	sort.Slice(members, func(i, j int) bool { return c.articles[members[i]].seq < c.articles[members[j]].seq })
	central, bestSim := int32(-1), -1.0
	outlets := map[string]bool{}
	inStory := map[string]bool{}
	for _, mi := range members {
		inStory[c.articles[mi].id] = true
	}
	for _, mi := range members {
		a := c.articles[mi]
		v.ArticleIDs = append(v.ArticleIDs, a.id)
		if a.outlet != "" && !outlets[a.outlet] {
			outlets[a.outlet] = true
			v.Outlets = append(v.Outlets, a.outlet)
		}
		if a.dupOf == "" || !inStory[a.dupOf] {
			v.Origins++
		}
		t := c.articleTime(a)
		if !t.IsZero() {
			if v.FirstSeen.IsZero() || t.Before(v.FirstSeen) {
				v.FirstSeen = t
			}
			if t.After(v.LastSeen) {
				v.LastSeen = t
			}
		}
		if a.dupOf != "" && inStory[a.dupOf] {
			continue // a copy is never the representative
		}
		sim := cosine(a.terms, s.terms, c.idf) + cosine(a.ents, s.ents, c.idf)
		if sim > bestSim+1e-9 {
			central, bestSim = mi, sim
		}
	}
	sort.Strings(v.Outlets)
	if central >= 0 {
		a := c.articles[central]
		v.Title = a.title
		v.Summary = a.lead
		if v.Title == "" {
			v.Title = shorten(a.lead, 120)
		}
	}
	v.KeyActors = c.keyActors(s)
	v.KeyEvents, v.KeyEventReports = c.keyEvents(members)
	return v
}

// articleTime is the article's publication time, else its dated day, else zero.
func (c *Clusterer) articleTime(a *article) time.Time {
	if !a.published.IsZero() {
		return a.published
	}
	if a.lo != noDate {
		return dayTime(a.lo)
	}
	return time.Time{}
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return s[:cut] + "…"
}

// keyActors lists the story's strongest actor codes, then names, by summed weight·idf.
func (c *Clusterer) keyActors(s *story) []string {
	type kw struct {
		k string
		x float64
	}
	var codes, names []kw
	for _, e := range s.ents {
		w := c.words[e.id]
		x := float64(e.w) * c.idf(e.id)
		switch {
		case strings.HasPrefix(w, "a:"):
			codes = append(codes, kw{w[2:], x})
		case strings.HasPrefix(w, "n:"):
			names = append(names, kw{w[2:], x * float64(e.w)})
		}
	}
	byX := func(l []kw) {
		sort.Slice(l, func(i, j int) bool {
			if l[i].x != l[j].x {
				return l[i].x > l[j].x
			}
			return l[i].k < l[j].k
		})
	}
	byX(codes)
	byX(names)
	out := []string{}
	for _, e := range codes {
		if len(out) < maxKeyActors {
			out = append(out, e.k)
		}
	}
	for _, e := range names {
		if len(out) < maxKeyActors && len(codes) < 3 {
			out = append(out, titleCase(e.k))
		}
	}
	return out
}

func titleCase(s string) string {
	parts := strings.Fields(s)
	for i, p := range parts {
		switch {
		case strings.Contains(p, "."):
			parts[i] = strings.ToUpper(p)
		case p != "":
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, " ")
}

// eventKey identifies one real happening: who did what (PLOVER type, else CAMEO root) to whom,
// on which day.
func eventKey(e sitrep.Event) string {
	typ := e.PLOVER
	if typ == "" && len(e.CAMEO) >= 2 {
		typ = e.CAMEO[:2]
	}
	return e.Source.Code + "|" + typ + "|" + e.Target.Code + "|" + e.Date
}

// keyEvents groups the events that happened in the given articles by eventKey: one event per real
// happening, with the articles and outlets reporting it, the most reported first.
func (c *Clusterer) keyEvents(members []int32) ([]sitrep.Event, []sitrep.EventReport) {
	type group struct {
		ev       sitrep.Event
		arts     []string
		outlets  []string
		mentions int
		first    int64
	}
	groups := map[string]*group{}
	for _, mi := range members {
		a := c.articles[mi]
		for _, e := range a.events {
			if !e.Happened() || (e.Source.Code == "" && e.Target.Code == "") {
				continue
			}
			k := eventKey(e)
			g, ok := groups[k]
			if !ok {
				g = &group{ev: e, first: a.seq}
				groups[k] = g
			}
			g.mentions++
			if len(g.arts) == 0 || g.arts[len(g.arts)-1] != a.id {
				g.arts = append(g.arts, a.id)
				if a.outlet != "" && !contains(g.outlets, a.outlet) {
					g.outlets = append(g.outlets, a.outlet)
				}
			}
		}
	}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].arts) != len(list[j].arts) {
			return len(list[i].arts) > len(list[j].arts)
		}
		if list[i].mentions != list[j].mentions {
			return list[i].mentions > list[j].mentions
		}
		if list[i].first != list[j].first {
			return list[i].first < list[j].first
		}
		return eventKey(list[i].ev) < eventKey(list[j].ev)
	})
	if len(list) > maxKeyEvents {
		list = list[:maxKeyEvents]
	}
	evs := make([]sitrep.Event, 0, len(list))
	var reps []sitrep.EventReport
	for _, g := range list {
		evs = append(evs, g.ev)
		reps = append(reps, sitrep.EventReport{Articles: g.arts, Outlets: append([]string{}, g.outlets...), Mentions: g.mentions})
	}
	return evs, reps
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// lineView builds the summary of a storyline: its stories by first date, key actors and links.
func (c *Clusterer) lineView(l *storyline) *sitrep.Storyline {
	v := &sitrep.Storyline{ID: l.id, StoryIDs: []int64{}, KeyActors: []string{}}
	type st struct {
		id    int64
		first time.Time
	}
	var list []st
	actorW := map[string]float64{}
	var best *sitrep.Story
	for _, id := range l.stories {
		si, ok := c.storyIdx[id]
		if !ok {
			continue
		}
		sv := c.view(si)
		list = append(list, st{id, sv.FirstSeen})
		if !sv.FirstSeen.IsZero() && (v.FirstSeen.IsZero() || sv.FirstSeen.Before(v.FirstSeen)) {
			v.FirstSeen = sv.FirstSeen
		}
		if sv.LastSeen.After(v.LastSeen) {
			v.LastSeen = sv.LastSeen
		}
		for i, a := range sv.KeyActors {
			actorW[a] += 1 / float64(i+1)
		}
		if best == nil || sv.Sources > best.Sources || (sv.Sources == best.Sources && sv.LastSeen.After(best.LastSeen)) {
			best = sv
		}
		if link, ok := l.links[id]; ok {
			v.Links = append(v.Links, link)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].first.Equal(list[j].first) {
			return list[i].first.Before(list[j].first)
		}
		return list[i].id < list[j].id
	})
	for _, s := range list {
		v.StoryIDs = append(v.StoryIDs, s.id)
	}
	sort.Slice(v.Links, func(i, j int) bool { return v.Links[i].StoryID < v.Links[j].StoryID })
	if best != nil {
		v.Title = best.Title
	}
	type aw struct {
		a string
		w float64
	}
	var aws []aw
	for a, w := range actorW {
		aws = append(aws, aw{a, w})
	}
	sort.Slice(aws, func(i, j int) bool {
		if math.Abs(aws[i].w-aws[j].w) > 1e-9 {
			return aws[i].w > aws[j].w
		}
		return aws[i].a < aws[j].a
	})
	for _, x := range aws {
		if len(v.KeyActors) < maxKeyActors {
			v.KeyActors = append(v.KeyActors, x.a)
		}
	}
	return v
}
