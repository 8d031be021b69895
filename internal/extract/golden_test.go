package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

// TestCleanTextGolden pins the whole Result for a few invented articles
// that carry most kinds of boilerplate at once, so that any change in
// what the cleaner keeps or drops shows up as a diff.
func TestCleanTextGolden(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fixtures) < 3 {
		t.Fatalf("found %d fixture articles under testdata/, want at least 3", len(fixtures))
	}
	for _, fixture := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fixture), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(CleanText(string(raw), true), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestCleanTextGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("CleanText(%s) differs from %s (rerun with -update if the change is intended)\ngot:\n%s", fixture, golden, got)
			}
		})
	}
}
