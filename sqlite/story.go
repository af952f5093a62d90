package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// Ensure the service implements the interfaces.
var (
	_ sitrep.StoryService     = (*StoryService)(nil)
	_ sitrep.StorylineService = (*StoryService)(nil)
	_ sitrep.ClusterStore     = (*StoryService)(nil)
)

// StoryService stores stories, storylines and the story clusterer's state.
type StoryService struct {
	db *DB
}

// NewStoryService returns a StoryService on db.
func NewStoryService(db *DB) *StoryService {
	return &StoryService{db: db}
}

// FindStoryByID returns story id with its article ids.
func (s *StoryService) FindStoryByID(ctx context.Context, id int64) (*sitrep.Story, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findStoryByID(ctx, tx, id)
}

// FindStories returns the stories matching filter, most recently seen first, and the total count.
func (s *StoryService) FindStories(ctx context.Context, filter sitrep.StoryFilter) ([]*sitrep.Story, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findStories(ctx, tx, filter)
}

// FindStorylineByID returns storyline id with its stories and links.
func (s *StoryService) FindStorylineByID(ctx context.Context, id int64) (*sitrep.Storyline, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findStorylineByID(ctx, tx, id)
}

// FindStorylines returns the storylines matching filter, most recently seen first, and the total.
func (s *StoryService) FindStorylines(ctx context.Context, filter sitrep.StorylineFilter) ([]*sitrep.Storyline, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findStorylines(ctx, tx, filter)
}

// LoadClusterState reads everything the clusterer needs to rebuild its indexes.
func (s *StoryService) LoadClusterState(ctx context.Context) (*sitrep.ClusterState, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return loadClusterState(ctx, tx)
}

// SaveClusterChanges writes one batch of clusterer changes in one transaction.
func (s *StoryService) SaveClusterChanges(ctx context.Context, ch *sitrep.ClusterChanges) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := saveClusterChanges(ctx, tx, ch); err != nil {
		return err
	}
	return tx.Commit()
}

func findStoryByID(ctx context.Context, tx *Tx, id int64) (*sitrep.Story, error) {
	l, _, err := findStories(ctx, tx, sitrep.StoryFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(l) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	}
	st := l[0]
	rows, err := tx.QueryContext(ctx, `SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	st.ArticleIDs = nil
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		st.ArticleIDs = append(st.ArticleIDs, a)
	}
	return st, rows.Err()
}

func findStories(ctx context.Context, tx *Tx, filter sitrep.StoryFilter) ([]*sitrep.Story, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := filter.ID; v != nil {
		where, args = append(where, "s.id = ?"), append(args, *v)
	}
	if v := filter.StorylineID; v != nil {
		where, args = append(where, "s.storyline_id = ?"), append(args, *v)
	}
	if v := filter.Since; v != nil {
		where, args = append(where, "s.last_seen >= ?"), append(args, formatTime(*v))
	}
	if v := filter.Actor; v != nil {
		where, args = append(where, "EXISTS (SELECT 1 FROM story_actors a WHERE a.story_id = s.id AND a.actor = ?)"), append(args, *v)
	}
	// The page reads only its own rows (the last_seen index gives the order); the total is a
	// separate COUNT over an index. A window COUNT(*) OVER () would read every story row, JSON
	// included, to return 25 of them.
	q := `SELECT s.data FROM stories s WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY s.last_seen DESC, s.id DESC` + limitOffset(filter.Limit, filter.Offset)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*sitrep.Story
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, 0, err
		}
		var st sitrep.Story
		if err := json.Unmarshal([]byte(data), &st); err != nil {
			return nil, 0, fmt.Errorf("decode story: %w", err)
		}
		out = append(out, &st)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	n, err := pageTotal(ctx, tx, `SELECT COUNT(*) FROM stories s WHERE `+strings.Join(where, " AND "), args,
		len(out), filter.Limit, filter.Offset)
	if err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// pageTotal returns the number of rows matching a listing of which a page of n rows was read
// with the given limit and offset. A short page gives the total without counting (unless it is
// empty past the first row); otherwise countQuery is run.
func pageTotal(ctx context.Context, tx *Tx, countQuery string, args []any, n, limit, offset int) (int, error) {
	offset = max(offset, 0)
	if (limit <= 0 || n < limit) && (n > 0 || offset == 0) {
		return offset + n, nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, countQuery, args...).Scan(&total); err != nil {
		return 0, err
	}
	return total, nil
}

func findStorylineByID(ctx context.Context, tx *Tx, id int64) (*sitrep.Storyline, error) {
	l, _, err := findStorylines(ctx, tx, sitrep.StorylineFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(l) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Storyline not found.")
	}
	return l[0], nil
}

func findStorylines(ctx context.Context, tx *Tx, filter sitrep.StorylineFilter) ([]*sitrep.Storyline, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := filter.ID; v != nil {
		where, args = append(where, "l.id = ?"), append(args, *v)
	}
	if v := filter.Actor; v != nil {
		where, args = append(where, `EXISTS (SELECT 1 FROM stories s JOIN story_actors a ON a.story_id = s.id
			WHERE s.storyline_id = l.id AND a.actor = ?)`), append(args, *v)
	}
	q := `SELECT l.data FROM storylines l WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY l.last_seen DESC, l.id DESC` + limitOffset(filter.Limit, filter.Offset)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*sitrep.Storyline
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, 0, err
		}
		var l sitrep.Storyline
		if err := json.Unmarshal([]byte(data), &l); err != nil {
			return nil, 0, fmt.Errorf("decode storyline: %w", err)
		}
		out = append(out, &l)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	n, err := pageTotal(ctx, tx, `SELECT COUNT(*) FROM storylines l WHERE `+strings.Join(where, " AND "), args,
		len(out), filter.Limit, filter.Offset)
	if err != nil {
		return nil, 0, err
	}
	// Links come from story_links, the table of record.
	for _, l := range out {
		if err := loadLinks(ctx, tx, l); err != nil {
			return nil, 0, err
		}
	}
	return out, n, nil
}

func loadLinks(ctx context.Context, tx *Tx, l *sitrep.Storyline) error {
	rows, err := tx.QueryContext(ctx, `SELECT story_id, reason, score FROM story_links WHERE storyline_id = ? ORDER BY story_id`, l.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	l.Links = nil
	for rows.Next() {
		var k sitrep.StoryLink
		if err := rows.Scan(&k.StoryID, &k.Reason, &k.Score); err != nil {
			return err
		}
		l.Links = append(l.Links, k)
	}
	return rows.Err()
}

func loadClusterState(ctx context.Context, tx *Tx) (*sitrep.ClusterState, error) {
	st := &sitrep.ClusterState{}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, story_id, storyline_id, seq, duplicate_of, similarity, features
		FROM story_articles ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a sitrep.ClusterArticle
		var dup sql.NullString
		if err := rows.Scan(&a.ArticleID, &a.StoryID, &a.StorylineID, &a.Seq, &dup, &a.Similarity, &a.Features); err != nil {
			return nil, err
		}
		a.DuplicateOf = dup.String
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadClusterSummary(ctx, tx, st); err != nil {
		return nil, err
	}
	return st, nil
}

// loadClusterSummary fills the stories, storylines and id counters of st.
func loadClusterSummary(ctx context.Context, tx *Tx, st *sitrep.ClusterState) error {
	var err error
	if st.Stories, _, err = findStories(ctx, tx, sitrep.StoryFilter{}); err != nil {
		return err
	}
	if st.Storylines, _, err = findStorylines(ctx, tx, sitrep.StorylineFilter{}); err != nil {
		return err
	}
	for _, k := range []struct {
		key string
		dst *int64
	}{{"next_story_id", &st.NextStoryID}, {"next_storyline_id", &st.NextStorylineID}} {
		err := tx.QueryRowContext(ctx, `SELECT value FROM story_meta WHERE key = ?`, k.key).Scan(k.dst)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

func nullTimeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func saveClusterChanges(ctx context.Context, tx *Tx, ch *sitrep.ClusterChanges) error {
	now := formatTime(tx.Now())
	for _, a := range ch.Articles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_articles (article_id, story_id, storyline_id, seq, duplicate_of, similarity, features)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, storyline_id = excluded.storyline_id,
				seq = excluded.seq, duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, features = excluded.features`,
			a.ArticleID, a.StoryID, a.StorylineID, a.Seq, nullString(a.DuplicateOf), a.Similarity, a.Features); err != nil {
			return fmt.Errorf("save story article %s: %w", a.ArticleID, err)
		}
		// Mirror the assignment on the article row when it is stored (no-op otherwise).
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ?, storyline_id = ?, duplicate_of = ?, similarity = ? WHERE id = ?`,
			nullInt(a.StoryID), nullInt(a.StorylineID), nullString(a.DuplicateOf), a.Similarity, a.ArticleID); err != nil {
			return fmt.Errorf("update article %s: %w", a.ArticleID, err)
		}
	}
	for _, id := range ch.DeletedStories {
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_links WHERE story_id = ?`, id); err != nil {
			return err
		}
	}
	for _, s := range ch.Stories {
		data := *s
		data.ArticleIDs, data.Articles = nil, nil
		b, err := json.Marshal(&data)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, storyline_id, title, first_seen, last_seen, sources, origins, data, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET storyline_id = excluded.storyline_id, title = excluded.title,
				first_seen = excluded.first_seen, last_seen = excluded.last_seen, sources = excluded.sources,
				origins = excluded.origins, data = excluded.data, updated_at = excluded.updated_at`,
			s.ID, s.StorylineID, s.Title, nullTimeValue(s.FirstSeen), nullTimeValue(s.LastSeen), s.Sources, s.Origins, string(b), now); err != nil {
			return fmt.Errorf("save story %d: %w", s.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_actors WHERE story_id = ?`, s.ID); err != nil {
			return err
		}
		for _, a := range s.KeyActors {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO story_actors (story_id, actor) VALUES (?, ?)`, s.ID, a); err != nil {
				return err
			}
		}
	}
	for _, id := range ch.DeletedStorylines {
		if _, err := tx.ExecContext(ctx, `DELETE FROM storylines WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, l := range ch.Storylines {
		data := *l
		data.Links = nil
		b, err := json.Marshal(&data)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO storylines (id, title, first_seen, last_seen, data, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_seen = excluded.first_seen,
				last_seen = excluded.last_seen, data = excluded.data, updated_at = excluded.updated_at`,
			l.ID, l.Title, nullTimeValue(l.FirstSeen), nullTimeValue(l.LastSeen), string(b), now); err != nil {
			return fmt.Errorf("save storyline %d: %w", l.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_links WHERE storyline_id = ?`, l.ID); err != nil {
			return err
		}
		for _, k := range l.Links {
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_links (story_id, storyline_id, reason, score) VALUES (?, ?, ?, ?)
				ON CONFLICT (story_id) DO UPDATE SET storyline_id = excluded.storyline_id, reason = excluded.reason, score = excluded.score`,
				k.StoryID, l.ID, k.Reason, k.Score); err != nil {
				return err
			}
		}
	}
	for _, k := range []struct {
		key string
		v   int64
	}{{"next_story_id", ch.NextStoryID}, {"next_storyline_id", ch.NextStorylineID}} {
		if k.v == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)`, k.key, k.v); err != nil {
			return err
		}
	}
	return nil
}
