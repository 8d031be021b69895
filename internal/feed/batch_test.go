package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/extract"
)

// rssOf makes an invented RSS feed whose items link to the given paths,
// oldest first.
func rssOf(paths ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Fjordside Echo</title><link>{{base}}/</link>`)
	day := time.Date(2031, 4, 1, 8, 0, 0, 0, time.UTC)
	for i, p := range paths {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>{{base}}%s</link><guid>echo-%d</guid><pubDate>%s</pubDate></item>",
			i, p, i, day.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// store stands in for the pipeline's store: it keeps articles by the id
// the pipeline would give them, and answers Seen as serve does.
type fakeStore struct {
	mu  sync.Mutex
	ids map[string]bool
	// failTitle refuses the article with this title.
	failTitle string
	batches   []int
}

func (s *fakeStore) id(a article.Article) string {
	if a.ID != "" {
		return a.ID
	}
	return article.URLID(a.URL)
}

func (s *fakeStore) handleBatch(_ context.Context, as []article.Article) []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]bool{}
	}
	s.batches = append(s.batches, len(as))
	errs := make([]error, len(as))
	for i, a := range as {
		if a.Title == s.failTitle {
			errs[i] = errors.New("refused by the store")
			continue
		}
		s.ids[s.id(a)] = true
	}
	return errs
}

func (s *fakeStore) seen(url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[article.URLID(url)]
}

func batchPoller(t *testing.T, st *fakeStore, opt Options, feeds ...string) *Poller {
	t.Helper()
	opt.Feeds = feeds
	opt.Client = testClient(2 * time.Second)
	opt.HandleBatch = st.handleBatch
	opt.Seen = st.seen
	opt.HostRate, opt.HostBurst = 1000, 100
	p, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBatchHandler(t *testing.T) {
	tests := []struct {
		name        string
		batchItems  int
		paths       []string
		failTitle   string
		wantBatches []int
		wantItems   int
		wantErr     string
	}{
		{"one batch", 0, []string{"/page/a", "/page/b", "/page/c"}, "", []int{3}, 3, ""},
		{"full batches go at once", 2, []string{"/page/a", "/page/b", "/page/c", "/page/d", "/page/e"}, "", []int{2, 2, 1}, 5, ""},
		{"one article refused", 0, []string{"/page/a", "/page/b", "/page/c"}, "Item 1", []int{3}, 2, "/page/b"},
		{"an item listed twice is fetched once", 0, []string{"/page/a", "/page/a", "/page/b"}, "", []int{2}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssOf(tt.paths...)})
			s.addPages("a", "b", "c", "d", "e")
			st := &fakeStore{failTitle: tt.failTitle}
			p := batchPoller(t, st, Options{BatchItems: tt.batchItems}, s.URL+"/rss.xml")
			err := p.PollOnce(context.Background())
			if tt.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want one naming %s", err, tt.wantErr)
			}
			if !reflect.DeepEqual(st.batches, tt.wantBatches) {
				t.Errorf("batches of %v articles, want %v", st.batches, tt.wantBatches)
			}
			if got := p.Status()[0].Items; got != tt.wantItems {
				t.Errorf("Items = %d, want %d", got, tt.wantItems)
			}
			if n := s.hitCount("/page/a"); n != 1 {
				t.Errorf("/page/a fetched %d times", n)
			}
			// A refused article is offered again; taken ones are not.
			st.failTitle = ""
			st.batches = nil
			if err := p.PollOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			var want []int
			if tt.failTitle != "" {
				want = []int{1}
			}
			if !reflect.DeepEqual(st.batches, want) {
				t.Errorf("second poll handed over batches %v, want %v", st.batches, want)
			}
		})
	}
}

// The first article of a batch does not wait for a slow feed's last page.
func TestBatchWaitFlushes(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssOf("/page/a", "/page/b", "/page/c")})
	s.addPages("a", "b", "c")
	s.delay = 30 * time.Millisecond
	st := &fakeStore{}
	p := batchPoller(t, st, Options{BatchWait: time.Millisecond}, s.URL+"/rss.xml")
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.batches, []int{1, 1, 1}) {
		t.Errorf("batches %v, want each article on its own once it has waited", st.batches)
	}
}

// An item whose link redirects is stored under its final URL; a restarted
// poller, which knows only the link, must still not fetch it again.
func TestRedirectedItemNotFetchedAfterRestart(t *testing.T) {
	tests := []struct {
		name, link, final string
	}{
		{"no redirect", "/page/a", "/page/a"},
		{"redirect", "/go/a", "/page/a"},
		{"redirect chain", "/short/a", "/page/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssOf(tt.link)})
			s.addPages("a")
			s.set("/go/a", resource{status: http.StatusMovedPermanently, header: map[string]string{"Location": "{{base}}/page/a"}})
			s.set("/short/a", resource{status: http.StatusFound, header: map[string]string{"Location": "/go/a"}})
			st := &fakeStore{}
			for run := range 3 { // a new poller each run: a restarted server
				p := batchPoller(t, st, Options{}, s.URL+"/rss.xml")
				if err := p.PollOnce(context.Background()); err != nil {
					t.Fatal(err)
				}
				want := 0
				if run == 0 {
					want = 1
				}
				if got := p.Status()[0].Items; got != want {
					t.Errorf("run %d: %d items handed over", run, got)
				}
			}
			if n := s.hitCount(tt.link); n != 1 {
				t.Errorf("%s fetched %d times over three runs, want once", tt.link, n)
			}
			if n := s.hitCount(tt.final); n != 1 {
				t.Errorf("%s fetched %d times over three runs, want once", tt.final, n)
			}
		})
	}
}

func TestRedirectedItemArticle(t *testing.T) {
	s := newSite(t)
	s.set("/rss.xml", resource{ctype: "application/rss+xml", body: rssOf("/go/a", "/page/b")})
	s.addPages("a", "b")
	s.set("/go/a", resource{status: http.StatusFound, header: map[string]string{"Location": "/page/a"}})
	var c collector
	p := newPoller(t, &c, testClient(2*time.Second), Options{}, s.URL+"/rss.xml")
	if err := p.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.got) != 2 {
		t.Fatalf("%d articles", len(c.got))
	}
	tests := []struct {
		a              article.Article
		wantURL        string
		wantID         string
		wantExtraction string // the page the article's extraction must be of
	}{
		{c.got[0], s.URL + "/page/a", article.URLID(s.URL + "/go/a"), "/page/a"},
		{c.got[1], s.URL + "/page/b", "", "/page/b"},
	}
	for _, tt := range tests {
		if tt.a.URL != tt.wantURL || tt.a.ID != tt.wantID {
			t.Errorf("article URL %q ID %q, want %q and %q", tt.a.URL, tt.a.ID, tt.wantURL, tt.wantID)
		}
		want, err := extract.HTML([]byte(tt.a.HTML), tt.a.URL)
		if err != nil {
			t.Fatal(err)
		}
		if tt.a.Extracted == nil || !reflect.DeepEqual(*tt.a.Extracted, want) {
			t.Errorf("%s: Extracted is not the page's extraction: %+v", tt.wantURL, tt.a.Extracted)
		}
	}
}

// A server that asks to be left alone with Retry-After is not polled
// before then, nor left longer than MaxBackoff.
func TestRetryAfterDelaysNextPoll(t *testing.T) {
	const interval, maxBackoff = time.Minute, 6 * time.Hour
	tests := []struct {
		name       string
		status     int
		retryAfter string
		want       time.Duration
		slack      time.Duration // for dates, read against the clock
	}{
		{"429 in seconds", http.StatusTooManyRequests, "3600", time.Hour, 0},
		{"503 in seconds", http.StatusServiceUnavailable, "1800", 30 * time.Minute, 0},
		{"503 as a date", http.StatusServiceUnavailable, time.Now().Add(3 * time.Hour).UTC().Format(http.TimeFormat), 3 * time.Hour, 5 * time.Second},
		{"capped at MaxBackoff", http.StatusTooManyRequests, "604800", maxBackoff, 0},
		{"shorter than the backoff", http.StatusTooManyRequests, "10", 2 * interval, 0},
		{"unreadable", http.StatusServiceUnavailable, "later", 2 * interval, 0},
		{"absent", http.StatusServiceUnavailable, "", 2 * interval, 0},
		{"not on other errors", http.StatusInternalServerError, "3600", 2 * interval, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			h := map[string]string{}
			if tt.retryAfter != "" {
				h["Retry-After"] = tt.retryAfter
			}
			s.set("/rss.xml", resource{status: tt.status, header: h})
			var c collector
			p := newPoller(t, &c, testClient(2*time.Second), Options{Interval: interval, MaxBackoff: maxBackoff}, s.URL+"/rss.xml")
			if err := p.PollOnce(context.Background()); err == nil {
				t.Fatal("no error from a refusing feed")
			}
			st := p.Status()[0]
			if d := st.NextPoll.Sub(st.LastPoll); d > tt.want || d < tt.want-tt.slack {
				t.Errorf("next poll after %s, want %s", d, tt.want)
			}
		})
	}
}
