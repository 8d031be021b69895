package entity

import (
	"slices"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// All fixtures below are invented for these tests.

func doc(id, body string) *article.Document {
	return &article.Document{ID: id, Text: body, Sentences: text.Segment(body)}
}

func docs(bodies ...string) []*article.Document {
	out := make([]*article.Document, len(bodies))
	for i, b := range bodies {
		out[i] = doc(string(rune('a'+i)), b)
	}
	return out
}

func TestMentions(t *testing.T) {
	d := doc("a", "Russian Foreign Minister Sergei Lavrov met the leader of the Crimson Banner Front (CBF) in the city of Tartus on Monday.\n"+
		"Lavrov said the CBF must withdraw. Syrian troops stayed near Homs.")
	ms := Mentions(d)
	want := []struct{ text, typ, role, expansion string }{
		{"Russian", DemonymKind, "", ""},
		{"Sergei Lavrov", Person, "Russian Foreign Minister", ""},
		{"Crimson Banner Front", Group, "", ""},
		{"CBF", Group, "", "Crimson Banner Front"},
		{"Tartus", Place, "", ""},
		{"Lavrov", Person, "", "Sergei Lavrov"},
		{"CBF", Group, "", "Crimson Banner Front"},
		{"Syrian", DemonymKind, "", ""},
		{"Homs", Place, "", ""},
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Text+"/"+m.Type+"/"+m.Role+"/"+m.Expansion)
		if d.Slice(m.Span) != m.Text {
			t.Errorf("span %v holds %q, not %q", m.Span, d.Slice(m.Span), m.Text)
		}
	}
	var exp []string
	for _, w := range want {
		exp = append(exp, w.text+"/"+w.typ+"/"+w.role+"/"+w.expansion)
	}
	if !slices.Equal(got, exp) {
		t.Errorf("mentions:\n got %q\nwant %q", got, exp)
	}
}

func TestMentionsParticlesAndRoles(t *testing.T) {
	d := doc("a", "Osama bin Rashid met officials of the Bank of Lorvania. "+
		"Tariq Osmani, the leader of the Crimson Banner Brigade, spoke. "+
		"The commander of the Azure Legion, Nadia Feres, agreed. "+
		"Azure Legion spokesman Omar Zaid declined to comment.")
	byText := map[string]Mention{}
	for _, m := range Mentions(d) {
		byText[m.Text] = m
	}
	checks := []struct{ text, typ, role string }{
		{"Osama bin Rashid", Person, ""},
		{"Bank of Lorvania", Organisation, ""},
		{"Tariq Osmani", Person, "leader of the Crimson Banner Brigade"},
		{"Nadia Feres", Person, "commander of the Azure Legion"},
		{"Omar Zaid", Person, "Azure Legion spokesman"},
	}
	for _, c := range checks {
		m, ok := byText[c.text]
		if !ok {
			t.Errorf("no mention %q in %v", c.text, byText)
			continue
		}
		if m.Type != c.typ || m.Role != c.role {
			t.Errorf("%q: type %q role %q, want %q %q", c.text, m.Type, m.Role, c.typ, c.role)
		}
	}
}

func find(es []article.Entity, alias string) *article.Entity {
	for i := range es {
		if slices.Contains(es[i].Aliases, alias) {
			return &es[i]
		}
	}
	return nil
}

func TestResolveVariants(t *testing.T) {
	cases := []struct {
		name       string
		docs       []string
		a, b       string
		merge      bool
		confidence float64 // of the link that ties b, when merged (0: any)
	}{
		{"transliteration Mohammed/Muhammad",
			[]string{"Interior Minister Mohammed Karimi visited the port.", "Muhammad Karimi, the interior minister, spoke to reporters."},
			"Mohammed Karimi", "Muhammad Karimi", true, confidenceTransliteration},
		{"transliteration Youssef/Yusuf",
			[]string{"Youssef Haddad, a senior official, arrived.", "Yusuf Haddad declined to comment."},
			"Youssef Haddad", "Yusuf Haddad", true, confidenceTransliteration},
		{"transliteration Abdel/Abdul",
			[]string{"Abdel Rahim Saleh arrived.", "Abdul Rahim Saleh arrived late."},
			"Abdel Rahim Saleh", "Abdul Rahim Saleh", true, confidenceTransliteration},
		{"diacritics",
			[]string{"José Ramírez, the mayor, resigned.", "Jose Ramirez resigned on Friday."},
			"José Ramírez", "Jose Ramirez", true, confidenceExact},
		{"hyphenation",
			[]string{"Abdel-Karim Nasser spoke.", "Abdel Karim Nasser spoke again."},
			"Abdel-Karim Nasser", "Abdel Karim Nasser", true, confidenceExact},
		{"honorific",
			[]string{"Sheikh Salman Qasimi preached.", "Salman Qasimi preached again."},
			"Sheikh Salman Qasimi", "Salman Qasimi", true, 0},
		{"typo",
			[]string{"Rosalind Featherstone met Tomas Bergqvist in the capital.", "Rosalind Featherstome and Tomas Bergqvist signed the accord."},
			"Rosalind Featherstone", "Rosalind Featherstome", true, confidenceTypo},
		{"acronym across articles",
			[]string{"Fighters of the National Salvation Front (NSF) advanced.", "NSF rebels took the bridge."},
			"National Salvation Front", "NSF", true, 0},
		{"short form",
			[]string{"Defence Minister Pavel Grushin arrived. Grushin said the talks failed."},
			"Pavel Grushin", "Grushin", true, confidenceShortForm},
		{"short form across articles",
			[]string{"Defence Minister Pavel Grushin arrived.", "Grushin said the talks failed."},
			"Pavel Grushin", "Grushin", true, confidenceShortForm},
		{"role link",
			[]string{"The leader of the Crimson Banner Brigade, Tariq Osmani, said the town had fallen.",
				"Crimson Banner Brigade leader Abu Hamza al-Rifai said the town had fallen."},
			"Tariq Osmani", "Abu Hamza al-Rifai", true, confidenceRole},
		{"father and son",
			[]string{"Karim al-Mansour ruled for decades. His son, Yasin al-Mansour, took power in 2001.", "Yasin al-Mansour fled."},
			"Karim al-Mansour", "Yasin al-Mansour", false, 0},
		{"two people sharing a given name",
			[]string{"Mohammed Haddad spoke in the morning.", "Mohammed Rahimi spoke in the evening."},
			"Mohammed Haddad", "Mohammed Rahimi", false, 0},
		{"place and person with one name",
			[]string{"Sydney Carter, an Australian diplomat, flew to Sydney.", "Carter landed in Sydney on Tuesday."},
			"Sydney Carter", "Sydney", false, 0},
		{"Mr and Miss of one family",
			[]string{"Mr Jenkin was arrested. Miss Jenkin was his sister.", "Mr Jenkin appeared in court."},
			"Mr Jenkin", "Miss Jenkin", false, 0},
		{"generational suffix",
			[]string{"Arthur Pendleton Jr. was sworn in.", "Arthur Pendleton was sworn in on Monday."},
			"Arthur Pendleton Jr", "Arthur Pendleton", true, 0},
		{"middle name",
			[]string{"Attorney Marcus Jay Ellery filed the motion.", "Marcus Ellery filed the motion."},
			"Marcus Jay Ellery", "Marcus Ellery", true, confidenceTransliteration},
		{"organisation short form",
			[]string{"The Lakeside Red Hawks won again.", "The Red Hawks lost on Sunday."},
			"Lakeside Red Hawks", "Red Hawks", true, 0},
		{"acronym by initials",
			[]string{"Officers of the Coastal Highway Patrol closed the road.", "The CHP said the road would reopen."},
			"Coastal Highway Patrol", "CHP", true, confidenceTypo},
		{"family name that is also a title",
			[]string{"Team president Billy King resigned. King said he was proud."},
			"Billy King", "King", true, confidenceShortForm},
		{"indefinite roles do not link",
			[]string{"Tariq Osmani, a leader of the Crimson Banner Brigade, spoke.", "Nabil Darwish, a leader of the Crimson Banner Brigade, spoke."},
			"Tariq Osmani", "Nabil Darwish", false, 0},
		{"people named in one sentence stay apart",
			[]string{"The leader of the Azure Legion, Nadia Feres, met Ali Hamdan, the leader of the Azure Legion."},
			"Nadia Feres", "Ali Hamdan", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entities, _ := Resolve(docs(c.docs...))
			ea, eb := find(entities, c.a), find(entities, c.b)
			if ea == nil || eb == nil {
				t.Fatalf("missing %q or %q in %+v", c.a, c.b, entities)
			}
			if merged := ea.ID == eb.ID; merged != c.merge {
				t.Fatalf("merged = %v, want %v: %+v / %+v", merged, c.merge, *ea, *eb)
			}
			if !c.merge || c.confidence == 0 {
				return
			}
			for _, l := range ea.Links {
				if (l.Alias == c.b || l.Alias == c.a) && l.Confidence == c.confidence {
					if l.Evidence == "" {
						t.Errorf("link without evidence: %+v", l)
					}
					return
				}
			}
			t.Errorf("no link of confidence %.2f for %q: %+v", c.confidence, c.b, ea.Links)
		})
	}
}

func TestResolveDeterministic(t *testing.T) {
	in := []string{"Defence Minister Pavel Grushin arrived in Tartus. Grushin met Nadia Feres.", "Nadia Feres and Pavel Grushin left Homs for Damascus."}
	first, firstPlaces := Resolve(docs(in...))
	for range 5 {
		again, places := Resolve(docs(in...))
		if len(again) != len(first) || len(places) != len(firstPlaces) {
			t.Fatal("result size varies between runs")
		}
		for i := range again {
			if again[i].ID != first[i].ID || again[i].Name != first[i].Name || !slices.Equal(again[i].Aliases, first[i].Aliases) {
				t.Fatalf("entity %d varies: %+v vs %+v", i, again[i], first[i])
			}
		}
	}
	for i, e := range first {
		if e.ID != "e"+string(rune('1'+i)) && i < 9 {
			t.Errorf("entity %d has id %q", i, e.ID)
		}
	}
	if first[0].Name != "Pavel Grushin" {
		t.Errorf("most mentioned first: %+v", first[0])
	}
}

func TestResolveNoDocuments(t *testing.T) {
	es, ps := Resolve(nil)
	if len(es) != 0 || len(ps) != 0 {
		t.Errorf("entities from nothing: %v %v", es, ps)
	}
	if Mentions(nil) != nil || len(Mentions(doc("x", ""))) != 0 {
		t.Error("mentions from nothing")
	}
}

func FuzzMentions(f *testing.F) {
	f.Add("Russian Foreign Minister Sergei Lavrov met the leader of the Crimson Banner Front (CBF).")
	f.Add("The leader of the Azure Legion, Nadia Feres, said. Feres, the commander, left (AL) al- bin ( ) ,")
	f.Add("HTS (Hayat Tahrir al-Sham) \xff\xfe Ünïcödé Ärger, the leader of ÉÉ (EE)")
	f.Fuzz(func(t *testing.T, body string) {
		d := doc("f", body)
		for _, m := range Mentions(d) {
			if m.Span.Start < 0 || m.Span.End > len(body) || m.Span.Start >= m.Span.End {
				t.Fatalf("span %v out of range for %d bytes", m.Span, len(body))
			}
			if body[m.Span.Start:m.Span.End] != m.Text {
				t.Fatalf("span %v holds %q, not %q", m.Span, body[m.Span.Start:m.Span.End], m.Text)
			}
			if m.Sentence < 0 || m.Sentence >= len(d.Sentences) {
				t.Fatalf("sentence %d of %d", m.Sentence, len(d.Sentences))
			}
		}
		Resolve([]*article.Document{d, d})
	})
}

// benchArticle is an invented article of about 8 KB.
func benchArticle() string {
	paragraphs := []string{
		"Russian Foreign Minister Sergei Lavrov met Defence Minister Pavel Grushin in the city of Tartus on Monday, officials said.",
		"The leader of the Crimson Banner Front (CBF), Tariq Osmani, said his fighters had entered the outskirts of Homs and would push on towards Damascus within days.",
		"Osmani, who has led the group since 2017, urged soldiers not to resist. The CBF is considered a terrorist organisation by several governments.",
		"Meanwhile, the Syrian Observatory for Human Rights reported heavy fighting near Latakia, where residents said they heard explosions through the night.",
		"Grushin told reporters that Moscow would not abandon its allies, but analysts at the Institute for Regional Studies said the situation was changing quickly.",
		"Abu Hamza al-Rifai, a commander with the insurgents, announced on a messaging app that the final stage of the offensive had begun.",
	}
	var b strings.Builder
	for b.Len() < 8000 {
		for _, p := range paragraphs {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func BenchmarkMentions(b *testing.B) {
	body := benchArticle()
	d := doc("bench", body)
	words := 0
	for _, s := range d.Sentences {
		words += len(s.Tokens)
	}
	Mentions(d) // load the gazetteer and cues outside the timing
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		Mentions(d)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// TestLocativeHint: an unknown name of several words after "in" or "near"
// is a place the gazetteer lacks; the same shape elsewhere stays a person,
// and stronger evidence wins over the hint.
func TestLocativeHint(t *testing.T) {
	tests := []struct {
		sentence, name, typ string
	}{
		{"Officials in Port Varen said the road had reopened.", "Port Varen", Place},
		{"Aid trucks waited near Kessa Ridge until dawn.", "Kessa Ridge", Place},
		{"A letter from Tomas Rell reached the council on Monday.", "Tomas Rell", Person},
		{"The talks in Geneva ended without a deal.", "Geneva", Place},
		{"Supporters in Minister Ilse Varga's district cheered.", "Ilse Varga", Person},
	}
	for _, tt := range tests {
		got := ""
		for _, m := range Mentions(doc("a", tt.sentence)) {
			if m.Text == tt.name {
				got = m.Type
			}
		}
		if got != tt.typ {
			t.Errorf("%q: %s typed %q, want %q", tt.sentence, tt.name, got, tt.typ)
		}
	}
}
