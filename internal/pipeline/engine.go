package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/store"
)

// Ingested is what became of one article handed to Engine.Ingest.
type Ingested struct {
	ID      string // stored document id; "" when Err is set
	Story   string // the story the document was assigned to
	Outcome store.Outcome
	Err     error // why the article was refused (it names the problem)
}

// Engine is the long-running pipeline behind serve, ingest and analyze: it
// keeps the story clusterer of one store warm, assigns each arriving
// article to a story at once, and recomputes a story's analysis only when
// the story has changed since it was last analysed.
//
// The store is the truth: every assignment and merge is written before
// Ingest returns, and NewEngine rebuilds the clusterer from the store, so a
// restarted process continues where the last one stopped.
type Engine struct {
	store store.Store
	opt   Options
	now   func() time.Time

	// mu serialises assignment: the clusterer is one sequential stream.
	mu        sync.Mutex
	clusterer *cluster.Clusterer
	// stale says the clusterer may hold assignments the store lacks (a
	// write failed and the reload from the store failed too).
	stale bool

	// cache holds recent analyses by story, with the member ids they were
	// computed from: a changed member list means a stale analysis.
	cacheMu sync.Mutex
	cache   map[string]*article.Analysis
	// analyzing makes concurrent requests for one stale story wait for a
	// single computation.
	analyzing map[string]chan struct{}
}

// DefaultAnalysisLimit is how many of a story's latest articles its
// analysis covers unless Options.AnalysisLimit says otherwise.
const DefaultAnalysisLimit = 200

func (e *Engine) analysisLimit() int {
	if e.opt.AnalysisLimit > 0 {
		return e.opt.AnalysisLimit
	}
	return DefaultAnalysisLimit
}

// cacheStories bounds the in-memory analysis cache; the store keeps them all.
const cacheStories = 256

// NewEngine loads st's clusterer state. Documents stored without a story
// (a process stopped between storing and assigning) are assigned now.
func NewEngine(ctx context.Context, st store.Store, opt Options) (*Engine, error) {
	e := &Engine{
		store:     st,
		opt:       opt,
		now:       time.Now,
		cache:     map[string]*article.Analysis{},
		analyzing: map[string]chan struct{}{},
	}
	c, unassigned, err := e.replay(ctx)
	if err != nil {
		return nil, err
	}
	e.clusterer = c
	for chunk := range slices.Chunk(unassigned, maxBatch) {
		items := make([]item, len(chunk))
		res := make([]Ingested, len(chunk))
		for i, u := range chunk {
			d, err := st.Document(ctx, u.id)
			if err != nil {
				return nil, fmt.Errorf("reading document %s to assign it: %w", u.id, err)
			}
			items[i] = item{id: u.id, features: u.features, title: d.Title, res: &res[i]}
		}
		e.write(ctx, items)
		for _, r := range res {
			if r.Err != nil {
				return nil, r.Err
			}
		}
	}
	return e, nil
}

// unassignedDoc is a stored document the replayed store had not assigned.
type unassignedDoc struct {
	id       string
	features cluster.Features
}

// replay builds a clusterer from the store's assignments, as a process
// starting on it does, and lists the stored documents without a story.
func (e *Engine) replay(ctx context.Context) (*cluster.Clusterer, []unassignedDoc, error) {
	c := cluster.NewClusterer(e.opt.Cluster)
	var unassigned []unassignedDoc
	err := e.store.Assignments(ctx, func(docID, storyID string, raw []byte) error {
		var f cluster.Features
		if err := f.UnmarshalBinary(raw); err != nil {
			d, derr := e.store.Document(ctx, docID)
			if derr != nil {
				return fmt.Errorf("reading document %s to rebuild its clustering features: %w", docID, derr)
			}
			f = cluster.Extract(d)
		}
		if storyID == "" {
			unassigned = append(unassigned, unassignedDoc{docID, f})
			return nil
		}
		c.Restore(docID, storyID, f)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("loading story assignments: %w", err)
	}
	err = e.store.Splits(ctx, func(from, to string) error {
		c.KeepApart(from, to)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("loading story splits: %w", err)
	}
	return c, unassigned, nil
}

// maxBatch bounds the articles of one store transaction: a POST's articles
// fit in one, while a long Ingest call (a directory, a big JSON-lines file)
// commits as it goes instead of holding every prepared document in memory
// and the store's write lock for minutes.
const maxBatch = 256

// Ingest prepares, stores and assigns articles in order, writing them in
// one store transaction per maxBatch articles. When it returns, every
// article without Err is durably stored and assigned; this call stored
// nothing of one with Err.
func (e *Engine) Ingest(ctx context.Context, articles []article.Article) []Ingested {
	out := make([]Ingested, len(articles))
	in := make(chan article.Article)
	go func() {
		defer close(in)
		for _, a := range articles {
			select {
			case in <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	i := 0
	var batch []item
	err := PrepareAll(ctx, 0, in, func(p Prepared) {
		r := &out[i]
		i++
		if p.Err != nil {
			r.Err = p.Err
			return
		}
		batch = append(batch, item{doc: p.Document, res: r})
		if len(batch) == maxBatch {
			e.write(ctx, batch)
			batch = batch[:0]
		}
	})
	e.write(ctx, batch)
	for ; i < len(out); i++ {
		out[i].Err = fmt.Errorf("not ingested: %w", errors.Join(err, ctx.Err()))
	}
	return out
}

// Add stores and assigns one prepared document.
func (e *Engine) Add(ctx context.Context, d *article.Document) Ingested {
	return e.AddAll(ctx, []*article.Document{d})[0]
}

// AddAll stores and assigns prepared documents in order, as Ingest does
// with articles: one store transaction per maxBatch documents, each
// document's outcome in its own result. It is for callers that prepare as
// they read (a long stream of files), so that preparing the next documents
// and writing these can overlap.
func (e *Engine) AddAll(ctx context.Context, docs []*article.Document) []Ingested {
	out := make([]Ingested, len(docs))
	for start := 0; start < len(docs); start += maxBatch {
		end := min(start+maxBatch, len(docs))
		items := make([]item, end-start)
		for i := range items {
			items[i] = item{doc: docs[start+i], res: &out[start+i]}
		}
		e.write(ctx, items)
	}
	return out
}

// item is one document for write: a prepared one to store, or (doc nil)
// one stored already, to assign.
type item struct {
	doc      *article.Document
	id       string
	features cluster.Features
	title    string
	res      *Ingested // where write puts what became of it
}

// write stores and assigns items in one store batch, and sets each item's
// result.
//
// The clusterer cannot be rolled back, and inside a batch it runs ahead of
// the store: each assignment is decided in memory, then written in the
// batch. When the batch commits, memory and store agree. When it does not,
// memory holds assignments the store lacks, which a restart would not
// reproduce (it replays the store); so write then rebuilds the clusterer
// from the store, which is exactly what a restart does, and until that
// succeeds the engine is stale and assigns nothing. (Before batches, a
// failed assignment write left the clusterer ahead until the next start.)
//
// What fails alone: a document write (before its clusterer.Add) is undone
// by the store and fails its item only. An assignment or listing write
// leaves the listings, computed from the clusterer, wrong for the store,
// so the batch is abandoned and its items are written again one batch
// each: the article whose write fails is then not stored at all, and the
// others are. A failed commit (a store failure, not an article's) fails
// the whole batch.
//
// Cancelling ctx stops the batch between articles, never inside one: the
// batch itself runs on a context that is not cancelled, since an
// interrupted transaction would be rolled back after its assignments had
// been made in memory. Its work is bounded by maxBatch.
func (e *Engine) write(ctx context.Context, items []item) {
	if len(items) == 0 {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.writeBatch(ctx, items) && len(items) > 1 {
		for _, it := range items {
			e.writeBatch(ctx, []item{it})
		}
	}
}

// writeBatch is one try of write. It reports false only when the batch
// was abandoned because an item's assignment or listing write failed: the
// one failure that writing the items again one at a time can confine to
// its article. e.mu must be held.
func (e *Engine) writeBatch(ctx context.Context, items []item) bool {
	if e.stale {
		if err := e.rebuild(ctx); err != nil {
			for _, it := range items {
				*it.res = Ingested{Err: fmt.Errorf("not stored: the story clusterer could not be reloaded after a failed write: %w", err)}
			}
			return true
		}
	}
	wctx := context.WithoutCancel(ctx)
	ch := newChanges()
	var assignErr error // set when fn gave up because a story write failed
	err := e.store.Batch(wctx, func(w store.Writer) error {
		for _, it := range items {
			if err := ctx.Err(); err != nil {
				*it.res = Ingested{Err: fmt.Errorf("not ingested: %w", err)}
				continue
			}
			id, outcome, features, title := it.id, store.Unchanged, it.features, it.title
			if d := it.doc; d != nil {
				var err error
				id, outcome, err = w.PutDocument(wctx, d)
				if err != nil {
					*it.res = Ingested{Outcome: outcome, Err: err}
					continue
				}
				if story, ok := e.clusterer.StoryOf(id); ok {
					if outcome == store.Updated {
						ch.touch(story, d.Title)
					}
					*it.res = Ingested{ID: id, Story: story, Outcome: outcome}
					continue
				}
				features, title = cluster.FeaturesOf(d), d.Title
			}
			story, err := e.assign(wctx, w, ch, id, features, title)
			if err != nil {
				assignErr = fmt.Errorf("assigning %s to a story: %w", id, err)
				return assignErr
			}
			*it.res = Ingested{ID: id, Story: story, Outcome: outcome}
		}
		if err := e.putListings(wctx, w, ch); err != nil {
			assignErr = fmt.Errorf("updating story listings: %w", err)
			return assignErr
		}
		return nil
	})
	for _, s := range ch.forget {
		e.forget(s)
	}
	if err == nil {
		return true
	}
	for _, it := range items {
		if it.res.Err == nil {
			*it.res = Ingested{Err: fmt.Errorf("not stored: %w", err)}
		}
	}
	if ch.assigned {
		// The rebuild's error leaves the engine stale: the next write tries
		// again before assigning anything.
		_ = e.rebuild(ctx)
	}
	return assignErr == nil
}

// rebuild replaces the clusterer with one replayed from the store. Stored
// documents it finds unassigned stay so until they are put again (which
// assigns them) or the next NewEngine: assigning them here could fail the
// same way again. e.mu must be held.
func (e *Engine) rebuild(ctx context.Context) error {
	e.stale = true
	c, _, err := e.replay(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	e.clusterer, e.stale = c, false
	return nil
}

// changes is what one batch did to story listings.
type changes struct {
	stories []string          // stories whose listing is due, in first-touched order
	titles  map[string]string // the first title offered for each
	forget  []string          // stories whose cached analysis is stale
	// assigned says that the clusterer gained an assignment.
	assigned bool
}

func newChanges() *changes { return &changes{titles: map[string]string{}} }

// touch records that a story changed: its listing shows the new member
// count and activity time, and its analysis is due again.
func (c *changes) touch(storyID, title string) {
	if t, ok := c.titles[storyID]; !ok {
		c.stories = append(c.stories, storyID)
		c.titles[storyID] = title
	} else if t == "" {
		c.titles[storyID] = title
	}
	c.forget = append(c.forget, storyID)
}

// assign puts a stored document in its story and writes the assignment and
// any merges or split through w; listings are due in ch. e.mu must be held
// (or the engine not yet shared).
func (e *Engine) assign(ctx context.Context, w store.Writer, ch *changes, docID string, f cluster.Features, title string) (string, error) {
	a := e.clusterer.Add(docID, f)
	ch.assigned = true
	if err := w.SetStory(ctx, docID, a.Story); err != nil {
		return "", err
	}
	for _, from := range a.Merged {
		if err := w.MergeStories(ctx, from, a.Story); err != nil {
			return "", fmt.Errorf("merging story %s into %s: %w", from, a.Story, err)
		}
		ch.forget = append(ch.forget, from)
	}
	if sp := a.Split; sp != nil {
		if err := w.RecordSplit(ctx, sp.From, sp.To); err != nil {
			return "", err
		}
		for _, id := range sp.Documents {
			if err := w.SetStory(ctx, id, sp.To); err != nil {
				return "", fmt.Errorf("moving document %s from story %s to %s: %w", id, sp.From, sp.To, err)
			}
		}
		other, otherTitle := sp.From, ""
		if other == a.Story {
			// The new story needs a title until its first analysis: its
			// first report's headline.
			other = sp.To
			if d, err := w.Document(ctx, sp.Documents[0]); err == nil {
				otherTitle = d.Title
			}
		}
		ch.touch(other, otherTitle)
	}
	ch.touch(a.Story, title)
	return a.Story, nil
}

// putListings writes the listing of every story the batch touched, once,
// from the clusterer's sizes: a story's listing is read from the store only
// for what memory does not know (its title and creation time).
func (e *Engine) putListings(ctx context.Context, w store.Writer, ch *changes) error {
	now := e.now().UTC()
	for _, id := range ch.stories {
		size := e.clusterer.Size(id)
		if size == 0 {
			// Merged away later in the batch: MergeStories replaced its
			// listing with the redirect, which a put would undo.
			continue
		}
		info, err := w.StoryInfo(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			info = store.StoryInfo{ID: id, Created: now}
		case err != nil:
			return fmt.Errorf("story %s: %w", id, err)
		}
		if info.Title == "" {
			info.Title = ch.titles[id]
		}
		if info.Created.IsZero() {
			info.Created = now
		}
		info.Articles = size
		info.Updated = now
		if err := w.PutStory(ctx, info); err != nil {
			return fmt.Errorf("story %s: %w", id, err)
		}
	}
	return nil
}

func (e *Engine) forget(storyID string) {
	e.cacheMu.Lock()
	delete(e.cache, storyID)
	e.cacheMu.Unlock()
}

// StoryOf returns the story a stored document is assigned to.
func (e *Engine) StoryOf(docID string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.clusterer.StoryOf(docID)
}

// Story reads a story's members from the store.
func (e *Engine) Story(ctx context.Context, storyID string) (*article.Story, error) {
	ids, err := e.store.StoryMembers(ctx, storyID)
	if err != nil {
		return nil, err
	}
	return e.load(ctx, storyID, ids)
}

// load reads the named members of a story.
func (e *Engine) load(ctx context.Context, storyID string, ids []string) (*article.Story, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("story %s: %w", storyID, store.ErrNotFound)
	}
	s := &article.Story{ID: storyID}
	for _, id := range ids {
		d, err := e.store.Document(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("story %s: document %s: %w", storyID, id, err)
		}
		s.Documents = append(s.Documents, d)
	}
	s.Title = storyTitle(s.Documents)
	return s, nil
}

// Analysis returns the story's current analysis. It is computed at most
// once per change of the story's members: from memory, else from the
// store, else afresh (and then stored). A story larger than the analysis
// limit (Options.AnalysisLimit) is analysed on its latest members only:
// comparing every pair of thousands of reports of one event would take
// minutes and gigabytes for a page nobody can read whole.

func (e *Engine) Analysis(ctx context.Context, storyID string) (*article.Analysis, error) {
	for {
		ids, err := e.store.StoryMembers(ctx, storyID)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, fmt.Errorf("story %s: %w", storyID, store.ErrNotFound)
		}
		total := len(ids)
		ids = ids[max(0, total-e.analysisLimit()):]
		e.cacheMu.Lock()
		if a, ok := e.cache[storyID]; ok && sameMembers(a, ids) {
			e.cacheMu.Unlock()
			return a, nil
		}
		if wait, busy := e.analyzing[storyID]; busy {
			e.cacheMu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		e.analyzing[storyID] = done
		e.cacheMu.Unlock()

		a, err := e.current(ctx, storyID, ids, total)

		e.cacheMu.Lock()
		delete(e.analyzing, storyID)
		close(done)
		if err == nil {
			if len(e.cache) >= cacheStories {
				for k := range e.cache { // any victim: the store has them all
					delete(e.cache, k)
					break
				}
			}
			e.cache[storyID] = a
		}
		e.cacheMu.Unlock()
		return a, err
	}
}

// current returns the stored analysis when it covers exactly the story's
// members, else computes and stores a new one.
func (e *Engine) current(ctx context.Context, storyID string, ids []string, total int) (*article.Analysis, error) {
	stored, err := e.store.Analysis(ctx, storyID)
	if err == nil && sameMembers(stored, ids) {
		return stored, nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	s, err := e.load(ctx, storyID, ids)
	if err != nil {
		return nil, err
	}
	a := Analyze(s, e.opt)
	if err := e.store.PutAnalysis(ctx, a); err != nil {
		return nil, err
	}
	info, err := e.store.StoryInfo(ctx, storyID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	info.ID, info.Title = storyID, s.Title
	info.Articles, info.Origins = total, len(a.Provenance.Origins)
	if info.Created.IsZero() {
		info.Created = e.now().UTC()
	}
	if info.Updated.IsZero() {
		info.Updated = info.Created
	}
	return a, e.store.PutStory(ctx, info)
}

func sameMembers(a *article.Analysis, ids []string) bool {
	if a == nil || a.Story == nil || len(a.Story.Documents) != len(ids) {
		return false
	}
	have := make([]string, len(ids))
	for i, d := range a.Story.Documents {
		have[i] = d.ID
	}
	want := slices.Clone(ids)
	slices.Sort(have)
	slices.Sort(want)
	return slices.Equal(have, want)
}
