package claim

import (
	"math"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// newDoc builds a document the way the pipeline does: cleaned text segmented
// into sentences, with the given publication date (zero for none).
func newDoc(id, body string, published time.Time, inferred bool) *article.Document {
	return &article.Document{ID: id, Text: body, Sentences: text.Segment(body), Published: published, PublishedInferred: inferred}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// A Thursday, so that weekdays resolve into the same week.
var thursday = day(2025, time.March, 13)

func TestFigures(t *testing.T) {
	tests := []struct {
		name, sentence string
		text           string // the figure as written
		low, high      float64
		qualifier      string
		unit           string
		outOf          float64
		counted        string
		source         string
		asOf           string // YYYY-MM-DD or ""
	}{
		{"almost, passive participle, speech verb", "The relief agency said nearly 12,000 families had been displaced by the floods.",
			"nearly 12,000", 12000, 12000, QualifierAlmost, "", 0, "families displaced", "relief agency", ""},
		{"about, kilometres, distance lead", "About 80 kilometres south of the port, rescuers found the boat.",
			"About 80 kilometres", 80, 80, QualifierAbout, "km", 0, "south of the port", "", ""},
		{"more than, weekday as-of, source after", "More than 3,200 prisoners were released on Tuesday, the ministry said.",
			"More than 3,200", 3200, 3200, QualifierMoreThan, "", 0, "prisoners released", "ministry", "2025-03-11"},
		{"up to, scale word, according to", "Up to 2.5 million residents could be affected, according to the World Health Organization.",
			"Up to 2.5 million", 2.5e6, 2.5e6, QualifierUpTo, "", 0, "residents affected", "World Health Organization", ""},
		{"at least, reported", "At least 45 miners were killed, a union official reported.",
			"At least 45", 45, 45, QualifierAtLeast, "", 0, "miners killed", "a union official", ""},
		{"exactly", "Exactly 17 ballots were missing from the box.",
			"Exactly 17", 17, 17, QualifierExactly, "", 0, "ballots missing", "", ""},
		{"less than", "Fewer than 40 doctors remain in the valley.",
			"Fewer than 40", 40, 40, QualifierLessThan, "", 0, "doctors", "", ""},
		{"dozens", "Dozens of volunteers gathered at the dock.",
			"Dozens", 24, 99, QualifierVague, "", 0, "volunteers", "", ""},
		{"hundreds", "Hundreds of cattle drowned overnight.",
			"Hundreds", 100, 999, QualifierVague, "", 0, "cattle", "", ""},
		{"thousands", "Thousands of commuters were stranded.",
			"Thousands", 1000, 9999, QualifierVague, "", 0, "commuters", "", ""},
		{"tens of thousands", "Tens of thousands of fans marched.",
			"Tens of thousands", 10000, 99999, QualifierVague, "", 0, "fans", "", ""},
		{"a dozen", "A dozen boats sank in the storm.",
			"A dozen", 12, 12, QualifierNone, "", 0, "boats", "", ""},
		{"two dozen", "Two dozen nurses resigned.",
			"Two dozen", 24, 24, QualifierNone, "", 0, "nurses", "", ""},
		{"three million", "Three million voters were registered.",
			"Three million", 3e6, 3e6, QualifierNone, "", 0, "voters", "", ""},
		{"half a million", "Half a million tourists visited the coast.",
			"Half a million", 5e5, 5e5, QualifierNone, "", 0, "tourists", "", ""},
		{"twenty-five", "Twenty-five schools closed.",
			"Twenty-five", 25, 25, QualifierNone, "", 0, "schools", "", ""},
		{"hundred and", "Three hundred and fifty houses were damaged.",
			"Three hundred and fifty", 350, 350, QualifierNone, "", 0, "houses", "", ""},
		{"two-thirds", "Two-thirds of the wells ran dry.",
			"Two-thirds", 2.0 / 3, 2.0 / 3, QualifierNone, "", 0, "wells", "", ""},
		{"out of", "The council now controls four out of 9 districts.",
			"four out of 9", 4, 4, QualifierNone, "", 9, "districts", "", ""},
		{"between range", "Between 200 and 300 protesters were detained.",
			"Between 200 and 300", 200, 300, QualifierNone, "", 0, "protesters detained", "", ""},
		{"to range", "Officials said 40 to 60 trucks arrived.",
			"40 to 60", 40, 60, QualifierNone, "", 0, "trucks", "Officials", ""},
		{"percent sign", "Turnout fell 15% in the north.",
			"15%", 15, 15, QualifierNone, "%", 0, "", "", ""},
		{"per cent", "Turnout reached 62 per cent, the commission said.",
			"62 per cent", 62, 62, QualifierNone, "%", 0, "", "commission", ""},
		{"currency", "The bridge repairs cost $4.5 million.",
			"$4.5 million", 4.5e6, 4.5e6, QualifierNone, "USD", 0, "", "", ""},
		{"people unit, counting verb before", "The storm has displaced 8,400 people, the Red Crescent said on Sunday.",
			"8,400 people", 8400, 8400, QualifierNone, "people", 0, "people displaced", "Red Crescent", "2025-03-09"},
		{"ing verb before", "Crews reached the mine, freeing more than 30 workers.",
			"more than 30", 30, 30, QualifierMoreThan, "", 0, "workers freed", "", ""},
		{"named source with of", "The Lakeside Observatory for Coastal Birds said 40 nests were lost.",
			"40", 40, 40, QualifierNone, "", 0, "nests", "Lakeside Observatory for Coastal Birds", ""},
		{"according to a monitor", "According to a monitor, 75 fighters were captured.",
			"75", 75, 75, QualifierNone, "", 0, "fighters captured", "a monitor", ""},
		{"agency via credit", "At least 12 people died in the blast, Reuters reported.",
			"At least 12 people", 12, 12, QualifierAtLeast, "people", 0, "people died", "Reuters", ""},
		{"partial date as-of, since ignored", "The agency said on March 10 that 900 families had fled since early February.",
			"900", 900, 900, QualifierNone, "", 0, "families fled", "agency", "2025-03-10"},
		{"time in another clause dates something else", "The town lies 12 km from the coast, which flooded on Monday.",
			"12 km", 12, 12, QualifierNone, "km", 0, "from the coast", "", ""},
		{"sentence-initial article of a source", "A local official said 14 shops burned.",
			"14", 14, 14, QualifierNone, "", 0, "shops", "a local official", ""},
		{"disclosed", "A militia source disclosed that the group had sent 600 fighters.",
			"600", 600, 600, QualifierNone, "", 0, "fighters sent", "a militia source", ""},
		{"euros after a scale word", "The court imposed a fine of 2 million euros.",
			"2 million euros", 2e6, 2e6, QualifierNone, "EUR", 0, "", "", ""},
		{"miles", "The trail runs 5 miles from the lake.",
			"5 miles", 5, 5, QualifierNone, "mi", 0, "from the lake", "", ""},
		{"hyphenated measure", "Crews cleared a 40-km stretch of road.",
			"40-km", 40, 40, QualifierNone, "km", 0, "stretch", "", ""},
		{"bracketed conversion is not a second figure", "The convoy stopped 30 kilometres (19 miles) from the border.",
			"30 kilometres", 30, 30, QualifierNone, "km", 0, "from the border", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc("t", tt.sentence, thursday, false)
			figures := Figures(d)
			if len(figures) != 1 {
				t.Fatalf("Figures(%q) = %d figures %+v, want 1", tt.sentence, len(figures), figures)
			}
			f := figures[0]
			if f.Text != tt.text || d.Slice(f.Span) != f.Text {
				t.Errorf("Text = %q (span %q), want %q", f.Text, d.Slice(f.Span), tt.text)
			}
			if math.Abs(f.Low-tt.low) > 1e-9 || math.Abs(f.High-tt.high) > 1e-9 {
				t.Errorf("Low, High = %v, %v, want %v, %v", f.Low, f.High, tt.low, tt.high)
			}
			if f.Qualifier != tt.qualifier || f.Unit != tt.unit || f.OutOf != tt.outOf {
				t.Errorf("Qualifier, Unit, OutOf = %q, %q, %v, want %q, %q, %v", f.Qualifier, f.Unit, f.OutOf, tt.qualifier, tt.unit, tt.outOf)
			}
			if f.Counted != tt.counted {
				t.Errorf("Counted = %q, want %q", f.Counted, tt.counted)
			}
			if f.Source != tt.source {
				t.Errorf("Source = %q, want %q", f.Source, tt.source)
			}
			if got := dateString(f.AsOf.Date); got != tt.asOf {
				t.Errorf("AsOf = %q (%q), want %q", got, f.AsOf.Text, tt.asOf)
			}
		})
	}
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestFiguresExclusions(t *testing.T) {
	for _, sentence := range []string{
		"The war began in 2011 and never ended.",
		"Resolution 2254 calls for talks.",
		"The 24-year-old driver was arrested.",
		"The meeting starts at 6:30 in the hall.",
		"The market opens at 9 a.m. every day.",
		"Call +44 20 7946 0958 for details.",
		"Call 555-123-4567 for details.",
		"Read more at https://example.org/2024/story-123 today.",
		"Send tips to desk42@example.org now.",
		"One official said the road was closed.",
		"The two cities were quiet.",
		"The talks took place on December 6.",
		"The vote is due on 6 December 2025.",
		"The siege ended three days ago.",
	} {
		d := newDoc("t", sentence, thursday, false)
		if got := Figures(d); len(got) != 0 {
			t.Errorf("Figures(%q) = %+v, want none", sentence, got)
		}
	}
}

func TestFiguresSeveralInOneSentence(t *testing.T) {
	d := newDoc("t", "The agency said almost 40,000 people had been displaced and up to 1.2 million could be forced to leave.", thursday, false)
	figures := Figures(d)
	if len(figures) != 2 {
		t.Fatalf("got %d figures, want 2: %+v", len(figures), figures)
	}
	second := figures[1]
	if second.Low != 1.2e6 || second.Qualifier != QualifierUpTo || second.Unit != "people" || second.Source != "agency" {
		t.Errorf("second figure = %+v, want up to 1.2 million people stated by the agency", second)
	}
}

func TestExtract(t *testing.T) {
	d := newDoc("a1", "The storm has displaced almost 8,400 people, the Red Crescent said on Sunday.\nNo figure here.", thursday, false)
	claims := Extract(d)
	if len(claims) != 1 {
		t.Fatalf("Extract = %+v, want one claim", claims)
	}
	want := article.Claim{ID: "a1-f1", Kind: KindFigure, Article: "a1", Sentence: 0, Text: d.SentenceText(0),
		Subject: "people displaced", Value: "almost 8,400 people", Date: "2025-03-09", DateAnchor: AnchorArticle, Speaker: "Red Crescent"}
	if claims[0] != want {
		t.Errorf("Extract = %+v\nwant      %+v", claims[0], want)
	}
}

func TestFigureValue(t *testing.T) {
	tests := []struct {
		f    Figure
		want string
	}{
		{Figure{Low: 300000, High: 300000, Qualifier: QualifierAlmost, Unit: "people"}, "almost 300,000 people"},
		{Figure{Low: 1000, High: 9999, Qualifier: QualifierVague, Noun: "detainees"}, "1,000-9,999 (vague) detainees"},
		{Figure{Low: 3, High: 3, OutOf: 14, Noun: "provincial capitals"}, "3 out of 14 provincial capitals"},
		{Figure{Low: 2.0 / 3, High: 2.0 / 3, Noun: "wells"}, "0.6667 wells"},
		{Figure{Low: 140, High: 140, Qualifier: QualifierAbout, Unit: "km"}, "about 140 km"},
	}
	for _, tt := range tests {
		if got := tt.f.Value(); got != tt.want {
			t.Errorf("Value() = %q, want %q", got, tt.want)
		}
	}
}

func TestNilAndEmptyDocuments(t *testing.T) {
	if Figures(nil) != nil || Times(nil) != nil || Extract(nil) != nil {
		t.Error("nil document gave results")
	}
	for _, d := range []*article.Document{
		{Text: "short", Sentences: []article.Sentence{{Span: article.Span{Start: 3, End: 99}}}},
		{Text: "12 people on Sunday", Sentences: []article.Sentence{{Span: article.Span{Start: 0, End: 19},
			Tokens: []article.Token{{Span: article.Span{Start: 0, End: 2}, Norm: "12"}, {Span: article.Span{Start: 1, End: 40}, Norm: "people"}}}}},
	} {
		if len(Figures(d)) != 0 || len(Times(d)) != 0 || len(Extract(d)) != 0 {
			t.Errorf("a malformed document %q gave results", d.Text)
		}
	}
}
