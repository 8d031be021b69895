// Package cluster groups documents into stories: documents that report the
// same events land in the same story.
//
// This is the batch grouping of the first release: TF-IDF vectors, cosine
// similarity through an inverted index, and single-link merging above a
// threshold. The streaming clusterer that assigns one article at a time
// replaces it behind the same Group call.
package cluster

import (
	_ "embed"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// DefaultThreshold is the cosine similarity above which two documents are
// taken to report the same events. Reports of one event by different outlets
// score roughly 0.2 to 0.6 on this measure; unrelated news rarely above 0.1.
const DefaultThreshold = 0.2

// Options tune grouping.
type Options struct {
	Threshold float64 // <= 0 means DefaultThreshold
}

//go:embed stopwords.txt
var stopwordData string

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(stopwordData, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// titleWeight counts a headline term as this many body occurrences: the
// headline names the event more reliably than any single body sentence.
const titleWeight = 3

type vector map[string]float64

// Group returns the documents' stories as lists of indices into docs. Groups
// are ordered by their first document and list members in input order, so the
// result depends only on the input order.
func Group(docs []*article.Document, opt Options) [][]int {
	threshold := opt.Threshold
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	counts := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		counts[i] = termCounts(d)
		for term := range counts[i] {
			df[term]++
		}
	}
	vectors := make([]vector, len(docs))
	for i, c := range counts {
		vectors[i] = weigh(c, df, len(docs))
	}

	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		// The smaller index stays root so group order follows input order.
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}

	// The inverted index limits comparisons to documents sharing a term.
	postings := map[string][]int{}
	for i, v := range vectors {
		dots := map[int]float64{}
		for term, w := range v {
			for _, j := range postings[term] {
				dots[j] += w * vectors[j][term]
			}
		}
		for j, dot := range dots {
			if dot >= threshold {
				union(i, j)
			}
		}
		for term := range v {
			postings[term] = append(postings[term], i)
		}
	}

	byRoot := map[int]int{}
	var groups [][]int
	for i := range docs {
		r := find(i)
		g, ok := byRoot[r]
		if !ok {
			g = len(groups)
			byRoot[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

func termCounts(d *article.Document) map[string]float64 {
	c := map[string]float64{}
	for _, s := range d.Sentences {
		for _, t := range s.Tokens {
			if keep(t.Norm) {
				c[t.Norm]++
			}
		}
	}
	for _, t := range text.Tokenize(d.Title, 0) {
		if keep(t.Norm) {
			c[t.Norm] += titleWeight
		}
	}
	return c
}

func keep(term string) bool {
	if len(term) < 3 || stopwords[term] {
		return false
	}
	// Bare numbers match across unrelated stories (years, counts).
	for _, r := range term {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// weigh turns raw counts into a unit-length TF-IDF vector with sublinear term
// frequency, so a long article's repetitions do not swamp its vocabulary.
func weigh(counts map[string]float64, df map[string]int, n int) vector {
	v := make(vector, len(counts))
	var norm float64
	terms := make([]string, 0, len(counts))
	for term := range counts {
		terms = append(terms, term)
	}
	sort.Strings(terms) // deterministic float summation order
	for _, term := range terms {
		w := (1 + math.Log(counts[term])) * (math.Log(float64(n+1)/float64(df[term]+1)) + 1)
		v[term] = w
		norm += w * w
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for term := range v {
		v[term] /= norm
	}
	return v
}
