package story

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// maxKeyActors and maxKeyEvents bound a story's key lists. maxReportArticles bounds the article
// ids listed per key event and per timeline entry (the oldest reporting articles; ArticlesTotal
// then counts them all). maxCentral bounds the articles compared with the story's centroid to
// choose its title and summary.
const (
	maxKeyActors      = 8
	maxKeyEvents      = 12
	maxReportArticles = 100
	maxCentral        = 256
)

// view builds the summary of story si: title and summary from its most central article, key
// actors, key events, dates, counts, outlets and the ids of all its articles.
//
// Its cost is one pass over the story's members doing a few comparisons each (no allocation
// per member; a map lookup only when a member's outlet differs from the previous member's or
// its duplicate_of is not among the last four seen), plus work bounded independently of the
// story's size: key events are grouped once per distinct event list (copies share their
// origin's list) and list at most maxReportArticles article ids each; the title and summary come
// from the most central of at most maxCentral independent articles (all of them in a story that
// has no more, else an even sample of them in ingest order). Every count (sources, origins, key
// event reports and mentions) stays exact.
func (c *Clusterer) view(si int32) *sitrep.Story { return c.summarize(si, true) }

// summarize builds the summary of story si; without full it leaves out the article ids and
// key events (what a storyline summary does not need).
func (c *Clusterer) summarize(si int32, full bool) *sitrep.Story {
	s := c.stories[si]
	v := &sitrep.Story{ID: s.id, StorylineID: s.line, Sources: len(s.members), KeyActors: []string{}, KeyEvents: []sitrep.Event{}, Outlets: []string{}}
	members := c.bySeq(s.members)
	var outlets outletIndex
	var dups dupCache
	var origins []int32
	var kg *keyGrouper
	if full {
		v.ArticleIDs = make([]string, 0, len(members))
		kg = newKeyGrouper()
	}
	for _, mi := range members {
		a := c.articles[mi]
		o := int32(-1)
		if a.outlet != "" {
			if o = outlets.of(a.outlet); int(o) == len(v.Outlets) { // a new outlet
				v.Outlets = append(v.Outlets, a.outlet)
			}
		}
		// A copy of an article of this story is not an independent origin.
		if a.dupOf == "" || !dups.in(c, a.dupOf, si) {
			v.Origins++
			origins = append(origins, mi)
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
		if full {
			v.ArticleIDs = append(v.ArticleIDs, a.id)
			kg.add(a, o)
		}
	}
	sort.Strings(v.Outlets)
	// The representative is the independent article closest to the story's centroid (a copy
	// never is), the first in ingest order on a tie.
	step := max((len(origins)+maxCentral-1)/maxCentral, 1)
	central, bestSim := int32(-1), -1.0
	for i := 0; i < len(origins); i += step {
		a := c.articles[origins[i]]
		sim := cosine(a.terms, s.terms, c.idf) + cosine(a.ents, s.ents, c.idf)
		if sim > bestSim+1e-9 {
			central, bestSim = origins[i], sim
		}
	}
	if central >= 0 {
		a := c.articles[central]
		v.Title = a.title
		v.Summary = a.lead
		if v.Title == "" {
			v.Title = shorten(a.lead, 120)
		}
	}
	v.KeyActors = c.keyActors(s)
	if full {
		v.KeyEvents, v.KeyEventReports = kg.result()
	}
	return v
}

// bySeq returns the members in ingest order: the list itself when it already is (members are
// appended as articles join), else a sorted copy.
func (c *Clusterer) bySeq(members []int32) []int32 {
	for i := 1; i < len(members); i++ {
		if c.articles[members[i]].seq < c.articles[members[i-1]].seq {
			ms := append([]int32(nil), members...)
			sort.Slice(ms, func(i, j int) bool { return c.articles[ms[i]].seq < c.articles[ms[j]].seq })
			return ms
		}
	}
	return members
}

// outletIndex numbers outlets in order of first appearance: a run of articles from one
// outlet costs a string comparison each, other articles one map lookup.
type outletIndex struct {
	m     map[string]int32
	last  string
	lastI int32
}

// of returns the number of outlet o (not empty).
func (x *outletIndex) of(o string) int32 {
	if o == x.last && x.m != nil {
		return x.lastI
	}
	i, ok := x.m[o]
	if !ok {
		if x.m == nil {
			x.m = map[string]int32{}
		}
		i = int32(len(x.m))
		x.m[o] = i
	}
	x.last, x.lastI = o, i
	return i
}

// dupCache remembers whether the last few duplicate_of ids seen are members of the story: a
// feed of copies names few origins, so most members cost a string comparison or two.
type dupCache struct {
	ids    [4]string
	member [4]bool
	next   int
}

// in reports whether the article with id is a member of story si.
func (d *dupCache) in(c *Clusterer, id string, si int32) bool {
	for i := range d.ids {
		if d.ids[i] == id && id != "" {
			return d.member[i]
		}
	}
	ai, ok := c.byID[id]
	in := ok && c.articles[ai].story == si
	d.ids[d.next], d.member[d.next] = id, in
	d.next = (d.next + 1) % len(d.ids)
	return in
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
	return keyOf(&e).String()
}

// evKey is eventKey's parts, a map key that costs no allocation.
type evKey struct{ src, typ, tgt, date string }

func keyOf(e *sitrep.Event) evKey {
	typ := e.PLOVER
	if typ == "" && len(e.CAMEO) >= 2 {
		typ = e.CAMEO[:2]
	}
	return evKey{e.Source.Code, typ, e.Target.Code, e.Date}
}

// String is the key as eventKey renders it (ties between key events sort on it).
func (k evKey) String() string { return k.src + "|" + k.typ + "|" + k.tgt + "|" + k.date }

// keyGrouper groups the events that happened in a story's articles (added in ingest order) by
// eventKey: one event per real happening, with the articles and outlets reporting it, the most
// reported first. Each distinct event list is grouped once: copies share their origin's list,
// so a copy costs a few additions. Articles lists at most maxReportArticles ids, the oldest.
type keyGrouper struct {
	groups map[evKey]*keyGroup
	lists  map[listKey][]keyUse
	list   []*keyGroup
	// recent caches the last few lists looked up: copies of a few origins interleave.
	recent [4]struct {
		k    listKey
		uses []keyUse
	}
	next int
}

type keyGroup struct {
	key      evKey
	ev       sitrep.Event
	arts     []string
	n        int
	outlets  []string
	seen     []uint64 // bit set of outlet numbers
	mentions int
	first    int64
}

// keyUse is one group an event list reports, with its mentions in the list.
type keyUse struct {
	g        *keyGroup
	mentions int
}

// listKey identifies an event list by its first element and length.
type listKey struct {
	p *sitrep.Event
	n int
}

func newKeyGrouper() *keyGrouper {
	return &keyGrouper{groups: map[evKey]*keyGroup{}, lists: map[listKey][]keyUse{}}
}

// add counts the events of article a, whose outlet has number o (-1: none).
func (kg *keyGrouper) add(a *article, o int32) {
	if len(a.events) == 0 {
		return
	}
	for _, u := range kg.usesOf(a) {
		g := u.g
		g.mentions += u.mentions
		g.n++
		if len(g.arts) < maxReportArticles {
			g.arts = append(g.arts, a.id)
		}
		if o < 0 {
			continue
		}
		w, bit := int(o/64), uint64(1)<<(o%64)
		for len(g.seen) <= w {
			g.seen = append(g.seen, 0)
		}
		if g.seen[w]&bit == 0 {
			g.seen[w] |= bit
			g.outlets = append(g.outlets, a.outlet)
		}
	}
}

// usesOf returns the groups a's event list reports.
func (kg *keyGrouper) usesOf(a *article) []keyUse {
	p := listKey{&a.events[0], len(a.events)}
	for i := range kg.recent {
		if kg.recent[i].k == p {
			return kg.recent[i].uses
		}
	}
	uses, ok := kg.lists[p]
	if !ok {
		uses = kg.group(a)
		kg.lists[p] = uses
	}
	kg.recent[kg.next].k, kg.recent[kg.next].uses = p, uses
	kg.next = (kg.next + 1) % len(kg.recent)
	return uses
}

// group returns the groups a's event list reports, opening those not seen before.
func (kg *keyGrouper) group(a *article) []keyUse {
	var uses []keyUse
	for _, e := range a.events {
		if !e.Happened() || (e.Source.Code == "" && e.Target.Code == "") {
			continue
		}
		k := keyOf(&e)
		g, ok := kg.groups[k]
		if !ok {
			g = &keyGroup{key: k, ev: e, first: a.seq}
			kg.groups[k] = g
			kg.list = append(kg.list, g)
		}
		found := false
		for i := range uses {
			if uses[i].g == g {
				uses[i].mentions++
				found = true
			}
		}
		if !found {
			uses = append(uses, keyUse{g, 1})
		}
	}
	return uses
}

// result returns the key events, most reported first, and their reports.
func (kg *keyGrouper) result() ([]sitrep.Event, []sitrep.EventReport) {
	list := kg.list
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		if list[i].mentions != list[j].mentions {
			return list[i].mentions > list[j].mentions
		}
		if list[i].first != list[j].first {
			return list[i].first < list[j].first
		}
		return list[i].key.String() < list[j].key.String()
	})
	if len(list) > maxKeyEvents {
		list = list[:maxKeyEvents]
	}
	evs := make([]sitrep.Event, 0, len(list))
	var reps []sitrep.EventReport
	for _, g := range list {
		evs = append(evs, g.ev)
		r := sitrep.EventReport{Articles: g.arts, Outlets: append([]string{}, g.outlets...), Mentions: g.mentions}
		if g.n > len(g.arts) {
			r.ArticlesTotal = g.n
		}
		reps = append(reps, r)
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
		sv := c.summarize(si, false)
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
