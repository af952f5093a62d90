package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/sitrep/sitrep"
)

// Job is one unit of input for Run: an article to analyse, or an error to pass through in order.
type Job struct {
	Article *sitrep.Article
	Err     error
}

// Run analyses the articles that next yields on workers goroutines (0 means GOMAXPROCS) and calls
// emit for each, in input order, with the analysed article or its error. next returns ok=false
// when the input is exhausted. Run stops at the first error returned by emit or next, or when ctx
// is done, and waits for its goroutines before returning.
func (p *Pipeline) Run(ctx context.Context, workers int, next func() (Job, bool, error), emit func(Job) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type slot struct {
		job  Job
		done chan struct{}
	}
	// order carries slots in input order to the emitter; work carries them to the workers.
	order := make(chan *slot, workers*4)
	work := make(chan *slot, workers*4)
	var wg sync.WaitGroup
	var nextErr error
	wg.Add(1)
	go func() { // feeder
		defer wg.Done()
		defer close(order)
		defer close(work)
		for {
			j, ok, err := next()
			if err != nil {
				nextErr = err
				return
			}
			if !ok {
				return
			}
			s := &slot{job: j, done: make(chan struct{})}
			select {
			case order <- s:
			case <-ctx.Done():
				return
			}
			select {
			case work <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if s.job.Err == nil && s.job.Article != nil && ctx.Err() == nil {
					s.job.Err = p.Analyze(ctx, s.job.Article)
				}
				close(s.done)
			}
		}()
	}
	var emitErr error
	for s := range order {
		select {
		case <-s.done:
		case <-ctx.Done():
		}
		if emitErr == nil && ctx.Err() == nil {
			if err := emit(s.job); err != nil {
				emitErr = err
				cancel()
			}
		}
	}
	cancel()
	// drain so that workers blocked on work can finish
	for range work {
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	if nextErr != nil {
		return nextErr
	}
	return parent.Err()
}
