package compare

import (
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/text"
)

func doc(id string, published time.Time, body string) *article.Document {
	return &article.Document{ID: id, Text: body, Sentences: text.Segment(body), Published: published}
}

var (
	tue = time.Date(2031, 5, 13, 12, 0, 0, 0, time.UTC)
	wed = time.Date(2031, 5, 14, 12, 0, 0, 0, time.UTC)
)

// find returns the comparison whose About contains words.
func find(cs []article.Comparison, words string) (article.Comparison, bool) {
	for _, c := range cs {
		if strings.Contains(c.About, words) {
			return c, true
		}
	}
	return article.Comparison{}, false
}

func TestFiguresConflictNamesDates(t *testing.T) {
	a := doc("a", wed, "The relief agency said on Tuesday that 12,000 people had been displaced by the flood.")
	b := doc("b", wed, "Nearly 9,500 people have been displaced, the ministry said on Monday.")
	conflicts, _ := figuresOf([]*article.Document{a, b}, [][]string{{"a"}, {"b"}}, Options{})
	c, ok := find(conflicts, "displaced")
	if !ok {
		t.Fatalf("no conflict over the displaced: %+v", conflicts)
	}
	if c.Verdict != article.Conflict || len(c.Sides) != 2 || c.Origins != 2 {
		t.Fatalf("conflict = %+v", c)
	}
	for _, want := range []string{"2031-05-13", "2031-05-12", "different dates"} {
		if !strings.Contains(c.Explanation, want) {
			t.Errorf("explanation lacks %q: %s", want, c.Explanation)
		}
	}
	for _, s := range c.Sides {
		if len(s.Evidence) != 1 || len(s.Claims) != 1 || !strings.HasPrefix(s.Claims[0], s.Articles[0]+"-f") {
			t.Errorf("side without its evidence and claim: %+v", s)
		}
	}
}

func TestFiguresAgreementCountsOrigins(t *testing.T) {
	a := doc("a", tue, "The town lies about 80 kilometers north of the capital.")
	b := doc("b", tue, "Lying about 80 kilometers north of the capital, the town has one hospital.")
	c := doc("c", tue, "The town, some 82 kilometers north of the capital, was cut off.")
	_, agreements := figuresOf([]*article.Document{a, b, c}, [][]string{{"a", "b"}, {"c"}}, Options{})
	got, ok := find(agreements, "north of the capital")
	if !ok {
		t.Fatalf("no agreement on the distance: %+v", agreements)
	}
	if got.Verdict != article.Agreed || got.Origins != 2 || len(got.Sides) != 1 || len(got.Sides[0].Articles) != 3 {
		t.Errorf("agreement = %+v; want agreed by 2 origins (a and b are one), 3 articles", got)
	}
}

func TestFiguresSingleOrigin(t *testing.T) {
	a := doc("a", tue, "Rescuers said 23 people had died in the flood.")
	b := doc("b", tue, "Rescuers said 23 people had died in the flood, and the count could rise.")
	_, agreements := figuresOf([]*article.Document{a, b}, [][]string{{"a", "b"}}, Options{})
	got, ok := find(agreements, "died")
	if !ok || got.Verdict != article.SingleOrigin || got.Origins != 1 {
		t.Errorf("two copies of one origin should be single-origin: %+v", agreements)
	}
}

func TestFiguresQualifiersDecide(t *testing.T) {
	tests := []struct {
		name, a, b string
		conflict   bool
	}{
		{"rounding agrees", "Officials said 3,500 inmates were freed.", "Officials said 3,512 inmates were freed.", false},
		{"more than agrees with a larger count", "More than 3,500 inmates were freed, guards said.", "Guards said 4,100 inmates were freed.", false},
		{"more than conflicts with a smaller count", "More than 3,500 inmates were freed, guards said.", "Guards said 2,000 inmates were freed.", true},
		{"almost agrees just below", "Almost 300,000 people were displaced, the agency said.", "The agency said 290,000 people were displaced.", false},
		{"almost conflicts above", "Almost 300,000 people were displaced, the agency said.", "The agency said 370,000 people were displaced.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conflicts, _ := figuresOf([]*article.Document{doc("a", tue, tt.a), doc("b", tue, tt.b)}, [][]string{{"a"}, {"b"}}, Options{})
			if got := len(conflicts) > 0; got != tt.conflict {
				t.Errorf("conflict = %v (%+v), want %v", got, conflicts, tt.conflict)
			}
		})
	}
}

func TestFiguresEmpty(t *testing.T) {
	conflicts, agreements := figuresOf(nil, nil, Options{})
	if conflicts == nil || agreements == nil || len(conflicts)+len(agreements) != 0 {
		t.Errorf("figuresOf(nil) = %v, %v; want empty, non-nil", conflicts, agreements)
	}
}

func TestFiguresDistanceDirectionWords(t *testing.T) {
	a := doc("a", tue, "The town lies about 80 kilometers north of the capital.")
	b := doc("b", tue, "The town is 80 km from the capital by road.")
	_, agreements := figuresOf([]*article.Document{a, b}, [][]string{{"a"}, {"b"}}, Options{})
	if len(agreements) != 1 || agreements[0].Verdict != article.Agreed || len(agreements[0].Sides[0].Articles) != 2 {
		t.Errorf("the two distances from the capital should agree: %+v", agreements)
	}
}

func TestFiguresBareNounsDoNotConflict(t *testing.T) {
	a := doc("a", tue, "Families slept in 22 shelters across the district.")
	b := doc("b", tue, "Cases of fever rose in two shelters on Tuesday.")
	conflicts, _ := figuresOf([]*article.Document{a, b}, [][]string{{"a"}, {"b"}}, Options{})
	if len(conflicts) != 0 {
		t.Errorf("bare counts of shelters in different contexts conflict: %+v", conflicts)
	}
}

func TestFiguresSideListsEveryValue(t *testing.T) {
	a := doc("a", tue, "At least 23 people were killed, rescuers said.")
	b := doc("b", tue, "Volunteers said at least 41 people were killed.")
	_, agreements := figuresOf([]*article.Document{a, b}, [][]string{{"a"}, {"b"}}, Options{})
	if len(agreements) != 1 || !strings.Contains(agreements[0].Sides[0].Value, "23") || !strings.Contains(agreements[0].Sides[0].Value, "41") {
		t.Errorf("a side should show both lower bounds: %+v", agreements)
	}
}

// figuresOf runs Figures on the documents' own figures.
func figuresOf(docs []*article.Document, origins [][]string, opt Options) ([]article.Comparison, []article.Comparison) {
	figures := map[string][]claim.Figure{}
	for _, d := range docs {
		figures[d.ID] = claim.Figures(d)
	}
	return Figures(docs, figures, origins, opt)
}

func TestRankingsConflict(t *testing.T) {
	a := doc("a", tue, "Rebels took Ostrel, Quell's largest city, on Monday.")
	b := doc("b", tue, "Ostrel, the country's second-largest city, fell on Monday.")
	c := doc("c", tue, "Ostrel, Quell's largest city, was quiet.")
	rankings := map[string][]claim.Ranking{}
	for _, d := range []*article.Document{a, b, c} {
		rankings[d.ID] = claim.Rankings(d)
	}
	conflicts, _ := Rankings([]*article.Document{a, b, c}, rankings, [][]string{{"a"}, {"b"}, {"c"}})
	if len(conflicts) != 1 || len(conflicts[0].Sides) != 2 || conflicts[0].Origins != 3 || len(conflicts[0].Sides[0].Articles) != 2 {
		t.Fatalf("conflicts = %+v", conflicts)
	}
	if conflicts[0].Sides[1].Value != "second-largest city" {
		t.Errorf("side value = %q", conflicts[0].Sides[1].Value)
	}
}

func TestResolveNames(t *testing.T) {
	entities := []article.Entity{
		{Name: "Ilse Varga", Type: "person", Aliases: []string{"Ilse Varga", "Varga"}, Roles: []string{"Harbour master"}},
		{Name: "Tomas Rell", Type: "person", Aliases: []string{"Tomas Rell", "Rell"}, Roles: []string{"Mayor"}},
	}
	claims := []article.Claim{
		{Kind: "quote", Subject: "Varga", Speaker: "Varga"},
		{Kind: "event", Subject: "the mayor"},
		{Kind: "figure", Subject: "people displaced", Speaker: "Rell"},
		{Kind: "quote", Subject: "a local official", Speaker: "a local official"},
	}
	ResolveNames(claims, entities)
	want := []struct{ subject, speaker string }{
		{"Ilse Varga", "Ilse Varga"}, {"Tomas Rell", ""}, {"people displaced", "Tomas Rell"}, {"a local official", "a local official"},
	}
	for i, w := range want {
		if claims[i].Subject != w.subject || claims[i].Speaker != w.speaker {
			t.Errorf("claim %d = %q/%q, want %q/%q", i, claims[i].Subject, claims[i].Speaker, w.subject, w.speaker)
		}
	}
}
