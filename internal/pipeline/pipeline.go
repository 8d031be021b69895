// Package pipeline composes corroborate's stages in their one direction:
// article → document → story → analysis. It owns no analysis of its own; it
// calls each stage's package in turn, so that the CLI, the server and the
// tests all run the same sequence.
package pipeline

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/extract"
	"github.com/corroborate/corroborate/internal/provenance"
	"github.com/corroborate/corroborate/internal/text"
)

// Version identifies the per-article processing. Stored documents made by
// another version are recomputed from their source when that is available.
const Version = 1

// ErrNoText is returned when nothing of an article is left after extraction
// and cleaning.
var ErrNoText = errors.New("no article text left after extraction and cleaning")

// Prepare does the per-article work: extracts or cleans the body, segments it
// and fills the metadata the input did not give. It is a pure function of
// the article.
func Prepare(a article.Article) (*article.Document, error) {
	var res extract.Result
	switch {
	case strings.TrimSpace(a.HTML) != "" && strings.TrimSpace(a.Text) == "" && a.Extracted != nil:
		// The fetcher extracted the page already, from the same HTML and
		// URL; extraction is the costliest step of preparing a page.
		res = *a.Extracted
	case strings.TrimSpace(a.HTML) != "" && strings.TrimSpace(a.Text) == "":
		var err error
		res, err = extract.HTML([]byte(a.HTML), a.URL)
		if err != nil {
			return nil, fmt.Errorf("extracting text from HTML: %w", err)
		}
	default:
		res = extract.CleanText(a.Text, a.Title == "")
	}
	body := strings.TrimSpace(res.Body)
	if body == "" {
		return nil, ErrNoText
	}
	d := &article.Document{
		ID:          a.ID,
		Source:      firstNonEmpty(a.Source, res.Source, hostOf(a.URL), article.UnknownSource),
		URL:         a.URL,
		Title:       firstNonEmpty(a.Title, res.Title, firstWords(body, 12)),
		Published:   a.Published,
		Text:        body,
		Removed:     res.Removed,
		Bylines:     res.Bylines,
		Datelines:   res.Datelines,
		CreditLines: res.CreditLines,
		Input:       a.Input,
	}
	if d.Removed == nil {
		d.Removed = []article.Removal{}
	}
	if d.Published.IsZero() {
		d.Published = res.Published
	}
	if d.Published.IsZero() {
		if t, ok := latestStatedDate(body); ok {
			d.Published, d.PublishedInferred = t, true
		}
	}
	d.Sentences = text.Segment(body)
	d.Language = text.Language(body)
	d.ContentHash = text.ContentHash(body)
	if d.ID == "" {
		d.ID = derivedID(d)
	}
	d.Fingerprint = provenance.Fingerprint(d)
	features, err := cluster.Extract(d).MarshalBinary()
	if err != nil {
		return nil, err
	}
	d.ClusterFeatures = features
	return d, nil
}

// latestStatedDate is the latest full date (day precision) the text states:
// an article is published on or after every day it reports.
func latestStatedDate(body string) (time.Time, bool) {
	var latest time.Time
	for _, m := range text.Dates(body) {
		if m.Precision == "day" && m.Time.After(latest) {
			latest = m.Time
		}
	}
	return latest, !latest.IsZero()
}

// derivedID names an article that came without an id (a feed item, a
// fetched page): after its URL when it has one, so that fetching it again
// names it the same, else after its content.
func derivedID(d *article.Document) string {
	if d.URL != "" {
		return URLID(d.URL)
	}
	return "c-" + d.ContentHash[:min(12, len(d.ContentHash))]
}

// URLID is the id an article fetched from url gets when it came without one.
func URLID(url string) string { return article.URLID(url) }

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func firstWords(s string, n int) string {
	line, _, _ := strings.Cut(s, "\n")
	words := strings.Fields(line)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}

// sortedIDs lists the documents' ids in order, for deterministic output.
func sortedIDs(docs []*article.Document) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	sort.Strings(ids)
	return ids
}
