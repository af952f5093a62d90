package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
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

// BenchmarkClaimMatch records articles of 4 claims each (one write transaction per article) into
// a store already holding 8,000 claims, reporting articles/s.
func BenchmarkClaimMatch(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b, filepath.Join(b.TempDir(), "bench.db"))
	svc := sqlite.NewClaimService(db)
	m := claim.New(svc, claim.DefaultOptions())
	subjects := []string{"the army", "the ministry", "rebel fighters", "the coalition", "police", "the navy", "drones", "the militia"}
	verbs := []string{"shelled", "seized", "evacuated", "blockaded", "bombed", "inspected", "reinforced", "abandoned"}
	places := []string{"the port", "the airfield", "the border crossing", "the refinery", "the power plant", "the bridge", "the market", "the dam"}
	mk := func(i int) *sitrep.Article {
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
	for i := 0; i < 2000; i++ {
		if _, err := m.Record(ctx, mk(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Record(ctx, mk(2000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func ptrTo[T any](v T) *T { return &v }
