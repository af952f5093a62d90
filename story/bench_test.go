package story_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/story"
)

// synth generates a stream of synthetic but news-like articles: each happening has its own
// participants (capitalised names), place, topic words and day; 1–6 articles report it in
// different sentences drawn from a Zipf-distributed common vocabulary plus the happening's words.
type synth struct {
	rng    *rand.Rand
	common []string
	names  []string
	places []string
	topic  []string
	n      int
	day    time.Time
	cur    struct {
		names, words []string
		place        string
		left         int
	}
}

func newSynth(seed int64) *synth {
	s := &synth{rng: rand.New(rand.NewSource(seed)), day: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	syll := []string{"ka", "lo", "mi", "ra", "ten", "vo", "shi", "an", "del", "mar", "or", "ul", "be", "tr", "is", "pe", "zu", "no", "qua", "ri"}
	word := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			b.WriteString(syll[s.rng.Intn(len(syll))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		s.common = append(s.common, word(2+s.rng.Intn(2)))
	}
	for i := 0; i < 50000; i++ {
		w := word(2 + s.rng.Intn(2))
		s.names = append(s.names, strings.ToUpper(w[:1])+w[1:])
	}
	for i := 0; i < 3000; i++ {
		w := word(3)
		s.places = append(s.places, strings.ToUpper(w[:1])+w[1:])
	}
	for i := 0; i < 30000; i++ {
		s.topic = append(s.topic, word(3+s.rng.Intn(2)))
	}
	return s
}

func (s *synth) zipf(n int) int {
	return int(float64(n) * s.rng.Float64() * s.rng.Float64() * s.rng.Float64())
}

// next returns the next article of the stream; about 400 articles a day.
func (s *synth) next() *sitrep.Article {
	if s.cur.left == 0 {
		s.cur.left = 1 + s.rng.Intn(6)
		s.cur.names = s.cur.names[:0]
		for i := 0; i < 3; i++ {
			s.cur.names = append(s.cur.names, s.names[s.zipf(len(s.names))]+" "+s.names[s.rng.Intn(len(s.names))])
		}
		s.cur.words = s.cur.words[:0]
		for i := 0; i < 12; i++ {
			s.cur.words = append(s.cur.words, s.topic[s.zipf(len(s.topic))])
		}
		s.cur.place = s.places[s.zipf(len(s.places))]
	}
	s.cur.left--
	s.n++
	if s.n%400 == 0 {
		s.day = s.day.Add(24 * time.Hour)
	}
	var b strings.Builder
	for sent := 0; sent < 14; sent++ {
		for w := 0; w < 18; w++ {
			switch r := s.rng.Intn(10); {
			case r < 2:
				b.WriteString(s.cur.words[s.rng.Intn(len(s.cur.words))])
			case r == 2 && w > 0:
				b.WriteString(s.cur.names[s.rng.Intn(len(s.cur.names))])
			default:
				b.WriteString(s.common[s.zipf(len(s.common))])
			}
			b.WriteByte(' ')
		}
		if sent == 0 {
			b.WriteString("in " + s.cur.place)
		}
		b.WriteString(".\n")
	}
	pub := s.day.Add(time.Duration(s.rng.Intn(86400)) * time.Second)
	return &sitrep.Article{ID: "s" + strconv.Itoa(s.n), Text: b.String(), Published: &pub, Outlet: "outlet" + strconv.Itoa(s.rng.Intn(50))}
}

// cpuTime returns the user+system CPU time of the process so far. On a loaded machine wall time
// overstates the cost; CPU time (the benchmark is single-threaded) does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchHeld is the number of articles held before measuring (env SITREP_BENCH_HELD, default
// 20,000 so that a plain -bench run stays short).
func benchHeld() int {
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_HELD")); err == nil && v > 0 {
		return v
	}
	return 20000
}

// BenchmarkAdd measures incremental clustering (feature extraction included) with benchHeld()
// articles already held, and reports articles/s and heap bytes per held article.
// heldClusterer returns a memory-only clusterer holding benchHeld() synthetic articles, the
// source that made them, the heap bytes per held article and the time the build took.
// SITREP_BENCH_HEAPPROFILE names a file for a heap profile of the held state.
//
// The testing package runs each benchmark once with b.N=1 before the measured run, and Add and
// AddBatch both need the held set: it is built once per process and reused (each run adds its
// articles to it, a few thousand against the held number).
func heldClusterer(b *testing.B) (*story.Clusterer, *synth, float64, time.Duration) {
	held := benchHeld()
	h := &heldText
	if h.c == nil || h.n != held {
		h.c, h.src, h.heapPer, h.build = buildHeld(b, held)
		h.n = held
	}
	return h.c, h.src, h.heapPer, h.build
}

// heldText is heldClusterer's held set, kept between benchmark runs.
var heldText struct {
	n       int
	c       *story.Clusterer
	src     *synth
	build   time.Duration
	heapPer float64
}

func buildHeld(b *testing.B, held int) (*story.Clusterer, *synth, float64, time.Duration) {
	ctx := context.Background()
	src := newSynth(1)
	c := story.New(nil, story.DefaultOptions())
	runtime.GC()
	var m0 runtime.MemStats
	runtime.ReadMemStats(&m0)
	t0 := time.Now()
	for i := 0; i < held; i++ {
		if _, err := c.Add(ctx, src.next()); err != nil {
			b.Fatal(err)
		}
	}
	build := time.Since(t0)
	runtime.GC()
	var m1 runtime.MemStats
	runtime.ReadMemStats(&m1)
	if p := os.Getenv("SITREP_BENCH_HEAPPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	return c, src, float64(m1.HeapAlloc-m0.HeapAlloc) / float64(held), build
}

// BenchmarkAddBatch is BenchmarkAdd as sitrep's ingest runs it, per batch of 256 articles:
// "ahead" extracts the features on the other cores while this goroutine places the articles in
// order (Clusterer.Ahead, what ingest does); "extract-first" extracts the whole batch on all cores,
// then places it (what ingest did before), for the ratio. articles/s is the wall-clock rate on
// this machine's cores.
func BenchmarkAddBatch(b *testing.B) {
	ctx := context.Background()
	const batch = 256
	run := func(b *testing.B, place func(c *story.Clusterer, items []*sitrep.Article)) {
		c, src, heapPer, _ := heldClusterer(b)
		arts := freshArticles(src, b.N)
		cpu0, gc0 := cpuTime(), gcCPU()
		b.ResetTimer()
		for i0 := 0; i0 < b.N; i0 += batch {
			place(c, arts[i0:min(i0+batch, b.N)])
		}
		b.StopTimer()
		b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(heapPer, "heapB/article")
		b.ReportMetric((gcCPU()-gc0).Seconds()*1e6/float64(b.N), "gc-cpu-µs/article")
	}
	b.Run("ahead", func(b *testing.B) {
		run(b, func(c *story.Clusterer, items []*sitrep.Article) {
			ahead := c.Ahead(items, 0, nil)
			defer ahead.Close()
			for i, a := range items {
				if _, err := c.AddWith(ctx, a, ahead.Features(i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("extract-first", func(b *testing.B) {
		workers := runtime.GOMAXPROCS(0)
		feats := make([]*story.Features, batch)
		run(b, func(c *story.Clusterer, items []*sitrep.Article) {
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for j := w; j < len(items); j += workers {
						feats[j] = c.Features(items[j])
					}
				})
			}
			wg.Wait()
			for j, a := range items {
				if _, err := c.AddWith(ctx, a, feats[j]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func BenchmarkAdd(b *testing.B) {
	ctx := context.Background()
	c, src, heapPer, build := heldClusterer(b)
	held := benchHeld()
	arts := freshArticles(src, b.N)
	pr0, sc0 := c.Work()
	stop := cpuProfile(b)
	defer stop()
	cpu0, gc0 := cpuTime(), gcCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Add(ctx, arts[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	pr1, sc1 := c.Work()
	b.ReportMetric(float64(pr1-pr0)/float64(b.N), "postings/article")
	b.ReportMetric(float64(sc1-sc0)/float64(b.N), "scored/article")
	_, nStories := c.Len()
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(heapPer, "heapB/article")
	b.ReportMetric(float64(held)/build.Seconds(), "build-articles/s")
	b.ReportMetric(float64(nStories), "stories")
	b.ReportMetric((gcCPU()-gc0).Seconds()*1e6/float64(b.N), "gc-cpu-µs/article")
}

// cpuProfile starts a CPU profile of the measured part of a benchmark when
// SITREP_BENCH_CPUPROFILE names a file (go test's -cpuprofile would also profile building the
// held set, which takes longer than the measured run at a million held); it returns the stop.
func cpuProfile(b *testing.B) func() {
	p := os.Getenv("SITREP_BENCH_CPUPROFILE")
	if p == "" || b.N == 1 {
		return func() {}
	}
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// freshArticles returns the next n articles of src, made before the timer starts. Every measured
// article is a new one: cycling a small set would re-add the same texts to stories that already
// hold them, which is neither the stream ingest sees nor the same work.
func freshArticles(src *synth, n int) []*sitrep.Article {
	arts := make([]*sitrep.Article, n)
	for i := range arts {
		arts[i] = src.next()
	}
	return arts
}

// gcCPU returns the CPU time the garbage collector has used so far (runtime/metrics). A held
// set of a million articles makes each collection cycle long; a run must be long enough to
// include the cycles its allocation causes (-benchtime 20000x or more at a million held) for the
// per-article figure to include their share.
func gcCPU() time.Duration {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return time.Duration(s[0].Value.Float64() * float64(time.Second))
}

// BenchmarkExtract measures feature extraction alone: on the synthetic articles, and on the seeds
// as the cleaner leaves them (real news text, with its names, numbers and punctuation).
func BenchmarkExtract(b *testing.B) {
	run := func(b *testing.B, arts []*sitrep.Article) {
		cpu0 := cpuTime()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			story.Extract(arts[i%len(arts)], 48, 24)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
	}
	b.Run("synth", func(b *testing.B) {
		src := newSynth(1)
		arts := make([]*sitrep.Article, 512)
		for i := range arts {
			arts[i] = src.next()
		}
		run(b, arts)
	})
	b.Run("seeds", func(b *testing.B) {
		cl := clean.New(clean.DefaultOptions())
		arts := seedArticles(b)
		for _, a := range arts {
			if err := cl.Clean(context.Background(), a); err != nil {
				b.Fatal(err)
			}
		}
		run(b, arts)
	})
}

// featSynth generates synthetic article features directly (no text, no extraction), with the
// same structure as synth's articles: each happening has three participants, a place, twelve
// topic words, two actor codes and one or two event types, reported by 1–6 articles of ~400 a
// day. Each article has 32 terms (about 40 % of them the happening's topic words, the rest
// Zipf-distributed common words), the happening's names, place and codes as entities, and its
// day as the date. It builds held sets of a million articles in minutes rather than hours.
type featSynth struct {
	*synth
	codes, types []string
	hap          struct {
		codes, types []string
	}
}

func newFeatSynth(seed int64) *featSynth {
	s := &featSynth{synth: newSynth(seed)}
	for i := 0; i < 300; i++ {
		s.codes = append(s.codes, fmt.Sprintf("C%03d", i))
	}
	for i := 0; i < 16; i++ {
		s.types = append(s.types, fmt.Sprintf("TYPE%d", i))
	}
	return s
}

// next returns the next article's id, publication time and features.
func (s *featSynth) next() (string, time.Time, *story.Features) {
	if s.cur.left == 0 {
		s.cur.left = 1 + s.rng.Intn(6)
		s.cur.names = s.cur.names[:0]
		for i := 0; i < 3; i++ {
			s.cur.names = append(s.cur.names, s.names[s.zipf(len(s.names))]+" "+s.names[s.rng.Intn(len(s.names))])
		}
		s.cur.words = s.cur.words[:0]
		for i := 0; i < 12; i++ {
			s.cur.words = append(s.cur.words, s.topic[s.zipf(len(s.topic))])
		}
		s.cur.place = s.places[s.zipf(len(s.places))]
		s.hap.codes = []string{s.codes[s.zipf(len(s.codes))], s.codes[s.zipf(len(s.codes))]}
		s.hap.types = []string{s.types[s.zipf(len(s.types))]}
		if s.rng.Intn(2) == 0 {
			s.hap.types = append(s.hap.types, s.types[s.rng.Intn(len(s.types))])
		}
	}
	s.cur.left--
	s.n++
	if s.n%400 == 0 {
		s.day = s.day.Add(24 * time.Hour)
	}
	f := &story.Features{Terms: map[string]float64{}, Entities: map[string]float64{}, Events: map[string]float64{}}
	for len(f.Terms) < 32 {
		w := s.common[s.zipf(len(s.common))]
		if s.rng.Intn(10) < 4 {
			w = s.cur.words[s.rng.Intn(len(s.cur.words))]
		}
		f.Terms[w] = 1 + float64(s.rng.Intn(3))
	}
	for _, n := range s.cur.names {
		if s.rng.Intn(4) > 0 {
			f.Entities["n:"+strings.ToLower(n)] = 1 + float64(s.rng.Intn(3))
		}
	}
	f.Entities["n:"+strings.ToLower(s.cur.place)] = 1
	for _, c := range s.hap.codes {
		f.Entities["a:"+c] = 2
	}
	for _, t := range s.hap.types {
		f.Events[t] = 1
	}
	f.Lo, f.Hi = s.day, s.day
	pub := s.day.Add(time.Duration(s.rng.Intn(86400)) * time.Second)
	return "f" + strconv.Itoa(s.n), pub, f
}

// BenchmarkAddFeatures measures incremental clustering alone (features given, no extraction from
// text: see BenchmarkExtract for that cost) with benchHeld() articles already held, built from
// featSynth. It reports articles/s (wall and per CPU-second), the retrieval work per article and
// heap bytes per held article (runtime.MemStats after GC, before and after building).
func BenchmarkAddFeatures(b *testing.B) {
	ctx := context.Background()
	held := benchHeld()
	// The testing package runs a benchmark once with b.N=1 before the measured run: the held set
	// is built once and reused.
	h := &heldFeatures
	if h.c == nil || h.n != held {
		h.c, h.src, h.n = nil, nil, held
		runtime.GC()
		var m0 runtime.MemStats
		runtime.ReadMemStats(&m0)
		h.src = newFeatSynth(1)
		h.c = story.New(nil, story.DefaultOptions())
		t0 := time.Now()
		for i := 0; i < held; i++ {
			id, pub, f := h.src.next()
			if _, err := h.c.AddFeatures(ctx, id, "", pub, f); err != nil {
				b.Fatal(err)
			}
		}
		h.build = time.Since(t0)
		runtime.GC()
		var m1 runtime.MemStats
		runtime.ReadMemStats(&m1)
		h.heapPer = float64(m1.HeapAlloc-m0.HeapAlloc) / float64(held)
	}
	c, src := h.c, h.src
	type item struct {
		pub time.Time
		f   *story.Features
	}
	items := make([]item, b.N)
	ids := make([]string, b.N)
	for i := range items {
		id, pub, f := src.next()
		items[i], ids[i] = item{pub, f}, id
	}
	pr0, sc0 := c.Work()
	cpu0, gc0 := cpuTime(), gcCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it := items[i]
		if _, err := c.AddFeatures(ctx, ids[i], "", it.pub, it.f); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	pr1, sc1 := c.Work()
	_, nStories := c.Len()
	b.ReportMetric(float64(pr1-pr0)/float64(b.N), "postings/article")
	b.ReportMetric(float64(sc1-sc0)/float64(b.N), "scored/article")
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(h.heapPer, "heapB/article")
	b.ReportMetric(float64(held)/h.build.Seconds(), "build-articles/s")
	b.ReportMetric(float64(nStories), "stories")
	b.ReportMetric((gcCPU()-gc0).Seconds()*1e6/float64(b.N), "gc-cpu-µs/article")
}

// heldFeatures is BenchmarkAddFeatures' held set, kept between its runs.
var heldFeatures struct {
	n       int
	c       *story.Clusterer
	src     *featSynth
	build   time.Duration
	heapPer float64
}
