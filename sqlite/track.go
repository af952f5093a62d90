package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// Ensure the services implement the interfaces.
var (
	_ sitrep.ProfileService = (*ProfileService)(nil)
	_ sitrep.AlertService   = (*AlertService)(nil)
)

// ProfileService stores tracking profiles.
type ProfileService struct {
	db *DB
}

// NewProfileService returns a ProfileService on db.
func NewProfileService(db *DB) *ProfileService {
	return &ProfileService{db: db}
}

// FindProfileByID returns the profile with the given id, or ENOTFOUND.
func (s *ProfileService) FindProfileByID(ctx context.Context, id int64) (*sitrep.Profile, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findProfileByID(ctx, tx, id)
}

// FindProfiles returns the profiles matching filter, oldest first, and their total count.
func (s *ProfileService) FindProfiles(ctx context.Context, filter sitrep.ProfileFilter) ([]*sitrep.Profile, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findProfiles(ctx, tx, filter)
}

// CreateProfile stores p and sets its ID and CreatedAt.
func (s *ProfileService) CreateProfile(ctx context.Context, p *sitrep.Profile) error {
	if p == nil {
		return sitrep.Errorf(sitrep.EINVALID, "Profile required.")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	actors, events := jsonList(p.Actors), jsonList(p.Events)
	res, err := tx.ExecContext(ctx, `INSERT INTO profiles (name, actors, events, query, webhook, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, p.Name, actors, events, p.Query, p.Webhook, formatTime(tx.now))
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	p.ID, p.CreatedAt = id, tx.now
	return nil
}

// UpdateProfile changes the fields set in upd and returns the updated profile.
func (s *ProfileService) UpdateProfile(ctx context.Context, id int64, upd sitrep.ProfileUpdate) (*sitrep.Profile, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findProfileByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if v := upd.Name; v != nil {
		p.Name = *v
	}
	if v := upd.Actors; v != nil {
		p.Actors = *v
	}
	if v := upd.Events; v != nil {
		p.Events = *v
	}
	if v := upd.Query; v != nil {
		p.Query = *v
	}
	if v := upd.Webhook; v != nil {
		p.Webhook = *v
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE profiles SET name = ?, actors = ?, events = ?, query = ?,
		webhook = ? WHERE id = ?`, p.Name, jsonList(p.Actors), jsonList(p.Events), p.Query, p.Webhook, id); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return p, nil
}

// DeleteProfile removes the profile and its alerts, or returns ENOTFOUND.
func (s *ProfileService) DeleteProfile(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM profiles WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "Profile not found.")
	}
	return tx.Commit()
}

// jsonList encodes a list of strings, [] for nil.
func jsonList(s []string) string {
	b, _ := json.Marshal(nonNil(s)) // a []string always encodes
	return string(b)
}

func findProfileByID(ctx context.Context, tx *Tx, id int64) (*sitrep.Profile, error) {
	ps, _, err := findProfiles(ctx, tx, sitrep.ProfileFilter{ID: &id, Limit: 1})
	if err != nil {
		return nil, err
	} else if len(ps) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Profile not found.")
	}
	return ps[0], nil
}

func findProfiles(ctx context.Context, tx *Tx, filter sitrep.ProfileFilter) ([]*sitrep.Profile, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := filter.ID; v != nil {
		where, args = append(where, "id = ?"), append(args, *v)
	}
	if v := filter.Name; v != nil {
		where, args = append(where, "name = ?"), append(args, *v)
	}
	cond := strings.Join(where, " AND ")
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM profiles WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, actors, events, query, webhook, created_at
		FROM profiles WHERE `+cond+` ORDER BY id`+limitOffset(filter.Limit, filter.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*sitrep.Profile{}
	for rows.Next() {
		var p sitrep.Profile
		var actors, events, created string
		if err := rows.Scan(&p.ID, &p.Name, &actors, &events, &p.Query, &p.Webhook, &created); err != nil {
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(actors), &p.Actors); err != nil {
			return nil, 0, fmt.Errorf("sqlite: decode actors of profile %d: %w", p.ID, err)
		}
		if err := json.Unmarshal([]byte(events), &p.Events); err != nil {
			return nil, 0, fmt.Errorf("sqlite: decode events of profile %d: %w", p.ID, err)
		}
		if p.CreatedAt, err = parseTime(created); err != nil {
			return nil, 0, err
		}
		out = append(out, &p)
	}
	return out, n, rows.Err()
}

// AlertService stores alerts; the same development (profile and key) is stored once.
type AlertService struct {
	db *DB
}

// NewAlertService returns an AlertService on db.
func NewAlertService(db *DB) *AlertService {
	return &AlertService{db: db}
}

// CreateAlert stores a unless its profile already has an alert with the same key, and reports
// whether it was stored. It sets ID and CreatedAt of a stored alert; when the alert exists
// already, a is left unchanged.
func (s *AlertService) CreateAlert(ctx context.Context, a *sitrep.Alert) (bool, error) {
	if a == nil {
		return false, sitrep.Errorf(sitrep.EINVALID, "Alert required.")
	}
	if err := a.Validate(); err != nil {
		return false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := findProfileByID(ctx, tx, a.ProfileID); err != nil {
		return false, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO alerts (profile_id, kind, key, story_id, storyline_id,
			article_id, message, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (profile_id, key) DO NOTHING
		RETURNING id`, a.ProfileID, a.Kind, a.Key, nullInt(a.StoryID), nullInt(a.StorylineID),
		nullString(a.ArticleID), a.Message, formatTime(tx.now)).Scan(&id)
	if err == sql.ErrNoRows {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	a.ID, a.CreatedAt = id, tx.now
	return true, nil
}

// FindAlerts returns the alerts matching filter, newest first, and their total count.
func (s *AlertService) FindAlerts(ctx context.Context, filter sitrep.AlertFilter) ([]*sitrep.Alert, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findAlerts(ctx, tx, filter)
}

func findAlerts(ctx context.Context, tx *Tx, filter sitrep.AlertFilter) ([]*sitrep.Alert, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := filter.ProfileID; v != nil {
		where, args = append(where, "profile_id = ?"), append(args, *v)
	}
	if v := filter.Kind; v != nil {
		where, args = append(where, "kind = ?"), append(args, *v)
	}
	if v := filter.Since; v != nil {
		where, args = append(where, "created_at >= ?"), append(args, formatTime(*v))
	}
	cond := strings.Join(where, " AND ")
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, profile_id, kind, key, story_id, storyline_id, article_id,
			message, created_at
		FROM alerts WHERE `+cond+` ORDER BY created_at DESC, id DESC`+limitOffset(filter.Limit, filter.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*sitrep.Alert{}
	for rows.Next() {
		var a sitrep.Alert
		var storyID, storylineID sql.NullInt64
		var articleID sql.NullString
		var created string
		if err := rows.Scan(&a.ID, &a.ProfileID, &a.Kind, &a.Key, &storyID, &storylineID, &articleID,
			&a.Message, &created); err != nil {
			return nil, 0, err
		}
		a.StoryID, a.StorylineID, a.ArticleID = storyID.Int64, storylineID.Int64, articleID.String
		if a.CreatedAt, err = parseTime(created); err != nil {
			return nil, 0, err
		}
		out = append(out, &a)
	}
	return out, n, rows.Err()
}
