package story

import (
	"cmp"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"testing"
	"time"
)

// randVec returns a sparse vector of up to n entries with ids below vocab; some weights are
// tiny or fractional so that ties, cancellations and dropped entries occur.
func randVec(rng *rand.Rand, n, vocab int) vec {
	seen := map[uint32]bool{}
	var v vec
	for i := rng.Intn(n + 1); i > 0; i-- {
		id := uint32(rng.Intn(vocab))
		if seen[id] {
			continue
		}
		seen[id] = true
		w := float32(1 + rng.Intn(3))
		switch rng.Intn(8) {
		case 0:
			w = float32(rng.Float64())
		case 1:
			w = 1e-7
		}
		v = append(v, entry{id, w})
	}
	slices.SortFunc(v, byID)
	return v
}

// kernelClusterer returns a clusterer whose document frequencies give every id below vocab an
// IDF, some of them beyond the logDF cache.
func kernelClusterer(rng *rand.Rand, vocab int) *Clusterer {
	c := New(nil, DefaultOptions())
	c.nDocs = 1 << 20
	c.logN = math.Log(float64(c.nDocs) + idfPrior)
	c.logDF = make([]float64, logDFCache)
	for i := range c.logDF {
		c.logDF[i] = math.Log(float64(i) + 0.5)
	}
	c.df = make([]int32, vocab)
	for i := range c.df {
		c.df[i] = int32(rng.Intn(100))
		if rng.Intn(10) == 0 {
			c.df[i] = int32(logDFCache + rng.Intn(1<<19))
		}
	}
	return c
}

// TestKernelsExact checks that the join decision's kernels (dotW, sqNormW) and the split check's
// local-space sums and cosines return bit-identical results to the plain definitions (addInto,
// dot, sqNorm, cosine) they stand for: grouping decisions must not move.
func TestKernelsExact(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	const vocab = 400
	c := kernelClusterer(rng, vocab)
	for it := 0; it < 2000; it++ {
		a := randVec(rng, 40, vocab)
		b := randVec(rng, 40+rng.Intn(3)*100, vocab)
		if got, want := c.dotW(a, b), dot(a, b, c.idf); got != want {
			t.Fatalf("dotW %v, dot %v", got, want)
		}
		if got, want := c.sqNormW(a), sqNorm(a, c.idf); got != want {
			t.Fatalf("sqNormW %v, sqNorm %v", got, want)
		}
		// A group of members summed in order, as groupOf sums a split part.
		var members []vec
		for k := rng.Intn(10); k >= 0; k-- {
			members = append(members, randVec(rng, 40, vocab))
		}
		members = append(members, a, b)
		rng.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		var want vec
		for _, m := range members {
			want = addInto(want, m, 1)
		}
		sp := c.newSpace(&arena{}, slices.Values(members))
		locals := make([]lvec, len(members))
		for i, m := range members {
			locals[i] = sp.local(m)
			if locals[i].sq != sqNorm(m, c.idf) {
				t.Fatalf("local norm %v, sqNorm %v", locals[i].sq, sqNorm(m, c.idf))
			}
		}
		g := sp.sum(slices.Values(locals))
		if len(g.e) != len(want) || g.sq != sqNorm(want, c.idf) {
			t.Fatalf("sum: %d entries, norm %v; addInto fold: %d entries, norm %v", len(g.e), g.sq, len(want), sqNorm(want, c.idf))
		}
		for i, e := range g.e {
			if sp.ids[e.l] != want[i].id || e.w != want[i].w {
				t.Fatalf("sum entry %d: id %d weight %v, want %v", i, sp.ids[e.l], e.w, want[i])
			}
		}
		la, lb := sp.local(a), sp.local(b)
		if got, want := sp.cos(la, g), cosine(a, want, c.idf); got != want {
			t.Fatalf("cos %v, cosine %v", got, want)
		}
		sp.scatter(la)
		if got, want := sp.cosScattered(la, lb), cosine(a, b, c.idf); got != want {
			t.Fatalf("cosScattered %v, cosine %v", got, want)
		}
		rest := addInto(want, a, -1)
		got, n := sp.cosRest(la, g)
		if want := cosine(a, rest, c.idf); got != want || n != len(rest) {
			t.Fatalf("cosRest %v (%d entries), cosine of the rest %v (%d)", got, n, want, len(rest))
		}
	}
}

// TestTruncateExact checks truncate against sorting by weight, and sumTrunc against truncating
// addInto's sum.
func TestTruncateExact(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	c := New(nil, DefaultOptions())
	for it := 0; it < 3000; it++ {
		v := randVec(rng, 120, 150)
		n := rng.Intn(80)
		ref := slices.Clone(v)
		slices.SortFunc(ref, func(a, b entry) int {
			if a.w != b.w {
				return cmp.Compare(b.w, a.w)
			}
			return cmp.Compare(a.id, b.id)
		})
		if len(ref) > n {
			ref = ref[:n]
		}
		slices.SortFunc(ref, byID)
		if got := c.truncate(slices.Clone(v), n); !slices.Equal(got, ref) {
			t.Fatalf("truncate to %d: %v, want %v", n, got, ref)
		}
		// sumTrunc, as accumulate adds (sign 1) or removes (sign -1) an article.
		b := randVec(rng, 40, 150)
		sign := float32(1 - 2*rng.Intn(2))
		want := c.truncate(addInto(v, b, sign), n)
		if got := c.sumTrunc(v, b, sign, n); !slices.Equal(got, want) || cap(got) != len(got) {
			t.Fatalf("sumTrunc to %d: %v (capacity %d), want %v", n, got, cap(got), want)
		}
	}
}

// TestStrongestTo checks strongestTo against strongest.
func TestStrongestTo(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	c := kernelClusterer(rng, 300)
	for it := 0; it < 2000; it++ {
		v := randVec(rng, 70, 300)
		q := rng.Intn(40)
		want := strongest(v, q, c.idf)
		got := c.strongestTo(nil, v, q)
		if len(got) != len(want) {
			t.Fatalf("strongestTo gave %d entries, strongest %d", len(got), len(want))
		}
		for i := range got {
			if got[i].e != want[i] || got[i].x != float64(want[i].w)*c.idf(want[i].id) {
				t.Fatalf("entry %d: %v, want %v", i, got[i], want[i])
			}
		}
	}
}

// BenchmarkTrySplit measures a split check of one story of n articles (words and entities drawn
// from a small vocabulary, two thirds of them dated), with thresholds that never split, so every
// iteration does the whole check: seed search, both 2-means refinements and the cohort cohesion.
func BenchmarkTrySplit(b *testing.B) {
	for _, n := range []int{8, 16, 48} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			opts := DefaultOptions()
			opts.SplitThreshold = 1e-9
			opts.CohortCohesion = 1e9
			c := New(nil, opts)
			rng := rand.New(rand.NewSource(int64(n)))
			si := c.newStory()
			for i := 0; i < n; i++ {
				f := &Features{Terms: map[string]float64{}, Entities: map[string]float64{}}
				for len(f.Terms) < 32 {
					f.Terms[fmt.Sprint("w", rng.Intn(300))] = float64(1 + rng.Intn(3))
				}
				for len(f.Entities) < 8 {
					f.Entities[fmt.Sprint("n:e", rng.Intn(60))] = float64(1 + rng.Intn(2))
				}
				if i%3 != 0 {
					day := time.Date(2024, 1, 1+rng.Intn(20), 0, 0, 0, 0, time.UTC)
					f.Lo, f.Hi = day, day
				}
				ai := c.appendArticle(c.newArticle(fmt.Sprint("a", i), f))
				c.join(ai, si)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if c.trySplit(si) >= 0 {
					b.Fatal("split")
				}
			}
		})
	}
}
