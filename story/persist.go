package story

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// articleBlob is the JSON encoding of an article's features (ClusterArticle.Features) that
// earlier versions wrote; it is still read (see decodeArticle) and rewritten in the binary
// layout at the next Flush.
type articleBlob struct {
	Features
	Outlet    string         `json:"o,omitempty"`
	Published time.Time      `json:"p,omitzero"`
	Events    []sitrep.Event `json:"ev,omitempty"`
}

// Flush writes every change since the last Flush to the store in one batch.
func (c *Clusterer) Flush(ctx context.Context) error {
	if c.store == nil {
		return ErrNoStore
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for n := 0; n < legacyPerFlush && len(c.legacy) > 0; n++ {
		c.dirtyArticles[c.legacy[len(c.legacy)-1]] = true
		c.legacy = c.legacy[:len(c.legacy)-1]
	}
	ch := &sitrep.ClusterChanges{NextStoryID: c.nextStory, NextStorylineID: c.nextLine, At: time.Now().UTC()}
	ais := make([]int32, 0, len(c.dirtyArticles))
	for ai := range c.dirtyArticles {
		ais = append(ais, ai)
	}
	sort.Slice(ais, func(i, j int) bool { return ais[i] < ais[j] })
	for _, ai := range ais {
		a := c.articles[ai]
		ca := sitrep.ClusterArticle{ArticleID: a.id, Seq: a.seq, DuplicateOf: a.dupOf, Similarity: a.sim, Features: c.encodeArticleBinary(a)}
		if a.story >= 0 {
			s := c.stories[c.resolve(a.story)]
			ca.StoryID, ca.StorylineID = s.id, s.line
		}
		ch.Articles = append(ch.Articles, ca)
	}
	for id := range c.dirtyStories {
		if si, ok := c.storyIdx[id]; ok {
			ch.Stories = append(ch.Stories, c.view(si))
			// the storyline's view summarises its stories (title, actors, dates)
			if l := c.stories[si].line; l != 0 {
				c.dirtyLines[l] = true
			}
		}
	}
	sort.Slice(ch.Stories, func(i, j int) bool { return ch.Stories[i].ID < ch.Stories[j].ID })
	for id := range c.deadStories {
		ch.DeletedStories = append(ch.DeletedStories, id)
	}
	sort.Slice(ch.DeletedStories, func(i, j int) bool { return ch.DeletedStories[i] < ch.DeletedStories[j] })
	for id := range c.dirtyLines {
		if l, ok := c.lines[id]; ok {
			ch.Storylines = append(ch.Storylines, c.lineView(l))
		}
	}
	sort.Slice(ch.Storylines, func(i, j int) bool { return ch.Storylines[i].ID < ch.Storylines[j].ID })
	for id := range c.deadLines {
		ch.DeletedStorylines = append(ch.DeletedStorylines, id)
	}
	sort.Slice(ch.DeletedStorylines, func(i, j int) bool { return ch.DeletedStorylines[i] < ch.DeletedStorylines[j] })
	if err := c.store.SaveClusterChanges(ctx, ch); err != nil {
		return fmt.Errorf("save cluster changes: %w", err)
	}
	clear(c.dirtyArticles)
	clear(c.dirtyStories)
	clear(c.dirtyLines)
	clear(c.deadStories)
	clear(c.deadLines)
	return nil
}

// ClusterStreamer is implemented by stores that can hand the persisted articles over one at a
// time, so that opening never holds every article's encoded state at once.
type ClusterStreamer interface {
	// LoadClusterSummary is LoadClusterState without the articles.
	LoadClusterSummary(ctx context.Context) (*sitrep.ClusterState, error)
	// EachClusterArticle calls fn with every persisted article in Seq order. fn must not keep
	// the Features slice.
	EachClusterArticle(ctx context.Context, fn func(*sitrep.ClusterArticle) error) error
}

// restore rebuilds every in-memory structure from st and the articles each yields in Seq order:
// vocabulary and document frequencies from the articles' features, story sums and postings from
// the assignments, storylines and links as stored. No article is re-clustered. Articles whose
// features were in the older JSON encoding are marked to be rewritten in the binary layout at
// the next Flush.
func (c *Clusterer) restore(st *sitrep.ClusterState, each func(func(*sitrep.ClusterArticle) error) error) error {
	fresh := New(c.store, c.opts)
	fresh.logger = c.logger
	var storyOf, lineOf []int64
	var legacy []int32
	var r blobReader
	err := each(func(ca *sitrep.ClusterArticle) error {
		rec, old, err := fresh.decodeArticle(ca.ArticleID, ca.Features, &r)
		if err != nil {
			return fmt.Errorf("decode features of %s: %w", ca.ArticleID, err)
		}
		rec.seq = ca.Seq
		rec.dupOf, rec.sim = strings.Clone(ca.DuplicateOf), ca.Similarity
		ai := fresh.appendArticle(rec)
		storyOf, lineOf = append(storyOf, ca.StoryID), append(lineOf, ca.StorylineID)
		if old {
			legacy = append(legacy, ai)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range st.Stories {
		if _, ok := fresh.storyIdx[s.ID]; ok {
			continue
		}
		fresh.addStory(&story{id: s.ID, line: s.StorylineID, lo: noDate, hi: noDate, lineTry: 3})
		if s.ID >= fresh.nextStory {
			fresh.nextStory = s.ID + 1
		}
	}
	for i := range storyOf {
		si, ok := fresh.storyIdx[storyOf[i]]
		if !ok {
			// An article whose story is missing gets a story of its own.
			si = fresh.newStory()
			fresh.stories[si].line = lineOf[i]
		}
		fresh.join(int32(i), si)
	}
	for _, l := range st.Storylines {
		sl := &storyline{id: l.ID, links: map[int64]sitrep.StoryLink{}}
		for _, id := range l.StoryIDs {
			if _, ok := fresh.storyIdx[id]; ok {
				sl.stories = append(sl.stories, id)
			}
		}
		for _, k := range l.Links {
			sl.links[k.StoryID] = k
		}
		fresh.lines[l.ID] = sl
		if l.ID >= fresh.nextLine {
			fresh.nextLine = l.ID + 1
		}
	}
	// Stories whose storyline is missing get one of their own.
	for _, s := range fresh.stories {
		if s.dead {
			continue
		}
		if _, ok := fresh.lines[s.line]; !ok {
			l := &storyline{id: fresh.nextLine, links: map[int64]sitrep.StoryLink{}}
			fresh.nextLine++
			fresh.lines[l.id] = l
			l.stories = append(l.stories, s.id)
			l.links[s.id] = sitrep.StoryLink{StoryID: s.id, Reason: "opened storyline", Score: 1}
			s.line = l.id
		}
	}
	fresh.nextStory = max(fresh.nextStory, st.NextStoryID)
	fresh.nextLine = max(fresh.nextLine, st.NextStorylineID)
	clear(fresh.dirtyArticles)
	clear(fresh.dirtyStories)
	clear(fresh.dirtyLines)
	// Swap the rebuilt state in, keeping the mutex.
	c.vocab, c.words, c.df, c.postings, c.nDocs = fresh.vocab, fresh.words, fresh.df, fresh.postings, fresh.nDocs
	c.articles, c.byID, c.stories, c.alias, c.storyIdx, c.lines = fresh.articles, fresh.byID, fresh.stories, fresh.alias, fresh.storyIdx, fresh.lines
	c.nextStory, c.nextLine, c.seq = fresh.nextStory, fresh.nextLine, fresh.seq
	c.evShare, c.evSeed = fresh.evShare, fresh.evSeed
	c.dirtyArticles, c.dirtyStories, c.dirtyLines = fresh.dirtyArticles, fresh.dirtyStories, fresh.dirtyLines
	c.deadStories, c.deadLines = fresh.deadStories, fresh.deadLines
	c.legacy = legacy
	return nil
}

// legacyPerFlush bounds the articles rewritten from the JSON encoding to the binary layout at
// each Flush, so that upgrading a large store spreads the rewrite instead of building one huge
// change set.
const legacyPerFlush = 8192

// blobV1 starts the binary encoding of an article's features (a JSON encoding, written by
// earlier versions and still read, starts with '{').
//
// Layout after the tag byte, integers as (zig-zag) varints, strings as a length then bytes,
// weights as float32 bits: three feature lists (terms, entities, event types without their
// "v:" prefix), each a count then (name, weight) pairs; a flag byte (1: dated) then the first
// and last day numbers; title, lead, outlet; publication time as a flag byte then Unix seconds
// and nanoseconds; the events, a count then each event's fields in declaration order.
const blobV1 = 0x01

// blobV2 is blobV1 with a fourth feature list after the event types: the private individuals
// the article centres on (Features.Private). Version 1 blobs are still read.
const blobV2 = 0x02

// encodeArticleBinary renders the features the clusterer holds for a in the binary layout.
func (c *Clusterer) encodeArticleBinary(a *article) []byte { return c.encodeArticle(a, blobV2) }

// encodeArticle renders a in the binary layout of the given version (blobV1 drops Private).
func (c *Clusterer) encodeArticle(a *article, version byte) []byte {
	w := &blobWriter{b: make([]byte, 0, 512)}
	w.b = append(w.b, version)
	lists := []vec{a.terms, a.ents, a.evs, a.priv}
	if version == blobV1 {
		lists = lists[:3]
	}
	for _, v := range lists {
		w.uvarint(uint64(len(v)))
		for _, e := range v {
			w.str(strings.TrimPrefix(c.words[e.id], "v:"))
			w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(e.w))
		}
	}
	if a.lo != noDate {
		w.b = append(w.b, 1)
		w.varint(int64(a.lo))
		w.varint(int64(a.hi))
	} else {
		w.b = append(w.b, 0)
	}
	w.str(a.title)
	w.str(a.lead)
	w.str(a.outlet)
	if a.published.IsZero() {
		w.b = append(w.b, 0)
	} else {
		w.b = append(w.b, 1)
		w.varint(a.published.Unix())
		w.uvarint(uint64(a.published.Nanosecond()))
	}
	w.events(a.events)
	return w.b
}

// events writes an event list: its length, then each event.
func (w *blobWriter) events(evs []sitrep.Event) {
	w.uvarint(uint64(len(evs)))
	for i := range evs {
		w.event(&evs[i])
	}
}

// shareEvents returns the event list held for an identical encoding enc, or remembers evs as
// the list for enc and returns it. Lists are matched on a 64-bit hash of their encoding.
func (c *Clusterer) shareEvents(enc []byte, evs []sitrep.Event) []sitrep.Event {
	if c.evShare == nil {
		c.evShare = map[uint64][]sitrep.Event{}
		c.evSeed = maphash.MakeSeed()
	}
	k := maphash.Bytes(c.evSeed, enc)
	if s, ok := c.evShare[k]; ok && len(s) == len(evs) {
		return s
	}
	c.evShare[k] = evs
	return evs
}

type blobWriter struct{ b []byte }

func (w *blobWriter) uvarint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *blobWriter) varint(x int64)   { w.b = binary.AppendVarint(w.b, x) }
func (w *blobWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *blobWriter) actor(a *sitrep.EventActor) {
	w.str(a.ActorID)
	w.str(a.Code)
	w.str(a.Text)
	w.varint(int64(a.Start))
	w.varint(int64(a.End))
}

func (w *blobWriter) event(e *sitrep.Event) {
	w.varint(int64(e.Start))
	w.varint(int64(e.End))
	w.actor(&e.Source)
	w.actor(&e.Target)
	w.str(e.CAMEO)
	w.str(e.PLOVER)
	w.str(e.Mode)
	w.uvarint(uint64(len(e.Context)))
	for _, s := range e.Context {
		w.str(s)
	}
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(e.Goldstein))
	w.varint(int64(e.QuadClass))
	w.str(e.Date)
	w.str(e.DateSource)
	w.str(e.Trigger)
	w.str(e.Rule)
}

// errBadBlob reports a truncated or malformed binary features encoding.
var errBadBlob = errors.New("story: malformed features encoding")

// blobReader decodes the binary layout. Short strings (codes, modes, dates, outlets) repeat
// across articles; strs shares one copy of each.
type blobReader struct {
	b    []byte
	err  error
	strs map[string]string
}

func (r *blobReader) fail() {
	if r.err == nil {
		r.err = errBadBlob
	}
	r.b = nil
}

func (r *blobReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *blobReader) varint() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *blobReader) byte() byte {
	if len(r.b) < 1 {
		r.fail()
		return 0
	}
	x := r.b[0]
	r.b = r.b[1:]
	return x
}

// raw returns the next string's bytes (valid until the blob is released).
func (r *blobReader) raw() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

func (r *blobReader) str() string {
	b := r.raw()
	if len(b) == 0 {
		return ""
	}
	if len(b) > 24 {
		return string(b)
	}
	if s, ok := r.strs[string(b)]; ok {
		return s
	}
	if r.strs == nil {
		r.strs = map[string]string{}
	}
	s := string(b)
	if len(r.strs) < 1<<16 {
		r.strs[s] = s
	}
	return s
}

// count reads a list length, refusing one larger than the bytes left could hold.
func (r *blobReader) count(minBytes int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/minBytes) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *blobReader) actor(a *sitrep.EventActor) {
	a.ActorID, a.Code, a.Text = r.str(), r.str(), r.str()
	a.Start, a.End = int(r.varint()), int(r.varint())
}

func (r *blobReader) event(e *sitrep.Event) {
	e.Start, e.End = int(r.varint()), int(r.varint())
	r.actor(&e.Source)
	r.actor(&e.Target)
	e.CAMEO, e.PLOVER, e.Mode = r.str(), r.str(), r.str()
	if n := r.count(1); n > 0 {
		e.Context = make([]string, n)
		for i := range e.Context {
			e.Context[i] = r.str()
		}
	}
	if len(r.b) < 8 {
		r.fail()
		return
	}
	e.Goldstein = math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	e.QuadClass = int(r.varint())
	e.Date, e.DateSource, e.Trigger, e.Rule = r.str(), r.str(), r.str(), r.str()
}

// decodeArticle turns a persisted features encoding (binary or the older JSON) into an article
// record, interning its features; legacy reports a JSON encoding.
func (c *Clusterer) decodeArticle(id string, blob []byte, r *blobReader) (rec *article, legacy bool, err error) {
	if len(blob) == 0 || (blob[0] != blobV1 && blob[0] != blobV2) {
		var b articleBlob
		if err := json.Unmarshal(blob, &b); err != nil {
			return nil, false, err
		}
		rec := c.newArticle(id, &b.Features)
		rec.outlet, rec.published, rec.events = b.Outlet, b.Published, b.Events
		return rec, true, nil
	}
	prefixes := []string{"", "", "v:", ""}
	if blob[0] == blobV1 {
		prefixes = prefixes[:3]
	}
	r.b, r.err = blob[1:], nil
	rec = &article{id: strings.Clone(id), story: -1, lo: noDate, hi: noDate}
	for i, prefix := range prefixes {
		n := r.count(5)
		v := make(vec, 0, n)
		for range n {
			name := r.raw()
			if len(r.b) < 4 {
				r.fail()
				break
			}
			w := math.Float32frombits(binary.LittleEndian.Uint32(r.b))
			r.b = r.b[4:]
			v = append(v, entry{c.internBytes(prefix, name), w})
		}
		slices.SortFunc(v, byID)
		switch i {
		case 0:
			rec.terms = v
		case 1:
			rec.ents = v
		case 2:
			rec.evs = v
		default:
			rec.priv = v
		}
	}
	if r.byte() == 1 {
		rec.lo, rec.hi = int32(r.varint()), int32(r.varint())
	}
	rec.title, rec.lead = string(r.raw()), string(r.raw())
	rec.outlet = r.str()
	if r.byte() == 1 {
		sec := r.varint()
		rec.published = time.Unix(sec, int64(r.uvarint())).UTC()
	}
	// The event list ends the blob: a copy's list is shared with an identical one held.
	enc := r.b
	if n := r.count(20); n > 0 {
		if c.evShare == nil {
			c.evShare = map[uint64][]sitrep.Event{}
			c.evSeed = maphash.MakeSeed()
		}
		k := maphash.Bytes(c.evSeed, enc)
		if s, ok := c.evShare[k]; ok && len(s) == n {
			rec.events = s
			r.b = nil
		} else {
			rec.events = make([]sitrep.Event, n)
			for i := range rec.events {
				r.event(&rec.events[i])
			}
			if r.err == nil {
				c.evShare[k] = rec.events
			}
		}
	}
	if r.err != nil {
		return nil, false, fmt.Errorf("%w (article %s)", r.err, id)
	}
	return rec, false, nil
}

// internBytes returns the vocabulary id of prefix+name, adding it when new.
func (c *Clusterer) internBytes(prefix string, name []byte) uint32 {
	var key string
	if prefix == "" {
		if id, ok := c.vocab[string(name)]; ok {
			return id
		}
		key = string(name)
	} else {
		key = prefix + string(name)
		if id, ok := c.vocab[key]; ok {
			return id
		}
	}
	return c.addWord(key)
}
