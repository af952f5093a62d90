package event_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/text"
)

func TestWriteGDELT(t *testing.T) {
	c, err := event.New(event.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 10, 11, 9, 30, 0, 0, time.UTC)
	body := "Israeli troops attacked Hezbollah positions in Lebanon on Thursday.\n\n" +
		"Egypt will not send troops to Gaza, its foreign minister said."
	a := &sitrep.Article{ID: "t1", URL: "https://example.org/a", Text: body, Published: &pub}
	if err := c.Process(context.Background(), a, text.Parse(body)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := event.WriteGDELT(&buf, a); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if got, want := len(lines), 1; got != want {
		t.Fatalf("rows=%d, want %d (negated events are not written):\n%s", got, want, buf.String())
	}
	cols := strings.Split(lines[0], "\t")
	if got, want := len(cols), event.GDELTColumns; got != want {
		t.Fatalf("columns=%d, want %d", got, want)
	}
	checks := map[int]string{
		1: "20241011", 2: "202410", 3: "2024", 5: "ISRMIL", 7: "ISR", 12: "MIL",
		15: "LBNREB", 17: "LBN", 22: "REB", 25: "1", 26: "190", 27: "190", 28: "19", 29: "4",
		30: "-10.0", 31: "1", 32: "1", 33: "1", 59: "20241011093000", 60: "https://example.org/a",
	}
	for i, want := range checks {
		if cols[i] != want {
			t.Errorf("column %d=%q, want %q", i+1, cols[i], want)
		}
	}
	// the id is stable across runs
	var again bytes.Buffer
	if err := event.WriteGDELT(&again, a); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Fatal("GDELT output not deterministic")
	}
}

// TestGDELTWeekDate checks that an ISO week date from the time stage gives a day.
func TestGDELTWeekDate(t *testing.T) {
	pub := time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{ID: "w", Text: "x", Published: &pub, Events: []sitrep.Event{{
		Source: sitrep.EventActor{Code: "IRN"}, Target: sitrep.EventActor{Code: "ISR"},
		CAMEO: "195", QuadClass: 4, Goldstein: -10, Mode: sitrep.ModeAsserted, Date: "2024-W15-WE",
	}}}
	var buf bytes.Buffer
	if err := event.WriteGDELT(&buf, a); err != nil {
		t.Fatal(err)
	}
	cols := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\t")
	if got, want := cols[1], "20240413"; got != want {
		t.Fatalf("SQLDATE=%s, want %s (Saturday of ISO week 15)", got, want)
	}
}
