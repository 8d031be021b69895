// Package credit finds the news agencies and outlets an article credits, with the sentence that credits them.
//
// A name counts only where the article attributes information to it: a
// listed agency or outlet (agencies.txt) in an attribution pattern ("told
// Reuters", "AP reported", "according to the AFP news agency"), any
// capitalised name beside a media noun in such a pattern ("the Sham FM news
// outlet reported"), an agency in a dateline or byline, and the agencies of
// a credit line ("With reporting by AFP and Reuters", "(With input from
// agencies)"). A name that is merely the subject of the story ("Reuters
// journalists were injured") is not a credit.
package credit

import (
	"slices"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// Credit is one attribution of information to an agency or outlet.
type Credit struct {
	Agency   string       // canonical name, e.g. "Reuters", "Associated Press"; UnnamedAgencies for "(With input from agencies)"
	Kind     string       // KindAgency or KindOutlet from the list; KindUnknown for names recognised by pattern only
	Evidence string       // the sentence (or metadata line) that credits it
	Sentence int          // index into Document.Sentences, or -1 for a byline, dateline or credit line
	Span     article.Span // the credited name's bytes in Document.Text; zero for metadata lines
}

// Kinds of credited names, and the name given to agencies a credit line
// does not name.
const (
	KindAgency      = "agency"
	KindOutlet      = "outlet"
	KindUnknown     = "unknown"
	UnnamedAgencies = "unnamed agencies"
)

// Find returns every credit of the document in text order: bylines,
// datelines, the sentences of Text, then credit lines. A sentence credits
// each agency at most once. Sentences whose spans do not fit Text are
// skipped.
func Find(d *article.Document) []Credit {
	if d == nil {
		return nil
	}
	f := &finder{d: d, lastFull: map[int]int{}, personal: map[int]bool{}}
	var out []Credit
	for _, line := range d.Bylines {
		out = f.metadata(out, line, false, true)
	}
	for _, line := range d.Datelines {
		out = f.metadata(out, line, true, false)
	}
	for _, i := range f.sentenceOrder() {
		out = f.sentence(out, i)
	}
	for _, line := range d.CreditLines {
		out = f.creditLine(out, line)
	}
	return out
}

// PerArticle returns the distinct agencies of cs, in first-mention order.
func PerArticle(cs []Credit) []string {
	var names []string
	for _, c := range cs {
		if !slices.Contains(names, c.Agency) {
			names = append(names, c.Agency)
		}
	}
	return names
}

// finder holds what one document's earlier text tells about its later
// text.
type finder struct {
	d *article.Document
	// lastFull is where each entry was last named in full (-1 in metadata),
	// so that a short form ("the Post") can name the latest of them.
	lastFull map[int]int
	// personal marks entries whose name the article also gives a person
	// ("Michael Bloomberg"); "Bloomberg said" is then not a credit.
	personal   map[int]bool
	inMetadata bool    // reading a byline, dateline or credit line, not Text
	tokens     []token // reused buffers
	inName     []bool
}

// candidate is a name a pattern may credit.
type candidate struct {
	entry       int    // index into the list, or -1 for an unlisted name
	name        string // canonical or, unlisted, as written
	first, last int    // its tokens, [first, last), "the" included when listed
	// needFollow marks an unlisted name after a media noun ("news agency
	// Fars"): credited only before punctuation or a credit verb, because
	// "told the news agency Russia would respond" names a country.
	needFollow bool
}

func (f *finder) sentenceOrder() []int {
	var order []int
	for i, s := range f.d.Sentences {
		if 0 <= s.Start && s.Start <= s.End && s.End <= len(f.d.Text) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return f.d.Sentences[a].Start - f.d.Sentences[b].Start })
	return order
}

func (f *finder) sentence(out []Credit, i int) []Credit {
	s := f.d.Sentences[i]
	text := f.d.Text[s.Start:s.End]
	f.tokens = tokenize(text, s.Start, f.tokens[:0])
	toks := f.tokens
	if isCreditLine(text) {
		return f.appendCredits(out, toks, f.creditLineNames(toks), text, i, true)
	}
	cands := f.listed(toks, false, false)
	cands = f.besideMediaNouns(toks, cands)
	slices.SortFunc(cands, func(a, b candidate) int { return a.first - b.first })
	return f.appendCredits(out, toks, f.attributed(toks, cands), text, i, true)
}

// metadata credits the listed names of a byline or dateline. Datelines
// name nothing but their agency, so weak forms count and no context is
// checked; bylines also name people, so they get the compound check.
func (f *finder) metadata(out []Credit, line string, weak, compound bool) []Credit {
	toks := tokenize(line, 0, nil)
	f.inMetadata = true
	cands := f.listed(toks, weak, !compound)
	f.inMetadata = false
	return f.appendCredits(out, toks, cands, strings.TrimSpace(line), -1, false)
}

func (f *finder) creditLine(out []Credit, line string) []Credit {
	toks := tokenize(line, 0, nil)
	f.inMetadata = true
	cands := f.creditLineNames(toks)
	f.inMetadata = false
	return f.appendCredits(out, toks, cands, strings.TrimSpace(line), -1, false)
}

// appendCredits turns candidates into credits, once per agency.
func (f *finder) appendCredits(out []Credit, toks []token, cands []candidate, evidence string, sentence int, withSpan bool) []Credit {
	if len(cands) == 0 {
		return out
	}
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c.name] {
			continue
		}
		seen[c.name] = true
		cr := Credit{Agency: c.name, Kind: KindUnknown, Evidence: evidence, Sentence: sentence}
		switch {
		case c.entry >= 0:
			cr.Kind = agencies.entries[c.entry].kind
		case c.name == UnnamedAgencies:
			cr.Kind = KindAgency
		}
		if withSpan {
			cr.Span = article.Span{Start: toks[c.first].start, End: toks[c.last-1].end}
		}
		out = append(out, cr)
	}
	return out
}
