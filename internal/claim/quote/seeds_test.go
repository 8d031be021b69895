package quote

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/sharedtest"
	"github.com/corroborate/corroborate/internal/text"
)

// seedDocuments reads the shared seed reports, one paragraph a line, with
// the file name without its extension as the ID.
func seedDocuments(t *testing.T) []*article.Document {
	t.Helper()
	var docs []*article.Document
	for _, f := range sharedtest.Seeds(t) {
		docs = append(docs, &article.Document{ID: f.Name, Text: f.Text, Sentences: text.Segment(f.Text)})
	}
	return docs
}

// TestSeeds checks the speakers of the story's main quotes: the US
// president-elect's call to stay out of the war and the Russian foreign
// minister's objection, each credited to the full name however the article
// refers to him at the quote ("Trump said", "he wrote", "Lavrov said").
func TestSeeds(t *testing.T) {
	docs := seedDocuments(t)
	var stayOut, lavrov int
	for _, d := range docs {
		for _, q := range Extract(d) {
			if testing.Verbose() {
				t.Logf("%s s%d rep=%v frag=%v res=%v %q <- %q", d.ID, q.Sentence, q.Reported, q.Fragment, q.Resolved, trunc(q.Text), q.Speaker)
			}
			if q.Reported {
				continue
			}
			folded := text.Fold(q.Text)
			if strings.Contains(folded, "nothing to do with it") {
				stayOut++
				if q.Speaker != "Donald Trump" {
					t.Errorf("%s: stay-out quote %q attributed to %q, want Donald Trump", d.ID, trunc(q.Text), q.Speaker)
				}
			}
			if strings.Contains(folded, "inadmissible") {
				lavrov++
				if q.Speaker != "Sergei Lavrov" {
					t.Errorf("%s: quote %q attributed to %q, want Sergei Lavrov", d.ID, trunc(q.Text), q.Speaker)
				}
			}
		}
	}
	if stayOut < 2 {
		t.Errorf("found the stay-out quote in %d articles, want at least 2", stayOut)
	}
	if lavrov < 2 {
		t.Errorf("found the foreign minister's quote in %d articles, want at least 2", lavrov)
	}
}

func trunc(s string) string {
	if len(s) > 70 {
		return s[:70] + "…"
	}
	return s
}
