package sqlite

import (
	"context"
	"database/sql"

	"github.com/sitrep/sitrep"
)

// LoadClusterSummary reads the clusterer's state without the per-article rows: stories,
// storylines and id counters (see EachClusterArticle for the articles).
func (s *StoryService) LoadClusterSummary(ctx context.Context) (*sitrep.ClusterState, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st := &sitrep.ClusterState{}
	if err := loadClusterSummary(ctx, tx, st); err != nil {
		return nil, err
	}
	return st, nil
}

// EachClusterArticle calls fn with every row of the clusterer's per-article state, in Seq order,
// from one read snapshot, one row in memory at a time. The Features slice is reused between
// calls: fn must not keep it.
func (s *StoryService) EachClusterArticle(ctx context.Context, fn func(*sitrep.ClusterArticle) error) error {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT article_id, story_id, storyline_id, seq, duplicate_of, similarity, features
		FROM story_articles ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a sitrep.ClusterArticle
	var dup sql.NullString
	var buf sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&a.ArticleID, &a.StoryID, &a.StorylineID, &a.Seq, &dup, &a.Similarity, &buf); err != nil {
			return err
		}
		a.DuplicateOf, a.Features = dup.String, buf
		if err := fn(&a); err != nil {
			return err
		}
	}
	return rows.Err()
}
