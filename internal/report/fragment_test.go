package report

import (
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

func TestStoryFragmentAndPublicArticle(t *testing.T) {
	d := &article.Document{ID: "a1", Source: "Invented Times", Title: `<b>Bold</b> claim`, Text: "One <i>line</i>.",
		Published: time.Date(2030, 1, 2, 3, 4, 0, 0, time.UTC)}
	a := article.NewAnalysis(&article.Story{ID: "s-1", Title: d.Title, Documents: []*article.Document{d}})
	var b strings.Builder
	if err := WriteStoryHTML(&b, a); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if !strings.HasPrefix(strings.TrimSpace(html), `<section class="story" id="story-1">`) || strings.Contains(html, "<b>") ||
		!strings.Contains(html, "&lt;b&gt;Bold&lt;/b&gt; claim") || strings.Contains(html, "<html") {
		t.Errorf("fragment:\n%s", html)
	}
	if css := StyleSheet(); !strings.Contains(css, ".comparison{") || strings.Contains(css, "<style") {
		t.Errorf("stylesheet: %.80s", css)
	}
	p := NewPublicArticle(d)
	if p.ID != "a1" || p.Published == nil || *p.Published != "2030-01-02T03:04:00Z" || p.Removed == nil || p.Bylines == nil {
		t.Errorf("public article = %+v", p)
	}
}
