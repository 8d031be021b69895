package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/sharedtest"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// TestClusterRestartsMatchUninterrupted streams the first 300 ECB+
// articles (eleven topics, each two same-kind events interleaved, so
// stories split and merge) through `cluster` in one run, and again in runs
// of a few articles on one store, each run a fresh clusterer rebuilt from
// the store's assignments and splits.
//
// Restarted every 100 articles, every article ends in the same story with
// the same id. Restarted every 20, a few may not: a split rebuilds the two
// stories' centroids from the members' kept profiles (their 64 heaviest
// terms), a restart from their full profiles, so a report arriving soon
// after a split can score differently (see docs/architecture.md). At most
// one article in a hundred may end elsewhere.
func TestClusterRestartsMatchUninterrupted(t *testing.T) {
	raw, err := os.ReadFile(sharedtest.Path(t, "data/ecbplus/dev-topics-1-35.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")[:300]
	dir := t.TempDir()
	write := func(name string, lines []string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stories := func(db, path string) map[string]string {
		t.Helper()
		res := runCLI(t, "", "cluster", "--db", db, path)
		if res.code != exitOK {
			t.Fatalf("cluster %s: exit %d: %s", path, res.code, res.stderr)
		}
		out := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
			var rec struct{ ID, Story string }
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatalf("line %q: %v", l, err)
			}
			out[rec.ID] = rec.Story
		}
		return out
	}
	all := write("all.jsonl", lines)
	want := stories(filepath.Join(dir, "once.db"), all)
	if len(want) != 300 {
		t.Fatalf("%d articles, want 300", len(want))
	}

	for _, tt := range []struct {
		every, maxMoved int
	}{
		{100, 0},
		{20, 3},
	} {
		db := filepath.Join(dir, fmt.Sprintf("every-%d.db", tt.every))
		for i := 0; i < len(lines); i += tt.every {
			stories(db, write("part.jsonl", lines[i:i+tt.every]))
		}
		got := stories(db, all) // every article Unchanged: prints where it is now
		var moved []string
		for id, s := range want {
			if got[id] != s {
				moved = append(moved, fmt.Sprintf("%s in %s, not %s", id, got[id], s))
			}
		}
		if len(moved) > tt.maxMoved {
			t.Errorf("restarted every %d articles: %d articles end elsewhere than in one run (at most %d may): %v", tt.every, len(moved), tt.maxMoved, moved)
		}

		st, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		splits := 0
		err = st.Splits(context.Background(), func(string, string) error { splits++; return nil })
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if splits == 0 {
			t.Errorf("restarted every %d: no story was split, so the restarts carried no split over", tt.every)
		}
	}
}
