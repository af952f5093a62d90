package clean_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
)

// loadAEBPages reads up to n benchmark pages (all when n <= 0), skipping when the set is absent.
func loadAEBPages(tb testing.TB, n int) []string {
	tb.Helper()
	dir := seedtest.Shared(tb, "data", "aeb")
	pages, err := clean.LoadAEB(dir)
	if err != nil {
		tb.Fatalf("load aeb: %v", err)
	}
	if n > 0 && n < len(pages) {
		pages = pages[:n]
	}
	out := make([]string, 0, len(pages))
	for _, p := range pages {
		src, err := clean.ReadAEBHTML(dir, p.ID)
		if err != nil {
			tb.Fatalf("read page: %v", err)
		}
		out = append(out, src)
	}
	return out
}

// benchExtract extracts pages round-robin on all cores and reports pages/s.
func benchExtract(b *testing.B, pages []string, opts clean.HTMLOptions) {
	ctx := context.Background()
	var bytes int64
	for _, p := range pages {
		bytes += int64(len(p))
	}
	b.SetBytes(bytes / int64(len(pages)))
	b.ReportAllocs()
	var next atomic.Int64
	b.SetParallelism(1) // one goroutine per GOMAXPROCS
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(next.Add(1)) % len(pages)
			if _, err := clean.ExtractHTML(ctx, pages[i], opts); err != nil {
				b.Errorf("extract: %v", err)
			}
		}
	})
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	// CPU time per page (process-wide, GC included) is steadier than wall time on a shared box;
	// cores/cpu-per-page is the throughput the cores would give if the box were idle.
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/page")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0))*float64(b.N)/cpu.Seconds(), "idle-pages/s")
}

// cpuTime returns the user+system CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractHTMLAEB extracts the Article Extraction Benchmark's pages (read at test time).
func BenchmarkExtractHTMLAEB(b *testing.B) {
	pages := loadAEBPages(b, 0)
	b.Run("fallback", func(b *testing.B) { benchExtract(b, pages, clean.HTMLOptions{Fallback: true}) })
	b.Run("nofallback", func(b *testing.B) { benchExtract(b, pages, clean.HTMLOptions{Fallback: false}) })
}

// BenchmarkExtractHTMLPage extracts the news page written for the tests (testdata/html/article).
func BenchmarkExtractHTMLPage(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "html", "article", "page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fallback", func(b *testing.B) { benchExtract(b, []string{string(raw)}, clean.HTMLOptions{Fallback: true}) })
	b.Run("nofallback", func(b *testing.B) { benchExtract(b, []string{string(raw)}, clean.HTMLOptions{Fallback: false}) })
}
