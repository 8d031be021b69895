package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/corroborate/corroborate/internal/extract"
)

func init() {
	evaluations["extract"] = evaluation{
		summary: "main-text extraction: 4-gram shingle precision/recall/F1 on the article-extraction benchmark",
		run:     runEvalExtract,
	}
}

func runEvalExtract(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding article-extraction/)")
	worst := fs.Int("worst", 5, "list the `N` pages with the lowest F1")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, "Usage: corroborate eval extract [flags]\n\nExtracts the main text of every benchmark page and scores it against the gold\nbody: word 4-gram shingle precision, recall and F1, averaged per page.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	dir := filepath.Join(*data, "article-extraction")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval extract: no benchmark at %s (give the shared data folder with --data)\n", dir)
		return exitInputError
	}
	start := time.Now()
	sum, err := extract.EvaluateBenchmark(dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval extract: %v\n", err)
		return exitInputError
	}
	elapsed := time.Since(start)
	w := env.stdout
	fmt.Fprintf(w, "# Extraction quality on %s\n\n", dir)
	fmt.Fprintln(w, "| pages | failed | precision | recall | F1 | time per page |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: |")
	fmt.Fprintf(w, "| %d | %d | %.4f | %.4f | %.4f | %.1f ms |\n", sum.Pages, sum.Failed, sum.Precision, sum.Recall, sum.F1,
		float64(elapsed.Microseconds())/1000/float64(max(sum.Pages, 1)))
	if *worst > 0 && len(sum.PerPage) > 0 {
		pages := append([]extract.PageScore(nil), sum.PerPage...)
		sort.SliceStable(pages, func(i, j int) bool { return pages[i].F1 < pages[j].F1 })
		fmt.Fprintf(w, "\nLowest F1:\n\n| page | precision | recall | F1 | error |\n| --- | ---: | ---: | ---: | --- |\n")
		for _, p := range pages[:min(*worst, len(pages))] {
			fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %s |\n", p.ID, p.Precision, p.Recall, p.F1, p.Error)
		}
	}
	return exitOK
}
