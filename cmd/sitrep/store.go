package main

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

// store bundles the open database and the services the commands use.
type store struct {
	db *sqlite.DB
	sitrep.ArticleService
	sitrep.SearchService
	kb *sqlite.KBService
}

// openStore opens (creating if needed) the SQLite database at --db.
func (m *Main) openStore(ctx context.Context) (*store, error) {
	db := sqlite.NewDB(m.DBPath)
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open database %s: %w", m.DBPath, err)
	}
	return &store{db: db, ArticleService: sqlite.NewArticleService(db), SearchService: sqlite.NewSearchService(db), kb: sqlite.NewKBService(db)}, nil
}

// afterCommit runs the incremental work that follows newly stored articles (story clustering,
// tracking). It is called once per committed batch with the articles that were new.
func (s *store) afterCommit(ctx context.Context, fresh []*sitrep.Article) error {
	return nil
}

// Close closes the database.
func (s *store) Close() error { return s.db.Close() }
