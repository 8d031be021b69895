// Package store defines how corroborate keeps documents and stories, independent of the database.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// ErrNotFound is returned when a looked-up record does not exist.
var ErrNotFound = errors.New("not found")

// Outcome says what PutDocument did.
type Outcome int

const (
	Added     Outcome = iota // a new document was stored
	Unchanged                // the same content was already stored: nothing written
	Updated                  // the same URL was stored with other content: replaced
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Unchanged:
		return "unchanged"
	case Updated:
		return "updated"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// StoryInfo is what a story list shows about one story.
type StoryInfo struct {
	ID       string
	Title    string
	Articles int // member documents
	Origins  int // independent origins, from the story's last analysis
	// Created is when the story was first stored; Updated when it last
	// gained an article or a new analysis.
	Created, Updated time.Time
	// MergedInto is set, and the other fields empty, when this story was
	// merged into another.
	MergedInto string
}

// SearchHit is one document matching a full-text search.
type SearchHit struct {
	DocumentID string
	StoryID    string // "" when the document is not assigned
	Title      string
	Source     string
	Published  time.Time // zero when unknown
	// Snippet is plain text around the best match; Highlights are the byte
	// ranges of Snippet that matched, in order and not overlapping.
	Snippet    string
	Highlights []article.Span
	Score      float64 // higher is better
}

// Store keeps documents and their story assignments. Implementations must be
// safe for concurrent use. Every implementation must pass storetest.Run, which
// pins down the behaviour described here.
type Store interface {
	// PutDocument stores d idempotently. A document is identified by its URL
	// when it has one, else by its ContentHash, or else, when its Input is
	// set, by the same Input and ID (a file edited and read again). When the
	// identity is already stored it returns the stored id (Unchanged, or
	// Updated if the content changed). When d.ID is taken by a different document, a free id
	// is derived ("<id>-2", "<id>-3", ...) and returned.
	//
	// Content is compared by ContentHash alone: a URL seen again with the same
	// hash is Unchanged even if, say, its title differs. An update keeps the
	// stored id, the document's place in insertion order and its story
	// assignment. d is not modified; the stored copy carries the returned id.
	// A document without an ID, or with neither URL nor ContentHash, is
	// rejected, and so is one the store cannot keep exactly (e.g. invalid
	// UTF-8): an error never leaves part of a document behind.
	PutDocument(ctx context.Context, d *article.Document) (id string, o Outcome, err error)
	// Document returns the stored document with this id (ErrNotFound if none).
	Document(ctx context.Context, id string) (*article.Document, error)
	// Documents streams stored documents in insertion order; fn's error stops
	// it and is returned as is. fn may call the store's other methods;
	// documents added meanwhile may or may not be seen.
	Documents(ctx context.Context, fn func(*article.Document) error) error
	CountDocuments(ctx context.Context) (int, error)
	// Fingerprints streams the id and Fingerprint of every stored document
	// that has one, in insertion order, without decoding whole documents:
	// it is how the store-wide near-duplicate index is loaded.
	Fingerprints(ctx context.Context, fn func(id string, fingerprint []byte) error) error
	// SetStory records that document docID belongs to story storyID (replacing
	// any earlier assignment; ErrNotFound if docID is not stored). StoryOf
	// returns it (ErrNotFound when unassigned or unknown). StoryMembers lists a
	// story's document ids in the documents' insertion order, empty (not an
	// error) for a story without members.
	SetStory(ctx context.Context, docID, storyID string) error
	StoryOf(ctx context.Context, docID string) (string, error)
	StoryMembers(ctx context.Context, storyID string) ([]string, error)
	// Assignments streams, in insertion order, every stored document's id,
	// its story ("" when unassigned) and its Document.ClusterFeatures,
	// without decoding whole documents: it is how the story clusterer's state
	// is rebuilt when a process starts on an existing store.
	Assignments(ctx context.Context, fn func(docID, storyID string, features []byte) error) error
	// MergeStories moves every member of story from into story into, drops
	// from's listing and analysis, and remembers the merge so that
	// StoryInfo(from) reports MergedInto = into (links to an absorbed story
	// keep working). Redirects stay flat: after a→b and then b→c,
	// StoryInfo(a).MergedInto is "c", and merging into a merged story merges
	// into the story it points to. Merging a story into itself (directly or
	// through a redirect), or merging a story already merged, is an error. A
	// story with neither a listing entry nor members is unknown: merging it
	// moves nothing, records nothing and is not an error.
	MergeStories(ctx context.Context, from, into string) error
	// RecordSplit remembers that the clusterer split story to off story
	// from, so that a restarted clusterer keeps the two apart (see
	// cluster.Clusterer.KeepApart). Recording a split again is not an
	// error. Splits calls fn with every recorded split, in the order
	// recorded, each story named by the live story it is now (through
	// MergeStories' redirects); it stops at fn's first error and returns it.
	RecordSplit(ctx context.Context, from, to string) error
	Splits(ctx context.Context, fn func(from, to string) error) error

	// PutStory records a story's listing entry, replacing any earlier one
	// with the same ID. StoryInfo returns it (ErrNotFound if none; for a
	// merged story, an entry with only ID and MergedInto set). Stories lists
	// live (not merged) stories, most recently Updated first (ties by ID),
	// skipping offset and returning at most limit (50 when limit <= 0, and
	// never more than 1000), with the total count of live stories. PutStory
	// rejects an empty ID and a set MergedInto (merges go through
	// MergeStories); putting a merged story's ID makes it live again.
	PutStory(ctx context.Context, s StoryInfo) error
	StoryInfo(ctx context.Context, id string) (StoryInfo, error)
	Stories(ctx context.Context, limit, offset int) (stories []StoryInfo, total int, err error)
	// PutAnalysis stores a's analysis under a.Story.ID, replacing any earlier
	// one; every document of the story must be stored. Analysis returns it
	// with Story.Documents read back from the store, in the order put
	// (ErrNotFound when none is stored): equal to what was put when the
	// documents have not changed since.
	PutAnalysis(ctx context.Context, a *article.Analysis) error
	Analysis(ctx context.Context, storyID string) (*article.Analysis, error)

	// Search finds stored documents matching query, a full-text query of
	// words (all must match; "quoted phrases" and a trailing * prefix are
	// honoured; other syntax is taken literally, never an error), best
	// first by BM25 over title and text (a title match weighing more),
	// skipping offset and returning at most limit (20 when limit <= 0, never
	// more than 1000), with the total number of matches. An implementation
	// may rank a bounded set of a broad query's matches and page the rest
	// after them (the SQLite store ranks the most recent 1,000, and recent
	// title matches, then lists the others newest first): every match still
	// appears on exactly one page. Matching ignores
	// case and diacritics ("zurich" finds "Zürich"). A query without words
	// matches nothing.
	Search(ctx context.Context, query string, limit, offset int) (hits []SearchHit, total int, err error)
	// Batch runs fn in one transaction and commits it when fn returns nil:
	// either everything fn wrote through w is kept, or (when fn returns an
	// error, panics, the commit fails or ctx ends first) none of it, and the
	// error is returned (fn's own error as is). Writing many documents and
	// their assignments together costs about one write where separate calls
	// would cost one each.
	//
	// Each call through w behaves as the Store method of the same name, and
	// is atomic on its own: when it returns an error nothing of that call is
	// left in the batch, and the batch goes on (fn decides whether to give
	// up), so one refused document does not spoil the others. Reads through
	// w see the batch's writes. fn must use only w: the store's own methods
	// do not see the batch's writes, and its writing ones wait for the batch
	// to end. w is not valid after fn returns, nor safe for concurrent use.
	Batch(ctx context.Context, fn func(w Writer) error) error

	// Close releases the store. It is safe to call more than once; other
	// methods return an error after it.
	Close() error
}

// Writer is what a Batch writes through: the Store methods that build a
// stream of documents and stories, with the reads that writing them needs.
// A Store is a Writer too, each call then its own transaction.
type Writer interface {
	PutDocument(ctx context.Context, d *article.Document) (id string, o Outcome, err error)
	Document(ctx context.Context, id string) (*article.Document, error)
	SetStory(ctx context.Context, docID, storyID string) error
	MergeStories(ctx context.Context, from, into string) error
	RecordSplit(ctx context.Context, from, to string) error
	PutStory(ctx context.Context, s StoryInfo) error
	StoryInfo(ctx context.Context, id string) (StoryInfo, error)
}
