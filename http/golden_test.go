package http_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestAPI_Golden compares API responses over the mock fixture with the golden files in
// testdata/golden (indented JSON). Run with -update to rewrite them after an intended change.
func TestAPI_Golden(t *testing.T) {
	s, _, _ := newServer(t, nil)
	for _, tt := range []struct{ name, path string }{
		{"stories", "/api/v1/stories"},
		{"story-1", "/api/v1/stories/1"},
		{"storyline-1", "/api/v1/storylines/1"},
		{"actor-eyja", "/api/v1/actors/p:eyja"},
		{"search-trawler", "/api/v1/search?q=trawler"},
		{"error-notfound", "/api/v1/stories/99"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, body, _ := do(t, "GET", s.URL()+tt.path, "", "")
			var out bytes.Buffer
			if err := json.Indent(&out, body, "", "  "); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("%s differs from %s:\n%s", tt.path, path, firstDiff(got, string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, gl, wl)
		}
	}
	return ""
}
