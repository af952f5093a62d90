package story

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/sitrep/sitrep"
)

// Ahead extracts the features of a batch of articles on other goroutines, in index order, while
// the caller places the articles in order with AddWith(ctx, arts[i], Features(i)). Extraction
// reads only the article, placement depends on every earlier decision: overlapping the two keeps
// one core placing while the others extract, where extracting the whole batch first leaves the
// placing core idle meanwhile (and the other cores idle during placement). The result is the same
// as Add in that order.
//
// An Ahead must be closed; Close waits for the workers, so the articles can be changed afterwards.
type Ahead struct {
	arts  []*sitrep.Article
	feats []*Features
	ready []chan struct{}
	next  atomic.Int64
	stop  atomic.Bool
	wg    sync.WaitGroup
}

// Ahead starts extracting the features of arts on workers goroutines (0 or less: one fewer than
// GOMAXPROCS, at least one). also, when not nil, runs on the same goroutine after the features of
// article i, for other per-article work that reads only the article (a copy signature).
func (c *Clusterer) Ahead(arts []*sitrep.Article, workers int, also func(i int)) *Ahead {
	if workers <= 0 {
		workers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	workers = min(workers, len(arts))
	h := &Ahead{arts: arts, feats: make([]*Features, len(arts)), ready: make([]chan struct{}, len(arts))}
	for i := range h.ready {
		h.ready[i] = make(chan struct{})
	}
	for range workers {
		h.wg.Go(func() {
			for !h.stop.Load() {
				i := int(h.next.Add(1) - 1)
				if i >= len(arts) {
					return
				}
				h.feats[i] = c.Features(arts[i])
				if also != nil {
					also(i)
				}
				close(h.ready[i])
			}
		})
	}
	return h
}

// Features waits for article i's features (and its also call) and returns them.
func (h *Ahead) Features(i int) *Features {
	<-h.ready[i]
	return h.feats[i]
}

// Close stops the workers taking further articles and waits for them.
func (h *Ahead) Close() {
	h.stop.Store(true)
	h.wg.Wait()
}
