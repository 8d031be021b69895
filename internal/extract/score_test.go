package extract

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestScoreExtraction(t *testing.T) {
	tests := []struct {
		name           string
		predicted      string
		gold           string
		precision, rec float64
	}{
		{"identical", "one two three four five", "one two three four five", 1, 1},
		{"case and spacing do not matter", "One  two\nthree FOUR five", "one two three four five", 1, 1},
		{"extra text lowers precision", "one two three four five six seven", "one two three four five", 0.5, 1},
		{"missing text lowers recall", "one two three four", "one two three four five six", 1, 1.0 / 3},
		{"shingles are sets", "a b c d a b c d", "a b c d", 0.25, 1},
		{"disjoint", "alpha beta gamma delta", "one two three four", 0, 0},
		{"short texts are one shingle", "yes no", "yes no", 1, 1},
		{"both empty agree", "", "  ", 1, 1},
		{"empty prediction", "", "one two three four", 0, 0},
		{"empty gold", "one two three four", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := ScoreExtraction(tt.predicted, tt.gold)
			wantF := 0.0
			if tt.precision+tt.rec > 0 {
				wantF = 2 * tt.precision * tt.rec / (tt.precision + tt.rec)
			}
			if !near(p, tt.precision) || !near(r, tt.rec) || !near(f, wantF) {
				t.Errorf("ScoreExtraction = %.3f, %.3f, %.3f; want %.3f, %.3f, %.3f", p, r, f, tt.precision, tt.rec, wantF)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestEvaluateBenchmark guards against cleaning that eats article text:
// trafilatura alone scores about 0.9 F1 on this set.
func TestEvaluateBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every benchmark page")
	}
	sum, err := EvaluateBenchmark(sharedtest.Path(t, "data/article-extraction"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d failed: precision %.4f, recall %.4f, F1 %.4f", sum.Pages, sum.Failed, sum.Precision, sum.Recall, sum.F1)
	if sum.Pages != len(sum.PerPage) || sum.Pages < 90 {
		t.Errorf("scored %d pages (%d listed), want the whole set", sum.Pages, len(sum.PerPage))
	}
	if sum.F1 < 0.80 {
		t.Errorf("mean F1 = %.4f, want >= 0.80", sum.F1)
	}
	for _, p := range sum.PerPage {
		if p.Error != "" {
			t.Logf("page %s failed: %s", p.ID, p.Error)
		}
	}
}

func TestEvaluateBenchmarkErrors(t *testing.T) {
	if _, err := EvaluateBenchmark(t.TempDir()); err == nil {
		t.Error("EvaluateBenchmark on an empty directory: want an error")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(`{"missing": {"articleBody": "some text", "url": ""}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := EvaluateBenchmark(dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages != 1 || sum.Failed != 1 || sum.F1 != 0 || sum.PerPage[0].Error == "" {
		t.Errorf("a page that cannot be read must count as a failure scoring 0, got %+v", sum)
	}
}
