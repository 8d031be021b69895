package credit

import (
	"strings"
	"testing"
)

func TestListParses(t *testing.T) {
	l, err := parseList(agencyData)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.entries) < 150 {
		t.Errorf("only %d entries", len(l.entries))
	}
	for _, e := range l.entries {
		if e.kind != KindAgency && e.kind != KindOutlet {
			t.Errorf("%s: kind %q", e.name, e.kind)
		}
	}
}

// TestListHasNoDuplicateAliases reads the file itself, so that a form
// listed twice is caught even where parsing would tolerate it: every full
// and weak form names one entry and is listed once; short forms may be
// shared by design ("the Post") but never equal a full or weak form.
func TestListHasNoDuplicateAliases(t *testing.T) {
	owner := map[string]string{} // folded form -> entry
	listed := map[string]bool{}  // exact form
	short := map[string]bool{}
	for _, line := range strings.Split(agencyData, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		name := strings.TrimSpace(fields[0])
		forms := splitForms(fields[2])
		weak := false
		for _, f := range fields[3:] {
			tag, rest, _ := strings.Cut(f, ":")
			switch strings.TrimSpace(tag) {
			case "weak":
				forms = append(forms, splitForms(rest)...)
				weak = weak || strings.Contains(rest, name)
			case "short":
				for _, s := range splitForms(rest) {
					short[fold(s)] = true
				}
			}
		}
		if !weak {
			forms = append(forms, name)
		}
		for _, form := range forms {
			if listed[form] {
				t.Errorf("%q is listed twice", form)
			}
			listed[form] = true
			key := fold(form)
			if other, ok := owner[key]; ok && other != name {
				t.Errorf("%q names both %s and %s", form, other, name)
			}
			owner[key] = name
		}
	}
	for s := range short {
		if _, ok := owner[s]; ok {
			t.Errorf("short form %q is also a full or weak form", s)
		}
	}
}

// fold is the list's case-insensitive key of a form or a credited name,
// without a leading "The".
func fold(form string) string {
	var words []string
	for _, t := range tokenize(form, 0, nil) {
		words = append(words, t.text)
	}
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	return foldWords(words)
}

func TestListNamesTheCommonAgenciesAndOutlets(t *testing.T) {
	want := map[string]string{
		"Reuters": "Reuters", "AP": "Associated Press", "The AP": "Associated Press",
		"Associated Press": "Associated Press", "AFP": "Agence France-Presse",
		"Agence France-Presse": "Agence France-Presse", "Bloomberg": "Bloomberg",
		"dpa": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "TASS": "TASS",
		"RIA Novosti": "RIA Novosti", "Interfax": "Interfax", "Anadolu Agency": "Anadolu Agency",
		"ANSA": "ANSA", "EFE": "EFE", "Kyodo": "Kyodo", "Yonhap": "Yonhap",
		"UPI": "United Press International", "PTI": "Press Trust of India",
		"ANI": "Asian News International", "IRNA": "Islamic Republic News Agency",
		"SANA": "Syrian Arab News Agency", "Al Jazeera": "Al Jazeera", "BBC": "BBC",
		"CNN": "CNN", "The New York Times": "The New York Times",
		"The Washington Post": "The Washington Post", "Washington Post": "The Washington Post",
		"The Wall Street Journal": "The Wall Street Journal", "Financial Times": "Financial Times",
		"The Guardian": "The Guardian", "Sky News": "Sky News", "NPR": "NPR",
		"ABC News": "ABC News", "NBC News": "NBC News", "CBS News": "CBS News",
		"Fox News": "Fox News", "Al Arabiya": "Al Arabiya", "RFE/RL": "RFE/RL",
		"Axios": "Axios", "Politico": "Politico", "Le Monde": "Le Monde",
		"Der Spiegel": "Der Spiegel", "China Media Group": "China Media Group",
		"CGTN": "China Media Group",
	}
	for form, name := range want {
		id, ok := agencies.byFold[fold(form)]
		if !ok {
			t.Errorf("%q is not listed", form)
			continue
		}
		if got := agencies.entries[id].name; got != name {
			t.Errorf("%q names %q, want %q", form, got, name)
		}
	}
	for _, e := range []string{"Reuters", "Associated Press", "Agence France-Presse"} {
		if k := agencies.entries[agencies.byName[e]].kind; k != KindAgency {
			t.Errorf("%s is %q, want agency", e, k)
		}
	}
	for _, e := range []string{"CNN", "The Washington Post", "China Media Group"} {
		if k := agencies.entries[agencies.byName[e]].kind; k != KindOutlet {
			t.Errorf("%s is %q, want outlet", e, k)
		}
	}
}

func TestParseListRejectsMalformedLines(t *testing.T) {
	bad := map[string]string{
		"missing fields":      "Reuters | agency",
		"unknown kind":        "Reuters | wire |",
		"empty name":          " | agency | AP",
		"listed twice":        "Reuters | agency |\nReuters | agency |",
		"alias of two":        "Reuters | agency | RTRS\nOther | agency | RTRS",
		"alias in other case": "Reuters | agency | RTRS\nOther | agency | Rtrs",
		"short without The":   "The Daily Gazette | outlet | | short: Gazette",
		"short equals full":   "The Daily Gazette | outlet | | short: The Gazette\nThe Gazette | outlet |",
		"unknown tag":         "Reuters | agency | | also: RTRS",
		"alias without words": "Reuters | agency | ---",
	}
	for name, data := range bad {
		if _, err := parseList(data); err == nil {
			t.Errorf("%s: parseList(%q) accepted it", name, data)
		}
	}
	l, err := parseList("# comment\n\nThe Daily Gazette | outlet | Gazette Daily | short: The Gazette\nThe Evening Gazette | outlet | | short: The Gazette | weak: EG\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.entries) != 2 || len(l.byFirst["Gazette"]) != 2 || len(l.byFirst["Gazette"][1].entries) != 2 {
		t.Errorf("shared short form not parsed as shared: %+v", l.byFirst["Gazette"])
	}
	if _, ok := l.byFold["eg"]; !ok {
		t.Error("weak form not indexed")
	}
}
