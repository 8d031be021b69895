package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func doc(body string) *article.Document {
	return &article.Document{ID: "a", Text: body, Sentences: text.Segment(body)}
}

// find returns the first quote whose text contains part, reported or not
// as asked.
func find(qs []Quote, part string, reported bool) *Quote {
	for i := range qs {
		if qs[i].Reported == reported && strings.Contains(qs[i].Text, part) {
			return &qs[i]
		}
	}
	return nil
}

func TestDirectQuotes(t *testing.T) {
	tests := []struct {
		name, body string
		quote      string // part of the quote's text
		text       string // the whole quote text, when checked
		speaker    string
		resolved   bool
		fragment   bool
	}{
		{"speaker after, name first",
			`"The bridge will reopen in spring," Nabil Haddad said on Monday.`,
			"bridge will reopen", "The bridge will reopen in spring", "Nabil Haddad", true, false},
		{"speaker after, verb first",
			`"We have no water left," said Ilse Varga, a teacher in the town.`,
			"no water left", "We have no water left", "Ilse Varga", true, false},
		{"speaker before with colon",
			`Mayor Tomas Brenner said: "Nobody will be forced to leave their homes."`,
			"Nobody will be forced", "Nobody will be forced to leave their homes.", "Tomas Brenner", true, false},
		{"speaker before with comma",
			`Nabil Haddad said, "The gates will stay shut until the water drops."`,
			"gates will stay shut", "The gates will stay shut until the water drops.", "Nabil Haddad", true, false},
		{"told an outlet",
			`Ilse Varga told Radio Kestrel: "The shelling stopped at dawn and has not resumed."`,
			"shelling stopped", "", "Ilse Varga", true, false},
		{"according to",
			`According to Nabil Haddad, "the convoy never reached the border crossing."`,
			"convoy never reached", "", "Nabil Haddad", true, false},
		{"wrote on a platform",
			`Tomas Brenner wrote on his blog: "The council has failed every family in this valley."`,
			"council has failed", "", "Tomas Brenner", true, false},
		{"pronoun resolved to the last person",
			"Nabil Haddad, who leads the farmers' union, spoke to reporters outside the hall.\n" +
				`"The harvest is lost for this year," he said.`,
			"harvest is lost", "", "Nabil Haddad", true, false},
		{"she added after another person",
			"Tomas Brenner left early. Ilse Varga stayed to answer questions from the press.\n" +
				`"We will rebuild the school before winter," she added.`,
			"rebuild the school", "", "Ilse Varga", true, false},
		{"title resolved by role",
			"Foreign Minister Ilse Varga met Defence Minister Tomas Brenner and the envoy Nabil Haddad in Ostrava.\n" +
				`"The talks were frank and useful," the foreign minister said.`,
			"talks were frank", "", "Ilse Varga", true, false},
		{"spokesperson title resolved by role family",
			"Nabil Haddad, the spokesman for the governor, held a briefing on Tuesday.\n" +
				`"The roads are open again," the spokesperson said.`,
			"roads are open", "", "Nabil Haddad", true, false},
		{"unresolved title kept as written",
			`"The roads are open again," a local official said.`,
			"roads are open", "", "a local official", false, false},
		{"organisation speaking",
			"The Quell Health Ministry published new figures on Friday.\n" +
				`"Three field hospitals are now running," the ministry said.`,
			"field hospitals", "", "Quell Health Ministry", true, false},
		{"it said",
			"The Quell Health Ministry published new figures on Friday.\n" +
				`"Three field hospitals are now running," it said.`,
			"field hospitals", "", "Quell Health Ministry", true, false},
		{"short form expands to the full name",
			"Foreign Minister Ilse Varga arrived in Ostrava late on Sunday.\n" +
				`"We are ready to sign," Varga said.`,
			"ready to sign", "", "Ilse Varga", true, false},
		{"scare quote fragment",
			`Nabil Haddad called the decision a "betrayal" of the farmers.`,
			"betrayal", "betrayal", "Nabil Haddad", true, true},
		{"two-word fragment",
			`Ilse Varga described the vote as a "historic moment" for the region.`,
			"historic moment", "historic moment", "Ilse Varga", true, true},
		{"curly quotes",
			"“The dam held through the night,” Tomas Brenner said.",
			"dam held", "The dam held through the night", "Tomas Brenner", true, false},
		{"mixed marks",
			"\"The dam held through the night,” Tomas Brenner said.",
			"dam held", "The dam held through the night", "Tomas Brenner", true, false},
		{"apostrophes are not quote marks",
			"“Haddad’s plan can't work and Brenner's won't either,” Ilse Varga said.",
			"plan can't work", "Haddad’s plan can't work and Brenner's won't either", "Ilse Varga", true, false},
		{"quote split by its attribution",
			`"We stayed," Ilse Varga said, "because the children could not walk that far."`,
			"because the children", "because the children could not walk that far.", "Ilse Varga", true, false},
		{"second quote continues the speaker",
			`"The water is rising," Tomas Brenner said. "We need boats, not promises."`,
			"need boats", "", "Tomas Brenner", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Extract(doc(tc.body))
			q := find(qs, tc.quote, false)
			if q == nil {
				t.Fatalf("no quote with %q in %+v", tc.quote, qs)
			}
			if tc.text != "" && q.Text != tc.text {
				t.Errorf("text = %q, want %q", q.Text, tc.text)
			}
			if q.Speaker != tc.speaker || q.Resolved != tc.resolved {
				t.Errorf("speaker = %q (resolved %v), want %q (%v)", q.Speaker, q.Resolved, tc.speaker, tc.resolved)
			}
			if q.Fragment != tc.fragment {
				t.Errorf("fragment = %v, want %v", q.Fragment, tc.fragment)
			}
			if tc.body[q.Span.Start:q.Span.End] != q.Text {
				t.Errorf("span %v does not cover %q", q.Span, q.Text)
			}
			if q.Resolved && q.SpeakerSpan.End <= q.SpeakerSpan.Start {
				t.Errorf("resolved speaker without a span")
			}
		})
	}
}

func TestQuoteAcrossParagraphs(t *testing.T) {
	body := "Nabil Haddad spoke at length about the flood.\n" +
		"“The river rose faster than anyone had predicted. We moved the animals first.\n" +
		"“By morning the lower village was gone,” he said."
	qs := Extract(doc(body))
	var direct []Quote
	for _, q := range qs {
		if !q.Reported {
			direct = append(direct, q)
		}
	}
	if len(direct) != 2 {
		t.Fatalf("got %d direct quotes, want 2 pieces: %+v", len(direct), direct)
	}
	if !strings.HasPrefix(direct[0].Text, "The river rose") || !strings.HasSuffix(direct[0].Text, "animals first.") {
		t.Errorf("first piece = %q", direct[0].Text)
	}
	for _, q := range direct {
		if q.Speaker != "Nabil Haddad" {
			t.Errorf("piece %q attributed to %q, want Nabil Haddad", q.Text, q.Speaker)
		}
	}
}

func TestUnbalancedQuoteRunsToParagraphEnd(t *testing.T) {
	body := "Ilse Varga said: \"The shelters are full and the doors are locked\n" +
		"Tomas Brenner disagreed with her account."
	qs := Extract(doc(body))
	q := find(qs, "shelters are full", false)
	if q == nil {
		t.Fatalf("no quote in %+v", qs)
	}
	if q.Text != "The shelters are full and the doors are locked" {
		t.Errorf("text = %q", q.Text)
	}
	if q.Speaker != "Ilse Varga" {
		t.Errorf("speaker = %q", q.Speaker)
	}
	for _, body := range []string{`"`, `""`, `“`, `”`, `" "`, "a \"b\n\"", "\"\n\"\n\""} {
		for _, q := range Extract(doc(body)) {
			if q.Span.Start < 0 || q.Span.End > len(body) || q.Span.Start >= q.Span.End {
				t.Errorf("%q: bad span %v", body, q.Span)
			}
		}
	}
}

func TestReportedSpeech(t *testing.T) {
	tests := []struct {
		name, body, clause, speaker string
	}{
		{"said that", "Nabil Haddad said that the pumps had been repaired overnight.",
			"the pumps had been repaired overnight", "Nabil Haddad"},
		{"said without that", "Ilse Varga said the pumps had been repaired overnight.",
			"the pumps had been repaired overnight", "Ilse Varga"},
		{"said on a day that", "Tomas Brenner said on Tuesday that the border would stay closed.",
			"the border would stay closed", "Tomas Brenner"},
		{"told an outlet that", "Ilse Varga told Radio Kestrel that the border would stay closed.",
			"the border would stay closed", "Ilse Varga"},
		{"according to, clause after", "According to Nabil Haddad, the border will stay closed until May.",
			"the border will stay closed until May", "Nabil Haddad"},
		{"according to, clause before", "The border will stay closed until May, according to Nabil Haddad.",
			"The border will stay closed until May", "Nabil Haddad"},
		{"pronoun", "Tomas Brenner visited the camp.\nHe said the tents would be replaced this week.",
			"the tents would be replaced this week", "Tomas Brenner"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Extract(doc(tc.body))
			q := find(qs, tc.clause, true)
			if q == nil {
				t.Fatalf("no reported speech %q in %+v", tc.clause, qs)
			}
			if q.Text != tc.clause {
				t.Errorf("text = %q, want %q", q.Text, tc.clause)
			}
			if q.Speaker != tc.speaker {
				t.Errorf("speaker = %q, want %q", q.Speaker, tc.speaker)
			}
		})
	}
}

func TestNotReportedSpeech(t *testing.T) {
	for _, body := range []string{
		`"The roads are closed," Nabil Haddad said on Friday.`,
		"Ilse Varga said nothing about the vote.",
		"The bridge was closed on Monday.",
	} {
		for _, q := range Extract(doc(body)) {
			if q.Reported {
				t.Errorf("%q: unexpected reported speech %+v", body, q)
			}
		}
	}
}

func TestClaims(t *testing.T) {
	d := doc(`"The bridge will reopen in spring," Nabil Haddad said.`)
	d.ID = "rep7"
	qs := Extract(d)
	cs := Claims(d, qs)
	if len(cs) != len(qs) || len(cs) == 0 {
		t.Fatalf("got %d claims for %d quotes", len(cs), len(qs))
	}
	c := cs[0]
	want := article.Claim{ID: "rep7-q0", Kind: "quote", Article: "rep7", Sentence: 0, Text: d.Text,
		Subject: "Nabil Haddad", Value: "The bridge will reopen in spring", Speaker: "Nabil Haddad"}
	if c != want {
		t.Errorf("claim = %+v, want %+v", c, want)
	}
	if ClaimID("x", 3) != "x-q3" {
		t.Errorf("ClaimID = %q", ClaimID("x", 3))
	}
	if Claims(nil, nil) != nil || Extract(nil) != nil {
		t.Error("nil document should give nothing")
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`"The bridge will reopen," Nabil Haddad said.`,
		"“Unbalanced\n“continued,” he said.",
		`According to Ilse Varga, the border "will stay closed".`,
		"\"\"\"“”„«»",
		"He said that \xff\"x\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := doc(body)
		qs := Extract(d)
		for _, q := range qs {
			for _, sp := range []article.Span{q.Span, q.SpeakerSpan} {
				if sp.Start < 0 || sp.End > len(body) || sp.Start > sp.End {
					t.Fatalf("span %v out of range", sp)
				}
				if !onBoundary(body, sp.Start) || !onBoundary(body, sp.End) {
					t.Fatalf("span %v not on rune boundaries", sp)
				}
			}
			if q.Text != body[q.Span.Start:q.Span.End] {
				t.Fatalf("text %q does not match span", q.Text)
			}
			if q.Sentence < 0 || len(d.Sentences) > 0 && q.Sentence >= len(d.Sentences) {
				t.Fatalf("sentence %d out of range", q.Sentence)
			}
		}
		Claims(d, qs)
	})
}

// onBoundary says whether byte p starts a rune of body as decoding reads
// it, invalid bytes counting one rune each.
func onBoundary(body string, p int) bool {
	for i := 0; i < len(body); {
		if i >= p {
			return i == p
		}
		_, size := utf8.DecodeRuneInString(body[i:])
		i += size
	}
	return p == len(body)
}
