package quote_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/text"
)

// run analyses s (written for these tests) and returns the article.
func run(t testing.TB, s string, mentions []sitrep.Mention, actors []sitrep.Actor) *sitrep.Article {
	t.Helper()
	pub := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{ID: "t", Text: s, Published: &pub, Mentions: mentions, Actors: actors}
	if err := quote.New(quote.DefaultOptions(), nil).Process(t.Context(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	return a
}

type want struct {
	text    string // quote text (exact)
	kind    string
	speaker string // Speaker.Text, or Description for anonymous sources with no text
	skind   string
	via     string // comma-separated via texts, outermost first
	hedge   string
	parent  bool
}

func check(t *testing.T, a *sitrep.Article, ws []want) {
	t.Helper()
	for _, w := range ws {
		found := false
		for _, q := range a.Quotes {
			if q.Text != w.text {
				continue
			}
			found = true
			sp := q.Speaker.Text
			if sp == "" {
				sp = q.Speaker.Description
			}
			var vs []string
			for _, v := range q.Via {
				vs = append(vs, v.Text)
			}
			if q.Kind != w.kind || sp != w.speaker || q.Speaker.Kind != w.skind || strings.Join(vs, ",") != w.via || q.Hedge != w.hedge || (q.Parent >= 0) != w.parent {
				t.Errorf("quote %q:\n got kind=%s speaker=%q/%s via=%q hedge=%q parent=%d\nwant kind=%s speaker=%q/%s via=%q hedge=%q parent=%v",
					w.text, q.Kind, sp, q.Speaker.Kind, strings.Join(vs, ","), q.Hedge, q.Parent, w.kind, w.speaker, w.skind, w.via, w.hedge, w.parent)
			}
		}
		if !found {
			var got []string
			for _, q := range a.Quotes {
				got = append(got, q.Text)
			}
			t.Errorf("no quote %q; got %q", w.text, got)
		}
	}
}

func TestExtract(t *testing.T) {
	const D, I = sitrep.QuoteDirect, sitrep.QuoteIndirect
	const N, A, M = sitrep.SourceNamed, sitrep.SourceAnonymous, sitrep.SourceMedia
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"StraightPostCue", `"We will rebuild the bridge by spring," Mayor Anna Kowalski said on Tuesday.`,
			[]want{{"We will rebuild the bridge by spring", D, "Mayor Anna Kowalski", N, "", "", false}}},
		{"CurlyInvertedCue", "“The harbour stays closed until the storm passes,” said Tomas Berg, the port director.",
			[]want{{"The harbour stays closed until the storm passes", D, "Tomas Berg", N, "", "", false}}},
		{"PreCueColon", "The minister told lawmakers: “Nobody will lose their pension.”",
			[]want{{"Nobody will lose their pension.", D, "The minister", N, "", "", false}}},
		{"PronounFollowsSpeaker", "“Prices will fall,” said Lena Ortiz. “We expect a good harvest,” she added.",
			[]want{{"We expect a good harvest", D, "Lena Ortiz", N, "", "", false}}},
		{"ContinuationParagraph", "“The vote is a mistake,” Senator Ray Dunn said.\n\n“It will cost the state dearly.”",
			[]want{{"It will cost the state dearly.", D, "Senator Ray Dunn", N, "", "", false}}},
		{"MultiParagraphQuote", "“First, we fix the roads.\n\n“Then we fix the schools,” the governor said.",
			[]want{{"First, we fix the roads.\n\n“Then we fix the schools", D, "the governor", N, "", "", false}}},
		{"Nested", "“When I asked him, he said ‘the deal is done,’” recalled Omar Haddad.",
			[]want{
				{"When I asked him, he said ‘the deal is done,’", D, "Omar Haddad", N, "", "", false},
				{"the deal is done", D, "he", N, "Omar Haddad", "", true},
			}},
		{"IndirectThat", "The company acknowledged that several customer records had been exposed.",
			[]want{{"several customer records had been exposed", I, "The company", N, "", "", false}}},
		{"AccordingToEnd", "The convoy reached the city before dawn, according to two local officials.",
			[]want{{"The convoy reached the city before dawn", I, "two local officials", A, "", "", false}}},
		{"AccordingToChain", "The talks collapsed late on Monday, according to a report by Reuters citing three diplomats.",
			[]want{{"The talks collapsed late on Monday", I, "three diplomats", A, "Reuters", "", false}}},
		{"ToldMedia", "Officials familiar with the plan told CNN that the visit had been postponed.",
			[]want{{"the visit had been postponed", I, "Officials familiar with the plan", A, "CNN", "", false}}},
		{"MediaReported", "The ministry will cut fuel subsidies next year, Bloomberg News reported.",
			[]want{{"The ministry will cut fuel subsidies next year", I, "Bloomberg News", M, "", "", false}}},
		{"ItIsBelieved", "It is believed that the shipment left the port on Friday.",
			[]want{{"the shipment left the port on Friday", I, "", "", "", sitrep.HedgeReported, false}}},
		{"Reportedly", "The general reportedly said the offensive would start soon.",
			[]want{{"the offensive would start soon", I, "The general", N, "", sitrep.HedgeReported, false}}},
		{"Denied", "The embassy denied that its staff had met the rebels.",
			[]want{{"its staff had met the rebels", I, "The embassy", N, "", sitrep.HedgeDenied, false}}},
		{"Unverified", "“We have captured the airport,” a rebel commander said. Reuters could not independently verify the claim.\n\nThe army said it still controls the runway.",
			[]want{
				{"We have captured the airport", D, "a rebel commander", A, "", sitrep.HedgeUnverified, false},
				{"it still controls the runway", I, "The army", N, "", "", false},
			}},
		{"RoleAntecedent", "Health Minister Sara Lind said the clinics would reopen. “We are ready,” added the minister.",
			[]want{{"We are ready", D, "Health Minister Sara Lind", N, "", "", false}}},
		{"PartialQuoteInIndirect", `Lind said the plan was "fully funded" and would start in May.`,
			[]want{
				{`the plan was "fully funded" and would start in May`, I, "Lind", N, "", "", false},
				{"fully funded", D, "Lind", N, "", "", true},
			}},
		{"AskedImplicit", "Asked whether the border would reopen, the spokesman said no decision had been made.",
			[]want{{"no decision had been made", I, "the spokesman", A, "", "", false}}},
		{"RaisingExpected", "The new budget is expected to pass the senate next week.",
			[]want{{"The new budget is expected to pass the senate next week", I, "", "", "", "", false}}},
		{"RaisingSeemed", "The mayor seemed to lose patience with the council.",
			[]want{{"The mayor seemed to lose patience with the council", I, "", "", "", "", false}}},
		{"LongSubject", "Residents of the three coastal villages hit hardest by the 2019 floods and by last winter's storms told reporters that the new wall was too low.",
			[]want{{"the new wall was too low", I, "Residents of the three coastal villages hit hardest by the 2019 floods and by last winter's storms", A, "", "", false}}},
		{"RelativeSubject", "The engineers who designed the bridge in 1974 said the cables were sound.",
			[]want{{"the cables were sound", I, "The engineers", N, "", "", false}}},
		{"TopicVerb", "Mayor Ines Duarte talked about the flooding in the northern districts.",
			[]want{{"about the flooding in the northern districts", I, "Mayor Ines Duarte", N, "", "", false}}},
		{"StanceVerb", "The union threatened to strike if the wage talks failed.",
			[]want{{"to strike if the wage talks failed", I, "The union", N, "", "", false}}},
		{"InDocument", "In a new survey of rural households, heating costs fell for most families.",
			[]want{{"heating costs fell for most families", I, "a new survey of rural households", A, "", "", false}}},
		{"AccordingToPoll", "Most voters say the economy is improving, according to a poll released on Monday.",
			[]want{{"Most voters say the economy is improving", I, "a poll released on Monday", N, "", "", false}}},
		{"ApostrophePairs", "''The numbers are simply wrong,'' said Peter Vance, an economist.",
			[]want{{"The numbers are simply wrong", D, "Peter Vance", N, "", "", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(t, tt.text, nil, nil), tt.want)
		})
	}
}

func TestMentions(t *testing.T) {
	s := "Defense Minister Ari Levin spoke to troops on Sunday. “We are not done,” he said."
	he := strings.Index(s, "he said")
	ments := []sitrep.Mention{
		{Text: "Ari Levin", Start: strings.Index(s, "Ari Levin"), End: strings.Index(s, "Ari Levin") + len("Ari Levin"), Type: sitrep.MentionPerson, ActorID: "levin"},
		{Text: "he", Start: he, End: he + 2, Type: sitrep.MentionPerson, ActorID: "levin", Resolution: "pronoun"},
	}
	actors := []sitrep.Actor{{ID: "levin", Name: "Ari Levin", Type: sitrep.ActorPerson}}
	a := run(t, s, ments, actors)
	if len(a.Quotes) != 1 {
		t.Fatalf("quotes=%d, want 1: %+v", len(a.Quotes), a.Quotes)
	}
	if got, want := a.Quotes[0].Speaker.ActorID, "levin"; got != want {
		t.Errorf("actor id %q, want %q", got, want)
	}
	if got, want := a.Quotes[0].Speaker.Text, "Ari Levin"; got != want {
		t.Errorf("speaker %q, want %q", got, want)
	}
	// without the pronoun mention, the last person mention before it resolves "he"
	a = run(t, s, ments[:1], actors)
	if got, want := a.Quotes[0].Speaker.ActorID, "levin"; got != want {
		t.Errorf("fallback actor id %q, want %q", got, want)
	}
}

func TestClaims(t *testing.T) {
	s := "“Prices will  fall,” said Lena Ortiz. Ortiz denied that the bank would raise rates."
	a := run(t, s, nil, nil)
	if got, want := len(a.Claims), 2; got != want {
		t.Fatalf("claims=%d, want %d: %+v", got, want, a.Claims)
	}
	c := a.Claims[0]
	if c.Content != "Prices will fall" || c.Stance != "assert" || c.Date != "2025-03-14" || c.QuoteIndex != 0 {
		t.Errorf("claim 0 = %+v", c)
	}
	if c := a.Claims[1]; c.Stance != "deny" || c.Hedge != sitrep.HedgeDenied {
		t.Errorf("claim 1 = %+v, want stance deny", c)
	}
	// the id depends on the normalised speaker and content only
	b := run(t, "Lena Ortiz said: \"Prices will fall.\"", nil, nil)
	if len(b.Claims) == 0 || b.Claims[0].ID != c.ID && b.Claims[0].ID != a.Claims[0].ID {
		t.Errorf("same claim, different ids: %+v vs %+v", b.Claims, a.Claims[0])
	}
	// a time expression in the sentence dates the claim
	a.Timexes = nil
	ts := "On March 3, the mayor said the bridge would close."
	m := &sitrep.Article{Text: ts, Timexes: []sitrep.TimeExpr{{Text: "March 3", Start: 3, End: 10, Type: sitrep.TimexDate, Value: "2025-03-03"}}}
	if err := quote.New(quote.DefaultOptions(), nil).Process(t.Context(), m, text.Parse(ts)); err != nil {
		t.Fatal(err)
	}
	if len(m.Claims) != 1 || m.Claims[0].Date != "2025-03-03" {
		t.Errorf("dated claim = %+v, want date 2025-03-03", m.Claims)
	}
}

func TestNormalizeContent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  “We will  win,”\n she said ", `We will win," she said`},
		{"it’s ‘fine’.", "it's 'fine"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := quote.NormalizeContent(tt.in); got != tt.want {
			t.Errorf("NormalizeContent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClaimID(t *testing.T) {
	a := quote.ClaimID(sitrep.Source{Text: "Lena Ortiz"}, "Prices will fall")
	if b := quote.ClaimID(sitrep.Source{Text: "lena ortiz "}, "prices will fall"); a != b {
		t.Errorf("ids differ for the same normalised claim: %s %s", a, b)
	}
	if b := quote.ClaimID(sitrep.Source{Text: "Tom Berg"}, "Prices will fall"); a == b {
		t.Errorf("ids equal for different speakers")
	}
	if c := quote.ClaimID(sitrep.Source{Text: "Lena Ortiz", ActorID: "ortiz"}, "Prices will fall"); c == a {
		t.Errorf("actor id ignored")
	}
	if len(a) != 16 {
		t.Errorf("id %q: want 16 hex digits", a)
	}
}

// TestBadInput checks that odd input neither panics nor yields spans outside the text.
func TestBadInput(t *testing.T) {
	inputs := []string{
		"", "\"", "“", "”", "''", "' '", "\"\"\"\"", "“a”b”c“", strings.Repeat("“", 5000),
		strings.Repeat("said ", 3000), strings.Repeat("\"x,\" he said. ", 2000),
		"according to", "According to ,", "as reported by", "Asked", ", said", "\xff\xfe said \"",
		strings.Repeat("a ", 100000) + "\"",
		// run-on text with unbalanced marks and a cue in every clause: work per unit is bounded
		strings.Repeat("“a, ", 5000) + strings.Repeat("he said “x” and ", 5000),
		strings.Repeat("CNN could not verify it. ", 2000) + strings.Repeat("“A,” she said. ", 2000),
	}
	for _, s := range inputs {
		checkSpans(t, s)
	}
}

func checkSpans(t testing.TB, s string) {
	t.Helper()
	a := &sitrep.Article{Text: s}
	if err := quote.New(quote.DefaultOptions(), nil).Process(t.Context(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	for i, q := range a.Quotes {
		if q.Start < 0 || q.End > len(s) || q.Start > q.End || q.Text != s[q.Start:q.End] {
			t.Fatalf("quote %d span [%d,%d) bad for text of %d bytes", i, q.Start, q.End, len(s))
		}
		if q.Parent >= i {
			t.Fatalf("quote %d parent %d not before it", i, q.Parent)
		}
	}
	for _, c := range a.Claims {
		if c.QuoteIndex < 0 || c.QuoteIndex >= len(a.Quotes) {
			t.Fatalf("claim quote index %d out of range", c.QuoteIndex)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“Prices will fall,” said Lena Ortiz.",
		"\"A,\" he said. \"B 'c' d.\"\n\n\"E",
		"According to a report by Reuters citing officials, the talks failed.",
		"X told Axios: “y”, adding that z.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s)
	})
}
