package text

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/corroborate/corroborate/internal/article"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"already folded text", "already folded text"},
		{"Mixed CASE Words", "mixed case words"},
		{"  padded\t\tand\nbroken  ", "padded and broken"},
		{"Café in Türkiye, façade, naïve", "cafe in turkiye, facade, naive"},
		{"İzmir and Ålesund", "izmir and alesund"},
		{"Straße in Łódź near Søren's Đoković mural", "strasse in lodz near soren's dokovic mural"},
		{"the minister’s ‘plan’", "the minister's 'plan'"},
		{"“Quoted” and «guillemets»", `"quoted" and "guillemets"`},
		{"2019–2020 — a long‑term view", "2019-2020 - a long-term view"},
		{"wait…", "wait..."},
		{"ﬁnal score ½", "final score 1/2"},
		{"ＦＵＬＬ width", "full width"},
		{"non\u00a0breaking\u2009thin", "non breaking thin"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"nul\x00byte", "nul byte"},
		{"bad\xff\xfebytes", "bad\ufffdbytes"},
		{"bad\xff \xfe", "bad\ufffd \ufffd"},
		{"Ελληνικά Άθηνα", "ελληνικα αθηνα"},
		{"Пётр Йошкар", "петр иошкар"},
		{"हिन्दी", "हिन्दी"},       // Devanagari signs are spelling, not decoration
		{"ｶﾞｽ", "ガス"},              // half-width kana recomposed
		{"한국어", "한국어"},             // Hangul survives decomposition
		{"e\u0301te\u0301", "ete"}, // decomposed input
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold not idempotent on %q: %q", tt.in, got)
		}
	}
}

func TestFoldDoesNotAllocateWhenUnchanged(t *testing.T) {
	s := "the minister said on monday that talks would resume"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII allocated %v times", n)
	}
	upper := "The Minister Said"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(upper) }); n > 1 {
		t.Errorf("Fold of ASCII needing only lower-casing allocated %v times", n)
	}
}

// tokenTexts renders tokens as "text/norm" for compact comparison.
func tokenTexts(s string, offset int, tokens []article.Token) []string {
	out := make([]string, len(tokens))
	for i, tk := range tokens {
		out[i] = s[tk.Start-offset:tk.End-offset] + "/" + tk.Norm
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,;!  ", nil},
		{"The U.S. envoy left.", []string{"The/the", "U.S./u.s.", "envoy/envoy", "left/left"}},
		{"Troops of al-Assad's army", []string{"Troops/troops", "of/of", "al-Assad/al-assad", "'s/'s", "army/army"}},
		{"Assad’s men", []string{"Assad/assad", "’s/'s", "men/men"}},
		{"A 13-year-old girl", []string{"A/a", "13-year-old/13-year-old", "girl/girl"}},
		{"370,000 people and 1.5 million more, 2,000 less", []string{
			"370,000/370,000", "people/people", "and/and", "1.5/1.5", "million/million", "more/more", "2,000/2,000", "less/less"}},
		{"Don’t blame O'Brien in Côte d'Ivoire", []string{"Don’t/don't", "blame/blame", "O'Brien/o'brien", "in/in", "Côte/cote", "d'Ivoire/d'ivoire"}},
		{"the soldiers' families", []string{"the/the", "soldiers/soldiers", "families/families"}},
		{"Mr. Smith at 9 a.m. in Washington, D.C.", []string{"Mr/mr", "Smith/smith", "at/at", "9/9", "a.m./a.m.", "in/in", "Washington/washington", "D.C./d.c."}},
		{"Visit example.com or St.Louis", []string{"Visit/visit", "example/example", "com/com", "or/or", "St/st", "Louis/louis"}},
		{"AT&T and S&P; rock & roll", []string{"AT&T/at&t", "and/and", "S&P/s&p", "rock/rock", "roll/roll"}},
		{"at 3:30, open 24/7", []string{"at/at", "3:30/3:30", "open/open", "24/7/24/7"}},
		{"$5 (about 40%)", []string{"5/5", "about/about", "40/40"}},
		{"COVID-19 -- well--known", []string{"COVID-19/covid-19", "well/well", "known/known"}},
		{"inter\u00adnational", []string{"inter\u00adnational/international"}},
		{"bad\xffbyte", []string{"bad/bad", "byte/byte"}},
		{"Ph.D. students, e.g. two", []string{"Ph.D./ph.d.", "students/students", "e.g./e.g.", "two/two"}},
	}
	for _, tt := range tests {
		got := tokenTexts(tt.in, 0, Tokenize(tt.in, 0))
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeOffset(t *testing.T) {
	body := "Lead line.\nThe vote passed."
	tokens := Tokenize(body[11:], 11)
	want := []article.Token{
		{Span: article.Span{Start: 11, End: 14}, Norm: "the"},
		{Span: article.Span{Start: 15, End: 19}, Norm: "vote"},
		{Span: article.Span{Start: 20, End: 26}, Norm: "passed"},
	}
	if !reflect.DeepEqual(tokens, want) {
		t.Errorf("got %+v, want %+v", tokens, want)
	}
}

func spanTexts(s string, spans []article.Span) []string {
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp.Start:sp.End]
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"One sentence without a stop", []string{"One sentence without a stop"}},
		{"  Padded first.   Padded second.  ", []string{"Padded first.", "Padded second."}},
		{"The U.S. Treasury said on Dec. 9 that Mr. Okafor had resigned. He gave no reason.",
			[]string{"The U.S. Treasury said on Dec. 9 that Mr. Okafor had resigned.", "He gave no reason."}},
		{"The envoy flew to Washington D.C. on Jan. 12 and met Dr. Alvarez at 10 a.m. before lunch.",
			[]string{"The envoy flew to Washington D.C. on Jan. 12 and met Dr. Alvarez at 10 a.m. before lunch."}},
		{"A U.N. panel met Gen. Harlow in St. Paul. The panel left.",
			[]string{"A U.N. panel met Gen. Harlow in St. Paul.", "The panel left."}},
		{`"We will rebuild," the mayor said. Crews began work.`,
			[]string{`"We will rebuild," the mayor said.`, "Crews began work."}},
		{`"The bridge is safe." Engineers disagreed.`,
			[]string{`"The bridge is safe."`, "Engineers disagreed."}},
		{"“The bridge is safe.” Engineers  disagreed.",
			[]string{"“The bridge is safe.”", "Engineers  disagreed."}},
		{"Is it over? Not yet! Talks go on.", []string{"Is it over?", "Not yet!", "Talks go on."}},
		// Known prose failures the guard repairs.
		{"Lt. Col. Reyes and Sgt. Maj. Osei attended.", []string{"Lt. Col. Reyes and Sgt. Maj. Osei attended."}},
		{"Details are in Vol. 3 of the report. See Art. 12 too.",
			[]string{"Details are in Vol. 3 of the report.", "See Art. 12 too."}},
		{"Prices rose 1.5 percent to 370,000 units. Sales fell.",
			[]string{"Prices rose 1.5 percent to 370,000 units.", "Sales fell."}},
		{"Bad \xff bytes. Then more.", []string{"Bad \xff bytes.", "Then more."}},
	}
	for _, tt := range tests {
		got := spanTexts(tt.in, SplitSentences(tt.in))
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitSentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimpleSentences(t *testing.T) {
	in := `Mr. Ito spoke at 9 a.m. in the U.S. capital. "Enough!" he said. Then J. Ito left…  Done`
	want := []string{`Mr. Ito spoke at 9 a.m. in the U.S. capital.`, `"Enough!" he said.`, `Then J. Ito left…`, `Done`}
	if got := spanTexts(in, simpleSentences(in)); !reflect.DeepEqual(got, want) {
		t.Errorf("simpleSentences\n got  %q\n want %q", got, want)
	}
}

func TestSplitSentencesLongParagraphUsesFallback(t *testing.T) {
	p := strings.Repeat("The levee held. ", maxProseBytes/16+10)
	spans := SplitSentences(p)
	if want := maxProseBytes/16 + 10; len(spans) != want {
		t.Fatalf("got %d sentences, want %d", len(spans), want)
	}
	if got := p[spans[1].Start:spans[1].End]; got != "The levee held." {
		t.Errorf("second sentence %q", got)
	}
}

func TestSegment(t *testing.T) {
	body := "Flood Response\n" +
		"\n" +
		"Crews worked overnight in St. Paul. The river crested at 6 a.m. on Tuesday.\r\n" +
		"- Schools closed\n" +
		"1. Roads reopened\n" +
		"What Comes Next?\n" +
		"Officials said:\n" +
		"  Aid Arrives  \n" +
		"2024\n"
	type row struct {
		text      string
		paragraph int
		heading   bool
		tokens    int
	}
	want := []row{
		{"Flood Response", 0, true, 2},
		{"Crews worked overnight in St. Paul.", 1, false, 6},
		{"The river crested at 6 a.m. on Tuesday.", 1, false, 8},
		{"- Schools closed", 2, false, 2},
		{"1. Roads reopened", 3, false, 3},
		{"What Comes Next?", 4, false, 3},
		{"Officials said:", 5, false, 2},
		{"Aid Arrives", 6, true, 2},
		{"2024", 7, false, 1},
	}
	sentences := Segment(body)
	var got []row
	for _, s := range sentences {
		got = append(got, row{body[s.Start:s.End], s.Paragraph, s.Heading, len(s.Tokens)})
		for _, tk := range s.Tokens {
			if tk.Start < s.Start || tk.End > s.End {
				t.Errorf("token %+v outside sentence %q", tk, body[s.Start:s.End])
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Segment\n got  %+v\n want %+v", got, want)
	}
	if tk := sentences[2].Tokens[5]; body[tk.Start:tk.End] != "a.m." || tk.Norm != "a.m." {
		t.Errorf("token 5 of sentence 2 is %q (%q), want a.m.", body[tk.Start:tk.End], tk.Norm)
	}
}

func TestIsHeading(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Background", true},
		{"What We Know So Far", true},
		{"“A Long Night”", true},
		{"The storm moved east.", false},
		{`He said "no."`, false},
		{"Where next?", false},
		{"In summary:", false},
		{"• Bullet point", false},
		{"(a) first option", false},
		{"2) second option", false},
		{"2024 Election Results", true},
		{"1,234", false},
		{"one two three four five six seven eight nine ten eleven twelve", true},
		{"one two three four five six seven eight nine ten eleven twelve thirteen", false},
	}
	for _, tt := range tests {
		if got := isHeading(tt.line); got != tt.want {
			t.Errorf("isHeading(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Live updates", ""},
		{"The harbour reopened on Friday after engineers repaired the damaged crane, and the first ships were unloaded within hours.", "en"},
		{"Le port a rouvert vendredi après la réparation de la grue endommagée, et les premiers navires ont été déchargés en quelques heures.", "fr"},
		{"Der Hafen wurde am Freitag wieder geöffnet, nachdem Ingenieure den beschädigten Kran repariert hatten, und die ersten Schiffe wurden entladen.", "de"},
		{"El puerto reabrió el viernes después de que los ingenieros repararon la grúa dañada, y los primeros barcos fueron descargados en pocas horas.", "es"},
		{sampleBody(16 << 10), "en"}, // longer than the sample Language reads
	}
	for _, tt := range tests {
		if got := Language(tt.in); got != tt.want {
			t.Errorf("Language(%.40q...) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContentHash(t *testing.T) {
	base := ContentHash("The mayor’s “plan” failed.\nCrews left.")
	same := []string{
		"the mayor's \"plan\" failed. crews left.",
		"  The   Mayor's \"Plan\" Failed.\n\nCrews Left. ",
		"The mayor’s «plan» failed — crews left",
		"The máyor's plan failed, crews left!",
	}
	for _, s := range same {
		if got := ContentHash(s); got != base {
			t.Errorf("ContentHash(%q) = %s, want %s", s, got, base)
		}
	}
	if got := ContentHash("The mayor's plan succeeded. Crews left."); got == base {
		t.Error("different content hashed the same")
	}
	if len(base) != 32 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Errorf("hash %q is not 32 hex digits", base)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDates(t *testing.T) {
	type found struct {
		text      string
		time      time.Time
		precision string
	}
	tests := []struct {
		in   string
		want []found
	}{
		{"", nil},
		{"The ceasefire began on December 6, 2024 at dawn.", []found{{"December 6, 2024", day(2024, 12, 6), "day"}}},
		{"Filed Dec. 6, 2024; heard Dec 9 2024.", []found{
			{"Dec. 6, 2024", day(2024, 12, 6), "day"}, {"Dec 9 2024", day(2024, 12, 9), "day"}}},
		{"Signed 6 December 2024 and the 8th of March, 2023.", []found{
			{"6 December 2024", day(2024, 12, 6), "day"}, {"8th of March, 2023", day(2023, 3, 8), "day"}}},
		{"Logged at 2024-12-06T10:00Z, also 2023/01/31.", []found{
			{"2024-12-06", day(2024, 12, 6), "day"}, {"2023/01/31", day(2023, 1, 31), "day"}}},
		{"Growth slowed in December 2024 and Sept. 2023.", []found{
			{"December 2024", day(2024, 12, 1), "month"}, {"Sept. 2023", day(2023, 9, 1), "month"}}},
		{"It ended on Saturday, December 7, 2024.", []found{{"Saturday, December 7, 2024", day(2024, 12, 7), "day"}}},
		{"Polls open Thurs. Nov. 5th, 2026 and Sun 8 November 2026.", []found{
			{"Thurs. Nov. 5th, 2026", day(2026, 11, 5), "day"}, {"Sun 8 November 2026", day(2026, 11, 8), "day"}}},
		{"LONDON, JUNE 3, 2025 - Markets rallied.", []found{{"JUNE 3, 2025", day(2025, 6, 3), "day"}}},
		{"A leap day: February 29, 2024.", []found{{"February 29, 2024", day(2024, 2, 29), "day"}}},
		// Rejections.
		{"February 30, 2024 and February 29, 2023 never happened.", nil},
		{"2024-13-01 and 2024-02-30 are not dates.", nil},
		{"Officials may 2024 not matter; on December 7 they met.", nil},
		{"About March 5, 1200 troops moved.", nil},
		{"The flood of May. 2024 was worse.", nil},
		{"Code Dec62024 and XDecember 6, 2024x.", nil},
		{"Sales hit 12,2024 units in Decembers 2024.", nil},
	}
	for _, tt := range tests {
		var got []found
		for _, d := range Dates(tt.in) {
			got = append(got, found{tt.in[d.Start:d.End], d.Time, d.Precision})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Dates(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPartialDates(t *testing.T) {
	type found struct {
		text  string
		month time.Month
		day   int
	}
	tests := []struct {
		in   string
		want []found
	}{
		{"They met on December 7 and again on Dec. 9th.", []found{{"December 7", 12, 7}, {"Dec. 9th", 12, 9}}},
		{"Talks resume Monday, 3 March, in Geneva.", []found{{"Monday, 3 March", 3, 3}}},
		{"Both February 29 and April 31 were named.", []found{{"February 29", 2, 29}}},
		{"A full date December 6, 2024 is not partial.", nil},
		{"At 6:30 on May 5.5 and June 6,000 times.", nil},
	}
	for _, tt := range tests {
		var got []found
		for _, d := range PartialDates(tt.in) {
			got = append(got, found{tt.in[d.Start:d.End], d.Month, d.Day})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PartialDates(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
		}
	}
}

func TestContentHashASCIIAgreesWithUnicode(t *testing.T) {
	for c := byte('!'); c < 0x7f; c++ {
		r := rune(c)
		byUnicode := !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.Is(unicode.Sk, r)
		byTable := isASCIILetter(c) || isASCIIDigit(c) || strings.IndexByte(keptASCIISymbols, c) >= 0
		if byUnicode != byTable {
			t.Errorf("%q: kept by Unicode class %v, by ASCII table %v", c, byUnicode, byTable)
		}
	}
}
