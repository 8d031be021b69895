package align

import (
	"cmp"
	"slices"

	"github.com/corroborate/corroborate/internal/article"
)

// Passages aligns every pair of a story's documents and returns the
// passages they share. Matches that cover the same text of a common
// document are merged, so that a wire sentence printed by three outlets is
// one passage with three articles.
//
// Passages may overlap: a sentence three reports share is a passage of its
// own even when two of them also share the paragraph around it, so that a
// passage's articles share (nearly) all of its text.
//
// Articles are listed in input order. Offsets are byte spans into each
// article's Text (what the report calls a passage's offsets); Text is the
// exact text of the first article's span. Passages are ordered by their
// first article's place in docs, then by offset, so that the output is
// deterministic.
//
// Kind is KindQuote when at least one document quotes the passage (most of
// its words inside quotation marks, see Classify) and more than half of its
// documents quote it or report it as speech (a sentence of the span holds
// "said", "told", "wrote", "posted" and the like); otherwise KindCopied. For
// two documents that means: quoted in one, and quoted or attributed in the
// other. Two outlets quoting the same speaker share words because the
// speaker said them, not because one copied the other.
//
// Documents are told apart by ID; a nil document, or one whose ID repeats
// an earlier one, is skipped.
func Passages(docs []*article.Document, opt Options) []article.SharedPassage {
	opt = opt.normalized()
	vocab := vocabulary{}
	k := seedLength(opt)
	var seqs []*sequence
	seen := map[string]bool{}
	for _, d := range docs {
		if d == nil || seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		seqs = append(seqs, newSequence(d, vocab, k))
	}

	var occs []occurrence
	var links unionFind
	index := newStoryIndex(seqs)
	steps := gapSteps(opt)
	for i := range seqs {
		for j, seeds := range index.seedsAfter(i) {
			if len(seeds) == 0 {
				continue
			}
			for _, m := range alignSeeds(seqs[i], seqs[j], seeds, opt, steps) {
				a := links.add()
				b := links.add()
				occs = append(occs,
					occurrence{doc: i, span: seqs[i].span(m.aStart, m.aEnd)},
					occurrence{doc: j, span: seqs[j].span(m.bStart, m.bEnd)})
				links.union(a, b)
			}
		}
	}
	linkOverlaps(occs, &links)

	components := map[int][]occurrence{}
	var roots []int // in order of first appearance, for determinism
	for i, o := range occs {
		root := links.find(i)
		if _, ok := components[root]; !ok {
			roots = append(roots, root)
		}
		components[root] = append(components[root], o)
	}
	quotes := make([]quoteCache, len(seqs))
	found := make([]foundPassage, 0, len(roots))
	for _, root := range roots {
		found = append(found, newPassage(seqs, quotes, components[root]))
	}
	slices.SortStableFunc(found, compareFound)
	passages := make([]article.SharedPassage, len(found))
	for i, f := range found {
		passages[i] = f.SharedPassage
	}
	return passages
}

// storyIndex holds where each seed n-gram occurs across a story's
// documents, so that each document is scanned once against all the others
// instead of once per pair.
type storyIndex struct {
	seqs     []*sequence
	postings map[uint64][]posting // n-gram hash -> occurrences, in document then position order
}

type posting struct{ doc, pos int32 }

func newStoryIndex(seqs []*sequence) *storyIndex {
	total := 0
	for _, s := range seqs {
		total += len(s.grams)
	}
	x := &storyIndex{seqs: seqs, postings: make(map[uint64][]posting, total)}
	for d, s := range seqs {
		for pos, h := range s.grams {
			x.postings[h] = append(x.postings[h], posting{int32(d), int32(pos)})
		}
	}
	// Leave out the occurrences of an n-gram in any document that repeats
	// it more than maxSeedRepeats times, as pairSeeds does.
	for h, ps := range x.postings {
		kept := ps[:0]
		for start := 0; start < len(ps); {
			end := start
			for end < len(ps) && ps[end].doc == ps[start].doc {
				end++
			}
			if end-start <= maxSeedRepeats {
				kept = append(kept, ps[start:end]...)
			}
			start = end
		}
		x.postings[h] = kept
	}
	return x
}

// seedsAfter returns the seeds of document d against each document (by
// index; none for d and those before it), in order of position in d.
func (x *storyIndex) seedsAfter(d int) [][]seed {
	seeds := make([][]seed, len(x.seqs))
	for i, h := range x.seqs[d].grams {
		ps := x.postings[h]
		// Postings are in document order: skip to the documents after d.
		first, _ := slices.BinarySearchFunc(ps, int32(d+1), func(p posting, doc int32) int { return int(p.doc - doc) })
		for _, p := range ps[first:] {
			seeds[p.doc] = append(seeds[p.doc], seed{int32(i), p.pos})
		}
	}
	return seeds
}

// occurrence is a matched span in one document (an index into the
// sequences).
type occurrence struct {
	doc  int
	span article.Span
}

// linkOverlaps joins occurrences in the same document that overlap by more
// than half of the longer: the same text matched against different
// documents. A much shorter match inside a longer one (one sentence of two
// that another report copied) stays a passage of its own.
func linkOverlaps(occs []occurrence, links *unionFind) {
	order := make([]int, len(occs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		a, b := occs[x], occs[y]
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(a.span.End, b.span.End))
	})
	for n, x := range order {
		a := occs[x]
		for _, y := range order[n+1:] {
			b := occs[y]
			if b.doc != a.doc || b.span.Start >= a.span.End {
				break
			}
			overlap := min(a.span.End, b.span.End) - b.span.Start
			if 2*overlap > max(a.span.Len(), b.span.Len()) {
				links.union(x, y)
			}
		}
	}
}

// quoteCache holds a document's quote regions once they are computed.
type quoteCache struct {
	regions []article.Span
	done    bool
}

// foundPassage is a passage with the sequence index and span of its first
// article, which order the output.
type foundPassage struct {
	article.SharedPassage
	first     int
	firstSpan article.Span
}

// newPassage builds the passage of one merged group of occurrences. A
// document may hold the text more than once (a repeated caption); its offset
// is then its longest stretch of overlapping occurrences, the earliest on a
// tie.
func newPassage(seqs []*sequence, quotes []quoteCache, members []occurrence) foundPassage {
	slices.SortFunc(members, func(a, b occurrence) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(b.span.End, a.span.End))
	})
	var docs []int
	var spans []article.Span
	for start := 0; start < len(members); {
		doc := members[start].doc
		end := start
		for end < len(members) && members[end].doc == doc {
			end++
		}
		docs = append(docs, doc)
		spans = append(spans, longestStretch(members[start:end]))
		start = end
	}

	p := article.SharedPassage{
		Articles: make([]string, len(docs)),
		Text:     seqs[docs[0]].doc.Slice(spans[0]),
		Offsets:  make(map[string]article.Span, len(docs)),
	}
	quoted, speech := 0, 0
	for i, d := range docs {
		s := seqs[d]
		p.Articles[i] = s.doc.ID
		p.Offsets[s.doc.ID] = spans[i]
		if !quotes[d].done {
			quotes[d] = quoteCache{regions: quoteRegions(s.doc.Text), done: true}
		}
		switch voiceOf(s.doc, s.tokens, quotes[d].regions, spans[i]) {
		case voiceQuoted:
			quoted++
			speech++
		case voiceAttributed:
			speech++
		}
	}
	p.Kind = KindCopied
	if quoted > 0 && 2*speech > len(docs) {
		p.Kind = KindQuote
	}
	return foundPassage{SharedPassage: p, first: docs[0], firstSpan: spans[0]}
}

// longestStretch merges one document's occurrences, sorted by start, into
// stretches of overlapping spans and returns the longest, the earliest on a
// tie.
func longestStretch(occs []occurrence) article.Span {
	best := occs[0].span
	current := best
	for _, o := range occs[1:] {
		if o.span.Start < current.End {
			current.End = max(current.End, o.span.End)
		} else {
			current = o.span
		}
		if current.Len() > best.Len() || current.Start == best.Start {
			best = current
		}
	}
	return best
}

// compareFound orders passages by their first article's place in the
// input, then by offset in it, longest first.
func compareFound(x, y foundPassage) int {
	return cmp.Or(
		cmp.Compare(x.first, y.first),
		cmp.Compare(x.firstSpan.Start, y.firstSpan.Start),
		cmp.Compare(y.firstSpan.End, x.firstSpan.End),
	)
}

// unionFind groups occurrences into passages.
type unionFind struct{ parent []int }

func (u *unionFind) add() int {
	u.parent = append(u.parent, len(u.parent))
	return len(u.parent) - 1
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(x, y int) {
	rx, ry := u.find(x), u.find(y)
	if rx == ry {
		return
	}
	if rx > ry {
		rx, ry = ry, rx
	}
	u.parent[ry] = rx
}
