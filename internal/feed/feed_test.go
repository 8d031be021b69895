package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/fetch"
)

// The feeds and pages below are invented for these tests.

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Gazette</title>
<link>{{base}}/</link>
<description>Invented local news</description>
<item>
  <title>Library reopens after repairs</title>
  <link>{{base}}/page/library</link>
  <guid>gazette-2</guid>
  <pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;The town library opened its doors again.&lt;/p&gt;</description>
</item>
<item>
  <title>Ferry timetable changes</title>
  <link>{{base}}/page/ferry</link>
  <guid>gazette-1</guid>
  <pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
  <description>The ferry will run less often in winter.</description>
</item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Courier</title>
<link href="{{base}}/"/>
<id>urn:example:valley</id>
<updated>2025-03-05T10:00:00Z</updated>
<entry>
  <title>Orchard harvest begins early</title>
  <link href="{{base}}/page/orchard"/>
  <id>urn:example:valley:1</id>
  <updated>2025-03-05T10:00:00Z</updated>
  <summary>Growers started picking two weeks early.</summary>
</entry>
<entry>
  <title>Bridge closed for inspection</title>
  <link href="/page/bridge"/>
  <id>urn:example:valley:2</id>
  <updated>2025-03-05T11:00:00Z</updated>
  <summary>The old stone bridge is closed this weekend.</summary>
</entry>
</feed>`

var pageParagraphs = []string{
	"Volunteers spent the winter months repainting the reading rooms, repairing the roof over the children's section and replacing shelves that had warped after the storm last autumn, the council said on Tuesday.",
	"The head librarian, Mara Quillfeather, said the building would keep its longer opening hours through the spring and that the community hall on the ground floor could again be booked by local clubs and schools.",
	"A small exhibition of photographs from the town archive fills the entrance hall, showing the harbour as it looked a century ago, when fishing boats crowded the quay and the market was held every morning.",
}

func articlePage(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body>", title)
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main><article>")
	fmt.Fprintf(&b, "<h1>%s</h1>", title)
	for _, p := range pageParagraphs {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</article></main><footer>Contact us</footer></body></html>")
	return b.String()
}

type resource struct {
	status int
	ctype  string
	body   string
	etag   string
	hang   bool
	header map[string]string // extra response headers; "{{base}}" is the server's URL
}

// site is a local server with per-path resources and counters.
type site struct {
	*httptest.Server
	mu          sync.Mutex
	res         map[string]resource
	hits        map[string]int
	conditional map[string]int
	delay       time.Duration
	inflight    atomic.Int32
	maxInflight atomic.Int32
	stop        chan struct{}
}

func newSite(t *testing.T) *site {
	s := &site{res: map[string]resource{}, hits: map[string]int{}, conditional: map[string]int{}, stop: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() { close(s.stop); s.Close() })
	return s
}

func (s *site) set(path string, r resource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.res[path] = r
}

func (s *site) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for {
		m := s.maxInflight.Load()
		if n <= m || s.maxInflight.CompareAndSwap(m, n) {
			break
		}
	}
	s.mu.Lock()
	res, ok := s.res[r.URL.Path]
	s.hits[r.URL.Path]++
	if r.Header.Get("If-None-Match") != "" {
		s.conditional[r.URL.Path]++
	}
	delay := s.delay
	s.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if res.hang {
		select {
		case <-s.stop:
		case <-r.Context().Done():
		}
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	if res.etag != "" {
		if r.Header.Get("If-None-Match") == res.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", res.etag)
	}
	if res.ctype != "" {
		w.Header().Set("Content-Type", res.ctype)
	}
	for k, v := range res.header {
		w.Header().Set(k, strings.ReplaceAll(v, "{{base}}", s.URL))
	}
	if res.status != 0 {
		w.WriteHeader(res.status)
	}
	fmt.Fprint(w, strings.ReplaceAll(res.body, "{{base}}", s.URL))
}

func (s *site) addPages(names ...string) {
	for _, n := range names {
		s.set("/page/"+n, resource{ctype: "text/html; charset=utf-8", body: articlePage("Page " + n)})
	}
}

func testClient(timeout time.Duration) *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivate: true, Timeout: timeout})
}

// collector is a Handler that keeps what it is given.
type collector struct {
	mu   sync.Mutex
	got  []article.Article
	fail func(article.Article) error
}

func (c *collector) handle(_ context.Context, a article.Article) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		if err := c.fail(a); err != nil {
			return err
		}
	}
	c.got = append(c.got, a)
	return nil
}

func (c *collector) titles() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, a := range c.got {
		out = append(out, a.Title)
	}
	return out
}

func newPoller(t *testing.T, c *collector, client *fetch.Client, opt Options, feeds ...string) *Poller {
	t.Helper()
	opt.Feeds = feeds
	opt.Client = client
	opt.Handle = c.handle
	if opt.HostRate == 0 {
		opt.HostRate = 1000
		opt.HostBurst = 100
	}
	p, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPollFeeds(t *testing.T) {
	tests := []struct {
		name, path, ctype, body string
		wantTitles              []string
		wantSource              string
		wantPublished           time.Time
	}{
		{"rss", "/rss.xml", "application/rss+xml", rssFeed,
			[]string{"Ferry timetable changes", "Library reopens after repairs"}, "Harbour Gazette",
			time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)},
		{"atom", "/atom.xml", "application/atom+xml", atomFeed,
			[]string{"Orchard harvest begins early", "Bridge closed for inspection"}, "Valley Courier",
			time.Date(2025, 3, 5, 10, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			s.set(tt.path, resource{ctype: tt.ctype, body: tt.body})
			s.addPages("library", "ferry", "orchard", "bridge")
			var c collector
			p := newPoller(t, &c, testClient(2*time.Second), Options{}, s.URL+tt.path)
			if err := p.PollOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := c.titles(); strings.Join(got, "|") != strings.Join(tt.wantTitles, "|") {
				t.Fatalf("titles = %q, want %q (oldest first)", got, tt.wantTitles)
			}
			a := c.got[0]
			if a.HTML == "" || a.Text != "" || !strings.Contains(a.HTML, "Quillfeather") {
				t.Errorf("article body not the page's HTML: HTML %d bytes, Text %q", len(a.HTML), a.Text)
			}
			if !strings.HasPrefix(a.URL, s.URL+"/page/") || a.Source != tt.wantSource || !a.Published.Equal(tt.wantPublished) {
				t.Errorf("article = URL %q Source %q Published %v", a.URL, a.Source, a.Published)
			}
			if !strings.Contains(a.Input, tt.path) {
				t.Errorf("Input %q does not name the feed", a.Input)
			}
			st := p.Status()[0]
			if st.Title != tt.wantSource || st.Items != 2 || st.Errors != 0 || st.LastError != "" || st.LastOK.IsZero() || !st.NextPoll.After(st.LastPoll) {
				t.Errorf("status = %+v", st)
			}
		})
	}
}

func TestNotModifiedHandsNothingAgain(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed, etag: `"r1"`})
	s.addPages("library", "ferry")
	var c collector
	p := newPoller(t, &c, testClient(2*time.Second), Options{}, s.URL+"/rss.xml")
	for i := 0; i < 3; i++ {
		if err := p.PollOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.got) != 2 {
		t.Errorf("handled %d articles, want 2", len(c.got))
	}
	s.mu.Lock()
	cond := s.conditional["/rss.xml"]
	s.mu.Unlock()
	if cond != 2 {
		t.Errorf("%d conditional requests, want 2", cond)
	}
	if s.hitCount("/page/library") != 1 {
		t.Errorf("item page fetched %d times", s.hitCount("/page/library"))
	}
	if st := p.Status()[0]; st.Items != 2 || st.LastError != "" {
		t.Errorf("status = %+v", st)
	}
}

func TestDuplicatesHandledOnce(t *testing.T) {
	s := newSite(t)
	s.set("/a.xml", resource{ctype: "application/rss+xml", body: rssFeed})
	// A second feed listing one of the same links under another GUID.
	second := strings.Replace(rssFeed, "gazette-2", "other-2", 1)
	second = strings.Replace(second, "/page/ferry", "/page/other", 1)
	s.set("/b.xml", resource{ctype: "application/rss+xml", body: second})
	s.addPages("library", "ferry", "other", "new")
	var c collector
	var seenAsked []string
	var mu sync.Mutex
	p := newPoller(t, &c, testClient(2*time.Second), Options{Seen: func(u string) bool {
		mu.Lock()
		defer mu.Unlock()
		seenAsked = append(seenAsked, u)
		return strings.HasSuffix(u, "/page/other")
	}}, s.URL+"/a.xml")
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The feed gains one item; the old two stay.
	grown := strings.Replace(rssFeed, "<item>", `<item><title>Night market returns</title><link>{{base}}/page/new</link><guid>gazette-3</guid><pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate><description>Stalls are back.</description></item><item>`, 1)
	s.set("/a.xml", resource{ctype: "application/rss+xml", body: grown})
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"Ferry timetable changes", "Library reopens after repairs", "Night market returns"}
	if got := c.titles(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("titles = %q, want %q", got, want)
	}

	// Same links from another feed: the library link is known, the other is
	// stored already according to Seen.
	p2 := newPoller(t, &c, testClient(2*time.Second), Options{Seen: p.opt.Seen}, s.URL+"/a.xml", s.URL+"/b.xml")
	p2.seen = p.seen
	if err := p2.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.got) != 3 {
		t.Errorf("second poller handed %d more articles: %q", len(c.got)-3, c.titles()[3:])
	}
	if s.hitCount("/page/other") != 0 {
		t.Error("a page Seen reported stored was fetched")
	}
}

func TestItemPageFailsFallsBackToFeedText(t *testing.T) {
	tests := []struct {
		name string
		page resource
	}{
		{"server error", resource{status: 500, body: "oops"}},
		{"not html", resource{ctype: "application/pdf", body: "%PDF-1.4"}},
		{"no article text", resource{ctype: "text/html", body: "<html><body><nav>Home</nav></body></html>"}},
		{"missing", resource{status: 404}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed})
			s.set("/page/library", tt.page)
			s.addPages("ferry")
			var c collector
			var notes []string
			p := newPoller(t, &c, testClient(2*time.Second), Options{Logf: func(f string, a ...any) {
				notes = append(notes, fmt.Sprintf(f, a...))
			}}, s.URL+"/rss.xml")
			if err := p.PollOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(c.got) != 2 {
				t.Fatalf("handled %d articles, want 2", len(c.got))
			}
			a := c.got[1]
			if a.HTML != "" || a.Text != "The town library opened its doors again." {
				t.Errorf("fallback article: HTML %q, Text %q", a.HTML, a.Text)
			}
			if a.URL != s.URL+"/page/library" || a.Title != "Library reopens after repairs" {
				t.Errorf("fallback article metadata: %+v", a)
			}
			if len(notes) != 1 || !strings.Contains(notes[0], "/page/library") {
				t.Errorf("notes = %q, want one naming the page", notes)
			}
		})
	}
}

func TestFeedErrorsRecorded(t *testing.T) {
	huge := strings.Replace(rssFeed, "Invented local news", strings.Repeat("padding ", 4000), 1)
	tests := []struct {
		name    string
		res     resource
		maxSize int64
		want    []string
		is      error
	}{
		{"malformed", resource{ctype: "application/rss+xml", body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</ti`}, 0,
			[]string{"/feed.xml", "malformed feed"}, ErrMalformed},
		{"web page", resource{ctype: "text/html", body: articlePage("Not a feed")}, 0,
			[]string{"/feed.xml", "not an RSS, Atom or JSON feed", "not its web page"}, ErrNotFeed},
		{"huge", resource{ctype: "application/rss+xml", body: huge}, 16 << 10,
			[]string{"/feed.xml", "16 KiB limit"}, nil},
		{"gone", resource{status: 410}, 0, []string{"/feed.xml", "410 Gone"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			s.set("/feed.xml", tt.res)
			var c collector
			client := fetch.New(fetch.Options{AllowPrivate: true, Timeout: 2 * time.Second, MaxBytes: tt.maxSize})
			p := newPoller(t, &c, client, Options{}, s.URL+"/feed.xml")
			err := p.PollOnce(context.Background())
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			st := p.Status()[0]
			for _, w := range tt.want {
				if !strings.Contains(st.LastError, w) {
					t.Errorf("LastError %q does not contain %q", st.LastError, w)
				}
			}
			if st.Errors != 1 || st.LastPoll.IsZero() || !st.LastOK.IsZero() || len(c.got) != 0 {
				t.Errorf("status = %+v, %d articles", st, len(c.got))
			}
		})
	}
}

func TestHangingFeedDoesNotStopOthers(t *testing.T) {
	s := newSite(t)
	s.set("/hang.xml", resource{hang: true})
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed})
	s.addPages("library", "ferry")
	var c collector
	p := newPoller(t, &c, testClient(200*time.Millisecond), Options{Interval: time.Hour}, s.URL+"/hang.xml", s.URL+"/rss.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()

	deadline := time.Now().Add(5 * time.Second)
	for {
		st := p.Status()
		if st[0].Errors == 1 && st[1].Items == 2 {
			if !strings.Contains(st[0].LastError, "/hang.xml") || !strings.Contains(st[0].LastError, "200ms") {
				t.Errorf("hanging feed's error = %q", st[0].LastError)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status after 5s: %+v", st)
		}
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return within 2s of cancel")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Run took %s to return", d)
	}
}

func TestCancelDuringHangingPoll(t *testing.T) {
	s := newSite(t)
	s.set("/hang.xml", resource{hang: true})
	var c collector
	p := newPoller(t, &c, testClient(time.Minute), Options{}, s.URL+"/hang.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	time.Sleep(50 * time.Millisecond)
	_ = p.Status() // stays answerable while a poll hangs
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return within 2s of cancel")
	}
	if st := p.Status()[0]; st.Errors != 0 || st.LastError != "" {
		t.Errorf("stopping was recorded as the feed's failure: %+v", st)
	}
}

func TestBackoff(t *testing.T) {
	const h = time.Hour
	tests := []struct {
		errors int
		want   time.Duration
	}{{0, h}, {1, 2 * h}, {2, 4 * h}, {3, 5 * h}, {10, 5 * h}, {1000, 5 * h}}
	for _, tt := range tests {
		if got := backoff(h, 5*h, tt.errors); got != tt.want {
			t.Errorf("backoff(1h, 5h, %d) = %s, want %s", tt.errors, got, tt.want)
		}
	}

	s := newSite(t)
	s.set("/rss.xml", resource{status: 503})
	var c collector
	p := newPoller(t, &c, testClient(2*time.Second), Options{Interval: time.Hour, MaxBackoff: 4 * time.Hour}, s.URL+"/rss.xml")
	delay := func() time.Duration {
		st := p.Status()[0]
		return st.NextPoll.Sub(st.LastPoll)
	}
	for i, want := range []time.Duration{2 * h, 4 * h, 4 * h} {
		if err := p.PollOnce(context.Background()); err == nil {
			t.Fatal("no error from a failing feed")
		}
		if st := p.Status()[0]; st.Errors != i+1 || delay() != want {
			t.Errorf("after %d failures: Errors %d, delay %s, want %s", i+1, st.Errors, delay(), want)
		}
	}
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed})
	s.addPages("library", "ferry")
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := p.Status()[0]; st.Errors != 0 || st.LastError != "" || delay() != h {
		t.Errorf("after success: %+v, delay %s", st, delay())
	}
}

func TestHandlerErrorOffersItemAgain(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed, etag: `"r1"`})
	s.addPages("library", "ferry")
	failing := true
	c := collector{fail: func(a article.Article) error {
		if failing && strings.HasPrefix(a.Title, "Library") {
			return errors.New("store is full")
		}
		return nil
	}}
	p := newPoller(t, &c, testClient(2*time.Second), Options{}, s.URL+"/rss.xml")
	err := p.PollOnce(context.Background())
	if err == nil || !strings.Contains(err.Error(), "store is full") || !strings.Contains(err.Error(), "/page/library") {
		t.Fatalf("error = %v", err)
	}
	failing = false
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := c.titles(); len(got) != 2 {
		t.Errorf("titles = %q, want each once", got)
	}
	if st := p.Status()[0]; st.Items != 2 {
		t.Errorf("Items = %d", st.Items)
	}
}

func TestPerHostConcurrencyLimit(t *testing.T) {
	s := newSite(t)
	s.delay = 15 * time.Millisecond
	var feeds []string
	for i := range 6 {
		body := strings.ReplaceAll(rssFeed, "/page/", fmt.Sprintf("/page/f%d-", i))
		body = strings.ReplaceAll(body, "gazette-", fmt.Sprintf("f%d-", i))
		path := fmt.Sprintf("/feed%d.xml", i)
		s.set(path, resource{ctype: "application/rss+xml", body: body})
		s.addPages(fmt.Sprintf("f%d-library", i), fmt.Sprintf("f%d-ferry", i))
		feeds = append(feeds, s.URL+path)
	}
	var c collector
	p := newPoller(t, &c, testClient(5*time.Second), Options{PerHost: 2}, feeds...)
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.got) != 12 {
		t.Errorf("handled %d articles, want 12", len(c.got))
	}
	if m := s.maxInflight.Load(); m > 2 {
		t.Errorf("%d requests at once to one host, limit 2", m)
	} else {
		t.Logf("at most %d requests at once", m)
	}
}

func TestOnce(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "text/xml", body: rssFeed})
	s.set("/atom", resource{ctype: "text/html", body: atomFeed}) // mislabelled feed
	s.set("/story", resource{ctype: "text/html; charset=utf-8", body: articlePage("A story")})
	s.set("/photo.png", resource{ctype: "image/png", body: "\x89PNG"})
	s.addPages("library", "ferry", "orchard", "bridge")
	client := testClient(2 * time.Second)
	onceLimits = Options{HostRate: 1000, HostBurst: 100}
	defer func() { onceLimits = Options{} }()

	tests := []struct {
		path    string
		want    int
		wantErr string
	}{
		{"/rss.xml", 2, ""},
		{"/atom", 2, ""},
		{"/story", 1, ""},
		{"/photo.png", 0, "neither a web page nor a feed"},
		{"/missing", 0, "404"},
	}
	for _, tt := range tests {
		var c collector
		err := Once(context.Background(), client, s.URL+tt.path, c.handle)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("%s: error = %v, want one naming the URL and %q", tt.path, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if len(c.got) != tt.want {
			t.Errorf("%s: %d articles, want %d", tt.path, len(c.got), tt.want)
		}
		if tt.path == "/story" && (c.got[0].URL != s.URL+"/story" || !strings.Contains(c.got[0].HTML, "Quillfeather")) {
			t.Errorf("page article = %+v", c.got[0])
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	client := testClient(time.Second)
	h := func(context.Context, article.Article) error { return nil }
	for _, opt := range []Options{
		{Handle: h},
		{Client: client},
		{Client: client, Handle: h, Feeds: []string{"ftp://example.com/feed"}},
	} {
		if _, err := New(opt); err == nil {
			t.Errorf("New(%+v) accepted", opt)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain words", "plain words"},
		{"<p>One.</p><p>Two &amp; three.</p>", "One.\nTwo & three."},
		{"Line<br>next <b>bold</b>", "Line\nnext bold"},
		{"<script>x()</script><p>Kept</p>", "Kept"},
		{"Fish &amp; chips", "Fish & chips"},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRunPollsAgainEachInterval(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssFeed})
	s.addPages("library", "ferry", "new")
	var c collector
	p := newPoller(t, &c, testClient(2*time.Second), Options{Interval: 30 * time.Millisecond}, s.URL+"/rss.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	defer func() { cancel(); <-done }()

	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for p.Status()[0].Items < n {
			if time.Now().After(deadline) {
				t.Fatalf("status after 5s: %+v", p.Status()[0])
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor(2)
	grown := strings.Replace(rssFeed, "<item>", `<item><title>Night market returns</title><link>{{base}}/page/new</link><guid>gazette-3</guid><description>Stalls are back.</description></item><item>`, 1)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: grown})
	waitFor(3)
	if s.hitCount("/rss.xml") < 2 || len(c.titles()) != 3 {
		t.Errorf("feed fetched %d times, titles %q", s.hitCount("/rss.xml"), c.titles())
	}
}
