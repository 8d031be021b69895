package extract

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// shingleSize is the benchmark's n: texts are compared as sets of word
// 4-grams, which rewards getting whole passages right rather than words.
const shingleSize = 4

// ScoreExtraction compares an extracted body with the gold one as the
// article-extraction benchmark does: tokens are the lower-cased,
// whitespace-separated words, each text becomes the set of its word
// 4-grams (a text shorter than that is one shingle), and precision and
// recall are the shared share of the predicted and gold sets. Two empty
// texts agree perfectly; an empty prediction of a non-empty gold scores 0.
func ScoreExtraction(predicted, gold string) (precision, recall, f1 float64) {
	pred, want := shingles(predicted), shingles(gold)
	switch {
	case len(pred) == 0 && len(want) == 0:
		return 1, 1, 1
	case len(pred) == 0 || len(want) == 0:
		return 0, 0, 0
	}
	shared := 0
	for s := range pred {
		if _, ok := want[s]; ok {
			shared++
		}
	}
	precision = float64(shared) / float64(len(pred))
	recall = float64(shared) / float64(len(want))
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

func shingles(text string) map[string]struct{} {
	tokens := strings.Fields(strings.ToLower(text))
	set := map[string]struct{}{}
	if len(tokens) == 0 {
		return set
	}
	if len(tokens) < shingleSize {
		set[strings.Join(tokens, " ")] = struct{}{}
		return set
	}
	for i := 0; i+shingleSize <= len(tokens); i++ {
		set[strings.Join(tokens[i:i+shingleSize], " ")] = struct{}{}
	}
	return set
}

// PageScore is one benchmark page's result.
type PageScore struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Error     string  `json:"error,omitempty"` // why HTML failed; the page then scores 0
}

// Summary is HTML's score on the article-extraction benchmark: the mean of
// the per-page figures.
type Summary struct {
	Pages     int         `json:"pages"`
	Failed    int         `json:"failed"` // pages HTML returned an error for
	Precision float64     `json:"precision"`
	Recall    float64     `json:"recall"`
	F1        float64     `json:"f1"`
	PerPage   []PageScore `json:"per_page"` // sorted by ID
}

type goldArticle struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// EvaluateBenchmark runs HTML on every page of an article-extraction
// benchmark directory (ground-truth.json keyed by page ID, pages in
// html/<id>.html.gz) and scores the bodies against the gold ones.
func EvaluateBenchmark(dir string) (Summary, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return Summary{}, fmt.Errorf("extract: reading benchmark: %w", err)
	}
	var gold map[string]goldArticle
	if err := json.Unmarshal(raw, &gold); err != nil {
		return Summary{}, fmt.Errorf("extract: reading %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	if len(gold) == 0 {
		return Summary{}, fmt.Errorf("extract: %s lists no pages", filepath.Join(dir, "ground-truth.json"))
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	scores := make([]PageScore, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				scores[i] = scorePage(dir, ids[i], gold[ids[i]])
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()

	sum := Summary{Pages: len(scores), PerPage: scores}
	for _, s := range scores {
		if s.Error != "" {
			sum.Failed++
		}
		sum.Precision += s.Precision
		sum.Recall += s.Recall
		sum.F1 += s.F1
	}
	n := float64(len(scores))
	sum.Precision /= n
	sum.Recall /= n
	sum.F1 /= n
	return sum, nil
}

func scorePage(dir, id string, gold goldArticle) PageScore {
	score := PageScore{ID: id, URL: gold.URL}
	page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		score.Error = err.Error()
		return score
	}
	res, err := HTML(page, gold.URL)
	if err != nil {
		score.Error = err.Error()
		return score
	}
	score.Precision, score.Recall, score.F1 = ScoreExtraction(res.Body, gold.ArticleBody)
	return score
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
