package story

import (
	"fmt"
	"math"
	"sort"

	"github.com/sitrep/sitrep"
)

// cohortMinPart is the size each part needs for Options.CohortCohesion to apply.
const cohortMinPart = 3

// maxSplitMembers bounds the members examined by an automatic split check.
const maxSplitMembers = 96

// splitCheckAt reports whether a story that just reached n articles is checked for a split: at
// every size from 4 to 16 (while an early ambiguous join is still cheap to undo), then every fourth
// size up to 48, then at 64 and 96 articles, so the checks cost O(1) per article overall.
func splitCheckAt(n int) bool {
	switch {
	case n >= 4 && n <= 16:
		return true
	case n <= 48:
		return n%4 == 0
	}
	return n == 64 || n == 96
}

// group is a temporary cluster of articles used by the split check.
type group struct {
	members     []int32
	terms, ents vec
	lo, hi      int32
	dated       int
}

func (c *Clusterer) groupOf(members []int32) group {
	g := group{members: members, lo: noDate, hi: noDate}
	for _, mi := range members {
		a := c.articles[mi]
		g.terms = addInto(g.terms, a.terms, 1)
		g.ents = addInto(g.ents, a.ents, 1)
		if a.lo != noDate {
			g.dated++
			if g.lo == noDate || a.lo < g.lo {
				g.lo = a.lo
			}
			if g.hi == noDate || a.hi > g.hi {
				g.hi = a.hi
			}
		}
	}
	return g
}

// groupTime is the time factor between an article or group dated (lo, hi) with dated of n
// members dated and group g, as the join decision applies it: the gap decay when both sides
// are mostly dated, Options.HalfDatedFactor when exactly one side is.
func (c *Clusterer) groupTime(lo, hi int32, dated, n int, g group) float64 {
	ad := 2*dated >= n && lo != noDate
	gd := 2*g.dated >= len(g.members) && g.lo != noDate
	switch {
	case ad && gd:
		f := c.timeFactor(gapDays(lo, hi, g.lo, g.hi))
		return min(f, 1)
	case ad != gd:
		return c.opts.HalfDatedFactor
	}
	return 1
}

// groupSim is the weighted word and entity cosine of two groups' sums (no time factor).
func (c *Clusterer) groupSim(aT, aE, bT, bE vec) float64 {
	score := c.opts.WeightTerms * cosine(aT, bT, c.idf)
	wsum := c.opts.WeightTerms
	if len(aE) > 0 && len(bE) > 0 {
		score += c.opts.WeightEntities * cosine(aE, bE, c.idf)
		wsum += c.opts.WeightEntities
	}
	return score / wsum
}

// trySplit checks whether story si holds two distinct happenings that an early, ambiguous join
// glued together: its articles are divided in two by 2-means (seeded with the least similar pair of
// articles), and when the two parts' similarity is below
// Options.SplitThreshold and each part has at least two articles, the smaller part becomes a new
// story in the same storyline. It returns the new story's index, or -1.
func (c *Clusterer) trySplit(si int32) int32 {
	s := c.stories[si]
	if c.opts.SplitThreshold <= 0 || len(s.members) > maxSplitMembers || len(s.members) < 4 {
		return -1
	}
	ms := append([]int32(nil), s.members...)
	sort.Slice(ms, func(i, j int) bool { return c.articles[ms[i]].seq < c.articles[ms[j]].seq })
	simTo := func(mi int32, t, e vec) float64 {
		a := c.articles[mi]
		return c.groupSim(a.terms, a.ents, t, e)
	}
	simToG := func(mi int32, g group) float64 {
		a := c.articles[mi]
		d := 0
		if a.lo != noDate {
			d = 1
		}
		return simTo(mi, g.terms, g.ents) * c.groupTime(a.lo, a.hi, d, 1, g)
	}
	// Seeds: the least similar pair of articles.
	lo, hi, minS := int32(-1), int32(-1), 2.0
	for i, x := range ms {
		ax := c.articles[x]
		for _, y := range ms[i+1:] {
			ay := c.articles[y]
			v := c.groupSim(ax.terms, ax.ents, ay.terms, ay.ents)
			if ax.lo != noDate && ay.lo != noDate {
				v *= min(1, c.timeFactor(gapDays(ax.lo, ax.hi, ay.lo, ay.hi)))
			} else if (ax.lo != noDate) != (ay.lo != noDate) {
				v *= c.opts.HalfDatedFactor
			}
			if v < minS {
				lo, hi, minS = x, y, v
			}
		}
	}
	if lo < 0 {
		return -1
	}
	// refine runs 2-means from the partition (ga, gb); ok is false when a part empties.
	refine := func(ga, gb group) (group, group, bool) {
		var inA map[int32]bool
		for iter := 0; iter < 4; iter++ {
			next := map[int32]bool{}
			var am, bm []int32
			for _, mi := range ms {
				if simToG(mi, ga) > simToG(mi, gb) {
					next[mi] = true
					am = append(am, mi)
				} else {
					bm = append(bm, mi)
				}
			}
			if len(am) == 0 || len(bm) == 0 {
				return ga, gb, false
			}
			ga, gb = c.groupOf(am), c.groupOf(bm)
			if sameSet(inA, next) {
				break
			}
			inA = next
		}
		return ga, gb, true
	}
	type cand struct {
		a, b     group
		between  float64
		cohesion float64 // of the undated part when it decided the split, else 0
	}
	var best *cand
	try := func(a, b group) {
		if len(a.members) < 2 || len(b.members) < 2 {
			return
		}
		between := c.groupSim(a.terms, a.ents, b.terms, b.ents) * c.groupTime(a.lo, a.hi, a.dated, len(a.members), b)
		split, cohesion := between < c.opts.SplitThreshold, 0.0
		ad, bd := 2*a.dated >= len(a.members), 2*b.dated >= len(b.members)
		if !split && c.opts.CohortCohesion > 0 && ad != bd && min(len(a.members), len(b.members)) >= cohortMinPart {
			undated, dated := a, b
			if ad {
				undated, dated = b, a
			}
			cohesion = c.cohesion(undated, dated)
			// Undated reports of the dated happening dilute the undated part's cohesion; it is
			// also measured with them moved to the dated part, as rehome would move them.
			if u, d := c.rehome(undated, dated); len(u.members) >= cohortMinPart && len(u.members) < len(undated.members) {
				cohesion = max(cohesion, c.cohesion(u, d))
			}
			if cohesion >= c.opts.CohortCohesion {
				split = true
			}
		}
		if split && (best == nil || between < best.between) {
			best = &cand{a, b, between, cohesion}
		}
	}
	if ga, gb, ok := refine(c.groupOf([]int32{lo}), c.groupOf([]int32{hi})); ok {
		try(ga, gb)
	}
	if c.opts.CohortCohesion > 0 {
		// Second seeding: the dated and the undated articles.
		var dm, um []int32
		for _, mi := range ms {
			if c.articles[mi].lo != noDate {
				dm = append(dm, mi)
			} else {
				um = append(um, mi)
			}
		}
		if len(dm) > 0 && len(um) > 0 {
			if ga, gb, ok := refine(c.groupOf(dm), c.groupOf(um)); ok {
				try(ga, gb)
			}
		}
	}
	if best == nil {
		return -1
	}
	ga, gb, between := best.a, best.b, best.between
	if best.cohesion > 0 {
		ga, gb = c.rehome(ga, gb)
	}
	why := fmt.Sprintf("split from story %d: the two parts scored %.2f < %.2f", s.id, between, c.opts.SplitThreshold)
	if best.cohesion > 0 {
		why = fmt.Sprintf("split from story %d: its undated articles are %.2f times as like each other as like the dated ones (the parts scored %.2f)", s.id, best.cohesion, between)
	}
	out := ga
	if len(ga.members) > len(gb.members) || (len(ga.members) == len(gb.members) && c.articles[ga.members[0]].seq < c.articles[gb.members[0]].seq) {
		out = gb
	}
	ni := c.newStory()
	for _, mi := range out.members {
		c.detach(mi)
		c.join(mi, ni)
	}
	ns := c.stories[ni]
	if l, ok := c.lines[s.line]; ok {
		c.setLine(ni, l.id, sitrep.StoryLink{StoryID: ns.id, Reason: why, Score: round2(between)})
	}
	c.logger.Debug("story split", "story_id", s.id, "new_id", ns.id, "similarity", between)
	return ni
}

// cohesion is how much more alike the articles of g are to each other than to other: the mean
// similarity of each to the rest of g, over its mean similarity to other.
func (c *Clusterer) cohesion(g, other group) float64 {
	var own, cross float64
	for _, mi := range g.members {
		a := c.articles[mi]
		own += c.groupSim(a.terms, a.ents, addInto(g.terms, a.terms, -1), addInto(g.ents, a.ents, -1))
		cross += c.groupSim(a.terms, a.ents, other.terms, other.ents)
	}
	if cross == 0 {
		return math.Inf(1)
	}
	return own / cross
}

// rehome finishes a cohort split of parts a and b (one mostly dated, one mostly undated): an
// undated article of the undated part that is at least Options.CohortCohesion times as like the
// dated part as like the rest of its own part is an undated report of the dated happening and
// moves to the dated part. The undated part keeps at least two articles.
func (c *Clusterer) rehome(a, b group) (group, group) {
	und, dat := a, b
	if 2*a.dated >= len(a.members) {
		und, dat = b, a
	}
	var keep, move []int32
	for _, mi := range und.members {
		ar := c.articles[mi]
		own := c.groupSim(ar.terms, ar.ents, addInto(und.terms, ar.terms, -1), addInto(und.ents, ar.ents, -1))
		if ar.lo == noDate && c.groupSim(ar.terms, ar.ents, dat.terms, dat.ents) >= own*c.opts.CohortCohesion {
			move = append(move, mi)
		} else {
			keep = append(keep, mi)
		}
	}
	if len(move) == 0 || len(keep) < 2 {
		return a, b
	}
	return c.groupOf(keep), c.groupOf(append(append([]int32(nil), dat.members...), move...))
}

func sameSet(a, b map[int32]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
