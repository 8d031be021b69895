package summary_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/sharedtest"
	. "github.com/corroborate/corroborate/internal/summary"
	"github.com/corroborate/corroborate/internal/text"
)

// seedAnalysis analyses the real seed reports the way the pipeline does.
// They are read from the shared folder and never copied into the project.
func seedAnalysis(t *testing.T) *article.Analysis {
	t.Helper()
	var paths []string
	for _, f := range sharedtest.Seeds(t) {
		paths = append(paths, f.Path)
	}
	var docs []*article.Document
	err := ingest.Read(t.Context(), paths, ingest.Options{}, func(a article.Article) {
		d, err := pipeline.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}, func(e *ingest.InputError) { t.Fatal(e) })
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Analyze(&article.Story{ID: "s", Documents: docs}, pipeline.Options{})
}

func TestSeedSummary(t *testing.T) {
	a := seedAnalysis(t)
	lines := Summarize(a, Options{})
	for _, l := range lines {
		t.Logf("%d origins %v: %s", len(l.Origins), l.Origins, l.Text)
	}
	if len(lines) == 0 || len(lines) > 8 {
		t.Fatalf("summary has %d lines, want 1 to 8", len(lines))
	}
	if n := len(lines[0].Origins); n < 3 {
		t.Errorf("first line is supported by %d origins, want at least 3: %q", n, lines[0].Text)
	}
	checkCitations(t, a, lines)
}

// checkCitations verifies that every cited article either holds a sentence
// similar to the line or, for a contested line, is on a side of a conflict.
func checkCitations(t *testing.T, a *article.Analysis, lines []article.SummaryLine) {
	t.Helper()
	docs := map[string]*article.Document{}
	for _, d := range a.Story.Documents {
		docs[d.ID] = d
	}
	onSide := map[string]bool{}
	for _, c := range a.Conflicts {
		for _, s := range c.Sides {
			for _, id := range s.Articles {
				onSide[id] = true
			}
		}
	}
	for _, l := range lines {
		grouped := 0
		for _, o := range l.Origins {
			grouped += len(o)
		}
		if grouped != len(l.Sources) {
			t.Errorf("%q: origins %v do not group sources %v", l.Text, l.Origins, l.Sources)
		}
		contested := strings.HasPrefix(l.Text, "Reports differ on ")
		for _, id := range l.Sources {
			switch {
			case contested && onSide[id]:
			case !contested && Supports(docs[id], l.Text):
			default:
				t.Errorf("%q cites %s, which does not support it", l.Text, id)
			}
		}
	}
}

func TestSeedTimeline(t *testing.T) {
	a := seedAnalysis(t)
	events := Timeline(a)
	for _, e := range events {
		t.Logf("%s %s inferred=%v %v: %s", e.Date, e.DatePrecision, e.Inferred, e.Sources, e.Text)
	}
	find := func(word string, dates ...string) bool {
		for _, e := range events {
			if slices.Contains(dates, e.Date) && len(e.Sources) > 0 && strings.Contains(text.Fold(e.Text), word) {
				return true
			}
		}
		return false
	}
	if !find("offensive", "2024-11-27") {
		t.Error("no timeline event puts the start of the offensive on 2024-11-27")
	}
	if !find("homs", "2024-12-07", "2024-12-08") {
		t.Error("no timeline event puts Homs on 2024-12-07 or 2024-12-08")
	}
}
