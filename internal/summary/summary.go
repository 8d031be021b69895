// Package summary tells a story at a glance: a summary whose every sentence cites its sources by origin, and a dated timeline.
package summary

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// Options bound the summary's length.
type Options struct {
	MaxSentences int // at most this many lines; 0 means DefaultMaxSentences
	MaxWords     int // at most this many words in all; 0 means no word budget
}

// DefaultMaxSentences is the summary length when Options leave it unset:
// enough to tell a story, short enough to read at a glance.
const DefaultMaxSentences = 8

// Candidate sentences outside these lengths are left out: shorter ones are
// captions and fragments, longer ones run-ons that rarely read well alone.
const (
	minWords = 8
	maxWords = 45
)

// maxContested is how many disagreements the summary keeps visible: enough
// to show the story is disputed without crowding out what is established.
const maxContested = 2

// contextOpeners are first words that point back at a sentence the reader
// of a summary will not have seen.
var contextOpeners = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "meanwhile": true, "however": true,
	"but": true, "also": true, "this": true, "that": true, "these": true, "those": true,
	"his": true, "her": true, "their": true, "its": true, "and": true, "still": true,
	"instead": true, "nevertheless": true, "moreover": true, "furthermore": true,
}

// candidate is one sentence that may enter the summary.
type candidate struct {
	doc      *article.Document
	index    int // sentence index in doc
	text     string
	words    map[string]bool
	support  []string // ids of the articles that say the same
	origins  int
	central  float64
	position int
}

// Summarize returns an extractive summary of the analysed story: the
// sentences the most independent origins support first, no two saying the
// same thing, then the main disagreements as contested lines. Every line
// cites every article that supports it, grouped by origin.
func Summarize(a *article.Analysis, opt Options) []article.SummaryLine {
	out := []article.SummaryLine{}
	if a == nil || a.Story == nil {
		return out
	}
	limit := opt.MaxSentences
	if limit <= 0 {
		limit = DefaultMaxSentences
	}
	docs := sortedDocs(a.Story.Documents)
	origin := originIndex(a.Provenance.Origins)
	index := newSentenceIndex(docs)
	persons := personNames(a.Entities)

	var cands []*candidate
	for _, d := range docs {
		for i := range d.Sentences {
			if c := newCandidate(d, i, persons); c != nil {
				cands = append(cands, c)
			}
		}
	}
	df := documentFrequency(index)
	for _, c := range cands {
		c.support = index.supporters(c.words)
		if !slices.Contains(c.support, c.doc.ID) {
			c.support = append(c.support, c.doc.ID)
			slices.Sort(c.support)
		}
		c.origins = len(groupByOrigin(c.support, origin))
		c.central = centrality(c.words, df, len(docs))
	}
	slices.SortStableFunc(cands, func(x, y *candidate) int {
		if x.origins != y.origins {
			return y.origins - x.origins
		}
		if x.central != y.central {
			return cmp.Compare(y.central, x.central)
		}
		if x.position != y.position {
			return x.position - y.position
		}
		return strings.Compare(x.doc.ID, y.doc.ID)
	})

	contested := contestedLines(a.Conflicts, origin)
	consensusRoom := limit - len(contested)
	if consensusRoom < 1 {
		// The lead is what is established; a disagreement never takes its place.
		consensusRoom = 1
	}
	words := 0
	var chosen []*candidate
	for _, c := range cands {
		if len(chosen) >= consensusRoom {
			break
		}
		if opt.MaxWords > 0 && words+wordCount(c.text) > opt.MaxWords {
			continue
		}
		if redundant(c, chosen) {
			continue
		}
		chosen = append(chosen, c)
		words += wordCount(c.text)
	}
	for _, c := range chosen {
		out = append(out, article.SummaryLine{Text: c.text, Sources: c.support, Origins: groupByOrigin(c.support, origin)})
	}
	for _, l := range contested {
		if len(out) >= limit || opt.MaxWords > 0 && words+wordCount(l.Text) > opt.MaxWords {
			break
		}
		out = append(out, l)
		words += wordCount(l.Text)
	}
	return out
}

// Supports reports whether d holds a sentence that says what sentence says,
// by the measure Summarize uses to cite it.
func Supports(d *article.Document, sentence string) bool {
	if d == nil {
		return false
	}
	want := contentWords(text.Tokenize(sentence, 0))
	for i := range d.Sentences {
		if Similar(want, contentWords(d.Sentences[i].Tokens)) {
			return true
		}
	}
	return false
}

// Similar reports whether two sentences' content-word sets say the same
// thing. Reports of one event paraphrase each other, so a third of their
// words in common is already strong evidence; at least minShared words must
// be shared, so that two short sentences of common words do not match.
func Similar(a, b map[string]bool) bool {
	return Similarity(a, b) >= supportThreshold && shared(a, b) >= minShared && !differentFigures(a, b)
}

// differentFigures reports two sentences that both state figures and share
// none: "displaced 370,000" does not support "displaced 300,000", however
// alike the words around the figures.
func differentFigures(a, b map[string]bool) bool {
	fa, fb := figures(a), figures(b)
	if len(fa) == 0 || len(fb) == 0 {
		return false
	}
	for _, f := range fa {
		if b[f] {
			return false
		}
	}
	return true
}

func figures(words map[string]bool) []string {
	var out []string
	for w := range words {
		if w != "" && unicode.IsDigit(rune(w[0])) {
			out = append(out, w)
		}
	}
	return out
}

// supportThreshold and minShared were set on paraphrases of one event by
// different outlets, which share 0.33 to 0.45 of their content words, while
// unrelated sentences of one story rarely reach 0.3.
const (
	supportThreshold = 0.33
	minShared        = 4
)

// Similarity is the larger of the Jaccard overlap of two content-word sets
// and, when both are long enough to be informative, their containment
// discounted so that 80% containment counts as much as a Jaccard of 0.5: a
// rewrite that adds a clause still says what the shorter sentence says.
func Similarity(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := shared(a, b)
	jaccard := float64(n) / float64(len(a)+len(b)-n)
	small := min(len(a), len(b))
	if small < 6 {
		return jaccard
	}
	contained := float64(n) / float64(small) * 0.5 / 0.8
	return max(jaccard, min(contained, 1))
}

func shared(a, b map[string]bool) int {
	if len(b) < len(a) {
		a, b = b, a
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n
}

// ContentWords returns the folded content words of a sentence, the unit of
// every comparison in this package.
func ContentWords(sentence string) map[string]bool {
	return contentWords(text.Tokenize(sentence, 0))
}

func contentWords(toks []article.Token) map[string]bool {
	m := map[string]bool{}
	for _, t := range toks {
		if t.Norm == "" || stopwords[t.Norm] {
			continue
		}
		m[t.Norm] = true
	}
	return m
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of to in on at by for from with as into onto over under
		is are was were be been being has have had do does did will would shall should can could may might must
		it its it's this that these those he she they them his her their we us our you your i me my
		who whom which what when where why how not no nor so than then there here also just very
		said says say told according about after before while during since until up down out off
		s t'`) {
		m[w] = true
	}
	return m
}()

// sentenceIndex holds every document's sentences as content-word sets.
type sentenceIndex struct {
	docs  []*article.Document
	words [][]map[string]bool // per document, per sentence
	// postings lists, for each word, the sentences using it (as positions
	// in where), so that supporters compares a sentence only with those
	// that share enough words to be Similar at all.
	postings map[string][]int32
	where    []sentenceRef
	shared   []int32 // scratch: words shared with the sentence in question
}

type sentenceRef struct{ doc, sentence int32 }

func newSentenceIndex(docs []*article.Document) *sentenceIndex {
	ix := &sentenceIndex{docs: docs}
	for _, d := range docs {
		var ws []map[string]bool
		for _, s := range d.Sentences {
			if s.Heading {
				ws = append(ws, nil)
				continue
			}
			ws = append(ws, contentWords(s.Tokens))
		}
		ix.words = append(ix.words, ws)
	}
	ix.postings = map[string][]int32{}
	for di, ws := range ix.words {
		for si, words := range ws {
			if words == nil {
				continue
			}
			at := int32(len(ix.where))
			ix.where = append(ix.where, sentenceRef{int32(di), int32(si)})
			for w := range words {
				ix.postings[w] = append(ix.postings[w], at)
			}
		}
	}
	ix.shared = make([]int32, len(ix.where))
	return ix
}

// supporters returns the ids, sorted, of the documents holding a sentence
// similar to words.
func (ix *sentenceIndex) supporters(words map[string]bool) []string {
	var touched []int32
	for w := range words {
		for _, at := range ix.postings[w] {
			if ix.shared[at] == 0 {
				touched = append(touched, at)
			}
			ix.shared[at]++
		}
	}
	found := map[int32]bool{}
	var ids []string
	for _, at := range touched {
		n := ix.shared[at]
		ix.shared[at] = 0
		ref := ix.where[at]
		// Similar needs minShared words in common: the others cannot pass.
		if n < minShared || found[ref.doc] {
			continue
		}
		if Similar(words, ix.words[ref.doc][ref.sentence]) {
			found[ref.doc] = true
			ids = append(ids, ix.docs[ref.doc].ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// documentFrequency counts, for each content word, the documents using it:
// the story's centroid, against which a sentence's centrality is measured.
func documentFrequency(ix *sentenceIndex) map[string]int {
	df := map[string]int{}
	for di := range ix.docs {
		seen := map[string]bool{}
		for _, ws := range ix.words[di] {
			for w := range ws {
				seen[w] = true
			}
		}
		for w := range seen {
			df[w]++
		}
	}
	return df
}

// centrality is the mean share of documents using each of the sentence's
// words: a sentence made of the story's common vocabulary is about the
// story, not about a side detail of one report.
func centrality(words map[string]bool, df map[string]int, docs int) float64 {
	if len(words) == 0 || docs == 0 {
		return 0
	}
	sum := 0
	for w := range words {
		sum += df[w]
	}
	return float64(sum) / float64(len(words)*docs)
}

// newCandidate returns sentence i of d as a summary candidate, repaired
// when it opens with a pronoun whose antecedent is known, or nil when it
// cannot stand alone.
func newCandidate(d *article.Document, i int, persons []string) *candidate {
	s := d.Sentences[i]
	if s.Heading || len(s.Tokens) < minWords || len(s.Tokens) > maxWords {
		return nil
	}
	t := strings.TrimSpace(d.SentenceText(i))
	if !endsSentence(t) || quoteOnly(t) || captionLike(t) {
		return nil
	}
	first := s.Tokens[0].Norm
	if contextOpeners[first] {
		name := ""
		if first == "he" || first == "she" {
			name = antecedent(d, i, persons)
		}
		if name == "" {
			return nil
		}
		_, size := firstWord(t)
		t = name + t[size:]
	}
	toks := text.Tokenize(t, 0)
	return &candidate{doc: d, index: i, text: t, words: contentWords(toks), position: i}
}

// firstWord returns the sentence's first word and its length in bytes.
func firstWord(s string) (string, int) {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return s[:end], end
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?'
}

// quoteOnly reports a sentence that is nothing but a quotation: out of its
// article it has no speaker.
func quoteOnly(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '“' || r == '‘' || r == '\''
}

// captionLike reports a photo caption: a line that ends with its date
// ("... in the city, December 6, 2024.").
func captionLike(s string) bool {
	dates := text.Dates(s)
	if len(dates) == 0 {
		return false
	}
	last := dates[len(dates)-1]
	return len(strings.TrimSpace(s[last.End:])) <= 1 && strings.Contains(s[:last.Start], ",")
}

// antecedent returns the person the nearest earlier sentence of d names,
// when it names exactly one; "" otherwise, as guessing would misattribute.
func antecedent(d *article.Document, i int, persons []string) string {
	for j := i - 1; j >= 0; j-- {
		s := d.SentenceText(j)
		var found []string
		for _, p := range persons {
			if containsWord(s, p) && !slices.Contains(found, p) {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0]
		}
		return ""
	}
	return ""
}

// personNames lists the full names of the story's people, longest first, so
// that a short form never shadows the full name.
func personNames(entities []article.Entity) []string {
	var names []string
	for _, e := range entities {
		if e.Type == "person" && strings.Contains(e.Name, " ") {
			names = append(names, e.Name)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return names
}

func containsWord(s, w string) bool {
	for from := 0; ; {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return false
		}
		start, end := from+k, from+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !unicode.IsLetter(before)) && (end == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		from = end
	}
}

func redundant(c *candidate, chosen []*candidate) bool {
	for _, o := range chosen {
		if Similar(c.words, o.words) {
			return true
		}
	}
	return false
}

// contestedLines states the main conflicts, those backed by the most
// origins first, each citing every article on every side.
func contestedLines(conflicts []article.Comparison, origin map[string]int) []article.SummaryLine {
	cs := slices.Clone(conflicts)
	slices.SortStableFunc(cs, func(x, y article.Comparison) int { return y.Origins - x.Origins })
	var out []article.SummaryLine
	for _, c := range cs {
		if len(out) >= maxContested {
			break
		}
		if c.Verdict != article.Conflict || len(c.Sides) < 2 {
			continue
		}
		var parts []string
		var ids []string
		for _, s := range c.Sides {
			sources := slices.Clone(s.Articles)
			slices.Sort(sources)
			parts = append(parts, s.Value+" ("+strings.Join(sources, ", ")+")")
			ids = append(ids, sources...)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		about := strings.TrimSpace(c.About)
		if about == "" {
			about = "a detail"
		}
		line := "Reports differ on " + about + ": " + strings.Join(parts, " against ") + "."
		out = append(out, article.SummaryLine{Text: line, Sources: ids, Origins: groupByOrigin(ids, origin)})
	}
	return out
}

// originIndex maps each article id to the index of its origin.
func originIndex(origins [][]string) map[string]int {
	m := map[string]int{}
	for i, o := range origins {
		for _, id := range o {
			m[id] = i
		}
	}
	return m
}

// groupByOrigin groups ids by origin, in the order origins are listed; an
// article the provenance stage did not place is its own origin.
func groupByOrigin(ids []string, origin map[string]int) [][]string {
	groups := map[int][]string{}
	var alone [][]string
	for _, id := range ids {
		if o, ok := origin[id]; ok {
			groups[o] = append(groups[o], id)
		} else {
			alone = append(alone, []string{id})
		}
	}
	keys := make([]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := [][]string{}
	for _, k := range keys {
		g := groups[k]
		slices.Sort(g)
		out = append(out, g)
	}
	return append(out, alone...)
}

func sortedDocs(docs []*article.Document) []*article.Document {
	out := make([]*article.Document, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b *article.Document) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func wordCount(s string) int { return len(strings.Fields(s)) }
