package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

// Store is one open store backend, as the suite sees it.
type Store struct {
	Articles sitrep.ArticleService
	Search   sitrep.SearchService
	Profiles sitrep.ProfileService
	Alerts   sitrep.AlertService
	// SetNow replaces the store's clock (the time stamped on new rows).
	SetNow func(now func() time.Time)
	// Reopen closes the store and opens the same database again; nil when the backend keeps
	// nothing across a close (an in-memory database), which skips the durability tests.
	Reopen func(tb testing.TB) *Store
}

// Opener opens a fresh, empty store, registering its cleanup with tb.Cleanup.
type Opener func(tb testing.TB) *Store

// PostgresDSN returns $SITREP_TEST_POSTGRES_DSN, skipping the test when it is not set; a
// PostgreSQL backend's tests call it before Run.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("SITREP_TEST_POSTGRES_DSN")
	if dsn == "" {
		tb.Skip("SITREP_TEST_POSTGRES_DSN not set")
	}
	return dsn
}

// Run runs the conformance suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	t.Run("Articles", func(t *testing.T) { testArticles(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("Profiles", func(t *testing.T) { testProfiles(t, open) })
	t.Run("Alerts", func(t *testing.T) { testAlerts(t, open) })
	t.Run("Durability", func(t *testing.T) { testDurability(t, open) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, open) })
}

// fixedClock is the time the suite gives the stores' clocks.
var fixedClock = time.Date(2026, 2, 20, 9, 30, 0, 0, time.UTC)

// openFixed opens a store whose clock returns fixedClock.
func openFixed(tb testing.TB, open Opener) *Store {
	s := open(tb)
	s.SetNow(func() time.Time { return fixedClock })
	return s
}

// allArticles returns the written articles, followed by the seeds when they are present.
func allArticles(t *testing.T) []*sitrep.Article {
	as := WrittenArticles()
	if seeds := trySeeds(t); seeds != nil {
		as = append(as, seeds...)
	}
	return as
}

// trySeeds returns the seed articles, or nil (without skipping t) when they are absent.
func trySeeds(t *testing.T) (out []*sitrep.Article) {
	t.Run("seeds", func(t *testing.T) { out = SeedArticles(t) })
	return out
}

// mustCreate stores articles and fails unless every one is new.
func mustCreate(tb testing.TB, s *Store, as []*sitrep.Article) {
	tb.Helper()
	created, err := s.Articles.CreateArticles(context.Background(), as)
	if err != nil {
		tb.Fatalf("CreateArticles: %v", err)
	}
	for i, c := range created {
		if !c {
			tb.Fatalf("article %s not created", as[i].ID)
		}
	}
}

// clone deep-copies an article through JSON (with the fields JSON leaves out).
func clone(a *sitrep.Article) *sitrep.Article {
	b, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	var c sitrep.Article
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	c.Raw, c.RawFormat = a.Raw, a.RawFormat
	return &c
}

// sameArticle fails unless got equals want in every field, times compared as instants and nil
// lists equal to empty ones.
func sameArticle(tb testing.TB, got, want *sitrep.Article) {
	tb.Helper()
	norm := func(a *sitrep.Article) string {
		c := clone(a)
		if c.Published != nil {
			c.Published = ptr(c.Published.UTC())
		}
		c.IngestedAt = c.IngestedAt.UTC()
		b, _ := json.Marshal(struct {
			*sitrep.Article
			Raw, RawFormat string
		}{c, a.Raw, a.RawFormat})
		s := string(b)
		for _, k := range []string{"removed", "repairs", "mentions", "actors", "timexes", "quotes", "claims", "events"} {
			s = strings.ReplaceAll(s, `"`+k+`":null`, `"`+k+`":[]`)
		}
		return s
	}
	if g, w := norm(got), norm(want); g != w {
		tb.Fatalf("article %s differs:\n got %s\nwant %s", want.ID, g, w)
	}
}

// wantCode fails unless err is an application error with the given code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := sitrep.ErrorCode(err); got != code {
		tb.Fatalf("error code=%q (%v), want %q", got, err, code)
	}
}

func ids(as []*sitrep.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func resultIDs(rs []sitrep.SearchResult) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Article.ID
	}
	return out
}

func testArticles(t *testing.T, open Opener) {
	ctx := context.Background()

	t.Run("CreateAndFind", func(t *testing.T) {
		s := openFixed(t, open)
		as := allArticles(t)
		want := make([]*sitrep.Article, len(as))
		for i, a := range as {
			want[i] = clone(a)
		}
		mustCreate(t, s, as)
		for i, a := range as {
			if !a.IngestedAt.Equal(fixedClock) {
				t.Fatalf("IngestedAt=%v, want %v", a.IngestedAt, fixedClock)
			}
			want[i].IngestedAt = fixedClock
			got, err := s.Articles.FindArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatalf("FindArticleByID(%s): %v", a.ID, err)
			}
			sameArticle(t, got, want[i])
		}
	})

	t.Run("Unchanged", func(t *testing.T) {
		s := openFixed(t, open)
		as := WrittenArticles()
		mustCreate(t, s, as[:2])
		// A batch repeating a stored id (with other content) and repeating an id within itself.
		changed := clone(as[0])
		changed.Title, changed.Text = "Another title", "Other text entirely."
		dup := clone(as[2])
		dup.Title = "Second copy in the same batch"
		created, err := s.Articles.CreateArticles(ctx, []*sitrep.Article{changed, as[2], dup, as[3]})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := created, []bool{false, true, false, true}; !slices.Equal(got, want) {
			t.Fatalf("created=%v, want %v", got, want)
		}
		got, err := s.Articles.FindArticleByID(ctx, as[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != as[0].Title || got.Text != as[0].Text {
			t.Fatalf("stored article changed: title=%q", got.Title)
		}
		if got, err := s.Articles.FindArticleByID(ctx, as[2].ID); err != nil {
			t.Fatal(err)
		} else if got.Title != as[2].Title {
			t.Fatalf("title=%q, want the first copy's %q", got.Title, as[2].Title)
		}
		// The stored copy is still found once by the full-text index, with its original words.
		res, n, err := s.Search.Search(ctx, sitrep.SearchQuery{Query: "harbour"})
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || res[0].Article.ID != as[0].ID {
			t.Fatalf("search harbour: n=%d %v", n, resultIDs(res))
		}
		if _, n, _ := s.Search.Search(ctx, sitrep.SearchQuery{Query: "entirely"}); n != 0 {
			t.Fatalf("search found the rejected copy's text: n=%d", n)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := openFixed(t, open)
		as := WrittenArticles()
		bad := clone(as[1])
		bad.ID = ""
		_, err := s.Articles.CreateArticles(ctx, []*sitrep.Article{as[0], bad})
		wantCode(t, err, sitrep.EINVALID)
		// The batch is all or nothing.
		_, err = s.Articles.FindArticleByID(ctx, as[0].ID)
		wantCode(t, err, sitrep.ENOTFOUND)
		if created, err := s.Articles.CreateArticles(ctx, nil); err != nil || len(created) != 0 {
			t.Fatalf("empty batch: %v %v", created, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := openFixed(t, open)
		_, err := s.Articles.FindArticleByID(ctx, "no-such-article")
		wantCode(t, err, sitrep.ENOTFOUND)
	})

	t.Run("Filter", func(t *testing.T) {
		s := openFixed(t, open)
		mustCreate(t, s, WrittenArticles())
		tests := []struct {
			name   string
			filter sitrep.ArticleFilter
			want   []string
			total  int
		}{
			{"All", sitrep.ArticleFilter{}, []string{"w-sanctions", "w-drone-strike", "w-cosecha",
				"w-border-talks", "w-harbour", "w-undated"}, 6},
			{"Outlet", sitrep.ArticleFilter{Outlet: ptr("Daily Ledger")}, []string{"w-drone-strike", "w-border-talks"}, 2},
			{"Language", sitrep.ArticleFilter{Language: ptr("es")}, []string{"w-cosecha"}, 1},
			{"Since", sitrep.ArticleFilter{Since: ptr(date(2025, 1, 20))}, []string{"w-sanctions", "w-drone-strike", "w-cosecha"}, 3},
			{"Until", sitrep.ArticleFilter{Until: ptr(date(2025, 1, 20))}, []string{"w-border-talks", "w-harbour"}, 2},
			// 18:30 at UTC+3 is 15:30 UTC: the range compares instants.
			{"SinceInstant", sitrep.ArticleFilter{Since: ptr(time.Date(2025, 6, 14, 15, 30, 0, 0, time.UTC)),
				Until: ptr(time.Date(2025, 6, 14, 15, 31, 0, 0, time.UTC))}, []string{"w-drone-strike"}, 1},
			{"Story", sitrep.ArticleFilter{StoryID: ptr(int64(7))}, []string{"w-sanctions"}, 1},
			{"ID", sitrep.ArticleFilter{ID: ptr("w-harbour")}, []string{"w-harbour"}, 1},
			{"Page", sitrep.ArticleFilter{Offset: 1, Limit: 2}, []string{"w-drone-strike", "w-cosecha"}, 6},
			{"PastEnd", sitrep.ArticleFilter{Offset: 10, Limit: 2}, []string{}, 6},
			{"Query", sitrep.ArticleFilter{Query: "sanctions"}, []string{"w-sanctions"}, 1},
			{"QueryAndOutlet", sitrep.ArticleFilter{Query: "said", Outlet: ptr("Daily Ledger")}, nil, 2},
			{"None", sitrep.ArticleFilter{Outlet: ptr("Nobody")}, []string{}, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, n, err := s.Articles.FindArticles(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if n != tt.total {
					t.Fatalf("total=%d, want %d", n, tt.total)
				}
				if tt.want != nil && !slices.Equal(ids(got), tt.want) {
					t.Fatalf("ids=%v, want %v", ids(got), tt.want)
				}
			})
		}
		_, err := func() (any, error) {
			_, _, err := s.Articles.FindArticles(ctx, sitrep.ArticleFilter{Query: `"unbalanced`})
			return nil, err
		}()
		wantCode(t, err, sitrep.EINVALID)
	})

	t.Run("Full", func(t *testing.T) {
		s := openFixed(t, open)
		mustCreate(t, s, WrittenArticles())
		light, _, err := s.Articles.FindArticles(ctx, sitrep.ArticleFilter{ID: ptr("w-border-talks")})
		if err != nil {
			t.Fatal(err)
		}
		if a := light[0]; a.Text == "" || a.Events != nil || a.Actors != nil {
			t.Fatalf("light load: text=%d bytes events=%v actors=%v", len(a.Text), a.Events, a.Actors)
		}
		full, _, err := s.Articles.FindArticles(ctx, sitrep.ArticleFilter{ID: ptr("w-border-talks"), Full: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(full[0].Events), 2; got != want {
			t.Fatalf("events=%d, want %d", got, want)
		}
		if full[0].Mentions == nil || full[0].Quotes == nil {
			t.Fatal("full load left empty lists nil")
		}
	})
}

func testSearch(t *testing.T, open Opener) {
	ctx := context.Background()
	s := openFixed(t, open)
	as := WrittenArticles()
	seeds := trySeeds(t)
	mustCreate(t, s, append(as, seeds...))

	search := func(t *testing.T, q sitrep.SearchQuery) ([]sitrep.SearchResult, int) {
		t.Helper()
		res, n, err := s.Search.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		return res, n
	}

	t.Run("Snippet", func(t *testing.T) {
		res, n := search(t, sitrep.SearchQuery{Query: "cranes"})
		if n != 1 || len(res) != 1 {
			t.Fatalf("n=%d results=%d, want 1", n, len(res))
		}
		if got, want := res[0].Snippet, sitrep.SnippetOpen+"cranes"+sitrep.SnippetClose; !strings.Contains(got, want) {
			t.Fatalf("snippet=%q, want it to contain %q", got, want)
		}
		if res[0].Score <= 0 {
			t.Fatalf("score=%v, want > 0", res[0].Score)
		}
		if res[0].Article.Title == "" || res[0].Article.Outlet != "Coastal Courier" {
			t.Fatalf("article not loaded: %+v", res[0].Article)
		}
	})

	t.Run("Stemming", func(t *testing.T) {
		// "sanction" finds "sanctions", and the snippet marks the word as written.
		res, n := search(t, sitrep.SearchQuery{Query: "sanction", Outlet: "Wire Review"})
		if n != 1 || !strings.Contains(res[0].Snippet, sitrep.SnippetOpen+"sanctions"+sitrep.SnippetClose) {
			t.Fatalf("n=%d snippet=%q", n, res[0].Snippet)
		}
	})

	t.Run("TitleRanksFirst", func(t *testing.T) {
		// Several articles say "talks" in their text; the one with the word in its title ranks
		// first.
		res, _ := search(t, sitrep.SearchQuery{Query: "talks"})
		if len(res) == 0 || res[0].Article.ID != "w-border-talks" {
			t.Fatalf("results=%v, want w-border-talks first", resultIDs(res))
		}
		for i := 1; i < len(res); i++ {
			if res[i].Score > res[i-1].Score {
				t.Fatalf("scores not descending: %v then %v", res[i-1].Score, res[i].Score)
			}
		}
	})

	t.Run("Phrase", func(t *testing.T) {
		_, n := search(t, sitrep.SearchQuery{Query: `"second round of talks"`})
		if n != 1 {
			t.Fatalf("phrase n=%d, want 1", n)
		}
		_, n = search(t, sitrep.SearchQuery{Query: `"round second"`})
		if n != 0 {
			t.Fatalf("reversed phrase n=%d, want 0", n)
		}
	})

	t.Run("ColumnFilter", func(t *testing.T) {
		// "storm" is in the harbour article's title and in no other title.
		res, _ := search(t, sitrep.SearchQuery{Query: "title: storm"})
		if got := resultIDs(res); !slices.Equal(got, []string{"w-harbour"}) {
			t.Fatalf("title: storm: %v", got)
		}
		res, _ = search(t, sitrep.SearchQuery{Query: "NEAR(fuel depot, 2)"})
		if got := resultIDs(res); !slices.Equal(got, []string{"w-drone-strike"}) {
			t.Fatalf("NEAR: %v", got)
		}
	})

	t.Run("Prefix", func(t *testing.T) {
		res, _ := search(t, sitrep.SearchQuery{Query: "demarc*"})
		if got := resultIDs(res); !slices.Equal(got, []string{"w-border-talks"}) {
			t.Fatalf("prefix: %v", got)
		}
	})

	t.Run("Operators", func(t *testing.T) {
		_, all := search(t, sitrep.SearchQuery{Query: "said"})
		_, with := search(t, sitrep.SearchQuery{Query: "said AND drone"})
		_, without := search(t, sitrep.SearchQuery{Query: "said NOT drone"})
		if with != 1 || with+without != all {
			t.Fatalf("said=%d said AND drone=%d said NOT drone=%d", all, with, without)
		}
	})

	t.Run("PlainWordsWithPunctuation", func(t *testing.T) {
		// Apostrophes and hyphens in plain words are not query syntax.
		res, _ := search(t, sitrep.SearchQuery{Query: "Armenia's foreign minister"})
		if got := resultIDs(res); !slices.Equal(got, []string{"w-border-talks"}) {
			t.Fatalf("results=%v", got)
		}
		if seeds != nil {
			_, n := search(t, sitrep.SearchQuery{Query: "Netanyahu's"})
			if n == 0 {
				t.Fatal("Netanyahu's: no result in the seeds")
			}
		}
	})

	t.Run("Diacritics", func(t *testing.T) {
		res, _ := search(t, sitrep.SearchQuery{Query: "cafe sequia"})
		if got := resultIDs(res); !slices.Equal(got, []string{"w-cosecha"}) {
			t.Fatalf("results=%v", got)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		tests := []struct {
			name string
			q    sitrep.SearchQuery
			want []string // nil: only check that every result passes check
			chk  func(*sitrep.Article) bool
		}{
			{"ActorPrefix", sitrep.SearchQuery{Actor: "ARM"}, []string{"w-border-talks"}, nil},
			{"ActorSector", sitrep.SearchQuery{Actor: "ukrmil"}, []string{"w-drone-strike"}, nil},
			{"ActorID", sitrep.SearchQuery{Actor: "jonas-lie"}, []string{"w-harbour"}, nil},
			{"ActorAndQuery", sitrep.SearchQuery{Query: "shipping", Actor: "IRN"}, []string{"w-sanctions"}, nil},
			{"ActorExcludes", sitrep.SearchQuery{Query: "shipping", Actor: "ARM"}, []string{}, nil},
			{"PLOVER", sitrep.SearchQuery{EventType: "assault"}, []string{"w-drone-strike"}, nil},
			{"CAMEORoot", sitrep.SearchQuery{EventType: "13"}, []string{"w-sanctions"}, nil},
			{"CAMEOCode", sitrep.SearchQuery{EventType: "043"}, []string{"w-border-talks"}, nil},
			{"CAMEODigit", sitrep.SearchQuery{EventType: "1"}, []string{"w-sanctions", "w-drone-strike", "w-border-talks"}, nil},
			{"CAMEOCodeQuery", sitrep.SearchQuery{Query: "drone", EventType: "195"}, []string{"w-drone-strike"}, nil},
			{"EventAndQuery", sitrep.SearchQuery{Query: "envoys", EventType: "ACCUSE"}, []string{"w-border-talks"}, nil},
			{"EventNoMatch", sitrep.SearchQuery{Query: "envoys", EventType: "ASSAULT"}, []string{}, nil},
			{"Outlet", sitrep.SearchQuery{Query: "said", Outlet: "Daily Ledger"}, nil,
				func(a *sitrep.Article) bool { return a.Outlet == "Daily Ledger" }},
			{"Language", sitrep.SearchQuery{Language: "es"}, []string{"w-cosecha"}, nil},
			{"Dates", sitrep.SearchQuery{Query: "said", Since: ptr(date(2025, 1, 1)), Until: ptr(date(2025, 12, 31))},
				[]string{"w-drone-strike"}, nil},
			{"Story", sitrep.SearchQuery{StoryID: 7}, []string{"w-sanctions"}, nil},
			{"StoryAndQuery", sitrep.SearchQuery{Query: "sanctions", StoryID: 7}, []string{"w-sanctions"}, nil},
			{"StoryOtherQuery", sitrep.SearchQuery{Query: "harbour", StoryID: 7}, []string{}, nil},
			// Codes match in whole three-letter units, with or without query text.
			{"ActorUnitQuery", sitrep.SearchQuery{Query: "drone", Actor: "UKR"}, []string{"w-drone-strike"}, nil},
			{"ActorUnit", sitrep.SearchQuery{Actor: "UKR"}, []string{"w-drone-strike"}, nil},
			{"ActorPartialUnitQuery", sitrep.SearchQuery{Query: "drone", Actor: "UKRM"}, []string{}, nil},
			{"ActorPartialUnit", sitrep.SearchQuery{Actor: "UKRM"}, []string{}, nil},
			{"LanguageQuery", sitrep.SearchQuery{Query: "cosecha", Language: "es"}, []string{"w-cosecha"}, nil},
			{"LanguageOtherQuery", sitrep.SearchQuery{Query: "cosecha", Language: "en"}, []string{}, nil},
			{"SinceOnlyQuery", sitrep.SearchQuery{Query: "said", Since: ptr(date(2025, 6, 1)), Outlet: "Daily Ledger"},
				[]string{"w-drone-strike"}, nil},
			{"UntilOnlyQuery", sitrep.SearchQuery{Query: "said", Until: ptr(date(2024, 10, 9))}, nil,
				func(a *sitrep.Article) bool { return a.Published != nil && a.Published.Before(date(2024, 10, 9)) }},
			{"DatesWithinMonth", sitrep.SearchQuery{Query: "envoys", Since: ptr(date(2024, 10, 10)), Until: ptr(date(2024, 10, 31))},
				[]string{}, nil},
		}
		if seeds != nil {
			tests = append(tests, struct {
				name string
				q    sitrep.SearchQuery
				want []string
				chk  func(*sitrep.Article) bool
			}{"SeedsIsraelPentagon", sitrep.SearchQuery{Query: "Gallant", Actor: "USAMIL"}, nil,
				func(a *sitrep.Article) bool { return strings.Contains(a.Text, "Pentagon") }})
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, n := search(t, tt.q)
				if n != len(res) {
					t.Fatalf("total=%d, results=%d", n, len(res))
				}
				if tt.want != nil && !slices.Equal(resultIDs(res), tt.want) {
					t.Fatalf("results=%v, want %v", resultIDs(res), tt.want)
				}
				if tt.chk != nil {
					if len(res) == 0 {
						t.Fatal("no results")
					}
					for _, r := range res {
						if !tt.chk(r.Article) {
							t.Fatalf("result %s does not pass the filter", r.Article.ID)
						}
					}
				}
			})
		}
	})

	t.Run("NoQuery", func(t *testing.T) {
		res, n := search(t, sitrep.SearchQuery{Outlet: "Coastal Courier"})
		if got, want := resultIDs(res), []string{"w-harbour", "w-undated"}; !slices.Equal(got, want) || n != 2 {
			t.Fatalf("results=%v n=%d, want %v", got, n, want)
		}
		if !strings.HasPrefix(res[0].Snippet, "BERGEN") {
			t.Fatalf("snippet=%q, want the opening of the text", res[0].Snippet)
		}
	})

	t.Run("Paging", func(t *testing.T) {
		all, n := search(t, sitrep.SearchQuery{Query: "said", Limit: 100})
		if n < 3 || len(all) != n {
			t.Fatalf("n=%d results=%d", n, len(all))
		}
		var paged []string
		for off := 0; off < n; off += 2 {
			res, m := search(t, sitrep.SearchQuery{Query: "said", Offset: off, Limit: 2})
			if m != n {
				t.Fatalf("total changed with offset: %d vs %d", m, n)
			}
			paged = append(paged, resultIDs(res)...)
		}
		if !slices.Equal(paged, resultIDs(all)) {
			t.Fatalf("pages %v, want %v", paged, resultIDs(all))
		}
		res, m := search(t, sitrep.SearchQuery{Query: "said", Offset: n + 5})
		if len(res) != 0 || m != n {
			t.Fatalf("past the end: %d results, total %d", len(res), m)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, q := range []string{`"unbalanced phrase`, `said AND`, `(drone`, `nosuchcolumn: drone`, `...`,
			strings.Repeat("word ", 1000), "bad\xffutf8", `s*`, `drone OR t*`} {
			_, _, err := s.Search.Search(ctx, sitrep.SearchQuery{Query: q})
			if got := sitrep.ErrorCode(err); got != sitrep.EINVALID {
				t.Errorf("query %.40q: code=%q (%v), want %q", q, got, err, sitrep.EINVALID)
			}
		}
	})
}

func testProfiles(t *testing.T, open Opener) {
	ctx := context.Background()
	s := openFixed(t, open)

	p := &sitrep.Profile{Name: "Gulf shipping", Actors: []string{"IRN", "USAMIL"}, Events: []string{"ASSAULT"},
		Query: "tanker OR strait", Webhook: "https://hooks.example.org/x"}
	if err := s.Profiles.CreateProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || !p.CreatedAt.Equal(fixedClock) {
		t.Fatalf("id=%d created_at=%v", p.ID, p.CreatedAt)
	}
	q := &sitrep.Profile{Name: "Caucasus", Query: "Armenia"}
	if err := s.Profiles.CreateProfile(ctx, q); err != nil {
		t.Fatal(err)
	}

	t.Run("Find", func(t *testing.T) {
		got, err := s.Profiles.FindProfileByID(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != p.Name || !slices.Equal(got.Actors, p.Actors) || !slices.Equal(got.Events, p.Events) ||
			got.Query != p.Query || got.Webhook != p.Webhook || !got.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("got %+v, want %+v", got, p)
		}
		ps, n, err := s.Profiles.FindProfiles(ctx, sitrep.ProfileFilter{})
		if err != nil || n != 2 || len(ps) != 2 || ps[0].ID != p.ID {
			t.Fatalf("FindProfiles: n=%d %v", n, err)
		}
		ps, n, err = s.Profiles.FindProfiles(ctx, sitrep.ProfileFilter{Name: ptr("Caucasus")})
		if err != nil || n != 1 || ps[0].ID != q.ID || ps[0].Actors == nil {
			t.Fatalf("FindProfiles by name: n=%d %v", n, err)
		}
	})

	t.Run("Update", func(t *testing.T) {
		got, err := s.Profiles.UpdateProfile(ctx, q.ID, sitrep.ProfileUpdate{Actors: &[]string{"ARM", "AZE"}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Actors, []string{"ARM", "AZE"}) || got.Query != "Armenia" {
			t.Fatalf("updated %+v", got)
		}
		again, _ := s.Profiles.FindProfileByID(ctx, q.ID)
		if !slices.Equal(again.Actors, got.Actors) {
			t.Fatalf("update not stored: %+v", again)
		}
		_, err = s.Profiles.UpdateProfile(ctx, q.ID, sitrep.ProfileUpdate{Name: ptr("")})
		wantCode(t, err, sitrep.EINVALID)
		_, err = s.Profiles.UpdateProfile(ctx, 999999, sitrep.ProfileUpdate{Name: ptr("x")})
		wantCode(t, err, sitrep.ENOTFOUND)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		wantCode(t, s.Profiles.CreateProfile(ctx, &sitrep.Profile{Name: "empty"}), sitrep.EINVALID)
		wantCode(t, s.Profiles.CreateProfile(ctx, &sitrep.Profile{Query: "x"}), sitrep.EINVALID)
	})

	t.Run("Delete", func(t *testing.T) {
		if _, err := s.Alerts.CreateAlert(ctx, &sitrep.Alert{ProfileID: q.ID, Kind: sitrep.AlertNewStory, Key: "story:1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Profiles.DeleteProfile(ctx, q.ID); err != nil {
			t.Fatal(err)
		}
		_, err := s.Profiles.FindProfileByID(ctx, q.ID)
		wantCode(t, err, sitrep.ENOTFOUND)
		wantCode(t, s.Profiles.DeleteProfile(ctx, q.ID), sitrep.ENOTFOUND)
		// Its alerts went with it.
		if _, n, err := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{ProfileID: &q.ID}); err != nil || n != 0 {
			t.Fatalf("alerts of deleted profile: n=%d %v", n, err)
		}
	})
}

func testAlerts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := openFixed(t, open)
	now := fixedClock
	s.SetNow(func() time.Time { return now })

	p1 := &sitrep.Profile{Name: "Israel–Iran", Actors: []string{"ISR", "IRN"}}
	p2 := &sitrep.Profile{Name: "Pentagon", Actors: []string{"USAMIL"}}
	for _, p := range []*sitrep.Profile{p1, p2} {
		if err := s.Profiles.CreateProfile(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	create := func(a *sitrep.Alert) bool {
		t.Helper()
		ok, err := s.Alerts.CreateAlert(ctx, a)
		if err != nil {
			t.Fatalf("CreateAlert: %v", err)
		}
		return ok
	}
	a1 := &sitrep.Alert{ProfileID: p1.ID, Kind: sitrep.AlertNewStory, Key: "story:12", StoryID: 12,
		ArticleID: "seed:000", Message: "New story: Israel weighs response to Iran's missile attack"}
	if !create(a1) || a1.ID == 0 || !a1.CreatedAt.Equal(now) {
		t.Fatalf("first alert not created: %+v", a1)
	}
	now = now.Add(time.Hour)
	// The same development for the same profile never alerts twice.
	again := &sitrep.Alert{ProfileID: p1.ID, Kind: sitrep.AlertNewStory, Key: "story:12", Message: "repeat"}
	if create(again) || again.ID != 0 {
		t.Fatalf("repeated key created: %+v", again)
	}
	// Another profile may alert on it.
	if !create(&sitrep.Alert{ProfileID: p2.ID, Kind: sitrep.AlertNewStory, Key: "story:12"}) {
		t.Fatal("same key for another profile not created")
	}
	now = now.Add(time.Hour)
	if !create(&sitrep.Alert{ProfileID: p1.ID, Kind: sitrep.AlertEscalation, Key: "escalation:12:19", StoryID: 12}) {
		t.Fatal("escalation not created")
	}

	t.Run("Find", func(t *testing.T) {
		all, n, err := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{})
		if err != nil || n != 3 || len(all) != 3 {
			t.Fatalf("n=%d %v", n, err)
		}
		if all[0].Kind != sitrep.AlertEscalation || all[2].ID != a1.ID {
			t.Fatalf("not newest first: %v, %v", all[0].Kind, all[2].ID)
		}
		if got := all[2]; got.Message != a1.Message || got.StoryID != 12 || got.ArticleID != "seed:000" {
			t.Fatalf("stored alert %+v", got)
		}
		mine, n, _ := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{ProfileID: &p1.ID})
		if n != 2 || len(mine) != 2 {
			t.Fatalf("profile filter n=%d", n)
		}
		recent, n, _ := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{Since: ptr(fixedClock.Add(30 * time.Minute))})
		if n != 2 || len(recent) != 2 {
			t.Fatalf("since filter n=%d", n)
		}
		kind := sitrep.AlertEscalation
		if _, n, _ := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{Kind: &kind}); n != 1 {
			t.Fatalf("kind filter n=%d", n)
		}
		page, n, _ := s.Alerts.FindAlerts(ctx, sitrep.AlertFilter{Offset: 1, Limit: 1})
		if n != 3 || len(page) != 1 || page[0].ID != all[1].ID {
			t.Fatalf("page: n=%d %v", n, page)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		_, err := s.Alerts.CreateAlert(ctx, &sitrep.Alert{ProfileID: 424242, Kind: sitrep.AlertNewStory, Key: "k"})
		wantCode(t, err, sitrep.ENOTFOUND)
		_, err = s.Alerts.CreateAlert(ctx, &sitrep.Alert{ProfileID: p1.ID, Kind: sitrep.AlertNewStory})
		wantCode(t, err, sitrep.EINVALID)
	})
}

func testDurability(t *testing.T, open Opener) {
	ctx := context.Background()
	s := openFixed(t, open)
	if s.Reopen == nil {
		t.Skip("backend keeps nothing across a close")
	}
	as := allArticles(t)
	mustCreate(t, s, as)
	p := &sitrep.Profile{Name: "durable", Query: "harbour"}
	if err := s.Profiles.CreateProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Alerts.CreateAlert(ctx, &sitrep.Alert{ProfileID: p.ID, Kind: sitrep.AlertNewStory, Key: "story:1"}); err != nil || !ok {
		t.Fatalf("alert: %v %v", ok, err)
	}

	s = s.Reopen(t)
	for _, a := range as {
		got, err := s.Articles.FindArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatalf("after reopen: %v", err)
		}
		sameArticle(t, got, a)
	}
	if res, _, err := s.Search.Search(ctx, sitrep.SearchQuery{Query: "cranes"}); err != nil || len(res) != 1 {
		t.Fatalf("search after reopen: %d results, %v", len(res), err)
	}
	if _, err := s.Profiles.FindProfileByID(ctx, p.ID); err != nil {
		t.Fatalf("profile after reopen: %v", err)
	}
	if ok, err := s.Alerts.CreateAlert(ctx, &sitrep.Alert{ProfileID: p.ID, Kind: sitrep.AlertNewStory, Key: "story:1"}); err != nil || ok {
		t.Fatalf("alert key forgotten after reopen: created=%v %v", ok, err)
	}
	// Ingesting the same batch again after the restart is a no-op.
	created, err := s.Articles.CreateArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(created, true) {
		t.Fatalf("re-ingest after reopen created %v", created)
	}
}

func testConcurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := openFixed(t, open)
	const writers, batches, batchSize = 4, 5, 40
	corpus := Corpus(writers*batches*batchSize/2, nil, 1, "c")
	var wg sync.WaitGroup
	var mu sync.Mutex
	newCount := 0
	errs := make(chan error, writers*batches+2)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Writers overlap pairwise: writer w and w^1 insert the same articles.
			base := (w / 2) * batches * batchSize
			for b := 0; b < batches; b++ {
				batch := corpus[base+b*batchSize : base+(b+1)*batchSize]
				cp := make([]*sitrep.Article, len(batch))
				for i, a := range batch {
					cp[i] = clone(a)
				}
				created, err := s.Articles.CreateArticles(ctx, cp)
				if err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
				mu.Lock()
				for _, c := range created {
					if c {
						newCount++
					}
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			if _, _, err := s.Search.Search(ctx, sitrep.SearchQuery{Query: "talks", Actor: "ISR"}); err != nil {
				errs <- fmt.Errorf("reader: %w", err)
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
	}
	if newCount != len(corpus) {
		t.Fatalf("new=%d, want %d (each article created exactly once)", newCount, len(corpus))
	}
	_, n, err := s.Articles.FindArticles(ctx, sitrep.ArticleFilter{Limit: 1})
	if err != nil || n != len(corpus) {
		t.Fatalf("stored=%d, want %d (%v)", n, len(corpus), err)
	}
}
