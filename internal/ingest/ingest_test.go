package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name                   string
		in                     string
		source, url, title, id string
		published              time.Time
		bodyStart              string
		warnings               int
	}{
		{
			name:      "no header",
			in:        "River rises past flood mark\nThe river at Oldbridge rose two metres overnight.\n",
			bodyStart: "River rises past flood mark",
		},
		{
			name:      "full header",
			in:        "Source: The Valley Courier\nURL: https://example.com/a\nPublished: 2026-03-04T08:00:00Z\n\nHeadline here\nBody.\n",
			source:    "The Valley Courier",
			url:       "https://example.com/a",
			published: time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC),
			bodyStart: "Headline here",
		},
		{
			name:      "header without blank line and case-insensitive keys",
			in:        "SOURCE: Courier\ntitle: Given headline\nBody starts here.\n",
			source:    "Courier",
			title:     "Given headline",
			bodyStart: "Body starts here.",
		},
		{
			name:      "unknown key ends header",
			in:        "Update: the count was revised.\nMore text.",
			bodyStart: "Update: the count was revised.",
		},
		{
			name:      "bad date is a warning, not fatal",
			in:        "Source: Courier\nPublished: yesterday-ish\n\nHeadline\n",
			source:    "Courier",
			bodyStart: "Headline",
			warnings:  1,
		},
		{
			name:      "date only",
			in:        "Date: 2025-01-31\n\nH\n",
			published: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC),
			bodyStart: "H",
		},
		{
			name:      "byte order mark",
			in:        "\ufeffSource: Courier\n\nH\n",
			source:    "Courier",
			bodyStart: "H",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, warnings := parseText([]byte(tt.in))
			if a.Source != tt.source || a.URL != tt.url || a.Title != tt.title || a.ID != tt.id {
				t.Errorf("metadata = %q %q %q %q, want %q %q %q %q", a.Source, a.URL, a.Title, a.ID, tt.source, tt.url, tt.title, tt.id)
			}
			if !a.Published.Equal(tt.published) {
				t.Errorf("published = %v, want %v", a.Published, tt.published)
			}
			if !strings.HasPrefix(strings.TrimSpace(a.Text), tt.bodyStart) {
				t.Errorf("body = %q, want it to start with %q", a.Text, tt.bodyStart)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings = %v, want %d", warnings, tt.warnings)
			}
		})
	}
}

func TestParseJSONArticle(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
		id      string
		title   string
	}{
		{name: "string id", in: `{"id":"a1","title":"T","text":"Body."}`, id: "a1", title: "T"},
		{name: "number id", in: `{"id":42,"text":"Body."}`, id: "42"},
		{name: "unknown fields ignored", in: `{"text":"Body.","views":12,"tags":["x"]}`},
		{name: "html only", in: `{"html":"<p>Body.</p>"}`},
		{name: "no text", in: `{"id":"a","title":"T"}`, wantErr: ErrMalformed},
		{name: "not an object", in: `["text"]`, wantErr: ErrMalformed},
		{name: "truncated", in: `{"id":"a","text":"Bo`, wantErr: ErrMalformed},
		{name: "wrong type", in: `{"text":5}`, wantErr: ErrMalformed},
		{name: "bad id type", in: `{"id":{"x":1},"text":"B"}`, wantErr: ErrMalformed},
		{name: "two values", in: `{"text":"a"} {"text":"b"}`, wantErr: ErrMalformed},
		{name: "empty", in: `   `, wantErr: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := parseJSONArticle([]byte(tt.in))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.id || a.Title != tt.title {
				t.Errorf("got id %q title %q, want %q %q", a.ID, a.Title, tt.id, tt.title)
			}
		})
	}
}

// readAll runs Read and collects what it emits and reports.
func readAll(t *testing.T, paths []string, opt Options) ([]article.Article, []*InputError) {
	t.Helper()
	var arts []article.Article
	var errs []*InputError
	err := Read(context.Background(), paths, opt, func(a article.Article) { arts = append(arts, a) }, func(e *InputError) { errs = append(errs, e) })
	if err != nil {
		t.Fatal(err)
	}
	return arts, errs
}

func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadDirectoryWithBadInputs(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"good.txt":           []byte("Headline\nA sentence of body text.\n"),
		"nested/page.html":   []byte("<html><body><p>Hello</p></body></html>"),
		"one.json":           []byte(`{"title":"J","text":"Body."}`),
		"lines.jsonl":        []byte("{\"id\":\"x1\",\"text\":\"One.\"}\n{\"id\":\"x2\",\"text\":\"Tw\n[1,2]\n\n{\"text\":\"Three.\"}\n"),
		"empty.txt":          {},
		"binary.txt":         {0x89, 'P', 'N', 'G', 0, 0, 1, 2, 3},
		"latin1.txt":         []byte("Caf\xe9 opens\nText.\n"),
		"notes.md":           []byte("# not an article"),
		".hidden/secret.txt": []byte("should not be read"),
		"big.txt":            bytes.Repeat([]byte("word "), 400),
	})
	arts, errs := readAll(t, []string{dir}, Options{MaxBytes: 1000})

	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	// Lexical walk order: good.txt, lines.jsonl (x1, then line 5), nested/page.html, one.json.
	want := []string{"good", "x1", "lines-5", "page", "one"}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	wantErrs := map[string]error{
		"binary.txt":    ErrBinary,
		"big.txt":       ErrTooLarge,
		"empty.txt":     ErrEmpty,
		"latin1.txt":    ErrInvalidUTF8,
		"lines.jsonl:2": ErrMalformed,
		"lines.jsonl:3": ErrMalformed,
	}
	got := map[string]error{}
	for _, e := range errs {
		if e.Warning {
			continue
		}
		key := filepath.Base(e.Input)
		if e.Line > 0 {
			key += ":" + strconv.Itoa(e.Line)
		}
		got[key] = e
		if !strings.Contains(e.Error(), e.Input) {
			t.Errorf("error %q does not name its input", e.Error())
		}
	}
	for k, want := range wantErrs {
		if !errors.Is(got[k], want) {
			t.Errorf("%s: err = %v, want %v", k, got[k], want)
		}
	}
	if len(got) != len(wantErrs) {
		t.Errorf("errors = %v, want exactly %d", got, len(wantErrs))
	}
}

func TestReadNamedFiles(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.txt": []byte("H\nBody.\n"), "b.md": []byte("x")})
	arts, errs := readAll(t, []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.md"), filepath.Join(dir, "missing.txt")}, Options{})
	if len(arts) != 1 || arts[0].ID != "a" {
		t.Fatalf("articles = %+v", arts)
	}
	if len(errs) != 2 || !errors.Is(errs[0], ErrUnsupported) || !strings.Contains(errs[1].Error(), "no such file") {
		t.Fatalf("errors = %v", errs)
	}
}

func TestReadStdin(t *testing.T) {
	in := strings.NewReader("{\"text\":\"A.\"}\nnot json\n{\"id\":\"z\",\"text\":\"B.\",\"published\":\"2024-05-06\"}\n")
	arts, errs := readAll(t, []string{Stdin}, Options{Stdin: in})
	if len(arts) != 2 || arts[0].ID != "stdin-1" || arts[1].ID != "z" || arts[1].Published.Day() != 6 {
		t.Fatalf("articles = %+v", arts)
	}
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Input != Stdin {
		t.Fatalf("errors = %v", errs)
	}
}

func TestReadJSONLinesLongLineSkipped(t *testing.T) {
	long := `{"text":"` + strings.Repeat("x", 5000) + `"}`
	in := strings.NewReader(long + "\n" + `{"id":"ok","text":"fine"}` + "\n")
	arts, errs := readAll(t, []string{Stdin}, Options{Stdin: in, MaxBytes: 1000})
	if len(arts) != 1 || arts[0].ID != "ok" {
		t.Fatalf("articles = %+v", arts)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || errs[0].Line != 1 {
		t.Fatalf("errors = %v", errs)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Read(ctx, []string{"."}, Options{}, func(article.Article) {}, func(*InputError) {})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseTime(t *testing.T) {
	for _, s := range []string{"2024-12-08T10:30:00Z", "2024-12-08T10:30:00+02:00", "2024-12-08", "2024-12-08 10:30", "Sun, 08 Dec 2024 10:30:00 GMT", "8 Dec 2024", "December 8, 2024"} {
		got, err := ParseTime(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if got.Year() != 2024 || got.Month() != 12 || got.Day() != 8 {
			t.Errorf("%q -> %v", s, got)
		}
	}
	if _, err := ParseTime("soon"); err == nil {
		t.Error("want an error for an unknown form")
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("Source: X\nURL: https://example.com\n\nHeadline\nBody."))
	f.Add([]byte("Published: 2020-01-01\n"))
	f.Add([]byte("\ufeff\n\n:\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _ := parseText(data)
		if !strings.HasSuffix(string(data), a.Text) {
			t.Fatalf("body %q is not a suffix of the input", a.Text)
		}
	})
}

func FuzzParseJSONArticle(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"b","published":"2024-01-01"}`))
	f.Add([]byte(`{"id":1e400,"html":"<p>"}`))
	f.Add([]byte(`{"text":"\ud800"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := parseJSONArticle(data)
		if err == nil && strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.HTML) == "" {
			t.Fatal("accepted an article without text")
		}
	})
}

func FuzzReadJSONLines(f *testing.F) {
	f.Add([]byte("{\"text\":\"a\"}\n{bad\n\n{\"id\":\"x\",\"text\":\"b\"}"), int64(64))
	f.Add([]byte("\x00\x01"), int64(2))
	f.Fuzz(func(t *testing.T, data []byte, limit int64) {
		if limit <= 0 || limit > 1<<20 {
			limit = 1 << 20
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		n := 0
		readJSONLines(bytes.NewReader(data), "fuzz", "fuzz", Options{MaxBytes: limit}, func(article.Article) { n++ }, func(e *InputError) {
			if e.Line > lines {
				t.Fatalf("error on line %d of %d", e.Line, lines)
			}
		})
		if n > lines {
			t.Fatalf("%d articles from %d lines", n, lines)
		}
	})
}
