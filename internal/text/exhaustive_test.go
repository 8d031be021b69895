package text

import (
	"testing"
	"unicode/utf8"
)

// TestFoldIdempotentOnEveryRune checks every code point of the assigned
// planes alone, after a capital and before combining marks, since case
// mapping, decomposition and mark stripping interact rune by rune.
func TestFoldIdempotentOnEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("walks all of Unicode")
	}
	failures := 0
	for r := rune(0); r < 0x30000 && failures < 10; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "A" + string(r), string(r) + "\u0301", string(r) + "\u0308x"} {
			once := Fold(s)
			if twice := Fold(once); twice != once {
				t.Errorf("Fold(%q) = %q but Fold of that = %q", s, once, twice)
				failures++
			}
		}
	}
}
