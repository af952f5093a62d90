package dedup_test

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/dedup"
	"github.com/sitrep/sitrep/seedtest"
)

// base is a short wire report written for these tests.
var base = []string{
	"The harbour authority in Valmora closed the northern container terminal on Tuesday after a crane collapsed onto a cargo ship during unloading, injuring four dock workers.",
	"Officials said two of the injured were taken to the regional hospital with broken bones, while the others were treated at the scene and released in the afternoon.",
	"The terminal handles about a third of the port's traffic, and shipping agents warned that vessels waiting offshore could face delays of up to five days.",
	"An inspection team from the transport ministry arrived in the evening to examine the crane, which had been serviced last month according to the operator.",
	"Unions representing the dock workers called for a full review of safety procedures and said they had raised concerns about ageing equipment for two years.",
}

// other reports a different happening of the same kind, in different words.
var other = []string{
	"A gantry crane toppled at the southern quay of Port Eliran on Friday, damaging two trucks but causing no injuries, the port operator said in a statement.",
	"Traffic at the quay was diverted to neighbouring berths and the operator expected normal service to resume within a day once the wreckage is cleared.",
	"Engineers will examine whether strong winds during the night contributed to the failure, a spokeswoman for the operator added.",
}

func join(p []string) string { return strings.Join(p, "\n\n") }

func day(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }

func TestAdd(t *testing.T) {
	ix := dedup.New(dedup.DefaultOptions())
	if r := ix.Add("wire", day(4), join(base)); r.DuplicateOf != "" {
		t.Fatalf("first article is a copy of %q", r.DuplicateOf)
	}
	tests := []struct {
		name, id, text string
		want           string
	}{
		{"NewHeadlineTrimmed", "trimmed", "Crane collapse shuts Valmora terminal\n\n" + join(base[:3]), "wire"},
		{"ParagraphAdded", "extended", join(base) + "\n\nThe operator said it would publish the maintenance records of the crane by the end of the week.", "wire"},
		{"LightRewrite", "rewrite", strings.ReplaceAll(strings.ReplaceAll(join(base), "Tuesday", "Tuesday morning"), "released in the afternoon", "sent home"), "wire"},
		{"SameKindOtherEvent", "other", join(other), ""},
		{"Unrelated", "unrelated", "The city council approved a new budget for public libraries, adding funds for longer opening hours and a mobile reading service for villages in the hills around the capital.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ix.Add(tt.id, day(5), tt.text)
			if got := r.DuplicateOf; got != tt.want {
				t.Fatalf("DuplicateOf=%q, want %q (similarity %.2f)", got, tt.want, r.Similarity)
			}
			if tt.want != "" && (r.Similarity < 0.7 || r.Similarity > 1) {
				t.Fatalf("similarity=%.2f, want in [0.7,1]", r.Similarity)
			}
		})
	}
}

// TestEarliestIsOrigin checks that an earlier-published copy ingested later becomes the origin
// and the others are relinked to it.
func TestEarliestIsOrigin(t *testing.T) {
	ix := dedup.New(dedup.DefaultOptions())
	ix.Add("b", day(6), join(base))
	ix.Add("c", day(7), join(base[:4]))
	r := ix.Add("a", day(5), "Valmora terminal closed\n\n"+join(base))
	if r.DuplicateOf != "" {
		t.Fatalf("earliest article is a copy of %q", r.DuplicateOf)
	}
	if got, want := len(r.Relinked), 2; got != want {
		t.Fatalf("relinked=%d, want %d: %+v", got, want, r.Relinked)
	}
	for _, l := range r.Relinked {
		if l.DuplicateOf != "a" {
			t.Fatalf("%s relinked to %q, want a", l.ArticleID, l.DuplicateOf)
		}
	}
}

// TestOrderIndependent ingests the same copies in every order and checks that each article
// ends up linked to the same origin.
func TestOrderIndependent(t *testing.T) {
	type art struct {
		id   string
		pub  time.Time
		text string
	}
	arts := []art{
		{"a", day(5), join(base)},
		{"b", day(6), "Valmora crane accident\n\n" + join(base[:4])},
		{"c", day(6), join(base) + "\n\nMore details will follow."},
		{"d", day(8), join(other)},
	}
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 12; trial++ {
		rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		ix := dedup.New(dedup.DefaultOptions())
		for _, a := range arts {
			ix.Add(a.id, a.pub, a.text)
		}
		for id, want := range map[string]string{"a": "a", "b": "a", "c": "a", "d": "d"} {
			if got, _, _ := ix.Origin(id); got != want {
				t.Fatalf("trial %d: origin of %s=%q, want %q", trial, id, got, want)
			}
		}
	}
}

// TestSeedsDistinct checks that the five seed articles, which report different (if related)
// happenings, are not taken for copies of one another, and that a trimmed copy of a seed is.
func TestSeedsDistinct(t *testing.T) {
	ix := dedup.New(dedup.DefaultOptions())
	for _, s := range seedtest.Seeds(t) {
		if r := ix.Add(s.Name, s.Published, s.Raw); r.DuplicateOf != "" {
			t.Fatalf("%s taken for a copy of %s (%.2f)", s.Name, r.DuplicateOf, r.Similarity)
		}
	}
	s := seedtest.SeedByPrefix(t, "004")
	paras := strings.Split(s.Raw, "\n")
	r := ix.Add("004-copy", s.Published.Add(time.Hour), "Pentagon expects call\n"+strings.Join(paras[1:len(paras)-2], "\n"))
	if r.DuplicateOf != s.Name {
		t.Fatalf("trimmed copy linked to %q, want %s", r.DuplicateOf, s.Name)
	}
}

func FuzzAdd(f *testing.F) {
	f.Add(join(base))
	f.Add("")
	f.Add(strings.Repeat("a ", 100000))
	f.Add("\xff\xfe a b c d e f g h i j")
	f.Fuzz(func(t *testing.T, s string) {
		ix := dedup.New(dedup.DefaultOptions())
		ix.Add("x", time.Time{}, s)
		r := ix.Add("y", time.Time{}, s)
		if r.Similarity < 0 || r.Similarity > 1 {
			t.Fatalf("similarity %v out of range", r.Similarity)
		}
	})
}

// BenchmarkAdd measures indexing throughput with 20,000 distinct articles already held.
func BenchmarkAdd(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", i*7919)
	}
	gen := func() string {
		var sb strings.Builder
		for i := 0; i < 300; i++ {
			sb.WriteString(vocab[int(rng.ExpFloat64()*400)%len(vocab)])
			sb.WriteByte(' ')
		}
		return sb.String()
	}
	ix := dedup.New(dedup.DefaultOptions())
	for i := 0; i < 20000; i++ {
		ix.Add(fmt.Sprint("pre", i), time.Time{}, gen())
	}
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = gen()
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Add(fmt.Sprint("b", i), time.Time{}, texts[i%len(texts)])
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}

// cpuTime returns the CPU time of the process so far (the box running the benchmarks is shared:
// wall time overstates the cost).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// variant returns a republished copy of the base report: a headline of its own, and every
// other copy trimmed of its last paragraph, as outlets republishing a wire text do.
func variant(i int) string {
	body := base
	if i%2 == 1 {
		body = base[:len(base)-1]
	}
	return fmt.Sprintf("Edition %d: crane accident in Valmora\n\n", i) + join(body)
}

// TestRestore checks that an index rebuilt from the records Changes returned gives the same
// origins as the index that produced them, including a group whose origin was ingested last,
// and keeps answering new articles the same way.
func TestRestore(t *testing.T) {
	ix := dedup.New(dedup.DefaultOptions())
	var recs []dedup.Record
	add := func(ix *dedup.Index, id string, d int, text string) dedup.Result {
		r := ix.Add(id, day(d), text)
		recs = append(recs, ix.Changes()...)
		return r
	}
	add(ix, "b", 6, join(base))
	add(ix, "c", 7, join(base[:4]))
	add(ix, "o1", 6, join(other))
	add(ix, "short", 6, "Too short.")
	add(ix, "u", 8, "The city council approved a new budget for public libraries, adding funds for longer opening hours and a mobile reading service.")
	if r := add(ix, "a", 5, "Valmora terminal closed\n\n"+join(base)); len(r.Relinked) != 2 {
		t.Fatalf("relinked %d, want 2", len(r.Relinked))
	}
	// Records of relinked articles come again with their new origin: keep the last of each.
	last := map[string]dedup.Record{}
	for _, r := range recs {
		last[r.ArticleID] = r
	}
	var final []dedup.Record
	for _, r := range last {
		final = append(final, r)
	}
	// Restore in a shuffled order: the origin may come after its copies.
	rand.New(rand.NewSource(3)).Shuffle(len(final), func(i, j int) { final[i], final[j] = final[j], final[i] })
	re := dedup.New(dedup.DefaultOptions())
	for _, r := range final {
		if !re.Restore(r) {
			t.Fatalf("record %s not restored", r.ArticleID)
		}
	}
	for _, id := range []string{"a", "b", "c", "o1", "u"} {
		o1, s1, ok1 := ix.Origin(id)
		o2, s2, ok2 := re.Origin(id)
		if o1 != o2 || s1 != s2 || ok1 != ok2 {
			t.Errorf("%s: restored origin %q %.3f %v, want %q %.3f %v", id, o2, s2, ok2, o1, s1, ok1)
		}
	}
	if got, want := re.Len(), ix.Len(); got != want {
		t.Errorf("restored Len=%d, want %d", got, want)
	}
	if !re.Has("short") {
		t.Error("a too-short article must be remembered as seen")
	}
	if len(re.Changes()) != 0 {
		t.Error("restoring must not produce changes to persist")
	}
	for _, x := range []*dedup.Index{ix, re} {
		if r := x.Add("d", day(9), join(base[1:])); r.DuplicateOf != "a" {
			t.Errorf("new copy after restore: DuplicateOf=%q, want a", r.DuplicateOf)
		}
		if r := x.Add("o2", day(9), join(other[:2])); r.DuplicateOf != "o1" {
			t.Errorf("new copy of other: DuplicateOf=%q, want o1", r.DuplicateOf)
		}
	}
	// A signature of the wrong length is refused.
	if re.Restore(dedup.Record{ArticleID: "bad", Size: 10, Signature: []uint32{1, 2, 3}}) {
		t.Error("a signature of the wrong length was restored")
	}
}

// TestManyCopies checks that a feed republishing one text thousands of times keeps the work per
// article bounded: every copy links to the first, and the signature comparisons per article do
// not grow with the group.
func TestManyCopies(t *testing.T) {
	opts := dedup.DefaultOptions()
	ix := dedup.New(opts)
	const n = 3000
	var firstHalf int64
	for i := 0; i < n; i++ {
		r := ix.Add(fmt.Sprint("copy", i), day(1).Add(time.Duration(i)*time.Minute), variant(i))
		if i > 0 && r.DuplicateOf != "copy0" {
			t.Fatalf("copy%d: DuplicateOf=%q, want copy0", i, r.DuplicateOf)
		}
		if i == n/2-1 {
			firstHalf = ix.Work()
		}
	}
	secondHalf := ix.Work() - firstHalf
	if max := int64(opts.Bands * opts.MaxBucket * n / 2); secondHalf > max {
		t.Fatalf("%d comparisons for the last %d copies, want at most %d", secondHalf, n/2, max)
	}
	// One match per group suffices: the comparisons stay near one per band.
	if per := float64(secondHalf) / (n / 2); per > float64(2*opts.Bands) {
		t.Errorf("%.1f comparisons per copy, want at most %d", per, 2*opts.Bands)
	}
	// An unrelated report is still told apart.
	if r := ix.Add("other", day(2), join(other)); r.DuplicateOf != "" {
		t.Errorf("unrelated report linked to %q", r.DuplicateOf)
	}
	// An earlier-published copy arriving last becomes the origin of all.
	r := ix.Add("earliest", day(1).Add(-time.Hour), variant(7))
	if r.DuplicateOf != "" || len(r.Relinked) != n {
		t.Fatalf("earliest: DuplicateOf=%q relinked=%d, want \"\" and %d", r.DuplicateOf, len(r.Relinked), n)
	}
}

// BenchmarkAddCopies measures indexing with 10,000 copies of one report already held (a feed
// republishing one text): each new copy must cost what a new article costs.
func BenchmarkAddCopies(b *testing.B) {
	ix := dedup.New(dedup.DefaultOptions())
	text := func(i int) string {
		return fmt.Sprintf("Edition %d: crane accident in Valmora\n\n", i) + join(base)
	}
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 10000; i++ {
		ix.Add(fmt.Sprint("pre", i), start.Add(time.Duration(i)*time.Minute), text(i))
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Add(fmt.Sprint("b", b.N, "-", i), start.Add(time.Duration(20000+i)*time.Minute), text(i))
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}

// BenchmarkRestore measures restoring 200,000 persisted records (random signatures, ids like
// "article-123456", every tenth a copy of the one before) and reports the heap bytes held per
// article after GC.
func BenchmarkRestore(b *testing.B) {
	const n = 200000
	opts := dedup.DefaultOptions()
	rng := rand.New(rand.NewSource(1))
	recs := make([]dedup.Record, n)
	for i := range recs {
		sig := make([]uint32, opts.NumHashes)
		for j := range sig {
			sig[j] = rng.Uint32()
		}
		recs[i] = dedup.Record{ArticleID: fmt.Sprintf("article-%06d", i), Seq: int64(i + 1), Published: day(1), Size: 300, Signature: sig}
		if i%10 == 9 {
			recs[i].Origin = recs[i-1].ArticleID
		}
	}
	var perArticle float64
	cpu0 := cpuTime()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		ix := dedup.New(opts)
		for _, r := range recs {
			ix.Restore(r)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		perArticle = float64(m1.HeapAlloc-m0.HeapAlloc) / n
		runtime.KeepAlive(ix)
	}
	b.StopTimer()
	b.ReportMetric(float64(n*b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
	b.ReportMetric(perArticle, "heapB/article")
}
