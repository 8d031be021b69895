package text

import (
	"strings"
	"testing"
)

// sampleParagraphs are invented news prose exercising what the package
// handles: abbreviations, quotes, numbers, dates, hyphens, diacritics.
var sampleParagraphs = []string{
	"Heavy rain swept across the northern provinces on Tuesday, and the U.S. Geological Survey said the Tana River rose 2.4 metres in six hours.",
	"“We have never seen water this high,” said Amara Okonjo, 54, who runs a bakery near the old bridge. She said her family left at 3 a.m. with only their documents.",
	"The regional governor, Gen. Idris Falana, declared an emergency on December 6, 2024, and asked the U.N. refugee agency for 370,000 tents.",
	"Crews from Türkiye and São Paulo arrived on Dec. 8 to help restore power to about 1.5 million homes, according to the ministry’s latest figures.",
	"Relief Efforts",
	"A 13-year-old boy was rescued from a rooftop in Ilorin after clinging to a satellite dish for nine hours. Dr. Chen Wei, who treated him, said he was exhausted but unhurt.",
	"The finance minister told reporters in Washington, D.C., that the emergency fund would release $45 million by 15 January 2025. Critics called the sum far too small.",
	"Mr. Falana’s office said 2,000 soldiers had been deployed. Opposition lawmakers accused the government of ignoring warnings issued in March 2024 by hydrologists at the state university.",
	"Forecasters expect the rain to ease by Saturday, December 14, 2024, although rivers downstream may keep rising for several days.",
}

// sampleBody returns an article body of at least n bytes, one paragraph a
// line.
func sampleBody(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(sampleParagraphs[i%len(sampleParagraphs)])
		b.WriteByte('\n')
	}
	return b.String()
}

var benchBody = sampleBody(8 << 10)

func BenchmarkSegment(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Segment(benchBody)
	}
}

func BenchmarkFold(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Fold(benchBody)
	}
}

// BenchmarkFoldTokens measures Fold as Tokenize uses it: on single words,
// mostly ASCII.
func BenchmarkFoldTokens(b *testing.B) {
	words := strings.Fields(benchBody)
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		for _, w := range words {
			Fold(w)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Tokenize(benchBody, 0)
	}
}

func BenchmarkDates(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Dates(benchBody)
	}
}

func BenchmarkContentHash(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		ContentHash(benchBody)
	}
}

func BenchmarkLanguage(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Language(benchBody)
	}
}
