package demo_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/ingest"
)

func records(t *testing.T) []ingest.Record {
	t.Helper()
	var out []ingest.Record
	sc := bufio.NewScanner(bytes.NewReader(demo.Corpus()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r ingest.Record
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("record %d: %v", len(out)+1, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus checks the properties the demo promises: at least 40 dated articles of 120–250
// words from 5–6 outlets over about six months, unique ids, and wire copies.
func TestCorpus(t *testing.T) {
	recs := records(t)
	if got := len(recs); got < 40 || got != demo.Len() {
		t.Fatalf("records=%d (Len %d), want at least 40", got, demo.Len())
	}
	ids := map[string]bool{}
	outlets := map[string]bool{}
	var first, last time.Time
	for _, r := range recs {
		if ids[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		ids[r.ID] = true
		outlets[r.Outlet] = true
		if !strings.HasPrefix(r.Outlet, "Demo ") {
			t.Errorf("%s: outlet %q is not labelled as a demo outlet", r.ID, r.Outlet)
		}
		if n := len(strings.Fields(r.Text)); n < 120 || n > 250 {
			t.Errorf("%s: %d words, want 120-250", r.ID, n)
		}
		p, err := ingest.ParseTime(r.Published)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		if first.IsZero() || p.Before(first) {
			first = p
		}
		if p.After(last) {
			last = p
		}
		if r.Title == "" || r.Language != "en" {
			t.Errorf("%s: title %q language %q", r.ID, r.Title, r.Language)
		}
	}
	if n := len(outlets); n < 5 || n > 6 {
		t.Errorf("outlets=%d, want 5-6", n)
	}
	if span := last.Sub(first); span < 150*24*time.Hour {
		t.Errorf("dates span %v, want about six months", span)
	}
	// Wire copies: the same text (after light edits) under two other outlets.
	copies := 0
	for i, a := range recs {
		for _, b := range recs[i+1:] {
			if a.Outlet != b.Outlet && overlap(a.Text, b.Text) > 0.8 {
				copies++
			}
		}
	}
	if copies < 10 {
		t.Errorf("near-identical pairs across outlets=%d, want at least 10", copies)
	}
}

// overlap is the share of word 4-grams of a found in b.
func overlap(a, b string) float64 {
	grams := func(s string) map[string]bool {
		f := strings.Fields(s)
		m := map[string]bool{}
		for i := 0; i+4 <= len(f); i++ {
			m[strings.Join(f[i:i+4], " ")] = true
		}
		return m
	}
	ga, gb := grams(a), grams(b)
	if len(ga) == 0 {
		return 0
	}
	n := 0
	for g := range ga {
		if gb[g] {
			n++
		}
	}
	return float64(n) / float64(len(ga))
}

func TestProfiles(t *testing.T) {
	for _, p := range demo.Profiles() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
}
