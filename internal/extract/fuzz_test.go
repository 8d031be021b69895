package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func addFixtureSeeds(f *testing.F, pattern string) {
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw))
	}
}

func FuzzCleanText(f *testing.F) {
	addFixtureSeeds(f, "*.txt")
	f.Add("")
	f.Add("\x00\xff\xfe\r\n\u2028By Jane Doe\n\n")
	f.Add(lines("A caption, May 2, 2031. /NPA", "A caption, May 2, 2031. /NPA", "Related", "- item", proseA))
	f.Add(lines("Short standfirst of six words.", "Short standfirst of six words. And then more text follows here."))
	f.Fuzz(func(t *testing.T, raw string) {
		for _, headline := range []bool{false, true} {
			checkResult(t, raw, CleanText(raw, headline))
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFixtureSeeds(f, "*.html")
	f.Add("")
	f.Add("<p>x</p>")
	f.Add("<html><body><article><p>" + proseA + "</p><p>" + proseB + "</p><p>Share this article</p><p>" + proseC + "</p></article></body></html>")
	f.Add("\x00\xff<html><title>\xfe</title><body><p>\xc3(</p></body>")
	f.Fuzz(func(t *testing.T, page string) {
		res, err := HTML([]byte(page), "")
		if err != nil {
			if res.Body != "" || res.Title != "" {
				t.Errorf("error %v came with a non-empty result", err)
			}
			return
		}
		if res.Body == "" {
			t.Error("no error but an empty Body")
		}
		checkResult(t, "", res)
	})
}

// checkResult asserts what must hold for any input: valid UTF-8 without
// control characters, one trimmed non-empty paragraph a line, and no
// removed line kept as a body paragraph unless the input carried it twice.
func checkResult(t *testing.T, raw string, res Result) {
	t.Helper()
	texts := []string{res.Title, res.Body, res.Source}
	texts = append(texts, res.Bylines...)
	texts = append(texts, res.Datelines...)
	texts = append(texts, res.CreditLines...)
	for _, r := range res.Removed {
		texts = append(texts, r.Text)
		if !knownReason(r.Reason) {
			t.Errorf("unknown removal reason %q", r.Reason)
		}
		if r.Text == "" {
			t.Error("empty removal recorded")
		}
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 in output: %q", s)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
			t.Errorf("control character in output: %q", s)
		}
	}
	if res.Body == "" {
		return
	}
	body := map[string]bool{}
	for _, l := range strings.Split(res.Body, "\n") {
		if l == "" || l != strings.TrimSpace(l) {
			t.Errorf("Body line %q is empty or untrimmed", l)
		}
		body[l] = true
	}
	if raw == "" {
		return
	}
	normalised := strings.Join(splitLines(raw), "\n")
	for _, r := range res.Removed {
		if body[r.Text] && strings.Count(normalised, r.Text) < 2 {
			t.Errorf("removed %q (%s) is still a Body paragraph", r.Text, r.Reason)
		}
	}
}

// TestCleanTextSurvivesMutations is a fast, deterministic stand-in for the
// fuzzer in ordinary test runs: fixture articles with random bytes
// flipped, dropped, inserted and cut.
func TestCleanTextSurvivesMutations(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture articles: %v", err)
	}
	var fixtures [][]byte
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fixtures = append(fixtures, raw)
	}
	state := uint64(0x9e3779b97f4a7c15)
	random := func(n int) int { // xorshift: reproducible without math/rand seeding
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(n))
	}
	iterations := 1000
	if testing.Short() {
		iterations = 100
	}
	for range iterations {
		text := append([]byte(nil), fixtures[random(len(fixtures))]...)
		for edits := 1 + random(8); edits > 0 && len(text) > 0; edits-- {
			at := random(len(text))
			switch random(4) {
			case 0:
				text[at] = byte(random(256))
			case 1:
				text = append(text[:at], text[at+1:]...)
			case 2:
				text = append(text[:at], append([]byte{byte(random(256))}, text[at:]...)...)
			case 3:
				if to := random(len(text)); to > at {
					text = append(text[:at], text[to:]...)
				}
			}
		}
		raw := string(text)
		checkResult(t, raw, CleanText(raw, true))
		if t.Failed() {
			t.Fatalf("input: %q", raw)
		}
	}
}
