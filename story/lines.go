package story

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// lineScore scores how well story s continues story t's storyline: shared entities and actors,
// shared words and shared event types, with no time decay inside the storyline window.
func (c *Clusterer) lineScore(s, t *story) (float64, int32) {
	gap := gapDays(s.lo, s.hi, t.lo, t.hi)
	if gap > int32(c.opts.StorylineWindowDays) {
		return 0, gap
	}
	stn, sen := c.storyNorms(s)
	ttn, ten := c.storyNorms(t)
	ents := safeDiv(dot(s.ents, t.ents, c.idf), sen*ten)
	terms := safeDiv(dot(s.terms, t.terms, c.idf), stn*ttn)
	score := 0.5*ents + 0.5*terms
	if o, ok := overlap(s.evs, t.evs); ok {
		score = 0.45*ents + 0.4*terms + 0.15*o
	}
	return score, gap
}

// chooseLine puts story si into the storyline of its best matching earlier story, or into a new
// storyline of its own, and records the reason.
func (c *Clusterer) chooseLine(si int32) {
	s := c.stories[si]
	s.lineTry++
	cands := c.candidates(s.terms, s.ents, c.opts.Candidates, si)
	best, bestScore, bestGap := int32(-1), 0.0, int32(0)
	var bridged []int64 // other storylines this story also matches
	for _, ti := range cands {
		t := c.stories[ti]
		if t.dead || t.line == 0 || t.line == s.line {
			continue
		}
		sc, gap := c.lineScore(s, t)
		if sc >= c.opts.StorylineThreshold && !containsID(bridged, t.line) {
			bridged = append(bridged, t.line)
		}
		if sc > bestScore || (sc == bestScore && best >= 0 && t.id < c.stories[best].id) {
			best, bestScore, bestGap = ti, sc, gap
		}
	}
	if best >= 0 && bestScore >= c.opts.StorylineThreshold {
		t := c.stories[best]
		reason := c.lineReason(s, t, bestGap)
		c.setLine(si, t.line, sitrep.StoryLink{StoryID: s.id, Reason: reason, Score: round2(bestScore)})
		// A story that continues several storylines joins them into one (the oldest id stays),
		// so the result does not depend on which story arrived first.
		for _, id := range bridged {
			if id != s.line {
				c.mergeLines(s.line, id, s.id)
			}
		}
		return
	}
	if s.line != 0 {
		return // keeps its own storyline
	}
	l := &storyline{id: c.nextLine, links: map[int64]sitrep.StoryLink{}}
	c.nextLine++
	c.lines[l.id] = l
	c.setLine(si, l.id, sitrep.StoryLink{StoryID: s.id, Reason: "opened storyline", Score: 1})
}

// setLine moves story si to storyline id with the given link, deleting a storyline left empty.
func (c *Clusterer) setLine(si int32, id int64, link sitrep.StoryLink) {
	s := c.stories[si]
	if s.line == id {
		return
	}
	if old, ok := c.lines[s.line]; ok {
		old.stories = removeID(old.stories, s.id)
		delete(old.links, s.id)
		c.dirtyLines[old.id] = true
		if len(old.stories) == 0 {
			delete(c.lines, old.id)
			c.deadLines[old.id] = true
		}
	}
	l := c.lines[id]
	l.stories = append(l.stories, s.id)
	l.links[s.id] = link
	s.line = id
	c.dirtyLines[id] = true
	c.markStory(s.id)
	for _, mi := range s.members {
		c.markArticle(mi)
	}
}

// mergeLines merges storylines a and b; the older (smaller) id stays. via names the story whose
// links bridged them.
func (c *Clusterer) mergeLines(a, b int64, via int64) int64 {
	la, ok1 := c.lines[a]
	lb, ok2 := c.lines[b]
	if !ok1 || !ok2 || a == b {
		return a
	}
	if lb.id < la.id {
		la, lb = lb, la
	}
	for _, id := range lb.stories {
		la.stories = append(la.stories, id)
		link := lb.links[id]
		if link.Reason == "opened storyline" {
			link.Reason = fmt.Sprintf("storyline %d joined through story %d", lb.id, via)
		}
		la.links[id] = link
		if si, ok := c.storyIdx[id]; ok {
			c.stories[si].line = la.id
			c.markStory(id)
			for _, mi := range c.stories[si].members {
				c.markArticle(mi)
			}
		}
	}
	delete(c.lines, lb.id)
	c.deadLines[lb.id] = true
	c.dirtyLines[la.id] = true
	return la.id
}

func containsID(l []int64, id int64) bool {
	for _, x := range l {
		if x == id {
			return true
		}
	}
	return false
}

func removeID(ids []int64, id int64) []int64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// lineReason explains a storyline link: shared actors, event types and words, and the distance
// in days.
func (c *Clusterer) lineReason(s, t *story, gap int32) string {
	var b strings.Builder
	actors, names := c.shared(s.ents, t.ents, 6)
	if len(actors) > 0 {
		fmt.Fprintf(&b, "shared actors %s", strings.Join(actors, ", "))
	}
	if len(names) > 0 {
		sep(&b)
		fmt.Fprintf(&b, "shared names %s", strings.Join(names, ", "))
	}
	evs, _ := c.shared(s.evs, t.evs, 6)
	if len(evs) > 0 {
		sep(&b)
		fmt.Fprintf(&b, "event types %s", strings.Join(evs, ", "))
	}
	words, _ := c.shared(s.terms, t.terms, 5)
	if len(words) > 0 {
		sep(&b)
		fmt.Fprintf(&b, "shared words %s", strings.Join(words, ", "))
	}
	sep(&b)
	switch {
	case gap < 0:
		fmt.Fprintf(&b, "undated; linked to story %d", t.id)
	default:
		fmt.Fprintf(&b, "%d days apart (story %d)", gap, t.id)
	}
	return b.String()
}

func sep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteString("; ")
	}
}

// shared returns the display forms of the strongest features common to a and b: actor codes and
// event types in the first list, names and words in the second (actor codes first).
func (c *Clusterer) shared(a, b vec, n int) (codes, names []string) {
	type sw struct {
		w string
		x float64
	}
	var all []sw
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case b[j].id < a[i].id:
			j++
		default:
			x := math.Min(float64(a[i].w), float64(b[j].w)) * c.idf(a[i].id)
			all = append(all, sw{c.words[a[i].id], x})
			i++
			j++
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].x != all[j].x {
			return all[i].x > all[j].x
		}
		return all[i].w < all[j].w
	})
	for _, e := range all {
		switch {
		case strings.HasPrefix(e.w, "a:"):
			if len(codes) < n {
				codes = append(codes, e.w[2:])
			}
		case strings.HasPrefix(e.w, "v:"):
			if len(codes) < n {
				codes = append(codes, e.w[2:])
			}
		case strings.HasPrefix(e.w, "n:") || strings.HasPrefix(e.w, "p:"):
			if len(names) < n {
				names = append(names, e.w[2:])
			}
		default:
			if len(codes) < n && !strings.HasPrefix(e.w, "#") {
				codes = append(codes, e.w)
			}
		}
	}
	return codes, names
}

// explain describes a scored comparison of an article with a story.
func (c *Clusterer) explain(terms, ents, evs vec, s *story, p parts) string {
	var b strings.Builder
	words, _ := c.shared(terms, s.terms, 4)
	fmt.Fprintf(&b, "words %.2f (%s)", p.terms, strings.Join(words, ", "))
	if p.hasEnts {
		actors, names := c.shared(ents, s.ents, 4)
		fmt.Fprintf(&b, ", entities %.2f (%s)", p.ents, strings.Join(append(actors, names...), ", "))
	}
	if p.hasEvs {
		fmt.Fprintf(&b, ", event types %.2f", p.evs)
	}
	if p.gap >= 0 && p.private >= 0 {
		fmt.Fprintf(&b, "; %d days apart, both centred on %s (time factor %.2f)", p.gap, privateName(c.words[p.private]), p.factor)
	} else if p.gap >= 0 {
		fmt.Fprintf(&b, "; %d days apart (time factor %.2f)", p.gap, p.factor)
	} else if p.factor != 1 {
		fmt.Fprintf(&b, "; only one side dated (time factor %.2f)", p.factor)
	}
	fmt.Fprintf(&b, "; story %d", s.id)
	return b.String()
}

// privateName renders an unknown person's actor id ("x:andrew-lopez") as a name.
func privateName(id string) string {
	return strings.ReplaceAll(strings.TrimPrefix(id, "x:"), "-", " ")
}
