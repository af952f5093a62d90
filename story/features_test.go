package story_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/story"
)

var updateGolden = flag.Bool("update", false, "rewrite story/testdata/extract.golden.txt from the current Extract")

// TestScanTextHeadlineCaps checks that the capitals of a title-cased headline do not make names
// of ordinary words, while names the body also capitalises stay names.
func TestScanTextHeadlineCaps(t *testing.T) {
	text := "Crane Operator Faces Charges After Valmora Terminal Collapse\n" +
		"Prosecutors in Valmora charged the operator of a crane that fell onto a cargo ship in March.\n" +
		"The operator faces two charges, the Valmora harbour authority said on Tuesday."
	f := story.Extract(&sitrep.Article{Text: text}, 1000, 1000)
	for _, want := range []string{"n:valmora"} {
		if f.Entities[want] == 0 {
			t.Errorf("entity %q missing: %v", want, f.Entities)
		}
	}
	for _, bad := range []string{"n:faces", "n:charges", "n:crane", "n:operator", "n:collapse", "n:crane operator faces charges"} {
		if f.Entities[bad] != 0 {
			t.Errorf("headline word %q counted as a name: %v", bad, f.Entities)
		}
	}
	// The words still count as terms.
	for _, want := range []string{"crane", "operator", "charge"} {
		if f.Terms[want] == 0 {
			t.Errorf("term %q missing: %v", want, f.Terms)
		}
	}
}

// TestScanTextSentenceCaseHeadline checks that a sentence-case headline keeps its names.
func TestScanTextSentenceCaseHeadline(t *testing.T) {
	text := "Ferry Aurelia runs aground near Portwick with 212 on board\n" +
		"The ferry ran aground in fog, the coastguard said."
	f := story.Extract(&sitrep.Article{Text: text}, 1000, 1000)
	if f.Entities["n:portwick"] == 0 {
		t.Errorf("name in a sentence-case headline lost: %v", f.Entities)
	}
}

// TestExtractWeights checks the weights and the choice of the strongest features on a short text
// whose counts are known: the lead's words count three times, 1+ln(count) is the weight, and
// among equal counts the alphabetically first key is kept.
func TestExtractWeights(t *testing.T) {
	text := "Harbour crane collapse injures Dock workers in Portwick.\n" +
		"The crane fell onto a barge near the harbour of Portwick on Tuesday."
	// crane, harbour and portwick count 6 each (2×3): the bound of 2 keeps the first two by key.
	f := story.Extract(&sitrep.Article{Text: text}, 2, 1)
	want := map[string]float64{
		"crane":   1 + math.Log(6),
		"harbour": 1 + math.Log(6),
	}
	if len(f.Terms) != len(want) {
		t.Fatalf("terms %v, want %v", f.Terms, want)
	}
	for k, w := range want {
		if math.Abs(f.Terms[k]-w) > 1e-12 {
			t.Errorf("term %q weight %v, want %v (all: %v)", k, f.Terms[k], w, f.Terms)
		}
	}
	if len(f.Entities) != 1 || f.Entities["n:portwick"] != 1+math.Log(6) {
		t.Errorf("entities %v, want only n:portwick at 1+ln 6", f.Entities)
	}
	if f.Lead != "Harbour crane collapse injures Dock workers in Portwick." {
		t.Errorf("lead %q", f.Lead)
	}
}

// TestExtractTies checks the choice among many words counted the same: a word counted more is
// kept whatever its place in the alphabet, and the places left go to the alphabetically first of
// the words counted once, wherever they stand in the text.
func TestExtractTies(t *testing.T) {
	var b strings.Builder
	// The first 40 words count three times: fill them with function words, which are not terms.
	b.WriteString(strings.Repeat("the ", 40) + "zulu zulu zulu\n")
	for i := 0; i < 101; i++ {
		fmt.Fprintf(&b, "w%03d ", i*37%101)
	}
	f := story.Extract(&sitrep.Article{Text: b.String()}, 37, 5)
	if len(f.Terms) != 37 || f.Terms["zulu"] != 1+math.Log(3) {
		t.Fatalf("want zulu and 36 more, got %v", f.Terms)
	}
	for i := 0; i < 36; i++ {
		if k := fmt.Sprintf("w%03d", i); f.Terms[k] != 1 {
			t.Errorf("term %s missing or weighted %v", k, f.Terms[k])
		}
	}
}

// TestExtractKeysOwnText checks that the feature keys Extract returns stay valid after more
// calls: they must not share memory with scratch space a later call overwrites.
func TestExtractKeysOwnText(t *testing.T) {
	first := story.Extract(&sitrep.Article{Text: "Valmora Dockers Union strikes at the Valmora container terminal.\nÉLODIE Brun, the union's leader, said the STRIKE continues."}, 50, 50)
	snapshot := dumpFeatures(first)
	for i := 0; i < 20; i++ {
		story.Extract(&sitrep.Article{Text: strings.Repeat(fmt.Sprintf("Zed%d Quux%d overwrites every buffer ZZZZZZZZ. ", i, i), 40)}, 50, 50)
	}
	if got := dumpFeatures(first); got != snapshot {
		t.Fatalf("features changed after later calls:\nbefore %s\nafter  %s", snapshot, got)
	}
}

// dumpFeatures renders f canonically: keys sorted, weights as exact bit patterns.
func dumpFeatures(f *story.Features) string {
	var b strings.Builder
	for _, m := range []map[string]float64{f.Terms, f.Entities, f.Events} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteString("{")
		for _, k := range keys {
			fmt.Fprintf(&b, "%q:%x ", k, math.Float64bits(m[k]))
		}
		b.WriteString("}")
	}
	fmt.Fprintf(&b, "%s|%s|%q|%q", f.Lo.Format(time.RFC3339Nano), f.Hi.Format(time.RFC3339Nano), f.Lead, f.Title)
	return b.String()
}

// extractDigest runs Extract on a copy of a with the clusterer's default bounds, with larger ones
// and with small ones (where ties at the cut decide), and returns a digest of the three outputs.
func extractDigest(a *sitrep.Article) string {
	h := sha256.New()
	for _, n := range [][2]int{{32, 16}, {48, 24}, {6, 3}} {
		c := *a
		fmt.Fprintf(h, "%d/%d %s\n", n[0], n[1], dumpFeatures(story.Extract(&c, n[0], n[1])))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// TestExtractGolden compares the output of Extract on real text with digests recorded in
// testdata/extract.golden.txt: the five seeds and every ECB+ dev document, each as plain text
// (no title, no date), cleaned, and cleaned and analysed by the timex, actor, quote and event
// stages (so that actor codes, mentions, events and time expressions count). Feature ids and
// close clustering decisions depend on exactly these features, so any change to them must be
// deliberate: regenerate with go test ./story -run TestExtractGolden -update.
func TestExtractGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analysis stages on 777 documents")
	}
	type doc struct{ key, text string }
	var docs []doc
	pub := map[string]time.Time{}
	for _, s := range seedtest.Seeds(t) {
		key := "seed/" + s.Name[:3]
		docs = append(docs, doc{key, s.Raw})
		pub[key] = s.Published
	}
	ecb, err := story.LoadECB(filepath.Join(seedtest.Shared(t, "data", "ecbplus-dev"), "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ecb {
		docs = append(docs, doc{"ecb/" + d.ID, d.Text})
	}
	ctx := context.Background()
	cl := clean.New(clean.DefaultOptions())
	p := analysisPipeline(t)
	got := map[string]string{}
	for _, d := range docs {
		var line []string
		plain := &sitrep.Article{ID: d.key, Text: d.text}
		line = append(line, "plain="+extractDigest(plain))
		cleaned := &sitrep.Article{ID: d.key, Raw: d.text, RawFormat: "text", Text: d.text}
		if p, ok := pub[d.key]; ok {
			cleaned.Published = &p
		}
		if err := cl.Clean(ctx, cleaned); err != nil {
			t.Fatal(err)
		}
		line = append(line, "clean="+extractDigest(cleaned))
		analysed := &sitrep.Article{ID: d.key, Raw: d.text, RawFormat: "text"}
		if err := p.Analyze(ctx, analysed); err != nil {
			t.Fatal(err)
		}
		if len(analysed.Actors)+len(analysed.Events)+len(analysed.Timexes) == 0 && strings.HasPrefix(d.key, "seed/") {
			t.Fatalf("%s: the analysis stages filled nothing", d.key)
		}
		line = append(line, "stages="+extractDigest(analysed))
		got[d.key] = strings.Join(line, " ")
	}
	path := filepath.Join("testdata", "extract.golden.txt")
	if *updateGolden {
		writeGolden(t, path, got)
		return
	}
	want := readGolden(t, path)
	bad := 0
	for _, d := range docs {
		w, ok := want[d.key]
		switch {
		case !ok:
			t.Errorf("%s: no golden digest (new document? regenerate with -update if the data changed)", d.key)
			bad++
		case w != got[d.key]:
			t.Errorf("%s: features changed: got %s, want %s", d.key, got[d.key], w)
			bad++
		}
		if bad >= 10 {
			t.Fatal("too many differences")
		}
	}
	t.Logf("%d documents, 3 preparations each, identical to %s", len(docs), path)
}

func writeGolden(t *testing.T, path string, got map[string]string) {
	t.Helper()
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("# Digests of story.Extract output per document (see TestExtractGolden); regenerate with\n")
	b.WriteString("# go test ./story -run TestExtractGolden -update\n")
	for _, k := range keys {
		b.WriteString(k + " " + got[k] + "\n")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d digests to %s", len(keys), path)
}

func readGolden(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (generate with -update)", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("%s: malformed line %q", path, line)
		}
		out[k] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzExtract checks that Extract never panics on arbitrary bytes (invalid UTF-8 included), keeps
// its bounds, returns valid feature keys, and gives the same output twice.
func FuzzExtract(f *testing.F) {
	f.Add("Crane Operator Faces Charges\nProsecutors in Valmora charged the operator, 1,800 tonnes.", "Valmora crane", 4, 2)
	f.Add("O’Brien’s U.S.-backed plan: “KURDS PLEA” — 3.5 p.m. ÉLODIE Brun's\xff\xfe", "", 1, 1)
	f.Add(strings.Repeat("Ab-cd'ef.gh ", 5000), "Ab", 0, 0)
	f.Add("\xe2\x80", "\xe2", 3, 3)
	f.Add(strings.Repeat("\xff", 40000), "", 3, 3)
	f.Fuzz(func(t *testing.T, text, title string, nt, ne int) {
		nt, ne = nt&63, ne&63
		a := &sitrep.Article{Text: text, Title: title}
		x := story.Extract(a, nt, ne)
		if len(x.Terms) > nt || len(x.Entities) > ne {
			t.Fatalf("%d terms, %d entities: bounds %d, %d", len(x.Terms), len(x.Entities), nt, ne)
		}
		for _, m := range []map[string]float64{x.Terms, x.Entities} {
			for k, w := range m {
				if k == "" || w < 1 || math.IsNaN(w) || math.IsInf(w, 0) {
					t.Fatalf("feature %q weight %v", k, w)
				}
			}
		}
		if utf8.ValidString(text) && utf8.ValidString(title) {
			for k := range x.Terms {
				if !utf8.ValidString(k) {
					t.Fatalf("invalid UTF-8 term %q from valid text", k)
				}
			}
		}
		if y := story.Extract(a, nt, ne); dumpFeatures(x) != dumpFeatures(y) {
			t.Fatalf("two calls differ:\n%s\n%s", dumpFeatures(x), dumpFeatures(y))
		}
	})
}
