package story

import (
	"context"
	"encoding/json"
	"time"

	"github.com/sitrep/sitrep"
)

// AddFeatures clusters an article whose features are given, skipping extraction from text: the
// benchmarks use it to build large held sets quickly. It mirrors Add.
func (c *Clusterer) AddFeatures(ctx context.Context, id, dupOf string, published time.Time, f *Features) (*Assignment, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.byID[id]; ok {
		s := c.stories[c.articles[i].story]
		return &Assignment{ArticleID: id, StoryID: s.id, StorylineID: s.line, Reason: "already clustered"}, nil
	}
	rec := c.newArticle(id, f)
	rec.dupOf, rec.published = dupOf, published
	return c.place(c.appendArticle(rec)), nil
}

// StoryState returns, for the story of article id, its member count, a copy of its summed term
// vector as name→weight, and the number of posting lists that point to it.
func (c *Clusterer) StoryState(id string) (members int, terms map[string]float32, indexed int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stories[c.resolve(c.articles[c.byID[id]].story)]
	terms = map[string]float32{}
	for _, e := range s.terms {
		terms[c.words[e.id]] = e.w
	}
	return len(s.members), terms, len(s.indexed)
}

// RoundTrip encodes the held article id in the binary layout and decodes it into a fresh
// clusterer, returning the features and events both sides hold.
func (c *Clusterer) RoundTrip(id string) (before, after *Features, evBefore, evAfter []sitrep.Event, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.articles[c.byID[id]]
	blob := c.encodeArticleBinary(a)
	fresh := New(nil, c.opts)
	rec, legacy, err := fresh.decodeArticle(id, blob, &blobReader{})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if legacy {
		panic("binary blob decoded as JSON")
	}
	return c.features(a), fresh.features(rec), a.events, rec.events, nil
}

// DecodeBlob decodes a features encoding into a fresh clusterer (for fuzzing).
func DecodeBlob(blob []byte) error {
	c := New(nil, DefaultOptions())
	_, _, err := c.decodeArticle("x", blob, &blobReader{})
	return err
}

// features renders an article record's features back as a Features value.
func (c *Clusterer) features(a *article) *Features {
	f := &Features{Terms: map[string]float64{}, Entities: map[string]float64{}, Events: map[string]float64{}, Title: a.title, Lead: a.lead}
	for _, e := range a.terms {
		f.Terms[c.words[e.id]] = float64(e.w)
	}
	for _, e := range a.ents {
		f.Entities[c.words[e.id]] = float64(e.w)
	}
	for _, e := range a.evs {
		f.Events[c.words[e.id]] = float64(e.w)
	}
	for _, e := range a.priv {
		if f.Private == nil {
			f.Private = map[string]float64{}
		}
		f.Private[c.words[e.id]] = float64(e.w)
	}
	if a.lo != noDate {
		f.Lo, f.Hi = dayTime(a.lo), dayTime(a.hi)
	}
	return f
}

// V1Blob returns the version 1 binary encoding (no private individuals) of held article id.
func (c *Clusterer) V1Blob(id string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.encodeArticle(c.articles[c.byID[id]], blobV1)
}

// Blob returns the binary features encoding of held article id.
func (c *Clusterer) Blob(id string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.encodeArticleBinary(c.articles[c.byID[id]])
}

// LegacyBlob returns the JSON features encoding earlier versions wrote for held article id.
func (c *Clusterer) LegacyBlob(id string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.articles[c.byID[id]]
	b := articleBlob{Outlet: a.outlet, Published: a.published, Events: a.events}
	b.Features = *c.features(a)
	b.Features.Events = map[string]float64{}
	for _, e := range a.evs {
		b.Features.Events[c.words[e.id][2:]] = float64(e.w)
	}
	out, err := json.Marshal(b)
	if err != nil {
		panic(err)
	}
	return out
}
