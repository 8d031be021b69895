package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t testing.TB, format string, r Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r); err != nil {
		t.Fatalf("Write(%q): %v", format, err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, fixture())
			path := filepath.Join("testdata", "report."+format)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run go test -update after checking the change):\n%s", format, path, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, format := range Formats {
		first := render(t, format, fixture())
		for range 5 {
			if again := render(t, format, fixture()); again != first {
				t.Fatalf("%s: two renderings of the same report differ", format)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"", "pdf", "MD", "markdown", " json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, format, fixture())
			if err == nil {
				t.Fatal("no error")
			}
			for _, name := range Formats {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("error %q does not name accepted format %q", err, name)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes for an unknown format", buf.Len())
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsWriterError(t *testing.T) {
	for _, format := range Formats {
		if err := Write(failingWriter{}, format, fixture()); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: got %v, want the writer's error", format, err)
		}
	}
}

// kind names a JSON value's type as encoding/json decodes it into any.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "bool"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// The schema tables are the public contract of docs/schema.md: exact key
// sets, so an added, dropped or renamed key fails here before it ships.
var (
	reportKeys = map[string]string{"version": "string", "generated": "string", "stories": "array"}
	storyKeys  = map[string]string{
		"id": "string", "title": "string", "articles": "array", "provenance": "object",
		"entities": "array", "places": "array", "claims": "array", "conflicts": "array",
		"agreements": "array", "framing": "array", "summary": "array", "timeline": "array",
	}
	articleKeys = map[string]string{
		"id": "string", "source": "string", "title": "string", "url": "string",
		"published": "string|null", "published_inferred": "bool", "language": "string", "text": "string",
		"removed": "array", "bylines": "array", "datelines": "array", "credit_lines": "array",
	}
	provenanceKeys = map[string]string{"near_duplicates": "array", "shared_passages": "array", "credits": "array", "origins": "array", "origin_links": "array"}
)

func checkKeys(t *testing.T, where string, v any, want map[string]string) map[string]any {
	t.Helper()
	obj, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: got %s, want object", where, kind(v))
	}
	for key, types := range want {
		val, ok := obj[key]
		if !ok {
			t.Errorf("%s: missing key %q", where, key)
			continue
		}
		if !slices.Contains(strings.Split(types, "|"), kind(val)) {
			t.Errorf("%s.%s: got %s, want %s", where, key, kind(val), types)
		}
	}
	for key := range obj {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: unexpected key %q (not in the schema)", where, key)
		}
	}
	return obj
}

// noNulls fails on any null in the document except the ones the schema
// allows ("published").
func noNulls(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil:
		if !strings.HasSuffix(path, ".published") {
			t.Errorf("%s is null", path)
		}
	case []any:
		for i, e := range v {
			noNulls(t, fmt.Sprintf("%s[%d]", path, i), e)
		}
	case map[string]any:
		for k, e := range v {
			noNulls(t, path+"."+k, e)
		}
	}
}

func TestJSONShape(t *testing.T) {
	a1, _, _ := fixtureDocs()
	handBuilt := &article.Analysis{
		Story:     &article.Story{ID: "s9", Title: "Built by hand", Documents: []*article.Document{{ID: "x1", Text: "Only text."}}},
		Entities:  []article.Entity{{ID: "e1", Name: "Nobody"}},
		Places:    []article.Place{{Name: "Nowhere"}},
		Conflicts: []article.Comparison{{ID: "k1", About: "nothing", Sides: []article.Side{{Value: "v"}}}},
		Framing:   []article.Framing{{Actor: "someone", Terms: map[string]map[string]int{"x1": nil}}},
		Summary:   []article.SummaryLine{{Text: "A line.", Origins: [][]string{nil}}},
		Timeline:  []article.TimelineEvent{{Date: "2026"}},
		Provenance: article.Provenance{
			SharedPassages: []article.SharedPassage{{Text: "shared"}},
			Origins:        [][]string{nil},
		},
	}
	tests := []struct {
		name    string
		report  Report
		stories int
	}{
		{"fixture", fixture(), 2},
		{"no stories", Report{Generated: generated}, 0},
		{"empty analysis", Report{Generated: generated, Stories: []*article.Analysis{article.NewAnalysis(&article.Story{ID: "s1", Documents: []*article.Document{a1}})}}, 1},
		{"nil slices built by hand", Report{Generated: generated, Stories: []*article.Analysis{handBuilt}}, 1},
		{"nil story and nil analysis", Report{Generated: generated, Stories: []*article.Analysis{nil, {}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, "json", tt.report)
			var doc any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("invalid JSON: %v", err)
			}
			noNulls(t, "$", doc)
			root := checkKeys(t, "$", doc, reportKeys)
			if root["version"] != SchemaVersion {
				t.Errorf("version = %v, want %q", root["version"], SchemaVersion)
			}
			if g, _ := root["generated"].(string); g != generated.Format(time.RFC3339) {
				t.Errorf("generated = %q", g)
			}
			stories, _ := root["stories"].([]any)
			if len(stories) != tt.stories {
				t.Fatalf("%d stories, want %d", len(stories), tt.stories)
			}
			for i, s := range stories {
				where := fmt.Sprintf("stories[%d]", i)
				story := checkKeys(t, where, s, storyKeys)
				checkKeys(t, where+".provenance", story["provenance"], provenanceKeys)
				articles, _ := story["articles"].([]any)
				for j, a := range articles {
					checkKeys(t, fmt.Sprintf("%s.articles[%d]", where, j), a, articleKeys)
				}
			}
		})
	}
}

func TestJSONArticleText(t *testing.T) {
	a1, _, _ := fixtureDocs()
	var doc struct {
		Stories []struct {
			Articles []struct {
				Text      string  `json:"text"`
				Published *string `json:"published"`
			} `json:"articles"`
		} `json:"stories"`
	}
	r := Report{Generated: generated, Stories: []*article.Analysis{article.NewAnalysis(&article.Story{Documents: []*article.Document{a1}})}}
	if err := json.Unmarshal([]byte(render(t, "json", r)), &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Stories[0].Articles[0]
	if got.Text != a1.Text {
		t.Errorf("text = %q, want the cleaned body", got.Text)
	}
	if got.Published == nil || *got.Published != "2026-02-27T09:30:00Z" {
		t.Errorf("published = %v", got.Published)
	}
}

func TestWriteDoesNotModifyAnalysis(t *testing.T) {
	a := &article.Analysis{Story: &article.Story{ID: "s"}, Entities: []article.Entity{{Name: "x"}}}
	render(t, "json", Report{Stories: []*article.Analysis{a}})
	if a.Entities[0].Aliases != nil || a.Provenance.Origins != nil {
		t.Error("rendering JSON filled the caller's nil slices")
	}
}

func TestUnknownPublished(t *testing.T) {
	_, _, a3 := fixtureDocs() // a3 has no publication date
	r := Report{Generated: generated, Stories: []*article.Analysis{article.NewAnalysis(&article.Story{ID: "s", Documents: []*article.Document{a3}})}}
	tests := []struct {
		format string
		want   string
	}{
		{"json", `"published": null`},
		{"md", "| a3 | Harbor Radio \\| News | unknown | 4 | 0 |"},
		{"html", "<td>unknown</td>"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if out := render(t, tt.format, r); !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
}

func TestInferredPublished(t *testing.T) {
	_, a2, _ := fixtureDocs()
	r := Report{Generated: generated, Stories: []*article.Analysis{article.NewAnalysis(&article.Story{Documents: []*article.Document{a2}})}}
	if out := render(t, "md", r); !strings.Contains(out, "| 2026-02-27 (inferred) |") {
		t.Error("markdown does not mark the inferred date")
	}
	if out := render(t, "json", r); !strings.Contains(out, `"published_inferred": true`) {
		t.Error("JSON does not mark the inferred date")
	}
}

// hostileReport puts the given text into every string an analysis carries.
func hostileReport(text string) Report {
	d := &article.Document{
		ID: text, Source: text, URL: text, Title: text, Language: text, Text: text,
		Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Removed:   []article.Removal{{Text: text, Reason: text}},
		Bylines:   []string{text}, Datelines: []string{text}, CreditLines: []string{text},
		Sentences: []article.Sentence{{Span: article.Span{Start: 5, End: 1 << 30}}},
	}
	a := article.NewAnalysis(&article.Story{ID: text, Title: text, Documents: []*article.Document{d, nil}})
	ids := []string{text, "missing"}
	a.Provenance = article.Provenance{
		NearDuplicates: []article.NearDuplicate{{A: text, B: text, Similarity: 1}},
		SharedPassages: []article.SharedPassage{{Articles: ids, Text: text, Kind: text, Offsets: map[string]article.Span{text: {Start: -1, End: 1 << 40}}}},
		Credits:        []article.Credit{{Article: text, Agency: text, Evidence: text}},
		Origins:        [][]string{ids},
	}
	a.Entities = []article.Entity{{ID: text, Name: text, Type: text, Aliases: ids, Roles: ids, Articles: map[string]int{text: 1, "missing": 2}, Links: []article.EntityLink{{Alias: text, Evidence: text}}}}
	a.Places = []article.Place{{Name: text, Aliases: ids, Country: text, Articles: map[string]int{text: 1}}}
	a.Claims = []article.Claim{{ID: text, Kind: text, Article: text, Sentence: -3, Text: text, Subject: text, Value: text, Speaker: text}}
	cmp := article.Comparison{ID: text, About: text, Explanation: text, Sides: []article.Side{{Claims: ids, Articles: ids, Value: text, Evidence: ids}}}
	a.Conflicts = []article.Comparison{cmp}
	a.Agreements = []article.Comparison{cmp}
	a.Framing = []article.Framing{{Actor: text, Terms: map[string]map[string]int{text: {text: 3}, "missing": {"x": 1}}}}
	a.Summary = []article.SummaryLine{{Text: text, Sources: ids, Origins: [][]string{ids}}}
	a.Timeline = []article.TimelineEvent{{Date: text, DatePrecision: text, Text: text, Sources: ids}}
	return Report{Generated: generated, Stories: []*article.Analysis{a}}
}

func TestHostileStrings(t *testing.T) {
	tests := map[string]string{
		"invalid UTF-8":      "bad \xff\xfe\xc3 bytes",
		"control characters": "bell\a esc\x1b[31mred\x1b[0m nul\x00 cr\r\nline del\x7f c1\u0085",
		"markup":             `<script>alert("x")</script> | # > - 1. [a](javascript:alert(1)) *b* _c_ ` + "`d`",
		"huge":               strings.Repeat("A very long sentence about nothing in particular. ", 5_000),
		"empty":              "",
		"only newlines":      "\n\n\n",
		"bidi and emoji":     "\u202egnirts desrever\u202c 🌊",
	}
	for name, text := range tests {
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				out := render(t, format, hostileReport(text))
				switch format {
				case "json":
					if !json.Valid([]byte(out)) {
						t.Fatal("invalid JSON")
					}
				default:
					if !utf8.ValidString(out) {
						t.Error("output is not valid UTF-8")
					}
					if i := strings.IndexFunc(out, isControl); i >= 0 {
						t.Errorf("output holds control character %q at %d", out[i], i)
					}
				}
				if format == "html" {
					if strings.Contains(out, "<script") || strings.Contains(out, `href="javascript`) {
						t.Error("article text became markup")
					}
					checkHTML(t, out)
				}
			})
		}
	}
}

func TestHTMLEscapesArticleText(t *testing.T) {
	const evil = `<script>alert("pwned")</script>`
	tests := []struct {
		name string
		edit func(*article.Analysis)
	}{
		{"story title", func(a *article.Analysis) { a.Story.Title = evil }},
		{"article title", func(a *article.Analysis) { a.Story.Documents[0].Title = evil }},
		{"article text", func(a *article.Analysis) { a.Story.Documents[0].Text = "Before.\n" + evil }},
		{"source", func(a *article.Analysis) { a.Story.Documents[0].Source = evil }},
		{"removal", func(a *article.Analysis) { a.Story.Documents[0].Removed[0].Text = evil }},
		{"evidence", func(a *article.Analysis) { a.Conflicts[0].Sides[0].Evidence[0] = evil }},
		{"framing term", func(a *article.Analysis) { a.Framing[0].Terms["a1"] = map[string]int{evil: 1} }},
		{"summary", func(a *article.Analysis) { a.Summary[0].Text = evil }},
		{"url", func(a *article.Analysis) { a.Story.Documents[0].URL = `javascript:alert(1)` }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture()
			tt.edit(r.Stories[0])
			out := render(t, "html", r)
			if strings.Contains(out, "<script") {
				t.Error("unescaped <script> in the page")
			}
			if strings.Contains(out, `href="javascript:`) {
				t.Error("javascript: URL kept as a link")
			}
			if tt.name != "url" && !strings.Contains(out, "&lt;script&gt;") {
				t.Error("escaped text missing from the page")
			}
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	tests := []struct {
		name string
		edit func(*article.Analysis)
		want string
	}{
		{"pipe in table cell", func(a *article.Analysis) { a.Story.Documents[0].Source = "North | South" }, "| a1 | North \\| South |"},
		{"pipe in framing cell", func(a *article.Analysis) { a.Framing[0].Actor = "A|B" }, "| A\\|B | a1 |"},
		{"leading hash", func(a *article.Analysis) { a.Summary[0].Text = "# Not a heading" }, "- \\# Not a heading ["},
		{"leading quote", func(a *article.Analysis) { a.Conflicts[0].Sides[0].Evidence[0] = "> nested" }, "  > \\> nested"},
		{"leading list marker", func(a *article.Analysis) { a.Timeline[0].Text = "x"; a.Timeline[0].Date = "- 2026" }, "- \\- 2026"},
		{"leading ordered marker", func(a *article.Analysis) { a.Summary[0].Text = "1990. A year." }, "- 1990\\. A year."},
		{"trailing hash in heading", func(a *article.Analysis) { a.Story.Title = "Ranking C#" }, "## Story: Ranking C\\#"},
		{"link syntax", func(a *article.Analysis) { a.Summary[0].Text = "see [here](http://x.example)" }, `see \[here\](http://x.example)`},
		{"raw html", func(a *article.Analysis) { a.Summary[0].Text = "<b>bold</b>" }, `\<b>bold\</b>`},
		{"newline folded", func(a *article.Analysis) { a.Summary[0].Text = "one\ntwo" }, "- one two ["},
		{"citations", func(a *article.Analysis) {}, "[a1, a2, a3] (2 origins)"},
		{"intraword underscore kept", func(a *article.Analysis) { a.Summary[0].Text = "file report_2031_a" }, "- file report_2031_a ["},
		{"emphasis underscore escaped", func(a *article.Analysis) { a.Summary[0].Text = "_not italic_ here" }, `- \_not italic\_ here [`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture()
			tt.edit(r.Stories[0])
			if out := render(t, "md", r); !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
}

func TestMarkdownEmptySectionsSayNone(t *testing.T) {
	out := render(t, "md", Report{Generated: generated, Stories: []*article.Analysis{article.NewAnalysis(&article.Story{ID: "s", Title: "Quiet"})}})
	for _, want := range []string{
		"No articles.", "No summary was produced.", "No conflicts found.", "No agreements found.",
		"Not yet determined.", "No shared passages found.", "No near-duplicates found.",
		"No credited agencies found.", "No entities found.", "No places found.", "No framing found.",
		"No dated events found.", "No claims found.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("empty story lacks %q", want)
		}
	}
}

func TestMarkdownCleaningTruncates(t *testing.T) {
	out := render(t, "md", fixture())
	if !strings.Contains(out, `  - boilerplate: "Subscribe to the Gazette`) || !strings.Contains(out, `…"`) {
		t.Fatal("long removal not quoted and truncated")
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  - boilerplate:") && utf8.RuneCountInString(line) > removalPreview+40 {
			t.Errorf("removal line not truncated: %q", line)
		}
	}
}

func TestHTMLIsSelfContainedHTML5(t *testing.T) {
	out := render(t, "html", fixture())
	for _, want := range []string{
		"<!DOCTYPE html>", `<html lang="en">`, `<meta charset="utf-8">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		"<title>", "@media print", "<details", `class="comparison conflict"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, external := range []string{"<script", "<link", "<img", "<iframe", " src=", "@import", "url("} {
		if strings.Contains(out, external) {
			t.Errorf("page would make an external request or need JS: %q", external)
		}
	}
	checkHTML(t, out)
}

func TestHTMLMapHook(t *testing.T) {
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "map", storyView{}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("empty map rendered %q", buf.String())
	}
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="1"/></svg>`
	if err := page.ExecuteTemplate(&buf, "map", storyView{Map: template.HTML(svg)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<figure class="map">`+svg+`</figure>`) {
		t.Errorf("map hook rendered %q", buf.String())
	}
}

var (
	tagPattern = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
	voidTags   = map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "link": true, "input": true, "wbr": true}
)

// checkHTML checks what a template slip would break: every element is closed
// in order, and no element the page uses appears outside the body.
func checkHTML(t *testing.T, page string) {
	t.Helper()
	body := page[strings.Index(page, "<html"):]
	body = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(body, "<style></style>")
	var stack []string
	for _, m := range tagPattern.FindAllStringSubmatch(body, -1) {
		closing, name := m[1] == "/", strings.ToLower(m[2])
		if voidTags[name] {
			continue
		}
		if !closing {
			stack = append(stack, name)
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != name {
			t.Fatalf("</%s> closes %v", name, stack)
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed elements %v", stack)
	}
}

func benchmarkReport(stories, articles int) Report {
	base := fixture().Stories[0]
	r := Report{Generated: generated}
	for s := range stories {
		a := *base
		docs := make([]*article.Document, articles)
		for i := range docs {
			d := *base.Story.Documents[i%len(base.Story.Documents)]
			d.ID = fmt.Sprintf("s%d-a%d", s, i)
			d.Text = strings.Repeat(d.Text+"\n", 6)
			docs[i] = &d
		}
		a.Story = &article.Story{ID: fmt.Sprintf("s%d", s), Title: base.Story.Title, Documents: docs}
		r.Stories = append(r.Stories, &a)
	}
	return r
}

func BenchmarkWriteHTML(b *testing.B) {
	r := benchmarkReport(50, 10)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, "html", r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func TestUnknownSourcesCountSeparately(t *testing.T) {
	r := fixture()
	docs := r.Stories[0].Story.Documents
	for _, d := range docs {
		d.Source = article.UnknownSource
	}
	docs[0].Source = ""
	if out := render(t, "md", r); !strings.Contains(out, fmt.Sprintf("Sources: %d", len(docs))) {
		t.Errorf("articles of unknown outlets should count as %d sources:\n%s", len(docs), out[:min(len(out), 600)])
	}
	docs[1].Source, docs[2].Source = "Tessel Post", "Tessel Post"
	if out := render(t, "md", r); !strings.Contains(out, "Sources: 2") {
		t.Errorf("one unknown and one named outlet should count as 2 sources")
	}
}

func TestClaimsShowWhoAndWhen(t *testing.T) {
	r := fixture()
	r.Stories[0].Claims = []article.Claim{{ID: "x", Kind: "figure", Article: "a1", Subject: "people displaced", Value: "about 300 people",
		Speaker: "the council", Date: "2026-02-26", DateAnchor: "article date (inferred)", Text: "The council said about 300 people left."}}
	out := render(t, "md", r)
	if !strings.Contains(out, "people displaced: about 300 people — the council (2026-02-26 (inferred))") {
		t.Errorf("claim line lacks subject, value, speaker or the inferred date:\n%s", out)
	}
}

func TestPassageOffsetsAreCharacters(t *testing.T) {
	text := "Zoë Müller wrote: the dam failed at dawn."
	d := &article.Document{ID: "x", Text: text}
	start := strings.Index(text, "the dam")
	a := article.NewAnalysis(&article.Story{ID: "s", Documents: []*article.Document{d}})
	a.Provenance.SharedPassages = []article.SharedPassage{{Articles: []string{"x"}, Text: "the dam failed", Kind: "copied",
		Offsets: map[string]article.Span{"x": {Start: start, End: start + len("the dam failed")}}}}
	var out struct {
		Stories []struct {
			Provenance struct {
				SharedPassages []struct {
					Offsets map[string]article.Span `json:"offsets"`
				} `json:"shared_passages"`
			} `json:"provenance"`
		} `json:"stories"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", Report{Stories: []*article.Analysis{a}})), &out); err != nil {
		t.Fatal(err)
	}
	got := out.Stories[0].Provenance.SharedPassages[0].Offsets["x"]
	runes := []rune(text)
	if string(runes[got.Start:got.End]) != "the dam failed" {
		t.Errorf("offsets %v select %q in characters, want the passage", got, string(runes[got.Start:got.End]))
	}
}

func TestMapOnlyInHTML(t *testing.T) {
	r := fixture()
	r.Stories[0].Map = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" id="story-map"><circle cx="5" cy="5" r="2"/></svg>`
	if out := render(t, "html", r); !strings.Contains(out, `<figure class="map"><svg`) || !strings.Contains(out, `id="story-map"`) {
		t.Error("the HTML report does not embed the map")
	}
	for _, format := range []string{"md", "json"} {
		if out := render(t, format, r); strings.Contains(out, "story-map") {
			t.Errorf("the %s report carries the SVG", format)
		}
	}
}

// BenchmarkWriteJSON is one story at the API's analysis cap of 200
// articles, the answer of GET /api/stories/{id} for a large story.
func BenchmarkWriteJSON(b *testing.B) {
	r := benchmarkReport(1, 200)
	for _, tt := range []struct {
		name string
		opt  JSONOptions
	}{{"full", JSONOptions{}}, {"omit-text", JSONOptions{OmitText: true}}} {
		b.Run(tt.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := WriteJSON(&buf, r, tt.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportMetric(float64(buf.Len()), "bytes/op")
		})
	}
}

// TestJSONForms checks the exports the API serves from: WriteJSON with zero
// options and an encoded JSONDocument give Write's bytes, and OmitText
// removes each article's text key and nothing else.
func TestJSONForms(t *testing.T) {
	r := fixture()
	want := render(t, "json", r)
	for _, gen := range []time.Time{r.Generated, time.Date(2031, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))} {
		r := Report{Generated: gen, Stories: r.Stories}
		want := render(t, "json", r)
		var got bytes.Buffer
		if err := WriteJSON(&got, r, JSONOptions{}); err != nil || got.String() != want {
			t.Errorf("WriteJSON with zero options differs from Write (%v)", err)
		}
		doc, err := EncodeJSON(r.Stories, JSONOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got.Reset()
		if err := doc.Write(&got, gen); err != nil || got.String() != want {
			t.Errorf("JSONDocument.Write at %v differs from Write (%v):\n%s", gen, err, firstDiff(want, got.String()))
		}
	}

	var full, lean map[string]any
	if err := json.Unmarshal([]byte(want), &full); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r, JSONOptions{OmitText: true}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &lean); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range full["stories"].([]any) {
		for _, a := range s.(map[string]any)["articles"].([]any) {
			delete(a.(map[string]any), "text")
			n++
		}
	}
	if n == 0 || !reflect.DeepEqual(full, lean) {
		t.Errorf("OmitText is not the report without article texts:\n%s", buf.String())
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"version\": \"1\",") {
		t.Errorf("lean report not indented as the full one: %.60q", buf.String())
	}
}
