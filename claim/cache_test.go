package claim_test

import (
	"context"
	"errors"
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

// failingStore is a MemStore whose SaveClaims fails while fail is set.
type failingStore struct {
	*claim.MemStore
	fail bool
}

func (s *failingStore) SaveClaims(ctx context.Context, claims []*sitrep.ReportedClaim, reports []sitrep.ClaimReportOf) error {
	if s.fail {
		return errors.New("disk full")
	}
	return s.MemStore.SaveClaims(ctx, claims, reports)
}

// TestCachedStore_BatchFlushFails checks that a batch whose commit fails leaves the cache as it
// was: recording the same batch again once the store works gives what a clean run gives.
func TestCachedStore_BatchFlushFails(t *testing.T) {
	ctx := context.Background()
	arts := func() []*sitrep.Article {
		return []*sitrep.Article{
			report("b1", "Wire A", "2024-10-02", "The Revolutionary Guards said they had fired about 180 ballistic missiles at military bases in Israel.",
				"The Revolutionary Guards", "they had fired about 180 ballistic missiles at military bases in Israel", "assert", ""),
			report("b2", "Paper B", "2024-10-03", "Officials said the port of Haifa was closed to shipping after a drone struck a crane on Monday.",
				"", "the port of Haifa was closed to shipping after a drone struck a crane on Monday", "assert", "unverified"),
			report("b3", "Paper C", "2024-10-04", "The port authority denied that the port of Haifa was closed to shipping after a drone struck a crane.",
				"The port authority", "the port of Haifa was closed to shipping after a drone struck a crane", "deny", ""),
			report("b4", "Paper D", "2024-10-05", "The Revolutionary Guards said they fired some 180 ballistic missiles at Israeli military bases on Tuesday.",
				"The Revolutionary Guards", "they fired some 180 ballistic missiles at Israeli military bases on Tuesday", "assert", ""),
		}
	}
	clean := claim.NewMemStore()
	cc, err := claim.NewCachedStore(ctx, clean, clean)
	if err != nil {
		t.Fatal(err)
	}
	cm := claim.New(cc, claim.DefaultOptions())
	if _, err := cm.RecordBatch(ctx, arts()[:2]); err != nil {
		t.Fatal(err)
	}
	want, err := cm.RecordBatch(ctx, arts()[2:])
	if err != nil {
		t.Fatal(err)
	}

	fs := &failingStore{MemStore: claim.NewMemStore()}
	fc, err := claim.NewCachedStore(ctx, fs, fs.MemStore)
	if err != nil {
		t.Fatal(err)
	}
	fm := claim.New(fc, claim.DefaultOptions())
	if _, err := fm.RecordBatch(ctx, arts()[:2]); err != nil {
		t.Fatal(err)
	}
	fs.fail = true
	if _, err := fm.RecordBatch(ctx, arts()[2:]); err == nil {
		t.Fatal("failed commit: no error")
	}
	if cands, _ := fc.ClaimCandidates(ctx, []string{"ballistic", "missiles", "port", "haifa"}, 10); len(cands) != 2 ||
		cands[0].ReportCount != 1 || cands[1].ReportCount != 1 {
		t.Fatalf("cache after a failed commit holds %d claims: %+v", len(cands), cands)
	}
	fs.fail = false
	got, err := fm.RecordBatch(ctx, arts()[2:])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) != 1 || got[0].To != want[0].To || got[0].Claim.ID != want[0].Claim.ID ||
		got[0].Report.ID != want[0].Report.ID || got[0].Claim.StatusReport != got[0].Report.ID {
		t.Fatalf("changes after retry %+v, want %+v", got, want)
	}
	wc, wn, _ := clean.FindClaims(ctx, sitrep.ClaimFilter{})
	gc, gn, _ := fs.FindClaims(ctx, sitrep.ClaimFilter{})
	if gn != wn || wn != 2 {
		t.Fatalf("claims after retry %d, clean run %d, want 2", gn, wn)
	}
	for i := range wc {
		if gc[i].ID != wc[i].ID || gc[i].ReportCount != wc[i].ReportCount || gc[i].Status != wc[i].Status ||
			gc[i].StatusReport != wc[i].StatusReport {
			t.Fatalf("claim %d: after retry %+v, clean run %+v", i, gc[i], wc[i])
		}
	}
}
