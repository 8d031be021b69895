package main

import (
	"context"
	"fmt"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
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
	var storeErr error
	err := pipeline.PrepareAll(ctx, 0, articles, func(p pipeline.Prepared) {
		progress.add(1)
		if p.Err != nil {
			reportInput(&ingest.InputError{Input: p.Article.Input, Err: p.Err})
			return
		}
		if storeErr != nil {
			return
		}
		if _, err := coll.Add(ctx, p.Document); err != nil {
			storeErr = err
		}
	})
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
