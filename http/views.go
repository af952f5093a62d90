package http

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/sitrep/sitrep"
)

// listArticles returns one page of articles matching f, newest first (best first with a query).
func (s *Server) listArticles(ctx context.Context, f filters) ([]*sitrep.Article, int, error) {
	if f.needsSearch() || s.Articles == nil {
		if s.Search == nil {
			return nil, 0, errNotAvailable("Article listing")
		}
		q := f.search()
		res, n, err := s.Search.Search(ctx, q)
		if err != nil {
			return nil, 0, err
		}
		out := make([]*sitrep.Article, 0, len(res))
		for _, r := range res {
			out = append(out, r.Article)
		}
		return out, n, nil
	}
	return s.Articles.FindArticles(ctx, f.articleFilter(false))
}

// maxSearchScan bounds the articles a scan reads when it needs the search service (actor, event
// type or query filters): each is then loaded on its own, which costs far more than a page.
const maxSearchScan = 300

// scanArticles calls fn for each article matching f (ignoring f's page), fully loaded, newest
// first, reading at most ScanLimit articles (maxSearchScan with an actor, event type or query
// filter). It reports whether the limit cut the scan short.
func (s *Server) scanArticles(ctx context.Context, f filters, fn func(*sitrep.Article)) (truncated bool, err error) {
	if s.Articles == nil {
		return false, errNotAvailable("Article store")
	}
	pageSize, limit := 200, s.ScanLimit
	if f.needsSearch() {
		// One search call: each counts every match, which dominates on a large store.
		limit = min(limit, maxSearchScan)
		pageSize = limit
	}
	seen := 0
	for seen < limit {
		g := f
		g.Offset, g.Limit = seen, min(pageSize, limit-seen)
		var page []*sitrep.Article
		var total int
		if f.needsSearch() {
			if s.Search == nil {
				return false, errNotAvailable("Search")
			}
			q := g.search()
			res, n, err := s.Search.Search(ctx, q)
			if err != nil {
				return false, err
			}
			total = n
			if page, err = s.loadAll(ctx, res); err != nil {
				return false, err
			}
		} else {
			page, total, err = s.Articles.FindArticles(ctx, g.articleFilter(true))
			if err != nil {
				return false, err
			}
		}
		for _, a := range page {
			fn(a)
		}
		seen += len(page)
		if len(page) < g.Limit || seen >= total {
			return false, nil
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
	}
	return true, nil
}

// loadAll loads the articles of search results fully, a few at a time, in order.
func (s *Server) loadAll(ctx context.Context, res []sitrep.SearchResult) ([]*sitrep.Article, error) {
	out := make([]*sitrep.Article, len(res))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i, r := range res {
		g.Go(func() error {
			a, err := s.Articles.FindArticleByID(gctx, r.Article.ID)
			out[i] = a
			return err
		})
	}
	return out, g.Wait()
}

// ActorSummary is one actor in the actor listing, aggregated over stored articles.
type ActorSummary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Code     string `json:"code,omitempty"`
	Country  string `json:"country,omitempty"`
	Articles int    `json:"articles"`
	// LastSeen is the publication date of the newest article mentioning the actor.
	LastSeen string `json:"last_seen,omitempty"`
}

// actorMatches tells whether an actor id or CAMEO code matches the filter (an id, or a code
// prefix: "ISR" matches ISRGOV).
func actorMatches(id, code, want string) bool {
	if want == "" {
		return true
	}
	if id != "" && strings.EqualFold(id, want) {
		return true
	}
	return code != "" && strings.HasPrefix(strings.ToUpper(code), strings.ToUpper(want))
}

// eventMatches applies the actor and event type filters to one event.
func eventMatches(e sitrep.Event, actor, typ string) bool {
	if actor != "" && !actorMatches(e.Source.ActorID, e.Source.Code, actor) && !actorMatches(e.Target.ActorID, e.Target.Code, actor) {
		return false
	}
	if typ != "" && !strings.EqualFold(e.PLOVER, typ) && !strings.HasPrefix(e.CAMEO, typ) {
		return false
	}
	return true
}

func dateString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// actors aggregates the actors of the articles matching f, most mentioned first.
func (s *Server) actors(ctx context.Context, f filters) ([]ActorSummary, bool, error) {
	byID := map[string]*ActorSummary{}
	truncated, err := s.scanArticles(ctx, f, func(a *sitrep.Article) {
		for _, ac := range a.Actors {
			if ac.ID == "" || !actorMatches(ac.ID, ac.Code, f.Actor) {
				continue
			}
			sum, ok := byID[ac.ID]
			if !ok {
				sum = &ActorSummary{ID: ac.ID, Name: ac.Name, Type: ac.Type, Code: ac.Code, Country: ac.Country}
				byID[ac.ID] = sum
			}
			sum.Articles++
			if d := dateString(a.Published); d > sum.LastSeen {
				sum.LastSeen = d
			}
		}
	})
	if err != nil {
		return nil, false, err
	}
	out := make([]ActorSummary, 0, len(byID))
	for _, a := range byID {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Articles != out[j].Articles {
			return out[i].Articles > out[j].Articles
		}
		return out[i].ID < out[j].ID
	})
	return out, truncated, nil
}

// EventItem is one coded event with the article it comes from.
type EventItem struct {
	sitrep.Event
	ArticleID string `json:"article_id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"`
	StoryID   int64  `json:"story_id,omitempty"`
	// Sentence is the sentence the event was coded from.
	Sentence string `json:"sentence"`
}

// ClaimItem is one attributed claim with its quote and the article it comes from.
type ClaimItem struct {
	sitrep.Claim
	Quote     *sitrep.Quote `json:"quote,omitempty"`
	ArticleID string        `json:"article_id"`
	Outlet    string        `json:"outlet"`
	Published string        `json:"published,omitempty"`
	StoryID   int64         `json:"story_id,omitempty"`
}

// QuoteItem is one quote with the article it comes from.
type QuoteItem struct {
	sitrep.Quote
	ArticleID string `json:"article_id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"`
}

func span(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	return text[start:end]
}

func eventItems(a *sitrep.Article, actor, typ string) []EventItem {
	var out []EventItem
	for _, e := range a.Events {
		if !eventMatches(e, actor, typ) {
			continue
		}
		out = append(out, EventItem{Event: e, ArticleID: a.ID, Outlet: a.Outlet, Published: dateString(a.Published),
			StoryID: a.StoryID, Sentence: span(a.Text, e.Start, e.End)})
	}
	return out
}

func claimItems(a *sitrep.Article, actor string) []ClaimItem {
	var out []ClaimItem
	for _, c := range a.Claims {
		if actor != "" && !actorMatches(c.Speaker.ActorID, "", actor) {
			continue
		}
		it := ClaimItem{Claim: c, ArticleID: a.ID, Outlet: a.Outlet, Published: dateString(a.Published), StoryID: a.StoryID}
		if c.QuoteIndex >= 0 && c.QuoteIndex < len(a.Quotes) {
			q := a.Quotes[c.QuoteIndex]
			it.Quote = &q
		}
		out = append(out, it)
	}
	return out
}

// events lists the coded events of the articles matching f, newest article first.
func (s *Server) events(ctx context.Context, f filters) ([]EventItem, bool, error) {
	var out []EventItem
	g := f
	g.Actor, g.EventType = f.Actor, f.EventType
	truncated, err := s.scanArticles(ctx, g, func(a *sitrep.Article) {
		out = append(out, eventItems(a, f.Actor, f.EventType)...)
	})
	return out, truncated, err
}

// claims lists the claims of the articles matching f (an actor filter keeps claims whose speaker
// is that actor).
func (s *Server) claims(ctx context.Context, f filters) ([]ClaimItem, bool, error) {
	var out []ClaimItem
	g := f
	g.Actor = ""
	truncated, err := s.scanArticles(ctx, g, func(a *sitrep.Article) {
		out = append(out, claimItems(a, f.Actor)...)
	})
	return out, truncated, err
}

// ActorDetail is one actor with its roles, its events as source and target and its quotes.
type ActorDetail struct {
	Actor sitrep.Actor `json:"actor"`
	// Roles lists the roles seen in articles, each with the article date it was seen at.
	Roles    []RoleSeen  `json:"roles"`
	AsSource []EventItem `json:"events_as_source"`
	AsTarget []EventItem `json:"events_as_target"`
	Quotes   []QuoteItem `json:"quotes"`
	Articles int         `json:"articles"`
	// Truncated is true when more articles mention the actor than were read.
	Truncated bool `json:"truncated"`
}

// RoleSeen is a role of an actor and the first and last article dates it was seen at.
type RoleSeen struct {
	sitrep.Role
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

func (s *Server) actorDetail(ctx context.Context, id string) (*ActorDetail, error) {
	d := &ActorDetail{Roles: []RoleSeen{}, AsSource: []EventItem{}, AsTarget: []EventItem{}, Quotes: []QuoteItem{}}
	found := false
	roles := map[string]*RoleSeen{}
	f := filters{Actor: id}
	truncated, err := s.scanArticles(ctx, f, func(a *sitrep.Article) {
		var mine bool
		for _, ac := range a.Actors {
			if ac.ID != id {
				continue
			}
			mine = true
			if !found {
				d.Actor, found = ac, true
				d.Actor.Roles = nil
			}
			day := dateString(a.Published)
			for _, r := range ac.Roles {
				key := r.Title + "|" + r.Country
				rs, ok := roles[key]
				if !ok {
					rs = &RoleSeen{Role: r, FirstSeen: day, LastSeen: day}
					rs.Current = false
					roles[key] = rs
				}
				if day != "" && (rs.FirstSeen == "" || day < rs.FirstSeen) {
					rs.FirstSeen = day
				}
				if day > rs.LastSeen {
					rs.LastSeen = day
				}
			}
		}
		if !mine {
			return
		}
		d.Articles++
		if a.DuplicateOf != "" {
			return // a copy repeats its origin's events and quotes
		}
		for _, e := range eventItems(a, "", "") {
			if e.Source.ActorID == id {
				d.AsSource = append(d.AsSource, e)
			}
			if e.Target.ActorID == id {
				d.AsTarget = append(d.AsTarget, e)
			}
		}
		for _, q := range a.Quotes {
			if q.Speaker.ActorID == id {
				d.Quotes = append(d.Quotes, QuoteItem{Quote: q, ArticleID: a.ID, Outlet: a.Outlet, Published: dateString(a.Published)})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Actor not found.")
	}
	for _, r := range roles {
		d.Roles = append(d.Roles, *r)
	}
	sort.Slice(d.Roles, func(i, j int) bool {
		if d.Roles[i].FirstSeen != d.Roles[j].FirstSeen {
			return d.Roles[i].FirstSeen < d.Roles[j].FirstSeen
		}
		return d.Roles[i].Title < d.Roles[j].Title
	})
	d.Truncated = truncated
	return d, nil
}

// StoryView is a story with its articles and what was extracted from them.
type StoryView struct {
	Story *sitrep.Story `json:"story"`
	// Articles are the story's articles, oldest first; copies carry duplicate_of.
	Articles []*sitrep.Article `json:"articles"`
	Events   []EventItem       `json:"events"`
	Quotes   []QuoteItem       `json:"quotes"`
	Claims   []ClaimItem       `json:"claims"`
}

// maxStoryArticles bounds how many articles a story view loads.
const maxStoryArticles = 200

func (s *Server) storyView(ctx context.Context, id int64) (*StoryView, error) {
	if s.Stories == nil {
		return nil, errNotAvailable("Stories")
	}
	st, err := s.Stories.FindStoryByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &StoryView{Story: st, Articles: []*sitrep.Article{}, Events: []EventItem{}, Quotes: []QuoteItem{}, Claims: []ClaimItem{}}
	if s.Articles == nil {
		return v, nil
	}
	list, _, err := s.Articles.FindArticles(ctx, sitrep.ArticleFilter{StoryID: &id, Full: true, Limit: maxStoryArticles})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool { return dateString(list[i].Published) < dateString(list[j].Published) })
	v.Articles = list
	for _, a := range list {
		if a.DuplicateOf != "" {
			continue // a copy repeats its origin's events and quotes
		}
		v.Events = append(v.Events, eventItems(a, "", "")...)
		for _, q := range a.Quotes {
			v.Quotes = append(v.Quotes, QuoteItem{Quote: q, ArticleID: a.ID, Outlet: a.Outlet, Published: dateString(a.Published)})
		}
		v.Claims = append(v.Claims, claimItems(a, "")...)
	}
	sort.SliceStable(v.Events, func(i, j int) bool { return v.Events[i].Date < v.Events[j].Date })
	return v, nil
}

// StorylineView is a storyline with its stories, timeline and escalation series.
type StorylineView struct {
	Storyline  *sitrep.Storyline        `json:"storyline"`
	Stories    []*sitrep.Story          `json:"stories"`
	Timeline   []sitrep.TimelineEntry   `json:"timeline"`
	Escalation []sitrep.EscalationPoint `json:"escalation"`
	// TimelineAvailable is false when the server has no timeline service.
	TimelineAvailable bool `json:"timeline_available"`
}

// PairView is the timeline of events between two actors and its escalation series.
type PairView struct {
	Actors     []string                 `json:"actors"`
	Timeline   []sitrep.TimelineEntry   `json:"timeline"`
	Escalation []sitrep.EscalationPoint `json:"escalation"`
}

func (s *Server) storylineView(ctx context.Context, id int64) (*StorylineView, error) {
	if s.Storylines == nil {
		return nil, errNotAvailable("Storylines")
	}
	l, err := s.Storylines.FindStorylineByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &StorylineView{Storyline: l, Stories: []*sitrep.Story{}, Timeline: []sitrep.TimelineEntry{}, Escalation: []sitrep.EscalationPoint{}}
	if s.Stories != nil {
		list, _, err := s.Stories.FindStories(ctx, sitrep.StoryFilter{StorylineID: &id, Limit: 500})
		if err != nil {
			return nil, err
		}
		sort.Slice(list, func(i, j int) bool { return list[i].FirstSeen.Before(list[j].FirstSeen) })
		v.Stories = list
	}
	if s.Timeline != nil {
		tl, esc, err := s.Timeline.StorylineTimeline(ctx, id)
		if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
			return nil, err
		}
		if tl != nil {
			v.Timeline = tl
		}
		if esc != nil {
			v.Escalation = esc
		}
		v.TimelineAvailable = err == nil
	}
	return v, nil
}

// articleByID loads the article named by the request path, for the JSON and the HTML page.
func (s *Server) articleByID(r *http.Request) (*sitrep.Article, error) {
	if s.Articles == nil {
		return nil, errNotAvailable("Articles")
	}
	return s.Articles.FindArticleByID(r.Context(), r.PathValue("id"))
}

// profileByID loads the tracking profile named by the request path, for the JSON and the HTML
// page.
func (s *Server) profileByID(r *http.Request) (*sitrep.Profile, error) {
	id, err := pathID(r, "profile")
	if err != nil {
		return nil, err
	}
	if s.Profiles == nil {
		return nil, errNotAvailable("Tracking profiles")
	}
	return s.Profiles.FindProfileByID(r.Context(), id)
}
