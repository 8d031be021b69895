package report

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// The view types are what the Markdown and HTML renderers share: one pass
// that orders, counts and formats an analysis, so that the two human formats
// cannot drift apart. Strings are sanitised (valid UTF-8, no control
// characters) but not escaped; each renderer escapes for its own syntax.

type pageView struct {
	Generated     string
	ArticleCount  int
	ConflictCount int
	Stories       []storyView
}

type storyView struct {
	Anchor       string
	ID           string
	Title        string
	ArticleCount int
	SourceCount  int
	// Origins is the number of independent origins, or a phrase saying
	// provenance has not established them yet.
	Origins    string
	Articles   []articleView
	Summary    []summaryView
	Conflicts  []comparisonView
	Agreements []comparisonView
	Provenance provenanceView
	Entities   []entityView
	Places     []placeView
	// Map is the analysis' SVG map of its Places, trusted: the analysis
	// draws it with every label escaped and no external reference. The
	// report itself never calls geo code.
	Map      template.HTML
	Framing  framingView
	Timeline []timelineView
	Claims   []claimView
}

// ref is an article id as cited somewhere in an analysis; Anchor links to the
// article in the HTML page and is empty when the id is not one of the story's
// articles.
type ref struct {
	ID     string
	Anchor string
}

type articleView struct {
	Anchor   string
	ID       string
	Source   string
	Title    string
	URL      string
	Language string
	// Lang is Language when it can serve as an HTML lang attribute, so that
	// a malformed code never makes the page invalid.
	Lang              string
	Published         string
	PublishedInferred bool
	Sentences         int
	Paragraphs        []string
	Removed           []removalView
	Bylines           []string
	Datelines         []string
	CreditLines       []string
}

type removalView struct {
	Reason string
	Text   string
	Short  string
}

type summaryView struct {
	Text    string
	Sources []ref
	Origins int
}

type comparisonView struct {
	ID          string
	Verdict     string
	About       string
	Explanation string
	Origins     int
	Sides       []sideView
	// SplitOrigins are the articles of each origin found on several sides.
	SplitOrigins [][]ref
}

type sideView struct {
	Value    string
	Articles []ref
	Evidence []string
}

type provenanceView struct {
	Origins        [][]ref
	OriginLinks    []originLinkView
	SharedPassages []passageView
	NearDuplicates []nearDuplicateView
	Credits        []creditView
}

// originLinkView is the evidence that two articles share an origin.
type originLinkView struct {
	A, B     ref
	Pair     []ref // A and B, for templates that list references
	Reason   string
	Evidence string
}

type passageView struct {
	Kind     string
	Text     string
	Articles []ref
}

type nearDuplicateView struct {
	A, B       ref
	Similarity string
}

type creditView struct {
	Article  ref
	Agency   string
	Evidence string
}

type entityView struct {
	Name     string
	Type     string
	Aliases  []string
	Roles    []string
	Mentions []mentionView
	Links    []linkView
}

type mentionView struct {
	Article ref
	Count   int
}

type linkView struct {
	Alias      string
	Evidence   string
	Confidence string
}

type placeView struct {
	Name        string
	Country     string
	Coordinates string
	Aliases     []string
	Mentions    []mentionView
}

type framingView struct {
	Articles []ref
	Rows     []framingRow
}

type framingRow struct {
	Actor string
	Cells []framingCell // one per framingView.Articles, in the same order
}

type framingCell struct {
	Article ref
	Terms   []termCount
}

type termCount struct {
	Term  string
	Count int
}

type timelineView struct {
	Date      string
	Precision string
	Inferred  bool
	Text      string
	Sources   []ref
}

type claimView struct {
	ID      string
	Kind    string
	Article ref
	Text    string
	Subject string
	Value   string
	Speaker string
	Date    string // with "(inferred)" when resolved against an inferred article date
}

// removalPreview is how many characters of a removed passage the summary
// views quote; the full text stays in the JSON and the HTML details.
const removalPreview = 120

const notDetermined = "not yet determined"

func newPageView(r Report) pageView {
	p := pageView{Generated: formatGenerated(r.Generated)}
	for i, a := range analyses(r) {
		s := newStoryView(i+1, a)
		p.ArticleCount += s.ArticleCount
		p.ConflictCount += len(s.Conflicts)
		p.Stories = append(p.Stories, s)
	}
	return p
}

func newStoryView(n int, a *article.Analysis) storyView {
	s := storyView{Anchor: "story-" + strconv.Itoa(n), Origins: notDetermined}
	if a.Story != nil {
		s.ID, s.Title = clean(a.Story.ID), clean(a.Story.Title)
	}
	docs := documents(a)
	anchors := make(map[string]string, len(docs))
	sources := make(map[string]bool, len(docs))
	for i, d := range docs {
		anchor := fmt.Sprintf("%s-article-%d", s.Anchor, i+1)
		if _, dup := anchors[d.ID]; !dup {
			anchors[d.ID] = anchor
		}
		// Articles of unknown outlets may each be from a different one, so
		// each counts as its own source rather than all as one.
		if d.Source == "" || d.Source == article.UnknownSource {
			sources["\x00"+d.ID] = true
		} else {
			sources[d.Source] = true
		}
		s.Articles = append(s.Articles, newArticleView(anchor, d))
	}
	s.ArticleCount, s.SourceCount = len(docs), len(sources)
	if len(a.Provenance.Origins) > 0 {
		s.Origins = strconv.Itoa(len(a.Provenance.Origins))
	}

	cite := func(id string) ref { return ref{ID: clean(id), Anchor: anchors[id]} }
	cites := func(ids []string) []ref {
		out := make([]ref, len(ids))
		for i, id := range ids {
			out[i] = cite(id)
		}
		return out
	}
	docIDs := make([]string, len(docs))
	for i, d := range docs {
		docIDs[i] = d.ID
	}
	mentions := func(m map[string]int) []mentionView {
		var out []mentionView
		for _, id := range storyOrder(docIDs, m) {
			out = append(out, mentionView{Article: cite(id), Count: m[id]})
		}
		return out
	}
	comparisons := func(cs []article.Comparison) []comparisonView {
		var out []comparisonView
		for _, c := range cs {
			v := comparisonView{ID: clean(c.ID), Verdict: clean(c.Verdict), About: clean(c.About), Explanation: clean(c.Explanation), Origins: c.Origins}
			for _, ids := range c.SplitOrigins {
				v.SplitOrigins = append(v.SplitOrigins, cites(ids))
			}
			for _, sd := range c.Sides {
				v.Sides = append(v.Sides, sideView{
					Value:    clean(sd.Value),
					Articles: cites(sd.Articles),
					Evidence: cleanAll(sd.Evidence),
				})
			}
			out = append(out, v)
		}
		return out
	}

	for _, l := range a.Summary {
		s.Summary = append(s.Summary, summaryView{Text: clean(l.Text), Sources: cites(l.Sources), Origins: len(l.Origins)})
	}
	s.Conflicts = comparisons(a.Conflicts)
	s.Agreements = comparisons(a.Agreements)

	p := a.Provenance
	for _, o := range p.Origins {
		s.Provenance.Origins = append(s.Provenance.Origins, cites(o))
	}
	for _, l := range p.OriginLinks {
		s.Provenance.OriginLinks = append(s.Provenance.OriginLinks, originLinkView{A: cite(l.A), B: cite(l.B), Pair: cites([]string{l.A, l.B}), Reason: clean(l.Reason), Evidence: clean(l.Evidence)})
	}
	for _, sp := range p.SharedPassages {
		s.Provenance.SharedPassages = append(s.Provenance.SharedPassages, passageView{Kind: clean(sp.Kind), Text: clean(sp.Text), Articles: cites(sp.Articles)})
	}
	for _, nd := range p.NearDuplicates {
		s.Provenance.NearDuplicates = append(s.Provenance.NearDuplicates, nearDuplicateView{A: cite(nd.A), B: cite(nd.B), Similarity: formatScore(nd.Similarity)})
	}
	for _, c := range p.Credits {
		s.Provenance.Credits = append(s.Provenance.Credits, creditView{Article: cite(c.Article), Agency: clean(c.Agency), Evidence: clean(c.Evidence)})
	}

	for _, e := range a.Entities {
		v := entityView{Name: clean(e.Name), Type: clean(e.Type), Aliases: cleanAll(e.Aliases), Roles: cleanAll(e.Roles), Mentions: mentions(e.Articles)}
		for _, l := range e.Links {
			v.Links = append(v.Links, linkView{Alias: clean(l.Alias), Evidence: clean(l.Evidence), Confidence: formatScore(l.Confidence)})
		}
		s.Entities = append(s.Entities, v)
	}
	s.Map = template.HTML(a.Map) // drawn by the analysis with its labels escaped
	for _, pl := range a.Places {
		s.Places = append(s.Places, placeView{
			Name:        clean(pl.Name),
			Country:     clean(pl.Country),
			Coordinates: fmt.Sprintf("%.4f, %.4f", pl.Lat, pl.Lon),
			Aliases:     cleanAll(pl.Aliases),
			Mentions:    mentions(pl.Articles),
		})
	}

	s.Framing = newFramingView(a.Framing, docIDs, cite)

	for _, e := range a.Timeline {
		s.Timeline = append(s.Timeline, timelineView{Date: clean(e.Date), Precision: clean(e.DatePrecision), Inferred: e.Inferred, Text: clean(e.Text), Sources: cites(e.Sources)})
	}
	for _, c := range a.Claims {
		date := clean(c.Date)
		if date != "" && strings.Contains(c.DateAnchor, "inferred") {
			date += " (inferred)"
		}
		s.Claims = append(s.Claims, claimView{ID: clean(c.ID), Kind: clean(c.Kind), Article: cite(c.Article), Text: clean(c.Text),
			Subject: clean(c.Subject), Value: clean(c.Value), Speaker: clean(c.Speaker), Date: date})
	}
	return s
}

func newArticleView(anchor string, d *article.Document) articleView {
	v := articleView{
		Anchor:            anchor,
		ID:                clean(d.ID),
		Source:            clean(d.Source),
		Title:             clean(d.Title),
		URL:               clean(d.URL),
		Language:          clean(d.Language),
		Lang:              languageTag(d.Language),
		Published:         formatPublished(d.Published, d.PublishedInferred),
		PublishedInferred: d.PublishedInferred && !d.Published.IsZero(),
		Sentences:         len(d.Sentences),
		Bylines:           cleanAll(d.Bylines),
		Datelines:         cleanAll(d.Datelines),
		CreditLines:       cleanAll(d.CreditLines),
	}
	for _, p := range strings.Split(clean(d.Text), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paragraphs = append(v.Paragraphs, p)
		}
	}
	for _, r := range d.Removed {
		text := clean(r.Text)
		v.Removed = append(v.Removed, removalView{Reason: clean(r.Reason), Text: text, Short: truncate(text, removalPreview)})
	}
	return v
}

// newFramingView lays framing out as a matrix: the story's articles as
// columns (plus any other article the framing mentions, so nothing is
// dropped), actors as rows, and each cell's terms by falling count.
func newFramingView(fs []article.Framing, docIDs []string, cite func(string) ref) framingView {
	var v framingView
	if len(fs) == 0 {
		return v
	}
	cited := make(map[string]bool)
	for _, f := range fs {
		for id := range f.Terms {
			cited[id] = true
		}
	}
	columns := storyOrder(docIDs, cited)
	for _, id := range columns {
		v.Articles = append(v.Articles, cite(id))
	}
	for _, f := range fs {
		row := framingRow{Actor: clean(f.Actor)}
		for _, id := range columns {
			cell := framingCell{Article: cite(id)}
			for term, n := range f.Terms[id] {
				cell.Terms = append(cell.Terms, termCount{Term: clean(term), Count: n})
			}
			slices.SortFunc(cell.Terms, func(a, b termCount) int {
				return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Term, b.Term))
			})
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// storyOrder returns the ids in m in the story's article order, followed by
// ids the story does not hold, sorted, so that map-keyed sections read in the
// same order as the articles table and render deterministically.
func storyOrder[V any](docIDs []string, m map[string]V) []string {
	var out []string
	seen := make(map[string]bool, len(docIDs))
	for _, id := range docIDs {
		if _, ok := m[id]; ok && !seen[id] {
			out = append(out, id)
		}
		seen[id] = true
	}
	var extra []string
	for id := range m {
		if !seen[id] {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

func formatGenerated(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.Format(time.RFC3339)
}

// formatPublished leaves out a midnight time on an inferred date: dates read
// from the text are days, and "00:00" would claim a precision nobody had.
func formatPublished(t time.Time, inferred bool) string {
	if t.IsZero() {
		return "unknown"
	}
	if h, m, s := t.Clock(); inferred && h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	if _, offset := t.Zone(); offset == 0 {
		return t.Format("2006-01-02 15:04") + " UTC"
	}
	return t.Format("2006-01-02 15:04 -07:00")
}

func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// clean makes article-provided text safe to show: invalid UTF-8 and control
// characters (which could drive a terminal or break an HTML document) become
// U+FFFD. Newlines and tabs survive; renderers decide what they mean.
func clean(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if isControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isClean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || isControl(r) {
			return false
		}
	}
	return true
}

func isControl(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

func cleanAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clean(s)
	}
	return out
}

// truncate shortens s to at most n characters, on a word boundary when one
// is near, and marks the cut with an ellipsis.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*3/4 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ") + "…"
}

// languageTag returns code if it is shaped like a BCP 47 tag ("en",
// "pt-BR"), else "".
func languageTag(code string) string {
	if code == "" || len(code) > 35 {
		return ""
	}
	for i, part := range strings.Split(code, "-") {
		if part == "" || len(part) > 8 || (i == 0 && len(part) > 3 && len(part) < 5) {
			return ""
		}
		for _, r := range part {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
				return ""
			}
		}
	}
	return code
}
