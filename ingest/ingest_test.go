package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/seedtest"
)

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

type result struct {
	ids  []string
	srcs []string
	errs []error
}

func readAll(t *testing.T, r *ingest.Reader, paths ...string) result {
	t.Helper()
	var res result
	err := r.Read(context.Background(), paths, func(it ingest.Item) error {
		if it.Err != nil {
			res.errs = append(res.errs, it.Err)
			return nil
		}
		res.ids = append(res.ids, it.Article.ID)
		res.srcs = append(res.srcs, it.Article.Source)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

const story1 = `{"id":"a1","outlet":"Demo Wire","published":"2024-10-11","text":"Israel's security cabinet met on Thursday to discuss a response."}`
const story2 = `{"url":"https://example.test/x","published":"2024-10-11T09:30:00Z","html":"<html><body><p>Iran's foreign minister spoke to reporters in Tehran.</p></body></html>"}`

func TestRead_Formats(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/one.jsonl", []byte(story1+"\n\n"+story2+"\n"))
	write(t, dir, "a/two.json", []byte("{\n  \"id\": \"pretty\",\n  \"text\": \"A pretty-printed record with text.\"\n}\n"))
	write(t, dir, "b/three.txt.gz", gz(t, []byte("Headline\n\nThe Pentagon said on Thursday a call would take place.\n")))
	write(t, dir, "b/four.html", []byte("<!doctype html><html><body><p>Body text of a page.</p></body></html>"))
	write(t, dir, "b/ignored.csv", []byte("a,b\n"))
	write(t, dir, ".hidden/five.txt", []byte("hidden"))
	pub := time.Date(2024, 10, 11, 0, 0, 0, 0, time.UTC)
	r := ingest.NewReader(ingest.Options{Published: &pub, Outlet: "CLI Outlet"}, nil)
	res := readAll(t, r, dir)
	if len(res.errs) != 0 {
		t.Fatalf("errors: %v", res.errs)
	}
	if got, want := len(res.ids), 5; got != want {
		t.Fatalf("read %d articles (%v), want %d", got, res.ids, want)
	}
	if got, want := res.ids[0], "a1"; got != want {
		t.Fatalf("first id=%q, want %q", got, want)
	}
	if got, want := res.srcs[1], filepath.Join(dir, "a/one.jsonl")+":3"; got != want {
		t.Fatalf("source=%q, want %q (blank line counted)", got, want)
	}
	if !strings.HasPrefix(res.ids[1], "sha256:") || len(res.ids[1]) != len("sha256:")+16 {
		t.Fatalf("content id=%q", res.ids[1])
	}
}

func TestRead_Metadata(t *testing.T) {
	pub := time.Date(2024, 10, 11, 0, 0, 0, 0, time.UTC)
	r := ingest.NewReader(ingest.Options{Published: &pub, Outlet: "CLI Outlet", URL: "https://cli.test/"}, strings.NewReader(story2+"\n"+"{\"text\":\"x\",\"published\":\"last Tuesday\"}\n"))
	var got []*ingestArticle
	r.Read(context.Background(), []string{"-"}, func(it ingest.Item) error {
		if it.Err != nil {
			t.Fatalf("error: %v", it.Err)
		}
		got = append(got, &ingestArticle{it.Article.Published, it.Article.Outlet, it.Article.URL, it.Article.RawFormat, len(it.Article.Flags)})
		return nil
	})
	if len(got) != 2 {
		t.Fatalf("got %d", len(got))
	}
	if got[0].pub.Hour() != 9 || got[0].url != "https://example.test/x" || got[0].outlet != "CLI Outlet" || got[0].format != "html" {
		t.Fatalf("record metadata not kept: %+v", got[0])
	}
	if !got[1].pub.Equal(pub) || got[1].flags != 1 {
		t.Fatalf("bad date should fall back to --published and be flagged: %+v", got[1])
	}
}

type ingestArticle struct {
	pub                 *time.Time
	outlet, url, format string
	flags               int
}

// TestRead_BadInput feeds every kind of broken input in one batch: each is reported with its file
// (and line), none aborts the batch, and the good records around them are all read.
func TestRead_BadInput(t *testing.T) {
	dir := t.TempDir()
	good := gz(t, []byte(story1+"\n"+strings.Replace(story1, "a1", "a2", 1)+"\n"+strings.Replace(story1, "a1", "a3", 1)+"\n"))
	write(t, dir, "01-truncated.jsonl.gz", good[:len(good)-12])
	write(t, dir, "02-invalid-utf8.txt", []byte("The minister said \xff\xfe the talks went well.\n"))
	write(t, dir, "03-binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"))
	huge := bytes.Repeat([]byte("x"), 50<<20)
	var big bytes.Buffer
	big.WriteString(`{"id":"before","text":"before the long line"}` + "\n")
	big.WriteString(`{"id":"huge","text":"`)
	big.Write(huge)
	big.WriteString("\"}\n")
	big.WriteString(`{"id":"after","text":"after the long line"}` + "\n")
	write(t, dir, "04-long-line.jsonl", big.Bytes())
	write(t, dir, "05-empty.txt", nil)
	write(t, dir, "06-malformed.jsonl", []byte(`{"id":"m1","text":"ok one"}`+"\n"+`{"id":"m2","text":`+"\n"+`not json at all`+"\n"+`{"id":"m3"}`+"\n"+`{"id":"m4","text":"ok four"}`+"\n"))
	write(t, dir, "07-truncated.txt.gz", gz(t, bytes.Repeat([]byte("Some words of an article. "), 4000))[:300])
	write(t, dir, "08-empty.jsonl", []byte("\n\n"))

	r := ingest.NewReader(ingest.DefaultOptions(), nil)
	res := readAll(t, r, dir, filepath.Join(dir, "missing.txt"))
	want := map[string]bool{"before": true, "after": true, "m1": true, "m4": true}
	for _, id := range res.ids {
		delete(want, id)
	}
	if len(want) != 0 {
		t.Fatalf("good records lost: %v (read %v)", want, res.ids)
	}
	// 02 is read (with the bad bytes replaced): it is text, just damaged.
	if len(res.ids) < 6 {
		t.Fatalf("read %v", res.ids)
	}
	msgs := make([]string, len(res.errs))
	for i, e := range res.errs {
		msgs[i] = e.Error()
	}
	all := strings.Join(msgs, "\n")
	for _, w := range []string{
		"01-truncated.jsonl.gz", "03-binary.txt: binary", "04-long-line.jsonl:2: too large",
		"05-empty.txt: empty", "06-malformed.jsonl:2: invalid JSON", "06-malformed.jsonl:3: invalid JSON",
		"06-malformed.jsonl:4: record has neither", "07-truncated.txt.gz", "08-empty.jsonl: empty", "missing.txt",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("no error mentioning %q in:\n%s", w, all)
		}
	}
	for _, e := range res.errs {
		var ie *ingest.Error
		if !errors.As(e, &ie) {
			t.Errorf("error %v is not an *ingest.Error", e)
		}
	}
}

func TestRead_Seeds(t *testing.T) {
	dir := seedtest.Shared(t, "seeds")
	res := readAll(t, ingest.NewReader(ingest.DefaultOptions(), nil), dir)
	if len(res.errs) != 0 || len(res.ids) != 5 {
		t.Fatalf("seeds: %d articles, errors %v", len(res.ids), res.errs)
	}
	// the same content gives the same id
	again := readAll(t, ingest.NewReader(ingest.DefaultOptions(), nil), dir)
	for i := range res.ids {
		if res.ids[i] != again.ids[i] {
			t.Fatalf("content ids not stable: %s vs %s", res.ids[i], again.ids[i])
		}
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; i < 1000; i++ {
		buf.WriteString(`{"outlet":"Demo Wire","published":"2024-10-11","text":"` + strings.Repeat("Israel's security cabinet met on Thursday to discuss a response to Iran. ", 40) + `"}` + "\n")
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := ingest.NewReader(ingest.DefaultOptions(), bytes.NewReader(data))
		n := 0
		r.Read(context.Background(), []string{"-"}, func(it ingest.Item) error { n++; return nil })
		if n != 1000 {
			b.Fatalf("n=%d", n)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "records/s")
}
