// Package align finds the passages that news articles share, verbatim or
// lightly edited, and tells quoted speech from copied narrative.
//
// Alignment works on tokens (article.Token.Norm), so case, diacritics,
// typographic quotes and punctuation never break a match: "The levee held,
// the mayor said" and "THE LEVEE HELD - the Mayor said" agree word for word.
// Tokens run on across sentences and paragraphs, so a passage may too.
// What is reported is always a pair of byte spans into the documents' Text,
// starting and ending on whole tokens.
package align

import (
	"slices"

	"github.com/corroborate/corroborate/internal/article"
)

// Defaults for Options. They were chosen on five real reports of one event
// (counting tokens, where "'s" is a token of its own):
//
//   - DefaultMinWords: below ten, what independent reports shared was stock
//     phrasing (an official's title and name, a monitoring group's name, a
//     list of countries, a description of a region: 5 to 9 words) and
//     fragments of passages; the passages really copied or quoted ran to
//     11, 11, 18, 22 and 32 words. Ten is the shortest length that admits
//     none of the stock phrases, and it keeps every real passage.
//   - DefaultMaxGap: a changed word, or a dropped "and" beside one, is what
//     rewriting desks do to wire copy and what outlets do when transcribing
//     a statement; three consecutive differing words on both sides are
//     usually a different sentence.
//   - DefaultMaxInsert: an attribution set into the middle of a quote
//     ("..., he wrote on his platform. ...") or a clause added to copied
//     narrative ("..., the agency reported. ...") runs to about eight words.
const (
	DefaultMinWords  = 10
	DefaultMaxGap    = 2
	DefaultMaxInsert = 8
)

// Options tune the aligner. A zero field takes its default; a negative
// MaxGap or MaxInsert allows no gap or insertion at all.
type Options struct {
	// MinWords is the shortest passage reported, counted in tokens that
	// agree in both documents (words inside a gap do not count).
	MinWords int
	// MaxGap is how many consecutive tokens may differ on both sides inside
	// one passage: a changed, inserted or deleted word or two.
	MaxGap int
	// MaxInsert is how many consecutive tokens one document may insert into
	// a passage while the other runs on with at most MaxGap differing
	// tokens: an attribution that splits a quote, an added clause. It is
	// never below MaxGap.
	MaxInsert int
}

// normalized returns o with its defaults filled in.
func (o Options) normalized() Options {
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	switch {
	case o.MaxGap == 0:
		o.MaxGap = DefaultMaxGap
	case o.MaxGap < 0:
		o.MaxGap = 0
	}
	switch {
	case o.MaxInsert == 0:
		o.MaxInsert = DefaultMaxInsert
	case o.MaxInsert < 0:
		o.MaxInsert = 0
	}
	o.MaxInsert = max(o.MaxInsert, o.MaxGap)
	// Gaps wider than this cost quadratic time at each mismatch and no
	// longer describe light editing.
	o.MaxGap = min(o.MaxGap, maxGapLimit)
	o.MaxInsert = min(o.MaxInsert, maxInsertLimit)
	return o
}

const (
	maxGapLimit    = 8
	maxInsertLimit = 32
)

// Alignment constants. They are not options because they trade recall
// against noise in ways a caller has no good basis to tune.
const (
	// seedWords is the length of the token n-grams that seed a match. Four
	// words is long enough that few seeds are chance agreements and short
	// enough that a passage with a changed word every five still has seeds.
	seedWords = 4
	// maxSeedRepeats skips n-grams that occur more often than this in one
	// document: boilerplate repeated that often would make seeding
	// quadratic, and any passage through it is found from its other seeds.
	maxSeedRepeats = 32
	// resyncWords is how many tokens must agree after a gap of at most
	// MaxGap for the match to continue past it: two agreeing words after a
	// gap are too often "of the". bridgeWords is the same after a longer
	// insertion, a weaker sign that the text runs on, and the run before
	// the insertion must be as long: with four, a four-word stock phrase
	// ending one report's paragraph was bridged to an unrelated sentence
	// in the next.
	resyncWords = 3
	bridgeWords = 5
)

// Match is one passage two documents share: a maximal aligned run of
// tokens, possibly with small gaps.
type Match struct {
	A, B article.Span // byte spans into the first and second document's Text
	// Words counts the tokens that agree in both documents.
	Words int
	// Exact says that the two spans hold the same tokens one for one; their
	// punctuation, case and spacing may still differ.
	Exact bool
}

// Pair aligns two documents and returns the maximal spans they share, each
// with its byte span in both texts, ordered by their place in a. A stretch
// of a that b prints twice gives two matches.
func Pair(a, b *article.Document, opt Options) []Match {
	opt = opt.normalized()
	vocab := vocabulary{}
	k := seedLength(opt)
	sa, sb := newSequence(a, vocab, k), newSequence(b, vocab, k)
	found := alignSeeds(sa, sb, pairSeeds(sa, sb), opt, gapSteps(opt))
	matches := make([]Match, len(found))
	for i, m := range found {
		matches[i] = Match{
			A:     sa.span(m.aStart, m.aEnd),
			B:     sb.span(m.bStart, m.bEnd),
			Words: m.words,
			Exact: m.gaps == 0,
		}
	}
	return matches
}

func seedLength(opt Options) int { return min(seedWords, opt.MinWords) }

// vocabulary maps token norms to small integers so that alignment compares
// integers, not strings. One vocabulary serves every document aligned
// together.
type vocabulary map[string]uint32

func (v vocabulary) id(norm string) uint32 {
	id, ok := v[norm]
	if !ok {
		id = uint32(len(v))
		v[norm] = id
	}
	return id
}

// sequence is a document prepared for alignment: its tokens in text order
// (across sentences and paragraphs, so that a passage may run on), their
// word ids forwards and backwards, and an index of its seed n-grams.
type sequence struct {
	doc      *article.Document
	tokens   []article.Token
	sentence []int32 // sentence index of each token
	ids      []uint32
	reversed []uint32
	grams    []uint64 // hash of the seed n-gram starting at each position
	seedLen  int
}

func newSequence(d *article.Document, vocab vocabulary, seedLen int) *sequence {
	s := &sequence{doc: d, seedLen: seedLen}
	s.tokens, s.sentence = documentTokens(d)
	n := len(s.tokens)
	s.ids = make([]uint32, n)
	s.reversed = make([]uint32, n)
	for i, tok := range s.tokens {
		id := vocab.id(tok.Norm)
		s.ids[i] = id
		s.reversed[n-1-i] = id
	}
	s.grams = make([]uint64, max(n-seedLen+1, 0))
	for i := range s.grams {
		s.grams[i] = gramHash(s.ids[i : i+seedLen])
	}
	return s
}

// documentTokens returns the tokens of d in text order and, for each, the
// index of its sentence. It keeps only tokens that lie inside Text and in
// order, so that a malformed document yields fewer matches rather than bad
// spans.
func documentTokens(d *article.Document) (tokens []article.Token, sentences []int32) {
	if d == nil {
		return nil, nil
	}
	n := 0
	for _, sentence := range d.Sentences {
		n += len(sentence.Tokens)
	}
	tokens, sentences = make([]article.Token, 0, n), make([]int32, 0, n)
	prevEnd := 0
	for i, sentence := range d.Sentences {
		for _, tok := range sentence.Tokens {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(d.Text) {
				continue
			}
			tokens = append(tokens, tok)
			sentences = append(sentences, int32(i))
			prevEnd = tok.End
		}
	}
	return tokens, sentences
}

// span returns the byte span of tokens [start, end).
func (s *sequence) span(start, end int) article.Span {
	return article.Span{Start: s.tokens[start].Start, End: s.tokens[end-1].End}
}

func gramHash(ids []uint32) uint64 {
	h := uint64(len(ids))
	for _, id := range ids {
		h = (h ^ uint64(id)) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

// tokenMatch is a match in token positions: [aStart, aEnd) in the first
// sequence against [bStart, bEnd) in the second.
type tokenMatch struct {
	aStart, aEnd, bStart, bEnd int
	words                      int // agreeing tokens
	gaps                       int // gaps bridged
}

// seed is a pair of positions, a[i] and b[j], where the same seed n-gram
// starts.
type seed struct{ i, j int32 }

// pairSeeds returns the seeds of a against b in order of position in a,
// then b, leaving out n-grams that b repeats more than maxSeedRepeats
// times.
func pairSeeds(a, b *sequence) []seed {
	positions := make(map[uint64][]int32, len(b.grams))
	for j, h := range b.grams {
		positions[h] = append(positions[h], int32(j))
	}
	var seeds []seed
	for i, h := range a.grams {
		if ps := positions[h]; len(ps) <= maxSeedRepeats {
			for _, j := range ps {
				seeds = append(seeds, seed{int32(i), j})
			}
		}
	}
	return seeds
}

// alignSeeds returns the maximal matches of a against b with at least
// opt.MinWords agreeing tokens, ordered by position in a then b. Seeds must
// come in order of position in a.
//
// Each seed is extended both ways. A seed whose positions are both already
// covered by matches is skipped, which keeps the work linear on repetitive
// text.
func alignSeeds(a, b *sequence, seeds []seed, opt Options, steps []gapStep) []tokenMatch {
	if len(seeds) == 0 {
		return nil
	}
	k := a.seedLen
	coveredA := make([]bool, len(a.ids))
	coveredB := make([]bool, len(b.ids))
	var found []tokenMatch
	for _, sd := range seeds {
		i, j := int(sd.i), int(sd.j)
		if coveredA[i] && coveredB[j] {
			continue
		}
		if !slices.Equal(a.ids[i:i+k], b.ids[j:j+k]) {
			continue // hash collision
		}
		m := extendSeed(a, b, i, j, steps)
		if m.words < opt.MinWords {
			continue
		}
		for x := m.aStart; x < m.aEnd; x++ {
			coveredA[x] = true
		}
		for y := m.bStart; y < m.bEnd; y++ {
			coveredB[y] = true
		}
		found = append(found, m)
	}
	return dropRedundant(found)
}

// extendSeed grows the seed at a[i], b[j] forwards and backwards.
func extendSeed(a, b *sequence, i, j int, steps []gapStep) tokenMatch {
	// The unbroken run through the seed counts as the run before a gap in
	// either direction.
	ahead := exactRun(a.ids, b.ids, i, j)
	behind := exactRun(a.reversed, b.reversed, len(a.ids)-i, len(b.ids)-j)
	aEnd, bEnd, forwardWords, forwardGaps := extend(a.ids, b.ids, i, j, behind, steps)
	// Backwards is forwards on the reversed sequences, from just before the
	// seed.
	ra, rb, backwardWords, backwardGaps := extend(a.reversed, b.reversed, len(a.ids)-i, len(b.ids)-j, ahead, steps)
	return trimStrayEdges(a, b, tokenMatch{
		aStart: len(a.ids) - ra,
		aEnd:   aEnd,
		bStart: len(b.ids) - rb,
		bEnd:   bEnd,
		words:  forwardWords + backwardWords,
		gaps:   forwardGaps + backwardGaps,
	})
}

// trimStrayEdges cuts from a match the few words it carries across a
// sentence boundary at either end: two reports that both go on "... office
// said. The" share the sentence, not the "The". Fewer than resyncWords
// tokens into (or out of) a sentence, in either document, is stray. Only
// tokens of the agreeing run at that end are cut, so the two sides stay
// aligned.
func trimStrayEdges(a, b *sequence, m tokenMatch) tokenMatch {
	length := min(m.aEnd-m.aStart, m.bEnd-m.bStart)
	tailRun := min(exactRun(a.reversed, b.reversed, len(a.ids)-m.aEnd, len(b.ids)-m.bEnd), length)
	if cut := max(a.strayTail(m.aStart, m.aEnd), b.strayTail(m.bStart, m.bEnd)); cut > 0 && cut < tailRun {
		m.aEnd -= cut
		m.bEnd -= cut
		m.words -= cut
		length -= cut
	}
	headRun := min(exactRun(a.ids, b.ids, m.aStart, m.bStart), length)
	if cut := max(a.strayHead(m.aStart, m.aEnd), b.strayHead(m.bStart, m.bEnd)); cut > 0 && cut < headRun {
		m.aStart += cut
		m.bStart += cut
		m.words -= cut
	}
	return m
}

// strayTail returns how many tokens of [start, end) lie in the sentence of
// its last token, when that is fewer than resyncWords and the range begins
// in an earlier sentence; otherwise 0.
func (s *sequence) strayTail(start, end int) int {
	last := s.sentence[end-1]
	n := 0
	for end-1-n >= start && s.sentence[end-1-n] == last {
		n++
	}
	if end-n > start && n < resyncWords {
		return n
	}
	return 0
}

// strayHead is strayTail for the first sentence of [start, end).
func (s *sequence) strayHead(start, end int) int {
	first := s.sentence[start]
	n := 0
	for start+n < end && s.sentence[start+n] == first {
		n++
	}
	if start+n < end && n < resyncWords {
		return n
	}
	return 0
}

// exactRun counts the tokens that agree from a[i], b[j] on.
func exactRun(a, b []uint32, i, j int) int {
	n := 0
	for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
		n++
	}
	return n
}

// extend follows agreeing tokens of a and b from a[i], b[j], stepping over
// gaps where a short run agrees again just after, and returns where the
// last agreeing run ends, how many tokens agreed and how many gaps were
// crossed. A gap is only committed once the run after it is taken, so the
// match never ends on a gap.
//
// A long insertion (a step wider than MaxGap on one side) is only bridged
// between two runs of at least bridgeWords each, so that it joins two
// stretches of one passage, not a stock phrase to a passage nearby. lead is
// the length of the agreeing run that ends at a[i], b[j].
func extend(a, b []uint32, i, j, lead int, steps []gapStep) (aEnd, bEnd, words, gaps int) {
	aEnd, bEnd = i, j
	run := lead
	for {
		n := exactRun(a, b, i, j)
		i += n
		j += n
		words += n
		run += n
		if n > 0 {
			aEnd, bEnd = i, j
		}
		step, ok := resync(a, b, i, j, run >= bridgeWords, steps)
		if !ok {
			return aEnd, bEnd, words, gaps
		}
		i += step.skipA
		j += step.skipB
		gaps++
		run = 0
	}
}

// gapStep is one way to step over a gap: skip tokens of a and of b, then
// require a run of agreeing tokens.
type gapStep struct {
	skipA, skipB int
	run          int
	bridge       bool // wider than MaxGap on one side: a long insertion
}

// gapSteps lists the gaps extend may cross, cheapest first: fewest skipped
// tokens, then the most even split (a changed word before an inserted one),
// then fewer skipped in a, so that the choice is deterministic.
func gapSteps(opt Options) []gapStep {
	var steps []gapStep
	for skipA := 0; skipA <= opt.MaxInsert; skipA++ {
		for skipB := 0; skipB <= opt.MaxInsert; skipB++ {
			if skipA+skipB == 0 || min(skipA, skipB) > opt.MaxGap {
				continue
			}
			step := gapStep{skipA: skipA, skipB: skipB, run: resyncWords}
			if max(skipA, skipB) > opt.MaxGap {
				step.run, step.bridge = bridgeWords, true
			}
			steps = append(steps, step)
		}
	}
	slices.SortStableFunc(steps, func(x, y gapStep) int {
		if c := (x.skipA + x.skipB) - (y.skipA + y.skipB); c != 0 {
			return c
		}
		if c := abs(x.skipA-x.skipB) - abs(y.skipA-y.skipB); c != 0 {
			return c
		}
		return x.skipA - y.skipA
	})
	return steps
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// resync returns the cheapest gap step after which a and b agree again,
// considering long insertions only when bridging is allowed.
func resync(a, b []uint32, i, j int, bridging bool, steps []gapStep) (gapStep, bool) {
	for _, step := range steps {
		if step.bridge && !bridging {
			continue
		}
		ia, jb := i+step.skipA, j+step.skipB
		if ia+step.run > len(a) || jb+step.run > len(b) {
			continue
		}
		if slices.Equal(a[ia:ia+step.run], b[jb:jb+step.run]) {
			return step, true
		}
	}
	return gapStep{}, false
}

// dropRedundant sorts matches by position and drops any match lying inside
// another in both documents, or overlapping a longer one by more than half
// of itself in both: different seeds of one passage that extension ended
// differently.
func dropRedundant(found []tokenMatch) []tokenMatch {
	slices.SortFunc(found, func(x, y tokenMatch) int {
		if x.aStart != y.aStart {
			return x.aStart - y.aStart
		}
		if x.bStart != y.bStart {
			return x.bStart - y.bStart
		}
		return y.words - x.words
	})
	kept := found[:0]
	for _, m := range found {
		redundant := false
		for i := len(kept) - 1; i >= 0; i-- {
			other := &kept[i]
			if other.aEnd <= m.aStart {
				// kept is ordered by aStart but not aEnd; matches are few,
				// so the full scan is cheap.
				continue
			}
			if mostlyInside(m, *other) {
				redundant = true
				break
			}
			if mostlyInside(*other, m) {
				*other = m
				redundant = true
				break
			}
		}
		if !redundant {
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(x, y tokenMatch) int {
		if x.aStart != y.aStart {
			return x.aStart - y.aStart
		}
		return x.bStart - y.bStart
	})
	return kept
}

// mostlyInside reports whether m is no longer than other and more than half
// of it overlaps other in both documents.
func mostlyInside(m, other tokenMatch) bool {
	if m.words > other.words {
		return false
	}
	overlapA := min(m.aEnd, other.aEnd) - max(m.aStart, other.aStart)
	overlapB := min(m.bEnd, other.bEnd) - max(m.bStart, other.bStart)
	return 2*overlapA > m.aEnd-m.aStart && 2*overlapB > m.bEnd-m.bStart
}
