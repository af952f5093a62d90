package event_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/seedtest"
)

// TestEvalPLOVER runs the PLOVER gold-standard evaluation and guards against regressions; the
// reported figures come from `go run ./cmd/sitrep-eval plover`.
func TestEvalPLOVER(t *testing.T) {
	dir := seedtest.Shared(t, "data", "plover-gsr")
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	res, err := event.EvalPLOVER(context.Background(), c, dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res.Report(&buf, os.Getenv("EVENT_VERBOSE") != "")
	t.Log("\n" + buf.String())
	if got, want := res.N, 322; got != want {
		t.Fatalf("records=%d, want %d", got, want)
	}
	h0, h1 := res.Half[0], res.Half[1]
	if h0.N+h1.N != res.N || h0.TypeCorrect+h1.TypeCorrect != res.TypeCorrect || h0.TripleCorrect+h1.TripleCorrect != res.TripleCorrect {
		t.Fatalf("halves %+v %+v do not add up to the whole %d/%d/%d", h0, h1, res.N, res.TypeCorrect, res.TripleCorrect)
	}
	if acc := float64(res.TypeCorrect) / float64(res.N); acc < 0.60 {
		t.Fatalf("type accuracy %.3f below the regression floor 0.60", acc)
	}
}

// TestEvalPETRARCH runs the PETRARCH unit tests through the PETRARCH dictionary readers.
func TestEvalPETRARCH(t *testing.T) {
	dir := seedtest.Shared(t, "data", "petrarch-unittest")
	res, err := event.EvalPETRARCH(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res.Report(&buf, os.Getenv("EVENT_VERBOSE") != "")
	t.Log("\n" + buf.String())
	if res.N < 280 {
		t.Fatalf("records=%d, want the 284 unit tests", res.N)
	}
	if rate := float64(res.Pass) / float64(res.N); rate < 0.20 {
		t.Fatalf("pass rate %.3f below the regression floor 0.20", rate)
	}
}
