package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
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
	var out []article.Article
	for i, x := range texts {
		out = append(out, article.Article{ID: fmt.Sprint("a", i), Title: x.title, Text: x.body, Published: day.Add(time.Duration(i) * time.Hour), Input: fmt.Sprint("test:", i)})
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
