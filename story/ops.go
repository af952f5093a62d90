package story

import (
	"context"
	"fmt"
	"sort"

	"github.com/sitrep/sitrep"
)

// Ensure the clusterer implements the editing interface the CLI calls.
var _ sitrep.StoryEditor = (*Clusterer)(nil)

// SetDuplicate records that an article is a copy of duplicateOf (or, with "", an origin), as
// package dedup reports when a copy published earlier arrives later and its group is relinked.
// The story's origin count follows.
func (c *Clusterer) SetDuplicate(articleID, duplicateOf string, similarity float64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ai, ok := c.byID[articleID]
	if !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Article not found.")
	}
	a := c.articles[ai]
	a.dupOf, a.sim = duplicateOf, similarity
	c.markArticle(ai)
	if a.story >= 0 {
		c.markStory(c.stories[a.story].id)
	}
	return nil
}

// mergeStories moves every article of one story into the other and returns the index of the
// survivor, which is the older story (smaller id). The absorbed story's id forwards to it.
func (c *Clusterer) mergeStories(a, b int32, reason string) int32 {
	keep, gone := a, b
	if c.stories[b].id < c.stories[a].id {
		keep, gone = b, a
	}
	k, g := c.stories[keep], c.stories[gone]
	for _, mi := range g.members {
		c.join(mi, keep)
	}
	g.members = nil
	g.dead = true
	c.alias[gone] = keep
	delete(c.storyIdx, g.id)
	c.deadStories[g.id] = true
	delete(c.dirtyStories, g.id)
	if l, ok := c.lines[g.line]; ok {
		l.stories = removeID(l.stories, g.id)
		delete(l.links, g.id)
		c.dirtyLines[l.id] = true
		if len(l.stories) == 0 {
			delete(c.lines, l.id)
			c.deadLines[l.id] = true
		}
	}
	c.logger.Debug("stories merged", "story_id", k.id, "merged_id", g.id, "reason", reason)
	return keep
}

// Merge merges stories a and b; the older id survives and is returned with its new summary. The
// operation is undone with Split.
func (c *Clusterer) Merge(ctx context.Context, a, b int64) (*sitrep.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ai, ok1 := c.storyIdx[a]
	bi, ok2 := c.storyIdx[b]
	if !ok1 || !ok2 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	if a == b {
		return nil, sitrep.Errorf(sitrep.EINVALID, "Cannot merge a story with itself.")
	}
	keep := c.mergeStories(ai, bi, "merged by user")
	return c.view(keep), nil
}

// Split moves articleIDs out of story id into a new story in the same storyline. The id stays
// with the larger part: when the listed articles are the majority, they keep the id and the rest
// moves out. It returns the part that kept the id and the new part.
func (c *Clusterer) Split(ctx context.Context, id int64, articleIDs []string) (kept, split *sitrep.Story, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	si, ok := c.storyIdx[id]
	if !ok {
		return nil, nil, sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	s := c.stories[si]
	out := map[int32]bool{}
	for _, aid := range articleIDs {
		ai, ok := c.byID[aid]
		if !ok || c.articles[ai].story != si {
			return nil, nil, sitrep.Errorf(sitrep.EINVALID, "Article %q is not in story %d.", aid, id)
		}
		out[ai] = true
	}
	if len(out) == 0 || len(out) == len(s.members) {
		return nil, nil, sitrep.Errorf(sitrep.EINVALID, "A split must leave articles on both sides.")
	}
	if len(out) > len(s.members)-len(out) {
		// The listed articles are the larger part: they keep the id, the others move.
		rest := map[int32]bool{}
		for _, mi := range s.members {
			if !out[mi] {
				rest[mi] = true
			}
		}
		out = rest
	}
	ni := c.newStory()
	var moved []int32
	for _, mi := range s.members {
		if out[mi] {
			moved = append(moved, mi)
		}
	}
	for _, mi := range moved {
		c.detach(mi)
		c.join(mi, ni)
	}
	c.stories[ni].line = 0
	l := c.lines[s.line]
	c.setLine(ni, l.id, sitrep.StoryLink{StoryID: c.stories[ni].id, Reason: fmt.Sprintf("split from story %d by user", id), Score: 1})
	return c.view(si), c.view(ni), nil
}

// detach removes article ai from its story; a story left empty is deleted.
func (c *Clusterer) detach(ai int32) {
	a := c.articles[ai]
	si := a.story
	if si < 0 {
		return
	}
	s := c.stories[si]
	for i, mi := range s.members {
		if mi == ai {
			s.members = append(s.members[:i], s.members[i+1:]...)
			break
		}
	}
	c.accumulate(s, a, -1)
	a.story = -1
	c.markStory(s.id)
	c.markArticle(ai)
	if len(s.members) == 0 {
		s.dead = true
		delete(c.storyIdx, s.id)
		delete(c.dirtyStories, s.id)
		c.deadStories[s.id] = true
		if l, ok := c.lines[s.line]; ok {
			l.stories = removeID(l.stories, s.id)
			delete(l.links, s.id)
			c.dirtyLines[l.id] = true
			if len(l.stories) == 0 {
				delete(c.lines, l.id)
				c.deadLines[l.id] = true
			}
		}
	}
}

// Move moves an article to another story (the reverse of a wrong assignment). A story left empty
// is deleted.
func (c *Clusterer) Move(ctx context.Context, articleID string, storyID int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ai, ok := c.byID[articleID]
	if !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Article not found.")
	}
	si, ok := c.storyIdx[storyID]
	if !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	if c.articles[ai].story == si {
		return nil
	}
	c.detach(ai)
	c.join(ai, si)
	return nil
}

// MoveStory puts a story into another storyline (or, with line 0, a new storyline of its own).
func (c *Clusterer) MoveStory(ctx context.Context, storyID, line int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	si, ok := c.storyIdx[storyID]
	if !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	if line == 0 {
		l := &storyline{id: c.nextLine, links: map[int64]sitrep.StoryLink{}}
		c.nextLine++
		c.lines[l.id] = l
		line = l.id
	} else if _, ok := c.lines[line]; !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Storyline not found.")
	}
	c.setLine(si, line, sitrep.StoryLink{StoryID: storyID, Reason: "moved by user", Score: 1})
	return nil
}

// Story returns the current summary of story id.
func (c *Clusterer) Story(id int64) (*sitrep.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	si, ok := c.storyIdx[id]
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	return c.view(si), nil
}

// Stories returns the summaries of all live stories, by id.
func (c *Clusterer) Stories() []*sitrep.Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]int64, 0, len(c.storyIdx))
	for id := range c.storyIdx {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]*sitrep.Story, 0, len(ids))
	for _, id := range ids {
		out = append(out, c.view(c.storyIdx[id]))
	}
	return out
}

// Storyline returns storyline id with its stories and links.
func (c *Clusterer) Storyline(id int64) (*sitrep.Storyline, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lines[id]
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Storyline not found.")
	}
	return c.lineView(l), nil
}

// Storylines returns all storylines, by id.
func (c *Clusterer) Storylines() []*sitrep.Storyline {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]int64, 0, len(c.lines))
	for id := range c.lines {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]*sitrep.Storyline, 0, len(ids))
	for _, id := range ids {
		out = append(out, c.lineView(c.lines[id]))
	}
	return out
}

// StoryOf returns the story id of an article, or 0 when it is not held.
func (c *Clusterer) StoryOf(articleID string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ai, ok := c.byID[articleID]
	if !ok || c.articles[ai].story < 0 {
		return 0
	}
	return c.stories[c.articles[ai].story].id
}
