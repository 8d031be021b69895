package feed

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// hosts keeps the per-host limits that every request of a Poller passes,
// feed and page alike: a site serving both is one site to be polite to.
type hosts struct {
	perHost int
	limit   rate.Limit
	burst   int

	mu sync.Mutex
	m  map[string]*hostSlot
}

type hostSlot struct {
	sem chan struct{}
	lim *rate.Limiter
}

func newHosts(perHost int, limit rate.Limit, burst int) *hosts {
	return &hosts{perHost: perHost, limit: limit, burst: burst, m: map[string]*hostSlot{}}
}

func hostKey(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return strings.ToLower(u.Hostname())
}

// acquire waits for a free connection slot and a rate token for the URL's
// host, or for ctx; release must be called when the request is done.
func (h *hosts) acquire(ctx context.Context, rawURL string) (release func(), err error) {
	key := hostKey(rawURL)
	h.mu.Lock()
	s := h.m[key]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, h.perHost), lim: rate.NewLimiter(h.limit, h.burst)}
		h.m[key] = s
	}
	h.mu.Unlock()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := s.lim.Wait(ctx); err != nil {
		<-s.sem
		return nil, err
	}
	return func() { <-s.sem }, nil
}
