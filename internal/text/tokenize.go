package text

import (
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// Tokenize returns the words and numbers of s, with spans shifted by offset
// (the position of s in the text the spans refer to) and Norm = Fold of the
// token's text, never empty. Punctuation, symbols and invalid bytes
// separate tokens and are never tokens themselves.
//
// What stays inside one token:
//   - hyphens between letters or digits: "al-Rashid", "13-year-old", "COVID-19";
//   - apostrophes between letters: "don't", "O'Brien", "d'Ivoire";
//   - separators between digits: "370,000", "1.5", "3:30", "24/7";
//   - dotted abbreviations of one- or two-letter parts, final period
//     included: "U.S.", "a.m.", "Ph.D." (Norm "u.s.", which "US" and "us"
//     never match);
//   - "&" between capitals: "AT&T", "S&P";
//   - soft hyphens and other invisible format characters inside a word.
//
// The possessive or contracted "'s" is split off as its own token: "Rashid's"
// gives "Rashid" and "'s", so that the name matches the bare name. Other
// abbreviations lose their period ("Mr." gives "Mr"), which matches British
// usage.
func Tokenize(s string, offset int) []article.Token {
	// News prose averages a token every five to six bytes; sizing for that
	// saves the slice from growing several times.
	tokens := make([]article.Token, 0, len(s)/5+1)
	emit := func(start, end int) {
		norm := Fold(s[start:end])
		if norm == "" {
			// A lone modifier letter such as "ͺ" folds to nothing and
			// could never match anything.
			return
		}
		tokens = append(tokens, article.Token{
			Span: article.Span{Start: offset + start, End: offset + end},
			Norm: norm,
		})
	}
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if !startsWord(r) {
			i += size
			continue
		}
		start := i
		end, possessive := wordEnd(s, i)
		emit(start, end)
		i = end
		if possessive > end {
			emit(end, possessive)
			i = possessive
		}
	}
	return tokens
}

// wordEnd returns where the word starting at start ends and, when it is
// followed by a split-off "'s", where that ends (otherwise 0).
func wordEnd(s string, start int) (end, possessive int) {
	// partLetters counts the letters since the token start or the last
	// period, so that dotted abbreviations ("U.S.") can be told from
	// "example.com".
	partLetters, onlyLetters, dotted := 0, true, false
	prev := rune(0)
	i := start
	for i < len(s) {
		r, size := decodeRune(s, i)
		ascii := r < utf8.RuneSelf
		switch {
		case ascii && isASCIILetter(byte(r)), !ascii && unicode.IsLetter(r):
			partLetters++
		case ascii && isASCIIDigit(byte(r)), !ascii && unicode.IsNumber(r):
			onlyLetters = false
		case !ascii && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)):
		case !ascii && unicode.Is(unicode.Cf, r):
			if next, _ := decodeRune(s, i+size); !continuesWord(next) {
				return i, 0
			}
		default:
			next, nextSize := decodeRune(s, i+size)
			switch joiner(s, i, prev, r, next, nextSize, partLetters, onlyLetters) {
			case joinPossessive:
				return i, i + size + nextSize
			case joinAbbreviation:
				dotted = true
				partLetters = 0
			case joinInside:
				partLetters = 0
			default:
				if dotted && r == '.' {
					return i + size, 0
				}
				return i, 0
			}
		}
		prev = r
		i += size
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

// joiner decides what the punctuation r at s[i] (between prev and next) does
// to the word in progress.
func joiner(s string, i int, prev, r, next rune, nextSize, partLetters int, onlyLetters bool) joinKind {
	prevWord, nextWord := continuesWord(prev), startsWord(next)
	switch r {
	case '-', '\u2010', '\u2011':
		if prevWord && nextWord {
			return joinInside
		}
	case '\'', '\u2019', '\u02BC':
		if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
			return joinNone
		}
		if next == 's' || next == 'S' {
			after, _ := decodeRune(s, i+utf8.RuneLen(r)+nextSize)
			if !continuesWord(after) {
				return joinPossessive
			}
		}
		return joinInside
	case '.':
		if isDigit(prev) && isDigit(next) {
			return joinInside
		}
		if onlyLetters && partLetters >= 1 && partLetters <= 2 && unicode.IsLetter(next) &&
			shortDottedPart(s, i+1) {
			return joinAbbreviation
		}
	case ',', ':', '/':
		if isDigit(prev) && isDigit(next) {
			return joinInside
		}
	case '&':
		if unicode.IsUpper(prev) && unicode.IsUpper(next) {
			return joinInside
		}
	}
	return joinNone
}

// shortDottedPart reports whether s[i:] opens with one or two letters and a
// period: the next part of a dotted abbreviation.
func shortDottedPart(s string, i int) bool {
	for n := 0; n < 3 && i < len(s); n++ {
		r, size := decodeRune(s, i)
		if r == '.' {
			return n > 0
		}
		if !unicode.IsLetter(r) {
			return false
		}
		i += size
	}
	return false
}

func startsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r)) || isASCIIDigit(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func continuesWord(r rune) bool {
	return startsWord(r) || r >= utf8.RuneSelf && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || unicode.IsDigit(r) }

// decodeRune decodes the rune at s[i], reporting an invalid byte as
// utf8.RuneError of size 1 and the end of s as rune 0 of size 0.
func decodeRune(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}
