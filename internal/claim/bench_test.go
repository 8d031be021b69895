package claim

import (
	"strings"
	"testing"
	"time"
)

// benchmarkArticle is an invented report of about 8 KB, dense with figures
// and dates like the news it stands for.
func benchmarkArticle() string {
	paragraphs := []string{
		"The regional relief agency said on Tuesday that almost 42,000 people had been displaced by the floods since early October, and that up to 1.2 million could be affected.",
		"According to the provincial health office, at least 37 people were killed and more than 1,400 injured when the river burst its banks late on Sunday.",
		"Rescue teams reached the valley, about 80 kilometres north of the capital, on Monday evening, freeing dozens of villagers trapped on rooftops.",
		"Between 200 and 300 soldiers were deployed to the area last week, a defence ministry spokesman told reporters.",
		"Two-thirds of the district's wells were contaminated, and three out of 14 clinics remained closed, the monitor reported.",
		"Officials estimated the damage at $4.5 million; insurers said claims had risen 15% since September 2023.",
		"Thousands of residents queued for water on Saturday, while hundreds of volunteers distributed food parcels.",
		"The 2019 Flood Protection Act, passed under Resolution 114, promised 250 new pumping stations by the end of the decade.",
	}
	var b strings.Builder
	for b.Len() < 8<<10 {
		for _, p := range paragraphs {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func BenchmarkExtract(b *testing.B) {
	body := benchmarkArticle()
	d := newDoc("bench", body, day(2024, time.December, 8), false)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(d)
	}
}
