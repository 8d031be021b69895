package align

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// document builds a document the way the pipeline does, from a cleaned
// body with one paragraph per line.
func document(id, body string) *article.Document {
	return &article.Document{ID: id, Text: body, Sentences: text.Segment(body)}
}

// The fixtures are invented: a flood in a river port and its aftermath.
const (
	wireSentence   = "Engineers from the regional water board said the eastern levee had been breached in three places overnight, flooding about 400 homes in the lower town."
	wireSpanText   = "Engineers from the regional water board said the eastern levee had been breached in three places overnight, flooding about 400 homes in the lower town"
	mayorQuote     = "We will rebuild every house the river took from us, and we will do it before the first frost"
	unrelatedStory = "The city orchestra opened its winter season with a programme of Baltic composers.\nTickets for the remaining concerts are available at the box office on Mill Street."
)

func TestPair(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		opt  Options
		want []wantMatch // in order of position in a
	}{
		{
			name: "verbatim copied sentence",
			a:    "Rain fell for a third day on Tuesday.\n" + wireSentence + "\nSchools stayed closed.",
			b:    "Residents waded through streets at dawn.\n" + wireSentence + "\nThe mayor toured the area by boat.",
			want: []wantMatch{{a: wireSpanText, b: wireSpanText, words: 25, exact: true}},
		},
		{
			name: "copy with a changed word",
			a:    wireSentence,
			b:    strings.Replace(wireSentence, "overnight", "on Monday", 1),
			want: []wantMatch{{
				a:     wireSpanText,
				b:     strings.Replace(wireSpanText, "overnight", "on Monday", 1),
				words: 24,
			}},
		},
		{
			name: "copy with punctuation and case changes",
			a:    wireSentence,
			b:    "ENGINEERS from the regional water board said the eastern levee had been breached -- in three places -- overnight; flooding about 400 homes in the Lower Town!",
			want: []wantMatch{{
				a:     wireSpanText,
				b:     "ENGINEERS from the regional water board said the eastern levee had been breached -- in three places -- overnight; flooding about 400 homes in the Lower Town",
				words: 25,
				exact: true,
			}},
		},
		{
			name: "copy with a deleted word",
			a:    wireSentence,
			b:    strings.Replace(wireSentence, "about 400", "400", 1),
			want: []wantMatch{{a: wireSpanText, b: strings.Replace(wireSpanText, "about 400", "400", 1), words: 24}},
		},
		{
			name: "copy with an inserted clause",
			a:    wireSentence,
			b:    strings.Replace(wireSentence, "said the eastern", "said in a statement on Tuesday that the eastern", 1),
			want: []wantMatch{{a: wireSpanText, b: strings.Replace(wireSpanText, "said the eastern", "said in a statement on Tuesday that the eastern", 1), words: 25}},
		},
		{
			name: "a changed word at the end is left out",
			a:    wireSentence,
			b:    strings.Replace(wireSentence, "lower town.", "lower district.", 1),
			want: []wantMatch{{
				a:     strings.TrimSuffix(wireSpanText, " town"),
				b:     strings.TrimSuffix(wireSpanText, " town"),
				words: 24,
				exact: true,
			}},
		},
		{
			name: "shared quote with different attribution",
			a:    `"` + mayorQuote + `," said Mayor Ines Varga on Wednesday.`,
			b:    `Mayor Ines Varga told reporters: "` + mayorQuote + `."`,
			want: []wantMatch{{a: mayorQuote, b: mayorQuote, words: 19, exact: true}},
		},
		{
			name: "curly and straight quotes",
			a:    "“" + mayorQuote + ",” Varga said.",
			b:    `"` + mayorQuote + `," Varga said.`,
			want: []wantMatch{{a: mayorQuote + ",” Varga said", b: mayorQuote + `," Varga said`, words: 21, exact: true}},
		},
		{
			name: "quote interrupted by attribution in one, continuing in the next paragraph",
			a:    `"The levee was built for a smaller river, and we knew it. We asked for money three years running," Varga said.`,
			b:    "“The levee was built for a smaller river, and we knew it,” the mayor said at a press conference.\n“We asked for money three years running.”",
			want: []wantMatch{{
				a:     "The levee was built for a smaller river, and we knew it. We asked for money three years running",
				b:     "The levee was built for a smaller river, and we knew it,” the mayor said at a press conference.\n“We asked for money three years running",
				words: 19,
			}},
		},
		{
			name: "text printed twice in b gives two matches",
			a:    "Flood water covers the lower town of Brenholt on Tuesday, December 3",
			b:    "Flood water covers the lower town of Brenholt on Tuesday, December 3\nFlood water covers the lower town of Brenholt on Tuesday, December 3",
			want: []wantMatch{
				{a: "Flood water covers the lower town of Brenholt on Tuesday, December 3", b: "Flood water covers the lower town of Brenholt on Tuesday, December 3", words: 12, exact: true},
				{a: "Flood water covers the lower town of Brenholt on Tuesday, December 3", b: "Flood water covers the lower town of Brenholt on Tuesday, December 3", words: 12, exact: true},
			},
		},
		{
			name: "stray words across a sentence boundary are trimmed",
			a:    "Police said. " + wireSentence + " The farmers' union met. /Photo agency",
			b:    "Police said. " + wireSentence + " The mayor left.",
			want: []wantMatch{{a: wireSpanText, b: wireSpanText, words: 25, exact: true}},
		},
		{
			name: "phrases below MinWords are not reported",
			a:    "The regional water board said the eastern levee held. Police closed the Old Bridge.",
			b:    "Officials at the regional water board said repairs would start soon, and police closed the Old Bridge to traffic.",
		},
		{
			name: "a phrase at MinWords is reported",
			a:    "The regional water board said the eastern levee held. Police closed the Old Bridge.",
			b:    "Officials at the regional water board said repairs would start soon, and police closed the Old Bridge to traffic.",
			opt:  Options{MinWords: 4},
			want: []wantMatch{
				{a: "The regional water board said", b: "the regional water board said", words: 5, exact: true},
				{a: "Police closed the Old Bridge", b: "police closed the Old Bridge", words: 5, exact: true},
			},
		},
		{
			name: "unrelated documents share nothing",
			a:    wireSentence + "\nSchools stayed closed and buses were suspended across the province.",
			b:    unrelatedStory,
		},
		{
			name: "no gaps allowed",
			a:    wireSentence,
			b:    strings.Replace(wireSentence, "overnight", "on Monday", 1),
			opt:  Options{MaxGap: -1, MaxInsert: -1},
			want: []wantMatch{{
				a:     "Engineers from the regional water board said the eastern levee had been breached in three places",
				b:     "Engineers from the regional water board said the eastern levee had been breached in three places",
				words: 16,
				exact: true,
			}},
		},
		{
			name: "empty documents",
			a:    "",
			b:    wireSentence,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := document("a", tt.a), document("b", tt.b)
			got := Pair(a, b, tt.opt)
			if len(got) != len(tt.want) {
				t.Fatalf("Pair found %d matches, want %d:\n%s", len(got), len(tt.want), describeMatches(a, b, got))
			}
			for i, w := range tt.want {
				m := got[i]
				if ga, gb := a.Slice(m.A), b.Slice(m.B); ga != w.a || gb != w.b {
					t.Errorf("match %d covers\n a: %q\n b: %q\nwant\n a: %q\n b: %q", i, ga, gb, w.a, w.b)
				}
				if m.Words != w.words || m.Exact != w.exact {
					t.Errorf("match %d: Words %d, Exact %v; want %d, %v", i, m.Words, m.Exact, w.words, w.exact)
				}
			}
		})
	}
}

type wantMatch struct {
	a, b  string
	words int
	exact bool
}

func describeMatches(a, b *article.Document, matches []Match) string {
	var sb strings.Builder
	for _, m := range matches {
		sb.WriteString("  a: " + a.Slice(m.A) + "\n  b: " + b.Slice(m.B) + "\n")
	}
	return sb.String()
}

func TestPairTwiceInBSpans(t *testing.T) {
	caption := "Flood water covers the lower town of Brenholt on Tuesday, December 3"
	a := document("a", caption)
	b := document("b", caption+"\n"+caption)
	got := Pair(a, b, Options{})
	if len(got) != 2 || got[0].B.Start != 0 || got[1].B.Start != len(caption)+1 {
		t.Fatalf("Pair = %+v, want the caption matched at 0 and at %d in b", got, len(caption)+1)
	}
}

func TestOptionsNormalized(t *testing.T) {
	tests := []struct {
		in, want Options
	}{
		{Options{}, Options{MinWords: DefaultMinWords, MaxGap: DefaultMaxGap, MaxInsert: DefaultMaxInsert}},
		{Options{MinWords: 5, MaxGap: -1, MaxInsert: -1}, Options{MinWords: 5}},
		{Options{MaxGap: 4, MaxInsert: 1}, Options{MinWords: DefaultMinWords, MaxGap: 4, MaxInsert: 4}},
		{Options{MaxGap: 100, MaxInsert: 100}, Options{MinWords: DefaultMinWords, MaxGap: maxGapLimit, MaxInsert: maxInsertLimit}},
	}
	for _, tt := range tests {
		if got := tt.in.normalized(); got != tt.want {
			t.Errorf("%+v.normalized() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
