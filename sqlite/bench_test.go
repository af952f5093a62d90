package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/storetest"
)

// benchTexts returns real news text for the benchmark corpus, read at run time from the shared
// folder: the seed articles and the ECB+ development documents (CC BY 3.0). It returns nil when
// the shared folder is absent; storetest.Corpus then falls back to the suite's written articles.
func benchTexts(tb testing.TB) []string {
	dir := seedtest.SharedDir()
	if dir == "" {
		return nil
	}
	var texts []string
	seeds, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(b))
		}
	}
	f, err := os.Open(filepath.Join(dir, "data", "ecbplus-dev", "docs.jsonl"))
	if err != nil {
		return texts
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
			texts = append(texts, rec.Text)
		}
	}
	return texts
}

// BenchmarkCreateArticles stores batches of 256 new articles in a file database, one transaction
// per batch; it reports articles/s.
func BenchmarkCreateArticles(b *testing.B) {
	const batch = 256
	pool := storetest.Corpus(batch*8, benchTexts(b), 1, "p")
	db := MustOpenDB(b, filepath.Join(b.TempDir(), "bench.db"))
	s := sqlite.NewArticleService(db)
	ctx := context.Background()
	buf := make([]sitrep.Article, batch)
	ptrs := make([]*sitrep.Article, batch)
	next := 0
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for j := range buf {
			buf[j] = *pool[(next+j)%len(pool)]
			buf[j].ID = "b" + strconv.Itoa(next+j)
			ptrs[j] = &buf[j]
		}
		next += batch
		created, err := s.CreateArticles(ctx, ptrs)
		if err != nil {
			b.Fatal(err)
		}
		if !created[0] || !created[batch-1] {
			b.Fatal("batch not created")
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "articles/s")
	// On a loaded machine the wall clock overstates the cost: report the rate per CPU second too.
	b.ReportMetric(float64(b.N*batch)/(cpuTime()-c0).Seconds(), "articles/cpu-s")
}

// searchDB is a file database holding the search benchmark corpus, built once per run.
var searchDB struct {
	once sync.Once
	db   *sqlite.DB
	ids  []string
	err  error
}

// benchArticles is the size of the search benchmark corpus: $SITREP_BENCH_ARTICLES or 20,000.
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// openSearchDB returns the shared benchmark database, building it on first use.
func openSearchDB(tb testing.TB) (*sqlite.DB, []string) {
	searchDB.once.Do(func() {
		dir, err := os.MkdirTemp("", "sitrep-bench-")
		if err != nil {
			searchDB.err = err
			return
		}
		db := sqlite.NewDB(filepath.Join(dir, "search.db"))
		if err := db.Open(); err != nil {
			searchDB.err = err
			return
		}
		corpus := storetest.Corpus(benchArticles(), benchTexts(tb), 2, "s")
		s := sqlite.NewArticleService(db)
		for i := 0; i < len(corpus); i += 256 {
			if _, err := s.CreateArticles(context.Background(), corpus[i:min(i+256, len(corpus))]); err != nil {
				searchDB.err = err
				return
			}
		}
		for _, a := range corpus {
			searchDB.ids = append(searchDB.ids, a.ID)
		}
		searchDB.db = db
		benchCleanup = func() { db.Close(); os.RemoveAll(dir) }
	})
	if searchDB.err != nil {
		tb.Fatal(searchDB.err)
	}
	return searchDB.db, searchDB.ids
}

// benchCleanup removes the shared benchmark database; TestMain calls it.
var benchCleanup = func() {}

func TestMain(m *testing.M) {
	code := m.Run()
	benchCleanup()
	os.Exit(code)
}

// BenchmarkFindArticleByID loads random stored articles (analysis included).
func BenchmarkFindArticleByID(b *testing.B) {
	db, ids := openSearchDB(b)
	s := sqlite.NewArticleService(db)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.FindArticleByID(ctx, ids[(i*7919)%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// searchQueries is the mix the search benchmark cycles through: common and rare words, phrases,
// prefixes, several filters, and filter-only listings.
var searchQueries = []sitrep.SearchQuery{
	{Query: "police"},
	{Query: "said"},
	{Query: "Israel Iran"},
	{Query: `"prime minister"`},
	{Query: "earthquake*"},
	{Query: "killed", Actor: "ISR"},
	{Query: "attack", EventType: "ASSAULT"},
	{Query: "president", Outlet: "Daily Ledger"},
	{Query: "court", Since: ptrTime(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), Until: ptrTime(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))},
	{Query: "Netanyahu's"},
	{Query: "rehab OR arrested"},
	{Actor: "USAMIL"},
	{EventType: "19", Outlet: "Wire Review"},
	{Query: "the"},
}

// cpuTime returns the CPU time (user and system) the process has used: on a loaded machine it
// measures the work of a search better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ptrTime(t time.Time) *time.Time { return &t }

// BenchmarkSearch runs the query mix over the stored corpus (20,000 articles unless
// SITREP_BENCH_ARTICLES says otherwise) and reports the p50 and p99 latency of one search
// (count, page of 20 and snippets).
func BenchmarkSearch(b *testing.B) {
	db, ids := openSearchDB(b)
	s := sqlite.NewSearchService(db)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := searchQueries[i%len(searchQueries)]
		c0 := cpuTime()
		t0 := time.Now()
		if _, _, err := s.Search(ctx, q); err != nil {
			b.Fatalf("%+v: %v", q, err)
		}
		lat = append(lat, time.Since(t0))
		cpu = append(cpu, cpuTime()-c0)
	}
	b.StopTimer()
	slices.Sort(lat)
	slices.Sort(cpu)
	pct := func(d []time.Duration, p float64) float64 {
		return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(lat, 0.50), "p50-ms")
	b.ReportMetric(pct(lat, 0.99), "p99-ms")
	// CPU time per search (the process's, so it includes garbage collection): on a loaded
	// machine the wall-clock tail is mostly waiting for a core.
	b.ReportMetric(pct(cpu, 0.50), "cpu-p50-ms")
	b.ReportMetric(pct(cpu, 0.99), "cpu-p99-ms")
	b.ReportMetric(float64(len(ids)), "articles")
}

// TestSearchLatencyByQuery prints the latency of each benchmark query; run with
// SITREP_BENCH_LATENCY=1 (it builds the benchmark corpus).
func TestSearchLatencyByQuery(t *testing.T) {
	if os.Getenv("SITREP_BENCH_LATENCY") == "" {
		t.Skip("set SITREP_BENCH_LATENCY=1")
	}
	db, _ := openSearchDB(t)
	s := sqlite.NewSearchService(db)
	ctx := context.Background()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, q := range searchQueries {
		var best, worst, bestCPU time.Duration
		var n int
		for r := 0; r < 10; r++ {
			c0 := cpuTime()
			t0 := time.Now()
			_, total, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			d, c := time.Since(t0), cpuTime()-c0
			if r == 0 || d < best {
				best = d
			}
			if r == 0 || c < bestCPU {
				bestCPU = c
			}
			worst = max(worst, d)
			n = total
		}
		t.Logf("%-40.40s matches=%6d wall best=%6.2fms worst=%6.2fms cpu best=%6.2fms", describe(q), n,
			ms(best), ms(worst), ms(bestCPU))
	}
}

// describe renders the set fields of q.
func describe(q sitrep.SearchQuery) string {
	out := fmt.Sprintf("q=%s", q.Query)
	if q.Actor != "" {
		out += " actor=" + q.Actor
	}
	if q.EventType != "" {
		out += " event=" + q.EventType
	}
	if q.Outlet != "" {
		out += " outlet=" + q.Outlet
	}
	if q.Since != nil {
		out += " since=" + q.Since.Format("2006-01-02")
	}
	return out
}
