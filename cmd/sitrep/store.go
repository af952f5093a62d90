package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/dedup"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/story"
	"github.com/sitrep/sitrep/track"
)

// store bundles the open database and the services the commands use. After openClustering it
// also holds the post-commit machinery: copy detection, the story clusterer and the tracker.
type store struct {
	db *sqlite.DB
	sitrep.ArticleService
	sitrep.SearchService
	kb *sqlite.KBService

	dedup     *dedup.Index
	clusterer *story.Clusterer
	tracker   *track.Tracker
	log       *slog.Logger
	// Alerts counts the alerts fired by afterCommit.
	Alerts int
}

// openStore opens (creating if needed) the SQLite database at --db.
func (m *Main) openStore(ctx context.Context) (*store, error) {
	db := sqlite.NewDB(m.DBPath)
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open database %s: %w", m.DBPath, err)
	}
	return &store{db: db, ArticleService: sqlite.NewArticleService(db), SearchService: sqlite.NewSearchService(db),
		kb: sqlite.NewKBService(db), log: m.logger()}, nil
}

// openClustering loads the story clusterer's persisted state and rebuilds the copy-detection
// index from the stored articles (it is kept in memory only: MinHash signatures are cheap to
// recompute and the text is stored). Stored articles the clusterer does not hold yet — a database
// filled by an older version, or an ingest interrupted between commit and clustering — are
// clustered and tracked now, in ingest order, so stories and alerts always cover every article.
// notify delivers alerts (nil: stored only).
func (s *store) openClustering(ctx context.Context, notify track.Notifier) error {
	opts := story.DefaultOptions()
	opts.Logger = s.log
	s.clusterer = story.New(sqlite.NewStoryService(s.db), opts)
	if err := s.clusterer.Open(ctx); err != nil {
		return fmt.Errorf("open story clusterer: %w", err)
	}
	s.dedup = dedup.New(dedup.DefaultOptions())
	var err error
	if s.tracker, err = newTracker(ctx, s.db, s.log, notify); err != nil {
		return err
	}
	each, ok := s.ArticleService.(*sqlite.ArticleService)
	if !ok {
		return nil
	}
	t0 := time.Now()
	var behind []*sitrep.Article
	caught := 0
	err = each.EachArticle(ctx, sitrep.ArticleFilter{}, func(a *sitrep.Article) error {
		if s.clusterer.StoryOf(a.ID) != 0 {
			s.dedup.Add(a.ID, publishedOf(a), a.Text)
			return nil
		}
		behind = append(behind, a)
		if len(behind) >= batchSize {
			caught += len(behind)
			err := s.afterCommit(ctx, behind)
			behind = behind[:0]
			return err
		}
		return nil
	})
	if err == nil && len(behind) > 0 {
		caught += len(behind)
		err = s.afterCommit(ctx, behind)
	}
	if err != nil {
		return fmt.Errorf("cluster stored articles: %w", err)
	}
	if caught > 0 {
		s.log.Info("clustered stored articles", slog.Int("articles", caught), slog.Duration("took", time.Since(t0)))
	}
	return nil
}

func publishedOf(a *sitrep.Article) time.Time {
	if a.Published != nil {
		return *a.Published
	}
	return time.Time{}
}

// afterCommit runs the incremental work that follows newly stored articles, in order: copy
// detection (a copy links to the earliest article it copies), story clustering (which persists
// its changes), then tracking profiles. It is called once per committed batch with the articles
// that were new; without openClustering it does nothing.
func (s *store) afterCommit(ctx context.Context, fresh []*sitrep.Article) error {
	if s.clusterer == nil || len(fresh) == 0 {
		return nil
	}
	for _, a := range fresh {
		r := s.dedup.Add(a.ID, publishedOf(a), a.Text)
		if a.DuplicateOf == "" && r.DuplicateOf != "" {
			a.DuplicateOf, a.Similarity = r.DuplicateOf, r.Similarity
		}
		if _, err := s.clusterer.Add(ctx, a); err != nil {
			return fmt.Errorf("cluster %s: %w", a.ID, err)
		}
		// a copy published earlier than its group's origin but ingested later becomes the
		// origin: the earlier articles of the group now point to it
		for _, l := range r.Relinked {
			if err := s.clusterer.SetDuplicate(l.ArticleID, l.DuplicateOf, l.Similarity); err != nil {
				return fmt.Errorf("relink copy %s: %w", l.ArticleID, err)
			}
		}
	}
	if err := s.clusterer.Flush(ctx); err != nil && !errors.Is(err, story.ErrNoStore) {
		return fmt.Errorf("save stories: %w", err)
	}
	fired, err := s.tracker.Observe(ctx, fresh)
	if err != nil {
		return fmt.Errorf("track: %w", err)
	}
	s.Alerts += len(fired)
	return nil
}

// Close closes the database.
func (s *store) Close() error { return s.db.Close() }
