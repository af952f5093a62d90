package http_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	sitrephttp "github.com/sitrep/sitrep/http"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

// benchSize is the number of stored articles of the benchmarks: $SITREP_BENCH_ARTICLES or 100,000.
func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// storySize is how many articles each synthetic story holds.
const storySize = 10

var bench struct {
	once    sync.Once
	url     string
	stories int
	err     error
}

// benchTexts returns body text for the synthetic corpus: the demo corpus (always there) and the
// shared seeds when present.
func benchTexts() []string {
	var texts []string
	sc := bufio.NewScanner(bytes.NewReader(demo.Corpus()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			texts = append(texts, r.Text)
		}
	}
	if dir := seedtest.SharedDir(); dir != "" {
		seeds, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	return texts
}

// openBench returns the URL of a server over a file database holding benchSize synthetic
// articles grouped into stories of storySize and storylines of 20 stories. The database is kept
// in the temp dir between runs (keyed by size) because building 100,000 articles takes minutes.
func openBench(b *testing.B) (string, int) {
	bench.once.Do(func() {
		n := benchSize()
		path := filepath.Join(os.TempDir(), fmt.Sprintf("sitrep-http-bench-%d.db", n))
		optimize := os.Getenv("SITREP_BENCH_OPTIMIZE") != ""
		if optimize {
			// A separate copy: the state a bulk `sitrep ingest` leaves (its full-text index
			// merged into one segment), without changing the cached unmerged database.
			opt := strings.TrimSuffix(path, ".db") + "-optimized.db"
			if _, err := os.Stat(opt); err != nil {
				if bench.err = copyFile(opt, path); bench.err != nil && !os.IsNotExist(bench.err) {
					return
				}
				// a write-ahead log not yet checkpointed holds part of the database
				if bench.err = copyFile(opt+"-wal", path+"-wal"); bench.err != nil && !os.IsNotExist(bench.err) {
					return
				}
				bench.err = nil
			}
			path = opt
		}
		db := sqlite.NewDB(path)
		if bench.err = db.Open(); bench.err != nil {
			return
		}
		ctx := context.Background()
		arts := sqlite.NewArticleService(db)
		stories := sqlite.NewStoryService(db)
		_, have, err := arts.FindArticles(ctx, sitrep.ArticleFilter{Limit: 1})
		if err != nil {
			bench.err = err
			return
		}
		if st, _, _ := stories.FindStories(ctx, sitrep.StoryFilter{Limit: 1}); have != n || len(st) == 0 {
			db.Close()
			os.Remove(path)
			db = sqlite.NewDB(path)
			if bench.err = db.Open(); bench.err != nil {
				return
			}
			arts, stories = sqlite.NewArticleService(db), sqlite.NewStoryService(db)
			if bench.err = buildBench(ctx, arts, stories, n); bench.err != nil {
				return
			}
		}
		if optimize {
			t0 := time.Now()
			if bench.err = db.MergeSearchIndex(ctx, 0); bench.err != nil {
				return
			}
			b.Logf("search index optimized in %s", time.Since(t0).Round(time.Millisecond))
		}
		s := sitrephttp.NewServer()
		s.Addr = "127.0.0.1:0"
		s.Articles, s.Search = arts, sqlite.NewSearchService(db)
		s.Stories, s.Storylines = stories, stories
		if bench.err = s.Open(); bench.err != nil {
			return
		}
		bench.url, bench.stories = s.URL(), (n+storySize-1)/storySize
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.url, bench.stories
}

// copyFile copies the file src to dst (the source's error when it does not exist).
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

func buildBench(ctx context.Context, arts *sqlite.ArticleService, stories *sqlite.StoryService, n int) error {
	corpus := storetest.Corpus(n, benchTexts(), 7, "b")
	for i := 0; i < len(corpus); i += 500 {
		if _, err := arts.CreateArticles(ctx, corpus[i:min(i+500, len(corpus))]); err != nil {
			return err
		}
	}
	// Stories of storySize consecutive articles, storylines of 20 stories, saved in chunks.
	const chunk = 1000
	nStories := (n + storySize - 1) / storySize
	for s0 := 0; s0 < nStories; s0 += chunk {
		ch := &sitrep.ClusterChanges{At: time.Now().UTC()}
		for si := s0; si < min(s0+chunk, nStories); si++ {
			id, line := int64(si+1), int64(si/20+1)
			members := corpus[si*storySize : min((si+1)*storySize, n)]
			st := &sitrep.Story{ID: id, StorylineID: line, Title: members[0].Title, Summary: firstSentence(members[0].Text),
				Sources: len(members), Origins: len(members), FirstSeen: *members[0].Published, LastSeen: *members[0].Published}
			outlets := map[string]bool{}
			for j, a := range members {
				ch.Articles = append(ch.Articles, sitrep.ClusterArticle{ArticleID: a.ID, StoryID: id, StorylineID: line, Seq: int64(si*storySize + j + 1), Features: []byte{}})
				st.ArticleIDs = append(st.ArticleIDs, a.ID)
				if !outlets[a.Outlet] {
					outlets[a.Outlet] = true
					st.Outlets = append(st.Outlets, a.Outlet)
				}
				for _, ac := range a.Actors {
					if len(st.KeyActors) < 4 && ac.Code != "" {
						st.KeyActors = append(st.KeyActors, ac.Code)
					}
				}
				if a.Published.After(st.LastSeen) {
					st.LastSeen = *a.Published
				}
				if a.Published.Before(st.FirstSeen) {
					st.FirstSeen = *a.Published
				}
			}
			ch.Stories = append(ch.Stories, st)
			if si%20 == 0 {
				ch.Storylines = append(ch.Storylines, &sitrep.Storyline{ID: line, Title: st.Title, FirstSeen: st.FirstSeen, LastSeen: st.LastSeen})
			}
			ch.Storylines[len(ch.Storylines)-1].StoryIDs = append(ch.Storylines[len(ch.Storylines)-1].StoryIDs, id)
		}
		ch.NextStoryID, ch.NextStorylineID = int64(nStories+1), int64(nStories/20+2)
		if err := stories.SaveClusterChanges(ctx, ch); err != nil {
			return fmt.Errorf("save stories: %w", err)
		}
	}
	return nil
}

func firstSentence(s string) string {
	for i := 0; i+1 < len(s) && i < 300; i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s[:min(len(s), 300)]
}

// measure requests the given paths b.N times in turn and reports p50 and p99 latency and the
// number of responses that were not 200.
func measure(b *testing.B, base string, paths []string) {
	client := &http.Client{Timeout: 30 * time.Second}
	lat := make([]time.Duration, 0, b.N)
	cpus := make([]time.Duration, 0, b.N)
	failed := 0
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		c0 := cpuTime()
		t0 := time.Now()
		resp, err := client.Get(base + paths[i%len(paths)])
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			// A search that exceeds the store's timeout answers 400 ("narrow the query"): count it.
			failed++
			if failed == 1 {
				b.Logf("%s: status %d", paths[i%len(paths)], resp.StatusCode)
			}
		}
		lat = append(lat, time.Since(t0))
		cpus = append(cpus, cpuTime()-c0)
	}
	cpu := cpuTime() - cpu0
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	pct := func(d []time.Duration, p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(lat, 0.50), "p50-ms")
	b.ReportMetric(pct(lat, 0.99), "p99-ms")
	// The process's CPU time during each request (requests are sequential and the server runs
	// in this process, so it is that request's work, client side included): what the latency
	// would be with a core to itself.
	b.ReportMetric(pct(cpus, 0.50), "cpu-p50-ms")
	b.ReportMetric(pct(cpus, 0.99), "cpu-p99-ms")
	b.ReportMetric(float64(benchSize()), "articles")
	b.ReportMetric(float64(failed), "non-200")
	// CPU time of the whole process (server and client) per request: on a loaded machine the
	// wall-clock tail is mostly waiting for a core, CPU time is the work.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/req")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSearchAPI measures GET /api/v1/search over the stored corpus: words, phrases,
// prefixes and boolean queries, some with filters, each returning a page of 20 with snippets.
// The "mixed" sub-benchmark cycles over all of them; the others measure one query each.
func BenchmarkSearchAPI(b *testing.B) {
	base, _ := openBench(b)
	queries := []struct{ name, path string }{}
	for _, q := range []string{"minister", `"foreign ministry"`, "talk*", "iran AND israel", "ceasefire", "said", "coast guard",
		"strike OR attack", "negotiat*", "election"} {
		queries = append(queries, struct{ name, path string }{q, "/api/v1/search?q=" + url.QueryEscape(q)})
	}
	for _, f := range []struct{ name, path string }{
		{"minister+outlet", "/api/v1/search?q=minister&outlet=Daily+Ledger"},
		{"talks+dates", "/api/v1/search?q=talks&since=2025-01-01&until=2025-06-01"},
		{"attack+actor", "/api/v1/search?q=attack&actor=ISR"},
		{"officials+event_type", "/api/v1/search?q=officials&event_type=ASSAULT"},
	} {
		queries = append(queries, f)
	}
	var all []string
	for _, q := range queries {
		all = append(all, q.path)
	}
	b.Run("mixed", func(b *testing.B) { measure(b, base, all) })
	for _, q := range queries {
		b.Run(strings.NewReplacer(" ", "_", `"`, "").Replace(q.name), func(b *testing.B) { measure(b, base, []string{q.path}) })
	}
}

// BenchmarkStoryPage measures the HTML story page (story, its articles with their analysis,
// events, quotes and claims) for stories spread over the whole store.
func BenchmarkStoryPage(b *testing.B) {
	base, n := openBench(b)
	var paths []string
	for i := 0; i < 50; i++ {
		paths = append(paths, "/stories/"+strconv.Itoa(1+(i*7919)%n))
	}
	measure(b, base, paths)
}

// BenchmarkStoryList measures the front page (the 25 most recently updated stories).
func BenchmarkStoryList(b *testing.B) {
	base, _ := openBench(b)
	measure(b, base, []string{"/", "/?offset=25", "/api/v1/stories?limit=50"})
}

// BenchmarkActorPages measures the actor pages for a common actor (ISR is in about 40 % of the
// synthetic articles): the JSON actor and its events, the HTML page, and the actor listing.
// Each reads up to ScanLimit (or 300 with an actor filter) newest matching articles.
func BenchmarkActorPages(b *testing.B) {
	base, _ := openBench(b)
	for _, p := range []struct{ name, path string }{
		{"api-actor", "/api/v1/actors/ISR"},
		{"html-actor", "/actors/ISR"},
		{"api-events", "/api/v1/events?actor=ISR"},
		{"api-actors", "/api/v1/actors"},
	} {
		b.Run(p.name, func(b *testing.B) { measure(b, base, []string{p.path}) })
	}
}
