package pipeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// txStore counts the store transactions outside batches that put
// documents, beside faultStore's batches, and refuses failPut there too.
type txStore struct {
	*faultStore
	puts int
}

func (s *txStore) PutDocument(ctx context.Context, d *article.Document) (string, store.Outcome, error) {
	s.puts++
	if d.ID == s.failPut {
		return "", 0, errFault
	}
	return s.faultStore.PutDocument(ctx, d)
}

func newTxStore(t *testing.T) *txStore {
	t.Helper()
	db, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &txStore{faultStore: &faultStore{Store: db}}
}

func prepareAll(t *testing.T, arts []article.Article) []*article.Document {
	t.Helper()
	var docs []*article.Document
	for _, a := range arts {
		d, err := Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// numbered makes n distinct short articles.
func numbered(n int) []article.Article {
	var arts []article.Article
	for i := range n {
		arts = append(arts, article.Article{ID: fmt.Sprint("n", i), Text: fmt.Sprintf("Headline %d\nItem %d says the pier is closed. %s", i, i, lede)})
	}
	return arts
}

// AddAll stores the run's first document alone (the near-duplicate index
// is loaded after it) and the rest maxBatch to a transaction; a document
// the store refuses fails alone.
func TestCollectionAddAllBatches(t *testing.T) {
	tests := []struct {
		name             string
		n                int
		failPut          string
		wantPuts         int
		wantBatches      int
		wantAdded        int
		wantRefused      string
		wantLastDocument string
	}{
		{"one document", 1, "", 1, 0, 1, "", "n0"},
		{"a few", 5, "", 1, 1, 5, "", "n4"},
		{"more than a batch", maxBatch + 2, "", 1, 2, maxBatch + 2, "", fmt.Sprint("n", maxBatch+1)},
		{"one refused in a batch", 5, "n2", 1, 1, 4, "n2", "n4"},
		{"the first refused", 3, "n0", 2, 1, 2, "n0", "n2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := newTxStore(t)
			st.failPut = tt.failPut
			docs := prepareAll(t, numbered(tt.n))
			c := &Collection{Store: st}
			for i, r := range c.AddAll(ctx, docs) {
				id := fmt.Sprint("n", i)
				if id == tt.wantRefused {
					if !errors.Is(r.Err, errFault) {
						t.Errorf("%s: err %v, want the store's refusal", id, r.Err)
					}
					continue
				}
				if r.Err != nil || r.Outcome != store.Added {
					t.Errorf("%s: %+v", id, r)
				}
			}
			if st.puts != tt.wantPuts || st.batches != tt.wantBatches {
				t.Errorf("%d single puts and %d batches, want %d and %d", st.puts, st.batches, tt.wantPuts, tt.wantBatches)
			}
			if c.Added != tt.wantAdded || len(c.Documents) != tt.wantAdded {
				t.Errorf("added %d, %d documents, want %d", c.Added, len(c.Documents), tt.wantAdded)
			}
			if n, err := st.CountDocuments(ctx); err != nil || n != tt.wantAdded {
				t.Errorf("%d documents stored (%v), want %d", n, err, tt.wantAdded)
			}
			if got := c.Documents[len(c.Documents)-1].ID; got != tt.wantLastDocument {
				t.Errorf("last document %s, want %s", got, tt.wantLastDocument)
			}
			stories, err := c.Assign(ctx)
			if err != nil || len(stories) == 0 {
				t.Errorf("Assign: %d stories, %v", len(stories), err)
			}
		})
	}
}

// runOutcome is everything a run's collection reports.
type runOutcome struct {
	Results                 []AddResult
	Added, Unchanged, Upd   int
	Documents               []string
	Elsewhere               map[string][]article.NearDuplicate
	Stories                 map[string][]string
	NearDuplicates          map[string][]article.NearDuplicate
	StoredDocuments, Stored int
}

// AddAll gives the ids, outcomes, de-duplication, near-duplicates and
// stories that adding the documents one at a time gives, however they are
// split into calls: over a store holding an earlier run, with an update
// of a stored article first, the same content twice (in one batch),
// near-duplicates of stored and of the run's articles.
func TestCollectionAddAllMatchesOneByOne(t *testing.T) {
	earlier := engineStream()[:4]
	earlier[0].URL = "https://example.org/ferry"
	run := func() []article.Article {
		upd := earlier[0]
		upd.Text += "\nThe coastguard said the search would go on overnight."
		near := earlier[1]
		near.ID, near.Input = "near-a1", "test:near-a1"
		near.Text = strings.Replace(near.Text, "late", "very late", 1)
		flood := floodStream()
		again := flood[0]
		again.ID, again.Input = "f0-again", "test:f0-again"
		nearRun := flood[1]
		nearRun.ID, nearRun.Input = "near-f1", "test:near-f1"
		nearRun.Text = strings.Replace(nearRun.Text, "Police", "The police", 1)
		arts := []article.Article{upd}
		arts = append(arts, engineStream()[4:]...)
		arts = append(arts, flood[0], again, near)
		arts = append(arts, flood[1:]...)
		return append(arts, nearRun)
	}
	outcome := func(t *testing.T, add func(*Collection, []*article.Document) []AddResult) runOutcome {
		ctx := context.Background()
		st := newTxStore(t)
		first := &Collection{Store: st}
		for _, r := range first.AddAll(ctx, prepareAll(t, earlier)) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		if _, err := first.Assign(ctx); err != nil {
			t.Fatal(err)
		}
		c := &Collection{Store: st}
		o := runOutcome{Results: add(c, prepareAll(t, run()))}
		o.Added, o.Unchanged, o.Upd = c.Added, c.Unchanged, c.Updated
		for _, d := range c.Documents {
			o.Documents = append(o.Documents, d.ID)
		}
		o.Elsewhere = c.elsewhere
		analyses, err := c.AnalyzeAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		o.Stories = map[string][]string{}
		o.NearDuplicates = map[string][]article.NearDuplicate{}
		for _, a := range analyses {
			for _, d := range a.Story.Documents {
				o.Stories[a.Story.ID] = append(o.Stories[a.Story.ID], d.ID)
			}
			o.NearDuplicates[a.Story.ID] = a.Provenance.NearDuplicates
		}
		o.StoredDocuments, err = st.CountDocuments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, o.Stored, err = st.Stories(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	want := outcome(t, func(c *Collection, docs []*article.Document) []AddResult {
		var out []AddResult
		for _, d := range docs {
			o, err := c.Add(context.Background(), d)
			out = append(out, AddResult{o, err})
		}
		return out
	})
	if want.Upd != 1 || want.Unchanged != 1 || len(want.Elsewhere) == 0 {
		t.Fatalf("the run does not exercise an update, a duplicate and near-duplicates: %+v", want)
	}
	tests := []struct {
		name  string
		calls int // AddAll calls the documents are split into
	}{
		{"one call", 1},
		{"two calls", 2},
		{"a call each", len(run())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outcome(t, func(c *Collection, docs []*article.Document) []AddResult {
				var out []AddResult
				size := (len(docs) + tt.calls - 1) / tt.calls
				for start := 0; start < len(docs); start += size {
					out = append(out, c.AddAll(context.Background(), docs[start:min(start+size, len(docs))])...)
				}
				return out
			})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("AddAll:\n%+v\none at a time:\n%+v", got, want)
			}
		})
	}
}
