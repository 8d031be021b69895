package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// testBatchCommits writes a small stream in one batch: reads through the
// writer see the batch's own writes (a repeated document is Unchanged, a
// taken id is derived), and after Batch returns everything is stored.
func testBatchCommits(t *testing.T, s store.Store) {
	ctx := context.Background()
	clash := SampleDocument(1, 120)
	clash.URL = "https://example.com/other/1"
	err := s.Batch(ctx, func(w store.Writer) error {
		steps := []struct {
			doc         *article.Document
			wantID      string
			wantOutcome store.Outcome
		}{
			{SampleDocument(1, 100), "doc-1", store.Added},
			{SampleDocument(2, 100), "doc-2", store.Added},
			{SampleDocument(1, 100), "doc-1", store.Unchanged},
			{clash, "doc-1-2", store.Added},
		}
		for _, st := range steps {
			id, o, err := w.PutDocument(ctx, st.doc)
			if err != nil || id != st.wantID || o != st.wantOutcome {
				t.Errorf("PutDocument(%s) in a batch = %q, %v, %v; want %q, %v", st.doc.URL, id, o, err, st.wantID, st.wantOutcome)
			}
		}
		if d, err := w.Document(ctx, "doc-2"); err != nil || d.Text != SampleDocument(2, 100).Text {
			t.Errorf("Document of a document put in the batch: %v", err)
		}
		for doc, story := range map[string]string{"doc-1": "s1", "doc-2": "s2", "doc-1-2": "s2"} {
			if err := w.SetStory(ctx, doc, story); err != nil {
				t.Errorf("SetStory(%q, %q): %v", doc, story, err)
			}
		}
		for _, id := range []string{"s1", "s2"} {
			if err := w.PutStory(ctx, store.StoryInfo{ID: id, Title: "Story " + id, Articles: 1}); err != nil {
				t.Errorf("PutStory(%q): %v", id, err)
			}
		}
		if info, err := w.StoryInfo(ctx, "s1"); err != nil || info.Title != "Story s1" {
			t.Errorf("StoryInfo of a story put in the batch = %+v, %v", info, err)
		}
		if err := w.MergeStories(ctx, "s2", "s1"); err != nil {
			t.Errorf("MergeStories: %v", err)
		}
		if info, err := w.StoryInfo(ctx, "s2"); err != nil || info.MergedInto != "s1" {
			t.Errorf("StoryInfo of a story merged in the batch = %+v, %v; want merged into s1", info, err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Batch: %v", err)
	}
	wantCount(t, s, 3)
	members, err := s.StoryMembers(ctx, "s1")
	if want := []string{"doc-1", "doc-2", "doc-1-2"}; err != nil || !slices.Equal(members, want) {
		t.Errorf("StoryMembers(s1) = %q, %v; want %q", members, err, want)
	}
	if info, err := s.StoryInfo(ctx, "s2"); err != nil || info.MergedInto != "s1" {
		t.Errorf("StoryInfo(s2) = %+v, %v; want merged into s1", info, err)
	}
	if stories, total, err := s.Stories(ctx, 0, 0); err != nil || total != 1 || stories[0].ID != "s1" {
		t.Errorf("Stories = %+v, %d, %v; want s1 alone", stories, total, err)
	}
}

// testBatchAllOrNothing: a batch that does not end well keeps nothing it
// wrote, and the store goes on working.
func testBatchAllOrNothing(t *testing.T, s store.Store) {
	errStop := errors.New("stop")
	tests := []struct {
		name string
		// end is what fn does once it has written.
		end     func(cancel context.CancelFunc) error
		wantErr error
	}{
		{"fn returns an error", func(context.CancelFunc) error { return errStop }, errStop},
		{"fn panics", func(context.CancelFunc) error { panic(errStop) }, errStop},
		{"context cancelled before the commit", func(cancel context.CancelFunc) error { cancel(); return nil }, context.Canceled},
	}
	n := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			before, err := s.CountDocuments(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			n++
			d := SampleDocument(100+n, 100)
			err = func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = r.(error)
					}
				}()
				return s.Batch(ctx, func(w store.Writer) error {
					id, _, err := w.PutDocument(ctx, d)
					if err != nil {
						return err
					}
					if err := w.SetStory(ctx, id, "lost"); err != nil {
						return err
					}
					if err := w.PutStory(ctx, store.StoryInfo{ID: "lost", Title: "Lost"}); err != nil {
						return err
					}
					return tt.end(cancel)
				})
			}()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Batch err = %v, want %v", err, tt.wantErr)
			}
			wantCount(t, s, before)
			bg := context.Background()
			if _, err := s.Document(bg, d.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Document(%q) after a failed batch: %v, want ErrNotFound", d.ID, err)
			}
			if _, err := s.StoryInfo(bg, "lost"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("StoryInfo after a failed batch: %v, want ErrNotFound", err)
			}
			// The store is not left locked or inside the dead transaction.
			put(t, s, SampleDocument(200+n, 100), store.Added)
		})
	}
}

// testBatchFailedCallsAlone: a call that fails inside a batch leaves
// nothing behind and does not spoil the calls around it.
func testBatchFailedCallsAlone(t *testing.T, s store.Store) {
	ctx := context.Background()
	badText := NewDocument("bad-text", "https://example.com/bad-text", "Caf\xe9 au lait.\xff\xfe")
	failing := []struct {
		name string
		call func(w store.Writer) error
	}{
		{"PutDocument without an id", func(w store.Writer) error {
			_, _, err := w.PutDocument(ctx, &article.Document{URL: "https://example.com/x", ContentHash: "h"})
			return err
		}},
		{"PutDocument with invalid UTF-8", func(w store.Writer) error { _, _, err := w.PutDocument(ctx, badText); return err }},
		{"SetStory of an unknown document", func(w store.Writer) error { return w.SetStory(ctx, "missing", "s1") }},
		{"MergeStories into itself", func(w store.Writer) error { return w.MergeStories(ctx, "s1", "s1") }},
		{"PutStory without an id", func(w store.Writer) error { return w.PutStory(ctx, store.StoryInfo{Title: "No id"}) }},
	}
	err := s.Batch(ctx, func(w store.Writer) error {
		for i, f := range failing {
			if err := f.call(w); err == nil {
				t.Errorf("%s succeeded in a batch", f.name)
			}
			// A good write after each failure still lands.
			id, o, err := w.PutDocument(ctx, SampleDocument(i, 100))
			if err != nil || o != store.Added {
				t.Fatalf("PutDocument after %s: %q, %v, %v", f.name, id, o, err)
			}
			if err := w.SetStory(ctx, id, "s1"); err != nil {
				t.Fatalf("SetStory after %s: %v", f.name, err)
			}
		}
		return w.PutStory(ctx, store.StoryInfo{ID: "s1", Title: "Kept", Articles: len(failing)})
	})
	if err != nil {
		t.Fatalf("Batch: %v", err)
	}
	wantCount(t, s, len(failing))
	if _, err := s.Document(ctx, badText.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("refused document: %v, want ErrNotFound", err)
	}
	if _, err := s.StoryOf(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("StoryOf(missing): %v, want ErrNotFound", err)
	}
	members, err := s.StoryMembers(ctx, "s1")
	if err != nil || len(members) != len(failing) {
		t.Errorf("StoryMembers(s1) = %q, %v; want %d", members, err, len(failing))
	}
	if info, err := s.StoryInfo(ctx, "s1"); err != nil || info.Title != "Kept" || info.MergedInto != "" {
		t.Errorf("StoryInfo(s1) = %+v, %v", info, err)
	}
}

// testBatchWriterEnds: a writer kept past its batch writes nothing.
func testBatchWriterEnds(t *testing.T, s store.Store) {
	ctx := context.Background()
	var kept store.Writer
	if err := s.Batch(ctx, func(w store.Writer) error { kept = w; return nil }); err != nil {
		t.Fatalf("empty Batch: %v", err)
	}
	if _, _, err := kept.PutDocument(ctx, SampleDocument(1, 100)); err == nil {
		t.Error("PutDocument through an ended batch's writer succeeded")
	}
	if err := kept.PutStory(ctx, store.StoryInfo{ID: "s", Title: "T"}); err == nil {
		t.Error("PutStory through an ended batch's writer succeeded")
	}
	wantCount(t, s, 0)
	if _, err := s.StoryInfo(ctx, "s"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("StoryInfo: %v, want ErrNotFound", err)
	}
}
