package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/text"
)

// upper is a toy cleaner used to observe that every article went through the pipeline.
type upper struct{}

func (upper) Clean(ctx context.Context, a *sitrep.Article) error {
	if strings.Contains(a.Raw, "FAIL") {
		return errors.New("cannot clean")
	}
	a.Text = strings.ToUpper(a.Raw)
	return nil
}

type countSentences struct{}

func (countSentences) Name() string { return "count" }
func (countSentences) Process(ctx context.Context, a *sitrep.Article, d *text.Doc) error {
	a.Dateline = fmt.Sprint(len(d.Sentences))
	return nil
}

func TestRun_OrderAndErrors(t *testing.T) {
	p := &pipeline.Pipeline{Cleaner: upper{}, Stages: []pipeline.Stage{countSentences{}}}
	const n = 500
	i := 0
	next := func() (pipeline.Job, bool, error) {
		if i == n {
			return pipeline.Job{}, false, nil
		}
		i++
		switch {
		case i%50 == 0:
			return pipeline.Job{Err: fmt.Errorf("bad record %d", i)}, true, nil
		case i%70 == 0:
			return pipeline.Job{Article: &sitrep.Article{ID: fmt.Sprint(i), Raw: "FAIL"}}, true, nil
		}
		return pipeline.Job{Article: &sitrep.Article{ID: fmt.Sprint(i), Raw: "One. Two."}}, true, nil
	}
	var got []string
	errs := 0
	err := p.Run(context.Background(), 4, next, func(j pipeline.Job) error {
		if j.Err != nil {
			errs++
			return nil
		}
		if j.Article.Text != "ONE. TWO." || j.Article.Dateline != "2" || j.Article.Mentions == nil {
			t.Fatalf("not analysed: %+v", j.Article)
		}
		got = append(got, j.Article.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := errs, n/50+n/70-n/350; got != want {
		t.Fatalf("errors=%d, want %d", got, want)
	}
	for k := 1; k < len(got); k++ {
		var a, b int
		fmt.Sscan(got[k-1], &a)
		fmt.Sscan(got[k], &b)
		if a >= b {
			t.Fatalf("out of order: %s before %s", got[k-1], got[k])
		}
	}
}

func TestRun_EmitErrorStops(t *testing.T) {
	p := &pipeline.Pipeline{Cleaner: upper{}}
	next := func() (pipeline.Job, bool, error) {
		return pipeline.Job{Article: &sitrep.Article{Raw: "x"}}, true, nil // endless input
	}
	stop := errors.New("stop")
	k := 0
	err := p.Run(context.Background(), 2, next, func(j pipeline.Job) error {
		if k++; k == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err=%v, want stop", err)
	}
}

type fixedLang struct{ lang string }

func (f fixedLang) Clean(ctx context.Context, a *sitrep.Article) error {
	a.Text, a.Language = a.Raw, f.lang
	return nil
}

func TestAnalyze_NonEnglishFlaggedNotAnalysed(t *testing.T) {
	for _, tc := range []struct {
		lang     string
		analysed bool
	}{{"en", true}, {"und", true}, {"es", false}, {"fa", false}} {
		a := &sitrep.Article{Raw: "El ministro habló. Dijo que sí."}
		p := &pipeline.Pipeline{Cleaner: fixedLang{tc.lang}, Stages: []pipeline.Stage{countSentences{}}}
		if err := p.Analyze(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if got := a.Dateline != ""; got != tc.analysed {
			t.Fatalf("%s: analysed=%v, want %v", tc.lang, got, tc.analysed)
		}
		if got := len(a.Flags) == 1 && a.Flags[0].Kind == "non_english"; got == tc.analysed {
			t.Fatalf("%s: flags %+v", tc.lang, a.Flags)
		}
		if a.Text != a.Raw {
			t.Fatalf("%s: text changed", tc.lang)
		}
	}
}

type panicky struct{}

func (panicky) Name() string { return "panicky" }
func (panicky) Process(ctx context.Context, a *sitrep.Article, d *text.Doc) error {
	if strings.Contains(a.Text, "BOOM") {
		var s []int
		_ = s[len(a.Text)] // index out of range
	}
	return nil
}

func TestAnalyze_PanicBecomesError(t *testing.T) {
	p := &pipeline.Pipeline{Cleaner: upper{}, Stages: []pipeline.Stage{panicky{}}}
	a := &sitrep.Article{ID: "x", Raw: "boom"}
	err := p.Analyze(context.Background(), a)
	if err == nil || !strings.Contains(err.Error(), "panicky x") {
		t.Fatalf("err=%v", err)
	}
	if err := p.Analyze(context.Background(), &sitrep.Article{ID: "y", Raw: "calm"}); err != nil {
		t.Fatalf("calm article: %v", err)
	}
}
