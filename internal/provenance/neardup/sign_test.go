package neardup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/text"
)

func norms(s string) []string {
	var out []string
	for _, t := range text.Tokenize(s, 0) {
		out = append(out, t.Norm)
	}
	return out
}

// fastNorms returns the words forEachWord passes, folded as wordHash
// folds them.
func fastNorms(s string) []string {
	var out []string
	forEachWord(s, func(word string) { out = append(out, lowerASCII(word)) })
	return out
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// TestWordHashFoldsASCIICase checks the eight-at-a-time lower-casing
// against byte-by-byte lower-casing on every byte value, at every
// position of words of every length up to 17.
func TestWordHashFoldsASCIICase(t *testing.T) {
	for c := range 256 {
		for n := 1; n <= 17; n++ {
			for pos := range n {
				w := []byte(strings.Repeat("q", n))
				w[pos] = byte(c)
				if got, want := wordHash(string(w)), wordHash(lowerASCII(string(w))); got != want {
					t.Fatalf("wordHash(%q) != wordHash(%q)", w, lowerASCII(string(w)))
				}
			}
		}
	}
	if wordHash("ab") == wordHash("ba") || wordHash("a") == wordHash("a\x00") || wordHash("É") == wordHash("é") {
		t.Error("distinct words hash alike")
	}
}

// wordCases exercise each of text.Tokenize's rules, in ASCII and not.
var wordCases = []string{
	"",
	"   \n\t ",
	"one",
	"The U.S. envoy met Ph.D. students at 3 a.m. in Washington, D.C.",
	"al-Assad's forces - the 13-year-old boy - COVID-19 --dash-- end-",
	"don't O'Brien d'Ivoire Assad's ASSAD'S James' rock'n'roll 's 'tis",
	"370,000 people; 1.5 million; 3:30 p.m.; 24/7; 2024-12-06; 4,5,6 ,7",
	"AT&T and S&P but not a&b or A & B; R&D&E",
	"example.com e.g. i.e. U.S.A. A.B.C.D. ab.cd.ef. abc.de. x. .y",
	"Mr. Smith, Dr.Who; No.5 fig.3 v2.0.1 1.2.3. 5.",
	"“Quoted” words — and ‘single’ ones – plus Türkiye, São Paulo, Łódź, Straße",
	"ﬁne ² full-width ＡＢＣ soft\u00adhyphen zero\u200bwidth",
	"tab\tseparated\vvertical\ffeed\rreturn\x00nul\x7fdel\x01ctl",
	"invalid \xff\xfe bytes\xc3 in\xe2\x80 the middle of words: ab\xffcd",
	"nbsp\u00a0between words and\u2003em space",
	"Hyphen at end- and -start, apostrophe' 'quote' it's its' ''",
	"Ünïcödé’s possessive and O’Neill’S shout, Ελληνικά κείμενα, русский текст",
	"mixed ASCII-and-ü-words with 12-ü and ü-12, U.ß. A.ü.",
}

// TestWordsMatchTokenize holds the fast word scanner SignText uses to the
// tokens of text.Tokenize, which the rest of the program uses.
func TestWordsMatchTokenize(t *testing.T) {
	for _, s := range append(wordCases, article(ferryHeadline, ferryWire), article(strikeHeadline, strikeOther)) {
		if got, want := fastNorms(s), norms(s); !slices.Equal(got, want) {
			t.Errorf("words of %q:\n got %q\nwant %q", s, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fastNorms(s), norms(s); !slices.Equal(got, want) {
			t.Fatalf("words of %q:\n got %q\nwant %q", s, got, want)
		}
	})
}

// FuzzSign checks that no input panics, that a text is identical to
// itself, that Similarity is symmetric and that SignText agrees with Sign.
func FuzzSign(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s, s+" and more")
	}
	f.Add(article(ferryHeadline, ferryWire), article(ferryHeadline, ferryOther))
	f.Fuzz(func(t *testing.T, a, b string) {
		sa, sb := SignText(a), SignText(b)
		if sa != Sign(norms(a)) {
			t.Fatalf("SignText(%q) differs from Sign of its tokens", a)
		}
		if got := Similarity(sa, SignText(a)); got != 1 {
			t.Fatalf("Similarity of %q with itself = %v, want 1", a, got)
		}
		ab, ba := Similarity(sa, sb), Similarity(sb, sa)
		if ab != ba || ab < 0 || ab > 1 || math.IsNaN(ab) {
			t.Fatalf("Similarity(%q, %q) = %v, reversed %v", a, b, ab, ba)
		}
	})
}

func TestHostileInput(t *testing.T) {
	huge := strings.Repeat("The flood reached the old bridge at dawn. ", 250_000) // 10.5 MB
	cases := []struct {
		name     string
		text     string
		shingles uint32
	}{
		{"empty", "", 0},
		{"only punctuation", " ... --- !!! ", 0},
		{"one word", "Flood", 1},
		{"two words", "Flood warning", 1},
		{"invalid UTF-8", "\xff\xfe\xfd \xc3\x28 \xa0\xa1 word \xe2\x82", 1},
		{"10 MB of one repeated sentence", huge, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := SignText(c.text)
			if s.Shingles != c.shingles {
				t.Errorf("Shingles = %d, want %d", s.Shingles, c.shingles)
			}
			if got := Similarity(s, s); got != 1 {
				t.Errorf("self-similarity %v", got)
			}
			ix := NewIndex(Options{})
			ix.Add(1, s)
			ix.Query(s)
		})
	}
	if !utf8.ValidString(huge) {
		t.Fatal("bad fixture")
	}
}

func TestSimilarityEdgeCases(t *testing.T) {
	empty, word := SignText(""), SignText("word")
	long := SignText(article(ferryHeadline, ferryWire))
	if got := Similarity(empty, empty); got != 1 {
		t.Errorf("two empty texts: %v, want 1", got)
	}
	if got := Similarity(empty, word); got != 0 {
		t.Errorf("empty and a word: %v, want 0", got)
	}
	// One shingle fills every bin with the same byte; the size bound must
	// keep it from matching a long text that happens to hold that byte.
	if got := Similarity(word, long); got > 0.01 {
		t.Errorf("one word against an article: %v", got)
	}
}

// TestCopies is the package's promise: each kind of syndicated copy is
// found at the default threshold, and independent reports of the same
// event are not.
func TestCopies(t *testing.T) {
	ferry := article(ferryHeadline, ferryWire)
	strike := article(strikeHeadline, strikeWire)
	localParagraph := "Kelsing's harbourmaster, Ruth Adair, said the town's lifeboat station had been called out more often this winter than in any year she could remember."
	cases := []struct {
		name      string
		original  string
		candidate string
		match     bool
	}{
		{"verbatim", ferry, ferry, true},
		{"new headline", ferry, article("Fog blamed as Tavel ferry strands hundreds on sandbank", ferryWire), true},
		{"extra paragraph", ferry, article(ferryHeadline, slices.Insert(slices.Clone(ferryWire), 3, localParagraph)), true},
		{"a few words changed", strike, replaceWords(strike, map[int]string{15: "halted", 40: "vessels", 77: "raise", 120: "told", 160: "roughly"}), true},
		{"last paragraph dropped", strike, article(strikeHeadline, strikeWire[:len(strikeWire)-1]), true},
		{"typography and case", ferry, strings.ToUpper(ferryHeadline) + "\n" + strings.NewReplacer(`"`, "“", " - ", " — ", "'", "’").Replace(strings.Join(ferryWire, "\n")), true},
		{"new headline and an extra paragraph", strike, article("Halvern port strike strands 40 ships", append(slices.Clone(strikeWire), "Unions at two other ports said they would hold meetings on Tuesday.")), true},
		// Copies too heavily cut are beyond a Jaccard threshold of 0.8.
		{"first half only", ferry, article(ferryHeadline, ferryWire[:4]), false},
		// The same event in other words: related, not copied.
		{"same grounding, other reporter", ferry, article(ferryHeadline, ferryOther), false},
		{"same strike, other reporter", strike, article(strikeHeadline, strikeOther), false},
		{"different events", ferry, strike, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exact := Jaccard(c.original, c.candidate)
			estimated := Similarity(SignText(c.original), SignText(c.candidate))
			t.Logf("exact Jaccard %.3f, estimated %.3f", exact, estimated)
			// Fixtures must sit clearly on their side of the threshold
			// for the index's answer to be a fair test.
			if c.match && exact < DefaultThreshold+0.05 || !c.match && exact > DefaultThreshold-0.15 {
				t.Fatalf("fixture too close to the threshold: exact Jaccard %.3f", exact)
			}
			ix := NewIndex(Options{})
			ix.Add(7, SignText(c.original))
			got := ix.Query(SignText(c.candidate))
			if found := len(got) == 1 && got[0].ID == 7; found != c.match {
				t.Errorf("Query = %v, want match %v (exact %.3f, estimated %.3f)", got, c.match, exact, estimated)
			}
		})
	}
}

// TestEstimateTracksJaccard compares Similarity with the exact Jaccard
// similarity on random pairs spanning the whole range: texts drawn from a
// vocabulary, then partly rewritten.
func TestEstimateTracksJaccard(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocabulary := make([]string, 5000)
	for i := range vocabulary {
		vocabulary[i] = fmt.Sprintf("w%d", i)
	}
	randomWords := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocabulary[rng.IntN(len(vocabulary))]
		}
		return w
	}
	var sumError, worst float64
	const pairs = 400
	for range pairs {
		n := 50 + rng.IntN(800)
		a := randomWords(n)
		b := slices.Clone(a)
		// Rewrite a random fraction of the words, and sometimes append.
		rewrite := rng.Float64() * 0.3
		for i := range b {
			if rng.Float64() < rewrite {
				b[i] = vocabulary[rng.IntN(len(vocabulary))]
			}
		}
		if rng.IntN(3) == 0 {
			b = append(b, randomWords(rng.IntN(n/2+1))...)
		}
		ta, tb := strings.Join(a, " "), strings.Join(b, " ")
		exact, estimated := Jaccard(ta, tb), Similarity(SignText(ta), SignText(tb))
		diff := math.Abs(exact - estimated)
		sumError += diff
		worst = max(worst, diff)
		// Four standard deviations of a 256-sample estimate at J = 0.5
		// is 0.125; densification adds a little for short texts.
		if diff > 0.15 {
			t.Errorf("%d and %d words: exact %.3f, estimated %.3f", len(a), len(b), exact, estimated)
		}
	}
	if mean := sumError / pairs; mean > 0.03 {
		t.Errorf("mean absolute error %.4f, want <= 0.03", mean)
	}
	t.Logf("mean absolute error %.4f, worst %.4f", sumError/pairs, worst)
}

// TestSignatureIsStable pins the signature of a fixed text: signatures are
// stored, so a change of hashing, shingling or binning must be deliberate,
// and must come with a new signatureVersion so that stored ones are
// recomputed rather than compared.
func TestSignatureIsStable(t *testing.T) {
	s := SignText(article(ferryHeadline, ferryWire))
	got := fmt.Sprintf("%d %x", s.Shingles, s.Bins[:16])
	const want = "327 1768a2d39ea37621cd07adcee887d3cc"
	if got != want || signatureVersion != 2 {
		t.Errorf("signature of the ferry fixture = %s (version %d), want %s (version 2)", got, signatureVersion, want)
	}
}
