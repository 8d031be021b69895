package main

import (
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/text"
)

func init() {
	evaluations["claim-speed"] = evaluation{
		summary: "figure and time extraction words/s on one core, beside the npm package wink-nlp on the same texts",
		run:     runEvalClaimSpeed,
	}
}

func runEvalClaimSpeed(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval claim-speed", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	texts := fs.String("texts", filepath.Join("..", "shared", "data", "ecbplus", "dev-topics-1-35.jsonl"), "JSON-lines `FILE` whose \"text\" fields are measured")
	repeat := fs.Int("repeat", 3, "measure `N` passes over the texts")
	peer := fs.String("peer", filepath.Join("bench", "winknlp"), "`DIR` of the wink-nlp benchmark (npm install is run there when needed); empty to skip the peer")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, "Usage: corroborate eval claim-speed [flags]\n\nTimes figure (claim.Figures) and date/time (claim.Times) extraction on one\ncore over the same texts as the npm package wink-nlp with its English lite\nmodel (DATE, TIME, DURATION, CARDINAL, MONEY, PERCENT, ORDINAL, QUANTITY\nentities) and prints the ratio. The peer needs node and npm.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	if *repeat < 1 {
		fmt.Fprintln(env.stderr, "corroborate eval claim-speed: --repeat must be at least 1")
		return exitUsage
	}
	if *peer != "" {
		// Fail before the measurement, not after it.
		for _, tool := range []string{"node", "npm"} {
			if _, err := exec.LookPath(tool); err != nil {
				fmt.Fprintf(env.stderr, "corroborate eval claim-speed: the peer benchmark needs %s, which is not on PATH; install node and npm, or pass --peer '' to measure corroborate alone\n", tool)
				return exitInputError
			}
		}
	}
	docs, words, err := readTexts(*texts)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval claim-speed: %v\n", err)
		return exitInputError
	}

	// One core, as the issue asks; segmentation is per-article work done
	// before claims in the pipeline, so it is not timed here.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, d := range docs[:min(20, len(docs))] {
		claim.Figures(d)
		claim.Times(d)
	}
	figures, times := 0, 0
	start := time.Now()
	for range *repeat {
		for _, d := range docs {
			figures += len(claim.Figures(d))
			times += len(claim.Times(d))
		}
	}
	ours := float64(words**repeat) / time.Since(start).Seconds()

	// The peer segments and tokenises inside its own call, so the fair
	// comparison also times our segmentation.
	raw := make([]string, len(docs))
	for i, d := range docs {
		raw[i] = d.Text
	}
	start = time.Now()
	for range *repeat {
		for _, body := range raw {
			d := &article.Document{Text: body, Sentences: text.Segment(body)}
			claim.Figures(d)
			claim.Times(d)
		}
	}
	oursWithSegmentation := float64(words**repeat) / time.Since(start).Seconds()

	w := env.stdout
	fmt.Fprintf(w, "# Claim extraction speed on %s (%d texts, %d words, %d passes, one core)\n\n", *texts, len(docs), words, *repeat)
	fmt.Fprintln(w, "| extractor | words/s | numbers per pass | dates/times per pass |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: |")
	fmt.Fprintf(w, "| corroborate claim.Figures + claim.Times | %.0f | %d | %d |\n", ours, figures / *repeat, times / *repeat)
	fmt.Fprintf(w, "| corroborate text.Segment + claim.Figures + claim.Times | %.0f | %d | %d |\n", oursWithSegmentation, figures / *repeat, times / *repeat)
	if *peer == "" {
		return exitOK
	}
	theirs, dates, numbers, err := runWinkNLP(*peer, *texts, *repeat)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval claim-speed: peer: %v\n", err)
		return exitInputError
	}
	fmt.Fprintf(w, "| wink-nlp (npm) + wink-eng-lite-web-model, number and date entities | %.0f | %d | %d |\n", theirs, numbers / *repeat, dates / *repeat)
	fmt.Fprintf(w, "\nRatio: corroborate is %.1f× as fast as wink-nlp (%.1f× counting segmentation).\n", ours/theirs, oursWithSegmentation/theirs)
	fmt.Fprintln(w, "The two do different work: a corroborate figure carries what it counts, its qualifier, unit, source and as-of date, and its times are resolved to the calendar; wink-nlp tags typed spans.")
	return exitOK
}

func runWinkNLP(dir, texts string, repeat int) (wordsPerSecond float64, dates, numbers int, err error) {
	var res struct {
		WordsPerSecond float64 `json:"words_per_second"`
		Dates          int     `json:"dates"`
		Numbers        int     `json:"numbers"`
	}
	err = runNodePeer(dir, []string{"wink-nlp", "wink-eng-lite-web-model"}, texts, repeat, &res)
	return res.WordsPerSecond, res.Dates, res.Numbers, err
}
