package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/text"
)

// Files read from Options.DataDir.
const (
	ecbPlusFile    = "ecbplus/dev-topics-1-35.jsonl"
	extractionFile = "article-extraction/ground-truth.json"
)

// unit is a sentence originals are built from.
type unit struct {
	text  string
	words int
}

// realArticle is one article of a data set as published.
type realArticle struct {
	id         string // the data set's identifier
	topic      string // ECB+ topic; "" for the extraction benchmark
	story      string
	title      string
	paragraphs []string
	family     int // index of the first real article of its copy family
}

// pool holds the material originals are assembled from.
type pool struct {
	reals   []realArticle
	stories []string            // ECB+ stories, in file order
	units   map[string][]unit   // story -> its distinct sentences
	titles  map[string][]string // story -> its distinct headlines
	global  []unit              // every distinct sentence of both data sets
	lengths []int               // body lengths in words of the real articles
	// overlap holds, for pairs of real articles (lower index first) whose
	// word-shingle Jaccard similarity is at least partialOverlap, that
	// similarity.
	overlap map[[2]int]float64
}

// Thresholds on the exact 3-word-shingle Jaccard similarity of two real
// articles. ECB+ holds genuine copies (outlets printing one wire story),
// which must not be labelled independent.
const (
	// copyOverlap and above: the two print the same story, edited; they
	// form one family.
	copyOverlap = 0.5
	// partialOverlap up to copyOverlap: they share passages; neither
	// copies nor independent.
	partialOverlap = 0.2
)

func loadPool(dir string) (*pool, error) {
	p := &pool{units: map[string][]unit{}, titles: map[string][]string{}, overlap: map[[2]int]float64{}}
	if err := p.loadECBPlus(filepath.Join(dir, ecbPlusFile)); err != nil {
		return nil, err
	}
	if err := p.loadExtraction(filepath.Join(dir, extractionFile)); err != nil {
		return nil, err
	}
	p.buildUnits()
	p.findRealCopies()
	return p, nil
}

func (p *pool) loadECBPlus(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	seenStory := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			ID, Topic, Story, Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("corpus: %s:%d: %w", file, line, err)
		}
		lines := nonEmptyLines(rec.Text)
		// ECB+ repeats the headline as the first line of the text; 51
		// of its articles are that one sentence, which is then the
		// body too.
		if len(lines) > 1 && lines[0] == strings.TrimSpace(rec.Title) {
			lines = lines[1:]
		}
		if len(lines) == 0 || rec.Story == "" {
			continue
		}
		p.reals = append(p.reals, realArticle{id: rec.ID, topic: rec.Topic, story: rec.Story, title: strings.TrimSpace(rec.Title), paragraphs: lines})
		if !seenStory[rec.Story] {
			seenStory[rec.Story] = true
			p.stories = append(p.stories, rec.Story)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("corpus: %s: %w", file, err)
	}
	if len(p.stories) == 0 {
		return fmt.Errorf("corpus: %s holds no articles", file)
	}
	return nil
}

func (p *pool) loadExtraction(file string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	var pages map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &pages); err != nil {
		return fmt.Errorf("corpus: %s: %w", file, err)
	}
	keys := make([]string, 0, len(pages))
	for k := range pages {
		keys = append(keys, k)
	}
	slices.Sort(keys) // map order is random; the corpus must not be
	for _, k := range keys {
		paragraphs := nonEmptyLines(pages[k].ArticleBody)
		if len(paragraphs) == 0 {
			continue
		}
		short := k[:min(len(k), 8)]
		p.reals = append(p.reals, realArticle{
			id:         "extraction:" + short,
			story:      "extraction:" + short, // each page is its own story
			title:      titleFromURL(pages[k].URL, paragraphs[0]),
			paragraphs: paragraphs,
		})
	}
	return nil
}

// buildUnits collects the distinct sentences of every story and of the
// whole pool, the headlines of each story and the length of each article,
// and keeps as stories of originals those with sentences enough.
func (p *pool) buildUnits() {
	seenGlobal := map[string]bool{}
	seenStory := map[string]map[string]bool{}
	for _, r := range p.reals {
		var own []unit
		words := 0
		for _, para := range r.paragraphs {
			words += len(strings.Fields(para))
			for _, s := range sentences(r, para) {
				if u := (unit{text: s, words: len(strings.Fields(s))}); u.words >= minUnitWords {
					own = append(own, u)
				}
			}
		}
		p.lengths = append(p.lengths, words)
		// An original that borrowed the sentences of a report this
		// short would all but reproduce it, and an excerpt of that
		// original would be a copy of the report that the ground truth
		// does not know of: short reports lend nothing.
		if len(own) < minLendingSentences {
			continue
		}
		if n := len(strings.Fields(r.title)); n > 0 && n <= maxHeadlineWords && !slices.Contains(p.titles[r.story], r.title) {
			p.titles[r.story] = append(p.titles[r.story], r.title)
		}
		if seenStory[r.story] == nil {
			seenStory[r.story] = map[string]bool{}
		}
		for _, u := range own {
			key := text.Fold(u.text)
			if !seenStory[r.story][key] {
				seenStory[r.story][key] = true
				p.units[r.story] = append(p.units[r.story], u)
			}
			if !seenGlobal[key] {
				seenGlobal[key] = true
				p.global = append(p.global, u)
			}
		}
	}
	p.stories = slices.DeleteFunc(p.stories, func(story string) bool { return len(p.units[story]) < minStorySentences })
}

// minLendingSentences is the least number of sentences a real report must
// have to lend them to originals.
const minLendingSentences = 4

// minStorySentences is the least number of distinct sentences a story needs
// to have originals: with fewer, its originals would repeat each other.
const minStorySentences = 12

// sentences splits a paragraph into sentences. ECB+ gives one sentence a
// line already.
func sentences(r realArticle, paragraph string) []string {
	if r.topic != "" {
		return []string{paragraph}
	}
	var out []string
	for _, span := range text.SplitSentences(paragraph) {
		out = append(out, strings.TrimSpace(paragraph[span.Start:span.End]))
	}
	return out
}

// maxHeadlineWords keeps out of the headlines the "titles" of the ECB+
// articles that are one sentence long: they are that sentence.
const maxHeadlineWords = 16

// minUnitWords keeps fragments ("Advertisement", "Photo: Reuters") out of
// the sentences originals are built from.
const minUnitWords = 4

// findRealCopies measures the exact shingle Jaccard similarity of every two
// real articles of the same ECB+ topic (copying across topics does not
// occur in ECB+) and joins into one family those that print the same
// story.
func (p *pool) findRealCopies() {
	sets := make([]map[string]struct{}, len(p.reals))
	for i, r := range p.reals {
		sets[i] = shingles(r.title + "\n" + strings.Join(r.paragraphs, "\n"))
		p.reals[i].family = i
	}
	parent := make([]int, len(p.reals))
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range p.reals {
		for j := i + 1; j < len(p.reals); j++ {
			if p.reals[i].topic == "" || p.reals[i].topic != p.reals[j].topic {
				continue
			}
			jac := jaccard(sets[i], sets[j])
			if jac < partialOverlap {
				continue
			}
			p.overlap[[2]int{i, j}] = jac
			if jac >= copyOverlap {
				a, b := root(i), root(j)
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	for i := range p.reals {
		p.reals[i].family = root(i)
	}
}

// shingles returns the set of 3-word shingles of the folded words of s.
func shingles(s string) map[string]struct{} {
	tokens := text.Tokenize(s, 0)
	set := map[string]struct{}{}
	if len(tokens) < 3 {
		var all []string
		for _, t := range tokens {
			all = append(all, t.Norm)
		}
		if len(all) > 0 {
			set[strings.Join(all, " ")] = struct{}{}
		}
		return set
	}
	for i := 0; i+3 <= len(tokens); i++ {
		set[tokens[i].Norm+" "+tokens[i+1].Norm+" "+tokens[i+2].Norm] = struct{}{}
	}
	return set
}

func jaccard(a, b map[string]struct{}) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	shared := 0
	for s := range a {
		if _, ok := b[s]; ok {
			shared++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// titleFromURL makes a headline of the page's URL slug ("new-suvs-and-
// electric-vehicles-14848164.php" gives "New suvs and electric vehicles"),
// or of the first words of the body when the URL has none.
func titleFromURL(rawURL, firstParagraph string) string {
	var words []string
	if u, err := url.Parse(rawURL); err == nil {
		slug := strings.TrimSuffix(path.Base(strings.TrimSuffix(u.Path, "/")), path.Ext(u.Path))
		for _, w := range strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' }) {
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				words = append(words, w)
			}
		}
	}
	if len(words) < 3 {
		words = strings.Fields(firstParagraph)
		words = words[:min(len(words), 10)]
	}
	return capitalize(strings.Join(words, " "))
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
