package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
	sitrephttp "github.com/sitrep/sitrep/http"
)

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// hostile is an article whose every free-text field carries markup that must never run.
const hostileTitle = `Port talks <script>alert("title")</script> resume`

func fixture() (*mockArticles, *mockStories, *mockTimeline) {
	nor := sitrep.Actor{ID: "NOR", Name: "Norway", Type: sitrep.ActorCountry, Code: "NOR", Roles: []sitrep.Role{}}
	isl := sitrep.Actor{ID: "ISL", Name: "Iceland", Type: sitrep.ActorCountry, Code: "ISL", Roles: []sitrep.Role{}}
	minister := sitrep.Actor{ID: "p:eyja", Name: "Eyja Brandsdottir", Type: sitrep.ActorPerson, Country: "ISL", Code: "ISLGOV",
		Roles: []sitrep.Role{{Title: "Fisheries Minister", Country: "ISL", Code: "ISLGOV"}}}
	text1 := "Norway detained an Icelandic trawler on Tuesday.\nIceland protested and demanded the release of the crew."
	text2 := "Iceland threatened to close its ports to Norwegian vessels. \"We do not want to,\" said Eyja Brandsdottir."
	hostileText := `Officials met <img src=x onerror=alert("text")> in Oslo. A source said "<b>talks</b> & <script>alert(1)</script> will go on".`
	ev := func(src, tgt sitrep.Actor, plover, cameo string, g float64, date, mode string, s, e int) sitrep.Event {
		return sitrep.Event{Start: s, End: e, Source: sitrep.EventActor{ActorID: src.ID, Code: src.Code, Text: src.Name},
			Target: sitrep.EventActor{ActorID: tgt.ID, Code: tgt.Code, Text: tgt.Name}, PLOVER: plover, CAMEO: cameo,
			Goldstein: g, Date: date, Mode: mode, Context: []string{}}
	}
	arts := &mockArticles{list: []*sitrep.Article{
		{ID: "a1", Outlet: "Demo Wire", Title: "Norway detains Icelandic trawler", Published: day("2026-06-09"), Language: "en",
			Text: text1, StoryID: 1, StorylineID: 1, Actors: []sitrep.Actor{nor, isl},
			Events: []sitrep.Event{ev(nor, isl, "COERCE", "171", -9.2, "2026-06-09", sitrep.ModeAsserted, 0, 48)}},
		{ID: "a1-copy", Outlet: "Demo Herald", Title: "Icelandic trawler detained", Published: day("2026-06-09"), Language: "en",
			Text: text1, StoryID: 1, StorylineID: 1, DuplicateOf: "a1", Similarity: 0.97, Actors: []sitrep.Actor{nor, isl}},
		{ID: "a2", Outlet: "Demo Courier", Title: "Iceland threatens port ban", Published: day("2026-07-02"), Language: "en",
			Text: text2, StoryID: 2, StorylineID: 1, Actors: []sitrep.Actor{isl, nor, minister},
			Events: []sitrep.Event{ev(isl, nor, "THREATEN", "13", -4.4, "2026-07-02", sitrep.ModeThreatened, 0, 58)},
			Quotes: []sitrep.Quote{{Text: "We do not want to,", Start: 60, End: 78, Kind: sitrep.QuoteDirect, Parent: -1,
				Speaker: sitrep.Source{Text: "Eyja Brandsdottir", ActorID: "p:eyja", Kind: sitrep.SourceNamed}, Via: []sitrep.Source{}}},
			Claims: []sitrep.Claim{{ID: "c1", QuoteIndex: 0, Speaker: sitrep.Source{Text: "Eyja Brandsdottir", ActorID: "p:eyja", Kind: sitrep.SourceNamed},
				Via: []sitrep.Source{}, Content: "Iceland does not want to close its ports", Stance: "assert"}}},
		{ID: "evil", Outlet: `Evil <i>Outlet</i>`, Title: hostileTitle, Published: day("2026-07-03"), Language: "en",
			Text: hostileText, StoryID: 3, StorylineID: 2, Actors: []sitrep.Actor{nor},
			Events: []sitrep.Event{ev(nor, isl, "CONSULT", "040", 1, "2026-07-03", sitrep.ModeAsserted, 0, 60)},
			Quotes: []sitrep.Quote{{Text: `<b>talks</b> & <script>alert(1)</script> will go on`, Kind: sitrep.QuoteDirect, Parent: -1,
				Speaker: sitrep.Source{Text: "a source", Kind: sitrep.SourceAnonymous, Description: `a <u>source</u>`},
				Via:     []sitrep.Source{{Text: `<em>Radio</em>`, Kind: sitrep.SourceMedia}}, Hedge: sitrep.HedgeUnverified}}},
	}}
	stories := &mockStories{
		stories: []*sitrep.Story{
			{ID: 1, StorylineID: 1, Title: "Norway detains Icelandic trawler", Summary: "Norway detained a trawler.", KeyActors: []string{"NOR", "ISL"},
				FirstSeen: *day("2026-06-09"), LastSeen: *day("2026-06-09"), Sources: 2, Origins: 1, Outlets: []string{"Demo Wire", "Demo Herald"}},
			{ID: 2, StorylineID: 1, Title: "Iceland threatens port ban", KeyActors: []string{"ISL", "NOR"},
				FirstSeen: *day("2026-07-02"), LastSeen: *day("2026-07-02"), Sources: 1, Origins: 1, Outlets: []string{"Demo Courier"}},
			{ID: 3, StorylineID: 2, Title: hostileTitle, Summary: `<script>alert("summary")</script>`, KeyActors: []string{`<script>x</script>`},
				FirstSeen: *day("2026-07-03"), LastSeen: *day("2026-07-03"), Sources: 1, Origins: 1, Outlets: []string{`Evil <i>Outlet</i>`}},
		},
		lines: []*sitrep.Storyline{
			{ID: 1, Title: "Mackerel dispute", StoryIDs: []int64{1, 2}, KeyActors: []string{"NOR", "ISL"}, FirstSeen: *day("2026-06-09"), LastSeen: *day("2026-07-02"),
				Links: []sitrep.StoryLink{{StoryID: 2, Reason: "shared actors NOR, ISL", Score: 0.4}}},
			{ID: 2, Title: hostileTitle, StoryIDs: []int64{3}, KeyActors: []string{}, FirstSeen: *day("2026-07-03"), LastSeen: *day("2026-07-03")},
		},
	}
	tl := &mockTimeline{entries: []sitrep.TimelineEntry{
		{Date: "2026-06-09", StoryID: 1, Event: arts.list[0].Events[0], Articles: []string{"a1", "a1-copy"}},
		{Date: "2026-07-02", StoryID: 2, Event: arts.list[2].Events[0], Articles: []string{"a2"}},
	}}
	return arts, stories, tl
}

// newServer starts a server with mock services on a free loopback port.
func newServer(t *testing.T, configure func(s *sitrephttp.Server)) (*sitrephttp.Server, *mockProfiles, *mockAlerts) {
	t.Helper()
	arts, stories, tl := fixture()
	profiles, alerts := &mockProfiles{}, &mockAlerts{}
	s := sitrephttp.NewServer()
	s.Addr = "127.0.0.1:0"
	s.Articles, s.Search, s.Stories, s.Storylines, s.Timeline = arts, &mockSearch{arts}, stories, stories, tl
	s.Profiles, s.Alerts = profiles, alerts
	s.Metrics = sitrephttp.NewMetrics()
	s.AlertPoll = 50 * time.Millisecond
	if configure != nil {
		configure(s)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return s, profiles, alerts
}

func do(t *testing.T, method, url, token, body string) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// TestAPI checks every read endpoint against the OpenAPI document, with its status.
func TestAPI(t *testing.T) {
	s, _, _ := newServer(t, nil)
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/api/v1/articles", 200, `"total":4`},
		{"/api/v1/articles?outlet=Demo+Wire&limit=1", 200, `"id":"a1"`},
		{"/api/v1/articles?actor=ISL", 200, `"total":3`},
		{"/api/v1/articles/a2", 200, `"Eyja Brandsdottir"`},
		{"/api/v1/articles/nope", 404, `"code":"not_found"`},
		{"/api/v1/articles?limit=0", 400, `"code":"invalid"`},
		{"/api/v1/articles?since=yesterday", 400, `since`},
		{"/api/v1/stories", 200, `"total":3`},
		{"/api/v1/stories/1", 200, `"duplicate_of":"a1"`},
		{"/api/v1/stories/99", 404, `Story not found.`},
		{"/api/v1/stories/x", 400, `Invalid story id.`},
		{"/api/v1/storylines", 200, `"storylines"`},
		{"/api/v1/storylines/1", 200, `"escalation":[{"date":"2026-06-09"`},
		{"/api/v1/pairs/nor/ISL", 200, `"actors":["NOR","ISL"],"timeline":[{"date":"2026-06-09"`},
		{"/api/v1/pairs/ISL/DNK", 200, `"timeline":[],"escalation":[]`},
		{"/api/v1/pairs/IS/NOR", 400, `Actor codes`},
		{"/api/v1/pairs/NOR/%3Cb%3E", 400, `Actor codes`},
		{"/api/v1/actors", 200, `"id":"NOR"`},
		{"/api/v1/actors/p:eyja", 200, `"Fisheries Minister"`},
		{"/api/v1/actors/XXX", 404, `Actor not found.`},
		{"/api/v1/events?event_type=THREATEN", 200, `"total":1`},
		{"/api/v1/events?actor=NOR&limit=1&offset=1", 200, `"offset":1`},
		{"/api/v1/claims", 200, `"content":"Iceland does not want to close its ports"`},
		{"/api/v1/search?q=trawler", 200, `"snippet_html":"Norway detained an Icelandic \u003cmark\u003etrawler\u003c/mark\u003e`},
		{`/api/v1/search?q=%22unclosed`, 400, `unterminated phrase`},
		{"/api/v1/profiles", 200, `"profiles":[]`},
		{"/api/v1/alerts", 200, `"alerts":[]`},
		{"/api/v1/nothing", 404, `No such endpoint`},
	} {
		t.Run(tt.path, func(t *testing.T) {
			st, body, hdr := do(t, "GET", s.URL()+tt.path, "", "")
			if st != tt.status {
				t.Fatalf("status=%d, want %d: %s", st, tt.status, body)
			}
			if !strings.Contains(string(body), tt.want) {
				t.Errorf("body lacks %s: %.400s", tt.want, body)
			}
			if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			if tt.path == "/api/v1/nothing" {
				return
			}
			if err := sitrephttp.CheckResponse("GET", tt.path, st, body); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestAPI_NotAvailable checks that a server without services answers 503 with an error object.
func TestAPI_NotAvailable(t *testing.T) {
	s := sitrephttp.NewServer()
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	for _, p := range []string{"/api/v1/articles", "/api/v1/stories", "/api/v1/storylines/1", "/api/v1/pairs/ISR/IRN", "/api/v1/reported-claims", "/api/v1/reported-claims/1", "/api/v1/profiles", "/api/v1/alerts", "/api/v1/search?q=x", "/api/v1/events"} {
		st, body, _ := do(t, "GET", s.URL()+p, "", "")
		if st != http.StatusServiceUnavailable || !strings.Contains(string(body), `"code":"not_available"`) {
			t.Errorf("%s: %d %s", p, st, body)
		}
		if err := sitrephttp.CheckResponse("GET", p, st, body); err != nil {
			t.Error(err)
		}
	}
	// The UI degrades to a message rather than an error page.
	st, body, _ := do(t, "GET", s.URL()+"/", "", "")
	if st != 200 || !strings.Contains(string(body), "not available") {
		t.Errorf("home: %d %.300s", st, body)
	}
}

// TestProfiles_Writes checks the bearer token, the CRUD cycle and the error objects.
func TestProfiles_Writes(t *testing.T) {
	s, _, _ := newServer(t, func(s *sitrephttp.Server) { s.Token = "s3cret" })
	u := s.URL() + "/api/v1/profiles"
	body := `{"name":"Fish","actors":["NOR","ISL"]}`
	t.Run("ErrUnauthorized", func(t *testing.T) {
		for _, tok := range []string{"", "wrong"} {
			st, b, _ := do(t, "POST", u, tok, body)
			if st != 401 || !strings.Contains(string(b), `"code":"unauthorized"`) {
				t.Fatalf("token %q: %d %s", tok, st, b)
			}
			if err := sitrephttp.CheckResponse("POST", u, st, b); err != nil {
				t.Error(err)
			}
		}
	})
	t.Run("ErrCrossOrigin", func(t *testing.T) {
		req, _ := http.NewRequest("POST", u, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer s3cret")
		req.Header.Set("Origin", "http://evil.example")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Fatalf("status=%d, want 401", resp.StatusCode)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, b := range []string{`{"name":""}`, `{"name":"x"}`, `{"nam`, `{"name":"x","bogus":1}`} {
			st, out, _ := do(t, "POST", u, "s3cret", b)
			if st != 400 {
				t.Errorf("%s: %d %s", b, st, out)
			}
			if err := sitrephttp.CheckResponse("POST", u, st, out); err != nil {
				t.Error(err)
			}
		}
	})
	t.Run("OK", func(t *testing.T) {
		st, b, hdr := do(t, "POST", u, "s3cret", body)
		if st != 201 {
			t.Fatalf("create: %d %s", st, b)
		}
		if err := sitrephttp.CheckResponse("POST", u, st, b); err != nil {
			t.Error(err)
		}
		loc := hdr.Get("Location")
		if loc != "/api/v1/profiles/1" {
			t.Fatalf("location %q", loc)
		}
		st, b, _ = do(t, "PATCH", s.URL()+loc, "s3cret", `{"query":"mackerel"}`)
		if st != 200 || !strings.Contains(string(b), `"query":"mackerel"`) {
			t.Fatalf("update: %d %s", st, b)
		}
		if err := sitrephttp.CheckResponse("PATCH", loc, st, b); err != nil {
			t.Error(err)
		}
		st, b, _ = do(t, "GET", s.URL()+loc, "", "")
		if err := sitrephttp.CheckResponse("GET", loc, st, b); st != 200 || err != nil {
			t.Fatalf("get: %d %v", st, err)
		}
		if st, _, _ = do(t, "DELETE", s.URL()+loc, "s3cret", ""); st != 204 {
			t.Fatalf("delete: %d", st)
		}
		if st, _, _ = do(t, "DELETE", s.URL()+loc, "s3cret", ""); st != 404 {
			t.Fatalf("second delete: %d", st)
		}
	})
	t.Run("ReadOnly", func(t *testing.T) {
		ro, _, _ := newServer(t, func(s *sitrephttp.Server) { s.ReadOnly = true })
		if st, _, _ := do(t, "POST", ro.URL()+"/api/v1/profiles", "", body); st != 401 {
			t.Fatalf("status=%d, want 401", st)
		}
	})
}

// TestAlertStream checks that an alert stored after a client connects reaches it as an SSE event.
func TestAlertStream(t *testing.T) {
	s, _, alerts := newServer(t, nil)
	alerts.add(&sitrep.Alert{ProfileID: 1, Kind: sitrep.AlertNewStory, Key: "old", Message: "old alert"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/alerts/stream?profile=1", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	go func() {
		time.Sleep(150 * time.Millisecond)
		alerts.add(&sitrep.Alert{ProfileID: 2, Kind: sitrep.AlertNewStory, Key: "other", Message: "other profile"})
		alerts.add(&sitrep.Alert{ProfileID: 1, Kind: sitrep.AlertEscalation, Key: "k", Message: "escalation in storyline 1", StorylineID: 1})
	}()
	sc := bufio.NewScanner(resp.Body)
	var event, data string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
		if data != "" {
			break
		}
	}
	if event != "alert" {
		t.Fatalf("event %q (scan error %v)", event, sc.Err())
	}
	var a sitrep.Alert
	if err := json.Unmarshal([]byte(data), &a); err != nil {
		t.Fatal(err)
	}
	if a.Message != "escalation in storyline 1" || a.ProfileID != 1 {
		t.Fatalf("got alert %+v; the old alert and other profiles' alerts must not be sent", a)
	}
}

// TestClose_FinishesWrites checks that a graceful shutdown waits for an in-flight write.
func TestClose_FinishesWrites(t *testing.T) {
	s, profiles, _ := newServer(t, nil)
	profiles.block = make(chan struct{})
	got := make(chan int, 1)
	go func() {
		st, _, _ := do(t, "POST", s.URL()+"/api/v1/profiles", "", `{"name":"late","query":"x"}`)
		got <- st
	}()
	time.Sleep(100 * time.Millisecond) // the write is now blocked in CreateProfile
	closed := make(chan error, 1)
	go func() { closed <- s.Close(context.Background()) }()
	select {
	case <-closed:
		t.Fatal("Close returned while a write was in flight")
	case <-time.After(200 * time.Millisecond):
	}
	close(profiles.block)
	if st := <-got; st != 201 {
		t.Fatalf("in-flight write status=%d, want 201", st)
	}
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if n := len(profiles.list); n != 1 {
		t.Fatalf("profiles=%d, want 1", n)
	}
}

func TestOpsEndpoints(t *testing.T) {
	s, _, _ := newServer(t, nil)
	do(t, "GET", s.URL()+"/api/v1/stories", "", "")
	s.Metrics.ObserveStage("actor", 3*time.Millisecond)
	s.Metrics.AddIngested("new", 5)
	s.Metrics.SetQueueDepth(7)
	st, b, _ := do(t, "GET", s.URL()+"/metrics", "", "")
	for _, want := range []string{`sitrep_ingest_articles_total{result="new"} 5`, `sitrep_stage_seconds_count{stage="actor"} 1`,
		`sitrep_ingest_queue_depth 7`, `sitrep_http_requests_total{code="200",route="GET /api/v1/stories"} 1`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if st != 200 {
		t.Fatal(st)
	}
	st, b, _ = do(t, "GET", s.URL()+"/healthz", "", "")
	if st != 200 || !strings.Contains(string(b), `"status":"ok"`) {
		t.Fatalf("healthz: %d %s", st, b)
	}
	// The OpenAPI document is served and parses.
	_, b, _ = do(t, "GET", s.URL()+"/api/v1/openapi.json", "", "")
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil || doc["openapi"] != "3.0.3" {
		t.Fatalf("openapi: %v %v", err, doc["openapi"])
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true,
		":8080": false, "0.0.0.0:80": false, "192.168.1.2:80": false, "example.com:80": false, "bad": false} {
		if got := sitrephttp.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q)=%v, want %v", addr, got, want)
		}
	}
}

func ExampleSnippetHTML() {
	fmt.Println(sitrephttp.SnippetHTML("a <b> " + sitrep.SnippetOpen + "trawler" + sitrep.SnippetClose + " & more"))
	// Output: a &lt;b&gt; <mark>trawler</mark> &amp; more
}

// seededClaims records a claim and a later denial of it from another outlet through the claim
// matcher, plus a claim whose content and speaker are hostile markup.
func seededClaims(t *testing.T) *claim.MemStore {
	t.Helper()
	ctx := context.Background()
	mem := claim.NewMemStore()
	m := claim.New(mem, claim.DefaultOptions())
	day := func(d int) *time.Time { t := time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC); return &t }
	said := "a Norwegian patrol boat rammed the trawler Sudurey off Svalbard"
	a1 := &sitrep.Article{ID: "r1", Outlet: "Demo Wire", Published: day(2), StorylineID: 4,
		Text: "Iceland's coast guard said " + said + "."}
	a1.Quotes = []sitrep.Quote{{Text: said, Start: 27, End: 27 + len(said), Cue: "said", Parent: -1}}
	a1.Claims = []sitrep.Claim{{ID: "r1c", Speaker: sitrep.Source{Text: "Iceland's coast guard", Kind: sitrep.SourceNamed}, Content: said, Stance: "assert"}}
	a2 := &sitrep.Article{ID: "r2", Outlet: "Demo Herald", Published: day(3), StorylineID: 4,
		Text: "Norway's defence ministry denied that " + said + "."}
	a2.Quotes = []sitrep.Quote{{Text: said, Start: 38, End: 38 + len(said), Cue: "denied", Parent: -1}}
	a2.Claims = []sitrep.Claim{{ID: "r2c", Speaker: sitrep.Source{Text: "Norway's defence ministry", Kind: sitrep.SourceNamed}, Content: said, Stance: "deny"}}
	evil := `<script>alert("claim")</script> the harbour was closed`
	a3 := &sitrep.Article{ID: "r3", Outlet: `<b>Evil</b> Outlet`, Published: day(4), Text: "Someone said " + evil + "."}
	a3.Quotes = []sitrep.Quote{{Text: evil, Start: 13, End: 13 + len(evil), Cue: "said", Parent: -1}}
	a3.Claims = []sitrep.Claim{{ID: "r3c", Speaker: sitrep.Source{Text: `<img src=x onerror=alert(1)>`, Kind: sitrep.SourceNamed}, Content: evil, Stance: "assert"}}
	for _, a := range []*sitrep.Article{a1, a2, a3} {
		if _, err := m.Record(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return mem
}

// TestAPI_ReportedClaims reads back the seeded claims: the list with its filters, one claim
// with both reports and the evidence of the status change, and the errors.
func TestAPI_ReportedClaims(t *testing.T) {
	mem := seededClaims(t)
	s, _, _ := newServer(t, func(s *sitrephttp.Server) { s.ReportedClaims = mem })
	defer s.Close(context.Background())
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/api/v1/reported-claims", 200, `"status":"denied"`},
		{"/api/v1/reported-claims?status=DENIED&min_reports=2&storyline=4", 200, `"total":1`},
		{"/api/v1/reported-claims?status=confirmed", 200, `"claims":[]`},
		{"/api/v1/reported-claims?status=maybe", 400, `Parameter status`},
		{"/api/v1/reported-claims?storyline=x", 400, `positive integer`},
		{"/api/v1/reported-claims/1", 200, `"reason":"denied by Norway's defence ministry`},
		{"/api/v1/reported-claims/9", 404, `Claim not found.`},
		{"/api/v1/reported-claims/x", 400, `Invalid claim id.`},
	} {
		t.Run(tt.path, func(t *testing.T) {
			st, body, _ := do(t, "GET", s.URL()+tt.path, "", "")
			if st != tt.status || !strings.Contains(string(body), tt.want) {
				t.Fatalf("status=%d, want %d, body lacks %s: %.600s", st, tt.status, tt.want, body)
			}
			if err := sitrephttp.CheckResponse("GET", tt.path, st, body); err != nil {
				t.Error(err)
			}
		})
	}
	// The one claim carries both reports, oldest first, the second with the status it set.
	_, body, _ := do(t, "GET", s.URL()+"/api/v1/reported-claims/1", "", "")
	var c sitrep.ReportedClaim
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	if c.ReportCount != 2 || len(c.Reports) != 2 || c.Reports[0].ArticleID != "r1" || c.Reports[1].Effect != sitrep.ClaimDenied ||
		!strings.Contains(c.Reports[1].Sentence, "denied") || len(c.Outlets) != 2 {
		t.Fatalf("claim %+v", c)
	}
}
