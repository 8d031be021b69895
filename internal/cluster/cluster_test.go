package cluster

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func doc(id, title, body string) *article.Document {
	return &article.Document{ID: id, Title: title, Text: body, Sentences: text.Segment(body)}
}

// Two invented events told by several outlets each, plus a loner.
var (
	ferry1 = doc("ferry-1", "Ferry capsizes off Marrow Point", "A passenger ferry capsized off Marrow Point on Tuesday with 60 people aboard.\nCoastguard boats pulled 52 survivors from the water, the harbour master said.\nThe ferry operator Brightwater Lines suspended all crossings pending an inquiry.")
	ferry2 = doc("ferry-2", "Dozens rescued as Brightwater ferry sinks", "Rescuers saved 52 people after a Brightwater Lines ferry sank near Marrow Point.\nThe harbour master said eight passengers were still missing on Tuesday night.\nSurvivors described the ferry listing sharply in heavy swell before it capsized.")
	ferry3 = doc("ferry-3", "Marrow Point ferry inquiry opens", "An inquiry into the Marrow Point ferry disaster opened as divers searched for the missing passengers.\nBrightwater Lines said the capsized ferry had passed its safety inspection in March.")
	vote1  = doc("vote-1", "Lowland council election count delayed", "Counting in the Lowland council election was delayed after ballot boxes arrived late in Esk.\nThe electoral commission said results would come on Friday.")
	vote2  = doc("vote-2", "Esk ballot boxes hold up Lowland count", "The Lowland electoral commission blamed late ballot boxes from Esk for the slow count.\nCandidates in the council election accused officials of poor planning.")
	bakery = doc("bakery", "Village bakery wins national award", "A family bakery in Tillow won the national bread award for its rye loaf.\nThe judges praised its crust.")
)

func TestGroup(t *testing.T) {
	tests := []struct {
		name string
		docs []*article.Document
		want [][]int
	}{
		{"empty", nil, nil},
		{"one", []*article.Document{bakery}, [][]int{{0}}},
		{"two events and a loner", []*article.Document{ferry1, vote1, ferry2, bakery, vote2, ferry3}, [][]int{{0, 2, 5}, {1, 4}, {3}}},
		{"order decides group order", []*article.Document{vote2, ferry3, vote1, ferry1}, [][]int{{0, 2}, {1, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Group(tt.docs, Options{})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Group = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGroupThresholdMatters(t *testing.T) {
	docs := []*article.Document{ferry1, ferry2, ferry3}
	if got := Group(docs, Options{Threshold: 0.99}); len(got) != 3 {
		t.Errorf("at threshold 0.99 the three ferry reports form %d groups, want 3", len(got))
	}
	if got := Group(docs, Options{Threshold: 0.05}); len(got) != 1 {
		t.Errorf("at threshold 0.05 the three ferry reports form %d groups, want 1", len(got))
	}
}

func TestGroupDeterministic(t *testing.T) {
	docs := []*article.Document{ferry1, vote1, ferry2, bakery, vote2, ferry3}
	first := Group(docs, Options{})
	for i := 0; i < 20; i++ {
		if got := Group(docs, Options{}); !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d: %v, first run %v", i, got, first)
		}
	}
}

func TestKeep(t *testing.T) {
	for term, want := range map[string]bool{"the": false, "ferry": true, "2024": false, "12th": true, "ab": false, "al-assad": true} {
		if got := keep(term); got != want {
			t.Errorf("keep(%q) = %v, want %v", term, got, want)
		}
	}
}

func BenchmarkGroup(b *testing.B) {
	base := []*article.Document{ferry1, ferry2, ferry3, vote1, vote2, bakery}
	var docs []*article.Document
	for i := 0; i < 500; i++ {
		d := *base[i%len(base)]
		d.ID = fmt.Sprint(i)
		docs = append(docs, &d)
	}
	b.ResetTimer()
	for b.Loop() {
		Group(docs, Options{})
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
