package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/storetest"
)

// demoTexts returns the body texts of the bundled demo corpus (written for the project).
func demoTexts(tb testing.TB) []string {
	var texts []string
	sc := bufio.NewScanner(bytes.NewReader(demo.Corpus()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err == nil && r.Text != "" {
			texts = append(texts, r.Text)
		}
	}
	if len(texts) == 0 {
		tb.Fatal("demo corpus has no texts")
	}
	return texts
}

// openCorpus returns an in-memory store holding n synthetic articles recombined from the demo
// corpus's sentences, and the articles.
func openCorpus(tb testing.TB, n int) (*DB, []*sitrep.Article) {
	tb.Helper()
	db := NewDB(":memory:")
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	arts := storetest.Corpus(n, demoTexts(tb), 11, "c")
	if _, err := NewArticleService(db).CreateArticles(context.Background(), arts); err != nil {
		tb.Fatal(err)
	}
	return db, arts
}

// runSearch runs search in a read transaction with the given stemmer (nil: no prefix
// expansion).
func runSearch(tb testing.TB, db *DB, q sitrep.SearchQuery, window int, stems *stemmer) ([]sitrep.SearchResult, int, error) {
	tb.Helper()
	tx, err := db.BeginTx(context.Background(), readOnly)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	return search(context.Background(), tx, q, window, stems)
}

func resultIDs(rs []sitrep.SearchResult) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Article.ID
	}
	return out
}

func TestLexQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string // kinds, with the text of words and strings in brackets
	}{
		{`talk*`, `w[talk]*`},
		{`"foreign ministry" OR talk*`, `s[foreign ministry]w[OR]w[talk]*`},
		{`NEAR(talk* minister, 3)`, `w[NEAR](w[talk]*w[minister],w[3])`},
		{`title : ^storm + surge*`, `w[title]:^w[storm]+w[surge]*`},
		{`"say ""no"""*`, `s[say "no"]*`},
		{`"unterminated`, `s[unterminated]`},
		{`-{title text}:x`, `-{w[title]w[text]}:w[x]`},
		{"  \t\n", ``},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, tok := range lexQuery(tt.in) {
			b.WriteByte(tok.kind)
			if tok.kind == 'w' || tok.kind == 's' {
				b.WriteString("[" + tok.text + "]")
			}
			if tok.at < 0 || tok.end > len(tt.in) || tok.at >= tok.end {
				t.Errorf("%q: token %+v out of range", tt.in, tok)
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("lexQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestIsFacetTerm(t *testing.T) {
	tests := []struct {
		term string
		want bool
	}{
		{facetToken(facetActorID, "ISR"), true},
		{facetToken(facetCode, "ISRGOV"), true},
		{facetToken(facetOutlet, "Daily Ledger"), true},
		{monthToken(time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC)), true},
		{"zone", false},
		{"zm2025", false},
		{"zx0123456789abcdef0", false},
		{"zi0123456789abcdeg0", false},
		{"zebra0", false},
	}
	for _, tt := range tests {
		if got := isFacetTerm(tt.term); got != tt.want {
			t.Errorf("isFacetTerm(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}

// TestExpandPrefixes_SameMatches checks that expanding prefix queries through the index's
// vocabulary finds exactly the articles FTS5 finds for the prefix itself, and that the
// expansion does happen for plain prefixes.
func TestExpandPrefixes_SameMatches(t *testing.T) {
	db, _ := openCorpus(t, 300)
	ctx := context.Background()
	stems := &stemmer{}
	tests := []struct {
		query    string
		expanded bool // whether the rewritten query should differ from the user's
	}{
		{"talk*", true},
		{"minist*", true},
		{"Talks*", true}, // tokenized first: "talks" stems to "talk"
		{`"negotiations"*`, true},
		{"gov* AND minist*", true},
		{"title : minist*", true},
		{"NEAR(minist* said, 5)", false},
		{"^minist*", false},
		{"said + minist*", false},
		{"xqzv*", false}, // no such term
		{"co*", false},   // more terms than maxPrefixTerms
		{"za*", false},   // the same, facet tokens among them
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			tx, err := db.BeginTx(ctx, readOnly)
			if err != nil {
				t.Fatal(err)
			}
			expr, err := ftsQuery(tt.query)
			if err != nil {
				tx.Rollback()
				t.Fatal(err)
			}
			got, err := expandPrefixes(ctx, tx, stems, expr)
			tx.Rollback()
			if err != nil {
				t.Fatal(err)
			}
			if (got != expr) != tt.expanded {
				t.Errorf("expandPrefixes(%q) = %q, expanded %v, want %v", expr, got, got != expr, tt.expanded)
			}
			q := sitrep.SearchQuery{Query: tt.query, Limit: MaxSearchLimit}
			want, wn, werr := runSearch(t, db, q, 0, nil)
			res, n, err := runSearch(t, db, q, 0, stems)
			if (err != nil) != (werr != nil) {
				t.Fatalf("error %v, without expansion %v", err, werr)
			}
			if n != wn {
				t.Errorf("total %d, without expansion %d", n, wn)
			}
			a, b := resultIDs(res), resultIDs(want)
			slices.Sort(a)
			slices.Sort(b)
			if !slices.Equal(a, b) {
				t.Errorf("matches differ from FTS5's own prefix query:\n got %v\nwant %v", a, b)
			}
			if tt.expanded && n == 0 {
				t.Errorf("expanded query %q matched nothing: the test corpus should have its terms", tt.query)
			}
		})
	}
}

// TestExpandPrefixes_NonFixedStem checks that a prefix whose terms include one that the
// stemmer would change again ("agreed" is stored as "agre", which stems to "agr") is left to
// FTS5, since the quoted term would search another term.
func TestExpandPrefixes_NonFixedStem(t *testing.T) {
	db := NewDB(":memory:")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	pub := time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)
	arts := []*sitrep.Article{
		{ID: "a1", Title: "Ministers agreed on a truce", Text: "The two ministers agreed on a truce after talks in Doha.", Published: &pub},
		{ID: "a2", Title: "Agriculture talks", Text: "Agriculture ministers met again; no agreement yet.", Published: &pub},
	}
	if _, err := NewArticleService(db).CreateArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	stems := &stemmer{}
	toks, err := stems.tokens(ctx, []string{"agre"})
	if err != nil {
		t.Fatal(err)
	}
	if len(toks[0]) != 1 || toks[0][0] == "agre" {
		t.Skipf("the tokenizer keeps %q as %v: this test needs a stem that is not a fixed point", "agre", toks[0])
	}
	tx, err := db.BeginTx(ctx, readOnly)
	if err != nil {
		t.Fatal(err)
	}
	got, err := expandPrefixes(ctx, tx, stems, "agre*")
	tx.Rollback()
	if err != nil {
		t.Fatal(err)
	}
	if got != "agre*" {
		t.Errorf("expandPrefixes(agre*) = %q, want it left as it is", got)
	}
	res, n, err := runSearch(t, db, sitrep.SearchQuery{Query: "agre*"}, 0, stems)
	if err != nil || n != 2 || len(res) != 2 {
		t.Errorf("agre* found %d (%v), want both articles", n, err)
	}
}

// TestFacetHits_WalkMatchesSort checks that walking the publication-date index and checking
// facet tokens gives the same page as sorting the full-text matches by date, for actor and
// event filters, with and without dates, at several offsets.
func TestFacetHits_WalkMatchesSort(t *testing.T) {
	db, _ := openCorpus(t, 400)
	ctx := context.Background()
	since := time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC)
	until := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	queries := []sitrep.SearchQuery{
		{Actor: "ISR"}, {Actor: "isrgov"}, {Actor: "USA", EventType: "ASSAULT"}, {EventType: "19"},
		{EventType: "0311"}, {Actor: "IRN", Outlet: "Daily Ledger"}, {Actor: "RUS", Since: &since, Until: &until},
		{EventType: "SANCTION", Since: &since}, {Actor: "NOSUCH"},
	}
	for _, q := range queries {
		for _, page := range [][2]int{{20, 0}, {7, 13}, {50, 100}} {
			q.Limit, q.Offset = page[0], page[1]
			tx, err := db.BeginTx(ctx, readOnly)
			if err != nil {
				t.Fatal(err)
			}
			facets, where, wargs, err := facetWhere(ctx, tx, q)
			if err != nil {
				t.Fatal(err)
			}
			cond := strings.Join(append([]string{"articles_fts MATCH ?"}, where...), " AND ")
			sorted, err := queryHits(ctx, tx, `SELECT f.rowid, 0 FROM articles_fts f JOIN articles a ON a.seq = f.rowid
				WHERE `+cond+` ORDER BY a.published DESC, a.seq DESC`+limitOffset(q.Limit, q.Offset), append([]any{facets}, wargs...))
			if err != nil {
				t.Fatal(err)
			}
			walked, err := walkHits(ctx, tx, q, q.Offset+q.Limit, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := facetHits(ctx, tx, q, q.Limit, q.Offset)
			tx.Rollback()
			if err != nil {
				t.Fatal(err)
			}
			walked = walked[min(q.Offset, len(walked)):]
			if !slices.Equal(walked, sorted) {
				t.Errorf("%+v: walk %v, sort %v", q, walked, sorted)
			}
			if !slices.Equal(got, sorted) {
				t.Errorf("%+v: facetHits %v, sort %v", q, got, sorted)
			}
		}
	}
}

// FuzzExpandPrefixes checks on arbitrary queries that prefix expansion never changes whether a
// query fails nor how many articles it matches, and never panics.
func FuzzExpandPrefixes(f *testing.F) {
	for _, s := range []string{"talk*", `"minist"* OR said`, `NEAR(gov* said)`, `a* b* c*`, `"x""y"*`, `(talk*`,
		`title: minist* NOT talk*`, `*`, `"*"`, `^t*`, `t* + s*`} {
		f.Add(s)
	}
	db, _ := openCorpus(f, 60)
	stems := &stemmer{}
	f.Fuzz(func(t *testing.T, query string) {
		q := sitrep.SearchQuery{Query: query, Limit: 5}
		_, wn, werr := runSearch(t, db, q, 0, nil)
		_, n, err := runSearch(t, db, q, 0, stems)
		if (err == nil) != (werr == nil) {
			t.Fatalf("query %q: error %v, without expansion %v", query, err, werr)
		}
		if n != wn {
			t.Fatalf("query %q: %d matches, without expansion %d", query, n, wn)
		}
	})
}

// TestFindStories_PageTotals checks the totals of story and storyline pages now that the page
// and the count are separate statements: full pages, the short last page, a page past the end,
// and a filter.
func TestFindStories_PageTotals(t *testing.T) {
	db := NewDB(":memory:")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	svc := NewStoryService(db)
	day := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	ch := &sitrep.ClusterChanges{At: day, NextStoryID: 8, NextStorylineID: 3}
	for i := int64(1); i <= 7; i++ {
		line := 1 + i%2
		seen := day.AddDate(0, 0, int(i))
		st := &sitrep.Story{ID: i, StorylineID: line, Title: "Story", FirstSeen: seen, LastSeen: seen}
		if i <= 3 {
			st.KeyActors = []string{"ISR"}
		}
		ch.Stories = append(ch.Stories, st)
	}
	ch.Storylines = []*sitrep.Storyline{
		{ID: 1, Title: "Odd", FirstSeen: day, LastSeen: day.AddDate(0, 0, 7), StoryIDs: []int64{2, 4, 6}},
		{ID: 2, Title: "Even", FirstSeen: day, LastSeen: day.AddDate(0, 0, 6), StoryIDs: []int64{1, 3, 5, 7}},
	}
	if err := svc.SaveClusterChanges(ctx, ch); err != nil {
		t.Fatal(err)
	}
	line := int64(2)
	tests := []struct {
		filter     sitrep.StoryFilter
		rows, want int
		first      int64 // id of the first story of the page (newest first)
	}{
		{sitrep.StoryFilter{Limit: 3}, 3, 7, 7},
		{sitrep.StoryFilter{Limit: 3, Offset: 3}, 3, 7, 4},
		{sitrep.StoryFilter{Limit: 3, Offset: 6}, 1, 7, 1},
		{sitrep.StoryFilter{Limit: 3, Offset: 9}, 0, 7, 0},
		{sitrep.StoryFilter{Limit: 10}, 7, 7, 7},
		{sitrep.StoryFilter{}, 7, 7, 7},
		{sitrep.StoryFilter{Offset: 5}, 2, 7, 2},
		{sitrep.StoryFilter{StorylineID: &line, Limit: 2}, 2, 4, 7},
		{sitrep.StoryFilter{StorylineID: &line, Limit: 2, Offset: 2}, 2, 4, 3},
	}
	for _, tt := range tests {
		got, n, err := svc.FindStories(ctx, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.rows || n != tt.want {
			t.Errorf("%+v: %d rows of %d, want %d of %d", tt.filter, len(got), n, tt.rows, tt.want)
			continue
		}
		if len(got) > 0 && got[0].ID != tt.first {
			t.Errorf("%+v: first story %d, want %d", tt.filter, got[0].ID, tt.first)
		}
	}
	lines, n, err := svc.FindStorylines(ctx, sitrep.StorylineFilter{Limit: 1})
	if err != nil || len(lines) != 1 || n != 2 || lines[0].ID != 1 {
		t.Errorf("storylines page of 1: %d rows of %d (%v), want storyline 1 of 2", len(lines), n, err)
	}
	lines, n, err = svc.FindStorylines(ctx, sitrep.StorylineFilter{Limit: 1, Offset: 5})
	if err != nil || len(lines) != 0 || n != 2 {
		t.Errorf("storylines past the end: %d rows of %d (%v), want 0 of 2", len(lines), n, err)
	}
}

// TestRankedHits_WindowMatchesFull checks that ranking through the window (candidates first,
// filters kept out of the BM25 statement) gives the same page, order, scores and total as
// ranking every match with the filters in the full-text query, when the matches fit in the
// window; and that with a small window the page comes from the newest matches.
func TestRankedHits_WindowMatchesFull(t *testing.T) {
	db, _ := openCorpus(t, 300)
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	queries := []sitrep.SearchQuery{
		{Query: "minister"}, {Query: "talks", Since: &since, Until: &until}, {Query: "said", Actor: "ISR"},
		{Query: "government OR police", EventType: "ASSAULT"}, {Query: `"prime minister"`, Outlet: "Daily Ledger"},
		{Query: "minist*", Language: "en"}, {Query: "the", Offset: 15, Limit: 10}, {Query: "nosuchwordatall"},
	}
	for _, q := range queries {
		full, fn, err := runSearch(t, db, q, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		win, wn, err := runSearch(t, db, q, DefaultRankWindow, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fn != wn || !slices.Equal(resultIDs(full), resultIDs(win)) {
			t.Errorf("%+v: window gives %d %v, full ranking %d %v", q, wn, resultIDs(win), fn, resultIDs(full))
			continue
		}
		for i := range full {
			if d := full[i].Score - win[i].Score; d > 1e-9 || d < -1e-9 || full[i].Snippet != win[i].Snippet {
				t.Errorf("%+v: result %d score/snippet %v %q, full ranking %v %q", q, i, win[i].Score, win[i].Snippet, full[i].Score, full[i].Snippet)
			}
		}
		if q.Query == "minister" && fn == 0 {
			t.Errorf("%+v: no results: the corpus should have them", q)
		}
	}
	// A window of 5: the page is ranked among the 5 newest matches only.
	q := sitrep.SearchQuery{Query: "said", Actor: "ISR", Limit: 3}
	small, n, err := runSearch(t, db, q, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	newest, _, err := runSearch(t, db, sitrep.SearchQuery{Query: "said", Actor: "ISR", Limit: 500}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(newest) || len(small) != 3 || n <= 5 {
		t.Fatalf("window 5: %d results of %d, want 3 of %d (more than 5)", len(small), n, len(newest))
	}
	seq := map[string]int64{}
	tx, err := db.BeginTx(context.Background(), readOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var ranks []int64
	for _, r := range newest {
		var s int64
		if err := tx.QueryRowContext(context.Background(), `SELECT seq FROM articles WHERE id = ?`, r.Article.ID).Scan(&s); err != nil {
			t.Fatal(err)
		}
		seq[r.Article.ID] = s
		ranks = append(ranks, s)
	}
	slices.Sort(ranks)
	cut := ranks[len(ranks)-5] // the oldest of the 5 newest matches
	for _, r := range small {
		if seq[r.Article.ID] < cut {
			t.Errorf("window 5 returned %s (row %d), older than the 5 newest matches (from row %d)", r.Article.ID, seq[r.Article.ID], cut)
		}
	}
}
