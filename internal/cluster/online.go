package cluster

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
)

// Clusterer assigns documents to stories one at a time, as a live stream
// brings them. Each document is compared with the stories that share one
// of its most telling terms (an inverted index from term to story), never
// with every story, so an assignment costs about the same at a thousand
// stories as at a million. A story is compared through its centroid: the
// sum of its members' term weights, weighted at comparison time by the
// terms' current inverse document frequency.
//
// A Clusterer is deterministic: the same documents in the same order give
// the same stories with the same ids. It is not safe for concurrent use.
type Clusterer struct {
	opt     Options
	docs    int // documents seen, for inverse document frequency
	stories []*story
	byID    map[string]int32
	members map[string]int32 // document id → story index at assignment

	// Terms are interned: a term hash gets a dense id the first time it is
	// counted, so that the hot loop (a story's terms, each weighted by its
	// current idf) reads slices instead of hashing into maps. Ids follow
	// the order in which terms first appear in the stream, so they are as
	// deterministic as the stream; a restarted clusterer replays the
	// stored stream in its order and gives every term the same id.
	termID   map[uint32]int32 // term hash → id
	hashes   []uint32         // id → term hash
	df       []int32          // id → documents holding the term
	postings [][]int32        // id → stories that hold it, in order of first holding

	// logTab[df] is ln(df+1) and logDocs ln(docs+1): the two parts of
	// the idf (see idf).
	logTab  []float64
	logDocs float64
	// docW holds the current document's weights by term id while its
	// candidates are scored (zero elsewhere).
	docW []float64
	// seenAt marks, by story, the generation (one per query term looked
	// up) that last yielded it; acc
	// sums the query weight a story shares, for the touched stories.
	// ids are the term ids of the document being added, by position in
	// its Features.Terms (set by count).
	ids        []int32
	order      []int
	seenAt     []int32
	generation int32
	acc        []float64
	touched    []int32
	pruneBuf   []float32
	// into is, by story, the story it was merged into, -1 while it is
	// live: a dense slice, as merges are followed for every posting.
	into []int32
	// spans are, by story, the first and last days of its dated members:
	// dense, as the window is checked for every candidate.
	spans []span
}

// span is a range of days (see Features.Day); zero when no day is known.
type span struct{ first, last int32 }

// with widens a span to cover another; unknown days (0) widen nothing.
func (a span) with(b span) span {
	if b.first == 0 {
		return a
	}
	if a.first == 0 {
		return b
	}
	return span{min(a.first, b.first), max(a.last, b.last)}
}

// story is one story's state. Its terms and weights are parallel slices
// ordered by term id: a third of a map's memory, and merging two stories
// is a linear walk.
type story struct {
	id      string
	terms   []int32 // term ids, in increasing order
	weights []float32
	size    int
	// norm is the centroid's length under the idf of normAt documents;
	// normAt is 0 when the centroid changed since.
	norm   float64
	normAt int
	// kept are the members' profiles while the story is young enough to
	// be split (see split.go); nil after.
	kept []member
	// apart are the stories split from this one, never to be merged with
	// it (see split.go).
	apart []int32
	// merged is set once another story was merged into this one.
	merged bool
}

// Assignment says where a document went.
type Assignment struct {
	Story string // the document's story
	New   bool   // the document started the story
	// Merged lists live stories the document bridged to Story: they were
	// merged into it and no longer exist.
	Merged []string
	// Split is set when adding the document split its story in two.
	Split *Split
}

// Tuning. The threshold is on the cosine between a document and a story's
// centroid under TF-IDF weights with names boosted.
const (
	// nameBoost multiplies the weight of a term used as a name.
	nameBoost = 2.0
	// pairThreshold is the cosine two stories' centroids need for a
	// document close to both to merge them. Without it, one report that
	// recalls an earlier event of the same kind (a second earthquake
	// report naming the first) would fuse the two stories.
	pairThreshold = 0.45
	// strongBridge is the cosine with each of two stories at which a
	// document merges them whatever their centroids say: early reports of
	// one event from two angles share little, and only a later report
	// close to both shows they are one story.
	strongBridge = 0.5
	// queryTerms is how many of a document's heaviest terms look up
	// candidate stories.
	queryTerms = 12
	// maxScan bounds how many stories one term's posting list yields, the
	// most recent first: a term every story shares says little, and the
	// bound keeps an assignment's cost flat as the stream grows.
	maxScan = 128
	// maxCandidates is how many stories, those sharing the most query
	// weight, are scored exactly.
	maxCandidates = 16
	// maxStoryTerms bounds a centroid; the lightest terms go first.
	maxStoryTerms = 512
	// DefaultWindowDays is how far, in days, a document's date may lie
	// outside a story's dates for it still to join the story.
	DefaultWindowDays = 14
)

// NewClusterer returns an empty clusterer.
func NewClusterer(opt Options) *Clusterer {
	return &Clusterer{
		opt:     opt.withDefaults(),
		byID:    map[string]int32{},
		members: map[string]int32{},
		termID:  map[uint32]int32{},
	}
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.WindowDays == 0 {
		o.WindowDays = DefaultWindowDays
	}
	if o.MergeThreshold <= 0 {
		o.MergeThreshold = o.Threshold
	}
	return o
}

// Len returns the number of documents assigned.
func (c *Clusterer) Len() int { return len(c.members) }

// Add assigns the document id with features f to a story and returns where
// it went. A document already assigned keeps its story.
func (c *Clusterer) Add(id string, f Features) Assignment {
	if s, ok := c.members[id]; ok {
		return Assignment{Story: c.stories[c.live(s)].id}
	}
	c.count(f)
	vec := c.vector(f)
	candidates := c.candidates(vec, f.Day)

	best, bestScore := int32(-1), 0.0
	for _, cand := range candidates {
		if cand.score > bestScore || (cand.score == bestScore && cand.story < best) {
			best, bestScore = cand.story, cand.score
		}
	}
	var a Assignment
	if best < 0 || bestScore < c.opt.Threshold {
		best = c.newStory(id)
		a.New = true
	}
	c.join(best, id, f, vec)
	for _, cand := range candidates {
		if cand.story == best || cand.score < c.opt.MergeThreshold {
			continue
		}
		from := c.live(cand.story)
		if from == c.live(best) {
			continue
		}
		into := c.live(best)
		if c.keptApart(from, into) {
			continue
		}
		// A document that is close to both stories, or merely close
		// enough to both when the stories themselves agree, bridges them.
		strong := cand.score >= strongBridge && bestScore >= strongBridge
		if !strong && c.storyCosine(c.stories[from], c.stories[into]) < pairThreshold {
			continue
		}
		// The older story survives, so its id (and every link to it) stays.
		if from < into {
			from, into = into, from
		}
		a.Merged = append(a.Merged, c.stories[from].id)
		c.merge(from, into)
	}
	live := c.live(best)
	if !a.New && slices.Contains(splitAt, c.stories[live].size) {
		a.Split = c.trySplit(live)
	}
	a.Story = c.stories[c.live(c.members[id])].id
	if a.Merged != nil {
		// A merge may have absorbed the story the document just joined.
		a.Merged = slices.DeleteFunc(a.Merged, func(s string) bool { return s == a.Story })
	}
	return a
}

// Restore replays an assignment made earlier (when a process restarts on a
// stored stream): the document joins the named story, created if new,
// without any decision being made again.
func (c *Clusterer) Restore(id, storyID string, f Features) {
	if _, ok := c.members[id]; ok {
		return
	}
	c.count(f)
	s, ok := c.byID[storyID]
	if !ok {
		s = int32(len(c.stories))
		c.stories = append(c.stories, &story{id: storyID})
		c.into = append(c.into, -1)
		c.spans = append(c.spans, span{})
		c.byID[storyID] = s
	}
	c.join(c.live(s), id, f, nil)
}

// StoryOf returns the current story of an assigned document.
func (c *Clusterer) StoryOf(id string) (string, bool) {
	s, ok := c.members[id]
	if !ok {
		return "", false
	}
	return c.stories[c.live(s)].id, true
}

// Size returns how many documents a live story holds (0 for an unknown or
// merged story).
func (c *Clusterer) Size(storyID string) int {
	s, ok := c.byID[storyID]
	if !ok || c.live(s) != s {
		return 0
	}
	return c.stories[s].size
}

// StateBytes estimates the clusterer's memory: centroids, postings, term
// statistics and the document map.
func (c *Clusterer) StateBytes() int {
	n := 0
	for _, s := range c.stories {
		n += 64 + len(s.id) + 8*cap(s.terms) + 4*cap(s.apart)
		for _, m := range s.kept {
			n += 48 + len(m.id) + 8*cap(m.terms)
		}
	}
	for _, p := range c.postings {
		n += 24 + 4*cap(p)
	}
	// Per term: its map entry, hash, df and (transient) document weight.
	n += 24*len(c.termID) + 4*cap(c.hashes) + 4*cap(c.df) + 8*cap(c.docW)
	n += 8*cap(c.logTab) + 16*cap(c.seenAt) + 4*cap(c.into)
	for id := range c.members {
		n += 40 + len(id)
	}
	return n
}

func (c *Clusterer) count(f Features) {
	c.docs++
	c.logDocs = math.Log(float64(c.docs + 1))
	c.ids = c.ids[:0]
	for _, t := range f.Terms {
		id := c.intern(t.Hash)
		c.ids = append(c.ids, id)
		c.df[id]++
		for int(c.df[id]) >= len(c.logTab) {
			c.logTab = append(c.logTab, math.Log(float64(len(c.logTab)+1)))
		}
	}
}

// intern returns a term's id, giving it one if it has none.
func (c *Clusterer) intern(hash uint32) int32 {
	id, ok := c.termID[hash]
	if !ok {
		id = int32(len(c.hashes))
		c.termID[hash] = id
		c.hashes = append(c.hashes, hash)
		c.df = append(c.df, 0)
		c.postings = append(c.postings, nil)
		c.docW = append(c.docW, 0)
	}
	return id
}

// idf is ln((docs+1)/(df+1)) + 1, computed as a difference of logarithms
// so that the hot loops look both up instead of calling math.Log.
func (c *Clusterer) idf(id int32) float64 {
	return c.logDocs - c.logTab[c.df[id]] + 1
}

// weight is a document's weight for one term, before the idf.
func weight(t Term) float64 {
	w := 1 + math.Log(float64(t.Count))
	if t.Name {
		w *= nameBoost
	}
	return w
}

type weighted struct {
	term uint32
	id   int32
	tf   float64 // the term's weight in the document (weight)
	w    float64 // tf × idf, unnormalised
}

// vector returns the document's TF-IDF weights, heaviest first.
func (c *Clusterer) vector(f Features) []weighted {
	v := make([]weighted, len(f.Terms))
	for i, t := range f.Terms {
		id := c.ids[i]
		tf := weight(t)
		v[i] = weighted{t.Hash, id, tf, tf * c.idf(id)}
	}
	slices.SortFunc(v, func(a, b weighted) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return cmpUint32(a.term, b.term)
	})
	return v
}

type candidate struct {
	story int32
	score float64
}

// candidates scores the live stories that share one of the document's
// heaviest terms and lie within the time window, in story order. Scoring a
// story costs a pass over its centroid, so only the stories sharing the
// most query weight are scored: at most maxCandidates.
func (c *Clusterer) candidates(vec []weighted, day int32) []candidate {
	touched := c.touched[:0]
	for i := 0; i < len(vec) && i < queryTerms; i++ {
		c.generation++
		p := c.postings[vec[i].id]
		// A merged story's postings lead to the story it joined, so one
		// term can yield a story twice: mark it once per term.
		for j := len(p) - 1; j >= 0 && j >= len(p)-maxScan; j-- {
			s := c.live(p[j])
			c.growSeen(s)
			if c.seenAt[s] == c.generation {
				continue
			}
			c.seenAt[s] = c.generation
			if c.acc[s] == 0 {
				touched = append(touched, s)
			}
			c.acc[s] += vec[i].w
		}
	}
	c.touched = touched
	// The shortlist is a min-heap on shared weight (ties: the younger
	// story is the smaller), holding the best maxCandidates seen so far.
	less := func(a, b candidate) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return a.story > b.story
	}
	shortlist := make([]candidate, 0, min(len(touched), maxCandidates))
	for _, s := range touched {
		cand := candidate{s, c.acc[s]}
		c.acc[s] = 0
		if !c.inWindow(s, day) {
			continue
		}
		if len(shortlist) < maxCandidates {
			shortlist = append(shortlist, cand)
			for i := len(shortlist) - 1; i > 0; {
				parent := (i - 1) / 2
				if !less(shortlist[i], shortlist[parent]) {
					break
				}
				shortlist[i], shortlist[parent] = shortlist[parent], shortlist[i]
				i = parent
			}
			continue
		}
		if !less(shortlist[0], cand) {
			continue
		}
		shortlist[0] = cand
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(shortlist) && less(shortlist[l], shortlist[m]) {
				m = l
			}
			if r < len(shortlist) && less(shortlist[r], shortlist[m]) {
				m = r
			}
			if m == i {
				break
			}
			shortlist[i], shortlist[m] = shortlist[m], shortlist[i]
			i = m
		}
	}
	var docNorm float64
	for _, x := range vec {
		docNorm += x.w * x.w
	}
	docNorm = math.Sqrt(docNorm)
	for _, x := range vec {
		c.docW[x.id] = x.w
	}
	for i := range shortlist {
		shortlist[i].score = c.cosine(docNorm, c.stories[shortlist[i].story])
	}
	for _, x := range vec {
		c.docW[x.id] = 0
	}
	if len(shortlist) == 0 {
		return nil
	}
	slices.SortFunc(shortlist, func(a, b candidate) int { return int(a.story - b.story) })
	return shortlist
}

func (c *Clusterer) growSeen(s int32) {
	for int(s) >= len(c.seenAt) {
		c.seenAt = append(c.seenAt, 0)
		c.acc = append(c.acc, 0)
	}
}

// cosine compares the document whose weights are in c.docW with a story's
// centroid under the current idf. The centroid's length changes with every
// document through the idf, but slowly: it is recomputed when the story
// changes or the stream has grown by a fiftieth since, which keeps each
// comparison to the terms the two share.
func (c *Clusterer) cosine(docNorm float64, s *story) float64 {
	if s.normAt == 0 || c.docs-s.normAt > s.normAt/normRefresh {
		var norm float64
		for k, id := range s.terms {
			w := float64(s.weights[k]) * c.idf(id)
			norm += w * w
		}
		s.norm, s.normAt = math.Sqrt(norm), c.docs
	}
	if s.norm == 0 || docNorm == 0 {
		return 0
	}
	var dot float64
	docW := c.docW
	for k, id := range s.terms {
		if w := docW[id]; w != 0 {
			dot += float64(s.weights[k]) * c.idf(id) * w
		}
	}
	return dot / (s.norm * docNorm)
}

// normRefresh: a centroid's cached length is refreshed once the stream
// has grown by more than 1/normRefresh since it was computed.
const normRefresh = 1000

// storyCosine compares two stories' centroids under the current idf.
func (c *Clusterer) storyCosine(a, b *story) float64 {
	return c.sparseCosine(a.terms, a.weights, b.terms, b.weights)
}

// sparseCosine compares two weight vectors ordered by term id (centroids,
// kept profiles) under the current idf.
func (c *Clusterer) sparseCosine(aTerms []int32, aWeights []float32, bTerms []int32, bWeights []float32) float64 {
	var dot, na, nb float64
	i, j := 0, 0
	for i < len(aTerms) || j < len(bTerms) {
		switch {
		case j == len(bTerms) || (i < len(aTerms) && aTerms[i] < bTerms[j]):
			w := float64(aWeights[i]) * c.idf(aTerms[i])
			na += w * w
			i++
		case i == len(aTerms) || bTerms[j] < aTerms[i]:
			w := float64(bWeights[j]) * c.idf(bTerms[j])
			nb += w * w
			j++
		default:
			idf := c.idf(aTerms[i])
			wa, wb := float64(aWeights[i])*idf, float64(bWeights[j])*idf
			dot += wa * wb
			na += wa * wa
			nb += wb * wb
			i++
			j++
		}
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func (c *Clusterer) inWindow(s int32, day int32) bool {
	// WindowDays < 0 means no window (Options); before this check a
	// negative window excluded every dated story, even on the same day.
	if day == 0 || c.opt.WindowDays < 0 {
		return true
	}
	sp := c.spans[s]
	if sp.first == 0 {
		return true
	}
	w := int32(c.opt.WindowDays)
	return day >= sp.first-w && day <= sp.last+w
}

// live follows merges to the story that holds s's members now, pointing
// every story on the way straight at it so the next walk is one step.
func (c *Clusterer) live(s int32) int32 {
	into := c.into
	root := s
	for into[root] >= 0 {
		root = into[root]
	}
	for into[s] >= 0 {
		next := into[s]
		into[s] = root
		s = next
	}
	return root
}

func (c *Clusterer) newStory(firstDoc string) int32 {
	h := sha256.Sum256([]byte(firstDoc))
	id := "s-" + hex.EncodeToString(h[:5])
	for n := 2; ; n++ {
		if _, taken := c.byID[id]; !taken {
			break
		}
		id = "s-" + hex.EncodeToString(h[:5]) + "-" + itoa(n)
	}
	s := int32(len(c.stories))
	c.stories = append(c.stories, &story{id: id})
	c.into = append(c.into, -1)
	c.spans = append(c.spans, span{})
	c.byID[id] = s
	return s
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// join adds a document's weights to story s. vec is the document's weights
// heaviest first when the caller has them (Add), nil otherwise (Restore).
func (c *Clusterer) join(s int32, id string, f Features, vec []weighted) {
	st := c.stories[s]
	c.members[id] = s
	st.size++
	c.spans[s] = c.spans[s].with(span{f.Day, f.Day})
	order := c.order[:0]
	for i := range f.Terms {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return int(c.ids[a] - c.ids[b]) })
	c.order = order
	terms := make([]int32, len(f.Terms))
	weights := make([]float32, len(f.Terms))
	for k, i := range order {
		terms[k], weights[k] = c.ids[i], float32(weight(f.Terms[i]))
	}
	c.absorb(s, terms, weights)
	c.keep(s, id, f, vec)
}

// absorb adds weights to story s's centroid, indexing the terms it gains.
func (c *Clusterer) absorb(s int32, terms []int32, weights []float32) {
	st := c.stories[s]
	// Merged in place from the back, after counting the terms the story
	// gains: no new centroid is allocated for every member.
	gained := 0
	for i, j := 0, 0; j < len(terms); {
		switch {
		case i < len(st.terms) && st.terms[i] < terms[j]:
			i++
		case i < len(st.terms) && st.terms[i] == terms[j]:
			i++
			j++
		default:
			gained++
			j++
		}
	}
	old := len(st.terms)
	st.terms = slices.Grow(st.terms, gained)[:old+gained]
	st.weights = slices.Grow(st.weights, gained)[:old+gained]
	i, j, k := old-1, len(terms)-1, old+gained-1
	for j >= 0 {
		switch {
		case i >= 0 && st.terms[i] > terms[j]:
			st.terms[k], st.weights[k] = st.terms[i], st.weights[i]
			i--
		case i >= 0 && st.terms[i] == terms[j]:
			st.terms[k], st.weights[k] = st.terms[i], st.weights[i]+weights[j]
			i--
			j--
		default:
			st.terms[k], st.weights[k] = terms[j], weights[j]
			c.postings[terms[j]] = append(c.postings[terms[j]], s)
			j--
		}
		k--
	}
	st.normAt = 0
	if len(st.terms) > maxStoryTerms {
		c.prune(st)
	}
}

// prune keeps a centroid's heaviest terms. Postings of dropped terms stay:
// they only cost a lookup that scores the story lower.
func (c *Clusterer) prune(st *story) {
	keep := maxStoryTerms * 3 / 4
	// The keep-th heaviest weight is the cut: heavier terms stay, and of
	// those at the cut, the ones with the smallest hashes, as a full sort
	// by weight then hash would keep.
	sorted := append(c.pruneBuf[:0], st.weights...)
	slices.Sort(sorted)
	c.pruneBuf = sorted
	cut := sorted[len(sorted)-keep]
	above := 0
	for _, w := range st.weights {
		if w > cut {
			above++
		}
	}
	atCut := keep - above
	if atCut < 0 {
		atCut = 0
	}
	var tied []uint32
	for k, w := range st.weights {
		if w == cut {
			tied = append(tied, c.hashes[st.terms[k]])
		}
	}
	slices.Sort(tied)
	var maxTied uint32
	if atCut > 0 {
		maxTied = tied[atCut-1]
	}
	terms := make([]int32, 0, keep)
	weights := make([]float32, 0, keep)
	for k, w := range st.weights {
		if w > cut || (w == cut && atCut > 0 && c.hashes[st.terms[k]] <= maxTied) {
			terms = append(terms, st.terms[k])
			weights = append(weights, w)
		}
	}
	st.terms, st.weights = terms, weights
}

// merge moves story from into story into.
func (c *Clusterer) merge(from, into int32) {
	f, t := c.stories[from], c.stories[into]
	c.absorb(into, f.terms, f.weights)
	t.size += f.size
	c.spans[into] = c.spans[into].with(c.spans[from])
	if t.kept != nil && f.kept != nil && t.size <= maxSplitSize {
		t.kept = append(t.kept, f.kept...)
	} else {
		t.kept = nil
	}
	t.apart = append(t.apart, f.apart...)
	t.merged = true
	f.terms, f.weights, f.size, f.kept, f.apart = nil, nil, 0, nil, nil
	c.into[from] = into
}
