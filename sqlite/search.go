package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

// DefaultRankWindow is the default SearchService.RankWindow.
const DefaultRankWindow = 2000

// SearchService searches articles with the FTS5 index (BM25 ranking, title weighted 4:1 over
// text) and the actor and event index tables.
type SearchService struct {
	db *DB
	// RankWindow bounds ranking work: when a full-text query matches more articles than this,
	// only the RankWindow most recently ingested matches are ranked (the total still counts all
	// of them). Zero or less ranks every match.
	RankWindow int
}

// NewSearchService returns a SearchService on db.
func NewSearchService(db *DB) *SearchService {
	return &SearchService{db: db, RankWindow: DefaultRankWindow}
}

// Search returns one page of the articles matching q, best first, and the total number of
// matches. A malformed full-text query is an EINVALID error.
func (s *SearchService) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchResult, int, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return search(ctx, tx, q, s.RankWindow)
}

// ftsRank is the ranking expression: BM25 with title matches weighted 4:1 over text matches.
// bm25 is negative, better matches lower.
const ftsRank = "bm25(articles_fts, 4.0, 1.0)"

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

	text := strings.TrimSpace(q.Query)
	var match string
	if text != "" {
		var err error
		if match, err = ftsQuery(text); err != nil {
			return nil, 0, err
		}
	}
	where, args, needArticles := searchWhere(q, match != "")

	var from, order, cols string
	switch {
	case match == "":
		from, order, cols = "articles a", "a.published DESC, a.seq DESC", "a.seq, 0"
	case needArticles:
		// The covering index answers the filters without reading article rows.
		from = "articles_fts f JOIN articles a INDEXED BY articles_filter ON a.seq = f.rowid"
		order, cols = "2, f.rowid DESC", "f.rowid, "+ftsRank
	default:
		from, order, cols = "articles_fts f", "2, f.rowid DESC", "f.rowid, "+ftsRank
	}
	if match != "" {
		where = append([]string{"articles_fts MATCH ?"}, where...)
		args = append([]any{match}, args...)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}

	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+cond, args...).Scan(&total); err != nil {
		return nil, 0, ftsError(err)
	}
	if total == 0 || offset >= total {
		return []sitrep.SearchResult{}, total, nil
	}
	if window = max(window, offset+limit); match != "" && window > 0 && total > window {
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
	if match == "" {
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
	stmt, err := tx.PrepareContext(ctx, `SELECT `+articleColumns(false)+`,
			snippet(articles_fts, 1, ?, ?, ?, ?)
		FROM articles_fts f JOIN articles a ON a.seq = f.rowid
		WHERE articles_fts MATCH ? AND f.rowid = ?`)
	if err != nil {
		return nil, 0, err
	}
	defer stmt.Close()
	for _, h := range hits {
		var snippet string
		row := stmt.QueryRowContext(ctx, sitrep.SnippetOpen, sitrep.SnippetClose, sitrep.SnippetEllipsis,
			snippetTokens, match, h.seq)
		a, err := scanArticle(row, false, &snippet)
		if err != nil {
			return nil, 0, ftsError(err)
		}
		if !strings.Contains(snippet, sitrep.SnippetOpen) {
			// The match is in the title only: show the opening of the text instead.
			snippet = lead(a.Text, leadBytes)
		}
		out = append(out, sitrep.SearchResult{Article: a, Snippet: snippet, Score: -h.rank})
	}
	return out, total, nil
}

// searchWhere renders the filter conditions of q. Conditions on article columns use the alias
// "a"; actor and event conditions test the article's seq (f.rowid with a full-text query, a.seq
// without), so they read only the narrow index tables. It reports whether any condition needs
// the article table.
func searchWhere(q sitrep.SearchQuery, fts bool) (where []string, args []any, needArticles bool) {
	if q.Outlet != "" {
		where, args = append(where, "a.outlet = ?"), append(args, q.Outlet)
	}
	if q.Language != "" {
		where, args = append(where, "a.language = ?"), append(args, q.Language)
	}
	if q.Since != nil {
		where, args = append(where, "a.published >= ?"), append(args, formatTime(*q.Since))
	}
	if q.Until != nil {
		where, args = append(where, "a.published < ?"), append(args, formatTime(*q.Until))
	}
	if q.StoryID != 0 {
		where, args = append(where, "a.story_id = ?"), append(args, q.StoryID)
	}
	needArticles = len(where) > 0
	if v := strings.TrimSpace(q.Actor); v != "" {
		code := strings.ToUpper(v)
		if fts {
			// Probe the few actor rows of each match; an IN list here would make FTS5 run
			// the MATCH once per listed article.
			where = append(where, `EXISTS (SELECT 1 FROM article_actors x WHERE x.article_seq = f.rowid
				AND (x.actor_id = ? OR (x.code >= ? AND x.code < ?)))`)
		} else {
			where = append(where, `a.seq IN (SELECT article_seq FROM article_actors WHERE actor_id = ?
				UNION SELECT article_seq FROM article_actors WHERE code >= ? AND code < ?)`)
		}
		args = append(args, v, code, code+"\x7f")
	}
	if v := strings.TrimSpace(q.EventType); v != "" {
		var cond string // "%[1]s" stands for the column prefix
		var arg []any
		switch {
		case len(v) == 2 && isDigits(v):
			cond, arg = "%[1]scameo_root = ?", []any{v}
		case isDigits(v):
			cond, arg = "%[1]scameo >= ? AND %[1]scameo < ?", []any{v, v + ":"}
		default:
			cond, arg = "%[1]splover = ?", []any{strings.ToUpper(v)}
		}
		if fts {
			where = append(where, "EXISTS (SELECT 1 FROM events e WHERE e.article_seq = f.rowid AND "+
				fmt.Sprintf(cond, "e.")+")")
		} else {
			where = append(where, "a.seq IN (SELECT article_seq FROM events WHERE "+fmt.Sprintf(cond, "")+")")
		}
		args = append(args, arg...)
	}
	return where, args, needArticles
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
