package sqlite_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

// FuzzSearch feeds arbitrary query text and filters to Search: it must answer with results or
// an EINVALID error, never panic or fail in another way.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"harbour", `"second round" OR drone*`, "Netanyahu's cease-fire", `NEAR(a b, 2)`,
		`title:storm`, `"unbalanced`, `((`, "-", "AND OR NOT", "\x00", "ünïcödé", `{title text}: storm`, "a*b*", "^drone"} {
		f.Add(s, "ISR", "19")
	}
	db := sqlite.NewDB(":memory:")
	if err := db.Open(); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := sqlite.NewArticleService(db).CreateArticles(context.Background(), storetest.WrittenArticles()); err != nil {
		f.Fatal(err)
	}
	s := sqlite.NewSearchService(db)
	f.Fuzz(func(t *testing.T, query, actor, event string) {
		res, n, err := s.Search(context.Background(), sitrep.SearchQuery{Query: query, Actor: actor, EventType: event, Limit: 5})
		if err != nil {
			if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
				t.Fatalf("query %q: %v (code %s)", query, err, code)
			}
			return
		}
		if len(res) > n || len(res) > 5 {
			t.Fatalf("query %q: %d results of %d", query, len(res), n)
		}
	})
}
