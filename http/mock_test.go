package http_test

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

// The mocks below hold their data in memory and implement the services the server uses, with
// the same filtering, paging and error semantics as the stores.

type mockArticles struct{ list []*sitrep.Article }

func (m *mockArticles) FindArticleByID(ctx context.Context, id string) (*sitrep.Article, error) {
	for _, a := range m.list {
		if a.ID == id {
			c := *a
			return &c, nil
		}
	}
	return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Article not found.")
}

func (m *mockArticles) FindArticles(ctx context.Context, f sitrep.ArticleFilter) ([]*sitrep.Article, int, error) {
	var out []*sitrep.Article
	for _, a := range m.list {
		if (f.StoryID != nil && a.StoryID != *f.StoryID) || (f.Outlet != nil && a.Outlet != *f.Outlet) ||
			(f.Language != nil && a.Language != *f.Language) || (f.ID != nil && a.ID != *f.ID) ||
			(f.Since != nil && a.Published.Before(*f.Since)) || (f.Until != nil && !a.Published.Before(*f.Until)) {
			continue
		}
		c := *a
		if !f.Full {
			c.Actors, c.Events, c.Quotes, c.Claims, c.Mentions = nil, nil, nil, nil, nil
		}
		out = append(out, &c)
	}
	return pageOf(out, f.Limit, f.Offset), len(out), nil
}

func pageOf[T any](l []T, limit, offset int) []T {
	if offset > len(l) {
		offset = len(l)
	}
	l = l[offset:]
	if limit > 0 && limit < len(l) {
		l = l[:limit]
	}
	return l
}

type mockSearch struct{ arts *mockArticles }

func (m *mockSearch) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchResult, int, error) {
	if strings.Count(q.Query, `"`)%2 == 1 {
		return nil, 0, sitrep.Errorf(sitrep.EINVALID, "Malformed query: unterminated phrase.")
	}
	word := strings.ToLower(strings.Trim(q.Query, `"*`))
	var out []sitrep.SearchResult
	for _, a := range m.arts.list {
		if q.Outlet != "" && a.Outlet != q.Outlet {
			continue
		}
		if q.Actor != "" {
			found := false
			for _, ac := range a.Actors {
				found = found || ac.ID == q.Actor || strings.HasPrefix(ac.Code, q.Actor)
			}
			if !found {
				continue
			}
		}
		i := strings.Index(strings.ToLower(a.Text), word)
		if word != "" && i < 0 {
			continue
		}
		snip := a.Text
		if word != "" {
			snip = a.Text[:i] + sitrep.SnippetOpen + a.Text[i:i+len(word)] + sitrep.SnippetClose + a.Text[i+len(word):]
		}
		c := *a
		out = append(out, sitrep.SearchResult{Article: &c, Snippet: snip, Score: 1})
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	return pageOf(out, limit, q.Offset), len(out), nil
}

type mockStories struct {
	stories []*sitrep.Story
	lines   []*sitrep.Storyline
}

func (m *mockStories) FindStoryByID(ctx context.Context, id int64) (*sitrep.Story, error) {
	for _, s := range m.stories {
		if s.ID == id {
			c := *s
			return &c, nil
		}
	}
	return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
}

func (m *mockStories) FindStories(ctx context.Context, f sitrep.StoryFilter) ([]*sitrep.Story, int, error) {
	var out []*sitrep.Story
	for _, s := range m.stories {
		if f.StorylineID != nil && s.StorylineID != *f.StorylineID {
			continue
		}
		c := *s
		out = append(out, &c)
	}
	return pageOf(out, f.Limit, f.Offset), len(out), nil
}

func (m *mockStories) FindStorylineByID(ctx context.Context, id int64) (*sitrep.Storyline, error) {
	for _, l := range m.lines {
		if l.ID == id {
			c := *l
			return &c, nil
		}
	}
	return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Storyline not found.")
}

func (m *mockStories) FindStorylines(ctx context.Context, f sitrep.StorylineFilter) ([]*sitrep.Storyline, int, error) {
	return pageOf(m.lines, f.Limit, f.Offset), len(m.lines), nil
}

type mockTimeline struct{ entries []sitrep.TimelineEntry }

// PairTimeline keeps the entries whose event joins a and b in either direction; a three-letter
// code matches its sectors, as the clusterer does.
func (m *mockTimeline) PairTimeline(ctx context.Context, a, b string) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error) {
	match := func(code, want string) bool {
		return code == want || (len(want) == 3 && strings.HasPrefix(code, want))
	}
	var out []sitrep.TimelineEntry
	var esc []sitrep.EscalationPoint
	for _, e := range m.entries {
		s, t := e.Event.Source.Code, e.Event.Target.Code
		if (match(s, a) && match(t, b)) || (match(s, b) && match(t, a)) {
			out = append(out, e)
			esc = append(esc, sitrep.EscalationPoint{Date: e.Date, Mean: e.Event.Goldstein, Min: e.Event.Goldstein, Count: 1})
		}
	}
	return out, esc, nil
}

func (m *mockTimeline) StorylineTimeline(ctx context.Context, id int64) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error) {
	var esc []sitrep.EscalationPoint
	for _, e := range m.entries {
		esc = append(esc, sitrep.EscalationPoint{Date: e.Date, Mean: e.Event.Goldstein, Min: e.Event.Goldstein, Count: 1})
	}
	return m.entries, esc, nil
}

type mockProfiles struct {
	mu    sync.Mutex
	next  int64
	list  map[int64]*sitrep.Profile
	block chan struct{} // when set, CreateProfile waits for it
}

func (m *mockProfiles) FindProfileByID(ctx context.Context, id int64) (*sitrep.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.list[id]; ok {
		c := *p
		return &c, nil
	}
	return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Profile not found.")
}

func (m *mockProfiles) FindProfiles(ctx context.Context, f sitrep.ProfileFilter) ([]*sitrep.Profile, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*sitrep.Profile
	for _, p := range m.list {
		c := *p
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return pageOf(out, f.Limit, f.Offset), len(out), nil
}

func (m *mockProfiles) CreateProfile(ctx context.Context, p *sitrep.Profile) error {
	if m.block != nil {
		<-m.block
	}
	if err := p.Validate(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	p.ID, p.CreatedAt = m.next, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if m.list == nil {
		m.list = map[int64]*sitrep.Profile{}
	}
	c := *p
	m.list[p.ID] = &c
	return nil
}

func (m *mockProfiles) UpdateProfile(ctx context.Context, id int64, upd sitrep.ProfileUpdate) (*sitrep.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.list[id]
	if !ok {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Profile not found.")
	}
	if upd.Name != nil {
		p.Name = *upd.Name
	}
	if upd.Query != nil {
		p.Query = *upd.Query
	}
	if upd.Actors != nil {
		p.Actors = *upd.Actors
	}
	c := *p
	return &c, nil
}

func (m *mockProfiles) DeleteProfile(ctx context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.list[id]; !ok {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Profile not found.")
	}
	delete(m.list, id)
	return nil
}

type mockAlerts struct {
	mu   sync.Mutex
	list []*sitrep.Alert
}

func (m *mockAlerts) add(a *sitrep.Alert) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a.ID = int64(len(m.list) + 1)
	a.CreatedAt = time.Now().UTC()
	m.list = append(m.list, a)
}

func (m *mockAlerts) FindAlerts(ctx context.Context, f sitrep.AlertFilter) ([]*sitrep.Alert, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*sitrep.Alert
	for i := len(m.list) - 1; i >= 0; i-- {
		a := m.list[i]
		if (f.ProfileID != nil && a.ProfileID != *f.ProfileID) || (f.Since != nil && a.CreatedAt.Before(*f.Since)) {
			continue
		}
		c := *a
		out = append(out, &c)
	}
	return pageOf(out, f.Limit, f.Offset), len(out), nil
}
