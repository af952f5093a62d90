package event_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/text"
)

// TestAttachment checks source and target attachment rules on sentences written for the test:
// the event with the given trigger word must have exactly this source and target code prefix,
// and no event of that trigger may run the other way.
func TestAttachment(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, trigger string
		src, tgt, typ       string
	}{
		// a passive victim of a nominal attack is its target; the agent comes from "by" or a modifier
		{"VictimByAgent", "Three soldiers were killed in an attack by militants in northern Mali.", "attack", "MLIREB", "MLIMIL", "ASSAULT"},
		{"VictimModifier", "Two Israeli soldiers were wounded in a Hezbollah rocket attack on Sunday.", "attack", "LBNREB", "ISRMIL", "ASSAULT"},
		// "X killed Y in a raid": the raid is X's, on Y, not Y's
		{"ActiveHarmRaid", "Nigerian troops rescued 30 hostages in a raid on a Boko Haram camp.", "raid", "NGAMIL", "NGACVL", "ASSAULT"},
		{"ActiveHarmOffensive", "Turkish forces killed 20 Kurdish militants during an offensive in Iraq.", "offensive", "TURMIL", "", "ASSAULT"},
		// a "by" phrase may hold a few words before the actor
		{"PassiveLongBy", "Ukraine was hit by a wave of Russian missile strikes overnight.", "hit", "RUS", "UKR", "ASSAULT"},
		// an actor right before a nominal trigger is its source
		{"ModifierSource", "Kyiv was shaken by blasts as Russian missile strikes hit the city.", "missile strikes", "RUS", "", "ASSAULT"},
		// a modal makes a noun pattern a verb: a planned protest is a threat of protest
		{"ModalVerb", "Belgian farmers said they would blockade Brussels next week.", "blockade", "BELAGR", "", "THREATEN"},
		// a later subordinate clause does not give the target
		{"ClauseEnd", "Jordan says it will not accept more refugees if fighting spreads to Syria.", "accept", "JOR", "", "REJECT"},
		// but a threat's condition does
		{"ThreatCondition", "Serbia threatened to halt the talks if Kosovo declares independence.", "threatened", "SRB", "UNK", "THREATEN"},
		// troops arriving are deployed, not visiting
		{"TroopsArrive", "French peacekeeping troops arrived in Lebanon on Friday.", "arrived", "FRAMIL", "", "AID"},
		// office holders and armed groups from the dictionaries
		{"OfficeHolder", "Scholz met Erdogan in Ankara to discuss migration.", "met", "DEUGOV", "TURGOV", "CONSULT"},
		{"FormerOfficeHolder", "Merkel met Erdogan in Ankara to discuss migration.", "met", "DEUELI", "TURGOV", "CONSULT"},
		{"ArmedGroup", "Boko Haram fighters abducted dozens of students in northern Nigeria.", "abducted", "NGAREB", "NGAEDU", "ASSAULT"},
		// common news phrasings
		{"AidPackage", "Australia announced a $50 million aid package for Papua New Guinea.", "aid package", "AUS", "PNG", "AID"},
		{"BlockAid", "Slovakia blocked EU aid to Moldova on Tuesday.", "blocked", "SVK", "", "REJECT"},
		{"ExchangeFire", "Thai and Cambodian troops exchanged fire along the border.", "exchanged fire", "THAMIL", "KHMMIL", "ASSAULT"},
		{"ProtestIn", "Students protested outside the Serbian parliament in Belgrade.", "protested", "SRBEDU", "", "PROTEST"},
		{"PaidVisit", "Iran's foreign minister paid a visit to Oman last week.", "visit", "IRNGOV", "OMN", "CONSULT"},
		// the subject before a relative clause set off by commas, not the actor inside it
		{"RelativeClause", "Jordan's foreign minister, who met the Egyptian envoy on Monday, urged Israel to open more crossings.", "urged", "JORGOV", "ISR", "REQUEST"},
		// the source of a report is not a party to the event
		{"AccordingTo", "According to Iraqi state media, Turkish jets struck targets near Sinjar.", "struck", "TURMIL", "", "ASSAULT"},
		// a day word between a verb and its particle
		{"DayWord", "Chile opened its border today to Bolivian truckers stranded by the strike.", "opened", "CHL", "BOL", "AID"},
		// a region adjective is not the United States
		{"Region", "Venezuela expelled diplomats from seven Latin American countries.", "expelled", "VEN", "LAM", "SANCTION"},
	}
	symmetric := map[string]bool{"ExchangeFire": true} // both sides act
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := code(t, c, tt.text, pub)
			found := false
			for _, e := range evs {
				if !strings.Contains(e.Trigger, tt.trigger) {
					continue
				}
				if e.Source.Code == tt.src && (tt.tgt == "" || strings.HasPrefix(e.Target.Code, tt.tgt)) && e.PLOVER == tt.typ {
					found = true
				}
				if !symmetric[tt.name] && tt.typ != "CONSULT" && tt.tgt != "" && strings.HasPrefix(e.Source.Code, tt.tgt) && e.Target.Code == tt.src { // meetings are symmetric
					t.Errorf("reversed event %s→%s %q", e.Source.Code, e.Target.Code, e.Trigger)
				}
			}
			if tt.name == "AccordingTo" || tt.name == "RelativeClause" {
				for _, e := range evs {
					if (strings.HasPrefix(e.Source.Code, "IRQ") || strings.HasPrefix(e.Source.Code, "EGY")) && !strings.Contains(e.Trigger, "met") {
						t.Errorf("wrong source %s→%s %q", e.Source.Code, e.Target.Code, e.Trigger)
					}
				}
			}
			if tt.name == "ClauseEnd" {
				for _, e := range evs {
					if strings.Contains(e.Trigger, "accept") && strings.HasPrefix(e.Target.Code, "SYR") {
						t.Errorf("target taken from the if-clause: %s→%s %q", e.Source.Code, e.Target.Code, e.Trigger)
					}
				}
			}
			if !found {
				for _, e := range evs {
					t.Logf("  %s→%s %s %s %s %q", e.Source.Code, e.Target.Code, e.CAMEO, e.PLOVER, e.Mode, e.Trigger)
				}
				t.Fatalf("no %s event %s→%s on %q", tt.typ, tt.src, tt.tgt, tt.trigger)
			}
		})
	}
}

// TestProcessReuse checks that the recycled per-article buffers leak nothing from one article
// into the next: coding an article gives the same events before and after other articles.
func TestProcessReuse(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	texts := []string{
		"Israeli troops arrested dozens of Palestinians in the West Bank on Tuesday. Iran condemned the raid.",
		"Egypt and Qatar are mediating talks between Israel and Hamas. The United States imposed new sanctions on Iran.",
		"Russian and Chinese diplomats held talks in Beijing on Monday, the Kremlin said.",
		"",
	}
	run := func(s string) []sitrep.Event {
		a := &sitrep.Article{Text: s, Published: &pub}
		if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatal(err)
		}
		return a.Events
	}
	first := make([][]sitrep.Event, len(texts))
	for i, s := range texts {
		first[i] = run(s)
	}
	if len(first[0]) == 0 || len(first[1]) == 0 {
		t.Fatalf("expected events in the first two texts, got %d and %d", len(first[0]), len(first[1]))
	}
	for round := 0; round < 3; round++ {
		for i := len(texts) - 1; i >= 0; i-- {
			if got := run(texts[i]); !reflect.DeepEqual(got, first[i]) {
				t.Fatalf("round %d text %d: events differ on reuse:\n got %+v\nwant %+v", round, i, got, first[i])
			}
		}
	}
	// an article's events are its own: changing them does not touch the next article's
	evs := run(texts[0])
	evs[0].Context = append(evs[0].Context, "changed")
	evs[0].Source.Code = "XXX"
	if got := run(texts[0]); !reflect.DeepEqual(got, first[0]) {
		t.Fatal("changing returned events changed later results")
	}
}
