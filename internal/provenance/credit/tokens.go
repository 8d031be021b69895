package credit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of a sentence. Unlike text.Tokenize,
// punctuation is kept, because the patterns read commas and brackets, and
// "/" splits words, so that "AP/PTI" is two names.
type token struct {
	start, end int // byte offsets in the text the sentence was taken from
	text       string
	low        string // text in lower case
	word       bool   // starts with a letter or digit
	upper      bool   // starts with an upper-case letter
	possessive bool   // followed by "'s" or, after an s, a bare apostrophe
}

// tokenize appends the tokens of s to dst, with offsets shifted by offset.
// Inside a word it keeps hyphens, dots and ampersands between letters or
// digits ("France-Presse", "U.S", "AT&T") and apostrophes between letters
// ("L'Orient"); a possessive "'s" is dropped and marks the word instead.
func tokenize(s string, offset int, dst []token) []token {
	// One lower-casing of the whole text serves every token when it keeps
	// the byte offsets, as it does for all ASCII.
	lowered := strings.ToLower(s)
	if len(lowered) != len(s) {
		lowered = ""
	}
	lowerOf := func(start, end int) string {
		if lowered != "" {
			return lowered[start:end]
		}
		return strings.ToLower(s[start:end])
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			start := i
			i = wordEnd(s, i)
			t := token{start: offset + start, end: offset + i, text: s[start:i], low: lowerOf(start, i), word: true, upper: unicode.IsUpper(r)}
			if n := possessiveAt(s, i); n > 0 {
				t.possessive = true
				i += n
			}
			dst = append(dst, t)
		default:
			dst = append(dst, token{start: offset + i, end: offset + i + size, text: s[i : i+size], low: s[i : i+size]})
			i += size
		}
	}
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && isWordRune(rune(c)) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) || unicode.Is(unicode.Mn, r) {
			i += size
			continue
		}
		if !isJoiner(r) || possessiveAt(s, i) > 0 {
			return i
		}
		next, nextSize := utf8.DecodeRuneInString(s[i+size:])
		if i+size >= len(s) || !isWordRune(next) || isApostrophe(r) && !unicode.IsLetter(next) {
			return i
		}
		i += size + nextSize
	}
	return i
}

func isJoiner(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011' || r == '.' || r == '&' || isApostrophe(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// possessiveAt returns the length of a possessive ending at i: "'s" not
// followed by a letter, or a bare apostrophe after an s ("Reuters'").
func possessiveAt(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if i >= len(s) || !isApostrophe(r) {
		return 0
	}
	after := s[i+size:]
	if strings.HasPrefix(after, "s") || strings.HasPrefix(after, "S") {
		next, _ := utf8.DecodeRuneInString(after[1:])
		if len(after) == 1 || !isWordRune(next) {
			return size + 1
		}
		return 0
	}
	if i > 0 && (s[i-1] == 's' || s[i-1] == 'S') {
		next, _ := utf8.DecodeRuneInString(after)
		if after == "" || !isWordRune(next) {
			return size
		}
	}
	return 0
}

// isWordStart reports whether s starts with a letter or digit.
func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// is reports whether the token is the word w, given in lower case.
func (t token) is(w string) bool { return t.word && t.low == w }
