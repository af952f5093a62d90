package story

import (
	"cmp"
	"math"
)

func byID(a, b entry) int { return cmp.Compare(a.id, b.id) }

// entry is one weighted feature of a sparse vector; id indexes the clusterer's vocabulary.
type entry struct {
	id uint32
	w  float32
}

// vec is a sparse vector sorted by feature id.
type vec []entry

// addInto returns the sum of a and b·sign (sign may be any factor) as a new vector, dropping
// entries that fall to zero.
func addInto(a, b vec, sign float32) vec {
	return addTo(make(vec, 0, len(a)+len(b)), a, b, sign)
}

// addTo is addInto appending the sum to out.
func addTo(out, a, b vec, sign float32) vec {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i].id < b[j].id):
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j].id < a[i].id:
			if sign > 0 && b[j].w*sign > 1e-6 {
				out = append(out, entry{b[j].id, b[j].w * sign})
			}
			j++
		default:
			w := a[i].w + b[j].w*sign
			if w > 1e-6 {
				out = append(out, entry{a[i].id, w})
			}
			i++
			j++
		}
	}
	return out
}

// sumTrunc returns truncate(addInto(a, b, sign), n) in a vector of its exact length, with the sum
// built in scratch space.
func (c *Clusterer) sumTrunc(a, b vec, sign float32, n int) vec {
	c.sumBuf = addTo(c.sumBuf[:0], a, b, sign)
	if len(c.sumBuf) <= n {
		return append(make(vec, 0, len(c.sumBuf)), c.sumBuf...)
	}
	return c.truncate(c.sumBuf, n)
}

// truncate keeps the n heaviest entries of v (ties by id), still sorted by id: the n-th heaviest
// entry is found by selection and the entries up to it are kept in their id order.
func (c *Clusterer) truncate(v vec, n int) vec {
	if len(v) <= n {
		return v
	}
	if n <= 0 {
		return vec{}
	}
	c.truncBuf = append(c.truncBuf[:0], v...)
	nth := selectNth(c.truncBuf, n-1)
	// A vector of exactly n: it stays in the story, which should not hold v's spare capacity.
	out := make(vec, 0, n)
	for _, e := range v {
		if !heavier(nth, e) {
			out = append(out, e)
		}
	}
	return out
}

// heavier reports whether a comes before b in the order truncate keeps entries: larger weight
// first (as cmp.Compare orders weights), then smaller id.
func heavier(a, b entry) bool {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c < 0
	}
	return a.id < b.id
}

// selectNth returns the entry at position k of v in heavier order (v is reordered).
func selectNth(v vec, k int) entry {
	lo, hi := 0, len(v)-1
	for lo < hi {
		// Median of three as the pivot, then a Hoare partition.
		mid := int(uint(lo+hi) >> 1)
		if heavier(v[mid], v[lo]) {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if heavier(v[hi], v[lo]) {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if heavier(v[hi], v[mid]) {
			v[hi], v[mid] = v[mid], v[hi]
		}
		p := v[mid]
		i, j := lo, hi
		for i <= j {
			for heavier(v[i], p) {
				i++
			}
			for heavier(p, v[j]) {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
}

// cosine returns the cosine of a and b with each feature weighted by idf(id).
func cosine(a, b vec, idf func(uint32) float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	d := dot(a, b, idf)
	if d == 0 {
		return 0
	}
	return d / math.Sqrt(sqNorm(a, idf)*sqNorm(b, idf))
}

// dot returns the idf-weighted dot product of a and b.
func dot(a, b vec, idf func(uint32) float64) float64 {
	var d float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case b[j].id < a[i].id:
			j++
		default:
			x := idf(a[i].id)
			d += float64(a[i].w) * float64(b[j].w) * x * x
			i++
			j++
		}
	}
	return d
}

// norm returns the idf-weighted Euclidean norm of v.
func norm(v vec, idf func(uint32) float64) float64 { return math.Sqrt(sqNorm(v, idf)) }

// sqNorm returns the square of the idf-weighted Euclidean norm of v.
func sqNorm(v vec, idf func(uint32) float64) float64 {
	var n float64
	for _, e := range v {
		x := float64(e.w) * idf(e.id)
		n += x * x
	}
	return n
}

// overlap returns the Jaccard overlap of the feature sets of a and b, and whether both are non-empty.
func overlap(a, b vec) (float64, bool) {
	if len(a) == 0 || len(b) == 0 {
		return 0, false
	}
	inter := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case b[j].id < a[i].id:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter), true
}

// dotW and sqNormW are the similarity kernels of the join decision: they compute what dot and
// sqNorm compute with c.idf, with the same float operations in the same order (so the same
// results, bit for bit), but with the IDF lookup inlined instead of a function value call per
// feature.

// dotW is dot(a, b, c.idf).
func (c *Clusterer) dotW(a, b vec) float64 {
	logN, logDF, df := c.logN, c.logDF, c.df
	var d float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ai, bj := a[i].id, b[j].id
		switch {
		case ai < bj:
			i++
		case bj < ai:
			j++
		default:
			var x float64
			if f := df[ai]; int(f) < len(logDF) {
				x = logN - logDF[f]
			} else {
				x = c.idfRare(f)
			}
			d += float64(a[i].w) * float64(b[j].w) * x * x
			i++
			j++
		}
	}
	return d
}

// sqNormW is sqNorm(v, c.idf).
func (c *Clusterer) sqNormW(v vec) float64 {
	logN, logDF, df := c.logN, c.logDF, c.df
	var n float64
	for _, e := range v {
		var y float64
		if f := df[e.id]; int(f) < len(logDF) {
			y = logN - logDF[f]
		} else {
			y = c.idfRare(f)
		}
		x := float64(e.w) * y
		n += x * x
	}
	return n
}
