package framing

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// The invented story: the Tamesh Valley Front (TVF) takes the town of
// Korvik from the government of President Orvan Dellic, and three outlets
// choose different words for both sides.
func story() []*article.Document {
	return []*article.Document{
		doc("outlet-a", "TVF rebels entered the town of Korvik on Tuesday. The rebels said government troops had withdrawn overnight.\n"+
			"A rebel fighter told reporters the government had lost control. The government denied it."),
		doc("outlet-b", "Insurgents of the Tamesh Valley Front seized Korvik. The insurgents are Islamist militants, officials said.\n"+
			"The regime of President Orvan Dellic called them terrorists. Dellic's regime has lost three towns. The regime is silent."),
		doc("outlet-c", "Militants from the Tamesh Valley Front captured Korvik, the authorities said.\n"+
			"\u201cThese terrorists will be punished,\u201d an official said. The authorities have sent troops. TVF militants now hold the bridge."),
	}
}

func storyEntities() []article.Entity {
	return []article.Entity{
		{ID: "e1", Name: "Tamesh Valley Front", Type: "group", Aliases: []string{"Tamesh Valley Front", "TVF"}},
		{ID: "e2", Name: "Orvan Dellic", Type: "person", Aliases: []string{"Orvan Dellic", "Dellic"}, Roles: []string{"President"}},
		{ID: "e3", Name: "Korvik", Type: "place", Aliases: []string{"Korvik"}},
	}
}

func doc(id, body string) *article.Document {
	return &article.Document{ID: id, Text: body, Sentences: text.Segment(body)}
}

func TestAnalyzeOutlets(t *testing.T) {
	opposition := map[string]map[string]int{
		"outlet-a": {"rebels": 2, "rebel fighters": 1},
		"outlet-b": {"insurgents": 2, "Islamist militants": 1, "(attributed) terrorists": 1},
		"outlet-c": {"militants": 2, "(quoted) terrorists": 1},
	}
	state := map[string]map[string]int{
		"outlet-a": {"government troops": 1, "government": 2},
		"outlet-b": {"regime": 3},
		"outlet-c": {"authorities": 2, "troops": 1},
	}
	tests := []struct {
		name     string
		entities []article.Entity
		want     []article.Framing
	}{
		{
			name:     "actors named after the entities the text ties to the labels",
			entities: storyEntities(),
			want: []article.Framing{
				{Actor: "Tamesh Valley Front and allied fighters", Terms: opposition},
				{Actor: "government of Orvan Dellic", Terms: state},
			},
		},
		{
			name:     "without entities the actors are named after their kind",
			entities: nil,
			want: []article.Framing{
				{Actor: "armed opposition", Terms: opposition},
				{Actor: "the state", Terms: state},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Analyze(story(), tc.entities)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Analyze:\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestLabelsOfSentences(t *testing.T) {
	entities := []article.Entity{
		{Name: "Tamesh Valley Front", Type: "group", Aliases: []string{"Tamesh Valley Front", "TVF"}},
		{Name: "Sovra Brigades", Type: "group", Aliases: []string{"Sovra Brigades"}},
		{Name: "Norway", Type: "country", Aliases: []string{"Norway"}},
	}
	tests := []struct {
		name string
		text string
		want []string // term@entity, entity empty when untied
	}{
		{"plural folding", "A rebel was hurt and two rebels fled; the rebel group and other rebel groups met.",
			[]string{"rebels@", "rebels@", "rebel groups@", "rebel groups@"}},
		{"longest term first", "Islamist militants and militants clashed with security forces.",
			[]string{"Islamist militants@", "militants@", "security forces@"}},
		{"quoted label is the speaker's word", "\u201cThese terrorists must go,\u201d the minister said of the rebels.",
			[]string{"(quoted) terrorists@", "rebels@"}},
		{"a quotation spans sentences", "\u201cWe fought the regime. The army fled,\u201d said a rebel. Troops came.",
			[]string{"(quoted) regime@", "(quoted) army@", "rebels@", "troops@"}},
		{"a quotation ends with its paragraph", "He spoke of \u201cinsurgents\nand the rebels.",
			[]string{"(quoted) insurgents@", "rebels@"}},
		{"straight quotes", `The army spoke of "terrorists" in the hills.`,
			[]string{"army@", "(quoted) terrorists@"}},
		{"designation is attributed", "The group is designated a terrorist organization by several states.",
			[]string{"(attributed) terrorist organisations@"}},
		{"the object of a labelling verb is the outlet's word", "The ministry labelled opposition gunmen as terrorists.",
			[]string{"opposition gunmen@", "(attributed) terrorists@"}},
		{"called on is no attribution", "The army called on the rebels to surrender.",
			[]string{"army@", "rebels@"}},
		{"a capitalised head is a name, not a label", "The Northern Liberation Army denied it, and so did Security Forces Command.",
			nil},
		{"label words that label nobody", "Fighter jets struck while regime change was debated.",
			nil},
		{"acronym before", "TVF fighters held the pass.",
			[]string{"fighters@Tamesh Valley Front"}},
		{"possessive before", "The Tamesh Valley Front's fighters held the pass.",
			[]string{"fighters@Tamesh Valley Front"}},
		{"connector after", "Rebels led by the Sovra Brigades advanced.",
			[]string{"rebels@Sovra Brigades"}},
		{"apposition after", "The rebel group TVF advanced.",
			[]string{"rebel groups@Tamesh Valley Front"}},
		{"demonym before", "Norwegian troops withdrew.",
			[]string{"troops@Norway"}},
		{"a comma breaks the tie", "Norway, troops and rebels.",
			[]string{"troops@", "rebels@"}},
	}
	names := newEntityIndex(entities)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range findLabels(labels(), names, doc("x", tc.text), 0) {
				e := ""
				if l.entity >= 0 {
					e = entities[l.entity].Name
				}
				got = append(got, l.term+"@"+e)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("labels of %q:\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTiedWords(t *testing.T) {
	entities := []article.Entity{
		{Name: "Tamesh Valley Front", Type: "group", Aliases: []string{"Tamesh Valley Front", "TVF"}},
		{Name: "Orvan Dellic", Type: "person", Aliases: []string{"Orvan Dellic", "Dellic"}, Roles: []string{"President"}},
		{Name: "Kiro Vasht", Type: "person", Aliases: []string{"Kiro Vasht", "Vasht"}, Roles: []string{"TVF leader"}},
		{Name: "Pell", Type: "person", Aliases: []string{"Pell"}, Roles: []string{"baker"}},
		{Name: "Korvik", Type: "place", Aliases: []string{"Korvik"}},
	}
	tests := []struct {
		text string
		want []string // term/kind
	}{
		{"Dellic's forces retreated.", []string{"forces/the state"}},
		{"Forces loyal to President Orvan Dellic retreated.", []string{"forces/the state"}},
		{"Vasht's men advanced.", []string{"men/armed opposition"}},
		{"TVF forces advanced.", []string{"forces/armed opposition"}},
		{"Our forces held and the men rested.", nil},
		{"Korvik forces and Pell's men waited.", nil},
	}
	names := newEntityIndex(entities)
	for _, tc := range tests {
		var got []string
		for _, l := range findLabels(labels(), names, doc("x", tc.text), 0) {
			got = append(got, l.term+"/"+labels().kinds[l.kind].name)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("labels of %q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMainActorOnly(t *testing.T) {
	// One article's actor, and an actor labelled twice, are not main
	// actors; other entities of a kind make actors of their own.
	docs := []*article.Document{
		doc("a", "Protesters gathered. The protesters marched. Sovra Brigades fighters watched, as did TVF fighters."),
		doc("b", "TVF fighters and TVF rebels were seen. Sovra Brigades fighters left."),
		doc("c", "The TVF militants rested. Sovra Brigades gunmen waited."),
	}
	entities := []article.Entity{
		{Name: "Tamesh Valley Front", Type: "group", Aliases: []string{"Tamesh Valley Front", "TVF"}},
		{Name: "Sovra Brigades", Type: "group", Aliases: []string{"Sovra Brigades"}},
	}
	want := []article.Framing{
		{Actor: "Tamesh Valley Front and allied fighters", Terms: map[string]map[string]int{
			"a": {"fighters": 1}, "b": {"fighters": 1, "rebels": 1}, "c": {"militants": 1},
		}},
		{Actor: "Sovra Brigades fighters", Terms: map[string]map[string]int{
			"a": {"fighters": 1}, "b": {"fighters": 1}, "c": {"gunmen": 1},
		}},
	}
	if got := Analyze(docs, entities); !reflect.DeepEqual(got, want) {
		t.Errorf("Analyze:\n got %v\nwant %v", got, want)
	}
}

func TestPersonOfAnotherCountryDoesNotQualify(t *testing.T) {
	entities := []article.Entity{
		{Name: "Norway", Type: "country", Aliases: []string{"Norway"}},
		{Name: "Ilse Varn", Type: "person", Aliases: []string{"Ilse Varn", "Varn"}, Roles: []string{"Swedish Prime Minister"}},
		{Name: "Arne Tolv", Type: "person", Aliases: []string{"Arne Tolv", "Tolv"}, Roles: []string{"Norwegian Prime Minister"}},
	}
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"a leader of the same country qualifies it", "Norwegian troops moved. The Norwegian government agreed. Tolv's government and Tolv's government again.",
			[]string{"government of Norway (Arne Tolv)"}},
		{"a leader of another country leads another actor", "Norwegian troops moved. The Norwegian government agreed. Varn's government and Varn's government again.",
			[]string{"government of Ilse Varn", "government of Norway"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range Analyze([]*article.Document{doc("a", tc.body), doc("b", tc.body)}, entities) {
				got = append(got, f.Actor)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("actors %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNoLabels(t *testing.T) {
	tests := []struct {
		name string
		docs []*article.Document
	}{
		{"no documents", nil},
		{"nil document", []*article.Document{nil}},
		{"no labels", []*article.Document{doc("a", "The bakery opened on Monday."), doc("b", "Bread prices fell.")}},
		{"empty text", []*article.Document{doc("a", "")}},
		{"overlapping spans", []*article.Document{{ID: "a", Text: "TVF rebels", Sentences: []article.Sentence{{
			Span: article.Span{Start: 0, End: 10}, Tokens: []article.Token{
				{Span: article.Span{Start: 0, End: 9}, Norm: "tvf"}, {Span: article.Span{Start: 4, End: 10}, Norm: "rebels"},
			},
		}}}}},
		{"malformed spans", []*article.Document{{ID: "a", Text: "rebels", Sentences: []article.Sentence{{
			Span: article.Span{Start: 0, End: 40}, Tokens: []article.Token{{Span: article.Span{Start: 3, End: 90}, Norm: "rebels"}},
		}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Analyze(tc.docs, storyEntities())
			if got == nil || len(got) != 0 {
				t.Errorf("Analyze = %#v, want an empty non-nil slice", got)
			}
		})
	}
}

func TestLongParagraphStaysFast(t *testing.T) {
	// Labels in one long paragraph must not each rescan it.
	body := strings.Repeat("The \u201crebels\u201d met the regime and TVF fighters. ", 20000)
	start := time.Now()
	got := Analyze([]*article.Document{doc("a", body), doc("b", body)}, storyEntities())
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("Analyze took %v on two %d-byte paragraphs", elapsed, len(body))
	}
	if len(got) != 2 {
		t.Errorf("got %d actors, want 2", len(got))
	}
}

func TestDeterministic(t *testing.T) {
	first := Analyze(story(), storyEntities())
	for range 20 {
		if got := Analyze(story(), storyEntities()); !reflect.DeepEqual(got, first) {
			t.Fatalf("Analyze is not deterministic:\n%v\n%v", got, first)
		}
	}
}

func TestDocumentWithoutID(t *testing.T) {
	docs := story()
	docs[1].ID = ""
	got := Analyze(docs, nil)
	if len(got) == 0 || got[0].Terms["doc2"] == nil {
		t.Errorf("an article without id is not keyed doc2: %v", got)
	}
}

func TestLexicon(t *testing.T) {
	lx := labels()
	if len(lx.kinds) < 3 || len(lx.terms) < 50 || len(lx.attribution) == 0 {
		t.Fatalf("lexicon too small: %d kinds, %d terms, %d attribution words", len(lx.kinds), len(lx.terms), len(lx.attribution))
	}
	for _, k := range lx.kinds {
		if k.plain == "" || !strings.Contains(k.main, "{entity}") || !strings.Contains(k.other, "{entity}") || len(k.types) == 0 {
			t.Errorf("kind %q lacks a header line: %+v", k.name, k)
		}
	}
	// A variant listed twice would silently belong to the last kind
	// that lists it.
	seen := map[string]string{}
	section := ""
	for _, line := range strings.Split(labelsData, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		if _, _, header := headerLine(line); header || line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, v := range strings.Split(line, "|") {
			key := foldedKey(v)
			if prev, dup := seen[key]; dup {
				t.Errorf("%q is listed in %s and %s", key, prev, section)
			}
			seen[key] = section
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, d := range story() {
		f.Add(d.Text)
	}
	f.Add("\u201cTVF's \"rebels\u201d of of led by")
	f.Add("designated as as a the rebels\n\u201d\"\u00ab")
	f.Add("Rebels")
	f.Fuzz(func(t *testing.T, body string) {
		docs := []*article.Document{doc("a", body), doc("b", body+" "+body), doc("", body)}
		got := Analyze(docs, storyEntities())
		if got == nil {
			t.Fatal("nil result")
		}
		for _, fr := range got {
			if fr.Actor == "" || len(fr.Terms) < minArticles {
				t.Fatalf("bad actor %+v", fr)
			}
		}
	})
}

// benchmarkStory is ten invented articles of about 8 KB each.
func benchmarkStory() []*article.Document {
	sentences := []string{
		"TVF rebels advanced on Korvik before dawn, residents said.",
		"The regime of President Orvan Dellic said its troops held the bridge.",
		"Insurgents fired on government forces near the old mill.",
		"\u201cThese terrorists will not pass,\u201d a minister told state television.",
		"The Tamesh Valley Front's fighters reached the market by noon.",
		"Security forces closed the road to the airport.",
		"Protesters gathered in the square and demonstrators blocked traffic.",
		"The group is designated a terrorist organization by two neighbours.",
		"Bread and fuel prices rose again as shops closed early.",
		"Opposition fighters said the army had abandoned its positions.",
	}
	var docs []*article.Document
	for i := range 10 {
		var b strings.Builder
		for j := 0; b.Len() < 8000; j++ {
			b.WriteString(sentences[(i+j*3)%len(sentences)])
			if j%4 == 3 {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		docs = append(docs, doc(fmt.Sprintf("outlet-%d", i), b.String()))
	}
	return docs
}

func BenchmarkAnalyze(b *testing.B) {
	docs, entities := benchmarkStory(), storyEntities()
	b.ReportAllocs()
	for b.Loop() {
		Analyze(docs, entities)
	}
}
