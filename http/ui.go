package http

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// templates holds one template set per page, each with the shared layout.
type templates struct {
	pages map[string]*template.Template
}

var pageNames = []string{"stories", "story", "storyline", "pair", "actors", "actor", "article", "search", "claims", "claim", "profiles", "profile", "error"}

func parseTemplates() (*templates, error) {
	funcs := template.FuncMap{
		"date": func(v any) string {
			switch t := v.(type) {
			case time.Time:
				if t.IsZero() {
					return ""
				}
				return t.Format("2 Jan 2006")
			case *time.Time:
				if t == nil {
					return ""
				}
				return t.Format("2 Jan 2006")
			}
			return ""
		},
		"snippet": func(s string) template.HTML { return template.HTML(SnippetHTML(s)) }, // escaped by SnippetHTML
		"join":    strings.Join,
		"query":   func(v url.Values) string { return v.Encode() },
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"source":  sourceLabel,
		"chain":   chainLabel,
		"trim":    func(s string, n int) string { return truncate(s, n) },
		"paras":   func(s string) []string { return paragraphs(s) },
		"pct":     func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" },
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		p, err := template.New("layout.html").Funcs(funcs).ParseFS(embedded, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		t.pages[name] = p
	}
	return t, nil
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sourceLabel describes who a quote is attributed to.
func sourceLabel(src sitrep.Source) string {
	name := src.Text
	if src.Description != "" {
		name = src.Description
	}
	if name == "" {
		name = "unattributed"
	}
	return name
}

// chainLabel renders an attribution chain, speaker first: "an official, via Demo Wire".
func chainLabel(src sitrep.Source, via []sitrep.Source) string {
	s := sourceLabel(src)
	for i := len(via) - 1; i >= 0; i-- {
		s += " ← via " + sourceLabel(via[i])
	}
	return s
}

// pageData is what every page template receives.
type pageData struct {
	Title string
	Demo  bool
	Nav   string
	Data  any
	Error string
	Token bool
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf bytes.Buffer
	pd := pageData{Title: title, Demo: s.Demo, Nav: name, Data: data, Token: s.Token != ""}
	if err := s.tmpl.pages[name].Execute(&buf, pd); err != nil {
		s.logger().Error("render", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := sitrep.ErrorCode(err)
	if code == sitrep.EINTERNAL {
		s.logger().Error("http error", slog.String("path", r.URL.Path), slog.Any("error", err))
	}
	st := errorCodeStatus(code)
	s.render(w, r, st, "error", http.StatusText(st), sitrep.ErrorMessage(err))
}

func (s *Server) uiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.uiStories)
	mux.HandleFunc("GET /stories/{id}", s.uiStory)
	mux.HandleFunc("GET /storylines/{id}", s.uiStoryline)
	mux.HandleFunc("GET /storylines/{id}/chart.svg", s.uiChart)
	mux.HandleFunc("GET /pairs/{a}/{b}", s.uiPair)
	mux.HandleFunc("GET /pairs/{a}/{b}/chart.svg", s.uiPairChart)
	mux.HandleFunc("GET /claims", s.uiClaims)
	mux.HandleFunc("GET /claims/{id}", s.uiClaim)
	mux.HandleFunc("GET /actors", s.uiActors)
	mux.HandleFunc("GET /actors/{id}", s.uiActor)
	mux.HandleFunc("GET /articles/{id}", s.uiArticle)
	mux.HandleFunc("GET /search", s.uiSearch)
	mux.HandleFunc("GET /profiles", s.uiProfiles)
	mux.HandleFunc("POST /profiles", s.uiCreateProfile)
	mux.HandleFunc("GET /profiles/{id}", s.uiProfile)
	mux.HandleFunc("POST /profiles/{id}/delete", s.uiDeleteProfile)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, sitrep.Errorf(sitrep.ENOTFOUND, "Page not found."))
	})
}

type storiesPage struct {
	Stories    []*sitrep.Story
	Storylines []*sitrep.Storyline
	Alerts     []*sitrep.Alert
	Total      int
	Offset     int
	Next, Prev string
	Missing    string
}

func (s *Server) uiStories(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	limit, offset := p.int("limit", 25, 1, 200), p.int("offset", 0, 0, 1_000_000)
	if p.err != nil {
		s.renderError(w, r, p.err)
		return
	}
	d := storiesPage{Offset: offset}
	if s.Stories == nil {
		d.Missing = "Stories are not available on this server (no story service)."
	} else {
		list, n, err := s.Stories.FindStories(r.Context(), sitrep.StoryFilter{Limit: limit, Offset: offset})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		d.Stories, d.Total = list, n
		if offset+limit < n {
			d.Next = fmt.Sprintf("/?offset=%d&limit=%d", offset+limit, limit)
		}
		if offset > 0 {
			d.Prev = fmt.Sprintf("/?offset=%d&limit=%d", max(0, offset-limit), limit)
		}
	}
	if s.Storylines != nil {
		if l, _, err := s.Storylines.FindStorylines(r.Context(), sitrep.StorylineFilter{Limit: 10}); err == nil {
			d.Storylines = l
		}
	}
	if s.Alerts != nil {
		if l, _, err := s.Alerts.FindAlerts(r.Context(), sitrep.AlertFilter{Limit: 5}); err == nil {
			d.Alerts = l
		}
	}
	s.render(w, r, http.StatusOK, "stories", "Stories", d)
}

// storyPage adds the copy relations to a story view.
type storyPage struct {
	*StoryView
	// Origin maps a copy's id to the outlet and title of its origin.
	Origin map[string]string
}

func (s *Server) uiStory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "story")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.storyView(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := storyPage{StoryView: v, Origin: map[string]string{}}
	byID := map[string]*sitrep.Article{}
	for _, a := range v.Articles {
		byID[a.ID] = a
	}
	for _, a := range v.Articles {
		if a.DuplicateOf == "" {
			continue
		}
		if o, ok := byID[a.DuplicateOf]; ok {
			d.Origin[a.ID] = o.Outlet
		} else {
			d.Origin[a.ID] = a.DuplicateOf
		}
	}
	s.render(w, r, http.StatusOK, "story", v.Story.Title, d)
}

type storylinePage struct {
	*StorylineView
	Chart template.HTML
	// Pairs links the pair pages of the storyline's leading countries.
	Pairs [][2]string
}

// countryPairs returns the pairs among the first four three-letter (country) codes of actors.
func countryPairs(actors []string) [][2]string {
	var cs []string
	for _, a := range actors {
		if len(a) == 3 && actorCode(a) && !slices.Contains(cs, a) && len(cs) < 4 {
			cs = append(cs, a)
		}
	}
	var out [][2]string
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			out = append(out, [2]string{cs[i], cs[j]})
		}
	}
	return out
}

func (s *Server) uiStoryline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "storyline")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.storylineView(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := storylinePage{StorylineView: v, Chart: template.HTML(EscalationSVG(v.Escalation, 760, 260)), // SVG built from numbers and escaped dates
		Pairs: countryPairs(v.Storyline.KeyActors)}
	s.render(w, r, http.StatusOK, "storyline", v.Storyline.Title, d)
}

func (s *Server) uiChart(w http.ResponseWriter, r *http.Request) {
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
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write([]byte(EscalationSVG(v.Escalation, 760, 260)))
}

type pairPage struct {
	*PairView
	Chart template.HTML
}

func (s *Server) uiPair(w http.ResponseWriter, r *http.Request) {
	v, err := s.pairView(r.Context(), r.PathValue("a"), r.PathValue("b"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := pairPage{PairView: v, Chart: template.HTML(EscalationSVG(v.Escalation, 760, 260))} // SVG built from numbers and escaped dates
	s.render(w, r, http.StatusOK, "pair", v.Actors[0]+" and "+v.Actors[1], d)
}

func (s *Server) uiPairChart(w http.ResponseWriter, r *http.Request) {
	v, err := s.pairView(r.Context(), r.PathValue("a"), r.PathValue("b"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write([]byte(EscalationSVG(v.Escalation, 760, 260)))
}

// claimsPage is the claims list with the statuses the filter offers.
type claimsPage struct {
	listPage[*sitrep.ReportedClaim]
	Statuses []string
}

func (s *Server) uiClaims(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := reportedClaimFilter(&p)
	d := claimsPage{listPage: listPage[*sitrep.ReportedClaim]{Form: r.URL.Query()}, Statuses: sitrep.ClaimStatuses}
	list, n, err := s.reportedClaims(r.Context(), f, p.err)
	switch sitrep.ErrorCode(err) {
	case "":
		d.Items, d.Total = list, n
		d.Next, d.Prev = pager(r, n, f.Limit, f.Offset)
	case sitrep.EINVALID:
		d.Err = sitrep.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "claims", "Claims", d)
		return
	default:
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claims", "Claims", d)
}

func (s *Server) uiClaim(w http.ResponseWriter, r *http.Request) {
	c, err := s.reportedClaim(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claim", truncate(c.Content, 60), c)
}

type listPage[T any] struct {
	Items      []T
	Total      int
	Truncated  bool
	Filters    filters
	Form       url.Values
	Next, Prev string
	Query      string
	Err        string
}

func pager(r *http.Request, total, limit, offset int) (next, prev string) {
	q := r.URL.Query()
	if offset+limit < total {
		q.Set("offset", strconv.Itoa(offset+limit))
		next = r.URL.Path + "?" + q.Encode()
	}
	if offset > 0 {
		q.Set("offset", strconv.Itoa(max(0, offset-limit)))
		prev = r.URL.Path + "?" + q.Encode()
	}
	return next, prev
}

func (s *Server) uiActors(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	if p.err != nil {
		s.renderError(w, r, p.err)
		return
	}
	list, truncated, err := s.actors(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := listPage[ActorSummary]{Items: paginate(list, f.Limit, f.Offset), Total: len(list), Truncated: truncated, Filters: f, Form: r.URL.Query()}
	d.Next, d.Prev = pager(r, len(list), f.Limit, f.Offset)
	s.render(w, r, http.StatusOK, "actors", "Actors", d)
}

// actorPage is an actor's detail with the counterparts of its coded events, most events first,
// for links to the pair pages.
type actorPage struct {
	*ActorDetail
	Code         string
	Counterparts []string
}

func (s *Server) uiActor(w http.ResponseWriter, r *http.Request) {
	d, err := s.actorDetail(r.Context(), r.PathValue("id"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actor", d.Actor.Name, actorPage{ActorDetail: d, Code: d.Actor.Code, Counterparts: counterparts(d)})
}

// counterparts returns the actor codes on the other side of d's events, most events first (ties
// by code), at most 8; none when the actor has no code of its own.
func counterparts(d *ActorDetail) []string {
	if !actorCode(d.Actor.Code) {
		return nil
	}
	n := map[string]int{}
	for _, e := range d.AsSource {
		n[e.Target.Code]++
	}
	for _, e := range d.AsTarget {
		n[e.Source.Code]++
	}
	var out []string
	for c := range n {
		if actorCode(c) && c != d.Actor.Code {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		return strings.Compare(a, b)
	})
	return out[:min(len(out), 8)]
}

func (s *Server) uiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.articleByID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := a.Title
	if title == "" {
		title = truncate(a.Text, 60)
	}
	s.render(w, r, http.StatusOK, "article", title, a)
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	f := p.filters()
	d := listPage[SearchHit]{Filters: f, Form: r.URL.Query(), Query: f.Query}
	status := http.StatusOK
	if p.err != nil {
		d.Err, status = sitrep.ErrorMessage(p.err), http.StatusBadRequest
	} else if f.Query != "" || f.Actor != "" || f.EventType != "" || f.Outlet != "" || f.Story != 0 {
		hits, n, err := s.search(r.Context(), f)
		switch sitrep.ErrorCode(err) {
		case "":
			d.Items, d.Total = hits, n
			d.Next, d.Prev = pager(r, n, f.Limit, f.Offset)
		case sitrep.EINVALID:
			d.Err, status = sitrep.ErrorMessage(err), http.StatusBadRequest
		default:
			s.renderError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "search", "Search", d)
}

type profilesPage struct {
	Profiles []*sitrep.Profile
	Alerts   []*sitrep.Alert
	Err      string
	Missing  string
	Form     url.Values
}

func (s *Server) profilesData(ctx context.Context) (profilesPage, error) {
	var d profilesPage
	if s.Profiles == nil {
		d.Missing = "Tracking profiles are not available on this server."
		return d, nil
	}
	l, _, err := s.Profiles.FindProfiles(ctx, sitrep.ProfileFilter{Limit: 200})
	if err != nil {
		return d, err
	}
	d.Profiles = l
	if s.Alerts != nil {
		if a, _, err := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{Limit: 50}); err == nil {
			d.Alerts = a
		}
	}
	return d, nil
}

func (s *Server) uiProfiles(w http.ResponseWriter, r *http.Request) {
	d, err := s.profilesData(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profiles", "Tracking", d)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (s *Server) uiCreateProfile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	err := s.authorizeWrite(r)
	if err == nil && s.Profiles == nil {
		err = errNotAvailable("Tracking profiles")
	}
	if err == nil && !s.beginWrite() {
		err = sitrep.Errorf(enotavailable, "The server is shutting down.")
	} else if err == nil {
		func() {
			defer s.writes.Done()
			pr := &sitrep.Profile{Name: strings.TrimSpace(r.PostFormValue("name")), Actors: splitList(r.PostFormValue("actors")),
				Events: splitList(r.PostFormValue("events")), Query: strings.TrimSpace(r.PostFormValue("query"))}
			if err = pr.Validate(); err == nil {
				err = s.Profiles.CreateProfile(context.WithoutCancel(r.Context()), pr)
			}
			if err == nil {
				http.Redirect(w, r, fmt.Sprintf("/profiles/%d", pr.ID), http.StatusSeeOther)
			}
		}()
	}
	if err == nil {
		return
	}
	d, lerr := s.profilesData(r.Context())
	if lerr != nil {
		s.renderError(w, r, lerr)
		return
	}
	d.Err, d.Form = sitrep.ErrorMessage(err), r.PostForm
	s.render(w, r, errorCodeStatus(sitrep.ErrorCode(err)), "profiles", "Tracking", d)
}

type profilePage struct {
	Profile *sitrep.Profile
	Alerts  []*sitrep.Alert
	Total   int
}

func (s *Server) uiProfile(w http.ResponseWriter, r *http.Request) {
	pr, err := s.profileByID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := profilePage{Profile: pr}
	if s.Alerts != nil {
		d.Alerts, d.Total, err = s.Alerts.FindAlerts(r.Context(), sitrep.AlertFilter{ProfileID: &pr.ID, Limit: 100})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "profile", pr.Name, d)
}

func (s *Server) uiDeleteProfile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	id, err := pathID(r, "profile")
	if err == nil {
		err = s.authorizeWrite(r)
	}
	if err == nil && s.Profiles == nil {
		err = errNotAvailable("Tracking profiles")
	}
	if err == nil && !s.beginWrite() {
		err = sitrep.Errorf(enotavailable, "The server is shutting down.")
	} else if err == nil {
		err = s.Profiles.DeleteProfile(context.WithoutCancel(r.Context()), id)
		s.writes.Done()
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/profiles", http.StatusSeeOther)
}
