package http

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// errorStatus maps application error codes to HTTP status numbers. It is the only such table.
var errorStatus = map[string]int{
	sitrep.ECONFLICT:     http.StatusConflict,
	sitrep.EINVALID:      http.StatusBadRequest,
	sitrep.ENOTFOUND:     http.StatusNotFound,
	sitrep.EUNAUTHORIZED: http.StatusUnauthorized,
	sitrep.EINTERNAL:     http.StatusInternalServerError,
}

// enotavailable is the error code of a feature whose service is not wired.
const enotavailable = "not_available"

func init() { errorStatus[enotavailable] = http.StatusServiceUnavailable }

// errorCodeStatus returns the status number of an application error code.
func errorCodeStatus(code string) int {
	if st, ok := errorStatus[code]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errNotAvailable reports that the named feature has no service behind it.
func errNotAvailable(what string) error {
	return sitrep.Errorf(enotavailable, "%s not available on this server.", what)
}

// errorBody is the JSON error object: {"error":{"code","message"}}.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError writes err as a JSON error object; non-application errors are logged and hidden.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := sitrep.ErrorCode(err), sitrep.ErrorMessage(err)
	if code == sitrep.EINTERNAL {
		s.logger().Error("http error", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", err))
	}
	var b errorBody
	b.Error.Code, b.Error.Message = code, msg
	writeJSON(w, errorCodeStatus(code), b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// params reads query parameters and collects the first problem as an EINVALID error.
type params struct {
	r   *http.Request
	err error
}

func (p *params) str(name string) string {
	v := strings.TrimSpace(p.r.URL.Query().Get(name))
	if len(v) > 1000 && p.err == nil {
		p.err = sitrep.Errorf(sitrep.EINVALID, "Parameter %s is too long.", name)
		return ""
	}
	return v
}

func (p *params) int(name string, def, lo, hi int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		if p.err == nil {
			p.err = sitrep.Errorf(sitrep.EINVALID, "Parameter %s must be an integer from %d to %d.", name, lo, hi)
		}
		return def
	}
	return n
}

func (p *params) id(name string) int64 {
	v := p.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		if p.err == nil {
			p.err = sitrep.Errorf(sitrep.EINVALID, "Parameter %s must be a positive integer.", name)
		}
		return 0
	}
	return n
}

// date parses a date (YYYY-MM-DD) or an RFC 3339 time.
func (p *params) date(name string) *time.Time {
	v := p.str(name)
	if v == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, v); err == nil {
			return &t
		}
	}
	if p.err == nil {
		p.err = sitrep.Errorf(sitrep.EINVALID, "Parameter %s must be a date (YYYY-MM-DD) or an RFC 3339 time.", name)
	}
	return nil
}

// page reads limit (1..200, default 20) and offset.
func (p *params) page() (limit, offset int) {
	return p.int("limit", 20, 1, 200), p.int("offset", 0, 0, 1_000_000)
}

// pathID parses the integer path value {id}; what names the resource in the error message.
func pathID(r *http.Request, what string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, sitrep.Errorf(sitrep.EINVALID, "Invalid %s id.", what)
	}
	return n, nil
}

// filters are the article filters shared by the listing endpoints and pages.
type filters struct {
	Query     string
	Actor     string
	EventType string
	Outlet    string
	Language  string
	Since     *time.Time
	Until     *time.Time
	Story     int64
	Limit     int
	Offset    int
}

func (p *params) filters() filters {
	f := filters{
		Query: p.str("q"), Actor: p.str("actor"), EventType: p.str("event_type"),
		Outlet: p.str("outlet"), Language: p.str("language"),
		Since: p.date("since"), Until: p.date("until"), Story: p.id("story"),
	}
	f.Limit, f.Offset = p.page()
	return f
}

func (f filters) search() sitrep.SearchQuery {
	return sitrep.SearchQuery{
		Query: f.Query, Actor: f.Actor, EventType: f.EventType, Outlet: f.Outlet, Language: f.Language,
		Since: f.Since, Until: f.Until, StoryID: f.Story, Limit: f.Limit, Offset: f.Offset,
	}
}

// needsSearch tells whether the filters need the search service (the article finder has no
// actor or event type filter and no ranking).
func (f filters) needsSearch() bool { return f.Actor != "" || f.EventType != "" || f.Query != "" }

func (f filters) articleFilter(full bool) sitrep.ArticleFilter {
	af := sitrep.ArticleFilter{Since: f.Since, Until: f.Until, Full: full, Limit: f.Limit, Offset: f.Offset}
	if f.Outlet != "" {
		af.Outlet = &f.Outlet
	}
	if f.Language != "" {
		af.Language = &f.Language
	}
	if f.Story != 0 {
		af.StoryID = &f.Story
	}
	return af
}
