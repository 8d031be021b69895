package event

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func doc(body string) *article.Document {
	return &article.Document{ID: "a", Text: body, Sentences: text.Segment(body)}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, sentence                  string
		actor, action, object, polarity string
		denier                          string
	}{
		{"asserted", "Governor Nabil Haddad left Sabrit late on Tuesday.", "Nabil Haddad", "leave", "Sabrit", Asserted, ""},
		{"denied report", "The interior ministry denied reports that Nabil Haddad had left Sabrit.", "Nabil Haddad", "leave", "Sabrit", Denied, ""},
		{"denied by a named body", "The Quell Interior Ministry denied that Nabil Haddad had fled the city.", "Nabil Haddad", "leave", "", Denied, "Quell Interior Ministry"},
		{"possessive denier", "Quell's presidency denied reports that Ilse Varga had left Dunmore.", "Ilse Varga", "leave", "Dunmore", Denied, "Quell's presidency"},
		{"negated", "The rebels did not enter the city, residents said.", "rebels", "enter", "", Negated, ""},
		{"contraction", "Officials said the troops haven't withdrawn from the border.", "troops", "withdraw", "", Negated, ""},
		{"denied common-noun actor", "The ministry denied that rebels entered the city.", "rebels", "enter", "", Denied, ""},
		{"name as a modifier is not the actor", "Haddad regime officials fled Sabrit overnight.", "Haddad regime officials", "leave", "Sabrit", Asserted, ""},
		{"role word", "Aides said the president had left the capital.", "president", "leave", "", Asserted, ""},
		{"two-word verb", "Fighters took control of Port Varen on Friday.", "fighters", "seize", "Port Varen", Asserted, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(doc(tt.sentence))
			if len(evs) != 1 {
				t.Fatalf("events = %+v, want one", evs)
			}
			e := evs[0]
			if e.Actor != tt.actor || e.Action != tt.action || e.Polarity != tt.polarity || e.Denier != tt.denier {
				t.Errorf("got %q %q %q denier %q, want %q %q %q denier %q", e.Actor, e.Action, e.Polarity, e.Denier, tt.actor, tt.action, tt.polarity, tt.denier)
			}
			if tt.object != "" && e.Object != tt.object {
				t.Errorf("object = %q, want %q", e.Object, tt.object)
			}
		})
	}
}

func TestExtractNothing(t *testing.T) {
	for _, s := range []string{"", "Prices rose on Tuesday.", "The left bank flooded.", "Heading Only"} {
		if evs := Extract(doc(s)); len(evs) != 0 {
			t.Errorf("%q: events %+v", s, evs)
		}
	}
}

func TestClaims(t *testing.T) {
	d := doc("The ministry denied that rebels entered the city. Rebels freed 40 prisoners.")
	claims := Claims(d, Extract(d))
	if len(claims) != 2 || claims[0].ID != "a-e1" || claims[0].Value != "enter city (denied)" || claims[1].Value != "free" || claims[1].Kind != KindEvent {
		t.Errorf("claims = %+v", claims)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("The ministry denied that rebels entered the city.")
	f.Add("X's y denied z left. 's 's denied")
	f.Add("\xff\xfe denied")
	f.Fuzz(func(t *testing.T, s string) {
		d := doc(s)
		for _, e := range Extract(d) {
			if e.Verb.Start < 0 || e.Verb.End > len(d.Text) || e.Verb.Start >= e.Verb.End || e.Sentence >= len(d.Sentences) {
				t.Fatalf("event %+v out of range", e)
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	body := ""
	for len(body) < 8000 {
		body += "The interior ministry denied reports that Governor Nabil Haddad had left Sabrit. Rebels entered the market town before dawn and freed 40 prisoners, residents said.\n"
	}
	d := doc(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Extract(d)
	}
}

func TestObjectNeedsOnlyFillers(t *testing.T) {
	tests := map[string]string{
		"Fighters seized full control of the city of Port Varen on Friday.": "Port Varen",
		"Fighters seized a warehouse in central Port Varen on Friday.":      "warehouse",
		"Rebels entered Dunmore before dawn.":                               "Dunmore",
	}
	for sentence, want := range tests {
		evs := Extract(doc(sentence))
		if len(evs) != 1 || evs[0].Object != want {
			t.Errorf("%q: events %+v, want object %q", sentence, evs, want)
		}
	}
}

func TestPassive(t *testing.T) {
	tests := []struct{ sentence, object, when string }{
		{"The Hamdan Bridge was closed on Tuesday after cracks appeared.", "Hamdan Bridge", "on Tuesday"},
		{"Police said the bridge was closed on Wednesday.", "bridge", "on Wednesday"},
		{"The Hamdan Bridge, the only road crossing over the Tamesh River, was closed on Wednesday.", "Hamdan Bridge", "on Wednesday"},
		{"The customs house had been seized by Friday night.", "customs house", "by Friday night"},
	}
	for _, tt := range tests {
		evs := Extract(doc(tt.sentence))
		if len(evs) != 1 || evs[0].Actor != "" || evs[0].Object != tt.object || evs[0].Polarity != Asserted {
			t.Errorf("%q: events %+v, want one with object %q and no actor", tt.sentence, evs, tt.object)
			continue
		}
		if !strings.Contains(tt.when, "Friday") && evs[0].When.Text != tt.when {
			t.Errorf("%q: when %q, want %q", tt.sentence, evs[0].When.Text, tt.when)
		}
	}
}
