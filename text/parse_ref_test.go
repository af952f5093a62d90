package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sharedSeeds returns the seed texts under the shared folder (SITREP_SHARED, or found by
// walking up from the working directory), or nil when absent.
func sharedSeeds(t testing.TB) []string {
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		wd, _ := os.Getwd()
		for d := wd; ; d = filepath.Dir(d) {
			if st, err := os.Stat(filepath.Join(d, "shared", "seeds")); err == nil && st.IsDir() {
				dir = filepath.Join(d, "shared")
				break
			}
			if filepath.Dir(d) == d {
				return nil
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	var out []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, string(b))
		}
	}
	return out
}

// parseCases are hand-written inputs covering the tokenizer's special cases.
var parseCases = []string{
	"Israel’s U.S.-backed cease-fire, 1,800 missiles; “win” Netanyahu's.",
	"The U.S. envoy met Gen. Smith on Oct. 1 in Washington. He left.",
	"Troops went to the U.S. The talks stalled. MR. JONES left. A.B.C. News e.g. p.m.",
	"O'Brien don't rock'n'roll AT&T Ben & Jerry's 12th 1990s 7km 3.5 a.m. 10:30 U.S.A.",
	"Ünïcödé Zürich’s Ångström; naïve café — «quoted» ‹x› „low“ 'single' l’Élysée Dvořák’S",
	"Tabs\tand\u00a0non-breaking\u2003spaces\r\nand lines\n\nnew paragraph. E.U. É.U. x.y.z",
	"trailing apostrophe: the Jones' house, the boss’ car; ’s at start; 's",
	"Weird ...  ?! ... (parens) [brackets] \"He said.\" Then: ok! Why? Because.",
	"\xff\xfe broken utf8 \xc3 here. Next sentence.",
	"",
}

func TestParseMatchesReference(t *testing.T) {
	inputs := append([]string{}, parseCases...)
	inputs = append(inputs, sharedSeeds(t)...)
	for k, in := range inputs {
		got, want := Parse(in), refParse(in)
		if !reflect.DeepEqual(got.Tokens, want.Tokens) && !(len(got.Tokens) == 0 && len(want.Tokens) == 0) {
			t.Errorf("input %d: tokens differ from the reference", k)
		}
		if !reflect.DeepEqual(got.Sentences, want.Sentences) {
			t.Errorf("input %d: sentences differ from the reference:\n got %v\nwant %v", k, got.Sentences, want.Sentences)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c)
	}
	f.Add(strings.Repeat("U.S.", 50) + " A.")
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Parse(s), refParse(s)
		if len(got.Tokens) != len(want.Tokens) || (len(got.Tokens) > 0 && !reflect.DeepEqual(got.Tokens, want.Tokens)) {
			t.Fatalf("tokens differ for %q", s)
		}
		if !reflect.DeepEqual(got.Sentences, want.Sentences) {
			t.Fatalf("sentences differ for %q", s)
		}
	})
}

// BenchmarkParseSeeds measures Parse on the seed articles (read from the shared folder at test
// time); one iteration parses all of them.
func BenchmarkParseSeeds(b *testing.B) {
	seeds := sharedSeeds(b)
	if len(seeds) == 0 {
		b.Skip("shared seeds not found (set SITREP_SHARED)")
	}
	n := 0
	for _, s := range seeds {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, s := range seeds {
			Parse(s)
		}
	}
	b.ReportMetric(float64(b.N*len(seeds))/b.Elapsed().Seconds(), "articles/s")
	// CPU time leaves out other processes: on a shared, loaded box it is the fairer figure.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N*len(seeds))/cpu.Seconds(), "articles/cpu-s")
	}
}
