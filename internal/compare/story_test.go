package compare_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	. "github.com/corroborate/corroborate/internal/compare"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// storyDocs prepares the invented story under testdata/story, whose
// agreements and contradictions are known: the evacuation count conflicts
// (1,200 as of Tuesday, 800 as of Monday; 1,250 agrees with 1,200), the
// distance agrees across all three, the harbour master's departure is
// reported and denied, and the seizure of the customs house is put on two
// different days.
func storyDocs(t *testing.T) []*article.Document {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "story", "*.txt"))
	if err != nil || len(paths) != 3 {
		t.Fatalf("story fixtures: %v %v", paths, err)
	}
	sort.Strings(paths)
	var docs []*article.Document
	err = ingest.Read(t.Context(), paths, ingest.Options{}, func(a article.Article) {
		d, err := pipeline.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}, func(e *ingest.InputError) { t.Fatal(e) })
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func analyzeStory(t *testing.T) ([]article.Comparison, []article.Comparison) {
	docs := storyDocs(t)
	facts := map[string]Facts{}
	for _, d := range docs {
		facts[d.ID] = Extract(d)
	}
	entities, _ := entity.Resolve(docs)
	var origins [][]string
	for _, d := range docs {
		origins = append(origins, []string{d.ID})
	}
	return Analyze(docs, facts, entities, origins, Options{})
}

// find returns the comparison whose About contains words.
func find(cs []article.Comparison, words string) (article.Comparison, bool) {
	for _, c := range cs {
		if strings.Contains(c.About, words) {
			return c, true
		}
	}
	return article.Comparison{}, false
}

func TestStoryKnownVerdicts(t *testing.T) {
	conflicts, agreements := analyzeStory(t)
	want := []struct {
		in         []article.Comparison
		about      string
		verdict    string
		sides      int
		mentioning []string
	}{
		{conflicts, "evacuated", article.Conflict, 2, []string{"2031-05-13", "2031-05-12", "different dates"}},
		{agreements, "capital", article.Agreed, 1, []string{"3 independent origins"}},
		{conflicts, "Ilse Varga: leave", article.Conflict, 2, []string{"denial"}},
		{conflicts, "customs house: seize, on which day", article.Conflict, 2, []string{"2031-05-13", "2031-05-14"}},
	}
	for _, w := range want {
		c, ok := find(w.in, w.about)
		if !ok {
			t.Errorf("no comparison about %q among %+v", w.about, w.in)
			continue
		}
		if c.Verdict != w.verdict || len(c.Sides) != w.sides {
			t.Errorf("%q: verdict %s with %d sides, want %s with %d", w.about, c.Verdict, len(c.Sides), w.verdict, w.sides)
		}
		for _, m := range w.mentioning {
			if !strings.Contains(c.Explanation, m) {
				t.Errorf("%q: explanation lacks %q: %s", w.about, m, c.Explanation)
			}
		}
	}
	for _, c := range append(conflicts, agreements...) {
		if strings.Contains(c.About, "harbour") && c.Verdict == article.Agreed {
			t.Errorf("a negated statement counted as support: %+v", c)
		}
	}
	// The denial never sits on the side that reports the departure.
	if c, ok := find(conflicts, "Ilse Varga: leave"); ok {
		for _, a := range c.Sides[0].Articles {
			if a == "ostrel-daily" {
				t.Errorf("the denying article is on the reporting side: %+v", c.Sides)
			}
		}
	}
}

func TestStoryGolden(t *testing.T) {
	conflicts, agreements := analyzeStory(t)
	got, err := json.MarshalIndent(map[string][]article.Comparison{"conflicts": conflicts, "agreements": agreements}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "story.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
		t.Errorf("comparisons differ from %s (review, then go test -update):\n%s", golden, got)
	}
}
