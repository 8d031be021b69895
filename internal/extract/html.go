package extract

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// minExtractedWords is the length below which trafilatura's output is taken
// to have missed the article and the second extractor is consulted.
const minExtractedWords = 60

// extraction is what one extractor found on a page.
type extraction struct {
	text      string // one block a line
	title     string
	site      string
	published time.Time
}

// HTML extracts the main text of an HTML page (go-trafilatura,
// github.com/markusmobius/go-trafilatura, with a second extractor as fallback
// — codeberg.org/readeck/go-readability/v2 is in go.mod — when trafilatura
// fails or returns too little), then runs the same cleaning on it.
// pageURL may be empty. Returns an error naming the problem when no text
// can be extracted.
func HTML(page []byte, pageURL string) (Result, error) {
	if len(bytes.TrimSpace(page)) == 0 {
		return Result{}, errors.New("extract: empty HTML page")
	}
	doc, err := html.Parse(bytes.NewReader(decodePage(page)))
	if err != nil {
		return Result{}, fmt.Errorf("extract: parsing HTML: %w", err)
	}
	var base *nurl.URL
	if u, err := nurl.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		base = u
	}

	primary, primaryErr := runTrafilatura(doc, base)
	best, err := pickExtraction(primary, primaryErr, func() (extraction, error) {
		return runReadability(doc, base)
	})
	if err != nil {
		return Result{}, err
	}

	site := singleLine(best.site)
	if strings.Contains(site, "://") {
		site = "" // a profile URL some pages put where the name belongs
	}
	title := singleLine(best.title)
	title = trimSiteSuffix(title, site)

	c := newCleaner(best.text)
	c.run(false, title)
	res := c.result()
	if strings.TrimSpace(res.Body) == "" {
		return Result{}, errors.New("extract: no article text found: the page's main content is empty after cleaning")
	}
	res.Source = site
	res.Published = best.published
	return res, nil
}

// pickExtraction keeps trafilatura's extraction unless it failed or found
// too little, in which case the fallback's is taken if it found more.
func pickExtraction(primary extraction, primaryErr error, fallback func() (extraction, error)) (extraction, error) {
	if primaryErr == nil && wordCount(primary.text) >= minExtractedWords {
		return primary, nil
	}
	second, fallbackErr := fallback()
	switch {
	case fallbackErr == nil && wordCount(second.text) > wordCount(primary.text):
		// Trafilatura reads more metadata (og:, JSON-LD) than the
		// fallback, so its title, site and date still win when found.
		second.title = firstNonEmpty(primary.title, second.title)
		second.site = firstNonEmpty(primary.site, second.site)
		if !primary.published.IsZero() {
			second.published = primary.published
		}
		return second, nil
	case primaryErr != nil && fallbackErr != nil:
		return extraction{}, fmt.Errorf("extract: no article text found: trafilatura: %v; readability: %v", primaryErr, fallbackErr)
	case primaryErr != nil:
		return extraction{}, fmt.Errorf("extract: no article text found: trafilatura: %v; readability found no text", primaryErr)
	}
	return primary, nil
}

// decodePage converts a page to UTF-8. Valid UTF-8 is taken as it is
// whatever the page declares (ASCII reads the same in every charset, and
// high bytes that form valid UTF-8 are rarely anything else); otherwise the
// declared or sniffed charset decides.
func decodePage(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, _, _ := charset.DetermineEncoding(page, "")
	decoded, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return decoded
}

func runTrafilatura(doc *html.Node, base *nurl.URL) (ex extraction, err error) {
	defer recoverAsError("trafilatura", &err)
	out, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     base,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast, // metadata and URL only, no scan of the text
	})
	if err != nil {
		return extraction{}, err
	}
	if out == nil || out.ContentNode == nil {
		return extraction{}, errors.New("no content")
	}
	return extraction{
		text:      renderText(out.ContentNode),
		title:     out.Metadata.Title,
		site:      out.Metadata.Sitename,
		published: out.Metadata.Date,
	}, nil
}

func runReadability(doc *html.Node, base *nurl.URL) (ex extraction, err error) {
	defer recoverAsError("readability", &err)
	art, err := readability.FromDocument(doc, base)
	if err != nil {
		return extraction{}, err
	}
	if art.Node == nil {
		return extraction{}, errors.New("no content")
	}
	ex = extraction{text: renderText(art.Node), title: art.Title(), site: art.SiteName()}
	if t, err := art.PublishedTime(); err == nil {
		ex.published = t
	}
	return ex, nil
}

// recoverAsError turns a panic inside a third-party extractor into an
// error, so that one malformed page cannot take the caller down.
func recoverAsError(extractor string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s failed: %v", extractor, p)
	}
}

// singleLine makes metadata text as safe as body text: valid UTF-8, no
// control characters, one line of single spaces.
func singleLine(s string) string {
	return strings.Join(splitLines(s), " ")
}

// trimSiteSuffix drops the site name that page titles append to the
// headline ("Headline | Site", "Headline - Site").
func trimSiteSuffix(title, site string) string {
	siteKey := alphanumericKey(site)
	if len(siteKey) < 2 {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " // "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		tail := alphanumericKey(title[i+len(sep):])
		if len(tail) >= 2 && (strings.Contains(siteKey, tail) || strings.Contains(tail, siteKey)) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// alphanumericKey reduces a name to its lower-cased letters and digits, so
// that "9to5Mac" and "9To5mac" or "JPost.com" and "jpostcom" compare equal.
func alphanumericKey(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// blockElements end a line of text: paragraphs, headings, list items,
// table rows and the containers around them.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Tr: true, atom.Ul: true, atom.Br: true,
}

// skippedElements never hold article text.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Head: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// renderText writes an extracted content tree as plain text, one block a
// line: the form CleanText works on.
func renderText(root *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if skippedElements[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
				// Cells of a row stay on the row's line.
				sb.WriteByte(' ')
				for child := n.FirstChild; child != nil; child = child.NextSibling {
					walk(child)
				}
				sb.WriteByte(' ')
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		// Unknown tags (custom elements) are inline, except the line
		// break of extractors that emit XML-style markup.
		block := n.Type == html.ElementNode && (blockElements[n.DataAtom] || n.Data == "lb")
		if block {
			sb.WriteByte('\n')
		}
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			walk(child)
		}
		if block {
			sb.WriteByte('\n')
		}
	}
	walk(root)
	return sb.String()
}
