package server

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/report"
	"github.com/corroborate/corroborate/internal/store"
)

//go:embed web
var webFiles embed.FS

// pages holds one template set per page, each the layout plus the page's
// "content", so that pages cannot see each other's definitions.
var pages = func() map[string]*template.Template {
	layout := template.Must(template.ParseFS(webFiles, "web/layout.html.tmpl"))
	out := map[string]*template.Template{}
	for _, name := range []string{"stories", "story", "article", "search", "feeds", "error"} {
		out[name] = template.Must(template.Must(layout.Clone()).ParseFS(webFiles, "web/"+name+".html.tmpl"))
	}
	return out
}()

// styleSheet is the report's CSS, so embedded story sections look as they
// do in a report, followed by the server's own layout.
var styleSheet = func() []byte {
	own, err := webFiles.ReadFile("web/style.css")
	if err != nil {
		panic(err)
	}
	return []byte(report.StyleSheet() + "\n" + string(own))
}()

type pageData struct {
	Title string
	Query string // shown in the search box
	Body  any
}

// render writes a whole page, or a generic error page if the template
// fails: executing into a buffer first means a half-written page never
// goes out.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data pageData) {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("rendering page", "request_id", requestID(r), "page", name, "err", err)
		code = http.StatusInternalServerError
		buf.Reset()
		_ = pages["error"].ExecuteTemplate(&buf, "layout", pageData{Title: "Error", Body: errorView{Heading: "Something went wrong", Message: "The page could not be shown.", RequestID: requestID(r)}})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

type errorView struct {
	Heading, Message, RequestID string
}

func (s *Server) htmlError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.render(w, r, code, "error", pageData{Title: http.StatusText(code), Body: errorView{Heading: http.StatusText(code), Message: msg, RequestID: requestID(r)}})
}

func (s *Server) styleSheet(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(styleSheet)
}

type pagerView struct {
	From, To, Total int
	Prev, Next      string
}

// newPager links the neighbouring pages of base (a path with its query
// values other than offset).
func newPager(base string, q url.Values, limit, offset, got, total int) pagerView {
	p := pagerView{Total: total}
	if got > 0 {
		p.From, p.To = offset+1, offset+got
	}
	link := func(off int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Del("offset")
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	}
	if offset > 0 {
		p.Prev = link(max(0, offset-limit))
	}
	if n := nextOffset(offset, got, total); n != nil {
		p.Next = link(*n)
	}
	return p
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

type storyItem struct {
	Title, Link, Updated string
	Articles, Origins    int
}

type storiesView struct {
	Stories []storyItem
	Pager   pagerView
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, problem := paging(q)
	if problem != "" {
		s.htmlError(w, r, http.StatusBadRequest, problem)
		return
	}
	infos, total, err := s.cfg.Store.Stories(r.Context(), limit, offset)
	if err != nil {
		s.internalError(w, r, "listing stories", err)
		return
	}
	v := storiesView{Pager: newPager("/", q, limit, offset, len(infos), total)}
	if len(infos) == 0 && offset > 0 {
		v.Pager.From = offset + 1
	}
	for _, in := range infos {
		v.Stories = append(v.Stories, storyItem{Title: cmp.Or(in.Title, "(untitled story)"), Link: storyPath(in.ID),
			Updated: formatTime(in.Updated), Articles: in.Articles, Origins: in.Origins})
	}
	s.render(w, r, http.StatusOK, "stories", pageData{Title: "Stories", Body: v})
}

type storyPageView struct {
	JSON     string
	Section  template.HTML
	Passages []passageCompare
	Articles []articleLink
}

type articleLink struct {
	ID, Title, Source, Link string
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !s.liveStory(w, r, id, http.StatusMovedPermanently, storyPath) {
		return
	}
	a, err := s.cfg.Backend.Analysis(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.htmlError(w, r, http.StatusNotFound, "no story with id "+strconv.Quote(id))
		return
	}
	if err != nil {
		s.internalError(w, r, "analysing the story", err)
		return
	}
	var section bytes.Buffer
	if err := report.WriteStoryHTML(&section, a); err != nil {
		s.internalError(w, r, "rendering the story", err)
		return
	}
	v := storyPageView{
		JSON: "/api" + storyPath(id),
		// The section is html/template output: every article string in it
		// is already escaped.
		Section:  template.HTML(section.String()),
		Passages: sideBySide(a),
	}
	title := "Story"
	if a.Story != nil {
		title = cmp.Or(a.Story.Title, title)
		for _, d := range a.Story.Documents {
			if d != nil {
				v.Articles = append(v.Articles, articleLink{ID: d.ID, Title: cmp.Or(d.Title, d.ID), Source: d.Source, Link: articlePath(d.ID)})
			}
		}
	}
	s.render(w, r, http.StatusOK, "story", pageData{Title: title, Body: v})
}

func articlePath(id string) string { return "/articles/" + url.PathEscape(id) }

// Bounds of the side-by-side view: enough to judge a copy, short enough
// that a story with many shared passages stays readable.
const (
	maxPassages    = 30
	maxPanes       = 4
	passageContext = 200 // bytes of text shown on each side of the shared span
)

type passageCompare struct {
	Kind    string
	Words   int
	Omitted int
	Panes   []passagePane
}

type passagePane struct {
	ID, Title, Source, Link string
	Before, Shared, After   string
	// Elided marks context cut short before and after the shared span.
	ElidedBefore, ElidedAfter bool
}

// sideBySide shows each shared passage in the texts of the articles that
// share it, copied narrative before quotes, longest first.
func sideBySide(a *article.Analysis) []passageCompare {
	if a.Story == nil {
		return nil
	}
	docs := map[string]*article.Document{}
	for _, d := range a.Story.Documents {
		if d != nil {
			docs[d.ID] = d
		}
	}
	var out []passageCompare
	for _, sp := range a.Provenance.SharedPassages {
		c := passageCompare{Kind: cmp.Or(sp.Kind, "shared"), Words: len(strings.Fields(sp.Text))}
		for _, id := range sp.Articles {
			d, span := docs[id], sp.Offsets[id]
			if d == nil || span.Start < 0 || span.End > len(d.Text) || span.Start >= span.End {
				continue
			}
			if len(c.Panes) == maxPanes {
				c.Omitted++
				continue
			}
			before, after := d.Text[:span.Start], d.Text[span.End:]
			c.Panes = append(c.Panes, passagePane{
				ID: d.ID, Title: d.Title, Source: d.Source, Link: articlePath(d.ID),
				Before: tail(before, passageContext), ElidedBefore: len(before) > passageContext,
				Shared: strings.ToValidUTF8(d.Text[span.Start:span.End], "\uFFFD"),
				After:  head(after, passageContext), ElidedAfter: len(after) > passageContext,
			})
		}
		if len(c.Panes) >= 2 {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(x, y passageCompare) int {
		if (x.Kind == "copied") != (y.Kind == "copied") {
			if x.Kind == "copied" {
				return -1
			}
			return 1
		}
		return y.Words - x.Words
	})
	return out[:min(len(out), maxPassages)]
}

// head is at most n bytes of the start of s, cut at a space when one is
// near and always on a character boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexAny(s[:cut], " \n"); sp > cut/2 {
		cut = sp
	}
	return strings.ToValidUTF8(s[:cut], "\uFFFD")
}

// tail is the mirror of head for the end of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	cut := len(s) - n
	for cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut++
	}
	if sp := strings.IndexAny(s[cut:], " \n"); sp >= 0 && sp < n/2 {
		cut += sp + 1
	}
	return strings.ToValidUTF8(s[cut:], "\uFFFD")
}

type articlePageView struct {
	ID, Title, Source, Published, URL, Language string
	StoryLink, StoryTitle, JSON                 string
	Paragraphs                                  []string
	Removed                                     []article.Removal
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	d, story, ok := s.document(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	v := articlePageView{
		ID: d.ID, Title: cmp.Or(d.Title, d.ID), Source: cmp.Or(d.Source, article.UnknownSource),
		Published: formatTime(d.Published), URL: safeURL(d.URL), Language: d.Language,
		JSON: "/api" + articlePath(d.ID), Removed: d.Removed,
	}
	if d.Published.IsZero() {
		v.Published = "unknown"
	} else if d.PublishedInferred {
		v.Published = d.Published.UTC().Format("2006-01-02") + " (inferred from the text)"
	}
	if story != "" {
		v.StoryLink, v.StoryTitle = storyPath(story), "story "+story
		if info, err := s.cfg.Store.StoryInfo(r.Context(), story); err == nil && info.Title != "" {
			v.StoryTitle = info.Title
		}
	}
	for _, p := range strings.Split(d.Text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paragraphs = append(v.Paragraphs, p)
		}
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: v.Title, Body: v})
}

// safeURL keeps only web addresses as links; html/template would defuse a
// javascript: URL anyway, but a link that leads nowhere is no better.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return raw
}

type segment struct {
	Text string
	Mark bool
}

// marked cuts text at the highlighted spans, for the template to wrap the
// matches in <mark> while escaping every piece.
func marked(text string, spans []article.Span) []segment {
	var out []segment
	last := 0
	for _, sp := range validSpans(text, spans) {
		if sp.Start > last {
			out = append(out, segment{Text: text[last:sp.Start]})
		}
		out = append(out, segment{Text: text[sp.Start:sp.End], Mark: true})
		last = sp.End
	}
	if last < len(text) {
		out = append(out, segment{Text: text[last:]})
	}
	return out
}

type hitView struct {
	Title, Source, Published, Link, StoryLink string
	Snippet                                   []segment
}

type searchPageView struct {
	Query string
	Hits  []hitView
	Pager pagerView
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if strings.TrimSpace(q.Get("q")) == "" {
		s.render(w, r, http.StatusOK, "search", pageData{Title: "Search", Body: searchPageView{}})
		return
	}
	query, problem := searchQuery(q)
	if problem == "" {
		_, _, problem = paging(q)
	}
	if problem != "" {
		s.htmlError(w, r, http.StatusBadRequest, problem)
		return
	}
	limit, offset, _ := paging(q)
	hits, total, err := s.cfg.Store.Search(r.Context(), query, limit, offset)
	if err != nil {
		s.internalError(w, r, "searching", err)
		return
	}
	v := searchPageView{Query: query, Pager: newPager("/search", q, limit, offset, len(hits), total)}
	for _, h := range hits {
		hv := hitView{Title: cmp.Or(h.Title, h.DocumentID), Source: h.Source, Link: articlePath(h.DocumentID), Snippet: marked(h.Snippet, h.Highlights)}
		if !h.Published.IsZero() {
			hv.Published = h.Published.UTC().Format("2006-01-02")
		}
		if h.StoryID != "" {
			hv.StoryLink = storyPath(h.StoryID)
		}
		v.Hits = append(v.Hits, hv)
	}
	s.render(w, r, http.StatusOK, "search", pageData{Title: "Search: " + query, Query: query, Body: v})
}

type feedView struct {
	URL, Title, LastPoll, LastOK, LastError, NextPoll string
	Errors, Items                                     int
}

func (s *Server) pageFeeds(w http.ResponseWriter, r *http.Request) {
	var rows []feedView
	if s.cfg.Feeds != nil {
		for _, f := range s.cfg.Feeds() {
			v := feedView{URL: f.URL, Title: f.Title, LastPoll: formatTime(f.LastPoll), LastError: f.LastError,
				NextPoll: formatTime(f.NextPoll), Errors: f.Errors, Items: f.Items}
			if !f.LastOK.IsZero() {
				v.LastOK = formatTime(f.LastOK)
			}
			if f.NextPoll.IsZero() {
				v.NextPoll = "—"
			}
			rows = append(rows, v)
		}
	}
	s.render(w, r, http.StatusOK, "feeds", pageData{Title: "Feeds", Body: rows})
}
