package entity

import (
	"sync"

	"github.com/corroborate/corroborate/internal/geo"
)

// memo caches a pure function of a string. The same names recur across
// the articles of a story and across stories, and the gazetteer's folding
// is most of the cost of finding mentions; the cache is dropped whole when
// it fills, which bounds its memory without bookkeeping.
type memo[V any] struct {
	mu sync.Mutex
	m  map[string]V
	f  func(string) V
}

const memoSize = 1 << 16

func newMemo[V any](f func(string) V) *memo[V] { return &memo[V]{f: f} }

func (c *memo[V]) get(k string) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.f(k)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = make(map[string]V, 1024)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

type countryHit struct {
	country geo.Country
	ok      bool
}

var (
	countryMemo = newMemo(func(s string) countryHit {
		c, ok := geo.CountryByName(s)
		return countryHit{c, ok}
	})
	demonymMemo = newMemo(func(s string) countryHit {
		c, ok := geo.Demonym(s)
		return countryHit{c, ok}
	})
	// placeNameMemo says whether the gazetteer has any place by a name,
	// so that names of no place skip geo.Resolve.
	placeNameMemo = newMemo(func(s string) bool { return len(geo.Lookup(s)) > 0 })
	wordKeyMemo   = newMemo(wordKeyUncached)
)

func countryByName(s string) (geo.Country, bool) {
	h := countryMemo.get(s)
	return h.country, h.ok
}

func demonym(s string) (geo.Country, bool) {
	h := demonymMemo.get(s)
	return h.country, h.ok
}
