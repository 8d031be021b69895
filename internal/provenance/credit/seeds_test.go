package credit

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"slices"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// seedDocuments reads the real scraped reports, which must not be copied
// into the project. Lines that are credit lines go to CreditLines, as the
// cleaner would put them; the rest is the text. It skips when the reports
// are missing, except on CI, where it fails.
func seedDocuments(t *testing.T) map[string]*article.Document {
	t.Helper()
	docs := map[string]*article.Document{}
	for _, f := range sharedtest.Seeds(t) {
		var body, credits []string
		for _, line := range strings.Split(f.Text, "\n") {
			if isCreditLine(line) {
				credits = append(credits, strings.TrimSpace(line))
			} else {
				body = append(body, line)
			}
		}
		joined := strings.Join(body, "\n")
		id := f.Name[:3]
		docs[id] = &article.Document{ID: id, Text: joined, Sentences: text.Segment(joined), CreditLines: credits}
	}
	return docs
}

func TestSeedCredits(t *testing.T) {
	docs := seedDocuments(t)
	want := map[string][]string{
		"000": {"Reuters", "Associated Press", "China Media Group", UnnamedAgencies},
		"001": {"Reuters", "Agence France-Presse"},
		"002": {"Sham FM"},
		"003": {"CNN", "Reuters", "Bloomberg", "The Washington Post"},
		"004": {"RFE/RL", "Reuters", "Agence France-Presse", "CNN"},
	}
	reuters := 0
	for id, names := range want {
		d, ok := docs[id]
		if !ok {
			t.Errorf("seed %s missing", id)
			continue
		}
		cs := Find(d)
		got := PerArticle(cs)
		if !sameSet(got, names) {
			t.Errorf("seed %s credits %q, want %q", id, got, names)
		}
		if slices.Contains(got, "Reuters") {
			reuters++
		}
		for _, c := range cs {
			if c.Evidence == "" {
				t.Errorf("seed %s: credit without evidence: %+v", id, c)
			}
			if c.Sentence >= 0 && d.SentenceText(c.Sentence) != c.Evidence {
				t.Errorf("seed %s: evidence is not sentence %d", id, c.Sentence)
			}
		}
	}
	if reuters != 4 {
		t.Errorf("Reuters credited by %d seed articles, want 4", reuters)
	}
	if d := docs["002"]; d != nil && slices.Contains(PerArticle(Find(d)), "Reuters") {
		t.Error("seed 002 credits Reuters")
	}

	// The short form counts once the full name has appeared.
	if d := docs["003"]; d != nil {
		var forms []string
		for _, c := range Find(d) {
			if c.Agency == "The Washington Post" {
				forms = append(forms, d.Slice(c.Span))
			}
		}
		if !slices.Contains(forms, "the Post") || len(forms) < 2 {
			t.Errorf("seed 003 credits The Washington Post as %q, want the full name and \"the Post\"", forms)
		}
	}

	// Credit lines: 000's "(With input from agencies)" and 004's "With
	// reporting by AFP and Reuters".
	for id, names := range map[string][]string{"000": {UnnamedAgencies}, "004": {"Agence France-Presse", "Reuters"}} {
		d := docs[id]
		if d == nil {
			continue
		}
		var got []string
		for _, c := range Find(d) {
			if c.Sentence == -1 {
				got = append(got, c.Agency)
			}
		}
		if !slices.Equal(got, names) {
			t.Errorf("seed %s credit lines credit %q, want %q", id, got, names)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
