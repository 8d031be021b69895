package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/text"
)

func init() {
	evaluations["entities"] = evaluation{
		summary: "cross-document entity resolution: B-cubed precision/recall/F1 over named mentions of ECB+ topics",
		run:     runEvalEntities,
	}
}

// ecbDoc is one line of the ECB+ export: a document and its gold
// coreference chains, whose ids are shared across the documents of a topic.
type ecbDoc struct {
	ID       string `json:"id"`
	Topic    string `json:"topic"`
	Text     string `json:"text"`
	Entities []struct {
		Chain    string   `json:"chain"`
		Type     string   `json:"type"`
		Mentions []string `json:"mentions"`
	} `json:"entities"`
}

// goldItem is one named gold mention: the unit B-cubed scores.
type goldItem struct {
	gold, predicted string
}

func runEvalEntities(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval entities", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding ecbplus/)")
	file := fs.String("file", "dev-topics-1-35.jsonl", "the ECB+ `FILE` under ecbplus/")
	misses := fs.Int("misses", 0, "list `N` named gold mentions that no entity matched, and N gold chains split across entities")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate eval entities [flags]

Runs entity mention finding and story resolution over each ECB+ topic's
documents, maps every named gold mention (one starting with a capital) to the
predicted entity whose name matches it in its document, and prints B-cubed
precision, recall and F1 over those named mentions, per topic pooled.

Flags:
`)
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	path := filepath.Join(*data, "ecbplus", *file)
	topics, order, err := readGrouped(path, func(d ecbDoc) string { return d.Topic })
	// Numeric topic ids in numeric order.
	sort.SliceStable(order, func(i, j int) bool {
		return len(order[i]) < len(order[j]) || len(order[i]) == len(order[j]) && order[i] < order[j]
	})
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval entities: %v (give the shared data folder with --data)\n", err)
		return exitInputError
	}
	start := time.Now()
	var items, baseline []goldItem
	var unmatched []string
	split := map[string]map[string][]string{} // gold chain -> predicted entity -> mentions
	matched, docs := 0, 0
	for _, topic := range order {
		in := topics[topic]
		documents := make([]*article.Document, len(in))
		for i, d := range in {
			documents[i] = &article.Document{ID: d.ID, Text: d.Text, Sentences: text.Segment(d.Text)}
		}
		docs += len(in)
		entities, _ := entity.Resolve(documents)
		for _, d := range in {
			for _, chain := range d.Entities {
				for mi, m := range chain.Mentions {
					if !named(m) {
						continue
					}
					pred := matchEntity(entities, d.ID, m)
					if pred != "" {
						matched++
						pred = topic + "/" + pred
					} else {
						pred = fmt.Sprintf("unmatched/%s/%s/%d", d.ID, chain.Chain, mi)
						unmatched = append(unmatched, d.ID+": "+m)
					}
					g := topic + "/" + chain.Chain
					if split[g] == nil {
						split[g] = map[string][]string{}
					}
					split[g][pred] = append(split[g][pred], m)
					items = append(items, goldItem{gold: topic + "/" + chain.Chain, predicted: pred})
					baseline = append(baseline, goldItem{gold: topic + "/" + chain.Chain, predicted: topic + "/" + text.Fold(m)})
				}
			}
		}
	}
	p, r, f := bcubed(items)
	w := env.stdout
	fmt.Fprintf(w, "# Entity resolution on %s\n\n", path)
	fmt.Fprintln(w, "B-cubed over named gold mentions (starting with a capital), clusters per topic; a gold mention no predicted entity names is its own cluster.")
	fmt.Fprintln(w)
	elapsed := time.Since(start)
	bp, br, bf := bcubed(baseline)
	fmt.Fprintln(w, "| clustering | topics | documents | named mentions | matched | B-cubed precision | B-cubed recall | B-cubed F1 | time |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	fmt.Fprintf(w, "| entity.Resolve | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.2f s |\n", len(order), docs, len(items), matched, p, r, f, elapsed.Seconds())
	fmt.Fprintf(w, "| baseline: same folded string | %d | %d | %d | %d | %.4f | %.4f | %.4f | |\n", len(order), docs, len(baseline), len(baseline), bp, br, bf)
	if *misses > 0 {
		fmt.Fprintf(w, "\nUnmatched named mentions (%d):\n\n", len(unmatched))
		for _, u := range unmatched[:min(*misses, len(unmatched))] {
			fmt.Fprintf(w, "- %s\n", u)
		}
		fmt.Fprintln(w, "\nEntities merging several gold chains:")
		fmt.Fprintln(w)
		merged := map[string]map[string][]string{}
		for g, preds := range split {
			for p, ms := range preds {
				if strings.HasPrefix(p, "unmatched/") {
					continue
				}
				if merged[p] == nil {
					merged[p] = map[string][]string{}
				}
				merged[p][g] = append(merged[p][g], ms...)
			}
		}
		var ents []string
		for p, gs := range merged {
			if len(gs) > 1 {
				ents = append(ents, p)
			}
		}
		sort.Strings(ents)
		for _, p := range ents[:min(*misses, len(ents))] {
			var parts []string
			for _, ms := range merged[p] {
				parts = append(parts, strings.Join(ms, " | "))
			}
			sort.Strings(parts)
			fmt.Fprintf(w, "- %s: %s\n", p, strings.Join(parts, "  //  "))
		}
		fmt.Fprintln(w, "\nGold chains split across entities:")
		fmt.Fprintln(w)
		chains := make([]string, 0, len(split))
		for g, preds := range split {
			if len(preds) > 1 {
				chains = append(chains, g)
			}
		}
		sort.Strings(chains)
		for _, g := range chains[:min(*misses, len(chains))] {
			var parts []string
			for _, ms := range split[g] {
				parts = append(parts, strings.Join(ms, " | "))
			}
			sort.Strings(parts)
			fmt.Fprintf(w, "- %s: %s\n", g, strings.Join(parts, "  //  "))
		}
	}
	return exitOK
}

func named(m string) bool {
	r, _ := utf8.DecodeRuneInString(m)
	return unicode.IsUpper(r)
}

// matchEntity returns the id of the entity the gold mention names in the
// document: one with the mention as an alias, else the one with the longest
// alias the mention contains as whole words, else one an alias of which
// contains the mention.
func matchEntity(entities []article.Entity, docID, mention string) string {
	fold := func(s string) string {
		f := strings.Fields(text.Fold(s))
		for i, w := range f {
			// "Lohan's" names Lohan.
			f[i] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		}
		return " " + strings.Join(f, " ") + " "
	}
	gm := fold(mention)
	best, bestLen := "", 0
	for _, e := range entities {
		if e.Articles[docID] == 0 {
			continue
		}
		for _, a := range e.Aliases {
			fa := fold(a)
			switch {
			case fa == gm:
				return e.ID
			case strings.Contains(gm, fa) && len(fa) > bestLen:
				best, bestLen = e.ID, len(fa)
			case bestLen == 0 && strings.Contains(fa, gm):
				best = e.ID
			}
		}
	}
	return best
}

// bcubed scores predicted against gold clusters of the same items.
func bcubed(items []goldItem) (precision, recall, f1 float64) {
	if len(items) == 0 {
		return 0, 0, 0
	}
	type pair struct{ g, p string }
	both, gold, pred := map[pair]int{}, map[string]int{}, map[string]int{}
	for _, it := range items {
		both[pair{it.gold, it.predicted}]++
		gold[it.gold]++
		pred[it.predicted]++
	}
	for _, it := range items {
		common := float64(both[pair{it.gold, it.predicted}])
		precision += common / float64(pred[it.predicted])
		recall += common / float64(gold[it.gold])
	}
	n := float64(len(items))
	precision, recall = precision/n, recall/n
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}
