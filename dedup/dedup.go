package dedup

import (
	"hash/maphash"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxTextBytes bounds the text read per article, keeping the work per article constant.
const maxTextBytes = 64 << 10

// Options tune the index.
type Options struct {
	// ShingleSize is the number of words per shingle.
	ShingleSize int
	// NumHashes is the MinHash signature length; Bands must divide it.
	NumHashes, Bands int
	// Containment is the estimated share of the shorter article's shingles found in the longer
	// one above which two articles are copies; MinJaccard is a floor on the Jaccard estimate.
	Containment, MinJaccard float64
	// MinShingles: articles with fewer shingles are too short to call copies and are not indexed.
	MinShingles int
}

// DefaultOptions returns the options sitrep runs with.
func DefaultOptions() Options {
	return Options{ShingleSize: 4, NumHashes: 64, Bands: 32, Containment: 0.7, MinJaccard: 0.2, MinShingles: 8}
}

// Link says that Article is a copy of DuplicateOf (the origin of its group) with the given
// estimated similarity (containment of the shorter text in the longer, 0..1).
type Link struct {
	ArticleID   string  `json:"article_id"`
	DuplicateOf string  `json:"duplicate_of"`
	Similarity  float64 `json:"similarity"`
}

// Result is the outcome of adding one article. DuplicateOf is empty when the article is an
// origin. Relinked lists earlier articles whose origin changed because the new article is older
// than their group's origin (an article published earlier but ingested later): their
// DuplicateOf must be updated.
type Result struct {
	DuplicateOf string
	Similarity  float64
	Relinked    []Link
}

type doc struct {
	id        string
	published time.Time
	seq       int64
	sig       []uint32
	size      int
	group     int32
}

// Index holds the signatures of the articles seen. It is safe for concurrent use.
type Index struct {
	mu      sync.Mutex
	opts    Options
	seeds   []maphash.Seed
	seed    maphash.Seed
	buckets []map[uint64][]int32
	docs    []*doc
	byID    map[string]int32
	groups  map[int32][]int32 // group id (index of its first doc) → members
	seq     int64
}

// New returns an empty index.
func New(opts Options) *Index {
	if opts.NumHashes <= 0 || opts.Bands <= 0 || opts.NumHashes%opts.Bands != 0 {
		opts = DefaultOptions()
	}
	ix := &Index{opts: opts, byID: map[string]int32{}, groups: map[int32][]int32{}, seed: maphash.MakeSeed()}
	ix.buckets = make([]map[uint64][]int32, opts.Bands)
	for i := range ix.buckets {
		ix.buckets[i] = map[uint64][]int32{}
	}
	return ix
}

// Len returns the number of articles indexed.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.docs)
}

// Shingles returns the hashed word shingles of text (lower-cased letters and digits; at most
// maxTextBytes are read).
func (ix *Index) Shingles(text string) []uint64 {
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
	}
	words := make([]string, 0, len(text)/6)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
				break
			}
			j += n2
		}
		words = append(words, strings.ToLower(text[i:j]))
		i = j
	}
	k := ix.opts.ShingleSize
	if len(words) < k {
		return nil
	}
	seen := make(map[uint64]bool, len(words))
	out := make([]uint64, 0, len(words))
	var h maphash.Hash
	h.SetSeed(ix.seed)
	for i := 0; i+k <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+k] {
			h.WriteString(w)
			h.WriteByte(0)
		}
		x := h.Sum64()
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// signature computes the MinHash signature of a shingle set: for each of NumHashes hash
// functions (multiply-xorshift permutations of the 64-bit shingle hash), the minimum value.
func (ix *Index) signature(sh []uint64) []uint32 {
	sig := make([]uint32, ix.opts.NumHashes)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range sh {
		for i := range sig {
			v := mix(x ^ (uint64(i+1) * 0x9E3779B97F4A7C15))
			if uint32(v) < sig[i] {
				sig[i] = uint32(v)
			}
		}
	}
	return sig
}

// mix is the splitmix64 finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (ix *Index) bandKey(sig []uint32, b int) uint64 {
	rows := ix.opts.NumHashes / ix.opts.Bands
	var k uint64 = 1469598103934665603
	for _, v := range sig[b*rows : (b+1)*rows] {
		k = (k ^ uint64(v)) * 1099511628211
	}
	return k
}

// Similarity estimates the Jaccard similarity of two signatures and the containment of the
// smaller set (sizes na, nb) in the larger.
func similarity(a, b []uint32, na, nb int) (jaccard, containment float64) {
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	j := float64(eq) / float64(len(a))
	inter := j * float64(na+nb) / (1 + j)
	c := inter / float64(min(na, nb))
	return j, math.Min(1, c)
}

// Add indexes an article and reports whether it is a copy. published may be zero (unknown): an
// undated article sorts after every dated one. Adding an id twice returns its current link.
func (ix *Index) Add(id string, published time.Time, text string) Result {
	sh := ix.Shingles(text)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if di, ok := ix.byID[id]; ok {
		return ix.current(di)
	}
	ix.seq++
	d := &doc{id: id, published: published, seq: ix.seq, size: len(sh), group: -1}
	if len(sh) < ix.opts.MinShingles {
		return Result{}
	}
	d.sig = ix.signature(sh)
	di := int32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.byID[id] = di
	// Candidates from the LSH buckets, verified on the whole signature.
	matched := map[int32]bool{}
	for b := 0; b < ix.opts.Bands; b++ {
		k := ix.bandKey(d.sig, b)
		for _, ci := range ix.buckets[b][k] {
			if matched[ci] {
				continue
			}
			c := ix.docs[ci]
			j, cont := similarity(d.sig, c.sig, d.size, c.size)
			if j >= ix.opts.MinJaccard && cont >= ix.opts.Containment {
				matched[ci] = true
			}
		}
		ix.buckets[b][k] = append(ix.buckets[b][k], di)
	}
	// Join (and merge) the groups of the matches.
	var groups []int32
	for ci := range matched {
		g := ix.docs[ci].group
		if !containsGroup(groups, g) {
			groups = append(groups, g)
		}
	}
	if len(groups) == 0 {
		d.group = di
		ix.groups[di] = []int32{di}
		return Result{}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i] < groups[j] })
	g := groups[0]
	// Remember each member's origin before the groups are merged.
	before := map[int32]int32{}
	for _, h := range groups {
		o := ix.origin(h)
		for _, m := range ix.groups[h] {
			before[m] = o
		}
	}
	for _, h := range groups[1:] {
		for _, m := range ix.groups[h] {
			ix.docs[m].group = g
		}
		ix.groups[g] = append(ix.groups[g], ix.groups[h]...)
		delete(ix.groups, h)
	}
	d.group = g
	ix.groups[g] = append(ix.groups[g], di)
	origin := ix.origin(g)
	res := ix.current(di)
	// Members whose origin changed are relinked.
	for _, m := range ix.groups[g] {
		if m != di && before[m] != origin {
			l := ix.current(m)
			res.Relinked = append(res.Relinked, Link{ArticleID: ix.docs[m].id, DuplicateOf: l.DuplicateOf, Similarity: l.Similarity})
		}
	}
	sort.Slice(res.Relinked, func(i, j int) bool { return res.Relinked[i].ArticleID < res.Relinked[j].ArticleID })
	return res
}

func containsGroup(l []int32, g int32) bool {
	for _, x := range l {
		if x == g {
			return true
		}
	}
	return false
}

// origin returns the earliest member of group g: by publication time (dated before undated),
// then ingest order.
func (ix *Index) origin(g int32) int32 {
	best := int32(-1)
	for _, m := range ix.groups[g] {
		if best < 0 || earlier(ix.docs[m], ix.docs[best]) {
			best = m
		}
	}
	return best
}

func earlier(a, b *doc) bool {
	switch {
	case a.published.IsZero() != b.published.IsZero():
		return !a.published.IsZero()
	case !a.published.Equal(b.published):
		return a.published.Before(b.published)
	}
	return a.seq < b.seq
}

// current returns the link of doc di to its group's origin.
func (ix *Index) current(di int32) Result {
	d := ix.docs[di]
	if d.group < 0 {
		return Result{}
	}
	o := ix.origin(d.group)
	if o == di {
		return Result{}
	}
	od := ix.docs[o]
	_, c := similarity(d.sig, od.sig, d.size, od.size)
	return Result{DuplicateOf: od.id, Similarity: math.Round(c*1000) / 1000}
}

// Origin returns the origin of an article's group and the article's similarity to it; ok is false
// when the article is not indexed.
func (ix *Index) Origin(id string) (origin string, similarity float64, ok bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	di, found := ix.byID[id]
	if !found {
		return "", 0, false
	}
	r := ix.current(di)
	if r.DuplicateOf == "" {
		return id, 1, true
	}
	return r.DuplicateOf, r.Similarity, true
}
