package geo

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// CountryByName returns the country a name denotes: GeoNames' name
// ("Syria"), a formal or other common name ("Syrian Arab Republic",
// "Türkiye", "Britain", "America"), or an abbreviation written in capitals
// ("US", "U.S.", "UK", "UAE"; "us" is not one). A leading "the" and a
// trailing possessive are ignored.
func CountryByName(name string) (Country, bool) {
	g := load()
	name = trimPossessive(strings.TrimSpace(name))
	if abbr, ok := abbreviation(name); ok {
		i, ok := g.countryAbbr[abbr]
		if !ok {
			return Country{}, false
		}
		return g.countries[i], true
	}
	i, ok := g.countryKey[countryKey(name)]
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// CountryByCode returns the country with an ISO 3166-1 alpha-2 code.
func CountryByCode(code string) (Country, bool) {
	g := load()
	i, ok := g.countryCode[strings.ToUpper(code)]
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// Demonym returns the country whose people or adjective a word names:
// "Syrian", "Syrians" → Syria; "British" → United Kingdom; "American" →
// United States; "U.S." → United States. The word must be capitalised, as
// English writes demonyms, which keeps "pole" and "turkey" out; an
// abbreviation must be in capitals.
func Demonym(word string) (Country, bool) {
	word = trimPossessive(strings.TrimSpace(word))
	first, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(first) {
		return Country{}, false
	}
	d := demonyms()
	code, ok := "", false
	if abbr, isAbbr := abbreviation(word); isAbbr {
		code, ok = d.abbr[abbr]
	} else {
		k := Key(word)
		code, ok = d.words[k]
		if !ok && strings.HasSuffix(k, "s") {
			code, ok = d.words[strings.TrimSuffix(k, "s")]
		}
	}
	if !ok {
		return Country{}, false
	}
	return CountryByCode(code)
}

//go:embed demonyms.txt
var demonymsText string

type demonymTable struct {
	words map[string]string // Key(demonym) -> ISO2
	abbr  map[string]string // "US" -> ISO2
}

var demonymsOnce = sync.OnceValue(func() *demonymTable {
	t := &demonymTable{words: make(map[string]string, 300), abbr: make(map[string]string)}
	for line := range strings.Lines(demonymsText) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		code, words, ok := strings.Cut(line, "\t")
		if !ok {
			panic("geo: demonyms.txt: line without a tab: " + line)
		}
		for w := range strings.SplitSeq(words, "|") {
			if abbr, ok := abbreviation(w); ok {
				t.abbr[abbr] = code
			} else {
				t.words[Key(w)] = code
			}
		}
	}
	return t
})

func demonyms() *demonymTable { return demonymsOnce() }

// abbreviation reports whether name is written as an abbreviation: two to
// five capital letters, dots allowed ("US", "U.S.", "UAE"), and returns it
// without dots.
func abbreviation(name string) (string, bool) {
	abbr := strings.ReplaceAll(name, ".", "")
	if len(abbr) < 2 || len(abbr) > 5 {
		return "", false
	}
	for i := 0; i < len(abbr); i++ {
		if abbr[i] < 'A' || abbr[i] > 'Z' {
			return "", false
		}
	}
	return abbr, true
}

// countryKey is Key after dropping a leading "the": "The Gambia", "the
// Netherlands", "the United States".
func countryKey(name string) string {
	if len(name) > 4 && strings.EqualFold(name[:4], "the ") {
		name = name[4:]
	}
	return Key(name)
}

// trimPossessive drops a trailing 's or ’s ("Syria's", "Homs’s").
func trimPossessive(name string) string {
	for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
		if s, ok := strings.CutSuffix(name, suffix); ok && s != "" {
			return s
		}
	}
	return name
}
