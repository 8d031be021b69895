package claim

import (
	"testing"
	"time"
)

var fuzzSeeds = []string{
	"The agency said almost 40,000 people had been displaced since late November.",
	"Between 200 and 300 protesters were detained on Thursday night, according to the police.",
	"Half a million tourists; two-thirds of the wells; three out of 14 districts; $4.5 million.",
	"Call +44 20 7946 0958 or see https://example.org/2024/1-2-3 at 6:30 p.m.",
	"a dozen hundred and and - 1,00,0 1.2.3 200-100 tens of of thousands (12 (",
	"Saturday, December 7 mid- mid-May late on",
	"\xff\xfe 12\u00a0000 people, \u200b3\u2009500 inmates",
}

func FuzzFigures(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := newDoc("z", body, day(2024, time.December, 8), false)
		for _, fig := range Figures(d) {
			if fig.Start < 0 || fig.Start > fig.End || fig.End > len(body) {
				t.Fatalf("figure span %v outside text of %d bytes", fig.Span, len(body))
			}
			if fig.Sentence < 0 || fig.Sentence >= len(d.Sentences) || fig.Low > fig.High {
				t.Fatalf("bad figure %+v", fig)
			}
			_ = fig.Value()
		}
		_ = Extract(d)
	})
}

func FuzzTimes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, int64(0))
		f.Add(s, int64(1733616000))
	}
	f.Fuzz(func(t *testing.T, body string, unix int64) {
		var published time.Time
		if unix != 0 {
			published = time.Unix(unix%(1<<40), 0)
		}
		d := newDoc("z", body, published, unix%2 == 1)
		for _, e := range Times(d) {
			if e.Start < 0 || e.Start > e.End || e.End > len(body) || body[e.Start:e.End] != e.Text {
				t.Fatalf("time span %v outside text of %d bytes or text %q mismatched", e.Span, len(body), e.Text)
			}
			if !e.Date.IsZero() && e.Until.Before(e.Date) {
				t.Fatalf("time %+v ends before it starts", e)
			}
		}
	})
}
