package credit

import (
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

// benchParagraphs are invented, about 2 KB, and mix credits with ordinary
// prose the way a wire-heavy report does.
var benchParagraphs = []string{
	"Floodwater reached the old market in the river town on Thursday, two council officials told Reuters, as crews stacked sandbags along the embankment.",
	"The regional weather office said more rain was expected over the weekend, and schools in three districts would stay closed until Monday, AP reported.",
	"According to AFP, at least four bridges had been damaged, and the main road to the coast was cut in two places by landslides.",
	"The Norvik Courier newspaper reported that the town's water plant had switched to its backup pumps after the main hall flooded overnight.",
	"A spokesperson for the emergency ministry said in a statement that helicopters had lifted forty people from rooftops, and that a field hospital was being set up near the stadium.",
	"Residents described a night of sirens and rising water; one shopkeeper said she had moved her stock upstairs twice before giving up and leaving with her children.",
	"The Washington Post reported that the dam upstream had been inspected in the spring, and an engineer told the Post that its spillway had worked as designed.",
	"Insurance analysts estimated the damage in the hundreds of millions, though the ministry cautioned that a full count would take weeks.",
}

func benchBody(size int) string {
	var b strings.Builder
	for b.Len() < size {
		for _, p := range benchParagraphs {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	body := benchBody(8 << 10)
	d := &article.Document{
		Text:        body,
		Sentences:   text.Segment(body),
		Datelines:   []string{"RIVERTON, May 2 (Reuters) -"},
		CreditLines: []string{"(With input from agencies)"},
	}
	if len(Find(d)) == 0 {
		b.Fatal("the benchmark article credits nobody")
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Find(d)
	}
}
