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
		clusterer: cluster.NewClusterer(opt.Cluster),
		cache:     map[string]*article.Analysis{},
		analyzing: map[string]chan struct{}{},
	}
	var unassigned []string
	unassignedFeatures := map[string]cluster.Features{}
	err := st.Assignments(ctx, func(docID, storyID string, raw []byte) error {
		var f cluster.Features
		if err := f.UnmarshalBinary(raw); err != nil {
			d, derr := st.Document(ctx, docID)
			if derr != nil {
				return fmt.Errorf("reading document %s to rebuild its clustering features: %w", docID, derr)
			}
			f = cluster.Extract(d)
		}
		if storyID == "" {
			unassigned = append(unassigned, docID)
			unassignedFeatures[docID] = f
			return nil
		}
		e.clusterer.Restore(docID, storyID, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading story assignments: %w", err)
	}
	for _, id := range unassigned {
		d, err := st.Document(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("reading document %s to assign it: %w", id, err)
		}
		if _, err := e.assign(ctx, id, unassignedFeatures[id], d.Title); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Ingest prepares, stores and assigns articles in order. When it returns,
// every article without Err is durably stored and assigned.
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
	err := PrepareAll(ctx, 0, in, func(p Prepared) {
		out[i] = e.add(ctx, p)
		i++
	})
	for ; i < len(out); i++ {
		out[i].Err = fmt.Errorf("not ingested: %w", errors.Join(err, ctx.Err()))
	}
	return out
}

// Add stores and assigns one prepared document.
func (e *Engine) Add(ctx context.Context, d *article.Document) Ingested {
	return e.add(ctx, Prepared{Document: d})
}

func (e *Engine) add(ctx context.Context, p Prepared) Ingested {
	if p.Err != nil {
		return Ingested{Err: p.Err}
	}
	d := p.Document
	e.mu.Lock()
	defer e.mu.Unlock()
	id, outcome, err := e.store.PutDocument(ctx, d)
	if err != nil {
		return Ingested{Outcome: outcome, Err: err}
	}
	if story, ok := e.clusterer.StoryOf(id); ok {
		if outcome == store.Updated {
			e.touch(ctx, story, d.Title)
		}
		return Ingested{ID: id, Story: story, Outcome: outcome}
	}
	story, err := e.assign(ctx, id, cluster.FeaturesOf(d), d.Title)
	if err != nil {
		return Ingested{ID: id, Outcome: outcome, Err: fmt.Errorf("stored as %s but not assigned to a story (it will be on the next start): %w", id, err)}
	}
	return Ingested{ID: id, Story: story, Outcome: outcome}
}

// assign puts a stored document in its story and records the assignment,
// any merges and the story's listing. e.mu must be held (or the engine not
// yet shared).
func (e *Engine) assign(ctx context.Context, docID string, f cluster.Features, title string) (string, error) {
	a := e.clusterer.Add(docID, f)
	if err := e.store.SetStory(ctx, docID, a.Story); err != nil {
		return "", err
	}
	for _, from := range a.Merged {
		if err := e.store.MergeStories(ctx, from, a.Story); err != nil {
			return "", fmt.Errorf("merging story %s into %s: %w", from, a.Story, err)
		}
		e.forget(from)
	}
	if sp := a.Split; sp != nil {
		for _, id := range sp.Documents {
			if err := e.store.SetStory(ctx, id, sp.To); err != nil {
				return "", fmt.Errorf("moving document %s from story %s to %s: %w", id, sp.From, sp.To, err)
			}
		}
		other, otherTitle := sp.From, ""
		if other == a.Story {
			// The new story needs a title until its first analysis: its
			// first report's headline.
			other = sp.To
			if d, err := e.store.Document(ctx, sp.Documents[0]); err == nil {
				otherTitle = d.Title
			}
		}
		if err := e.touch(ctx, other, otherTitle); err != nil {
			return "", err
		}
	}
	return a.Story, e.touch(ctx, a.Story, title)
}

// touch records that a story changed: its listing shows the new member
// count and activity time, and its analysis is due again.
func (e *Engine) touch(ctx context.Context, storyID, title string) error {
	info, err := e.store.StoryInfo(ctx, storyID)
	now := e.now().UTC()
	switch {
	case errors.Is(err, store.ErrNotFound):
		info = store.StoryInfo{ID: storyID, Title: title, Created: now}
	case err != nil:
		return err
	}
	if info.Title == "" {
		info.Title = title
	}
	info.Articles = e.clusterer.Size(storyID)
	info.Updated = now
	e.forget(storyID)
	return e.store.PutStory(ctx, info)
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
