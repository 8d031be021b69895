package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/feed"
)

func page(t *testing.T, f *fixture, path string) string {
	t.Helper()
	resp := f.do("GET", path, nil)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d:\n%s", path, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("%s: Content-Type %q", path, ct)
	}
	return body
}

func TestPagesEscapeHostileText(t *testing.T) {
	f := newFixture(t)
	f.ingest(append(inventedArticles(), hostileArticle())...)
	for _, path := range []string{
		"/", "/stories/s-hostile", "/articles/hostile-1", "/search?q=cranes",
		"/search?q=" + url.QueryEscape(`<script>alert(1)</script>`), "/nothing/" + url.PathEscape("<script>"),
	} {
		resp := f.do("GET", path, nil)
		body := readBody(t, resp)
		// The pages have no scripts of their own, so any <script is injected.
		for _, bad := range []string{"<script", "<img src=x", `onmouseover="`, `href="javascript:`, "<b "} {
			if strings.Contains(strings.ToLower(body), bad) {
				t.Errorf("%s: %q appears unescaped", path, bad)
			}
		}
	}
	story := page(t, f, "/stories/s-hostile")
	if !strings.Contains(story, "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;") {
		t.Errorf("the hostile title is not shown escaped on the story page")
	}
	art := page(t, f, "/articles/hostile-1")
	if !strings.Contains(art, "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;") && !strings.Contains(art, "alert(&#34;text&#34;)") {
		t.Errorf("the hostile text is not shown escaped on the article page")
	}
	if resp := f.do("GET", "/", nil); !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'none'") {
		t.Errorf("pages are served without a script-forbidding CSP")
	}
}

func TestStoryPage(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	body := page(t, f, "/stories/s-fire")
	for _, want := range []string{
		`id="story-1-summary"`, `id="story-1-conflicts"`, `id="story-1-agreements"`, `id="story-1-provenance"`,
		`id="story-1-entities"`, `id="story-1-framing"`, `id="story-1-timeline"`,
		"Copied passages, side by side", "<mark>Firefighters from three districts",
		`href="/articles/fire-1"`, `href="/articles/fire-2"`, `href="/api/stories/s-fire"`,
		`<link rel="stylesheet" href="/static/style.css">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
	if strings.Count(body, "<mark>Firefighters") < 2 {
		t.Errorf("the copied passage is not marked in both articles")
	}
	resp := f.do("GET", "/stories/s-none", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown story page: status %d", resp.StatusCode)
	}
}

func TestStoryListAndPaging(t *testing.T) {
	f := newFixture(t)
	if body := page(t, f, "/"); !strings.Contains(body, "No stories yet") {
		t.Errorf("empty store: no hint")
	}
	f.ingest(inventedArticles()...)
	body := page(t, f, "/?limit=2")
	for _, want := range []string{
		`href="/stories/s-frost"`, "Late frost damages Tessaly orchards", "2 articles", "2 independent origins",
		`rel="next" href="/?limit=2&amp;offset=2"`, "1–2 of 3", `action="/search"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("story list lacks %s", want)
		}
	}
	if body := page(t, f, "/?limit=2&offset=2"); !strings.Contains(body, `rel="prev" href="/?limit=2"`) || !strings.Contains(body, "s-fire") {
		t.Errorf("second page lacks the link back or the last story")
	}
	if resp := f.do("GET", "/?offset=x", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad offset: status %d", resp.StatusCode)
	}
}

func TestArticleAndSearchPages(t *testing.T) {
	f := newFixture(t)
	f.ingest(inventedArticles()...)
	art := page(t, f, "/articles/fire-2")
	for _, want := range []string{"Blaze at Velmora grain store closes port", "Coastline Daily", `href="/stories/s-fire"`,
		"Warehouse fire shuts Velmora harbour", "Removed while cleaning", `href="https://coastline.example/news/velmora-blaze"`} {
		if !strings.Contains(art, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	search := page(t, f, "/search?q=barley")
	if !strings.Contains(search, "<mark>barley</mark>") && !strings.Contains(search, "<mark>Barley</mark>") {
		t.Errorf("search results lack a highlighted match")
	}
	if !strings.Contains(search, `value="barley"`) {
		t.Errorf("the search box does not keep the query")
	}
	if empty := page(t, f, "/search"); !strings.Contains(empty, "All words must match") {
		t.Errorf("the empty search page does not explain the syntax")
	}
}

func TestMarkedSegments(t *testing.T) {
	tests := []struct {
		text  string
		spans [][2]int
		want  string
	}{
		{"the barley price", [][2]int{{4, 10}}, "the [barley] price"},
		{"a b c", [][2]int{{0, 1}, {4, 5}}, "[a] b [c]"},
		{"overlap", [][2]int{{0, 4}, {2, 6}}, "[over]lap"},
		{"out of range", [][2]int{{5, 99}, {-1, 2}}, "out of range"},
		{"été", [][2]int{{1, 3}}, "été"}, // not on a character boundary
		{"été", [][2]int{{0, 2}}, "[é]té"},
	}
	for _, tt := range tests {
		var spans []article.Span
		for _, s := range tt.spans {
			spans = append(spans, article.Span{Start: s[0], End: s[1]})
		}
		var b strings.Builder
		for _, seg := range marked(tt.text, spans) {
			if seg.Mark {
				b.WriteString("[" + seg.Text + "]")
			} else {
				b.WriteString(seg.Text)
			}
		}
		if b.String() != tt.want {
			t.Errorf("marked(%q, %v) = %q, want %q", tt.text, tt.spans, b.String(), tt.want)
		}
	}
}

func TestFeedsPage(t *testing.T) {
	if body := page(t, newFixture(t), "/feeds"); !strings.Contains(body, "No feeds are being polled") {
		t.Errorf("no feeds: page does not say so")
	}
	polled := time.Date(2031, 3, 4, 8, 0, 0, 0, time.UTC)
	f := newFixture(t, func(c *Config) {
		c.Feeds = func() []feed.Status {
			return []feed.Status{
				{URL: "https://feeds.example/world.xml", Title: "World <desk>", LastPoll: polled, LastOK: polled, Items: 12, NextPoll: polled.Add(15 * time.Minute)},
				{URL: "https://broken.example/rss", LastPoll: polled, LastError: "HTTP 503 from broken.example", Errors: 3},
			}
		}
	})
	body := page(t, f, "/feeds")
	for _, want := range []string{"https://feeds.example/world.xml", "World &lt;desk&gt;", "2031-03-04 08:00 UTC", "2031-03-04 08:15 UTC",
		"HTTP 503 from broken.example", `class="failing"`} {
		if !strings.Contains(body, want) {
			t.Errorf("feeds page lacks %s", want)
		}
	}
}

func TestStyleSheet(t *testing.T) {
	resp := newFixture(t).do("GET", "/static/style.css", nil)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(body, ".comparison") || !strings.Contains(body, ".site-nav") {
		t.Errorf("stylesheet: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}
