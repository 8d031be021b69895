package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corroborate/corroborate/internal/provenance/neardup"
	"github.com/corroborate/corroborate/internal/provenance/neardup/neardupeval"
)

func init() {
	evaluations["neardup"] = evaluation{
		summary: "near-duplicate index: speed, memory, precision/recall on a generated corpus with injected copies",
		run:     runEvalNeardup,
	}
}

func runEvalNeardup(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval neardup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding ecbplus/ and article-extraction/)")
	articles := fs.Int("articles", 100_000, "generate `N` articles")
	copyRate := fs.Float64("copy-rate", 0.2, "share of the articles that are injected copies")
	threshold := fs.Float64("threshold", neardup.DefaultThreshold, "least estimated Jaccard similarity reported")
	seed := fs.Uint64("seed", 1, "generator seed")
	quiet := fs.Bool("quiet", false, "do not report progress on stderr")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate eval neardup [flags]

Generates a corpus from the shared data (originals, real reports and injected
copies with known edits), then signs every article and queries-then-adds it
to the near-duplicate index on one goroutine, timed with GOMAXPROCS=1 and as
it is. Prints throughput, index memory per article, and precision and recall
against the injected copies, per kind of edit.

Flags:
`)
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	switch {
	case *articles <= 0:
		fmt.Fprintln(env.stderr, "corroborate eval neardup: --articles must be positive")
		return exitUsage
	case *copyRate <= 0 || *copyRate >= 0.96:
		fmt.Fprintln(env.stderr, "corroborate eval neardup: --copy-rate must be above 0 and below 0.96")
		return exitUsage
	case *threshold <= 0 || *threshold > 1:
		fmt.Fprintln(env.stderr, "corroborate eval neardup: --threshold must be in (0, 1]")
		return exitUsage
	}
	if _, err := os.Stat(filepath.Join(*data, "ecbplus")); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval neardup: no ECB+ data at %s (give the shared data folder with --data)\n", filepath.Join(*data, "ecbplus"))
		return exitInputError
	}
	cfg := neardupeval.Config{DataDir: *data, Articles: *articles, CopyRate: *copyRate, Threshold: *threshold, Seed: *seed, Timing: true}
	if !*quiet {
		cfg.Progress = env.stderr
	}
	res, err := neardupeval.Evaluate(cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval neardup: %v\n", err)
		return exitInputError
	}
	res.WriteMarkdown(env.stdout)
	return exitOK
}
