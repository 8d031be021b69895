package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/feed"
	"github.com/corroborate/corroborate/internal/report"
)

type ingestReply struct {
	Results []ingestResult `json:"results"`
	Error   string         `json:"error"`
}

func decode[T any](t *testing.T, resp *http.Response) T {
	t.Helper()
	var v T
	body := readBody(t, resp)
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("response is not the expected JSON: %v\n%s", err, body)
	}
	return v
}

func post(f *fixture, body string, header ...string) *http.Response {
	return f.do("POST", "/api/articles", strings.NewReader(body), append([]string{"Content-Type", "application/x-ndjson"}, header...)...)
}

func TestPostOneArticle(t *testing.T) {
	f := newFixture(t)
	a := inventedArticles()[0]
	// One object over several lines, as a person would write it.
	body := strings.Replace(jsonLine(a), `","`, "\",\n  \"", -1)
	resp := f.do("POST", "/api/articles", strings.NewReader(body), "Content-Type", "application/json")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, readBody(t, resp))
	}
	got := decode[ingestReply](t, resp)
	if len(got.Results) != 1 || got.Results[0].ID != "fire-1" || got.Results[0].Story != "s-fire" || got.Results[0].Outcome != "added" {
		t.Fatalf("results = %+v", got.Results)
	}

	again := decode[ingestReply](t, f.do("POST", "/api/articles", strings.NewReader(body), "Content-Type", "application/json"))
	if again.Results[0].Outcome != "unchanged" {
		t.Errorf("posting the same article again: outcome %q, want unchanged", again.Results[0].Outcome)
	}
}

func TestPostJSONLinesWithBadLine(t *testing.T) {
	f := newFixture(t)
	arts := inventedArticles()
	body := jsonLine(arts[0]) + "\n" + `{"id": "broken", "text": ` + "\n" + jsonLine(arts[3]) + "\n"
	resp := post(f, body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200 when some articles were stored", resp.StatusCode)
	}
	got := decode[ingestReply](t, resp).Results
	if len(got) != 3 {
		t.Fatalf("got %d results, want one per line: %+v", len(got), got)
	}
	if got[0].ID != "fire-1" || got[2].ID != "ferry-1" {
		t.Errorf("results out of order: %+v", got)
	}
	if got[1].Line != 2 || got[1].Error == "" || got[1].ID != "" {
		t.Errorf("bad line reported as %+v, want line 2 with an error", got[1])
	}
	if n, _ := f.st.CountDocuments(context.Background()); n != 2 {
		t.Errorf("%d documents stored, want 2", n)
	}
}

func TestPostRefusals(t *testing.T) {
	huge := jsonLine(inventedArticles()[0])
	huge = strings.Repeat(huge+"\n", 4)
	tests := []struct {
		name        string
		maxBody     int64
		contentType string
		body        string
		want        int
	}{
		{"nothing readable", 0, "application/x-ndjson", "not json\n{\"id\": 1}\n", http.StatusBadRequest},
		{"empty body", 0, "application/json", "", http.StatusBadRequest},
		{"no text left", 0, "application/json", `{"id":"x","text":"   \n  "}`, http.StatusBadRequest},
		{"form post", 0, "application/x-www-form-urlencoded", "a=b", http.StatusUnsupportedMediaType},
		{"too large", 1024, "application/x-ndjson", huge, http.StatusRequestEntityTooLarge},
		{"one huge pretty object", 1024, "application/json", "{\n\"text\": \"" + strings.Repeat("word ", 400) + "\"\n}", http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *Config) { c.MaxBodyBytes = tt.maxBody })
			resp := f.do("POST", "/api/articles", strings.NewReader(tt.body), "Content-Type", tt.contentType)
			body := readBody(t, resp)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
				t.Errorf("no JSON error message: %s", body)
			}
			if n, _ := f.st.CountDocuments(context.Background()); n != 0 {
				t.Errorf("%d documents stored, want none", n)
			}
		})
	}
}

func TestToken(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Token = "s3cret-token" })
	body := jsonLine(inventedArticles()[0])
	tests := []struct {
		name, auth string
		want       int
	}{
		{"missing", "", http.StatusUnauthorized},
		{"wrong", "Bearer nope", http.StatusUnauthorized},
		{"wrong scheme", "Basic s3cret-token", http.StatusUnauthorized},
		{"prefix of the token", "Bearer s3cret", http.StatusUnauthorized},
		{"right", "Bearer s3cret-token", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header []string
			if tt.auth != "" {
				header = []string{"Authorization", tt.auth}
			}
			resp := post(f, body, header...)
			got := readBody(t, resp)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, got)
			}
			if tt.want == http.StatusUnauthorized && (resp.Header.Get("WWW-Authenticate") == "" || !strings.Contains(got, "Bearer")) {
				t.Errorf("401 without a hint how to authenticate: %v %s", resp.Header, got)
			}
		})
	}
	if resp := f.do("GET", "/api/stories", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("reading needs no token, got status %d", resp.StatusCode)
	}
}

type storiesReply struct {
	Stories []struct {
		ID, Title         string
		Articles, Origins int
		Created, Updated  string
		Links             struct{ Self, HTML string }
	}
	Total      int
	NextOffset *int `json:"next_offset"`
}

func TestStoriesPaging(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	// frost was ingested last: the most recent activity comes first.
	first := decode[storiesReply](t, f.do("GET", "/api/stories?limit=2", nil))
	if first.Total != 3 || len(first.Stories) != 2 || first.NextOffset == nil || *first.NextOffset != 2 {
		t.Fatalf("first page = %+v", first)
	}
	if s := first.Stories[0]; s.ID != "s-frost" || s.Articles != 1 || s.Links.Self != "/api/stories/s-frost" || s.Links.HTML != "/stories/s-frost" || s.Updated == "" {
		t.Errorf("first story = %+v", s)
	}
	if s := first.Stories[1]; s.ID != "s-ferry" || s.Articles != 2 || s.Origins != 2 {
		t.Errorf("second story = %+v", s)
	}
	last := decode[storiesReply](t, f.do("GET", "/api/stories?limit=2&offset=2", nil))
	if len(last.Stories) != 1 || last.Stories[0].ID != "s-fire" || last.Stories[0].Articles != 3 || last.NextOffset != nil {
		t.Errorf("last page = %+v", last)
	}
	for _, q := range []string{"limit=0", "limit=abc", "offset=-1", "offset=1e3"} {
		if resp := f.do("GET", "/api/stories?"+q, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, resp.StatusCode)
		}
	}
	if got := decode[storiesReply](t, f.do("GET", "/api/stories?limit=100000", nil)); len(got.Stories) != 3 {
		t.Errorf("a large limit is capped, not refused: %+v", got)
	}
}

func TestStoryAnalysis(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	resp := f.do("GET", "/api/stories/s-fire", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := decode[struct {
		Version string
		Stories []struct {
			ID       string
			Articles []struct{ ID string }
			Summary  []any
		}
	}](t, resp)
	if got.Version != "1" || len(got.Stories) != 1 || got.Stories[0].ID != "s-fire" || len(got.Stories[0].Articles) != 3 {
		t.Errorf("analysis = %+v", got)
	}

	resp = f.do("GET", "/api/stories/s-nothing", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown story: status %d", resp.StatusCode)
	}
	if e := decode[errorBody](t, resp); !strings.Contains(e.Error, "s-nothing") || e.RequestID == "" {
		t.Errorf("unknown story: error %+v", e)
	}
}

func TestMergedStoryRedirects(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	if err := f.st.MergeStories(context.Background(), "s-ferry", "s-fire"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, location string
		code           int
	}{
		{"/api/stories/s-ferry", "/api/stories/s-fire", http.StatusPermanentRedirect},
		{"/stories/s-ferry", "/stories/s-fire", http.StatusMovedPermanently},
		{"/stories/s-ferry?x=1", "/stories/s-fire?x=1", http.StatusMovedPermanently},
	}
	for _, tt := range tests {
		resp := f.do("GET", tt.path, nil)
		if resp.StatusCode != tt.code || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s: %d to %q, want %d to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.code, tt.location)
		}
	}
	list := decode[storiesReply](t, f.do("GET", "/api/stories", nil))
	for _, s := range list.Stories {
		if s.ID == "s-ferry" {
			t.Errorf("merged story still listed: %+v", list)
		}
	}
}

func TestArticleEndpoint(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	resp := f.do("GET", "/api/articles/ferry-2", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := decode[map[string]any](t, resp)
	if got["id"] != "ferry-2" || got["story"] != "s-ferry" || got["source"] != "Northern Ledger" ||
		!strings.Contains(got["text"].(string), "seafarers' union") || got["published"] != "2031-02-13T08:30:00Z" {
		t.Errorf("article = %v", got)
	}
	for _, internal := range []string{"sentences", "content_hash", "fingerprint", "input"} {
		if _, ok := got[internal]; ok {
			t.Errorf("internal field %q exposed", internal)
		}
	}
	if resp := f.do("GET", "/api/articles/nope", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article: status %d", resp.StatusCode)
	}
	// An id with characters that need escaping in a path still resolves.
	f.ingest(hostileArticle())
	if resp := f.do("GET", "/api/articles/"+url.PathEscape("hostile-1"), nil); resp.StatusCode != http.StatusOK {
		t.Errorf("hostile article: status %d", resp.StatusCode)
	}
}

type searchReply struct {
	Hits []struct {
		Document, Story, Title, Snippet string
		Highlights                      []struct{ Start, End int }
	}
	Total int
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	got := decode[searchReply](t, f.do("GET", "/api/search?q=barley", nil))
	if got.Total < 2 || len(got.Hits) < 2 {
		t.Fatalf("search for barley: %+v", got)
	}
	for _, h := range got.Hits {
		if h.Story != "s-fire" || len(h.Highlights) == 0 {
			t.Errorf("hit = %+v", h)
			continue
		}
		runes := []rune(h.Snippet)
		hl := h.Highlights[0]
		if hl.End > len(runes) || !strings.EqualFold(string(runes[hl.Start:hl.End]), "barley") {
			t.Errorf("highlight %v of %q does not cover the match", hl, h.Snippet)
		}
	}

	hostile := []string{`"`, `"unbalanced`, `*`, `barley*`, `NEAR(barley`, `barley OR 1=1`, `'; DROP TABLE documents; --`,
		`^barley`, `title:barley`, `AND OR NOT`, `(((`, `\`, "\u00e9t\u00e9", `%`, `_`, `{}[]`, "col\x01umn"}
	for _, q := range hostile {
		resp := f.do("GET", "/api/search?q="+url.QueryEscape(q), nil)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("q=%q: status %d: %s", q, resp.StatusCode, body)
		}
		if !json.Valid([]byte(body)) {
			t.Errorf("q=%q: not JSON: %s", q, body)
		}
	}
	for _, q := range []string{"", "   ", strings.Repeat("x", maxQueryLength+1)} {
		if resp := f.do("GET", "/api/search?q="+url.QueryEscape(q), nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("q=%.20q: status %d, want 400", q, resp.StatusCode)
		}
	}
	if n, _ := f.st.CountDocuments(context.Background()); n != 6 {
		t.Errorf("after hostile searches %d documents remain, want 6", n)
	}
}

func TestHealthz(t *testing.T) {
	f := newFixture(t)
	resp := f.do("GET", "/healthz", nil)
	if body := readBody(t, resp); resp.StatusCode != http.StatusOK || body != "ok\n" {
		t.Errorf("healthz: %d %q", resp.StatusCode, body)
	}
	f.st.Close()
	resp = f.do("GET", "/healthz", nil)
	if body := readBody(t, resp); resp.StatusCode != http.StatusServiceUnavailable || strings.Contains(body, "sqlite") {
		t.Errorf("healthz on a closed store: %d %q", resp.StatusCode, body)
	}
}

func TestMetrics(t *testing.T) {
	feeds := []feed.Status{{URL: `https://feeds.example/a?x="quoted"&y=back\slash`, Title: "A", Errors: 2, Items: 17}}
	f := newFixture(t, func(c *Config) { c.Feeds = func() []feed.Status { return feeds } })
	post(f, jsonLine(inventedArticles()[0])+"\nnot json\n")
	f.do("GET", "/api/stories", nil)
	f.do("GET", "/api/stories/s-none", nil)

	before := readBody(t, f.do("GET", "/metrics", nil))
	for _, want := range []string{
		`# TYPE corroborate_http_requests_total counter`,
		`corroborate_http_requests_total{route="GET /api/stories",code="200"} 1`,
		`corroborate_http_requests_total{route="GET /api/stories/{id}",code="404"} 1`,
		`corroborate_http_requests_total{route="POST /api/articles",code="200"} 1`,
		`# TYPE corroborate_http_request_duration_seconds histogram`,
		`corroborate_http_request_duration_seconds_bucket{route="GET /api/stories",le="+Inf"} 1`,
		`corroborate_http_request_duration_seconds_count{route="GET /api/stories"} 1`,
		`corroborate_ingested_articles_total{outcome="added"} 1`,
		`corroborate_ingested_articles_total{outcome="unreadable"} 1`,
		`corroborate_documents 1`,
		`corroborate_stories 1`,
		`corroborate_store_up 1`,
		`corroborate_feed_consecutive_errors{url="https://feeds.example/a?x=\"quoted\"&y=back\\slash"} 2`,
		`corroborate_feed_items_total{url="https://feeds.example/a?x=\"quoted\"&y=back\\slash"} 17`,
		`corroborate_feed_last_poll_timestamp_seconds{url=`,
	} {
		if !strings.Contains(before, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	f.do("GET", "/api/stories", nil)
	feeds[0].Errors = 0
	after := readBody(t, f.do("GET", "/metrics", nil))
	for _, want := range []string{
		`corroborate_http_requests_total{route="GET /api/stories",code="200"} 2`,
		`corroborate_http_requests_total{route="GET /metrics",code="200"} 1`,
		`corroborate_feed_consecutive_errors{url="https://feeds.example/a?x=\"quoted\"&y=back\\slash"} 0`,
	} {
		if !strings.Contains(after, want) {
			t.Errorf("after more requests, metrics lack %s", want)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(after), "\n") {
		if !strings.HasPrefix(line, "# ") && len(strings.Fields(line)) < 2 {
			t.Errorf("malformed exposition line %q", line)
		}
	}
}

func TestPanicIsRecovered(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()[0])
	f.backend.panicOnRead = "open /srv/secret/corroborate.db: boom"
	for _, path := range []string{"/api/stories/s-fire", "/stories/s-fire"} {
		resp := f.do("GET", path, nil)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", path, resp.StatusCode)
		}
		for _, leak := range []string{"goroutine", "secret", "boom", ".go:"} {
			if strings.Contains(body, leak) {
				t.Errorf("%s: response leaks %q:\n%s", path, leak, body)
			}
		}
		if id := resp.Header.Get("X-Request-Id"); id == "" || !strings.Contains(body, id) {
			t.Errorf("%s: the response does not give the request id %q", path, id)
		}
	}
	if logs := f.logs.String(); !strings.Contains(logs, "boom") || !strings.Contains(logs, "goroutine") {
		t.Errorf("the panic and its stack are not logged:\n%s", logs)
	}
	if resp := f.do("GET", "/healthz", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("server unusable after a panic: %d", resp.StatusCode)
	}
}

func TestUnknownRoutes(t *testing.T) {
	f := newFixture(t)
	resp := f.do("GET", "/api/nothing-here", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("unknown API path: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp = f.do("GET", "/nothing-here", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("unknown page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestStoryForms checks ?articles=: the default and "full" are the report
// package's JSON byte for byte, "meta" is that report without the article
// texts and nothing else changed.
func TestStoryForms(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	a, err := f.backend.analyse(context.Background(), "s-fire")
	if err != nil {
		t.Fatal(err)
	}
	reportOf := func(t *testing.T, body string) string {
		t.Helper()
		var head struct{ Generated string }
		if err := json.Unmarshal([]byte(body), &head); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		gen, err := time.Parse(time.RFC3339, head.Generated)
		if err != nil {
			t.Fatalf("generated %q: %v", head.Generated, err)
		}
		var want bytes.Buffer
		if err := report.Write(&want, "json", report.Report{Generated: gen, Stories: []*article.Analysis{a}}); err != nil {
			t.Fatal(err)
		}
		return want.String()
	}
	withoutTexts := func(t *testing.T, full string) map[string]any {
		t.Helper()
		var doc map[string]any
		if err := json.Unmarshal([]byte(full), &doc); err != nil {
			t.Fatal(err)
		}
		for _, art := range doc["stories"].([]any)[0].(map[string]any)["articles"].([]any) {
			delete(art.(map[string]any), "text")
		}
		return doc
	}
	tests := []struct {
		query string
		code  int
		form  string // "full", "meta" or "" for an error
	}{
		{"", http.StatusOK, "full"},
		{"?articles=full", http.StatusOK, "full"},
		{"?articles=meta", http.StatusOK, "meta"},
		{"?articles=meta&limit=3", http.StatusOK, "meta"},
		{"?articles=none", http.StatusBadRequest, ""},
		{"?articles=FULL", http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			// Twice: the second answer comes from the encoded cache when
			// the backend hands out the same analysis.
			for range 2 {
				resp := f.do("GET", "/api/stories/s-fire"+tt.query, nil)
				body := readBody(t, resp)
				if resp.StatusCode != tt.code {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.code, body)
				}
				switch tt.form {
				case "full":
					if want := reportOf(t, body); body != want {
						t.Fatalf("full form differs from the report at %s", firstDifference(want, body))
					}
				case "meta":
					var got map[string]any
					if err := json.Unmarshal([]byte(body), &got); err != nil {
						t.Fatal(err)
					}
					if want := withoutTexts(t, reportOf(t, body)); !reflect.DeepEqual(got, want) {
						t.Errorf("meta form is not the full report without texts:\n%s", body)
					}
					arts := got["stories"].([]any)[0].(map[string]any)["articles"].([]any)
					for _, key := range []string{"id", "source", "title", "url", "published", "language"} {
						if _, ok := arts[0].(map[string]any)[key]; !ok {
							t.Errorf("meta article lacks %q", key)
						}
					}
				default:
					var e errorBody
					if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, "meta") {
						t.Errorf("error %q does not name the accepted forms", body)
					}
				}
			}
		})
	}
}

func firstDifference(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	return fmt.Sprintf("byte %d: want %.40q, got %.40q", i, want[i:], got[i:])
}

// sameAnalysisBackend hands out one analysis value per story until told
// otherwise, as pipeline.Engine does while a story is unchanged.
type sameAnalysisBackend struct {
	*fakeBackend
	mu    sync.Mutex
	cache map[string]*article.Analysis
	calls int
}

func (b *sameAnalysisBackend) Analysis(ctx context.Context, id string) (*article.Analysis, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls++
	if a, ok := b.cache[id]; ok {
		return a, nil
	}
	a, err := b.fakeBackend.Analysis(ctx, id)
	if err == nil {
		b.cache[id] = a
	}
	return a, err
}

func TestStoryEncodedCache(t *testing.T) {
	var backend *sameAnalysisBackend
	f := newFixture(t, func(c *Config) {
		backend = &sameAnalysisBackend{fakeBackend: c.Backend.(*fakeBackend), cache: map[string]*article.Analysis{}}
		c.Backend = backend
	})
	f.ingest(inventedArticles()...)
	first := readBody(t, f.do("GET", "/api/stories/s-fire", nil))
	doc, _ := f.srv.encoded.get("s-fire", backend.cache["s-fire"], report.JSONOptions{})
	second := readBody(t, f.do("GET", "/api/stories/s-fire", nil))
	again, _ := f.srv.encoded.get("s-fire", backend.cache["s-fire"], report.JSONOptions{})
	if doc != again {
		t.Errorf("an unchanged analysis was encoded again")
	}
	if first == second {
		t.Errorf("two answers with the same generated time: the cache froze it")
	}
	skip := func(s string) string { _, rest, _ := strings.Cut(s, `"stories"`); return rest }
	if skip(first) != skip(second) || skip(first) == "" {
		t.Errorf("cached answer differs beyond its generated time")
	}

	// A new analysis value (the story changed) is encoded afresh.
	changed := *backend.cache["s-fire"]
	story := *changed.Story
	story.Title = "Retitled by the test"
	changed.Story = &story
	backend.mu.Lock()
	backend.cache["s-fire"] = &changed
	backend.mu.Unlock()
	if body := readBody(t, f.do("GET", "/api/stories/s-fire", nil)); !strings.Contains(body, "Retitled by the test") {
		t.Errorf("a changed analysis was answered from the cache")
	}
}

func TestEncodedCacheBudget(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	a, err := f.backend.analyse(context.Background(), "s-fire")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := report.EncodeJSON([]*article.Analysis{a}, report.JSONOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := newEncodedCache(doc.Len() * 5 / 2) // two fit, a third does not
	analyses := make([]*article.Analysis, 6)
	for i := range analyses {
		copied := *a
		analyses[i] = &copied
		if _, err := c.get(fmt.Sprint("s", i), analyses[i], report.JSONOptions{}); err != nil {
			t.Fatal(err)
		}
		if c.size > c.max || len(c.entries) > 2 {
			t.Fatalf("after %d stories: %d bytes in %d entries, budget %d", i+1, c.size, len(c.entries), c.max)
		}
	}
}

func TestStoryArticles(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	if err := f.st.MergeStories(context.Background(), "s-ferry", "s-fire"); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Articles []struct {
			ID, Text, Title string
		}
		Total      int
		NextOffset *int `json:"next_offset"`
	}
	tests := []struct {
		path     string
		code     int
		ids      string // the page's article ids, comma-separated
		total    int
		next     int // -1 for none
		location string
	}{
		{"/api/stories/s-fire/articles", http.StatusOK, "fire-1,fire-2,fire-3,ferry-1,ferry-2", 5, -1, ""},
		{"/api/stories/s-fire/articles?limit=2", http.StatusOK, "fire-1,fire-2", 5, 2, ""},
		{"/api/stories/s-fire/articles?limit=2&offset=2", http.StatusOK, "fire-3,ferry-1", 5, 4, ""},
		{"/api/stories/s-fire/articles?limit=2&offset=4", http.StatusOK, "ferry-2", 5, -1, ""},
		{"/api/stories/s-fire/articles?offset=9", http.StatusOK, "", 5, -1, ""},
		{"/api/stories/s-fire/articles?limit=0", http.StatusBadRequest, "", 0, -1, ""},
		{"/api/stories/s-nothing/articles", http.StatusNotFound, "", 0, -1, ""},
		{"/api/stories/s-ferry/articles?limit=1", http.StatusPermanentRedirect, "", 0, -1, "/api/stories/s-fire/articles?limit=1"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := f.do("GET", tt.path, nil)
			if resp.StatusCode != tt.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.code, readBody(t, resp))
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if tt.code != http.StatusOK {
				return
			}
			got := decode[page](t, resp)
			var ids []string
			for _, a := range got.Articles {
				ids = append(ids, a.ID)
				if a.Text == "" || a.Title == "" {
					t.Errorf("article %s without text or title", a.ID)
				}
			}
			next := -1
			if got.NextOffset != nil {
				next = *got.NextOffset
			}
			if strings.Join(ids, ",") != tt.ids || got.Total != tt.total || next != tt.next {
				t.Errorf("got ids %v, total %d, next %d; want %s, %d, %d", ids, got.Total, next, tt.ids, tt.total, tt.next)
			}
		})
	}
}
