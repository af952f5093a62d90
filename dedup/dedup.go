package dedup

import (
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxTextBytes bounds the text read per article, keeping the work per article constant.
const maxTextBytes = 64 << 10

// schemeVersion numbers the shingling and hashing rules. Persisted signatures made under another
// scheme (see Index.Scheme) must be recomputed from the text.
const schemeVersion = 2

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
	// MaxBucket bounds the articles remembered per LSH bucket (the most recent are kept), so that
	// a feed republishing one text thousands of times costs the same per article as any other.
	// A copy still finds its group through the recent copies; 0 means the default.
	MaxBucket int
}

// DefaultOptions returns the options sitrep runs with.
func DefaultOptions() Options {
	return Options{ShingleSize: 4, NumHashes: 64, Bands: 32, Containment: 0.7, MinJaccard: 0.2, MinShingles: 8, MaxBucket: 32}
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

// Record is the persisted state of one article the index has seen: enough to restore the index
// without the text (see Index.Restore and Index.Changes).
type Record struct {
	ArticleID string
	// Seq is the order in which the index saw the article (it breaks publication-time ties).
	Seq       int64
	Published time.Time
	// Size is the number of distinct shingles; Signature is nil when the text was too short to
	// be indexed.
	Size      int
	Signature []uint32
	// Origin is the origin of the article's copy group, empty when the article is its own origin
	// or not a copy.
	Origin string
}

type doc struct {
	id        string
	published time.Time
	seq       int64
	size      int32
	sig       int32 // offset of the signature in Index.sigs, -1 when not indexed
	group     int32 // -1 when not indexed
}

// copyGroup is a set of copies and its origin (the earliest member).
type copyGroup struct {
	members []int32
	origin  int32
}

// Index holds the signatures of the articles seen. It is safe for concurrent use.
type Index struct {
	mu   sync.Mutex
	opts Options
	// buckets maps, per band, a band key to the most recent doc in that bucket; next chains each
	// indexed doc to the previous one in the same bucket, per band (at ordinal·Bands+band, the
	// ordinal being the doc's signature offset / NumHashes), -1 ending the chain.
	buckets []map[uint32]int32
	next    []int32
	docs    []doc
	sigs    []uint32
	byID    map[string]int32
	groups  map[int32]*copyGroup // keyed by the index of a member
	// pending maps the id of an origin not restored yet to the group waiting for it.
	pending map[string]int32
	dirty   map[int32]struct{}
	seq     int64
	// checks counts signature comparisons (see Work); indexed counts the docs with a signature.
	checks  int64
	indexed int
}

// New returns an empty index.
func New(opts Options) *Index {
	if opts.NumHashes <= 0 || opts.Bands <= 0 || opts.NumHashes%opts.Bands != 0 {
		opts = DefaultOptions()
	}
	if opts.MaxBucket <= 0 {
		opts.MaxBucket = DefaultOptions().MaxBucket
	}
	ix := &Index{opts: opts, byID: map[string]int32{}, groups: map[int32]*copyGroup{},
		pending: map[string]int32{}, dirty: map[int32]struct{}{}}
	ix.buckets = make([]map[uint32]int32, opts.Bands)
	for i := range ix.buckets {
		ix.buckets[i] = map[uint32]int32{}
	}
	return ix
}

// Scheme identifies how signatures are computed (rules version, shingle size, signature length).
// Signatures persisted under another scheme cannot be restored and must be recomputed.
func (ix *Index) Scheme() int64 {
	return schemeVersion*1_000_000 + int64(ix.opts.ShingleSize)*1_000 + int64(ix.opts.NumHashes)
}

// Len returns the number of articles indexed.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.indexed
}

// Shingles returns the hashed word shingles of text (lower-cased letters and digits; at most
// maxTextBytes are read). The hash is fixed (FNV-1a, then a splitmix finaliser), so signatures
// are stable across processes and can be persisted.
func (ix *Index) Shingles(text string) []uint64 {
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
	}
	words := make([]uint64, 0, len(text)/6)
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
		words = append(words, wordHash(text[i:j]))
		i = j
	}
	k := ix.opts.ShingleSize
	if len(words) < k {
		return nil
	}
	seen := make(map[uint64]struct{}, len(words))
	out := make([]uint64, 0, len(words))
	for i := 0; i+k <= len(words); i++ {
		var x uint64 = fnvOffset
		for _, w := range words[i : i+k] {
			x = (x ^ w) * fnvPrime
		}
		x = mix(x)
		if _, ok := seen[x]; !ok {
			seen[x] = struct{}{}
			out = append(out, x)
		}
	}
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHash hashes the lower-cased form of w.
func wordHash(w string) uint64 {
	var x uint64 = fnvOffset
	for _, r := range w {
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			x = (x ^ uint64(r)) * fnvPrime
			continue
		}
		var b [utf8.UTFMax]byte
		for _, c := range b[:utf8.EncodeRune(b[:], r)] {
			x = (x ^ uint64(c)) * fnvPrime
		}
	}
	return mix(x)
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

// bandKey hashes band b of a signature to its bucket key. 32 bits suffice: a collision only adds
// a candidate, which the whole-signature check rejects.
func (ix *Index) bandKey(sig []uint32, b int) uint32 {
	rows := ix.opts.NumHashes / ix.opts.Bands
	var k uint64 = fnvOffset
	for _, v := range sig[b*rows : (b+1)*rows] {
		k = (k ^ uint64(v)) * fnvPrime
	}
	return uint32(mix(k))
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

// sigOf returns the signature of doc di (nil when it is not indexed).
func (ix *Index) sigOf(di int32) []uint32 {
	d := &ix.docs[di]
	if d.sig < 0 {
		return nil
	}
	return ix.sigs[d.sig : int(d.sig)+ix.opts.NumHashes]
}

// push makes di the most recent doc of an LSH bucket.
func (ix *Index) push(b int, k uint32, di int32) {
	prev, ok := ix.buckets[b][k]
	if !ok {
		prev = -1
	}
	ix.next[ix.link(di, b)] = prev
	ix.buckets[b][k] = di
}

// link is the position in next of indexed doc di's link for band b.
func (ix *Index) link(di int32, b int) int {
	return int(ix.docs[di].sig)/ix.opts.NumHashes*ix.opts.Bands + b
}

// bucket calls fn with the docs of a bucket, most recent first, at most MaxBucket of them: older
// ones are forgotten.
func (ix *Index) bucket(b int, k uint32, fn func(ci int32)) {
	ci, ok := ix.buckets[b][k]
	if !ok {
		return
	}
	for n := 0; ci >= 0 && n < ix.opts.MaxBucket; n++ {
		fn(ci)
		ci = ix.next[ix.link(ci, b)]
	}
}

// newDoc appends a document (with its signature when sig is not nil) and returns its index.
func (ix *Index) newDoc(id string, published time.Time, seq int64, size int, sig []uint32) int32 {
	d := doc{id: strings.Clone(id), published: published, seq: seq, size: int32(min(size, math.MaxInt32)), sig: -1, group: -1}
	if sig != nil {
		d.sig = int32(len(ix.sigs))
		ix.sigs = append(ix.sigs, sig...)
		ix.indexed++
		for range ix.opts.Bands {
			ix.next = append(ix.next, -1)
		}
	}
	di := int32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.byID[d.id] = di
	return di
}

// Add indexes an article and reports whether it is a copy. published may be zero (unknown): an
// undated article sorts after every dated one. Adding an id twice returns its current link.
// The work per article is bounded (MaxBucket candidates per band) whatever the number of
// articles held; only relinking, which rewrites every member of a group, grows with its size.
func (ix *Index) Add(id string, published time.Time, text string) Result {
	return ix.AddSigned(id, published, ix.Sign(text))
}

// Signed is the MinHash signature of one text (Sign), ready for AddSigned.
type Signed struct {
	sig  []uint32 // nil when the text has fewer than MinShingles shingles
	size int      // number of shingles
}

// Sign computes the signature of text. It reads only text and takes no lock: a caller may sign
// a batch on all cores, then AddSigned each article in order, which gives the same result as
// Add in that order.
func (ix *Index) Sign(text string) Signed {
	sh := ix.Shingles(text)
	s := Signed{size: len(sh)}
	if len(sh) >= ix.opts.MinShingles {
		s.sig = ix.signature(sh)
	}
	return s
}

// AddSigned is Add with the text already signed by Sign.
func (ix *Index) AddSigned(id string, published time.Time, s Signed) Result {
	sig := s.sig
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if di, ok := ix.byID[id]; ok {
		return ix.current(di)
	}
	ix.seq++
	di := ix.newDoc(id, published, ix.seq, s.size, sig)
	ix.dirty[di] = struct{}{}
	if sig == nil {
		return Result{}
	}
	// Candidates from the LSH buckets, verified on the whole signature; one match per group
	// suffices.
	var groups []int32
	for b := 0; b < ix.opts.Bands; b++ {
		k := ix.bandKey(sig, b)
		ix.bucket(b, k, func(ci int32) {
			g := ix.docs[ci].group
			if slices.Contains(groups, g) {
				return
			}
			c := &ix.docs[ci]
			ix.checks++
			j, cont := similarity(sig, ix.sigOf(ci), s.size, int(c.size))
			if j >= ix.opts.MinJaccard && cont >= ix.opts.Containment {
				groups = append(groups, g)
			}
		})
		ix.push(b, k, di)
	}
	if len(groups) == 0 {
		ix.docs[di].group = di
		ix.groups[di] = &copyGroup{members: []int32{di}, origin: di}
		return Result{}
	}
	// The new origin is the earliest of the groups' origins and the new article.
	origin := di
	for _, g := range groups {
		if o := ix.groups[g].origin; ix.earlier(o, origin) {
			origin = o
		}
	}
	// Members whose origin changes are relinked.
	var relinked []int32
	for _, g := range groups {
		if cg := ix.groups[g]; cg.origin != origin {
			relinked = append(relinked, cg.members...)
		}
	}
	// Merge into the largest group (ties: the lowest id).
	slices.SortFunc(groups, func(a, b int32) int {
		if la, lb := len(ix.groups[a].members), len(ix.groups[b].members); la != lb {
			return lb - la
		}
		return int(a - b)
	})
	g := groups[0]
	cg := ix.groups[g]
	for _, h := range groups[1:] {
		for _, m := range ix.groups[h].members {
			ix.docs[m].group = g
		}
		cg.members = append(cg.members, ix.groups[h].members...)
		delete(ix.groups, h)
	}
	ix.docs[di].group = g
	cg.members = append(cg.members, di)
	cg.origin = origin
	res := ix.current(di)
	for _, m := range relinked {
		ix.dirty[m] = struct{}{}
		l := ix.current(m)
		res.Relinked = append(res.Relinked, Link{ArticleID: ix.docs[m].id, DuplicateOf: l.DuplicateOf, Similarity: l.Similarity})
	}
	slices.SortFunc(res.Relinked, func(a, b Link) int { return strings.Compare(a.ArticleID, b.ArticleID) })
	return res
}

// earlier reports whether doc a sorts before doc b: by publication time (dated before
// undated), then ingest order.
func (ix *Index) earlier(a, b int32) bool {
	da, db := &ix.docs[a], &ix.docs[b]
	switch {
	case da.published.IsZero() != db.published.IsZero():
		return !da.published.IsZero()
	case !da.published.Equal(db.published):
		return da.published.Before(db.published)
	}
	return da.seq < db.seq
}

// current returns the link of doc di to its group's origin.
func (ix *Index) current(di int32) Result {
	d := &ix.docs[di]
	if d.group < 0 {
		return Result{}
	}
	o := ix.groups[d.group].origin
	if o == di {
		return Result{}
	}
	od := &ix.docs[o]
	_, c := similarity(ix.sigOf(di), ix.sigOf(o), int(d.size), int(od.size))
	return Result{DuplicateOf: od.id, Similarity: math.Round(c*1000) / 1000}
}

// Origin returns the origin of an article's group and the article's similarity to it; ok is false
// when the article is not indexed.
func (ix *Index) Origin(id string) (origin string, similarity float64, ok bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	di, found := ix.byID[id]
	if !found || ix.docs[di].sig < 0 {
		return "", 0, false
	}
	r := ix.current(di)
	if r.DuplicateOf == "" {
		return id, 1, true
	}
	return r.DuplicateOf, r.Similarity, true
}

// Work returns the number of signature comparisons made by Add so far: at most Bands×MaxBucket
// per article, whatever the number of articles held.
func (ix *Index) Work() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.checks
}

// Has reports whether the index has seen article id (indexed or too short to be).
func (ix *Index) Has(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	_, ok := ix.byID[id]
	return ok
}

// record returns the persisted form of doc di.
func (ix *Index) record(di int32) Record {
	d := &ix.docs[di]
	r := Record{ArticleID: d.id, Seq: d.seq, Published: d.published, Size: int(d.size), Origin: ix.current(di).DuplicateOf}
	if sig := ix.sigOf(di); sig != nil {
		r.Signature = slices.Clone(sig)
	}
	return r
}

// Changes returns the records of the articles added or relinked since the last call, in ingest
// order, for the caller to persist; restoring them (Restore) rebuilds the same index. The index
// remembers which articles changed until Changes is called.
func (ix *Index) Changes() []Record {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	dis := make([]int32, 0, len(ix.dirty))
	for di := range ix.dirty {
		dis = append(dis, di)
	}
	slices.Sort(dis)
	out := make([]Record, 0, len(dis))
	for _, di := range dis {
		out = append(out, ix.record(di))
	}
	clear(ix.dirty)
	return out
}

// Restore puts back a persisted record without comparing it with the others: its group is
// the one of its Origin (which may be restored before or after it). Records should come in Seq
// order, as Changes produced them, so that the buckets keep the most recent articles. A record
// whose signature length does not match the options, or an id already held, is ignored and
// reported false.
func (ix *Index) Restore(r Record) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.byID[r.ArticleID]; ok || r.ArticleID == "" {
		return false
	}
	if r.Signature != nil && len(r.Signature) != ix.opts.NumHashes {
		return false
	}
	ix.seq = max(ix.seq, r.Seq)
	di := ix.newDoc(r.ArticleID, r.Published, r.Seq, r.Size, r.Signature)
	if r.Signature == nil {
		return true
	}
	for b := 0; b < ix.opts.Bands; b++ {
		ix.push(b, ix.bandKey(r.Signature, b), di)
	}
	// The group waiting for this article as its origin, if any.
	g, waiting := ix.pending[r.ArticleID]
	if waiting {
		delete(ix.pending, r.ArticleID)
	}
	if r.Origin != "" && r.Origin != r.ArticleID {
		oi, ok := ix.byID[r.Origin]
		var h int32 = -1
		switch {
		case ok && ix.docs[oi].group >= 0:
			h = ix.docs[oi].group
		case !ok:
			if p, ok := ix.pending[r.Origin]; ok {
				h = p
			}
		}
		if h < 0 {
			h = di
			ix.groups[h] = &copyGroup{origin: di}
			if !ok {
				ix.pending[r.Origin] = h
			}
		}
		if waiting && g != h {
			ix.mergeInto(h, g)
		}
		g = h
	} else if !waiting {
		g = di
		ix.groups[g] = &copyGroup{origin: di}
	}
	cg := ix.groups[g]
	ix.docs[di].group = g
	cg.members = append(cg.members, di)
	if ix.earlier(di, cg.origin) || cg.origin == di {
		cg.origin = di
	}
	return true
}

// mergeInto moves the members of group h into group g, keeping the earlier origin.
func (ix *Index) mergeInto(g, h int32) {
	cg, ch := ix.groups[g], ix.groups[h]
	for _, m := range ch.members {
		ix.docs[m].group = g
	}
	cg.members = append(cg.members, ch.members...)
	if ix.earlier(ch.origin, cg.origin) {
		cg.origin = ch.origin
	}
	delete(ix.groups, h)
}
