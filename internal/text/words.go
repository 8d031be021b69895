package text

import "time"

// The word lists below are the package's language knowledge, kept as data so
// that a failure found in the wild is fixed by adding a word, not code.

// titleAbbreviations are abbreviations that always precede a name, so a
// period after them never ends a sentence ("Sgt. Maj. Brown").
var titleAbbreviations = wordSet(
	"mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "fr",
	"hon", "sen", "rep", "gov", "pres", "amb", "atty",
	"gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt",
	"brig", "supt", "insp", "det", "lieut",
)

// numberAbbreviations precede a number ("Vol. 2", "Art. 5", "Dec. 7"), so
// a period after them does not end a sentence when a digit follows.
var numberAbbreviations = wordSet(
	"no", "nos", "vol", "vols", "art", "arts", "p", "pp", "fig", "figs",
	"ch", "chap", "sec", "para", "ed", "approx", "ca", "nr", "tel", "ext",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "rt", "hwy", "rte", "ave", "pt", "cl", "reg", "op",
)

// monthNames maps every accepted spelling of a month, lower-cased, to the
// month. Abbreviations may carry a trailing period; full names may not, so
// "in May. 2024 was..." is not read as a date.
var monthNames = map[string]monthName{
	"january": {time.January, false}, "jan": {time.January, true},
	"february": {time.February, false}, "feb": {time.February, true},
	"march": {time.March, false}, "mar": {time.March, true},
	"april": {time.April, false}, "apr": {time.April, true},
	"may":  {time.May, false},
	"june": {time.June, false}, "jun": {time.June, true},
	"july": {time.July, false}, "jul": {time.July, true},
	"august": {time.August, false}, "aug": {time.August, true},
	"september": {time.September, false}, "sep": {time.September, true}, "sept": {time.September, true},
	"october": {time.October, false}, "oct": {time.October, true},
	"november": {time.November, false}, "nov": {time.November, true},
	"december": {time.December, false}, "dec": {time.December, true},
}

type monthName struct {
	month       time.Month
	abbreviated bool
}

// weekdayNames are the weekday spellings that may open a date ("Saturday,
// December 7, 2024"); the value says whether a trailing period is allowed.
var weekdayNames = map[string]bool{
	"monday": false, "tuesday": false, "wednesday": false, "thursday": false,
	"friday": false, "saturday": false, "sunday": false,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true,
	"thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
}

// Years outside this range are not read as years: "March 5, 1200 troops"
// is a count, not a date.
const (
	minYear = 1700
	maxYear = 2199
)

// letterFolds are letters with no Unicode decomposition that readers still
// treat as a base letter plus decoration, so matching must fold them by hand
// (Łódź, Søren, Straße, Đoković).
var letterFolds = map[rune]string{
	'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
	'æ': "ae", 'œ': "oe", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l",
	'ĸ': "k", 'ƒ': "f", 'ɨ': "i", 'ƶ': "z",
}

// punctuationFolds maps typographic punctuation to the ASCII a keyboard
// writer would have typed, so quote and dash style never affects matching.
var punctuationFolds = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
	'\u02BC': "'", '\u02B9': "'", '\u00B4': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u2033': `"`,
	'\u00AB': `"`, '\u00BB': `"`, '\u2039': "'", '\u203A': "'",
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-",
	'\u2015': "-", '\u2212': "-", '\uFE58': "-", '\uFE63': "-", '\uFF0D': "-",
	'\u2026': "...", '\u2044': "/",
}

func wordSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}
