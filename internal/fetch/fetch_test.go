package fetch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBlockReason(t *testing.T) {
	tests := []struct {
		addr    string
		blocked bool
	}{
		{"127.0.0.1", true},
		{"127.255.255.254", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"169.254.170.2", true},   // container metadata
		{"100.64.0.1", true},
		{"100.100.100.200", true}, // a metadata service inside CGNAT space
		{"192.0.0.192", true},
		{"0.0.0.0", true},
		{"0.1.2.3", true},
		{"224.0.0.1", true},
		{"239.255.255.250", true},
		{"255.255.255.255", true},
		{"198.18.0.1", true},
		{"::1", true},
		{"::", true},
		{"::127.0.0.1", true}, // IPv4-compatible
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"fc00::1", true},
		{"fd00:ec2::254", true}, // cloud metadata over IPv6
		{"ff02::1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"::ffff:169.254.169.254", true},
		{"::ffff:0.0.0.0", true},
		{"::ffff:100.64.0.1", true},
		{"64:ff9b::a00:1", true},   // NAT64 of 10.0.0.1
		{"64:ff9b::7f00:1", true},  // NAT64 of 127.0.0.1
		{"2002:7f00:1::1", true},   // 6to4 of 127.0.0.1
		{"2002:a9fe:a9fe::", true}, // 6to4 of 169.254.169.254
		{"2001:db8::1", true},

		{"8.8.8.8", false},
		{"1.1.1.1", false},
		{"93.184.216.34", false},
		{"172.32.0.1", false},
		{"100.128.0.1", false},
		{"11.0.0.1", false},
		{"2606:4700:4700::1111", false},
		{"2a00:1450:4001:80b::200e", false},
		{"::ffff:8.8.8.8", false},
		{"64:ff9b::808:808", false},
		{"2002:808:808::1", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			ip := netip.MustParseAddr(tt.addr)
			r := BlockReason(ip)
			if (r != "") != tt.blocked {
				t.Errorf("BlockReason(%s) = %q, want blocked=%v", tt.addr, r, tt.blocked)
			}
		})
	}
	if BlockReason(netip.Addr{}) == "" {
		t.Error("the zero address must be blocked")
	}
}

func TestHostBlockReason(t *testing.T) {
	tests := []struct {
		host    string
		blocked bool
	}{
		{"localhost", true},
		{"LOCALHOST.", true},
		{"api.localhost", true},
		{"metadata.google.internal", true},
		{"Metadata.Google.Internal.", true},
		{"instance-data", true},
		{"169.254.169.254", true},
		{"[::1]", true},
		{"::ffff:127.0.0.1", true},
		{"example.com", false},
		{"news.example.org", false},
		{"localhost.example.com", false},
		{"8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := hostBlockReason(tt.host); (got != "") != tt.blocked {
			t.Errorf("hostBlockReason(%q) = %q, want blocked=%v", tt.host, got, tt.blocked)
		}
	}
}

func TestGetRefusesLoopbackByDefault(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := New(Options{})
	_, err := c.Get(context.Background(), srv.URL, Conditional{})
	var be *BlockedError
	if !errors.As(err, &be) {
		t.Fatalf("Get(%s) error = %v, want *BlockedError", srv.URL, err)
	}
	for _, want := range []string{"127.0.0.1", "loopback", AllowPrivateFlag} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if hits.Load() != 0 {
		t.Error("the server was reached")
	}
}

// TestDialChecksResolvedAddress goes through name resolution: "localhost"
// is resolved by the dialer, and the hook must judge the address it got.
func TestDialChecksResolvedAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	_, port, _ := strings.Cut(strings.TrimPrefix(srv.URL, "http://"), ":")
	c := New(Options{})
	conn, err := c.dialContext(context.Background(), "tcp", "localhost:"+port)
	if err == nil {
		conn.Close()
		t.Fatal("dialling localhost succeeded")
	}
	var be *BlockedError
	if !errors.As(err, &be) || !be.Addr.IsLoopback() || be.Host != "localhost" {
		t.Fatalf("dial error = %v (%#v), want a *BlockedError for localhost's loopback address", err, be)
	}
	if !strings.Contains(be.Error(), "localhost (") {
		t.Errorf("error %q does not name both host and address", be)
	}

	allowed := New(Options{AllowPrivate: true})
	conn, err = allowed.dialContext(context.Background(), "tcp", "localhost:"+port)
	if err != nil {
		t.Fatalf("with AllowPrivate: %v", err)
	}
	conn.Close()
}

func exemptServer(c *Client, srv *httptest.Server) {
	ap := netip.MustParseAddrPort(strings.TrimPrefix(srv.URL, "http://"))
	c.exempt = func(a netip.AddrPort) bool { return a == ap }
}

func TestRedirectToBlockedAddressRefused(t *testing.T) {
	var inner atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer target.Close()
	_, port, _ := strings.Cut(strings.TrimPrefix(target.URL, "http://"), ":")

	tests := []struct {
		name, location string
	}{
		{"metadata", "http://169.254.169.254/latest/meta-data/"},
		{"private", "http://10.0.0.1/"},
		{"loopback literal", target.URL + "/"},
		{"mapped loopback", "http://[::ffff:127.0.0.1]:" + port + "/"},
		{"localhost name", "http://localhost:" + port + "/"},
		{"metadata name", "http://metadata.google.internal/computeMetadata/v1/"},
		{"file scheme", "file:///etc/passwd"},
		{"ftp scheme", "ftp://example.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tt.location, http.StatusFound)
			}))
			defer front.Close()
			c := New(Options{Timeout: 2 * time.Second})
			exemptServer(c, front)
			_, err := c.Get(context.Background(), front.URL, Conditional{})
			var re *RedirectError
			if !errors.As(err, &re) {
				t.Fatalf("error = %v, want *RedirectError", err)
			}
			if !strings.Contains(err.Error(), front.URL) {
				t.Errorf("error %q does not name the URL requested", err)
			}
			if inner.Load() != 0 {
				t.Error("the blocked server was reached")
			}
		})
	}
}

func TestRedirectsFollowedUpToLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Query().Get("n"), "%d", &n)
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/?n=%d", n-1), http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, "landed")
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, MaxRedirects: 3})
	resp, err := c.Get(context.Background(), srv.URL+"/?n=3", Conditional{})
	if err != nil {
		t.Fatalf("3 redirects: %v", err)
	}
	if string(resp.Body) != "landed" || !strings.HasSuffix(resp.URL, "/?n=0") {
		t.Errorf("got body %q at %s", resp.Body, resp.URL)
	}
	_, err = c.Get(context.Background(), srv.URL+"/?n=4", Conditional{})
	var re *RedirectError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "more than 3 redirects") {
		t.Errorf("4 redirects: error = %v, want the redirect limit", err)
	}
}

func TestSizeLimit(t *testing.T) {
	body := strings.Repeat("x", 2000)
	tests := []struct {
		name    string
		limit   int64
		chunked bool
		wantErr bool
	}{
		{"under", 4000, false, false},
		{"exact", 2000, false, false},
		{"over with length", 1000, false, true},
		{"over chunked", 1000, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.chunked {
					for i := 0; i < len(body); i += 100 {
						fmt.Fprint(w, body[i:i+100])
						w.(http.Flusher).Flush()
					}
					return
				}
				w.Header().Set("Content-Length", fmt.Sprint(len(body)))
				fmt.Fprint(w, body)
			}))
			defer srv.Close()
			c := New(Options{AllowPrivate: true, MaxBytes: tt.limit})
			resp, err := c.Get(context.Background(), srv.URL, Conditional{})
			if !tt.wantErr {
				if err != nil || len(resp.Body) != len(body) {
					t.Fatalf("err = %v, want the whole body", err)
				}
				return
			}
			var te *TooLargeError
			if !errors.As(err, &te) {
				t.Fatalf("error = %v, want *TooLargeError", err)
			}
			if !strings.Contains(err.Error(), "1000 B") || !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error %q does not name the limit and URL", err)
			}
		})
	}
}

func hangingServer(t *testing.T) *httptest.Server {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/body" {
			// Headers now, the body never.
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
		}
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv
}

func TestTimeLimit(t *testing.T) {
	srv := hangingServer(t)
	for _, path := range []string{"/", "/body"} {
		c := New(Options{AllowPrivate: true, Timeout: 150 * time.Millisecond})
		start := time.Now()
		_, err := c.Get(context.Background(), srv.URL+path, Conditional{})
		var te *TimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("%s: error = %v, want *TimeoutError", path, err)
		}
		if !strings.Contains(err.Error(), "150ms") {
			t.Errorf("error %q does not name the time limit", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: returned after %s", path, d)
		}
	}
}

func TestCancelReturnsPromptly(t *testing.T) {
	srv := hangingServer(t)
	c := New(Options{AllowPrivate: true, Timeout: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Get(ctx, srv.URL, Conditional{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %s", d)
	}
}

func TestConditional(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "fresh")
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true})
	tests := []struct {
		name    string
		cond    Conditional
		want304 bool
	}{
		{"none", Conditional{}, false},
		{"etag", Conditional{ETag: etag}, true},
		{"last-modified", Conditional{LastModified: lastMod}, true},
		{"stale etag", Conditional{ETag: `"v0"`}, false},
	}
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), srv.URL, tt.cond)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if resp.NotModified != tt.want304 {
			t.Errorf("%s: NotModified = %v", tt.name, resp.NotModified)
		}
		if tt.want304 {
			if len(resp.Body) != 0 || resp.Status != http.StatusNotModified {
				t.Errorf("%s: 304 with body %q status %d", tt.name, resp.Body, resp.Status)
			}
			if resp.ETag != tt.cond.ETag || resp.LastModified != tt.cond.LastModified {
				t.Errorf("%s: validators not kept: %q %q", tt.name, resp.ETag, resp.LastModified)
			}
			continue
		}
		if string(resp.Body) != "fresh" || resp.ETag != etag || resp.LastModified != lastMod || resp.ContentType != "text/plain" {
			t.Errorf("%s: got %+v", tt.name, resp)
		}
	}
}

func TestStatusError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c := New(Options{AllowPrivate: true})
	resp, err := c.Get(context.Background(), srv.URL+"/gone", Conditional{})
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 || resp == nil || resp.Status != 404 {
		t.Fatalf("error = %v, want a 404 *StatusError", err)
	}
	if !strings.Contains(err.Error(), "/gone") || !strings.Contains(err.Error(), "404 Not Found") {
		t.Errorf("error %q does not name URL and status", err)
	}
}

func TestUTF8(t *testing.T) {
	tests := []struct {
		name, contentType string
		body              []byte
	}{
		{"header charset", "text/html; charset=ISO-8859-1", []byte("<p>caf\xe9</p>")},
		{"meta charset", "text/html", []byte(`<meta charset="windows-1252"><p>caf` + "\xe9</p>")},
		{"already UTF-8", "text/html; charset=ISO-8859-1", []byte("<p>café</p>")},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tt.contentType)
			w.Write(tt.body)
		}))
		resp, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL, Conditional{})
		srv.Close()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := string(resp.UTF8()); !strings.Contains(got, "café") {
			t.Errorf("%s: UTF8() = %q", tt.name, got)
		}
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in, want, errHas string
	}{
		{"https://example.com/feed.xml", "https://example.com/feed.xml", ""},
		{"  http://example.com:8080/a?b=c#frag ", "http://example.com:8080/a?b=c", ""},
		{"HTTPS://Example.com/", "https://Example.com/", ""},
		{"", "", "empty"},
		{"example.com/feed", "", "no scheme"},
		{"ftp://example.com/", "", `scheme "ftp"`},
		{"javascript:alert(1)", "", "scheme"},
		{"http:///path", "", "no host"},
		{"https://user:pw@example.com/", "", "user name or password"},
		{"http://example.com:99999/", "", "bad port"},
		{"http://exa mple.com/", "", "bad URL"},
	}
	for _, tt := range tests {
		u, err := ParseURL(tt.in)
		if tt.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) || !errors.Is(err, ErrBadURL) {
				t.Errorf("ParseURL(%q) error = %v, want one containing %q", tt.in, err, tt.errHas)
			}
			if err != nil && strings.Contains(err.Error(), "pw") {
				t.Errorf("error %q leaks the password", err)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("ParseURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://example.com/a", "http://[::1]:80/", "http://user@h/", "ftp://x", "//h/p", "http://%zz", "http://h:0/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseURL(s)
		if err != nil {
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("error %v is not ErrBadURL", err)
			}
			return
		}
		if sc := strings.ToLower(u.Scheme); sc != "http" && sc != "https" {
			t.Fatalf("accepted scheme %q", u.Scheme)
		}
		if u.Hostname() == "" || u.User != nil || u.Fragment != "" {
			t.Fatalf("accepted %q as %#v", s, u)
		}
		// What ParseURL accepts, a request can be made of.
		if _, err := http.NewRequest(http.MethodGet, u.String(), nil); err != nil {
			t.Fatalf("accepted %q but a request cannot be made: %v", s, err)
		}
		if _, err := url.Parse(u.String()); err != nil {
			t.Fatalf("accepted %q does not reparse: %v", s, err)
		}
	})
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 7 ", 7 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"soon", 0},
		{"1.5", 0},
		{"99999999999999999999", 0}, // does not fit: unreadable, not forever
		{"9223372036854775807", time.Duration(math.MaxInt64/int64(time.Second)) * time.Second},
		{"Tue, 06 May 2031 07:38:09 GMT", 30 * time.Minute},
		{"Tuesday, 06-May-31 08:08:09 GMT", time.Hour}, // RFC 850, still allowed
		{"Tue May  6 07:09:09 2031", time.Minute},      // asctime
		{"Tue, 06 May 2031 06:08:09 GMT", 0},           // in the past
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.value, now); got != tt.want {
			t.Errorf("RetryAfter(%q) = %s, want %s", tt.value, got, tt.want)
		}
	}
}

func TestStatusErrorCarriesRetryAfter(t *testing.T) {
	tests := []struct {
		status int
		header string
		min    time.Duration
		max    time.Duration
	}{
		{http.StatusTooManyRequests, "90", 90 * time.Second, 90 * time.Second},
		{http.StatusServiceUnavailable, "", 0, 0},
		// A date is read against the local clock: allow for the request's time.
		{http.StatusServiceUnavailable, time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat), 2*time.Hour - 5*time.Second, 2 * time.Hour},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tt.header != "" {
				w.Header().Set("Retry-After", tt.header)
			}
			w.WriteHeader(tt.status)
		}))
		_, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL, Conditional{})
		srv.Close()
		var se *StatusError
		if !errors.As(err, &se) || se.Status != tt.status {
			t.Fatalf("%d: error = %v", tt.status, err)
		}
		if se.RetryAfter < tt.min || se.RetryAfter > tt.max {
			t.Errorf("%d with Retry-After %q: RetryAfter %s, want %s to %s", tt.status, tt.header, se.RetryAfter, tt.min, tt.max)
		}
	}
}
