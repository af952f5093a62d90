package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	DefaultRankWindow    = 1000
	DefaultSearchTimeout = 5 * time.Second
)

// SearchService searches articles with the FTS5 index (BM25 ranking, title weighted 4:1 over
// text) and the actor and event index tables.
type SearchService struct {
	db *DB
	// RankWindow bounds ranking work: when a full-text query matches more articles than this,
	// only the RankWindow most recently ingested matches are ranked (the total still counts all
	// of them, up to sitrep.SearchCountLimit). Zero or less ranks every match.
	RankWindow int
	// Timeout bounds the work of one search (prefix queries such as "a*" can expand to many
	// terms); a search that runs out of it fails with EINVALID. Zero means no bound.
	Timeout time.Duration

	// stems tokenizes words as the full-text index does, for prefix expansion; nil disables
	// the expansion.
	stems *stemmer
}

// NewSearchService returns a SearchService on db.
func NewSearchService(db *DB) *SearchService {
	s := &SearchService{db: db, RankWindow: DefaultRankWindow, Timeout: DefaultSearchTimeout, stems: &stemmer{}}
	// The stemmer's in-memory database lives as long as the service.
	runtime.AddCleanup(s, func(st *stemmer) { st.close() }, s.stems)
	return s
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
		return search(sctx, tx, q, s.RankWindow, s.stems)
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

// search finds the page of best matches of q (row id and rank only, so no article row is read
// for matches off the page), then loads the articles of the page with their snippets. A
// full-text query with more than window matches ranks only the window newest (by ingestion) of
// them, which bounds the cost of BM25 on very common words.
func search(ctx context.Context, tx *Tx, q sitrep.SearchQuery, window int, stems *stemmer) ([]sitrep.SearchResult, int, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	limit = min(limit, MaxSearchLimit)
	offset := max(q.Offset, 0)

	var userMatch string
	if text := strings.TrimSpace(q.Query); text != "" {
		expr, err := ftsQuery(text)
		if err != nil {
			return nil, 0, err
		}
		if expr, err = expandPrefixes(ctx, tx, stems, expr); err != nil {
			return nil, 0, err
		}
		userMatch = textColumns(expr)
	}

	var hits []hit
	var total int
	var err error
	switch {
	case userMatch != "":
		hits, total, err = rankedHits(ctx, tx, q, userMatch, window, limit, offset)
	case strings.TrimSpace(q.Actor) != "" || strings.TrimSpace(q.EventType) != "":
		hits, total, err = facetHits(ctx, tx, q, limit, offset)
	default:
		hits, total, err = filterHits(ctx, tx, q, limit, offset)
	}
	if err != nil {
		return nil, 0, err
	}
	if len(hits) == 0 {
		return []sitrep.SearchResult{}, total, nil
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

// hit is one match of a search page: the article's row id and its rank (bm25, lower is better;
// zero without query text).
type hit struct {
	seq  int64
	rank float64
}

// walkCost is how many sorted matches cost as much as one entry of the publication-date walk
// (which reads the article row for its facet tokens; a sorted match is one lookup in the
// covering index).
const walkCost = 3

// countMatches counts the rows of "SELECT … FROM from WHERE cond" (from names the full-text
// table f), stopping at sitrep.SearchCountLimit, and returns the lowest and highest row id
// counted: FTS5 goes through matches in row id order, so when the count stops early they tell
// how dense the matches are.
func countMatches(ctx context.Context, tx *Tx, from, cond string, args []any) (n int, lo, hi int64, err error) {
	var l, h sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*), MIN(r), MAX(r) FROM (SELECT f.rowid AS r FROM `+from+
		` WHERE `+cond+` LIMIT `+strconv.Itoa(sitrep.SearchCountLimit)+`)`, args...).Scan(&n, &l, &h)
	return n, l.Int64, h.Int64, ftsError(err)
}

// countRows counts the rows of "SELECT … FROM from WHERE cond", stopping at
// sitrep.SearchCountLimit.
func countRows(ctx context.Context, tx *Tx, from, cond string, args []any) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+from+` WHERE `+cond+` LIMIT `+
		strconv.Itoa(sitrep.SearchCountLimit)+`)`, args...).Scan(&n)
	return n, err
}

// storedSeq returns the highest article row id.
func storedSeq(ctx context.Context, tx *Tx) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&seq)
	return seq, err
}

// rankedHits returns the page of best matches of a search with query text (userMatch, the
// rendered full-text expression) and the bounded total.
//
// The filters become facet terms ANDed to the expression and SQL conditions on the covering
// index; the candidates (the window newest matches, row ids only) and the count use them (the
// count only when the candidates fill the window). The ranking then runs on the user
// expression alone, restricted to the candidates: BM25 prepares
// each phrase of its query by reading that phrase's whole posting list (for its document
// frequency), so facet terms left in the ranked query would cost one such pass each while
// weighing nothing (the facets column has weight 0).
func rankedHits(ctx context.Context, tx *Tx, q sitrep.SearchQuery, userMatch string, window, limit, offset int) ([]hit, int, error) {
	facets, where, args, err := facetWhere(ctx, tx, q)
	if err != nil {
		return nil, 0, err
	}
	match := userMatch
	if facets != "" {
		match += " AND " + facets
	}
	from := "articles_fts f"
	if len(where) > 0 {
		// The covering index answers the remaining filters without reading article rows.
		from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
	}
	cond := strings.Join(append([]string{"articles_fts MATCH ?"}, where...), " AND ")
	args = append([]any{match}, args...)
	filtered := facets != "" || len(where) > 0

	rank := `SELECT f.rowid, ` + ftsRank + ` FROM articles_fts f WHERE articles_fts MATCH ?`
	rargs := []any{userMatch}
	var total int
	if window > 0 {
		// The candidates first: the window newest matches (all of them when there are fewer,
		// which then also gives the total without a count).
		window = max(window, offset+limit)
		rows, err := tx.QueryContext(ctx, `SELECT f.rowid FROM `+from+` WHERE `+cond+
			` ORDER BY f.rowid DESC LIMIT `+strconv.Itoa(window), args...)
		if err != nil {
			return nil, 0, ftsError(err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, 0, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, ftsError(err)
		}
		total = len(ids)
		if total == window {
			n, _, _, err := countMatches(ctx, tx, from, cond, args)
			if err != nil {
				return nil, 0, err
			}
			total = max(n, total)
		}
		if total == 0 || offset >= total {
			return nil, total, nil
		}
		// Every match of the user expression at or above the oldest candidate is a candidate,
		// unless filters removed some: then the list itself restricts the rows (the unary +
		// keeps it out of the constraints given to FTS5, which scans the row id range once).
		rank += " AND f.rowid BETWEEN ? AND ?"
		rargs = append(rargs, ids[len(ids)-1], ids[0])
		if filtered {
			rank += " AND +f.rowid IN (" + joinInts(ids) + ")"
		}
	} else {
		// No window: rank every match.
		n, _, _, err := countMatches(ctx, tx, from, cond, args)
		if err != nil || n == 0 || offset >= n {
			return nil, n, err
		}
		total = n
		if filtered {
			rank, rargs = `SELECT f.rowid, `+ftsRank+` FROM `+from+` WHERE `+cond, args
		}
	}
	hits, err := queryHits(ctx, tx, rank+` ORDER BY 2, f.rowid DESC`+limitOffset(limit, offset), rargs)
	return hits, total, err
}

// facetHits returns the page of newest articles matching the actor or event filters of q (with
// its other filters), by publication date, and the bounded total. The facet tokens find the
// articles (FTS5 intersects the posting lists).
//
// With few matches, their dates come from the covering index and are sorted. With many, sorting
// would read the date of every match (tens of thousands of index lookups for a common actor), so
// the publication-date index is walked newest first instead, checking each entry, which stops
// after about need × stored ÷ matches entries.
func facetHits(ctx context.Context, tx *Tx, q sitrep.SearchQuery, limit, offset int) ([]hit, int, error) {
	facets, where, wargs, err := facetWhere(ctx, tx, q)
	if err != nil {
		return nil, 0, err
	}
	from := "articles_fts f"
	if len(where) > 0 {
		from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
	}
	cond := strings.Join(append([]string{"articles_fts MATCH ?"}, where...), " AND ")
	args := append([]any{facets}, wargs...)
	total, lo, hi, err := countMatches(ctx, tx, from, cond, args)
	if err != nil || total == 0 || offset >= total {
		return nil, total, err
	}
	need := offset + limit
	stored, err := storedSeq(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	// A count that stopped early gives a density, hence about how many matches there are.
	all := float64(total)
	if total >= sitrep.SearchCountLimit && hi > lo {
		all = max(all, all*float64(stored)/float64(hi-lo+1))
	}
	// Index entries the walk is expected to read (matches are spread over the store), against
	// the matches a sort reads (all of them).
	walk := float64(need) * float64(stored) / all
	if all >= walkCost*walk {
		// Matches bunched in older articles make the walk longer than expected: it gives up
		// after a budget of entries, and the matches are sorted after all.
		hits, err := walkHits(ctx, tx, q, need, int(min(4*walk, 1e7))+1000)
		if err != nil {
			return nil, 0, err
		}
		if len(hits) >= min(need, total) {
			if offset >= len(hits) {
				return nil, total, nil
			}
			return hits[offset:], total, nil
		}
	}
	from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
	hits, err := queryHits(ctx, tx, `SELECT f.rowid, 0 FROM `+from+` WHERE `+cond+
		` ORDER BY a.published DESC, a.seq DESC`+limitOffset(limit, offset), args)
	return hits, total, err
}

// walkHits returns the first need articles of the publication-date index, newest first, that
// satisfy the filters of q, reading at most budget index entries. The date and story conditions
// narrow the index scan; the outlet, language, actor and event filters are checked against the
// article's stored facet tokens (the same tokens the full-text index holds, so the result is the
// same as a full-text match).
func walkHits(ctx context.Context, tx *Tx, q sitrep.SearchQuery, need, budget int) ([]hit, error) {
	where, args := dateStoryWhere(q)
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var check []string
	for _, g := range facetGroups(q) {
		var or []string
		for _, tok := range g {
			or, args = append(or, "instr(' ' || facets || ' ', ?) > 0"), append(args, " "+tok+" ")
		}
		check = append(check, "("+strings.Join(or, " OR ")+")")
	}
	return queryHits(ctx, tx, `SELECT seq, 0 FROM (SELECT a.seq, a.published, a.facets
		FROM articles a INDEXED BY articles_published`+cond+` ORDER BY a.published DESC, a.seq DESC
		LIMIT `+strconv.Itoa(budget)+`) WHERE `+strings.Join(check, " AND ")+`
		ORDER BY published DESC, seq DESC LIMIT `+strconv.Itoa(need), args)
}

// filterHits returns the page of newest articles matching the filters of q that need no
// full-text index (outlet, language, dates, story), and the bounded total: the article table's
// indexes drive the scan.
func filterHits(ctx context.Context, tx *Tx, q sitrep.SearchQuery, limit, offset int) ([]hit, int, error) {
	where, args := searchWhere(q)
	cond := "1 = 1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	total, err := countRows(ctx, tx, "articles a", cond, args)
	if err != nil || total == 0 || offset >= total {
		return nil, total, err
	}
	hits, err := queryHits(ctx, tx, `SELECT a.seq, 0 FROM articles a WHERE `+cond+
		` ORDER BY a.published DESC, a.seq DESC`+limitOffset(limit, offset), args)
	return hits, total, err
}

// queryHits runs a query selecting row id and rank.
func queryHits(ctx context.Context, tx *Tx, query string, args []any) ([]hit, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, ftsError(err)
	}
	defer rows.Close()
	var hits []hit
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.seq, &h.rank); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, ftsError(err)
	}
	return hits, nil
}

// joinInts renders ids as a comma-separated SQL list.
func joinInts(ids []int64) string {
	b := make([]byte, 0, len(ids)*8)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
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
	for _, g := range facetGroups(q) {
		if len(g) == 1 {
			terms = append(terms, g[0])
		} else {
			terms = append(terms, "("+strings.Join(g, " OR ")+")")
		}
	}
	dq := q
	if q.Since != nil || q.Until != nil {
		months, err := monthRange(ctx, tx, q.Since, q.Until)
		if err != nil {
			return "", nil, nil, err
		}
		if len(months) > 0 && len(months) <= maxFacetMonths {
			terms = append(terms, "("+strings.Join(months, " OR ")+")")
			// A bound at the start of a month is exact in month tokens: checking it in SQL
			// would read each match's date for nothing.
			if monthStart(q.Since) {
				dq.Since = nil
			}
			if monthStart(q.Until) {
				dq.Until = nil
			}
		}
	}
	where, args = dateStoryWhere(dq)
	return strings.Join(terms, " AND "), where, args, nil
}

// facetGroups returns the facet tokens of the outlet, language, actor and event filters of q:
// an article matches when it has a token of every group.
func facetGroups(q sitrep.SearchQuery) [][]string {
	var groups [][]string
	if q.Outlet != "" {
		groups = append(groups, []string{facetToken(facetOutlet, q.Outlet)})
	}
	if q.Language != "" {
		groups = append(groups, []string{facetToken(facetLanguage, q.Language)})
	}
	if v := strings.TrimSpace(q.Actor); v != "" {
		groups = append(groups, []string{facetToken(facetActorID, v), facetToken(facetCode, strings.ToUpper(v))})
	}
	if v := strings.TrimSpace(q.EventType); v != "" {
		if isDigits(v) {
			groups = append(groups, []string{facetToken(facetCAMEO, v)})
		} else {
			groups = append(groups, []string{facetToken(facetPLOVER, strings.ToUpper(v))})
		}
	}
	return groups
}

// monthStart reports whether t is the first instant of a month in UTC.
func monthStart(t *time.Time) bool {
	if t == nil {
		return false
	}
	u := t.UTC()
	return u.Equal(time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC))
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
		if p := shortPrefix(q); p != "" {
			return "", sitrep.Errorf(sitrep.EINVALID, "Prefix %q is too short: give at least %d letters before *.", p+"*", minPrefixRunes)
		}
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

// minPrefixRunes is the shortest prefix a prefix query may have. A one-letter prefix stands for
// a large share of the vocabulary: FTS5 then merges hundreds of posting lists for the count, the
// ranking and each snippet, and the search runs into its timeout instead of answering.
const minPrefixRunes = 2

// shortPrefix returns the first prefix of q (a word or quoted phrase followed by *) shorter
// than minPrefixRunes, or "".
func shortPrefix(q string) string {
	toks := lexQuery(q)
	for i, t := range toks {
		if (t.kind == 'w' || t.kind == 's') && i+1 < len(toks) && toks[i+1].kind == '*' &&
			toks[i+1].at == t.end && utf8.RuneCountInString(strings.TrimSpace(t.text)) < minPrefixRunes {
			return t.text
		}
	}
	return ""
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

// maxPrefixTerms is the most indexed terms a prefix query is expanded to; a prefix with more
// terms is left to FTS5 as it is (exact, slower).
const maxPrefixTerms = 32

// expandPrefixes rewrites each plain prefix term of the FTS5 expression expr ("talk*",
// "\"talk\"*") as an OR of the indexed terms it stands for ("(\"talk\" OR \"talkat\")"), read
// from the index's vocabulary. FTS5 merges the posting lists of every term with a prefix into a
// temporary list each time a statement starts, and a search runs several statements; the OR is
// read in place, several times cheaper, and matches the same articles.
//
// The prefix is first tokenized as FTS5 does (lower case, diacritics removed, Porter stem), so
// the range of terms is the one FTS5 would read. Each term is quoted in the rewritten query, so
// FTS5 stems it again: a term whose stem differs from itself (Porter stems are not always fixed
// points) would then search another term, so such a prefix is left as it is. So are prefixes with
// more than maxPrefixTerms terms, prefixes inside NEAR groups or joined to other tokens (^, +),
// prefixes next to another phrase with more than one term (see prefix.alone), and any query when
// stems is nil. Terms shaped like facet tokens are left out (user words never search the facets).
func expandPrefixes(ctx context.Context, tx *Tx, stems *stemmer, expr string) (string, error) {
	if stems == nil || !strings.Contains(expr, "*") {
		return expr, nil
	}
	toks := lexQuery(expr)
	type prefix struct {
		at, end int // byte range in expr, star included
		text    string
		// alone: between operators or parentheses. FTS5 joins adjacent phrases with an
		// implicit AND that takes phrases only, not a parenthesized OR; a prefix next to
		// another phrase can only become a single term.
		alone bool
	}
	var prefixes []prefix
	near := 0
	for i, t := range toks {
		switch {
		case t.kind == '(' && near > 0:
			near++
		case t.kind == ')' && near > 0:
			near--
		case t.kind == 'w' && t.text == "NEAR" && i+1 < len(toks) && toks[i+1].kind == '(':
			near = 1
			toks[i+1].kind = 'n' // consumed: the group's own parenthesis
		}
		if near > 0 || (t.kind != 'w' && t.kind != 's') || i+1 >= len(toks) || toks[i+1].kind != '*' {
			continue
		}
		if i > 0 && (toks[i-1].kind == '^' || toks[i-1].kind == '+') ||
			i+2 < len(toks) && strings.IndexByte("*+:^,{}-", toks[i+2].kind) >= 0 {
			continue
		}
		if isOperator(t) || t.kind == 'w' && !isBareword(t.text) {
			continue // FTS5 rejects the word, or takes it as an operator: leave it as it is
		}
		alone := (i == 0 || toks[i-1].kind == '(' || toks[i-1].kind == ':' || isOperator(toks[i-1])) &&
			(i+2 == len(toks) || toks[i+2].kind == ')' || isOperator(toks[i+2]))
		prefixes = append(prefixes, prefix{at: t.at, end: toks[i+1].end, text: t.text, alone: alone})
	}
	if len(prefixes) == 0 {
		return expr, nil
	}
	words := make([]string, len(prefixes))
	for i, p := range prefixes {
		words[i] = p.text
	}
	stemmed, err := stems.tokens(ctx, words)
	if err != nil {
		// Without the tokenizer the prefixes stay as they are: slower, same results.
		return expr, ctx.Err()
	}
	var b strings.Builder
	last := 0
	for i, p := range prefixes {
		if len(stemmed[i]) != 1 {
			continue
		}
		terms, err := prefixTerms(ctx, tx, stems, stemmed[i][0])
		if err != nil {
			return "", err
		}
		if terms == nil || len(terms) > 1 && !p.alone {
			continue
		}
		// Spaces around the replacement: two strings side by side ("a""b") would read as one
		// string with a quote in it.
		b.WriteString(expr[last:p.at])
		if len(terms) == 1 {
			b.WriteString(` "` + terms[0] + `" `)
			last = p.end
			continue
		}
		b.WriteString(" (")
		for j, t := range terms {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(`"` + t + `"`)
		}
		b.WriteString(") ")
		last = p.end
	}
	b.WriteString(expr[last:])
	return b.String(), nil
}

// prefixTerms returns the indexed terms starting with the (tokenized) prefix p, or nil when the
// prefix should be left to FTS5: too many terms, or a term that is not its own stem. A prefix
// without terms gives nil too (FTS5 finds nothing quickly).
func prefixTerms(ctx context.Context, tx *Tx, stems *stemmer, p string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT term FROM articles_fts_vocab WHERE term >= ? AND term < ?
		LIMIT `+strconv.Itoa(maxPrefixTerms+1), p, p+"\xff")
	if err != nil {
		return nil, err
	}
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		if !isFacetTerm(t) {
			terms = append(terms, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(terms) == 0 || len(terms) > maxPrefixTerms {
		return nil, nil
	}
	again, err := stems.tokens(ctx, terms)
	if err != nil {
		return nil, ctx.Err()
	}
	for i, t := range terms {
		if len(again[i]) != 1 || again[i][0] != t || strings.ContainsRune(t, '"') {
			return nil, nil
		}
	}
	return terms, nil
}

// isBareword reports whether FTS5 accepts w as a bare word: ASCII letters and digits, "_",
// the substitute character and any non-ASCII byte.
func isBareword(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 0x80 || c == '_' || c == 0x1a || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return w != ""
}

// isOperator reports whether t is one of the FTS5 operators AND, OR and NOT.
func isOperator(t queryToken) bool {
	return t.kind == 'w' && (t.text == "AND" || t.text == "OR" || t.text == "NOT")
}

// isFacetTerm reports whether an indexed term has the shape of a facet token (see facet.go).
func isFacetTerm(t string) bool {
	if len(t) < 4 || t[0] != 'z' || t[len(t)-1] != '0' {
		return false
	}
	body := t[2 : len(t)-1]
	switch t[1] {
	case 'm':
		return len(body) == 6 && isDigits(body)
	case facetOutlet[0], facetLanguage[0], facetActorID[0], facetCode[0], facetPLOVER[0], facetCAMEO[0]:
		if len(body) != 16 {
			return false
		}
		for i := 0; i < len(body); i++ {
			if c := body[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	return false
}

// queryToken is a lexical token of an FTS5 query: kind is 'w' for a bare word, 's' for a
// double-quoted string (text unquoted), 'n' for a consumed token, or the punctuation character
// itself; at and end are its byte range in the query.
type queryToken struct {
	kind    byte
	text    string
	at, end int
}

// lexQuery splits an FTS5 query into tokens. It does not validate: FTS5 does that when the
// query runs.
func lexQuery(q string) []queryToken {
	var out []queryToken
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			for j < len(q) {
				if q[j] == '"' {
					if j+1 < len(q) && q[j+1] == '"' {
						b.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(q[j])
				j++
			}
			end := min(j+1, len(q))
			out = append(out, queryToken{kind: 's', text: b.String(), at: i, end: end})
			i = end
		case strings.IndexByte("(){}:,+*^-", c) >= 0:
			out = append(out, queryToken{kind: c, at: i, end: i + 1})
			i++
		default:
			j := i
			for j < len(q) && !strings.ContainsRune(" \t\n\r\"(){}:,+*^-", rune(q[j])) {
				j++
			}
			out = append(out, queryToken{kind: 'w', text: q[i:j], at: i, end: j})
			i = j
		}
	}
	return out
}

// stemmer tokenizes words with the full-text index's tokenizer, in a private in-memory FTS5
// table (SQL offers no direct call to a tokenizer). It opens on first use; results are cached.
type stemmer struct {
	mu    sync.Mutex
	db    *sql.DB
	cache map[string][]string
}

// maxStemCache bounds the stemmer's cache; it is emptied when full.
const maxStemCache = 10000

// stemTokenizer must equal the tokenize option of articles_fts (migration 0001).
const stemTokenizer = "porter unicode61 remove_diacritics 2"

// tokens returns the tokens of each word, as the full-text index would store them.
func (s *stemmer) tokens(ctx context.Context, words []string) ([][]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		db, err := sql.Open("sqlite", ":memory:")
		if err != nil {
			return nil, fmt.Errorf("stemmer: %w", err)
		}
		// One connection for good: each new connection to ":memory:" is a new, empty database.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
		if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE w USING fts5 (t, tokenize = '`+stemTokenizer+`');
			CREATE VIRTUAL TABLE wv USING fts5vocab (w, instance)`); err != nil {
			db.Close()
			return nil, fmt.Errorf("stemmer: %w", err)
		}
		s.db, s.cache = db, map[string][]string{}
	}
	out, err := s.lookup(ctx, words)
	if err != nil {
		// Start afresh next time (the connection may be gone).
		s.db.Close()
		s.db = nil
		return nil, fmt.Errorf("stemmer: %w", err)
	}
	return out, nil
}

// close closes the stemmer's database, if open.
func (s *stemmer) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// lookup answers tokens from the cache and the in-memory table; s.mu is held.
func (s *stemmer) lookup(ctx context.Context, words []string) ([][]string, error) {
	out := make([][]string, len(words))
	var missing []int
	for i, w := range words {
		if t, ok := s.cache[w]; ok {
			out[i] = t
		} else {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	if len(s.cache)+len(missing) > maxStemCache {
		clear(s.cache)
	}
	marks := make([]string, len(missing))
	args := make([]any, 0, 2*len(missing))
	for k, i := range missing {
		marks[k] = "(?, ?)"
		args = append(args, i+1, words[i])
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM w`); err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO w (rowid, t) VALUES `+strings.Join(marks, ", "), args...); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT doc, term FROM wv ORDER BY doc, offset`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			return nil, err
		}
		if doc >= 1 && doc <= len(words) {
			out[doc-1] = append(out[doc-1], term)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, i := range missing {
		if out[i] == nil {
			out[i] = []string{}
		}
		s.cache[words[i]] = out[i]
	}
	return out, nil
}
