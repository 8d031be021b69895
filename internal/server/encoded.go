package server

import (
	"sync"
	"weak"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/report"
)

// encodedCacheBytes bounds the encoded story reports kept: enough for the
// largest stories' several-megabyte reports in both forms, small beside the
// analyses the engine keeps.
const encodedCacheBytes = 64 << 20

type encodedKey struct {
	story    string
	omitText bool
}

type encodedEntry struct {
	// analysis is weak so that the cache never keeps an analysis alive that
	// the engine dropped; a freed one can then never be mistaken for a new
	// analysis at the same address.
	analysis weak.Pointer[article.Analysis]
	doc      *report.JSONDocument
}

// encodedCache keeps the encoded JSON report of recently read stories,
// valid while the backend hands out the same analysis value (which it
// replaces, never modifies, when the story changes).
type encodedCache struct {
	mu      sync.Mutex
	max     int
	size    int
	entries map[encodedKey]encodedEntry
}

func newEncodedCache(maxBytes int) *encodedCache {
	return &encodedCache{max: maxBytes, entries: map[encodedKey]encodedEntry{}}
}

// get returns a's report in the form opt, encoding it unless the cache holds
// it. Two requests missing at once both encode; the last one is kept.
func (c *encodedCache) get(story string, a *article.Analysis, opt report.JSONOptions) (*report.JSONDocument, error) {
	key := encodedKey{story: story, omitText: opt.OmitText}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.analysis.Value() == a {
		return e.doc, nil
	}
	doc, err := report.EncodeJSON([]*article.Analysis{a}, opt)
	if err != nil {
		return nil, err
	}
	n := doc.Len()
	if n > c.max/4 {
		return doc, nil // one story should not push out all the others
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		c.size -= old.doc.Len()
		delete(c.entries, key)
	}
	if c.size+n > c.max {
		// Entries whose analysis is gone can never be read again; then any
		// victims, map order being random enough.
		for k, v := range c.entries {
			if v.analysis.Value() == nil {
				c.size -= v.doc.Len()
				delete(c.entries, k)
			}
		}
		for k, v := range c.entries {
			if c.size+n <= c.max {
				break
			}
			c.size -= v.doc.Len()
			delete(c.entries, k)
		}
	}
	c.entries[key] = encodedEntry{analysis: weak.Make(a), doc: doc}
	c.size += n
	return doc, nil
}
