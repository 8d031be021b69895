package align

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// seedDocuments reads the shared seed reports (real scraped articles kept
// outside the repository, beside the module root) and segments each whole
// file. It skips the test when they are absent, except on CI, where it
// fails.
func seedDocuments(t *testing.T) []*article.Document {
	t.Helper()
	var docs []*article.Document
	for _, f := range sharedtest.Seeds(t) {
		docs = append(docs, &article.Document{ID: f.Name[:3], Text: f.Text, Sentences: text.Segment(f.Text)})
	}
	return docs
}

// TestSeedPassages is the acceptance test on five real reports of one
// event. It checks the outcomes the issue names, not the reports' text: a
// wire sentence two outlets share is copied, a statement two outlets quote
// (one of them with "&", capitals and a paragraph break) is one quote, and
// names and titles never make a passage at the default length.
func TestSeedPassages(t *testing.T) {
	docs := seedDocuments(t)
	passages := Passages(docs, Options{})
	checkPassages(t, docs, passages)
	byID := documentsByID(docs)
	folded := func(p article.SharedPassage, id string) string {
		return text.Fold(byID[id].Slice(p.Offsets[id]))
	}
	for _, p := range passages {
		t.Logf("%v %s: %d bytes in %s", p.Articles, p.Kind, len(p.Text), p.Articles[0])
	}

	t.Run("wire sentence is copied", func(t *testing.T) {
		var found []article.SharedPassage
		for _, p := range passages {
			if strings.Contains(text.Fold(p.Text), "powerful symbol") {
				found = append(found, p)
			}
		}
		if len(found) != 1 {
			t.Fatalf("%d passages hold the sentence, want 1: %+v", len(found), found)
		}
		p := found[0]
		if !reflect.DeepEqual(p.Articles, []string{"000", "001"}) || p.Kind != KindCopied {
			t.Fatalf("passage is %s in %v, want copied in [000 001]", p.Kind, p.Articles)
		}
		for _, id := range p.Articles {
			if got := folded(p, id); !strings.Contains(got, "powerful symbol of the rebel movement's dramatic comeback") {
				t.Errorf("%s's span %q misses part of the sentence", id, got)
			}
		}
	})

	t.Run("statement quoted by two outlets is one quote", func(t *testing.T) {
		var found []article.SharedPassage
		for _, p := range passages {
			for _, id := range p.Articles {
				if got := folded(p, id); strings.Contains(got, "syria is a mess") || strings.Contains(got, "not our fight") {
					found = append(found, p)
					break
				}
			}
		}
		if len(found) != 1 {
			t.Fatalf("%d passages hold the statement, want 1: %+v", len(found), found)
		}
		p := found[0]
		if !reflect.DeepEqual(p.Articles, []string{"001", "004"}) || p.Kind != KindQuote {
			t.Fatalf("passage is %s in %v, want quote in [001 004]", p.Kind, p.Articles)
		}
		for _, id := range p.Articles {
			got := folded(p, id)
			for _, part := range []string{"syria is a mess", "not our friend", "nothing to do with it", "not our fight", "do not get involved"} {
				if !strings.Contains(got, part) {
					t.Errorf("%s's span %q misses %q", id, got, part)
				}
			}
		}
		if span := byID["004"].Slice(p.Offsets["004"]); !strings.Contains(span, "\n") {
			t.Errorf("004's span %q does not run on into the next paragraph", span)
		}
	})

	t.Run("no trivial shared phrases", func(t *testing.T) {
		// The stock phrases the issue names; the word count below covers
		// the others.
		trivial := []string{
			"russian foreign minister sergei lavrov said",
			"the syrian observatory for human rights",
		}
		for _, p := range passages {
			for _, id := range p.Articles {
				if words := len(spanNorms(byID[id], p.Offsets[id])); words < DefaultMinWords {
					t.Errorf("passage %v has only %d words in %s", p.Articles, words, id)
				}
				got := folded(p, id)
				for _, phrase := range trivial {
					if strings.Contains(phrase, got) {
						t.Errorf("passage %v is the stock phrase %q", p.Articles, got)
					}
				}
			}
		}
		// Five passages are found today (three of copied wire copy and two
		// quotes); more would mean chance phrases are getting through.
		if len(passages) > 8 {
			t.Errorf("%d passages on five reports; expected at most 8", len(passages))
		}
	})
}
