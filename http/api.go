package http

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns the embedded OpenAPI 3 document of the JSON API.
func OpenAPI() []byte { return openapiJSON }

// maxBody bounds the size of a request body.
const maxBody = 1 << 20

func (s *Server) apiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapiJSON)
	})
	mux.HandleFunc("GET /api/v1/articles", s.apiArticles)
	mux.HandleFunc("GET /api/v1/articles/{id}", s.apiArticle)
	mux.HandleFunc("GET /api/v1/stories", s.apiStories)
	mux.HandleFunc("GET /api/v1/stories/{id}", s.apiStory)
	mux.HandleFunc("GET /api/v1/storylines", s.apiStorylines)
	mux.HandleFunc("GET /api/v1/storylines/{id}", s.apiStoryline)
	mux.HandleFunc("GET /api/v1/pairs/{a}/{b}", s.apiPair)
	mux.HandleFunc("GET /api/v1/actors", s.apiActors)
	mux.HandleFunc("GET /api/v1/actors/{id}", s.apiActor)
	mux.HandleFunc("GET /api/v1/events", s.apiEvents)
	mux.HandleFunc("GET /api/v1/claims", s.apiClaims)
	mux.HandleFunc("GET /api/v1/reported-claims", s.apiReportedClaims)
	mux.HandleFunc("GET /api/v1/reported-claims/{id}", s.apiReportedClaim)
	mux.HandleFunc("GET /api/v1/search", s.apiSearch)
	mux.HandleFunc("GET /api/v1/profiles", s.apiProfiles)
	mux.HandleFunc("POST /api/v1/profiles", s.apiCreateProfile)
	mux.HandleFunc("GET /api/v1/profiles/{id}", s.apiProfile)
	mux.HandleFunc("PATCH /api/v1/profiles/{id}", s.apiUpdateProfile)
	mux.HandleFunc("DELETE /api/v1/profiles/{id}", s.apiDeleteProfile)
	mux.HandleFunc("GET /api/v1/alerts", s.apiAlerts)
	mux.HandleFunc("GET /api/v1/alerts/stream", s.apiAlertStream)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, sitrep.Errorf(sitrep.ENOTFOUND, "No such endpoint: %s %s.", r.Method, r.URL.Path))
	})
}

// page is the envelope of every list response.
func page(key string, items any, total, limit, offset int) map[string]any {
	return map[string]any{key: items, "total": total, "limit": limit, "offset": offset}
}

// paginate cuts one page out of a fully listed slice.
func paginate[T any](items []T, limit, offset int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(len(items), offset+limit)]
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	list, n, err := s.listArticles(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, a := range list {
		normalize(a)
	}
	writeJSON(w, http.StatusOK, page("articles", list, n, f.Limit, f.Offset))
}

// normalize makes every list of an article non-nil, so the JSON carries [] rather than null.
func normalize(a *sitrep.Article) {
	if a == nil {
		return
	}
	a.Removed, a.Repairs = nonNil(a.Removed), nonNil(a.Repairs)
	a.Mentions, a.Actors, a.Timexes = nonNil(a.Mentions), nonNil(a.Actors), nonNil(a.Timexes)
	a.Quotes, a.Claims, a.Events = nonNil(a.Quotes), nonNil(a.Claims), nonNil(a.Events)
	for i := range a.Actors {
		a.Actors[i].Roles = nonNil(a.Actors[i].Roles)
	}
	for i := range a.Quotes {
		a.Quotes[i].Via = nonNil(a.Quotes[i].Via)
	}
	for i := range a.Claims {
		a.Claims[i].Via = nonNil(a.Claims[i].Via)
	}
	for i := range a.Events {
		a.Events[i].Context = nonNil(a.Events[i].Context)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.articleByID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	normalize(a)
	writeJSON(w, http.StatusOK, a)
}

func normalizeStory(st *sitrep.Story) {
	st.KeyActors, st.KeyEvents, st.Outlets = nonNil(st.KeyActors), nonNil(st.KeyEvents), nonNil(st.Outlets)
	for i := range st.KeyEvents {
		st.KeyEvents[i].Context = nonNil(st.KeyEvents[i].Context)
	}
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	limit, offset := p.page()
	since, actor, line := p.date("since"), p.str("actor"), p.id("storyline")
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	if s.Stories == nil {
		s.writeError(w, r, errNotAvailable("Stories"))
		return
	}
	f := sitrep.StoryFilter{Since: since, Limit: limit, Offset: offset}
	if actor != "" {
		f.Actor = &actor
	}
	if line != 0 {
		f.StorylineID = &line
	}
	list, n, err := s.Stories.FindStories(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list = nonNil(list)
	for _, st := range list {
		normalizeStory(st)
	}
	writeJSON(w, http.StatusOK, page("stories", list, n, limit, offset))
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "story")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.storyView(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	normalizeStory(v.Story)
	for _, a := range v.Articles {
		normalize(a)
	}
	writeJSON(w, http.StatusOK, v)
}

func normalizeLine(l *sitrep.Storyline) {
	l.StoryIDs, l.KeyActors = nonNil(l.StoryIDs), nonNil(l.KeyActors)
}

func (s *Server) apiStorylines(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	limit, offset := p.page()
	actor := p.str("actor")
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	if s.Storylines == nil {
		s.writeError(w, r, errNotAvailable("Storylines"))
		return
	}
	f := sitrep.StorylineFilter{Limit: limit, Offset: offset}
	if actor != "" {
		f.Actor = &actor
	}
	list, n, err := s.Storylines.FindStorylines(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list = nonNil(list)
	for _, l := range list {
		normalizeLine(l)
	}
	writeJSON(w, http.StatusOK, page("storylines", list, n, limit, offset))
}

func (s *Server) apiStoryline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "storyline")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.storylineView(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	normalizeLine(v.Storyline)
	for _, st := range v.Stories {
		normalizeStory(st)
	}
	for i := range v.Timeline {
		v.Timeline[i].Event.Context = nonNil(v.Timeline[i].Event.Context)
		v.Timeline[i].Articles = nonNil(v.Timeline[i].Articles)
	}
	writeJSON(w, http.StatusOK, v)
}

// apiPair returns the dated events between two actors and their daily escalation index.
func (s *Server) apiPair(w http.ResponseWriter, r *http.Request) {
	v, err := s.pairView(r.Context(), r.PathValue("a"), r.PathValue("b"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// pairView checks two actor codes and returns their timeline and escalation series.
func (s *Server) pairView(ctx context.Context, a, b string) (*PairView, error) {
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	if !actorCode(a) || !actorCode(b) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "Actor codes are 3 to 15 letters or digits (ISR, USAGOV).")
	}
	if s.Timeline == nil {
		return nil, errNotAvailable("Timeline")
	}
	tl, esc, err := s.Timeline.PairTimeline(ctx, a, b)
	if err != nil {
		return nil, err
	}
	v := &PairView{Actors: []string{a, b}, Timeline: nonNil(tl), Escalation: nonNil(esc)}
	for i := range v.Timeline {
		v.Timeline[i].Event.Context = nonNil(v.Timeline[i].Event.Context)
		v.Timeline[i].Articles = nonNil(v.Timeline[i].Articles)
	}
	return v, nil
}

// actorCode reports whether c looks like a CAMEO actor code: 3 to 15 upper-case letters or digits.
func actorCode(c string) bool {
	if len(c) < 3 || len(c) > 15 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !(c[i] >= 'A' && c[i] <= 'Z' || c[i] >= '0' && c[i] <= '9') {
			return false
		}
	}
	return true
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	list, truncated, err := s.actors(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := page("actors", paginate(list, f.Limit, f.Offset), len(list), f.Limit, f.Offset)
	out["truncated"] = truncated
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) {
	d, err := s.actorDetail(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Actor.Roles, d.Actor.Aliases = nonNil(d.Actor.Roles), nil
	normalizeEvents(d.AsSource)
	normalizeEvents(d.AsTarget)
	for i := range d.Quotes {
		d.Quotes[i].Via = nonNil(d.Quotes[i].Via)
	}
	writeJSON(w, http.StatusOK, d)
}

func normalizeEvents(l []EventItem) {
	for i := range l {
		l[i].Context = nonNil(l[i].Context)
	}
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	list, truncated, err := s.events(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pg := paginate(nonNil(list), f.Limit, f.Offset)
	normalizeEvents(pg)
	out := page("events", pg, len(list), f.Limit, f.Offset)
	out["truncated"] = truncated
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	list, truncated, err := s.claims(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pg := paginate(nonNil(list), f.Limit, f.Offset)
	for i := range pg {
		pg[i].Via = nonNil(pg[i].Via)
		if pg[i].Quote != nil {
			q := *pg[i].Quote
			q.Via = nonNil(q.Via)
			pg[i].Quote = &q
		}
	}
	out := page("claims", pg, len(list), f.Limit, f.Offset)
	out["truncated"] = truncated
	writeJSON(w, http.StatusOK, out)
}

// apiReportedClaims lists claims matched across articles, most recently seen first.
func (s *Server) apiReportedClaims(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := reportedClaimFilter(&p)
	list, n, err := s.reportedClaims(r.Context(), f, p.err)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page("claims", list, n, f.Limit, f.Offset))
}

// reportedClaimFilter reads the reported-claims filters and page from the query.
func reportedClaimFilter(p *params) sitrep.ClaimFilter {
	limit, offset := p.page()
	f := sitrep.ClaimFilter{Limit: limit, Offset: offset, MinReports: p.int("min_reports", 0, 0, 1_000_000), Since: p.date("since")}
	if v := strings.ToLower(p.str("status")); v != "" {
		if !slices.Contains(sitrep.ClaimStatuses, v) && p.err == nil {
			p.err = sitrep.Errorf(sitrep.EINVALID, "Parameter status must be one of %s.", strings.Join(sitrep.ClaimStatuses, ", "))
		}
		f.Status = &v
	}
	if v := p.str("speaker"); v != "" {
		f.Speaker = &v
	}
	if v := p.str("article"); v != "" {
		f.ArticleID = &v
	}
	if v := p.id("storyline"); v != 0 {
		f.StorylineID = &v
	}
	return f
}

// reportedClaims returns one page of claims matched across articles; perr is the error of
// reading the filters, returned first.
func (s *Server) reportedClaims(ctx context.Context, f sitrep.ClaimFilter, perr error) ([]*sitrep.ReportedClaim, int, error) {
	if perr != nil {
		return nil, 0, perr
	}
	if s.ReportedClaims == nil {
		return nil, 0, errNotAvailable("Reported claims")
	}
	list, n, err := s.ReportedClaims.FindClaims(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	list = nonNil(list)
	for _, c := range list {
		normalizeReportedClaim(c)
	}
	return list, n, nil
}

// apiReportedClaim returns one claim matched across articles with its reports and their evidence.
func (s *Server) apiReportedClaim(w http.ResponseWriter, r *http.Request) {
	c, err := s.reportedClaim(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// reportedClaim returns the claim of the path's {id} with its reports.
func (s *Server) reportedClaim(r *http.Request) (*sitrep.ReportedClaim, error) {
	id, err := pathID(r, "claim")
	if err != nil {
		return nil, err
	}
	if s.ReportedClaims == nil {
		return nil, errNotAvailable("Reported claims")
	}
	c, err := s.ReportedClaims.FindClaimByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	cp := *c
	normalizeReportedClaim(&cp)
	cp.Reports = nonNil(cp.Reports)
	return &cp, nil
}

func normalizeReportedClaim(c *sitrep.ReportedClaim) {
	c.Outlets = nonNil(c.Outlets)
}

// SearchHit is one search result in the API: the article (without its text), the snippet with
// the raw highlight markers replaced by « » and the same snippet as safe HTML with <mark>.
type SearchHit struct {
	Article     *sitrep.Article `json:"article"`
	Snippet     string          `json:"snippet"`
	SnippetHTML string          `json:"snippet_html"`
	Score       float64         `json:"score"`
	// RawSnippet is the snippet with the store's highlight markers (for the HTML pages).
	RawSnippet string `json:"-"`
}

// SnippetHTML escapes a search snippet and turns its highlight markers into <mark> elements.
func SnippetHTML(snippet string) string {
	e := html.EscapeString(snippet)
	// Markers are balanced by the store; a stray one still yields valid markup below.
	var b strings.Builder
	open := false
	for _, r := range e {
		switch string(r) {
		case sitrep.SnippetOpen:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case sitrep.SnippetClose:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}

func plainSnippet(s string) string {
	return strings.NewReplacer(sitrep.SnippetOpen, "«", sitrep.SnippetClose, "»").Replace(s)
}

func (s *Server) search(ctx context.Context, f filters) ([]SearchHit, int, error) {
	if s.Search == nil {
		return nil, 0, errNotAvailable("Search")
	}
	res, n, err := s.Search.Search(ctx, f.search())
	if err != nil {
		return nil, 0, err
	}
	hits := make([]SearchHit, 0, len(res))
	for _, r := range res {
		a := *r.Article
		a.Text = ""
		normalize(&a)
		hits = append(hits, SearchHit{Article: &a, Snippet: plainSnippet(r.Snippet), SnippetHTML: SnippetHTML(r.Snippet), Score: r.Score, RawSnippet: r.Snippet})
	}
	return hits, n, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	hits, n, err := s.search(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := page("results", hits, n, f.Limit, f.Offset)
	out["query"] = f.Query
	writeJSON(w, http.StatusOK, out)
}

func normalizeProfile(p *sitrep.Profile) {
	p.Actors, p.Events = nonNil(p.Actors), nonNil(p.Events)
}

func (s *Server) apiProfiles(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	limit, offset := p.page()
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	if s.Profiles == nil {
		s.writeError(w, r, errNotAvailable("Tracking profiles"))
		return
	}
	list, n, err := s.Profiles.FindProfiles(r.Context(), sitrep.ProfileFilter{Limit: limit, Offset: offset})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list = nonNil(list)
	for _, pr := range list {
		normalizeProfile(pr)
	}
	writeJSON(w, http.StatusOK, page("profiles", list, n, limit, offset))
}

func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) {
	pr, err := s.profileByID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	normalizeProfile(pr)
	writeJSON(w, http.StatusOK, pr)
}

// write runs fn as an authorised, tracked write: Close waits for it to finish.
func (s *Server) write(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context) error) {
	if err := s.authorizeWrite(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.Profiles == nil {
		s.writeError(w, r, errNotAvailable("Tracking profiles"))
		return
	}
	if !s.beginWrite() {
		s.writeError(w, r, sitrep.Errorf(enotavailable, "The server is shutting down."))
		return
	}
	defer s.writes.Done()
	// A write is not abandoned when the client goes away: it finishes or fails on its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	if err := fn(ctx); err != nil {
		s.writeError(w, r, err)
	}
}

func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "Invalid JSON body: %s.", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// profileInput is the body of a profile creation.
type profileInput struct {
	Name    string   `json:"name"`
	Actors  []string `json:"actors"`
	Events  []string `json:"events"`
	Query   string   `json:"query"`
	Webhook string   `json:"webhook"`
}

func (s *Server) apiCreateProfile(w http.ResponseWriter, r *http.Request) {
	s.write(w, r, func(ctx context.Context) error {
		var in profileInput
		if err := decodeBody(r, &in); err != nil {
			return err
		}
		pr := &sitrep.Profile{Name: in.Name, Actors: in.Actors, Events: in.Events, Query: in.Query, Webhook: in.Webhook}
		if err := pr.Validate(); err != nil {
			return err
		}
		if err := s.Profiles.CreateProfile(ctx, pr); err != nil {
			return err
		}
		normalizeProfile(pr)
		w.Header().Set("Location", fmt.Sprintf("/api/v1/profiles/%d", pr.ID))
		writeJSON(w, http.StatusCreated, pr)
		return nil
	})
}

func (s *Server) apiUpdateProfile(w http.ResponseWriter, r *http.Request) {
	s.write(w, r, func(ctx context.Context) error {
		id, err := pathID(r, "profile")
		if err != nil {
			return err
		}
		var upd sitrep.ProfileUpdate
		if err := decodeBody(r, &upd); err != nil {
			return err
		}
		pr, err := s.Profiles.UpdateProfile(ctx, id, upd)
		if err != nil {
			return err
		}
		normalizeProfile(pr)
		writeJSON(w, http.StatusOK, pr)
		return nil
	})
}

func (s *Server) apiDeleteProfile(w http.ResponseWriter, r *http.Request) {
	s.write(w, r, func(ctx context.Context) error {
		id, err := pathID(r, "profile")
		if err != nil {
			return err
		}
		if err := s.Profiles.DeleteProfile(ctx, id); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

func (s *Server) alertFilter(r *http.Request) (sitrep.AlertFilter, error) {
	p := params{r: r}
	limit, offset := p.page()
	f := sitrep.AlertFilter{Since: p.date("since"), Limit: limit, Offset: offset}
	if id := p.id("profile"); id != 0 {
		f.ProfileID = &id
	}
	if k := p.str("kind"); k != "" {
		f.Kind = &k
	}
	return f, p.err
}

func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) {
	f, err := s.alertFilter(r)
	if err == nil && s.Alerts == nil {
		err = errNotAvailable("Alerts")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, n, err := s.Alerts.FindAlerts(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page("alerts", nonNil(list), n, f.Limit, f.Offset))
}

// apiAlertStream streams alerts as Server-Sent Events: first the alerts created since the
// "since" parameter (or none), then each new alert as it is stored. Each event is
// "event: alert", "id: <alert id>", "data: <alert JSON>". A comment line keeps idle connections
// alive. The stream ends when the client leaves or the server shuts down.
func (s *Server) apiAlertStream(w http.ResponseWriter, r *http.Request) {
	f, err := s.alertFilter(r)
	if err == nil && s.Alerts == nil {
		err = errNotAvailable("Alerts")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		s.writeError(w, r, fmt.Errorf("streaming unsupported"))
		return
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, ": sitrep alert stream\n\n")
	fl.Flush()

	var lastID int64
	if f.Since == nil {
		// Start after the newest existing alert.
		g := f
		g.Limit, g.Offset = 1, 0
		if l, _, err := s.Alerts.FindAlerts(r.Context(), g); err == nil && len(l) > 0 {
			lastID = l[0].ID
		}
	}
	f.Limit, f.Offset = 200, 0
	tick := time.NewTicker(s.AlertPoll)
	defer tick.Stop()
	idle := 0
	for {
		list, _, err := s.Alerts.FindAlerts(r.Context(), f)
		if err != nil {
			if r.Context().Err() == nil {
				s.logger().Warn("alert stream", slog.Any("error", err))
			}
			return
		}
		sent := 0
		for i := len(list) - 1; i >= 0; i-- { // oldest first
			a := list[i]
			if a.ID <= lastID {
				continue
			}
			b, _ := json.Marshal(a)
			fmt.Fprintf(w, "event: alert\nid: %d\ndata: %s\n\n", a.ID, b)
			lastID = a.ID
			sent++
		}
		if sent == 0 {
			idle++
			if idle*int(s.AlertPoll/time.Millisecond) >= 15000 {
				io.WriteString(w, ": keep-alive\n\n")
				idle = 0
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-tick.C:
		}
	}
}
