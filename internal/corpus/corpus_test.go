package corpus

import (
	"github.com/corroborate/corroborate/internal/sharedtest"

	"github.com/corroborate/corroborate/internal/provenance/neardup"
	"path/filepath"
	"strings"
	"testing"
)

func generate(t testing.TB, opt Options, n int) (*Generator, []Article) {
	t.Helper()
	g, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]Article, n)
	for i := range out {
		out[i] = g.Next()
	}
	return g, out
}

func TestDeterministic(t *testing.T) {
	dir := filepath.Dir(sharedtest.Path(t, "data/ecbplus"))
	_, a := generate(t, Options{DataDir: dir, Seed: 7}, 3000)
	_, b := generate(t, Options{DataDir: dir, Seed: 7}, 3000)
	_, c := generate(t, Options{DataDir: dir, Seed: 8}, 3000)
	differs := 0
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Title != b[i].Title || a[i].Text != b[i].Text || a[i].CopyOf != b[i].CopyOf ||
			a[i].Edit != b[i].Edit || a[i].Source != b[i].Source || !a[i].Published.Equal(b[i].Published) {
			t.Fatalf("article %d differs between two runs with one seed", i)
		}
		if a[i].Text != c[i].Text {
			differs++
		}
	}
	if differs < len(a)/2 {
		t.Errorf("only %d of %d articles differ between seeds", differs, len(a))
	}
}

// TestCopiesAreWhatTheySay checks every injected copy against the article
// it claims to copy.
func TestCopiesAreWhatTheySay(t *testing.T) {
	g, err := New(Options{DataDir: filepath.Dir(sharedtest.Path(t, "data/ecbplus")), Seed: 1, CopyRate: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Edit]int{}
	for range 6000 {
		a := g.Next()
		if a.CopyOf == "" {
			if a.Edit != Original || a.Family == "" {
				t.Fatalf("%s: not a copy, yet edit %q family %q", a.ID, a.Edit, a.Family)
			}
			continue
		}
		src, ok := g.Lookup(a.CopyOf)
		if !ok {
			t.Fatalf("%s copies %s, which is not in the window", a.ID, a.CopyOf)
		}
		seen[a.Edit]++
		if src.Seq >= a.Seq || src.Family != a.Family || src.Source == a.Source || src.Story != a.Story {
			t.Fatalf("%s copies %s: seq %d/%d family %q/%q outlet %q/%q", a.ID, src.ID, src.Seq, a.Seq, src.Family, a.Family, src.Source, a.Source)
		}
		if r := g.Relation(a.Label(), src.Label()); r != SameFamily {
			t.Fatalf("%s and its source: %v", a.ID, r)
		}
		srcWords, words := len(strings.Fields(src.Text)), len(strings.Fields(a.Text))
		ratio := float64(words) / float64(srcWords)
		sameTitle, sameText := a.Title == src.Title, a.Text == src.Text
		if srcWords < 100 {
			// Short real reports: one changed word is already 5%.
			continue
		}
		var ok2 bool
		switch a.Edit {
		case Verbatim:
			ok2 = sameTitle && sameText
		case NewHeadline:
			ok2 = !sameTitle && sameText
		case ExtraParagraph:
			added := strings.Count(a.Text, "\n") - strings.Count(src.Text, "\n")
			ok2 = sameTitle && added == 1 && ratio > 1 && ratio <= 1.13 && containsInOrder(a.Text, strings.Split(src.Text, "\n"))
		case WordEdits:
			ok2 = sameTitle && !sameText && strings.Count(a.Text, "\n") == strings.Count(src.Text, "\n") && ratio > 0.97 && ratio < 1.03
		case Truncated:
			ok2 = sameTitle && ratio >= 0.87 && ratio <= 0.98
		case Excerpt:
			ok2 = sameTitle && ratio >= 0.33 && ratio <= 0.67 || words >= 40 && words <= 45
		}
		if !ok2 {
			t.Errorf("%s, %s of %s: %d words of %d, same title %v, same text %v\n%s\n---\n%s", a.ID, a.Edit, src.ID, words, srcWords, sameTitle, sameText, src.Text, a.Text)
		}
	}
	for _, e := range Edits {
		if seen[e] < 50 {
			t.Errorf("only %d copies of kind %s", seen[e], e)
		}
	}
}

func containsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

func TestRates(t *testing.T) {
	g, articles := generate(t, Options{DataDir: filepath.Dir(sharedtest.Path(t, "data/ecbplus")), Seed: 3}, 20_000)
	copies, reals := 0, 0
	for _, a := range articles {
		switch {
		case a.CopyOf != "":
			copies++
		case a.Real:
			reals++
		}
	}
	if share := float64(copies) / float64(len(articles)); share < 0.18 || share > 0.22 {
		t.Errorf("copy share %.3f, want about 0.2", share)
	}
	if reals < 700 || reals > g.RealArticles() {
		t.Errorf("%d real articles, want most of the %d", reals, g.RealArticles())
	}
}

// TestRealCopiesAreOneFamily: ECB+ holds reports printing the same wire
// story; they must not be counted as independent.
func TestRealCopiesAreOneFamily(t *testing.T) {
	p, err := loadPool(filepath.Dir(sharedtest.Path(t, "data/ecbplus")))
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, r := range p.reals {
		index[r.id] = i
	}
	cases := []struct {
		a, b   string
		family bool
	}{
		{"29_1ecbplus", "29_9ecbplus", true}, // the same story, nearly word for word
		{"9_3ecbplus", "9_9ecbplus", true},
		{"1_1ecb", "1_3ecb", false}, // two reports of one rehab stay
	}
	for _, c := range cases {
		i, ok1 := index[c.a]
		j, ok2 := index[c.b]
		if !ok1 || !ok2 {
			t.Fatalf("%s or %s not loaded", c.a, c.b)
		}
		if got := p.reals[i].family == p.reals[j].family; got != c.family {
			t.Errorf("%s and %s in one family: %v, want %v", c.a, c.b, got, c.family)
		}
	}
	g := &Generator{pool: p}
	rel := func(a, b string) Relation {
		i, j := index[a], index[b]
		return g.Relation(Label{family: -1 - int32(p.reals[i].family), real: int32(i)}, Label{family: -1 - int32(p.reals[j].family), real: int32(j)})
	}
	if r := rel("1_1ecb", "1_3ecb"); r != HardNonCopy {
		t.Errorf("two independent reports of one story: %v", r)
	}
	if r := rel("1_1ecb", "2_1ecb"); r != Unrelated {
		t.Errorf("reports of different topics: %v", r)
	}
}

// TestOriginalsShareLittle checks the premise of the benchmark: generated
// originals do not copy each other. Candidates are found with the
// near-duplicate index at a low threshold and measured exactly.
func TestOriginalsShareLittle(t *testing.T) {
	_, articles := generate(t, Options{DataDir: filepath.Dir(sharedtest.Path(t, "data/ecbplus")), Seed: 5, CopyRate: -1, RealRate: -1}, 5000)
	ix := neardup.NewIndex(neardup.Options{Threshold: 0.3})
	worst := 0.0
	for i, a := range articles {
		s := neardup.SignText(a.Title + "\n" + a.Text)
		for _, m := range ix.Query(s) {
			b := articles[m.ID]
			worst = max(worst, neardup.Jaccard(a.Title+"\n"+a.Text, b.Title+"\n"+b.Text))
		}
		ix.Add(uint32(i), s)
	}
	if worst > 0.5 {
		t.Errorf("two originals have a shingle Jaccard similarity of %.2f", worst)
	}
	t.Logf("largest similarity of two originals among %d: %.2f", len(articles), worst)
}

func TestMissingData(t *testing.T) {
	_, err := New(Options{DataDir: filepath.Join(t.TempDir(), "nowhere")})
	if err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("New on a missing folder: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	dir := t.TempDir()
	for _, opt := range []Options{
		{},
		{DataDir: dir, CopyRate: 0.7, RealRate: 0.5},
		{DataDir: dir, Mix: map[Edit]float64{"rewrite": 1}},
		{DataDir: dir, Mix: map[Edit]float64{Verbatim: 0}},
	} {
		if _, err := New(opt); err == nil {
			t.Errorf("New(%+v) accepted", opt)
		}
	}
}
