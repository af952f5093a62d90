package claim_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
)

// BenchmarkRecord records articles of four claims each (sentences written for this benchmark,
// varied by subject, action, place and number) into a MemStore already holding 40,000 claims and
// reports articles/s: the matcher's own cost, with candidate retrieval through the inverted index.
func BenchmarkRecord(b *testing.B) {
	ctx := context.Background()
	st := claim.NewMemStore()
	m := claim.New(st, claim.DefaultOptions())
	subjects := []string{"the army", "the interior ministry", "rebel fighters", "the coalition", "border police", "the navy", "armed drones", "the militia"}
	verbs := []string{"shelled", "seized", "evacuated", "blockaded", "bombed", "inspected", "reinforced", "abandoned"}
	places := []string{"the port", "the airfield", "the border crossing", "the refinery", "the power plant", "the bridge", "the market", "the dam"}
	mk := func(i int) *sitrep.Article {
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		a := &sitrep.Article{ID: fmt.Sprintf("b%d", i), Outlet: fmt.Sprintf("outlet %d", i%13), Published: &day}
		var sb strings.Builder
		for k := 0; k < 4; k++ {
			j := i*4 + k
			content := fmt.Sprintf("%s %s %s near the town of Kafr %d late on %s", subjects[j%8], verbs[(j/8)%8], places[(j/64)%8], j%977, day.Weekday())
			start := sb.Len() + len("Local officials said ")
			sb.WriteString("Local officials said " + content + ". ")
			a.Quotes = append(a.Quotes, sitrep.Quote{Text: content, Start: start, End: start + len(content), Cue: "said"})
			a.Claims = append(a.Claims, sitrep.Claim{ID: fmt.Sprint(j), QuoteIndex: k, Content: content,
				Speaker: sitrep.Source{Text: "local officials", Kind: sitrep.SourceNamed}, Stance: "assert"})
		}
		a.Text = sb.String()
		return a
	}
	for i := 0; i < 10000; i++ {
		if _, err := m.Record(ctx, mk(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Record(ctx, mk(10000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
