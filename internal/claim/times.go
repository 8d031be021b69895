package claim

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// TimeExpr is a mention of a date or time in an article, resolved to the
// calendar when it can be.
type TimeExpr struct {
	article.Span
	Sentence int    // index into Document.Sentences
	Text     string // the words as written: "early on Sunday", "late November"
	// Date is the first day the expression covers (midnight UTC); zero when
	// it could not be resolved (a relative expression in an undated
	// article, or one relative to another event: "a day after").
	Date      time.Time
	Until     time.Time // last day covered; equal to Date for day precision
	Precision string    // PrecisionDay, PrecisionWeek, PrecisionMonth, PrecisionYear or PrecisionRange
	Anchor    string    // AnchorArticle, AnchorArticleInferred, AnchorStated or AnchorEvent
	Inferred  bool      // resolved against a publication date read from the text
	// Since marks a start of a period ("since late November") rather than
	// the moment something held.
	Since bool
}

// Precisions of a TimeExpr.
const (
	PrecisionDay   = "day"
	PrecisionWeek  = "week"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
	PrecisionRange = "range"
)

// Anchors of a TimeExpr: what it was resolved against.
const (
	AnchorArticle         = "article date"
	AnchorArticleInferred = "article date (inferred)"
	AnchorStated          = "stated"
	// AnchorEvent is an expression relative to another event ("a day
	// after"), which only an event model can resolve; Date stays zero.
	AnchorEvent = "event"
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April,
	"may": time.May, "june": time.June, "july": time.July, "august": time.August,
	"september": time.September, "october": time.October, "november": time.November, "december": time.December,
}

// Words that may open a weekday or month expression, and those that may
// close a weekday one.
var (
	timeOpeners  = map[string]bool{"on": true, "early": true, "late": true, "last": true, "next": true, "this": true, "since": true, "until": true, "by": true, "in": true, "mid": true, "from": true}
	partsOfDay   = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}
	periodUnits  = map[string]string{"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year"}
	eventRelated = map[string]bool{"after": true, "before": true, "later": true, "earlier": true}
)

// Times returns the date and time expressions of d in text order: explicit
// dates, month-days without a year, weekdays, months and relative
// expressions, resolved against d.Published when they need it.
func Times(d *article.Document) []TimeExpr {
	if d == nil {
		return nil
	}
	var out []TimeExpr
	for i := range d.Sentences {
		out = append(out, sentenceTimes(d, i)...)
	}
	return out
}

// timeResolver resolves expressions against one article's date.
type timeResolver struct {
	published time.Time // midnight UTC of the publication day; zero when unknown
	anchor    string
	inferred  bool
}

func newResolver(d *article.Document) timeResolver {
	r := timeResolver{anchor: AnchorArticle}
	if !d.Published.IsZero() {
		p := d.Published.UTC()
		r.published = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
	}
	if d.PublishedInferred {
		r.anchor, r.inferred = AnchorArticleInferred, true
	}
	return r
}

// relative returns an expression resolved against the article date by
// resolve, or left with a zero Date when the article has none.
func (r timeResolver) relative(e TimeExpr, resolve func(p time.Time) (time.Time, time.Time)) TimeExpr {
	e.Anchor, e.Inferred = r.anchor, r.inferred
	if !r.published.IsZero() {
		e.Date, e.Until = resolve(r.published)
	}
	return e
}

func sentenceTimes(d *article.Document, i int) []TimeExpr {
	if !validSentence(d, i) {
		return nil
	}
	s := d.Sentences[i]
	r := newResolver(d)
	sentence := d.Text[s.Start:s.End]
	var out []TimeExpr
	// covered marks the tokens already inside an expression, so that each
	// token is looked at once however many expressions the sentence has.
	covered := make([]bool, len(s.Tokens))
	add := func(e TimeExpr) {
		e.Sentence = i
		e.Text = d.Text[e.Start:e.End]
		first, _ := markTokens(s.Tokens, covered, e.Span)
		e.Since = first > 0 && first < len(s.Tokens) && s.Tokens[first].Start == e.Start && sinceWord(d, s.Tokens, first)
		out = append(out, e)
	}
	for _, m := range text.Dates(sentence) {
		e := TimeExpr{Span: shift(m.Span, s.Start), Date: m.Time, Until: m.Time, Precision: m.Precision, Anchor: AnchorStated}
		if m.Precision == text.PrecisionMonth {
			e.Until = lastOfMonth(m.Time)
		}
		add(e)
	}
	for _, p := range text.PartialDates(sentence) {
		add(r.relative(TimeExpr{Span: shift(p.Span, s.Start), Precision: PrecisionDay}, func(pub time.Time) (time.Time, time.Time) {
			day := nearestMonthDay(pub, p.Month, p.Day)
			return day, day
		}))
	}
	toks := s.Tokens
	for j := 0; j < len(toks); j++ {
		if covered[j] {
			continue
		}
		e, next, ok := tokenTime(d, r, toks, j)
		if !ok || anyMarked(covered, j, next) {
			continue
		}
		add(e)
		j = next - 1
	}
	slices.SortFunc(out, func(a, b TimeExpr) int { return a.Start - b.Start })
	return out
}

// tokenTime reads a weekday, month, relative or event-relative expression
// starting at toks[j], returning it and the index of the token after it.
func tokenTime(d *article.Document, r timeResolver, toks []article.Token, j int) (TimeExpr, int, bool) {
	if e, next, ok := relativeAt(d, r, toks, j); ok {
		return e, next, true
	}
	if e, next, ok := agoAt(d, r, toks, j); ok {
		return e, next, true
	}
	if e, next, ok := weekdayAt(d, r, toks, j); ok {
		return e, next, true
	}
	return monthAt(d, r, toks, j)
}

func relativeAt(d *article.Document, r timeResolver, toks []article.Token, j int) (TimeExpr, int, bool) {
	best := -1
	for _, k := range relativesByFirstWord[toks[j].Norm] {
		if rel := relatives[k]; matchWords(d, toks, j, rel.words) && (best < 0 || len(rel.words) > len(relatives[best].words)) {
			best = k
		}
	}
	if best < 0 {
		return TimeExpr{}, 0, false
	}
	rel := relatives[best]
	end := j + len(rel.words)
	e := TimeExpr{Span: article.Span{Start: toks[j].Start, End: toks[end-1].End}, Precision: rel.precision}
	return r.relative(e, func(p time.Time) (time.Time, time.Time) { return periodAround(p, rel.unit, rel.offset) }), end, true
}

// agoAt reads "a week ago", "three days ago" and the event-relative "a day
// after", "two days later".
func agoAt(d *article.Document, r timeResolver, toks []article.Token, j int) (TimeExpr, int, bool) {
	if j+2 >= len(toks) || !sameClause(d, toks, j, j+2) {
		return TimeExpr{}, 0, false
	}
	n, ok := countWord(toks[j].Norm)
	unit, isUnit := periodUnits[toks[j+1].Norm]
	if !ok || !isUnit {
		return TimeExpr{}, 0, false
	}
	e := TimeExpr{Span: article.Span{Start: toks[j].Start, End: toks[j+2].End}, Precision: unit}
	if unit == "day" {
		e.Precision = PrecisionDay
	}
	switch word := toks[j+2].Norm; {
	case word == "ago":
		return r.relative(e, func(p time.Time) (time.Time, time.Time) {
			switch unit {
			case "week":
				p = p.AddDate(0, 0, -7*n)
			case "month":
				p = p.AddDate(0, -n, 0)
			case "year":
				p = p.AddDate(-n, 0, 0)
			default:
				p = p.AddDate(0, 0, -n)
			}
			return p, p
		}), j + 3, true
	case eventRelated[word]:
		e.Anchor = AnchorEvent
		return e, j + 3, true
	}
	return TimeExpr{}, 0, false
}

// countWord reads the count of a period: "a", "an", "one".."twelve" or
// digits up to 99.
func countWord(norm string) (int, bool) {
	if norm == "a" || norm == "an" {
		return 1, true
	}
	if w, ok := numberWords[norm]; ok && w.kind == "unit" && w.value >= 1 && w.value <= 12 {
		return int(w.value), true
	}
	if len(norm) <= 2 {
		n := 0
		for _, c := range []byte(norm) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, n > 0
	}
	return 0, false
}

// weekdayAt reads "Saturday", "on Saturday", "early Sunday", "late on
// Sunday", "Saturday evening", "on Thursday night", "last Friday".
func weekdayAt(d *article.Document, r timeResolver, toks []article.Token, j int) (TimeExpr, int, bool) {
	start, k := openers(d, toks, j)
	if k >= len(toks) || !capitalised(d, toks[k]) {
		return TimeExpr{}, 0, false
	}
	wd, ok := weekdays[toks[k].Norm]
	if !ok {
		return TimeExpr{}, 0, false
	}
	end := k + 1
	if end < len(toks) && partsOfDay[toks[end].Norm] && sameClause(d, toks, k, end) {
		end++
	}
	direction := 0
	for x := start; x < k; x++ {
		switch toks[x].Norm {
		case "last":
			direction = -1
		case "next":
			direction = 1
		}
	}
	e := TimeExpr{Span: article.Span{Start: toks[start].Start, End: toks[end-1].End}, Precision: PrecisionDay}
	return r.relative(e, func(p time.Time) (time.Time, time.Time) {
		if r.inferred && direction == 0 {
			// An inferred date is only the latest date the text states: the
			// article may be from the day after. So a plain weekday is taken
			// within the week that runs to the day after it, not strictly
			// before it: "on Sunday" in a text whose latest date is a
			// Saturday is the next day, not eight days earlier.
			day := weekdayNear(p.AddDate(0, 0, 1), wd, 0)
			return day, day
		}
		day := weekdayNear(p, wd, direction)
		return day, day
	}), end, true
}

// monthAt reads a month named without a day or year, after a word that
// makes it a time ("in November", "since late November", "mid-November"),
// because a bare capitalised "May" or "March" is as often a verb or a name.
func monthAt(d *article.Document, r timeResolver, toks []article.Token, j int) (TimeExpr, int, bool) {
	start, k := openers(d, toks, j)
	if k >= len(toks) || !capitalisedAt(d, toks[k].Start+strings.IndexByte(toks[k].Norm, '-')+1) {
		return TimeExpr{}, 0, false
	}
	norm, part := toks[k].Norm, ""
	if rest, ok := strings.CutPrefix(norm, "mid-"); ok {
		norm, part = rest, "mid"
	}
	m, ok := months[norm]
	if !ok || (k == j && part == "") {
		return TimeExpr{}, 0, false
	}
	for x := start; x < k; x++ {
		switch toks[x].Norm {
		case "early", "late", "mid":
			part = toks[x].Norm
		}
	}
	e := TimeExpr{Span: article.Span{Start: toks[start].Start, End: toks[k].End}, Precision: PrecisionMonth}
	if part != "" {
		e.Precision = PrecisionRange
	}
	return r.relative(e, func(p time.Time) (time.Time, time.Time) {
		first := time.Date(p.Year(), m, 1, 0, 0, 0, 0, time.UTC)
		if first.After(p) {
			first = first.AddDate(-1, 0, 0)
		}
		last := lastOfMonth(first)
		switch part {
		case "early":
			return first, first.AddDate(0, 0, 9)
		case "mid":
			return first.AddDate(0, 0, 10), first.AddDate(0, 0, 19)
		case "late":
			return first.AddDate(0, 0, 20), last
		}
		return first, last
	}), k + 1, true
}

// openers skips the words that may open a weekday or month expression at
// toks[j] ("late on"), returning where the expression starts and the index
// of its first non-opener token.
func openers(d *article.Document, toks []article.Token, j int) (start, k int) {
	k = j
	for k < len(toks) && k-j < 2 && timeOpeners[toks[k].Norm] && k+1 < len(toks) && sameClause(d, toks, k, k+1) {
		k++
	}
	start = j
	for start < k && !keepsOpener(toks[start].Norm) {
		start++
	}
	return start, k
}

// keepsOpener tells which opening words belong in the expression's text:
// "early Sunday" and "on Saturday" read as written, while "in" and "by"
// are the sentence's, not the date's. "since" is kept out so that Since
// can be read from what precedes the expression.
func keepsOpener(norm string) bool {
	switch norm {
	case "on", "early", "late", "last", "next", "this", "mid":
		return true
	}
	return false
}

func matchWords(d *article.Document, toks []article.Token, j int, words []string) bool {
	if j+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[j+k].Norm != w || (k > 0 && !sameClause(d, toks, j+k-1, j+k)) {
			return false
		}
	}
	return true
}

// sinceWord reports whether the word before toks[k] is "since" or
// "from": the expression there opens a period.
func sinceWord(d *article.Document, toks []article.Token, k int) bool {
	return (toks[k-1].Norm == "since" || toks[k-1].Norm == "from") && sameClause(d, toks, k-1, k)
}

// weekdayNear returns the weekday wd nearest p: on or before it by
// default, strictly before for "last", strictly after for "next".
func weekdayNear(p time.Time, wd time.Weekday, direction int) time.Time {
	back := (int(p.Weekday()) - int(wd) + 7) % 7
	switch direction {
	case 1:
		ahead := (int(wd) - int(p.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		return p.AddDate(0, 0, ahead)
	case -1:
		if back == 0 {
			back = 7
		}
	}
	return p.AddDate(0, 0, -back)
}

// nearestMonthDay returns the month-day in the year that puts it nearest
// before or at p: news reports what happened, so "December 28" in an
// article of 3 January is last year's.
func nearestMonthDay(p time.Time, m time.Month, day int) time.Time {
	for year := p.Year(); year > p.Year()-8; year-- {
		t := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
		// time.Date normalises 29 February of a common year to 1 March;
		// such a year does not have the day.
		if t.Day() == day && !t.After(p) {
			return t
		}
	}
	return time.Time{}
}

// periodAround returns the first and last day of the period unit offset
// steps from p.
func periodAround(p time.Time, unit string, offset int) (time.Time, time.Time) {
	switch unit {
	case "week":
		monday := p.AddDate(0, 0, -((int(p.Weekday())+6)%7)+7*offset)
		return monday, monday.AddDate(0, 0, 6)
	case "past-week":
		return p.AddDate(0, 0, -7), p
	case "weekend":
		saturday := weekdayNear(p, time.Saturday, 0)
		return saturday, saturday.AddDate(0, 0, 1)
	case "month":
		first := time.Date(p.Year(), p.Month()+time.Month(offset), 1, 0, 0, 0, 0, time.UTC)
		return first, lastOfMonth(first)
	case "year":
		first := time.Date(p.Year()+offset, time.January, 1, 0, 0, 0, 0, time.UTC)
		return first, time.Date(p.Year()+offset, time.December, 31, 0, 0, 0, 0, time.UTC)
	}
	day := p.AddDate(0, 0, offset)
	return day, day
}

func lastOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
}

func shift(s article.Span, offset int) article.Span {
	return article.Span{Start: s.Start + offset, End: s.End + offset}
}

// markTokens marks the tokens that overlap span and returns their index
// range [first, end); tokens are in text order, so a binary search finds
// the first.
func markTokens(toks []article.Token, marks []bool, span article.Span) (first, end int) {
	first, _ = slices.BinarySearchFunc(toks, span.Start, func(t article.Token, start int) int {
		if t.End <= start {
			return -1
		}
		return 1
	})
	end = first
	for end < len(toks) && toks[end].Start < span.End {
		marks[end] = true
		end++
	}
	return first, end
}

// anyMarked reports whether any of the tokens [first, end) is marked.
func anyMarked(marks []bool, first, end int) bool {
	return slices.Contains(marks[first:min(end, len(marks))], true)
}

// sameClause reports whether only white space separates toks[a] from
// toks[b] (a < b, adjacent or not): no comma, period, quote or bracket.
func sameClause(d *article.Document, toks []article.Token, a, b int) bool {
	if a < 0 || b >= len(toks) || a >= b {
		return false
	}
	for k := a; k < b; k++ {
		for _, c := range []byte(d.Text[toks[k].End:toks[k+1].Start]) {
			if c != ' ' && c != '\t' {
				return false
			}
		}
	}
	return true
}

// capitalised reports whether the token starts with an upper-case ASCII
// letter: weekday and month names are written so, and "may" or "march" in
// lower case are verbs.
func capitalised(d *article.Document, t article.Token) bool {
	return capitalisedAt(d, t.Start)
}

func capitalisedAt(d *article.Document, i int) bool {
	if i < 0 || i >= len(d.Text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(d.Text[i:])
	return 'A' <= r && r <= 'Z'
}
