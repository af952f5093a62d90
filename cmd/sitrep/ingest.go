package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/pipeline"
)

// batchSize is how many analysed articles one store transaction commits at most.
const batchSize = 256

// batchWait is how long a partial batch may wait for more articles before it is committed.
const batchWait = 250 * time.Millisecond

func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := m.flagSet("ingest", "[flags] PATH... | -", `
Read articles, clean and analyse them, and store them in the database (--db, default ./sitrep.db,
created on first use). PATH may be a .txt, .html/.htm, .json (one record) or .jsonl (one record a
line) file, any of them .gz, a directory (read recursively: files with those extensions), or - for
stdin (format sniffed). A JSON record is
  {"id","url","outlet","title","author","published","language","text"|"html"}
with every field optional except one of text and html; published is a date or RFC 3339.
An article without an id gets a content hash; ingesting the same id twice is a no-op ("unchanged").
A bad file or record is reported as file:line: reason and skipped; the batch goes on. Articles are
acknowledged (counted as new) only once committed. Each committed batch then updates copies,
stories and storylines and is matched against tracking profiles. Prints
"N new, N unchanged, N failed". Once the store has grown by at least 1,000 articles and a tenth
of its size since the last time (counted across runs), ingest then optimizes the full-text index
(FTS5 merges its segments into one, which makes searches faster; 5-9 s at 100,000 articles).
Exit status: 0 when at least one usable article was read (new or unchanged), 1 otherwise.`)
	var in inputFlags
	in.add(fs)
	paths, opts, err := in.parse(fs, "ingest", args)
	if err != nil {
		return err
	}
	st, err := m.openClustered(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := m.newPipeline(ctx)
	if err != nil {
		return err
	}
	var bar *progressbar.ProgressBar
	if m.IsTerminal {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	t0 := time.Now()
	res, err := m.ingestPaths(ctx, st, p, opts, in.workers, paths, ingestHooks{
		item: func(err error) {
			if bar != nil {
				bar.Add(1)
			}
			if err != nil {
				if bar != nil {
					bar.Clear()
				}
				fmt.Fprintln(m.Stderr, "sitrep ingest:", err)
			}
		},
	})
	if bar != nil {
		bar.Finish()
	}
	n := res.New + res.Unchanged + res.Failed
	alerts := ""
	if st.Alerts > 0 {
		alerts = fmt.Sprintf(", %d alerts", st.Alerts)
	}
	fmt.Fprintf(m.Stderr, "ingest: %d new, %d unchanged, %d failed%s (%s)\n", res.New, res.Unchanged, res.Failed, alerts, rate(n, time.Since(t0)))
	if err != nil {
		return err
	}
	if err := st.optimizeAfterBulk(ctx, res.New); err != nil {
		fmt.Fprintln(m.Stderr, "sitrep ingest:", err)
	}
	if res.New+res.Unchanged == 0 {
		return &exitError{code: 1, err: fmt.Errorf("ingest: nothing usable was read")}
	}
	return nil
}

// optimizeMin is the fewest new articles after which ingest optimizes the full-text index (a
// variable so that tests can lower it).
var optimizeMin = 1000

// optimizeAfterBulk merges the full-text index into one segment once the store has grown enough
// since the last merge: by at least optimizeMin articles and a tenth of the store, counted across
// ingest runs (so many small runs add up). FTS5's automatic merging leaves many segments, and
// each query reads them all; the full merge costs roughly as much as indexing the store once,
// hence the proportional rule, which keeps its cost a bounded share of ingest time.
func (s *store) optimizeAfterBulk(ctx context.Context, fresh int) error {
	if fresh <= 0 {
		return nil
	}
	since, total, err := s.db.SearchIndexGrowth(ctx, fresh)
	if err != nil {
		return err
	}
	if since < optimizeMin || since*10 < total {
		return nil
	}
	t0 := time.Now()
	if err := s.db.MergeSearchIndex(ctx, 0); err != nil {
		return err
	}
	s.log.Info("optimized the search index", slog.Int("articles", total), slog.Int("since_last", since), slog.Duration("took", time.Since(t0)))
	return nil
}

// ingestHooks observe an ingest. Nil hooks are skipped.
type ingestHooks struct {
	// item is called for every article read, with the error that replaced it if any.
	item func(err error)
	// committed is called after each committed batch with its counts.
	committed func(fresh, unchanged int)
	// queued is called with the number of analysed articles waiting for the next commit.
	queued func(n int)
}

// ingestPaths reads, analyses and stores the articles of paths: analysis on all cores, in input
// order; one transaction per batch of up to batchSize articles (or batchWait); the post-commit
// work (copies, stories, tracking) after each commit. Articles count as new only once committed.
func (m *Main) ingestPaths(ctx context.Context, st *store, p *pipeline.Pipeline, opts ingest.Options, workers int, paths []string, h ingestHooks) (sitrep.IngestResult, error) {
	var res sitrep.IngestResult
	batch := make([]*sitrep.Article, 0, batchSize)
	last := time.Now()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		created, err := st.CreateArticles(ctx, batch)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		var fresh []*sitrep.Article
		for i, c := range created {
			if c {
				fresh = append(fresh, batch[i])
			}
		}
		res.New += len(fresh)
		res.Unchanged += len(created) - len(fresh)
		if h.committed != nil {
			h.committed(len(fresh), len(created)-len(fresh))
		}
		batch = batch[:0]
		last = time.Now()
		if h.queued != nil {
			h.queued(0)
		}
		return st.afterCommit(ctx, fresh)
	}
	err := m.readAnalyzed(ctx, p, opts, workers, paths, func(j pipeline.Job) error {
		if h.item != nil {
			h.item(j.Err)
		}
		if j.Err != nil {
			res.Failed++
			return nil
		}
		batch = append(batch, j.Article)
		if h.queued != nil {
			h.queued(len(batch))
		}
		if len(batch) >= batchSize || time.Since(last) > batchWait {
			return flush()
		}
		return nil
	})
	if ferr := flush(); err == nil {
		err = ferr
	}
	return res, err
}
