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
	for i := range seqs {
		for j := i + 1; j < len(seqs); j++ {
			for _, m := range alignSequences(seqs[i], seqs[j], opt) {
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
	for i, o := range occs {
		root := links.find(i)
		components[root] = append(components[root], o)
	}
	quotes := make([][]article.Span, len(seqs))
	passages := make([]article.SharedPassage, 0, len(components))
	for _, members := range components {
		passages = append(passages, newPassage(seqs, quotes, members))
	}
	slices.SortFunc(passages, func(x, y article.SharedPassage) int {
		return comparePassages(seqs, x, y)
	})
	return passages
}

// occurrence is a matched span in one document (an index into the
// sequences).
type occurrence struct {
	doc  int
	span article.Span
}

// linkOverlaps joins occurrences in the same document that overlap by more
// than half of the shorter: the same text matched against different
// documents.
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
			if 2*overlap > min(a.span.Len(), b.span.Len()) {
				links.union(x, y)
			}
		}
	}
}

// newPassage builds the passage of one merged group of occurrences. A
// document may hold the text twice (a repeated caption); its offset is then
// that of its longest stretch of overlapping occurrences, the earliest on a
// tie.
func newPassage(seqs []*sequence, quotes [][]article.Span, members []occurrence) article.SharedPassage {
	slices.SortFunc(members, func(a, b occurrence) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(b.span.End, a.span.End))
	})
	var docs []int
	var spans []article.Span
	for _, o := range members {
		n := len(docs)
		switch {
		case n == 0 || docs[n-1] != o.doc:
			docs = append(docs, o.doc)
			spans = append(spans, o.span)
		case o.span.Start < spans[n-1].End:
			spans[n-1].End = max(spans[n-1].End, o.span.End)
		default:
			// A separate stretch of the same document: a second run,
			// compared on length with the best so far, would need the
			// runs kept apart; keep the longer as it is completed.
			if o.span.Len() > spans[n-1].Len() {
				spans[n-1] = o.span
			}
		}
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
		if quotes[d] == nil {
			quotes[d] = quoteRegions(s.doc.Text)
		}
		switch s.voice(spans[i], quotes[d]) {
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
	return p
}

// comparePassages orders passages by their first article's place in the
// input, then by offset in it, then longest first, then by article list.
func comparePassages(seqs []*sequence, x, y article.SharedPassage) int {
	index := func(id string) int {
		return slices.IndexFunc(seqs, func(s *sequence) bool { return s.doc.ID == id })
	}
	if c := cmp.Compare(index(x.Articles[0]), index(y.Articles[0])); c != 0 {
		return c
	}
	sx, sy := x.Offsets[x.Articles[0]], y.Offsets[y.Articles[0]]
	return cmp.Or(
		cmp.Compare(sx.Start, sy.Start),
		cmp.Compare(sy.End, sx.End),
		slices.Compare(x.Articles, y.Articles),
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
