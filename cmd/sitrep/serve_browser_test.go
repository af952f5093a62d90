package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of Debian's chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed (apt-get install chromium)")
	return ""
}

// browser starts a headless chromium and returns a context for chromedp actions. On failure,
// screenshot writes the current page to a temp dir and logs its path.
func browser(t *testing.T, width, height int) (ctx context.Context, screenshot func(name string)) {
	t.Helper()
	exe := chromium(t)
	// The profile directory is removed after the browser has exited (t.TempDir would race with
	// chromium's last writes).
	profile, err := os.MkdirTemp("", "sitrep-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(profile), chromedp.WindowSize(width, height),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, tcancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		tcancel()
		cancel()
		acancel()
		for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	dir := ""
	screenshot = func(name string) {
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "sitrep-browser-"); err != nil {
				t.Log(err)
				return
			}
		}
		var buf []byte
		sctx, scancel := context.WithTimeout(ctx, 20*time.Second)
		defer scancel()
		if err := chromedp.Run(sctx, chromedp.FullScreenshot(&buf, 80)); err != nil {
			t.Logf("screenshot %s: %v", name, err)
			return
		}
		p := filepath.Join(dir, name+".jpg")
		if err := os.WriteFile(p, buf, 0o644); err == nil {
			t.Logf("screenshot written to %s", p)
		}
	}
	return ctx, screenshot
}

// TestBrowser_Demo drives chromium through the demo the way a newcomer would: the story list,
// a storyline with its chart, a story with its timeline, quotes and copies, and a search.
func TestBrowser_Demo(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chromium(t)
	base := demoServer(t)
	ctx, shot := browser(t, 1280, 900)
	step := func(name string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			shot(name)
			t.Fatalf("%s: %v", name, err)
		}
	}
	check := func(name string, ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			shot(name)
			t.Fatalf(name+": "+format, args...)
		}
	}

	// The story list: demo banner, story cards with sources and origins, a storyline link.
	var banner, firstCard string
	var cards int
	step("home",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(".story-card", chromedp.ByQuery),
		chromedp.Text(".demo-banner", &banner, chromedp.ByQuery),
		chromedp.Text(".story-card", &firstCard, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".story-card").length`, &cards),
	)
	check("home", strings.Contains(banner, "Demo data"), "banner %q", banner)
	check("home", cards >= 8, "%d story cards", cards)
	check("home", strings.Contains(firstCard, "independent origin") && strings.Contains(firstCard, "updated"), "card %q", firstCard)

	// The storyline page: an SVG chart with points and a list of stories.
	var title string
	var dots, storyCards int
	step("storyline",
		chromedp.Click(`aside a[href^="/storylines/"]`, chromedp.ByQuery),
		chromedp.WaitVisible("svg.chart", chromedp.ByQuery),
		chromedp.Text("h1", &title, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("svg.chart circle.mean").length`, &dots),
		chromedp.Evaluate(`document.querySelectorAll(".story-card").length`, &storyCards),
	)
	check("storyline", dots >= 5, "%d chart points", dots)
	check("storyline", storyCards >= 3, "%d stories along the storyline", storyCards)
	check("storyline", title != "", "empty title")

	// From the storyline to the timeline of two of its actors, with its own chart.
	var pairTitle, lineURL string
	var pairEvents int
	step("pair",
		chromedp.Location(&lineURL),
		chromedp.Click(`a[href^="/pairs/"]`, chromedp.ByQuery),
		chromedp.WaitVisible("svg.chart", chromedp.ByQuery),
		chromedp.Text("h1", &pairTitle, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.timeline li").length`, &pairEvents),
	)
	check("pair", strings.Contains(pairTitle, " and ") && pairEvents >= 2, "title %q, %d events", pairTitle, pairEvents)

	// Claims across articles from the header: the list, then one claim with its reports.
	var claimRows, reports int
	step("claims",
		chromedp.Click(`nav a[href="/claims"]`, chromedp.ByQuery),
		chromedp.WaitVisible("table.articles", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("table.articles tbody tr").length`, &claimRows),
		chromedp.Navigate(base+"/claims?min_reports=3"),
		chromedp.WaitVisible("table.articles", chromedp.ByQuery),
		chromedp.Click(`table.articles a[href^="/claims/"]`, chromedp.ByQuery),
		chromedp.WaitVisible("ol.timeline", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.timeline li").length`, &reports),
	)
	check("claims", claimRows >= 10, "%d claims listed", claimRows)
	check("claims", reports >= 3, "%d reports of a claim with at least 3", reports)
	step("back", chromedp.Navigate(lineURL), chromedp.WaitVisible(".story-card", chromedp.ByQuery))

	// A story with copies: timeline entries, quotes with attribution, articles marked as copies.
	var timeline, quotes, copies int
	var quoteText string
	step("story",
		chromedp.Evaluate(`(function(){
			var best=null, n=-1;
			document.querySelectorAll(".story-card").forEach(function(c){
				var m=c.textContent.match(/(\d+) articles?/); var k=m?+m[1]:0;
				if(k>n){n=k;best=c.querySelector("a.story-title");}
			});
			best.click(); return true;})()`, nil),
		chromedp.WaitVisible("ol.timeline", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.timeline li").length`, &timeline),
		chromedp.Evaluate(`document.querySelectorAll("ul.quotes li").length`, &quotes),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("table.articles td")).filter(function(td){return td.textContent.indexOf("copy of")===0}).length`, &copies),
		chromedp.Text("ul.quotes li .attr", &quoteText, chromedp.ByQuery),
	)
	check("story", timeline >= 3, "%d timeline entries", timeline)
	check("story", quotes >= 1 && quoteText != "", "%d quotes, attribution %q", quotes, quoteText)
	check("story", copies >= 1, "%d articles marked as copies", copies)

	// Search from the header box: a phrase query with highlighted matches.
	var results int
	var marked string
	step("search",
		chromedp.SetValue(`form.quick input[name="q"]`, `"coast guard"`, chromedp.ByQuery),
		chromedp.Submit(`form.quick input[name="q"]`, chromedp.ByQuery),
		chromedp.WaitVisible("ol.results li", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.results li").length`, &results),
		chromedp.Text("ol.results mark", &marked, chromedp.ByQuery),
	)
	check("search", results >= 3, "%d results", results)
	check("search", strings.EqualFold(marked, "coast") || strings.EqualFold(marked, "coast guard"), "first highlight %q", marked)

	// A malformed query explains itself.
	var errText string
	step("search-error",
		chromedp.Navigate(base+`/search?q=%22unclosed`),
		chromedp.WaitVisible(".error", chromedp.ByQuery),
		chromedp.Text(".error", &errText, chromedp.ByQuery),
	)
	check("search-error", errText != "", "no error message")
}

// TestBrowser_Phone checks that the main pages fit a phone's width without sideways scrolling.
func TestBrowser_Phone(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chromium(t)
	base := demoServer(t)
	ctx, shot := browser(t, 390, 844)
	for _, p := range []string{"/", "/storylines/1", "/stories/1", "/search?q=mackerel", "/actors", "/profiles", "/claims", "/claims/1", "/pairs/NOR/ISL"} {
		var overflow bool
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(base+p),
			chromedp.WaitVisible("main", chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
		)
		if err != nil || overflow {
			shot("phone" + strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(p))
			t.Errorf("%s: err %v, horizontal overflow %v", p, err, overflow)
		}
	}
}
