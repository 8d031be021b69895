// Package align finds the passages that news articles share, verbatim or
// lightly edited, and tells quoted speech from copied narrative.
//
// Alignment works on tokens (article.Token.Norm), so case, diacritics,
// typographic quotes and punctuation never break a match: "Syria is a mess,
// but" and "SYRIA IS A MESS but" agree word for word. What is reported is
// always a pair of byte spans into the documents' Text, starting and ending
// on whole tokens.
package align

import (
	"slices"

	"github.com/corroborate/corroborate/internal/article"
)

// Defaults for Options. They were chosen on five real reports of one event:
//
//   - DefaultMinWords: the longest everyday phrases two independent reports
//     share are titles and names ("Russian Foreign Minister Sergei Lavrov
//     said", "in a call with Turkish Foreign Minister Hakan Fidan": 6 to 9
//     words), while the copied wire sentence and the shared quote run to 17
//     and 30 words. Ten words sits above the first and well below the second.
//   - DefaultMaxGap: one changed word, or an "and" dropped beside a changed
//     word, is what rewriting desks do to wire copy; three consecutive
//     differing words are usually a different sentence.
//   - DefaultMaxInsert: an attribution dropped into the middle of a quote
//     ("..., he wrote on the Truth Social platform. ...") or a clause added
//     to copied narrative runs to about eight words.
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
	// insertion, a weaker sign that the text runs on: with four, "from the
	// coastal region" in one report bridged a new paragraph to an unrelated
	// sentence of another, so the run before the insertion must be as long.
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
	found := alignSequences(sa, sb, opt)
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
	ids      []uint32
	reversed []uint32
	seeds    map[uint64][]int32 // n-gram hash -> start positions
	seedLen  int
}

func newSequence(d *article.Document, vocab vocabulary, seedLen int) *sequence {
	s := &sequence{doc: d, seedLen: seedLen, tokens: documentTokens(d)}
	n := len(s.tokens)
	s.ids = make([]uint32, n)
	s.reversed = make([]uint32, n)
	for i, tok := range s.tokens {
		id := vocab.id(tok.Norm)
		s.ids[i] = id
		s.reversed[n-1-i] = id
	}
	s.seeds = make(map[uint64][]int32, n)
	for i := 0; i+seedLen <= n; i++ {
		h := gramHash(s.ids[i : i+seedLen])
		s.seeds[h] = append(s.seeds[h], int32(i))
	}
	for h, positions := range s.seeds {
		if len(positions) > maxSeedRepeats {
			delete(s.seeds, h)
		}
	}
	return s
}

// documentTokens returns the tokens of d in text order. It keeps only
// tokens that lie inside Text and in order, so that a malformed document
// yields fewer matches rather than bad spans.
func documentTokens(d *article.Document) []article.Token {
	if d == nil {
		return nil
	}
	var tokens []article.Token
	prevEnd := 0
	for _, sentence := range d.Sentences {
		for _, tok := range sentence.Tokens {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(d.Text) {
				continue
			}
			tokens = append(tokens, tok)
			prevEnd = tok.End
		}
	}
	return tokens
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

// alignSequences returns the maximal matches of a against b with at least
// opt.MinWords agreeing tokens, ordered by position in a then b.
//
// Every position of a whose n-gram occurs in b seeds a match, which is
// extended both ways. A seed whose positions are both already covered by
// matches is skipped, which keeps the work linear on repetitive text.
func alignSequences(a, b *sequence, opt Options) []tokenMatch {
	k := a.seedLen
	if len(a.ids) < k || len(b.ids) < k || k == 0 {
		return nil
	}
	steps := gapSteps(opt)
	coveredA := make([]bool, len(a.ids))
	coveredB := make([]bool, len(b.ids))
	var found []tokenMatch
	for i := 0; i+k <= len(a.ids); i++ {
		positions := b.seeds[gramHash(a.ids[i:i+k])]
		for _, p := range positions {
			j := int(p)
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
	return tokenMatch{
		aStart: len(a.ids) - ra,
		aEnd:   aEnd,
		bStart: len(b.ids) - rb,
		bEnd:   bEnd,
		words:  forwardWords + backwardWords,
		gaps:   forwardGaps + backwardGaps,
	}
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
