package claim_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
)

// TestCachedStore_SameAsDurable records the same reports through a cache in front of a store and
// straight into another store, then restarts the cache from its store half-way: claims, report
// counts and statuses must come out identical.
func TestCachedStore_SameAsDurable(t *testing.T) {
	ctx := context.Background()
	arts := func() []*sitrep.Article {
		return []*sitrep.Article{
			report("a1", "Wire A", "2024-10-02", "The Revolutionary Guards said they had fired about 180 ballistic missiles at military bases in Israel.",
				"The Revolutionary Guards", "they had fired about 180 ballistic missiles at military bases in Israel", "assert", ""),
			report("a2", "Paper B", "2024-10-02", "The Revolutionary Guards said they fired some 180 ballistic missiles at Israeli military bases on Tuesday.",
				"The Revolutionary Guards", "they fired some 180 ballistic missiles at Israeli military bases on Tuesday", "assert", ""),
			report("a3", "Paper C", "2024-10-03", "Officials said the port of Haifa was closed to shipping after a drone struck a crane on Monday.",
				"", "the port of Haifa was closed to shipping after a drone struck a crane on Monday", "assert", "unverified"),
			report("a4", "Paper D", "2024-10-04", "The port authority denied that the port of Haifa was closed to shipping after a drone struck a crane.",
				"The port authority", "the port of Haifa was closed to shipping after a drone struck a crane", "deny", ""),
			report("a5", "Paper B", "2024-10-05", "The Revolutionary Guards said any Israeli response would be met with a crushing answer.",
				"The Revolutionary Guards", "any Israeli response would be met with a crushing answer", "assert", ""),
		}
	}
	plain := claim.NewMemStore()
	pm := claim.New(plain, claim.DefaultOptions())
	for _, a := range arts() {
		if _, err := pm.Record(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	durable := claim.NewMemStore()
	cached, err := claim.NewCachedStore(ctx, durable, durable)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range arts() {
		if i == 3 { // restart: the new cache must be warmed from the durable store
			if cached, err = claim.NewCachedStore(ctx, durable, durable); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := claim.New(cached, claim.DefaultOptions()).Record(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	want, wn, _ := plain.FindClaims(ctx, sitrep.ClaimFilter{})
	got, gn, _ := durable.FindClaims(ctx, sitrep.ClaimFilter{})
	if gn != wn || wn != 3 {
		t.Fatalf("claims: cached %d, plain %d, want 3", gn, wn)
	}
	for i := range want {
		if got[i].Content != want[i].Content || got[i].ReportCount != want[i].ReportCount || got[i].Status != want[i].Status {
			t.Fatalf("claim %d differs: cached %+v, plain %+v", i, got[i], want[i])
		}
	}
}
