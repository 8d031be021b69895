package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// The JSON view types below are the public schema (docs/schema.md). They are
// separate from article.Story and article.Document so that internal fields
// (sentences, tokens, hashes) can change without changing the contract.

// The report and story types are generic in the article shape so that the
// API's lean form (no article texts) is the same schema with one key fewer,
// written by the same code, rather than a second copy that could drift.

type jsonReport[A any] struct {
	Version   string         `json:"version"`
	Generated string         `json:"generated"`
	Stories   []jsonStory[A] `json:"stories"`
}

type jsonStory[A any] struct {
	ID         string                  `json:"id"`
	Title      string                  `json:"title"`
	Articles   []A                     `json:"articles"`
	Provenance article.Provenance      `json:"provenance"`
	Entities   []article.Entity        `json:"entities"`
	Places     []article.Place         `json:"places"`
	Claims     []article.Claim         `json:"claims"`
	Conflicts  []article.Comparison    `json:"conflicts"`
	Agreements []article.Comparison    `json:"agreements"`
	Framing    []article.Framing       `json:"framing"`
	Summary    []article.SummaryLine   `json:"summary"`
	Timeline   []article.TimelineEvent `json:"timeline"`
}

type jsonArticle struct {
	ID                string            `json:"id"`
	Source            string            `json:"source"`
	Title             string            `json:"title"`
	URL               string            `json:"url"`
	Published         *string           `json:"published"`
	PublishedInferred bool              `json:"published_inferred"`
	Language          string            `json:"language"`
	Text              string            `json:"text"`
	Removed           []article.Removal `json:"removed"`
	Bylines           []string          `json:"bylines"`
	Datelines         []string          `json:"datelines"`
	CreditLines       []string          `json:"credit_lines"`
}

// jsonArticleMeta is jsonArticle without its text, for the API's lean form:
// the text is most of a story's weight and most readers want the analysis.
type jsonArticleMeta struct {
	ID                string            `json:"id"`
	Source            string            `json:"source"`
	Title             string            `json:"title"`
	URL               string            `json:"url"`
	Published         *string           `json:"published"`
	PublishedInferred bool              `json:"published_inferred"`
	Language          string            `json:"language"`
	Removed           []article.Removal `json:"removed"`
	Bylines           []string          `json:"bylines"`
	Datelines         []string          `json:"datelines"`
	CreditLines       []string          `json:"credit_lines"`
}

func (a jsonArticle) meta() jsonArticleMeta {
	return jsonArticleMeta{
		ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, Published: a.Published,
		PublishedInferred: a.PublishedInferred, Language: a.Language, Removed: a.Removed,
		Bylines: a.Bylines, Datelines: a.Datelines, CreditLines: a.CreditLines,
	}
}

// JSONOptions choose a variant of the JSON report. The zero value is the
// report of docs/schema.md, as Write(w, "json", r) writes it.
type JSONOptions struct {
	// OmitText leaves out every article's "text" (and only that): the
	// analysis, its offsets included, is unchanged, and the texts can be
	// fetched one article at a time.
	OmitText bool
}

// WriteJSON renders r as the JSON report, shaped by opt.
func WriteJSON(w io.Writer, r Report, opt JSONOptions) error {
	var buf bytes.Buffer
	var err error
	if opt.OmitText {
		err = encodeJSON(&buf, r, jsonArticle.meta)
	} else {
		err = writeJSON(&buf, r)
	}
	if err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func writeJSON(buf *bytes.Buffer, r Report) error {
	return encodeJSON(buf, r, func(a jsonArticle) jsonArticle { return a })
}

func encodeJSON[A any](buf *bytes.Buffer, r Report, shape func(jsonArticle) A) error {
	doc := jsonReport[A]{
		Version:   SchemaVersion,
		Generated: r.Generated.Format(time.RFC3339),
		Stories:   []jsonStory[A]{},
	}
	for _, a := range analyses(r) {
		s := newJSONStory(a)
		doc.Stories = append(doc.Stories, jsonStory[A]{
			ID: s.ID, Title: s.Title, Articles: mapEach(s.Articles, shape), Provenance: s.Provenance,
			Entities: s.Entities, Places: s.Places, Claims: s.Claims, Conflicts: s.Conflicts,
			Agreements: s.Agreements, Framing: s.Framing, Summary: s.Summary, Timeline: s.Timeline,
		})
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	// The report is a data file, not something embedded in a page; escaping
	// &, < and > would only make quoted article text harder to read.
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func mapEach[T, U any](s []T, f func(T) U) []U {
	out := make([]U, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func newJSONStory(a *article.Analysis) jsonStory[jsonArticle] {
	s := jsonStory[jsonArticle]{
		Articles:   []jsonArticle{},
		Provenance: normProvenance(a.Provenance, storyTexts(a)),
		Entities:   normEach(a.Entities, normEntity),
		Places:     normEach(a.Places, normPlace),
		Claims:     normEach(a.Claims, func(c article.Claim) article.Claim { return c }),
		Conflicts:  normEach(a.Conflicts, normComparison),
		Agreements: normEach(a.Agreements, normComparison),
		Framing:    normEach(a.Framing, normFraming),
		Summary:    normEach(a.Summary, normSummaryLine),
		Timeline:   normEach(a.Timeline, normTimelineEvent),
	}
	if a.Story != nil {
		s.ID, s.Title = a.Story.ID, a.Story.Title
	}
	for _, d := range documents(a) {
		s.Articles = append(s.Articles, jsonArticle{
			ID:                d.ID,
			Source:            d.Source,
			Title:             d.Title,
			URL:               d.URL,
			Published:         jsonTime(d.Published),
			PublishedInferred: d.PublishedInferred,
			Language:          d.Language,
			Text:              d.Text,
			Removed:           nonNil(d.Removed),
			Bylines:           nonNil(d.Bylines),
			Datelines:         nonNil(d.Datelines),
			CreditLines:       nonNil(d.CreditLines),
		})
	}
	return s
}

// jsonTime formats t itself rather than relying on time.Time's marshaller,
// which fails for years outside 0..9999 and would sink the whole report.
func jsonTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// The norm* functions copy a section with every nil slice or map replaced by
// an empty one: the schema promises arrays and objects, never null, even when
// a stage built its values by hand instead of through article.NewAnalysis.
// They copy rather than patch so the caller's analysis is left untouched.

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nonNilMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}

func normEach[T any](s []T, norm func(T) T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = norm(v)
	}
	return out
}

func normIDGroups(groups [][]string) [][]string {
	return normEach(groups, nonNil[string])
}

// storyTexts maps the story's article ids to their cleaned texts.
func storyTexts(a *article.Analysis) map[string]string {
	texts := map[string]string{}
	if a.Story != nil {
		for _, d := range a.Story.Documents {
			if d != nil {
				texts[d.ID] = d.Text
			}
		}
	}
	return texts
}

func normProvenance(p article.Provenance, texts map[string]string) article.Provenance {
	return article.Provenance{
		NearDuplicates: nonNil(p.NearDuplicates),
		SharedPassages: normEach(p.SharedPassages, func(s article.SharedPassage) article.SharedPassage {
			s.Articles = nonNil(s.Articles)
			s.Offsets = characterOffsets(nonNilMap(s.Offsets), texts)
			return s
		}),
		Credits:     nonNil(p.Credits),
		Origins:     normIDGroups(p.Origins),
		OriginLinks: nonNil(p.OriginLinks),
	}
}

// characterOffsets turns byte spans into Unicode code point offsets, which
// the schema promises: readers in other languages index text by
// characters, and a byte offset into UTF-8 would land mid-character for
// them. A span outside its text is left as it is.
func characterOffsets(offsets map[string]article.Span, texts map[string]string) map[string]article.Span {
	out := make(map[string]article.Span, len(offsets))
	for id, sp := range offsets {
		t, ok := texts[id]
		if !ok || sp.Start < 0 || sp.End > len(t) || sp.Start > sp.End {
			out[id] = sp
			continue
		}
		start := utf8.RuneCountInString(t[:sp.Start])
		out[id] = article.Span{Start: start, End: start + utf8.RuneCountInString(t[sp.Start:sp.End])}
	}
	return out
}

func normEntity(e article.Entity) article.Entity {
	e.Aliases = nonNil(e.Aliases)
	e.Roles = nonNil(e.Roles)
	e.Articles = nonNilMap(e.Articles)
	e.Links = nonNil(e.Links)
	return e
}

func normPlace(p article.Place) article.Place {
	p.Aliases = nonNil(p.Aliases)
	p.Articles = nonNilMap(p.Articles)
	return p
}

func normComparison(c article.Comparison) article.Comparison {
	c.Sides = normEach(c.Sides, func(s article.Side) article.Side {
		s.Claims = nonNil(s.Claims)
		s.Articles = nonNil(s.Articles)
		s.Evidence = nonNil(s.Evidence)
		return s
	})
	return c
}

func normFraming(f article.Framing) article.Framing {
	terms := make(map[string]map[string]int, len(f.Terms))
	for id, t := range f.Terms {
		terms[id] = nonNilMap(t)
	}
	f.Terms = terms
	return f
}

func normSummaryLine(l article.SummaryLine) article.SummaryLine {
	l.Sources = nonNil(l.Sources)
	l.Origins = normIDGroups(l.Origins)
	return l
}

func normTimelineEvent(e article.TimelineEvent) article.TimelineEvent {
	e.Sources = nonNil(e.Sources)
	return e
}

// JSONDocument is a JSON report encoded once, to be written many times with
// only its "generated" time changing: a story's report runs to megabytes, and
// encoding it again for every request of an unchanged analysis cost more than
// sending it.
type JSONDocument struct {
	head, tail []byte // the bytes before and after the generated time's value
}

// EncodeJSON encodes the JSON report of stories shaped by opt, for writing
// with JSONDocument.Write.
func EncodeJSON(stories []*article.Analysis, opt JSONOptions) (*JSONDocument, error) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Report{Stories: stories}, opt); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	// "generated" is the second key of the top-level object, before any
	// article text, so its first occurrence is the one.
	const key = `"generated": "`
	start := bytes.Index(b, []byte(key))
	if start < 0 {
		return nil, fmt.Errorf("report: json: no generated time in the encoded report")
	}
	start += len(key)
	end := bytes.IndexByte(b[start:], '"')
	if end < 0 {
		return nil, fmt.Errorf("report: json: unterminated generated time")
	}
	return &JSONDocument{head: b[:start], tail: b[start+end:]}, nil
}

// Len is the size of the document, give or take the generated time's length.
func (d *JSONDocument) Len() int { return len(d.head) + len(d.tail) }

// Write writes the document with the given generated time: the same bytes
// as WriteJSON of the same stories with that Generated.
func (d *JSONDocument) Write(w io.Writer, generated time.Time) error {
	if _, err := w.Write(d.head); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := io.WriteString(w, generated.Format(time.RFC3339)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := w.Write(d.tail); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
