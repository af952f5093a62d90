package story

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// articleBlob is the persisted encoding of an article's features (ClusterArticle.Features).
type articleBlob struct {
	Features
	Outlet    string         `json:"o,omitempty"`
	Published time.Time      `json:"p,omitzero"`
	Events    []sitrep.Event `json:"ev,omitempty"`
}

// encodeArticle renders the features the clusterer holds for a as JSON.
func (c *Clusterer) encodeArticle(a *article) []byte {
	b := articleBlob{Outlet: a.outlet, Published: a.published, Events: a.events}
	b.Title, b.Lead = a.title, a.lead
	b.Terms = map[string]float64{}
	b.Entities = map[string]float64{}
	for _, e := range a.terms {
		b.Terms[c.words[e.id]] = float64(e.w)
	}
	for _, e := range a.ents {
		b.Entities[c.words[e.id]] = float64(e.w)
	}
	if len(a.evs) > 0 {
		b.Features.Events = map[string]float64{}
		for _, e := range a.evs {
			b.Features.Events[strings.TrimPrefix(c.words[e.id], "v:")] = float64(e.w)
		}
	}
	if a.lo != noDate {
		b.Lo, b.Hi = dayTime(a.lo), dayTime(a.hi)
	}
	out, err := json.Marshal(b)
	if err != nil {
		// Marshalling maps of strings and floats cannot fail; keep the invariant visible.
		panic(fmt.Sprintf("story: encode features: %v", err))
	}
	return out
}

// Flush writes every change since the last Flush to the store in one batch.
func (c *Clusterer) Flush(ctx context.Context) error {
	if c.store == nil {
		return ErrNoStore
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := &sitrep.ClusterChanges{NextStoryID: c.nextStory, NextStorylineID: c.nextLine, At: time.Now().UTC()}
	ais := make([]int32, 0, len(c.dirtyArticles))
	for ai := range c.dirtyArticles {
		ais = append(ais, ai)
	}
	sort.Slice(ais, func(i, j int) bool { return ais[i] < ais[j] })
	for _, ai := range ais {
		a := c.articles[ai]
		ca := sitrep.ClusterArticle{ArticleID: a.id, Seq: a.seq, DuplicateOf: a.dupOf, Similarity: a.sim, Features: c.encodeArticle(a)}
		if a.story >= 0 {
			s := c.stories[c.resolve(a.story)]
			ca.StoryID, ca.StorylineID = s.id, s.line
		}
		ch.Articles = append(ch.Articles, ca)
	}
	for id := range c.dirtyStories {
		if si, ok := c.storyIdx[id]; ok {
			ch.Stories = append(ch.Stories, c.view(si))
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

// restore rebuilds every in-memory structure from st: vocabulary and document frequencies from
// the articles' features, story sums and postings from the assignments, storylines and links as
// stored. No article is re-clustered.
func (c *Clusterer) restore(st *sitrep.ClusterState) error {
	fresh := New(c.store, c.opts)
	fresh.logger = c.logger
	arts := append([]sitrep.ClusterArticle(nil), st.Articles...)
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Seq < arts[j].Seq })
	idx := make([]int32, len(arts))
	for i, ca := range arts {
		var b articleBlob
		if err := json.Unmarshal(ca.Features, &b); err != nil {
			return fmt.Errorf("decode features of %s: %w", ca.ArticleID, err)
		}
		rec := fresh.newArticle(ca.ArticleID, &b.Features)
		rec.seq = ca.Seq
		rec.outlet, rec.published, rec.events = b.Outlet, b.Published, b.Events
		rec.dupOf, rec.sim = ca.DuplicateOf, ca.Similarity
		idx[i] = fresh.appendArticle(rec)
	}
	for _, s := range st.Stories {
		if _, ok := fresh.storyIdx[s.ID]; ok {
			continue
		}
		fresh.addStory(&story{id: s.ID, line: s.StorylineID, alias: -1, lo: noDate, hi: noDate, lineTry: 3})
		if s.ID >= fresh.nextStory {
			fresh.nextStory = s.ID + 1
		}
	}
	for i, ca := range arts {
		si, ok := fresh.storyIdx[ca.StoryID]
		if !ok {
			// An article whose story is missing gets a story of its own.
			si = fresh.newStory()
			fresh.stories[si].line = ca.StorylineID
		}
		fresh.join(idx[i], si)
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
	c.articles, c.byID, c.stories, c.storyIdx, c.lines = fresh.articles, fresh.byID, fresh.stories, fresh.storyIdx, fresh.lines
	c.nextStory, c.nextLine, c.seq = fresh.nextStory, fresh.nextLine, fresh.seq
	c.dirtyArticles, c.dirtyStories, c.dirtyLines = fresh.dirtyArticles, fresh.dirtyStories, fresh.dirtyLines
	c.deadStories, c.deadLines = fresh.deadStories, fresh.deadLines
	return nil
}
