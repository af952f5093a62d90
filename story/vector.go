package story

import (
	"cmp"
	"math"
	"slices"
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
	out := make(vec, 0, len(a)+len(b))
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

// truncate keeps the n heaviest entries of v (ties by id), still sorted by id.
func truncate(v vec, n int) vec {
	if len(v) <= n {
		return v
	}
	tmp := make(vec, len(v))
	copy(tmp, v)
	slices.SortFunc(tmp, func(a, b entry) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return cmp.Compare(a.id, b.id)
	})
	tmp = tmp[:n]
	slices.SortFunc(tmp, byID)
	return tmp
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
