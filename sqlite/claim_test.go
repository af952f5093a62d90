package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
	"github.com/sitrep/sitrep/sqlite"
)

// claimArticle is an article carrying one attributed statement, as the quote stage gives it.
func claimArticle(id, outlet string, day time.Time, text, speaker, content, stance string) *sitrep.Article {
	start := strings.Index(text, content)
	sp := sitrep.Source{Text: speaker, Kind: sitrep.SourceNamed}
	q := sitrep.Quote{Text: content, Start: start, End: start + len(content), Kind: sitrep.QuoteIndirect,
		Speaker: sp, Cue: map[string]string{"deny": "denied", "confirm": "confirmed"}[stance], Parent: -1}
	return &sitrep.Article{ID: id, Outlet: outlet, Published: &day, Text: text, StoryID: 3, StorylineID: 2,
		Quotes: []sitrep.Quote{q},
		Claims: []sitrep.Claim{{ID: id + "/0", Speaker: sp, Content: content, Stance: stance}}}
}

func TestClaimService_MatchAndStatus(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, filepath.Join(t.TempDir(), "c.db"))
	svc := sqlite.NewClaimService(db)
	m := claim.New(svc, claim.DefaultOptions())
	day := time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC)
	arts := []*sitrep.Article{
		claimArticle("x1", "Wire A", day, "Iranian state media said the attack damaged only a few radar systems at military sites.",
			"Iranian state media", "the attack damaged only a few radar systems at military sites", "assert"),
		claimArticle("x2", "Paper B", day.Add(time.Hour), "Iranian state media reported the attack damaged a few radar systems at several military sites.",
			"Iranian state media", "the attack damaged a few radar systems at several military sites", "assert"),
		claimArticle("x3", "Paper C", day.Add(48*time.Hour), "Satellite analysts denied the attack damaged only a few radar systems, pointing to destroyed missile factories at military sites.",
			"Satellite analysts", "the attack damaged only a few radar systems", "deny"),
	}
	var changes []sitrep.ClaimChange
	for _, a := range arts {
		ch, err := m.Record(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		changes = append(changes, ch...)
	}
	cs, n, err := svc.FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || cs[0].ReportCount != 3 || cs[0].Status != sitrep.ClaimDenied {
		t.Fatalf("claims=%d first=%+v", n, cs[0])
	}
	if len(changes) != 1 || changes[0].To != sitrep.ClaimDenied || changes[0].Report.ArticleID != "x3" {
		t.Fatalf("changes = %+v", changes)
	}
	full, err := svc.FindClaimByID(ctx, cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Reports) != 3 || full.Reports[2].Effect != sitrep.ClaimDenied || full.Reports[2].Cue != "denied" ||
		!strings.HasPrefix(full.Reports[2].Sentence, "Satellite analysts denied") || full.StatusReport != full.Reports[2].ID {
		t.Fatalf("reports = %+v status_report=%d", full.Reports, full.StatusReport)
	}
	if got := strings.Join(full.Outlets, ","); got != "Wire A,Paper B,Paper C" {
		t.Errorf("outlets = %q", got)
	}
	for _, f := range []sitrep.ClaimFilter{
		{Status: ptrTo(sitrep.ClaimDenied)}, {ArticleID: ptrTo("x2")}, {StorylineID: ptrTo(int64(2))},
		{Speaker: ptrTo("iranian state media")}, {MinReports: 3},
	} {
		if _, n, err := svc.FindClaims(ctx, f); err != nil || n != 1 {
			t.Errorf("filter %+v: n=%d err=%v", f, n, err)
		}
	}
	if _, n, _ := svc.FindClaims(ctx, sitrep.ClaimFilter{Status: ptrTo(sitrep.ClaimConfirmed)}); n != 0 {
		t.Errorf("confirmed filter matched %d", n)
	}
	if _, err := svc.FindClaimByID(ctx, 999); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("missing claim: %v", err)
	}
}

// statement is one attributed statement of a test article.
type statement struct{ speaker, verb, content, stance, hedge string }

// statementsArticle is an article made of "Speaker verb content." sentences, with a quote and a
// claim for each, as the quote stage gives them.
func statementsArticle(id, outlet string, day time.Time, sts ...statement) *sitrep.Article {
	a := &sitrep.Article{ID: id, Outlet: outlet, Published: &day, StoryID: 4, StorylineID: 2}
	var sb strings.Builder
	for i, st := range sts {
		sp := sitrep.Source{Text: st.speaker, Kind: sitrep.SourceNamed, Start: sb.Len(), End: sb.Len() + len(st.speaker)}
		sb.WriteString(st.speaker + " " + st.verb + " ")
		start := sb.Len()
		sb.WriteString(st.content + ". ")
		a.Quotes = append(a.Quotes, sitrep.Quote{Text: st.content, Start: start, End: start + len(st.content),
			Kind: sitrep.QuoteIndirect, Speaker: sp, Cue: st.verb, Hedge: st.hedge, Parent: -1})
		a.Claims = append(a.Claims, sitrep.Claim{ID: fmt.Sprintf("%s/%d", id, i), QuoteIndex: i, Speaker: sp,
			Content: st.content, Stance: st.stance, Hedge: st.hedge})
	}
	a.Text = sb.String()
	return a
}

// TestClaimService_BatchedSameAsPerArticle records the same articles once with one SQLite
// transaction per article and once through a CachedStore committing per batch (with a restart
// between batches): stored claims, reports, statuses and status reports must be identical, and
// so must the status changes returned.
func TestClaimService_BatchedSameAsPerArticle(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)
	const (
		haifa   = "the container terminal at Haifa was shut after a drone hit a loading crane"
		battery = "two air defence batteries were moved to the northern border overnight"
		talks   = "the ceasefire talks in Cairo would resume on Thursday with both delegations"
	)
	arts := func() []*sitrep.Article {
		return []*sitrep.Article{
			statementsArticle("y1", "Wire A", day,
				statement{"Port workers", "said", haifa, "assert", sitrep.HedgeUnverified},
				statement{"The army", "said", battery, "assert", ""}),
			statementsArticle("y2", "Paper B", day.Add(time.Hour),
				statement{"Port workers", "said", haifa + " on Monday", "assert", ""},
				statement{"The army", "confirmed", battery, "confirm", ""},
				statement{"The army", "said", battery, "assert", ""}), // repeated in the article
			statementsArticle("y3", "Paper C", day.Add(5*time.Hour),
				statement{"The port authority", "denied", haifa, "deny", ""}),
			statementsArticle("y4", "Paper D", day.Add(26*time.Hour),
				statement{"Shipping agents", "confirmed", haifa, "confirm", ""},
				statement{"Egyptian mediators", "said", talks, "assert", ""}),
			statementsArticle("y5", "Wire A", day.Add(30*time.Hour),
				statement{"The army", "denied", battery, "deny", ""}),
			statementsArticle("y2", "Paper B", day.Add(time.Hour), // recorded again: its report rows exist
				statement{"Port workers", "said", haifa + " on Monday", "assert", ""},
				statement{"The army", "confirmed", battery, "confirm", ""}),
			statementsArticle("y6", "Paper E", day.Add(50*time.Hour),
				statement{"Egyptian mediators", "confirmed", talks, "confirm", ""},
				statement{"Hamas officials", "said", "the delegation had not received any new proposal from the mediators", "assert", ""}),
		}
	}

	// Per article: one transaction each.
	plainDB := MustOpenDB(t, filepath.Join(t.TempDir(), "plain.db"))
	plain := sqlite.NewClaimService(plainDB)
	pm := claim.New(plain, claim.DefaultOptions())
	var want []sitrep.ClaimChange
	for _, a := range arts() {
		ch, err := pm.Record(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, ch...)
	}

	// Batched: a cache committing per RecordBatch, restarted before the last batch.
	batchDB := MustOpenDB(t, filepath.Join(t.TempDir(), "batch.db"))
	batched := sqlite.NewClaimService(batchDB)
	var got []sitrep.ClaimChange
	all := arts()
	var cached *claim.CachedStore
	for i, b := range [][2]int{{0, 3}, {3, 5}, {5, 7}} {
		if i != 1 {
			var err error
			if cached, err = claim.NewCachedStore(ctx, batched, batched); err != nil {
				t.Fatal(err)
			}
		}
		ch, err := claim.New(cached, claim.DefaultOptions()).RecordBatch(ctx, all[b[0]:b[1]])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ch...)
	}

	wantClaims := storedClaims(t, plain)
	gotClaims := storedClaims(t, batched)
	statuses, withStatusReport := map[string]bool{}, 0
	for _, c := range wantClaims {
		statuses[c.Status] = true
		if c.StatusReport != 0 {
			withStatusReport++
		}
	}
	// The data must exercise what batching could get wrong.
	if len(wantClaims) < 4 || len(statuses) < 3 || withStatusReport < 3 {
		t.Fatalf("test data too weak: %d claims, statuses %v, %d with a status report", len(wantClaims), statuses, withStatusReport)
	}
	if !reflect.DeepEqual(gotClaims, wantClaims) {
		for i := range max(len(gotClaims), len(wantClaims)) {
			if i >= len(gotClaims) || i >= len(wantClaims) || !reflect.DeepEqual(gotClaims[i], wantClaims[i]) {
				t.Fatalf("claim %d differs:\nbatched     %s\nper article %s", i, dump(gotClaims, i), dump(wantClaims, i))
			}
		}
	}
	if len(got) != len(want) || len(want) < 3 {
		t.Fatalf("changes: batched %d, per article %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.From != w.From || g.To != w.To || g.Claim.ID != w.Claim.ID || g.Report.ID != w.Report.ID ||
			g.Report.ID == 0 || g.Claim.StatusReport != w.Claim.StatusReport {
			t.Errorf("change %d: batched %s→%s claim %d report %d (status report %d), per article %s→%s claim %d report %d (status report %d)",
				i, g.From, g.To, g.Claim.ID, g.Report.ID, g.Claim.StatusReport, w.From, w.To, w.Claim.ID, w.Report.ID, w.Claim.StatusReport)
		}
	}

	// A later batch with a new claim continues the ids after a warm restart.
	cached, err := claim.NewCachedStore(ctx, batched, batched)
	if err != nil {
		t.Fatal(err)
	}
	extra := statementsArticle("y7", "Paper F", day.Add(60*time.Hour),
		statement{"Rescue teams", "said", "eleven people were pulled alive from the collapsed market building", "assert", ""})
	if _, err := claim.New(cached, claim.DefaultOptions()).RecordBatch(ctx, []*sitrep.Article{extra}); err != nil {
		t.Fatal(err)
	}
	if after := storedClaims(t, batched); len(after) != len(wantClaims)+1 {
		t.Fatalf("after another batch: %d claims, want %d", len(after), len(wantClaims)+1)
	}
}

// storedClaims returns every claim of svc with its reports, by id, report creation times zeroed
// (they are the wall clock of each transaction).
func storedClaims(t *testing.T, svc *sqlite.ClaimService) []*sitrep.ReportedClaim {
	t.Helper()
	ctx := context.Background()
	cs, _, err := svc.FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*sitrep.ReportedClaim, 0, len(cs))
	for id := int64(1); len(out) < len(cs); id++ {
		c, err := svc.FindClaimByID(ctx, id)
		if err != nil {
			t.Fatalf("claim %d: %v (ids must be dense)", id, err)
		}
		for _, r := range c.Reports {
			r.CreatedAt = time.Time{}
		}
		out = append(out, c)
	}
	return out
}

func dump(cs []*sitrep.ReportedClaim, i int) string {
	if i >= len(cs) {
		return "(none)"
	}
	c := *cs[i]
	s := fmt.Sprintf("%+v", c)
	for _, r := range c.Reports {
		s += fmt.Sprintf("\n  report %+v", *r)
	}
	return s
}

func TestTrackStateStore(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, ":memory:")
	s := sqlite.NewTrackStateStore(db)
	if err := s.SaveTrackState(ctx, map[int64][]byte{1: []byte(`{"a":1}`), 2: []byte(`{"b":2}`)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveTrackState(ctx, map[int64][]byte{1: []byte(`{"a":3}`)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadTrackState(ctx, []int64{1, 2, 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got[1]) != `{"a":3}` || string(got[2]) != `{"b":2}` {
		t.Fatalf("got %v", got)
	}
}

// BenchmarkClaimMatch records articles of 4 claims each into a store already holding 8,000
// claims through a CachedStore, reporting articles/s: "per-article" writes through to SQLite
// (one write transaction per article, Record), "batched" commits once per RecordBatch of 64
// articles (as ingest's tracker does per committed batch).
func BenchmarkClaimMatch(b *testing.B) {
	b.Run("per-article", func(b *testing.B) {
		ctx := context.Background()
		db := MustOpenDB(b, filepath.Join(b.TempDir(), "bench.db"))
		svc := sqlite.NewClaimService(db)
		cached, err := claim.NewCachedStore(ctx, svc, svc)
		if err != nil {
			b.Fatal(err)
		}
		m := claim.New(cached, claim.DefaultOptions())
		for i := 0; i < 2000; i++ {
			if _, err := m.Record(ctx, benchClaimArticle(i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := m.Record(ctx, benchClaimArticle(2000+i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("batched", func(b *testing.B) {
		const batch = 64
		ctx := context.Background()
		db := MustOpenDB(b, filepath.Join(b.TempDir(), "bench.db"))
		svc := sqlite.NewClaimService(db)
		cached, err := claim.NewCachedStore(ctx, svc, svc)
		if err != nil {
			b.Fatal(err)
		}
		m := claim.New(cached, claim.DefaultOptions())
		record := func(from, n int) {
			arts := make([]*sitrep.Article, n)
			for k := range arts {
				arts[k] = benchClaimArticle(from + k)
			}
			if _, err := m.RecordBatch(ctx, arts); err != nil {
				b.Fatal(err)
			}
		}
		for i := 0; i < 2000; i += batch {
			record(i, min(batch, 2000-i))
		}
		b.ResetTimer()
		for i := 0; i < b.N; i += batch {
			record(2000+i, min(batch, b.N-i))
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}

// benchClaimArticle is the i-th benchmark article: 4 statements from 8×8×8 subject, verb and
// place combinations, so that later articles repeat earlier claims.
func benchClaimArticle(i int) *sitrep.Article {
	subjects := []string{"the army", "the ministry", "rebel fighters", "the coalition", "police", "the navy", "drones", "the militia"}
	verbs := []string{"shelled", "seized", "evacuated", "blockaded", "bombed", "inspected", "reinforced", "abandoned"}
	places := []string{"the port", "the airfield", "the border crossing", "the refinery", "the power plant", "the bridge", "the market", "the dam"}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	a := &sitrep.Article{ID: fmt.Sprintf("b%d", i), Outlet: fmt.Sprintf("outlet %d", i%13), Published: &day}
	var sb strings.Builder
	for k := 0; k < 4; k++ {
		j := i*4 + k
		content := fmt.Sprintf("%s %s %s near town %d in district %d", subjects[j%8], verbs[(j/8)%8], places[(j/64)%8], j%977, j%31)
		start := sb.Len() + len("Officials said ")
		sb.WriteString("Officials said " + content + ". ")
		a.Quotes = append(a.Quotes, sitrep.Quote{Text: content, Start: start, End: start + len(content), Cue: "said"})
		a.Claims = append(a.Claims, sitrep.Claim{ID: fmt.Sprint(j), QuoteIndex: k, Content: content,
			Speaker: sitrep.Source{Text: "officials", Kind: sitrep.SourceAnonymous}, Stance: "assert"})
	}
	a.Text = sb.String()
	return a
}

func ptrTo[T any](v T) *T { return &v }
