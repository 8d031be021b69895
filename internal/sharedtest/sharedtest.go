// Package sharedtest locates the project's shared test data, the folder
// ../shared beside the module root that holds the seed articles and the
// public data sets, which are read by tests and never copied into the
// repository.
package sharedtest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// File is one file of the shared folder.
type File struct {
	Path string
	Name string // the file name without its extension
	Text string
}

// Seeds returns the seed articles (the shared folder's seeds/*.txt) in name
// order. Like Path, it skips the test when they are missing, except on CI;
// an empty seeds folder fails.
func Seeds(t testing.TB) []File {
	t.Helper()
	dir := Path(t, "seeds")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed articles in %s: %v", dir, err)
	}
	sort.Strings(paths)
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(p)
		files = append(files, File{Path: p, Name: strings.TrimSuffix(base, filepath.Ext(base)), Text: string(b)})
	}
	return files
}
