package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	sitrephttp "github.com/sitrep/sitrep/http"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
)

// shutdownGrace bounds how long a graceful shutdown waits for in-flight requests.
const shutdownGrace = 15 * time.Second

// serveConfig is what runServe was asked to do.
type serveConfig struct {
	addr, token string
	demo        bool
	readOnly    bool
	alertPoll   time.Duration
	// ready, when set (tests), receives the server's base URL once it listens.
	ready func(url string)
}

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.flagSet("serve", "[flags]", `
Run the web UI and the JSON API (under /api/v1; OpenAPI document at /api/v1/openapi.json) on the
database at --db, created on first use. With --demo and an empty database, the bundled demo
corpus (invented articles, labelled as demo data in the UI) is first loaded through the normal
ingest path, together with two demo tracking profiles. Writes (tracking profiles) need the bearer
token given with --token or SITREP_TOKEN when one is set; the server refuses to listen on a
non-loopback address without a token unless --read-only is given. /healthz and /metrics serve
operations. SIGINT or SIGTERM shut the server down gracefully: in-flight requests finish.`)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen `address` (host:port)")
	fs.StringVar(&cfg.token, "token", os.Getenv("SITREP_TOKEN"), "bearer `token` required for writes (env SITREP_TOKEN)")
	fs.BoolVar(&cfg.demo, "demo", false, "load the bundled demo corpus when the database is empty")
	fs.BoolVar(&cfg.readOnly, "read-only", false, "refuse every write")
	fs.DurationVar(&cfg.alertPoll, "alert-poll", 2*time.Second, "how often the alert stream checks for new alerts")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("serve: unexpected argument %q", pos[0])}
	}
	return m.serve(ctx, cfg)
}

// serve runs the server until ctx is done.
func (m *Main) serve(ctx context.Context, cfg serveConfig) error {
	if !cfg.readOnly && cfg.token == "" && !sitrephttp.IsLoopback(cfg.addr) {
		return &exitError{code: 2, err: fmt.Errorf("serve: refusing to serve writable on non-loopback address %s without a token (give --token or SITREP_TOKEN, or --read-only)", cfg.addr)}
	}
	log := m.logger().With("component", "serve")
	st, err := m.openClustered(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	metrics := sitrephttp.NewMetrics()
	stories := sqlite.NewStoryService(st.db)
	profiles := sqlite.NewProfileService(st.db)
	alerts := sqlite.NewAlertService(st.db)

	demoLoaded := false
	if cfg.demo {
		_, n, err := st.FindArticles(ctx, sitrep.ArticleFilter{Limit: 1})
		if err != nil {
			return err
		}
		if n == 0 {
			t0 := time.Now()
			res, err := m.loadDemo(ctx, st, profiles, metrics)
			if err != nil {
				return fmt.Errorf("load demo corpus: %w", err)
			}
			demoLoaded = true
			log.Info("demo corpus loaded", slog.Int("new", res.New), slog.Int("failed", res.Failed), slog.Duration("took", time.Since(t0)))
		} else {
			log.Info("database not empty: demo corpus not loaded", slog.Int("articles", n))
		}
	}

	srv := sitrephttp.NewServer()
	srv.Addr, srv.Token, srv.ReadOnly, srv.AlertPoll = cfg.addr, cfg.token, cfg.readOnly, cfg.alertPoll
	srv.Demo = demoLoaded || isDemoDB(ctx, st)
	srv.Articles, srv.Search = st.ArticleService, st.SearchService
	srv.Stories, srv.Storylines = stories, stories
	srv.Timeline = clusterTimeline{st.clusterer}
	srv.Profiles, srv.Alerts = profiles, alerts
	srv.ReportedClaims = sqlite.NewClaimService(st.db)
	srv.Logger, srv.Metrics = m.logger().With("component", "http"), metrics
	if err := srv.Open(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(m.Stderr, "sitrep: serving on %s (database %s)\n", srv.URL(), m.DBPath)
	log.Info("listening", slog.String("url", srv.URL()), slog.Bool("demo", srv.Demo), slog.Bool("token", cfg.token != ""))
	if cfg.ready != nil {
		cfg.ready(srv.URL())
	}
	<-ctx.Done()
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Close(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// isDemoDB tells whether the stored articles are the demo corpus (its first article is stored),
// so a restarted demo server keeps its banner without --demo.
func isDemoDB(ctx context.Context, st *store) bool {
	id := "demo-001"
	_, n, err := st.FindArticles(ctx, sitrep.ArticleFilter{ID: &id, Limit: 1})
	return err == nil && n > 0
}

// loadDemo creates the demo tracking profiles and ingests the demo corpus through the normal
// path: the pipeline, the store in batches, and the post-commit work.
func (m *Main) loadDemo(ctx context.Context, st *store, profiles sitrep.ProfileService, metrics *sitrephttp.Metrics) (sitrep.IngestResult, error) {
	for _, p := range demo.Profiles() {
		if err := profiles.CreateProfile(ctx, p); err != nil {
			return sitrep.IngestResult{}, fmt.Errorf("demo profile %q: %w", p.Name, err)
		}
	}
	p, err := m.newPipeline(ctx)
	if err != nil {
		return sitrep.IngestResult{}, err
	}
	p.Observe = metrics.ObserveStage
	dm := *m
	dm.Stdin = bytes.NewReader(demo.Corpus())
	return dm.ingestPaths(ctx, st, p, ingest.DefaultOptions(), 0, []string{"-"}, ingestHooks{
		item: func(err error) {
			if err != nil {
				metrics.AddIngested("failed", 1)
				m.logger().Warn("demo article failed", slog.Any("error", err))
			}
		},
		committed: func(fresh, unchanged int) {
			metrics.AddIngested("new", fresh)
			metrics.AddIngested("unchanged", unchanged)
		},
		queued: metrics.SetQueueDepth,
	})
}

// clusterTimeline adapts the story clusterer to the HTTP server's Timeline interface.
type clusterTimeline struct{ c *story.Clusterer }

// PairTimeline returns the dated events between actors a and b and their daily escalation index.
func (t clusterTimeline) PairTimeline(ctx context.Context, a, b string) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error) {
	entries := t.c.PairTimeline(a, b)
	return entries, story.Escalation(entries), nil
}

// StorylineTimeline returns the dated events of storyline id and their daily escalation index.
func (t clusterTimeline) StorylineTimeline(ctx context.Context, id int64) ([]sitrep.TimelineEntry, []sitrep.EscalationPoint, error) {
	entries, err := t.c.Timeline(id)
	if err != nil {
		return nil, nil, err
	}
	return entries, story.Escalation(entries), nil
}
