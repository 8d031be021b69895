package neardup

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/corroborate/corroborate/internal/text"
)

func loadTexts(b *testing.B) []string {
	f, _ := os.ReadFile("/work/shared/data/ecbplus/dev-topics-1-35.jsonl")
	var out []string
	for _, l := range strings.Split(string(f), "\n") {
		var a struct{ Text string }
		if json.Unmarshal([]byte(l), &a) == nil && len(a.Text) > 0 {
			out = append(out, a.Text)
		}
	}
	return out
}

func BenchmarkTok(b *testing.B) {
	ts := loadTexts(b)
	n := 0
	for _, t := range ts {
		n += len(t)
	}
	b.SetBytes(int64(n / len(ts)))
	i := 0
	for b.Loop() {
		text.Tokenize(ts[i%len(ts)], 0)
		i++
	}
}

func BenchmarkTokHash(b *testing.B) {
	ts := loadTexts(b)
	i := 0
	var s uint64
	for b.Loop() {
		for _, t := range text.Tokenize(ts[i%len(ts)], 0) {
			s += xxhash.Sum64String(t.Norm)
		}
		i++
	}
}
