// Package feed follows RSS, Atom and JSON feeds: it polls them politely
// (conditional requests, per-host limits, backoff on errors) and turns each
// new item into an article, read from the item's page when that page has
// the text and from the feed's own content otherwise.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/time/rate"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/extract"
	"github.com/corroborate/corroborate/internal/fetch"
)

// Handler receives each new item's article. An error leaves the item to be
// offered again on a later poll.
type Handler func(ctx context.Context, a article.Article) error

// BatchHandler receives new items' articles several at a time, oldest
// first, so that a store can take them in one transaction. It returns one
// error per article (or nil when every article was taken); an error leaves
// its item to be offered again on a later poll.
type BatchHandler func(ctx context.Context, articles []article.Article) []error

// batch hands articles to h one at a time.
func (h Handler) batch() BatchHandler {
	return func(ctx context.Context, articles []article.Article) []error {
		errs := make([]error, len(articles))
		for i, a := range articles {
			errs[i] = h(ctx, a)
		}
		return errs
	}
}

// Defaults for the zero Options.
const (
	DefaultInterval   = 15 * time.Minute
	DefaultMaxBackoff = 6 * time.Hour
	DefaultPerHost    = 2
	DefaultHostRate   = rate.Limit(1) // requests a second
	DefaultHostBurst  = 2
	DefaultMinWords   = 60
	// DefaultBatchItems and DefaultBatchWait bound how many fetched items
	// a BatchHandler's batch gathers and how long the first of them waits
	// for the others: item pages are fetched one after another at the
	// host's rate, and the first items should not wait for the last.
	DefaultBatchItems = 64
	DefaultBatchWait  = 10 * time.Second
	// rememberFor is how long an item's identity is kept after it was last
	// seen in a feed: long enough that no feed brings it back, short
	// enough that memory stays bounded on a server that runs for months.
	rememberFor = 30 * 24 * time.Hour
)

// Options configure a Poller.
type Options struct {
	Feeds  []string      // feed URLs, as ReadList returns them
	Client *fetch.Client // required
	Handle Handler       // required unless HandleBatch is set
	// HandleBatch, when set, is used instead of Handle: a poll's new items
	// are handed over together, up to BatchItems at a time, each batch
	// once it is full, BatchWait after its first item, or at the poll's end.
	HandleBatch BatchHandler
	BatchItems  int           // <= 0 means DefaultBatchItems
	BatchWait   time.Duration // <= 0 means DefaultBatchWait
	// Seen, when set, says whether an article URL is already stored, so
	// that a restarted server does not fetch and hand over items again. It
	// is asked with the item's link, before the page is fetched: an item
	// whose link redirects is therefore handed over with the ID
	// article.URLID(link), which the store keeps whatever the final URL.
	Seen func(url string) bool

	Interval   time.Duration // between successful polls of one feed; <= 0 means DefaultInterval
	MaxBackoff time.Duration // cap of the doubling delay after errors; <= 0 means DefaultMaxBackoff
	PerHost    int           // concurrent requests to one host; <= 0 means DefaultPerHost
	HostRate   rate.Limit    // requests a second to one host; <= 0 means DefaultHostRate
	HostBurst  int           // <= 0 means DefaultHostBurst
	// MinWords is the page text below which an item's own content is
	// preferred (when it is longer); <= 0 means DefaultMinWords.
	MinWords int
	// Logf, when set, receives notes that are not errors: an item page
	// that could not be read and was replaced by the feed's text.
	Logf func(format string, args ...any)
}

// Status is one feed's state, as Poller.Status reports it.
type Status struct {
	URL       string
	Title     string    // the feed's title once known
	LastPoll  time.Time // zero before the first poll
	LastOK    time.Time
	LastError string // "" after a successful poll
	Errors    int    // consecutive failed polls
	Items     int    // new items handed to the handler, in total
	NextPoll  time.Time
}

// Poller polls a fixed list of feeds. Its methods are safe for concurrent use.
type Poller struct {
	opt Options
	w   *worker

	// wake tells Run that a poll finished (its own or PollOnce's), so
	// that the feed's next poll is scheduled.
	wake chan struct{}

	mu    sync.Mutex
	feeds []*feedState
	seen  map[string]time.Time // item identity -> when last seen in a feed
}

type feedState struct {
	status       Status
	etag         string
	lastModified string
	busy         bool // a poll is under way
}

// New checks the options and makes a Poller.
func New(opt Options) (*Poller, error) {
	if opt.Client == nil {
		return nil, errors.New("feed: no fetch client given")
	}
	if opt.HandleBatch == nil {
		if opt.Handle == nil {
			return nil, errors.New("feed: no handler given")
		}
		// A per-article handler wants each article at once.
		opt.HandleBatch, opt.BatchItems = opt.Handle.batch(), 1
	}
	if opt.BatchItems <= 0 {
		opt.BatchItems = DefaultBatchItems
	}
	if opt.BatchWait <= 0 {
		opt.BatchWait = DefaultBatchWait
	}
	if opt.Interval <= 0 {
		opt.Interval = DefaultInterval
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = DefaultMaxBackoff
	}
	opt.MaxBackoff = max(opt.MaxBackoff, opt.Interval)
	p := &Poller{opt: opt, w: newWorker(opt), seen: map[string]time.Time{}, wake: make(chan struct{}, 1)}
	for _, raw := range opt.Feeds {
		u, err := fetch.ParseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
		p.feeds = append(p.feeds, &feedState{status: Status{URL: u.String()}})
	}
	return p, nil
}

// Status returns a snapshot of every feed's state, in the order given.
func (p *Poller) Status() []Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Status, len(p.feeds))
	for i, f := range p.feeds {
		out[i] = f.status
	}
	return out
}

// PollOnce polls every feed that is not already being polled, all at once
// (the per-host limits still apply), and returns when all are done. The
// error joins every feed's problem; each is also in Status.
func (p *Poller) PollOnce(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make([]error, len(p.feeds))
	p.mu.Lock()
	for i, f := range p.feeds {
		if f.busy {
			continue
		}
		f.busy = true
		wg.Go(func() { errs[i] = p.pollAndRelease(ctx, f) })
	}
	p.mu.Unlock()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// Run polls each feed when it is due until ctx is done, then waits for the
// polls under way (which stop with ctx) and returns ctx's error. Problems
// with single feeds do not stop it: they are in Status.
func (p *Poller) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		now := time.Now()
		var next time.Time
		p.mu.Lock()
		for _, f := range p.feeds {
			if f.busy {
				continue
			}
			if !f.status.NextPoll.After(now) {
				f.busy = true
				wg.Go(func() { p.pollAndRelease(ctx, f) })
				continue
			}
			if next.IsZero() || f.status.NextPoll.Before(next) {
				next = f.status.NextPoll
			}
		}
		p.mu.Unlock()
		var tick <-chan time.Time
		if !next.IsZero() {
			timer.Reset(time.Until(next))
			tick = timer.C
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick:
		case <-p.wake:
		}
	}
}

func (p *Poller) pollAndRelease(ctx context.Context, f *feedState) error {
	err := p.poll(ctx, f)
	p.mu.Lock()
	f.busy = false
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
	return err
}

// backoff is the delay before the next poll after errors consecutive
// failures: the interval, doubled for each failure, never above max.
func backoff(interval, maxDelay time.Duration, errors int) time.Duration {
	d := interval
	for i := 0; i < errors && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

// retryAfter is the wait a feed's server asked for with a 429 or 503
// answer, 0 when err is no such answer.
func retryAfter(err error) time.Duration {
	var se *fetch.StatusError
	if !errors.As(err, &se) {
		return 0
	}
	switch se.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return se.RetryAfter
	}
	return 0
}

// poll fetches one feed and hands over its new items. The feed's
// validators are kept only when every item was handled, so that a 304 never
// hides an item the handler failed on.
func (p *Poller) poll(ctx context.Context, f *feedState) error {
	p.mu.Lock()
	feedURL := f.status.URL
	cond := fetch.Conditional{ETag: f.etag, LastModified: f.lastModified}
	p.mu.Unlock()

	resp, parsed, err := p.w.getFeed(ctx, feedURL, cond)
	if err == nil && parsed != nil {
		p.mu.Lock()
		if t := oneLine(parsed.Title); t != "" {
			f.status.Title = t
		}
		p.mu.Unlock()
		err = p.handleItems(ctx, f, feedURL, parsed)
	}
	if ctx.Err() != nil {
		// Stopping is not the feed's fault: leave its record as it was.
		return ctx.Err()
	}

	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	f.status.LastPoll = now
	if err != nil {
		f.status.Errors++
		f.status.LastError = err.Error()
		// Polling earlier than the server asked would only be refused again,
		// and could get the client blocked; waiting longer than MaxBackoff
		// is more than any feed is owed.
		delay := backoff(p.opt.Interval, p.opt.MaxBackoff, f.status.Errors)
		delay = max(delay, min(retryAfter(err), p.opt.MaxBackoff))
		f.status.NextPoll = now.Add(delay)
		return err
	}
	f.etag, f.lastModified = resp.ETag, resp.LastModified
	f.status.Errors = 0
	f.status.LastError = ""
	f.status.LastOK = now
	f.status.NextPoll = now.Add(p.opt.Interval)
	for k, t := range p.seen {
		if now.Sub(t) > rememberFor {
			delete(p.seen, k)
		}
	}
	return nil
}

func (p *Poller) handleItems(ctx context.Context, f *feedState, feedURL string, parsed *gofeed.Feed) error {
	var errs []error
	b := batch{handle: p.opt.HandleBatch, max: p.opt.BatchItems, wait: p.opt.BatchWait}
	// pending holds the keys of items fetched but not yet taken: one item
	// listed twice in a feed must not be fetched twice while the first
	// waits in the batch.
	pending := map[string]bool{}
	flush := func() {
		b.flush(ctx, func(it batchItem, err error) {
			for _, k := range it.keys {
				delete(pending, k)
			}
			if err != nil {
				if ctx.Err() == nil {
					errs = append(errs, fmt.Errorf("item %s: %w", it.desc, err))
				}
				return
			}
			p.remember(it.keys, true)
			p.mu.Lock()
			f.status.Items++
			p.mu.Unlock()
		})
	}
	for _, it := range itemsInOrder(parsed) {
		if ctx.Err() != nil {
			break
		}
		link := itemLink(feedURL, parsed, it)
		keys := itemKeys(feedURL, link, it)
		if len(keys) == 0 {
			continue // nothing to tell it from the next item with no identity either
		}
		if slices.ContainsFunc(keys, func(k string) bool { return pending[k] }) || p.remember(keys, false) {
			continue
		}
		if link != "" && p.opt.Seen != nil && p.opt.Seen(link) {
			p.remember(keys, true)
			continue
		}
		a, err := p.w.itemArticle(ctx, feedURL, parsed, it, link)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			p.w.logf("%s: skipping item %s: %v", feedURL, describeItem(link, it), err)
			p.remember(keys, true)
			continue
		}
		if b.waited() {
			flush()
		}
		for _, k := range keys {
			pending[k] = true
		}
		if b.add(batchItem{a: a, keys: keys, desc: describeItem(link, it)}) {
			flush()
		}
	}
	// Articles already fetched are handed over even when stopping: the
	// handler decides whether it still takes them.
	flush()
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %d of its new items were not taken (they will be offered again): %w", feedURL, len(errs), errors.Join(errs...))
	}
	return nil
}

// batchItem is a fetched item waiting in a batch for the handler.
type batchItem struct {
	a    article.Article
	keys []string // the item's identities, for the Poller's memory
	desc string   // the item as error messages name it
}

// batch gathers fetched items for a BatchHandler.
type batch struct {
	handle BatchHandler
	max    int
	wait   time.Duration
	items  []batchItem
	since  time.Time // when the first of items was added
}

// add adds an item and reports whether the batch is now full.
func (b *batch) add(it batchItem) (full bool) {
	if len(b.items) == 0 {
		b.since = time.Now()
	}
	b.items = append(b.items, it)
	return len(b.items) >= b.max
}

// waited reports whether the batch's first item has waited long enough.
// It is asked between fetches, so an item waits at most one fetch longer.
func (b *batch) waited() bool {
	return len(b.items) > 0 && time.Since(b.since) >= b.wait
}

// flush hands the batch to the handler and reports each item's outcome to
// done, in order.
func (b *batch) flush(ctx context.Context, done func(batchItem, error)) {
	if len(b.items) == 0 {
		return
	}
	articles := make([]article.Article, len(b.items))
	for i, it := range b.items {
		articles[i] = it.a
	}
	errs := b.handle(ctx, articles)
	for i, it := range b.items {
		var err error
		if i < len(errs) {
			err = errs[i]
		}
		done(it, err)
	}
	b.items = b.items[:0]
}

// remember reports whether any of keys was seen before, refreshing their
// time; with mark it also records them all as seen.
func (p *Poller) remember(keys []string, mark bool) bool {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := false
	for _, k := range keys {
		if _, ok := p.seen[k]; ok {
			seen = true
			p.seen[k] = now
		}
	}
	if mark {
		for _, k := range keys {
			p.seen[k] = now
		}
	}
	return seen
}

// itemKeys identify an item: its GUID within its feed (GUIDs are only
// unique per feed) and its link anywhere (two feeds of one site often list
// the same article).
func itemKeys(feedURL, link string, it *gofeed.Item) []string {
	var keys []string
	if g := strings.TrimSpace(it.GUID); g != "" {
		keys = append(keys, "guid "+feedURL+" "+g)
	}
	if link != "" {
		keys = append(keys, "link "+link)
	}
	if len(keys) == 0 {
		if t := strings.TrimSpace(it.Title); t != "" {
			keys = append(keys, "title "+feedURL+" "+t)
		}
	}
	return keys
}

// itemsInOrder lists items oldest first, so that articles arrive in the
// order they were published; items without dates keep the feed's order.
func itemsInOrder(f *gofeed.Feed) []*gofeed.Item {
	items := slices.Clone(f.Items)
	items = slices.DeleteFunc(items, func(it *gofeed.Item) bool { return it == nil })
	if len(items) > 1 {
		if a, b := itemTime(items[0]), itemTime(items[len(items)-1]); !a.IsZero() && !b.IsZero() && a.After(b) {
			slices.Reverse(items)
		}
	}
	return items
}

func itemTime(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// itemLink is the item's page, made absolute against the feed, or "" when
// it has none that can be fetched.
func itemLink(feedURL string, f *gofeed.Feed, it *gofeed.Item) string {
	candidates := append([]string{it.Link}, it.Links...)
	base, _ := url.Parse(feedURL)
	for _, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		ref, err := url.Parse(c)
		if err != nil {
			continue
		}
		if base != nil {
			ref = base.ResolveReference(ref)
		}
		if u, err := fetch.ParseURL(ref.String()); err == nil {
			return u.String()
		}
	}
	return ""
}

func describeItem(link string, it *gofeed.Item) string {
	for _, s := range []string{link, it.GUID, oneLine(it.Title)} {
		if s != "" {
			return s
		}
	}
	return "(no link, id or title)"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// worker does the fetching and article building that Poller and Once share.
type worker struct {
	client   *fetch.Client
	hosts    *hosts
	minWords int
	logfn    func(string, ...any)
}

func newWorker(opt Options) *worker {
	if opt.PerHost <= 0 {
		opt.PerHost = DefaultPerHost
	}
	if opt.HostRate <= 0 {
		opt.HostRate = DefaultHostRate
	}
	if opt.HostBurst <= 0 {
		opt.HostBurst = DefaultHostBurst
	}
	if opt.MinWords <= 0 {
		opt.MinWords = DefaultMinWords
	}
	return &worker{client: opt.Client, hosts: newHosts(opt.PerHost, opt.HostRate, opt.HostBurst), minWords: opt.MinWords, logfn: opt.Logf}
}

func (w *worker) logf(format string, args ...any) {
	if w.logfn != nil {
		w.logfn(format, args...)
	}
}

func (w *worker) get(ctx context.Context, rawURL string, cond fetch.Conditional) (*fetch.Response, error) {
	release, err := w.hosts.acquire(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	defer release()
	return w.client.Get(ctx, rawURL, cond)
}

// getFeed fetches and parses a feed; parsed is nil when the server
// answered 304.
func (w *worker) getFeed(ctx context.Context, feedURL string, cond fetch.Conditional) (*fetch.Response, *gofeed.Feed, error) {
	resp, err := w.get(ctx, feedURL, cond)
	if err != nil {
		return nil, nil, err
	}
	if resp.NotModified {
		return resp, nil, nil
	}
	parsed, err := parseFeed(feedURL, resp.Body)
	if err != nil {
		return nil, nil, err
	}
	return resp, parsed, nil
}

// ErrNotFeed is the kind of error for a body that is not a feed at all.
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

// ErrMalformed is the kind of error for a feed that could not be parsed.
var ErrMalformed = errors.New("malformed feed")

func parseFeed(feedURL string, body []byte) (parsed *gofeed.Feed, err error) {
	defer func() {
		// Outside input must never bring the server down.
		if r := recover(); r != nil {
			parsed, err = nil, fmt.Errorf("%s: %w: the parser failed: %v", feedURL, ErrMalformed, r)
		}
	}()
	parsed, err = gofeed.NewParser().Parse(bytes.NewReader(body))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, fmt.Errorf("%s: %w; check that the URL is the feed's address, not its web page's", feedURL, ErrNotFeed)
	case err != nil:
		return nil, fmt.Errorf("%s: %w: %v", feedURL, ErrMalformed, err)
	}
	return parsed, nil
}

// errNoText is an item with neither a readable page nor text of its own.
var errNoText = errors.New("neither its page nor the feed gives any text")

// itemArticle builds an item's article. The page is preferred, as the
// same HTML an .html input would carry so that the pipeline treats both
// alike; the feed's own content is the fallback when the page cannot be
// fetched or extraction finds less than it.
func (w *worker) itemArticle(ctx context.Context, feedURL string, f *gofeed.Feed, it *gofeed.Item, link string) (article.Article, error) {
	own := htmlToText(longest(it.Content, it.Description))
	a := article.Article{
		URL:       link,
		Title:     oneLine(htmlToText(it.Title)),
		Source:    feedSource(feedURL, f),
		Published: itemTime(it),
		Input:     feedURL + " item " + describeItem(link, it),
	}
	if link != "" {
		page, finalURL, res, err := w.page(ctx, link, wordCount(own))
		if err == nil {
			a.HTML, a.URL, a.Extracted = page, finalURL, res
			if finalURL != link {
				// Named after the link, the only address a later poll
				// (or a restarted server's Seen) knows before fetching;
				// the store still knows the article by its final URL.
				a.ID = article.URLID(link)
			}
			if oneLine(f.Title) == "" && res.Source != "" {
				// The page's site name beats the host the source
				// otherwise falls back to.
				a.Source = res.Source
			}
			return a, nil
		}
		if ctx.Err() != nil {
			return a, ctx.Err()
		}
		if own != "" {
			w.logf("%s: using the feed's text for %s: %v", feedURL, link, err)
		} else {
			return a, fmt.Errorf("%w (page: %v)", errNoText, err)
		}
	}
	if own == "" {
		return a, errNoText
	}
	a.Text = own
	return a, nil
}

// page fetches an item's page and checks that extraction finds the article
// on it: at least minWords words, or more than the feed's own text has.
// The extraction is returned with the page, which it was made of at
// finalURL, so that the pipeline need not repeat it.
func (w *worker) page(ctx context.Context, link string, ownWords int) (page, finalURL string, res *extract.Result, err error) {
	resp, err := w.get(ctx, link, fetch.Conditional{})
	if err != nil {
		return "", "", nil, err
	}
	if !isHTML(resp) {
		return "", "", nil, fmt.Errorf("%s is %q, not an HTML page", link, resp.ContentType)
	}
	body := resp.UTF8()
	r, err := extract.HTML(body, resp.URL)
	if err != nil {
		return "", "", nil, fmt.Errorf("%s: %w", link, err)
	}
	if n := wordCount(r.Body); n < w.minWords && n <= ownWords {
		return "", "", nil, fmt.Errorf("%s: only %d words of article text found on the page", link, n)
	}
	return string(body), resp.URL, &r, nil
}

func isHTML(resp *fetch.Response) bool {
	ct := strings.ToLower(resp.ContentType)
	if ct == "" {
		head := bytes.ToLower(resp.Body[:min(len(resp.Body), 512)])
		return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
	}
	return strings.Contains(ct, "html")
}

// feedSource names the outlet: the feed's title, else its site's host,
// else the feed's host.
func feedSource(feedURL string, f *gofeed.Feed) string {
	if t := oneLine(f.Title); t != "" {
		return t
	}
	for _, s := range []string{f.Link, feedURL} {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return ""
}

func longest(a, b string) string {
	if len(strings.TrimSpace(b)) > len(strings.TrimSpace(a)) {
		return b
	}
	return a
}

func wordCount(s string) int { return len(strings.Fields(s)) }
