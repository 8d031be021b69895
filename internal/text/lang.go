package text

import (
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Language returns the ISO 639-1 code of the language s is written in, or ""
// when s has too few letters to judge, the detector is not confident, or the
// language has no two-letter code.
//
// Only the first 2 KB are examined: that is plenty to tell a language, and
// the detector's cost grows with its input.
func Language(s string) string {
	if len(s) > languageSampleBytes {
		cut := languageSampleBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < minLanguageLetters {
		return ""
	}
	info := whatlanggo.Detect(s)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

const (
	languageSampleBytes = 2048
	// Below this many letters trigram statistics are noise: a headline
	// fragment such as "Live updates" cannot be told from several languages.
	minLanguageLetters = 20
)
