package story

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

// noDate marks an unknown day.
const noDate = math.MinInt32

// Options tune the clusterer. DefaultOptions gives the values the docs report figures for.
type Options struct {
	// Threshold is the similarity an article needs to join a story; below it, it opens a new one.
	Threshold float64
	// MergeThreshold is the similarity of two stories' centroids above which they are merged
	// after an article joined one of them (this makes grouping robust to arrival order).
	MergeThreshold float64
	// AbsorbSize: a story of at most this many articles that the joining article also matched
	// is merged into the joined story when its articles, compared with that story as if they
	// arrived now, reach Threshold (an article that came before its story had formed). 0
	// leaves all merges to MergeThreshold.
	AbsorbSize int
	// StorylineThreshold is the link score a story needs to join another story's storyline.
	StorylineThreshold float64
	// StorylineWindowDays is how far apart (in days) two stories of one storyline may be.
	StorylineWindowDays int
	// GraceDays is the date gap between an article and a story that costs nothing; beyond it the
	// similarity decays as exp(-(gap-GraceDays)/TauDays).
	GraceDays, TauDays float64
	// WeightTerms, WeightEntities and WeightEvents weigh the word, entity/actor and event-type
	// similarities.
	WeightTerms, WeightEntities, WeightEvents float64
	// MaxTerms and MaxEntities bound the features kept per article; MaxStoryTerms per story.
	MaxTerms, MaxEntities, MaxStoryTerms int
	// QueryTerms and QueryEntities are how many of an article's strongest features query the
	// inverted index; PostingScan is how many of the most recent stories are read per feature;
	// Candidates is how many stories are scored in full.
	QueryTerms, QueryEntities, PostingScan, Candidates int
	// IndexFeatures is how many of an article's strongest features point to its story.
	IndexFeatures int
	// SplitThreshold: a story whose articles fall in two groups less similar than this is split
	// (checked as the story grows; 0 disables).
	SplitThreshold float64
	// SameDayBonus multiplies the similarity of an article and a story dated within a day of each
	// other by 1+SameDayBonus: reports of one happening cluster in time.
	SameDayBonus float64
	// HalfDatedFactor multiplies the score when exactly one of the article and the story carries
	// a date: 1 treats a missing date as no evidence either way.
	HalfDatedFactor float64
	// CohortCohesion splits a story whose articles fall into a mostly dated and a mostly undated
	// part (each of at least cohortMinPart articles) when the undated articles are this many times
	// as like each other as like the dated part (mean similarity of each to the rest of its part,
	// over its mean similarity to the dated part). Undated articles join a dated story on content
	// alone; a group of them that is more like itself than like the dated reports is another
	// happening of the same kind, while undated reports of the dated happening are as like the
	// dated part as like each other. 0 disables.
	CohortCohesion float64
	// PrivateTauDays replaces TauDays when the article and the story centre on the same private
	// individual (a person the knowledge base does not know, named with no office, at least
	// twice and within the lead; see Features.Private) and at least PrivateShare of the story's
	// articles centre on them too: the shooting and the trial a year later, the disappearance
	// and the search called off. 0 disables.
	PrivateTauDays, PrivateShare float64
	// Logger receives decisions at debug level; nil discards.
	Logger *slog.Logger
}

// DefaultOptions returns the options sitrep runs with.
func DefaultOptions() Options {
	return Options{
		Threshold:           0.22,
		MergeThreshold:      0.35,
		AbsorbSize:          2,
		StorylineThreshold:  0.18,
		StorylineWindowDays: 3 * 365,
		GraceDays:           7,
		TauDays:             30,
		SameDayBonus:        0.4,
		SplitThreshold:      0.3,
		WeightTerms:         0.55,
		WeightEntities:      0.35,
		WeightEvents:        0.10,
		MaxTerms:            32,
		MaxEntities:         16,
		MaxStoryTerms:       64,
		QueryTerms:          16,
		QueryEntities:       12,
		PostingScan:         48,
		Candidates:          10,
		IndexFeatures:       32,
		HalfDatedFactor:     0.6,
		CohortCohesion:      1.1,
		PrivateTauDays:      3650,
		PrivateShare:        0.3,
	}
}

// article is what the clusterer remembers of one article.
type article struct {
	id        string
	seq       int64
	story     int32
	terms     vec
	ents      vec
	evs       vec
	priv      vec // private individuals the article centres on (Features.Private)
	lo, hi    int32
	outlet    string
	title     string
	lead      string
	published time.Time
	dupOf     string
	sim       float64
	events    []sitrep.Event
	// counted reports whether the article's features are in its story's sums (see copyCap).
	counted bool
}

// copyCap is the story size beyond which a copy of another article (dupOf set) joins without
// adding its features to the story's sums or postings: they repeat its origin's, so a feed
// republishing one text thousands of times leaves the story's centroid, postings and the cost of
// joining it as they were at copyCap articles.
const copyCap = 64

// story is one cluster: sums of its articles' features and its members.
type story struct {
	id     int64
	line   int64
	terms  vec
	ents   vec
	evs    vec
	priv   vec // sum of the members' priv
	lo, hi int32
	// spans are the dated members' date intervals merged where they overlap or lie at most
	// runGapDays apart, sorted; they are rebuilt from the members when one leaves. An article
	// is as far from a story as from its nearest span, not from the story's whole range, which
	// a story that centres on a private individual may stretch over a year: a report dated
	// between the shooting and the verdict is not "0 days" from that story.
	spans   []span
	dated   int // members with a date
	members []int32
	indexed []uint32 // sorted feature ids whose postings list this story
	dead    bool
	lineTry int // how many times the storyline was (re)chosen
	// tnorm and enorm cache the norms of terms and ents, valid when normOK, computed at normAt
	// articles.
	tnorm, enorm float64
	normAt       int
	normOK       bool
}

// storyline is a set of stories linked over time.
type storyline struct {
	id      int64
	stories []int64
	links   map[int64]sitrep.StoryLink
}

// Assignment is the clusterer's decision for one article.
type Assignment struct {
	ArticleID   string  `json:"article_id"`
	StoryID     int64   `json:"story_id"`
	StorylineID int64   `json:"storyline_id"`
	NewStory    bool    `json:"new_story"`
	Score       float64 `json:"score"`
	// Reason explains the decision ("joined: words 0.41, entities 0.38 (kaine, virginia); 1 day apart").
	Reason string `json:"reason"`
	// Merged lists stories merged into StoryID as a consequence.
	Merged []int64 `json:"merged,omitempty"`
}

// Clusterer groups articles into stories and stories into storylines, online: each article is
// compared with a few candidate stories found through an inverted index and joins the best one or
// opens a new story. It is safe for concurrent use; calls are serialised.
type Clusterer struct {
	mu     sync.Mutex
	opts   Options
	store  sitrep.ClusterStore
	logger *slog.Logger

	vocab    map[string]uint32
	words    []string
	df       []int32
	postings [][]int32
	nDocs    int

	articles []*article
	byID     map[string]int32
	stories  []*story
	// alias[i] is the index of the story that story i was merged into, or -1. It is kept apart
	// from the story records because candidate retrieval resolves every posting it reads (~1,500
	// an article) and a dense array stays in cache where a million scattered records do not.
	alias     []int32
	storyIdx  map[int64]int32
	lines     map[int64]*storyline
	nextStory int64
	nextLine  int64
	seq       int64

	// keyBuf is intern's scratch space for sorting a feature map's keys.
	keyBuf []string
	// accArr and touched are scratch space of candidates: a score per story index and the
	// indexes that got one.
	accArr  []float64
	touched []int32
	// strongBuf is scratch space for strongestTo, truncBuf for truncate, sumBuf for sumTrunc,
	// arena for trySplit.
	strongBuf []weighted
	truncBuf  vec
	sumBuf    vec
	arena     arena
	// logN is log(nDocs+idfPrior); logDF caches log(df+0.5) for small df.
	logN  float64
	logDF []float64

	// postingsRead and scored count the work of candidate retrieval (see Work).
	postingsRead, scored int64

	// evShare maps a hash of an event list's binary encoding to the first article's list:
	// copies carry identical events and share one list (never modified) instead of one each.
	evShare map[uint64][]sitrep.Event
	evSeed  maphash.Seed
	evBuf   []byte
	// legacy lists articles restored from the older JSON features encoding, still to be
	// rewritten in the binary layout (a bounded number at each Flush).
	legacy []int32

	dirtyArticles map[int32]bool
	dirtyStories  map[int64]bool
	dirtyLines    map[int64]bool
	deadStories   map[int64]bool
	deadLines     map[int64]bool
}

// New returns a clusterer. store may be nil (memory only); otherwise call Open to load the
// persisted state and Flush to write changes.
func New(store sitrep.ClusterStore, opts Options) *Clusterer {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Clusterer{
		opts:          opts,
		store:         store,
		logger:        logger.With("component", "story"),
		vocab:         map[string]uint32{},
		byID:          map[string]int32{},
		storyIdx:      map[int64]int32{},
		lines:         map[int64]*storyline{},
		nextStory:     1,
		nextLine:      1,
		dirtyArticles: map[int32]bool{},
		dirtyStories:  map[int64]bool{},
		dirtyLines:    map[int64]bool{},
		deadStories:   map[int64]bool{},
		deadLines:     map[int64]bool{},
	}
}

// Work returns how many posting entries candidate retrieval has read and how many candidate
// stories were scored in full since the clusterer was made: the work per article, which must
// not grow with the number of articles held.
func (c *Clusterer) Work() (postingsRead, scored int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.postingsRead, c.scored
}

// Len returns the number of articles and live stories held.
func (c *Clusterer) Len() (articles, stories int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.articles), len(c.storyIdx)
}

// Add clusters a: it joins the best matching story or opens a new one, and the story's storyline
// is chosen when the story is new. a.StoryID and a.StorylineID are set. Adding an article whose ID
// is already held returns its current assignment. Copies (a.DuplicateOf set to a held article)
// join their origin's story.
func (c *Clusterer) Add(ctx context.Context, a *sitrep.Article) (*Assignment, error) {
	return c.AddWith(ctx, a, nil)
}

// Features extracts a's clustering features with the clusterer's options. It reads only a and
// takes no lock: a caller may extract a batch on all cores, then AddWith each article in order,
// which gives the same result as Add in that order.
func (c *Clusterer) Features(a *sitrep.Article) *Features {
	return Extract(a, c.opts.MaxTerms, c.opts.MaxEntities)
}

// AddWith is Add with a's features already extracted by Features (nil: extracted now).
func (c *Clusterer) AddWith(ctx context.Context, a *sitrep.Article, f *Features) (*Assignment, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if a.ID == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "Article id required.")
	}
	if f == nil {
		f = c.Features(a)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.byID[a.ID]; ok {
		s := c.stories[c.articles[i].story]
		a.StoryID, a.StorylineID = s.id, s.line
		return &Assignment{ArticleID: a.ID, StoryID: s.id, StorylineID: s.line, Reason: "already clustered"}, nil
	}
	rec := c.newArticle(a.ID, f)
	rec.outlet, rec.dupOf, rec.sim = a.Outlet, strings.Clone(a.DuplicateOf), a.Similarity
	if a.Published != nil {
		rec.published = a.Published.UTC()
	}
	for _, e := range a.Events {
		if len(rec.events) >= maxEventsPerArticle {
			break
		}
		rec.events = append(rec.events, e)
	}
	ai := c.appendArticle(rec)
	asg := c.place(ai)
	a.StoryID, a.StorylineID = asg.StoryID, asg.StorylineID
	return asg, nil
}

// maxEventsPerArticle bounds the coded events remembered per article.
const maxEventsPerArticle = 24

// newArticle interns f's features and returns the article record (not yet added).
func (c *Clusterer) newArticle(id string, f *Features) *article {
	// Copies of the strings: substrings would keep the whole article text in memory.
	rec := &article{id: strings.Clone(id), story: -1, lo: noDate, hi: noDate, title: strings.Clone(f.Title), lead: strings.Clone(f.Lead)}
	rec.terms = c.intern(f.Terms, "")
	rec.ents = c.intern(f.Entities, "")
	rec.evs = c.intern(f.Events, "v:")
	rec.priv = c.intern(f.Private, "")
	if f.Dated() {
		rec.lo, rec.hi = dayNum(f.Lo), dayNum(f.Hi)
	}

	return rec
}

// appendArticle counts the article's features in the document frequencies and stores it.
// An article new to the clusterer (seq not set) shares an identical event list already held.
func (c *Clusterer) appendArticle(rec *article) int32 {
	if rec.seq == 0 && len(rec.events) > 0 {
		w := blobWriter{b: c.evBuf[:0]}
		w.events(rec.events)
		c.evBuf = w.b
		rec.events = c.shareEvents(w.b, rec.events)
	}
	c.seq++
	if rec.seq == 0 {
		rec.seq = c.seq
	} else if rec.seq > c.seq {
		c.seq = rec.seq
	}
	for _, v := range []vec{rec.terms, rec.ents, rec.evs} {
		for _, e := range v {
			c.df[e.id]++
		}
	}
	c.nDocs++
	c.logN = math.Log(float64(c.nDocs) + idfPrior)
	if c.logDF == nil {
		c.logDF = make([]float64, logDFCache)
		for i := range c.logDF {
			c.logDF[i] = math.Log(float64(i) + 0.5)
		}
	}
	ai := int32(len(c.articles))
	c.articles = append(c.articles, rec)
	c.byID[rec.id] = ai
	c.markArticle(ai)
	return ai
}

func dayNum(t time.Time) int32 { return int32(t.Unix() / 86400) }

func dayTime(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// intern maps feature strings to ids, growing the vocabulary.
func (c *Clusterer) intern(m map[string]float64, prefix string) vec {
	v := make(vec, 0, len(m))
	// New features get ids in key order, not map order: ids order the sums of every cosine, so
	// map order would make float results, and so borderline decisions, differ between runs.
	// Known features are looked up first; only the new ones are sorted.
	fresh := c.keyBuf[:0]
	for k, w := range m {
		id, ok := c.vocab[prefix+k]
		if !ok {
			fresh = append(fresh, k)
			continue
		}
		v = append(v, entry{id, float32(w)})
	}
	defer func() { clear(fresh); c.keyBuf = fresh[:0] }() // keys may point into the article text
	slices.Sort(fresh)
	for _, k := range fresh {
		// A copy: the key may be a substring of the article text, which must not be retained.
		id := c.addWord(strings.Clone(prefix + k))
		v = append(v, entry{id, float32(m[k])})
	}
	slices.SortFunc(v, byID)
	return v
}

// addWord adds key (not yet in the vocabulary) and returns its id.
func (c *Clusterer) addWord(key string) uint32 {
	id := uint32(len(c.words))
	c.vocab[key] = id
	c.words = append(c.words, key)
	c.df = append(c.df, 0)
	c.postings = append(c.postings, nil)
	return id
}

// idfPrior is a number of imaginary earlier articles in which no feature occurs. It keeps IDF
// meaningful while few articles are held (with two articles, a word both share would otherwise
// weigh almost nothing); it becomes negligible as the collection grows.
const idfPrior = 100

// idf is the inverse document frequency of feature id.
func (c *Clusterer) idf(id uint32) float64 {
	df := c.df[id]
	if int(df) < len(c.logDF) {
		return c.logN - c.logDF[df]
	}
	return c.idfRare(df)
}

// idfRare is idf for a document frequency beyond the logDF cache (kept out of idf so that idf
// inlines into the similarity loops).
func (c *Clusterer) idfRare(df int32) float64 { return c.logN - math.Log(float64(df)+0.5) }

// logDFCache is how many log(df+0.5) values are precomputed.
const logDFCache = 1 << 16

// parts is a scored comparison, kept for explanations.
type parts struct {
	terms, ents, evs float64
	hasEnts, hasEvs  bool
	gap              int32 // days; -1 when either side is undated
	private          int32 // vocabulary id of the private individual both centre on, or -1
	factor           float64
	score            float64
}

// halfDated reports whether exactly one side carries a date: the article (dated) and the story,
// which counts as dated when most of its articles are (a one-article pseudo-story counts as dated
// when it has a date range).
func halfDated(dated bool, s *story) bool {
	sd := s.lo != noDate
	if len(s.members) > 0 {
		sd = 2*s.dated >= len(s.members)
	}
	return dated != sd
}

// compare scores features (terms, ents, evs, lo, hi) against a story.
func (c *Clusterer) compare(terms, ents, evs, priv vec, lo, hi int32, s *story) parts {
	return c.compareN(terms, ents, evs, priv, lo, hi, math.Sqrt(c.sqNormW(terms)), math.Sqrt(c.sqNormW(ents)), s)
}

// compareN is compare with the norms of terms and ents given (computed once per article).
func (c *Clusterer) compareN(terms, ents, evs, priv vec, lo, hi int32, tn, en float64, s *story) parts {
	var p parts
	stn, sen := c.storyNorms(s)
	p.terms = safeDiv(c.dotW(terms, s.terms), tn*stn)
	wsum := c.opts.WeightTerms
	score := c.opts.WeightTerms * p.terms
	if len(ents) > 0 && len(s.ents) > 0 {
		p.ents = safeDiv(c.dotW(ents, s.ents), en*sen)
		p.hasEnts = true
		score += c.opts.WeightEntities * p.ents
		wsum += c.opts.WeightEntities
	}
	if o, ok := overlap(evs, s.evs); ok {
		p.evs, p.hasEvs = o, true
		score += c.opts.WeightEvents * o
		wsum += c.opts.WeightEvents
	}
	score /= wsum

	p.gap = s.gapTo(lo, hi)
	p.private = -1
	if float64(p.gap) > c.opts.GraceDays {
		p.private = c.sharedPrivate(priv, s.priv, len(s.members))
	}
	p.factor = c.decay(p.gap, p.private >= 0)
	if p.gap < 0 && halfDated(lo != noDate, s) {
		p.factor = c.opts.HalfDatedFactor
	}
	p.score = score * p.factor
	return p
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// storyNorms returns the idf-weighted norms of a story's term and entity sums. They are cached
// and recomputed when the story changed or the collection grew by more than 1/64 since (IDF
// drifts slowly), which keeps scoring a candidate proportional to the overlap, not the story size.
func (c *Clusterer) storyNorms(s *story) (float64, float64) {
	if !s.normOK || c.nDocs > s.normAt+s.normAt/64 {
		s.tnorm, s.enorm = math.Sqrt(c.sqNormW(s.terms)), math.Sqrt(c.sqNormW(s.ents))
		s.normAt, s.normOK = c.nDocs, true
	}
	return s.tnorm, s.enorm
}

// gapDays is the number of days between two date intervals, 0 when they overlap, -1 when either
// is unknown.
func gapDays(alo, ahi, blo, bhi int32) int32 {
	if alo == noDate || blo == noDate {
		return -1
	}
	switch {
	case alo > bhi:
		return alo - bhi
	case blo > ahi:
		return blo - ahi
	}
	return 0
}

// decay is timeFactor with Options.PrivateTauDays as the time constant when private (both sides
// centre on one private individual) and the option is set.
func (c *Clusterer) decay(gap int32, private bool) float64 {
	if !private || c.opts.PrivateTauDays <= 0 || float64(gap) <= c.opts.GraceDays {
		return c.timeFactor(gap)
	}
	return math.Exp(-(float64(gap) - c.opts.GraceDays) / c.opts.PrivateTauDays)
}

// sharedPrivate returns the vocabulary id of a private individual in priv (an article's, or a
// group's sum) whom at least Options.PrivateShare of the n articles summed in other centre on,
// or -1.
func (c *Clusterer) sharedPrivate(priv, other vec, n int) int32 {
	if c.opts.PrivateTauDays <= 0 || len(priv) == 0 || len(other) == 0 {
		return -1
	}
	need := float32(max(1, c.opts.PrivateShare*float64(n)))
	i, j := 0, 0
	for i < len(priv) && j < len(other) {
		switch {
		case priv[i].id < other[j].id:
			i++
		case other[j].id < priv[i].id:
			j++
		default:
			if other[j].w >= need-1e-4 {
				return int32(priv[i].id)
			}
			i++
			j++
		}
	}
	return -1
}

func (c *Clusterer) timeFactor(gap int32) float64 {
	g := float64(gap)
	if gap >= 0 && gap <= 1 {
		return 1 + c.opts.SameDayBonus
	}
	if gap < 0 || g <= c.opts.GraceDays {
		return 1
	}
	return math.Exp(-(g - c.opts.GraceDays) / c.opts.TauDays)
}

// candidates returns up to n live story indexes sharing strong features with the query, best
// first. Only the PostingScan most recent stories of each posting list are read, so the cost does
// not grow with the number of stories held.
func (c *Clusterer) candidates(terms, ents vec, n int, exclude int32) []int32 {
	if cap(c.accArr) < len(c.stories) {
		c.accArr = make([]float64, len(c.stories), 2*len(c.stories)+16)
	}
	c.accArr = c.accArr[:len(c.stories)]
	touched := c.touched[:0]
	add := func(v vec, q int) {
		c.strongBuf = c.strongestTo(c.strongBuf[:0], v, q)
		for _, sw := range c.strongBuf {
			x := sw.x
			p := c.postings[sw.e.id]
			start := max(0, len(p)-c.opts.PostingScan)
			c.postingsRead += int64(len(p) - start)
			for k, si := range p[start:] {
				if r := c.resolve(si); r != si {
					// Merged stories stay merged: the entry is pointed at the survivor so that
					// later reads skip the chain.
					p[start+k] = r
					si = r
				}
				if si == exclude {
					continue
				}
				if c.accArr[si] == 0 {
					touched = append(touched, si)
				}
				c.accArr[si] += x
			}
		}
	}
	add(terms, c.opts.QueryTerms)
	add(ents, c.opts.QueryEntities)
	// Keep the n best (score desc, index asc) by insertion into a short sorted list.
	out := make([]int32, 0, n+1)
	better := func(a, b int32) bool {
		if c.accArr[a] != c.accArr[b] {
			return c.accArr[a] > c.accArr[b]
		}
		return a < b
	}
	for _, si := range touched {
		if len(out) == n && !better(si, out[n-1]) {
			continue
		}
		i := len(out)
		out = append(out, si)
		for i > 0 && better(si, out[i-1]) {
			out[i] = out[i-1]
			i--
		}
		out[i] = si
		if len(out) > n {
			out = out[:n]
		}
	}
	for _, si := range touched {
		c.accArr[si] = 0
	}
	c.touched = touched[:0]
	return out
}

// resolve follows merges to the live story.
func (c *Clusterer) resolve(si int32) int32 {
	for c.alias[si] >= 0 {
		si = c.alias[si]
	}
	return si
}

// strongest returns the q entries of v with the largest weight·idf (ties by id), strongest first.
func strongest(v vec, q int, idf func(uint32) float64) vec {
	if len(v) <= q {
		return v
	}
	type ew struct {
		e entry
		x float64
	}
	tmp := make([]ew, len(v))
	for i, e := range v {
		tmp[i] = ew{e, float64(e.w) * idf(e.id)}
	}
	slices.SortFunc(tmp, func(a, b ew) int {
		if a.x != b.x {
			return cmp.Compare(b.x, a.x)
		}
		return cmp.Compare(a.e.id, b.e.id)
	})
	out := make(vec, q)
	for i := range out {
		out[i] = tmp[i].e
	}
	return out
}

// weighted is an entry with its weight·idf, for strongestTo.
type weighted struct {
	e entry
	x float64
}

// strongestTo appends to dst what strongest(v, q, c.idf) returns (all of v in id order when it
// has at most q entries), with the weights·idf, using insertion into a short sorted list (q is
// small) instead of sorting all of v.
func (c *Clusterer) strongestTo(dst []weighted, v vec, q int) []weighted {
	if len(v) <= q {
		for _, e := range v {
			dst = append(dst, weighted{e, float64(e.w) * c.idf(e.id)})
		}
		return dst
	}
	if q <= 0 {
		return dst
	}
	base := len(dst)
	for _, e := range v {
		w := weighted{e, float64(e.w) * c.idf(e.id)}
		n := len(dst) - base
		if n == q {
			last := dst[len(dst)-1]
			if w.x < last.x || (w.x == last.x && w.e.id > last.e.id) {
				continue
			}
			dst = dst[:len(dst)-1]
		}
		dst = append(dst, w)
		i := len(dst) - 1
		for i > base && (w.x > dst[i-1].x || (w.x == dst[i-1].x && w.e.id < dst[i-1].e.id)) {
			dst[i] = dst[i-1]
			i--
		}
		dst[i] = w
	}
	return dst
}

// place assigns article ai to a story and returns the decision.
func (c *Clusterer) place(ai int32) *Assignment {
	a := c.articles[ai]
	asg := &Assignment{ArticleID: a.id}
	// A copy joins its origin's story.
	if a.dupOf != "" {
		if oi, ok := c.byID[a.dupOf]; ok && c.articles[oi].story >= 0 {
			si := c.resolve(c.articles[oi].story)
			c.join(ai, si)
			s := c.stories[si]
			asg.StoryID, asg.StorylineID, asg.Score = s.id, s.line, a.sim
			asg.Reason = fmt.Sprintf("copy of %s (similarity %.2f)", a.dupOf, a.sim)
			return asg
		}
	}
	cands := c.candidates(a.terms, a.ents, c.opts.Candidates, -1)
	best, bestP := int32(-1), parts{}
	scored := make([]scoredStory, 0, len(cands))
	tn, en := math.Sqrt(c.sqNormW(a.terms)), math.Sqrt(c.sqNormW(a.ents))
	c.scored += int64(len(cands))
	for _, si := range cands {
		p := c.compareN(a.terms, a.ents, a.evs, a.priv, a.lo, a.hi, tn, en, c.stories[si])
		scored = append(scored, scoredStory{si, p})
		if best < 0 || p.score > bestP.score || (p.score == bestP.score && c.stories[si].id < c.stories[best].id) {
			best, bestP = si, p
		}
	}
	if best >= 0 && bestP.score >= c.opts.Threshold {
		asg.Score = bestP.score
		asg.Reason = "joined: " + c.explain(a.terms, a.ents, a.evs, c.stories[best], bestP)
		c.join(ai, best)
		// Stories that the article bridges are merged when their centroids now match.
		for _, ss := range scored {
			if ss.si == best || ss.p.score < c.opts.Threshold*0.75 {
				continue
			}
			t := c.resolve(ss.si)
			b := c.resolve(best)
			if t == b || c.stories[t].dead {
				continue
			}
			sb, st := c.stories[b], c.stories[t]
			from, into, thr, how := sb, st, c.opts.MergeThreshold, "merged on similarity %.2f"
			if len(st.members) <= c.opts.AbsorbSize {
				// A small story is scored as its articles would be if they arrived now.
				from, into, thr, how = st, sb, c.opts.Threshold, "absorbed: its articles score %.2f against the story"
			}
			tn, en := c.storyNorms(from)
			sp := c.compareN(from.terms, from.ents, from.evs, from.priv, from.lo, from.hi, tn, en, into)
			if sp.score >= thr {
				keep := c.mergeStories(b, t, fmt.Sprintf(how, sp.score))
				asg.Merged = append(asg.Merged, c.stories[other(keep, b, t)].id)
				best = keep
			}
		}
		best = c.resolve(best)
		// A story is checked for a split at set sizes and after a merge, which may have glued
		// two happenings together.
		if splitCheckAt(len(c.stories[best].members)) || len(asg.Merged) > 0 {
			if ni := c.trySplit(best); ni >= 0 && c.articles[ai].story == ni {
				best = ni
			}
		}
		s := c.stories[c.resolve(best)]
		if s.lineTry < 3 && len(c.lines[s.line].stories) == 1 && len(s.members) <= 3 {
			c.chooseLine(c.resolve(best))
		}
		s = c.stories[c.resolve(best)]
		asg.StoryID, asg.StorylineID = s.id, s.line
		return asg
	}
	si := c.newStory()
	c.join(ai, si)
	c.chooseLine(si)
	s := c.stories[si]
	asg.StoryID, asg.StorylineID, asg.NewStory = s.id, s.line, true
	if best >= 0 {
		asg.Score = bestP.score
		asg.Reason = fmt.Sprintf("new story: best candidate %d scored %.2f < %.2f (%s)", c.stories[best].id, bestP.score, c.opts.Threshold, c.explain(a.terms, a.ents, a.evs, c.stories[best], bestP))
	} else {
		asg.Reason = "new story: no candidate shares a strong feature"
	}
	return asg
}

type scoredStory struct {
	si int32
	p  parts
}

func other(keep, a, b int32) int32 {
	if keep == a {
		return b
	}
	return a
}

// newStory opens an empty story with a fresh id.
func (c *Clusterer) newStory() int32 {
	s := &story{id: c.nextStory, lo: noDate, hi: noDate}
	c.nextStory++
	return c.addStory(s)
}

func (c *Clusterer) addStory(s *story) int32 {
	si := int32(len(c.stories))
	c.stories = append(c.stories, s)
	c.alias = append(c.alias, -1)
	c.storyIdx[s.id] = si
	c.markStory(s.id)
	return si
}

// join adds article ai to story si: features are summed, the date range widened and the
// article's strongest features indexed for the story.
func (c *Clusterer) join(ai, si int32) {
	a := c.articles[ai]
	s := c.stories[si]
	a.story = si
	s.members = append(s.members, ai)
	c.accumulate(s, a, 1)
	c.index(si, a)
	c.markArticle(ai)
	c.markStory(s.id)
}

// accumulate adds (sign 1) or removes (sign -1) an article's features to a story's sums. Removal
// recomputes the date range from the remaining members.
// A copy joining a story of more than copyCap articles is not added to the sums (and so not
// removed from them later).
func (c *Clusterer) accumulate(s *story, a *article, sign float32) {
	if sign > 0 {
		a.counted = a.dupOf == "" || len(s.members) <= copyCap
	}
	if a.counted {
		s.normOK = false
		s.terms = c.sumTrunc(s.terms, a.terms, sign, c.opts.MaxStoryTerms)
		s.ents = c.sumTrunc(s.ents, a.ents, sign, c.opts.MaxStoryTerms/2)
		s.evs = c.sumTrunc(s.evs, a.evs, sign, math.MaxInt)
		s.priv = addInto(s.priv, a.priv, sign)
	}
	if sign < 0 {
		a.counted = false
	}
	if sign > 0 {
		if a.lo != noDate {
			s.addSpan(a.lo, a.hi)
			s.dated++
			if s.lo == noDate || a.lo < s.lo {
				s.lo = a.lo
			}
			if s.hi == noDate || a.hi > s.hi {
				s.hi = a.hi
			}
		}
		return
	}
	s.lo, s.hi, s.dated = noDate, noDate, 0
	s.spans = s.spans[:0]
	for _, mi := range s.members {
		m := c.articles[mi]
		if m.lo == noDate {
			continue
		}
		s.addSpan(m.lo, m.hi)
		s.dated++
		if s.lo == noDate || m.lo < s.lo {
			s.lo = m.lo
		}
		if s.hi == noDate || m.hi > s.hi {
			s.hi = m.hi
		}
	}
}

// index makes the article's strongest features point to story si.
// An article left out of the story's sums (see copyCap) is not indexed either.
func (c *Clusterer) index(si int32, a *article) {
	if !a.counted {
		return
	}
	s := c.stories[si]
	feats := c.strongestTo(c.strongBuf[:0], a.terms, c.opts.IndexFeatures)
	feats = c.strongestTo(feats, a.ents, c.opts.IndexFeatures/2)
	c.strongBuf = feats
	for _, f := range feats {
		e := f.e
		i, found := slices.BinarySearch(s.indexed, e.id)
		if found {
			continue
		}
		s.indexed = append(s.indexed, 0)
		copy(s.indexed[i+1:], s.indexed[i:])
		s.indexed[i] = e.id
		c.postings[e.id] = append(c.postings[e.id], si)
	}
}

// markArticle and markStory record a change to write at the next Flush; without a store nothing
// is recorded, so a memory-only clusterer holds no change sets.
func (c *Clusterer) markArticle(ai int32) {
	if c.store != nil {
		c.dirtyArticles[ai] = true
	}
}

func (c *Clusterer) markStory(id int64) {
	if c.store != nil {
		c.dirtyStories[id] = true
	}
}

// ErrNoStore is returned by Open and Flush when the clusterer has no store.
var ErrNoStore = fmt.Errorf("story: no store")

// Open loads the persisted state and rebuilds the in-memory indexes from it. A store that
// implements ClusterStreamer hands the articles over one at a time.
func (c *Clusterer) Open(ctx context.Context) error {
	if c.store == nil {
		return ErrNoStore
	}
	if cs, ok := c.store.(ClusterStreamer); ok {
		st, err := cs.LoadClusterSummary(ctx)
		if err != nil {
			return fmt.Errorf("load cluster state: %w", err)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.restore(st, func(fn func(*sitrep.ClusterArticle) error) error {
			if err := cs.EachClusterArticle(ctx, fn); err != nil {
				return fmt.Errorf("load cluster state: %w", err)
			}
			return nil
		})
	}
	st, err := c.store.LoadClusterState(ctx)
	if err != nil {
		return fmt.Errorf("load cluster state: %w", err)
	}
	arts := append([]sitrep.ClusterArticle(nil), st.Articles...)
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Seq < arts[j].Seq })
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.restore(st, func(fn func(*sitrep.ClusterArticle) error) error {
		for i := range arts {
			if err := fn(&arts[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// span is an interval of days.
type span struct{ lo, hi int32 }

// addSpan adds the interval (lo, hi) to the story's spans, merging it with those it overlaps or
// lies at most runGapDays from.
func (s *story) addSpan(lo, hi int32) {
	// Spans k..m-1 overlap or lie within runGapDays of (lo, hi).
	k := 0
	for k < len(s.spans) && s.spans[k].hi+runGapDays < lo {
		k++
	}
	m := k
	for m < len(s.spans) && s.spans[m].lo <= hi+runGapDays {
		m++
	}
	if k == m {
		s.spans = slices.Insert(s.spans, k, span{lo, hi})
		return
	}
	s.spans[k] = span{min(lo, s.spans[k].lo), max(hi, s.spans[m-1].hi)}
	s.spans = slices.Delete(s.spans, k+1, m)
}

// gapTo is the number of days between the interval (lo, hi) and the story's nearest span: 0
// when they meet, -1 when either side is undated.
func (s *story) gapTo(lo, hi int32) int32 {
	if lo == noDate || len(s.spans) == 0 {
		return -1
	}
	gap := int32(math.MaxInt32)
	for _, p := range s.spans {
		gap = min(gap, max(0, p.lo-hi, lo-p.hi))
	}
	return gap
}

// runGapDays: member days at most this far apart form a run that counts as one span.
const runGapDays = 60
