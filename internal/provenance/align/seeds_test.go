package align

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
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
	dir, err := seedsDir()
	if err == nil {
		_, err = os.Stat(dir)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared seed reports missing on CI: %v", err)
		}
		t.Skipf("shared seed reports not available: %v", err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no seed reports in %s (%v)", dir, err)
		}
		t.Skipf("no seed reports in %s", dir)
	}
	sort.Strings(paths)
	docs := make([]*article.Document, len(paths))
	for i, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		body := string(raw)
		docs[i] = &article.Document{ID: filepath.Base(path)[:3], Text: body, Sentences: text.Segment(body)}
	}
	return docs
}

// seedsDir returns /work/shared/seeds as seen from the module: the
// directory "shared/seeds" beside the module root, which is found by
// walking up from the package directory to go.mod.
func seedsDir() (string, error) {
	dir, err := filepath.Abs(".")
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "seeds"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the package directory")
		}
		dir = parent
	}
}

func TestSeedsDebug(t *testing.T) {
	docs := seedDocuments(t)
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			for _, m := range Pair(docs[i], docs[j], Options{MinWords: 5}) {
				t.Logf("%s-%s w=%d exact=%v\n   A: %q\n   B: %q", docs[i].ID, docs[j].ID, m.Words, m.Exact, docs[i].Slice(m.A), docs[j].Slice(m.B))
			}
		}
	}
	for _, p := range Passages(docs, Options{}) {
		t.Logf("PASSAGE %v %s %v %q", p.Articles, p.Kind, p.Offsets, p.Text)
	}
}
