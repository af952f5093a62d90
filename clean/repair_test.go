package clean_test

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
)

// body wraps a sentence in enough text for the line classifier to keep it as body.
func body(s string) string {
	return s + " The report was published by the ministry on its website late in the evening."
}

func hasRepair(a *sitrep.Article, reason string) bool {
	for _, r := range a.Repairs {
		if r.Reason == reason {
			return true
		}
	}
	return false
}

func TestRepair(t *testing.T) {
	for _, tt := range []struct {
		name, in, want, reason string
	}{
		{"MojibakeApostrophe", "The minister said itâ€™s too early to judge the outcome of the talks.", "The minister said it’s too early to judge the outcome of the talks.", clean.RepairMojibake},
		{"MojibakeQuotes", "She called the plan â€œa serious mistakeâ€\u009d in an interview on Sunday.", "She called the plan “a serious mistake” in an interview on Sunday.", clean.RepairMojibake},
		{"MojibakeLostByte", "She called the plan â€œa serious mistakeâ€ in an interview on Sunday.", "She called the plan “a serious mistake” in an interview on Sunday.", clean.RepairMojibake},
		{"MojibakeLatin", "The cafÃ© owner in SÃ£o Paulo said prices had risen again this month.", "The café owner in São Paulo said prices had risen again this month.", clean.RepairMojibake},
		{"MojibakeDash", "The vote â€” delayed twice â€” finally took place on Thursday evening.", "The vote — delayed twice — finally took place on Thursday evening.", clean.RepairMojibake},
		{"InvalidUTF8", "The caf\xe9 owner said prices had risen again this month in the city.", "The café owner said prices had risen again this month in the city.", clean.RepairInvalidUTF8},
		{"NBSP", "The talks\u00a0resumed after more than a month of silence between them.", "The talks resumed after more than a month of silence between them.", clean.RepairSpace},
		{"ZeroWidth", "The nego\u200btiations resumed after more than a month of sil\u00adence.", "The negotiations resumed after more than a month of silence.", clean.RepairZeroWidth},
		{"NFC", "The Cafe\u0301 Central in Vienna reopened on Monday after the renovation works.", "The Café Central in Vienna reopened on Monday after the renovation works.", clean.RepairNFC},
		{"Control", "The talks\x07 resumed after more than a month\x00 of silence between them.", "The talks resumed after more than a month of silence between them.", clean.RepairControl},
		{"QuotesMixed", "“We will not accept this,\" the spokesman said on Monday, adding \"there is no deal”.", "“We will not accept this,” the spokesman said on Monday, adding “there is no deal”.", clean.RepairQuotes},
		{"CaseAnd", "Relations between the U.S. And Israel have been tense for several months now.", "Relations between the U.S. and Israel have been tense for several months now.", clean.RepairCase},
		{"CaseHas", "Israel wants a tougher line, while the U.S. Has expressed a preference for diplomacy.", "Israel wants a tougher line, while the U.S. has expressed a preference for diplomacy.", clean.RepairCase},
		{"CaseTo", "The prime minister came to urge the U.S. To take a firmer stance in the talks.", "The prime minister came to urge the U.S. to take a firmer stance in the talks.", clean.RepairCase},
		{"CaseOf", "The ambassador of the U.K. Of course disagreed with that reading of the treaty.", "The ambassador of the U.K. of course disagreed with that reading of the treaty.", clean.RepairCase},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := cleanRaw(t, body(tt.in), "")
			if got, want := a.Text, body(tt.want); got != want {
				t.Fatalf("Text=%q, want %q", got, want)
			}
			if !hasRepair(a, tt.reason) {
				t.Fatalf("no %s repair in %+v", tt.reason, a.Repairs)
			}
		})
	}
}

// Text that must come out unchanged: real sentence starts and names after initialisms, straight
// quotes used consistently, ordinary Latin-1 letters.
func TestRepairLeavesAlone(t *testing.T) {
	for _, in := range []string{
		"The aid was paid for by the U.S. In 2018, the administration withdrew from the agreement.",
		"The tour ended in the U.S. Will Smith was not among the guests at the dinner.",
		"He moved to the U.K. Officials there said he had applied for asylum last year.",
		"He said \"we will not accept this\" and left the room without another word.",
		"The naïve plan of the café owner in Zürich failed within weeks of the opening.",
		"Is the deal good for the U.S.? Has the Senate even seen the text of it yet?",
		"Prices rose by 5 % in May, and by 1.5 percent in June, the office said today.",
	} {
		a := cleanRaw(t, body(in), "")
		if got, want := a.Text, body(in); got != want {
			t.Errorf("Text=%q, want unchanged %q", got, want)
		}
		if len(a.Repairs) != 0 {
			t.Errorf("%.30q: repairs %+v, want none", in, a.Repairs)
		}
	}
}

// In an article with unambiguous damage ("U.S. And"), other prepositions and ordinary words after
// the initialism are repaired too; without it they are left alone.
func TestRepairCaseEvidence(t *testing.T) {
	damaged := "Officials in the U.S. And Europe said resumed talks with Iran could start soon. He insisted that U.S. Talks with Iran continue. Plans exist with the U.S. In the event that talks fail."
	a := cleanRaw(t, damaged, "")
	for _, want := range []string{"U.S. and Europe", "that U.S. talks with Iran", "the U.S. in the event"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("Text lacks %q: %q", want, a.Text)
		}
	}
	clean1 := "He insisted that U.S. Talks with Iran continue, and resumed talks were welcome. Plans exist with the U.S. In the event that talks fail."
	a = cleanRaw(t, clean1, "")
	if a.Text != clean1 {
		t.Errorf("Text=%q, want unchanged", a.Text)
	}
}

func TestRepairFlags(t *testing.T) {
	for _, tt := range []struct {
		name, in, kind string
		want           []string
	}{
		{"Slot", "The prime minister met the president at the White House on , with Iran dominating the discussions.", clean.FlagBlankedSlot, []string{"on ,"}},
		{"SlotAfterName", "The prime minister arrived in Washington , with a clear agenda for the two days of talks.", clean.FlagBlankedSlot, []string{"Washington ,"}},
		{"SlotAmount", "The government promised $ million in aid to the flooded regions of the country last week.", clean.FlagBlankedSlot, []string{"$ million"}},
		{"SlotBrackets", "The minister ( ) said the ceasefire would hold for at least another week in the region.", clean.FlagBlankedSlot, []string{"( )"}},
		{"NoSlotEllipsis", "The minister said the ceasefire would hold ... at least for another week in the region.", clean.FlagBlankedSlot, nil},
		{"LostWord", "This is evident from Iran’s ∫ which were likely to be intercepted by the defences.", clean.FlagLostWord, []string{"∫"}},
		{"NoLostWordBullet", "Prices rose by 3 × 2 percent • a record for the region in the current decade.", clean.FlagLostWord, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := cleanRaw(t, body(tt.in), "")
			checkFlags(t, a, tt.kind, tt.want)
		})
	}
}

// Flags stay valid when repairs before them change the length of the text.
func TestRepairFlagOffsetsAfterRepairs(t *testing.T) {
	in := "The envoy â€” who arrived in Washington , with aides â€” met Iranâ€™s minister."
	a := cleanRaw(t, body(in), "")
	checkFlags(t, a, clean.FlagBlankedSlot, []string{"Washington ,"})
}

// The title is repaired as the body is.
func TestRepairTitle(t *testing.T) {
	a := cleanRaw(t, "Itâ€™s\u00a0time for a deal\n\n"+body("The two governments agreed on the outline of a deal after a week of talks."), "")
	if got, want := a.Title, "It’s time for a deal"; got != want {
		t.Fatalf("Title=%q, want %q", got, want)
	}
}
