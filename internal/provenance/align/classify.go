package align

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// Passage kinds.
const (
	KindQuote  = "quote"  // the same speaker's words, quoted by several outlets
	KindCopied = "copied" // shared narrative: wire copy or text lifted from another outlet
)

// Classify says how one document presents a span of its Text: KindQuote
// when most of the span's word characters lie inside quotation marks,
// KindCopied otherwise. Passages combines these per-document verdicts (see there).
//
// Quotation marks are straight (") and curly double quotes (“ ”), and single
// quotes (‘ ’ and ') where they open before a word and close after one. An
// apostrophe inside or after a word ("Rashid's", "the ports' cranes",
// "can’t") is never a quote mark. A double quote left open at the end of a
// paragraph runs to its end, as news style opens each paragraph of a long
// quote without closing the one before.
func Classify(d *article.Document, span article.Span) string {
	if d == nil {
		return KindCopied
	}
	tokens, _ := documentTokens(d)
	if voiceOf(d, tokens, quoteRegions(d.Text), span) == voiceQuoted {
		return KindQuote
	}
	return KindCopied
}

// voice is how a document presents a passage.
type voice int

const (
	voiceNarrative  voice = iota // the outlet's own telling
	voiceAttributed              // in a sentence that reports speech: "said", "told", "wrote"
	voiceQuoted                  // mostly inside quotation marks
)

// voiceOf classifies a span of d, given its tokens and quote regions.
func voiceOf(d *article.Document, tokens []article.Token, quotes []article.Span, span article.Span) voice {
	first, _ := slices.BinarySearchFunc(tokens, span.Start, func(t article.Token, start int) int { return t.Start - start })
	inside, total := 0, 0
	for _, tok := range tokens[first:] {
		if tok.End > span.End {
			break
		}
		n := tok.End - tok.Start
		total += n
		if insideAny(quotes, tok.Span) {
			inside += n
		}
	}
	switch {
	case total > 0 && 2*inside > total:
		return voiceQuoted
	case reportsSpeech(d, span):
		return voiceAttributed
	}
	return voiceNarrative
}

// reportsSpeech reports whether a sentence overlapping span holds a speech
// verb.
func reportsSpeech(d *article.Document, span article.Span) bool {
	// Sentences are in text order: start at the first that ends after the
	// span starts.
	first, _ := slices.BinarySearchFunc(d.Sentences, span.Start, func(s article.Sentence, start int) int {
		if s.End <= start {
			return -1
		}
		return 1
	})
	for _, sentence := range d.Sentences[first:] {
		if sentence.Start >= span.End {
			break
		}
		for _, tok := range sentence.Tokens {
			if speechVerbs[tok.Norm] {
				return true
			}
		}
	}
	return false
}

// speechVerbs are the folded words that mark reported speech.
var speechVerbs = setOf(
	"said", "says", "say", "saying",
	"told", "tells", "tell",
	"added", "adds",
	"wrote", "writes", "written",
	"posted", "posts",
	"tweeted", "tweets",
	"stated", "states",
	"declared", "declares",
	"urged", "urges",
	"announced", "announces",
	"insisted", "insists",
	"warned", "warns",
	"claimed", "claims",
	"asked", "asks",
	"replied", "replies",
	"explained", "explains",
	"noted", "notes",
	"argued", "argues",
	"proclaimed", "reiterated", "vowed", "quoted", "according",
)

func setOf(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// insideAny reports whether span lies inside one of the sorted,
// non-overlapping regions.
func insideAny(regions []article.Span, span article.Span) bool {
	i, _ := slices.BinarySearchFunc(regions, span.Start, func(r article.Span, start int) int {
		if r.End <= start {
			return -1
		}
		if r.Start > start {
			return 1
		}
		return 0
	})
	return i < len(regions) && regions[i].Start <= span.Start && span.End <= regions[i].End
}

// quoteRegions returns the byte spans of text inside quotation marks (the
// marks excluded), sorted and not overlapping. Each paragraph (line) is
// read on its own; see Classify for the rules.
func quoteRegions(text string) []article.Span {
	var regions []article.Span
	for lineStart := 0; lineStart <= len(text); {
		lineEnd := lineStart
		for lineEnd < len(text) && text[lineEnd] != '\n' {
			lineEnd++
		}
		regions = appendLineQuotes(regions, text, lineStart, lineEnd)
		lineStart = lineEnd + 1
	}
	return regions
}

// appendLineQuotes appends the quote regions of text[start:end], one
// paragraph.
func appendLineQuotes(regions []article.Span, text string, start, end int) []article.Span {
	const closed = -1
	double, single := closed, closed // where the open quote's text starts
	add := func(from, to int) {
		if from >= to {
			return
		}
		// A region may enclose earlier ones: single quotes inside double.
		for n := len(regions); n > 0 && regions[n-1].End >= from; n-- {
			from, to = min(from, regions[n-1].Start), max(to, regions[n-1].End)
			regions = regions[:n-1]
		}
		regions = append(regions, article.Span{Start: from, End: to})
	}
	closeDouble := func(at int) {
		add(double, at)
		double, single = closed, closed
	}
	prev := rune(0) // 0 at the start of the paragraph
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		next, _ := utf8.DecodeRuneInString(text[i+size : end]) // RuneError at the end
		atEnd := i+size >= end
		switch r {
		case '“', '„':
			if double == closed {
				double = i + size
			}
		case '”':
			if double != closed {
				closeDouble(i)
			}
		case '"':
			// Straight quotes do not say which way they face; the
			// characters either side usually do.
			canOpen := opensBefore(prev) || !closesAfter(next, atEnd)
			canClose := !opensBefore(prev) || closesAfter(next, atEnd)
			switch {
			case double == closed && canOpen:
				double = i + size
			case double != closed && canClose:
				closeDouble(i)
			case double != closed:
				// Only an opening quote fits here: the one before was
				// never closed.
				closeDouble(i)
				double = i + size
			}
		case '‘':
			if single == closed && !closesAfter(next, atEnd) {
				single = i + size
			}
		case '\'', '’':
			wordAfter := isWordRune(next)
			switch {
			case single == closed && r == '\'' && opensBefore(prev) && wordAfter:
				single = i + size
			case single != closed && prev != 0 && !unicode.IsSpace(prev) && !wordAfter:
				add(single, i)
				single = closed
			}
			// Anything else is an apostrophe.
		}
		prev = r
		i += size
	}
	if double != closed {
		// News style: a quote continuing in the next paragraph is not
		// closed at the end of this one.
		add(double, end)
	}
	// An unclosed single quote was most likely an apostrophe read as one.
	return regions
}

// opensBefore reports whether a quote mark after prev (0 at the start of a
// paragraph) can open a quote.
func opensBefore(prev rune) bool {
	return prev == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == '/'
}

// closesAfter reports whether a quote mark before next must be a closing
// one: nothing, white space or punctuation follows.
func closesAfter(next rune, atEnd bool) bool {
	return atEnd || unicode.IsSpace(next) || unicode.IsPunct(next) && next != '‘' && next != '“' && next != '\''
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
