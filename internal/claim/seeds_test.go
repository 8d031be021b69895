package claim

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/sharedtest"
)

// seedDates gives publication dates to the seed reports that need one: the
// files carry no metadata. 000 dates its photographs 6 and 7 December 2024
// and reports the entry into the capital "on Sunday"; 004 reports what was
// said "late on December 7"; both were written on Sunday 8 December 2024.
// The date is read from the text, so it is marked inferred, as the cleaner
// marks such dates. The other reports stay undated, which exercises the
// unresolved path on real text.
var seedDates = map[string]time.Time{
	"000": day(2024, time.December, 8),
	"004": day(2024, time.December, 8),
}

// seedDocuments reads the real scraped reports, which must never be copied
// into the project. It skips when they are missing, except on CI.
func seedDocuments(t *testing.T) map[string]*article.Document {
	t.Helper()
	docs := map[string]*article.Document{}
	for _, f := range sharedtest.Seeds(t) {
		id := f.Name[:3]
		published, dated := seedDates[id]
		docs[id] = newDoc(id, f.Text, published, dated)
	}
	return docs
}

func TestSeedFigures(t *testing.T) {
	docs := seedDocuments(t)
	type want struct {
		article   string
		low       float64
		qualifier string
		unit      string
		counted   string
		source    string
		asOf      string
	}
	for _, w := range []want{
		{"000", 370000, QualifierNone, "people", "people displaced", "United Nations", ""},
		{"004", 300000, QualifierAlmost, "people", "people displaced", "United Nations", "2024-12-06"},
		{"003", 3500, QualifierMoreThan, "", "inmates freed", "Syrian rebel forces", ""},
	} {
		d, ok := docs[w.article]
		if !ok {
			t.Fatalf("seed %s missing", w.article)
		}
		figures := Figures(d)
		i := slices.IndexFunc(figures, func(f Figure) bool { return f.Low == w.low })
		if i < 0 {
			t.Errorf("seed %s: no figure %v among %d", w.article, w.low, len(figures))
			continue
		}
		f := figures[i]
		if f.Qualifier != w.qualifier || f.Unit != w.unit || f.Counted != w.counted || f.Source != w.source || dateString(f.AsOf.Date) != w.asOf {
			t.Errorf("seed %s: figure %q = {%q %q counted %q source %q as of %q}, want {%q %q %q %q %q}", w.article, f.Text,
				f.Qualifier, f.Unit, f.Counted, f.Source, dateString(f.AsOf.Date), w.qualifier, w.unit, w.counted, w.source, w.asOf)
		}
		if w.asOf != "" && f.AsOf.Anchor != AnchorArticleInferred {
			t.Errorf("seed %s: as-of anchor %q, want %q", w.article, f.AsOf.Anchor, AnchorArticleInferred)
		}
	}
}

func TestSeedClaimsAndExclusions(t *testing.T) {
	docs := seedDocuments(t)
	total := 0
	for id, d := range docs {
		for _, f := range Figures(d) {
			total++
			// Years, resolution numbers and the age of the conflict are
			// in the seeds; none of them is a figure.
			if slices.Contains([]string{"1971", "2000", "2011", "2015", "2017", "2018", "2022", "2024", "2254"}, f.Text) {
				t.Errorf("seed %s: year or name number read as a figure: %q", id, f.Text)
			}
			if strings.Contains(f.Text, "year-old") {
				t.Errorf("seed %s: age read as a figure: %q", id, f.Text)
			}
		}
		for _, c := range Extract(d) {
			if c.Kind != KindFigure || c.Article != id || !strings.HasPrefix(c.ID, id+"-f") || c.Text != d.SentenceText(c.Sentence) {
				t.Errorf("seed %s: malformed claim %+v", id, c)
			}
		}
	}
	if total < 15 {
		t.Errorf("only %d figures in the seeds; the reports hold more than 20", total)
	}
	claims := Extract(docs["004"])
	if !slices.ContainsFunc(claims, func(c article.Claim) bool {
		return c.Value == "almost 300,000 people" && c.Subject == "people displaced" && c.Speaker == "United Nations" && c.Date == "2024-12-06"
	}) {
		t.Errorf("seed 004: no claim of almost 300000 people displaced stated by the United Nations as of 2024-12-06")
	}
}

func TestSeedTimes(t *testing.T) {
	docs := seedDocuments(t)
	for _, e := range Times(docs["004"]) {
		if e.Anchor != AnchorStated && !e.Inferred {
			t.Errorf("seed 004: %q resolved against an inferred date without saying so", e.Text)
		}
	}
	// An undated report still reports its weekdays, unresolved.
	weekdaysSeen := 0
	for _, e := range Times(docs["003"]) {
		if strings.Contains(e.Text, "Saturday") {
			weekdaysSeen++
			if !e.Date.IsZero() {
				t.Errorf("seed 003 is undated but %q resolved to %v", e.Text, e.Date)
			}
		}
	}
	if weekdaysSeen == 0 {
		t.Error("seed 003: no Saturday found")
	}
}
