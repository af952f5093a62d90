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
	"golang.org/x/sync/errgroup"
)

// store bundles the open database and the services the commands use. After openClustering it
// also holds the post-commit machinery: copy detection, the story clusterer and the tracker.
type store struct {
	db *sqlite.DB
	sitrep.ArticleService
	sitrep.SearchService
	kb *sqlite.KBService

	dedup      *dedup.Index
	signatures *sqlite.DedupService
	clusterer  *story.Clusterer
	tracker    *track.Tracker
	log        *slog.Logger
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

// openClustered opens the store with its clustering state (openClustering, no notifier).
func (m *Main) openClustered(ctx context.Context) (*store, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if err := st.openClustering(ctx, nil); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// openClustering loads the story clusterer's persisted state and the copy-detection index's
// persisted signatures (table dedup_docs), so opening costs a read of compact per-article state,
// not of every article's text. Stored articles without a signature (a database filled by an
// older version) are signed from their text once and the signatures saved. Stored articles the
// clusterer does not hold yet — an ingest interrupted between commit and clustering — are
// clustered and tracked now, in ingest order, so stories and alerts always cover every article.
// Both are found through the article id index, without reading the other rows. notify delivers
// alerts (nil: stored only).
func (s *store) openClustering(ctx context.Context, notify track.Notifier) error {
	opts := story.DefaultOptions()
	opts.Logger = s.log
	t0 := time.Now()
	s.clusterer = story.New(sqlite.NewStoryService(s.db), opts)
	s.dedup = dedup.New(dedup.DefaultOptions())
	s.signatures = sqlite.NewDedupService(s.db)
	// The clusterer, the copy index and the claim cache each load from their own tables and
	// share nothing while loading: they load at once, on separate read connections, so opening
	// a large store costs the longest of the three instead of their sum.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := s.clusterer.Open(gctx); err != nil {
			return fmt.Errorf("open story clusterer: %w", err)
		}
		return nil
	})
	g.Go(func() error { return s.restoreDedup(gctx) })
	var tracker *track.Tracker
	g.Go(func() error {
		var err error
		tracker, err = newTracker(gctx, s.db, s.log, notify)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	s.tracker = tracker
	if err := s.signUnsigned(ctx); err != nil {
		return err
	}
	s.log.Debug("opened clustering", slog.Duration("took", time.Since(t0)))
	var err error
	t0 = time.Now()
	var behind []*sitrep.Article
	caught := 0
	err = s.signatures.EachUnclustered(ctx, func(a *sitrep.Article) error {
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

// restoreDedup restores the copy-detection index from the stored signatures.
func (s *store) restoreDedup(ctx context.Context) error {
	err := s.signatures.EachSignature(ctx, s.dedup.Scheme(), func(sg sqlite.Signature) error {
		s.dedup.Restore(dedup.Record{ArticleID: sg.ArticleID, Seq: sg.Seq, Published: sg.Published, Size: sg.Size,
			Signature: sg.Sig, Origin: sg.Origin})
		return nil
	})
	if err != nil {
		return fmt.Errorf("load copy signatures: %w", err)
	}
	return nil
}

// signUnsigned signs the stored articles that have no signature but are clustered (in ingest
// order) and saves their signatures; the articles not clustered yet are signed when
// openClustering catches them up. It runs after the clusterer and the copy index are open.
func (s *store) signUnsigned(ctx context.Context) error {
	scheme := s.dedup.Scheme()
	t0 := time.Now()
	signed := 0
	err := s.signatures.EachUnsigned(ctx, scheme, func(id string, published time.Time, text string) error {
		if s.clusterer.StoryOf(id) == 0 {
			return nil // not clustered yet: afterCommit adds it and applies its relinks
		}
		s.dedup.Add(id, published, text)
		if signed++; signed%batchSize == 0 {
			return s.saveDedup(ctx)
		}
		return nil
	})
	if err == nil {
		err = s.saveDedup(ctx)
	}
	if err != nil {
		return fmt.Errorf("sign stored articles: %w", err)
	}
	if signed > 0 {
		s.log.Info("signed stored articles for copy detection", slog.Int("articles", signed), slog.Duration("took", time.Since(t0)))
	}
	return nil
}

// saveDedup persists the copy-detection index's changes since the last save.
func (s *store) saveDedup(ctx context.Context) error {
	ch := s.dedup.Changes()
	if len(ch) == 0 || s.signatures == nil {
		return nil
	}
	sigs := make([]sqlite.Signature, len(ch))
	scheme := s.dedup.Scheme()
	for i, r := range ch {
		sigs[i] = sqlite.Signature{ArticleID: r.ArticleID, Seq: r.Seq, Published: r.Published, Size: r.Size,
			Sig: r.Signature, Origin: r.Origin, Scheme: scheme}
	}
	if err := s.signatures.SaveSignatures(ctx, sigs); err != nil {
		return fmt.Errorf("save copy signatures: %w", err)
	}
	return nil
}

func publishedOf(a *sitrep.Article) time.Time {
	if a.Published != nil {
		return *a.Published
	}
	return time.Time{}
}

// afterCommit runs the incremental work that follows newly stored articles, in order (after
// signing and extracting features of the whole batch in parallel): copy detection (a copy links
// to the earliest article it copies), story clustering (which persists its changes), then
// tracking profiles. It is called once per committed batch with the articles
// that were new; without openClustering it does nothing.
func (s *store) afterCommit(ctx context.Context, fresh []*sitrep.Article) error {
	if s.clusterer == nil || len(fresh) == 0 {
		return nil
	}
	// The per-article work that reads only the article (copy signature, clustering features)
	// runs on the other cores ahead of the decisions, which depend on the order and run in
	// order on this goroutine.
	sigs := make([]dedup.Signed, len(fresh))
	ahead := s.clusterer.Ahead(fresh, 0, func(i int) { sigs[i] = s.dedup.Sign(fresh[i].Text) })
	defer ahead.Close()
	for i, a := range fresh {
		f := ahead.Features(i)
		r := s.dedup.AddSigned(a.ID, publishedOf(a), sigs[i])
		if a.DuplicateOf == "" && r.DuplicateOf != "" {
			a.DuplicateOf, a.Similarity = r.DuplicateOf, r.Similarity
		}
		if _, err := s.clusterer.AddWith(ctx, a, f); err != nil {
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
	if err := s.saveDedup(ctx); err != nil {
		return err
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
