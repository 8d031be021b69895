package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold normalises s for matching: lower-case; compatibility forms unfolded
// (ﬁ → fi, ² → 2, full-width → ASCII); diacritics stripped from Latin, Greek
// and Cyrillic letters (é → e, Türkiye → turkiye) and a few undecomposable
// letters folded by hand (ß → ss, ł → l, ø → o); typographic quotes,
// apostrophes and dashes mapped to ASCII; invisible format characters (soft
// hyphen, zero-width space) dropped; control characters and every kind of
// white space collapsed to one space; the result trimmed.
//
// Each maximal run of invalid UTF-8 bytes becomes one U+FFFD, so the result
// is always valid UTF-8 and never glues the words either side together.
//
// Marks on other scripts are kept (stripping an Indic vowel sign or a
// Japanese voicing mark changes the word, not its spelling), and the result
// is in NFC. Fold is idempotent.
//
// ASCII input that needs nothing but lower-casing costs one allocation, and
// input that needs nothing at all is returned as is.
func Fold(s string) string {
	if foldedASCII(s) {
		return s
	}
	var f folder
	f.out.Grow(len(s))
	invalidRun := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII(c) {
				// Copy the whole run of bytes Fold keeps as they are.
				j := i + 1
				for j < len(s) && plainASCII(s[j]) {
					j++
				}
				f.writeString(s[i:j])
				invalidRun = false
				i = j
				continue
			}
			f.ascii(c)
			invalidRun = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			if !invalidRun {
				f.base(utf8.RuneError)
			}
			invalidRun = true
			continue
		}
		invalidRun = false
		f.fold(r)
	}
	if !f.nonASCII {
		return f.out.String()
	}
	return norm.NFC.String(f.out.String())
}

// foldedASCII reports whether s is ASCII that Fold would return unchanged.
func foldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c == 0x7f:
			return false
		case c <= ' ':
			if c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

// plainASCII reports whether Fold keeps the byte c unchanged.
func plainASCII(c byte) bool {
	return ' ' < c && c < 0x7f && (c < 'A' || c > 'Z')
}

// folder accumulates Fold's output. Spaces are held back until something
// follows them, which is what collapses runs and trims both ends.
type folder struct {
	out          strings.Builder
	pendingSpace bool
	// stripMarks says whether combining marks that follow belong to a
	// letter whose diacritics Fold strips.
	stripMarks bool
	nonASCII   bool
}

func (f *folder) space() {
	f.pendingSpace = f.out.Len() > 0
	f.stripMarks = true
}

func (f *folder) flushSpace() {
	if f.pendingSpace {
		f.out.WriteByte(' ')
		f.pendingSpace = false
	}
}

func (f *folder) ascii(c byte) {
	switch {
	case c <= ' ' || c == 0x7f:
		f.space()
		return
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	}
	f.flushSpace()
	f.out.WriteByte(c)
	f.stripMarks = true
}

func (f *folder) writeString(s string) {
	f.flushSpace()
	f.out.WriteString(s)
	f.stripMarks = true
}

// fold handles one non-ASCII rune of the input.
func (f *folder) fold(r rune) {
	if r < rune(len(latinFolds)) && latinFolds[r] != "" {
		f.writeString(latinFolds[r])
		return
	}
	if f.special(r) {
		return
	}
	decomposed := norm.NFKD.String(string(r))
	if decomposed == string(r) {
		f.base(r)
		return
	}
	for _, part := range decomposed {
		if part < utf8.RuneSelf {
			f.ascii(byte(part))
		} else if !f.special(part) {
			f.base(part)
		}
	}
}

// special handles the runes Fold treats by class or table rather than by
// decomposition, and reports whether r was one of them.
func (f *folder) special(r rune) bool {
	if repl, ok := punctuationFolds[r]; ok {
		f.writeString(repl)
		return true
	}
	switch {
	case unicode.IsSpace(r) || unicode.Is(unicode.Cc, r):
		f.space()
	case unicode.Is(unicode.Cf, r):
		// Invisible: soft hyphens and zero-width joiners must not split words.
	case unicode.Is(unicode.Mn, r):
		if !f.stripMarks {
			f.flushSpace()
			f.out.WriteRune(r)
			f.nonASCII = true
		}
	default:
		return false
	}
	return true
}

// base writes a rune that is already fully decomposed and is not a mark.
func (f *folder) base(r rune) {
	lower := unicode.ToLower(r)
	if lower != r && lower >= utf8.RuneSelf {
		// Lower-casing can yield a letter that decomposes (or is in a
		// table) where its capital did not; fold it afresh so that Fold
		// stays idempotent.
		f.fold(lower)
		return
	}
	if repl, ok := letterFolds[lower]; ok {
		f.writeString(repl)
		return
	}
	f.flushSpace()
	f.out.WriteRune(lower)
	f.nonASCII = f.nonASCII || lower >= utf8.RuneSelf
	f.stripMarks = stripsDiacritics(r)
}

// stripsDiacritics reports whether r belongs to a script (Latin, Greek,
// Cyrillic, or the shared punctuation and digits) whose combining marks Fold
// removes.
func stripsDiacritics(r rune) bool {
	return r < 0x0530 ||
		(0x1D00 <= r && r < 0x2000) || // phonetic extensions, Latin and Greek extended
		(0x2C60 <= r && r < 0x2C80) || // Latin extended-C
		(0xA720 <= r && r < 0xA800) // Latin extended-D
}

// latinFolds caches Fold of each Latin-1 and Latin Extended letter that
// folds to ASCII (é → e),
// the common non-ASCII case in news copy, so it skips
// decomposition. It is computed by the general path, so the two cannot
// disagree.
var latinFolds [0x250]string

func init() {
	var table [len(latinFolds)]string
	for r := rune(0x80); r < rune(len(table)); r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		var f folder
		f.fold(r)
		out := f.out.String()
		if out != "" && !f.pendingSpace && !f.nonASCII && !strings.ContainsRune(out, ' ') {
			table[r] = out
		}
	}
	latinFolds = table
}
