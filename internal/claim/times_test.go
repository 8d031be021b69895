package claim

import (
	"testing"
	"time"
)

// Sunday 8 December 2024 and Friday 3 January 2025.
var (
	sunday    = day(2024, time.December, 8)
	newYear   = day(2025, time.January, 3)
	noDate    = time.Time{}
	dayFormat = "2006-01-02"
)

func TestTimes(t *testing.T) {
	tests := []struct {
		name      string
		published time.Time
		sentence  string
		text      string // the expression as written
		date      string // first day covered, "" when unresolved
		until     string
		precision string
		anchor    string
		since     bool
	}{
		{"weekday before article date", sunday, "The bridge reopened on Saturday.", "on Saturday", "2024-12-07", "2024-12-07", PrecisionDay, AnchorArticle, false},
		{"weekday of the article date", sunday, "Crowds gathered early Sunday in the square.", "early Sunday", "2024-12-08", "2024-12-08", PrecisionDay, AnchorArticle, false},
		{"late on weekday", sunday, "The ferry left late on Sunday.", "late on Sunday", "2024-12-08", "2024-12-08", PrecisionDay, AnchorArticle, false},
		{"weekday with part of day", sunday, "Lights went out Saturday evening.", "Saturday evening", "2024-12-07", "2024-12-07", PrecisionDay, AnchorArticle, false},
		{"on weekday night", sunday, "The shelling began on Thursday night.", "on Thursday night", "2024-12-05", "2024-12-05", PrecisionDay, AnchorArticle, false},
		{"last weekday", sunday, "The vote was held last Sunday.", "last Sunday", "2024-12-01", "2024-12-01", PrecisionDay, AnchorArticle, false},
		{"next weekday", sunday, "The court sits again next Friday.", "next Friday", "2024-12-13", "2024-12-13", PrecisionDay, AnchorArticle, false},
		{"partial date across the year boundary", newYear, "The fire started on December 28.", "December 28", "2024-12-28", "2024-12-28", PrecisionDay, AnchorArticle, false},
		{"partial date in the article's year", newYear, "Talks resume on January 2.", "January 2", "2025-01-02", "2025-01-02", PrecisionDay, AnchorArticle, false},
		{"explicit date", newYear, "The dam was finished on March 3, 2019.", "March 3, 2019", "2019-03-03", "2019-03-03", PrecisionDay, AnchorStated, false},
		{"explicit month", newYear, "Prices peaked in June 2023.", "June 2023", "2023-06-01", "2023-06-30", PrecisionMonth, AnchorStated, false},
		{"yesterday", newYear, "The mayor resigned yesterday.", "yesterday", "2025-01-02", "2025-01-02", PrecisionDay, AnchorArticle, false},
		{"last week", newYear, "The port closed last week.", "last week", "2024-12-23", "2024-12-29", PrecisionWeek, AnchorArticle, false},
		{"a week ago", newYear, "The port closed a week ago.", "a week ago", "2024-12-27", "2024-12-27", PrecisionWeek, AnchorArticle, false},
		{"three days ago", newYear, "The port closed three days ago.", "three days ago", "2024-12-31", "2024-12-31", PrecisionDay, AnchorArticle, false},
		{"earlier this month", newYear, "Snow fell earlier this month.", "earlier this month", "2025-01-01", "2025-01-31", PrecisionMonth, AnchorArticle, false},
		{"late month, last year's", newYear, "The strike began in late November.", "late November", "2024-11-21", "2024-11-30", PrecisionRange, AnchorArticle, false},
		{"since marks a period start", newYear, "Prices have doubled since mid-November.", "mid-November", "2024-11-11", "2024-11-20", PrecisionRange, AnchorArticle, true},
		{"month after a preposition", newYear, "The reservoir filled in October.", "October", "2024-10-01", "2024-10-31", PrecisionMonth, AnchorArticle, false},
		{"over the weekend", sunday, "Markets stayed shut over the weekend.", "over the weekend", "2024-12-07", "2024-12-08", PrecisionRange, AnchorArticle, false},
		{"relative to an event stays unresolved", sunday, "They left just a day after the vote.", "a day after", "", "", PrecisionDay, AnchorEvent, false},
		{"undated article leaves weekdays unresolved", noDate, "The bridge reopened on Saturday.", "on Saturday", "", "", PrecisionDay, AnchorArticle, false},
		{"undated article leaves partial dates unresolved", noDate, "The fire started on December 28.", "December 28", "", "", PrecisionDay, AnchorArticle, false},
		{"undated article still resolves stated dates", noDate, "It opened on 4 May 2021.", "4 May 2021", "2021-05-04", "2021-05-04", PrecisionDay, AnchorStated, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc("t", tt.sentence, tt.published, false)
			times := Times(d)
			if len(times) != 1 {
				t.Fatalf("Times(%q) = %+v, want one expression", tt.sentence, times)
			}
			e := times[0]
			if e.Text != tt.text || d.Slice(e.Span) != e.Text {
				t.Errorf("Text = %q (span %q), want %q", e.Text, d.Slice(e.Span), tt.text)
			}
			if got := dateString(e.Date); got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if got := dateString(e.Until); got != tt.until {
				t.Errorf("Until = %q, want %q", got, tt.until)
			}
			if e.Precision != tt.precision || e.Anchor != tt.anchor || e.Since != tt.since || e.Inferred {
				t.Errorf("Precision, Anchor, Since, Inferred = %q, %q, %v, %v, want %q, %q, %v, false",
					e.Precision, e.Anchor, e.Since, e.Inferred, tt.precision, tt.anchor, tt.since)
			}
		})
	}
}

func TestTimesInferredArticleDate(t *testing.T) {
	d := newDoc("t", "The bridge reopened on Saturday. It had closed on 2 March 2024.", sunday, true)
	times := Times(d)
	if len(times) != 2 {
		t.Fatalf("Times = %+v, want two", times)
	}
	if e := times[0]; e.Anchor != AnchorArticleInferred || !e.Inferred || e.Date.Format(dayFormat) != "2024-12-07" {
		t.Errorf("relative weekday = %+v, want 2024-12-07 anchored on the inferred article date", e)
	}
	if e := times[1]; e.Anchor != AnchorStated || e.Inferred {
		t.Errorf("stated date = %+v, want stated and not inferred", e)
	}
}

func TestTimesNotDates(t *testing.T) {
	for _, sentence := range []string{
		"You may march with us.",
		"The May Day parade was cancelled.",
		"The talks were held in Geneva.",
	} {
		d := newDoc("t", sentence, sunday, false)
		if got := Times(d); len(got) != 0 {
			t.Errorf("Times(%q) = %+v, want none", sentence, got)
		}
	}
}

func TestNearestMonthDay(t *testing.T) {
	// 29 February resolves to the latest leap year before the date.
	if got := nearestMonthDay(day(2025, time.March, 1), time.February, 29); got != day(2024, time.February, 29) {
		t.Errorf("nearestMonthDay(29 Feb) = %v, want 2024-02-29", got)
	}
	if got := nearestMonthDay(day(2025, time.March, 1), time.March, 1); got != day(2025, time.March, 1) {
		t.Errorf("nearestMonthDay on the day = %v, want the same day", got)
	}
}

func TestWeekdayAfterInferredDate(t *testing.T) {
	saturday := time.Date(2031, 3, 8, 0, 0, 0, 0, time.UTC)
	if saturday.Weekday() != time.Saturday {
		t.Fatal("fixture date is not a Saturday")
	}
	tests := []struct {
		inferred bool
		want     time.Time
	}{
		{true, saturday.AddDate(0, 0, 1)},   // the article may be from Sunday
		{false, saturday.AddDate(0, 0, -6)}, // a stated Saturday date: the Sunday before
	}
	for _, tt := range tests {
		d := newDoc("a", "Crews reached the town on Sunday.", saturday, tt.inferred)
		ts := Times(d)
		if len(ts) != 1 || !ts[0].Date.Equal(tt.want) || ts[0].Inferred != tt.inferred {
			t.Errorf("inferred=%v: times %+v, want %s", tt.inferred, ts, tt.want.Format("2006-01-02"))
		}
	}
}
