package text

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keptASCIISymbols are the ASCII characters outside letters and digits that
// Unicode classes as symbols rather than punctuation (Sm, Sc), so they count
// as content: "$5" is not "5".
const keptASCIISymbols = "$+<=>|~"

// ContentHash returns a 32-hex-digit digest (the first 16 bytes of SHA-256)
// of s after Fold and after removing all white space, punctuation and
// modifier symbols, so that copies differing only in spacing, line breaks,
// quote or dash style, case or diacritics hash the same. Empty content has a
// digest too: that of the empty string.
func ContentHash(s string) string {
	folded := Fold(s)
	kept := make([]byte, 0, len(folded))
	for i := 0; i < len(folded); {
		if c := folded[i]; c < utf8.RuneSelf {
			// Fold leaves no ASCII upper case or control bytes behind, so
			// letters, digits and the ASCII symbols are all that is kept.
			if isASCIILetter(c) || isASCIIDigit(c) || strings.IndexByte(keptASCIISymbols, c) >= 0 {
				kept = append(kept, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(folded[i:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.Is(unicode.Sk, r) {
			kept = append(kept, folded[i:i+size]...)
		}
		i += size
	}
	sum := sha256.Sum256(kept)
	return hex.EncodeToString(sum[:16])
}
