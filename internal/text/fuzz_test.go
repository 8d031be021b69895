package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

var fuzzSeeds = []string{
	"",
	" ",
	"\n\n",
	"a",
	"U.S.",
	"Mr. Smith went to St. Louis. He left.",
	"“Quoted.” Then “more,” he said.",
	"Saturday, December 7, 2024 and Dec. 6 2024 and 2024-12-06.",
	"6th of December, 2024; February 30, 2024; Sun 8 November 2026",
	"al-Assad's 13-year-old 370,000 1.5 AT&T 24/7",
	"bad\xff\xfe bytes\x00 and NUL",
	"e\u0301 ﬁ ½ ＦＵＬＬ ｶﾞ 한국어 हिन्दी İ ẞ",
	"1. item\n- bullet\nHeading Line\n\nLast paragraph. Ends here.",
	"\u00a0\u2009 spaced\u00a0out \u200b",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, p := range sampleParagraphs {
		f.Add(p)
	}
	f.Add(sampleBody(1 << 10))
}

// checkSpans fails unless spans are non-empty, inside [lo, hi), in order and
// not overlapping.
func checkSpans(t *testing.T, what string, spans []article.Span, lo, hi int) {
	t.Helper()
	prevEnd := lo
	for i, sp := range spans {
		if sp.Start < prevEnd || sp.End <= sp.Start || sp.End > hi {
			t.Fatalf("%s %d: span %+v out of order or range [%d,%d) (previous end %d)", what, i, sp, lo, hi, prevEnd)
		}
		prevEnd = sp.End
	}
}

func FuzzFold(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, Fold of that = %q", s, got, again)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, got)
		}
		if strings.IndexFunc(got, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) >= 0 {
			t.Fatalf("Fold(%q) = %q keeps non-space white space", s, got)
		}
		for _, c := range []byte(got) {
			if 'A' <= c && c <= 'Z' {
				t.Fatalf("Fold(%q) = %q keeps upper case", s, got)
			}
		}
	})
}

func FuzzTokenize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		const offset = 7
		tokens := Tokenize(s, offset)
		spans := make([]article.Span, len(tokens))
		for i, tk := range tokens {
			spans[i] = tk.Span
		}
		checkSpans(t, "token", spans, offset, offset+len(s))
		for _, tk := range tokens {
			text := s[tk.Start-offset : tk.End-offset]
			if tk.Norm != Fold(text) || tk.Norm == "" {
				t.Fatalf("token %q has Norm %q, want non-empty %q", text, tk.Norm, Fold(text))
			}
			if r, _ := utf8.DecodeRuneInString(text); !startsWord(r) && r != '\'' && r != '’' && r != 'ʼ' {
				t.Fatalf("token %q does not start with a letter or digit", text)
			}
		}
	})
}

func FuzzSplitSentences(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, p string) {
		spans := SplitSentences(p)
		checkSpans(t, "sentence", spans, 0, len(p))
		covered := make([]bool, len(p))
		for _, sp := range spans {
			text := p[sp.Start:sp.End]
			first, _ := utf8.DecodeRuneInString(text)
			last, _ := utf8.DecodeLastRuneInString(text)
			if unicode.IsSpace(first) || unicode.IsSpace(last) {
				t.Fatalf("sentence %q is not trimmed", text)
			}
			for i := sp.Start; i < sp.End; i++ {
				covered[i] = true
			}
		}
		for i, r := range p {
			if !unicode.IsSpace(r) && !covered[i] {
				t.Fatalf("byte %d (%q) of %q is in no sentence", i, r, p)
			}
		}
	})
}

func FuzzSegment(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body string) {
		sentences := Segment(body)
		spans := make([]article.Span, len(sentences))
		for i, s := range sentences {
			spans[i] = s.Span
		}
		checkSpans(t, "sentence", spans, 0, len(body))
		prevParagraph := 0
		for i, s := range sentences {
			text := body[s.Start:s.End]
			if strings.Contains(text, "\n") {
				t.Fatalf("sentence %d %q crosses a line", i, text)
			}
			// Paragraph counts the non-empty lines before the sentence's.
			lineStart := strings.LastIndexByte(body[:s.Start], '\n') + 1
			want := 0
			for _, line := range strings.Split(body[:lineStart], "\n") {
				if strings.TrimSpace(line) != "" {
					want++
				}
			}
			if s.Paragraph != want || s.Paragraph < prevParagraph {
				t.Fatalf("sentence %d %q has paragraph %d, want %d", i, text, s.Paragraph, want)
			}
			prevParagraph = s.Paragraph
			tokenSpans := make([]article.Span, len(s.Tokens))
			for k, tk := range s.Tokens {
				tokenSpans[k] = tk.Span
			}
			checkSpans(t, "token", tokenSpans, s.Start, s.End)
		}
	})
}

func FuzzDates(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		dates := Dates(s)
		spans := make([]article.Span, len(dates))
		for i, d := range dates {
			spans[i] = d.Span
			if d.Precision != PrecisionDay && d.Precision != PrecisionMonth {
				t.Fatalf("date %+v has precision %q", d, d.Precision)
			}
			if y := d.Time.Year(); y < minYear || y > maxYear || d.Time.Location().String() != "UTC" {
				t.Fatalf("date %+v out of range", d)
			}
			if d.Precision == PrecisionMonth && d.Time.Day() != 1 {
				t.Fatalf("month-precision date %+v is not on the 1st", d)
			}
		}
		checkSpans(t, "date", spans, 0, len(s))
		// A mention read on its own must read the same.
		for _, d := range dates {
			text := s[d.Start:d.End]
			again := Dates(text)
			if len(again) != 1 || again[0].Start != 0 || again[0].End != len(text) ||
				!again[0].Time.Equal(d.Time) || again[0].Precision != d.Precision {
				t.Fatalf("Dates(%q) = %+v, but in context %+v", text, again, d)
			}
		}
		partials := PartialDates(s)
		partialSpans := make([]article.Span, len(partials))
		for i, p := range partials {
			partialSpans[i] = p.Span
			if p.Month < 1 || p.Month > 12 || p.Day < 1 || p.Day > 31 {
				t.Fatalf("partial date %+v is impossible", p)
			}
			for _, d := range dates {
				if p.Start < d.End && d.Start < p.End {
					t.Fatalf("partial date %+v overlaps full date %+v", p, d)
				}
			}
		}
		checkSpans(t, "partial date", partialSpans, 0, len(s))
	})
}

func FuzzContentHashAndLanguage(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		h := ContentHash(s)
		if len(h) != 32 {
			t.Fatalf("ContentHash(%q) = %q", s, h)
		}
		if again := ContentHash(Fold(s)); again != h {
			t.Fatalf("ContentHash differs after Fold for %q", s)
		}
		if lang := Language(s); lang != "" && len(lang) != 2 {
			t.Fatalf("Language(%q) = %q", s, lang)
		}
	})
}
