package actor

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
)

func TestScoreOverlap(t *testing.T) {
	gold := []tspan{{0, 4, "ORG"}, {3, 4, "ORG"}, {6, 7, "LOC"}, {9, 11, "PER"}}
	pred := []tspan{{3, 4, "ORG"}, {6, 7, "ORG"}, {9, 10, "PER"}, {12, 13, "LOC"}}
	sc := newEntityScore()
	score(gold, pred, sc)
	// one prediction inside two nested gold spans pairs with one of them; the LOC typed ORG is
	// wrong typed but right untyped
	if got := *sc.Overlap["ALL"]; got.TP != 2 || got.FP != 2 || got.FN != 2 {
		t.Errorf("overlap ALL = %+v, want TP 2 FP 2 FN 2", got)
	}
	if got := sc.Untyped; got.TP != 3 || got.FP != 1 || got.FN != 1 {
		t.Errorf("untyped = %+v, want TP 3 FP 1 FN 1", got)
	}
	if got := *sc.Strict["ALL"]; got.TP != 1 {
		t.Errorf("strict TP = %d, want 1", got.TP)
	}
}

func TestMentionSpansGovLOC(t *testing.T) {
	d := &MEANTIMEDoc{Text: "The White House and the Pentagon", annotated: 6}
	for _, w := range [][2]int{{0, 3}, {4, 9}, {10, 15}, {16, 19}, {20, 23}, {24, 32}} {
		d.tokStart = append(d.tokStart, w[0])
		d.tokEnd = append(d.tokEnd, w[1])
	}
	a := &sitrep.Article{
		Mentions: []sitrep.Mention{
			{Text: "White House", Start: 4, End: 15, Type: sitrep.MentionOrg, ActorID: "USAGOV", Resolution: "metonym"},
			{Text: "Pentagon", Start: 24, End: 32, Type: sitrep.MentionOrg, ActorID: "USAMIL", Resolution: "metonym"},
		},
		Actors: []sitrep.Actor{
			{ID: "USAGOV", Type: sitrep.ActorGov, Code: "USAGOV"},
			{ID: "USAMIL", Type: sitrep.ActorGov, Code: "USAMIL"},
		},
	}
	got := d.mentionSpans(a, EvalOptions{GovAsLOC: true})
	want := []tspan{{1, 3, "LOC"}, {5, 6, "ORG"}} // the government is LOC, its military stays ORG
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("spans = %+v, want %+v", got, want)
	}
	if got := d.mentionSpans(a, EvalOptions{}); got[0].typ != "ORG" {
		t.Errorf("without GovAsLOC the government is %s, want ORG", got[0].typ)
	}
}

func TestEvalMEANTIMEByCorpus(t *testing.T) {
	dir := seedtest.Shared(t, "data", "meantime")
	docs, err := ReadMEANTIME(dir)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := LoadKB()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := EvalMEANTIME(context.Background(), docs, NewTagger(kb, DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.ByCorpus) != 4 {
		t.Fatalf("%d sub-corpora, want 4", len(sc.ByCorpus))
	}
	var docsN, gold, tp int
	for name, c := range sc.ByCorpus {
		docsN += c.Docs
		gold += c.Gold
		tp += c.Overlap["ALL"].TP
		if c.Overlap["ALL"].F1() < 0.7 {
			t.Errorf("%s: overlap F1 %.3f, below 0.7", name, c.Overlap["ALL"].F1())
		}
	}
	if docsN != sc.Docs || gold != sc.Gold || tp != sc.Overlap["ALL"].TP {
		t.Errorf("sub-corpora add up to %d docs, %d gold, %d TP; total %d, %d, %d", docsN, gold, tp, sc.Docs, sc.Gold, sc.Overlap["ALL"].TP)
	}
}
