package main

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
)

func runCluster(env *environment, args []string) int {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := dbFlag(fs, env)
	maxSize := sizeFlag(fs, "max-size", ingest.DefaultMaxBytes, "refuse input files (or JSON lines) larger than `SIZE`, e.g. 512K, 10M")
	threshold := fractionFlag(fs, "threshold", cluster.DefaultThreshold, "similarity (0-1) above which two articles are one story")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate cluster [flags] PATH...

Reads articles (the same inputs as analyze), stores them, groups them into
stories the way analyze does, and prints one JSON line per article in input
order: {"id": "...", "story": "..."}. An article given twice is printed once.

Flags:
`)
		fs.PrintDefaults()
	}
	paths, status, parsed := parseCommand(fs, args)
	if !parsed {
		return status
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.stderr, "corroborate cluster: name at least one file or directory of articles (or - for JSON lines on stdin)")
		return exitUsage
	}
	ctx, st, done, ok := startRun(env, db)
	if !ok {
		return exitInputError
	}
	defer done()
	coll := &pipeline.Collection{Store: st, Options: pipeline.Options{Cluster: cluster.Options{Threshold: *threshold}}}
	failed, collected := collect(ctx, env, coll, paths, ingest.Options{MaxBytes: *maxSize, Stdin: env.stdin})
	if !collected {
		return exitInputError
	}
	stories, err := coll.Assign(ctx)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	storyOf := map[string]string{}
	for _, s := range stories {
		for _, d := range s.Documents {
			storyOf[d.ID] = s.ID
		}
	}
	enc := json.NewEncoder(env.stdout)
	for _, d := range coll.Documents {
		if err := enc.Encode(struct {
			ID    string `json:"id"`
			Story string `json:"story"`
		}{d.ID, storyOf[d.ID]}); err != nil {
			fmt.Fprintf(env.stderr, "corroborate: writing: %v\n", err)
			return exitInputError
		}
	}
	if failed > 0 {
		fmt.Fprintf(env.stderr, "corroborate: %s failed (see above)\n", plural(failed, "input"))
		return exitInputError
	}
	return exitOK
}
