package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/report"
	"github.com/corroborate/corroborate/internal/summary"
)

func runAnalyze(env *environment, args []string) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "md", "report format: "+strings.Join(report.Formats, ", "))
	output := fs.String("o", "", "write the report to `FILE` instead of standard output")
	db := dbFlag(fs, env)
	maxSize := sizeFlag(fs, "max-size", ingest.DefaultMaxBytes, "refuse input files (or JSON lines) larger than `SIZE`, e.g. 512K, 10M")
	threshold := fractionFlag(fs, "threshold", cluster.DefaultThreshold, "similarity (0-1) above which two articles are one story")
	summarySentences := fs.Int("summary-sentences", summary.DefaultMaxSentences, "longest summary, in `N` sentences")
	summaryWords := fs.Int("summary-words", 0, "longest summary, in `N` words (0: no word limit)")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate analyze [flags] PATH...

Reads articles, stores them, groups them into stories and writes a report
comparing what the sources say.

PATH is a file or a directory (read recursively): .txt scraped text (first
line the headline; optional leading "Source:", "URL:", "Published:" lines),
.html/.htm pages, .json (one article), .jsonl (one article a line, fields id,
source, url, title, published, text or html), or - for JSON lines on stdin.

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(env.stderr, `
Exit status: 0 when every input was read, 1 when some could not be (the rest
is still analysed and reported), 2 for a usage error.
`)
	}
	paths, status, parsed := parseCommand(fs, args)
	if !parsed {
		return status
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.stderr, "corroborate analyze: name at least one file or directory of articles (or - for JSON lines on stdin)")
		fs.Usage()
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(env.stderr, "corroborate analyze: unknown format %q: use one of %s\n", *format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	if *summarySentences < 1 || *summaryWords < 0 {
		fmt.Fprintln(env.stderr, "corroborate analyze: --summary-sentences must be at least 1 and --summary-words not negative")
		return exitUsage
	}

	ctx, st, done, ok := startRun(env, db)
	if !ok {
		return exitInputError
	}
	defer done()

	coll := &pipeline.Collection{Store: st, Options: pipeline.Options{
		Cluster: cluster.Options{Threshold: *threshold},
		Summary: summary.Options{MaxSentences: *summarySentences, MaxWords: *summaryWords},
	}}
	failed, collected := collect(ctx, env, coll, paths, ingest.Options{MaxBytes: *maxSize, Stdin: env.stdin})
	if !collected {
		return exitInputError
	}

	analyses, err := coll.AnalyzeAll(ctx)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	if err := writeReport(env, *output, *format, report.Report{Generated: time.Now().UTC(), Stories: analyses}); err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	fmt.Fprintf(env.stderr, "corroborate: %s into %s (%d new, %d already stored, %d updated) in %s",
		plural(len(coll.Documents), "article"), plural(len(analyses), "story"), coll.Added, coll.Unchanged, coll.Updated, db.path())
	if failed > 0 {
		fmt.Fprintf(env.stderr, "; %s failed (see above)\n", plural(failed, "input"))
		return exitInputError
	}
	fmt.Fprintln(env.stderr)
	return exitOK
}

func validFormat(f string) bool {
	for _, ok := range report.Formats {
		if f == ok {
			return true
		}
	}
	return false
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
