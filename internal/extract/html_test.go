package extract

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestHTML(t *testing.T) {
	page, err := os.ReadFile("testdata/library_page.html")
	if err != nil {
		t.Fatal(err)
	}
	got, err := HTML(page, "https://chronicle.example/news/tram-depot-library")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Tram depot to become a library, council decides"; got.Title != want {
		t.Errorf("Title = %q, want %q (site name trimmed)", got.Title, want)
	}
	if got.Source != "Eastside Chronicle" {
		t.Errorf("Source = %q, want the og:site_name", got.Source)
	}
	if want := time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC); !got.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", got.Published, want)
	}
	for _, kept := range []string{
		"The city council voted on Tuesday to turn the old tram depot",
		"Opponents argued that the 18 million budget",
		"Work is expected to begin in the autumn",
	} {
		if !strings.Contains(got.Body, kept) {
			t.Errorf("Body lacks %q", kept)
		}
	}
	for _, dropped := range []string{"Home", "Sign up", "App Store", "Read more", "All rights reserved", "window.tracking", "font-family"} {
		if strings.Contains(got.Body, dropped) {
			t.Errorf("Body still contains %q", dropped)
		}
	}
	if strings.HasPrefix(got.Body, got.Title) {
		t.Error("the page's h1 headline was left at the top of Body")
	}
	for _, reason := range []string{ReasonRelatedLinks, ReasonAppPromo} {
		if !removedWith(got, reason, func(string) bool { return true }) {
			t.Errorf("no %q removal recorded; Removed = %q", reason, got.Removed)
		}
	}
	for _, l := range strings.Split(got.Body, "\n") {
		if l == "" || l != strings.TrimSpace(l) {
			t.Errorf("Body line %q is empty or untrimmed", l)
		}
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{"empty", ""},
		{"whitespace", " \n\t "},
		{"no text", "<html><head><script>var a = 1;</script></head><body><div></div></body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := HTML([]byte(tt.page), ""); err == nil {
				t.Error("want an error naming the problem")
			} else if !strings.HasPrefix(err.Error(), "extract: ") {
				t.Errorf("error %q does not say where it came from", err)
			}
		})
	}
}

func TestHTMLDecodesDeclaredCharset(t *testing.T) {
	body := strings.Repeat("<p>The caf\xe9 on the corner reopened on Monday after the flood, and the owner said business was already back to normal.</p>\n", 6)
	page := "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 reopens</title></head><body><article>" + body + "</article></body></html>"
	got, err := HTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Body, "The café on the corner") {
		t.Errorf("windows-1252 text not decoded: %q", got.Body)
	}
	if !utf8.ValidString(got.Body) || !utf8.ValidString(got.Title) {
		t.Error("output is not valid UTF-8")
	}
}

func TestTrimSiteSuffix(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Headline here | Example News", "Example News", "Headline here"},
		{"Headline here - example.com", "Example.com", "Headline here"},
		{"Headline here – Example", "Example Magazine", "Headline here"},
		{"Left - right view of things", "Example News", "Left - right view of things"},
		{"Headline here", "", "Headline here"},
	}
	for _, tt := range tests {
		if got := trimSiteSuffix(tt.title, tt.site); got != tt.want {
			t.Errorf("trimSiteSuffix(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestRenderTextPutsBlocksOnLines(t *testing.T) {
	rendered := renderText(mustParse(t, `<div><h2>Sub head</h2><p>First <b>bold</b> para.</p>line one<br>line two<table><tr><td>a</td><td>b</td></tr></table><script>x()</script><!-- note --></div>`))
	got := strings.Join(splitLines(rendered), "\n")
	want := "Sub head\nFirst bold para.\nline one\nline two\na b"
	if got != want {
		t.Errorf("rendered %q, want %q", got, want)
	}
}

func TestPickExtraction(t *testing.T) {
	long := strings.Repeat("word ", minExtractedWords)
	longer := long + "and a few more words"
	failed := errors.New("boom")
	fallbackCalled := false
	fallbackWith := func(ex extraction, err error) func() (extraction, error) {
		return func() (extraction, error) { fallbackCalled = true; return ex, err }
	}
	tests := []struct {
		name         string
		primary      extraction
		primaryErr   error
		fallback     func() (extraction, error)
		wantText     string
		wantTitle    string
		wantErr      bool
		wantFallback bool
	}{
		{"enough text: no fallback", extraction{text: long}, nil, fallbackWith(extraction{text: longer}, nil), long, "", false, false},
		{"too little: fallback found more", extraction{text: "short", title: "Meta title"}, nil, fallbackWith(extraction{text: longer, title: "Other"}, nil), longer, "Meta title", false, true},
		{"too little: fallback found less", extraction{text: "short text here"}, nil, fallbackWith(extraction{text: "x"}, nil), "short text here", "", false, true},
		{"failed: fallback rescues", extraction{}, failed, fallbackWith(extraction{text: "a few words", title: "T"}, nil), "a few words", "T", false, true},
		{"both fail", extraction{}, failed, fallbackWith(extraction{}, failed), "", "", true, true},
		{"failed: fallback empty", extraction{}, failed, fallbackWith(extraction{}, nil), "", "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fallbackCalled = false
			got, err := pickExtraction(tt.primary, tt.primaryErr, tt.fallback)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if got.text != tt.wantText || got.title != tt.wantTitle {
				t.Errorf("got text %q title %q, want %q, %q", got.text, got.title, tt.wantText, tt.wantTitle)
			}
			if fallbackCalled != tt.wantFallback {
				t.Errorf("fallback called: %v, want %v", fallbackCalled, tt.wantFallback)
			}
		})
	}
}
