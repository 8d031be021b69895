package cluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// Features is what the clusterer knows of one document: its terms with
// their counts, which of them name someone or something, and its day. It is
// computed once when the article arrives and stored beside it
// (article.Document.ClusterFeatures), so a restarted clusterer rebuilds its
// state without reading the documents again.
type Features struct {
	Terms []Term // ordered by Hash, one entry per term
	// Day is the publication day (days since 1970-01-01 UTC, plus one so
	// that zero means unknown).
	Day int32
}

// Term is one distinct term of a document.
type Term struct {
	Hash  uint32 // FNV-1a of the folded term: 4 bytes instead of the string
	Count uint16 // occurrences, the headline's counted titleWeight times and the lede's leadWeight times
	// Name is set when the term appears capitalised inside a sentence: a
	// person, place or organisation. Names tell apart two events of the
	// same kind (two earthquakes, two arrests), which share every common
	// noun but not their names.
	Name bool
}

// The lede (a report's first sentences) states the event: who did what,
// where and when; the rest is background that two events of one kind share.
// Its terms count leadWeight times.
const (
	leadSentences = 2
	leadWeight    = 2
)

// maxTerms bounds a document's profile. Articles rarely have more distinct
// content terms than this; beyond it the most frequent are kept.
const maxTerms = 384

// Extract computes a document's features.
func Extract(d *article.Document) Features {
	type entry struct {
		count int
		name  bool
		first int
	}
	terms := map[uint32]*entry{}
	pos := 0
	add := func(norm string, count int, name bool) {
		if !keep(norm) && !year(norm) {
			return
		}
		h := hashTerm(norm)
		e := terms[h]
		if e == nil {
			e = &entry{first: pos}
			terms[h] = e
		}
		pos++
		e.count += count
		e.name = e.name || name
	}
	for n, s := range d.Sentences {
		headline := titleCased(d, s)
		count := 1
		if n < leadSentences {
			count = leadWeight
		}
		for i, t := range s.Tokens {
			// A sentence's first word is capitalised whatever it is, and
			// so is every word of a headline.
			name := i > 0 && !headline && t.End <= len(d.Text) && capitalised(d.Text[t.Start:t.End])
			add(t.Norm, count, name)
		}
	}
	// Headlines capitalise every word, so they say nothing about names.
	for _, t := range text.Tokenize(d.Title, 0) {
		add(t.Norm, titleWeight, false)
	}
	f := Features{Day: dayOf(d.Published)}
	f.Terms = make([]Term, 0, len(terms))
	for h, e := range terms {
		f.Terms = append(f.Terms, Term{Hash: h, Count: uint16(min(e.count, 65535)), Name: e.name})
	}
	if len(f.Terms) > maxTerms {
		// Most frequent first, earliest first among equals: deterministic.
		slices.SortFunc(f.Terms, func(a, b Term) int {
			if a.Count != b.Count {
				return int(b.Count) - int(a.Count)
			}
			return terms[a.Hash].first - terms[b.Hash].first
		})
		f.Terms = f.Terms[:maxTerms]
	}
	slices.SortFunc(f.Terms, func(a, b Term) int { return cmpUint32(a.Hash, b.Hash) })
	return f
}

// titleCased reports whether most of a sentence's words are capitalised,
// as in a headline repeated in the body or a subhead.
func titleCased(d *article.Document, s article.Sentence) bool {
	words, caps := 0, 0
	for _, t := range s.Tokens {
		if t.End > len(d.Text) || len(t.Norm) < 4 {
			continue
		}
		words++
		if capitalised(d.Text[t.Start:t.End]) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*6
}

// year reports whether a term is a four-digit year from 1900 to 2099: a
// year tells apart two events of one kind that bare counts cannot.
func year(term string) bool {
	return len(term) == 4 && (term[:2] == "19" || term[:2] == "20") && term[2] >= '0' && term[2] <= '9' && term[3] >= '0' && term[3] <= '9'
}

func capitalised(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

func hashTerm(term string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()
}

// dayOf numbers a publication day from 1 (1970-01-01). A date before 1970
// or past the range is no publication date of a news report (a date
// inferred from the text may be a historical one), so it counts as unknown.
func dayOf(t time.Time) int32 {
	days := t.Unix() / 86400
	if t.IsZero() || t.Unix() < 0 || days >= math.MaxInt32 {
		return 0
	}
	return int32(days) + 1
}

func cmpUint32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// featuresVersion leads the encoding so that a later change of the
// features can tell old stored profiles from new ones.
const featuresVersion = 2

// MarshalBinary encodes the features compactly: the version, the day, then
// each term as the varint gap from the previous hash, and its count shifted
// left once with the name flag in the low bit. About 4 bytes a term.
func (f Features) MarshalBinary() ([]byte, error) {
	buf := make([]byte, 0, 8+4*len(f.Terms))
	buf = append(buf, featuresVersion)
	buf = binary.AppendVarint(buf, int64(f.Day))
	buf = binary.AppendUvarint(buf, uint64(len(f.Terms)))
	var prev uint32
	for i, t := range f.Terms {
		if i > 0 && t.Hash <= prev {
			return nil, errors.New("cluster: features terms not in strictly increasing hash order")
		}
		buf = binary.AppendUvarint(buf, uint64(t.Hash-prev))
		v := uint64(t.Count) << 1
		if t.Name {
			v |= 1
		}
		buf = binary.AppendUvarint(buf, v)
		prev = t.Hash
	}
	return buf, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote. Stored bytes can be
// damaged, so every length and value is checked.
func (f *Features) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		return errors.New("cluster: empty features")
	}
	if b[0] != featuresVersion {
		return fmt.Errorf("cluster: features version %d, want %d", b[0], featuresVersion)
	}
	b = b[1:]
	day, n := binary.Varint(b)
	if n <= 0 || n != len(binary.AppendVarint(nil, day)) || day < 0 || day > 1<<31-1 {
		return errors.New("cluster: features: bad day")
	}
	b = b[n:]
	count, n := uvarint(b)
	if n <= 0 || count > uint64(len(b)) {
		return errors.New("cluster: features: bad term count")
	}
	b = b[n:]
	terms := make([]Term, 0, count)
	var prev uint64
	for i := uint64(0); i < count; i++ {
		gap, n := uvarint(b)
		if n <= 0 || (i > 0 && gap == 0) || prev+gap > 1<<32-1 {
			return errors.New("cluster: features: bad term hash")
		}
		b = b[n:]
		v, n := uvarint(b)
		if n <= 0 || v>>1 > 65535 {
			return errors.New("cluster: features: bad term count")
		}
		b = b[n:]
		prev += gap
		terms = append(terms, Term{Hash: uint32(prev), Count: uint16(v >> 1), Name: v&1 == 1})
	}
	if len(b) != 0 {
		return errors.New("cluster: features: trailing bytes")
	}
	f.Day, f.Terms = int32(day), terms
	return nil
}

// uvarint is binary.Uvarint refusing padded encodings (0x80 0x00 for 0),
// so that every decoded profile has exactly one encoding.
func uvarint(b []byte) (uint64, int) {
	v, n := binary.Uvarint(b)
	if n > 0 && n != len(binary.AppendUvarint(nil, v)) {
		return 0, -1
	}
	return v, n
}

// FeaturesOf returns the features stored with a document, or computes them
// when it has none (or they were stored by an older version).
func FeaturesOf(d *article.Document) Features {
	var f Features
	if len(d.ClusterFeatures) > 0 && f.UnmarshalBinary(d.ClusterFeatures) == nil {
		return f
	}
	return Extract(d)
}
