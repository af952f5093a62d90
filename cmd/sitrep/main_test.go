package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
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

// TestStories_SeedsAndEdits ingests the seeds one at a time with their dates and checks the
// grouping the issue describes, then that merge and split are kept and undo each other.
func TestStories_SeedsAndEdits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	ids := map[string]string{}
	for _, s := range seedtest.Seeds(t) {
		if _, stderr, err := run(t, db, "", "ingest", "--published", s.Published.Format("2006-01-02"), s.Path); err != nil {
			t.Fatalf("ingest %s: %v %s", s.Name, err, stderr)
		}
		ids[s.Name[:3]] = ingest.ContentID(s.Raw)
	}
	out, _, err := run(t, db, "", "export")
	if err != nil {
		t.Fatal(err)
	}
	story, line := map[string]float64{}, map[string]float64{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var a map[string]any
		json.Unmarshal([]byte(l), &a)
		id := a["id"].(string)
		sid, _ := a["story_id"].(float64)
		lid, _ := a["storyline_id"].(float64)
		story[id], line[id] = sid, lid
	}
	if story[ids["000"]] == 0 || story[ids["000"]] != story[ids["004"]] {
		t.Fatalf("000 and 004 not one story: %v", story)
	}
	for _, p := range []string{"001", "002", "003"} {
		for _, q := range []string{"000", "001", "002", "003"} {
			if p != q && story[ids[p]] == story[ids[q]] {
				t.Fatalf("%s and %s share a story: %v", p, q, story)
			}
		}
	}
	for p := range ids {
		if line[ids[p]] != line[ids["000"]] || line[ids[p]] == 0 {
			t.Fatalf("seeds not one storyline: %v", line)
		}
	}
	a, b := fmt.Sprint(story[ids["001"]]), fmt.Sprint(story[ids["002"]])
	if out, stderr, err := run(t, db, "", "story", "merge", a, b, "--json"); err != nil || !strings.Contains(out, ids["002"]) {
		t.Fatalf("merge: %v %s %s", err, out, stderr)
	}
	if _, stderr, err := run(t, db, "", "story", "split", a, ids["002"]); err != nil {
		t.Fatalf("split: %v %s", err, stderr)
	}
	out, _, _ = run(t, db, "", "stories", "--json")
	var res struct{ Total int }
	json.Unmarshal([]byte(out), &res)
	if res.Total != 4 {
		t.Fatalf("after merge+split: %d stories, want 4", res.Total)
	}
	if out, _, err := run(t, db, "", "storyline", fmt.Sprint(line[ids["000"]])); err != nil || !strings.Contains(out, "Escalation index") {
		t.Fatalf("storyline: %v\n%s", err, out)
	}
	// The text view counts in words a reader expects: "2 articles", never "1 articles".
	out, _, err = run(t, db, "", "story", "show", fmt.Sprint(story[ids["000"]]))
	if err != nil || !strings.Contains(out, "· 2 articles, 2 independent origins") || strings.Contains(out, "(1 articles)") {
		t.Fatalf("story show: %v\n%s", err, out)
	}
	// The actor pair's timeline: events between Israel and Iran (any sector) in either direction,
	// across the stories, oldest first, with a daily escalation series.
	out, _, err = run(t, db, "", "pair", "isr", "IRN", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var pair struct {
		Actors   []string
		Timeline []struct {
			Date    string
			StoryID int64 `json:"story_id"`
			Event   struct{ Source, Target struct{ Code string } }
		}
		Escalation []struct {
			Date  string
			Count int
		}
	}
	if err := json.Unmarshal([]byte(out), &pair); err != nil {
		t.Fatalf("pair --json: %v\n%s", err, out)
	}
	if len(pair.Actors) != 2 || pair.Actors[0] != "ISR" || len(pair.Timeline) < 3 || len(pair.Escalation) < 2 {
		t.Fatalf("pair ISR IRN: %s", out)
	}
	storiesSeen := map[int64]bool{}
	for i, e := range pair.Timeline {
		s, g := e.Event.Source.Code, e.Event.Target.Code
		if !(strings.HasPrefix(s, "ISR") && strings.HasPrefix(g, "IRN") || strings.HasPrefix(s, "IRN") && strings.HasPrefix(g, "ISR")) {
			t.Errorf("pair entry %d is %s → %s", i, s, g)
		}
		if i > 0 && e.Date < pair.Timeline[i-1].Date {
			t.Errorf("pair timeline out of order at %d: %s after %s", i, e.Date, pair.Timeline[i-1].Date)
		}
		storiesSeen[e.StoryID] = true
	}
	if len(storiesSeen) < 2 {
		t.Errorf("pair timeline covers %d stories, want events of the April and October 2024 stories", len(storiesSeen))
	}
	if _, _, err := run(t, db, "", "pair", "ISR"); err == nil {
		t.Error("pair with one actor accepted")
	}
}

// TestIngest_WireCopies ingests a report and two light rewrites from other outlets, the earliest
// copy arriving last: all three form one story with one independent origin, and the copies point
// to the earliest.
func TestIngest_WireCopies(t *testing.T) {
	body := "Norway's fisheries minister said on Tuesday that talks with Iceland over mackerel quotas would resume in Oslo next week, after a month in which both coast guards shadowed each other's trawlers. " +
		"Officials in Reykjavik confirmed the date but declined to say whether a new offer would be tabled. Fishing groups in both countries have urged a deal before the autumn season opens, warning that vessels face losses if the dispute drags on. " +
		"The two governments last met in March, when the talks broke down over how to count stocks that migrate between their waters."
	recs := []string{
		`{"id":"wire-b","outlet":"Paper B","published":"2026-05-06","title":"Mackerel talks to resume","text":"` + body + ` Analysts expect a compromise."}`,
		`{"id":"wire-c","outlet":"Paper C","published":"2026-05-07","title":"Norway and Iceland to talk fish again","text":"` + strings.Replace(body, "next week", "in the coming week", 1) + `"}`,
		`{"id":"wire-a","outlet":"Wire A","published":"2026-05-05","title":"Norway, Iceland to resume mackerel talks","text":"` + body + `"}`,
		`{"id":"other","outlet":"Paper B","published":"2026-05-06","title":"Storm closes ferry routes","text":"A winter storm closed ferry routes along the western coast on Wednesday, stranding hundreds of passengers. The weather service said winds would ease by Friday."}`,
	}
	db := filepath.Join(t.TempDir(), "s.db")
	for _, r := range recs { // one ingest each: the clusterer and copy index are reopened every time
		if _, stderr, err := run(t, db, r+"\n", "ingest", "-"); err != nil {
			t.Fatalf("ingest: %v %s", err, stderr)
		}
	}
	out, _, err := run(t, db, "", "export")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]any{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var a map[string]any
		json.Unmarshal([]byte(l), &a)
		got[a["id"].(string)] = a
	}
	if got["wire-a"]["story_id"] != got["wire-b"]["story_id"] || got["wire-a"]["story_id"] != got["wire-c"]["story_id"] || got["other"]["story_id"] == got["wire-a"]["story_id"] {
		t.Fatalf("stories: a=%v b=%v c=%v other=%v", got["wire-a"]["story_id"], got["wire-b"]["story_id"], got["wire-c"]["story_id"], got["other"]["story_id"])
	}
	if got["wire-b"]["duplicate_of"] != "wire-a" || got["wire-c"]["duplicate_of"] != "wire-a" || got["wire-a"]["duplicate_of"] != nil {
		t.Fatalf("duplicate_of: b=%v c=%v a=%v", got["wire-b"]["duplicate_of"], got["wire-c"]["duplicate_of"], got["wire-a"]["duplicate_of"])
	}
	out, _, _ = run(t, db, "", "stories", "--json")
	var res struct {
		Stories []struct {
			Sources, Origins int
		}
	}
	json.Unmarshal([]byte(out), &res)
	found := false
	for _, s := range res.Stories {
		if s.Sources == 3 {
			found = true
			if s.Origins != 1 {
				t.Fatalf("wire story has %d origins, want 1", s.Origins)
			}
		}
	}
	if !found {
		t.Fatalf("no 3-article story: %s", out)
	}
}

// TestIngest_OptimizesAfterBulk checks that growth by a tenth or more (and optimizeMin articles)
// merges the full-text index, that growth below the minimum does not, that growth adds up across
// runs, and that search works on the merged index.
func TestIngest_OptimizesAfterBulk(t *testing.T) {
	seeds := seedtest.Shared(t, "seeds")
	defer func(n int) { optimizeMin = n }(optimizeMin)
	optimizeMin = 3
	db := filepath.Join(t.TempDir(), "s.db")
	_, stderr, err := run(t, db, "", "--log-level", "info", "ingest", "--published", "2024-10-11", seeds)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "optimized the search index") {
		t.Fatalf("a bulk run did not optimize:\n%s", stderr)
	}
	one := filepath.Join(t.TempDir(), "one.txt")
	os.WriteFile(one, []byte("Qatar's foreign ministry said talks between the two sides would resume next week in Doha."), 0o644)
	_, stderr, err = run(t, db, "", "--log-level", "info", "ingest", one)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if strings.Contains(stderr, "optimized the search index") {
		t.Fatalf("a one-article run optimized:\n%s", stderr)
	}
	// small runs add up: two more articles make three since the last optimize
	two := filepath.Join(t.TempDir(), "two.jsonl")
	os.WriteFile(two, []byte(`{"id":"t1","text":"Egypt's foreign minister met his Jordanian counterpart in Amman on Sunday."}`+"\n"+
		`{"id":"t2","text":"Turkey's defence ministry said a drone was shot down near the border."}`+"\n"), 0o644)
	_, stderr, err = run(t, db, "", "--log-level", "info", "ingest", two)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "optimized the search index") {
		t.Fatalf("growth across runs did not optimize:\n%s", stderr)
	}
	out, _, err := run(t, db, "", "articles", "--json", "--query", "Mossad")
	if err != nil || !strings.Contains(out, `"total": 1`) {
		t.Fatalf("search after optimize: %v %s", err, out)
	}
}

// TestStoryline_ViewFollowsItsStories ingests the seeds one by one in two orders — 004 joining
// 000's story last, or right after it — and checks that the stored storyline (title, actors,
// dates) is the same: a story that grows after its storyline was saved must refresh it.
func TestStoryline_ViewFollowsItsStories(t *testing.T) {
	seeds := seedtest.Seeds(t)
	byName := map[string]seedtest.Seed{}
	for _, s := range seeds {
		byName[s.Name[:3]] = s
	}
	view := func(order ...string) map[string]any {
		db := filepath.Join(t.TempDir(), "s.db")
		for _, n := range order {
			s := byName[n]
			if _, stderr, err := run(t, db, "", "ingest", "--published", s.Published.Format("2006-01-02"), s.Path); err != nil {
				t.Fatalf("ingest %s: %v %s", n, err, stderr)
			}
		}
		out, _, err := run(t, db, "", "storyline", "1", "--json")
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Storyline map[string]any `json:"storyline"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v.Storyline
	}
	a := view("000", "001", "002", "003", "004")
	b := view("000", "004", "001", "002", "003")
	for _, k := range []string{"title", "key_actors", "first_seen", "last_seen", "story_ids"} {
		if fmt.Sprint(a[k]) != fmt.Sprint(b[k]) {
			t.Errorf("storyline %s: %v when 004 came last, %v when it came second", k, a[k], b[k])
		}
	}
}

// TestClaims_AcrossArticles ingests a claim, a second outlet's report of it and a later denial,
// all through the analysis pipeline, then lists and shows the claim: one claim, reports from two
// outlets, denied with the denial's sentence as evidence.
func TestClaims_AcrossArticles(t *testing.T) {
	recs := `{"id":"c1","outlet":"Harbour Post","published":"2026-03-02","title":"Missile hits grain terminal","text":"A missile struck the grain terminal in the port of Odesa overnight, Ukraine's navy said on Monday. \"A Russian missile struck the grain terminal in Odesa overnight, wounding four workers,\" the navy's spokesman Dmytro Pletenchuk said. Fire crews worked through the night."}
{"id":"c3","outlet":"Capital Daily","published":"2026-03-03","title":"Moscow denies striking Odesa","text":"Russia's defence ministry denied that a Russian missile struck the grain terminal in Odesa overnight. The ministry said its forces had hit only military targets near the city."}
`
	db := filepath.Join(t.TempDir(), "c.db")
	if _, stderr, err := run(t, db, recs, "ingest", "-"); err != nil {
		t.Fatalf("ingest: %v %s", err, stderr)
	}
	out, _, err := run(t, db, "", "claims", "--status", "denied", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Claims []sitrep.ReportedClaim
		Total  int
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("claims --json: %v\n%s", err, out)
	}
	var denied *sitrep.ReportedClaim
	for i, c := range list.Claims {
		if strings.Contains(c.Content, "grain terminal") {
			denied = &list.Claims[i]
		}
	}
	if denied == nil || denied.ReportCount != 2 || len(denied.Outlets) != 2 {
		t.Fatalf("denied claims: %s", out)
	}
	out, _, err = run(t, db, "", "claims", "show", fmt.Sprint(denied.ID))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"denied · 2 reports from 2 outlets", "Capital Daily", "→ denied: denied by Russia's defence ministry", "Russia's defence ministry denied that"} {
		if !strings.Contains(out, want) {
			t.Errorf("claims show lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := run(t, db, "", "claims", "--status", "rumoured"); err == nil {
		t.Error("unknown status accepted")
	}
	if _, _, err := run(t, db, "", "claims", "show", "999"); err == nil {
		t.Error("missing claim shown")
	}
}

// TestUserMessage checks that application errors reach the terminal as their message, also
// when wrapped, and that other errors are unchanged.
func TestUserMessage(t *testing.T) {
	nf := sitrep.Errorf(sitrep.ENOTFOUND, "Story not found.")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{nf, "Story not found."},
		{fmt.Errorf("show story 9: %w", nf), "show story 9: Story not found."},
		{errors.New("open database x.db: disk I/O error"), "open database x.db: disk I/O error"},
	} {
		if got := userMessage(tt.err); got != tt.want {
			t.Errorf("userMessage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
