package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/provenance"
	"github.com/corroborate/corroborate/internal/store"
)

// Prepared is the outcome of preparing one article.
type Prepared struct {
	Article  article.Article
	Document *article.Document // nil when Err is set
	Err      error
}

// PrepareAll prepares articles on several workers and hands the results to
// done in input order, so output never depends on scheduling. It returns
// when in is closed and every result is delivered, or when ctx is done.
func PrepareAll(ctx context.Context, workers int, in <-chan article.Article, done func(Prepared)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		a   article.Article
	}
	type result struct {
		seq int
		p   Prepared
	}
	jobs := make(chan job)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, err := prepareSafely(j.a)
				results <- result{j.seq, Prepared{Article: j.a, Document: d, Err: err}}
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		for {
			select {
			case <-ctx.Done():
				return
			case a, ok := <-in:
				if !ok {
					return
				}
				select {
				case jobs <- job{seq, a}:
					seq++
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int]Prepared{}
	next := 0
	for r := range results {
		pending[r.seq] = r.p
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			done(p)
		}
	}
	return ctx.Err()
}

// prepareSafely turns a panic in a stage into an error for that one article:
// one hostile input must not take down a run that has already stored others.
func prepareSafely(a article.Article) (d *article.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal error while preparing this article (please report it): %v", r)
		}
	}()
	return Prepare(a)
}

// Collection gathers a run's documents, stored and de-duplicated, and finds
// their near-duplicates among everything stored before.
type Collection struct {
	Store     store.Store
	Options   Options
	Documents []*article.Document
	Added     int
	Unchanged int
	Updated   int
	seen      map[string]bool
	index     *provenance.Index
	// elsewhere holds near-duplicates of the run's documents among stored
	// documents outside the run, by the run document's id.
	elsewhere map[string][]article.NearDuplicate
	// engine is the one that assigned the collection's documents, kept for
	// callers that go on ingesting (Engine).
	engine *Engine
}

// loadIndex fills the near-duplicate index from the store's fingerprints.
func (c *Collection) loadIndex(ctx context.Context) error {
	c.index = provenance.NewIndex(c.Options.Provenance.NearDuplicate)
	c.elsewhere = map[string][]article.NearDuplicate{}
	return c.Store.Fingerprints(ctx, func(id string, fp []byte) error {
		// A fingerprint of another version is skipped: the document is
		// compared again once it is read and prepared anew.
		_, _ = c.index.Add(id, fp)
		return nil
	})
}

// Add stores d and keeps it for the run's stories, once per stored identity:
// two inputs with the same content are one article.
func (c *Collection) Add(ctx context.Context, d *article.Document) (store.Outcome, error) {
	r := c.AddAll(ctx, []*article.Document{d})[0]
	return r.Outcome, r.Err
}

// AddResult is what became of one document given to Collection.AddAll.
type AddResult struct {
	Outcome store.Outcome
	Err     error
}

// AddAll adds docs in order as Add does, storing up to maxBatch of them in
// one store transaction, which costs about one write where a transaction
// per document costs one each. A document the store refuses fails alone:
// the others are kept.
func (c *Collection) AddAll(ctx context.Context, docs []*article.Document) []AddResult {
	out := make([]AddResult, len(docs))
	i := 0
	// The near-duplicate index is loaded from the store just after the
	// run's first document is stored, so that it holds that document as
	// stored (an update's new fingerprint); a batch would have stored the
	// ones after it too.
	for ; i < len(docs) && c.index == nil; i++ {
		id, outcome, err := c.Store.PutDocument(ctx, docs[i])
		out[i] = c.keep(ctx, docs[i], id, outcome, err)
	}
	for chunk := range slices.Chunk(docs[i:], maxBatch) {
		res := out[i : i+len(chunk)]
		ids := make([]string, len(chunk))
		err := c.Store.Batch(ctx, func(w store.Writer) error {
			for j, d := range chunk {
				ids[j], res[j].Outcome, res[j].Err = w.PutDocument(ctx, d)
			}
			return nil
		})
		for j, d := range chunk {
			if err != nil {
				// Nothing of the batch was kept.
				res[j] = AddResult{Outcome: res[j].Outcome, Err: cmp.Or(res[j].Err, err)}
				continue
			}
			res[j] = c.keep(ctx, d, ids[j], res[j].Outcome, res[j].Err)
		}
		i += len(chunk)
	}
	return out
}

// keep counts and keeps a document the store has just put (or refused,
// when err is set).
func (c *Collection) keep(ctx context.Context, d *article.Document, id string, outcome store.Outcome, err error) AddResult {
	if err != nil {
		return AddResult{outcome, err}
	}
	switch outcome {
	case store.Added:
		c.Added++
	case store.Unchanged:
		c.Unchanged++
	case store.Updated:
		c.Updated++
	}
	d.ID = id
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	if c.seen[id] {
		return AddResult{outcome, nil}
	}
	c.seen[id] = true
	c.Documents = append(c.Documents, d)
	if c.index == nil {
		if err := c.loadIndex(ctx); err != nil {
			return AddResult{outcome, err}
		}
	}
	pairs, err := c.index.Add(id, d.Fingerprint)
	if err != nil {
		return AddResult{outcome, err}
	}
	for _, p := range pairs {
		c.elsewhere[id] = append(c.elsewhere[id], p)
	}
	return AddResult{outcome, nil}
}

// AnalyzeAll assigns the collection's documents to stories and analyses
// each story they belong to.
func (c *Collection) AnalyzeAll(ctx context.Context) ([]*article.Analysis, error) {
	e, stories, err := c.assign(ctx)
	if err != nil {
		return nil, err
	}
	analyses := make([]*article.Analysis, 0, len(stories))
	for _, s := range stories {
		a, err := e.Analysis(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		a.Provenance.NearDuplicates = append(slices.Clip(a.Provenance.NearDuplicates), c.outside(s)...)
		analyses = append(analyses, a)
	}
	return analyses, nil
}

// Assign assigns the collection's documents to stories, the same way and
// in the same store as a running server, and returns the stories they
// belong to, whole (with members stored by earlier runs), in the order of
// their first document in the collection.
func (c *Collection) Assign(ctx context.Context) ([]*article.Story, error) {
	_, stories, err := c.assign(ctx)
	return stories, err
}

func (c *Collection) assign(ctx context.Context) (*Engine, []*article.Story, error) {
	// The collection's documents are stored already; the engine assigns
	// those not yet assigned as it loads.
	e, err := NewEngine(ctx, c.Store, c.Options)
	if err != nil {
		return nil, nil, err
	}
	c.engine = e
	var stories []*article.Story
	seen := map[string]bool{}
	for _, d := range c.Documents {
		id, ok := e.StoryOf(d.ID)
		if !ok {
			return nil, nil, fmt.Errorf("document %s was stored but not assigned to a story", d.ID)
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		s, err := e.Story(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		stories = append(stories, s)
	}
	return e, stories, nil
}

// outside lists the near-duplicates of a story's documents that are stored
// but not part of the story: earlier copies the reader should know of.
func (c *Collection) outside(s *article.Story) []article.NearDuplicate {
	in := map[string]bool{}
	for _, d := range s.Documents {
		in[d.ID] = true
	}
	var out []article.NearDuplicate
	for _, d := range s.Documents {
		for _, p := range c.elsewhere[d.ID] {
			if !in[p.A] || !in[p.B] {
				out = append(out, p)
			}
		}
	}
	return out
}
