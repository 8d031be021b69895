package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/fetch"
)

// Once reads one URL given on the command line, which may be a feed or an
// article page: a feed's new items are handed over one by one (as a Poller
// would, without memory of earlier runs), a page as one article. It returns
// the problems joined, each naming its URL.
func Once(ctx context.Context, client *fetch.Client, rawURL string, handle Handler) error {
	if handle == nil {
		return errors.New("feed.Once: client and handler are required")
	}
	return once(ctx, client, rawURL, handle.batch(), 1, DefaultBatchWait)
}

// OnceBatch is Once handing a feed's items over in batches, as a Poller
// with HandleBatch does (DefaultBatchItems, DefaultBatchWait).
func OnceBatch(ctx context.Context, client *fetch.Client, rawURL string, handle BatchHandler) error {
	return once(ctx, client, rawURL, handle, DefaultBatchItems, DefaultBatchWait)
}

func once(ctx context.Context, client *fetch.Client, rawURL string, handle BatchHandler, batchItems int, batchWait time.Duration) error {
	if client == nil || handle == nil {
		return errors.New("feed.Once: client and handler are required")
	}
	opt := onceLimits
	opt.Client = client
	w := newWorker(opt)
	resp, err := w.get(ctx, rawURL, fetch.Conditional{})
	if err != nil {
		return err
	}
	if !looksLikeFeed(resp) {
		if !isHTML(resp) && !strings.HasPrefix(strings.ToLower(resp.ContentType), "text/plain") {
			return fmt.Errorf("%s is %q: neither a web page nor a feed", rawURL, resp.ContentType)
		}
		a := article.Article{URL: resp.URL, Input: rawURL}
		if isHTML(resp) {
			a.HTML = string(resp.UTF8())
		} else {
			a.Text = string(resp.UTF8())
		}
		if errs := handle(ctx, []article.Article{a}); len(errs) > 0 {
			return errs[0]
		}
		return nil
	}
	parsed, err := parseFeed(rawURL, resp.Body)
	if err != nil {
		return err
	}
	var errs []error
	b := batch{handle: handle, max: batchItems, wait: batchWait}
	flush := func() {
		b.flush(ctx, func(it batchItem, err error) {
			if err != nil && ctx.Err() == nil {
				errs = append(errs, fmt.Errorf("%s: item %s: %w", rawURL, it.desc, err))
			}
		})
	}
	seen := map[string]bool{}
	for _, it := range itemsInOrder(parsed) {
		if ctx.Err() != nil {
			break
		}
		link := itemLink(resp.URL, parsed, it)
		if link != "" && seen[link] {
			continue
		}
		seen[link] = true
		a, err := w.itemArticle(ctx, rawURL, parsed, it, link)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			errs = append(errs, fmt.Errorf("%s: item %s: %w", rawURL, describeItem(link, it), err))
			continue
		}
		if b.waited() {
			flush()
		}
		if b.add(batchItem{a: a, desc: describeItem(link, it)}) {
			flush()
		}
	}
	flush()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// onceLimits are the per-host limits Once keeps; tests loosen them.
var onceLimits = Options{}

// looksLikeFeed decides by the content type when it is specific, and by
// the document's root otherwise: many servers send feeds as text/xml or
// even text/html.
func looksLikeFeed(resp *fetch.Response) bool {
	ct := strings.ToLower(resp.ContentType)
	for _, t := range []string{"rss", "atom", "feed+json"} {
		if strings.Contains(ct, t) {
			return true
		}
	}
	head := resp.Body[:min(len(resp.Body), 64<<10)]
	return gofeed.DetectFeedType(bytes.NewReader(head)) != gofeed.FeedTypeUnknown
}

// blockTags end a line of text when a feed's HTML content is flattened.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Blockquote: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Figcaption: true, atom.Pre: true,
}

// htmlToText flattens the HTML that feeds put in titles, descriptions and
// content into plain text, one paragraph a line, as the cleaner expects.
func htmlToText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return oneLine(s)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe:
				return
			}
			if blockTags[n.DataAtom] {
				b.WriteByte('\n')
				defer b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var lines []string
	for line := range strings.SplitSeq(b.String(), "\n") {
		if l := oneLine(line); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
