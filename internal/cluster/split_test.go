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

// A report recalling both strikes is close to both stories; it must not
// merge what the split separated, and later reports of each strike keep
// going to their own story.
var (
	strikesRecap = doc("sx-1", "Corlan Mining faces second strike in a year",
		"Corlan Mining faces its second strike in a year: after the Harrowgate pit strike led by Brenna Oakes over unpaid overtime, miners at Vellis Deep walked out over ventilation fans.\n"+
			"Union organiser Tomas Reyke said the Vellis Deep strike, like the Harrowgate strike, would go on until Corlan Mining paid.\n"+
			"Brenna Oakes joined the Vellis Deep picket.")
	strikeA5 = doc("sa-5", "Harrowgate overtime paid, strike ends", "Corlan Mining paid the overtime owed at Harrowgate and Brenna Oakes called off the Harrowgate strike.")
	strikeB4 = doc("sb-4", "Vellis Deep inspectors approve new fans", "Inspectors approved the new ventilation fans at Vellis Deep and Tomas Reyke said the miners would go back on Monday.")
)

func TestSplitStoriesStayApart(t *testing.T) {
	strikeA, strikeB := strikes(t)
	docs := append(slices.Clone(strikeA[:3]), strikeB[0], strikeA[3], strikeB[1], strikeB[2])
	c := NewClusterer(Options{})
	_, final := stream(c, docs)
	storyA, storyB := final["sa-1"], final["sb-1"]
	if storyA == storyB {
		t.Fatalf("no split: %v", partition(docs, final))
	}
	// The recap is close to both stories: without the split's memory it
	// would merge them (as it did before splits were remembered).
	a := c.Add(strikesRecap.ID, FeaturesOf(strikesRecap))
	if len(a.Merged) > 0 {
		t.Errorf("recap %+v merged the two strikes again", a)
	}
	if got := c.Add(strikeA5.ID, FeaturesOf(strikeA5)); got.Story != storyA {
		t.Errorf("a later report of the first strike went to %s, want %s", got.Story, storyA)
	}
	if got := c.Add(strikeB4.ID, FeaturesOf(strikeB4)); got.Story != storyB {
		t.Errorf("a later report of the second strike went to %s, want %s", got.Story, storyB)
	}
}

// A restarted clusterer told which stories were split apart keeps them
// apart, as the uninterrupted one does.
func TestKeepApartAfterRestore(t *testing.T) {
	strikeA, strikeB := strikes(t)
	docs := append(slices.Clone(strikeA[:3]), strikeB[0], strikeA[3], strikeB[1], strikeB[2])
	live := NewClusterer(Options{})
	assigned, final := stream(live, docs)
	var split *Split
	for _, a := range assigned {
		if a.Split != nil {
			split = a.Split
		}
	}
	if split == nil {
		t.Fatalf("no split: %v", partition(docs, final))
	}
	for _, remember := range []bool{true, false} {
		restarted := NewClusterer(Options{})
		for _, d := range docs {
			restarted.Restore(d.ID, final[d.ID], FeaturesOf(d))
		}
		if remember {
			restarted.KeepApart(split.From, split.To)
		}
		a := restarted.Add(strikesRecap.ID, FeaturesOf(strikesRecap))
		if merged := len(a.Merged) > 0; merged == remember {
			t.Errorf("KeepApart given %v: recap %+v", remember, a)
		}
	}
}
