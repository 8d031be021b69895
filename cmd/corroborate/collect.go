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
	reportInput := func(e *ingest.InputError) {
		if e.Warning {
			fmt.Fprintf(env.stderr, "corroborate: warning: %v\n", e)
			return
		}
		failed++
		fmt.Fprintf(env.stderr, "corroborate: %v\n", e)
	}
	progress := newProgress(env, "preparing articles")
	articles := make(chan article.Article)
	readErr := make(chan error, 1)
	go func() {
		defer close(articles)
		readErr <- ingest.Read(ctx, paths, opt,
			func(a article.Article) {
				select {
				case articles <- a:
				case <-ctx.Done():
				}
			}, reportInput)
	}()
	// The documents are stored ingestBatchMax to a transaction while the
	// next are read and prepared: storing them one by one as they came,
	// or a batch at a time in between, leaves a core idle.
	var storeErr error // read once written is closed
	docs := make(chan *article.Document, ingestBatchMax)
	written := make(chan struct{})
	go func() {
		defer close(written)
		// Documents already prepared are stored even after an interrupt:
		// at most one batch.
		wctx := context.WithoutCancel(ctx)
		var batch []*article.Document
		add := func() {
			for _, r := range coll.AddAll(wctx, batch) {
				if r.Err != nil && storeErr == nil {
					storeErr = r.Err
				}
			}
			batch = batch[:0]
		}
		for d := range docs {
			if storeErr != nil {
				continue
			}
			batch = append(batch, d)
			if len(batch) == ingestBatchMax {
				add()
			}
		}
		if storeErr == nil {
			add()
		}
	}()
	err := pipeline.PrepareAll(ctx, 0, articles, func(p pipeline.Prepared) {
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
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: interrupted: %v (what was stored so far is kept)\n", err)
		return failed, false
	}
	if storeErr != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", storeErr)
		return failed, false
	}
	return failed, true
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
	var mu sync.Mutex // reading, preparing and writing report concurrently
	reportInput := func(ie *ingest.InputError) {
		mu.Lock()
		defer mu.Unlock()
		if ie.Warning {
			fmt.Fprintf(env.stderr, "corroborate: warning: %v\n", ie)
			return
		}
		failed++
		fmt.Fprintf(env.stderr, "corroborate: %v\n", ie)
	}
	// A store that refuses whole batches stops the run, as it would
	// refuse every batch after.
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	var storeErr error

	docs := make(chan *article.Document, ingestBatchMax)
	written := make(chan struct{})
	go func() {
		defer close(written)
		// Documents already prepared are stored even after an interrupt:
		// at most one batch, and the engine writes a batch uninterrupted
		// anyway.
		wctx := context.WithoutCancel(ctx)
		var batch []*article.Document
		var waited <-chan time.Time
		write := func() {
			if len(batch) == 0 {
				return
			}
			res := e.AddAll(wctx, batch)
			refused := 0
			for i, r := range res {
				if r.Err != nil {
					refused++
					reportInput(&ingest.InputError{Input: batch[i].Input, Err: r.Err})
					continue
				}
				tally.count(r.Outcome)
			}
			if refused == len(batch) && len(batch) > 1 && storeErr == nil {
				storeErr = res[0].Err
				stopReading()
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
				if storeErr != nil {
					continue
				}
				batch = append(batch, d)
				if len(batch) == 1 {
					waited = time.After(ingestBatchWait)
				}
				if len(batch) >= ingestBatchMax {
					write()
				}
			case <-waited:
				write()
			}
		}
	}()

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
	switch {
	case storeErr != nil:
		fmt.Fprintf(env.stderr, "corroborate: the store refused a whole batch, stopping: %v\n", storeErr)
		return failed, false
	case err != nil:
		fmt.Fprintf(env.stderr, "corroborate: interrupted: %v (what was stored so far is kept)\n", err)
		return failed, false
	}
	return failed, true
}

// ingestBatchMax is the documents ingestPaths gives the engine at a time:
// the engine's own transaction size.
const ingestBatchMax = 256
