package http_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	sitrephttp "github.com/sitrep/sitrep/http"
)

// TestUI checks that each page renders what a reader needs.
func TestUI(t *testing.T) {
	s, _, _ := newServer(t, func(s *sitrephttp.Server) { s.Demo = true })
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"Demo data.", "Norway detains Icelandic trawler", "2 articles", "1 independent origin", "Mackerel dispute"}},
		{"/stories/1", 200, []string{"Timeline of coded events", "COERCE", "copy of Demo Wire (97%)", "original"}},
		{"/stories/2", 200, []string{"We do not want to,", "Eyja Brandsdottir", "Iceland does not want to close its ports", "threatened"}},
		{"/storylines/1", 200, []string{"<svg", "Escalation index", "Iceland threatens port ban", "shared actors NOR, ISL", `href="/pairs/NOR/ISL"`, `href="/claims?storyline=1"`}},
		{"/pairs/nor/ISL", 200, []string{"NOR and ISL", "<svg", "2 events between them", "COERCE"}},
		{"/pairs/NOR/DNK", 200, []string{"No dated events between these actors."}},
		{"/pairs/N/ISL", 400, []string{"Actor codes are 3 to 15"}},
		{"/claims", 503, []string{"not available"}},
		{"/actors", 200, []string{"Norway", "Eyja Brandsdottir"}},
		{"/actors/NOR", 200, []string{"Events with:", `href="/pairs/NOR/ISL"`}},
		{"/actors/p:eyja", 200, []string{"Fisheries Minister", "Events as source", "We do not want to,"}},
		{"/articles/a1", 200, []string{"Iceland protested and demanded the release of the crew."}},
		{"/search?q=trawler", 200, []string{"<mark>trawler</mark>", "2 matching articles"}},
		{"/search?q=%22bad", 400, []string{"unterminated phrase"}},
		{"/profiles", 200, []string{"New profile", "No tracking profiles yet."}},
		{"/stories/42", 404, []string{"Story not found."}},
		{"/no/such/page", 404, []string{"Page not found."}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			st, b, hdr := do(t, "GET", s.URL()+tt.path, "", "")
			if st != tt.status {
				t.Fatalf("status=%d, want %d", st, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if !strings.Contains(hdr.Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("no CSP header")
			}
		})
	}
}

// TestUI_XSS renders every page that shows the hostile article, story and storyline and checks
// that no markup from them reaches the page unescaped.
func TestUI_XSS(t *testing.T) {
	s, _, _ := newServer(t, nil)
	for _, p := range []string{"/", "/stories/3", "/storylines/2", "/articles/evil", "/actors/NOR", "/search?q=officials",
		"/search?q=" + url.QueryEscape(`<script>alert(9)</script>`), "/api/v1/search?q=officials", "/api/v1/articles/evil"} {
		st, b, _ := do(t, "GET", s.URL()+p, "", "")
		if st != 200 {
			t.Errorf("%s: status %d", p, st)
		}
		page := string(b)
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>talks</b>", "<i>Outlet</i>", "<u>source</u>", "<em>Radio</em>", "<script>x</script>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: unescaped %q", p, bad)
			}
		}
	}
	_, b, _ := do(t, "GET", s.URL()+"/articles/evil", "", "")
	if !strings.Contains(string(b), "&lt;img src=x onerror=alert(&#34;text&#34;)&gt;") {
		t.Errorf("article text not shown escaped")
	}
}

// TestUI_Profiles creates and deletes a profile through the HTML forms.
func TestUI_Profiles(t *testing.T) {
	s, profiles, _ := newServer(t, func(s *sitrephttp.Server) { s.Token = "tok" })
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		resp, err := client.PostForm(s.URL()+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("/profiles", url.Values{"name": {"Fish"}, "actors": {"NOR, ISL"}}); resp.StatusCode != 401 {
		t.Fatalf("without token: %d", resp.StatusCode)
	}
	if resp := post("/profiles", url.Values{"name": {"Fish"}, "token": {"tok"}}); resp.StatusCode != 400 {
		t.Fatalf("invalid profile: %d", resp.StatusCode)
	}
	resp := post("/profiles", url.Values{"name": {"Fish"}, "actors": {"NOR, ISL"}, "token": {"tok"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/profiles/1" {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := profiles.list[1].Actors; len(got) != 2 || got[1] != "ISL" {
		t.Fatalf("actors %v", got)
	}
	if resp := post("/profiles/1/delete", url.Values{"token": {"tok"}}); resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if len(profiles.list) != 0 {
		t.Fatal("profile not deleted")
	}
}

func TestEscalationSVG(t *testing.T) {
	for _, tt := range []struct {
		name   string
		points []sitrep.EscalationPoint
		want   []string
	}{
		{"Empty", nil, []string{"No dated events yet."}},
		{"One", []sitrep.EscalationPoint{{Date: "2026-06-09", Mean: -9.2, Min: -9.2, Count: 3}}, []string{"2026-06-09: 3 events", "<path"}},
		{"Months", []sitrep.EscalationPoint{{Date: "2026-05-04", Mean: -2, Min: -5, Count: 2}, {Date: "2026-07-15", Mean: -8, Min: -10, Count: 1},
			{Date: "2026-10-22", Mean: 8, Min: 3, Count: 4}}, []string{"Jun 2026", "Oct 2026", "mean -8.00 over 1 events", ">4<"}},
		{"BadDate", []sitrep.EscalationPoint{{Date: `<script>`, Mean: 1, Count: 1}}, []string{"No dated events yet."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svg := sitrephttp.EscalationSVG(tt.points, 760, 260)
			if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
				t.Fatalf("not an svg: %.80s", svg)
			}
			for _, w := range tt.want {
				if !strings.Contains(svg, w) {
					t.Errorf("svg lacks %q", w)
				}
			}
			if strings.Contains(svg, "<script") || strings.Contains(svg, "NaN") {
				t.Errorf("bad svg: %s", svg)
			}
		})
	}
}

func TestSnippetHTML(t *testing.T) {
	o, c := sitrep.SnippetOpen, sitrep.SnippetClose
	for in, want := range map[string]string{
		"plain":                           "plain",
		o + "a" + c + " b " + o + "c" + c: "<mark>a</mark> b <mark>c</mark>",
		"<script>" + o + "x" + c:          "&lt;script&gt;<mark>x</mark>",
		o + "unclosed":                    "<mark>unclosed</mark>",
		c + "stray" + o + o + "x" + c + c: "stray<mark>x</mark>",
		`"quoted" & 'single'`:             "&#34;quoted&#34; &amp; &#39;single&#39;",
	} {
		if got := sitrephttp.SnippetHTML(in); got != want {
			t.Errorf("SnippetHTML(%q)=%q, want %q", in, got, want)
		}
	}
}

// FuzzSnippetHTML checks that any snippet yields balanced <mark> tags and no other markup.
func FuzzSnippetHTML(f *testing.F) {
	f.Add("a " + sitrep.SnippetOpen + "b" + sitrep.SnippetClose)
	f.Add("<script>alert(1)</script>" + sitrep.SnippetOpen)
	f.Fuzz(func(t *testing.T, s string) {
		out := sitrephttp.SnippetHTML(s)
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("markup leaked: %q", out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced: %q", out)
		}
	})
}

// FuzzHandlers sends arbitrary query strings to the listing, search and page handlers: none may
// panic or fail with a server error, and every JSON response must be valid JSON.
func FuzzHandlers(f *testing.F) {
	for _, q := range []string{"q=trawler&limit=5", "since=2026-13-45", "limit=-1&offset=x", "q=%22", "story=99999999999999999999",
		"actor=%00&event_type=%FF", "q=" + strings.Repeat("a", 2000)} {
		f.Add("/api/v1/search", q)
		f.Add("/api/v1/events", q)
		f.Add("/search", q)
	}
	arts, stories, tl := fixture()
	s := sitrephttp.NewServer()
	s.Articles, s.Search, s.Stories, s.Storylines, s.Timeline = arts, &mockSearch{arts}, stories, stories, tl
	s.Profiles, s.Alerts = &mockProfiles{}, &mockAlerts{}
	h := s.Handler()
	paths := []string{"/api/v1/search", "/api/v1/events", "/api/v1/articles", "/api/v1/actors", "/api/v1/claims", "/api/v1/stories", "/search", "/actors", "/"}
	f.Fuzz(func(t *testing.T, path, query string) {
		p := paths[len(path)%len(paths)]
		req, err := http.NewRequest("GET", "http://127.0.0.1"+p+"?"+query, nil)
		if err != nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s?%s: status %d: %s", p, query, rec.Code, rec.Body.String())
		}
		if strings.HasPrefix(p, "/api/") && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s?%s: invalid JSON", p, query)
		}
	})
}

// TestUI_Claims renders the claims list, its status filter and one claim with its evidence, and
// checks that hostile claim text stays escaped.
func TestUI_Claims(t *testing.T) {
	s, _, _ := newServer(t, func(s *sitrephttp.Server) { s.ReportedClaims = seededClaims(t) })
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/claims", 200, []string{"Claims across articles", "2 claims", "status-denied", "a Norwegian patrol boat rammed the trawler Sudurey"}},
		{"/claims?status=denied&min_reports=2", 200, []string{"1 claim.", "Iceland&#39;s coast guard"}},
		{"/claims?storyline=4", 200, []string{"1 claim.", "a Norwegian patrol boat rammed"}},
		{"/claims?status=maybe", 400, []string{"Parameter status must be one of"}},
		{"/claims/1", 200, []string{"denied", "2 reports from 2 outlets", "→ denied", "denied by Norway&#39;s defence ministry", "Demo Herald"}},
		{"/claims/9", 404, []string{"Claim not found."}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			st, b, _ := do(t, "GET", s.URL()+tt.path, "", "")
			if st != tt.status {
				t.Fatalf("status=%d, want %d: %.300s", st, tt.status, b)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	for _, p := range []string{"/claims", "/claims/2"} {
		st, b, _ := do(t, "GET", s.URL()+p, "", "")
		if st != 200 || !strings.Contains(string(b), "the harbour was closed") {
			t.Fatalf("%s: status %d, hostile claim not shown", p, st)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>Evil</b>"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s: unescaped %q", p, bad)
			}
		}
	}
}
