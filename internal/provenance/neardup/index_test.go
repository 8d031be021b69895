package neardup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// synthetic returns n unrelated texts of about 200 words drawn from a
// large random vocabulary.
func synthetic(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 99))
	texts := make([]string, n)
	var b strings.Builder
	for i := range texts {
		b.Reset()
		for w := range 150 + rng.IntN(100) {
			if w > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "w%d", rng.IntN(50_000))
		}
		texts[i] = b.String()
	}
	return texts
}

func TestRowsFor(t *testing.T) {
	cases := []struct {
		threshold float64
		rows      int
	}{
		{0.8, 4}, {0.9, 8}, {0.85, 6}, {0.75, 3}, {0.7, 2}, {0.5, 1}, {0.1, 1}, {1, maxRows},
	}
	for _, c := range cases {
		if got := rowsFor(c.threshold); got != c.rows {
			t.Errorf("rowsFor(%v) = %d, want %d", c.threshold, got, c.rows)
		}
	}
	if got := NewIndex(Options{}).Threshold(); got != DefaultThreshold {
		t.Errorf("default threshold %v", got)
	}
}

// TestIndexFindsCopiesAmongMany indexes enough unrelated texts to make the
// bucket tables grow several times, then checks that each planted copy is
// found, and nothing else.
func TestIndexFindsCopiesAmongMany(t *testing.T) {
	texts := synthetic(6000, 1)
	ix := NewIndex(Options{})
	for i, s := range texts {
		if len(ix.Query(SignText(s))) != 0 {
			t.Fatalf("text %d matched before any copy was added", i)
		}
		ix.Add(uint32(i), SignText(s))
	}
	if ix.Len() != len(texts) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(texts))
	}
	for _, i := range []int{0, 1, 1023, 1024, 2048, 5999} {
		words := strings.Fields(texts[i])
		words[len(words)/2] = "changed" // one word edited
		got := ix.Query(SignText(strings.Join(words, " ")))
		if len(got) != 1 || got[0].ID != uint32(i) || got[0].Similarity < 0.9 {
			t.Errorf("copy of text %d: Query = %v", i, got)
		}
	}
	st := ix.Stats()
	if perQuery := float64(st.Candidates) / float64(st.Queries); perQuery > 0.1 {
		t.Errorf("%.2f candidates per query among unrelated texts, want few", perQuery)
	}
}

func TestQueryOrderAndThreshold(t *testing.T) {
	base := strings.Fields(synthetic(1, 5)[0])
	variant := func(changed int) string {
		w := slices.Clone(base)
		for k := range changed {
			w[3+k*7] = fmt.Sprintf("x%d", k)
		}
		return strings.Join(w, " ")
	}
	ix := NewIndex(Options{Threshold: 0.7})
	ix.Add(30, SignText(variant(6)))
	ix.Add(10, SignText(variant(0)))
	ix.Add(20, SignText(variant(2)))
	ix.Add(40, SignText(variant(0)))
	ix.Add(50, SignText(variant(25))) // far below 0.7
	got := ix.Query(SignText(variant(0)))
	ids := make([]uint32, len(got))
	for i, m := range got {
		ids[i] = m.ID
	}
	if want := []uint32{10, 40, 20, 30}; !slices.Equal(ids, want) {
		t.Errorf("Query order %v, want %v (%v)", ids, want, got)
	}
	for _, m := range got {
		if m.Similarity < 0.7 {
			t.Errorf("match %v below the threshold", m)
		}
	}
}

func TestShortTextsAreNotIndexed(t *testing.T) {
	ix := NewIndex(Options{})
	for _, s := range []string{"", "one", "one two three four five"} {
		if ix.Add(1, SignText(s)) {
			t.Errorf("Add(%q) indexed a text too short to judge", s)
		}
		if got := ix.Query(SignText(s)); got != nil {
			t.Errorf("Query(%q) = %v", s, got)
		}
	}
	if !ix.Add(2, SignText("one two three four five six seven")) || ix.Len() != 1 {
		t.Errorf("a text of %d shingles was not indexed", MinShingles+1)
	}
}

// TestMaxVisits stores one text many times: the query must stop at the cap
// and return the newest copies.
func TestMaxVisits(t *testing.T) {
	s := SignText(synthetic(1, 3)[0])
	ix := NewIndex(Options{MaxVisits: 100})
	for i := range 1000 {
		ix.Add(uint32(i), s)
	}
	got := ix.Query(s)
	if len(got) != 100 {
		t.Fatalf("%d matches, want 100 (the cap)", len(got))
	}
	if got[0].ID != 900 || got[99].ID != 999 {
		t.Errorf("matches %d..%d, want the newest, 900..999", got[0].ID, got[99].ID)
	}
}

func TestDeterministic(t *testing.T) {
	texts := synthetic(50, 8)
	run := func() []Match {
		ix := NewIndex(Options{Threshold: 0.3})
		for i, s := range texts {
			ix.Add(uint32(i), SignText(s))
		}
		return ix.Query(SignText(texts[7] + " " + texts[8]))
	}
	a, b := run(), run()
	if !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("two runs differ or found nothing: %v vs %v", a, b)
	}
}
