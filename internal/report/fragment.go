package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// These exports let the web UI and the API show one story, or one article,
// exactly as the reports do, without a second copy of their markup or schema.

// WriteStoryHTML writes the HTML report's section for one story (everything
// between <section> and </section>, escaped as in the full report), for a
// page that brings its own layout and StyleSheet. Links between the
// section's parts are fragment links within the section.
func WriteStoryHTML(w io.Writer, a *article.Analysis) error {
	if a == nil {
		return fmt.Errorf("report: no analysis")
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "story", newStoryView(1, a)); err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// StyleSheet is the CSS of the HTML report, for pages that embed story
// sections written by WriteStoryHTML.
func StyleSheet() string {
	_, css, _ := strings.Cut(pageTemplate, "<style>")
	css, _, _ = strings.Cut(css, "</style>")
	return strings.TrimSpace(css)
}

// PublicArticle is one article as the JSON report shows it (docs/schema.md).
type PublicArticle = jsonArticle

// NewPublicArticle returns d in the JSON report's article shape.
func NewPublicArticle(d *article.Document) PublicArticle {
	s := newJSONStory(&article.Analysis{Story: &article.Story{Documents: []*article.Document{d}}})
	return s.Articles[0]
}
