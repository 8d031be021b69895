package align

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
)

// syntheticStory returns docs documents of about tokens tokens each, built
// from a shared pool of "wire" sentences (copied with small edits by a
// third of the sentences) and random prose over a Zipf-distributed
// vocabulary, so that common words and chance n-gram agreements are as
// frequent as in news.
func syntheticStory(docs, tokens int) []*article.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := []string{"ka", "lo", "mi", "ren", "to", "sa", "vel", "dur", "an", "is", "or", "bel", "ti", "mon", "ga", "fre"}
	vocab := make([]string, 4000)
	for i := range vocab {
		var w strings.Builder
		for n := 1 + i%3; n >= 0; n-- {
			w.WriteString(syllables[rng.IntN(len(syllables))])
		}
		vocab[i] = w.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(n int) []string {
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[zipf.Uint64()]
		}
		return words
	}
	wire := make([][]string, 60)
	for i := range wire {
		wire[i] = sentence(18 + rng.IntN(15))
	}
	story := make([]*article.Document, docs)
	for d := range story {
		var body strings.Builder
		count := 0
		for s := 0; count < tokens; s++ {
			var words []string
			if rng.IntN(3) == 0 {
				words = append([]string(nil), wire[rng.IntN(len(wire))]...)
				if rng.IntN(2) == 0 {
					words[rng.IntN(len(words))] = vocab[zipf.Uint64()]
				}
			} else {
				words = sentence(12 + rng.IntN(20))
			}
			count += len(words)
			body.WriteString(strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + ".")
			if s%3 == 2 {
				body.WriteByte('\n')
			} else {
				body.WriteByte(' ')
			}
		}
		story[d] = document(fmt.Sprintf("d%02d", d), body.String())
	}
	return story
}

// BenchmarkPassages aligns a story of 50 documents of 1,000 tokens each.
func BenchmarkPassages(b *testing.B) {
	story := syntheticStory(50, 1000)
	b.ResetTimer()
	for b.Loop() {
		Passages(story, Options{})
	}
}

func BenchmarkPair(b *testing.B) {
	story := syntheticStory(2, 1000)
	for b.Loop() {
		Pair(story[0], story[1], Options{})
	}
}
