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

// report builds an article whose text carries one attributed statement: speaker, cue and content
// as the quote stage would give them.
func report(id, outlet, day, text, speaker, content, stance, hedge string) *sitrep.Article {
	pub, _ := time.Parse("2006-01-02", day)
	start := strings.Index(text, content)
	if start < 0 {
		panic("content not in text: " + content)
	}
	sp := sitrep.Source{Text: speaker, Kind: sitrep.SourceNamed}
	if speaker == "" {
		sp = sitrep.Source{Kind: sitrep.SourceAnonymous, Description: "officials"}
	}
	if i := strings.Index(text, speaker); speaker != "" && i >= 0 {
		sp.Start, sp.End = i, i+len(speaker)
	}
	q := sitrep.Quote{Text: content, Start: start, End: start + len(content), Kind: sitrep.QuoteIndirect,
		Speaker: sp, Cue: cueOf(stance), Hedge: hedge, Parent: -1}
	return &sitrep.Article{
		ID: id, Outlet: outlet, Published: &pub, Text: text, StoryID: 1, StorylineID: 1,
		Quotes: []sitrep.Quote{q},
		Claims: []sitrep.Claim{{ID: id + "-c0", QuoteIndex: 0, Speaker: sp, Content: content, Stance: stance,
			Hedge: hedge, Date: day}},
	}
}

func cueOf(stance string) string {
	switch stance {
	case "deny":
		return "denied"
	case "confirm":
		return "confirmed"
	}
	return "said"
}

func TestMatcher_SameClaimAcrossOutlets(t *testing.T) {
	ctx := context.Background()
	st := claim.NewMemStore()
	m := claim.New(st, claim.DefaultOptions())
	arts := []*sitrep.Article{
		report("a1", "Wire A", "2024-10-02",
			"The Revolutionary Guards said they had fired about 180 ballistic missiles at military bases in Israel. Sirens sounded across the country.",
			"The Revolutionary Guards", "they had fired about 180 ballistic missiles at military bases in Israel", "assert", ""),
		report("a2", "Paper B", "2024-10-02",
			"In Tehran, the Revolutionary Guards said they fired some 180 ballistic missiles at Israeli military bases on Tuesday evening.",
			"The Revolutionary Guards", "they fired some 180 ballistic missiles at Israeli military bases on Tuesday evening", "assert", ""),
		// Unrelated claim by the same speaker: must stay apart.
		report("a3", "Paper B", "2024-10-03",
			"The Revolutionary Guards said any Israeli response would be met with a crushing answer.",
			"The Revolutionary Guards", "any Israeli response would be met with a crushing answer", "assert", ""),
	}
	for _, a := range arts {
		if _, err := m.Record(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	cs, n, err := st.FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		for _, c := range cs {
			t.Logf("claim %d %q reports=%d", c.ID, c.Content, c.ReportCount)
		}
		t.Fatalf("claims = %d, want 2 (one reported twice, one once)", n)
	}
	var two *sitrep.ReportedClaim
	for _, c := range cs {
		if c.ReportCount == 2 {
			two = c
		}
	}
	if two == nil || !strings.Contains(two.Content, "180 ballistic missiles") {
		t.Fatalf("the missile claim should have 2 reports: %+v", cs)
	}
	if got := strings.Join(two.Outlets, ","); got != "Wire A,Paper B" {
		t.Errorf("outlets = %q", got)
	}
	full, err := st.FindClaimByID(ctx, two.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Reports) != 2 || full.Reports[1].ArticleID != "a2" || full.Reports[1].Similarity < 0.6 {
		t.Fatalf("reports = %+v", full.Reports)
	}
	if !strings.HasPrefix(full.Reports[1].Sentence, "In Tehran") || full.Reports[1].Cue != "said" {
		t.Errorf("evidence sentence = %q cue %q", full.Reports[1].Sentence, full.Reports[1].Cue)
	}
}

func TestMatcher_StatusTransitions(t *testing.T) {
	assert := report("s1", "Wire A", "2024-04-19",
		"Two US officials said Israeli aircraft struck an air-defence radar near the city of Isfahan overnight.",
		"", "Israeli aircraft struck an air-defence radar near the city of Isfahan overnight", "assert", sitrep.HedgeReported)
	deny := report("s2", "Paper B", "2024-04-19",
		"Iran's foreign minister denied that Israeli aircraft struck an air-defence radar near Isfahan overnight, calling it drones flown by infiltrators.",
		"Iran's foreign minister", "Israeli aircraft struck an air-defence radar near Isfahan overnight", "deny", "")
	confirm := report("s3", "Paper C", "2024-04-22",
		"A senior Israeli official later confirmed that Israeli aircraft struck an air-defence radar near the city of Isfahan.",
		"A senior Israeli official", "Israeli aircraft struck an air-defence radar near the city of Isfahan", "confirm", "")
	opposite := report("s4", "Paper D", "2024-04-20",
		"The Pentagon said Israeli aircraft did not strike any air-defence radar near the city of Isfahan overnight.",
		"The Pentagon", "Israeli aircraft did not strike any air-defence radar near the city of Isfahan overnight", "assert", "")
	tests := []struct {
		name   string
		seq    []*sitrep.Article
		status string
		// changes lists "from>to" for each status change returned.
		changes string
	}{
		{"reported only", []*sitrep.Article{assert}, sitrep.ClaimReported, ""},
		{"reported then denied", []*sitrep.Article{assert, deny}, sitrep.ClaimDenied, "reported>denied"},
		{"reported then confirmed", []*sitrep.Article{assert, confirm}, sitrep.ClaimConfirmed, "reported>confirmed"},
		{"denied then confirmed", []*sitrep.Article{assert, deny, confirm}, sitrep.ClaimContradicted, "reported>denied denied>contradicted"},
		{"opposite statement denies", []*sitrep.Article{assert, opposite}, sitrep.ClaimDenied, "reported>denied"},
		{"confirmed then opposite", []*sitrep.Article{assert, confirm, opposite}, sitrep.ClaimContradicted, "reported>confirmed confirmed>contradicted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := claim.NewMemStore()
			m := claim.New(st, claim.DefaultOptions())
			var got []string
			for _, a := range tt.seq {
				ch, err := m.Record(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range ch {
					got = append(got, c.From+">"+c.To)
					if c.Report.ArticleID != a.ID || c.Report.Reason == "" || c.Report.Sentence == "" {
						t.Errorf("change lacks evidence: %+v", c.Report)
					}
				}
			}
			cs, n, _ := st.FindClaims(ctx, sitrep.ClaimFilter{})
			if n != 1 {
				t.Fatalf("claims = %d, want 1: %s", n, dump(cs))
			}
			if cs[0].Status != tt.status {
				t.Errorf("status = %s, want %s", cs[0].Status, tt.status)
			}
			if g := strings.Join(got, " "); g != tt.changes {
				t.Errorf("changes = %q, want %q", g, tt.changes)
			}
		})
	}
}

func dump(cs []*sitrep.ReportedClaim) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "[%d %s %q by %q] ", c.ID, c.Status, c.Content, c.SpeakerKey)
	}
	return b.String()
}

func TestMatcher_DifferentSpeakersAssertingStayApart(t *testing.T) {
	ctx := context.Background()
	st := claim.NewMemStore()
	m := claim.New(st, claim.DefaultOptions())
	a := report("d1", "A", "2024-10-26", "Netanyahu said the strikes hit military targets across Iran precisely.",
		"Netanyahu", "the strikes hit military targets across Iran precisely", "assert", "")
	b := report("d2", "B", "2024-10-26", "Khamenei said the strikes hit military targets across Iran precisely but caused little damage.",
		"Khamenei", "the strikes hit military targets across Iran precisely but caused little damage", "assert", "")
	for _, x := range []*sitrep.Article{a, b} {
		if _, err := m.Record(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if _, n, _ := st.FindClaims(ctx, sitrep.ClaimFilter{}); n != 2 {
		t.Fatalf("claims = %d, want 2: named speakers asserting are different claims", n)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b   string
		lo, hi float64
	}{
		{"Israel struck military sites in Iran", "Israel struck several military sites inside Iran on Saturday", 0.8, 1},
		{"the talks will resume next week in Oman", "Iran launched drones at the northern border", 0, 0.2},
		{"Hamas fighters attacked the kibbutz", "Hamas fighters attacking the kibbutz", 0.99, 1},
		{"", "anything", 0, 0},
	}
	for _, tt := range tests {
		s := claim.Similarity(claim.Normalize(tt.a).Terms, claim.Normalize(tt.b).Terms)
		if s < tt.lo || s > tt.hi {
			t.Errorf("Similarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, s, tt.lo, tt.hi)
		}
	}
	if !claim.Normalize("Iran didn't attack the base").Negated || claim.Normalize("Iran attacked the base").Negated {
		t.Error("negation polarity")
	}
	if claim.Normalize("it is not true that no missiles were fired").Negated {
		t.Error("double negation should cancel")
	}
	if claim.Normalize("Nothing less than the future of Europe is at stake").Negated {
		t.Error(`"nothing less than" is not a negation`)
	}
	if w := claim.Normalize("a bomb killed two officers at the bank, and police did not have any suspects"); !w.Contrast {
		t.Error("clauses of opposite polarity should mark the content as contrastive")
	}
	if s := claim.Similarity(claim.Normalize("the jets struck the depot").Terms, claim.Normalize("the jets strike the depot").Terms); s < 0.99 {
		t.Errorf("struck and strike should meet: %.2f", s)
	}
}

func TestSentence(t *testing.T) {
	txt := "First one. Officials said the port was closed. Third sentence here."
	i := strings.Index(txt, "the port")
	lo, hi := claim.Sentence(txt, i, i+len("the port was closed"))
	if got := txt[lo:hi]; got != "Officials said the port was closed." {
		t.Errorf("sentence = %q", got)
	}
	if lo, hi := claim.Sentence(txt, -1, 4000); lo != 0 || hi != 0 {
		t.Error("out of range offsets must give an empty span")
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("Iran's army didn't fire — officials’ claims")
	f.Add(strings.Repeat("x", 5000))
	f.Add("\xff\xfe n't 's -")
	f.Fuzz(func(t *testing.T, s string) {
		w := claim.Normalize(s)
		if len(w.Terms) > 32 {
			t.Fatalf("too many terms: %d", len(w.Terms))
		}
		_ = claim.Similarity(w.Terms, w.Terms)
		lo, hi := claim.Sentence(s, 0, len(s)/2)
		if lo > hi || hi > len(s) {
			t.Fatalf("bad span %d %d", lo, hi)
		}
	})
}
