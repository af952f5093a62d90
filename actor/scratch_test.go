package actor_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/seedtest"
)

// TestScratchNotRetained runs one tagger over several articles in turn and checks that the
// output of each is unchanged after the later ones: the tagger reuses its buffers (the
// lower-cased text among them), so no string of an article's output may point into them.
func TestScratchNotRetained(t *testing.T) {
	texts := []string{
		"Israeli Prime Minister Benjamin Netanyahu met US envoy Steve Witkoff in Jerusalem on Monday, Axios reported.",
		"THE IRANIAN FOREIGN MINISTRY SAID on Tuesday that Tehran would respond. Abbas Araghchi told reporters in Geneva.",
		"Dr. Émile Durand-Ülker of the Société Générale said the Élysée was briefed. He added that Paris agreed.",
		"Northwind Logistics chief executive Mara Tellefsen said the firm would hire 200 people; Tellefsen spoke in Oslo.",
		"a",
	}
	for _, s := range seedtest.Seeds(t) {
		texts = append(texts, s.Raw)
	}
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	ctx := context.Background()
	for _, withDate := range []bool{true, false} {
		arts := make([]*sitrep.Article, len(texts))
		first := make([]string, len(texts))
		for i, s := range texts {
			a := &sitrep.Article{Text: s}
			if withDate {
				d := date("2024-10-11")
				a.Published = &d
			}
			if err := tg.Process(ctx, a, nil); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(a)
			arts[i], first[i] = a, string(b)
		}
		for i, a := range arts {
			if b, _ := json.Marshal(a); string(b) != first[i] {
				t.Errorf("article %d changed after later articles were tagged:\nbefore %s\nafter  %s", i, first[i], b)
			}
		}
		if len(arts[0].Mentions) == 0 || len(arts[3].Mentions) == 0 {
			t.Errorf("expected mentions in the test articles: %d, %d", len(arts[0].Mentions), len(arts[3].Mentions))
		}
	}
}

// TestConcurrentTagging tags the same articles from several goroutines with one tagger (its
// scratch buffers go through a sync.Pool) and compares each result with a sequential run.
func TestConcurrentTagging(t *testing.T) {
	var texts []string
	for _, s := range seedtest.Seeds(t) {
		texts = append(texts, s.Raw)
	}
	texts = append(texts, "Iranian Foreign Minister Abbas Araghchi met Omani officials in Muscat on Saturday.")
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	ctx := context.Background()
	want := make([]string, len(texts))
	for i, s := range texts {
		a := &sitrep.Article{Text: s}
		if err := tg.Process(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(a)
		want[i] = string(b)
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func(g int) {
			defer func() { done <- struct{}{} }()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				a := &sitrep.Article{Text: texts[i]}
				if err := tg.Process(ctx, a, nil); err != nil {
					errs <- err.Error()
					return
				}
				if b, _ := json.Marshal(a); string(b) != want[i] {
					errs <- "article " + texts[i][:20] + " differs when tagged concurrently"
					return
				}
			}
		}(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
