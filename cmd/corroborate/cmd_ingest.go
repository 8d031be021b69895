package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/feed"
	"github.com/corroborate/corroborate/internal/fetch"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/store"
)

func runIngest(env *environment, args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := dbFlag(fs, env)
	maxSize := sizeFlag(fs, "max-size", ingest.DefaultMaxBytes, "refuse input files (or JSON lines) larger than `SIZE`")
	allowPrivate := fs.Bool("allow-private-fetch", false, "let URLs on loopback, private and link-local addresses be fetched")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate ingest [flags] URL|PATH...

Stores articles and assigns them to stories, as serve does, without
serving: each URL is fetched once (a feed's items, each item's page, or an
article page), each PATH read as analyze reads it. Prints what was stored.

Flags:
`)
		fs.PrintDefaults()
	}
	inputs, status, parsed := parseCommand(fs, args)
	if !parsed {
		return status
	}
	if len(inputs) == 0 {
		fmt.Fprintln(env.stderr, "corroborate ingest: name at least one URL, file or directory of articles")
		return exitUsage
	}
	var urls, paths []string
	for _, in := range inputs {
		if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			urls = append(urls, in)
		} else {
			paths = append(paths, in)
		}
	}
	ctx, st, done, ok := startRun(env, db)
	if !ok {
		return exitInputError
	}
	defer done()
	failed := 0
	var added, unchanged, updated int
	var coll *pipeline.Collection
	if len(paths) > 0 {
		coll = &pipeline.Collection{Store: st}
		f, ok := collect(ctx, env, coll, paths, ingest.Options{MaxBytes: *maxSize, Stdin: env.stdin})
		failed += f
		if !ok {
			return exitInputError
		}
		if _, err := coll.Assign(ctx); err != nil {
			fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
			return exitInputError
		}
		added, unchanged, updated = coll.Added, coll.Unchanged, coll.Updated
	}
	if len(urls) > 0 {
		engine, err := startEngine(ctx, st, pipeline.Options{}, coll)
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
			return exitInputError
		}
		client := fetch.New(fetch.Options{AllowPrivate: *allowPrivate})
		for _, u := range urls {
			err := feed.Once(ctx, client, u, func(ctx context.Context, a article.Article) error {
				r := engine.Ingest(ctx, []article.Article{a})[0]
				if r.Err != nil {
					return fmt.Errorf("%s: %w", a.URL, r.Err)
				}
				switch r.Outcome {
				case store.Added:
					added++
				case store.Unchanged:
					unchanged++
				case store.Updated:
					updated++
				}
				return nil
			})
			if err != nil {
				failed++
				fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
			}
			if ctx.Err() != nil {
				fmt.Fprintln(env.stderr, "corroborate: interrupted (what was stored so far is kept)")
				return exitInputError
			}
		}
	}
	_, stories, err := st.Stories(ctx, 1, 0)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	fmt.Fprintf(env.stdout, "%s added, %d unchanged, %d updated; the database holds %s\n", plural(added, "article"), unchanged, updated, plural(stories, "story"))
	if failed > 0 {
		fmt.Fprintf(env.stderr, "corroborate: %s failed (see above)\n", plural(failed, "input"))
		return exitInputError
	}
	return exitOK
}
