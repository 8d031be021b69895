package extract

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchmarkText is about 8 KB of fixture articles: a long scraped report.
func benchmarkText(b *testing.B) string {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no fixture articles: %v", err)
	}
	var sb strings.Builder
	for sb.Len() < 8<<10 {
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(raw)
		}
	}
	return sb.String()[:8<<10]
}

func BenchmarkCleanText(b *testing.B) {
	text := benchmarkText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		CleanText(text, true)
	}
}

// benchmarkPage is a news article from the extraction benchmark (an AP
// wire story as a regional paper publishes it).
const benchmarkPage = "db6b08" // ID prefix

func BenchmarkHTML(b *testing.B) {
	benchmarkDir := sharedtest.Path(b, "data/article-extraction")
	paths, err := filepath.Glob(filepath.Join(benchmarkDir, "html", benchmarkPage+"*.html.gz"))
	if err != nil || len(paths) != 1 {
		b.Fatalf("benchmark page %s*: found %d (%v)", benchmarkPage, len(paths), err)
	}
	page, err := readGzip(paths[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HTML(page, ""); err != nil {
			b.Fatal(err)
		}
	}
}
