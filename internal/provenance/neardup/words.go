package neardup

import "github.com/corroborate/corroborate/internal/text"

// forEachWord calls fn with each word of s, in order: the Norm of each
// token text.Tokenize(s, 0) returns, except that ASCII words are passed as
// they appear, without lower-casing: wordHash folds ASCII case itself,
// which is all text.Fold does to an ASCII token. Nothing is allocated
// for ASCII fields.
//
// Tokens never span white space or control characters, and text.Tokenize
// treats the end of its input exactly as it treats such a separator, so s
// can be cut into fields at them and each field tokenized alone. Runs of
// plain ASCII, nearly all of news prose, go through asciiWords, a port of
// text.Tokenize's rules restricted to ASCII; a field with other bytes is
// handed to text.Tokenize itself. TestWordsMatchTokenize and FuzzWords
// hold the two to the same answers.
func forEachWord(s string, fn func(word string)) {
	for len(s) > 0 {
		p := indexNonASCII(s)
		if p < 0 {
			asciiWords(s, fn)
			return
		}
		// The field holding the non-ASCII byte goes to text.Tokenize;
		// the ASCII before it, separators and all, to asciiWords, which
		// treats a separator as text.Tokenize treats the end of a field.
		start, end := p, p
		for start > 0 && !isSeparator(s[start-1]) {
			start--
		}
		for end < len(s) && !isSeparator(s[end]) {
			end++
		}
		asciiWords(s[:start], fn)
		for _, tok := range text.Tokenize(s[start:end], 0) {
			fn(tok.Norm)
		}
		s = s[end:]
	}
}

// indexNonASCII returns the index of the first byte of s at or above 0x80,
// or -1, reading eight bytes at a time.
func indexNonASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if le64s(s[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// isSeparator reports whether the byte is ASCII white space or a control
// character: never part of a token nor a joiner between two.
func isSeparator(c byte) bool { return c <= ' ' || c == 0x7f }

// asciiWords tokenizes a field of printable ASCII without separators the
// way text.Tokenize does, passing fn each token as it appears.
func asciiWords(f string, fn func(word string)) {
	for i := 0; i < len(f); {
		if !isWordByte(f[i]) {
			i++
			continue
		}
		end, possessive := asciiWordEnd(f, i)
		fn(f[i:end])
		i = end
		if possessive > end {
			fn(f[end:possessive])
			i = possessive
		}
	}
}

// asciiWordEnd is text.Tokenize's wordEnd for ASCII: where the word at
// start ends and, when a split-off "'s" follows, where that ends.
func asciiWordEnd(s string, start int) (end, possessive int) {
	partLetters, onlyLetters, dotted := 0, true, false
	var prev byte
	i := start
	for i < len(s) {
		c := s[i]
		switch {
		case isLetter(c):
			partLetters++
		case isDigit(c):
			onlyLetters = false
		default:
			var next byte
			if i+1 < len(s) {
				next = s[i+1]
			}
			switch asciiJoiner(s, i, prev, c, next, partLetters, onlyLetters) {
			case joinPossessive:
				return i, i + 2
			case joinAbbreviation:
				dotted = true
				partLetters = 0
			case joinInside:
				partLetters = 0
			default:
				if dotted && c == '.' {
					return i + 1, 0
				}
				return i, 0
			}
		}
		prev = c
		i++
	}
	return i, 0
}

type joinKind int

const (
	joinNone joinKind = iota
	joinInside
	joinAbbreviation
	joinPossessive
)

// asciiJoiner is text.Tokenize's joiner for ASCII: what the punctuation c
// at s[i], between prev and next (0 at the end of s), does to the word.
func asciiJoiner(s string, i int, prev, c, next byte, partLetters int, onlyLetters bool) joinKind {
	switch c {
	case '-':
		if isWordByte(prev) && isWordByte(next) {
			return joinInside
		}
	case '\'':
		if !isLetter(prev) || !isLetter(next) {
			return joinNone
		}
		if next == 's' || next == 'S' {
			var after byte
			if i+2 < len(s) {
				after = s[i+2]
			}
			if !isWordByte(after) {
				return joinPossessive
			}
		}
		return joinInside
	case '.':
		if isDigit(prev) && isDigit(next) {
			return joinInside
		}
		if onlyLetters && partLetters >= 1 && partLetters <= 2 && isLetter(next) && shortDottedPart(s, i+1) {
			return joinAbbreviation
		}
	case ',', ':', '/':
		if isDigit(prev) && isDigit(next) {
			return joinInside
		}
	case '&':
		if isUpper(prev) && isUpper(next) {
			return joinInside
		}
	}
	return joinNone
}

// shortDottedPart reports whether s[i:] opens with one or two letters and a
// period: the next part of a dotted abbreviation such as "U.S.".
func shortDottedPart(s string, i int) bool {
	for n := 0; n < 3 && i < len(s); n++ {
		switch c := s[i]; {
		case c == '.':
			return n > 0
		case !isLetter(c):
			return false
		}
		i++
	}
	return false
}

func isLetter(c byte) bool   { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isUpper(c byte) bool    { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isWordByte(c byte) bool { return isLetter(c) || isDigit(c) }
