// Package corpus generates large news corpora with known ground truth, for
// benchmarks that need more articles than any public data set offers:
// near-duplicate detection now, story clustering later.
//
// A Generator reads the public texts in the shared data folder (the ECB+
// articles and the article-extraction benchmark's gold bodies) and streams
// articles one at a time, deterministically for a seed, without holding
// the stream in memory. Three kinds of article come out:
//
//   - originals, assembled from sentences of one ECB+ story and of the
//     whole pool, so that there are millions of distinct texts whose
//     pairwise overlap is low;
//   - the real articles themselves, once each, which give "hard
//     non-copies": reports of the same event written independently;
//   - injected copies of recent originals and real articles, each labelled
//     with the edit made (verbatim, new headline, extra paragraph, ...).
//
// The labels are honest about the data: ECB+ itself holds reports that
// print the same wire story, and those are labelled as one family, not as
// independent (see Relation).
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// Edit is the kind of change a copy makes to the article it copies.
type Edit string

// The edits. All but Excerpt are light: they change at most about a tenth
// of the text, as syndication does, and leave the copy's word-shingle
// Jaccard similarity with its source above 0.8 almost always. Excerpt keeps
// only the first third to two thirds of the body: still a copy, but one no
// similarity threshold near 0.8 can find.
const (
	Original       Edit = ""                // not a copy
	Verbatim       Edit = "verbatim"        // same headline and body
	NewHeadline    Edit = "new-headline"    // another headline, same body
	ExtraParagraph Edit = "extra-paragraph" // one paragraph of 3-12% of the body's words inserted
	WordEdits      Edit = "word-edits"      // 0.5-2% of the words replaced, dropped or added; quotes and dashes restyled
	Truncated      Edit = "truncated"       // the last 3-10% of the body's words cut (a little more when a short last paragraph would be left)
	Excerpt        Edit = "excerpt"         // only the first 35-65% of the body's words kept, and at least 40
)

// Edits lists the kinds of copy, lightest first.
var Edits = []Edit{Verbatim, NewHeadline, ExtraParagraph, WordEdits, Truncated, Excerpt}

// Light reports whether the edit keeps a copy close enough to its source
// for a Jaccard threshold of 0.8: every edit but Excerpt.
func (e Edit) Light() bool { return e != Original && e != Excerpt }

// DefaultMix weights the kinds of copy.
var DefaultMix = map[Edit]float64{
	Verbatim: 1, NewHeadline: 1, ExtraParagraph: 1, WordEdits: 1, Truncated: 1, Excerpt: 0.5,
}

// Article is one generated article and its ground truth.
type Article struct {
	// ID is "g" followed by Seq; Input names the data set article a real
	// article is ("ecbplus:1_1ecb"), otherwise "corpus".
	article.Article
	Seq int // position in the stream, from 0

	// Story is the ECB+ story (one seminal event: the gold cluster) the
	// text is about; an article-extraction page is a story of its own,
	// "extraction:<key>". Topic is the ECB+ topic, "" for those pages.
	Story, Topic string

	// Real is true for an article of a data set as published.
	Real bool

	// Family is shared by an article and all copies of it: the ID of a
	// generated original, or "real:<data set id>" for real articles that
	// print the same story (the earliest of them in the data set).
	Family string
	// CopyOf is the ID of the article this is an injected copy of, and
	// Edit what was changed; "" and Original for other articles.
	CopyOf string
	Edit   Edit

	label Label
}

// Label is the compact ground truth of an article, enough for Relation:
// evaluations keep it for millions of articles without their texts.
type Label struct {
	family int32 // equal for the articles of one family
	real   int32 // index of the real article the text is or copies; -1 for generated text
}

// Label returns the article's compact ground truth.
func (a *Article) Label() Label { return a.label }

// Relation is what the ground truth says of two articles.
type Relation int

const (
	// Unrelated articles do not copy each other.
	Unrelated Relation = iota
	// SameFamily: one copies the other, both copy one article, or both
	// are real articles printing the same story.
	SameFamily
	// HardNonCopy: texts of two different real articles of the same ECB+
	// story that share little text: related, independently written.
	HardNonCopy
	// PartialOverlap: texts of two real articles that share passages
	// (exact shingle Jaccard 0.2 to 0.5) without printing the same story.
	PartialOverlap
)

func (r Relation) String() string {
	switch r {
	case SameFamily:
		return "same family"
	case HardNonCopy:
		return "hard non-copy"
	case PartialOverlap:
		return "partial overlap"
	}
	return "unrelated"
}

// Options configure a Generator. Zero values mean the defaults.
type Options struct {
	// DataDir is the shared data folder, holding ecbplus/ and
	// article-extraction/.
	DataDir string
	Seed    uint64
	// CopyRate is the share of articles that are injected copies: 0 means
	// 0.2, a negative value none.
	CopyRate float64
	// RealRate is the share of articles that are real ones, as long as
	// some remain (there are 863): 0 means 0.04, a negative value none.
	RealRate float64
	// Window is how many of the latest non-copies a copy may copy: 0
	// means 10,000. Syndication copies recent news, and the generator
	// keeps the window in memory.
	Window int
	// Mix weights the kinds of copy; nil means DefaultMix.
	Mix map[Edit]float64
	// StoryShare is the share of an original's words drawn from the
	// sentences of its story; the rest come from the whole pool. It is at most 0.5 and no more than a quarter of
	// a story's sentences are used, so that two originals of a story can
	// never be near-duplicates, however many are generated. 0 means 0.4.
	StoryShare float64
}

// Generator streams articles. It is not safe for concurrent use.
type Generator struct {
	opt  Options
	pool *pool
	rng  *rand.Rand
	seq  int

	realOrder []int // indexes into pool.reals, in the order they are emitted
	nextReal  int

	window []Article       // ring of the latest non-copies
	byID   map[string]int  // ID -> position in window
	slot   int             // next position of window to fill
	mix    []weightedEdit  // cumulative weights
	used   map[string]bool // scratch: sentences already in the original being built
}

type weightedEdit struct {
	edit       Edit
	cumulative float64
}

// New reads the data sets under opt.DataDir and returns a generator.
func New(opt Options) (*Generator, error) {
	if opt.DataDir == "" {
		return nil, fmt.Errorf("corpus: no data folder given")
	}
	if opt.CopyRate == 0 {
		opt.CopyRate = 0.2
	}
	if opt.RealRate == 0 {
		opt.RealRate = 0.04
	}
	opt.CopyRate, opt.RealRate = max(opt.CopyRate, 0), max(opt.RealRate, 0)
	if opt.CopyRate+opt.RealRate > 1 {
		return nil, fmt.Errorf("corpus: copy rate %v and real rate %v add up to more than 1", opt.CopyRate, opt.RealRate)
	}
	if opt.Window <= 0 {
		opt.Window = 10_000
	}
	if opt.StoryShare <= 0 {
		opt.StoryShare = 0.4
	}
	opt.StoryShare = min(opt.StoryShare, 0.5)
	if opt.Mix == nil {
		opt.Mix = DefaultMix
	}
	g := &Generator{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, 0x636f72707573)), byID: map[string]int{}, used: map[string]bool{}}
	total := 0.0
	for e, w := range opt.Mix {
		if !e.valid() || w < 0 {
			return nil, fmt.Errorf("corpus: bad copy mix entry %q: %v", e, w)
		}
	}
	for _, e := range Edits { // fixed order: map iteration is random
		if w := opt.Mix[e]; w > 0 {
			total += w
			g.mix = append(g.mix, weightedEdit{e, total})
		}
	}
	if total == 0 && opt.CopyRate > 0 {
		return nil, fmt.Errorf("corpus: the copy mix has no positive weight")
	}
	p, err := loadPool(opt.DataDir)
	if err != nil {
		return nil, err
	}
	g.pool = p
	g.realOrder = g.rng.Perm(len(p.reals))
	if opt.RealRate == 0 {
		g.realOrder = nil
	}
	return g, nil
}

func (e Edit) valid() bool {
	for _, k := range Edits {
		if e == k {
			return true
		}
	}
	return false
}

// RealArticles is the number of real articles the generator emits in all.
func (g *Generator) RealArticles() int { return len(g.realOrder) }

// Next returns the next article of the stream, which never ends (labels
// number articles with int32, so keep to 2^31 of them).
func (g *Generator) Next() Article {
	u := g.rng.Float64()
	var a Article
	switch {
	case u < g.opt.RealRate && g.nextReal < len(g.realOrder):
		a = g.real(g.realOrder[g.nextReal])
		g.nextReal++
	case u < g.opt.RealRate+g.opt.CopyRate && len(g.window) > 0:
		a = g.copyOf(g.window[g.rng.IntN(len(g.window))])
	default:
		a = g.original()
	}
	if a.CopyOf == "" {
		g.remember(a)
	}
	g.seq++
	return a
}

// Lookup returns an article of the window of recent non-copies: every
// article a copy copies is there when the copy is returned.
func (g *Generator) Lookup(id string) (Article, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Article{}, false
	}
	return g.window[i], true
}

// Relation says how two generated articles are related, given their
// labels.
func (g *Generator) Relation(a, b Label) Relation {
	if a.family == b.family {
		return SameFamily
	}
	if a.real < 0 || b.real < 0 || a.real == b.real {
		return Unrelated
	}
	i, j := int(min(a.real, b.real)), int(max(a.real, b.real))
	if _, ok := g.pool.overlap[[2]int{i, j}]; ok {
		return PartialOverlap
	}
	if g.pool.reals[i].story == g.pool.reals[j].story {
		return HardNonCopy
	}
	return Unrelated
}

func (g *Generator) remember(a Article) {
	if len(g.window) < g.opt.Window {
		g.byID[a.ID] = len(g.window)
		g.window = append(g.window, a)
		return
	}
	delete(g.byID, g.window[g.slot].ID)
	g.window[g.slot] = a
	g.byID[a.ID] = g.slot
	g.slot = (g.slot + 1) % len(g.window)
}

// stamp fills what every article has: its ID, outlet, address and time.
func (g *Generator) stamp(a *Article) {
	a.Seq = g.seq
	a.ID = "g" + strconv.Itoa(g.seq)
	outlet := outlets[g.rng.IntN(len(outlets))]
	a.Source = outlet
	a.URL = "https://" + outletDomain(outlet) + "/news/" + strconv.Itoa(g.seq)
	// One article every 45 seconds from a fixed start: deterministic,
	// and copies come after what they copy.
	a.Published = streamStart.Add(time.Duration(g.seq) * 45 * time.Second)
	if a.Input == "" {
		a.Input = "corpus"
	}
}

var streamStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func (g *Generator) real(i int) Article {
	r := g.pool.reals[i]
	// Real families are numbered below zero, generated ones by the Seq
	// of their original.
	a := Article{Story: r.story, Topic: r.topic, Real: true, label: Label{family: -1 - int32(r.family), real: int32(i)}}
	a.Title = r.title
	a.Text = strings.Join(r.paragraphs, "\n")
	a.Family = "real:" + g.pool.reals[r.family].id
	a.Input = r.id
	if r.topic != "" {
		a.Input = "ecbplus:" + r.id
	}
	g.stamp(&a)
	return a
}

// original assembles a new article: a headline of a random ECB+ story,
// sentences of the story up to StoryShare of the words and of the whole
// pool for the rest, in random order, grouped into paragraphs of one to
// three, up to a length drawn from the real articles' lengths.
func (g *Generator) original() Article {
	p := g.pool
	story := p.stories[g.rng.IntN(len(p.stories))]
	units := p.units[story]
	target := min(max(p.lengths[g.rng.IntN(len(p.lengths))], minOriginalWords), maxOriginalWords)
	clear(g.used)
	var sentences []string
	words := 0
	add := func(u unit) {
		if !g.used[u.text] {
			g.used[u.text] = true
			sentences = append(sentences, u.text)
			words += u.words
		}
	}
	storyBudget := int(g.opt.StoryShare * float64(target))
	for n := 0; n < len(units)/4 && words < storyBudget; n++ {
		if u := g.pick(units); words+u.words <= storyBudget {
			add(u)
		}
	}
	for words < target {
		add(g.pick(p.global))
	}
	// In random order: a lead always from the story would make the
	// excerpts of two originals of a small story share their opening.
	g.rng.Shuffle(len(sentences), func(i, j int) { sentences[i], sentences[j] = sentences[j], sentences[i] })
	var paragraphs []string
	for len(sentences) > 0 {
		n := min(len(sentences), 1+g.rng.IntN(3))
		paragraphs = append(paragraphs, strings.Join(sentences[:n], " "))
		sentences = sentences[n:]
	}
	a := Article{Story: story, label: Label{family: int32(g.seq), real: -1}}
	if titles := p.titles[story]; len(titles) > 0 {
		a.Title = titles[g.rng.IntN(len(titles))]
	} else {
		a.Title = g.headlineFromLead(paragraphs[0])
	}
	a.Text = strings.Join(paragraphs, "\n")
	g.stamp(&a)
	a.Family = a.ID
	a.Topic = topicOf(story)
	return a
}

// Bounds on an original's length in words. Real reports run from one
// sentence to thousands of words; the generated ones stay in the range
// where most news is.
const (
	minOriginalWords = 100
	maxOriginalWords = 2000
)

func (g *Generator) pick(units []unit) unit { return units[g.rng.IntN(len(units))] }

// topicOf returns the ECB+ topic of a story: "12" of "12_ecbplus".
func topicOf(story string) string {
	if i := strings.IndexByte(story, '_'); i > 0 {
		return story[:i]
	}
	return ""
}

func (g *Generator) copyOf(src Article) Article {
	u := g.rng.Float64() * g.mix[len(g.mix)-1].cumulative
	edit := g.mix[len(g.mix)-1].edit
	for _, m := range g.mix {
		if u < m.cumulative {
			edit = m.edit
			break
		}
	}
	a := Article{Story: src.Story, Topic: src.Topic, Family: src.Family, CopyOf: src.ID, Edit: edit, label: src.label}
	a.Title = src.Title
	paragraphs := strings.Split(src.Text, "\n")
	switch edit {
	case NewHeadline:
		a.Title = g.newHeadline(src)
	case ExtraParagraph:
		paragraphs = g.extraParagraph(src.Story, paragraphs)
	case WordEdits:
		paragraphs = g.editWords(paragraphs)
	case Truncated:
		paragraphs = g.cut(paragraphs, 0.90+0.07*g.rng.Float64())
	case Excerpt:
		// At least 40 words: shorter, the excerpts of two originals
		// sharing a headline and a sentence would be alike.
		share := 0.35 + 0.30*g.rng.Float64()
		paragraphs = g.cut(paragraphs, max(share, 40/float64(max(countWords(paragraphs), 1))))
	}
	a.Text = strings.Join(paragraphs, "\n")
	g.stamp(&a)
	for a.Source == src.Source { // a copy appears in another outlet
		a.Source = outlets[g.rng.IntN(len(outlets))]
	}
	a.URL = "https://" + outletDomain(a.Source) + "/news/" + strconv.Itoa(a.Seq)
	return a
}

// outlets are invented names: the generator must not pass off synthetic
// text as a real outlet's.
var outlets = []string{
	"The Morning Ledger", "Harbour Gazette", "Valley Courier", "Northgate Times",
	"The Daily Lantern", "Riverside Post", "Coastline Herald", "Metro Dispatch",
	"The Evening Beacon", "Highland Observer", "Capital Wire Review", "Lakeshore Tribune",
	"The Weekly Compass", "Eastbridge Chronicle", "Summit News", "Prairie Record",
	"The Open Sentinel", "Southport Mercury", "Old Town Bulletin", "Westfield Journal",
	"The Civic Mirror", "Granite Press", "Bayview Examiner", "The Pioneer Standard",
}

func outletDomain(name string) string {
	slug := strings.ToLower(strings.TrimPrefix(name, "The "))
	return strings.ReplaceAll(slug, " ", "") + ".example"
}
