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
	_ sitrep.ClaimService    = (*ClaimService)(nil)
	_ sitrep.ClaimStore      = (*ClaimService)(nil)
	_ sitrep.TrackStateStore = (*TrackStateStore)(nil)
)

// postingsPerTerm bounds how many claims (the most recent) each term contributes to a candidate
// search, so that a very common word does not make matching cost grow with the store.
const postingsPerTerm = 256

// ClaimService stores claims across articles and their reports.
type ClaimService struct {
	db *DB
}

// NewClaimService returns a ClaimService on db.
func NewClaimService(db *DB) *ClaimService {
	return &ClaimService{db: db}
}

// FindClaimByID returns the claim with its reports, oldest first, or ENOTFOUND.
func (s *ClaimService) FindClaimByID(ctx context.Context, id int64) (*sitrep.ReportedClaim, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cs, _, err := findClaims(ctx, tx, sitrep.ClaimFilter{ID: &id, Limit: 1})
	if err != nil {
		return nil, err
	} else if len(cs) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "Claim not found.")
	}
	c := cs[0]
	if c.Reports, err = findClaimReports(ctx, tx, c.ID); err != nil {
		return nil, err
	}
	return c, nil
}

// FindClaims returns the claims matching filter, most recently seen first, and their count.
func (s *ClaimService) FindClaims(ctx context.Context, filter sitrep.ClaimFilter) ([]*sitrep.ReportedClaim, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findClaims(ctx, tx, filter)
}

// ClaimCandidates returns up to limit claims sharing the most of terms, best first. Each term
// contributes at most its postingsPerTerm most recent claims.
func (s *ClaimService) ClaimCandidates(ctx context.Context, terms []string, limit int) ([]*sitrep.ReportedClaim, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `SELECT claim_id FROM claim_terms WHERE term = ?
		ORDER BY claim_id DESC LIMIT `+fmt.Sprint(postingsPerTerm))
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	score := map[int64]int{}
	for _, t := range uniqueStrings(terms) {
		rows, err := stmt.QueryContext(ctx, t)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			score[id]++
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return findClaimsByIDs(ctx, tx, sitrep.BestCandidates(score, limit))
}

// findClaimsByIDs returns the claims with the given ids, in the order given.
func findClaimsByIDs(ctx context.Context, tx *Tx, ids []int64) ([]*sitrep.ReportedClaim, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, key, speaker, speaker_key, content, status, status_report,
			first_seen, last_seen, report_count, outlets, terms
		FROM claims WHERE id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]*sitrep.ReportedClaim, len(ids))
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, err
		}
		byID[c.ID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*sitrep.ReportedClaim, 0, len(ids))
	for _, id := range ids {
		if c := byID[id]; c != nil {
			out = append(out, c)
		}
	}
	return out, nil
}

// scanClaim reads one row of the claims columns in their table order.
func scanClaim(rows *sql.Rows) (*sitrep.ReportedClaim, error) {
	var c sitrep.ReportedClaim
	var speaker, first, last, outlets, terms string
	if err := rows.Scan(&c.ID, &c.Key, &speaker, &c.SpeakerKey, &c.Content, &c.Status, &c.StatusReport,
		&first, &last, &c.ReportCount, &outlets, &terms); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(speaker), &c.Speaker); err != nil {
		return nil, fmt.Errorf("sqlite: decode speaker of claim %d: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(outlets), &c.Outlets); err != nil {
		return nil, fmt.Errorf("sqlite: decode outlets of claim %d: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(terms), &c.Terms); err != nil {
		return nil, fmt.Errorf("sqlite: decode terms of claim %d: %w", c.ID, err)
	}
	var err error
	if c.FirstSeen, err = parseTime(first); err != nil {
		return nil, err
	}
	if c.LastSeen, err = parseTime(last); err != nil {
		return nil, err
	}
	return &c, nil
}

// SaveClaims creates new claims and updates the others, then inserts the reports, in one
// transaction, with each statement prepared once. A claim with a zero ID is inserted and given
// one; a claim with an ID is updated when stored and inserted with that ID otherwise (a caller
// such as claim.CachedStore may assign ids itself and save many articles at once). The terms of
// a claim are indexed only when it is inserted. A report already stored (same article, claim key
// and quote) is skipped. A report whose effect is its claim's status (as ro.Claim holds it)
// becomes the claim's status report; reports are applied in order, so the last such one wins.
func (s *ClaimService) SaveClaims(ctx context.Context, claims []*sitrep.ReportedClaim, reports []sitrep.ClaimReportOf) error {
	for _, ro := range reports {
		if ro.Claim == nil || ro.Report == nil {
			return sitrep.Errorf(sitrep.EINVALID, "Claim report needs a claim.")
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := prepareClaimStmts(ctx, tx)
	if err != nil {
		return err
	}
	defer st.close()
	for _, c := range claims {
		if err := st.saveClaim(ctx, tx, c); err != nil {
			return err
		}
	}
	for _, ro := range reports {
		r := ro.Report
		if ro.Claim.ID == 0 {
			return sitrep.Errorf(sitrep.EINVALID, "Claim report needs a saved claim.")
		}
		r.ClaimID = ro.Claim.ID
		var pub any
		if !r.Published.IsZero() {
			pub = formatTime(r.Published)
		}
		var id int64
		err := st.insertReport.QueryRowContext(ctx,
			r.ClaimID, r.ArticleID, r.Outlet, nullInt(r.StoryID), nullInt(r.StorylineID), r.ClaimKey,
			r.QuoteIndex, jsonValue(r.Speaker), r.Content, r.Sentence, r.Start, r.End, r.Cue, r.Stance,
			r.Hedge, r.Similarity, r.Effect, r.Reason, pub, formatTime(tx.now)).Scan(&id)
		if err == sql.ErrNoRows {
			continue
		} else if err != nil {
			return fmt.Errorf("sqlite: insert claim report: %w", err)
		}
		r.ID, r.CreatedAt = id, tx.now
		if r.Effect != "" && r.Effect == ro.Claim.Status {
			ro.Claim.StatusReport = id
			if _, err := st.setStatusReport.ExecContext(ctx, id, ro.Claim.ID); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// claimStmts are the statements SaveClaims runs, prepared once per transaction.
type claimStmts struct {
	insertNew, insertWithID, update, insertTerm, insertReport, setStatusReport *sql.Stmt
}

func prepareClaimStmts(ctx context.Context, tx *Tx) (*claimStmts, error) {
	st := &claimStmts{}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.insertNew, `INSERT INTO claims (key, speaker, speaker_key, content, status,
				status_report, first_seen, last_seen, report_count, outlets, terms)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&st.insertWithID, `INSERT INTO claims (key, speaker, speaker_key, content, status,
				status_report, first_seen, last_seen, report_count, outlets, terms, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&st.update, `UPDATE claims SET key = ?, speaker = ?, speaker_key = ?, content = ?,
				status = ?, status_report = ?, first_seen = ?, last_seen = ?, report_count = ?, outlets = ?,
				terms = ? WHERE id = ?`},
		{&st.insertTerm, `INSERT OR IGNORE INTO claim_terms (term, claim_id) VALUES (?, ?)`},
		{&st.insertReport, `INSERT INTO claim_reports (claim_id, article_id, outlet, story_id,
				storyline_id, claim_key, quote_index, speaker, content, sentence, start, end, cue, stance,
				hedge, similarity, effect, reason, published, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id, claim_key, quote_index) DO NOTHING RETURNING id`},
		{&st.setStatusReport, `UPDATE claims SET status_report = ? WHERE id = ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return nil, fmt.Errorf("sqlite: prepare claim statement: %w", err)
		}
		*p.dst = stmt
	}
	return st, nil
}

func (st *claimStmts) close() {
	for _, s := range []*sql.Stmt{st.insertNew, st.insertWithID, st.update, st.insertTerm, st.insertReport, st.setStatusReport} {
		if s != nil {
			s.Close()
		}
	}
}

func (st *claimStmts) saveClaim(ctx context.Context, tx *Tx, c *sitrep.ReportedClaim) error {
	if c.FirstSeen.IsZero() {
		c.FirstSeen = tx.now
	}
	if c.LastSeen.IsZero() {
		c.LastSeen = c.FirstSeen
	}
	args := []any{c.Key, jsonValue(c.Speaker), c.SpeakerKey, c.Content, c.Status, c.StatusReport,
		formatTime(c.FirstSeen), formatTime(c.LastSeen), c.ReportCount, jsonList(c.Outlets), jsonList(c.Terms)}
	if c.ID == 0 {
		if err := st.insertNew.QueryRowContext(ctx, args...).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqlite: insert claim: %w", err)
		}
	} else {
		res, err := st.insertWithID.ExecContext(ctx, append(args, c.ID)...)
		if err != nil {
			return fmt.Errorf("sqlite: insert claim %d: %w", c.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			// A claim's terms are fixed when it is created (later reports add counts, outlets
			// and status, never words), so an update leaves its postings in claim_terms as they
			// are.
			if _, err := st.update.ExecContext(ctx, append(args, c.ID)...); err != nil {
				return fmt.Errorf("sqlite: update claim %d: %w", c.ID, err)
			}
			return nil
		}
	}
	for _, t := range uniqueStrings(c.Terms) {
		if _, err := st.insertTerm.ExecContext(ctx, t, c.ID); err != nil {
			return err
		}
	}
	return nil
}

func findClaims(ctx context.Context, tx *Tx, filter sitrep.ClaimFilter) ([]*sitrep.ReportedClaim, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := filter.ID; v != nil {
		where, args = append(where, "id = ?"), append(args, *v)
	}
	if v := filter.Status; v != nil {
		where, args = append(where, "status = ?"), append(args, *v)
	}
	if v := filter.ArticleID; v != nil {
		where, args = append(where, "id IN (SELECT claim_id FROM claim_reports WHERE article_id = ?)"), append(args, *v)
	}
	if v := filter.StorylineID; v != nil {
		where, args = append(where, "id IN (SELECT claim_id FROM claim_reports WHERE storyline_id = ?)"), append(args, *v)
	}
	if v := filter.Speaker; v != nil {
		where = append(where, "(speaker_key = lower(?) OR lower(json_extract(speaker, '$.text')) = lower(?))")
		args = append(args, *v, *v)
	}
	if filter.MinReports > 0 {
		where, args = append(where, "report_count >= ?"), append(args, filter.MinReports)
	}
	if v := filter.Since; v != nil {
		where, args = append(where, "last_seen >= ?"), append(args, formatTime(*v))
	}
	cond := strings.Join(where, " AND ")
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM claims WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, key, speaker, speaker_key, content, status, status_report,
			first_seen, last_seen, report_count, outlets, terms
		FROM claims WHERE `+cond+` ORDER BY last_seen DESC, id DESC`+limitOffset(filter.Limit, filter.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*sitrep.ReportedClaim{}
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, n, rows.Err()
}

func findClaimReports(ctx context.Context, tx *Tx, claimID int64) ([]*sitrep.ClaimReport, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, claim_id, article_id, outlet, story_id, storyline_id,
			claim_key, quote_index, speaker, content, sentence, start, end, cue, stance, hedge, similarity,
			effect, reason, published, created_at
		FROM claim_reports WHERE claim_id = ? ORDER BY id`, claimID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*sitrep.ClaimReport{}
	for rows.Next() {
		var r sitrep.ClaimReport
		var storyID, lineID sql.NullInt64
		var pub sql.NullString
		var speaker, created string
		if err := rows.Scan(&r.ID, &r.ClaimID, &r.ArticleID, &r.Outlet, &storyID, &lineID, &r.ClaimKey,
			&r.QuoteIndex, &speaker, &r.Content, &r.Sentence, &r.Start, &r.End, &r.Cue, &r.Stance, &r.Hedge,
			&r.Similarity, &r.Effect, &r.Reason, &pub, &created); err != nil {
			return nil, err
		}
		r.StoryID, r.StorylineID = storyID.Int64, lineID.Int64
		if err := json.Unmarshal([]byte(speaker), &r.Speaker); err != nil {
			return nil, fmt.Errorf("sqlite: decode speaker of claim report %d: %w", r.ID, err)
		}
		if pub.Valid {
			if r.Published, err = parseTime(pub.String); err != nil {
				return nil, err
			}
		}
		if r.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}

// jsonValue encodes v as JSON ("{}" if it cannot be encoded).
func jsonValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// uniqueStrings returns the distinct non-empty strings of l, in order.
func uniqueStrings(l []string) []string {
	seen := make(map[string]bool, len(l))
	out := make([]string, 0, len(l))
	for _, s := range l {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// TrackStateStore stores the tracker's per-storyline memory.
type TrackStateStore struct {
	db *DB
}

// NewTrackStateStore returns a TrackStateStore on db.
func NewTrackStateStore(db *DB) *TrackStateStore {
	return &TrackStateStore{db: db}
}

// LoadTrackState returns the stored states of the given storylines.
func (s *TrackStateStore) LoadTrackState(ctx context.Context, ids []int64) (map[int64][]byte, error) {
	out := map[int64][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for _, id := range ids {
		var b []byte
		err := tx.QueryRowContext(ctx, `SELECT state FROM track_state WHERE storyline_id = ?`, id).Scan(&b)
		if err == sql.ErrNoRows {
			continue
		} else if err != nil {
			return nil, err
		}
		out[id] = b
	}
	return out, nil
}

// SaveTrackState stores the given states, replacing older ones, in one transaction.
func (s *TrackStateStore) SaveTrackState(ctx context.Context, states map[int64][]byte) error {
	if len(states) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for id, b := range states {
		if _, err := tx.ExecContext(ctx, `INSERT INTO track_state (storyline_id, state, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (storyline_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
			id, b, formatTime(tx.now)); err != nil {
			return err
		}
	}
	return tx.Commit()
}
