package credit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// document builds a segmented document from body, as the cleaner would.
func document(body string) *article.Document {
	return &article.Document{ID: "t", Text: body, Sentences: text.Segment(body)}
}

// found renders credits as "Agency=name as written" (or "Agency@-1" for
// metadata) for comparison.
func found(d *article.Document, cs []Credit) []string {
	var out []string
	for _, c := range cs {
		if c.Sentence < 0 {
			out = append(out, c.Agency+"@-1")
			continue
		}
		out = append(out, c.Agency+"="+d.Text[c.Span.Start:c.Span.End])
	}
	return out
}

func TestFindPatterns(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"told", "Two harbour officials told Reuters the cranes had stopped.", []string{"Reuters=Reuters"}},
		{"reported after comma", "The ferry service was halted overnight, AP reported.", []string{"Associated Press=AP"}},
		{"the AP said", "The AP said the count was still under way.", []string{"Associated Press=AP"}},
		{"according to", "According to AFP, the convoy turned back at the bridge.", []string{"Agence France-Presse=AFP"}},
		{"cited sources", "Separately, CNN cited sources who said the envoy had resigned.", []string{"CNN=CNN"}},
		{"reported weekday", "Bloomberg reported Tuesday that the merger talks had ended.", []string{"Bloomberg=Bloomberg"}},
		{"on weekday reported", "The Guardian on Friday reported that the files had been copied.", []string{"The Guardian=The Guardian"}},
		{"said in a report", "Politico said in a report that the vote would slip to spring.", []string{"Politico=Politico"}},
		{"X news agency reported", "The Kyodo news agency reported that the ferry had sunk.", []string{"Kyodo=Kyodo"}},
		{"news agency X reported", "News agency Yonhap reported a second launch within hours.", []string{"Yonhap=Yonhap"}},
		{"the X news agency quoted", "The official IRNA news agency quoted a provincial governor as saying the roads were shut.", []string{"Islamic Republic News Agency=IRNA"}},
		{"quoted by", "A governor was quoted by the state-run Xinhua news agency as saying the dam held.", []string{"Xinhua=Xinhua"}},
		{"weak form beside news agency", "Iran's semi-official Tasnim news agency said the drills were routine.", []string{"Tasnim News Agency=Tasnim"}},
		{"other case beside news agency", "The state-run Sana news agency said the bridge had reopened.", []string{"Syrian Arab News Agency=Sana"}},
		{"news agency after possessive", "Syria's state news agency SANA said the bridge had reopened.", []string{"Syrian Arab News Agency=SANA"}},
		{"unlisted news outlet", "The pro-government Radio Kestrel news outlet reported that the garrison had left.", []string{"Radio Kestrel=Radio Kestrel"}},
		{"unlisted newspaper", "The Norvik Courier newspaper reported a fire at the depot.", []string{"Norvik Courier=Norvik Courier"}},
		{"unlisted after news agency", "News agency Palmvox reported heavy shelling overnight.", []string{"Palmvox=Palmvox"}},
		{"unlisted with capitalised noun", "The Emirates News Agency said the talks would resume.", []string{"Emirates News Agency=Emirates News Agency"}},
		{"citing", "Citing Bloomberg, the paper said the sale was close.", []string{"Bloomberg=Bloomberg"}},
		{"comma citing", "Reuters, citing three people familiar with the matter, said the plant was shut.", []string{"Reuters=Reuters"}},
		{"in an interview with", "In an interview with the BBC, the minister denied the claim.", []string{"BBC=BBC"}},
		{"has reported", "Axios has reported that the vote was delayed.", []string{"Axios=Axios"}},
		{"as reported by", "The strike, as reported by Politico, began at dawn.", []string{"Politico=Politico"}},
		{"seen by", "Documents seen by the Financial Times show the budget doubled.", []string{"Financial Times=Financial Times"}},
		{"learned", "Sky News learned that the meeting had been cancelled.", []string{"Sky News=Sky News"}},
		{"confirmed", "NPR confirmed the departure of the envoy on Monday.", []string{"NPR=NPR"}},
		{"understands", "The Wall Street Journal understands the bid will be raised.", []string{"The Wall Street Journal=The Wall Street Journal"}},
		{"quoted", "Al Jazeera quoted a witness as saying the bridge had collapsed.", []string{"Al Jazeera=Al Jazeera"}},
		{"confirmed to", "The figures were confirmed to Reuters by two diplomats.", []string{"Reuters=Reuters"}},
		{"asked by", "Asked by Al Arabiya about the deal, the spokesman declined to comment.", []string{"Al Arabiya=Al Arabiya"}},
		{"statement to", "The company said in a statement to Axios that it would appeal.", []string{"Axios=Axios"}},
		{"told a reporter", "A border guard told a Reuters reporter that the gate was closed.", []string{"Reuters=Reuters"}},
		{"tally showed", "A Reuters tally showed at least forty people had been detained.", []string{"Reuters=Reuters"}},
		{"according to a count", "According to an AFP count, turnout was below half.", []string{"Agence France-Presse=AFP"}},
		{"possessive tally", "Reuters' own tally showed the same figure.", nil},
		{"possessive report noun", "Reuters' tally showed the same figure.", []string{"Reuters=Reuters"}},
		{"told possessive", "The mayor told CNN's morning programme that the water was safe.", []string{"CNN=CNN"}},
		{"long name with abbreviation", "Agence France-Presse (AFP) reported that the pass was blocked.", []string{"Agence France-Presse=Agence France-Presse"}},
		{"lower-case dpa", "The ministry was evacuated, dpa reported.", []string{"Deutsche Presse-Agentur=dpa"}},
		{"title-case headline", "Rebels Enter Northern Town, Reuters Reports", []string{"Reuters=Reuters"}},
		{"two names after told", "Witnesses told AFP and Reuters that the shelling had stopped.", []string{"Agence France-Presse=AFP", "Reuters=Reuters"}},
		{"two names before verb", "Reuters and the BBC reported that the border had reopened.", []string{"Reuters=Reuters", "BBC=BBC"}},
		{"slash name", "A State Department official told RFE/RL that the visa was revoked.", []string{"RFE/RL=RFE/RL"}},
		{"full name with article", "Officials told The Washington Post that the plan was shelved.", []string{"The Washington Post=The Washington Post"}},
		{"without article", "Washington Post reporters said the office was empty.", []string{"The Washington Post=Washington Post"}},
		{"short form after full name", "The Washington Post reported the memo first. An aide told the Post it was genuine.",
			[]string{"The Washington Post=The Washington Post", "The Washington Post=the Post"}},
		{"short form picks latest full name", "The Washington Post covered the trial. The Jerusalem Post ran the story too. A lawyer told the Post that he would appeal.",
			[]string{"The Jerusalem Post=the Post"}},
		{"short form alone", "A lawyer told the Post that he would appeal.", nil},
		{"the Times", "The New York Times obtained the letter. A spokesman told the Times it was forged.",
			[]string{"The New York Times=The New York Times", "The New York Times=the Times"}},
		{"china media group", "An analyst told China Media Group that the corridor mattered.", []string{"China Media Group=China Media Group"}},
		{"CGTN said", "CGTN said the delegation had arrived.", []string{"China Media Group=CGTN"}},
		{"dedupe per sentence", "CNN reported the raid, and CNN said later it was over.", []string{"CNN=CNN"}},
		{"shared with", "The data, shared with the Financial Times, covered a decade.", []string{"Financial Times=Financial Times"}},
		{"was told", "Reuters was told by two officials that the deal was off.", []string{"Reuters=Reuters"}},
		{"is reporting", "CNN is reporting that the plane landed.", []string{"CNN=CNN"}},
		{"TASS with demonym", "Russian TASS reported that the talks would resume.", []string{"TASS=TASS"}},
		{"unlisted TV", "Al-Zahra TV reported clashes near the airport.", []string{"Al-Zahra TV=Al-Zahra TV"}},
		{"Army Radio", "Israel's Army Radio reported that the reservists were called up.", []string{"Army Radio=Army Radio"}},
		{"unlisted daily after determiner", "The daily Vesper Tidings reported the closure.", []string{"Vesper Tidings=Vesper Tidings"}},
		{"tells", "A spokesman tells The Hollywood Reporter that filming will resume.", []string{"The Hollywood Reporter=The Hollywood Reporter"}},
		{"said on", "The senator said on CNBC that the bill was dead.", []string{"CNBC=CNBC"}},
		{"via", "The coach was upbeat, via the Los Angeles Times.", []string{"Los Angeles Times=Los Angeles Times"}},
		{"report in", "According to a report in the Los Angeles Times, the stadium deal is off.", []string{"Los Angeles Times=Los Angeles Times"}},
		{"wrote in", "The former envoy wrote in The Guardian that the truce was fragile.", []string{"The Guardian=The Guardian"}},
		{"reports for", "As Ruth Amari reports for NPR, the clinic closed in June.", []string{"NPR=NPR"}},
		{"inverted at the end", "The dam held through the night, reports AP.", []string{"Associated Press=AP"}},
		{"inverted with media noun", "Power was restored by noon, said the Egyptian MENA news agency.", []string{"Middle East News Agency=MENA"}},
		{"inverted not at the end", "The report, said Reuters chief Ann Vole, was wrong.", nil},
		{"reporter of", "The road had reopened, according to Tomas Brel of the Washington Post.", []string{"The Washington Post=the Washington Post"}},
		{"reporter of then verb", "Ines Moro of The New York Times reports that the vote was close.", []string{"The New York Times=The New York Times"}},
		{"short form needs a full name first", "Ines Moro of the Times reports that the vote was close.", nil},
		{"possessive then person then verb", "The BBC's Lena Okoro in Accra says the queues were long.", []string{"BBC=BBC"}},
		{"identified", "The Detroit Free Press identified the driver as a local teacher.", []string{"Detroit Free Press=Detroit Free Press"}},
		{"demonym before newspaper", "He said in an interview with French newspaper Le Monde that he would stay.", []string{"Le Monde=Le Monde"}},
		{"dateline left in text", "KAMPALA, Uganda (AP) — The lake ferry sank on Monday.", []string{"Associated Press=AP"}},
		{"quoted name", "According to ''The Hollywood Reporter'', the series was renewed.", []string{"The Hollywood Reporter=The Hollywood Reporter"}},
		{"after then verb", "Shares fell after Bloomberg reported the probe.", []string{"Bloomberg=Bloomberg"}},
		{"columnist", "His sister told New York Post columnist Ida Marr that he was innocent.", []string{"New York Post=New York Post"}},

		// Not credits.
		{"subject only", "Reuters journalists were injured in the blast.", nil},
		{"anchor", "A CNN anchor left the network last year.", nil},
		{"lower-case ap and post", "The ap of the wave rose, and he wrote a post about the post office.", nil},
		{"person named Ap", "Ap Nguyen said the harvest was late this year.", nil},
		{"Ap told", "The villagers told Ap the harvest was late.", nil},
		{"compound institute", "The Reuters Institute said trust in news had fallen.", nil},
		{"compound stylebook", "The AP Stylebook says the word is hyphenated.", nil},
		{"council", "The Guardian Council reported that it had approved the list.", nil},
		{"person Bloomberg", "Michael Bloomberg said he would fund the campaign.", nil},
		{"person Bloomberg then surname", "Michael Bloomberg spoke first. Later, Bloomberg said the money was pledged.", nil},
		{"person then outlet verb", "Michael Bloomberg spoke first. Bloomberg reported the pledge on Friday.", []string{"Bloomberg=Bloomberg"}},
		{"title before name", "The crowd cheered when mayor Bloomberg said the park would open.", nil},
		{"list of countries", "Britain, France and RT said they would appeal the ruling.", nil},
		{"sanctions list", "Canada, Japan and the EU imposed sanctions on RT and Sputnik.", nil},
		{"object of preposition", "Officials who appeared on CNN said the count was rigged.", nil},
		{"footage", "According to CCTV footage, the car left at noon.", nil},
		{"cameras", "The van was seen by CCTV cameras near the port.", nil},
		{"could not verify", "Reuters could not independently verify the reports.", nil},
		{"demonym news agency", "The Syrian news agency reported that the road was cut.", nil},
		{"state TV", "State TV reported that the curfew was lifted.", nil},
		{"country after news agency", "He told the news agency Russia would respond in kind.", nil},
		{"building", "The Washington Post building was evacuated on Monday.", nil},
		{"hyphenated", "The AP-NORC poll was published in May.", nil},
		{"channel", "The English Channel crossing was closed.", nil},
		{"inside other word", "The Reutersgate affair reported nothing.", nil},
		{"weak form alone", "People said the queue was long, and Time will tell.", nil},
		{"weak initials alone", "Officials told CNA the vote was fair.", nil},
		{"street name", "The bodies were found on Independent Street, police said.", nil},
		{"division", "The team is last in the Atlantic Division, AP reported.", []string{"Associated Press=AP"}},
		{"CCTV operator", "A CCTV operator noticed smoke from the roof.", nil},
		{"appositive staff", "CNN correspondent Tia Rowe was named to the panel.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := document(tt.body)
			got := found(d, Find(d))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestFindMetadata(t *testing.T) {
	tests := []struct {
		name   string
		doc    article.Document
		want   []string
		noSpan bool
	}{
		{"input from agencies", article.Document{CreditLines: []string{"(With input from agencies)"}}, []string{"unnamed agencies@-1"}, true},
		{"inputs from AP/PTI", article.Document{CreditLines: []string{"(With inputs from AP/PTI)"}}, []string{"Associated Press@-1", "Press Trust of India@-1"}, true},
		{"agencies contributed", article.Document{CreditLines: []string{"Agencies contributed to this report."}}, []string{"unnamed agencies@-1"}, true},
		{"additional reporting", article.Document{CreditLines: []string{"Additional reporting by Jane Okafor in Lagos and Reuters TV; Editing by Tom Reid"}}, []string{"Reuters@-1"}, true},
		{"editing segment", article.Document{CreditLines: []string{"Reporting by Ana Ruiz; Editing by Bloomberg Staff"}}, nil, true},
		{"reporting by persons", article.Document{CreditLines: []string{"Reporting by Ana Ruiz and Omar Haddad; Writing by Lena Fox"}}, nil, true},
		{"weak form in credit line", article.Document{CreditLines: []string{"(With inputs from UNI)"}}, []string{"United News of India@-1"}, true},
		{"dateline", article.Document{Datelines: []string{"NAIROBI, March 4 (Reuters) -"}}, []string{"Reuters@-1"}, true},
		{"dateline AP", article.Document{Datelines: []string{"GENEVA (AP) —"}}, []string{"Associated Press@-1"}, true},
		{"dateline weak", article.Document{Datelines: []string{"WARSAW (PAP) -"}}, []string{"Polish Press Agency@-1"}, true},
		{"byline agency", article.Document{Bylines: []string{"By Nadia Karim, Associated Press"}}, []string{"Associated Press@-1"}, true},
		{"byline staff", article.Document{Bylines: []string{"By Reuters Staff"}}, []string{"Reuters@-1"}, true},
		{"byline person", article.Document{Bylines: []string{"By Michael Bloomberg"}}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			cs := Find(&d)
			if got := found(&d, cs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			for _, c := range cs {
				if c.Span != (article.Span{}) || c.Sentence != -1 || c.Evidence == "" {
					t.Errorf("metadata credit %+v: want Sentence -1, zero span and evidence", c)
				}
			}
		})
	}
}

func TestFindCreditLineInText(t *testing.T) {
	body := "Rain closed the mountain road on Sunday.\nWith reporting by AFP and Reuters"
	d := document(body)
	cs := Find(d)
	want := []string{"Agence France-Presse=AFP", "Reuters=Reuters"}
	if got := found(d, cs); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, c := range cs {
		if c.Sentence != 1 || c.Evidence != "With reporting by AFP and Reuters" {
			t.Errorf("credit %+v: want sentence 1 and the line as evidence", c)
		}
	}

	d = document("Rain closed the road.\n(With input from agencies)")
	want = []string{"unnamed agencies=agencies"}
	if got := found(d, Find(d)); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if cs := Find(d); len(cs) != 1 || cs[0].Kind != KindAgency {
		t.Errorf("unnamed agencies credit %+v: want kind %q", cs, KindAgency)
	}

	d = document("Rain closed the road.\nThe Associated Press contributed to this report.")
	want = []string{"Associated Press=Associated Press"}
	if got := found(d, Find(d)); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFindOrderKindsAndEvidence(t *testing.T) {
	body := "Smoke rose over the port, AP reported.\nThe Sham Valley news outlet reported two blasts. Officials told CNN the fire was out."
	d := document(body)
	d.Bylines = []string{"By Lina Hart, Reuters"}
	d.CreditLines = []string{"(With input from agencies)"}
	cs := Find(d)
	var got []string
	for _, c := range cs {
		got = append(got, c.Agency+"/"+c.Kind)
	}
	want := []string{"Reuters/agency", "Associated Press/agency", "Sham Valley/unknown", "CNN/outlet", "unnamed agencies/agency"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, c := range cs[1:4] {
		if s := d.SentenceText(c.Sentence); c.Evidence != s {
			t.Errorf("evidence %q is not sentence %d %q", c.Evidence, c.Sentence, s)
		}
	}
	if cs[0].Evidence != "By Lina Hart, Reuters" {
		t.Errorf("byline evidence %q", cs[0].Evidence)
	}
	if got, want := PerArticle(append(cs, cs...)), []string{"Reuters", "Associated Press", "Sham Valley", "CNN", "unnamed agencies"}; !reflect.DeepEqual(got, want) {
		t.Errorf("PerArticle = %q, want %q", got, want)
	}
}

func TestFindHostileDocument(t *testing.T) {
	body := "Officials told Reuters the pass was shut."
	d := document(body)
	d.Sentences = append(d.Sentences,
		article.Sentence{Span: article.Span{Start: -3, End: 4}},
		article.Sentence{Span: article.Span{Start: 10, End: 5}},
		article.Sentence{Span: article.Span{Start: 0, End: len(body) + 9}},
	)
	got := found(d, Find(d))
	if want := []string{"Reuters=Reuters"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if Find(nil) != nil {
		t.Error("Find(nil) should be nil")
	}
	if cs := Find(&article.Document{Sentences: []article.Sentence{{Span: article.Span{Start: 0, End: 3}}}}); len(cs) != 0 {
		t.Errorf("sentences without text gave %v", cs)
	}
}

func TestIsCreditLine(t *testing.T) {
	yes := []string{
		"(With input from agencies)", "(With inputs from AP/PTI)", "With reporting by AFP and Reuters",
		"Reporting by Ana Ruiz; Editing by Tom Reid", "Additional reporting by Omar Haddad",
		"Agencies contributed to this report.", "The Associated Press contributed to this report",
		"With agency inputs", "Lena Varga contributed reporting from Budapest.",
	}
	no := []string{
		"Reporting on the war has been difficult.", "The agencies said they would cooperate.",
		"Many factors contributed.", "Reuters said several factors contributed to the delay.",
		strings.Repeat("Reporting by many people ", 20),
	}
	for _, s := range yes {
		if !isCreditLine(s) {
			t.Errorf("isCreditLine(%q) = false", s)
		}
	}
	for _, s := range no {
		if isCreditLine(s) {
			t.Errorf("isCreditLine(%q) = true", s)
		}
	}
}
