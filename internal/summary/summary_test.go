package summary_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/pipeline"
	. "github.com/corroborate/corroborate/internal/summary"
)

// prepare turns invented text into a document the way the pipeline does.
func prepare(t *testing.T, id, body string, published time.Time) *article.Document {
	t.Helper()
	d, err := pipeline.Prepare(article.Article{ID: id, Source: "outlet " + id, Text: body, Published: published, Input: id})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// inventedAnalysis is a made-up story of a bridge closure in a fictional
// town, told by three outlets of which b and c share an origin.
func inventedAnalysis(t *testing.T) *article.Analysis {
	t.Helper()
	day := time.Date(2031, time.May, 14, 0, 0, 0, 0, time.UTC)
	docs := []*article.Document{
		prepare(t, "a", strings.Join([]string{
			"Engineers closed the old Tarnwick river bridge on Tuesday after cracks spread across its main stone arch.",
			"Mayor Odile Fenwright ordered the closure after reading the inspection report.",
			"He said the town would pay for a temporary ferry across the river until repairs are finished.",
			"Meanwhile, traffic queued for hours on the ring road around the town centre.",
			"The inspectors counted 40 cracks in the arch, according to the report.",
		}, "\n"), day),
		prepare(t, "b", strings.Join([]string{
			"The old Tarnwick river bridge was closed by engineers on Tuesday because cracks spread across its main stone arch.",
			"The old Tarnwick river bridge was closed by engineers on Tuesday because cracks had spread across its main stone arch.",
			"The inspectors counted 25 cracks in the arch, the council said.",
			"The bridge first opened to carts and walkers on June 3, 1887, after six years of building work.",
		}, "\n"), day),
		prepare(t, "c", strings.Join([]string{
			"Engineers shut the old Tarnwick river bridge on Tuesday as cracks spread over its main stone arch.",
			"Repairs to the bridge could take most of the summer, council engineers warned residents on May 12.",
		}, "\n"), day),
	}
	a := article.NewAnalysis(&article.Story{ID: "invented", Documents: docs})
	a.Provenance.Origins = [][]string{{"a"}, {"b", "c"}}
	a.Entities = []article.Entity{{ID: "e1", Name: "Odile Fenwright", Type: "person", Articles: map[string]int{"a": 1}}}
	a.Conflicts = []article.Comparison{{
		ID: "k1", Verdict: article.Conflict, About: "cracks counted", Origins: 2,
		Sides: []article.Side{
			{Articles: []string{"a"}, Value: "40 cracks"},
			{Articles: []string{"b"}, Value: "25 cracks"},
		},
	}}
	return a
}

func TestSummarizeInvented(t *testing.T) {
	a := inventedAnalysis(t)
	lines := Summarize(a, Options{})
	for _, l := range lines {
		t.Logf("%v: %s", l.Origins, l.Text)
	}
	if len(lines) == 0 {
		t.Fatal("empty summary")
	}
	checkCitations(t, a, lines)
	tests := []struct {
		name  string
		check func([]article.SummaryLine) bool
	}{
		{"the best-supported sentence leads, cited by every article in two origins", func(ls []article.SummaryLine) bool {
			return strings.Contains(ls[0].Text, "bridge") && slices.Equal(ls[0].Sources, []string{"a", "b", "c"}) &&
				len(ls[0].Origins) == 2 && slices.Equal(ls[0].Origins[1], []string{"b", "c"})
		}},
		{"near-identical sentences appear once", func(ls []article.SummaryLine) bool {
			n := 0
			for _, l := range ls {
				if strings.Contains(l.Text, "stone arch") {
					n++
				}
			}
			return n == 1
		}},
		{"the contested point is stated with both sides", func(ls []article.SummaryLine) bool {
			for _, l := range ls {
				if l.Text == "Reports differ on cracks counted: 40 cracks (a) against 25 cracks (b)." {
					return slices.Equal(l.Sources, []string{"a", "b"})
				}
			}
			return false
		}},
		{"a leading He is repaired with the person named before it", func(ls []article.SummaryLine) bool {
			for _, l := range ls {
				if strings.HasPrefix(l.Text, "Odile Fenwright said the town would pay") {
					return true
				}
			}
			return false
		}},
		{"a sentence opening with Meanwhile is left out", func(ls []article.SummaryLine) bool {
			for _, l := range ls {
				if strings.HasPrefix(l.Text, "Meanwhile") || strings.Contains(l.Text, "traffic queued") {
					return false
				}
			}
			return true
		}},
		{"a consensus line never cites an article stating another figure", func(ls []article.SummaryLine) bool {
			for _, l := range ls {
				if strings.HasPrefix(l.Text, "The inspectors counted 40") && slices.Contains(l.Sources, "b") {
					return false
				}
			}
			return true
		}},
	}
	for _, tc := range tests {
		if !tc.check(lines) {
			t.Errorf("%s: not so in %q", tc.name, lines)
		}
	}
}

func TestSummarizeBudgets(t *testing.T) {
	a := inventedAnalysis(t)
	if got := Summarize(a, Options{MaxSentences: 2}); len(got) != 2 || strings.HasPrefix(got[0].Text, "Reports differ") {
		t.Errorf("MaxSentences 2: %q", got)
	}
	for _, l := range Summarize(a, Options{MaxWords: 25}) {
		if n := len(strings.Fields(l.Text)); n > 25 {
			t.Errorf("MaxWords 25 let through %d words: %q", n, l.Text)
		}
	}
	first := Summarize(a, Options{})
	for range 3 {
		if again := Summarize(a, Options{}); !slices.EqualFunc(first, again, func(x, y article.SummaryLine) bool { return x.Text == y.Text && slices.Equal(x.Sources, y.Sources) }) {
			t.Fatal("summary differs between runs")
		}
	}
	if got := Summarize(nil, Options{}); got == nil || len(got) != 0 {
		t.Errorf("nil analysis: %v", got)
	}
	if got := Timeline(&article.Analysis{}); got == nil || len(got) != 0 {
		t.Errorf("empty analysis: %v", got)
	}
}

func TestTimelineInvented(t *testing.T) {
	a := inventedAnalysis(t)
	events := Timeline(a)
	for _, e := range events {
		t.Logf("%s %s inferred=%v %v: %s", e.Date, e.DatePrecision, e.Inferred, e.Sources, e.Text)
	}
	background := -1
	var own []string
	for i, e := range events {
		if strings.HasPrefix(e.Text, BackgroundPrefix) {
			if background < 0 {
				background = i
			}
			if e.Date != "1887-06-03" || e.DatePrecision != "day" {
				t.Errorf("background event %+v", e)
			}
			continue
		}
		if background >= 0 {
			t.Errorf("story event %q after the background", e.Text)
		}
		own = append(own, e.Date)
	}
	if background < 0 {
		t.Error("the bridge's opening in 1887 is not in the background")
	}
	if !slices.IsSorted(own) {
		t.Errorf("story events out of order: %v", own)
	}
	found := false
	for _, e := range events {
		if e.Date == "2031-05-12" && slices.Equal(e.Sources, []string{"c"}) && !e.Inferred {
			found = true
		}
	}
	if !found {
		t.Error("the month-day May 12 of a dated article is not resolved to 2031-05-12")
	}
}

func TestTimelineUndatedArticleUsesStoryDate(t *testing.T) {
	dated := prepare(t, "x", "Officials of the fictional port of Quellmouth reopened the harbour on 9 March 2033 after the storm.", time.Time{})
	undated := prepare(t, "y", "The storm first struck the fictional port of Quellmouth on March 2, flooding the lower harbour district.", time.Time{})
	a := article.NewAnalysis(&article.Story{ID: "q", Documents: []*article.Document{dated, undated}})
	date, inferred := StoryDate(a)
	if date.Format("2006-01-02") != "2033-03-09" || !inferred {
		t.Errorf("story date %v inferred=%v, want 2033-03-09 inferred", date, inferred)
	}
	events := Timeline(a)
	for _, e := range events {
		t.Logf("%s %s inferred=%v %v: %s", e.Date, e.DatePrecision, e.Inferred, e.Sources, e.Text)
	}
	if len(events) != 2 || events[0].Date != "2033-03-02" || !events[0].Inferred || events[1].Date != "2033-03-09" || events[1].Inferred {
		t.Errorf("timeline %+v", events)
	}
}
