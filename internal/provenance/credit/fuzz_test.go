package credit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Two harbour officials told Reuters the cranes had stopped.",
		"The Washington Post reported the memo first. An aide told the Post it was genuine.",
		"Iran's semi-official Tasnim news agency said the drills were routine.",
		"The pro-government Radio Kestrel news outlet reported that the garrison had left.",
		"Witnesses told AFP and Reuters that the shelling had stopped.\nWith reporting by AFP and Reuters",
		"(With inputs from AP/PTI)",
		"KAMPALA, Uganda (AP) — The lake ferry sank on Monday.",
		"The BBC's Lena Okoro in Accra says the queues were long.",
		"According to ''The Hollywood Reporter'', the series was renewed.",
		"news agency (\u2019s) told the the The Post's \xff RFE/ news agency",
		"Reuters' tally showed; CNN's. told a, news agency Fars",
	} {
		f.Add(s, 3, 9)
	}
	f.Fuzz(func(t *testing.T, body string, start, end int) {
		d := &article.Document{Text: body, Sentences: text.Segment(body)}
		cs := Find(d)
		checkCredits(t, d, cs)
		if again := Find(d); !reflect.DeepEqual(cs, again) {
			t.Fatalf("Find is not deterministic: %v then %v", cs, again)
		}

		// The same text as metadata lines, and a document whose spans do
		// not fit its text.
		lines := strings.Split(body, "\n")
		hostile := &article.Document{
			Text:        body,
			Sentences:   append(text.Segment(body), article.Sentence{Span: article.Span{Start: start, End: end}}),
			Bylines:     lines,
			Datelines:   lines,
			CreditLines: lines,
		}
		checkCredits(t, hostile, Find(hostile))
	})
}

// checkCredits checks what every credit promises: a known kind, evidence,
// and, for a sentence, a span inside it that covers the credited name.
func checkCredits(t *testing.T, d *article.Document, cs []Credit) {
	t.Helper()
	for _, c := range cs {
		if c.Agency == "" || c.Evidence == "" {
			t.Fatalf("empty agency or evidence: %+v", c)
		}
		switch c.Kind {
		case KindAgency, KindOutlet, KindUnknown:
		default:
			t.Fatalf("kind %q: %+v", c.Kind, c)
		}
		if c.Sentence == -1 {
			if c.Span != (article.Span{}) {
				t.Fatalf("metadata credit with a span: %+v", c)
			}
			continue
		}
		if c.Sentence < 0 || c.Sentence >= len(d.Sentences) {
			t.Fatalf("sentence %d out of range: %+v", c.Sentence, c)
		}
		s := d.Sentences[c.Sentence]
		if c.Span.Start < s.Start || c.Span.End > s.End || c.Span.Start >= c.Span.End {
			t.Fatalf("span %v outside sentence %v: %+v", c.Span, s.Span, c)
		}
		if c.Evidence != d.Text[s.Start:s.End] {
			t.Fatalf("evidence %q is not the sentence", c.Evidence)
		}
		if name := d.Text[c.Span.Start:c.Span.End]; !spanNames(name, c) {
			t.Fatalf("span %q does not name %q (%s)", name, c.Agency, c.Kind)
		}
	}
}

// spanNames reports whether the text of a credit's span is a name of its
// agency: one of its listed forms in any case, the unlisted name itself, or
// the word that stands for unnamed agencies.
func spanNames(name string, c Credit) bool {
	switch {
	case c.Agency == UnnamedAgencies:
		switch strings.ToLower(name) {
		case "agencies", "agency", "wires", "wire":
			return true
		}
		return false
	case c.Kind == KindUnknown:
		return strings.Join(strings.Fields(name), " ") == c.Agency
	}
	id, ok := agencies.byName[c.Agency]
	if !ok {
		return false
	}
	key := fold(name)
	if other, ok := agencies.byFold[key]; ok {
		return other == id
	}
	for _, as := range agencies.byFirst {
		for _, a := range as {
			if a.form == shortForm && foldWords(a.words) == key {
				return true
			}
		}
	}
	return false
}
