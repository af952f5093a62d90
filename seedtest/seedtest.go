// Package seedtest gives tests access to the project's shared material — the five seed articles and
// the evaluation sets — which live outside the repository (in ../shared beside the checkout) and
// are read at test time, never copied in. Tests call Shared or Seeds and are skipped when the
// material is absent.
package seedtest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// Seed is one seed article as scraped, with the publication date the project uses for it in tests
// (the scraped files carry none; these were established from the articles' own content).
type Seed struct {
	Name      string // file name without extension, e.g. "000_4c9c4bbde8824061"
	Path      string
	Raw       string
	Published time.Time
}

// published maps seed name prefixes to their publication dates.
var published = map[string]string{
	"000": "2024-10-11", // Israeli security cabinet met "on Thursday" (Oct 10); Axios report of Oct 10
	"001": "2024-04-15", // Iran's missile and drone attack "over the weekend" (Apr 13–14, 2024)
	"002": "2026-01-16", // Mossad chief "arrived in the U.S. on Friday" (Jan 16, 2026)
	"003": "2026-02-11", // seventh Trump–Netanyahu meeting of the second term (Feb 2026)
	"004": "2024-10-11", // Pentagon spoke "Thursday" (Oct 10); Biden call "Wednesday" (Oct 9)
}

// SharedDir returns the shared folder: $SITREP_SHARED, or the first "shared" folder holding
// "seeds" found walking up from the working directory. It returns "" when there is none.
func SharedDir() string {
	if d := os.Getenv("SITREP_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(cand, "seeds")); err == nil && st.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Shared returns the path of elem inside the shared folder, skipping the test when it is absent.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	d := SharedDir()
	if d == "" {
		tb.Skip("shared material not found (set SITREP_SHARED)")
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared material %s absent: %v", p, err)
	}
	return p
}

// Seeds loads the seed articles in name order, skipping the test when they are absent.
func Seeds(tb testing.TB) []Seed {
	tb.Helper()
	dir := Shared(tb, "seeds")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Skipf("no seeds in %s", dir)
	}
	sort.Strings(paths)
	out := make([]Seed, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("read seed: %v", err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		s := Seed{Name: name, Path: p, Raw: string(b)}
		if d, ok := published[name[:3]]; ok {
			s.Published, _ = time.Parse("2006-01-02", d)
		}
		out = append(out, s)
	}
	return out
}

// SeedByPrefix returns the seed whose name starts with prefix ("003"), failing the test if there is none.
func SeedByPrefix(tb testing.TB, prefix string) Seed {
	tb.Helper()
	for _, s := range Seeds(tb) {
		if strings.HasPrefix(s.Name, prefix) {
			return s
		}
	}
	tb.Fatalf("no seed %s", prefix)
	return Seed{}
}
