package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// countingStore counts store transactions: batches, and documents put
// outside one (each its own transaction).
type countingStore struct {
	store.Store
	mu         sync.Mutex
	batches    int
	singlePuts int
}

func (s *countingStore) Batch(ctx context.Context, fn func(store.Writer) error) error {
	s.mu.Lock()
	s.batches++
	s.mu.Unlock()
	return s.Store.Batch(ctx, fn)
}

func (s *countingStore) PutDocument(ctx context.Context, d *article.Document) (string, store.Outcome, error) {
	s.mu.Lock()
	s.singlePuts++
	s.mu.Unlock()
	return s.Store.PutDocument(ctx, d)
}

// invented reports, one line each, varied enough to be told apart.
func inventedReports(n int) []string {
	places := []string{"Ardmoor", "Belcastle", "Corrin", "Dunvale", "Eskholt", "Fennick", "Galloway Rise", "Hollin"}
	events := []string{"opened a new footbridge", "closed its swimming pool for repairs", "elected a new mayor", "held its spring market", "banned cars from the old square"}
	var out []string
	for i := range n {
		p, e := places[i%len(places)], events[(i/len(places))%len(events)]
		out = append(out, fmt.Sprintf("%s %s on day %d. Residents of %s said the decision of the council, taken after a long debate in the town hall, surprised many of them, and the council promised a public meeting next month to explain it. Report number %d.", p, e, i, p, i))
	}
	return out
}

func TestIngestPathsBatches(t *testing.T) {
	dir := t.TempDir()
	var jsonl bytes.Buffer
	for i, r := range inventedReports(40) {
		fmt.Fprintf(&jsonl, `{"id":"r%d","title":"Report %d","text":%q}`+"\n", i, i, r)
	}
	jsonl.WriteString("{not json\n")
	jsonl.WriteString(`{"id":"empty","text":"Share this article"}` + "\n")
	if err := os.WriteFile(filepath.Join(dir, "reports.jsonl"), jsonl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	textDir := filepath.Join(dir, "texts")
	if err := os.Mkdir(textDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, r := range inventedReports(12) {
		if err := os.WriteFile(filepath.Join(textDir, fmt.Sprintf("t%02d.txt", i)), []byte("A text report\n"+r+" Filed as text."), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name       string
		paths      []string
		wantAdded  int
		wantFailed int
		wantStderr []string
		maxBatches int // more than 1: a slow machine may take longer than ingestBatchWait
	}{
		{"JSON lines with bad lines", []string{filepath.Join(dir, "reports.jsonl")}, 40, 2, []string{"reports.jsonl:41", "reports.jsonl:42"}, 4},
		{"a directory of files", []string{textDir}, 12, 0, nil, 4},
		{"both", []string{filepath.Join(dir, "reports.jsonl"), textDir}, 52, 2, []string{"reports.jsonl:41"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			st := &countingStore{Store: db}
			e, err := pipeline.NewEngine(ctx, st, pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			env := &environment{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
			var tally ingestTally
			failed, ok := ingestPaths(ctx, env, e, tt.paths, ingest.Options{}, &tally)
			if !ok || failed != tt.wantFailed || tally.added != tt.wantAdded {
				t.Errorf("ok %v, %d failed, %d added; want %d failed, %d added\n%s", ok, failed, tally.added, tt.wantFailed, tt.wantAdded, stderr.String())
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr does not name %s:\n%s", w, stderr.String())
				}
			}
			if st.singlePuts != 0 || st.batches == 0 || st.batches > tt.maxBatches {
				t.Errorf("%d documents put one to a transaction and %d batches, want none and 1 to %d", st.singlePuts, st.batches, tt.maxBatches)
			}
			n, err := db.CountDocuments(ctx)
			if err != nil || n != tt.wantAdded {
				t.Errorf("%d documents stored (%v), want %d", n, err, tt.wantAdded)
			}
			for _, id := range []string{"r0", "r39"} {
				if _, ok := e.StoryOf(id); tt.wantAdded != 12 && !ok {
					t.Errorf("%s stored but not assigned", id)
				}
			}
		})
	}
}
