package event_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/text"
)

// evKey is a coded event reduced to what an analyst reads in a timeline: source and target
// code prefixes and the PLOVER type.
type evKey struct{ src, tgt, typ string }

func (k evKey) matches(e sitrep.Event) bool {
	return strings.HasPrefix(e.Source.Code, k.src) && (k.tgt == "-" && e.Target.Code == "" || k.tgt != "-" && strings.HasPrefix(e.Target.Code, k.tgt)) && (k.typ == "" || e.PLOVER == k.typ)
}

// TestAttachmentErrors checks the attachment rules that keep an event from taking its
// arguments from the wrong words, one error class per row, on sentences written for the test.
// For the events whose trigger holds the given word, every want key must be found and no
// event may match a forbidden key ("-" as target means no target; "" as source means an
// unknown source, so "" matches any source).
func TestAttachmentErrors(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, trigger string
		want, forbid        []evKey
		n                   int // the number of events of the trigger, when checked
	}{
		// the subject is the head before an "including …" parenthetical, not an actor inside it
		{"IncludingAside", "The Polish government, including the commander of the Polish army, has condemned the Russian strike and reaffirmed its support for Ukraine.", "condemned",
			[]evKey{{"POLGOV", "RUS", "ACCUSE"}}, []evKey{{"POLMIL", "", ""}, {"RUS", "", ""}}, 0},
		// "its" is the clause subject's, not the demonym's of "the Russian strike"
		{"ItsAfterDemonym", "The Polish government, including the commander of the Polish army, has condemned the Russian strike and reaffirmed its support for Ukraine.", "support",
			[]evKey{{"POLGOV", "UKR", "SUPPORT"}}, []evKey{{"RUS", "", ""}, {"POLMIL", "", ""}}, 0},
		// an appositive is its head, not a second actor: one traveller
		{"AppositiveOne", "Scholz, Germany's chancellor, will travel to Poland next week.", "travel",
			[]evKey{{"DEUGOV", "POL", ""}}, nil, 1},
		// an appositive names a head no dictionary knows
		{"AppositiveHead", "Ahmed Saleh, Egypt's foreign minister, will travel to Jordan next week.", "travel",
			[]evKey{{"EGYGOV", "JOR", ""}}, nil, 1},
		// but a demonym in the subject phrase of a passive is the passive's target
		{"PassiveDemonymSubject", "The Iranian attack on Israel was condemned by Germany.", "condemned",
			[]evKey{{"DEU", "IRN", "ACCUSE"}}, []evKey{{"DEU", "ISR", ""}}, 0},
		// an appositive with a relative clause of its own is skipped like a relative clause
		{"AppositiveRelative", "Hamas, the group that runs Gaza, fired rockets at Israel.", "fired",
			[]evKey{{"PSEREB", "ISR", "ASSAULT"}}, nil, 1},
		// "its" after a noun phrase is that noun phrase's, not the main clause subject's
		{"ItsNearestNoun", "Lithuania said Belarus would pay for its attack on the border post.", "attack",
			[]evKey{{"BLR", "-", "ASSAULT"}}, []evKey{{"LTU", "", "ASSAULT"}}, 0},
		// a nominal trigger with only a determiner has no overt source and takes no neighbour
		{"BareNoun", "Argentina thanked Brazil for its help during the attack, with Chilean forces guarding the embassy.", "attack",
			nil, []evKey{{"", "", "ASSAULT"}}, 0},
		// "strikes from X": X is the source
		{"FromAgent", "Estonia is preparing for expected retaliatory strikes from Russia.", "strikes",
			[]evKey{{"RUS", "-", "ASSAULT"}}, []evKey{{"EST", "", ""}}, 0},
		// a light verb lends its subject to the noun it governs
		{"LightVerb", "Ghana began talks with Togo on Monday.", "talks",
			[]evKey{{"GHA", "TGO", "CONSULT"}}, nil, 0},
		// a nominal trigger's target comes from a phrase right after it, not a later clause
		{"NounTargetPP", "The timing of Spain's visit is striking, coming just as France and Italy restarted talks.", "visit",
			[]evKey{{"ESP", "-", "CONSULT"}}, []evKey{{"ESP", "FRA", ""}, {"ESP", "ITA", ""}}, 0},
		// "condemned X over N": X did N
		{"CauseAgent", "Jordan condemned Israel over the bombing of a refugee camp.", "bombing",
			[]evKey{{"ISR", "", "ASSAULT"}}, []evKey{{"JOR", "", "ASSAULT"}}, 0},
		// a state does not strike its own military: the weapons are its means, not a target
		{"SelfTarget", "North Korea fired dozens of missiles and drones over the weekend.", "fired",
			[]evKey{{"PRK", "-", "ASSAULT"}}, []evKey{{"PRK", "PRK", ""}}, 0},
		// "military" before a noun is an adjective, not the army
		{"AdjectiveMilitary", "Canada wants to discuss a common diplomatic response, stressing its preference for dialogue over military action.", "discuss",
			[]evKey{{"CAN", "-", ""}}, []evKey{{"CANMIL", "", ""}, {"", "CANMIL", ""}}, 0},
		// a title before a known name is that name's; the object of "with" is not the subject
		{"TitleName", "Scholz spoke with President Erdogan by phone to discuss migration.", "discuss",
			[]evKey{{"DEUGOV", "", "CONSULT"}}, []evKey{{"TURGOV", "DEUGOV", ""}}, 0},
		// a participle clause takes the subject of its clause, with its own mode
		{"Participle", "Qatar and Oman urged Iran not to seize the tanker, warning that the crisis could spread.", "warning",
			[]evKey{{"QAT", "-", ""}, {"OMN", "-", ""}}, []evKey{{"QAT", "OMN", ""}, {"OMN", "QAT", ""}, {"IRN", "", ""}}, 0},
		// an actor opening a new clause after a comma is not the target
		{"NewClause", "Greek farmers spoke to Bulgarian officials, the Turkish embassy already confirmed.", "spoke",
			[]evKey{{"GRC", "BGR", "CONSULT"}}, []evKey{{"", "TUR", ""}, {"TUR", "", ""}}, 0},
		// a nominal pattern that ends in "between" takes the group after it as both sides
		// … and a nominal subject takes its own verb's modality: an expected call is an intent
		// to meet (036, AGREE), a call that took place a consultation
		{"CallBetween", "A call between Egypt and Qatar is expected later this week.", "call between",
			[]evKey{{"EGY", "QAT", "AGREE"}, {"QAT", "EGY", "AGREE"}}, nil, 2},
		{"CallBetweenPast", "A call between Egypt and Qatar took place on Monday.", "call between",
			[]evKey{{"EGY", "QAT", "CONSULT"}, {"QAT", "EGY", "CONSULT"}}, nil, 2},
		{"MeetingBetween", "A meeting between the Turkish and Greek foreign ministers took place in Ankara.", "meeting between",
			[]evKey{{"TUR", "GRC", "CONSULT"}, {"GRC", "TUR", "CONSULT"}}, nil, 2},
		// talking to reporters is sourcing, not a consultation between the actors
		{"MediaContact", "Greek farmers spoke to Bulgarian reporters about the border closure.", "spoke",
			nil, []evKey{{"GRC", "BGR", "CONSULT"}}, 0},
		// "you" as subject: the source is unknown, no actor before it stands in
		{"YouSubject", "Reporters asked the Kuwaiti emir: would you attack Iraq?", "attack",
			nil, []evKey{{"KWT", "", ""}, {"IRQ", "", ""}}, 0},
		// victims of a nominal attack with no agent are the target; the source is unknown
		{"VictimsNoAgent", "Four Nigerian soldiers were killed in a roadside bombing near Maiduguri.", "bombing",
			[]evKey{{"", "NGAMIL", "ASSAULT"}}, []evKey{{"NGA", "", ""}}, 0},
		// a mediator is the light verb's subject, the parties its targets
		{"Mediation", "Norway's foreign minister launched a mediation effort between Colombia and Venezuela.", "mediation",
			[]evKey{{"NORGOV", "COL", ""}, {"NORGOV", "VEN", ""}}, []evKey{{"COL", "", ""}, {"VEN", "", ""}}, 0},
		// "U.S.-China talks": the two sides of a hyphen meet each other
		{"HyphenPair", "The U.S.-China talks ended without a deal.", "talks",
			[]evKey{{"USA", "CHN", "CONSULT"}, {"CHN", "USA", "CONSULT"}}, nil, 0},
		// "the two leaders" are two parties: they take no country from the sentence
		{"TwoLeaders", "The two leaders resumed phone talks on Friday after the Greek election.", "talks",
			nil, []evKey{{"GRC", "", ""}}, 0},
		// a compound source with no target does not warn its own members
		{"CompoundNoTarget", "Peru and Chile warned of rising prices.", "warned",
			[]evKey{{"PER", "-", ""}, {"CHL", "-", ""}}, []evKey{{"PER", "CHL", ""}, {"CHL", "PER", ""}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := code(t, c, tt.text, pub)
			var sel []sitrep.Event
			for _, e := range evs {
				if strings.Contains(strings.ToLower(e.Trigger), tt.trigger) {
					sel = append(sel, e)
				}
			}
			bad := false
			if tt.n > 0 && len(sel) != tt.n {
				t.Errorf("%d events on %q, want %d", len(sel), tt.trigger, tt.n)
				bad = true
			}
			for _, w := range tt.want {
				found := false
				for _, e := range sel {
					if w.matches(e) && (w.src != "" || e.Source.Code == "") {
						found = true
					}
				}
				if !found {
					t.Errorf("no event %s→%s %s on %q", w.src, w.tgt, w.typ, tt.trigger)
					bad = true
				}
			}
			for _, f := range tt.forbid {
				for _, e := range sel {
					if f.matches(e) {
						t.Errorf("unwanted event %s→%s %s %q", e.Source.Code, e.Target.Code, e.PLOVER, e.Trigger)
						bad = true
					}
				}
			}
			if bad {
				for _, e := range evs {
					t.Logf("  %s→%s %s %s %s %q", e.Source.Code, e.Target.Code, e.CAMEO, e.PLOVER, e.Mode, e.Trigger)
				}
			}
		})
	}
}

// TestMentionDemonym checks that a lone demonym the actor stage folded into an entity with a
// sector ("Iranian" in an entity coded IRNMIL) is coded as the bare country: "the Iranian
// strike" is Iran's, not its army's.
func TestMentionDemonym(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := "Austria condemned the Iranian strike on Monday."
	start := strings.Index(s, "Iranian")
	pub := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{Text: s, Published: &pub,
		Actors:   []sitrep.Actor{{ID: "a1", Code: "IRNMIL", Country: "IRN"}},
		Mentions: []sitrep.Mention{{ActorID: "a1", Text: "Iranian", Start: start, End: start + len("Iranian")}}}
	if err := c.Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range a.Events {
		if strings.Contains(e.Trigger, "condemned") && e.Source.Code == "AUT" {
			if e.Target.Code != "IRN" {
				t.Errorf("target %q, want IRN", e.Target.Code)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("no condemnation from AUT in %+v", a.Events)
	}
}
