package quote

import (
	"strings"
	"testing"
)

// benchParagraphs is an invented report with the attribution forms the
// package reads; it is repeated to about 8 KB.
var benchParagraphs = []string{
	"OSTRAVA (Kestrel News) - Floodwater reached the lower districts of Ostrava overnight, forcing thousands of residents to leave their homes, officials said on Sunday.",
	"Mayor Tomas Brenner said that the emergency shelters in the northern districts were already full and that the city had asked the army for tents.",
	"\"We have never seen the river rise this fast,\" Brenner told reporters outside the town hall. \"The next two nights will decide how much of the old town we can save.\"",
	"Foreign Minister Ilse Varga, who cut short a visit abroad, described the flood as a \"national emergency\" and promised help from neighbouring countries.",
	"“Three rescue teams are on their way and more will follow,” the minister said. “Nobody will be left on a roof.”",
	"According to the Quell Water Authority, the river peaked at 7.4 metres shortly after midnight, the highest level recorded since the station opened.",
	"The Quell Water Authority said the dams upstream were holding. \"There is no risk of a breach at this time,\" it said in a statement.",
	"Nabil Haddad, a farmer from the village of Lesna, said his family had lost every animal in the barn. \"We moved what we could, but the water came through the walls,\" he said.",
	"Opposition leader Marta Kovac accused the government of ignoring warnings from engineers, saying the city's defences had been \"neglected for a decade.\"",
}

func benchBody() string {
	var b strings.Builder
	for b.Len() < 8000 {
		for _, p := range benchParagraphs {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func BenchmarkExtract(b *testing.B) {
	d := doc(benchBody())
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(d)
	}
}

func TestBenchArticleAttributions(t *testing.T) {
	qs := Extract(doc(strings.Join(benchParagraphs, "\n")))
	want := map[string]string{
		"never seen the river rise": "Tomas Brenner",
		"next two nights":           "Tomas Brenner",
		"national emergency":        "Ilse Varga",
		"Three rescue teams":        "Ilse Varga",
		"Nobody will be left":       "Ilse Varga",
		"no risk of a breach":       "Quell Water Authority",
		"came through the walls":    "Nabil Haddad",
		"neglected for a decade.":   "Marta Kovac",
		"emergency shelters":        "Tomas Brenner",
		"the river peaked at 7.4":   "Quell Water Authority",
		"his family had lost":       "Nabil Haddad",
		"the dams upstream":         "Quell Water Authority",
	}
	for part, speaker := range want {
		found := false
		for _, q := range qs {
			if strings.Contains(q.Text, part) {
				found = true
				if q.Speaker != speaker {
					t.Errorf("%q attributed to %q, want %q", part, q.Speaker, speaker)
				}
			}
		}
		if !found {
			t.Errorf("no quote with %q", part)
		}
	}
}
