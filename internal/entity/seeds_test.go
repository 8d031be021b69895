package entity

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
	"github.com/corroborate/corroborate/internal/text"
)

// seedDocuments reads the project's seed reports, one paragraph a line.
// Missing seeds fail the test under CI and skip it elsewhere.
func seedDocuments(t testing.TB) []*article.Document {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no seed reports in %s", dir)
		}
		t.Skipf("no seed reports in %s", dir)
	}
	sort.Strings(files)
	var docs []*article.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := string(b)
		docs = append(docs, &article.Document{ID: filepath.Base(f), Text: body, Sentences: text.Segment(body)})
	}
	return docs
}

func entityWithAlias(es []article.Entity, alias string) *article.Entity {
	for i := range es {
		if slices.Contains(es[i].Aliases, alias) {
			return &es[i]
		}
	}
	return nil
}

func TestSeeds(t *testing.T) {
	docs := seedDocuments(t)
	entities, places := Resolve(docs)
	if testing.Verbose() {
		for _, e := range entities {
			t.Logf("%s %s %q %v roles=%q", e.ID, e.Type, e.Name, e.Aliases, e.Roles)
			for _, l := range e.Links {
				t.Logf("    link %q %.2f %s", l.Alias, l.Confidence, l.Evidence)
			}
		}
		for _, p := range places {
			t.Logf("place %s %.2f,%.2f %s", p.Name, p.Lat, p.Lon, p.Country)
		}
	}

	golani := entityWithAlias(entities, "Abu Mohammed al-Golani")
	if golani == nil || !slices.Contains(golani.Aliases, "Abu Mohammad al-Golani") {
		t.Errorf("no entity holds both spellings of al-Golani: %+v", golani)
	} else {
		if !slices.Contains(golani.Aliases, "Ahmed al-Sharaa") {
			t.Errorf("Ahmed al-Sharaa not linked to al-Golani: %v", golani.Aliases)
		}
		roleLink := false
		for _, l := range golani.Links {
			roleLink = roleLink || l.Confidence == confidenceRole &&
				(l.Alias == "Ahmed al-Sharaa" || strings.Contains(l.Alias, "Golani")) &&
				strings.Contains(l.Evidence, "Ahmed al-Sharaa") && strings.Contains(l.Evidence, "leader")
		}
		if !roleLink {
			t.Errorf("no role link between al-Sharaa and al-Golani: %+v", golani.Links)
		}
	}
	hts := entityWithAlias(entities, "Hayat Tahrir al-Sham")
	if hts == nil || !slices.Contains(hts.Aliases, "HTS") || hts.Type != Group {
		t.Errorf("Hayat Tahrir al-Sham and HTS are not one group: %+v", hts)
	}
	lavrov := entityWithAlias(entities, "Sergei Lavrov")
	if lavrov == nil || !slices.Contains(lavrov.Aliases, "Sergey Lavrov") || lavrov.Type != Person {
		t.Errorf("Sergei and Sergey Lavrov are not one person: %+v", lavrov)
	}
	bashar, hafez := entityWithAlias(entities, "Bashar al-Assad"), entityWithAlias(entities, "Hafez al-Assad")
	if bashar == nil || hafez == nil || bashar.ID == hafez.ID {
		t.Errorf("Bashar and Hafez al-Assad must be two entities: %+v %+v", bashar, hafez)
	}
	want := map[string][2]float64{
		"Homs": {34.73, 36.72}, "Damascus": {33.51, 36.29}, "Latakia": {35.52, 35.79}, "Tartus": {34.89, 35.89},
	}
	for name, ll := range want {
		var found *article.Place
		for i := range places {
			if places[i].Name == name || slices.Contains(places[i].Aliases, name) {
				found = &places[i]
			}
		}
		if found == nil {
			t.Errorf("%s is not a place", name)
			continue
		}
		if found.Country != "Syria" || geo.Distance(found.Lat, found.Lon, ll[0], ll[1]) > 30 {
			t.Errorf("%s resolved to %+v", name, *found)
		}
	}
}
