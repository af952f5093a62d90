package actor_test

import (
	"testing"
)

// TestBareDemonym checks that a lone demonym keeps the country's own code and links to the
// country actor, whatever noun follows it and whatever sectoral entities of the same country
// the article names elsewhere, while the KB's multi-word names keep their sector.
func TestBareDemonym(t *testing.T) {
	tests := []struct {
		name, text string
		nth        int    // which occurrence of mention (0 = first)
		mention    string // mention text
		actorID    string
		code       string // code of the linked actor
		typ        string
	}{
		{"StrikeAfterMilitary", "The Iranian military said it had fired at a base. Officials in Haifa said the Iranian strike caused little damage.", 0, "Iranian", "IRN", "IRN", "country"},
		{"MilitaryAliasKeepsSector", "The Iranian military said it had fired at a base. Officials in Haifa said the Iranian strike caused little damage.", 0, "Iranian military", "IRNMIL", "IRNMIL", "org"},
		{"OfficialsAfterGovernment", "The Israeli government met late on Sunday. Israeli officials said a reply would come within days.", 0, "Israeli", "ISR", "ISR", "country"},
		{"GovernmentAliasKeepsSector", "The Israeli government met late on Sunday. Israeli officials said a reply would come within days.", 0, "Israeli government", "ISRGOV", "ISRGOV", "org"},
		{"TroopsAndJets", "Lebanese troops pulled back as Israeli jets circled over the valley.", 0, "Israeli", "ISR", "ISR", "country"},
		{"AirForceAlias", "An Israeli air force spokesman declined to comment on the raid.", 0, "Israeli air force", "ISRMIL", "ISRMIL", "org"},
		{"AirStrikes", "Residents said Israeli air strikes resumed after midnight.", 0, "Israeli", "ISR", "ISR", "country"},
		{"SecondOccurrence", "Iranian forces fired drones at dawn, and an Iranian attack on a tanker followed.", 1, "Iranian", "IRN", "IRN", "country"},
		{"PlainAdjective", "Several Iranian cities lost power overnight.", 0, "Iranian", "IRN", "IRN", "country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tag(t, tt.text, "2024-10-11")
			seen := 0
			found := false
			for _, m := range a.Mentions {
				if m.Text != tt.mention {
					continue
				}
				if seen < tt.nth {
					seen++
					continue
				}
				found = true
				if m.ActorID != tt.actorID || m.Type != tt.typ {
					t.Fatalf("%q: actor %s type %s, want %s %s", m.Text, m.ActorID, m.Type, tt.actorID, tt.typ)
				}
				ac := actorByID(a, m.ActorID)
				if ac == nil {
					t.Fatalf("no actor %s", m.ActorID)
				}
				if ac.Code != tt.code {
					t.Fatalf("actor %s code %s, want %s", ac.ID, ac.Code, tt.code)
				}
				break
			}
			if !found {
				t.Fatalf("no mention %q (#%d) in %+v", tt.mention, tt.nth, a.Mentions)
			}
		})
	}
}
