package claim

import (
	"math"
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/provenance/credit"
)

// Figure is a number an article states, with what it counts, who states it
// and as of when.
type Figure struct {
	article.Span        // the number with its qualifier and unit
	Sentence     int    // index into Document.Sentences
	Text         string // the figure as written: "almost 300,000 people"
	// Low and High bound the value; they are equal for an exact number.
	// A vague quantity ("thousands") spans its order of magnitude.
	Low, High float64
	Qualifier string  // one of the Qualifier constants
	Unit      string  // normalised: "km", "%", "people", "USD"...; "" for a bare count
	OutOf     float64 // the whole of "three out of 14"; 0 otherwise
	Noun      string  // the counted noun phrase as written: "people", "provincial capitals"
	Counted   string  // what is counted: the noun phrase and what was done to it ("people displaced"), or where a distance leads ("north of the capital")
	Source    string  // who states it: "United Nations", "a monitor"; "" when the sentence does not say
	AsOf      TimeExpr
}

// Qualifiers of a Figure.
const (
	QualifierNone     = ""
	QualifierAbout    = "about"
	QualifierAlmost   = "almost"
	QualifierMoreThan = "more than"
	QualifierUpTo     = "up to"
	QualifierAtLeast  = "at least"
	QualifierLessThan = "less than"
	QualifierExactly  = "exactly"
	QualifierVague    = "vague"
)

// quantity is a number read from the tokens [first, next).
type quantity struct {
	low, high float64
	vague     bool
	fraction  bool
	fromWords bool // spelt out ("two"), not digits
	plain     bool // one token of digits only: a possible year or name number
	unit      string
	unitNoun  bool // the unit is what is counted ("people")
	first     int
	next      int
	outOf     float64
}

// Figures returns the figures of d in text order.
func Figures(d *article.Document) []Figure {
	if d == nil {
		return nil
	}
	credits := map[int][]credit.Credit{}
	for _, c := range credit.Find(d) {
		if c.Sentence >= 0 {
			credits[c.Sentence] = append(credits[c.Sentence], c)
		}
	}
	var out []Figure
	for i := range d.Sentences {
		if !validSentence(d, i) {
			continue
		}
		out = append(out, sentenceFigures(d, i, sentenceTimes(d, i), credits[i])...)
	}
	return out
}

func sentenceFigures(d *article.Document, i int, times []TimeExpr, credits []credit.Credit) []Figure {
	s := d.Sentences[i]
	toks := s.Tokens
	// skip marks the tokens of addresses and time expressions, whose
	// numbers are not figures.
	skip := make([]bool, len(toks))
	for _, u := range urlSpans(d.Text, s.Span) {
		markTokens(toks, skip, u)
	}
	for _, t := range times {
		markTokens(toks, skip, t.Span)
	}
	var out []Figure
	for j := 0; j < len(toks); j++ {
		if skip[j] {
			continue
		}
		if phoneLike(d, toks, j) {
			for j+1 < len(toks) && isDigitToken(toks[j+1].Norm) {
				j++
			}
			continue
		}
		q, ok := readQuantity(d, toks, j)
		if !ok || anyMarked(skip, q.first, q.next) {
			continue
		}
		if isConversion(d, toks, j, out) {
			j = q.next - 1
			continue
		}
		qualStart, qualifier := qualifierBefore(d, toks, j)
		if q.vague {
			qualifier = QualifierVague
		}
		if excluded(d, toks, q, qualifier) {
			j = q.next - 1
			continue
		}
		f := Figure{Sentence: i, Low: q.low, High: q.high, Qualifier: qualifier, Unit: q.unit, OutOf: q.outOf}
		start := toks[qualStart].Start
		if c := currencyBefore(d.Text, toks[q.first].Start); c.unit != "" {
			f.Unit, start = c.unit, c.start
		}
		end := toks[q.next-1].End
		if q.unit == "%" && end < len(d.Text) && d.Text[end] == '%' {
			end++
		}
		f.Span = article.Span{Start: start, End: end}
		nounStart := q.next
		if q.unitNoun {
			nounStart--
		}
		f.Noun, f.Counted = counted(d, toks, q, qualStart, nounStart)
		if f.Noun == "" && f.Unit == "" && !q.vague && len(out) > 0 {
			// "almost 300,000 people ... and up to 1.5 million could": the
			// second number counts what the first did.
			prev := out[len(out)-1]
			f.Noun, f.Unit = prev.Noun, prev.Unit
			if f.Counted == "" {
				f.Counted = prev.Noun
			} else if prev.Noun != "" && !strings.HasPrefix(f.Counted, prev.Noun) {
				f.Counted = prev.Noun + " " + f.Counted
			}
		}
		if q.unitNoun && f.Unit != "" {
			f.Span.End = max(f.Span.End, toks[q.next-1].End)
		}
		f.Text = d.Text[f.Start:f.End]
		var statedAt article.Span
		f.Source, statedAt = sourceOf(d, toks, qualStart, q.next, credits)
		f.AsOf = asOf(d.Text, times, f.Span, statedAt)
		out = append(out, f)
		j = q.next - 1
	}
	return out
}

func validSpan(d *article.Document, s article.Span) bool {
	return 0 <= s.Start && s.Start <= s.End && s.End <= len(d.Text)
}

// validSentence reports whether sentence i and its tokens lie inside the
// text, in order and without overlap. Documents come from storage and other
// stages; one that does not hold together is skipped rather than read out
// of bounds.
func validSentence(d *article.Document, i int) bool {
	s := d.Sentences[i]
	if !validSpan(d, s.Span) {
		return false
	}
	previousEnd := s.Start
	for _, t := range s.Tokens {
		if t.Start < previousEnd || t.End < t.Start || t.End > s.End {
			return false
		}
		previousEnd = t.End
	}
	return true
}

// readQuantity reads a number at toks[j]: digits ("370,000", "1.5
// million"), words ("two dozen", "half a million", "twenty-five"), vague
// quantities ("thousands", "tens of thousands"), fractions ("two-thirds"),
// ranges ("between 200 and 300", "200-300") and parts ("three out of 14"),
// with the unit that follows.
func readQuantity(d *article.Document, toks []article.Token, j int) (quantity, bool) {
	q, ok := readNumber(d, toks, j)
	if !ok {
		return q, false
	}
	// A range: "200 to 300", "between 200 and 300".
	if k := q.next; k+1 < len(toks) && sameClause(d, toks, k-1, k+1) &&
		(toks[k].Norm == "to" || toks[k].Norm == "and" && j > 0 && toks[j-1].Norm == "between") {
		if hi, ok := readNumber(d, toks, k+1); ok && !hi.vague && !hi.fraction && hi.low > q.low {
			q.high, q.next, q.unit, q.unitNoun = hi.high, hi.next, hi.unit, hi.unitNoun
		}
	}
	// A part of a whole: "three out of 14".
	if k := q.next; k+2 < len(toks) && toks[k].Norm == "out" && toks[k+1].Norm == "of" && sameClause(d, toks, k-1, k+2) {
		if whole, ok := readNumber(d, toks, k+2); ok && !whole.vague {
			q.outOf, q.next = whole.low, whole.next
		}
	}
	if q.unit == "" {
		q.unit, q.unitNoun, q.next = unitAfter(d, toks, q.next)
	}
	return q, true
}

// readNumber reads one number, without ranges, at toks[j].
func readNumber(d *article.Document, toks []article.Token, j int) (quantity, bool) {
	norm := toks[j].Norm
	q := quantity{first: j, next: j + 1}
	next := func(k int) (string, bool) {
		if k < len(toks) && sameClause(d, toks, k-1, k) {
			return toks[k].Norm, true
		}
		return "", false
	}
	switch {
	case norm == "a" || norm == "an":
		w, _ := next(j + 1)
		if nw, ok := numberWords[w]; ok && nw.kind == "scale" {
			q.low, q.next, q.fromWords = nw.value, j+2, true
			return scaled(d, toks, q), true
		}
		return q, false
	case norm == "half":
		a, _ := next(j + 1)
		scale, _ := next(j + 2)
		if nw, ok := numberWords[scale]; ok && a == "a" && nw.kind == "scale" {
			q.low, q.high, q.next, q.fromWords = nw.value/2, nw.value/2, j+3, true
			return q, true
		}
		if of, _ := next(j + 1); of == "of" {
			q.low, q.high, q.fraction, q.fromWords = 0.5, 0.5, true, true
			return q, true
		}
		return q, false
	}
	if v, ok := digitNumber(norm); ok {
		q.low, q.plain = v, !strings.ContainsAny(norm, ",.")
		return scaled(d, toks, q), true
	}
	if lo, hi, ok := digitRange(norm); ok {
		q.low, q.high = lo, hi
		return q, true
	}
	if v, unit, ok := numberWithUnit(norm); ok {
		q.low, q.high, q.unit = v, v, unit
		return q, true
	}
	if nw, ok := numberWords[norm]; ok && nw.kind == "vague" {
		q.low, q.high, q.vague, q.fromWords = nw.value, nw.highValue, true, true
		// "tens of thousands", "hundreds of thousands".
		of, _ := next(j + 1)
		big, _ := next(j + 2)
		if bw, ok := numberWords[big]; ok && of == "of" && bw.kind == "vague" && bw.value >= 1000 {
			q.low, q.high, q.next = nw.value*bw.value, (nw.highValue+1)*bw.value-1, j+3
		}
		return q, true
	}
	if norm == "tens" {
		of, _ := next(j + 1)
		big, _ := next(j + 2)
		if bw, ok := numberWords[big]; ok && of == "of" && bw.kind == "vague" && bw.value >= 1000 {
			q.low, q.high, q.next, q.vague, q.fromWords = 10*bw.value, 100*bw.value-1, j+3, true, true
			return q, true
		}
		return q, false
	}
	return wordNumber(d, toks, j)
}

// scaled applies the scale words after a number ("1.5 million", "two
// hundred thousand") and sets High.
func scaled(d *article.Document, toks []article.Token, q quantity) quantity {
	for q.next < len(toks) && sameClause(d, toks, q.next-1, q.next) {
		nw, ok := numberWords[toks[q.next].Norm]
		if !ok || nw.kind != "scale" {
			break
		}
		q.low *= nw.value
		q.next++
		q.plain = false
	}
	q.high = q.low
	return q
}

// wordNumber reads a spelt-out number: "two", "twenty-five", "three
// hundred and fifty", "two dozen", "three million", "two-thirds".
func wordNumber(d *article.Document, toks []article.Token, j int) (quantity, bool) {
	q := quantity{first: j, fromWords: true}
	total, current := 0.0, 0.0
	last := "" // kind of the previous word
	k := j
	for ; k < len(toks); k++ {
		if k > j && !sameClause(d, toks, k-1, k) {
			break
		}
		norm := toks[k].Norm
		if norm == "and" && last == "scale" && k+1 < len(toks) {
			if nw, ok := numberWords[toks[k+1].Norm]; ok && (nw.kind == "unit" || nw.kind == "ten") {
				continue
			}
			break
		}
		value, kind, ok := numberWordValue(norm)
		if !ok || (kind == "unit" && last == "unit") || (kind == "ten" && (last == "unit" || last == "ten")) {
			break
		}
		if kind == "compound fraction" && k == j || kind == "fraction" && k > j && last != "scale" {
			current = value * max(current, 1)
			q.fraction = true
			k++
			break
		}
		if kind == "fraction" || kind == "compound fraction" {
			break
		}
		switch kind {
		case "unit", "ten":
			current += value
		case "scale":
			if k == j {
				return q, false // "hundred" alone is not a number
			}
			if value < 1000 {
				current *= value
			} else {
				total += current * value
				current = 0
			}
		}
		last = kind
	}
	if k == j {
		return q, false
	}
	q.low = total + current
	q.high, q.next = q.low, k
	return q, true
}

// numberWordValue reads one number word, with its hyphenated compounds:
// "twenty-five" (value 25, kind "unit") and "two-thirds" (value 2,
// fraction 1/3).
//
// Kinds are those of numbers.txt, with "fraction" a multiplier word that
// needs a count before it ("one third": value 1/3) and "compound fraction"
// a complete one ("two-thirds": value 2/3).
func numberWordValue(norm string) (value float64, kind string, ok bool) {
	if nw, found := numberWords[norm]; found {
		switch nw.kind {
		case "unit", "ten", "scale":
			return nw.value, nw.kind, true
		case "fraction":
			return 1 / nw.value, nw.kind, true
		}
	}
	head, tail, hyphen := strings.Cut(norm, "-")
	if !hyphen {
		return 0, "", false
	}
	h, t := numberWords[head], numberWords[tail]
	switch {
	case h.kind == "ten" && t.kind == "unit" && t.value > 0 && t.value < 10:
		return h.value + t.value, "unit", true
	case (h.kind == "unit" || h.kind == "ten") && h.value > 0 && t.kind == "fraction":
		return h.value / t.value, "compound fraction", true
	}
	return 0, "", false
}

// digitNumber reads "370,000", "1.5" or "3500"; times ("6:30"), ratios
// ("24/7") and malformed groupings ("1,00") are not numbers.
func digitNumber(norm string) (float64, bool) {
	if norm == "" || norm[0] < '0' || norm[0] > '9' {
		return 0, false
	}
	intPart, frac, hasDot := strings.Cut(norm, ".")
	if hasDot && (frac == "" || !allDigits(frac)) {
		return 0, false
	}
	groups := strings.Split(intPart, ",")
	for g, group := range groups {
		if !allDigits(group) || group == "" || (g > 0 && len(group) != 3) || (g == 0 && len(groups) > 1 && len(group) > 3) {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(norm, ",", ""), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// digitRange reads "200-300".
func digitRange(norm string) (float64, float64, bool) {
	a, b, ok := strings.Cut(norm, "-")
	if !ok {
		return 0, 0, false
	}
	lo, ok1 := digitNumber(a)
	hi, ok2 := digitNumber(b)
	if !ok1 || !ok2 || hi <= lo {
		return 0, 0, false
	}
	return lo, hi, true
}

// numberWithUnit reads "140-kilometre" or "20-km"; ages ("24-year-old")
// are not read, since they describe a person rather than count anything.
func numberWithUnit(norm string) (float64, string, bool) {
	a, b, ok := strings.Cut(norm, "-")
	if !ok || strings.Contains(b, "-") {
		return 0, "", false
	}
	v, ok := digitNumber(a)
	u, isUnit := units[b]
	if !ok || !isUnit || u.noun || u.unit == "years" {
		return 0, "", false
	}
	return v, u.unit, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDigitToken(norm string) bool {
	return norm != "" && norm[0] >= '0' && norm[0] <= '9'
}

// unitAfter reads a unit word after a number, returning the unit, whether
// it is also the counted noun, and the index after it.
func unitAfter(d *article.Document, toks []article.Token, k int) (string, bool, int) {
	if k > 0 && toks[k-1].End < len(d.Text) && d.Text[toks[k-1].End] == '%' {
		return "%", false, k
	}
	if k >= len(toks) || !sameClause(d, toks, k-1, k) {
		return "", false, k
	}
	if toks[k].Norm == "per" && k+1 < len(toks) && toks[k+1].Norm == "cent" && sameClause(d, toks, k, k+1) {
		return "%", false, k + 2
	}
	if u, ok := units[toks[k].Norm]; ok {
		return u.unit, u.noun, k + 1
	}
	return "", false, k
}

// currencyMark is a currency sign before a number.
type currencyMark struct {
	unit  string
	start int
}

func currencyBefore(s string, i int) currencyMark {
	for _, c := range []struct{ sign, unit string }{{"US$", "USD"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}} {
		if strings.HasSuffix(s[:i], c.sign) {
			return currencyMark{unit: c.unit, start: i - len(c.sign)}
		}
	}
	return currencyMark{}
}

// qualifierBefore returns the longest qualifier ending just before
// toks[j], and the index of its first token (j when there is none).
func qualifierBefore(d *article.Document, toks []article.Token, j int) (int, string) {
	for n := maxQualifier; n >= 1; n-- {
		if j-n < 0 || !sameClause(d, toks, j-n, j) {
			continue
		}
		words := make([]string, n)
		for k := range n {
			words[k] = toks[j-n+k].Norm
		}
		if q, ok := qualifiers[strings.Join(words, " ")]; ok {
			return j - n, q
		}
	}
	if j > 0 && toks[j-1].Norm == "between" && sameClause(d, toks, j-1, j) {
		return j - 1, QualifierNone
	}
	return j, QualifierNone
}

// excluded tells numbers that are not figures: years ("in 2011"), numbers
// used as names ("Resolution 2254"), times of day ("6 p.m."), a lone "one"
// (a pronoun far more often than a count), and small spelt-out numbers
// after a determiner ("the two cities"), which refer back to things
// already counted.
func excluded(d *article.Document, toks []article.Token, q quantity, qualifier string) bool {
	j := q.first
	prev := ""
	if j > 0 && sameClause(d, toks, j-1, j) {
		prev = toks[j-1].Norm
	}
	if q.plain && q.low >= 1700 && q.low <= 2199 && len(toks[j].Norm) == 4 && qualifier == "" && q.unit == "" {
		return true
	}
	if q.plain && prev != "" && capitalised(d, toks[j-1]) && qualifier == "" && !stopWords[prev] && prev != "between" {
		if _, isMonth := months[prev]; !isMonth {
			return true
		}
	}
	if q.next < len(toks) && sameClause(d, toks, q.next-1, q.next) {
		switch toks[q.next].Norm {
		case "a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs":
			return true
		}
	}
	if strings.HasSuffix(toks[q.next-1].Norm, "-year-old") {
		return true
	}
	if q.fromWords && !q.vague && !q.fraction && q.low < 10 && q.next == j+1 {
		if q.low == 1 && qualifier == "" {
			return true
		}
		switch prev {
		case "the", "these", "those", "both", "its", "their", "his", "her", "our", "all":
			return true
		}
	}
	return false
}

// phoneLike reports whether toks[j] opens a phone number: digits after a
// "+", several hyphenated digit groups, or a run of digit groups separated
// only by spaces, brackets, dots or hyphens.
func phoneLike(d *article.Document, toks []article.Token, j int) bool {
	norm := toks[j].Norm
	if !isDigitToken(norm) {
		return false
	}
	if strings.Count(norm, "-") >= 2 {
		return true
	}
	if start := toks[j].Start; start > 0 && d.Text[start-1] == '+' {
		return true
	}
	if j+1 >= len(toks) || !isDigitToken(toks[j+1].Norm) {
		return false
	}
	gap := d.Text[toks[j].End:toks[j+1].Start]
	return strings.Trim(gap, " ()-.") == "" && gap != "" && strings.ContainsAny(gap, " ()-")
}

// urlSpans returns the whitespace-delimited chunks of the span that look
// like web or mail addresses, whose digits are never figures.
func urlSpans(text string, s article.Span) []article.Span {
	var out []article.Span
	for i := s.Start; i < s.End; {
		for i < s.End && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		j := i
		for j < s.End && text[j] != ' ' && text[j] != '\t' {
			j++
		}
		chunk := strings.ToLower(text[i:j])
		if strings.Contains(chunk, "://") || strings.HasPrefix(chunk, "www.") || strings.Contains(chunk, "@") ||
			(strings.Contains(chunk, ".") && strings.Contains(chunk, "/") && !startsWithDigit(chunk)) {
			out = append(out, article.Span{Start: i, End: j})
		}
		i = j
	}
	return out
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// Words that lead a distance to where it is measured from.
var distanceLeads = map[string]bool{
	"from": true, "north": true, "south": true, "east": true, "west": true, "northeast": true,
	"northwest": true, "southeast": true, "southwest": true, "away": true, "outside": true, "off": true,
}

// auxiliaries and adverbs may stand between a counted noun and what was
// done to it ("people ... had already been displaced").
var auxiliaries = map[string]bool{
	"had": true, "have": true, "has": true, "were": true, "was": true, "are": true, "is": true, "be": true,
	"been": true, "being": true, "could": true, "would": true, "will": true, "may": true, "might": true,
	"already": true, "reportedly": true, "also": true, "now": true, "later": true, "allegedly": true,
}

// counted returns the noun phrase after a number and what it counts: the
// phrase with the participle that says what happened to it ("people
// displaced", "inmates freed"), or, for a distance, where it leads.
func counted(d *article.Document, toks []article.Token, q quantity, qualStart, k int) (noun, what string) {
	switch q.unit {
	case "km", "mi", "m":
		k = afterConversion(d, toks, k)
		if k < len(toks) && distanceLeads[toks[k].Norm] {
			end := k
			for end+1 < len(toks) && end+1-k < 6 && sameClause(d, toks, end, end+1) && !speechVerbs[toks[end+1].Norm] {
				if norm := toks[end+1].Norm; stopWords[norm] && norm != "of" && norm != "the" && norm != "from" && norm != "a" {
					break
				}
				end++
			}
			return "", d.Text[toks[k].Start:toks[end].End]
		}
		if !strings.Contains(toks[q.next-1].Norm, "-") {
			return "", ""
		}
		// "a 40-km stretch": the measure is an adjective and the noun
		// after it is what it measures.
	}
	if k < len(toks) && k > 0 && !sameClause(d, toks, k-1, k) && k != q.first {
		return "", ""
	}
	if (q.vague || q.fraction) && k < len(toks) {
		if toks[k].Norm != "of" || k+1 >= len(toks) || !sameClause(d, toks, k, k+1) {
			return "", participleAround(d, toks, qualStart, k)
		}
		k++
		if toks[k].Norm == "the" && k+1 < len(toks) && sameClause(d, toks, k, k+1) {
			k++
		}
	}
	end := k
	for end < len(toks) && end-k < 4 && (end == k || sameClause(d, toks, end-1, end)) {
		norm := toks[end].Norm
		if stopWords[norm] || speechVerbs[norm] || isDigitToken(norm) || participles[norm] != "" && end > k {
			break
		}
		if _, isWeekday := weekdays[norm]; isWeekday {
			break
		}
		if _, isNumber := numberWords[norm]; isNumber {
			break
		}
		if end > k && (strings.HasSuffix(norm, "ed") || strings.HasSuffix(norm, "ing")) {
			break // a verb: "volunteers gathered"
		}
		end++
		if pluralHead(norm) {
			break
		}
	}
	if end > k {
		noun = d.Text[toks[k].Start:toks[end-1].End]
	}
	done := participleAfter(d, toks, end)
	if done == "" {
		done = participleBefore(d, toks, qualStart)
	}
	switch {
	case noun == "":
		return "", done
	case done == "":
		return noun, noun
	}
	return noun, noun + " " + done
}

func participleAround(d *article.Document, toks []article.Token, qualStart, k int) string {
	if p := participleAfter(d, toks, k); p != "" {
		return p
	}
	return participleBefore(d, toks, qualStart)
}

// participleAfter finds what was done to the counted things after their
// noun phrase: "soldiers fled", "people in the region had been displaced".
func participleAfter(d *article.Document, toks []article.Token, k int) string {
	sawAux := false
	for x := k; x < len(toks) && x < k+8; x++ {
		if x > 0 && !sameClause(d, toks, x-1, x) {
			break
		}
		norm := toks[x].Norm
		if p := participles[norm]; p != "" && (sawAux || x == k) && (norm == p || sawAux) {
			return p
		}
		switch {
		case auxiliaries[norm]:
			sawAux = true
		case sawAux, isDigitToken(norm), speechVerbs[norm]:
			return ""
		}
	}
	return ""
}

// participleBefore reads a verb just before the figure: "has displaced
// 370,000", "freeing more than 3,500".
func participleBefore(d *article.Document, toks []article.Token, qualStart int) string {
	if qualStart == 0 || !sameClause(d, toks, qualStart-1, qualStart) {
		return ""
	}
	norm := toks[qualStart-1].Norm
	p := participles[norm]
	if p == "" || (norm != p && !strings.HasSuffix(norm, "ing")) {
		return ""
	}
	return p
}

// sourceOf returns who states the figure at tokens [a, b): the subject of
// the nearest speech verb ("the United Nations said"), the object of
// "according to", or a credited agency of the sentence; and the span of the
// speech verb, zero when there is none.
func sourceOf(d *article.Document, toks []article.Token, a, b int, credits []credit.Credit) (string, article.Span) {
	// The window bounds the search: a speech verb farther away rarely
	// governs the figure, and a sentence of thousands of figures must not
	// cost the square of its length.
	const window = 40
	marker := -1
	for x := a - 1; x >= 0 && x >= a-window && marker < 0; x-- {
		if isAttribution(toks, x) {
			marker = x
		}
	}
	for x := b; x < len(toks) && x < b+window && marker < 0; x++ {
		if isAttribution(toks, x) {
			marker = x
		}
	}
	var src, verb article.Span
	if marker >= 0 {
		verb = toks[marker].Span
		if toks[marker].Norm == "according" {
			src = phraseAfter(d, toks, marker+2, a, b)
		} else {
			src = subjectBefore(d, toks, marker, a, b)
			if src.Len() == 0 && invertedSubject(d, toks, marker) {
				src = phraseAfter(d, toks, marker+1, a, b) // "..." said the spokesman
			}
		}
	}
	for _, c := range credits {
		if src.Len() > 0 && c.Span.Start < src.End && src.Start < c.Span.End {
			return c.Agency, verb
		}
	}
	if src.Len() > 0 {
		name := d.Text[src.Start:src.End]
		if rest, ok := strings.CutPrefix(name, "The "); ok {
			name = rest
		} else if rest, ok := strings.CutPrefix(name, "the "); ok {
			name = rest
		} else if rest, ok := strings.CutPrefix(name, "A "); ok {
			name = "a " + rest // capitalised only because it opened the sentence
		}
		return name, verb
	}
	if len(credits) > 0 {
		return credits[0].Agency, verb
	}
	return "", verb
}

func isAttribution(toks []article.Token, x int) bool {
	if toks[x].Norm == "according" {
		return x+1 < len(toks) && toks[x+1].Norm == "to"
	}
	return speechVerbs[toks[x].Norm]
}

var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true, "this": true}

// subjectBefore reads the subject of the speech verb at toks[v]: the words
// before it back to punctuation or a word that opens a clause, at most
// eight, never the figure itself.
func subjectBefore(d *article.Document, toks []article.Token, v, a, b int) article.Span {
	start := v
	for x := v - 1; x >= 0 && v-x <= 8 && sameClause(d, toks, x, v); x-- {
		norm := toks[x].Norm
		if x >= a && x < b || isDigitToken(norm) || speechVerbs[norm] {
			break
		}
		if stopWords[norm] && !nameJoiner(d, toks, x) {
			if norm == "the" || norm == "a" || norm == "an" {
				start = x
			}
			break
		}
		if _, isWeekday := weekdays[norm]; isWeekday {
			break
		}
		start = x
	}
	if start == v || (v-start == 1 && pronouns[toks[start].Norm]) {
		return article.Span{}
	}
	return article.Span{Start: toks[start].Start, End: toks[v-1].End}
}

// phraseAfter reads a source named after its marker ("according to the
// Syrian Observatory for Human Rights", "said a spokesman").
func phraseAfter(d *article.Document, toks []article.Token, k, a, b int) article.Span {
	if k >= len(toks) || (k > 0 && !sameClause(d, toks, k-1, k)) {
		return article.Span{}
	}
	end := k
	for end < len(toks) && end-k < 8 && (end == k || sameClause(d, toks, end-1, end)) {
		norm := toks[end].Norm
		if end >= a && end < b || isDigitToken(norm) || speechVerbs[norm] {
			break
		}
		if stopWords[norm] && !(end == k && (norm == "the" || norm == "a" || norm == "an")) && !nameJoiner(d, toks, end) {
			break
		}
		end++
	}
	if end == k || pronouns[toks[k].Norm] {
		return article.Span{}
	}
	return article.Span{Start: toks[k].Start, End: toks[end-1].End}
}

// nameJoiner reports whether toks[x] is "of" or "for" inside a name:
// "Syrian Observatory for Human Rights".
func nameJoiner(d *article.Document, toks []article.Token, x int) bool {
	norm := toks[x].Norm
	return (norm == "of" || norm == "for") && x > 0 && x+1 < len(toks) &&
		capitalised(d, toks[x-1]) && capitalised(d, toks[x+1])
}

// asOf returns the time the sentence gives for a figure: the nearest
// expression in the figure's clause, or right after the verb that states
// it ("said on December 6 that"), that is not the start of a period
// ("since late November") nor relative to another event. A time in another
// clause ("..., who began their advance on November 27") dates something
// else.
func asOf(text string, times []TimeExpr, s, statedAt article.Span) TimeExpr {
	best, bestDistance := TimeExpr{}, -1
	for _, t := range times {
		if t.Since || t.Anchor == AnchorEvent {
			continue
		}
		if !sameClauseSpans(text, s, t.Span) && (statedAt.Len() == 0 || !nearAfter(text, statedAt, t.Span)) {
			continue
		}
		distance := t.Start - s.End
		if t.Span.End <= s.Start {
			distance = s.Start - t.Span.End
		}
		if distance < 0 {
			distance = 0
		}
		if bestDistance < 0 || distance < bestDistance {
			best, bestDistance = t, distance
		}
	}
	return best
}

// sameClauseSpans reports whether no clause punctuation separates two
// spans of one sentence.
func sameClauseSpans(text string, a, b article.Span) bool {
	if b.Start < a.Start {
		a, b = b, a
	}
	if a.End >= b.Start {
		return true
	}
	between := text[a.End:b.Start]
	return !strings.ContainsAny(between, ",;:()\u2013\u2014") && !strings.Contains(between, " -- ")
}

// nearAfter reports whether the time t directly follows the speech verb
// ("said on Sunday", "reported Saturday"), at most a few bytes after it.
func nearAfter(text string, verb, t article.Span) bool {
	return t.Start >= verb.End && t.Start-verb.End <= 4 && sameClauseSpans(text, verb, t)
}

// invertedSubject reports whether the speech verb at toks[v] comes after
// what was said and before who said it: `..." said the spokesman`, `...,
// said Jane Doe`.
func invertedSubject(d *article.Document, toks []article.Token, v int) bool {
	if v == 0 || v+1 >= len(toks) || sameClause(d, toks, v-1, v) || !sameClause(d, toks, v, v+1) {
		return false
	}
	next := toks[v+1].Norm
	return capitalised(d, toks[v+1]) || next == "the" || next == "a" || next == "an"
}

// afterConversion skips a bracketed conversion after a measure ("20
// kilometers (12 miles) from"), returning the index of the token after it;
// the conversion restates the figure rather than adding one.
func afterConversion(d *article.Document, toks []article.Token, k int) int {
	if k == 0 || k >= len(toks) {
		return k
	}
	gap := d.Text[toks[k-1].End:toks[k].Start]
	if strings.TrimSpace(gap) != "(" {
		return k
	}
	// A conversion is short; looking no farther keeps a run of unclosed
	// brackets from costing the square of its length.
	closing := strings.IndexByte(d.Text[toks[k].Start:min(toks[k].Start+40, len(d.Text))], ')')
	if closing < 0 {
		return k
	}
	closing += toks[k].Start
	for k < len(toks) && toks[k].Start < closing {
		k++
	}
	return k
}

// isConversion reports whether the figure at toks[j] is the bracketed
// conversion of the figure before it.
func isConversion(d *article.Document, toks []article.Token, j int, prev []Figure) bool {
	if len(prev) == 0 || j == 0 {
		return false
	}
	last := prev[len(prev)-1]
	gap := d.Text[toks[j-1].End:toks[j].Start]
	return strings.TrimSpace(gap) == "(" && toks[j-1].End <= last.End && last.Unit != ""
}

// pluralHead reports whether a word ends a counted noun phrase: a plural
// noun ("provincial capitals", "Syrian army soldiers", "people").
func pluralHead(norm string) bool {
	if plurals[norm] {
		return true
	}
	return len(norm) > 3 && strings.HasSuffix(norm, "s") && !strings.HasSuffix(norm, "ss") && !strings.HasSuffix(norm, "us") && !strings.HasSuffix(norm, "'s")
}
