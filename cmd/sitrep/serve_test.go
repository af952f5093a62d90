package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	sitrephttp "github.com/sitrep/sitrep/http"
	"github.com/sitrep/sitrep/sqlite"
)

// startServe runs "sitrep serve" in process on a free loopback port and returns its base URL.
// The server stops when the test ends.
func startServe(t testing.TB, db string, cfg serveConfig) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	url, done := startServeCtx(ctx, t, db, cfg)
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return url
}

func startServeCtx(ctx context.Context, t testing.TB, db string, cfg serveConfig) (string, chan error) {
	t.Helper()
	ready := make(chan string, 1)
	cfg.ready = func(u string) { ready <- u }
	if cfg.addr == "" {
		cfg.addr = "127.0.0.1:0"
	}
	if cfg.alertPoll == 0 {
		cfg.alertPoll = 100 * time.Millisecond
	}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, DBPath: db, LogLevel: "error"}
	done := make(chan error, 1)
	go func() { done <- m.serve(ctx, cfg) }()
	select {
	case u := <-ready:
		return u, done
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	case <-time.After(5 * time.Minute):
		t.Fatal("serve did not start")
	}
	return "", nil
}

var demoOnce struct {
	sync.Once
	url string
}

// demoServer returns the URL of a server that loaded the demo corpus into a fresh database; it
// is shared by the tests of this package and runs until the test binary exits.
func demoServer(t testing.TB) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sitrep-serve-demo")
		if err != nil {
			t.Fatal(err)
		}
		demoOnce.url, _ = startServeCtx(context.Background(), t, filepath.Join(dir, "demo.db"), serveConfig{demo: true})
	})
	if demoOnce.url == "" {
		t.Fatal("demo server failed to start")
	}
	return demoOnce.url
}

// get fetches a URL, checks its status and, for API paths, validates the body against the
// OpenAPI document.
func get(t *testing.T, u string, status int) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %.300s", u, resp.StatusCode, status, b)
	}
	if strings.Contains(u, "/api/v1/") && !strings.HasSuffix(u, "openapi.json") && !strings.Contains(u, "/stream") {
		if err := sitrephttp.CheckResponse("GET", u, resp.StatusCode, b); err != nil {
			t.Errorf("OpenAPI: %v", err)
		}
	}
	return b
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestServe_Demo loads the demo corpus through the real pipeline and store and checks, through the
// API, that a newcomer sees stories with copies, a storyline with an escalation series, events of
// several kinds, attributed quotes, search, and the demo profiles; every response is validated
// against the OpenAPI document.
func TestServe_Demo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo corpus")
	}
	base := demoServer(t)
	api := base + "/api/v1"

	stories := decode[struct {
		Stories []struct {
			ID          int64  `json:"id"`
			StorylineID int64  `json:"storyline_id"`
			Title       string `json:"title"`
			Sources     int    `json:"sources"`
			Origins     int    `json:"origins"`
		} `json:"stories"`
		Total int `json:"total"`
	}](t, get(t, api+"/stories?limit=100", 200))
	if stories.Total < 8 {
		t.Fatalf("stories=%d, want at least 8 (thread and noise)", stories.Total)
	}
	withCopies := int64(0)
	for _, s := range stories.Stories {
		if s.Sources > s.Origins && withCopies == 0 {
			withCopies = s.ID
		}
	}
	if withCopies == 0 {
		t.Fatal("no story has wire copies (sources > origins)")
	}
	sv := decode[struct {
		Articles []struct {
			ID          string `json:"id"`
			DuplicateOf string `json:"duplicate_of"`
		} `json:"articles"`
	}](t, get(t, api+"/stories/"+itoa(withCopies), 200))
	copies := 0
	for _, a := range sv.Articles {
		if a.DuplicateOf != "" {
			copies++
		}
	}
	if copies == 0 {
		t.Error("story with copies lists no article with duplicate_of")
	}

	lines := decode[struct {
		Storylines []struct {
			ID       int64   `json:"id"`
			StoryIDs []int64 `json:"story_ids"`
		} `json:"storylines"`
	}](t, get(t, api+"/storylines", 200))
	var longest int64
	n := 0
	for _, l := range lines.Storylines {
		if len(l.StoryIDs) > n {
			longest, n = l.ID, len(l.StoryIDs)
		}
	}
	if n < 3 {
		t.Fatalf("longest storyline has %d stories, want at least 3", n)
	}
	lv := decode[struct {
		Escalation []struct {
			Date  string  `json:"date"`
			Mean  float64 `json:"mean"`
			Count int     `json:"count"`
		} `json:"escalation"`
		Timeline []json.RawMessage `json:"timeline"`
	}](t, get(t, api+"/storylines/"+itoa(longest), 200))
	if len(lv.Escalation) < 5 || len(lv.Timeline) < 5 {
		t.Fatalf("storyline %d: %d escalation points, %d timeline entries; want at least 5 each", longest, len(lv.Escalation), len(lv.Timeline))
	}
	first, last := lv.Escalation[0].Date, lv.Escalation[len(lv.Escalation)-1].Date
	if first >= "2026-06" || last < "2026-09" {
		t.Errorf("escalation series spans %s..%s, want May to autumn 2026", first, last)
	}

	events := decode[struct {
		Events []struct {
			PLOVER string `json:"plover"`
			Mode   string `json:"mode"`
		} `json:"events"`
		Total int `json:"total"`
	}](t, get(t, api+"/events?limit=200&actor=NOR", 200))
	kinds, modes := map[string]bool{}, map[string]bool{}
	for _, e := range events.Events {
		kinds[e.PLOVER], modes[e.Mode] = true, true
	}
	for _, k := range []string{"CONSULT", "THREATEN"} {
		if !kinds[k] {
			t.Errorf("no %s event involving NOR; kinds %v", k, kinds)
		}
	}
	if !modes["negated"] || !modes["threatened"] {
		t.Errorf("modes %v, want negated and threatened among them", modes)
	}
	get(t, api+"/events?event_type=THREATEN&since=2026-07-01&until=2026-07-03", 200)

	claims := decode[struct {
		Claims []struct {
			Speaker struct {
				Kind string `json:"kind"`
			} `json:"speaker"`
		} `json:"claims"`
	}](t, get(t, api+"/claims?limit=200", 200))
	speakers := map[string]bool{}
	for _, c := range claims.Claims {
		speakers[c.Speaker.Kind] = true
	}
	if !speakers["named"] || !speakers["anonymous"] {
		t.Errorf("claim speaker kinds %v, want named and anonymous", speakers)
	}
	// Claims across articles: the wire copies carry the same statements, so some claims have
	// reports from several outlets.
	reported := decode[struct {
		Claims []struct {
			ID          int64    `json:"id"`
			ReportCount int      `json:"report_count"`
			Outlets     []string `json:"outlets"`
		} `json:"claims"`
		Total int `json:"total"`
	}](t, get(t, api+"/reported-claims?min_reports=2&limit=5", 200))
	if reported.Total == 0 || len(reported.Claims) == 0 || reported.Claims[0].ReportCount < 2 || len(reported.Claims[0].Outlets) < 2 {
		t.Errorf("reported claims with 2+ reports: %+v", reported)
	} else {
		get(t, api+"/reported-claims/"+strconv.FormatInt(reported.Claims[0].ID, 10), 200)
	}
	if pair := decode[struct {
		Timeline []any `json:"timeline"`
	}](t, get(t, api+"/pairs/NOR/ISL", 200)); len(pair.Timeline) == 0 {
		t.Error("no events between NOR and ISL")
	}

	for _, tt := range []struct {
		q    string
		min  int
		code int
	}{
		{`"coast guard"`, 3, 200},
		{`mack*`, 10, 200},
		{`trawler AND Hafdis`, 2, 200},
		{`"unclosed`, 0, 400},
		{`(mackerel`, 0, 400},
	} {
		b := get(t, api+"/search?q="+url.QueryEscape(tt.q), tt.code)
		if tt.code != 200 {
			continue
		}
		res := decode[struct {
			Total   int `json:"total"`
			Results []struct {
				SnippetHTML string `json:"snippet_html"`
			} `json:"results"`
		}](t, b)
		if res.Total < tt.min || !strings.Contains(res.Results[0].SnippetHTML, "<mark>") {
			t.Errorf("search %s: total %d (want >= %d), first snippet %q", tt.q, res.Total, tt.min, res.Results[0].SnippetHTML)
		}
	}
	get(t, api+"/search?q=mackerel&outlet=Demo+Herald&since=2026-06-01&language=en", 200)

	actors := decode[struct {
		Actors []struct {
			ID string `json:"id"`
		} `json:"actors"`
	}](t, get(t, api+"/actors?limit=5", 200))
	if len(actors.Actors) == 0 {
		t.Fatal("no actors")
	}
	get(t, api+"/actors/"+url.PathEscape(actors.Actors[0].ID), 200)
	arts := decode[struct {
		Articles []struct {
			ID string `json:"id"`
		} `json:"articles"`
		Total int `json:"total"`
	}](t, get(t, api+"/articles?limit=5&offset=5", 200))
	if arts.Total < 40 || len(arts.Articles) != 5 {
		t.Fatalf("articles total %d page %d", arts.Total, len(arts.Articles))
	}
	get(t, api+"/articles/"+arts.Articles[0].ID, 200)
	profiles := decode[struct {
		Total int `json:"total"`
	}](t, get(t, api+"/profiles", 200))
	if profiles.Total != 2 {
		t.Errorf("demo profiles=%d, want 2", profiles.Total)
	}
	alerts := decode[struct {
		Alerts []struct {
			Kind string `json:"kind"`
		} `json:"alerts"`
		Total int `json:"total"`
	}](t, get(t, api+"/alerts?limit=200", 200))
	alertKinds := map[string]bool{}
	for _, a := range alerts.Alerts {
		alertKinds[a.Kind] = true
	}
	for _, k := range []string{"new_story", "escalation", "new_event_type"} {
		if !alertKinds[k] {
			t.Errorf("no %s alert among %d demo alerts (kinds %v)", k, alerts.Total, alertKinds)
		}
	}
	get(t, api+"/alerts?profile=1&kind=new_story", 200)

	// The pages a person opens first render with the demo banner.
	for _, p := range []string{"/", "/stories/" + itoa(withCopies), "/storylines/" + itoa(longest), "/search?q=mackerel", "/actors", "/profiles"} {
		if b := get(t, base+p, 200); !bytes.Contains(b, []byte("Demo data.")) {
			t.Errorf("%s: no demo banner", p)
		}
	}
	if b := get(t, base+"/metrics", 200); !bytes.Contains(b, []byte(`sitrep_stage_seconds_count{stage="actor"}`)) {
		t.Error("metrics lack stage latencies of the demo ingest")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestServe_RefusesOpenWrites checks that a writable server will not listen on a non-loopback
// address without a token.
func TestServe_RefusesOpenWrites(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, DBPath: db}
	err := m.serve(context.Background(), serveConfig{addr: "0.0.0.0:0"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 2 || !strings.Contains(err.Error(), "without a token") {
		t.Fatalf("err=%v, want a refusal", err)
	}
	// With a token, or read-only, it starts.
	ctx, cancel := context.WithCancel(context.Background())
	u, done := startServeCtx(ctx, t, db, serveConfig{addr: "0.0.0.0:0", readOnly: true})
	get(t, u+"/healthz", 200)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestServe_HostileArticle ingests an article full of markup through the real pipeline and store
// and checks that no page or API response lets it run.
func TestServe_HostileArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline")
	}
	db := filepath.Join(t.TempDir(), "h.db")
	rec, _ := json.Marshal(map[string]string{
		"id": "hostile-1", "outlet": `Bad<script>alert("outlet")</script>`, "published": "2026-05-02",
		"title": `Ministers meet <script>alert("title")</script> in Oslo`,
		"text": `OSLO — Norway and Iceland held talks in Oslo on Monday <img src=x onerror=alert("img")>. ` +
			`"We will meet again <script>alert('quote')</script>," said Ingrid Moen, a spokesperson. ` +
			`Officials said the <iframe src="javascript:alert(1)"></iframe> talks on fishing quotas would continue next week in Reykjavik.`,
	})
	if _, stderr, err := run(t, db, string(rec)+"\n", "ingest", "-"); err != nil {
		t.Fatalf("ingest: %v %s", err, stderr)
	}
	base := startServe(t, db, serveConfig{})
	for _, p := range []string{"/", "/articles/hostile-1", "/stories/1", "/search?q=talks", "/search?q=" + url.QueryEscape(`<script>`), "/actors",
		"/api/v1/articles/hostile-1", "/api/v1/search?q=talks", "/api/v1/stories/1"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, bad := range []string{"<script>alert", "<img src=x", "<iframe"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s: hostile markup %q reached the response", p, bad)
			}
		}
	}
	if b := get(t, base+"/articles/hostile-1", 200); !bytes.Contains(b, []byte("&lt;img src=x")) {
		t.Errorf("article page does not show the markup as text")
	}
}

// BenchmarkServeDemoLoad measures what "serve --demo" does before listening: the demo corpus
// through the pipeline into a fresh database, then clustering, copy detection and tracking. It
// reports articles/s.
func BenchmarkServeDemoLoad(b *testing.B) {
	ctx := context.Background()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, LogLevel: "error"}
	n := 0
	for i := 0; i < b.N; i++ {
		m.DBPath = filepath.Join(b.TempDir(), "d.db")
		st, err := m.openStore(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.openClustering(ctx, nil); err != nil {
			b.Fatal(err)
		}
		res, err := m.loadDemo(ctx, st, sqlite.NewProfileService(st.db), sitrephttp.NewMetrics())
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		n += res.New
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
