package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/store"
)

// collect reads the inputs, prepares each article on every core and adds
// it to coll (storing it), reporting each input that fails on stderr. It
// returns how many inputs failed, and false when the run cannot go on
// (interrupted, or the store failed); what was stored is kept either way.
func collect(ctx context.Context, env *environment, coll *pipeline.Collection, paths []string, opt ingest.Options) (failed int, ok bool) {
	r := newInputReporter(env)
	interrupted, stopped := prepareAndStore(ctx, env, paths, opt, r.report, 0, func(ctx context.Context, batch []*article.Document) error {
		for _, res := range coll.AddAll(ctx, batch) {
			if res.Err != nil {
				return res.Err
			}
		}
		return nil
	})
	switch {
	case stopped != nil:
		fmt.Fprintf(env.stderr, "corroborate: %v\n", stopped)
		return r.failed, false
	case interrupted != nil:
		fmt.Fprintf(env.stderr, "corroborate: interrupted: %v (what was stored so far is kept)\n", interrupted)
		return r.failed, false
	}
	return r.failed, true
}

// ingestBatchWait is how long a prepared document waits for others to
// share its store transaction: inputs that trickle in (a pipe) are stored
// soon, a directory in full batches.
const ingestBatchWait = time.Second

// ingestTally counts what became of the documents an engine was given.
type ingestTally struct{ added, unchanged, updated int }

func (t *ingestTally) count(o store.Outcome) {
	switch o {
	case store.Added:
		t.added++
	case store.Unchanged:
		t.unchanged++
	case store.Updated:
		t.updated++
	}
}

// ingestPaths reads the inputs, prepares each article on every core and
// has the engine store and assign the documents, many to a store
// transaction (Engine.AddAll), while the next ones are read and prepared.
// Each input or document that fails is reported on stderr and the rest go
// on. It returns how many failed, and false when the run cannot go on
// (interrupted, or the store failed); what was stored is kept either way,
// and on an interrupt what was already prepared is stored first.
func ingestPaths(ctx context.Context, env *environment, e *pipeline.Engine, paths []string, opt ingest.Options, tally *ingestTally) (failed int, ok bool) {
	r := newInputReporter(env)
	interrupted, stopped := prepareAndStore(ctx, env, paths, opt, r.report, ingestBatchWait, func(ctx context.Context, batch []*article.Document) error {
		res := e.AddAll(ctx, batch)
		refused := 0
		for i, x := range res {
			if x.Err != nil {
				refused++
				r.report(&ingest.InputError{Input: batch[i].Input, Err: x.Err})
				continue
			}
			tally.count(x.Outcome)
		}
		// A store that refuses a whole batch would refuse every batch after.
		if refused == len(batch) && len(batch) > 1 {
			return res[0].Err
		}
		return nil
	})
	switch {
	case stopped != nil:
		fmt.Fprintf(env.stderr, "corroborate: the store refused a whole batch, stopping: %v\n", stopped)
		return r.failed, false
	case interrupted != nil:
		fmt.Fprintf(env.stderr, "corroborate: interrupted: %v (what was stored so far is kept)\n", interrupted)
		return r.failed, false
	}
	return r.failed, true
}

// inputReporter prints each input that fails, and counts them: reading,
// preparing and storing report concurrently.
type inputReporter struct {
	env    *environment
	mu     sync.Mutex
	failed int
}

func newInputReporter(env *environment) *inputReporter { return &inputReporter{env: env} }

func (r *inputReporter) report(e *ingest.InputError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Warning {
		fmt.Fprintf(r.env.stderr, "corroborate: warning: %v\n", e)
		return
	}
	r.failed++
	fmt.Fprintf(r.env.stderr, "corroborate: %v\n", e)
}

// prepareAndStore reads the inputs and prepares each article on every core,
// and hands the documents to store ingestBatchMax at a time while the next
// are read and prepared: storing them one by one, or a batch at a time in
// between, leaves a core idle. With wait set, a document waits at most
// that long for others to share its batch. Documents already prepared are
// stored even after an interrupt (at most one batch). When store returns
// an error, reading stops and no more is stored: that error is stopped;
// interrupted is why reading ended early otherwise.
func prepareAndStore(ctx context.Context, env *environment, paths []string, opt ingest.Options, reportInput func(*ingest.InputError), wait time.Duration,
	store func(ctx context.Context, batch []*article.Document) error) (interrupted, stopped error) {
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	progress := newProgress(env, "preparing articles")
	articles := make(chan article.Article)
	readErr := make(chan error, 1)
	go func() {
		defer close(articles)
		readErr <- ingest.Read(rctx, paths, opt,
			func(a article.Article) {
				select {
				case articles <- a:
				case <-rctx.Done():
				}
			}, reportInput)
	}()

	docs := make(chan *article.Document, ingestBatchMax)
	written := make(chan struct{})
	go func() {
		defer close(written)
		wctx := context.WithoutCancel(ctx)
		var batch []*article.Document
		var waited <-chan time.Time
		write := func() {
			if len(batch) > 0 && stopped == nil {
				if err := store(wctx, batch); err != nil {
					stopped = err
					stopReading()
				}
			}
			batch, waited = batch[:0], nil
		}
		for {
			select {
			case d, open := <-docs:
				if !open {
					write()
					return
				}
				if stopped != nil {
					continue
				}
				batch = append(batch, d)
				if len(batch) == 1 && wait > 0 {
					waited = time.After(wait)
				}
				if len(batch) >= ingestBatchMax {
					write()
				}
			case <-waited:
				write()
			}
		}
	}()
	err := pipeline.PrepareAll(rctx, 0, articles, func(p pipeline.Prepared) {
		progress.add(1)
		if p.Err != nil {
			reportInput(&ingest.InputError{Input: p.Article.Input, Err: p.Err})
			return
		}
		docs <- p.Document
	})
	close(docs)
	<-written
	progress.finish()
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	return err, stopped
}

// ingestBatchMax is the documents ingestPaths gives the engine at a time:
// the engine's own transaction size.
const ingestBatchMax = 256
