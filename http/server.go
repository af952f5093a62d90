package http

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

//go:embed templates/*.html assets/*
var embedded embed.FS

// ArticleFinder reads stored articles. FindArticleByID returns the article fully loaded (with its
// analysis); FindArticles loads the analysis only when ArticleFilter.Full is set.
type ArticleFinder interface {
	FindArticleByID(ctx context.Context, id string) (*sitrep.Article, error)
	FindArticles(ctx context.Context, filter sitrep.ArticleFilter) ([]*sitrep.Article, int, error)
}

// Timeline returns the dated events of a storyline, or between two actors, and their daily
// escalation index.
type Timeline interface {
	StorylineTimeline(ctx context.Context, id int64) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error)
	// PairTimeline covers events between actors a and b in either direction, across all stories;
	// a three-letter country code also matches its sectors ("ISR" matches "ISRGOV").
	PairTimeline(ctx context.Context, a, b string) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error)
}

// AlertFinder lists alerts, newest first.
type AlertFinder interface {
	FindAlerts(ctx context.Context, filter sitrep.AlertFilter) ([]*sitrep.Alert, int, error)
}

// Server is the HTTP server. Set the services before calling Open; a nil service makes the
// endpoints and pages that need it answer "not available".
type Server struct {
	// Addr is the listen address ("127.0.0.1:8080"; port 0 picks a free port).
	Addr string
	// Token, when set, is the bearer token every write must carry.
	Token string
	// ReadOnly refuses every write with EUNAUTHORIZED.
	ReadOnly bool
	// Demo labels the data as the bundled demo corpus (a banner on every page).
	Demo bool
	// ScanLimit bounds how many articles one actor, event or claim listing reads (default 2000).
	ScanLimit int
	// AlertPoll is how often the alert stream looks for new alerts (default 2s).
	AlertPoll time.Duration

	Articles   ArticleFinder
	Search     sitrep.SearchService
	Stories    sitrep.StoryService
	Storylines sitrep.StorylineService
	Timeline   Timeline
	Profiles   sitrep.ProfileService
	Alerts     AlertFinder
	// ReportedClaims are claims matched across articles (one claim, many reports, a status);
	// Articles' claims are per article.
	ReportedClaims sitrep.ClaimService

	Logger  *slog.Logger
	Metrics *Metrics

	ln      net.Listener
	srv     *http.Server
	tmpl    *templates
	closing chan struct{}
	once    sync.Once
	writes  sync.WaitGroup
	wmu     sync.Mutex
	stopped bool
	handler http.Handler
}

// NewServer returns a server with default settings and no services.
func NewServer() *Server {
	return &Server{Addr: "127.0.0.1:8080", ScanLimit: 2000, AlertPoll: 2 * time.Second, closing: make(chan struct{})}
}

func (s *Server) logger() *slog.Logger {
	if s.Logger == nil {
		s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return s.Logger
}

// Handler returns the server's routes (built once). Tests may serve it with httptest.
func (s *Server) Handler() http.Handler {
	if s.handler != nil {
		return s.handler
	}
	if s.closing == nil {
		s.closing = make(chan struct{})
	}
	if s.ScanLimit <= 0 {
		s.ScanLimit = 2000
	}
	if s.AlertPoll <= 0 {
		s.AlertPoll = 2 * time.Second
	}
	t, err := parseTemplates()
	if err != nil {
		panic(err) // embedded templates are fixed at build time; tests catch a broken one
	}
	s.tmpl = t
	mux := http.NewServeMux()
	assets, _ := fs.Sub(embedded, "assets")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheAssets(http.FileServerFS(assets))))
	mux.HandleFunc("GET /healthz", s.handleHealth)
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.Metrics.Handler())
	}
	s.apiRoutes(mux)
	s.uiRoutes(mux)
	var h http.Handler = mux
	h = s.recoverer(h)
	h = s.logRequests(h)
	if s.Metrics != nil {
		h = s.Metrics.instrument(mux, h)
	}
	s.handler = h
	return h
}

// Open starts listening on Addr and serves in the background.
func (s *Server) Open() error {
	h := s.Handler()
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.logger().Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger().Error("serve", slog.Any("error", err))
		}
	}()
	return nil
}

// URL returns the base URL the server listens on (valid after Open).
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	a := s.ln.Addr().(*net.TCPAddr)
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(a.Port)))
}

// Close stops the server gracefully: alert streams end, new writes are refused, in-flight
// requests (writes included) finish, bounded by ctx.
func (s *Server) Close(ctx context.Context) error {
	s.once.Do(func() { close(s.closing) })
	s.wmu.Lock()
	s.stopped = true
	s.wmu.Unlock()
	var err error
	if s.srv != nil {
		err = s.srv.Shutdown(ctx)
	}
	done := make(chan struct{})
	go func() { s.writes.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		if err == nil {
			err = ctx.Err()
		}
	}
	return err
}

// beginWrite registers an in-flight write; it fails once Close has begun.
func (s *Server) beginWrite() bool {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.stopped {
		return false
	}
	s.writes.Add(1)
	return true
}

// authorizeWrite checks the bearer token (or, for browser forms, the token form field) and the
// request's origin. It returns an application error when the write is refused.
func (s *Server) authorizeWrite(r *http.Request) error {
	if s.ReadOnly {
		return sitrep.Errorf(sitrep.EUNAUTHORIZED, "The server is read-only.")
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		if h := strings.TrimPrefix(strings.TrimPrefix(o, "http://"), "https://"); h != r.Host {
			return sitrep.Errorf(sitrep.EUNAUTHORIZED, "Cross-origin write refused.")
		}
	}
	if s.Token == "" {
		return nil
	}
	got := ""
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		got = strings.TrimSpace(strings.TrimPrefix(a, "Bearer "))
	} else if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		got = r.PostFormValue("token")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.Token)) != 1 {
		return sitrep.Errorf(sitrep.EUNAUTHORIZED, "A valid bearer token is required for writes.")
	}
	return nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"ok","version":"`+sitrep.Version+`"}`+"\n")
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger().Error("panic in handler", slog.String("path", r.URL.Path), slog.Any("panic", v))
				http.Error(w, "Internal error.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logRequests logs each request at debug level (server errors at warn level) with its method,
// path, status and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	log := s.logger()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		lvl := slog.LevelDebug
		if sw.code >= 500 {
			lvl = slog.LevelWarn
		}
		log.LogAttrs(r.Context(), lvl, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", max(sw.code, 200)), slog.Duration("took", time.Since(t0)))
	})
}

func cacheAssets(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// IsLoopback reports whether a listen address binds only the loopback interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
