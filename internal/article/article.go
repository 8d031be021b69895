// Package article holds corroborate's domain types: the article as it
// arrives, the document it becomes once cleaned and segmented, the story that
// groups documents, and the analysis computed for a story. Every other
// package speaks in these types; none of them is defined twice.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Article is one news report as it arrived, before any cleaning. Exactly one
// of Text and HTML normally carries the body.
type Article struct {
	ID        string
	Source    string    // outlet name; empty when the input did not say
	URL       string    // canonical address; empty when unknown
	Title     string    // headline; empty when the input did not say
	Published time.Time // zero when unknown
	Text      string    // plain body text, possibly scraped with boilerplate
	HTML      string    // raw HTML page, when the input was HTML
	Input     string    // where it came from, for error messages: "dir/a.txt", "feed.jsonl:12", "stdin:3"
	// Extracted, when set, is what extraction made of HTML at URL: whoever
	// fetched the page and had to extract it to judge it (a feed item's
	// page) passes it on, so that preparing the article does not extract
	// the same page again. It is never read from or written to inputs.
	Extracted *Extraction `json:"-"`
}

// Extraction is an article body after extraction and cleaning
// (extract.Result): it lives here so that an Article can carry one.
type Extraction struct {
	Title       string    `json:"title"`   // headline, when one was found
	Body        string    `json:"body"`    // kept paragraphs, one per line, "\n"-joined, each trimmed
	Removed     []Removal `json:"removed"` // every dropped piece of text with its reason
	Bylines     []string  `json:"bylines,omitempty"`
	Datelines   []string  `json:"datelines,omitempty"`
	CreditLines []string  `json:"credit_lines,omitempty"`
	Published   time.Time `json:"published"` // from HTML metadata only; zero otherwise
	Source      string    `json:"source"`    // site name from HTML metadata only
}

// URLID is the id an article fetched from url gets when it came without
// one; it is here so that fetching packages below the pipeline can name an
// article as the pipeline would.
func URLID(url string) string {
	h := sha256.Sum256([]byte(url))
	return "u-" + hex.EncodeToString(h[:6])
}

// Removal records one piece of text that cleaning dropped, and why, so that
// nothing disappears silently.
type Removal struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Span is a half-open byte range [Start, End) in a document's cleaned Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Token is one word or number of a sentence: its place in the document's Text
// and its normalised form (case- and diacritic-folded).
type Token struct {
	Span
	Norm string `json:"norm"`
}

// Sentence is one sentence of a document's cleaned Text.
type Sentence struct {
	Span
	Paragraph int     `json:"paragraph"`         // index of the paragraph (line of Text) holding it
	Heading   bool    `json:"heading,omitempty"` // a subhead or section title rather than prose
	Tokens    []Token `json:"tokens"`
}

// UnknownSource is a document's Source when neither the input, the page
// nor the URL named the outlet.
const UnknownSource = "unknown"

// Document is an article after extraction, cleaning and segmentation: the
// per-article work that is done once, when the article arrives, and stored.
type Document struct {
	ID                string     `json:"id"`
	Source            string     `json:"source"`
	URL               string     `json:"url,omitempty"`
	Title             string     `json:"title"`
	Published         time.Time  `json:"published"`
	PublishedInferred bool       `json:"published_inferred"` // Published was read from the text, not given
	Language          string     `json:"language"`           // ISO 639-1 code, "" when undetermined
	Text              string     `json:"text"`               // cleaned body: one paragraph a line
	Removed           []Removal  `json:"removed"`
	Bylines           []string   `json:"bylines,omitempty"`      // "By Jane Doe"
	Datelines         []string   `json:"datelines,omitempty"`    // "LONDON (Agency) -"
	CreditLines       []string   `json:"credit_lines,omitempty"` // "(With input from agencies)"
	Sentences         []Sentence `json:"sentences"`
	ContentHash       string     `json:"content_hash"` // hex digest of the normalised Text: the identity of the content
	// Fingerprint is the near-duplicate signature of Text (see package
	// provenance/neardup), computed once with the rest of the per-article work.
	Fingerprint []byte `json:"fingerprint,omitempty"`
	// ClusterFeatures is the compact term profile the story clusterer
	// compares (see package cluster), also computed once on arrival.
	ClusterFeatures []byte `json:"cluster_features,omitempty"`
	Input           string `json:"input,omitempty"`
}

// SentenceText returns the text of sentence i.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// Slice returns the text a span covers.
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// Story is a group of documents that report the same events.
type Story struct {
	ID        string
	Title     string
	Documents []*Document
}
