package sharedtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !strings.HasPrefix(string(mod), "module github.com/corroborate/corroborate") {
		t.Fatalf("moduleRoot() = %s, not this module's root: %v", root, err)
	}
}

func TestPathFindsSeeds(t *testing.T) {
	p := Path(t, "seeds")
	entries, err := os.ReadDir(p)
	if err != nil || len(entries) == 0 {
		t.Fatalf("Path(seeds) = %s: %v, %d entries", p, err, len(entries))
	}
}

func TestSeeds(t *testing.T) {
	files := Seeds(t)
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	for i, f := range files {
		if f.Text == "" || f.Name == "" || strings.HasSuffix(f.Name, ".txt") {
			t.Errorf("seed %+v", f.Name)
		}
		if i > 0 && files[i-1].Name >= f.Name {
			t.Errorf("seeds out of order: %s before %s", files[i-1].Name, f.Name)
		}
	}
}
