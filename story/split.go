package story

import (
	"fmt"
	"sort"

	"github.com/sitrep/sitrep"
)

// maxSplitMembers bounds the members examined by an automatic split check.
const maxSplitMembers = 96

// splitCheckAt reports whether a story that just reached n articles is checked for a split: at
// every size from 4 to 16 (while an early ambiguous join is still cheap to undo), then at 24, 32,
// 48, 64 and 96 articles, so the checks cost O(1) per article overall.
func splitCheckAt(n int) bool {
	if n >= 4 && n <= 16 {
		return true
	}
	switch n {
	case 24, 32, 48, 64, 96:
		return true
	}
	return false
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
	ga, gb := c.groupOf([]int32{lo}), c.groupOf([]int32{hi})
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
			return -1
		}
		ga, gb = c.groupOf(am), c.groupOf(bm)
		if sameSet(inA, next) {
			break
		}
		inA = next
	}
	if len(ga.members) < 2 || len(gb.members) < 2 {
		return -1
	}
	between := c.groupSim(ga.terms, ga.ents, gb.terms, gb.ents) * c.groupTime(ga.lo, ga.hi, ga.dated, len(ga.members), gb)
	if between >= c.opts.SplitThreshold {
		return -1
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
		c.setLine(ni, l.id, sitrep.StoryLink{StoryID: ns.id, Reason: fmt.Sprintf("split from story %d: the two parts scored %.2f < %.2f", s.id, between, c.opts.SplitThreshold), Score: round2(between)})
	}
	c.logger.Debug("story split", "story_id", s.id, "new_id", ns.id, "similarity", between)
	return ni
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
