package ingest

import (
	"strings"
	"testing"

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
