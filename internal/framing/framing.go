// Package framing shows which words each outlet uses for the same actors: rebels or terrorists, government or regime.
//
// Analyze finds, in every sentence of a story's documents, the common-noun
// labels of the embedded lexicon labels.txt ("rebels", "Islamist
// militants", "regime", "government troops"), longest phrase first and
// folded to one canonical form ("rebel" and "rebels" are both "rebels").
// Proper names are never labels: "Syrian Arab Army" is a name, "the
// army" a label. A label word used as a modifier counts as the label:
// "rebel commander" and "rebel advance" are the outlet choosing "rebel"
// where another writes "insurgent commander" or "terrorist advance".
//
// Each label belongs to a kind of actor (armed opposition, the state,
// protesters). The text ties a label to a named entity when the name stands
// right before it ("HTS rebels", "Assad's regime", "Syrian troops"), right
// after it ("the rebel group HTS") or after "of", "led by", "loyal to"
// ("the regime of President Bashar al-Assad"). The entity tied most often
// to a kind names that kind's main actor, which also takes the labels tied
// to nobody; labels tied to another entity of a fitting type ("Hezbollah
// fighters", "Russian troops") make an actor of their own. Words too
// general to label alone ("forces", "men") count only when tied: "Assad's
// forces" are the state's, "HTS forces" the rebels'.
//
// A label is not always the outlet's word. Inside quotation marks it is the
// speaker's, and it is counted as "(quoted) terrorists"; after "designated",
// "labelled", "considered" and the like it is someone else's verdict
// reported, and it is counted as "(attributed) terrorist group". Both stay
// in the table, marked, because what an outlet chooses to quote is framing
// too, but they are never mixed with the outlet's own words.
package framing

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// An actor is shown only when the story labels it at least minLabels times
// in at least minArticles articles: framing is a comparison between
// outlets, and an actor one article mentions once compares nothing.
const (
	minLabels   = 3
	minArticles = 2
	// minTies is how often the text must tie a kind's labels to an entity
	// before that entity names the kind's main actor: one "Hezbollah
	// fighters" among many "fighters" must not rename the rebels.
	minTies = 2
)

// Prefixes of the terms that are not the outlet's own word.
const (
	quotedPrefix     = "(quoted) "
	attributedPrefix = "(attributed) "
)

// Analyze returns, for each main actor of the story, the labels each
// article gives it with their counts, keyed by article id. Actors come by
// total label count, most first, then by name; the result is never nil.
// entities are the story's resolved entities (entity.Resolve); without
// them every actor is named after its kind.
func Analyze(docs []*article.Document, entities []article.Entity) []article.Framing {
	lx := labels()
	names := newEntityIndex(entities)
	var found []label
	for di, d := range docs {
		if d == nil {
			continue
		}
		found = append(found, findLabels(lx, names, d, di)...)
	}
	return assemble(lx, names, docs, found)
}

// label is one label found in a document.
type label struct {
	doc    int
	kind   int
	term   string // canonical, with a quoted or attributed prefix
	entity int    // index of the entity the text ties it to, or -1
}

// findLabels returns the labels of one document, in text order.
func findLabels(lx *lexicon, names *entityIndex, d *article.Document, di int) []label {
	var out []label
	norms := make([]string, 0, 64)
	quotes := quoteState{text: d.Text}
	for _, s := range d.Sentences {
		toks := validTokens(d.Text, s.Tokens)
		norms = norms[:0]
		for _, t := range toks {
			norms = append(norms, t.Norm)
		}
		for i := 0; i < len(toks); {
			n, t, ok := longestTerm(lx, norms, i)
			if !ok {
				i++
				continue
			}
			first, last := i, i+n-1
			i += n
			if t.kind == ignoreKind || !lowerCaseHead(d.Text, toks[last], last == 0 || s.Heading) {
				continue
			}
			tied := names.tie(d.Text, toks, first, last)
			k := t.kind
			if k == tiedKind {
				if k = names.kindOf(lx, tied); k < 0 {
					continue
				}
			}
			name := t.canonical
			switch {
			case quotes.insideQuotes(toks[first].Start):
				name = quotedPrefix + name
			case attributed(lx, norms, first, last):
				name = attributedPrefix + name
			}
			out = append(out, label{doc: di, kind: k, term: name, entity: tied})
		}
	}
	return out
}

// validTokens drops tokens whose spans do not fit the text or overlap the
// token before, so that a malformed document cannot make the analysis
// panic.
func validTokens(text string, toks []article.Token) []article.Token {
	fits := func(t article.Token, prevEnd int) bool {
		return t.Start >= prevEnd && t.Start < t.End && t.End <= len(text)
	}
	prevEnd := 0
	for i, t := range toks {
		if !fits(t, prevEnd) {
			valid := slices.Clone(toks[:i])
			for _, t := range toks[i:] {
				if fits(t, prevEnd) {
					valid = append(valid, t)
					prevEnd = t.End
				}
			}
			return valid
		}
		prevEnd = t.End
	}
	return toks
}

// longestTerm finds the longest lexicon phrase starting at token i.
func longestTerm(lx *lexicon, norms []string, i int) (int, term, bool) {
	if i >= len(norms) || !lx.firstWords[norms[i]] {
		// Most words begin no term: spare them the joining below.
		return 0, term{}, false
	}
	for n := min(lx.maxTokens, len(norms)-i); n >= 1; n-- {
		if t, ok := lx.terms[strings.Join(norms[i:i+n], " ")]; ok {
			return n, t, true
		}
	}
	return 0, term{}, false
}

// lowerCaseHead reports whether the label's last word is written in lower
// case, as common nouns are; a capital there makes it part of a name
// ("Syrian Arab Army", "Security Council"), except where everything is
// capitalised: the start of a sentence and headings.
func lowerCaseHead(text string, head article.Token, capitalsAllowed bool) bool {
	if capitalsAllowed {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[head.Start:head.End])
	return !unicode.IsUpper(r)
}

// quoteState follows the quotation marks of a document forward, so that
// each label costs only the text since the previous one; a long paragraph
// full of labels would otherwise be rescanned for each.
type quoteState struct {
	text string
	pos  int
	open bool
}

// insideQuotes reports whether the quotation marks of the paragraph up to
// pos leave a quotation open. Positions normally only grow; one that does
// not restarts the scan at its paragraph.
func (q *quoteState) insideQuotes(pos int) bool {
	if pos < q.pos {
		q.pos = strings.LastIndexByte(q.text[:pos], '\n') + 1
		q.open = false
	}
	for _, r := range q.text[q.pos:pos] {
		switch r {
		case '\n':
			q.open = false
		case '“', '«', '„':
			q.open = true
		case '”', '»':
			q.open = false
		case '"':
			q.open = !q.open
		}
	}
	q.pos = pos
	return q.open
}

// determiners may stand between an attribution word and its label:
// "designated a terrorist group", "called them terrorists".
var determiners = map[string]bool{"a": true, "an": true, "the": true, "them": true, "it": true, "being": true}

// attributed reports whether the label at token first is the complement of
// an attribution word: "considered a terrorist group", or after "as" with
// the attribution word a few words earlier ("labels the group as
// terrorists"). The object of the verb is the outlet's own word, not the
// verdict: in "labelled opposition gunmen as terrorists" and "called the
// rebels terrorists" only "terrorists" is attributed.
func attributed(lx *lexicon, norms []string, first, last int) bool {
	if next := last + 1; next < len(norms) && norms[next] == "as" {
		return false
	} else if _, t, ok := longestTerm(lx, norms, next); ok && t.kind != ignoreKind {
		// "called the rebels terrorists": the rebels are the object.
		return false
	}
	j := first - 1
	for j >= 0 && determiners[norms[j]] {
		j--
	}
	if j < 0 {
		return false
	}
	if lx.attribution[norms[j]] {
		return true
	}
	if norms[j] != "as" {
		return false
	}
	for k := j - 1; k >= 0 && k >= j-6; k-- {
		if lx.attribution[norms[k]] {
			return true
		}
	}
	return false
}

// actorKey identifies an actor: a kind and, for an actor other than the
// kind's main one, the entity that names it.
type actorKey struct {
	kind   int
	entity int // -1 for the kind's main actor
}

// assemble groups the labels into actors, names them and keeps the main
// ones.
func assemble(lx *lexicon, names *entityIndex, docs []*article.Document, found []label) []article.Framing {
	ties := make([]map[int]int, len(lx.kinds))
	for _, l := range found {
		if l.entity >= 0 && names.fits(l.entity, lx.kinds[l.kind]) {
			if ties[l.kind] == nil {
				ties[l.kind] = map[int]int{}
			}
			ties[l.kind][l.entity]++
		}
	}
	mains := make([]mainActor, len(lx.kinds))
	for k := range lx.kinds {
		mains[k] = names.mainActor(lx.kinds[k], ties[k])
	}

	type actor struct {
		name     string
		terms    map[string]map[string]int
		total    int
		articles int
	}
	actors := map[actorKey]*actor{}
	var order []actorKey
	for _, l := range found {
		k := lx.kinds[l.kind]
		key := actorKey{kind: l.kind, entity: -1}
		if l.entity >= 0 && l.entity != mains[l.kind].entity && l.entity != mains[l.kind].qualifier && names.fits(l.entity, k) {
			key.entity = l.entity
		}
		a := actors[key]
		if a == nil {
			a = &actor{terms: map[string]map[string]int{}}
			if key.entity >= 0 {
				a.name = strings.ReplaceAll(k.other, "{entity}", names.entities[key.entity].Name)
			} else {
				a.name = mains[l.kind].name(k, names)
			}
			actors[key] = a
			order = append(order, key)
		}
		id := docID(docs, l.doc)
		if a.terms[id] == nil {
			a.terms[id] = map[string]int{}
			a.articles++
		}
		a.terms[id][l.term]++
		a.total++
	}

	out := []article.Framing{}
	totals := map[string]int{}
	for _, key := range order {
		a := actors[key]
		if a.total < minLabels || a.articles < minArticles {
			continue
		}
		for _, dup := totals[a.name]; dup; _, dup = totals[a.name] {
			// Two kinds named after the same entity with the same
			// template would show as one row; keep the names apart.
			a.name = fmt.Sprintf("%s (%s)", a.name, lx.kinds[key.kind].name)
		}
		totals[a.name] = a.total
		out = append(out, article.Framing{Actor: a.name, Terms: a.terms})
	}
	slices.SortStableFunc(out, func(x, y article.Framing) int {
		return cmp.Or(cmp.Compare(totals[y.Actor], totals[x.Actor]), strings.Compare(x.Actor, y.Actor))
	})
	return out
}

// docID is the id the result keys an article by, the same fallback
// entity.Resolve uses for a document without one.
func docID(docs []*article.Document, i int) string {
	if id := docs[i].ID; id != "" {
		return id
	}
	return fmt.Sprintf("doc%d", i+1)
}
