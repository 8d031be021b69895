package text

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// DateMention is an explicit date in a text: one that states its year.
type DateMention struct {
	article.Span
	Time      time.Time // midnight UTC of the day, or of the 1st for month precision
	Precision string    // PrecisionDay or PrecisionMonth
}

// PartialDate is a day of a month mentioned without a year ("on December
// 7"), left for a later stage to resolve against the article's context.
type PartialDate struct {
	article.Span
	Month time.Month
	Day   int
}

// Precisions of a DateMention.
const (
	PrecisionDay   = "day"
	PrecisionMonth = "month"
)

// Dates returns the explicit dates of s in order of appearance:
//
//	December 6, 2024   Dec. 6, 2024   Dec 6 2024   December 6th, 2024
//	6 December 2024    6th of December, 2024       2024-12-06   2024/12/06
//	December 2024      Dec. 2024 (PrecisionMonth)
//
// A leading weekday ("Saturday, December 7, 2024") is included in the span.
// Month names must be capitalised or in capitals ("may 2024" is a verb
// and a number). Impossible dates (February 30) and years outside
// 1700-2199 are rejected. Purely numeric day/month orders (12/06/2024) are
// ambiguous and not read.
func Dates(s string) []DateMention {
	var dates []DateMention
	scanDates(s, func(d DateMention) { dates = append(dates, d) }, nil)
	return dates
}

// PartialDates returns the month-and-day mentions of s that state no year
// ("December 7", "Dec. 7th", "7 December", "Saturday, Dec. 7"), in order.
// Mentions that are part of a full date are not repeated here.
func PartialDates(s string) []PartialDate {
	var partials []PartialDate
	scanDates(s, nil, func(p PartialDate) { partials = append(partials, p) })
	return partials
}

// scanDates walks s once, reporting each full and partial date it finds to
// the callbacks that are not nil.
func scanDates(s string, full func(DateMention), partial func(PartialDate)) {
	for i := 0; i < len(s); {
		c := s[i]
		isDigit, isUpper := '0' <= c && c <= '9', 'A' <= c && c <= 'Z'
		if (!isDigit && !isUpper) || !wordBoundaryBefore(s, i) {
			i++
			continue
		}
		var m dateMatch
		if isUpper {
			m = monthFirst(s, i)
		} else {
			m = numberFirst(s, i)
		}
		if m.end == 0 {
			i++
			continue
		}
		start := weekdayBefore(s, i)
		switch {
		case m.year == 0:
			if partial != nil {
				partial(PartialDate{Span: article.Span{Start: start, End: m.end}, Month: m.month, Day: m.day})
			}
		case full != nil:
			d := DateMention{Span: article.Span{Start: start, End: m.end}, Precision: PrecisionDay}
			day := m.day
			if day == 0 {
				d.Precision, day = PrecisionMonth, 1
			}
			d.Time = time.Date(m.year, m.month, day, 0, 0, 0, 0, time.UTC)
			full(d)
		}
		i = m.end
	}
}

// dateMatch is a date read at some position: end is 0 when none was; year
// is 0 for a partial date and day is 0 for a month-precision one.
type dateMatch struct {
	end   int
	year  int
	month time.Month
	day   int
}

// monthFirst reads "December 6, 2024", "Dec. 6 2024", "December 2024" or
// the partial "December 6" at s[i].
func monthFirst(s string, i int) dateMatch {
	month, j := readMonth(s, i)
	if j == 0 {
		return dateMatch{}
	}
	if k := skipSpaces(s, j); k > j {
		if day, l := readDay(s, k); l > 0 {
			if year, end := readYearAfter(s, l); end > 0 {
				return validDate(year, month, day, end)
			}
			return validDate(0, month, day, l)
		}
	}
	if year, end := readYearAfter(s, j); end > 0 {
		return dateMatch{end: end, year: year, month: month}
	}
	return dateMatch{}
}

// numberFirst reads "2024-12-06", "6 December 2024", "6th of December,
// 2024" or the partial "6 December" at s[i].
func numberFirst(s string, i int) dateMatch {
	if m := isoDate(s, i); m.end > 0 {
		return m
	}
	day, j := readDay(s, i)
	if j == 0 {
		return dateMatch{}
	}
	k := skipSpaces(s, j)
	if k == j {
		return dateMatch{}
	}
	if l := skipSpaces(s, k+2); hasWordAt(s, k, "of") && l > k+2 {
		k = l
	}
	month, l := readMonth(s, k)
	if l == 0 {
		return dateMatch{}
	}
	if year, end := readYearAfter(s, l); end > 0 {
		return validDate(year, month, day, end)
	}
	return validDate(0, month, day, l)
}

// isoDate reads "2024-12-06" or "2024/12/06".
func isoDate(s string, i int) dateMatch {
	if i+10 > len(s) {
		return dateMatch{}
	}
	sep := s[i+4]
	if (sep != '-' && sep != '/') || s[i+7] != sep {
		return dateMatch{}
	}
	year, ok1 := digitsAt(s, i, 4)
	month, ok2 := digitsAt(s, i+5, 2)
	day, ok3 := digitsAt(s, i+8, 2)
	if !ok1 || !ok2 || !ok3 || (i+10 < len(s) && isASCIIDigit(s[i+10])) {
		return dateMatch{}
	}
	if year < minYear || year > maxYear || month < 1 || month > 12 {
		return dateMatch{}
	}
	return validDate(year, time.Month(month), day, i+10)
}

// validDate returns the match for the date, or no match if the day does not
// exist in that month (of that year, or of any year when year is 0).
func validDate(year int, month time.Month, day, end int) dateMatch {
	daysIn := 29 // February of some year
	if month != time.February || year != 0 {
		y := year
		if y == 0 {
			y = 2001
		}
		daysIn = time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	if day < 1 || day > daysIn {
		return dateMatch{}
	}
	return dateMatch{end: end, year: year, month: month, day: day}
}

// readMonth reads a month name at s[i], with its period if abbreviated, and
// returns the month and where it ends (0 if there is none).
func readMonth(s string, i int) (time.Month, int) {
	word, n, end := capitalisedWord(s, i, len("september"))
	if n == 0 {
		return 0, 0
	}
	name, ok := monthNames[string(word[:n])]
	if !ok {
		return 0, 0
	}
	if name.abbreviated && end < len(s) && s[end] == '.' {
		end++
	}
	return name.month, end
}

// weekdayBefore returns where a weekday that opens the date at s[i] starts
// ("Saturday, " or "Sat. "), or i if there is none.
func weekdayBefore(s string, i int) int {
	j := i
	for j > 0 && isSpaceByte(s[j-1]) {
		j--
	}
	if j > 0 && s[j-1] == ',' {
		j--
		for j > 0 && isSpaceByte(s[j-1]) {
			j--
		}
	}
	if j == i || j == 0 {
		return i
	}
	dot := s[j-1] == '.'
	end := j
	if dot {
		end--
	}
	start := end
	for start > 0 && isASCIILetter(s[start-1]) && end-start <= len("wednesday") {
		start--
	}
	if start == end || !wordBoundaryBefore(s, start) {
		return i
	}
	word, n, wordEnd := capitalisedWord(s, start, len("wednesday"))
	periodAllowed, ok := weekdayNames[string(word[:n])]
	if !ok || wordEnd != end || (dot && !periodAllowed) {
		return i
	}
	return start
}

// capitalisedWord returns the lower-cased ASCII word at s[i] in word[:n]
// and where it ends; n is 0 if the word is longer than maxLen, is neither
// capitalised nor in capitals, or runs on into a digit or non-ASCII letter.
// The fixed buffer lets callers look the word up without allocating.
func capitalisedWord(s string, i, maxLen int) (word [maxWordLen]byte, n, end int) {
	end = i
	for end < len(s) && isASCIILetter(s[end]) {
		end++
	}
	n = end - i
	if n == 0 || n > maxLen || n > maxWordLen || 'A' > s[i] || s[i] > 'Z' {
		return word, 0, 0
	}
	if next, _ := decodeRune(s, end); unicode.IsLetter(next) || unicode.IsNumber(next) {
		return word, 0, 0
	}
	upperRest := n > 1 && s[i+1] <= 'Z'
	for k := 0; k < n; k++ {
		c := s[i+k]
		if k > 0 && (c <= 'Z') != upperRest {
			return word, 0, 0
		}
		word[k] = c | 0x20
	}
	return word, n, end
}

const maxWordLen = 16

// readDay reads a day of the month, with an optional ordinal suffix, at
// s[i], and returns it and where it ends (0 if there is none).
func readDay(s string, i int) (int, int) {
	day, end := 0, i
	for end < len(s) && end-i < 3 && isASCIIDigit(s[end]) {
		day = day*10 + int(s[end]-'0')
		end++
	}
	if end == i || end-i > 2 || day < 1 || day > 31 {
		return 0, 0
	}
	if end+2 <= len(s) {
		switch toLowerASCII(s[end : end+2]) {
		case "st", "nd", "rd", "th":
			end += 2
		}
	}
	if next, _ := decodeRune(s, end); unicode.IsLetter(next) || unicode.IsNumber(next) {
		return 0, 0
	}
	if end+1 < len(s) && isASCIIDigit(s[end+1]) {
		// "6:30", "6.5" and "6,000" are not days; "6,2024" is.
		if _, thousands := digitsAt(s, end+1, 3); s[end] == ':' || s[end] == '.' || s[end] == ',' && thousands {
			return 0, 0
		}
	}
	return day, end
}

// readYearAfter reads the year that completes a date ending at s[i]: an
// optional comma, then white space (needed unless the comma is there), then
// four digits standing alone.
func readYearAfter(s string, i int) (int, int) {
	j := i
	if j < len(s) && s[j] == ',' {
		j++
	}
	k := skipSpaces(s, j)
	if k == i {
		return 0, 0
	}
	year, ok := digitsAt(s, k, 4)
	end := k + 4
	if !ok || year < minYear || year > maxYear {
		return 0, 0
	}
	if next, _ := decodeRune(s, end); unicode.IsLetter(next) || unicode.IsNumber(next) ||
		(end+1 < len(s) && (s[end] == ',' || s[end] == '.') && isASCIIDigit(s[end+1])) {
		return 0, 0
	}
	return year, end
}

func digitsAt(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for k := i; k < i+n; k++ {
		if !isASCIIDigit(s[k]) {
			return 0, false
		}
		v = v*10 + int(s[k]-'0')
	}
	if i+n < len(s) && isASCIIDigit(s[i+n]) {
		return 0, false
	}
	return v, true
}

func hasWordAt(s string, i int, word string) bool {
	end := i + len(word)
	return end < len(s) && toLowerASCII(s[i:end]) == word && !isASCIILetter(s[end])
}

// skipSpaces returns the position after the spaces, tabs and no-break
// spaces at s[i].
func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case isSpaceByte(s[i]):
			i++
		case hasPrefixAt(s, i, "\u00a0"):
			i += len("\u00a0")
		case hasPrefixAt(s, i, "\u202f"):
			i += len("\u202f")
		case hasPrefixAt(s, i, "\u2009"):
			i += len("\u2009")
		default:
			return i
		}
	}
	return i
}

func hasPrefixAt(s string, i int, prefix string) bool {
	return len(s)-i >= len(prefix) && s[i:i+len(prefix)] == prefix
}

// wordBoundaryBefore reports whether no letter or digit directly precedes
// s[i].
func wordBoundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return !isASCIILetter(c) && !isASCIIDigit(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

func toLowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for k := i; k < len(b); k++ {
				if 'A' <= b[k] && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
