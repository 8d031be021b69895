package provenance

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func doc(id, body string) *article.Document {
	d := &article.Document{ID: id, Text: body, Sentences: text.Segment(body)}
	d.Fingerprint = Fingerprint(d)
	return d
}

// Invented wire copy and independent reports of one event.
const (
	wire       = "Engineers at the Velda power station shut down the second turbine on Thursday after a coolant leak was found during a routine inspection of the plant's eastern hall."
	wireQuote  = `"We saw no danger to the public at any point and the turbine will stay off until every valve has been replaced," said plant director Orla Finch.`
	ownStoryA  = "Residents near the station said they heard a loud bang before the alarm sounded. Local schools stayed open."
	ownStoryB  = "The regional grid operator warned of possible evening shortages while the station runs at half capacity. Prices rose slightly."
	ownStoryC  = "Opposition councillors demanded an independent review of the plant's maintenance record. The company declined to comment."
	ownStoryC2 = "The plant last had a serious fault in 2019, when a transformer fire closed it for a month."
)

func TestAnalyzeOrigins(t *testing.T) {
	a := doc("a", wire+"\n"+ownStoryA)
	b := doc("b", ownStoryB+"\n"+wire) // the same wire copy, placed elsewhere
	c := doc("c", ownStoryC+"\n"+wireQuote+"\n"+ownStoryC2)
	dQuote := doc("d", "Workers at the plant were sent home early on Thursday afternoon.\n"+wireQuote) // shares only the quote with c
	p := Analyze([]*article.Document{a, b, c, dQuote}, Options{})

	wantOrigins := [][]string{{"a", "b"}, {"c"}, {"d"}}
	if !reflect.DeepEqual(p.Origins, wantOrigins) {
		t.Errorf("origins = %v, want %v", p.Origins, wantOrigins)
	}
	if len(p.OriginLinks) != 1 || p.OriginLinks[0].Reason != "copied passage" || !strings.Contains(p.OriginLinks[0].Evidence, "coolant leak") {
		t.Errorf("origin links = %+v, want one copied-passage link quoting the wire copy", p.OriginLinks)
	}
	kinds := map[string]string{}
	for _, sp := range p.SharedPassages {
		kinds[strings.Join(sp.Articles, ",")] = sp.Kind
	}
	if kinds["a,b"] != "copied" || kinds["c,d"] != "quote" {
		t.Errorf("passage kinds = %v, want a,b copied and c,d quote", kinds)
	}
	if len(p.NearDuplicates) != 0 {
		t.Errorf("near-duplicates = %v, want none", p.NearDuplicates)
	}
}

func TestAnalyzeNearDuplicates(t *testing.T) {
	body := strings.Join([]string{wire, wireQuote, ownStoryB, ownStoryC, ownStoryC2}, "\n")
	original := doc("original", body)
	syndicated := doc("syndicated", body+"\nThis article was first published by the Velda Courier.")
	other := doc("other", ownStoryA)
	p := Analyze([]*article.Document{original, syndicated, other}, Options{})
	if len(p.NearDuplicates) != 1 || p.NearDuplicates[0].A != "original" || p.NearDuplicates[0].B != "syndicated" || p.NearDuplicates[0].Similarity < 0.8 {
		t.Fatalf("near-duplicates = %+v", p.NearDuplicates)
	}
	if want := [][]string{{"original", "syndicated"}, {"other"}}; !reflect.DeepEqual(p.Origins, want) {
		t.Errorf("origins = %v, want %v", p.Origins, want)
	}
	if p.OriginLinks[0].Reason != "near-duplicate" {
		t.Errorf("first merge = %+v, want the near-duplicate (it is found before passages)", p.OriginLinks[0])
	}
}

func TestAnalyzeMergeWords(t *testing.T) {
	short := "A spokesman for the Velda station operator declined to comment further."
	a := doc("a", short+" "+ownStoryA)
	b := doc("b", ownStoryB+" "+short)
	if got := Analyze([]*article.Document{a, b}, Options{}).Origins; len(got) != 2 {
		t.Errorf("a %d-word stock sentence merged origins: %v", len(text.Tokenize(short, 0)), got)
	}
	if got := Analyze([]*article.Document{a, b}, Options{MergeWords: 10}).Origins; len(got) != 1 {
		t.Errorf("with MergeWords 10 the shared sentence should merge: %v", got)
	}
}

func TestAnalyzeCredits(t *testing.T) {
	a := doc("a", "Two engineers told Reuters the leak was small. The turbine was switched off, AFP reported.")
	a.CreditLines = []string{"(With input from agencies)"}
	p := Analyze([]*article.Document{a}, Options{})
	var got []string
	for _, c := range p.Credits {
		got = append(got, c.Agency)
		if c.Article != "a" || c.Evidence == "" {
			t.Errorf("credit without article or evidence: %+v", c)
		}
	}
	if want := []string{"Reuters", "Agence France-Presse", "unnamed agencies"}; !reflect.DeepEqual(got, want) {
		t.Errorf("credits = %v, want %v", got, want)
	}
}

func TestAnalyzeDropsSelfCredits(t *testing.T) {
	a := doc("a", "A technician told The Guardian the alarm was late. A second engineer told Reuters the same.")
	a.Source = "Guardian"
	p := Analyze([]*article.Document{a}, Options{})
	if len(p.Credits) != 1 || p.Credits[0].Agency != "Reuters" {
		t.Errorf("credits = %+v, want Reuters only: the Guardian quoting itself is no outside source", p.Credits)
	}
	a.Source = ""
	if p := Analyze([]*article.Document{a}, Options{}); len(p.Credits) != 2 {
		t.Errorf("with no known source, credits = %+v, want both", p.Credits)
	}
}

func TestAnalyzeEmptyAndFingerprintless(t *testing.T) {
	p := Analyze(nil, Options{})
	if p.NearDuplicates == nil || p.SharedPassages == nil || p.Credits == nil || p.Origins == nil || p.OriginLinks == nil {
		t.Errorf("nil section in %+v", p)
	}
	d := doc("x", wire)
	d.Fingerprint = []byte("stale") // a fingerprint of another version is recomputed
	e := doc("y", wire)
	if got := Analyze([]*article.Document{d, e}, Options{}).NearDuplicates; len(got) != 1 {
		t.Errorf("near-duplicates with a stale fingerprint = %v", got)
	}
}

func TestIndex(t *testing.T) {
	body := strings.Join([]string{wire, wireQuote, ownStoryB, ownStoryC}, "\n")
	ix := NewIndex(0)
	first := doc("first", body)
	if got, err := ix.Add("first", first.Fingerprint); err != nil || len(got) != 0 {
		t.Fatalf("Add(first) = %v, %v", got, err)
	}
	if got, _ := ix.Add("unrelated", doc("unrelated", ownStoryA+"\n"+ownStoryC2).Fingerprint); len(got) != 0 {
		t.Fatalf("unrelated text matched %v", got)
	}
	copyDoc := doc("copy", "Turbine shut after leak\n"+body)
	got, err := ix.Add("copy", copyDoc.Fingerprint)
	if err != nil || len(got) != 1 || got[0].A != "first" || got[0].B != "copy" {
		t.Fatalf("Add(copy) = %v, %v; want a pair with first", got, err)
	}
	if again, _ := ix.Add("copy", copyDoc.Fingerprint); len(again) != 1 || ix.Len() != 3 {
		t.Errorf("adding an id again: %v, len %d; want a query only", again, ix.Len())
	}
	if _, err := ix.Add("bad", []byte{9, 9}); err == nil {
		t.Error("a malformed fingerprint was accepted")
	}
}
