package cluster

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
)

// Two strikes at one mining company, at two of its mines, with different
// union leaders: every common word is shared, only the names differ. The
// first report of the second strike has nowhere better to go than the
// first strike's story; once reports of both have piled up there, the
// story splits, and the second strike's reports leave together.
// strikes reads testdata/strikes.jsonl: four reports of the first strike
// (sa-*), then three of the second (sb-*). The second strike's first two
// reports recall the first strike, as such reports do.
func strikes(t *testing.T) (a, b []*article.Document) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "strikes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		d := doc(r.ID, r.Title, r.Text)
		if strings.HasPrefix(r.ID, "sa-") {
			a = append(a, d)
		} else {
			b = append(b, d)
		}
	}
	return a, b
}

func TestSplitSeparatesTwoEventsOfOneKind(t *testing.T) {
	strikeA, strikeB := strikes(t)
	docs := append(slices.Clone(strikeA[:3]), strikeB[0], strikeA[3], strikeB[1], strikeB[2])
	c := NewClusterer(Options{})
	assigned, final := stream(c, docs)
	var split *Split
	for _, a := range assigned {
		if a.Split != nil {
			split = a.Split
		}
	}
	if split == nil {
		t.Fatalf("no split; stories %v", partition(docs, final))
	}
	if want := final["sa-1"]; split.From != want {
		t.Errorf("split %+v, want it to leave story %s (the first strike's) in place", split, want)
	}
	if !slices.Contains(split.Documents, "sb-1") {
		t.Errorf("split moved %v, want the second strike's first report among them", split.Documents)
	}
	got := partition(docs, final)
	want := [][]string{{"sa-1", "sa-2", "sa-3", "sa-4"}, {"sb-1", "sb-2", "sb-3"}}
	if !slicesEqual(got, want) {
		t.Errorf("stories after the stream %v, want %v", got, want)
	}
}

// Reports of one event that all resemble each other are never split.
func TestSplitLeavesOneEventAlone(t *testing.T) {
	strikeA, _ := strikes(t)
	c := NewClusterer(Options{})
	assigned, final := stream(c, strikeA)
	for _, a := range assigned {
		if a.Split != nil {
			t.Errorf("split %+v of one strike's reports", a.Split)
		}
	}
	if got := partition(strikeA, final); len(got) != 1 {
		t.Errorf("one strike's reports form %v", got)
	}
}

func slicesEqual(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}
