package report

import (
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// The fixture is invented: Marrowby, the Tessel River, the outlets and the
// Northwire agency do not exist.

var generated = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

const (
	copiedLead  = "The Tessel River burst its banks early on Thursday, forcing the closure of the Old Mill Bridge."
	varga120    = "Mayor Ilse Varga said 120 residents had been moved to the Fenwick school hall overnight."
	vargaQuote  = `"We will not reopen the crossing until engineers have checked every pillar," Varga told reporters.`
	quay300     = "About 300 people were evacuated from the low-lying Quay district, according to the fire service."
	radio300    = "Some 300 residents left their homes, the fire service said."
	peakFriday  = "The river authority said water levels would peak on Friday afternoon."
	maintenance = "Critics said the river authority had cut maintenance spending twice since 2023."
	// One Northwire sentence, reprinted by a1 and a2 with different numbers.
	traffic9000 = "The bridge carries about 9,000 vehicles a day, the council said."
	traffic6000 = "The bridge carries about 6,000 vehicles a day, the council said."
)

func fixtureDocs() (a1, a2, a3 *article.Document) {
	a1 = document(&article.Document{
		ID:        "a1",
		Source:    "Marrowby Gazette",
		URL:       "https://gazette.example/news/tessel-flood",
		Title:     "Tessel floods force Old Mill Bridge closure",
		Published: time.Date(2026, 2, 27, 9, 30, 0, 0, time.UTC),
		Language:  "en",
		Text: strings.Join([]string{
			"MARROWBY (Northwire) - " + copiedLead,
			varga120,
			vargaQuote,
			peakFriday,
			"Volunteers described the rising water as a slow-moving disaster.",
			traffic9000,
		}, "\n"),
		Removed: []article.Removal{
			{Text: "Share | Tweet | Email", Reason: "share buttons"},
			{Text: "Subscribe to the Gazette for one pound a week and never miss local news from Marrowby and the surrounding villages, including sport, weather and the weekly property supplement.", Reason: "boilerplate"},
		},
		Bylines:   []string{"By Tomas Reyl"},
		Datelines: []string{"MARROWBY (Northwire) -"},
	})
	a2 = document(&article.Document{
		ID:                "a2",
		Source:            "Coastline Daily",
		URL:               "https://coastline.example/2026/02/27/marrowby_flood",
		Title:             "300 evacuated as river floods Quay district",
		Published:         time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC),
		PublishedInferred: true,
		Language:          "en",
		Text: strings.Join([]string{
			copiedLead,
			quay300,
			vargaQuote,
			"Residents accused the river authority of ignoring warnings about the flood defences.",
			traffic6000,
		}, "\n"),
		Removed: []article.Removal{
			{Text: "Read more: Ten things to do on the coast this spring", Reason: "related links"},
		},
		CreditLines: []string{"(Reporting by Northwire)"},
	})
	a3 = document(&article.Document{
		ID:       "a3",
		Source:   "Harbor Radio | News",
		Title:    "Pumps run all night in the Quay",
		Language: "en",
		Text: strings.Join([]string{
			"Emergency crews spent the night pumping water from homes in the Quay district.",
			radio300,
			"Mayor Varga called the flooding the worst in forty years.",
			maintenance,
		}, "\n"),
	})
	return a1, a2, a3
}

// fixture has one story with every section filled and one with every section
// empty, so that each renderer's full and empty paths are both exercised.
func fixture() Report {
	a1, a2, a3 := fixtureDocs()
	full := article.NewAnalysis(&article.Story{
		ID:        "s1",
		Title:     "Tessel River flood closes Marrowby's Old Mill Bridge",
		Documents: []*article.Document{a1, a2, a3},
	})
	full.Provenance = article.Provenance{
		NearDuplicates: []article.NearDuplicate{{A: "a1", B: "a2", Similarity: 0.81}},
		SharedPassages: []article.SharedPassage{
			{Articles: []string{"a1", "a2"}, Text: copiedLead, Kind: "copied", Offsets: offsets(copiedLead, a1, a2)},
			{Articles: []string{"a1", "a2"}, Text: vargaQuote, Kind: "quote", Offsets: offsets(vargaQuote, a1, a2)},
		},
		Credits: []article.Credit{
			{Article: "a1", Agency: "Northwire", Evidence: "MARROWBY (Northwire) -"},
			{Article: "a2", Agency: "Northwire", Evidence: "(Reporting by Northwire)"},
		},
		Origins:     [][]string{{"a1", "a2"}, {"a3"}},
		OriginLinks: []article.OriginLink{{A: "a1", B: "a2", Reason: "copied passage", Evidence: "The Old Mill Bridge was closed to traffic on Thursday after the river rose."}},
	}
	full.Entities = []article.Entity{
		{
			ID: "e1", Name: "Ilse Varga", Type: "person",
			Aliases:  []string{"Mayor Varga", "Varga"},
			Roles:    []string{"mayor of Marrowby"},
			Articles: map[string]int{"a1": 2, "a2": 1, "a3": 1},
			Links: []article.EntityLink{
				{Alias: "Varga", Evidence: vargaQuote, Confidence: 0.95},
				{Alias: "Mayor Varga", Evidence: "Mayor Varga called the flooding the worst in forty years.", Confidence: 0.9},
			},
		},
		{
			ID: "e2", Name: "Tessel River Authority", Type: "organisation",
			Aliases:  []string{"the river authority"},
			Roles:    []string{},
			Articles: map[string]int{"a3": 1, "a1": 1, "a2": 1},
			Links:    []article.EntityLink{{Alias: "the river authority", Evidence: peakFriday, Confidence: 0.71}},
		},
		{
			ID: "e3", Name: "Marrowby Fire Service", Type: "organisation",
			Aliases:  []string{"the fire service"},
			Roles:    []string{},
			Articles: map[string]int{"a2": 1, "a3": 1},
			Links:    []article.EntityLink{},
		},
	}
	full.Places = []article.Place{
		{Name: "Marrowby", Aliases: []string{"MARROWBY"}, Lat: 51.2345, Lon: -2.5678, Country: "Estoria", Articles: map[string]int{"a1": 1}},
		{Name: "Quay district", Aliases: []string{}, Lat: 51.2301, Lon: -2.5712, Country: "Estoria", Articles: map[string]int{"a2": 1, "a3": 1}},
	}
	full.Claims = []article.Claim{
		{ID: "c1", Kind: "figure", Article: "a1", Sentence: 2, Text: varga120, Subject: "residents evacuated", Value: "120"},
		{ID: "c2", Kind: "figure", Article: "a2", Sentence: 1, Text: quay300, Subject: "residents evacuated", Value: "300"},
		{ID: "c3", Kind: "figure", Article: "a3", Sentence: 1, Text: radio300, Subject: "residents evacuated", Value: "300"},
		{ID: "c4", Kind: "quote", Article: "a1", Sentence: 3, Text: vargaQuote, Subject: "bridge reopening", Value: "not until every pillar is checked", Speaker: "Ilse Varga"},
		{ID: "c5", Kind: "quote", Article: "a2", Sentence: 2, Text: vargaQuote, Subject: "bridge reopening", Value: "not until every pillar is checked", Speaker: "Ilse Varga"},
		{ID: "c6", Kind: "event", Article: "a1", Sentence: 0, Text: copiedLead, Subject: "Old Mill Bridge", Value: "closed", Date: "2026-02-26"},
		{ID: "c7", Kind: "event", Article: "a2", Sentence: 0, Text: copiedLead, Subject: "Old Mill Bridge", Value: "closed", Date: "2026-02-26"},
		{ID: "c8", Kind: "figure", Article: "a1", Sentence: 5, Text: traffic9000, Subject: "vehicles", Value: "about 9,000 vehicles"},
		{ID: "c9", Kind: "figure", Article: "a2", Sentence: 4, Text: traffic6000, Subject: "vehicles", Value: "about 6,000 vehicles"},
	}
	full.Conflicts = []article.Comparison{{
		ID:      "cmp1",
		Verdict: article.Conflict,
		About:   "residents evacuated",
		Sides: []article.Side{
			{Claims: []string{"c1"}, Articles: []string{"a1"}, Value: "120", Evidence: []string{varga120}},
			{Claims: []string{"c2", "c3"}, Articles: []string{"a2", "a3"}, Value: "about 300", Evidence: []string{quay300, radio300}},
		},
		Explanation: "The Gazette counts people housed at the school hall; the other reports count everyone who left the Quay district.",
		Origins:     2,
	}, {
		ID:      "cmp4",
		Verdict: article.WithinOrigin,
		About:   "vehicles",
		Sides: []article.Side{
			{Claims: []string{"c9"}, Articles: []string{"a2"}, Value: "about 6,000 vehicles", Evidence: []string{traffic6000}},
			{Claims: []string{"c8"}, Articles: []string{"a1"}, Value: "about 9,000 vehicles", Evidence: []string{traffic9000}},
		},
		Explanation:  "a1 and a2 share one origin (see provenance) yet take different sides: one may have altered or updated the shared copy, or added reporting of its own. This is a change within one origin, not a disagreement between independent origins.",
		Origins:      1,
		SplitOrigins: [][]string{{"a1", "a2"}},
	}}
	full.Agreements = []article.Comparison{
		{
			ID:          "cmp2",
			Verdict:     article.Agreed,
			About:       "Old Mill Bridge",
			Sides:       []article.Side{{Claims: []string{"c6", "c7"}, Articles: []string{"a1", "a2"}, Value: "closed on Thursday", Evidence: []string{copiedLead}}},
			Explanation: "Both reports carry the same Northwire passage, so the agreement rests on one origin.",
			Origins:     1,
		},
		{
			ID:      "cmp3",
			Verdict: article.SingleOrigin,
			About:   "bridge reopening",
			Sides:   []article.Side{{Claims: []string{"c4", "c5"}, Articles: []string{"a1", "a2"}, Value: "not until every pillar is checked", Evidence: []string{vargaQuote}}},
		},
	}
	full.Framing = []article.Framing{
		{Actor: "Tessel River Authority", Terms: map[string]map[string]int{
			"a1": {"river authority": 1},
			"a2": {"river authority": 1, "ignoring warnings": 1},
			"a3": {"river authority": 1, "cut maintenance": 1},
		}},
		{Actor: "Ilse Varga", Terms: map[string]map[string]int{
			"a1": {"Mayor": 2, "Varga": 1},
			"a2": {"Varga": 1},
			"a3": {"Mayor": 1},
		}},
		{Actor: "the flood", Terms: map[string]map[string]int{
			"a1": {"slow-moving disaster": 1},
			"a3": {"worst in forty years": 1},
		}},
	}
	full.Summary = []article.SummaryLine{
		{Text: "The Tessel River flooded on Thursday and the Old Mill Bridge was closed.", Sources: []string{"a1", "a2"}, Origins: [][]string{{"a1", "a2"}}},
		{Text: "Reports differ on the number evacuated: 120 in one report, about 300 in two others.", Sources: []string{"a1", "a2", "a3"}, Origins: [][]string{{"a1", "a2"}, {"a3"}}},
		{Text: "Mayor Ilse Varga said the crossing would stay shut until engineers had checked it.", Sources: []string{"a1", "a2"}, Origins: [][]string{{"a1", "a2"}}},
	}
	full.Timeline = []article.TimelineEvent{
		{Date: "2023", DatePrecision: "year", Text: "Maintenance spending by the river authority was first cut.", Sources: []string{"a3"}},
		{Date: "2026-02-26", DatePrecision: "day", Inferred: true, Text: "The Tessel River burst its banks and the Old Mill Bridge closed.", Sources: []string{"a1", "a2"}},
		{Date: "2026-02-27", DatePrecision: "day", Inferred: true, Text: "Water levels were expected to peak in the afternoon.", Sources: []string{"a1"}},
	}

	empty := article.NewAnalysis(&article.Story{ID: "s2", Title: "Harbour ferry timetable"})
	return Report{Generated: generated, Stories: []*article.Analysis{full, empty}}
}

// document fills in the sentences a segmenter would have produced, splitting
// on line ends and full stops; the report only counts them.
func document(d *article.Document) *article.Document {
	start, para := 0, 0
	emit := func(end int) {
		if end > start {
			d.Sentences = append(d.Sentences, article.Sentence{Span: article.Span{Start: start, End: end}, Paragraph: para})
		}
	}
	for i := 0; i < len(d.Text); i++ {
		switch {
		case d.Text[i] == '\n':
			emit(i)
			start, para = i+1, para+1
		case d.Text[i] == '.' && i+1 < len(d.Text) && d.Text[i+1] == ' ':
			emit(i + 1)
			start = i + 2
		}
	}
	emit(len(d.Text))
	return d
}

func offsets(passage string, docs ...*article.Document) map[string]article.Span {
	m := make(map[string]article.Span, len(docs))
	for _, d := range docs {
		if i := strings.Index(d.Text, passage); i >= 0 {
			m[d.ID] = article.Span{Start: i, End: i + len(passage)}
		}
	}
	return m
}
