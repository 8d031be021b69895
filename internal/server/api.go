package server

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/report"
	"github.com/corroborate/corroborate/internal/store"
)

// Paging and query bounds: small enough that one request stays cheap.
const (
	defaultLimit   = 20
	maxLimit       = 100
	maxQueryLength = 500
)

// acceptedTypes are the Content-Types of POST /api/articles; JSON lines have
// no registered type, so the common spellings are all taken.
var acceptedTypes = map[string]bool{
	"application/json":      true,
	"application/x-ndjson":  true,
	"application/jsonl":     true,
	"application/x-jsonl":   true,
	"application/jsonlines": true,
}

type ingestResult struct {
	Line     int      `json:"line,omitempty"`
	ID       string   `json:"id,omitempty"`
	Story    string   `json:"story,omitempty"`
	Outcome  string   `json:"outcome,omitempty"`
	Error    string   `json:"error,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

type ingestResponse struct {
	Results []ingestResult `json:"results"`
	Error   string         `json:"error,omitempty"`
}

func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !acceptedTypes[mt] {
			s.jsonError(w, r, http.StatusUnsupportedMediaType, "send articles as application/json (one object) or application/x-ndjson (one object a line)")
			return
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	// Every item is read before any is ingested, so a body refused as too
	// large stores nothing.
	type item struct {
		result  ingestResult
		article int // index into articles, or -1 for a line that could not be read
	}
	var (
		items    []item
		articles []article.Article
		warnings []string
		tooLarge bool
	)
	opt := ingest.Options{MaxBytes: s.cfg.MaxBodyBytes}
	ingest.ReadJSONBody(body, "request", "post-"+requestID(r), opt,
		func(a article.Article) {
			items = append(items, item{result: ingestResult{Line: lineOf(a.Input), Warnings: warnings}, article: len(articles)})
			articles = append(articles, a)
			warnings = nil
		},
		func(e *ingest.InputError) {
			var mbe *http.MaxBytesError
			if errors.As(e, &mbe) {
				tooLarge = true
				return
			}
			if e.Warning {
				warnings = append(warnings, e.Err.Error())
				return
			}
			items = append(items, item{result: ingestResult{Line: e.Line, Error: e.Err.Error()}, article: -1})
		})
	if tooLarge {
		s.metrics.countIngested("unreadable", len(articles))
		s.jsonError(w, r, http.StatusRequestEntityTooLarge, "the body is larger than the "+ingest.FormatBytes(s.cfg.MaxBodyBytes)+" limit; send fewer articles per request")
		return
	}
	s.metrics.countIngested("unreadable", len(items)-len(articles))
	if len(articles) == 0 {
		resp := ingestResponse{Results: []ingestResult{}, Error: "no article could be read from the body"}
		for _, it := range items {
			resp.Results = append(resp.Results, it.result)
		}
		s.writeJSON(w, http.StatusBadRequest, resp)
		return
	}
	done := s.cfg.Backend.Ingest(r.Context(), articles)
	if len(done) != len(articles) {
		s.internalError(w, r, "ingesting articles", errors.New("backend returned "+strconv.Itoa(len(done))+" results for "+strconv.Itoa(len(articles))+" articles"))
		return
	}
	resp := ingestResponse{Results: make([]ingestResult, 0, len(items))}
	ok := 0
	for _, it := range items {
		res := it.result
		if it.article >= 0 {
			d := done[it.article]
			if d.Err != nil {
				// Ingest errors name a problem with the article itself.
				res.Error = d.Err.Error()
				s.log.Info("article refused", "request_id", requestID(r), "line", res.Line, "err", d.Err)
				s.metrics.countIngested("refused", 1)
			} else {
				res.ID, res.Story, res.Outcome = d.ID, d.Story, d.Outcome.String()
				s.metrics.countIngested(res.Outcome, 1)
				ok++
			}
		}
		resp.Results = append(resp.Results, res)
	}
	code := http.StatusOK
	if ok == 0 {
		code = http.StatusUnprocessableEntity
		resp.Error = "no article could be stored"
	}
	s.writeJSON(w, code, resp)
}

// lineOf reads the line number ingest puts at the end of Article.Input.
func lineOf(input string) int {
	i := strings.LastIndexByte(input, ':')
	n, err := strconv.Atoi(input[i+1:])
	if err != nil {
		return 0
	}
	return n
}

// paging reads limit and offset; a bad value is the client's error, and a
// too large limit is capped rather than refused.
func paging(q url.Values) (limit, offset int, problem string) {
	limit, offset = defaultLimit, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, "limit must be a positive whole number"
		}
		limit = min(n, maxLimit)
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, 0, "offset must be a whole number, 0 or more"
		}
		offset = n
	}
	return limit, offset, ""
}

// nextOffset is where the following page starts, or nil after the last.
func nextOffset(offset, got, total int) *int {
	if got == 0 || offset+got >= total {
		return nil
	}
	n := offset + got
	return &n
}

type storyLinks struct {
	Self string `json:"self"`
	HTML string `json:"html"`
}

type storySummary struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Articles int        `json:"articles"`
	Origins  int        `json:"origins"`
	Created  *string    `json:"created"`
	Updated  *string    `json:"updated"`
	Links    storyLinks `json:"links"`
}

type storiesResponse struct {
	Stories    []storySummary `json:"stories"`
	Total      int            `json:"total"`
	Offset     int            `json:"offset"`
	Limit      int            `json:"limit"`
	NextOffset *int           `json:"next_offset"`
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	v := t.UTC().Format(time.RFC3339)
	return &v
}

func storyPath(id string) string { return "/stories/" + url.PathEscape(id) }

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	limit, offset, problem := paging(r.URL.Query())
	if problem != "" {
		s.jsonError(w, r, http.StatusBadRequest, problem)
		return
	}
	infos, total, err := s.cfg.Store.Stories(r.Context(), limit, offset)
	if err != nil {
		s.internalError(w, r, "listing stories", err)
		return
	}
	resp := storiesResponse{Stories: []storySummary{}, Total: total, Offset: offset, Limit: limit, NextOffset: nextOffset(offset, len(infos), total)}
	for _, in := range infos {
		resp.Stories = append(resp.Stories, storySummary{
			ID: in.ID, Title: in.Title, Articles: in.Articles, Origins: in.Origins,
			Created: rfc3339(in.Created), Updated: rfc3339(in.Updated),
			Links: storyLinks{Self: "/api" + storyPath(in.ID), HTML: storyPath(in.ID)},
		})
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// liveStory looks a story up for the story endpoints: it answers the
// request itself (not found, redirect to the story it was merged into,
// failure) and returns false, or returns true to go on.
func (s *Server) liveStory(w http.ResponseWriter, r *http.Request, id string, redirect int, pathOf func(string) string) bool {
	info, err := s.cfg.Store.StoryInfo(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "no story with id "+strconv.Quote(id))
		return false
	case err != nil:
		s.internalError(w, r, "looking up the story", err)
		return false
	case info.MergedInto != "":
		target := pathOf(info.MergedInto)
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, redirect)
		return false
	}
	return true
}

// storyForm reads ?articles=: the whole report (the default, as before
// the parameter existed) or the lean one without article texts.
func storyForm(q url.Values) (report.JSONOptions, string) {
	switch q.Get("articles") {
	case "", "full":
		return report.JSONOptions{}, ""
	case "meta":
		return report.JSONOptions{OmitText: true}, ""
	}
	return report.JSONOptions{}, "articles must be full (every article's text, the default) or meta (no texts)"
}

// storyAnalysis answers the lookups common to the story endpoints, or
// answers the request itself and returns nil.
func (s *Server) storyAnalysis(w http.ResponseWriter, r *http.Request, suffix string) *article.Analysis {
	id := r.PathValue("id")
	if !s.liveStory(w, r, id, http.StatusPermanentRedirect, func(id string) string { return "/api" + storyPath(id) + suffix }) {
		return nil
	}
	a, err := s.cfg.Backend.Analysis(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.jsonError(w, r, http.StatusNotFound, "no story with id "+strconv.Quote(id))
		return nil
	}
	if err != nil {
		s.internalError(w, r, "analysing the story", err)
		return nil
	}
	return a
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	opt, problem := storyForm(r.URL.Query())
	if problem != "" {
		s.jsonError(w, r, http.StatusBadRequest, problem)
		return
	}
	a := s.storyAnalysis(w, r, "")
	if a == nil {
		return
	}
	doc, err := s.encoded.get(r.PathValue("id"), a, opt)
	if err != nil {
		s.internalError(w, r, "rendering the analysis", err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = doc.Write(w, s.cfg.Now())
}

type storyArticlesResponse struct {
	Articles   []report.PublicArticle `json:"articles"`
	Total      int                    `json:"total"`
	Offset     int                    `json:"offset"`
	Limit      int                    `json:"limit"`
	NextOffset *int                   `json:"next_offset"`
}

// apiStoryArticles pages the analysed articles with their texts, in the
// order of the report's "articles", for clients that took the lean report.
func (s *Server) apiStoryArticles(w http.ResponseWriter, r *http.Request) {
	limit, offset, problem := paging(r.URL.Query())
	if problem != "" {
		s.jsonError(w, r, http.StatusBadRequest, problem)
		return
	}
	a := s.storyAnalysis(w, r, "/articles")
	if a == nil {
		return
	}
	var docs []*article.Document
	if a.Story != nil {
		for _, d := range a.Story.Documents {
			if d != nil {
				docs = append(docs, d)
			}
		}
	}
	resp := storyArticlesResponse{Articles: []report.PublicArticle{}, Total: len(docs), Offset: offset, Limit: limit}
	for _, d := range docs[min(offset, len(docs)):min(offset+limit, len(docs))] {
		resp.Articles = append(resp.Articles, report.NewPublicArticle(d))
	}
	resp.NextOffset = nextOffset(offset, len(resp.Articles), len(docs))
	s.writeJSON(w, http.StatusOK, resp)
}

type articleResponse struct {
	report.PublicArticle
	Story string `json:"story"` // "" when not assigned to a story
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, story, ok := s.document(w, r, id)
	if !ok {
		return
	}
	s.writeJSON(w, http.StatusOK, articleResponse{PublicArticle: report.NewPublicArticle(d), Story: story})
}

// document fetches a document and its story, answering the request itself
// when it cannot.
func (s *Server) document(w http.ResponseWriter, r *http.Request, id string) (*article.Document, string, bool) {
	d, err := s.cfg.Store.Document(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "no article with id "+strconv.Quote(id))
		return nil, "", false
	}
	if err != nil {
		s.internalError(w, r, "reading the article", err)
		return nil, "", false
	}
	story, err := s.cfg.Store.StoryOf(r.Context(), d.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.internalError(w, r, "looking up the article's story", err)
		return nil, "", false
	}
	return d, story, true
}

type searchHit struct {
	Document   string         `json:"document"`
	Story      string         `json:"story"`
	Title      string         `json:"title"`
	Source     string         `json:"source"`
	Published  *string        `json:"published"`
	Snippet    string         `json:"snippet"`
	Highlights []article.Span `json:"highlights"`
	Score      float64        `json:"score"`
}

type searchResponse struct {
	Query      string      `json:"query"`
	Hits       []searchHit `json:"hits"`
	Total      int         `json:"total"`
	Offset     int         `json:"offset"`
	Limit      int         `json:"limit"`
	NextOffset *int        `json:"next_offset"`
}

// searchQuery reads and checks q, returning a message for the client when
// it is unusable.
func searchQuery(q url.Values) (string, string) {
	query := strings.TrimSpace(q.Get("q"))
	switch {
	case query == "":
		return "", "q is required: the words to search for"
	case !utf8.ValidString(query):
		return "", "q must be valid UTF-8"
	case utf8.RuneCountInString(query) > maxQueryLength:
		return "", "q is longer than " + strconv.Itoa(maxQueryLength) + " characters"
	}
	return query, ""
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	query, problem := searchQuery(r.URL.Query())
	if problem != "" {
		s.jsonError(w, r, http.StatusBadRequest, problem)
		return
	}
	limit, offset, problem := paging(r.URL.Query())
	if problem != "" {
		s.jsonError(w, r, http.StatusBadRequest, problem)
		return
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), query, limit, offset)
	if err != nil {
		s.internalError(w, r, "searching", err)
		return
	}
	resp := searchResponse{Query: query, Hits: []searchHit{}, Total: total, Offset: offset, Limit: limit, NextOffset: nextOffset(offset, len(hits), total)}
	for _, h := range hits {
		resp.Hits = append(resp.Hits, searchHit{
			Document: h.DocumentID, Story: h.StoryID, Title: h.Title, Source: h.Source,
			Published: rfc3339(h.Published), Snippet: h.Snippet,
			Highlights: characterSpans(h.Snippet, h.Highlights), Score: h.Score,
		})
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// characterSpans turns the store's byte ranges into code point offsets, the
// unit the JSON schema uses everywhere, dropping ranges that are not
// well-formed.
func characterSpans(text string, spans []article.Span) []article.Span {
	out := []article.Span{}
	for _, sp := range validSpans(text, spans) {
		start := utf8.RuneCountInString(text[:sp.Start])
		out = append(out, article.Span{Start: start, End: start + utf8.RuneCountInString(text[sp.Start:sp.End])})
	}
	return out
}

// validSpans keeps the spans that lie inside text, on character boundaries,
// in order and without overlap.
func validSpans(text string, spans []article.Span) []article.Span {
	var out []article.Span
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End <= sp.Start || sp.End > len(text) ||
			!utf8.RuneStart(byteAt(text, sp.Start)) || !utf8.RuneStart(byteAt(text, sp.End)) {
			continue
		}
		out = append(out, sp)
		last = sp.End
	}
	return out
}

// byteAt is text[i], or a rune start at the end of text.
func byteAt(text string, i int) byte {
	if i >= len(text) {
		return 0
	}
	return text[i]
}
