package sqlite

import (
	"context"
	"fmt"
)

// KBService keeps imported actor-dictionary lines (the actor stage's plain-text knowledge-base
// format), grouped by the source they came from, so that user additions survive restarts.
type KBService struct {
	db *DB
}

// NewKBService returns a KBService on db.
func NewKBService(db *DB) *KBService {
	return &KBService{db: db}
}

// ReplaceKBEntries stores lines as the whole content of source, replacing what was imported from
// it before, in one transaction.
func (s *KBService) ReplaceKBEntries(ctx context.Context, source string, lines []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM kb_entries WHERE source = ?`, source); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO kb_entries (source, line) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, line := range lines {
		if _, err := stmt.ExecContext(ctx, source, line); err != nil {
			return fmt.Errorf("insert kb line: %w", err)
		}
	}
	return tx.Commit()
}

// KBEntries returns the lines imported from source in import order; with source "" it returns
// the lines of every source, grouped by source name.
func (s *KBService) KBEntries(ctx context.Context, source string) ([]string, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q, args := `SELECT line FROM kb_entries ORDER BY source, seq`, []any{}
	if source != "" {
		q, args = `SELECT line FROM kb_entries WHERE source = ? ORDER BY seq`, []any{source}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	return out, rows.Err()
}

// KBSources returns the names of the imported sources with their line counts.
func (s *KBService) KBSources(ctx context.Context) (map[string]int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT source, COUNT(*) FROM kb_entries GROUP BY source`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return nil, err
		}
		out[src] = n
	}
	return out, rows.Err()
}
