package clean_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

// updateHTML rewrites the golden files of testdata/html. (Named apart from other -update flags
// of this package's tests.)
var updateHTML = flag.Bool("update-html", false, "rewrite testdata/html/*/want.json")

// htmlGolden is what a golden file records about one extracted page.
type htmlGolden struct {
	Title     string   `json:"title"`
	Author    string   `json:"author"`
	Outlet    string   `json:"outlet"`
	URL       string   `json:"url"`
	Published string   `json:"published"`
	Language  string   `json:"language"`
	Text      string   `json:"text"`
	Flags     []string `json:"flags,omitempty"`
}

// TestCleanHTMLGolden extracts each testdata/html/<case>/page.html and compares the result with
// want.json (rewrite with -update-html).
func TestCleanHTMLGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "html", "*", "page.html"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, page := range dirs {
		dir := filepath.Dir(page)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			res, err := clean.ExtractHTML(context.Background(), string(raw), clean.HTMLOptions{Fallback: true})
			if err != nil {
				t.Fatalf("ExtractHTML: %v", err)
			}
			got := htmlGolden{Title: res.Title, Author: res.Author, Outlet: res.Sitename, URL: res.URL,
				Language: clean.DetectLanguage(res.Text), Text: res.Text}
			if !res.Published.IsZero() {
				got.Published = res.Published.UTC().Format(time.RFC3339)
			}
			for _, f := range res.Flags {
				got.Flags = append(got.Flags, f.Kind)
			}
			wantPath := filepath.Join(dir, "want.json")
			if *updateHTML {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(wantPath, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("read golden (run with -update-html to create): %v", err)
			}
			var want htmlGolden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if got.Text != want.Text {
				t.Errorf("text differs from %s:\n got: %q\nwant: %q", wantPath, got.Text, want.Text)
			}
			got.Text, want.Text = "", ""
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(want)
			if string(gb) != string(wb) {
				t.Errorf("metadata:\n got: %s\nwant: %s", gb, wb)
			}
		})
	}
}

// TestCleanHTMLArticle checks, independently of the golden file, what matters on a typical news
// page: the body paragraphs are kept and separated by blank lines, page chrome and scripts are
// gone, metadata is read, and the removals are listed with reasons and bounded.
func TestCleanHTMLArticle(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "html", "article", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	a := &sitrep.Article{Raw: string(raw), RawFormat: "html"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	for _, want := range []string{
		"The city council of Port Averly voted on Thursday evening",
		"more than 600 homes were flooded in January.",
		"said deputy mayor Ilse Brandt",
		"along the fish market quay",
		"will run for six weeks.",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, bad := range []string{"INJECTED", "document.", "analytics", "cookies", "Subscribe today", "Privacy policy", "font-family", "Share on Facebook", "tracking"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text contains %q:\n%s", bad, a.Text)
		}
	}
	if got, want := strings.Count(a.Text, "\n\n"), 4; got != want {
		t.Errorf("paragraph breaks=%d, want %d:\n%s", got, want, a.Text)
	}
	if strings.HasPrefix(a.Text, "Harbour city") {
		t.Errorf("text starts with the headline:\n%s", a.Text)
	}
	if got, want := a.Title, "Harbour city votes to rebuild flood walls"; got != want {
		t.Errorf("title=%q, want %q", got, want)
	}
	if got, want := a.Author, "Mara Okonkwo"; got != want {
		t.Errorf("author=%q, want %q", got, want)
	}
	if got, want := a.Outlet, "The Coastal Ledger"; got != want {
		t.Errorf("outlet=%q, want %q", got, want)
	}
	if got, want := a.URL, "https://ledger.example.org/news/2025/03/harbour-flood-walls"; got != want {
		t.Errorf("url=%q, want %q", got, want)
	}
	if a.Published == nil || a.Published.Format("2006-01-02") != "2025-03-14" {
		t.Errorf("published=%v, want 2025-03-14", a.Published)
	}
	if got, want := a.Language, "en"; got != want {
		t.Errorf("language=%q, want %q", got, want)
	}
	reasons := map[string]int{}
	for _, r := range a.Removed {
		reasons[r.Reason]++
		if len(r.Text) > 210 {
			t.Errorf("removed entry too long (%d bytes): %q", len(r.Text), r.Text)
		}
	}
	if reasons[clean.ReasonHTMLBoilerplate] == 0 || reasons[clean.ReasonHTMLMarkup] == 0 {
		t.Errorf("removed reasons=%v, want boilerplate and markup entries", reasons)
	}
	found := false
	for _, r := range a.Removed {
		if strings.Contains(r.Text, "Related stories") || strings.Contains(r.Text, "Privacy policy") {
			found = true
		}
	}
	if !found {
		t.Errorf("removed does not list the related links or footer: %+v", a.Removed)
	}
}

// TestCleanHTMLKeepsRecordMetadata checks that metadata given with the record wins over the page's.
func TestCleanHTMLKeepsRecordMetadata(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "html", "article", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)
	a := &sitrep.Article{Raw: string(raw), RawFormat: "html", Title: "Given title", Outlet: "Given outlet", Published: &pub, URL: "https://given.example/x"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if a.Title != "Given title" || a.Outlet != "Given outlet" || !a.Published.Equal(pub) || a.URL != "https://given.example/x" {
		t.Fatalf("record metadata overwritten: title %q outlet %q published %v url %q", a.Title, a.Outlet, a.Published, a.URL)
	}
	if a.Author != "Mara Okonkwo" {
		t.Fatalf("author=%q, want it filled from the page", a.Author)
	}
}

// TestExtractHTMLHostile feeds pages built to hurt an extractor. Each must come back quickly,
// without panicking, with no script text in the result.
func TestExtractHTMLHostile(t *testing.T) {
	body := "<p>The regional assembly approved the water budget on Friday after a long debate about the cost of new pipes and pumping stations in rural districts.</p>" +
		"<p>Members of the opposition said the plan did not do enough for farms that lost their harvest in last summer's drought, and asked for a separate fund.</p>" +
		"<p>The budget takes effect in July and will be reviewed by the assembly's finance committee at the end of the year.</p>"
	deep := strings.Repeat("<div><span>", 100_000) + body + strings.Repeat("</span></div>", 100_000)
	var junk strings.Builder
	for junk.Len() < 5<<20 {
		junk.WriteString("<div class=x><b>lorem</b><i>ipsum <a href='#'>dolor</a></i><table><tr><td>sit<td>amet</table></div>\x00\xff")
	}
	tests := []struct {
		name string
		html string
		// wantText must appear in the text ("" when nothing is expected).
		wantText string
	}{
		{"ScriptInjection", "<html><head><title>t</title></head><body><article>" + body +
			`<script>alert("pwned-1")</script><p>Ok <script>var x = "pwned-2";</script>text.</p>` +
			`<img src=x onerror="alert('pwned-3')"><a href="javascript:alert('pwned-4')">link</a>` +
			`<scr<script>ipt>alert("pwned-5")</script><style>p{content:"pwned-6"}</style>` +
			`<svg><script>alert("pwned-7")</script></svg><noscript><p>pwned-8</p></noscript>` +
			`<template><p>pwned-9</p></template><iframe srcdoc="<script>pwned-10</script>"></iframe>` +
			"</article></body></html>", "approved the water budget"},
		{"DeeplyNested", "<html><body>" + deep + "</body></html>", "approved the water budget"},
		{"Junk5MB", junk.String(), ""},
		{"Truncated", "<html><head><title>Cut short</title></head><body><article>" + body[:len(body)-60] + "<p class=\"a", "approved the water budget"},
		{"UnclosedEverything", "<html><body><div><p>" + strings.Repeat("<b><i><u>", 5000) + body, "approved the water budget"},
		{"Empty", "", ""},
		{"Binary", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xfe\xfd" + strings.Repeat("\x00\x01\x02", 1000), ""},
		{"NotHTML", "just a line of plain text with no markup at all", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			start := time.Now()
			res, err := clean.ExtractHTML(ctx, tt.html, clean.HTMLOptions{Fallback: true})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("ExtractHTML: %v", err)
			}
			if elapsed > 20*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if strings.Contains(res.Text, "pwned") || strings.Contains(res.Text, "alert(") {
				t.Errorf("script text leaked into the body:\n%s", res.Text)
			}
			if tt.wantText != "" && !strings.Contains(res.Text, tt.wantText) {
				t.Errorf("text lacks %q:\n%.500s", tt.wantText, res.Text)
			}
			if !utf8.ValidString(res.Text) {
				t.Errorf("text is not valid UTF-8")
			}
			if n := len(res.Removed); n > 40 {
				t.Errorf("%d removed entries, want a bounded list", n)
			}
			t.Logf("%s: %v, %d bytes of text, flags %v", tt.name, elapsed, len(res.Text), res.Flags)
		})
	}
}

// TestExtractHTMLTooLarge checks that oversized pages are refused with an error naming the limit.
func TestExtractHTMLTooLarge(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("a", clean.MaxHTMLBytes) + "</p></body></html>"
	_, err := clean.ExtractHTML(context.Background(), page, clean.HTMLOptions{})
	if !errors.Is(err, clean.ErrHTMLTooLarge) {
		t.Fatalf("err=%v, want ErrHTMLTooLarge", err)
	}
	if !strings.Contains(err.Error(), "10 MiB") {
		t.Fatalf("error %q does not name the limit", err)
	}
	a := &sitrep.Article{Raw: page, RawFormat: "html"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); !errors.Is(err, clean.ErrHTMLTooLarge) {
		t.Fatalf("Clean err=%v, want ErrHTMLTooLarge", err)
	}
}

// TestExtractHTMLFallback checks that a page without article structure still yields its text,
// with a flag saying how it was obtained.
func TestExtractHTMLFallback(t *testing.T) {
	page := "<html><body><nav>Home About</nav><div>Storm warning</div><div>Schools closed</div></body></html>"
	res, err := clean.ExtractHTML(context.Background(), page, clean.HTMLOptions{Fallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Storm warning") || !strings.Contains(res.Text, "Schools closed") {
		t.Fatalf("text=%q, want the page's text", res.Text)
	}
	if strings.Contains(res.Text, "About") {
		t.Fatalf("text=%q, navigation should be skipped", res.Text)
	}
}

// TestExtractHTMLCancelled checks that a cancelled context stops extraction.
func TestExtractHTMLCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := clean.ExtractHTML(ctx, "<p>text</p>", clean.HTMLOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want context.Canceled", err)
	}
}

// TestEvalAEB runs the Article Extraction Benchmark (skipped when absent or with -short) and
// checks the body F1 the project targets.
func TestEvalAEB(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: extracts 181 pages")
	}
	dir := seedtest.Shared(t, "data", "aeb")
	rep, err := clean.EvalAEB(context.Background(), dir, clean.HTMLOptions{Fallback: true}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rep.Pages, 181; got != want {
		t.Errorf("pages=%d, want %d", got, want)
	}
	if rep.F1 < 0.96 {
		t.Errorf("F1=%.3f (P %.3f R %.3f), want >= 0.96", rep.F1, rep.P, rep.R)
	}
	if rep.Errors > 0 {
		t.Errorf("%d pages failed to extract", rep.Errors)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add("<html><body><p>Hello <b>world</b></p></body></html>")
	f.Add("<div><p>unclosed <script>alert(1)")
	f.Add("<svg><foreignObject><p>x</p></foreignObject></svg><table><td><p>cell")
	f.Add("\xff\xfe<\x00p>")
	if b, err := os.ReadFile(filepath.Join("testdata", "html", "nometa", "page.html")); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, page string) {
		res, err := clean.ExtractHTML(context.Background(), page, clean.HTMLOptions{Fallback: true})
		if err != nil {
			t.Fatalf("ExtractHTML: %v", err)
		}
		if !utf8.ValidString(res.Text) {
			t.Fatalf("invalid UTF-8 in text")
		}
	})
}

// TestExtractHTMLUnparsable checks the token-by-token rendering used for pages the parser refuses
// (nesting deeper than it allows): chrome and scripts are skipped, a void <input> does not hide
// the rest of the page, and paragraphs stay apart.
func TestExtractHTMLUnparsable(t *testing.T) {
	page := "<html><head><title>Deep page</title></head><body><nav>Menu Home</nav><form><input name=q></form>" +
		strings.Repeat("<div>", 600) + "<p>First paragraph of the report.</p><script>alert('pwned')</script><p>Second paragraph<br>with a break.</p>" +
		"<input type=hidden><p>Third paragraph after an input.</p>" + strings.Repeat("</div>", 600) + "</body></html>"
	res, err := clean.ExtractHTML(context.Background(), page, clean.HTMLOptions{Fallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Text, "First paragraph of the report.\n\nSecond paragraph\nwith a break.\n\nThird paragraph after an input."; got != want {
		t.Fatalf("text=%q, want %q", got, want)
	}
	if got, want := res.Title, "Deep page"; got != want {
		t.Fatalf("title=%q, want %q", got, want)
	}
	if len(res.Flags) != 1 || res.Flags[0].Kind != clean.FlagHTMLFallback {
		t.Fatalf("flags=%v, want one %s", res.Flags, clean.FlagHTMLFallback)
	}
}

// TestExtractHTMLRendering checks how markup becomes text: inline tags inside a word do not
// split it, white space collapses, <br> breaks a line, block elements and table rows start
// paragraphs, and cells are spaced.
func TestExtractHTMLRendering(t *testing.T) {
	long := "The harbour authority confirmed on Wednesday that the night ferry will stop running in November because too few passengers use it. "
	tests := []struct {
		name, body, want string
	}{
		{"InlineInsideWord", "<p>" + long + "The cap<b>tain</b> said the <a href='/x'>ferry</a>, which is <i>old</i>, will be sold.</p>",
			long + "The captain said the ferry, which is old, will be sold."},
		{"WhiteSpace", "<p>" + long + "  Two\n\t spaces\u00a0and   a tab. </p>",
			long + "Two spaces and a tab."},
		{"LineBreak", "<p>" + long + "First line<br>second line<br/><br>third line</p>",
			long + "First line\nsecond line\nthird line"},
		{"HiddenElements", "<p>" + long + "</p><div style=\"display: none\">Hidden promo text for a newsletter</div><p aria-hidden=\"true\">Hidden caption</p><p hidden>Hidden note</p>",
			long[:len(long)-1]},
		{"LinkParagraphs", "<p>" + long + "The <a href='/ferry'>ferry company</a> declined to comment.</p><p>" + long + "</p>" +
			"<p>Read more: <a href='/other'>Bus fares to rise by ten percent in the spring</a></p>" +
			"<p><a href='/more'>Council approves new cycle lanes on the seafront</a></p>",
			long + "The ferry company declined to comment.\n\n" + long[:len(long)-1]},
		{"Paragraphs", "<div><p>" + long + "</p>Loose text in a div<p>Closing paragraph.</p></div>",
			long[:len(long)-1] + "\n\nLoose text in a div\n\nClosing paragraph."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><body><article>" + tt.body + "</article></body></html>"
			res, err := clean.ExtractHTML(context.Background(), page, clean.HTMLOptions{Fallback: true})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := res.Text, tt.want; got != want {
				t.Fatalf("text=%q\nwant %q", got, want)
			}
		})
	}
}
