// Package neardup finds near-duplicate articles across a whole store: texts
// that are copies of each other up to a changed headline, an added or
// dropped paragraph, or a few edited words. Each text gets a Signature, a
// small fixed-size sketch of its set of word shingles, computed once; an
// Index of signatures answers, one article at a time, which stored
// articles have an estimated shingle Jaccard similarity at or above a
// threshold (0.8 by default).
//
// The signature is a one-permutation MinHash: every shingle is hashed once,
// the hash's top bits choose one of Bins bins and the bin keeps its least
// hash, so signing costs one hash per word whatever Bins is. Bins no
// shingle fell into are filled by optimal densification (Shrivastava,
// ICML 2017), which keeps the estimate unbiased for short texts. Each bin
// stores only the lowest byte of its minimum (b-bit MinHash, Li and König,
// 2010): 256 bins of one byte estimate Jaccard better than 64 bins of four,
// in the same space.
//
// The index is locality-sensitive hashing by banding: 16 bands of a few
// bins each, chosen from the threshold so that a pair at the threshold
// shares at least one band with probability 0.999 while unrelated pairs
// almost never do. Candidates sharing a band are verified on all bins.
package neardup

import (
	"math"
	"math/bits"
	"sync"
)

// ShingleWords is the number of consecutive words in a shingle. It is part
// of what a Signature means, so it is fixed rather than an option:
// signatures stored at different times must stay comparable. Three words
// keep a copy with a few changed words above 0.8 (each changed word spoils
// at most three shingles) while the shingles unrelated reports share
// ("said on Tuesday") stay a small fraction of either.
const ShingleWords = 3

// Bins is the number of MinHash bins of a Signature.
const Bins = 256

const binBits = 8 // log2(Bins)

// Signature is the MinHash sketch of a text's set of word shingles: a pure
// function of the text's folded words, fixed-size and comparable, meant to
// be computed once per article and stored with it.
type Signature struct {
	// Shingles is the number of distinct shingles of the text; 0 for a
	// text without words. A text of fewer than ShingleWords words has
	// one shingle, the whole text.
	Shingles uint32
	// Bins holds the low byte of the least shingle hash of each bin.
	Bins [Bins]byte
}

// Sign returns the signature of a text given as its folded words: the Norm
// of each token text.Tokenize returns, in order.
func Sign(words []string) Signature {
	b := getBuilder(len(words))
	defer putBuilder(b)
	for _, w := range words {
		b.addWord(wordHash(w))
	}
	return b.finish()
}

// SignText returns the signature of a text: Sign of the Norms of
// text.Tokenize(s, 0), computed without materialising the tokens.
func SignText(s string) Signature {
	b := getBuilder(len(s) / 5)
	defer putBuilder(b)
	forEachWord(s, func(word string) { b.addWord(wordHash(word)) })
	return b.finish()
}

// Similarity estimates the Jaccard similarity of the two texts' shingle
// sets: 1 for identical texts, near 0 for unrelated ones. It is symmetric.
// Two texts without words count as identical; a text without words is
// unlike every other.
func Similarity(a, b Signature) float64 {
	if a.Shingles == 0 || b.Shingles == 0 {
		if a.Shingles == b.Shingles {
			return 1
		}
		return 0
	}
	return estimate(&a, &b)
}

// estimate is Similarity for two signatures of texts with words.
func estimate(a, b *Signature) float64 {
	equal := equalBytes(&a.Bins, &b.Bins)
	if equal == Bins {
		// As similar as the sizes allow: exactly 1 for identical texts,
		// without rounding, so that they reach any threshold.
		return sizeBound(a.Shingles, b.Shingles)
	}
	// Two different shingles leave the same low byte with probability
	// 1/256; undo that so unrelated texts estimate near 0, not 0.004.
	const chance = 1.0 / 256
	j := (float64(equal)/Bins - chance) / (1 - chance)
	j = max(j, 0)
	return min(j, sizeBound(a.Shingles, b.Shingles))
}

// sizeBound is the largest Jaccard similarity two sets of these sizes can
// have. Capping the estimate with it costs nothing and stops a long text
// from matching a short one whose few shingles happen to agree.
func sizeBound(m, n uint32) float64 {
	if m == n {
		return 1
	}
	return float64(min(m, n)) / float64(max(m, n))
}

// equalBytes counts the positions where a and b hold the same byte, eight
// at a time.
func equalBytes(a, b *[Bins]byte) int {
	const low7 = 0x7f7f7f7f7f7f7f7f
	differing := 0
	for i := 0; i < Bins; i += 8 {
		x := le64(a[i:]) ^ le64(b[i:])
		// The high bit of each byte of y is set when that byte of x is
		// not zero.
		y := ((x & low7) + low7) | x
		differing += bits.OnesCount64(y &^ low7)
	}
	return Bins - differing
}

func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Jaccard returns the exact Jaccard similarity of two texts' shingle sets,
// the quantity Similarity estimates, with shingles identified by their
// 64-bit hashes (a collision among a text's shingles is vanishingly
// unlikely). It is for evaluation and tests: it costs a set per call.
func Jaccard(a, b string) float64 {
	setA, setB := shingleSet(a), shingleSet(b)
	if len(setA) == 0 || len(setB) == 0 {
		if len(setA) == len(setB) {
			return 1
		}
		return 0
	}
	shared := 0
	for h := range setA {
		if _, ok := setB[h]; ok {
			shared++
		}
	}
	return float64(shared) / float64(len(setA)+len(setB)-shared)
}

func shingleSet(s string) map[uint64]struct{} {
	set := map[uint64]struct{}{}
	var sh shingler
	forEachWord(s, func(word string) {
		if h, ok := sh.add(wordHash(word)); ok {
			set[h] = struct{}{}
		}
	})
	if h, ok := sh.finish(); ok {
		set[h] = struct{}{}
	}
	return set
}

// shingler turns a stream of word hashes into shingle hashes.
type shingler struct {
	window [ShingleWords]uint64 // the last words, oldest first
	words  int
}

// add takes the next word and returns the hash of the shingle it completes.
func (s *shingler) add(word uint64) (uint64, bool) {
	copy(s.window[:], s.window[1:])
	s.window[ShingleWords-1] = word
	s.words++
	if s.words < ShingleWords {
		return 0, false
	}
	return combine(s.window[:]), true
}

// finish returns the one shingle of a text shorter than a shingle: all of
// its words.
func (s *shingler) finish() (uint64, bool) {
	if s.words == 0 || s.words >= ShingleWords {
		return 0, false
	}
	return combine(s.window[ShingleWords-s.words:]), true
}

// combine hashes a sequence of word hashes, order and length included.
func combine(words []uint64) uint64 {
	h := uint64(len(words)) * 0x9e3779b97f4a7c15
	for _, w := range words {
		h = bits.RotateLeft64((h^w)*0xbf58476d1ce4e5b9, 31)
	}
	return mix64(h)
}

// mix64 is the SplitMix64 finaliser: every output bit depends on every
// input bit, which the bin choice (top bits) and the stored byte (low bits)
// both rely on.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// builder accumulates one signature.
type builder struct {
	shingler
	// mins holds, per bin, the least shingle hash shifted left by binBits
	// (dropping the bits that chose the bin); emptyBin when none fell in.
	mins [Bins]uint64
	seen hashSet // distinct shingles, to fill Signature.Shingles
}

const emptyBin = math.MaxUint64 // never a shifted hash: its low binBits are 0

var builders = sync.Pool{New: func() any { return new(builder) }}

func getBuilder(words int) *builder {
	b := builders.Get().(*builder)
	b.shingler = shingler{}
	for i := range b.mins {
		b.mins[i] = emptyBin
	}
	b.seen.reset(words)
	return b
}

func putBuilder(b *builder) {
	// A builder that signed a huge text would pin its large set.
	if cap(b.seen.slots) <= 1<<16 {
		builders.Put(b)
	}
}

func (b *builder) addWord(word uint64) {
	if h, ok := b.add(word); ok {
		b.addShingle(h)
	}
}

func (b *builder) addShingle(h uint64) {
	b.seen.add(h)
	bin, rest := h>>(64-binBits), h<<binBits
	if rest < b.mins[bin] {
		b.mins[bin] = rest
	}
}

func (b *builder) finish() Signature {
	if h, ok := b.shingler.finish(); ok {
		b.addShingle(h)
	}
	var sig Signature
	sig.Shingles = uint32(min(b.seen.n, math.MaxUint32))
	if sig.Shingles == 0 {
		return sig
	}
	for i, m := range b.mins {
		if m == emptyBin {
			m = b.mins[densifySource(&b.mins, i)]
		}
		// The byte stored is the hash's lowest, which the shift moved up
		// by binBits: independent of the bin and of the minimum's rank.
		sig.Bins[i] = byte(m >> binBits)
	}
	return sig
}

// densifySource picks the non-empty bin whose minimum the empty bin i
// borrows. The choice depends only on i and on which bins are empty, so
// two texts with the same shingles borrow alike, and each bin probes in
// its own random order, which is what keeps the estimate unbiased (optimal
// densification). There is always a non-empty bin when this is called.
func densifySource(mins *[Bins]uint64, i int) int {
	for _, j := range densifyProbes[i] {
		if mins[j] != emptyBin {
			return int(j)
		}
	}
	// Only a text of a handful of shingles gets here: scan on from the
	// last probe, still a function of i and the empty bins alone.
	j := int(densifyProbes[i][len(densifyProbes[i])-1])
	for mins[j] == emptyBin {
		j = (j + 1) % Bins
	}
	return j
}

// densifyProbes[i] is the sequence of bins the empty bin i tries.
var densifyProbes = func() (probes [Bins][32]uint8) {
	for i := range probes {
		for attempt := range probes[i] {
			probes[i][attempt] = uint8(mix64(uint64(i)<<32|uint64(attempt)) >> (64 - binBits))
		}
	}
	return probes
}()

// wordHash hashes a word eight bytes at a time, lower-casing ASCII letters
// as it reads, so that a token straight from the text and its folded Norm
// hash alike (for ASCII words text.Fold only lower-cases). Bytes of
// multi-byte UTF-8 sequences pass unchanged.
func wordHash(w string) uint64 {
	h := uint64(len(w))*0x9e3779b97f4a7c15 ^ 0x6a09e667f3bcc908
	for len(w) >= 8 {
		h = bits.RotateLeft64((h^lowerASCII8(le64s(w)))*0xbf58476d1ce4e5b9, 29)
		w = w[8:]
	}
	if len(w) > 0 {
		var tail uint64
		for k := len(w) - 1; k >= 0; k-- {
			tail = tail<<8 | uint64(w[k])
		}
		h = bits.RotateLeft64((h^lowerASCII8(tail))*0x94d049bb133111eb, 29)
	}
	// No finaliser: combine mixes the words of a shingle thoroughly.
	return h
}

// lowerASCII8 lower-cases the ASCII capitals among eight packed bytes.
func lowerASCII8(x uint64) uint64 {
	const high = 0x8080808080808080
	const low7 = 0x7f7f7f7f7f7f7f7f
	seven := x & low7
	atLeastA := seven + 0x3f3f3f3f3f3f3f3f // high bit set where the byte >= 'A'
	aboveZ := seven + 0x2525252525252525   // high bit set where the byte > 'Z'
	capitals := atLeastA &^ aboveZ &^ x & high
	return x | capitals>>2
}

func le64s(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hashSet is an open-addressing set of non-zero 64-bit hashes that counts
// its distinct members.
type hashSet struct {
	slots []uint64
	n     int
}

func (s *hashSet) reset(expected int) {
	size := 64
	for size < 2*expected {
		size *= 2
	}
	if cap(s.slots) >= size {
		s.slots = s.slots[:size]
		clear(s.slots)
	} else {
		s.slots = make([]uint64, size)
	}
	s.n = 0
}

func (s *hashSet) add(h uint64) {
	if h == 0 {
		h = 1 // 0 marks a free slot
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	s.n = 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}
