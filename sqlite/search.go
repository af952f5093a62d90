package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"modernc.org/sqlite"
)

// Ensure the service implements the interface.
var _ sitrep.SearchService = (*SearchService)(nil)

// Search limits.
const (
	// DefaultSearchLimit is the page size when SearchQuery.Limit is zero.
	DefaultSearchLimit = 20
	// MaxSearchLimit caps the page size.
	MaxSearchLimit = 500
	// MaxQueryLen caps the length of a full-text query, in bytes.
	MaxQueryLen = 1000
	// snippetTokens is the length of a snippet, in tokens.
	snippetTokens = 32
	// leadBytes is the length of the opening extract used as snippet when there is no query.
	leadBytes = 240
)

// Defaults of SearchService.
const (
	DefaultRankWindow    = 2000
	DefaultSearchTimeout = 5 * time.Second
)

// SearchService searches articles with the FTS5 index (BM25 ranking, title weighted 4:1 over
// text) and the actor and event index tables.
type SearchService struct {
	db *DB
	// RankWindow bounds ranking work: when a full-text query matches more articles than this,
	// only the RankWindow most recently ingested matches are ranked (the total still counts all
	// of them). Zero or less ranks every match.
	RankWindow int
	// Timeout bounds the work of one search (prefix queries such as "a*" can expand to many
	// terms); a search that runs out of it fails with EINVALID. Zero means no bound.
	Timeout time.Duration
}

// NewSearchService returns a SearchService on db.
func NewSearchService(db *DB) *SearchService {
	return &SearchService{db: db, RankWindow: DefaultRankWindow, Timeout: DefaultSearchTimeout}
}

// Search returns one page of the articles matching q, best first, and the total number of
// matches. A malformed full-text query is an EINVALID error.
func (s *SearchService) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchResult, int, error) {
	sctx := ctx
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		sctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	res, n, err := func() ([]sitrep.SearchResult, int, error) {
		tx, err := s.db.BeginTx(sctx, readOnly)
		if err != nil {
			return nil, 0, err
		}
		defer tx.Rollback()
		return search(sctx, tx, q, s.RankWindow)
	}()
	if err != nil && ctx.Err() == nil && sctx.Err() != nil {
		return nil, 0, sitrep.Errorf(sitrep.EINVALID, "Search took longer than %v; narrow the query.", s.Timeout)
	}
	return res, n, err
}

// ftsRank is the ranking expression: BM25 with title matches weighted 4:1 over text matches
// (the facets column does not count).
// bm25 is negative, better matches lower.
const ftsRank = "bm25(articles_fts, 4.0, 1.0, 0.0)"

// search counts the matches of q, then takes the page of best matches (row id and rank only, so
// no article row is read for matches off the page), then loads the articles of the page with
// their snippets. A full-text query with more than window matches ranks only the window newest
// (by ingestion) of them, which bounds the cost of BM25 on very common words.
func search(ctx context.Context, tx *Tx, q sitrep.SearchQuery, window int) ([]sitrep.SearchResult, int, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	limit = min(limit, MaxSearchLimit)
	offset := max(q.Offset, 0)

	var match, userMatch string
	if text := strings.TrimSpace(q.Query); text != "" {
		expr, err := ftsQuery(text)
		if err != nil {
			return nil, 0, err
		}
		userMatch = textColumns(expr)
	}

	var (
		where             []string
		args              []any
		from, order, cols string
	)
	ranked := userMatch != ""
	switch {
	case userMatch == "" && (strings.TrimSpace(q.Actor) != "" || strings.TrimSpace(q.EventType) != ""):
		// Actor or event filters without query text: the facet tokens find the articles (FTS5
		// intersects the posting lists), the covering index gives their dates for the order.
		facets, fw, fargs, err := facetWhere(ctx, tx, q)
		if err != nil {
			return nil, 0, err
		}
		match = "facets : (" + facets + ")"
		where = append([]string{"articles_fts MATCH ?"}, fw...)
		args = append([]any{match}, fargs...)
		from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
		order, cols = "a.published DESC, a.seq DESC", "f.rowid, 0"
	case userMatch == "":
		where, args = searchWhere(q)
		from = "articles a"
		order, cols = "a.published DESC, a.seq DESC", "a.seq, 0"
	default:
		var facets string
		var err error
		facets, where, args, err = facetWhere(ctx, tx, q)
		if err != nil {
			return nil, 0, err
		}
		match = userMatch
		if facets != "" {
			match += " AND facets : (" + facets + ")"
		}
		if len(where) > 0 {
			// The covering index answers the remaining filters without reading article rows.
			from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
		} else {
			from = "articles_fts f"
		}
		where = append([]string{"articles_fts MATCH ?"}, where...)
		args = append([]any{match}, args...)
		order, cols = "2, f.rowid DESC", "f.rowid, "+ftsRank
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}

	// Counting every match of a common word costs as much as the search itself on a large
	// store, so the count stops at sitrep.SearchCountLimit (a total equal to it means "at least").
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+from+cond+` LIMIT `+
		strconv.Itoa(sitrep.SearchCountLimit)+`)`, args...).Scan(&total); err != nil {
		return nil, 0, ftsError(err)
	}
	if total == 0 || offset >= total {
		return []sitrep.SearchResult{}, total, nil
	}
	if window = max(window, offset+limit); ranked && window > 0 && total > window {
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT f.rowid FROM `+from+cond+` ORDER BY f.rowid DESC LIMIT 1 OFFSET ?`,
			append(args, window-1)...).Scan(&seq); err != nil {
			return nil, 0, ftsError(err)
		}
		cond += " AND f.rowid >= ?"
		args = append(args, seq)
	}

	type hit struct {
		seq  int64
		rank float64
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+cols+` FROM `+from+cond+` ORDER BY `+order+
		limitOffset(limit, offset), args...)
	if err != nil {
		return nil, 0, ftsError(err)
	}
	var hits []hit
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.seq, &h.rank); err != nil {
			rows.Close()
			return nil, 0, err
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, ftsError(err)
	}

	out := make([]sitrep.SearchResult, 0, len(hits))
	if userMatch == "" {
		stmt, err := tx.PrepareContext(ctx, `SELECT `+articleColumns(false)+` FROM articles a WHERE a.seq = ?`)
		if err != nil {
			return nil, 0, err
		}
		defer stmt.Close()
		for _, h := range hits {
			a, err := scanArticle(stmt.QueryRowContext(ctx, h.seq), false)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, sitrep.SearchResult{Article: a, Snippet: lead(a.Text, leadBytes)})
		}
		return out, total, nil
	}
	// Snippets of the whole page in one full-text query: FTS5 sets a query up (for a prefix or a
	// phrase, the costly part) once per statement execution, so asking row by row would set it up
	// once per result. The unary + keeps "rowid IN" out of the index constraints given to FTS5, so
	// it scans the page's rowid range once and SQLite computes snippet() only for the page's rows.
	snippets := make(map[int64]string, len(hits))
	if len(hits) > 0 {
		lo, hi := hits[0].seq, hits[0].seq
		marks := make([]string, len(hits))
		sargs := []any{sitrep.SnippetOpen, sitrep.SnippetClose, sitrep.SnippetEllipsis, snippetTokens, userMatch}
		ids := make([]any, len(hits))
		for i, h := range hits {
			lo, hi = min(lo, h.seq), max(hi, h.seq)
			marks[i], ids[i] = "?", h.seq
		}
		sargs = append(append(sargs, lo, hi), ids...)
		rows, err := tx.QueryContext(ctx, `SELECT f.rowid, snippet(articles_fts, 1, ?, ?, ?, ?)
			FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid BETWEEN ? AND ?
			AND +f.rowid IN (`+strings.Join(marks, ",")+`)`, sargs...)
		if err != nil {
			return nil, 0, ftsError(err)
		}
		for rows.Next() {
			var seq int64
			var sn string
			if err := rows.Scan(&seq, &sn); err != nil {
				rows.Close()
				return nil, 0, err
			}
			snippets[seq] = sn
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, ftsError(err)
		}
	}
	stmt, err := tx.PrepareContext(ctx, `SELECT `+articleColumns(false)+` FROM articles a WHERE a.seq = ?`)
	if err != nil {
		return nil, 0, err
	}
	defer stmt.Close()
	for _, h := range hits {
		a, err := scanArticle(stmt.QueryRowContext(ctx, h.seq), false)
		if err != nil {
			return nil, 0, err
		}
		snippet := snippets[h.seq]
		if !strings.Contains(snippet, sitrep.SnippetOpen) {
			// The match is in the title only: show the opening of the text instead.
			snippet = lead(a.Text, leadBytes)
		}
		out = append(out, sitrep.SearchResult{Article: a, Snippet: snippet, Score: -h.rank})
	}
	return out, total, nil
}

// searchWhere renders the filter conditions of q for a search with neither query text nor actor
// or event filters, on the article table "a" (its outlet, language and date indexes drive the
// scan).
func searchWhere(q sitrep.SearchQuery) (where []string, args []any) {
	where, args = dateStoryWhere(q)
	if q.Outlet != "" {
		where, args = append(where, "a.outlet = ?"), append(args, q.Outlet)
	}
	if q.Language != "" {
		where, args = append(where, "a.language = ?"), append(args, q.Language)
	}
	return where, args
}

// dateStoryWhere renders the publication-date and story conditions of q on the article table
// "a".
func dateStoryWhere(q sitrep.SearchQuery) (where []string, args []any) {
	if q.Since != nil {
		where, args = append(where, "a.published >= ?"), append(args, formatTime(*q.Since))
	}
	if q.Until != nil {
		where, args = append(where, "a.published < ?"), append(args, formatTime(*q.Until))
	}
	if q.StoryID != 0 {
		where, args = append(where, "a.story_id = ?"), append(args, q.StoryID)
	}
	return where, args
}

// maxFacetMonths is the longest date range whose months are turned into facet tokens; a longer
// range is checked in SQL only.
const maxFacetMonths = 60

// facetWhere turns the filters of q into a facet expression for the facets column, and the
// conditions on the article table "a" that facets cannot express exactly (the date bounds
// within their months, the story).
func facetWhere(ctx context.Context, tx *Tx, q sitrep.SearchQuery) (facets string, where []string, args []any, err error) {
	var terms []string
	if q.Outlet != "" {
		terms = append(terms, facetToken(facetOutlet, q.Outlet))
	}
	if q.Language != "" {
		terms = append(terms, facetToken(facetLanguage, q.Language))
	}
	if v := strings.TrimSpace(q.Actor); v != "" {
		terms = append(terms, "("+facetToken(facetActorID, v)+" OR "+facetToken(facetCode, strings.ToUpper(v))+")")
	}
	if v := strings.TrimSpace(q.EventType); v != "" {
		if isDigits(v) {
			terms = append(terms, facetToken(facetCAMEO, v))
		} else {
			terms = append(terms, facetToken(facetPLOVER, strings.ToUpper(v)))
		}
	}
	if q.Since != nil || q.Until != nil {
		months, err := monthRange(ctx, tx, q.Since, q.Until)
		if err != nil {
			return "", nil, nil, err
		}
		if len(months) > 0 && len(months) <= maxFacetMonths {
			terms = append(terms, "("+strings.Join(months, " OR ")+")")
		}
	}
	where, args = dateStoryWhere(q)
	return strings.Join(terms, " AND "), where, args, nil
}

// monthRange returns the month tokens from since to until (exclusive); an open end is taken
// from the earliest or latest stored publication date. It returns nil when the range is empty
// or too long to list.
func monthRange(ctx context.Context, tx *Tx, since, until *time.Time) ([]string, error) {
	var lo, hi time.Time
	if since != nil {
		lo = since.UTC()
	}
	if until != nil {
		hi = until.UTC().Add(-time.Nanosecond)
	}
	if since == nil || until == nil {
		var first, last sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT MIN(published), MAX(published) FROM articles`).Scan(&first, &last); err != nil {
			return nil, err
		}
		if !first.Valid {
			return nil, nil
		}
		if since == nil {
			t, err := parseTime(first.String)
			if err != nil {
				return nil, err
			}
			lo = t
		}
		if until == nil {
			t, err := parseTime(last.String)
			if err != nil {
				return nil, err
			}
			hi = t
		}
	}
	lo = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []string
	for m := lo; !m.After(hi); m = m.AddDate(0, 1, 0) {
		if len(out) == maxFacetMonths {
			return nil, nil
		}
		out = append(out, monthToken(m))
	}
	return out, nil
}

// textColumns keeps user words from matching facet tokens. A word cannot match one unless it is
// typed exactly as a token, but a prefix query ("z*") could: such a query is restricted to the
// title and text columns. Other queries are left alone, since a column filter makes FTS5 read
// position lists and costs time on common words.
func textColumns(expr string) string {
	if !strings.Contains(expr, "*") {
		return expr
	}
	return "{title text} : (" + expr + ")"
}

// ftsQuery turns a user query into an FTS5 query. A query that uses FTS5 syntax (double quotes,
// *, ^, :, +, parentheses, braces or the operators AND, OR, NOT, NEAR) passes through as it is.
// Any other query is split on white space and each word is quoted, so that punctuation inside
// words ("Netanyahu's", "cease-fire", "U.S.") matches as in the text instead of being a syntax
// error; all words must occur.
func ftsQuery(q string) (string, error) {
	if len(q) > MaxQueryLen {
		return "", sitrep.Errorf(sitrep.EINVALID, "Search query too long (%d bytes, limit %d).", len(q), MaxQueryLen)
	}
	if !utf8.ValidString(q) || strings.ContainsRune(q, 0) {
		return "", sitrep.Errorf(sitrep.EINVALID, "Search query is not valid text.")
	}
	if usesSyntax(q) {
		return q, nil
	}
	var b strings.Builder
	for _, w := range strings.Fields(q) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(w)
		b.WriteByte('"')
	}
	if b.Len() == 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "Search query has no words.")
	}
	return b.String(), nil
}

// usesSyntax reports whether q uses FTS5 query syntax.
func usesSyntax(q string) bool {
	if strings.ContainsAny(q, `"*^:+(){}`) {
		return true
	}
	for _, w := range strings.Fields(q) {
		switch w {
		case "AND", "OR", "NOT":
			return true
		}
		if strings.HasPrefix(w, "NEAR") {
			return true
		}
	}
	return false
}

// ftsError turns an SQLite error caused by a malformed full-text query into EINVALID. The
// statements are fixed, so a plain SQL error from them comes from the query text.
func ftsError(err error) error {
	if err == nil {
		return nil
	}
	var e *sqlite.Error
	if errors.As(err, &e) && e.Code()&0xff == 1 { // SQLITE_ERROR
		msg := strings.TrimPrefix(e.Error(), "SQL logic error: ")
		if i := strings.Index(msg, " (1)"); i >= 0 {
			msg = msg[:i]
		}
		return sitrep.Errorf(sitrep.EINVALID, "Invalid search query: %s.", msg)
	}
	return err
}

// lead returns the opening of text, at most n bytes cut at a word boundary, with an ellipsis when
// cut.
func lead(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if i := strings.LastIndexAny(text[:cut], " \n\t"); i > n/2 {
		cut = i
	}
	return strings.TrimRight(text[:cut], " \n\t,;:") + sitrep.SnippetEllipsis
}
