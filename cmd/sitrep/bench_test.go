package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/seedtest"
)

// seedCorpus returns n JSON Lines records made of the seeds, each with its own id and edition
// line, so every record is new to the store.
func seedCorpus(b *testing.B, n int) []byte {
	seeds := seedtest.Seeds(b)
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		s := seeds[i%len(seeds)]
		rec, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("bench-%d", i), "published": s.Published.Format("2006-01-02"),
			"outlet": fmt.Sprintf("Outlet %d", i%23), "text": s.Raw + fmt.Sprintf("\n\nEdition %d.", i)})
		buf.Write(rec)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// BenchmarkIngest measures "sitrep ingest" end to end on flattened text (the seeds): read,
// clean, analyse on all cores, store in batched transactions. "clean+store" runs the
// foundation only (cleaning, language, store); "full" adds every analysis stage and the
// post-commit work (copies, stories, tracking). It reports articles/s.
func BenchmarkIngest(b *testing.B) {
	n := benchN
	if testing.Short() {
		n = 300
	}
	data := seedCorpus(b, n)
	for _, mode := range []string{"clean+store", "full"} {
		b.Run(mode, func(b *testing.B) {
			ctx := context.Background()
			total := 0
			for i := 0; i < b.N; i++ {
				m := &Main{Stdin: bytes.NewReader(data), Stdout: io.Discard, Stderr: io.Discard, LogLevel: "error",
					DBPath: filepath.Join(b.TempDir(), "b.db")}
				st, err := m.openStore(ctx)
				if err != nil {
					b.Fatal(err)
				}
				p := &pipeline.Pipeline{Cleaner: clean.New(clean.DefaultOptions())}
				if mode == "full" {
					if err := st.openClustering(ctx, nil); err != nil {
						b.Fatal(err)
					}
					if p, err = m.newPipeline(ctx); err != nil {
						b.Fatal(err)
					}
				}
				res, err := m.ingestPaths(ctx, st, p, ingest.DefaultOptions(), 0, []string{"-"}, ingestHooks{})
				if err != nil || res.New != n {
					b.Fatalf("ingest: %+v %v", res, err)
				}
				st.Close()
				total += res.New
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// benchN is how many articles BenchmarkIngest ingests per run.
var benchN = 2000
