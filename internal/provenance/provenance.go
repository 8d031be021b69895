// Package provenance establishes where a story's articles come from: which
// are near-duplicates, which passages they share, which agencies they credit,
// and so how many independent origins stand behind the story. The work is
// split by kind of evidence: neardup (whole-article copies, store-wide),
// align (shared passages), credit (credited agencies); this package combines
// them into origins.
package provenance

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/provenance/align"
	"github.com/corroborate/corroborate/internal/provenance/credit"
	"github.com/corroborate/corroborate/internal/provenance/neardup"
	"github.com/corroborate/corroborate/internal/text"
)

// DefaultMergeWords is the length, in words, from which a copied passage
// makes two articles one origin. It is longer than the shortest reported
// passage: a shared stock phrase (an organisation's standard description)
// is worth showing but is not evidence that one article copied the other.
const DefaultMergeWords = 15

// Options tune provenance.
type Options struct {
	Align         align.Options
	NearDuplicate float64 // least similarity of near-duplicates; 0 means neardup.DefaultThreshold
	MergeWords    int     // shortest copied passage that merges origins; 0 means DefaultMergeWords
}

func (o Options) threshold() float64 {
	if o.NearDuplicate <= 0 {
		return neardup.DefaultThreshold
	}
	return o.NearDuplicate
}

func (o Options) mergeWords() int {
	if o.MergeWords <= 0 {
		return DefaultMergeWords
	}
	return o.MergeWords
}

// Fingerprint returns the stored form of a document's near-duplicate
// signature, computed from the folded words of its text.
func Fingerprint(d *article.Document) []byte {
	var words []string
	for _, s := range d.Sentences {
		for _, t := range s.Tokens {
			words = append(words, t.Norm)
		}
	}
	b, _ := neardup.Sign(words).MarshalBinary() // cannot fail
	return b
}

func signature(d *article.Document) (neardup.Signature, bool) {
	var s neardup.Signature
	if err := s.UnmarshalBinary(d.Fingerprint); err != nil {
		if len(d.Sentences) == 0 {
			return s, false
		}
		// Stored by an older version, or never computed: recompute.
		_ = s.UnmarshalBinary(Fingerprint(d))
	}
	return s, true
}

// Analyze establishes the provenance of a story's documents. It is a pure
// function of the documents; near-duplicates found outside the story (by
// an Index over the whole store) are added by the caller.
func Analyze(docs []*article.Document, opt Options) article.Provenance {
	p := article.Provenance{
		NearDuplicates: nearDuplicates(docs, opt.threshold()),
		SharedPassages: align.Passages(docs, opt.Align),
		Credits:        credits(docs),
	}
	if p.SharedPassages == nil {
		p.SharedPassages = []article.SharedPassage{}
	}
	p.Origins, p.OriginLinks = origins(docs, p.NearDuplicates, p.SharedPassages, opt.mergeWords())
	return p
}

// nearDuplicates compares every pair of the story's documents: stories are
// small, and 256-byte signatures compare in nanoseconds.
func nearDuplicates(docs []*article.Document, threshold float64) []article.NearDuplicate {
	sigs := make([]neardup.Signature, len(docs))
	ok := make([]bool, len(docs))
	for i, d := range docs {
		sigs[i], ok[i] = signature(d)
		ok[i] = ok[i] && sigs[i].Shingles >= neardup.MinShingles
	}
	out := []article.NearDuplicate{}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if !ok[i] || !ok[j] {
				continue
			}
			if sim := neardup.Similarity(sigs[i], sigs[j]); sim >= threshold {
				out = append(out, article.NearDuplicate{A: docs[i].ID, B: docs[j].ID, Similarity: round(sim)})
			}
		}
	}
	return out
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// credits lists what each document credits. An outlet quoting its own
// reporting ("told the Courier" in the Courier) credits no outside source.
func credits(docs []*article.Document) []article.Credit {
	out := []article.Credit{}
	for _, d := range docs {
		seen := map[string]bool{}
		self := text.Fold(strings.TrimPrefix(d.Source, "The "))
		for _, c := range credit.Find(d) {
			key := c.Agency + "\x00" + c.Evidence
			if seen[key] || self != "" && text.Fold(strings.TrimPrefix(c.Agency, "The ")) == self {
				continue
			}
			seen[key] = true
			out = append(out, article.Credit{Article: d.ID, Agency: c.Agency, Evidence: c.Evidence})
		}
	}
	return out
}

// origins groups documents that near-duplicate each other or share copied
// narrative. Each link that joined two groups is kept as evidence; links
// between documents already in one group add nothing and are left out.
func origins(docs []*article.Document, near []article.NearDuplicate, passages []article.SharedPassage, mergeWords int) ([][]string, []article.OriginLink) {
	index := make(map[string]int, len(docs))
	for i, d := range docs {
		index[d.ID] = i
	}
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	links := []article.OriginLink{}
	join := func(a, b, reason, evidence string) {
		ia, oka := index[a]
		ib, okb := index[b]
		if !oka || !okb {
			return
		}
		ra, rb := find(ia), find(ib)
		if ra == rb {
			return
		}
		parent[max(ra, rb)] = min(ra, rb)
		links = append(links, article.OriginLink{A: a, B: b, Reason: reason, Evidence: evidence})
	}
	for _, nd := range near {
		join(nd.A, nd.B, "near-duplicate", fmt.Sprintf("the texts are %.0f%% alike (estimated shingle Jaccard similarity %.2f)", nd.Similarity*100, nd.Similarity))
	}
	// Longest passages first, so the evidence shown is the strongest.
	order := make([]int, 0, len(passages))
	words := make([]int, len(passages))
	for i, sp := range passages {
		if sp.Kind != "copied" {
			continue
		}
		words[i] = len(text.Tokenize(sp.Text, 0))
		if words[i] >= mergeWords {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return words[order[x]] > words[order[y]] })
	for _, i := range order {
		sp := passages[i]
		for k := 1; k < len(sp.Articles); k++ {
			join(sp.Articles[0], sp.Articles[k], "copied passage", sp.Text)
		}
	}

	groups := map[int][]string{}
	var roots []int
	for i, d := range docs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], d.ID)
	}
	out := make([][]string, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out, links
}

// Index finds near-duplicates across every stored document, one article at
// a time: each new article is compared with all added before it. It is safe
// for concurrent use.
type Index struct {
	mu    sync.Mutex
	ix    *neardup.Index
	ids   []string
	ords  map[string]uint32
	limit float64
}

// NewIndex returns an empty index reporting pairs at or above threshold
// (0 means neardup.DefaultThreshold).
func NewIndex(threshold float64) *Index {
	if threshold <= 0 {
		threshold = neardup.DefaultThreshold
	}
	return &Index{ix: neardup.NewIndex(neardup.Options{Threshold: threshold}), ords: map[string]uint32{}, limit: threshold}
}

// Add returns the near-duplicates of the document id, whose stored
// fingerprint is given, among the documents added before it, and then adds
// it. A fingerprint of another version is an error; the caller recomputes.
// Adding an id a second time only queries.
func (x *Index) Add(id string, fingerprint []byte) ([]article.NearDuplicate, error) {
	var sig neardup.Signature
	if err := sig.UnmarshalBinary(fingerprint); err != nil {
		return nil, fmt.Errorf("fingerprint of %q: %w", id, err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []article.NearDuplicate
	for _, m := range x.ix.Query(sig) {
		other := x.ids[m.ID]
		if other == id {
			continue
		}
		out = append(out, article.NearDuplicate{A: other, B: id, Similarity: round(m.Similarity)})
	}
	if _, ok := x.ords[id]; !ok {
		ord := uint32(len(x.ids))
		x.ids = append(x.ids, id)
		x.ords[id] = ord
		x.ix.Add(ord, sig)
	}
	return out, nil
}

// Len is the number of documents in the index.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.ids)
}
