package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

// syncBuffer is a bytes.Buffer safe to read while watch writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestTrack_AddListRemoveAlertsWatch(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "t.db")
	out, stderr, err := run(t, dbPath, "", "track", "add", "--name", "Israel and Iran", "--actors", "ISR,IRN",
		"--events", "ASSAULT", "--query", "missiles OR drones", "--json")
	if err != nil {
		t.Fatalf("track add: %v %s", err, stderr)
	}
	var p sitrep.Profile
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.ID == 0 || len(p.Actors) != 2 || p.Events[0] != "ASSAULT" {
		t.Fatalf("profile %s (%v)", out, err)
	}
	if _, _, err := run(t, dbPath, "", "track", "add", "--name", "empty"); err == nil {
		t.Error("a profile without criteria must be refused")
	}
	if _, _, err := run(t, dbPath, "", "track", "add", "--name", "x", "--actors", "RUS", "--webhook", "ftp://example.org"); err == nil {
		t.Error("a non-http webhook must be refused")
	}
	out, _, err = run(t, dbPath, "", "track", "list")
	if err != nil || !strings.Contains(out, "Israel and Iran") || !strings.Contains(out, "ISR,IRN") {
		t.Fatalf("track list: %v\n%s", err, out)
	}

	// Alerts are fired by the tracker at ingest; here one is stored directly.
	db := sqlite.NewDB(dbPath)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	alerts := sqlite.NewAlertService(db)
	if _, err := alerts.CreateAlert(context.Background(), &sitrep.Alert{ProfileID: p.ID, Kind: sitrep.AlertNewStory,
		Key: "story:1", StoryID: 1, StorylineID: 1, Message: "New story 1 matches the profile in storyline 1."}); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, dbPath, "", "alerts", "--profile", "Israel and Iran", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Alerts []sitrep.Alert `json:"alerts"`
		Total  int            `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || list.Total != 1 || list.Alerts[0].Key != "story:1" {
		t.Fatalf("alerts %s (%v)", out, err)
	}
	if out, _, _ := run(t, dbPath, "", "alerts", "--kind", "escalation"); strings.Contains(out, "story:1") || strings.Contains(out, "New story") {
		t.Errorf("kind filter leaked: %s", out)
	}

	// watch prints alerts fired after it started, once each, as JSON lines.
	ctx, cancel := context.WithCancel(context.Background())
	var wout syncBuffer
	done := make(chan error, 1)
	go func() {
		m := &Main{Stdin: strings.NewReader(""), Stdout: &wout, Stderr: &bytes.Buffer{}}
		done <- m.Run(ctx, []string{"--db", dbPath, "watch", "--json", "--interval", "50ms"})
	}()
	time.Sleep(200 * time.Millisecond)
	for _, key := range []string{"actor:1:USA", "actor:1:USA", "event_type:1:ASSAULT"} {
		if _, err := alerts.CreateAlert(context.Background(), &sitrep.Alert{ProfileID: p.ID, Kind: sitrep.AlertNewActor,
			Key: key, StorylineID: 1, Message: "New actor " + key + "."}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(wout.String(), "\n") < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(wout.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "actor:1:USA") || !strings.Contains(lines[1], "event_type:1:ASSAULT") {
		t.Fatalf("watch printed %q", wout.String())
	}

	out, _, err = run(t, dbPath, "", "track", "rm", "1")
	if err != nil || !strings.Contains(out, "removed") {
		t.Fatalf("track rm: %v %s", err, out)
	}
	if _, _, err := run(t, dbPath, "", "track", "rm", "1"); err == nil {
		t.Error("removing a missing profile must fail")
	}
}

// TestNewTracker checks the wiring ingest uses: profiles, alerts, storyline memory and claims all
// in the SQLite database, across two tracker instances (two ingest runs).
func TestNewTracker(t *testing.T) {
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "w.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := &sitrep.Profile{Name: "Russia and Ukraine", Actors: []string{"RUS", "UKR"}}
	if err := sqlite.NewProfileService(db).CreateProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	day := func(d int) *time.Time { t := time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC); return &t }
	actors := []sitrep.Actor{{ID: "rus", Name: "Russia", Code: "RUS"}, {ID: "ukr", Name: "Ukraine", Code: "UKR"}}
	claimed := "a Russian missile struck the grain terminal in Odesa overnight"
	a1 := &sitrep.Article{ID: "w1", Outlet: "Wire A", Published: day(3), StoryID: 1, StorylineID: 1, Actors: actors,
		Text: "Ukraine's navy said " + claimed + ", wounding four workers."}
	a1.Quotes = []sitrep.Quote{{Text: claimed, Start: 20, End: 20 + len(claimed), Cue: "said", Parent: -1}}
	a1.Claims = []sitrep.Claim{{ID: "w1c", Speaker: sitrep.Source{Text: "Ukraine's navy", Kind: sitrep.SourceNamed}, Content: claimed, Stance: "assert"}}
	a2 := &sitrep.Article{ID: "w2", Outlet: "Paper B", Published: day(4), StoryID: 2, StorylineID: 1, Actors: actors,
		Text: "Russia's defence ministry denied that " + claimed + "."}
	a2.Quotes = []sitrep.Quote{{Text: claimed, Start: 37, End: 37 + len(claimed), Cue: "denied", Parent: -1}}
	a2.Claims = []sitrep.Claim{{ID: "w2c", Speaker: sitrep.Source{Text: "Russia's defence ministry", Kind: sitrep.SourceNamed}, Content: claimed, Stance: "deny"}}
	tr, err := newTracker(ctx, db, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := tr.Observe(ctx, []*sitrep.Article{a1})
	if err != nil {
		t.Fatal(err)
	}
	tr, err = newTracker(ctx, db, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := tr.Observe(ctx, []*sitrep.Article{a2})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range append(first, second...) {
		kinds = append(kinds, a.Kind+"@"+a.ArticleID)
	}
	if got := strings.Join(kinds, " "); got != "new_story@w1 new_story@w2 claim_status@w2" {
		t.Fatalf("alerts %q", got)
	}
	cs, _, err := sqlite.NewClaimService(db).FindClaims(ctx, sitrep.ClaimFilter{})
	if err != nil || len(cs) != 1 || cs[0].Status != sitrep.ClaimDenied || cs[0].ReportCount != 2 {
		t.Fatalf("claims %+v (%v)", cs, err)
	}
}
