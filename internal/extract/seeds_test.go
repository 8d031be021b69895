package extract

import (
	"github.com/corroborate/corroborate/internal/sharedtest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type seed struct {
	name  string
	raw   string
	lines []string
}

func loadSeeds(t *testing.T) map[string]seed {
	t.Helper()
	// The seeds are real scraped reports shared outside the repository;
	// they are read, never copied into it.
	seeds := map[string]seed{}
	for _, f := range sharedtest.Seeds(t) {
		seeds[f.Name[:3]] = seed{name: filepath.Base(f.Path), raw: f.Text, lines: splitLines(f.Text)}
	}
	for _, prefix := range []string{"000", "001", "002", "003", "004"} {
		if _, ok := seeds[prefix]; !ok {
			t.Fatalf("no seed file starting %s_", prefix)
		}
	}
	return seeds
}

func removedWith(res Result, reason string, match func(string) bool) bool {
	for _, r := range res.Removed {
		if r.Reason == reason && match(r.Text) {
			return true
		}
	}
	return false
}

func bodyLines(res Result) map[string]bool {
	set := map[string]bool{}
	for _, l := range strings.Split(res.Body, "\n") {
		set[l] = true
	}
	return set
}

// sentenceEnd counts roughly: terminal punctuation followed by a space,
// a closing quote or the end of a line.
var sentenceEnd = regexp.MustCompile(`[.!?]+(?:["'”’)]*)(?:\s|$)`)

func TestSeedsAcceptance(t *testing.T) {
	seeds := loadSeeds(t)
	cleaned := map[string]Result{}
	for prefix, s := range seeds {
		cleaned[prefix] = CleanText(s.raw, true)
	}

	t.Run("000 repeated captions appear once, without credit", func(t *testing.T) {
		s, res := seeds["000"], cleaned["000"]
		counts := map[string]int{}
		for _, l := range s.lines {
			counts[l]++
		}
		creditSuffix := regexp.MustCompile(`\s+/\S+$`)
		repeated := 0
		for line, n := range counts {
			if n < 2 {
				continue
			}
			repeated++
			caption := creditSuffix.ReplaceAllString(line, "")
			if got := strings.Count(res.Body, caption); got != 1 {
				t.Errorf("repeated line %q occurs %d times in Body, want 1", caption, got)
			}
			if strings.Contains(res.Body, line) && line != caption {
				t.Errorf("credit of %q was not stripped", line)
			}
			if !removedWith(res, ReasonRepeatedLine, func(text string) bool { return text == line }) {
				t.Errorf("second copy of %q not listed in Removed as %q", line, ReasonRepeatedLine)
			}
		}
		if repeated == 0 {
			t.Fatal("seed 000 has no repeated lines; the fixture changed")
		}
		if !removedWith(res, ReasonPhotoCredit, func(string) bool { return true }) {
			t.Error("no photo credit listed in Removed")
		}
		if len(res.CreditLines) == 0 {
			t.Error("the closing credit line was not kept in CreditLines")
		}
	})

	t.Run("001 standfirst repeated in a later paragraph is removed once", func(t *testing.T) {
		s, res := seeds["001"], cleaned["001"]
		standfirst := s.lines[1]
		if !strings.Contains(s.lines[6], standfirst) {
			t.Fatalf("seed 001 line 7 does not contain line 2; the fixture changed")
		}
		if !removedWith(res, ReasonRepeatedStandfirst, func(text string) bool { return text == standfirst }) {
			t.Errorf("standfirst %q not removed as %q", standfirst, ReasonRepeatedStandfirst)
		}
		if bodyLines(res)[standfirst] {
			t.Error("standfirst still stands as its own paragraph")
		}
		if got := strings.Count(res.Body, standfirst); got != 1 {
			t.Errorf("standfirst's sentences occur %d times in Body, want 1 (inside the later paragraph)", got)
		}
	})

	t.Run("002 related block and section label are removed", func(t *testing.T) {
		s, res := seeds["002"], cleaned["002"]
		header := -1
		for i, l := range s.lines {
			if strings.EqualFold(l, "You might also like") {
				header = i
			}
		}
		if header < 0 {
			t.Fatal("seed 002 has no 'You might also like' line; the fixture changed")
		}
		body := bodyLines(res)
		for _, l := range s.lines[header:] {
			if body[l] || strings.Contains(res.Body, strings.TrimLeft(l, "- ")) {
				t.Errorf("related-block line %q is still in Body", l)
			}
			if !removedWith(res, ReasonRelatedLinks, func(text string) bool { return text == l }) {
				t.Errorf("related-block line %q not listed in Removed", l)
			}
		}
		if body["world"] || !removedWith(res, ReasonSectionLabel, func(text string) bool { return text == "world" }) {
			t.Error("lone section label 'world' not removed as a section label")
		}
	})

	t.Run("003 app promo is removed", func(t *testing.T) {
		s, res := seeds["003"], cleaned["003"]
		promo := ""
		for _, l := range s.lines {
			if strings.Contains(l, "App Store") {
				promo = l
			}
		}
		if promo == "" {
			t.Fatal("seed 003 has no app-store line; the fixture changed")
		}
		if strings.Contains(res.Body, "App Store") || strings.Contains(res.Body, "https://") {
			t.Error("app promo still in Body")
		}
		if !removedWith(res, ReasonAppPromo, func(text string) bool { return text == promo }) {
			t.Errorf("app promo not listed in Removed as %q", ReasonAppPromo)
		}
	})

	for _, prefix := range []string{"000", "001", "002", "003", "004"} {
		t.Run(prefix+" keeps its text", func(t *testing.T) {
			res := cleaned[prefix]
			if n := len(sentenceEnd.FindAllString(res.Body, -1)); n < 15 {
				t.Errorf("Body keeps about %d sentences, want >= 15", n)
			}
			if res.Title == "" {
				t.Error("no Title found")
			}
		})
	}
}
