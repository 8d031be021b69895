package server

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corroborate/corroborate/internal/feed"
	"github.com/corroborate/corroborate/internal/store"
)

// durationBuckets are the upper bounds, in seconds, of the request duration
// histogram: from a cached page to a cold analysis of a large story.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	total  uint64
}

type requestKey struct {
	route string
	code  int
}

// metrics is kept by hand rather than with a client library: a few counters
// do not justify a dependency.
type metrics struct {
	mu        sync.Mutex
	requests  map[requestKey]uint64
	durations map[string]*histogram
	ingested  map[string]uint64 // by outcome, plus "refused" and "unreadable"
}

func newMetrics() *metrics {
	return &metrics{requests: map[requestKey]uint64{}, durations: map[string]*histogram{}, ingested: map[string]uint64{}}
}

func (m *metrics) observeRequest(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, code}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets)+1)}
		m.durations[route] = h
	}
	sec := d.Seconds()
	i, _ := slices.BinarySearch(durationBuckets, sec)
	h.counts[i]++
	h.sum += sec
	h.total++
}

func (m *metrics) countIngested(outcome string, n int) {
	m.mu.Lock()
	m.ingested[outcome] += uint64(n)
	m.mu.Unlock()
}

// ingestOutcomes are always exposed, so that rates can be taken before the
// first article of each kind arrives.
var ingestOutcomes = []string{store.Added.String(), store.Unchanged.String(), store.Updated.String(), "refused", "unreadable"}

func (m *metrics) write(b *bytes.Buffer) {
	m.mu.Lock()
	defer m.mu.Unlock()

	header(b, "corroborate_http_requests_total", "counter", "HTTP requests by route pattern and status code.")
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(b, "corroborate_http_requests_total{route=%s,code=\"%d\"} %d\n", label(k.route), k.code, m.requests[k])
	}

	header(b, "corroborate_http_request_duration_seconds", "histogram", "Time to answer an HTTP request, by route pattern.")
	routes := make([]string, 0, len(m.durations))
	for r := range m.durations {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		h := m.durations[r]
		var cumulative uint64
		for i, le := range durationBuckets {
			cumulative += h.counts[i]
			fmt.Fprintf(b, "corroborate_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(r), number(le), cumulative)
		}
		fmt.Fprintf(b, "corroborate_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(r), h.total)
		fmt.Fprintf(b, "corroborate_http_request_duration_seconds_sum{route=%s} %s\n", label(r), number(h.sum))
		fmt.Fprintf(b, "corroborate_http_request_duration_seconds_count{route=%s} %d\n", label(r), h.total)
	}

	header(b, "corroborate_ingested_articles_total", "counter", "Articles posted to the API, by what became of them.")
	for _, o := range ingestOutcomes {
		fmt.Fprintf(b, "corroborate_ingested_articles_total{outcome=%s} %d\n", label(o), m.ingested[o])
	}
}

func header(b *bytes.Buffer, name, kind, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
}

// labelEscaper escapes a label value as the text exposition format requires.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func label(v string) string { return `"` + labelEscaper.Replace(v) + `"` }

func number(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func unixSeconds(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return number(float64(t.UnixNano()) / 1e9)
}

// serveMetrics writes the Prometheus text exposition. The store gauges are
// cheap counts; a store that fails them is reported by
// corroborate_store_up rather than by failing the scrape.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	s.metrics.write(&b)

	up := 1
	docs, err := s.cfg.Store.CountDocuments(r.Context())
	if err != nil {
		up = 0
		s.log.Warn("metrics: counting documents", "request_id", requestID(r), "err", err)
	}
	_, stories, err := s.cfg.Store.Stories(r.Context(), 1, 0)
	if err != nil {
		up = 0
		s.log.Warn("metrics: counting stories", "request_id", requestID(r), "err", err)
	}
	header(&b, "corroborate_store_up", "gauge", "Whether the store answered the counts below.")
	fmt.Fprintf(&b, "corroborate_store_up %d\n", up)
	header(&b, "corroborate_documents", "gauge", "Documents in the store.")
	fmt.Fprintf(&b, "corroborate_documents %d\n", docs)
	header(&b, "corroborate_stories", "gauge", "Live (not merged) stories in the store.")
	fmt.Fprintf(&b, "corroborate_stories %d\n", stories)

	if s.cfg.Feeds != nil {
		feeds := s.cfg.Feeds()
		gauges := []struct {
			name, kind, help string
			value            func(feed.Status) string
		}{
			{"corroborate_feed_last_poll_timestamp_seconds", "gauge", "When the feed was last polled (Unix time; 0 never).", func(f feed.Status) string { return unixSeconds(f.LastPoll) }},
			{"corroborate_feed_last_success_timestamp_seconds", "gauge", "When the feed was last polled without error (Unix time; 0 never).", func(f feed.Status) string { return unixSeconds(f.LastOK) }},
			{"corroborate_feed_next_poll_timestamp_seconds", "gauge", "When the feed will next be polled (Unix time; 0 unknown).", func(f feed.Status) string { return unixSeconds(f.NextPoll) }},
			{"corroborate_feed_consecutive_errors", "gauge", "Polls of the feed that failed since the last success.", func(f feed.Status) string { return strconv.Itoa(f.Errors) }},
			{"corroborate_feed_items_total", "counter", "New items read from the feed.", func(f feed.Status) string { return strconv.Itoa(f.Items) }},
		}
		for _, g := range gauges {
			header(&b, g.name, g.kind, g.help)
			for _, f := range feeds {
				fmt.Fprintf(&b, "%s{url=%s} %s\n", g.name, label(f.URL), g.value(f))
			}
		}
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.cfg.Store.CountDocuments(r.Context()); err != nil {
		s.log.Error("health check: store did not answer", "request_id", requestID(r), "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("store unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}
