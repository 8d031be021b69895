package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/text"
)

func init() {
	evaluations["entity-speed"] = evaluation{
		summary: "entity extraction words/s on one core, beside the npm package compromise on the same texts",
		run:     runEvalEntitySpeed,
	}
}

func runEvalEntitySpeed(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval entity-speed", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	texts := fs.String("texts", filepath.Join("..", "shared", "data", "ecbplus", "dev-topics-1-35.jsonl"), "JSON-lines `FILE` whose \"text\" fields are measured")
	repeat := fs.Int("repeat", 3, "measure `N` passes over the texts")
	peer := fs.String("peer", filepath.Join("bench", "compromise"), "`DIR` of the compromise benchmark (npm install is run there when needed); empty to skip the peer")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, "Usage: corroborate eval entity-speed [flags]\n\nTimes entity mention extraction on one core over the same texts as the\nnpm package compromise (people, places, organisations) and prints the ratio.\nThe peer needs node and npm.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	docs, words, err := readTexts(*texts)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval entity-speed: %v\n", err)
		return exitInputError
	}

	// One core, as the issue asks; segmentation is per-article work done
	// before entities in the pipeline, so it is not timed here.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, d := range docs[:min(20, len(docs))] {
		entity.Mentions(d)
	}
	mentions := 0
	start := time.Now()
	for range *repeat {
		for _, d := range docs {
			mentions += len(entity.Mentions(d))
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
			entity.Mentions(&article.Document{Text: body, Sentences: text.Segment(body)})
		}
	}
	oursWithSegmentation := float64(words**repeat) / time.Since(start).Seconds()

	w := env.stdout
	fmt.Fprintf(w, "# Entity extraction speed on %s (%d texts, %d words, %d passes, one core)\n\n", *texts, len(docs), words, *repeat)
	fmt.Fprintln(w, "| extractor | words/s | mentions per pass |")
	fmt.Fprintln(w, "| --- | ---: | ---: |")
	fmt.Fprintf(w, "| corroborate entity.Mentions | %.0f | %d |\n", ours, mentions / *repeat)
	fmt.Fprintf(w, "| corroborate text.Segment + entity.Mentions | %.0f | %d |\n", oursWithSegmentation, mentions / *repeat)
	if *peer == "" {
		return exitOK
	}
	theirs, found, err := runCompromise(*peer, *texts, *repeat)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval entity-speed: peer: %v\n", err)
		return exitInputError
	}
	fmt.Fprintf(w, "| compromise (npm) people+places+organizations | %.0f | %d |\n", theirs, found / *repeat)
	fmt.Fprintf(w, "\nRatio: corroborate is %.1f× as fast as compromise (%.1f× counting segmentation).\n", ours/theirs, oursWithSegmentation/theirs)
	return exitOK
}

// readTexts segments the "text" field of every line; words are counted as
// white-space separated runs, the same way the peer's script counts them.
func readTexts(path string) ([]*article.Document, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var docs []*article.Document
	words := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil || strings.TrimSpace(rec.Text) == "" {
			continue
		}
		words += len(strings.Fields(rec.Text))
		docs = append(docs, &article.Document{ID: fmt.Sprint(len(docs)), Text: rec.Text, Sentences: text.Segment(rec.Text)})
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if len(docs) == 0 {
		return nil, 0, fmt.Errorf("%s: no texts", path)
	}
	return docs, words, nil
}
func runCompromise(dir, texts string, repeat int) (wordsPerSecond float64, entities int, err error) {
	var res struct {
		WordsPerSecond float64 `json:"words_per_second"`
		Entities       int     `json:"entities"`
	}
	err = runNodePeer(dir, []string{"compromise"}, texts, repeat, &res)
	return res.WordsPerSecond, res.Entities, err
}
