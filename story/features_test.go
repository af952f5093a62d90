package story

import (
	"testing"
)

// TestScanTextHeadlineCaps checks that the capitals of a title-cased headline do not make names
// of ordinary words, while names the body also capitalises stay names.
func TestScanTextHeadlineCaps(t *testing.T) {
	text := "Crane Operator Faces Charges After Valmora Terminal Collapse\n" +
		"Prosecutors in Valmora charged the operator of a crane that fell onto a cargo ship in March.\n" +
		"The operator faces two charges, the Valmora harbour authority said on Tuesday."
	tf, ef := map[string]int{}, map[string]int{}
	scanText(text, tf, ef)
	for _, want := range []string{"n:valmora"} {
		if ef[want] == 0 {
			t.Errorf("entity %q missing: %v", want, ef)
		}
	}
	for _, bad := range []string{"n:faces", "n:charges", "n:crane", "n:operator", "n:collapse", "n:crane operator faces charges"} {
		if ef[bad] != 0 {
			t.Errorf("headline word %q counted as a name: %v", bad, ef)
		}
	}
	// The words still count as terms.
	for _, want := range []string{"crane", "operator", "charge"} {
		if tf[want] == 0 {
			t.Errorf("term %q missing: %v", want, tf)
		}
	}
}

// TestScanTextSentenceCaseHeadline checks that a sentence-case headline keeps its names.
func TestScanTextSentenceCaseHeadline(t *testing.T) {
	text := "Ferry Aurelia runs aground near Portwick with 212 on board\n" +
		"The ferry ran aground in fog, the coastguard said."
	tf, ef := map[string]int{}, map[string]int{}
	scanText(text, tf, ef)
	if ef["n:portwick"] == 0 {
		t.Errorf("name in a sentence-case headline lost: %v", ef)
	}
}
