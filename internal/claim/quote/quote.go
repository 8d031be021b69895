// Package quote finds what an article quotes and who said it: direct quotes, fragments and reported speech, with the speaker resolved to the story's names.
package quote

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/text"
)

// Quote is one thing an article quotes, or reports someone saying.
type Quote struct {
	Sentence    int          // the sentence holding the quote's opening
	Span        article.Span // the quoted words, without the marks
	Text        string
	Speaker     string       // resolved full name, or the words as written when unresolved
	SpeakerSpan article.Span // the attribution's words for the speaker; zero when none was found
	Resolved    bool         // Speaker names an entity of the article
	Reported    bool         // reported speech: "X said (that) ..." without quote marks
	Fragment    bool         // one to three quoted words: a scare quote or a quoted phrase
}

//go:embed verbs.txt
var verbData string

//go:embed words.txt
var wordData string

// sections reads a data file of "[name]" sections, one entry a line.
func sections(data string) map[string][]string {
	out := map[string][]string{}
	cur := ""
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = line[1 : len(line)-1]
		case cur != "":
			out[cur] = append(out[cur], line)
		}
	}
	return out
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	verbSections = sections(verbData)
	wordSections = sections(wordData)

	reportedVerbs   = set(verbSections["reported"])
	participleVerbs = set(verbSections["participle"])
	speechVerbs     = func() map[string]bool {
		m := set(verbSections["speech"])
		for w := range reportedVerbs {
			m[w] = true
		}
		for w := range participleVerbs {
			m[w] = true
		}
		return m
	}()
	determiners   = set(wordSections["determiner"])
	adverbs       = set(wordSections["adverb"])
	orgHeads      = set(wordSections["organisation"])
	clauseStops   = set(wordSections["clausestop"])
	functionWords = set(wordSections["function"])
	notSubject    = set(wordSections["notsubject"])
	// sameRole maps a title word to the words of its role family, so that
	// "the spokeswoman" finds a person introduced as a spokesperson.
	sameRole = func() map[string][]string {
		m := map[string][]string{}
		for _, line := range wordSections["same"] {
			words := strings.Fields(line)
			for _, w := range words {
				m[w] = words
			}
		}
		return m
	}()
)

// Quote marks. The straight mark opens or closes by position; a curly or
// angled one says which it is. Single quotes are left alone: they are
// apostrophes far more often than quote marks ("Assad's", "don't").
func markKind(r rune) (opener, closer bool) {
	switch r {
	case '"':
		return true, true
	case '“', '„', '«':
		return true, false
	case '”', '»':
		return false, true
	}
	return false, false
}

// maxAttributionTokens is how far from a quote its attribution may lie:
// "...," Russian Foreign Minister Sergei Lavrov said has five words before
// the verb; farther, the verb belongs to another clause.
const maxAttributionTokens = 8

// extractor holds one document's analysis while its quotes are read.
type extractor struct {
	d        *article.Document
	toks     []tok // every token of the document, in order
	mentions []entity.Mention
	quoted   []article.Span // spans of the direct quotes, to skip names inside them
	roles    map[string][]string
	paraEnd  map[int]int       // paragraph index -> end of its line
	names    map[string]string // family name -> fuller name, memoised
	// last is the latest direct quote given a named speaker, which a
	// "he added" with no person named nearby continues.
	last *Quote
	// lastBody is the latest organisation given as a speaker, named or
	// as written ("the defence ministry said"), which a later "it said"
	// refers to when no organisation is named after it.
	lastBody *bodySpeaker
}

type bodySpeaker struct {
	name     string
	resolved bool
	at       int
}

// noteBody records an organisation speaking at byte at.
func (x *extractor) noteBody(name string, resolved bool, at int) {
	if x.lastBody == nil || at > x.lastBody.at {
		x.lastBody = &bodySpeaker{name, resolved, at}
	}
}

// tok is a token with the sentence and paragraph it belongs to.
type tok struct {
	article.Token
	sentence, paragraph int
}

// raw is one pair of marks found in a paragraph.
type raw struct {
	open, inner, close, after int // opening mark, first quoted byte, closing mark, first byte after it
	closed                    bool
	paragraph                 int
	continues                 bool // continues the quote of the previous paragraph
	// start is the opening of the whole quote when it runs over several
	// paragraphs: "he" refers to someone named before that.
	start int
}

// Extract returns the quotes of d in text order. It is a pure function of
// the document and never panics on malformed spans.
func Extract(d *article.Document) []Quote {
	if d == nil || d.Text == "" {
		return nil
	}
	return ExtractWith(d, entity.Mentions(d))
}

// ExtractWith is Extract given the document's entity mentions.
func ExtractWith(d *article.Document, mentions []entity.Mention) []Quote {
	if d == nil || d.Text == "" {
		return nil
	}
	x := &extractor{d: d, roles: map[string][]string{}, paraEnd: map[int]int{}, names: map[string]string{},
		toks: make([]tok, 0, len(d.Text)/5+1)}
	for si, s := range d.Sentences {
		if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
			continue
		}
		for _, t := range s.Tokens {
			if t.Start >= s.Start && t.End <= s.End && t.Start < t.End {
				x.toks = append(x.toks, tok{Token: t, sentence: si, paragraph: s.Paragraph})
			}
		}
	}
	sort.SliceStable(x.toks, func(i, j int) bool { return x.toks[i].Start < x.toks[j].Start })
	for _, m := range mentions {
		if m.Span.Start < 0 || m.Span.End > len(d.Text) || m.Span.Start >= m.Span.End {
			continue
		}
		x.mentions = append(x.mentions, m)
	}
	sort.SliceStable(x.mentions, func(i, j int) bool { return x.mentions[i].Span.Start < x.mentions[j].Span.Start })
	for _, m := range x.mentions {
		if m.Type == entity.Person && m.Role != "" {
			name := x.fullName(m)
			x.roles[name] = append(x.roles[name], text.Fold(m.Role))
		}
	}

	raws := x.findMarks()
	for _, r := range raws {
		x.quoted = append(x.quoted, article.Span{Start: r.inner, End: r.close})
	}
	var out []Quote
	pieceOf := make([]int, len(raws)) // raw index -> index in out, or -1
	for i, r := range raws {
		pieceOf[i] = -1
		span := trimQuoted(d.Text, r.inner, r.close)
		if span.Start >= span.End {
			continue
		}
		q := Quote{Span: span, Text: d.Text[span.Start:span.End], Sentence: x.sentenceAt(r.open)}
		words := x.tokenAt(span.End) - x.tokenAt(span.Start)
		if words == 0 && len(text.Tokenize(q.Text, 0)) == 0 {
			continue // marks around punctuation alone quote nothing
		}
		q.Fragment = words <= 3
		x.attribute(&q, raws, i)
		if q.Resolved && !q.Fragment {
			last := q
			x.last = &last
		}
		if q.Speaker == "" && !q.Fragment {
			// A quote standing alone continues the speaker of the quote
			// just before it: "...," he said. "And more."
			for k := len(out) - 1; k >= 0; k-- {
				p := out[k]
				if p.Reported || p.Fragment {
					continue
				}
				if x.paragraphOf(p.Span.Start) >= x.paragraphOf(q.Span.Start)-1 && p.Speaker != "" {
					q.Speaker, q.SpeakerSpan, q.Resolved = p.Speaker, p.SpeakerSpan, p.Resolved
				}
				break
			}
		}
		pieceOf[i] = len(out)
		out = append(out, q)
	}
	// A quote running over several paragraphs is attributed once, often at
	// its end: every piece takes the speaker found for any piece.
	for i := 0; i < len(raws); {
		j := i + 1
		for j < len(raws) && raws[j].continues {
			j++
		}
		if j-i > 1 {
			shareSpeaker(out, pieceOf[i:j])
		}
		i = j
	}
	out = append(out, x.reported()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// shareSpeaker gives the pieces of one multi-paragraph quote the speaker
// found for the first attributed piece.
func shareSpeaker(out []Quote, pieces []int) {
	var best *Quote
	for _, k := range pieces {
		if k < 0 {
			continue
		}
		if out[k].Speaker != "" && (best == nil || out[k].Resolved && !best.Resolved) {
			best = &out[k]
		}
	}
	if best == nil {
		return
	}
	b := *best
	for _, k := range pieces {
		if k < 0 {
			continue
		}
		if out[k].Speaker == "" || !out[k].Resolved && b.Resolved {
			out[k].Speaker, out[k].SpeakerSpan, out[k].Resolved = b.Speaker, b.SpeakerSpan, b.Resolved
		}
	}
}

// findMarks pairs the quote marks of each paragraph. A quote left open at
// a paragraph's end runs to it; when the next paragraph opens with a quote
// mark, the quote continues there, as news style writes a long quote.
func (x *extractor) findMarks() []raw {
	t := x.d.Text
	var out []raw
	paragraph := 0
	prevOpen := false // the previous paragraph ended inside a quote
	for start := 0; start <= len(t); {
		end := strings.IndexByte(t[start:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += start
		}
		line := t[start:end]
		if strings.TrimSpace(line) == "" {
			start = end + 1
			continue
		}
		x.paraEnd[paragraph] = end
		firstMark := true
		open := -1
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRuneInString(line[i:])
			opener, closer := markKind(r)
			if !opener && !closer {
				if r != ' ' && r != '\t' {
					firstMark = false
				}
				i += size
				continue
			}
			p := start + i
			switch {
			case open < 0 && opener:
				open = p
				r := raw{open: p, inner: p + size, paragraph: paragraph, continues: firstMark && prevOpen, start: p}
				if r.continues {
					r.start = out[len(out)-1].start
				}
				out = append(out, r)
			case open < 0:
				// A closing mark with nothing open: a stray, or the close of
				// a quote whose opening was lost in extraction.
			case opener && !closer:
				// An opening mark inside an open quote: the open one was
				// never closed, so it ends here and a new one begins.
				last := &out[len(out)-1]
				last.close, last.after = p, p
				open = p
				out = append(out, raw{open: p, inner: p + size, paragraph: paragraph, start: p})
			default:
				last := &out[len(out)-1]
				last.close, last.after, last.closed = p, p+size, true
				open = -1
			}
			firstMark = false
			i += size
		}
		prevOpen = open >= 0
		if open >= 0 {
			last := &out[len(out)-1]
			last.close, last.after = end, end
		}
		paragraph++
		start = end + 1
	}
	return out
}

// trimQuoted trims space and the comma a quote ends on before its
// attribution ("...," he said), which belongs to the sentence, not the quote.
func trimQuoted(t string, start, end int) article.Span {
	if end > len(t) {
		end = len(t)
	}
	for start < end && (t[start] == ' ' || t[start] == '\t' || t[start] == '\r') {
		start++
	}
	for end > start && strings.ContainsRune(" \t\r,", rune(t[end-1])) {
		end--
	}
	return article.Span{Start: start, End: end}
}

// sentenceAt is the index of the sentence holding byte p, or of the next
// sentence when p lies between sentences; 0 for an empty document.
func (x *extractor) sentenceAt(p int) int {
	ss := x.d.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > p })
	if i >= len(ss) {
		return max(len(ss)-1, 0)
	}
	return i
}

func (x *extractor) paragraphOf(p int) int {
	if len(x.d.Sentences) == 0 {
		return 0
	}
	return x.d.Sentences[x.sentenceAt(p)].Paragraph
}

// tokenAt is the index of the first token starting at or after p.
func (x *extractor) tokenAt(p int) int {
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].Start >= p })
}

// attribute finds the speaker of the direct quote q (raws[i]): first an
// attribution right after it ("...," X said), then one before it in its
// sentence (X said: "..."), then one after it further away.
func (x *extractor) attribute(q *Quote, raws []raw, i int) {
	r := raws[i]
	endsClause := r.closed && (strings.ContainsAny(lastRune(x.d.Text[r.inner:r.close]), ",.!?…") ||
		strings.HasPrefix(strings.TrimLeft(x.d.Text[r.after:], " "), ","))
	if endsClause && x.after(q, r) {
		return
	}
	if x.before(q, r) {
		return
	}
	if !endsClause && r.closed {
		x.after(q, r)
	}
}

func lastRune(s string) string {
	s = strings.TrimRight(s, " ")
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// after reads an attribution following the closing mark: "...," X said,
// "...," said X, "...," he added.
func (x *extractor) after(q *Quote, r raw) bool {
	lineEnd := x.paraEnd[r.paragraph]
	from := x.tokenAt(r.after)
	var ts []tok
	for k := from; k < len(x.toks) && len(ts) <= maxAttributionTokens; k++ {
		t := x.toks[k]
		if t.Start >= lineEnd || x.gapBreaks(prevEnd(x.toks, k, r.after), t.Start) {
			break
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 || notSubject[ts[0].Norm] {
		return false
	}
	for v, t := range ts {
		if !speechVerbs[t.Norm] || participleVerbs[t.Norm] {
			continue
		}
		if v == 0 {
			return x.subjectAfter(q, ts, v, true, r.start)
		}
		return x.subjectBefore(q, ts, v, r.start)
	}
	return false
}

func prevEnd(ts []tok, k, floor int) int {
	if k > 0 && ts[k-1].End > floor {
		return ts[k-1].End
	}
	return floor
}

// gapBreaks says whether the text between two tokens ends the attribution:
// a sentence end or a quote mark. A period after the closing mark ('"...".
// Haddad said later') ends the quote's sentence, so what follows it is
// not its attribution.
func (x *extractor) gapBreaks(from, to int) bool {
	if from > to || to > len(x.d.Text) {
		return true
	}
	for _, r := range x.d.Text[from:to] {
		if o, c := markKind(r); o || c {
			return true
		}
		if strings.ContainsRune(".!?;:\n", r) {
			return true
		}
	}
	return false
}

// before reads an attribution in the sentence before the opening mark, or
// in the sentence before when that ends on a colon: X said: "...",
// according to X, "...", X said the plan was "dead".
func (x *extractor) before(q *Quote, r raw) bool {
	si := x.sentenceAt(r.open)
	if si >= len(x.d.Sentences) {
		return false
	}
	start := x.d.Sentences[si].Start
	if start >= r.open && si > 0 && strings.HasSuffix(strings.TrimSpace(x.d.Text[x.d.Sentences[si-1].Start:x.d.Sentences[si-1].End]), ":") {
		start = x.d.Sentences[si-1].Start
	}
	if start > r.open {
		return false
	}
	lo, hi := x.tokenAt(start), x.tokenAt(r.open)
	// An attribution stands near the quote: a long sentence is read only
	// over its last words, which keeps pathological input linear.
	lo = max(lo, hi-40)
	var ts []tok
	for k := lo; k < hi; k++ {
		if !x.insideQuote(x.toks[k].Start) {
			ts = append(ts, x.toks[k])
		}
	}
	for v := len(ts) - 1; v >= 0; v-- {
		n := ts[v].Norm
		switch {
		case n == "according" && v+1 < len(ts) && ts[v+1].Norm == "to":
			return x.subjectAfter(q, ts, v+1, true, r.start)
		case participleVerbs[n]:
			return x.subjectOfClause(q, ts, v)
		case speechVerbs[n]:
			if x.subjectBefore(q, ts, v, r.start) {
				return true
			}
			// "..., said X:" inverted before a quote is rare: only a
			// name right after the verb is taken for its speaker.
			return x.subjectAfter(q, ts, v, false, r.start)
		}
	}
	return false
}

// insideQuote says whether byte p lies inside a direct quote. The quotes
// are in text order and do not overlap.
func (x *extractor) insideQuote(p int) bool {
	i := sort.Search(len(x.quoted), func(i int) bool { return x.quoted[i].End > p })
	return i < len(x.quoted) && x.quoted[i].Start <= p
}

// mentionFrom is the index of the first mention starting at or after p.
func (x *extractor) mentionFrom(p int) int {
	return sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].Span.Start >= p })
}

// subjectBefore finds the speaker in the words before the verb ts[v]: the
// nearer of a name and a pronoun or title ("he", "the minister").
func (x *extractor) subjectBefore(q *Quote, ts []tok, v int, anchor int) bool {
	verb := ts[v]
	// The nearest name ending before the verb, within the window.
	var best *entity.Mention
	bestAt := -1
	for k := x.mentionFrom(ts[max(0, v-maxAttributionTokens-8)].Start); k < len(x.mentions); k++ {
		m := &x.mentions[k]
		if m.Span.End > verb.Start {
			break
		}
		if !speakerType(m.Type) || x.insideQuote(m.Span.Start) {
			continue
		}
		at := lastTokenBefore(ts, m.Span.End)
		if at < 0 || v-at > maxAttributionTokens || ts[at].sentence != verb.sentence && ts[at].paragraph != verb.paragraph {
			continue
		}
		if at >= bestAt {
			best, bestAt = m, at
		}
	}
	// A pronoun or a title noun phrase right before the verb, past adverbs.
	k := v - 1
	for k >= 0 && adverbs[ts[k].Norm] {
		k--
	}
	if k >= 0 && (ts[k].Norm == "and" || ts[k].Norm == "but") {
		// "X called the capture historic and urged ...": the verb shares
		// the subject of the clause before it.
		return x.subjectOfClause(q, ts, v)
	}
	phraseAt := -1
	var phrase article.Span
	// A phrase set off by a comma ends an apposition or a relative
	// clause ("X, who cut short a visit abroad, said"): the subject is
	// further back.
	if k >= 0 && k >= bestAt && !strings.Contains(x.d.Text[ts[k].End:verb.Start], ",") {
		if isPronoun(ts[k].Norm) {
			phraseAt, phrase = k, ts[k].Span
		} else if start, ok := x.nounPhrase(ts, k); ok {
			phraseAt, phrase = k, article.Span{Start: ts[start].Start, End: ts[k].End}
		}
	}
	// "the Quell Observatory monitoring group said": a body named inside
	// a phrase whose head names a body is the speaker itself.
	if best != nil && phraseAt >= 0 && best.Span.End > phrase.Start && orgHeads[ts[phraseAt].Norm] && best.Type != entity.Country {
		phraseAt = -1
	}
	switch {
	case phraseAt >= 0 && phraseAt > bestAt:
		x.resolvePhrase(q, phrase, ts[phraseAt].Norm, anchor)
		return true
	case best != nil:
		x.setMention(q, best)
		return true
	}
	return false
}

// nounPhrase reads a noun phrase naming a speaker that ends with the
// common noun ts[k] ("the minister", "one senior U.S. official", "U.S.
// officials") and returns its first token. Names inside it only modify
// the head. A phrase needs a determiner, a name modifying it or a plural
// head: a bare singular noun is too often not a speaker.
func (x *extractor) nounPhrase(ts []tok, k int) (int, bool) {
	if !x.lower(ts[k]) || functionWords[ts[k].Norm] {
		return 0, false
	}
	start, modified := k, false
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if strings.ContainsAny(x.d.Text[ts[j].End:ts[j+1].Start], ",;:.!?\"“”()") {
			break
		}
		n := ts[j].Norm
		if determiners[n] || n == "one" {
			return j, true
		}
		if x.lower(ts[j]) && !functionWords[n] {
			start = j
			continue
		}
		if !x.lower(ts[j]) && !functionWords[n] && !isPronoun(n) && !speechVerbs[n] {
			start, modified = j, true
			continue
		}
		break
	}
	plural := strings.HasSuffix(ts[k].Norm, "s") && !strings.HasSuffix(ts[k].Norm, "ss")
	return start, modified || plural
}

// subjectAfter finds the speaker in the words after ts[v]: "said X",
// "said rebel commander X", "according to the ministry". Only with
// phrases does it take a pronoun or a title ("said the minister").
func (x *extractor) subjectAfter(q *Quote, ts []tok, v int, phrases bool, anchor int) bool {
	if v+1 >= len(ts) {
		return false
	}
	next := ts[v+1]
	// Up to three lower-case title words may stand before the name.
	limit := v + 1
	for limit+1 < len(ts) && limit < v+4 && x.lower(ts[limit]) && !functionWords[ts[limit].Norm] && !x.punctuated(ts[limit].End, ts[limit+1].Start) {
		limit++
	}
	for k := x.mentionFrom(next.Start); k < len(x.mentions); k++ {
		m := &x.mentions[k]
		if m.Span.Start > ts[limit].End {
			break
		}
		if speakerType(m.Type) && m.Span.Start >= next.Start && !x.insideQuote(m.Span.Start) {
			x.setMention(q, m)
			return true
		}
	}
	if !phrases {
		return false
	}
	if isPronoun(next.Norm) {
		x.resolvePhrase(q, next.Span, next.Norm, anchor)
		return true
	}
	if determiners[next.Norm] {
		// The phrase runs to the next punctuation, through "and":
		// "according to a monitor and a rebel commander, ...".
		end := v + 1
		for j := v + 2; j < len(ts) && j <= v+7 && !x.punctuated(ts[j-1].End, ts[j].Start) && !speechVerbs[ts[j].Norm]; j++ {
			if !x.lower(ts[j]) && !determiners[ts[j].Norm] && ts[j].Norm != "and" {
				break
			}
			end = j
		}
		for end > v+1 && (functionWords[ts[end].Norm] || determiners[ts[end].Norm]) {
			end--
		}
		if end > v+1 {
			x.resolvePhrase(q, article.Span{Start: next.Start, End: ts[end].End}, ts[end].Norm, anchor)
			return true
		}
	}
	return false
}

// subjectOfClause finds the speaker of a participle ("..., saying"): the
// first speaker named in its sentence, the subject of the clause it hangs on.
func (x *extractor) subjectOfClause(q *Quote, ts []tok, v int) bool {
	verb := ts[v]
	s := x.d.Sentences[verb.sentence]
	for k := x.mentionFrom(s.Start); k < len(x.mentions); k++ {
		m := &x.mentions[k]
		if x.insideQuote(m.Span.Start) || !speakerType(m.Type) {
			continue
		}
		if m.Span.End > verb.Start {
			break
		}
		// "Russia Foreign Minister Sergei Lavrov": the country modifies
		// the person's title; the person is the subject.
		if m.Type != entity.Person {
			if p := x.personRightAfter(k); p != nil && p.Span.End <= verb.Start {
				m = p
			}
		}
		x.setMention(q, m)
		return true
	}
	first := x.tokenAt(s.Start)
	if first < len(x.toks) && isPronoun(x.toks[first].Norm) {
		x.resolvePhrase(q, x.toks[first].Span, x.toks[first].Norm, verb.Start)
		return true
	}
	return false
}

// setMention makes the named m q's speaker.
func (x *extractor) setMention(q *Quote, m *entity.Mention) {
	q.Speaker, q.SpeakerSpan, q.Resolved = x.fullName(*m), m.Span, true
	if m.Type == entity.Organisation || m.Type == entity.Group {
		x.noteBody(q.Speaker, true, m.Span.Start)
	}
}

// personRightAfter is the person named right after mention k with only
// capitalised title words between: "Russia Foreign Minister Sergei Lavrov".
func (x *extractor) personRightAfter(k int) *entity.Mention {
	if k+1 >= len(x.mentions) {
		return nil
	}
	p := &x.mentions[k+1]
	if p.Type != entity.Person {
		return nil
	}
	between := x.d.Text[x.mentions[k].Span.End:p.Span.Start]
	if len(between) > 40 || strings.ContainsAny(between, ",;:.\"“”()") {
		return nil
	}
	for _, w := range strings.Fields(between) {
		if r, _ := utf8.DecodeRuneInString(w); r < 'A' || r > 'Z' {
			return nil
		}
	}
	return p
}

func (x *extractor) lower(t tok) bool {
	r, _ := utf8.DecodeRuneInString(x.d.Text[t.Start:t.End])
	return r >= 'a' && r <= 'z' && !speechVerbs[t.Norm] && !isPronoun(t.Norm)
}

func isPronoun(n string) bool {
	switch n {
	case "he", "she", "it", "they", "i", "we":
		return true
	}
	return false
}

func speakerType(t string) bool {
	switch t {
	case entity.Person, entity.Organisation, entity.Group, entity.Country:
		return true
	}
	return false
}

// lastTokenBefore is the index of the last token of ts ending by end, or -1.
func lastTokenBefore(ts []tok, end int) int {
	return sort.Search(len(ts), func(i int) bool { return ts[i].End > end }) - 1
}

// resolvePhrase resolves a pronoun or a title to the most recent fitting
// name before anchor, in the same or the previous paragraph: he or she to
// a person, it or they to an organisation, "the minister" to a person
// whose role has that word, "the ministry" to an organisation. What cannot
// be resolved is kept as written.
func (x *extractor) resolvePhrase(q *Quote, span article.Span, head string, anchor int) {
	q.Speaker, q.SpeakerSpan, q.Resolved = x.d.Text[span.Start:span.End], span, false
	floor := x.paragraphOf(anchor) - 1
	find := func(fit func(m entity.Mention) bool, anywhere bool) *entity.Mention {
		for k := x.mentionFrom(max(anchor, span.Start)) - 1; k >= 0; k-- {
			m := &x.mentions[k]
			if m.Span.End > anchor && m.Span.End > span.Start || x.insideQuote(m.Span.Start) {
				continue
			}
			if !anywhere && x.paragraphOf(m.Span.Start) < floor {
				return nil
			}
			if fit(*m) {
				return m
			}
		}
		return nil
	}
	pick := func(fit func(m entity.Mention) bool, anywhere bool) bool {
		if m := find(fit, anywhere); m != nil {
			q.Speaker, q.Resolved = x.fullName(*m), true
			return true
		}
		return false
	}
	isBody := func(m entity.Mention) bool { return m.Type == entity.Organisation || m.Type == entity.Group }
	switch head {
	case "he", "she":
		// A possessor ("Assad's government") is seldom the next "he":
		// the speaker in the news is the subject named before.
		if !pick(func(m entity.Mention) bool { return m.Type == entity.Person && !x.possessive(m) }, false) &&
			!x.continueLast(q, anchor) {
			pick(func(m entity.Mention) bool { return m.Type == entity.Person }, false)
		}
	case "it", "they":
		m := find(isBody, false)
		if b := x.lastBody; b != nil && b.at < span.Start && x.paragraphOf(b.at) >= floor && (m == nil || b.at > m.Span.Start) {
			q.Speaker, q.Resolved = b.name, b.resolved
			return
		}
		if m != nil {
			q.Speaker, q.Resolved = x.fullName(*m), true
			return
		}
		if head == "it" {
			pick(func(m entity.Mention) bool { return m.Type == entity.Country }, false)
		}
	case "i", "we":
	default:
		if orgHeads[head] {
			named := func(m entity.Mention) bool {
				return isBody(m) && strings.Contains(text.Fold(x.fullName(m)), head)
			}
			// "the ministry" is the last organisation named; "the
			// defence ministry" only one whose name says so, else it
			// stays as written.
			if !pick(named, true) && len(text.Tokenize(q.Speaker, 0)) <= 2 {
				pick(isBody, false)
			}
			x.noteBody(q.Speaker, q.Resolved, span.Start)
			return
		}
		words := sameRole[head]
		if words == nil {
			words = []string{head}
		}
		// The other words of the title narrow it: "the foreign minister"
		// is not the defence minister. The best-matching role wins, the
		// most recent among equals.
		var qualifiers []string
		for _, w := range strings.Fields(text.Fold(q.Speaker)) {
			if w != head && !determiners[w] && !functionWords[w] {
				qualifiers = append(qualifiers, w)
			}
		}
		bestScore := math.MinInt
		var best *entity.Mention
		find(func(m entity.Mention) bool {
			if m.Type != entity.Person {
				return false
			}
			for _, role := range x.roles[x.fullName(m)] {
				if !slices.ContainsFunc(words, func(w string) bool { return hasWord(role, w) }) {
					continue
				}
				// Each shared qualifier counts for it, each other word of
				// the role against it.
				score := 2
				for _, w := range qualifiers {
					if hasWord(role, w) {
						score += 2
					}
				}
				for _, w := range strings.Fields(role) {
					if !slices.Contains(words, w) && !slices.Contains(qualifiers, w) {
						score--
					}
				}
				if score > bestScore {
					bestScore, best = score, &m
				}
			}
			return false
		}, true)
		if best != nil {
			q.Speaker, q.Resolved = x.fullName(*best), true
		}
	}
}

// continueLast gives q the speaker of the latest attributed quote when
// it stands in the same or the previous paragraph: '"...," he added'
// after a quote of someone named further up.
func (x *extractor) continueLast(q *Quote, anchor int) bool {
	if x.last == nil || x.last.Span.Start >= anchor || x.paragraphOf(x.last.Span.Start) < x.paragraphOf(anchor)-1 {
		return false
	}
	q.Speaker, q.Resolved = x.last.Speaker, true
	return true
}

func (x *extractor) possessive(m entity.Mention) bool {
	rest := x.d.Text[m.Span.End:]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "' ") || strings.HasPrefix(rest, "’ ")
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// fullName is the name a mention stands for: its expansion, or for a lone
// family name the longest earlier person whose name ends with it.
func (x *extractor) fullName(m entity.Mention) string {
	if m.Expansion != "" {
		return m.Expansion
	}
	if m.Type == entity.Person && !strings.Contains(m.Text, " ") {
		if full, ok := x.names[m.Text]; ok {
			return full
		}
		full := x.longerName(m.Text)
		x.names[m.Text] = full
		return full
	}
	return m.Text
}

// longerName is the fuller person's name the family name stands for, or
// the name itself.
func (x *extractor) longerName(name string) string {
	// A family name stands for the fuller name it ends ("Lavrov",
	// "Golani" for "... al-Golani"); failing that, one it opens, as
	// family names come first in Chinese ("Song").
	best, first := "", ""
	for _, o := range x.mentions {
		if o.Type != entity.Person {
			continue
		}
		if (strings.HasSuffix(o.Text, " "+name) || strings.HasSuffix(o.Text, "-"+name)) && len(o.Text) > len(best) {
			best = o.Text
		}
		if strings.HasPrefix(o.Text, name+" ") && len(o.Text) > len(first) {
			first = o.Text
		}
	}
	switch {
	case best != "":
		return best
	case first != "":
		return first
	}
	return name
}

// reported finds reported speech: "X said (that) ...", "X told Y that
// ...", "according to X, ...", outside direct quotes.
func (x *extractor) reported() []Quote {
	var out []Quote
	for si, s := range x.d.Sentences {
		if s.Heading || s.Start < 0 || s.End > len(x.d.Text) {
			continue
		}
		lo, hi := x.tokenAt(s.Start), x.tokenAt(s.End)
		ts := x.toks[lo:hi]
		for v := 0; v < len(ts); v++ {
			n := ts[v].Norm
			if x.insideQuote(ts[v].Start) {
				continue
			}
			if n == "according" && v+1 < len(ts) && ts[v+1].Norm == "to" {
				if q, ok := x.according(si, ts, v); ok {
					out = append(out, q)
				}
				continue
			}
			if !speechVerbs[n] || participleVerbs[n] {
				continue
			}
			if v > 0 && strings.ContainsAny(x.d.Text[ts[v-1].End:ts[v].Start], "\"“”»") {
				continue // "...," said X: an attribution, not a report
			}
			clause := x.clauseAfter(ts, v)
			if clause < 0 {
				continue
			}
			span := x.clauseSpan(ts[clause].Start, s.End)
			if span.Start >= span.End {
				continue
			}
			q := Quote{Sentence: si, Span: span, Text: x.d.Text[span.Start:span.End], Reported: true}
			if !x.subjectBefore(&q, ts, v, ts[v].Start) {
				continue
			}
			out = append(out, q)
			v = clause
		}
	}
	return out
}

// clauseAfter is the index of the first token of the clause a speech verb
// ts[v] reports, or -1: after "that" within a few words ("said on Friday
// that"), after the addressee of "told", or right after a verb that can
// take a bare clause ("said the talks failed").
func (x *extractor) clauseAfter(ts []tok, v int) int {
	for k := v + 1; k < len(ts) && k <= v+6; k++ {
		if ts[k].Norm == "that" {
			if k+1 < len(ts) && !x.opensQuote(ts[k].End, ts[k+1].Start) {
				return k + 1
			}
			return -1
		}
		if speechVerbs[ts[k].Norm] || x.punctuated(ts[k-1].End, ts[k].Start) {
			break // "said Assad, through ..., proposed that": another verb's that
		}
	}
	if v+1 >= len(ts) || !reportedVerbs[ts[v].Norm] || ts[v].Norm == "told" || ts[v].Norm == "tells" {
		return -1
	}
	next := ts[v+1]
	gap := x.d.Text[ts[v].End:next.Start]
	if strings.TrimSpace(gap) != "" || clauseStops[next.Norm] || len(ts)-(v+1) < 3 {
		return -1
	}
	if determiners[next.Norm] && v+2 < len(ts) && strings.ContainsAny(x.d.Text[ts[v+1].End:ts[v+2].End], ",.") {
		return -1 // "said the minister." inverted
	}
	return v + 1
}

// punctuated says whether the text between two tokens holds punctuation
// that ends a phrase.
func (x *extractor) punctuated(from, to int) bool {
	if from > to || to > len(x.d.Text) {
		return true
	}
	return strings.ContainsAny(x.d.Text[from:to], ",;:.!?()\"“”")
}

func (x *extractor) opensQuote(from, to int) bool {
	for _, r := range x.d.Text[from:to] {
		if o, _ := markKind(r); o {
			return true
		}
	}
	return false
}

// clauseSpan is [start, end) trimmed of the sentence's final punctuation.
func (x *extractor) clauseSpan(start, end int) article.Span {
	for end > start && strings.ContainsRune(" .,;:!?", rune(x.d.Text[end-1])) {
		end--
	}
	return article.Span{Start: start, End: end}
}

// according reads "according to X, <clause>" and "<clause>, according to X".
func (x *extractor) according(si int, ts []tok, v int) (Quote, bool) {
	s := x.d.Sentences[si]
	q := Quote{Sentence: si, Reported: true}
	if !x.subjectAfter(&q, ts, v+1, true, ts[v].Start) {
		return q, false
	}
	var span article.Span
	if comma := strings.IndexByte(x.d.Text[q.SpeakerSpan.End:s.End], ','); comma >= 0 && v == 0 {
		span = x.clauseSpan(q.SpeakerSpan.End+comma+1, s.End)
		for span.Start < span.End && x.d.Text[span.Start] == ' ' {
			span.Start++
		}
		if x.opensQuote(span.Start, min(span.Start+3, span.End)) {
			return q, false // according to X, "...": a direct quote
		}
	} else if v > 0 && strings.Contains(x.d.Text[ts[v-1].End:ts[v].Start], ",") {
		span = x.clauseSpan(s.Start, ts[v-1].End+1)
	}
	if span.Start >= span.End || len(text.Tokenize(x.d.Text[span.Start:span.End], 0)) < 3 {
		return q, false
	}
	q.Span, q.Text = span, x.d.Text[span.Start:span.End]
	return q, true
}

// ClaimID is the identifier of an article's n-th quote claim, from 0.
func ClaimID(articleID string, n int) string {
	return fmt.Sprintf("%s-q%d", articleID, n)
}

// KindQuote is the Kind of the claims made from quotes.
const KindQuote = "quote"

// Claims turns the quotes of d into claims of kind "quote": who (Subject
// and Speaker) said what (Value), with the sentence as evidence.
func Claims(d *article.Document, qs []Quote) []article.Claim {
	if d == nil {
		return nil
	}
	out := make([]article.Claim, 0, len(qs))
	for i, q := range qs {
		sentence := ""
		if q.Sentence >= 0 && q.Sentence < len(d.Sentences) {
			s := d.Sentences[q.Sentence]
			if s.Start >= 0 && s.Start <= s.End && s.End <= len(d.Text) {
				sentence = d.Text[s.Start:s.End]
			}
		}
		out = append(out, article.Claim{
			ID:       ClaimID(d.ID, i),
			Kind:     KindQuote,
			Article:  d.ID,
			Sentence: q.Sentence,
			Text:     sentence,
			Subject:  q.Speaker,
			Value:    q.Text,
			Speaker:  q.Speaker,
		})
	}
	return out
}
