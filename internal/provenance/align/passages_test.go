package align

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

func TestPassages(t *testing.T) {
	const quote = "We will rebuild every house the river took from us, and we will do it before the first frost"
	tests := []struct {
		name string
		docs []*article.Document
		want []wantPassage
	}{
		{
			name: "a sentence shared by three documents is one passage",
			docs: []*article.Document{
				document("a", "Rain fell for a third day.\n"+wireSentence),
				document("b", wireSentence+"\nSchools stayed closed."),
				document("c", "The mayor toured the area by boat.\n"+strings.Replace(wireSentence, "about 400", "some 400", 1)),
			},
			want: []wantPassage{{
				articles: []string{"a", "b", "c"},
				kind:     KindCopied,
				texts:    []string{wireSpanText, wireSpanText, strings.Replace(wireSpanText, "about 400", "some 400", 1)},
			}},
		},
		{
			name: "a quote with different attribution",
			docs: []*article.Document{
				document("a", `"`+quote+`," said Mayor Ines Varga on Wednesday.`),
				document("b", `Mayor Ines Varga told reporters: “`+quote+`.”`),
			},
			want: []wantPassage{{articles: []string{"a", "b"}, kind: KindQuote, texts: []string{quote, quote}}},
		},
		{
			name: "quoted in one, attributed speech in the other",
			docs: []*article.Document{
				document("a", `"`+quote+`," said Mayor Ines Varga.`),
				document("b", `Mayor Ines Varga said that `+strings.Replace(quote, "We will", "they will", 1)+`.`),
			},
			want: []wantPassage{{
				articles: []string{"a", "b"},
				kind:     KindQuote,
				texts:    []string{strings.TrimPrefix(quote, "We "), strings.TrimPrefix(strings.Replace(quote, "We will", "they will", 1), "they ")},
			}},
		},
		{
			name: "quoted in one, narrative in the other",
			docs: []*article.Document{
				document("a", `"`+quote+`," Varga's deputy wrote.`),
				document("b", quote+`: that is the promise on every poster in the lower town.`),
			},
			want: []wantPassage{{articles: []string{"a", "b"}, kind: KindCopied, texts: []string{quote, quote}}},
		},
		{
			name: "narrative with a speech verb in both is copied",
			docs: []*article.Document{document("a", wireSentence), document("b", wireSentence)},
			want: []wantPassage{{articles: []string{"a", "b"}, kind: KindCopied, texts: []string{wireSpanText, wireSpanText}}},
		},
		{
			name: "quoted by two of three documents is a quote",
			docs: []*article.Document{
				document("a", `"`+quote+`," Varga said.`),
				document("b", quote+`: that is the promise on every poster in the lower town.`),
				document("c", `Varga added: "`+quote+`."`),
			},
			want: []wantPassage{{articles: []string{"a", "b", "c"}, kind: KindQuote, texts: []string{quote, quote, quote}}},
		},
		{
			name: "quoted by one of three documents is copied",
			docs: []*article.Document{
				document("a", quote+`: that is the promise on every poster in the lower town.`),
				document("b", `"`+quote+`," Varga said.`),
				document("c", `Posters across town read `+quote+` in red letters.`),
			},
			want: []wantPassage{{articles: []string{"a", "b", "c"}, kind: KindCopied, texts: []string{quote, quote, quote}}},
		},
		{
			name: "articles follow the input order",
			docs: []*article.Document{document("z", wireSentence), document("m", wireSentence)},
			want: []wantPassage{{articles: []string{"z", "m"}, kind: KindCopied, texts: []string{wireSpanText, wireSpanText}}},
		},
		{
			name: "nil documents and repeated ids are skipped",
			docs: []*article.Document{document("a", wireSentence), nil, document("a", wireSentence), document("b", unrelatedStory)},
		},
		{
			name: "unrelated documents share nothing",
			docs: []*article.Document{document("a", wireSentence), document("b", unrelatedStory)},
		},
		{
			name: "one document",
			docs: []*article.Document{document("a", wireSentence)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Passages(tt.docs, Options{})
			checkPassages(t, tt.docs, got)
			if len(got) != len(tt.want) {
				t.Fatalf("Passages found %d passages, want %d: %+v", len(got), len(tt.want), got)
			}
			byID := documentsByID(tt.docs)
			for i, w := range tt.want {
				p := got[i]
				if !reflect.DeepEqual(p.Articles, w.articles) || p.Kind != w.kind {
					t.Errorf("passage %d: articles %v kind %s, want %v %s", i, p.Articles, p.Kind, w.articles, w.kind)
					continue
				}
				for j, id := range p.Articles {
					if text := byID[id].Slice(p.Offsets[id]); text != w.texts[j] {
						t.Errorf("passage %d covers %q in %s, want %q", i, text, id, w.texts[j])
					}
				}
			}
		})
	}
}

type wantPassage struct {
	articles []string
	kind     string
	texts    []string // the text each article's offset covers, in article order
}

func documentsByID(docs []*article.Document) map[string]*article.Document {
	byID := map[string]*article.Document{}
	for _, d := range docs {
		if d != nil && byID[d.ID] == nil {
			byID[d.ID] = d
		}
	}
	return byID
}

// checkPassages fails unless every passage is well formed: two or more
// distinct articles, in input order, each with an in-range offset on token
// boundaries, Text the first article's span, and a known kind.
func checkPassages(t *testing.T, docs []*article.Document, passages []article.SharedPassage) {
	t.Helper()
	byID := documentsByID(docs)
	order := map[string]int{}
	for i, d := range docs {
		if d != nil {
			if _, ok := order[d.ID]; !ok {
				order[d.ID] = i
			}
		}
	}
	for i, p := range passages {
		if len(p.Articles) < 2 || len(p.Offsets) != len(p.Articles) {
			t.Fatalf("passage %d has articles %v and offsets %v", i, p.Articles, p.Offsets)
		}
		if !sort.SliceIsSorted(p.Articles, func(x, y int) bool { return order[p.Articles[x]] < order[p.Articles[y]] }) {
			t.Fatalf("passage %d lists articles %v out of input order", i, p.Articles)
		}
		for _, id := range p.Articles {
			d := byID[id]
			span, ok := p.Offsets[id]
			if d == nil || !ok {
				t.Fatalf("passage %d names unknown article %q", i, id)
			}
			checkSpan(t, d, span)
		}
		if first := byID[p.Articles[0]]; p.Text != first.Slice(p.Offsets[first.ID]) {
			t.Fatalf("passage %d text %q is not its first article's span", i, p.Text)
		}
		if p.Kind != KindQuote && p.Kind != KindCopied {
			t.Fatalf("passage %d has kind %q", i, p.Kind)
		}
	}
}

// checkSpan fails unless span is a non-empty range of d's Text that starts
// at a token's start and ends at a token's end.
func checkSpan(t *testing.T, d *article.Document, span article.Span) {
	t.Helper()
	if span.Start < 0 || span.End > len(d.Text) || span.Start >= span.End {
		t.Fatalf("span %+v out of range for %s (%d bytes)", span, d.ID, len(d.Text))
	}
	starts, ends := false, false
	tokens, _ := documentTokens(d)
	for _, tok := range tokens {
		starts = starts || tok.Start == span.Start
		ends = ends || tok.End == span.End
	}
	if !starts || !ends {
		t.Fatalf("span %+v of %s is not on token boundaries: %q", span, d.ID, d.Slice(span))
	}
}

func TestPassagesDeterministic(t *testing.T) {
	docs := storyDocuments(t)
	first := Passages(docs, Options{})
	for range 5 {
		if again := Passages(docs, Options{}); !reflect.DeepEqual(first, again) {
			t.Fatalf("Passages differs between runs:\n%+v\n%+v", first, again)
		}
	}
}

// storyDocuments reads the invented fixture story under testdata/story.
func storyDocuments(t testing.TB) []*article.Document {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "story", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture story: %v", err)
	}
	sort.Strings(paths)
	var docs []*article.Document
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, document(strings.TrimSuffix(filepath.Base(path), ".txt"), string(raw)))
	}
	return docs
}

func TestPassagesGolden(t *testing.T) {
	docs := storyDocuments(t)
	passages := Passages(docs, Options{})
	checkPassages(t, docs, passages)
	got, err := json.MarshalIndent(passages, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "story.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestPassagesGolden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Passages on testdata/story differs from %s (rerun with -update if the change is intended)\ngot:\n%s", golden, got)
	}
}
