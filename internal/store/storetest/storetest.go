// Package storetest is the conformance suite every store.Store implementation
// must pass, so that the SQLite and PostgreSQL stores behave alike.
package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// Run runs the suite. open must return a new, empty store for each call; Run
// closes it when the test ends (so Close must tolerate a second call).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	fresh := func(t *testing.T) store.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"URLUpdate", testURLUpdate},
		{"IDCollision", testIDCollision},
		{"IdentityWithoutURL", testIdentityWithoutURL},
		{"EditedInput", testEditedInput},
		{"Fingerprints", testFingerprints},
		{"DoesNotModifyInput", testDoesNotModifyInput},
		{"Rejected", testRejected},
		{"ExactOrError", testExactOrError},
		{"DocumentsOrder", testDocumentsOrder},
		{"DocumentsStops", testDocumentsStops},
		{"DocumentsReentrant", testDocumentsReentrant},
		{"Stories", testStories},
		{"StoryMembersOrder", testStoryMembersOrder},
		{"StorySurvivesUpdate", testStorySurvivesUpdate},
		{"NotFound", testNotFound},
		{"Concurrent", testConcurrent},
		{"CancelledContext", testCancelledContext},
		{"ClusterFeatures", testClusterFeatures},
		{"Assignments", testAssignments},
		{"StoryListing", testStoryListing},
		{"PutStoryReplaces", testPutStoryReplaces},
		{"MergeStories", testMergeStories},
		{"MergeChains", testMergeChains},
		{"MergeErrors", testMergeErrors},
		{"Splits", testSplits},
		{"AnalysisRoundTrip", testAnalysisRoundTrip},
		{"AnalysisAfterDocumentUpdate", testAnalysisAfterDocumentUpdate},
		{"AnalysisErrors", testAnalysisErrors},
		{"SearchRanking", testSearchRanking},
		{"SearchSyntax", testSearchSyntax},
		{"SearchHostileQueries", testSearchHostileQueries},
		{"SearchHighlights", testSearchHighlights},
		{"SearchPaging", testSearchPaging},
		{"SearchFollowsUpdates", testSearchFollowsUpdates},
		{"BatchCommits", testBatchCommits},
		{"BatchAllOrNothing", testBatchAllOrNothing},
		{"BatchFailedCallsAlone", testBatchFailedCallsAlone},
		{"BatchWriterEnds", testBatchWriterEnds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, fresh(t)) })
	}
	t.Run("Closed", func(t *testing.T) { testClosed(t, open(t)) })
}

// SampleDocument returns a realistic document numbered n: about textBytes of
// text in paragraphs, segmented into sentences and tokens, with a URL, an id
// and a content hash unique to n.
func SampleDocument(n, textBytes int) *article.Document {
	words := []string{"the", "minister", "said", "on", "Tuesday", "that", "talks", "between",
		"both", "sides", "would", "resume", "after", "a", "pause", "of", "three", "weeks",
		"according", "to", "officials", "in", "Geneva", "and", "Brussels", "who", "spoke"}
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d.", n)
	for i := 0; b.Len() < textBytes; i++ {
		switch {
		case i%60 == 59:
			b.WriteString(".\n")
			b.WriteString(strings.ToUpper(words[i%len(words)][:1]) + words[i%len(words)][1:])
		case i%15 == 14:
			b.WriteString(". ")
			b.WriteString(strings.ToUpper(words[i%len(words)][:1]) + words[i%len(words)][1:])
		default:
			b.WriteString(" ")
			b.WriteString(words[(i*7+n)%len(words)])
		}
	}
	b.WriteString(".")
	d := NewDocument(fmt.Sprintf("doc-%d", n), fmt.Sprintf("https://example.com/news/%d?ref=feed", n), b.String())
	d.Published = time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	d.Removed = []article.Removal{{Text: "Subscribe to our newsletter", Reason: "boilerplate"}}
	d.Bylines = []string{"By Jane Doe"}
	d.Datelines = []string{"GENEVA (Agency) -"}
	d.Input = fmt.Sprintf("feed.jsonl:%d", n)
	return d
}

// NewDocument returns a document with the given id, URL and text, segmented
// into sentences (split at ". " and line ends) and tokens (split at spaces),
// with ContentHash the SHA-256 of text.
func NewDocument(id, url, text string) *article.Document {
	sum := sha256.Sum256([]byte(text))
	d := &article.Document{
		ID:          id,
		Source:      "Example News",
		URL:         url,
		Title:       "Title of " + id,
		Language:    "en",
		Text:        text,
		ContentHash: hex.EncodeToString(sum[:]),
	}
	para, start := 0, 0
	for i := 0; i <= len(text); i++ {
		end := i == len(text) || text[i] == '\n' || (text[i] == '.' && i+1 < len(text) && text[i+1] == ' ')
		if !end {
			continue
		}
		if i > start {
			d.Sentences = append(d.Sentences, sentence(text, start, i, para))
		}
		if i < len(text) && text[i] == '\n' {
			para++
			start = i + 1
		} else {
			start = i + 2
		}
	}
	return d
}

func sentence(text string, start, end, para int) article.Sentence {
	s := article.Sentence{Span: article.Span{Start: start, End: end}, Paragraph: para}
	tokStart := -1
	for i := start; i <= end; i++ {
		inWord := i < end && text[i] != ' ' && text[i] != '.'
		switch {
		case inWord && tokStart < 0:
			tokStart = i
		case !inWord && tokStart >= 0:
			s.Tokens = append(s.Tokens, article.Token{
				Span: article.Span{Start: tokStart, End: i},
				Norm: strings.Map(unicode.ToLower, text[tokStart:i]),
			})
			tokStart = -1
		}
	}
	return s
}

func put(t *testing.T, s store.Store, d *article.Document, want store.Outcome) string {
	t.Helper()
	id, o, err := s.PutDocument(context.Background(), d)
	if err != nil {
		t.Fatalf("PutDocument(%q): %v", d.ID, err)
	}
	if o != want {
		t.Fatalf("PutDocument(%q) outcome = %v, want %v", d.ID, o, want)
	}
	return id
}

func get(t *testing.T, s store.Store, id string) *article.Document {
	t.Helper()
	d, err := s.Document(context.Background(), id)
	if err != nil {
		t.Fatalf("Document(%q): %v", id, err)
	}
	return d
}

func wantCount(t *testing.T, s store.Store, want int) {
	t.Helper()
	n, err := s.CountDocuments(context.Background())
	if err != nil {
		t.Fatalf("CountDocuments: %v", err)
	}
	if n != want {
		t.Fatalf("CountDocuments = %d, want %d", n, want)
	}
}

func allIDs(t *testing.T, s store.Store) []string {
	t.Helper()
	var ids []string
	err := s.Documents(context.Background(), func(d *article.Document) error {
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	return ids
}

// withID returns a copy of d carrying id, as the store should return it.
func withID(d *article.Document, id string) *article.Document {
	c := *d
	c.ID = id
	return &c
}

func sameDocument(t *testing.T, got, want *article.Document) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if got.Text != want.Text {
		t.Fatalf("stored document %q: text differs (len %d, want %d)", want.ID, len(got.Text), len(want.Text))
	}
	t.Fatalf("stored document differs:\n got  %+v\n want %+v", summary(got), summary(want))
}

func summary(d *article.Document) string {
	c := *d
	if len(c.Text) > 80 {
		c.Text = c.Text[:80] + "…"
	}
	c.Sentences = nil
	return fmt.Sprintf("%+v (%d sentences)", c, len(d.Sentences))
}

func testRoundTrip(t *testing.T, s store.Store) {
	minimal := &article.Document{ID: "min", ContentHash: "h-min"}
	odd := NewDocument(`id with "quotes", spaces/slashes and ünïcode ✓`,
		"https://example.com/a b?q=1&x=%20#frag", "Ça va? Oui.\nZürich 北京 🙂.")
	odd.Published = time.Date(1999, 12, 31, 23, 59, 59, 123456789, time.UTC)
	odd.PublishedInferred = true
	odd.CreditLines = []string{"(With input from agencies)"}
	tests := []struct {
		name string
		doc  *article.Document
	}{
		{"full", SampleDocument(1, 2000)},
		{"minimal without URL", minimal},
		{"odd characters", odd},
		{"empty text with URL", &article.Document{ID: "empty", URL: "https://example.com/empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := put(t, s, tt.doc, store.Added)
			if id != tt.doc.ID {
				t.Fatalf("PutDocument returned id %q, want %q", id, tt.doc.ID)
			}
			sameDocument(t, get(t, s, id), tt.doc)
		})
	}
	wantCount(t, s, len(tests))
}

func testIdempotent(t *testing.T, s store.Store) {
	withURL := SampleDocument(1, 500)
	withoutURL := SampleDocument(2, 500)
	withoutURL.URL = ""
	for i, d := range []*article.Document{withURL, withoutURL} {
		id := put(t, s, d, store.Added)
		for range 2 {
			if again := put(t, s, d, store.Unchanged); again != id {
				t.Fatalf("second PutDocument returned id %q, want %q", again, id)
			}
		}
		wantCount(t, s, i+1)
		sameDocument(t, get(t, s, id), d)
	}
}

func testURLUpdate(t *testing.T, s store.Store) {
	const url = "https://example.com/story"
	first := NewDocument("a", url, "First version. It said one thing.")
	second := NewDocument("b", url, "Second version. It says another thing entirely.")
	second.Title = "Corrected title"
	other := NewDocument("c", "https://example.com/other", "Another story.")

	id := put(t, s, first, store.Added)
	put(t, s, other, store.Added)
	if got := put(t, s, second, store.Updated); got != id {
		t.Fatalf("update returned id %q, want the stored id %q", got, id)
	}
	wantCount(t, s, 2)
	sameDocument(t, get(t, s, id), withID(second, id))
	if _, err := s.Document(context.Background(), "b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Document(%q) after update under another id: err = %v, want ErrNotFound", "b", err)
	}
	if got := put(t, s, second, store.Unchanged); got != id {
		t.Fatalf("repeat of update returned id %q, want %q", got, id)
	}
	if got := put(t, s, first, store.Updated); got != id {
		t.Fatalf("revert returned id %q, want %q", got, id)
	}
	sameDocument(t, get(t, s, id), first)
	if ids := allIDs(t, s); !slices.Equal(ids, []string{"a", "c"}) {
		t.Fatalf("Documents order after updates = %q, want [a c]: an update keeps its place", ids)
	}
}

func testIDCollision(t *testing.T, s store.Store) {
	tests := []struct {
		name   string
		doc    *article.Document
		wantID string
	}{
		{"first takes the id", NewDocument("x", "https://example.com/1", "One."), "x"},
		{"second URL derives -2", NewDocument("x", "https://example.com/2", "Two."), "x-2"},
		{"third URL derives -3", NewDocument("x", "https://example.com/3", "Three."), "x-3"},
		{"URL-less derives -4", NewDocument("x", "", "Four."), "x-4"},
		{"own id that a derived one took", NewDocument("x-2", "https://example.com/5", "Five."), "x-2-2"},
		{"unrelated id is kept", NewDocument("y", "https://example.com/6", "Six."), "y"},
		{"id equal to a derived pattern is free", NewDocument("y-2", "https://example.com/7", "Seven."), "y-2"},
		{"collision skips taken derived ids", NewDocument("y", "https://example.com/8", "Eight."), "y-3"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := put(t, s, tt.doc, store.Added)
			if id != tt.wantID {
				t.Fatalf("PutDocument returned id %q, want %q", id, tt.wantID)
			}
			sameDocument(t, get(t, s, id), withID(tt.doc, tt.wantID))
			wantCount(t, s, i+1)
		})
	}
	// Re-putting a document whose id was derived finds it by URL.
	if id := put(t, s, tests[1].doc, store.Unchanged); id != "x-2" {
		t.Fatalf("re-put of derived document returned %q, want x-2", id)
	}
}

func testIdentityWithoutURL(t *testing.T, s store.Store) {
	a := NewDocument("a", "", "Same words. Same story.")
	sameContent := NewDocument("b", "", a.Text)
	sameContentWithURL := NewDocument("c", "https://example.com/c", a.Text)
	otherContent := NewDocument("a", "", "Different words.")

	id := put(t, s, a, store.Added)
	if got := put(t, s, sameContent, store.Unchanged); got != id {
		t.Fatalf("same content under another id returned %q, want %q", got, id)
	}
	if _, err := s.Document(context.Background(), "b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Document(b) = %v, want ErrNotFound: nothing should be written", err)
	}
	if got := put(t, s, sameContentWithURL, store.Added); got != "c" {
		t.Fatalf("same content with a URL is another document: got id %q, want c", got)
	}
	if got := put(t, s, otherContent, store.Added); got != "a-2" {
		t.Fatalf("other content under a taken id: got %q, want a-2", got)
	}
	wantCount(t, s, 3)
	sameDocument(t, get(t, s, id), a)
}

// testEditedInput: a URL-less file read again after an edit replaces its
// earlier version; the same id from another input is another document.
func testEditedInput(t *testing.T, s store.Store) {
	first := NewDocument("notes", "", "First version of the notes.")
	first.Input = "dir/notes.txt"
	id := put(t, s, first, store.Added)
	edited := NewDocument("notes", "", "Second, edited version of the notes.")
	edited.Input = "dir/notes.txt"
	if got := put(t, s, edited, store.Updated); got != id {
		t.Fatalf("edited input stored as %q, want the stored id %q", got, id)
	}
	sameDocument(t, get(t, s, id), edited)
	other := NewDocument("notes", "", "Notes from another folder.")
	other.Input = "other/notes.txt"
	if got := put(t, s, other, store.Added); got == id {
		t.Fatalf("the same id from another input replaced %q", id)
	}
	wantCount(t, s, 2)
}

func testFingerprints(t *testing.T, s store.Store) {
	a := NewDocument("a", "https://example.com/a", "First text.")
	a.Fingerprint = []byte{1, 2, 3}
	b := NewDocument("b", "", "Second text, without a fingerprint.")
	c := NewDocument("c", "", "Third text.")
	c.Fingerprint = []byte{7, 0, 9}
	for _, d := range []*article.Document{a, b, c} {
		put(t, s, d, store.Added)
	}
	a2 := NewDocument("a", "https://example.com/a", "First text, corrected.")
	a2.Fingerprint = []byte{4, 5}
	put(t, s, a2, store.Updated)

	var got []string
	err := s.Fingerprints(context.Background(), func(id string, fp []byte) error {
		got = append(got, fmt.Sprint(id, fp))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a[4 5]", "c[7 0 9]"}; !slices.Equal(got, want) {
		t.Fatalf("Fingerprints = %q, want %q", got, want)
	}
	if d := get(t, s, "c"); !bytes.Equal(d.Fingerprint, c.Fingerprint) {
		t.Fatalf("Document(c).Fingerprint = %v, want %v", d.Fingerprint, c.Fingerprint)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Fingerprints(context.Background(), func(string, []byte) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Fatalf("Fingerprints with a failing callback: err %v after %d calls", err, n)
	}
}

func testDoesNotModifyInput(t *testing.T, s store.Store) {
	put(t, s, NewDocument("x", "https://example.com/1", "One."), store.Added)
	d := NewDocument("x", "https://example.com/2", "Two.")
	id := put(t, s, d, store.Added)
	if id == "x" {
		t.Fatalf("colliding id was not derived")
	}
	if !reflect.DeepEqual(d, NewDocument("x", "https://example.com/2", "Two.")) {
		t.Fatalf("PutDocument modified its argument: %+v", d)
	}
	if got := get(t, s, id).ID; got != id {
		t.Fatalf("stored document's ID = %q, want the returned id %q", got, id)
	}
}

func testRejected(t *testing.T, s store.Store) {
	tests := []struct {
		name string
		doc  *article.Document
	}{
		{"nil", nil},
		{"no id", &article.Document{URL: "https://example.com/x", ContentHash: "h"}},
		{"no identity", &article.Document{ID: "x", Text: "Some text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if id, _, err := s.PutDocument(context.Background(), tt.doc); err == nil {
				t.Fatalf("PutDocument accepted it as %q, want an error", id)
			}
			wantCount(t, s, 0)
		})
	}
}

// testExactOrError checks that awkward documents are either stored exactly or
// refused whole; a silently altered document is a failure.
func testExactOrError(t *testing.T, s store.Store) {
	invalidNorm := NewDocument("bad-norm", "https://example.com/bad-norm", "Café au lait.")
	invalidNorm.Sentences[0].Tokens[0].Norm = "caf\xe9"
	huge := SampleDocument(7, 4<<20)
	huge.Sentences = huge.Sentences[:100] // the size at stake is the text's
	tests := []struct {
		name        string
		doc         *article.Document
		mustSucceed bool
	}{
		{"invalid UTF-8 in text", NewDocument("bad-text", "https://example.com/bad-text", "Caf\xe9 au lait.\xff\xfe"), false},
		{"invalid UTF-8 in title", func() *article.Document {
			d := NewDocument("bad-title", "https://example.com/bad-title", "Fine text.")
			d.Title = "Bad \xc3\x28 title"
			return d
		}(), false},
		{"invalid UTF-8 in id", NewDocument("bad\x80id", "", "Text under a bad id."), false},
		{"invalid UTF-8 in a token", invalidNorm, false},
		{"NUL byte in text", NewDocument("nul", "https://example.com/nul", "Before\x00after."), false},
		{"U+FFFD is valid", NewDocument("fffd", "https://example.com/fffd", "Replacement \uFFFD char and \\ufffd text."), true},
		{"4 MB of text", huge, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := s.CountDocuments(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			id, o, err := s.PutDocument(context.Background(), tt.doc)
			if err != nil {
				if tt.mustSucceed {
					t.Fatalf("PutDocument: %v", err)
				}
				wantCount(t, s, before)
				if _, err := s.Document(context.Background(), tt.doc.ID); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("after a refused put, Document(%q) err = %v, want ErrNotFound", tt.doc.ID, err)
				}
				return
			}
			if o != store.Added {
				t.Fatalf("outcome %v, want Added", o)
			}
			sameDocument(t, get(t, s, id), withID(tt.doc, id))
		})
	}
}

func testDocumentsOrder(t *testing.T, s store.Store) {
	// Enough documents that an implementation reading in pages crosses pages;
	// ids and URLs in an order unlike insertion order.
	const n = 700
	var want []string
	for i := range n {
		k := (i * 379) % n
		id := fmt.Sprintf("d%03d", k)
		url := ""
		if i%3 != 0 {
			url = fmt.Sprintf("https://example.com/%d", n-k)
		}
		want = append(want, put(t, s, NewDocument(id, url, fmt.Sprintf("Document %d.", k)), store.Added))
	}
	// Updating an early document must not move it.
	early := get(t, s, want[1])
	put(t, s, NewDocument("new-id", early.URL, "Updated text."), store.Updated)

	var got []string
	err := s.Documents(context.Background(), func(d *article.Document) error {
		if d.ID == "" || d.ContentHash == "" {
			return fmt.Errorf("document streamed without id or hash: %+v", d)
		}
		got = append(got, d.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Documents streamed %d ids, want %d in insertion order; first difference at %d",
			len(got), len(want), firstDifference(got, want))
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func testDocumentsStops(t *testing.T, s store.Store) {
	for i := range 5 {
		put(t, s, SampleDocument(i, 100), store.Added)
	}
	stop := errors.New("stop here")
	tests := []struct {
		name      string
		stopAfter int
	}{
		{"at first", 1},
		{"midway", 3},
		{"at last", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := s.Documents(context.Background(), func(*article.Document) error {
				calls++
				if calls == tt.stopAfter {
					return stop
				}
				return nil
			})
			if !errors.Is(err, stop) {
				t.Fatalf("Documents returned %v, want fn's error", err)
			}
			if calls != tt.stopAfter {
				t.Fatalf("fn called %d times after its error, want %d", calls, tt.stopAfter)
			}
		})
	}
	t.Run("context cancelled by fn", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		calls := 0
		err := s.Documents(ctx, func(*article.Document) error {
			calls++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Documents returned %v, want context.Canceled", err)
		}
		if calls != 1 {
			t.Fatalf("fn called %d times after cancel, want 1", calls)
		}
	})
}

func testEmpty(t *testing.T, s store.Store) {
	wantCount(t, s, 0)
	calls := 0
	if err := s.Documents(context.Background(), func(*article.Document) error { calls++; return nil }); err != nil {
		t.Fatalf("Documents on an empty store: %v", err)
	}
	if calls != 0 {
		t.Fatalf("Documents on an empty store called fn %d times", calls)
	}
	if got, err := s.StoryMembers(context.Background(), "s"); err != nil || len(got) != 0 {
		t.Fatalf("StoryMembers on an empty store = %q, %v", got, err)
	}
}

// testDocumentsReentrant checks that fn may use the store while Documents
// runs, as a pipeline that assigns stories while scanning will.
func testDocumentsReentrant(t *testing.T, s store.Store) {
	for i := range 10 {
		put(t, s, SampleDocument(i, 200), store.Added)
	}
	done := make(chan error, 1)
	go func() {
		ctx := context.Background()
		seen := 0
		done <- s.Documents(ctx, func(d *article.Document) error {
			seen++
			if _, err := s.Document(ctx, d.ID); err != nil {
				return err
			}
			if err := s.SetStory(ctx, d.ID, "story"); err != nil {
				return err
			}
			if _, err := s.StoryMembers(ctx, "story"); err != nil {
				return err
			}
			if _, err := s.CountDocuments(ctx); err != nil {
				return err
			}
			_, _, err := s.PutDocument(ctx, SampleDocument(1000+seen, 100))
			return err
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Documents with a callback using the store: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Documents deadlocked when its callback used the store")
	}
	members, err := s.StoryMembers(context.Background(), "story")
	if err != nil {
		t.Fatal(err)
	}
	if len(members) < 10 {
		t.Fatalf("story has %d members, want at least the 10 documents stored before the scan", len(members))
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := range 3 {
		put(t, s, SampleDocument(i, 100), store.Added)
	}
	steps := []struct {
		doc, story string
	}{
		{"doc-0", "s1"},
		{"doc-1", "s1"},
		{"doc-2", "s2"},
		{"doc-0", "s2"}, // replaces s1
		{"doc-0", "s2"}, // same again: no duplicate
	}
	for _, st := range steps {
		if err := s.SetStory(ctx, st.doc, st.story); err != nil {
			t.Fatalf("SetStory(%q, %q): %v", st.doc, st.story, err)
		}
	}
	wantStory := map[string]string{"doc-0": "s2", "doc-1": "s1", "doc-2": "s2"}
	for doc, want := range wantStory {
		got, err := s.StoryOf(ctx, doc)
		if err != nil || got != want {
			t.Fatalf("StoryOf(%q) = %q, %v; want %q", doc, got, err, want)
		}
	}
	wantMembers := map[string][]string{"s1": {"doc-1"}, "s2": {"doc-0", "doc-2"}, "none": {}}
	for story, want := range wantMembers {
		got, err := s.StoryMembers(ctx, story)
		if err != nil {
			t.Fatalf("StoryMembers(%q): %v", story, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("StoryMembers(%q) = %q, want %q", story, got, want)
		}
	}
	if err := s.SetStory(ctx, "doc-1", ""); err == nil {
		t.Fatal("SetStory with an empty story id succeeded")
	}
}

func testStoryMembersOrder(t *testing.T, s store.Store) {
	ctx := context.Background()
	var ids []string
	// Ids unsorted, so that neither id order nor assignment order passes.
	for i, id := range []string{"m", "z", "b", "q", "a", "k"} {
		d := SampleDocument(i, 100)
		d.ID = id
		ids = append(ids, put(t, s, d, store.Added))
	}
	// Assigned out of order; members come back in insertion order.
	for _, i := range []int{4, 1, 5, 0, 2} {
		if err := s.SetStory(ctx, ids[i], "s"); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.StoryMembers(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ids[0], ids[1], ids[2], ids[4], ids[5]}
	if !slices.Equal(got, want) {
		t.Fatalf("StoryMembers = %q, want %q", got, want)
	}
}

func testStorySurvivesUpdate(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := put(t, s, NewDocument("a", "https://example.com/a", "Old."), store.Added)
	if err := s.SetStory(ctx, id, "s"); err != nil {
		t.Fatal(err)
	}
	put(t, s, NewDocument("a", "https://example.com/a", "New."), store.Updated)
	if got, err := s.StoryOf(ctx, id); err != nil || got != "s" {
		t.Fatalf("StoryOf after update = %q, %v; want s", got, err)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, SampleDocument(1, 100), store.Added)
	tests := []struct {
		name string
		call func() error
	}{
		{"Document", func() error { _, err := s.Document(ctx, "missing"); return err }},
		{"Document with empty id", func() error { _, err := s.Document(ctx, ""); return err }},
		{"StoryOf unassigned", func() error { _, err := s.StoryOf(ctx, "doc-1"); return err }},
		{"StoryOf unknown", func() error { _, err := s.StoryOf(ctx, "missing"); return err }},
		{"SetStory unknown", func() error { return s.SetStory(ctx, "missing", "s") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		})
	}
	if got, err := s.StoryMembers(ctx, "s"); err != nil || len(got) != 0 {
		t.Fatalf("failed SetStory left members %q (err %v)", got, err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	const workers = 8
	ctx := context.Background()
	type result struct {
		id string
		o  store.Outcome
	}
	race := func(t *testing.T, perWorker int, doc func(worker, i int) *article.Document) []result {
		t.Helper()
		results := make([]result, workers*perWorker)
		errs := make(chan error, workers*perWorker+workers)
		docs := make([]*article.Document, len(results))
		for w := range workers {
			for i := range perWorker {
				docs[w*perWorker+i] = doc(w, i)
			}
		}
		start := make(chan struct{}) // so that the puts overlap
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				<-start
				for i := range perWorker {
					id, o, err := s.PutDocument(ctx, docs[w*perWorker+i])
					if err != nil {
						errs <- err
						return
					}
					results[w*perWorker+i] = result{id, o}
				}
			})
			// Readers run alongside the writers.
			wg.Go(func() {
				if _, err := s.CountDocuments(ctx); err != nil {
					errs <- err
				}
				if err := s.Documents(ctx, func(*article.Document) error { return nil }); err != nil {
					errs <- err
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent call: %v", err)
		}
		return results
	}
	count := func(rs []result, o store.Outcome) int {
		n := 0
		for _, r := range rs {
			if r.o == o {
				n++
			}
		}
		return n
	}

	total := 0
	tests := []struct {
		name       string
		perWorker  int
		doc        func(w, i int) *article.Document
		wantAdded  int
		distinctID int
	}{
		{"same document", 1, func(int, int) *article.Document { return SampleDocument(1, 8000) }, 1, 1},
		{"same URL-less document", 1, func(int, int) *article.Document {
			d := SampleDocument(2, 8000)
			d.URL = ""
			return d
		}, 1, 1},
		{"different documents, same id", 10, func(w, i int) *article.Document {
			return NewDocument("clash", fmt.Sprintf("https://example.com/%d/%d", w, i), fmt.Sprintf("Text %d %d.", w, i))
		}, workers * 10, workers * 10},
		{"different documents", 10, func(w, i int) *article.Document { return SampleDocument(100+w*10+i, 2000) }, workers * 10, workers * 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := race(t, tt.perWorker, tt.doc)
			if got := count(rs, store.Added); got != tt.wantAdded {
				t.Fatalf("%d Added, want %d", got, tt.wantAdded)
			}
			if got := count(rs, store.Unchanged); got != len(rs)-tt.wantAdded {
				t.Fatalf("%d Unchanged, want %d", got, len(rs)-tt.wantAdded)
			}
			ids := map[string]bool{}
			for _, r := range rs {
				ids[r.id] = true
			}
			if len(ids) != tt.distinctID {
				t.Fatalf("%d distinct ids, want %d", len(ids), tt.distinctID)
			}
			for w := range workers {
				for i := range tt.perWorker {
					d := tt.doc(w, i)
					if got := get(t, s, rs[w*tt.perWorker+i].id); got.Text != d.Text || got.URL != d.URL {
						t.Fatalf("id %q holds another document's content", got.ID)
					}
				}
			}
			total += tt.wantAdded
			wantCount(t, s, total)
		})
	}
}

func testCancelledContext(t *testing.T, s store.Store) {
	put(t, s, SampleDocument(1, 100), store.Added)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range everyCall(ctx, s) {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
		})
	}
	wantCount(t, s, 1)
	if _, err := s.StoryOf(context.Background(), "doc-1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("SetStory with a cancelled context took effect: %v", err)
	}
}

// storeCall is one method of the interface, called with fixed arguments.
type storeCall struct {
	name string
	call func() error
}

// everyCall calls each method of the interface once with ctx, so tests of
// cancelled contexts and closed stores cover methods added later too.
func everyCall(ctx context.Context, s store.Store) []storeCall {
	return []storeCall{
		{"PutDocument", func() error { _, _, err := s.PutDocument(ctx, SampleDocument(2, 100)); return err }},
		{"Document", func() error { _, err := s.Document(ctx, "doc-1"); return err }},
		{"Documents", func() error { return s.Documents(ctx, func(*article.Document) error { return nil }) }},
		{"CountDocuments", func() error { _, err := s.CountDocuments(ctx); return err }},
		{"Fingerprints", func() error { return s.Fingerprints(ctx, func(string, []byte) error { return nil }) }},
		{"SetStory", func() error { return s.SetStory(ctx, "doc-1", "s") }},
		{"StoryOf", func() error { _, err := s.StoryOf(ctx, "doc-1"); return err }},
		{"StoryMembers", func() error { _, err := s.StoryMembers(ctx, "s"); return err }},
		{"Assignments", func() error { return s.Assignments(ctx, func(string, string, []byte) error { return nil }) }},
		{"MergeStories", func() error { return s.MergeStories(ctx, "s", "t") }},
		{"RecordSplit", func() error { return s.RecordSplit(ctx, "s", "t") }},
		{"Splits", func() error { return s.Splits(ctx, func(string, string) error { return nil }) }},
		{"PutStory", func() error { return s.PutStory(ctx, store.StoryInfo{ID: "s", Title: "A story"}) }},
		{"StoryInfo", func() error { _, err := s.StoryInfo(ctx, "s"); return err }},
		{"Stories", func() error { _, _, err := s.Stories(ctx, 10, 0); return err }},
		{"PutAnalysis", func() error {
			return s.PutAnalysis(ctx, article.NewAnalysis(&article.Story{ID: "s", Documents: []*article.Document{{ID: "doc-1"}}}))
		}},
		{"Analysis", func() error { _, err := s.Analysis(ctx, "s"); return err }},
		{"Search", func() error { _, _, err := s.Search(ctx, "minister", 10, 0); return err }},
		{"Batch", func() error {
			return s.Batch(ctx, func(w store.Writer) error {
				_, _, err := w.PutDocument(ctx, SampleDocument(3, 100))
				return err
			})
		}},
	}
}

func testClosed(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, SampleDocument(1, 100), store.Added)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	for _, tt := range everyCall(ctx, s) {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil {
				t.Fatal("succeeded on a closed store")
			}
		})
	}
}
