package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/summary"
	"github.com/corroborate/corroborate/internal/text"
)

func init() {
	evaluations["summary"] = evaluation{
		summary: "cited summary: redundancy, gold entity coverage and citation correctness per ECB+ story",
		run:     runEvalSummary,
	}
}

// ecbStoryDoc is one line of the ECB+ export read with its gold story: the
// entities evaluation groups by topic, a summary is made per story.
type ecbStoryDoc struct {
	ID       string `json:"id"`
	Story    string `json:"story"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Entities []struct {
		Chain    string   `json:"chain"`
		Mentions []string `json:"mentions"`
	} `json:"entities"`
}

// summaryScore is one story's measurements.
type summaryScore struct {
	story                 string
	docs, origins, lines  int
	redundancy            float64 // highest similarity between two summary sentences
	chains, covered       int     // gold chains with a named mention, and those the summary names
	citations, supporting int     // citations of consensus lines, and those whose article supports the line
}

func runEvalSummary(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval summary", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding ecbplus/)")
	file := fs.String("file", "dev-topics-1-35.jsonl", "the ECB+ `FILE` under ecbplus/")
	sentences := fs.Int("sentences", summary.DefaultMaxSentences, "summary length in `N` sentences")
	words := fs.Int("words", 0, "summary budget in `N` words (0: none)")
	perStory := fs.Bool("stories", false, "print one row per story as well as the totals")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate eval summary [flags]

Analyses each gold ECB+ story's documents as one story, summarises it, and
measures the summary: redundancy (the highest content-word similarity of two
of its sentences), coverage (the share of the story's gold entity chains with
a named mention, one starting with a capital, that the summary names), and
citation correctness (the share of a consensus line's cited articles that
hold a sentence supporting it).

Flags:
`)
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	path := filepath.Join(*data, "ecbplus", *file)
	stories, order, err := readGrouped(path, func(d ecbStoryDoc) string { return d.Story })
	sort.Strings(order)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval summary: %v (give the shared data folder with --data)\n", err)
		return exitInputError
	}
	start := time.Now()
	var scores []summaryScore
	for _, id := range order {
		s, err := scoreSummary(id, stories[id], summary.Options{MaxSentences: *sentences, MaxWords: *words})
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate eval summary: story %s: %v\n", id, err)
			continue
		}
		scores = append(scores, s)
	}
	w := env.stdout
	fmt.Fprintf(w, "# Cited summary on %s\n\n", path)
	fmt.Fprintln(w, "| story | documents | origins | lines | max redundancy | chains covered | citations correct |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	var total summaryScore
	redundancy := 0.0
	for _, s := range scores {
		if *perStory {
			fmt.Fprintf(w, "| %s | %d | %d | %d | %.2f | %d/%d | %d/%d |\n", s.story, s.docs, s.origins, s.lines, s.redundancy, s.covered, s.chains, s.supporting, s.citations)
		}
		total.docs += s.docs
		total.origins += s.origins
		total.lines += s.lines
		total.chains += s.chains
		total.covered += s.covered
		total.citations += s.citations
		total.supporting += s.supporting
		redundancy += s.redundancy
	}
	fmt.Fprintf(w, "| all %d stories | %d | %d | %d | %.2f mean | %.4f | %.4f |\n", len(scores), total.docs, total.origins, total.lines,
		ratio(redundancy, float64(len(scores))), ratio(float64(total.covered), float64(total.chains)), ratio(float64(total.supporting), float64(total.citations)))
	fmt.Fprintf(w, "\n%.2f s\n", time.Since(start).Seconds())
	return exitOK
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func scoreSummary(id string, in []ecbStoryDoc, opt summary.Options) (summaryScore, error) {
	docs := make([]*article.Document, 0, len(in))
	byID := map[string]*article.Document{}
	for _, d := range in {
		doc, err := pipeline.Prepare(article.Article{ID: d.ID, Title: d.Title, Text: d.Text, Input: d.ID})
		if err != nil {
			return summaryScore{}, err
		}
		docs = append(docs, doc)
		byID[doc.ID] = doc
	}
	a := pipeline.Analyze(&article.Story{ID: id, Documents: docs}, pipeline.Options{})
	lines := summary.Summarize(a, opt)
	s := summaryScore{story: id, docs: len(docs), origins: len(a.Provenance.Origins), lines: len(lines)}
	var all []string
	for i, l := range lines {
		all = append(all, l.Text)
		for _, m := range lines[:i] {
			s.redundancy = max(s.redundancy, summary.Similarity(summary.ContentWords(l.Text), summary.ContentWords(m.Text)))
		}
		if strings.HasPrefix(l.Text, "Reports differ on ") {
			continue // a contested line cites the sides of a conflict, not a supporting sentence
		}
		for _, src := range l.Sources {
			s.citations++
			if summary.Supports(byID[src], l.Text) {
				s.supporting++
			}
		}
	}
	folded := " " + strings.Join(strings.Fields(text.Fold(strings.Join(all, " "))), " ") + " "
	// A chain counts once per story, covered when any document's named
	// mention of it appears in the summary.
	hasName, covered := map[string]bool{}, map[string]bool{}
	for _, d := range in {
		for _, c := range d.Entities {
			for _, m := range c.Mentions {
				if !named(m) {
					continue
				}
				hasName[c.Chain] = true
				if strings.Contains(folded, " "+strings.Join(strings.Fields(text.Fold(m)), " ")+" ") {
					covered[c.Chain] = true
				}
			}
		}
	}
	s.chains, s.covered = len(hasName), len(covered)
	return s, nil
}
