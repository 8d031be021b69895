// Package fetch gets pages and feeds from outside URLs safely: never from the
// machine itself, the local network or a cloud metadata service (checked on
// the address actually dialled, so DNS answers and redirects cannot get
// round it), within a size and a time limit, and decoded to UTF-8.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/corroborate/corroborate/internal/extract"
	"github.com/corroborate/corroborate/internal/ingest"
)

// Defaults for the zero Options.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "corroborate (+https://github.com/corroborate/corroborate)"
)

// AllowPrivateFlag is the command-line flag that sets Options.AllowPrivate;
// errors name it so that people know how to allow what was refused.
const AllowPrivateFlag = "--allow-private-fetch"

// Options tune a Client. The zero value is safe.
type Options struct {
	// AllowPrivate lets the client reach loopback, private, link-local and
	// other non-public addresses: for testing and for feeds on an intranet.
	AllowPrivate bool
	MaxBytes     int64         // largest body accepted; <= 0 means DefaultMaxBytes
	Timeout      time.Duration // whole request including the body; <= 0 means DefaultTimeout
	UserAgent    string        // "" means DefaultUserAgent
	MaxRedirects int           // <= 0 means DefaultMaxRedirects
}

// Client fetches outside URLs. It is safe for concurrent use.
type Client struct {
	opt Options
	hc  *http.Client
	// exempt lets tests reach one local server while everything else
	// stays blocked, so that a redirect from it can be tested.
	exempt func(netip.AddrPort) bool
}

// New makes a Client.
func New(opt Options) *Client {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	c := &Client{opt: opt}
	transport := &http.Transport{
		// No proxy: through a proxy the address dialled would be the
		// proxy's, and the check below would judge the wrong machine.
		Proxy:                  nil,
		DialContext:            c.dialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	c.hc = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// Options returns the options in effect, defaults filled in.
func (c *Client) Options() Options { return c.opt }

// dialContext checks the address after DNS resolution, in the dialer's
// Control hook, which sees every address the dialer tries: a name that
// resolves to a private address, or to a public one first and a private
// one on the next lookup (DNS rebinding), is refused all the same.
func (c *Client) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, _ := net.SplitHostPort(addr)
	d := &net.Dialer{
		Timeout:   c.opt.Timeout,
		KeepAlive: 30 * time.Second,
		ControlContext: func(_ context.Context, _, address string, _ syscall.RawConn) error {
			if c.opt.AllowPrivate {
				return nil
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return &BlockedError{Host: host, Reason: "unparseable address " + address}
			}
			if c.exempt != nil && c.exempt(ap) {
				return nil
			}
			if r := BlockReason(ap.Addr()); r != "" {
				return &BlockedError{Host: host, Addr: ap.Addr(), Reason: r}
			}
			return nil
		},
	}
	return d.DialContext(ctx, network, addr)
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return &RedirectError{URL: via[0].URL.String(), To: req.URL.String(),
			Problem: fmt.Sprintf("more than %d redirects", c.opt.MaxRedirects)}
	}
	if err := c.checkURL(req.URL); err != nil {
		return &RedirectError{URL: via[0].URL.String(), To: req.URL.String(), Err: err}
	}
	return nil
}

// BlockedError is a refusal to connect to a non-public address.
type BlockedError struct {
	Host   string     // the host name as the URL gave it
	Addr   netip.Addr // the address it resolved to; invalid when refused by name
	Reason string
}

func (e *BlockedError) Error() string {
	what := e.Host
	if e.Addr.IsValid() && e.Addr.String() != strings.Trim(e.Host, "[]") {
		what = fmt.Sprintf("%s (%s)", e.Host, e.Addr)
	}
	return fmt.Sprintf("refusing to connect to %s: %s, not a public internet address; %s allows it", what, e.Reason, AllowPrivateFlag)
}

// TooLargeError is a body larger than Options.MaxBytes.
type TooLargeError struct {
	URL   string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: response larger than the %s limit; nothing of it was used", e.URL, ingest.FormatBytes(e.Limit))
}

// TimeoutError is a request that did not complete within Options.Timeout.
type TimeoutError struct {
	URL   string
	Limit time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s: no complete answer within %s; the server is slow or not responding, try again later", e.URL, e.Limit)
}

// Timeout reports true, for callers that test net.Error-style timeouts.
func (e *TimeoutError) Timeout() bool { return true }

// StatusError is an answer other than success or 304 Not Modified.
type StatusError struct {
	URL    string
	Status int
	// RetryAfter is how long the server asked to be left alone (its
	// Retry-After header, as seconds or as a date), 0 when it did not say.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: server answered %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// RedirectError is a redirect that was not followed.
type RedirectError struct {
	URL     string // the URL requested
	To      string // where the refused redirect pointed
	Problem string
	Err     error
}

func (e *RedirectError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("redirect from %s to %s refused: %v", e.URL, e.To, e.Err)
	}
	return fmt.Sprintf("redirect from %s to %s refused: %s", e.URL, e.To, e.Problem)
}

func (e *RedirectError) Unwrap() error { return e.Err }

// ErrBadURL is the kind of every error ParseURL returns.
var ErrBadURL = errors.New("bad URL")

// ParseURL checks that raw is an absolute http or https URL with a host,
// as every address fetched must be, and returns it parsed.
func ParseURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, fmt.Errorf("%w: empty", ErrBadURL)
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadURL, raw, unwrapURLError(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, fmt.Errorf("%w %q: no scheme; write it in full, starting with https://", ErrBadURL, raw)
	default:
		return nil, fmt.Errorf("%w %q: scheme %q; only http and https are fetched", ErrBadURL, raw, u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w %q: no host name", ErrBadURL, raw)
	}
	if u.User != nil {
		// Credentials in a URL end up in logs, statuses and stored articles.
		return nil, fmt.Errorf("%w %q: contains a user name or password; corroborate does not send credentials", ErrBadURL, redact(u))
	}
	if p := u.Port(); p != "" {
		if _, err := netip.ParseAddrPort("0.0.0.0:" + p); err != nil {
			return nil, fmt.Errorf("%w %q: bad port %q", ErrBadURL, raw, p)
		}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func redact(u *url.URL) string {
	v := *u
	v.User = nil
	return v.String()
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// checkURL refuses what must not be requested before any connection is
// made; addresses behind host names are checked again when dialled.
func (c *Client) checkURL(u *url.URL) error {
	if _, err := ParseURL(u.String()); err != nil {
		return err
	}
	if c.opt.AllowPrivate {
		return nil
	}
	if c.exempt != nil {
		if ap, err := netip.ParseAddrPort(u.Host); err == nil && c.exempt(ap) {
			return nil
		}
	}
	if r := hostBlockReason(u.Hostname()); r != "" {
		return &BlockedError{Host: u.Hostname(), Reason: r}
	}
	return nil
}

// Conditional carries the validators of an earlier answer, so that an
// unchanged resource costs the server a 304 and not a body.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a successful or not-modified answer.
type Response struct {
	URL          string // the final URL, after redirects
	Status       int
	NotModified  bool   // 304: the Conditional's validators still hold; Body is empty
	Body         []byte // exactly as served (XML parsers read their own encoding declaration)
	ContentType  string
	ETag         string
	LastModified string
}

// UTF8 is the body decoded to UTF-8 by the charset the Content-Type header
// or the page declares (see extract.ToUTF8).
func (r *Response) UTF8() []byte { return extract.ToUTF8(r.Body, r.ContentType) }

// Get fetches rawURL. An answer other than 2xx or 304 is a *StatusError
// (with the Response, for its status); a refused address a *BlockedError; a
// body over the limit a *TooLargeError; running out of time a *TimeoutError.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := c.checkURL(u); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	// One deadline for connecting, headers and body: http.Client.Timeout
	// would do, but a context also stops promptly when the caller cancels.
	tctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(tctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadURL, rawURL, err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.describe(ctx, tctx, u.String(), err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		// A 304 need not repeat the validators; the old ones still hold.
		if out.ETag == "" {
			out.ETag = cond.ETag
		}
		if out.LastModified == "" {
			out.LastModified = cond.LastModified
		}
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return out, &StatusError{URL: u.String(), Status: resp.StatusCode, RetryAfter: RetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return nil, &TooLargeError{URL: u.String(), Limit: c.opt.MaxBytes}
	}
	// The limit applies after decompression, so a small gzip bomb is caught.
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		return nil, c.describe(ctx, tctx, u.String(), err)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return nil, &TooLargeError{URL: u.String(), Limit: c.opt.MaxBytes}
	}
	out.Body = body
	return out, nil
}

// RetryAfter reads a Retry-After header value, either delay-seconds or an
// HTTP date, as the delay from now; 0 when it is absent, malformed or
// already past. The caller caps it: a server may ask for anything.
func RetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		// Beyond this the multiplication would overflow; no caller waits that long.
		return time.Duration(min(secs, int64(math.MaxInt64/time.Second))) * time.Second
	}
	t, err := http.ParseTime(value)
	if err != nil {
		return 0
	}
	return max(t.Sub(now), 0)
}

// describe turns a transport error into one that says which URL failed and
// why, keeping the typed errors reachable with errors.As.
func (c *Client) describe(parent, tctx context.Context, rawURL string, err error) error {
	var blocked *BlockedError
	var redirect *RedirectError
	switch {
	case errors.As(err, &redirect):
		return redirect
	case errors.As(err, &blocked):
		return fmt.Errorf("%s: %w", rawURL, blocked)
	case parent.Err() != nil:
		return fmt.Errorf("%s: %w", rawURL, parent.Err())
	case errors.Is(tctx.Err(), context.DeadlineExceeded):
		return &TimeoutError{URL: rawURL, Limit: c.opt.Timeout}
	}
	return fmt.Errorf("%s: %v", rawURL, unwrapURLError(err))
}
