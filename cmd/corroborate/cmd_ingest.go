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
	engine, err := pipeline.NewEngine(ctx, st, pipeline.Options{})
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	failed := 0
	var tally ingestTally
	if len(paths) > 0 {
		f, ok := ingestPaths(ctx, env, engine, paths, ingest.Options{MaxBytes: *maxSize, Stdin: env.stdin}, &tally)
		failed += f
		if !ok {
			return exitInputError
		}
	}
	if len(urls) > 0 {
		client := fetch.New(fetch.Options{AllowPrivate: *allowPrivate})
		for _, u := range urls {
			// A feed's items are stored a batch to a transaction.
			err := feed.OnceBatch(ctx, client, u, func(ctx context.Context, articles []article.Article) []error {
				errs := make([]error, len(articles))
				for i, r := range engine.Ingest(ctx, articles) {
					if r.Err != nil {
						errs[i] = fmt.Errorf("%s: %w", articles[i].URL, r.Err)
						continue
					}
					tally.count(r.Outcome)
				}
				return errs
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
	fmt.Fprintf(env.stdout, "%s added, %d unchanged, %d updated; the database holds %s\n", plural(tally.added, "article"), tally.unchanged, tally.updated, plural(stories, "story"))
	if failed > 0 {
		fmt.Fprintf(env.stderr, "corroborate: %s failed (see above)\n", plural(failed, "input"))
		return exitInputError
	}
	return exitOK
}
