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
	opt      Options
	docs     int              // documents seen, for inverse document frequency
	df       map[uint32]int32 // documents per term
	stories  []*story
	byID     map[string]int32
	postings map[uint32][]int32 // term → stories that hold it, in order of first holding
	members  map[string]int32   // document id → story index at assignment
	scratch  map[int32]float64
}

// story is one story's state. Its terms and weights are parallel slices
// ordered by term hash: a third of a map's memory, and merging two stories
// is a linear walk.
type story struct {
	id       string
	terms    []uint32
	weights  []float32
	size     int
	firstDay int32 // 0 when no member has a known day
	lastDay  int32
	// into is the story this one was merged into, -1 while it is live.
	into int32
}

// nameBoost multiplies the weight of a term used as a name.
var NameBoost = 2.0
var Debug string
var PairThreshold = 0.5
var Names = map[uint32]string{}
var TopNames = 1
var MinNameCount uint16 = 2
var MinSizeForVeto = 1
var MissingVeto = 1
var VetoFactor = 0.0

// Assignment says where a document went.
type Assignment struct {
	Story string // the document's story
	New   bool   // the document started the story
	// Merged lists live stories the document bridged to Story: they were
	// merged into it and no longer exist.
	Merged []string
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
	// queryTerms is how many of a document's heaviest terms look up
	// candidate stories.
	queryTerms = 16
	// maxScan bounds how many stories one term's posting list yields, the
	// most recent first: a term every story shares says little, and the
	// bound keeps an assignment's cost flat as the stream grows.
	maxScan = 256
	// maxStoryTerms bounds a centroid; the lightest terms go first.
	maxStoryTerms = 1024
	// DefaultWindowDays is how far, in days, a document's date may lie
	// outside a story's dates for it still to join the story.
	DefaultWindowDays = 14
)

// NewClusterer returns an empty clusterer.
func NewClusterer(opt Options) *Clusterer {
	return &Clusterer{
		opt:      opt.withDefaults(),
		df:       map[uint32]int32{},
		byID:     map[string]int32{},
		postings: map[uint32][]int32{},
		members:  map[string]int32{},
		scratch:  map[int32]float64{},
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
	c.join(best, id, f)
	for _, cand := range candidates {
		if cand.story == best || cand.score < c.opt.MergeThreshold {
			continue
		}
		from := c.live(cand.story)
		if from == c.live(best) {
			continue
		}
		into := c.live(best)
		if c.storyCosine(c.stories[from], c.stories[into]) < pairThreshold {
			continue
		}
		// The older story survives, so its id (and every link to it) stays.
		if from < into {
			from, into = into, from
		}
		a.Merged = append(a.Merged, c.stories[from].id)
		c.merge(from, into)
	}
	a.Story = c.stories[c.live(best)].id
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
		c.stories = append(c.stories, &story{id: storyID, into: -1})
		c.byID[storyID] = s
	}
	c.join(c.live(s), id, f)
}

// RestoreMerge replays a merge of story from into story into.
func (c *Clusterer) RestoreMerge(from, into string) {
	f, ok1 := c.byID[from]
	t, ok2 := c.byID[into]
	if !ok1 || !ok2 || c.live(f) == c.live(t) {
		return
	}
	c.merge(c.live(f), c.live(t))
}

// StoryOf returns the current story of an assigned document.
func (c *Clusterer) StoryOf(id string) (string, bool) {
	s, ok := c.members[id]
	if !ok {
		return "", false
	}
	return c.stories[c.live(s)].id, true
}

// StateBytes estimates the clusterer's memory: centroids, postings, term
// statistics and the document map.
func (c *Clusterer) StateBytes() int {
	n := 0
	for _, s := range c.stories {
		n += 64 + len(s.id) + 8*cap(s.terms)
	}
	for _, p := range c.postings {
		n += 48 + 4*cap(p)
	}
	n += 24 * len(c.df)
	for id := range c.members {
		n += 40 + len(id)
	}
	return n
}

func (c *Clusterer) count(f Features) {
	c.docs++
	for _, t := range f.Terms {
		c.df[t.Hash]++
	}
}

func (c *Clusterer) idf(term uint32) float64 {
	return math.Log(float64(c.docs+1)/float64(c.df[term]+1)) + 1
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
	w    float64 // tf × idf, unnormalised
}

// vector returns the document's TF-IDF weights, heaviest first.
func (c *Clusterer) vector(f Features) []weighted {
	v := make([]weighted, len(f.Terms))
	for i, t := range f.Terms {
		v[i] = weighted{t.Hash, weight(t) * c.idf(t.Hash)}
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
// heaviest terms and lie within the time window, in story order.
func (c *Clusterer) candidates(vec []weighted, day int32) []candidate {
	clear(c.scratch)
	for i := 0; i < len(vec) && i < queryTerms; i++ {
		p := c.postings[vec[i].term]
		for j := len(p) - 1; j >= 0 && j >= len(p)-maxScan; j-- {
			s := c.live(p[j])
			if _, seen := c.scratch[s]; !seen && c.inWindow(s, day) {
				c.scratch[s] = 0
			}
		}
	}
	if len(c.scratch) == 0 {
		return nil
	}
	var docNorm float64
	for _, x := range vec {
		docNorm += x.w * x.w
	}
	docNorm = math.Sqrt(docNorm)
	byTerm := slices.Clone(vec)
	slices.SortFunc(byTerm, func(a, b weighted) int { return cmpUint32(a.term, b.term) })
	out := make([]candidate, 0, len(c.scratch))
	for s := range c.scratch {
		out = append(out, candidate{s, c.cosine(byTerm, docNorm, c.stories[s])})
	}
	slices.SortFunc(out, func(a, b candidate) int { return int(a.story - b.story) })
	return out
}

// cosine compares a document (weights ordered by term) with a story's
// centroid under the current idf.
func (c *Clusterer) cosine(doc []weighted, docNorm float64, s *story) float64 {
	var dot, norm float64
	i := 0
	for k, term := range s.terms {
		w := float64(s.weights[k]) * c.idf(term)
		norm += w * w
		for i < len(doc) && doc[i].term < term {
			i++
		}
		if i < len(doc) && doc[i].term == term {
			dot += w * doc[i].w
		}
	}
	if norm == 0 || docNorm == 0 {
		return 0
	}
	return dot / (math.Sqrt(norm) * docNorm)
}

// storyCosine compares two stories' centroids under the current idf.
func (c *Clusterer) storyCosine(a, b *story) float64 {
	var dot, na, nb float64
	i, j := 0, 0
	for i < len(a.terms) || j < len(b.terms) {
		switch {
		case j == len(b.terms) || (i < len(a.terms) && a.terms[i] < b.terms[j]):
			w := float64(a.weights[i]) * c.idf(a.terms[i])
			na += w * w
			i++
		case i == len(a.terms) || b.terms[j] < a.terms[i]:
			w := float64(b.weights[j]) * c.idf(b.terms[j])
			nb += w * w
			j++
		default:
			idf := c.idf(a.terms[i])
			wa, wb := float64(a.weights[i])*idf, float64(b.weights[j])*idf
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
	st := c.stories[s]
	if day == 0 || st.firstDay == 0 {
		return true
	}
	w := int32(c.opt.WindowDays)
	return day >= st.firstDay-w && day <= st.lastDay+w
}

// live follows merges to the story that holds s's members now.
func (c *Clusterer) live(s int32) int32 {
	for c.stories[s].into >= 0 {
		s = c.stories[s].into
	}
	return s
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
	c.stories = append(c.stories, &story{id: id, into: -1})
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

// join adds a document's weights to story s.
func (c *Clusterer) join(s int32, id string, f Features) {
	st := c.stories[s]
	c.members[id] = s
	st.size++
	if f.Day != 0 {
		if st.firstDay == 0 || f.Day < st.firstDay {
			st.firstDay = f.Day
		}
		if f.Day > st.lastDay {
			st.lastDay = f.Day
		}
	}
	terms := make([]uint32, len(f.Terms))
	weights := make([]float32, len(f.Terms))
	for i, t := range f.Terms {
		terms[i], weights[i] = t.Hash, float32(weight(t))
	}
	c.absorb(s, terms, weights)
}

// absorb adds weights to story s's centroid, indexing the terms it gains.
func (c *Clusterer) absorb(s int32, terms []uint32, weights []float32) {
	st := c.stories[s]
	mt := make([]uint32, 0, len(st.terms)+len(terms))
	mw := make([]float32, 0, len(st.terms)+len(terms))
	i, j := 0, 0
	for i < len(st.terms) || j < len(terms) {
		switch {
		case j == len(terms) || (i < len(st.terms) && st.terms[i] < terms[j]):
			mt, mw = append(mt, st.terms[i]), append(mw, st.weights[i])
			i++
		case i == len(st.terms) || terms[j] < st.terms[i]:
			mt, mw = append(mt, terms[j]), append(mw, weights[j])
			c.postings[terms[j]] = append(c.postings[terms[j]], s)
			j++
		default:
			mt, mw = append(mt, st.terms[i]), append(mw, st.weights[i]+weights[j])
			i++
			j++
		}
	}
	st.terms, st.weights = mt, mw
	if len(st.terms) > maxStoryTerms {
		c.prune(st)
	}
}

// prune keeps a centroid's heaviest terms. Postings of dropped terms stay:
// they only cost a lookup that scores the story lower.
func (c *Clusterer) prune(st *story) {
	order := make([]int, len(st.terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case st.weights[a] > st.weights[b]:
			return -1
		case st.weights[a] < st.weights[b]:
			return 1
		}
		return cmpUint32(st.terms[a], st.terms[b])
	})
	order = order[:maxStoryTerms*3/4]
	slices.Sort(order)
	terms := make([]uint32, len(order))
	weights := make([]float32, len(order))
	for k, i := range order {
		terms[k], weights[k] = st.terms[i], st.weights[i]
	}
	st.terms, st.weights = terms, weights
}

// merge moves story from into story into.
func (c *Clusterer) merge(from, into int32) {
	f, t := c.stories[from], c.stories[into]
	c.absorb(into, f.terms, f.weights)
	t.size += f.size
	if f.firstDay != 0 && (t.firstDay == 0 || f.firstDay < t.firstDay) {
		t.firstDay = f.firstDay
	}
	t.lastDay = max(t.lastDay, f.lastDay)
	f.terms, f.weights, f.size, f.into = nil, nil, 0, into
}
