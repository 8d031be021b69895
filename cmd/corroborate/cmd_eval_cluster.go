package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/eval"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
)

func init() {
	evaluations["cluster"] = evaluation{
		summary: "story clustering: BCubed against gold stories, beside scikit-learn on the same file",
		run:     runEvalCluster,
	}
}

func runEvalCluster(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval cluster", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("file", filepath.Join("..", "shared", "data", "ecbplus", "dev-topics-1-35.jsonl"), "JSON-lines `FILE` with id, title, text and the gold \"story\"")
	peer := fs.String("peer", filepath.Join("bench", "sklearn", "cluster.py"), "the peer's `SCRIPT`, run with /usr/bin/python3 (Debian's python3-sklearn); empty to skip")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, "Usage: corroborate eval cluster [flags]\n\nGroups the file's articles into stories as analyze does, streaming them in\nfile order, and scores the grouping against the file's \"story\" field with BCubed precision, recall and\nF1; then runs the peer (scikit-learn TF-IDF with agglomerative clustering,\nits threshold tuned on the same file) and prints both and the ratio.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	groups, _, err := readGrouped(*file, func(r struct {
		ID    string `json:"id"`
		Story string `json:"story"`
	}) string {
		return r.Story
	})
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster: %v (give the file with --file)\n", err)
		return exitInputError
	}
	gold := map[string]string{}
	for story, recs := range groups {
		for _, r := range recs {
			gold[r.ID] = story
		}
	}

	ctx := context.Background()
	var docs []*article.Document
	in := make(chan article.Article)
	go func() {
		defer close(in)
		_ = ingest.Read(ctx, []string{*file}, ingest.Options{}, func(a article.Article) { in <- a }, func(*ingest.InputError) {})
	}()
	if err := pipeline.PrepareAll(ctx, 0, in, func(p pipeline.Prepared) {
		if p.Err == nil {
			docs = append(docs, p.Document)
		}
	}); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster: %v\n", err)
		return exitInputError
	}

	score := func(threshold float64) (eval.Scores, int, time.Duration) {
		start := time.Now()
		groups := cluster.Group(docs, cluster.Options{Threshold: threshold})
		took := time.Since(start)
		pred := map[string]string{}
		for g, members := range groups {
			for _, i := range members {
				pred[docs[i].ID] = fmt.Sprint(g)
			}
		}
		return eval.BCubed(pred, gold), len(groups), took
	}
	w := env.stdout
	fmt.Fprintf(w, "# Story clustering on %s (%d articles, %d gold stories)\n\n", *file, len(docs), len(groups))
	fmt.Fprintln(w, "| clustering | threshold | stories | BCubed precision | BCubed recall | BCubed F1 | grouping time |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	ours, n, took := score(cluster.DefaultThreshold)
	fmt.Fprintf(w, "| corroborate, streaming (default) | %.2f | %d | %.4f | %.4f | %.4f | %s |\n", cluster.DefaultThreshold, n, ours.Precision, ours.Recall, ours.F1, took.Round(time.Millisecond))
	bestT, best := 0.0, eval.Scores{}
	for t := 0.10; t < 0.51; t += 0.02 {
		if s, _, _ := score(t); s.F1 > best.F1 {
			bestT, best = t, s
		}
	}
	fmt.Fprintf(w, "| corroborate, streaming (threshold tuned on this file) | %.2f | | %.4f | %.4f | %.4f | |\n", bestT, best.Precision, best.Recall, best.F1)
	if *peer == "" {
		return exitOK
	}
	out, err := exec.Command("/usr/bin/python3", *peer, *file).Output()
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster: peer: %v (it needs Debian's python3-sklearn: apt-get install python3-sklearn)\n", err)
		return exitInputError
	}
	var p struct {
		Peer                           string
		Threshold                      float64
		Precision, Recall, F1, Seconds float64
	}
	if err := json.Unmarshal(out, &p); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval cluster: reading the peer's result %q: %v\n", out, err)
		return exitInputError
	}
	fmt.Fprintf(w, "| %s (tuned) | %.2f | | %.4f | %.4f | %.4f | %.1f s with tuning |\n", p.Peer, p.Threshold, p.Precision, p.Recall, p.F1, p.Seconds)
	fmt.Fprintf(w, "\nRatio of BCubed F1, corroborate's default to the peer's tuned: %.3f.\n", ours.F1/p.F1)
	return exitOK
}
