package main

import (
	"bytes"
	"compress/gzip"
	"github.com/corroborate/corroborate/internal/sharedtest"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedGazetteerIsCurrent regenerates the gazetteer and compares it
// with the committed ../gazetteer.tsv.gz, so that a change to the generator
// or to its hand tables cannot land without the file it produces.
func TestCommittedGazetteerIsCurrent(t *testing.T) {
	dataDir := sharedtest.Path(t, "data/geo")
	out := filepath.Join(t.TempDir(), "gazetteer.tsv.gz")
	if err := generateFile(dataDir, out); err != nil {
		t.Fatal(err)
	}
	want := gunzip(t, "../gazetteer.tsv.gz")
	got := gunzip(t, out)
	if !bytes.Equal(got, want) {
		t.Fatalf("../gazetteer.tsv.gz is stale (%d bytes regenerated, %d committed): run go generate ./internal/geo", len(got), len(want))
	}
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestKeepAlternative(t *testing.T) {
	tests := []struct {
		alt  string
		keep bool
	}{
		{"Damascus", true},
		{"Deir al-Zour", true},
		{"Dar‘ā", true},
		{"Ḩalab", true},
		{"DAM", false},    // airport code
		{"dmshq", false},  // machine romanisation
		{"Sam", false},    // too short
		{"Дамаск", false}, // Cyrillic
		{"دمشق", false},   // Arabic
		{"Damas (ville)", false},
		{"Zone 3", false},
	}
	for _, tt := range tests {
		if got := keepAlternative(tt.alt, lightFold(tt.alt)); got != tt.keep {
			t.Errorf("keepAlternative(%q) = %v", tt.alt, got)
		}
	}
}

func TestLightFold(t *testing.T) {
	for in, want := range map[string]string{
		"Dar‘ā":        "dara",
		"Deir ez-Zor":  "deir ez zor",
		"  Ḩamāh ":     "hamah",
		"Ra’s al ‘Ayn": "ras al ayn",
	} {
		if got := lightFold(in); got != want {
			t.Errorf("lightFold(%q) = %q, want %q", in, got, want)
		}
	}
}
