package neardup

import (
	"cmp"
	"math"
	"slices"
	"sync/atomic"
)

// DefaultThreshold is the estimated Jaccard similarity of shingle sets from
// which two texts count as near-duplicates when Options leaves it unset.
const DefaultThreshold = 0.8

// Options configure an Index. The zero value means the defaults.
type Options struct {
	// Threshold is the least estimated Jaccard similarity Query reports,
	// in (0, 1]; 0 means DefaultThreshold. The banding is chosen from
	// it: thresholds under about 0.7 make every query examine many more
	// candidates.
	Threshold float64
	// MaxVisits caps the index entries one Query examines, so that a text
	// stored thousands of times cannot make every query for it slow. A
	// query that reaches the cap returns the matches found so far, the
	// most recently added first. 0 means 1<<16.
	MaxVisits int
}

// Match is a stored document similar to the one queried.
type Match struct {
	ID         uint32
	Similarity float64 // estimated Jaccard similarity
}

// MinShingles is the number of distinct shingles a text needs to be
// indexed. With fewer, a one-byte bin agrees by chance too often to tell
// copying from coincidence (two unrelated one-shingle texts would match
// once in 256).
const MinShingles = 4

// bands is the number of LSH bands. Sixteen bands of four one-byte bins
// (the layout for threshold 0.8) make a pair at 0.8 a candidate with
// probability 0.9998, at 0.7 with 0.988 and at 0.5 with 0.65, while a pair
// at 0.1 shares a band once in 540 and unrelated texts once in 270
// million.
const bands = 16

// maxRows bounds the bins per band: a band key is read as one uint64.
const maxRows = 8

// Index finds stored signatures similar to a query, one document at a
// time: documents can be added and queried in any order, interleaved.
//
// Memory per document is one record (the signature, the ID and one chain
// link per band: 328 bytes) plus one bucket head per band shared by one
// to two documents (32 to 64 bytes). Records live in fixed-size chunks so
// that growing never copies them.
//
// Query may run concurrently with other calls to Query; Add must not run
// concurrently with anything.
type Index struct {
	threshold float64
	rows      int // bins per band
	maxVisits int

	chunks []*chunk
	n      uint32 // records in use

	// heads[band][bucket] is 1 + the ordinal of the newest record whose
	// band key falls in the bucket, 0 when none; each record's next[band]
	// continues the chain with an older one.
	heads      [bands][]uint32
	bucketBits uint

	queries, visits, candidates, matches atomic.Uint64
}

// record is one indexed document.
type record struct {
	sig  Signature
	id   uint32
	next [bands]uint32 // 1 + ordinal of the next record in each band's bucket chain, 0 at the end
}

const chunkBits = 10

type chunk [1 << chunkBits]record

// maxLoad is the number of documents per bucket beyond which the bucket
// table doubles: chains of one or two entries cost a query little, and
// heads cost 2 to 4 bytes per document per band.
const maxLoad = 2

const initialBucketBits = 10

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index {
	t := opt.Threshold
	if t <= 0 || math.IsNaN(t) {
		t = DefaultThreshold
	}
	t = min(t, 1)
	ix := &Index{threshold: t, rows: rowsFor(t), maxVisits: opt.MaxVisits}
	if ix.maxVisits <= 0 {
		ix.maxVisits = 1 << 16
	}
	ix.resize(initialBucketBits)
	return ix
}

// rowsFor returns the most bins per band (the fewer chance candidates)
// that still lets a pair at the threshold share at least one of the bands
// with probability 0.999: 1-(1-t^rows)^bands >= 0.999.
func rowsFor(threshold float64) int {
	if threshold >= 1 {
		return maxRows
	}
	need := 1 - math.Pow(0.001, 1.0/bands) // t^rows must reach this
	rows := int(math.Log(need) / math.Log(threshold))
	return max(1, min(rows, maxRows))
}

// Threshold is the least similarity Query reports.
func (ix *Index) Threshold() float64 { return ix.threshold }

// Layout returns the banding: the number of bands and of bins per band.
func (ix *Index) Layout() (bandCount, rowsPerBand int) { return bands, ix.rows }

// Len returns the number of documents indexed.
func (ix *Index) Len() int { return int(ix.n) }

// Add stores a document's signature under id. It reports false, storing
// nothing, for a text with fewer than MinShingles distinct shingles. IDs
// are the caller's: Add does not check that they are unique.
func (ix *Index) Add(id uint32, s Signature) bool {
	if s.Shingles < MinShingles {
		return false
	}
	if ix.n == math.MaxUint32-1 {
		panic("neardup: index full")
	}
	ord := ix.n
	if int(ord>>chunkBits) == len(ix.chunks) {
		ix.chunks = append(ix.chunks, new(chunk))
	}
	rec := ix.record(ord)
	rec.sig, rec.id = s, id
	ix.n++
	if uint64(ix.n) > maxLoad<<ix.bucketBits {
		ix.resize(ix.bucketBits + 1) // links the new record too
		return true
	}
	ix.link(ord, rec)
	return true
}

func (ix *Index) record(ord uint32) *record {
	return &ix.chunks[ord>>chunkBits][ord&(1<<chunkBits-1)]
}

// link puts record ord at the head of its bucket chain in every band.
func (ix *Index) link(ord uint32, rec *record) {
	for band := range bands {
		b := ix.bucket(band, ix.bandKey(&rec.sig, band))
		rec.next[band] = ix.heads[band][b]
		ix.heads[band][b] = ord + 1
	}
}

// resize rebuilds the bucket tables with 2^bucketBits buckets per band,
// relinking every record oldest first so that chains stay newest first.
func (ix *Index) resize(bucketBits uint) {
	ix.bucketBits = bucketBits
	for band := range bands {
		if ix.heads[band] == nil || len(ix.heads[band]) != 1<<bucketBits {
			ix.heads[band] = make([]uint32, 1<<bucketBits)
		}
	}
	for ord := range ix.n {
		ix.link(ord, ix.record(ord))
	}
}

// bandKey packs the band's bins of s into a uint64.
func (ix *Index) bandKey(s *Signature, band int) uint64 {
	var key uint64
	for _, b := range s.Bins[band*ix.rows : (band+1)*ix.rows] {
		key = key<<8 | uint64(b)
	}
	return key
}

// bucket hashes a band key to its bucket, differently for each band.
func (ix *Index) bucket(band int, key uint64) uint32 {
	return uint32(mix64(key^uint64(band)*0x9e3779b97f4a7c15) >> (64 - ix.bucketBits))
}

// Query returns the stored documents whose estimated similarity to s is at
// least the threshold, most similar first (then by ID). A signature with
// fewer than MinShingles shingles matches nothing.
func (ix *Index) Query(s Signature) []Match {
	ix.queries.Add(1)
	if s.Shingles < MinShingles {
		return nil
	}
	var buf [64]uint32
	found := buf[:0]
	visits := 0
bandLoop:
	for band := range bands {
		key := ix.bandKey(&s, band)
		for e := ix.heads[band][ix.bucket(band, key)]; e != 0; {
			if visits == ix.maxVisits {
				break bandLoop
			}
			visits++
			rec := ix.record(e - 1)
			if ix.bandKey(&rec.sig, band) == key {
				found = append(found, e-1)
			}
			e = rec.next[band]
		}
	}
	ix.visits.Add(uint64(visits))
	if len(found) == 0 {
		return nil
	}
	// A true copy shares most bands: verify each candidate once.
	slices.Sort(found)
	found = slices.Compact(found)
	ix.candidates.Add(uint64(len(found)))
	var matches []Match
	for _, ord := range found {
		rec := ix.record(ord)
		if sim := estimate(&s, &rec.sig); sim >= ix.threshold {
			matches = append(matches, Match{ID: rec.id, Similarity: sim})
		}
	}
	slices.SortFunc(matches, func(a, b Match) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	ix.matches.Add(uint64(len(matches)))
	return matches
}

// Stats are running totals of the work queries did.
type Stats struct {
	Documents  int    // documents indexed
	Queries    uint64 // calls to Query
	Visits     uint64 // index entries examined
	Candidates uint64 // distinct documents sharing a band with a query, each verified
	Matches    uint64 // candidates at or above the threshold
}

// Stats returns the index's counters.
func (ix *Index) Stats() Stats {
	return Stats{
		Documents:  ix.Len(),
		Queries:    ix.queries.Load(),
		Visits:     ix.visits.Load(),
		Candidates: ix.candidates.Load(),
		Matches:    ix.matches.Load(),
	}
}
