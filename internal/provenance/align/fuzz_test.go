package align

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

func FuzzAlign(f *testing.F) {
	const quote = "We will rebuild every house the river took from us, and we will do it before the first frost"
	seeds := [][2]string{
		{wireSentence, wireSentence},
		{wireSentence, strings.Replace(wireSentence, "overnight", "on Monday", 1)},
		{`"` + quote + `," Varga said.`, "Varga said: “" + quote + ".”"},
		{wireSentence + "\n" + wireSentence, wireSentence},
		{unrelatedStory, wireSentence},
		{strings.Repeat("a ", 300), strings.Repeat("a ", 200)},
		{strings.Repeat("one two three four five ", 40), strings.Repeat("one two three four five six ", 30)},
		{"bad\xff\xfe bytes " + wireSentence, wireSentence + " \xc3"},
		{"Türkiye’s São Paulo “quoted” 'single' Homs' Assad's", "turkiye's sao paulo quoted single homs assad's"},
		{"", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], uint8(0), int8(0), int8(0))
		f.Add(s[0], s[1], uint8(3), int8(1), int8(4))
	}
	f.Fuzz(func(t *testing.T, textA, textB string, minWords uint8, maxGap, maxInsert int8) {
		opt := Options{MinWords: int(minWords % 32), MaxGap: int(maxGap), MaxInsert: int(maxInsert)}
		a, b := document("a", textA), document("b", textB)
		matches := Pair(a, b, opt)
		least := opt.normalized().MinWords
		for i, m := range matches {
			checkMatchSpan(t, a, m.A)
			checkMatchSpan(t, b, m.B)
			normsA, normsB := spanNorms(a, m.A), spanNorms(b, m.B)
			if m.Words < least || m.Words > len(normsA) || m.Words > len(normsB) {
				t.Fatalf("match %d has %d words (minimum %d) in spans of %d and %d tokens", i, m.Words, least, len(normsA), len(normsB))
			}
			if m.Exact && !slices.Equal(normsA, normsB) {
				t.Fatalf("match %d is exact but its tokens differ: %q vs %q", i, normsA, normsB)
			}
			if i > 0 && matches[i-1].A.Start > m.A.Start {
				t.Fatalf("matches out of order: %+v before %+v", matches[i-1], m)
			}
		}
		docs := []*article.Document{a, b, document("c", textB+"\n"+textA)}
		checkPassages(t, docs, Passages(docs, opt))
	})
}

// checkMatchSpan fails unless span is in range, non-empty, on rune and
// token boundaries.
func checkMatchSpan(t *testing.T, d *article.Document, span article.Span) {
	t.Helper()
	checkSpan(t, d, span)
	if !runeBoundary(d.Text, span.Start) || !runeBoundary(d.Text, span.End) {
		t.Fatalf("span %+v of %s splits a UTF-8 sequence", span, d.ID)
	}
}

// runeBoundary reports whether s[:at] ends between runes as Go decodes s,
// an invalid byte being a rune of its own.
func runeBoundary(s string, at int) bool {
	for i := 0; i < len(s); {
		if i >= at {
			return i == at
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return at == len(s)
}

// spanNorms returns the norms of the tokens inside span.
func spanNorms(d *article.Document, span article.Span) []string {
	var norms []string
	tokens, _ := documentTokens(d)
	for _, tok := range tokens {
		if span.Start <= tok.Start && tok.End <= span.End {
			norms = append(norms, tok.Norm)
		}
	}
	return norms
}
