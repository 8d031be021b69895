package summary

import (
	"slices"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/claim/event"
	"github.com/corroborate/corroborate/internal/text"
)

// BackgroundPrefix opens the text of a timeline event that happened well
// before the story's own days. The article types have no field for it, so
// the mark travels in the text, and background events come after the
// story's own, each part ordered by date.
const BackgroundPrefix = "Background: "

// backgroundDays is how long before the story's latest date an event stops
// being part of the story and becomes its background.
const backgroundDays = 60

// maxEventWords trims a long event sentence: a timeline line is read at a
// glance.
const maxEventWords = 40

// StoryDate returns the story's date context: the latest publication date
// of its documents, and whether that date was read from the text rather
// than given. When no document is dated it falls back to the latest
// day-precision date stated in the texts, which is inferred too. It is what
// a month-day without a year ("on November 27") is resolved against when
// its own article is undated. The zero time means no context is known.
func StoryDate(a *article.Analysis) (time.Time, bool) {
	if a == nil || a.Story == nil {
		return time.Time{}, false
	}
	var latest time.Time
	inferred := false
	for _, d := range a.Story.Documents {
		if d == nil || d.Published.IsZero() {
			continue
		}
		p := midnight(d.Published)
		if p.After(latest) || p.Equal(latest) && !d.PublishedInferred {
			latest, inferred = p, d.PublishedInferred
		}
	}
	if !latest.IsZero() {
		return latest, inferred
	}
	for _, d := range a.Story.Documents {
		if d == nil {
			continue
		}
		for _, m := range text.Dates(d.Text) {
			if m.Precision == text.PrecisionDay && m.Time.After(latest) {
				latest = m.Time
			}
		}
	}
	return latest, !latest.IsZero()
}

// dated is one timeline entry before merging.
type dated struct {
	from, until time.Time
	precision   string
	inferred    bool
	text        string
	words       map[string]bool
	sources     []string
}

// Timeline returns the story's dated events: the sentences stating an
// event with a resolved time, or an explicit date, merged across articles
// when they state the same event on the same date, ordered by date, with
// the background (events more than 60 days before the story's latest date)
// after the story's own days and its text prefixed with BackgroundPrefix.
func Timeline(a *article.Analysis) []article.TimelineEvent {
	out := []article.TimelineEvent{}
	if a == nil || a.Story == nil {
		return out
	}
	context, contextInferred := StoryDate(a)
	var entries []*dated
	for _, d := range sortedDocs(a.Story.Documents) {
		seen := map[[2]int64]bool{} // (sentence, day) already taken
		add := func(sentence int, e claim.TimeExpr) {
			e, ok := resolve(d, e, context, contextInferred)
			if !ok {
				return
			}
			key := [2]int64{int64(sentence), e.Date.Unix()}
			if seen[key] || sentence < 0 || sentence >= len(d.Sentences) || d.Sentences[sentence].Heading {
				return
			}
			seen[key] = true
			t := trimWords(strings.TrimSpace(d.SentenceText(sentence)), maxEventWords)
			entries = append(entries, &dated{
				from: e.Date, until: e.Until, precision: e.Precision, inferred: e.Inferred,
				text: t, words: ContentWords(t), sources: []string{d.ID},
			})
		}
		// Event statements first: their time is the one nearest the verb,
		// the best evidence of when the event happened.
		for _, ev := range event.Extract(d) {
			if ev.Polarity == event.Asserted {
				add(ev.Sentence, ev.When)
			}
		}
		for _, e := range claim.Times(d) {
			if e.Anchor == claim.AnchorStated || isPartialDate(e) {
				add(e.Sentence, e)
			}
		}
	}
	merged := mergeEntries(entries)
	latest := context
	for _, e := range merged {
		if e.until.After(latest) {
			latest = e.until
		}
	}
	cutoff := latest.AddDate(0, 0, -backgroundDays)
	var own, background []*dated
	for _, e := range merged {
		if !latest.IsZero() && e.until.Before(cutoff) {
			background = append(background, e)
		} else {
			own = append(own, e)
		}
	}
	for _, part := range []struct {
		entries []*dated
		prefix  string
	}{{own, ""}, {background, BackgroundPrefix}} {
		slices.SortStableFunc(part.entries, func(x, y *dated) int {
			if c := x.from.Compare(y.from); c != 0 {
				return c
			}
			if c := x.until.Compare(y.until); c != 0 {
				return c
			}
			return len(y.sources) - len(x.sources)
		})
		for _, e := range part.entries {
			out = append(out, article.TimelineEvent{
				Date: formatDate(e), DatePrecision: e.precision, Inferred: e.inferred,
				Text: part.prefix + e.text, Sources: e.sources,
			})
		}
	}
	return out
}

// resolve returns e with a calendar date, resolving a month-day whose
// article is undated against the story's date context; false when e has
// no usable date. Weekdays and relative words are not resolved against
// the story: "on Sunday" in an undated report may be any Sunday.
func resolve(d *article.Document, e claim.TimeExpr, context time.Time, contextInferred bool) (claim.TimeExpr, bool) {
	if e.Date.IsZero() && isPartialDate(e) && !context.IsZero() {
		for _, p := range text.PartialDates(e.Text) {
			day := nearestMonthDay(context, p.Month, p.Day)
			if day.IsZero() {
				break
			}
			e.Date, e.Until, e.Precision = day, day, claim.PrecisionDay
			// Another article's date, or one read from the text, is not
			// this article's statement: the date is inferred.
			e.Inferred = contextInferred || d.Published.IsZero()
			break
		}
	}
	if e.Date.IsZero() || e.Precision == claim.PrecisionYear && e.Anchor != claim.AnchorStated {
		return e, false
	}
	if e.Until.IsZero() || e.Until.Before(e.Date) {
		e.Until = e.Date
	}
	return e, true
}

// isPartialDate reports a month-day stated without a year.
func isPartialDate(e claim.TimeExpr) bool {
	return e.Anchor != claim.AnchorStated && e.Anchor != claim.AnchorEvent && len(text.PartialDates(e.Text)) > 0
}

// nearestMonthDay returns the month-day nearest before or at p: news
// reports what has happened, so "December 28" read in January is last year's.
func nearestMonthDay(p time.Time, m time.Month, day int) time.Time {
	for year := p.Year(); year > p.Year()-2; year-- {
		t := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
		if t.Day() == day && !t.After(p) {
			return t
		}
	}
	return time.Time{}
}

// mergeEntries joins entries stating the same event on the same dates,
// keeping the first wording and every source.
func mergeEntries(entries []*dated) []*dated {
	var out []*dated
	for _, e := range entries {
		merged := false
		for _, o := range out {
			if o.from.Equal(e.from) && o.until.Equal(e.until) && sameEvent(o.words, e.words) {
				o.sources = append(o.sources, e.sources...)
				slices.Sort(o.sources)
				o.sources = slices.Compact(o.sources)
				o.inferred = o.inferred && e.inferred
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, e)
		}
	}
	return out
}

// sameEvent is looser than Similar: two reports of one dated event share
// its date already, so a third of their words is enough.
func sameEvent(a, b map[string]bool) bool { return Similarity(a, b) >= 0.34 }

func formatDate(e *dated) string {
	const layout = "2006-01-02"
	if e.precision == claim.PrecisionDay || e.from.Equal(e.until) {
		return e.from.Format(layout)
	}
	return e.from.Format(layout) + "/" + e.until.Format(layout)
}

func midnight(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func trimWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + " …"
}
