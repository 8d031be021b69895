package align

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		body string
		span string // the first occurrence of this text in body is classified
		want string
	}{
		{
			name: "straight double quotes",
			body: `"We will rebuild every house the river took from us," Varga said.`,
			span: "We will rebuild every house the river took from us",
			want: KindQuote,
		},
		{
			name: "curly double quotes",
			body: "Varga said: “We will rebuild every house the river took from us.”",
			span: "We will rebuild every house the river took from us",
			want: KindQuote,
		},
		{
			name: "curly single quotes",
			body: "Residents flee Brenholt: ‘The water is still rising in the lower town’",
			span: "The water is still rising in the lower town",
			want: KindQuote,
		},
		{
			name: "straight single quotes",
			body: "Residents flee Brenholt: 'The water is still rising in the lower town'",
			span: "The water is still rising in the lower town",
			want: KindQuote,
		},
		{
			name: "apostrophes are not quote marks",
			body: "Varga's office said the farmers' union and the board's engineers met. The levee's repair can't wait, officials' reports say.",
			span: "the farmers' union and the board's engineers met. The levee's repair can't wait",
			want: KindCopied,
		},
		{
			name: "curly apostrophes are not quote marks",
			body: "Varga’s office said the farmers’ union and the board’s engineers met on Tuesday.",
			span: "the farmers’ union and the board’s engineers met on Tuesday",
			want: KindCopied,
		},
		{
			name: "a plural possessive does not close an earlier apostrophe",
			body: "The '90s levee failed. The engineers' report blamed the contractors' work on the town's eastern side.",
			span: "report blamed the contractors' work on the town's eastern side",
			want: KindCopied,
		},
		{
			name: "narrative with a short quoted phrase",
			body: `Engineers said the eastern levee had been "badly breached" in three places overnight, flooding about 400 homes.`,
			span: `Engineers said the eastern levee had been "badly breached" in three places overnight, flooding about 400 homes`,
			want: KindCopied,
		},
		{
			name: "quote left open at the end of a paragraph runs on",
			body: "“The levee was built for a smaller river, and we knew it.\n“We asked for money three years running,” Varga said.",
			span: "The levee was built for a smaller river, and we knew it",
			want: KindQuote,
		},
		{
			name: "straight quote glued to the previous sentence opens",
			body: `Varga spoke at the town hall."We will rebuild every house the river took from us," she said.`,
			span: "We will rebuild every house the river took from us",
			want: KindQuote,
		},
		{
			name: "text after a closed quote is not quoted",
			body: `"We will rebuild," Varga said, and the council voted to borrow money for the eastern levee repairs.`,
			span: "the council voted to borrow money for the eastern levee repairs",
			want: KindCopied,
		},
		{
			name: "stray closing quote opens nothing",
			body: `rebuild," Varga said, and the council voted to borrow money for the eastern levee repairs.`,
			span: "the council voted to borrow money for the eastern levee repairs",
			want: KindCopied,
		},
		{
			name: "mixed straight opening and curly closing",
			body: "\"We will rebuild every house the river took from us,” Varga wrote on social media.",
			span: "We will rebuild every house the river took from us",
			want: KindQuote,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := document("d", tt.body)
			start := strings.Index(tt.body, tt.span)
			if start < 0 {
				t.Fatalf("span text not in body")
			}
			span := article.Span{Start: start, End: start + len(tt.span)}
			if got := Classify(d, span); got != tt.want {
				t.Errorf("Classify(%q) = %s, want %s (quote regions %v)", tt.span, got, tt.want, quotedTexts(tt.body))
			}
		})
	}
}

func quotedTexts(body string) []string {
	var texts []string
	for _, r := range quoteRegions(body) {
		texts = append(texts, body[r.Start:r.End])
	}
	return texts
}

func TestQuoteRegions(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{`He said "yes" and "no".`, []string{"yes", "no"}},
		{"“One,” he said, “two.”", []string{"One,", "two."}},
		{"Headline: 'Quoted words here'\nNext line's text", []string{"Quoted words here"}},
		{`She called it "a 'grave' error".`, []string{"a 'grave' error"}},
		{"“Open to the end\n“Second”", []string{"Open to the end", "Second"}},
		{"The levee's and Homs' and can’t", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := quotedTexts(tt.body)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("quoteRegions(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}
