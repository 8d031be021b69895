package neardup_test

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/corpus"
	"github.com/corroborate/corroborate/internal/provenance/neardup/neardupeval"
)

// TestQualityOnGeneratedCorpus runs `corroborate eval neardup` at 20,000
// articles and holds the index to its targets on the copies meant to be
// found: recall >= 0.95 on every light kind of copy, precision >= 0.99.
func TestQualityOnGeneratedCorpus(t *testing.T) {
	data := filepath.Dir(sharedtest.Path(t, "data/ecbplus"))
	if testing.Short() {
		t.Skip("generates a corpus of 20,000 articles")
	}
	res, err := neardupeval.Evaluate(neardupeval.Config{DataDir: data, Articles: 20_000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	res.WriteMarkdown(&report)
	t.Log("\n" + report.String())
	for _, k := range res.Kinds {
		if !k.Edit.Light() {
			continue
		}
		if k.Copies < 100 {
			t.Errorf("%s: only %d copies", k.Edit, k.Copies)
		}
		if recall := float64(k.Found) / float64(k.Copies); recall < 0.95 {
			t.Errorf("%s: recall %.4f, want >= 0.95", k.Edit, recall)
		}
	}
	if p := res.Precision(); p < 0.99 {
		t.Errorf("precision %.4f, want >= 0.99", p)
	}
	if n := res.ByRelated[corpus.HardNonCopy]; n > 0 {
		t.Errorf("%d independent reports of one story reported as near-duplicates", n)
	}
	if res.HardPairs < 1000 {
		t.Errorf("only %d hard non-copy pairs in the stream", res.HardPairs)
	}
}
