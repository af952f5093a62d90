package dedup_test

import (
	"fmt"
	"math/rand"
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
