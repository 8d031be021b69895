package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

func TestReadJSONBody(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		ids    []string
		errors []int // lines with errors
	}{
		{"one line", `{"id":"a","text":"Body."}`, []string{"a"}, nil},
		{"pretty object", "{\n  \"id\": \"a\",\n  \"text\": \"Body.\"\n}\n", []string{"a"}, nil},
		{"json lines", "{\"id\":\"a\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n", []string{"a", "req-2"}, nil},
		{"bad line kept apart", "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\n{\"id\":\"c\",\"text\":\"Three.\"}\n", []string{"a", "c"}, []int{2}},
		{"broken pretty object", "{\n  \"id\": \"a\",\n", nil, []int{1}},
		{"empty", "", nil, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			var lines []int
			ReadJSONBody(strings.NewReader(tt.body), "req", "req", Options{},
				func(a article.Article) { ids = append(ids, a.ID) },
				func(e *InputError) {
					if !e.Warning {
						lines = append(lines, e.Line)
					}
				})
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids = %v, want %v", ids, tt.ids)
			}
			if len(lines) != len(tt.errors) {
				t.Fatalf("errors on lines %v, want %v", lines, tt.errors)
			}
			for i := range lines {
				if lines[i] != tt.errors[i] {
					t.Errorf("errors on lines %v, want %v", lines, tt.errors)
				}
			}
		})
	}
}

// FuzzReadJSONBody: a request body is outside input. Whatever it holds,
// reading it never panics, every article it yields has an id and valid
// UTF-8 text, and every problem names the body.
func FuzzReadJSONBody(f *testing.F) {
	f.Add(`{"id":"a","text":"Body."}`)
	f.Add("{\n  \"id\": \"a\",\n  \"text\": \"Body.\"\n}\n")
	f.Add("{\"text\":\"One.\"}\n{\"id\":\n")
	f.Add("\xff\xfe{\"text\":\"\xc3\x28\"}")
	f.Add(`[{"id":"a"}]`)
	f.Fuzz(func(t *testing.T, body string) {
		ReadJSONBody(strings.NewReader(body), "req", "req", Options{},
			func(a article.Article) {
				if a.ID == "" {
					t.Errorf("article without an id from %q", body)
				}
				if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
					t.Errorf("invalid UTF-8 passed on from %q", body)
				}
			},
			func(e *InputError) {
				if e.Input != "req" {
					t.Errorf("problem %v names %q, want the body", e, e.Input)
				}
			})
	})
}
