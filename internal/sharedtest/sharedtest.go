// Package sharedtest locates the project's shared test data, the folder
// ../shared beside the module root that holds the seed articles and the
// public data sets, which are read by tests and never copied into the
// repository.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel (such as "seeds" or "data/ecbplus") inside
// the shared folder. When it is missing the test is skipped, except when
// the CI environment variable is set: there an acceptance test must fail
// rather than pass without having run.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared test data %s is missing on CI: %v", p, err)
		}
		t.Skipf("shared test data %s is not available: %v", p, err)
	}
	return p
}

// moduleRoot walks up from the working directory, which `go test` sets to
// the package's directory, to the folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
