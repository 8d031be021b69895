package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corroborate/corroborate/internal/cluster/clusterspeed"
)

func init() {
	evaluations["cluster-speed"] = evaluation{
		summary: "streaming story clustering: assignment throughput and memory per article at 10k, 100k, 1M articles",
		run:     runEvalClusterSpeed,
	}
}

func runEvalClusterSpeed(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval cluster-speed", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding ecbplus/ and article-extraction/)")
	articles := fs.Int("articles", 100_000, "generate `N` articles")
	seed := fs.Uint64("seed", 1, "generator seed")
	quiet := fs.Bool("quiet", false, "do not report progress on stderr")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate eval cluster-speed [flags]

Generates a corpus from the shared data, prepares each article's clustering
features (segmentation and extraction, on all cores, untimed), and adds the
articles one at a time to one streaming clusterer. At 10k, 100k and 1M
articles (those below N, and N) prints the assignment throughput of the
last 5,000 additions, the clustering state and the live heap per article.

Flags:
`)
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	if *articles <= 0 {
		fmt.Fprintln(env.stderr, "corroborate eval cluster-speed: --articles must be positive")
		return exitUsage
	}
	if _, err := os.Stat(filepath.Join(*data, "ecbplus")); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster-speed: no ECB+ data at %s (give the shared data folder with --data)\n", filepath.Join(*data, "ecbplus"))
		return exitInputError
	}
	cfg := clusterspeed.Config{DataDir: *data, Articles: *articles, Seed: *seed}
	if !*quiet {
		cfg.Progress = env.stderr
	}
	res, err := clusterspeed.Run(cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster-speed: %v\n", err)
		return exitInputError
	}
	res.WriteMarkdown(env.stdout)
	return exitOK
}
