package neardup

import (
	"testing"
)

// The throughput targets are measured by `corroborate eval neardup` on a
// generated corpus (docs/benchmarks.md); these benchmarks are for
// profiling one stage at a time.

func BenchmarkSign(b *testing.B) {
	texts := synthetic(1000, 11)
	var bytes int64
	for _, s := range texts {
		bytes += int64(len(s))
	}
	b.SetBytes(bytes / int64(len(texts)))
	i := 0
	for b.Loop() {
		SignText(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkSignFixture(b *testing.B) {
	s := article(ferryHeadline, ferryWire)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		SignText(s)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIndexAddQuery queries and then adds each of 100,000 distinct
// signatures, as a store does when articles stream in; b.N counts
// articles, so the index grows with it.
func BenchmarkIndexAddQuery(b *testing.B) {
	const distinct = 100_000
	texts := synthetic(2000, 12)
	sigs := make([]Signature, distinct)
	for i := range sigs {
		// Vary a signature per article cheaply: distinct bins, same shape.
		sigs[i] = SignText(texts[i%len(texts)])
		for k := 0; k < Bins; k += 4 {
			sigs[i].Bins[k] ^= byte(i >> (k % 17))
		}
	}
	b.ResetTimer()
	var ix *Index
	for i := 0; b.Loop(); i++ {
		if i%distinct == 0 {
			b.StopTimer()
			ix = NewIndex(Options{})
			b.StartTimer()
		}
		s := sigs[i%distinct]
		ix.Query(s)
		ix.Add(uint32(i), s)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
