package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/seedtest"
)

// run executes the program in process and returns its stdout, stderr and error.
func run(t *testing.T, db string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	err := m.Run(context.Background(), append([]string{"--db", db}, args...))
	return out.String(), errb.String(), err
}

func TestIngestAndExport_Seeds(t *testing.T) {
	seeds := seedtest.Shared(t, "seeds")
	db := filepath.Join(t.TempDir(), "s.db")
	_, stderr, err := run(t, db, "", "ingest", "--published", "2024-10-11", seeds)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "ingest: 5 new, 0 unchanged, 0 failed") {
		t.Fatalf("summary: %s", stderr)
	}
	_, stderr, err = run(t, db, "", "ingest", seeds)
	if err != nil || !strings.Contains(stderr, "0 new, 5 unchanged, 0 failed") {
		t.Fatalf("re-ingest: %v %s", err, stderr)
	}
	out, _, err := run(t, db, "", "export", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got, want := len(lines), 5; got != want {
		t.Fatalf("export lines=%d, want %d", got, want)
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"id", "url", "outlet", "title", "author", "published", "language", "dateline", "text", "removed", "repairs", "mentions", "actors", "timexes", "quotes", "claims", "events"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("export object lacks key %q", k)
			}
		}
		if m["published"] == nil || !strings.HasPrefix(m["published"].(string), "2024-10-11") {
			t.Fatalf("published=%v", m["published"])
		}
	}
	out, _, err = run(t, db, "", "articles", "--json")
	if err != nil || !strings.Contains(out, `"total": 5`) {
		t.Fatalf("articles: %v %s", err, out)
	}
	var first map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	out, _, err = run(t, db, "", "show", first["id"].(string))
	if err != nil || !strings.Contains(out, first["id"].(string)) {
		t.Fatalf("show: %v %s", err, out)
	}
	if _, _, err := run(t, db, "", "show", "no-such-id"); err == nil {
		t.Fatal("show of a missing id succeeded")
	}
}

func TestIngest_BadInputKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"ok1","text":"The Pentagon said on Thursday a call would take place."}`+"\n{broken\n"+`{"id":"ok2","text":"Iran's foreign minister met his Qatari counterpart in Doha."}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("\x00\x01\x02binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), nil, 0o644)
	db := filepath.Join(t.TempDir(), "s.db")
	_, stderr, err := run(t, db, "", "ingest", dir)
	if err != nil {
		t.Fatalf("ingest with some good input failed: %v\n%s", err, stderr)
	}
	for _, w := range []string{"a.jsonl:2: invalid JSON", "b.txt: binary", "c.txt: empty", "2 new, 0 unchanged, 3 failed"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	// nothing usable: non-zero exit
	_, stderr, err = run(t, db, "", "ingest", filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt"))
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("all-bad ingest: err=%v\n%s", err, stderr)
	}
}

func TestAnalyze_StdinJSONL(t *testing.T) {
	in := `{"id":"x1","published":"2024-10-11","outlet":"Demo Wire","text":"WASHINGTON -- Pentagon press secretary Patrick Ryder said Thursday that a call would take place \"in the near future.\""}` + "\n"
	out, stderr, err := run(t, filepath.Join(t.TempDir(), "unused.db"), in, "analyze", "-")
	if err != nil {
		t.Fatalf("analyze: %v %s", err, stderr)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("output not one JSON object: %v\n%s", err, out)
	}
	if a["id"] != "x1" || a["outlet"] != "Demo Wire" || a["dateline"] != "WASHINGTON" {
		t.Fatalf("metadata: %v", a)
	}
	if strings.HasPrefix(a["text"].(string), "WASHINGTON") {
		t.Fatalf("dateline left in text: %q", a["text"])
	}
}

func TestUsage(t *testing.T) {
	_, stderr, err := run(t, "x.db", "", "nosuch")
	if err == nil || exitCode(err) != 2 || !strings.Contains(stderr, "commands:") {
		t.Fatalf("unknown command: %v %s", err, stderr)
	}
	out, _, err := run(t, "x.db", "", "version")
	if err != nil || !strings.HasPrefix(out, "sitrep ") {
		t.Fatalf("version: %v %q", err, out)
	}
}

func TestExport_GDELT(t *testing.T) {
	seed := seedtest.SeedByPrefix(t, "004")
	db := filepath.Join(t.TempDir(), "s.db")
	if _, stderr, err := run(t, db, "", "ingest", "--published", "2024-10-11", "--url", "https://example.test/004", seed.Path); err != nil {
		t.Fatalf("ingest: %v %s", err, stderr)
	}
	out, _, err := run(t, db, "", "export", "--format", "gdelt")
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if len(rows) == 0 || rows[0] == "" {
		t.Fatal("no GDELT rows for seed 004")
	}
	for _, r := range rows {
		cols := strings.Split(r, "\t")
		if len(cols) != 61 {
			t.Fatalf("row has %d columns, want 61: %q", len(cols), r)
		}
		if !strings.HasPrefix(cols[1], "2024") || cols[60] != "https://example.test/004" {
			t.Fatalf("SQLDATE=%q SOURCEURL=%q", cols[1], cols[60])
		}
	}
	if _, _, err := run(t, db, "", "export", "--format", "xml"); err == nil {
		t.Fatal("unknown format accepted")
	}
}
