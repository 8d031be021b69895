package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// engineStream is an invented stream: two events told several times each,
// and a loner.
func engineStream() []article.Article {
	day := time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)
	texts := []struct{ title, body string }{
		{"Ferry capsizes off Marrow Point", "A passenger ferry capsized off Marrow Point on Tuesday with 60 people aboard.\nCoastguard boats pulled 52 survivors from the water, the harbour master said."},
		{"Lowland council election count delayed", "Counting in the Lowland council election was delayed after ballot boxes arrived late in Esk.\nThe electoral commission said results would come on Friday."},
		{"Dozens rescued as Brightwater ferry sinks", "Rescuers saved 52 people after a Brightwater Lines ferry sank near Marrow Point.\nThe harbour master said eight passengers were still missing."},
		{"Village bakery wins national award", "A family bakery in Tillow won the national bread award for its rye loaf.\nThe judges praised its crust."},
		{"Esk ballot boxes hold up Lowland count", "The Lowland electoral commission blamed late ballot boxes from Esk for the slow count.\nCandidates in the council election accused officials of poor planning."},
		{"Marrow Point ferry inquiry opens", "An inquiry into the Marrow Point ferry disaster opened as divers searched for the missing passengers.\nBrightwater Lines said the capsized ferry had passed its safety inspection."},
	}
	return hourly("a", day, texts)
}

// hourly makes a stream of invented articles, one an hour from day, named
// prefix0, prefix1, ...
func hourly(prefix string, day time.Time, texts []struct{ title, body string }) []article.Article {
	var out []article.Article
	for i, x := range texts {
		out = append(out, article.Article{ID: fmt.Sprint(prefix, i), Title: x.title, Text: x.body, Published: day.Add(time.Duration(i) * time.Hour), Input: fmt.Sprint("test:", prefix, i)})
	}
	return out
}

func ingestAll(t *testing.T, e *Engine, arts []article.Article) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, r := range e.Ingest(context.Background(), arts) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		got[r.ID] = r.Story
	}
	return got
}

func TestEngineRestartContinues(t *testing.T) {
	ctx := context.Background()
	arts := engineStream()

	whole, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "whole.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	e, err := NewEngine(ctx, whole, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := ingestAll(t, e, arts)

	path := filepath.Join(t.TempDir(), "halves.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	e1, err := NewEngine(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := ingestAll(t, e1, arts[:3])
	st.Close()
	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e2, err := NewEngine(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for id, s := range ingestAll(t, e2, arts[3:]) {
		got[id] = s
	}
	// Earlier members report their current story (after any merge).
	for id := range got {
		got[id], _ = e2.StoryOf(id)
		want[id], _ = e.StoryOf(id)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after a restart: %v\nin one go: %v", got, want)
	}
	if len(distinct(want)) != 3 {
		t.Errorf("stream gave %d stories, want 3 (two events and a loner): %v", len(distinct(want)), want)
	}
}

func distinct(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

// A document stored but not assigned (the process stopped in between) is
// assigned when the next engine loads, to the story it belongs with.
func TestEngineAssignsStoredUnassignedDocuments(t *testing.T) {
	ctx := context.Background()
	st, e := memoryEngine(t)
	arts := engineStream()
	first := ingestAll(t, e, arts[:3]) // two ferry reports and the election
	orphan, err := Prepare(arts[5])    // the ferry inquiry
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := st.PutDocument(ctx, orphan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.StoryOf(ctx, id); err == nil {
		t.Fatal("the orphan is assigned before any engine saw it")
	}
	e2, err := NewEngine(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.StoryOf(ctx, id)
	if err != nil {
		t.Fatalf("after loading, the stored document is still unassigned: %v", err)
	}
	if got != first["a0"] {
		t.Errorf("the ferry inquiry joined %s, want the ferry story %s", got, first["a0"])
	}
	if s, ok := e2.StoryOf(id); !ok || s != got {
		t.Errorf("engine says %q, store says %q", s, got)
	}
	info, err := st.StoryInfo(ctx, got)
	if err != nil || info.Articles != 3 {
		t.Errorf("story listing %+v (%v), want 3 articles", info, err)
	}
}

// Analysis is computed once per change of a story's members: asked again
// with no change it is the same value; after the story gains an article it
// is recomputed and covers the new member.
func TestEngineAnalysisRecomputedOnlyOnChange(t *testing.T) {
	ctx := context.Background()
	st, e := memoryEngine(t)
	arts := engineStream()
	stories := ingestAll(t, e, arts[:3])
	ferry := stories["a0"]
	a1, err := e.Analysis(ctx, ferry)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := e.Analysis(ctx, ferry)
	if err != nil {
		t.Fatal(err)
	}
	if a1 != a2 {
		t.Error("a second request with no change computed the analysis again")
	}
	if n := len(a1.Story.Documents); n != 2 {
		t.Fatalf("analysis covers %d documents, want 2", n)
	}
	// A new engine on the same store reads the stored analysis instead of
	// computing it: the stored value covers the same members.
	e2, err := NewEngine(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.Analysis(ctx, ferry)
	if err != nil {
		t.Fatalf("the analysis was not stored: %v", err)
	}
	a3, err := e2.Analysis(ctx, ferry)
	if err != nil {
		t.Fatal(err)
	}
	if len(a3.Story.Documents) != len(stored.Story.Documents) || a3.Summary == nil {
		t.Errorf("restarted engine's analysis %d documents, stored %d", len(a3.Story.Documents), len(stored.Story.Documents))
	}
	if r := ingestAll(t, e2, arts[5:6]); r["a5"] != ferry {
		t.Fatalf("the inquiry report joined %s, want %s", r["a5"], ferry)
	}
	a4, err := e2.Analysis(ctx, ferry)
	if err != nil {
		t.Fatal(err)
	}
	if a4 == a3 || len(a4.Story.Documents) != 3 {
		t.Errorf("after the story gained an article: same value %v, %d documents, want a new analysis of 3", a4 == a3, len(a4.Story.Documents))
	}
}

// memoryEngine returns an engine on a fresh in-memory store.
func memoryEngine(t *testing.T) (*sqlite.DB, *Engine) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := NewEngine(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st, e
}

// A story larger than the analysis limit is analysed on its latest
// members; its listing still counts them all.
func TestEngineAnalysisLimit(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, err := NewEngine(ctx, st, Options{AnalysisLimit: 2})
	if err != nil {
		t.Fatal(err)
	}
	stories := ingestAll(t, e, engineStream())
	ferry := stories["a0"]
	a, err := e.Analysis(ctx, ferry)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range a.Story.Documents {
		got = append(got, d.ID)
	}
	if want := []string{"a2", "a5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("analysis covers %v, want the latest two %v", got, want)
	}
	info, err := st.StoryInfo(ctx, ferry)
	if err != nil || info.Articles != 3 {
		t.Errorf("listing %+v (%v), want 3 articles", info, err)
	}
}

// When a story splits, the store follows: the documents that left are
// assigned to the new story, both listings count their members, and the
// new one has a title before any analysis.
func TestEngineRecordsSplits(t *testing.T) {
	ctx := context.Background()
	st, e := memoryEngine(t)
	ingestAll(t, e, strikeStream(t))
	first, err := st.StoryOf(ctx, "sa-1")
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.StoryOf(ctx, "sb-1")
	if err != nil {
		t.Fatal(err)
	}
	if first == second {
		t.Fatalf("both strikes are in story %s: no split reached the store", first)
	}
	for _, id := range []string{"sb-2", "sb-3"} {
		if s, _ := st.StoryOf(ctx, id); s != second {
			t.Errorf("%s is in %s, want %s with sb-1", id, s, second)
		}
	}
	for story, want := range map[string]int{first: 4, second: 3} {
		members, _ := st.StoryMembers(ctx, story)
		info, err := st.StoryInfo(ctx, story)
		if err != nil || info.Articles != want || len(members) != want || info.Title == "" {
			t.Errorf("story %s: listing %+v (%v), %d members; want %d articles and a title", story, info, err, len(members), want)
		}
	}
	var splits [][2]string
	if err := st.Splits(ctx, func(from, to string) error {
		splits = append(splits, [2]string{from, to})
		return nil
	}); err != nil || !slices.Equal(splits, [][2]string{{first, second}}) {
		t.Fatalf("recorded splits %v (%v), want %s split from %s", splits, err, second, first)
	}

	// A restarted engine keeps the two apart: a report recalling both
	// strikes (close to both stories) merges nothing.
	restarted, err := NewEngine(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recap := article.Article{ID: "sx-1", Title: "Corlan Mining hit by a second strike", Input: "test:sx-1",
		Text: "Corlan Mining faces its second strike in a year: after the Harrowgate pit strike led by Brenna Oakes over unpaid overtime, miners at Vellis Deep walked out over ventilation fans.\n" +
			"Union organiser Tomas Reyke said the Vellis Deep strike, like the Harrowgate strike, would go on until Corlan Mining paid.\n" +
			"Brenna Oakes joined the Vellis Deep picket."}
	ingestAll(t, restarted, []article.Article{recap})
	for _, id := range []string{"sa-1", "sb-1"} {
		if info, err := st.StoryInfo(ctx, map[string]string{"sa-1": first, "sb-1": second}[id]); err != nil || info.MergedInto != "" {
			t.Errorf("after the recap, the story of %s: %+v, %v; want it live", id, info, err)
		}
	}
}
