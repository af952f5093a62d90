package story

import (
	"fmt"
	"math"
	"slices"
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
	terms, ents lvec
	priv        vec // sum of the members' private individuals (global ids)
	lo, hi      int32
	dated       int
}

// member is what the split check uses of one article: its vectors in the check's local spaces.
type member struct {
	a           *article
	terms, ents lvec
}

// splitter holds a split check's local feature spaces: the features of the story's articles
// numbered densely in id order, with their IDF (which does not change during a check), so that
// sums and similarities use small dense arrays instead of merging sparse vectors. Every sum and
// similarity adds the same float values in the same (id) order as addInto, cosine and sqNorm on
// the sparse vectors, so the results are the same bit for bit.
type splitter struct {
	c           *Clusterer
	terms, ents space
	byIdx       map[int32]*member
}

// space is one local feature space: ids[l] is the feature id of local index l.
type space struct {
	// arena gives out the space's slices; it is reset at each check.
	arena *arena
	ids   []uint32
	idf   []float64
	// mark and acc are scratch space of a scatter (mark[l] == stamp when acc[l] is set).
	mark  []uint32
	acc   []float32
	stamp uint32
}

// lentry is one weighted feature of a local vector.
type lentry struct {
	l int32
	w float32
}

// lvec is a vector in a local space, sorted by local index (so by feature id), with its squared
// idf-weighted norm. A group's vector also has a dense view: the weight by local index, 0 for
// an absent feature.
type lvec struct {
	e     []lentry
	sq    float64
	dense []float32
}

// arena is scratch memory of split checks, reused from one check to the next: a check's local
// vectors and dense views are cut from it instead of allocated one by one.
type arena struct {
	ids   []uint32
	f32   []float32
	f64   []float64
	u32   []uint32
	ents  []lentry
	bools []bool
}

// reset makes the arena's memory available again (nothing cut from it is in use any more). An
// arena grown by a very large check is dropped rather than kept.
func (a *arena) reset() {
	const keep = 1 << 16
	if cap(a.f32) > keep || cap(a.ents) > keep || cap(a.ids) > keep {
		*a = arena{}
	}
	a.ids, a.f32, a.f64, a.u32, a.ents, a.bools = a.ids[:0], a.f32[:0], a.f64[:0], a.u32[:0], a.ents[:0], a.bools[:0]
}

// cut returns n zeroed elements from the end of *pool, growing it (in a new array, so slices
// already cut stay valid) when it is full.
func cut[T any](pool *[]T, n int) []T {
	p := *pool
	if cap(p)-len(p) < n {
		p = make([]T, 0, max(2*cap(p), n, 1024))
	}
	s := p[len(p) : len(p)+n : len(p)+n]
	clear(s)
	*pool = p[:len(p)+n]
	return s
}

// newSpace numbers the features of vs densely in id order.
func (c *Clusterer) newSpace(a *arena, vs func(yield func(vec) bool)) space {
	n := 0
	for v := range vs {
		n += len(v)
	}
	// The union of the (sorted) vectors' ids, by merging them pairwise: log2(vectors) passes
	// instead of a sort of all ids.
	buf, alt := cut(&a.ids, n)[:0], cut(&a.ids, n)[:0]
	var runs [][]uint32
	for v := range vs {
		start := len(buf)
		for _, e := range v {
			buf = append(buf, e.id)
		}
		runs = append(runs, buf[start:])
	}
	for len(runs) > 1 {
		out := alt[:0]
		next := runs[:0]
		for i := 0; i < len(runs); i += 2 {
			start := len(out)
			if i+1 < len(runs) {
				out = unionTo(out, runs[i], runs[i+1])
			} else {
				out = append(out, runs[i]...)
			}
			next = append(next, out[start:])
		}
		runs, alt = next, buf
		buf = out
	}
	var ids []uint32
	if len(runs) == 1 {
		ids = runs[0]
	}
	sp := space{arena: a, ids: ids, idf: cut(&a.f64, len(ids)), mark: cut(&a.u32, len(ids)), acc: cut(&a.f32, len(ids))}
	for l, id := range ids {
		sp.idf[l] = c.idf(id)
	}
	return sp
}

// unionTo appends the union of the sorted id lists x and y to out.
func unionTo(out, x, y []uint32) []uint32 {
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			out = append(out, x[i])
			i++
		case y[j] < x[i]:
			out = append(out, y[j])
			j++
		default:
			out = append(out, x[i])
			i++
			j++
		}
	}
	out = append(out, x[i:]...)
	return append(out, y[j:]...)
}

// local returns v (all of whose features are in sp) as a local vector.
func (sp *space) local(v vec) lvec {
	out := lvec{e: cut(&sp.arena.ents, len(v))}
	l := 0
	for i, e := range v {
		for sp.ids[l] != e.id {
			l++
		}
		out.e[i] = lentry{int32(l), e.w}
		x := float64(e.w) * sp.idf[l]
		out.sq += x * x
	}
	return out
}

// sum returns the sum of the local vectors vs with a dense view, exactly as folding
// addInto(sum, v, 1) over them in order would: per feature, the same float32 additions in the same
// order, and an entry that is not above zero dropped.
func (sp *space) sum(vs func(yield func(lvec) bool)) lvec {
	// An entry is present when its dense weight is not zero: a kept weight is above 1e-6, and a
	// dropped one is set back to zero.
	g := lvec{dense: cut(&sp.arena.f32, len(sp.ids))}
	sign := float32(1)
	for v := range vs {
		for _, e := range v.e {
			if w := g.dense[e.l]; w != 0 {
				w += e.w * sign
				if !(w > 1e-6) {
					w = 0
				}
				g.dense[e.l] = w
			} else if e.w*sign > 1e-6 {
				g.dense[e.l] = e.w * sign
			}
		}
	}
	n := 0
	for _, w := range g.dense {
		if w != 0 {
			n++
		}
	}
	g.e = cut(&sp.arena.ents, n)[:0]
	for l, w := range g.dense {
		if w != 0 {
			g.e = append(g.e, lentry{int32(l), w})
			x := float64(w) * sp.idf[l]
			g.sq += x * x
		}
	}
	return g
}

// cos is cosine(a, b, c.idf) of two local vectors, of which b has a dense view.
func (sp *space) cos(a, b lvec) float64 {
	if len(a.e) == 0 || len(b.e) == 0 {
		return 0
	}
	var d float64
	for _, e := range a.e {
		if b.dense[e.l] != 0 {
			x := sp.idf[e.l]
			d += float64(e.w) * float64(b.dense[e.l]) * x * x
		}
	}
	if d == 0 {
		return 0
	}
	return d / math.Sqrt(a.sq*b.sq)
}

// scatter loads a into the space's scratch view for cosScattered.
func (sp *space) scatter(a lvec) {
	sp.stamp++
	if sp.stamp == 0 {
		clear(sp.mark)
		sp.stamp = 1
	}
	for _, e := range a.e {
		sp.mark[e.l], sp.acc[e.l] = sp.stamp, e.w
	}
}

// cosScattered is cosine(a, b, c.idf) of the vector a last scattered and b.
func (sp *space) cosScattered(a, b lvec) float64 {
	if len(a.e) == 0 || len(b.e) == 0 {
		return 0
	}
	var d float64
	for _, e := range b.e {
		if sp.mark[e.l] == sp.stamp {
			x := sp.idf[e.l]
			d += float64(sp.acc[e.l]) * float64(e.w) * x * x
		}
	}
	if d == 0 {
		return 0
	}
	return d / math.Sqrt(a.sq*b.sq)
}

// cosRest is cosine(a, addInto(g, a, -1), c.idf) without building the difference: the
// similarity of a member a to the rest of a group g that sums it. n is the length the difference
// would have.
func (sp *space) cosRest(a, g lvec) (cos float64, n int) {
	av := a.e
	sign := float32(-1)
	var d, g2 float64
	i := 0
	for _, e := range g.e {
		w := e.w
		for i < len(av) && av[i].l < e.l {
			i++
		}
		y := sp.idf[e.l]
		if i < len(av) && av[i].l == e.l {
			// As addInto: the member's weight is taken off; an entry that falls to zero goes.
			w = e.w + av[i].w*sign
			if !(w > 1e-6) {
				i++
				continue
			}
			d += float64(av[i].w) * float64(w) * y * y
			i++
		}
		n++
		x := float64(w) * y
		g2 += x * x
	}
	if len(av) == 0 || n == 0 || d == 0 {
		return 0, n
	}
	return d / math.Sqrt(a.sq*g2), n
}

// groupOf returns the group of the given members (article indexes), summed in that order.
func (sp *splitter) groupOf(members []int32) group {
	c := sp.c
	g := group{members: members, lo: noDate, hi: noDate}
	g.terms = sp.terms.sum(func(yield func(lvec) bool) {
		for _, mi := range members {
			if !yield(sp.byIdx[mi].terms) {
				return
			}
		}
	})
	g.ents = sp.ents.sum(func(yield func(lvec) bool) {
		for _, mi := range members {
			if !yield(sp.byIdx[mi].ents) {
				return
			}
		}
	})
	for _, mi := range members {
		a := c.articles[mi]
		if len(a.priv) > 0 {
			g.priv = addInto(g.priv, a.priv, 1)
		}
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

// weigh combines a word and an entity cosine as the join decision does; hasEnts reports whether
// both sides have entities.
func (c *Clusterer) weigh(terms, ents float64, hasEnts bool) float64 {
	score := c.opts.WeightTerms * terms
	wsum := c.opts.WeightTerms
	if hasEnts {
		score += c.opts.WeightEntities * ents
		wsum += c.opts.WeightEntities
	}
	return score / wsum
}

// groupTime is the time factor between an article or group dated (lo, hi) with dated of n
// members dated, centring on the private individuals priv, and group g, as the join decision
// applies it: the gap decay when both sides are mostly dated, Options.HalfDatedFactor when
// exactly one side is.
func (c *Clusterer) groupTime(lo, hi int32, dated, n int, priv vec, g group) float64 {
	ad := 2*dated >= n && lo != noDate
	gd := 2*g.dated >= len(g.members) && g.lo != noDate
	switch {
	case ad && gd:
		gap := gapDays(lo, hi, g.lo, g.hi)
		f := c.decay(gap, float64(gap) > c.opts.GraceDays && c.sharedPrivate(priv, g.priv, len(g.members)) >= 0)
		return min(f, 1)
	case ad != gd:
		return c.opts.HalfDatedFactor
	}
	return 1
}

// groupSim is the weighted word and entity cosine of a member's or group's sums and a group's
// (no time factor).
func (sp *splitter) groupSim(aT, aE, bT, bE lvec) float64 {
	hasEnts := len(aE.e) > 0 && len(bE.e) > 0
	var ents float64
	if hasEnts {
		ents = sp.ents.cos(aE, bE)
	}
	return sp.c.weigh(sp.terms.cos(aT, bT), ents, hasEnts)
}

// restSim is groupSim of member m and the rest of group g, which counts m: g's sums with m's
// features taken off, computed without building them.
func (sp *splitter) restSim(m *member, g group) float64 {
	tc, _ := sp.terms.cosRest(m.terms, g.terms)
	var ec float64
	hasEnts := false
	if len(m.ents.e) > 0 {
		var n int
		ec, n = sp.ents.cosRest(m.ents, g.ents)
		hasEnts = n > 0
	}
	return sp.c.weigh(tc, ec, hasEnts)
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
	// The members, in ms order and by article index, in the check's local spaces.
	c.arena.reset()
	sp := &splitter{c: c, byIdx: make(map[int32]*member, len(ms))}
	sp.terms = c.newSpace(&c.arena, func(yield func(vec) bool) {
		for _, mi := range ms {
			if !yield(c.articles[mi].terms) {
				return
			}
		}
	})
	sp.ents = c.newSpace(&c.arena, func(yield func(vec) bool) {
		for _, mi := range ms {
			if !yield(c.articles[mi].ents) {
				return
			}
		}
	})
	mem := make([]member, len(ms))
	for k, mi := range ms {
		a := c.articles[mi]
		mem[k] = member{a, sp.terms.local(a.terms), sp.ents.local(a.ents)}
		sp.byIdx[mi] = &mem[k]
	}
	simToG := func(m *member, g group) float64 {
		a := m.a
		d := 0
		if a.lo != noDate {
			d = 1
		}
		return sp.groupSim(m.terms, m.ents, g.terms, g.ents) * c.groupTime(a.lo, a.hi, d, 1, a.priv, g)
	}
	// Seeds: the least similar pair of articles.
	lo, hi, minS := int32(-1), int32(-1), 2.0
	for i, x := range ms {
		mx := &mem[i]
		ax := mx.a
		sp.terms.scatter(mx.terms)
		sp.ents.scatter(mx.ents)
		for j, y := range ms[i+1:] {
			my := &mem[i+1+j]
			ay := my.a
			hasEnts := len(mx.ents.e) > 0 && len(my.ents.e) > 0
			var ec float64
			if hasEnts {
				ec = sp.ents.cosScattered(mx.ents, my.ents)
			}
			v := c.weigh(sp.terms.cosScattered(mx.terms, my.terms), ec, hasEnts)
			if ax.lo != noDate && ay.lo != noDate {
				gap := gapDays(ax.lo, ax.hi, ay.lo, ay.hi)
				v *= min(1, c.decay(gap, float64(gap) > c.opts.GraceDays && c.sharedPrivate(ax.priv, ay.priv, 1) >= 0))
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
		// inA[k] reports whether ms[k] was in the first part after the previous iteration.
		var inA []bool
		for iter := 0; iter < 4; iter++ {
			next := cut(&c.arena.bools, len(ms))
			var am, bm []int32
			for k, mi := range ms {
				if simToG(&mem[k], ga) > simToG(&mem[k], gb) {
					next[k] = true
					am = append(am, mi)
				} else {
					bm = append(bm, mi)
				}
			}
			if len(am) == 0 || len(bm) == 0 {
				return ga, gb, false
			}
			ga, gb = sp.groupOf(am), sp.groupOf(bm)
			if inA != nil && slices.Equal(inA, next) {
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
		between := sp.groupSim(a.terms, a.ents, b.terms, b.ents) * c.groupTime(a.lo, a.hi, a.dated, len(a.members), a.priv, b)
		split, cohesion := between < c.opts.SplitThreshold, 0.0
		ad, bd := 2*a.dated >= len(a.members), 2*b.dated >= len(b.members)
		if !split && c.opts.CohortCohesion > 0 && ad != bd && min(len(a.members), len(b.members)) >= cohortMinPart {
			undated, dated := a, b
			if ad {
				undated, dated = b, a
			}
			cohesion = sp.cohesion(undated, dated)
			// Undated reports of the dated happening dilute the undated part's cohesion; it is
			// also measured with them moved to the dated part, as rehome would move them.
			if u, d := sp.rehome(undated, dated); len(u.members) >= cohortMinPart && len(u.members) < len(undated.members) {
				cohesion = max(cohesion, sp.cohesion(u, d))
			}
			if cohesion >= c.opts.CohortCohesion {
				split = true
			}
		}
		if split && (best == nil || between < best.between) {
			best = &cand{a, b, between, cohesion}
		}
	}
	if ga, gb, ok := refine(sp.groupOf([]int32{lo}), sp.groupOf([]int32{hi})); ok {
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
			if ga, gb, ok := refine(sp.groupOf(dm), sp.groupOf(um)); ok {
				try(ga, gb)
			}
		}
	}
	if best == nil {
		return -1
	}
	ga, gb, between := best.a, best.b, best.between
	if best.cohesion > 0 {
		ga, gb = sp.rehome(ga, gb)
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
func (sp *splitter) cohesion(g, other group) float64 {
	var own, cross float64
	for _, mi := range g.members {
		m := sp.byIdx[mi]
		own += sp.restSim(m, g)
		cross += sp.groupSim(m.terms, m.ents, other.terms, other.ents)
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
func (sp *splitter) rehome(a, b group) (group, group) {
	und, dat := a, b
	if 2*a.dated >= len(a.members) {
		und, dat = b, a
	}
	var keep, move []int32
	for _, mi := range und.members {
		m := sp.byIdx[mi]
		own := sp.restSim(m, und)
		if m.a.lo == noDate && sp.groupSim(m.terms, m.ents, dat.terms, dat.ents) >= own*sp.c.opts.CohortCohesion {
			move = append(move, mi)
		} else {
			keep = append(keep, mi)
		}
	}
	if len(move) == 0 || len(keep) < 2 {
		return a, b
	}
	return sp.groupOf(keep), sp.groupOf(append(append([]int32(nil), dat.members...), move...))
}
