package framing

import (
	"sort"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/sharedtest"
	"github.com/corroborate/corroborate/internal/text"
)

// seedDocuments reads the seed reports as the pipeline would see them:
// one document a file, id the file name without its extension.
func seedDocuments(t testing.TB) []*article.Document {
	t.Helper()
	var docs []*article.Document
	for _, f := range sharedtest.Seeds(t) {
		docs = append(docs, &article.Document{ID: f.Name, Text: f.Text, Sentences: text.Segment(f.Text)})
	}
	return docs
}

// TestSeeds is the acceptance test of issue 5, item 6: the framing table
// lists at least three different labels for the rebel forces, with counts
// per article, and tells the government from the regime.
func TestSeeds(t *testing.T) {
	docs := seedDocuments(t)
	entities, _ := entity.Resolve(docs)
	framings := Analyze(docs, entities)
	if testing.Verbose() {
		for _, f := range framings {
			t.Logf("%s", f.Actor)
			for _, id := range sortedKeys(f.Terms) {
				t.Logf("    %s %v", id, f.Terms[id])
			}
		}
	}
	rebels := actorNamed(framings, "Hayat Tahrir al-Sham")
	state := actorNamed(framings, "Syria")
	if rebels == nil || state == nil {
		t.Fatalf("no rebel or state actor named after its entity: %v", framings)
	}
	own := map[string]bool{}
	for _, terms := range rebels.Terms {
		for term, n := range terms {
			if n > 0 && !strings.HasPrefix(term, "(") {
				own[term] = true
			}
		}
	}
	if len(own) < 3 {
		t.Errorf("the rebels have %d labels of the outlets' own, want at least 3: %v", len(own), rebels.Terms)
	}
	// Each outlet's characteristic word, read in the seeds.
	for _, want := range []struct {
		actor     *article.Framing
		doc, term string
	}{
		{rebels, "001_7f14668e52cdb347", "rebels"},
		{rebels, "002_382a75be208f75a2", "insurgents"},
		{rebels, "002_382a75be208f75a2", "opposition fighters"},
		{rebels, "003_611828fd74aea6bd", "rebel forces"},
		{rebels, "004_83b615d4bad64db3", "Islamist militants"},
		{rebels, "001_7f14668e52cdb347", "(quoted) terrorists"},
		{state, "000_d6e7b48010f8daa3", "government"},
		{state, "003_611828fd74aea6bd", "regime"},
	} {
		if want.actor.Terms[want.doc][want.term] == 0 {
			t.Errorf("%s: no %q in %s: %v", want.actor.Actor, want.term, want.doc, want.actor.Terms[want.doc])
		}
	}
}

func actorNamed(framings []article.Framing, part string) *article.Framing {
	for i := range framings {
		if strings.Contains(framings[i].Actor, part) {
			return &framings[i]
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
