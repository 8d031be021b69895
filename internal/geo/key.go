package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key folds a place name to the form under which spellings of it match.
// It is applied alike to gazetteer names and to names found in text, so a
// rule only has to map two spellings to the same key, never to the "right"
// one. The rules, in order:
//
//  1. Apostrophes and the letters for Arabic 'ayn and hamza (' ’ ‘ ʿ ʾ ʻ)
//     are deleted: "Dar‘ā" and "Daraa" differ only in vowels after this.
//  2. Compatibility forms are unfolded, letters lower-cased and
//     diacritics stripped ("Türkiye" → "turkiye", "Ḩamāh" → "hamah");
//     letters with no decomposition are mapped by hand (ß → ss, ø → o,
//     ł → l, ı → i, æ → ae, œ → oe, đ/ð → d, þ → th, ħ → h).
//  3. Everything that is not a letter or digit separates words. A word
//     that is an Arabic article in one of its transliterations (al, el,
//     ad, ar, as, at, az, ash, ez, es, ed, en, an, ...) and is followed by
//     another word is dropped: "Deir ez-Zor", "Deir al-Zor" and
//     "Dayr az Zawr" all lose their article, "Ar Raqqah" is "raqqah". The
//     words are then joined without spaces, so "Al-Bab", "Al Bab" and
//     "El Bab" agree, as do "Tel Aviv" and "Telaviv".
//  4. Spelling variants of transliterations are merged, repeatedly until
//     none applies: q → k and ck → k (Raqqa/Rakka, Iraq/Irak), ph → f,
//     dj → j (Djibouti/Jibuti), ou → u and oo → u (Tartouss/Tartus),
//     ee → i (Mayadeen/Mayadin), ei, ey and ai → ay (Deir/Dayr,
//     Beirut/Bayrut, Zaid/Zayd), iy before a vowel → i (Latakiya/
//     Latakia), uw → w (Suwayda/Sweida), a doubled letter → one
//     (Lattakia/Latakia, Daraa/Dara), and a final h after a vowel is
//     dropped from keys of four letters or more (Hamah/Hama,
//     Raqqah/Raqqa).
//
// Rules that would also merge unrelated names were left out: kh and h
// (Khoms/Homs) stay apart, as do e and a, and o and u; the gazetteer's
// alternate names and Lookup's fuzzy fallback cover those variants.
//
// Letters of other scripts are kept (lower-cased, marks stripped), so a
// name in another script keys to something, not to "". Key is idempotent:
// Key(Key(s)) == Key(s).
func Key(name string) string {
	var k keyer
	return string(k.key(name))
}

// keyer computes keys reusing its buffers, for the gazetteer's load.
type keyer struct {
	f     folder
	spare []byte
	nfkd  []byte
}

// key returns Key(name) in a buffer valid until the next call.
func (k *keyer) key(name string) []byte {
	f := &k.f
	f.buf = f.buf[:0]
	f.words = f.wordsArray[:0]
	f.wordStart = 0
	if isASCII(name) {
		for i := 0; i < len(name); i++ {
			f.addASCII(name[i])
		}
	} else {
		// Invalid bytes separate words (NFKD would leave what follows them
		// undecomposed); apostrophes go first, as NFKD would split '´'
		// into a space and a mark.
		name = strings.ToValidUTF8(name, " ")
		k.nfkd = norm.NFKD.AppendString(k.nfkd[:0], stripApostrophes(name))
		for _, r := range string(k.nfkd) {
			// Lower-casing can expose a decomposable letter; decompose it.
			if lr := unicode.ToLower(r); lr != r && !norm.NFKD.IsNormalString(string(lr)) {
				for _, d := range norm.NFKD.String(string(lr)) {
					f.addRune(d)
				}
				continue
			}
			f.addRune(r)
		}
	}
	f.endWord()
	joined := f.joinWithoutArticles()
	other := k.spare
	for {
		var changed bool
		other, changed = rewriteSpelling(other[:0], joined)
		if !changed {
			break
		}
		joined, other = other, joined
	}
	// Keep both buffers, distinct, for the next call.
	f.buf, k.spare = joined, other
	return joined
}

// folder accumulates the folded letters of a name and where its words are.
type folder struct {
	buf        []byte
	words      []span
	wordsArray [8]span
	wordStart  int
}

type span struct{ start, end int }

func (f *folder) endWord() {
	if len(f.buf) > f.wordStart {
		f.words = append(f.words, span{f.wordStart, len(f.buf)})
	}
	f.wordStart = len(f.buf)
}

func (f *folder) addASCII(c byte) {
	switch {
	case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		f.buf = append(f.buf, c)
	case 'A' <= c && c <= 'Z':
		f.buf = append(f.buf, c+'a'-'A')
	case c == '\'' || c == '`':
	default:
		f.endWord()
	}
}

func (f *folder) addRune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		f.addASCII(byte(r))
	case isApostrophe(r) || unicode.Is(unicode.Mn, r):
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		r = unicode.ToLower(r)
		if s, ok := unfoldedLetters[r]; ok {
			f.buf = append(f.buf, s...)
		} else {
			f.buf = utf8.AppendRune(f.buf, r)
		}
	default:
		f.endWord()
	}
}

// joinWithoutArticles returns the words, less the articles that precede
// another word, run together.
func (f *folder) joinWithoutArticles() []byte {
	out := f.buf[:0] // words only move left: safe in place
	for i, w := range f.words {
		if i < len(f.words)-1 && isArticle(f.buf[w.start:w.end]) {
			continue
		}
		out = append(out, f.buf[w.start:w.end]...)
	}
	return out
}

func isArticle(w []byte) bool {
	return (len(w) == 2 || len(w) == 3) && arabicArticles[string(w)]
}

// arabicArticles are the transliterations of the Arabic article, with the
// assimilated forms before sun letters (ad-, ar-, as-, ash-, at-, az-...).
var arabicArticles = map[string]bool{
	"al": true, "el": true, "ul": true, "il": true,
	"ad": true, "ed": true, "ud": true,
	"adh": true, "edh": true,
	"ar": true, "er": true, "ur": true,
	"as": true, "es": true, "us": true,
	"ash": true, "esh": true, "ush": true,
	"at": true, "et": true, "ut": true,
	"ath": true, "eth": true,
	"az": true, "ez": true, "uz": true,
	"an": true, "en": true, "un": true,
}

// unfoldedLetters are lower-case letters that NFKD leaves whole but that
// English text writes with plain letters.
var unfoldedLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'ı': "i",
	'đ': "d", 'ð': "d", 'þ': "th", 'ħ': "h", 'ŧ': "t", 'ŀ': "l",
	'ĸ': "k", 'ŋ': "n", 'ɨ': "i", 'ə': "e",
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '‛', 'ʹ', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', '′', 'ˈ':
		return true
	}
	return false
}

func stripApostrophes(s string) string {
	if strings.IndexFunc(s, isApostrophe) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// rewriteSpelling applies rule 4 of Key once, left to right, appending the
// result to out; changed reports whether any rule applied.
func rewriteSpelling(out, s []byte) (_ []byte, changed bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == 'q':
			out = append(out, 'k')
		case c == 'c' && next == 'k':
			out = append(out, 'k')
			i++
		case c == 'p' && next == 'h':
			out = append(out, 'f')
			i++
		case c == 'd' && next == 'j':
			out = append(out, 'j')
			i++
		case c == 'o' && (next == 'u' || next == 'o'):
			out = append(out, 'u')
			i++
		case c == 'e' && next == 'e':
			out = append(out, 'i')
			i++
		case (c == 'e' && (next == 'i' || next == 'y')) || (c == 'a' && next == 'i'):
			out = append(out, 'a', 'y')
			i++
		case c == 'i' && next == 'y' && i+2 < len(s) && isVowel(s[i+2]):
			out = append(out, 'i')
			i++
		case c == 'u' && next == 'w':
			out = append(out, 'w')
			i++
		case c == next && 'a' <= c && c <= 'z':
			// Doubled letter: keep one.
		case c == 'h' && i == len(s)-1 && i >= 3 && isVowel(s[i-1]):
			// Final h after a vowel.
		default:
			out = append(out, c)
			continue
		}
		changed = true
	}
	return out, changed
}
