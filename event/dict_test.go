package event_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/text"
)

// TestDictionaryCoverage checks that the embedded patterns cover every CAMEO root and every
// PLOVER type.
func TestDictionaryCoverage(t *testing.T) {
	v := event.DefaultVerbs()
	cb := event.NewCodebook()
	roots := map[string]bool{}
	types := map[string]bool{}
	for _, c := range v.Codes() {
		roots[c[:2]] = true
		info, ok := cb.Lookup(c)
		if !ok {
			t.Errorf("pattern code %s is not a CAMEO code", c)
		}
		types[info.PLOVER] = true
	}
	for r := 1; r <= 20; r++ {
		root := string(rune('0'+r/10)) + string(rune('0'+r%10))
		if !roots[root] {
			t.Errorf("no pattern for CAMEO root %s", root)
		}
	}
	for _, p := range []string{"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"} {
		if !types[p] {
			t.Errorf("no pattern for PLOVER type %s", p)
		}
	}
}

func TestCodebook(t *testing.T) {
	cb := event.NewCodebook()
	tests := []struct {
		code      string
		plover    string
		quad      int
		goldstein float64
	}{
		{"0311", "AGREE", 1, 5.2},
		{"042", "CONSULT", 1, 1.9},
		{"138", "THREATEN", 3, -7},
		{"190", "ASSAULT", 4, -10},
		{"1712", "ASSAULT", 4, -9.2},
		{"0841", "RETREAT", 2, 7},
	}
	for _, tt := range tests {
		c, ok := cb.Lookup(tt.code)
		if !ok {
			t.Fatalf("%s unknown", tt.code)
		}
		if c.PLOVER != tt.plover || c.QuadClass != tt.quad || c.Goldstein != tt.goldstein {
			t.Errorf("%s: got %s quad %d goldstein %v, want %s %d %v", tt.code, c.PLOVER, c.QuadClass, c.Goldstein, tt.plover, tt.quad, tt.goldstein)
		}
	}
}

func TestLoadVerbsSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"OK", "190  (attack+|strike+) * (base~|camp~) !noun\n---  heart attack~\n", true},
		{"ErrBadCode", "19x  attack+\n", false},
		{"ErrNoPattern", "190\n", false},
		{"ErrFlag", "190 attack+ !bogus\n", false},
		{"ErrOptionalFirst", "190 attack+? now\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := event.LoadVerbs(strings.NewReader(tt.in), "t")
			if got := err == nil; got != tt.ok {
				t.Fatalf("err=%v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, event.ErrSyntax) {
				t.Fatalf("err=%v, want ErrSyntax", err)
			}
		})
	}
}

// code runs a coder over one sentence.
func code(t *testing.T, c *event.Coder, s string, pub time.Time) []sitrep.Event {
	t.Helper()
	a := &sitrep.Article{Text: s, Published: &pub}
	if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	return a.Events
}

// TestCoderRules checks roles, compounds, passives and modes on sentences written for the test.
func TestCoderRules(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text    string
		src, tgt, typ string
		mode          string
	}{
		{"Active", "Turkish troops shelled Kurdish positions near Syria on Monday.", "TURMIL", "SYR", "ASSAULT", sitrep.ModeAsserted},
		{"Passive", "A Ukrainian convoy was attacked by Russian drones near Kharkiv.", "RUSMIL", "UKR", "ASSAULT", sitrep.ModeAsserted},
		{"CompoundSource", "Chile and Peru signed a fisheries agreement on Tuesday.", "CHL", "PER", "SUPPORT", sitrep.ModeAsserted},
		{"Negated", "Egypt will not send troops to Sudan, officials said.", "EGY", "SDN", "", sitrep.ModeNegated},
		{"Hypothetical", "If Serbia recognizes Kosovo, the talks could resume.", "SRB", "", "SUPPORT", sitrep.ModeHypothetical},
		{"Threat", "North Korea threatened to strike Japan with missiles.", "PRK", "JPN", "THREATEN", sitrep.ModeThreatened},
		{"PlannedVisit", "The Indian prime minister will visit Brazil next month.", "INDGOV", "BRA", "AGREE", sitrep.ModePlanned},
		{"Reported", "Venezuela reportedly expelled Colombian diplomats.", "VEN", "COLGOV", "SANCTION", sitrep.ModeReported},
		{"Demand", "Poland urged Germany to pay reparations.", "POL", "DEU", "REQUEST", sitrep.ModeAsserted},
		{"Refuse", "Hungary refused to release the detained Austrian journalists.", "HUN", "AUTMED", "REJECT", sitrep.ModeAsserted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := code(t, c, tt.text, pub)
			for _, e := range evs {
				if e.Source.Code != tt.src || !strings.HasPrefix(e.Target.Code, tt.tgt) || tt.typ != "" && e.PLOVER != tt.typ {
					continue
				}
				if got, want := e.Mode, tt.mode; got != want {
					t.Fatalf("%q: mode=%s, want %s", e.Trigger, got, want)
				}
				return
			}
			for _, e := range evs {
				t.Logf("  %s→%s %s %s %s %q", e.Source.Code, e.Target.Code, e.CAMEO, e.PLOVER, e.Mode, e.Trigger)
			}
			t.Fatalf("no %s event %s→%s", tt.typ, tt.src, tt.tgt)
		})
	}
}

// TestDatedActor checks that office holders are coded by the article date.
func TestDatedActor(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := "Biden criticized Russia on Friday."
	if evs := code(t, c, s, time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC)); len(evs) == 0 || evs[0].Source.Code != "USAGOV" {
		t.Fatalf("2023: got %+v, want source USAGOV", evs)
	}
	if evs := code(t, c, s, time.Date(2026, 5, 5, 0, 0, 0, 0, time.UTC)); len(evs) == 0 || evs[0].Source.Code != "USAELI" {
		t.Fatalf("2026: got %+v, want source USAELI", evs)
	}
}

// TestPETRARCHReaders reads small dictionaries in PETRARCH's formats (written for the test)
// and codes with them.
func TestPETRARCHReaders(t *testing.T) {
	verbs := `&TIES
+RELATIONS
+DIPLOMATIC_TIES

--- RESTORE [064] ---
RESTORE
+RE_+ESTABLISH {RE_ESTABLISHED}
- * &TIES WITH [0641]  # a test pattern
- PLANS_TO * [---]

--- SCOLD [111] ---
SCOLD {SCOLDED}
`
	actors := `<!-- test actors -->
NORTHLAND_ [NLD]
+NORTH_LANDERS
SOUTHMARK [SMK]
[SMKGOV >000101]
`
	agents := `!PERSON! = MAN, MEN
ENVOY [~GOV]
MILITIA!PERSON! [~REB]
`
	v, err := event.LoadPETRARCHVerbs(strings.NewReader(verbs), "v")
	if err != nil {
		t.Fatal(err)
	}
	a, err := event.LoadPETRARCHActors(strings.NewReader(actors), "a")
	if err != nil {
		t.Fatal(err)
	}
	g, err := event.LoadPETRARCHAgents(strings.NewReader(agents), "g")
	if err != nil {
		t.Fatal(err)
	}
	opts := event.DefaultOptions()
	opts.IntentRecode, opts.LoneAgents = false, false
	c := event.NewWith(v, a, g, opts)
	tests := []struct {
		text, src, tgt, cameo string
		date                  time.Time
	}{
		{"Northland restored diplomatic ties with Southmark.", "NLD", "SMK", "0641", time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Northland restored diplomatic ties with Southmark.", "NLD", "SMKGOV", "0641", time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Southmarkian militiamen scolded the North Landers.", "SMKREB", "NLD", "111", time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"The Northland envoy re-established contacts with Southmark.", "NLDGOV", "SMK", "064", time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		evs := code(t, c, tt.text, tt.date)
		found := false
		for _, e := range evs {
			if e.Source.Code == tt.src && e.Target.Code == tt.tgt && e.CAMEO == tt.cameo {
				found = true
			}
		}
		if !found {
			t.Errorf("%q at %s: got %+v, want %s %s %s", tt.text, tt.date.Format("2006"), evs, tt.src, tt.tgt, tt.cameo)
		}
	}
	// "plans to restore" is a null pattern: no event
	if evs := code(t, c, "Northland plans to restore relations with Southmark.", time.Now()); len(evs) != 0 {
		t.Errorf("null pattern coded %d events", len(evs))
	}
}

// TestActorStageMentions checks that mentions and actors from the actor stage are used, with
// their ids, for names the dictionaries do not know.
func TestActorStageMentions(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := "Kaja Kallas condemned Belarus on Monday."
	pub := time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{Text: s, Published: &pub,
		Mentions: []sitrep.Mention{{Text: "Kaja Kallas", Start: 0, End: 11, Type: sitrep.MentionPerson, ActorID: "a1"}},
		Actors:   []sitrep.Actor{{ID: "a1", Name: "Kaja Kallas", Type: sitrep.ActorPerson, Code: "IGOEUREEC"}},
	}
	if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	if len(a.Events) == 0 {
		t.Fatal("no event")
	}
	e := a.Events[0]
	if e.Source.ActorID != "a1" || e.Source.Code != "IGOEUREEC" || e.Target.Code != "BLR" || e.PLOVER != "ACCUSE" {
		t.Fatalf("got %s(%s)→%s %s, want a1 IGOEUREEC→BLR ACCUSE", e.Source.Code, e.Source.ActorID, e.Target.Code, e.PLOVER)
	}
	if e.Date != "2025-02-03" || e.DateSource != "published" {
		t.Fatalf("date=%s (%s), want the publication date", e.Date, e.DateSource)
	}
}

// TestTimexDate checks that a DATE time expression of the sentence dates the event.
func TestTimexDate(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := "Iran's Oct 1 missile attack on Israel was discussed."
	pub := time.Date(2024, 10, 11, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{Text: s, Published: &pub,
		Timexes: []sitrep.TimeExpr{{Text: "Oct 1", Start: 7, End: 12, Type: sitrep.TimexDate, Value: "2024-10-01"}}}
	if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	if len(a.Events) == 0 {
		t.Fatal("no event")
	}
	if e := a.Events[0]; e.Date != "2024-10-01" || e.DateSource != "text" || e.Source.Code != "IRN" || e.Target.Code != "ISR" {
		t.Fatalf("got %s→%s date %s (%s), want IRN→ISR 2024-10-01 (text)", e.Source.Code, e.Target.Code, e.Date, e.DateSource)
	}
}

// TestHugeInput checks that work stays bounded on a very long run-on text.
func TestHugeInput(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Repeat("Israel and Iran and Egypt attacked , , by Syria threatened to ", 20000)
	start := time.Now()
	evs := code(t, c, s, time.Now())
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("took %v", d)
	}
	if len(evs) > 1000 {
		t.Fatalf("%d events from one run-on sentence, want the sentence cut", len(evs))
	}
}

// TestAttributiveDate checks that a date modifying a noun ("the 2015 nuclear deal") does not date
// the sentence's event, while a date of the clause still does.
func TestAttributiveDate(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, timex, value string
		src                string // only events with this source code are checked
		wantDate, wantFrom string
	}{
		{"The United States resumed talks with Iran on reviving the 2015 nuclear deal.", "2015", "2015", "USA", "2026-02-11", "published"},
		// the condemnation is today's; the bombing (the noun the date modifies) is last year's
		{"Iran condemned Israel over last year's bombing of its consulate.", "last year", "2025", "IRN", "2026-02-11", "published"},
		{"Iran condemned Israel over last year's bombing of its consulate.", "last year", "2025", "ISR", "2025", "text"},
		{"The United States withdrew from the agreement with Iran in 2018.", "2018", "2018", "USA", "2018", "text"},
		{"Egypt hosted Israel to discuss the 2026 budget of the water authority.", "2026", "2026", "EGY", "2026-02-11", "published"},
	}
	for _, tt := range tests {
		t.Run(tt.timex, func(t *testing.T) {
			start := strings.Index(tt.text, tt.timex)
			a := &sitrep.Article{Text: tt.text, Published: &pub,
				Timexes: []sitrep.TimeExpr{{Text: tt.timex, Start: start, End: start + len(tt.timex), Type: sitrep.TimexDate, Value: tt.value}}}
			if err := c.Process(context.Background(), a, text.Parse(tt.text)); err != nil {
				t.Fatal(err)
			}
			if len(a.Events) == 0 {
				t.Fatal("no event")
			}
			checked := 0
			for _, e := range a.Events {
				if e.Source.Code != tt.src {
					continue
				}
				checked++
				if e.Date != tt.wantDate || e.DateSource != tt.wantFrom {
					t.Errorf("%s→%s %s dated %s (%s), want %s (%s)", e.Source.Code, e.Target.Code, e.CAMEO, e.Date, e.DateSource, tt.wantDate, tt.wantFrom)
				}
			}
			if checked == 0 {
				t.Errorf("no event from %s in %+v", tt.src, a.Events)
			}
		})
	}
}
