package claim

import (
	"strings"
	"testing"
)

// TestWordListsLoaded checks that every embedded list was read whole: a
// line with too few fields is skipped at load time, so it must be caught
// here.
func TestWordListsLoaded(t *testing.T) {
	for _, list := range []struct {
		name   string
		fields int
		loaded int
	}{
		{"numbers.txt", 3, len(numberWords)},
		{"qualifiers.txt", 2, len(qualifiers)},
		{"units.txt", 2, len(units)},
		{"speechverbs.txt", 1, len(speechVerbs)},
		{"stopwords.txt", 1, len(stopWords)},
		{"plurals.txt", 1, len(plurals)},
		{"relative.txt", 4, len(relatives)},
	} {
		raw, err := dataFiles.ReadFile("data/" + list.name)
		if err != nil {
			t.Fatalf("%s: %v", list.name, err)
		}
		entries := 0
		for _, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			entries++
			if n := len(strings.Split(line, "\t")); n < list.fields {
				t.Errorf("%s: %q has %d fields, want %d", list.name, line, n, list.fields)
			}
		}
		if entries == 0 || list.loaded != entries {
			t.Errorf("%s: %d entries, %d loaded", list.name, entries, list.loaded)
		}
	}
	if len(participles) == 0 {
		t.Error("participles.txt loaded nothing")
	}
}
