package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// faultStore wraps a store to refuse chosen writes inside batches, and
// counts the batches' merges and assignments.
type faultStore struct {
	store.Store
	failPut    string // PutDocument of the document with this id fails
	failSet    string // SetStory of this document fails
	failCommit bool   // the batch fails after fn returned nil
	// cancel is called when the document with id cancelAt is put.
	cancelAt string
	cancel   context.CancelFunc

	mu              sync.Mutex
	batches, merges int
	sets            int
}

var errFault = errors.New("injected fault")

func (s *faultStore) Batch(ctx context.Context, fn func(store.Writer) error) error {
	s.mu.Lock()
	s.batches++
	s.mu.Unlock()
	return s.Store.Batch(ctx, func(w store.Writer) error {
		if err := fn(&faultWriter{w, s}); err != nil {
			return err
		}
		if s.failCommit {
			return errFault
		}
		return nil
	})
}

type faultWriter struct {
	store.Writer
	s *faultStore
}

func (w *faultWriter) PutDocument(ctx context.Context, d *article.Document) (string, store.Outcome, error) {
	if d.ID == w.s.failPut {
		return "", 0, errFault
	}
	if d.ID == w.s.cancelAt {
		w.s.cancel()
	}
	return w.Writer.PutDocument(ctx, d)
}

func (w *faultWriter) SetStory(ctx context.Context, docID, storyID string) error {
	if docID == w.s.failSet {
		return errFault
	}
	w.s.mu.Lock()
	w.s.sets++
	w.s.mu.Unlock()
	return w.Writer.SetStory(ctx, docID, storyID)
}

func (w *faultWriter) MergeStories(ctx context.Context, from, into string) error {
	w.s.mu.Lock()
	w.s.merges++
	w.s.mu.Unlock()
	return w.Writer.MergeStories(ctx, from, into)
}

func faultEngine(t *testing.T) (*faultStore, *Engine) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := &faultStore{Store: db}
	e, err := NewEngine(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st, e
}

// floodStream is an invented flood told from two angles, the town and the
// roads, which share few words, and then a report of both that bridges
// them; and an unrelated report.
func floodStream() []article.Article {
	day := time.Date(2025, 9, 14, 6, 0, 0, 0, time.UTC)
	texts := []struct{ title, body string }{
		{"River Quell bursts its banks in Harlow", "The River Quell burst its banks in Harlow overnight and flooded three hundred homes.\nMayor Ines Varga opened the sports hall for families who left their houses."},
		{"Flood water shuts the A9 and the Fenwick rail line", "Police closed the A9 near Dunmere and Tarrant Rail stopped trains on the Fenwick line after water covered the tracks.\nDrivers were told to avoid the valley until Thursday."},
		{"Harlow families sleep in sports hall as Quell floods homes", "Families from three hundred flooded homes in Harlow spent the night in the sports hall.\nMayor Ines Varga said the River Quell was still rising."},
		{"A9 and Fenwick line stay closed by flood water", "The A9 near Dunmere stayed closed and Tarrant Rail ran buses instead of trains on the Fenwick line.\nPolice said the water had not fallen."},
		{"Quell flood in Harlow closes A9 and Fenwick line", "The River Quell flood that drove families in Harlow from three hundred homes also closed the A9 near Dunmere and the Fenwick line.\nMayor Ines Varga said the sports hall stays open; Tarrant Rail ran buses and police told drivers to avoid the valley."},
		{"Chess club celebrates fifty years", "The Oakham chess club marked fifty years with a match against its founders.\nThe oldest founder, aged ninety, won his game."},
	}
	return hourly("f", day, texts)
}

func strikeStream(t *testing.T) []article.Article {
	raw, err := os.ReadFile(filepath.Join("..", "cluster", "testdata", "strikes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]article.Article{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		byID[r.ID] = article.Article{ID: r.ID, Title: r.Title, Text: r.Text, Input: "test:" + r.ID}
	}
	var arts []article.Article
	for _, id := range []string{"sa-1", "sa-2", "sa-3", "sb-1", "sa-4", "sb-2", "sb-3"} {
		arts = append(arts, byID[id])
	}
	return arts
}

// listing is what a story list shows, without the times.
type listing struct {
	Title    string
	Articles int
}

// checkStore checks that the store agrees with itself and with the engine:
// every live story's listing counts its members and has a title and
// times, every assigned document's story is live, and the engine places
// each stored document where the store does. It returns the live
// listings and each document's story.
func checkStore(t *testing.T, st store.Store, e *Engine) (map[string]listing, map[string]string) {
	t.Helper()
	ctx := context.Background()
	stories, total, err := st.Stories(ctx, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	listings := map[string]listing{}
	for _, s := range stories {
		members, err := st.StoryMembers(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Articles != len(members) || len(members) == 0 || s.Title == "" || s.Created.IsZero() || s.Updated.Before(s.Created) {
			t.Errorf("story %s: listing %+v, %d members", s.ID, s, len(members))
		}
		listings[s.ID] = listing{s.Title, s.Articles}
	}
	if total != len(stories) {
		t.Errorf("%d live stories, listed %d", total, len(stories))
	}
	docs := map[string]string{}
	err = st.Assignments(ctx, func(doc, story string, _ []byte) error {
		docs[doc] = story
		if _, live := listings[story]; story != "" && !live {
			t.Errorf("document %s is in story %s, which is not listed", doc, story)
		}
		if got, _ := e.StoryOf(doc); got != story {
			t.Errorf("engine puts %s in %q, store in %q", doc, got, story)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return listings, docs
}

// An Ingest call is written in one batch, and gives the stories, listings
// and assignments that ingesting its articles one call at a time gives,
// merges and splits included.
func TestEngineBatchMatchesOneByOne(t *testing.T) {
	tests := []struct {
		name                string
		arts                []article.Article
		wantMerge, wantMove bool // the stream exercises a merge, a split
	}{
		{"three events", engineStream(), false, false},
		{"two angles bridged", floodStream(), true, false},
		{"two strikes split", strikeStream(t), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			oneSt, one := faultEngine(t)
			for _, a := range tt.arts {
				ingestAll(t, one, []article.Article{a})
			}
			wantListings, wantDocs := checkStore(t, oneSt, one)

			st, e := faultEngine(t)
			ingestAll(t, e, tt.arts)
			if st.batches != 1 {
				t.Errorf("one Ingest call made %d store batches, want 1", st.batches)
			}
			if st.merges > 0 != tt.wantMerge || st.sets > len(tt.arts) != tt.wantMove {
				t.Errorf("%d merges, %d assignments of %d articles: want merges %v, split moves %v", st.merges, st.sets, len(tt.arts), tt.wantMerge, tt.wantMove)
			}
			listings, docs := checkStore(t, st, e)
			if !reflect.DeepEqual(listings, wantListings) || !reflect.DeepEqual(docs, wantDocs) {
				t.Errorf("in one batch: %v %v\none at a time: %v %v", listings, docs, wantListings, wantDocs)
			}
			// And a restart replays it.
			again, err := NewEngine(ctx, st, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkStore(t, st, again)
		})
	}
}

// A write that fails inside a batch fails its own article only; when the
// batch itself fails, nothing is stored. Either way the engine forgets the
// assignments it had made in memory and the store lacks, so it goes on as
// an engine started on the store would.
func TestEngineIngestFaults(t *testing.T) {
	arts := append(engineStream(), floodStream()...)
	ctx := context.Background()
	refSt, ref := faultEngine(t)
	ingestAll(t, ref, arts)
	_, want := checkStore(t, refSt, ref)

	tests := []struct {
		name   string
		fault  func(*faultStore)
		failed string // the one article that fails, "" for all
		stored int
	}{
		{"a document write fails", func(s *faultStore) { s.failPut = "a2" }, "a2", len(arts) - 1},
		{"an assignment write fails", func(s *faultStore) { s.failSet = "f3" }, "f3", len(arts) - 1},
		{"the batch fails", func(s *faultStore) { s.failCommit = true }, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, e := faultEngine(t)
			tt.fault(st)
			for i, r := range e.Ingest(ctx, arts) {
				id := arts[i].ID
				fails := tt.failed == "" || id == tt.failed
				switch {
				case fails && (!errors.Is(r.Err, errFault) || r.ID != "" || r.Story != ""):
					t.Errorf("%s: %+v, want not stored, for the injected fault", id, r)
				case !fails && (r.Err != nil || r.ID != id || r.Story == ""):
					t.Errorf("%s: %+v, want stored and assigned", id, r)
				}
			}
			if n, err := st.CountDocuments(ctx); err != nil || n != tt.stored {
				t.Errorf("%d documents stored (%v), want %d", n, err, tt.stored)
			}
			// No document is stored unassigned, and the engine holds no
			// assignment the store lacks (checkStore compares them).
			_, docs := checkStore(t, st, e)
			for doc, story := range docs {
				if story == "" {
					t.Errorf("%s is stored but not assigned", doc)
				}
			}
			if _, ok := e.StoryOf(tt.failed); tt.failed != "" && ok {
				t.Errorf("the engine still places %s, which is not stored", tt.failed)
			}

			// Once the store works again, the stream completes as if
			// nothing had failed: ingesting it again stores only what is
			// missing.
			st.failPut, st.failSet, st.failCommit = "", "", false
			ingestAll(t, e, arts)
			if _, got := checkStore(t, st, e); tt.stored == 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("after a failed batch: %v\nin one go: %v", got, want)
			}
		})
	}
}

// Cancelling an Ingest stops it between articles: those written before
// stay stored and assigned (the batch still commits), the rest are not
// stored, and each result says which.
func TestEngineIngestCancelled(t *testing.T) {
	arts := floodStream()
	st, e := faultEngine(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st.cancelAt, st.cancel = "f2", cancel
	stored := 0
	for i, r := range e.Ingest(ctx, arts) {
		id := arts[i].ID
		switch {
		case i <= 2 && (r.Err != nil || r.Story == ""):
			t.Errorf("%s, put before the cancel took effect: %+v, want stored and assigned", id, r)
		case i > 2 && !errors.Is(r.Err, context.Canceled):
			t.Errorf("%s, after the cancel: %+v, want not ingested", id, r)
		}
		if r.Err == nil {
			stored++
		}
	}
	if n, err := st.CountDocuments(context.Background()); err != nil || n != stored {
		t.Errorf("%d documents stored (%v), %d reported", n, err, stored)
	}
	checkStore(t, st, e)
}
