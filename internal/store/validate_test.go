package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
)

// fill sets every exported string under v, giving each slice one element, to
// value(path), where path names the string like Validate's messages do.
func fill(v reflect.Value, path string, value func(path string) string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(value(path))
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			p := path
			if !f.Anonymous {
				p = strings.TrimPrefix(path+"."+f.Name, ".")
			}
			fill(v.Field(i), p, value)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), path+"[0]", value)
	}
}

// TestValidateCoversEveryString guards invalidUTF8's hand-written field list:
// invalid UTF-8 in any string of a Document, however deep, must be refused.
func TestValidateCoversEveryString(t *testing.T) {
	var paths []string
	fill(reflect.ValueOf(&article.Document{}).Elem(), "", func(p string) string {
		paths = append(paths, p)
		return "ok"
	})
	if len(paths) < 10 {
		t.Fatalf("found only %d string fields: %q", len(paths), paths)
	}
	var valid article.Document
	fill(reflect.ValueOf(&valid).Elem(), "", func(string) string { return "ok" })
	if err := Validate(&valid); err != nil {
		t.Fatalf("Validate(valid document) = %v", err)
	}
	for _, bad := range paths {
		t.Run(bad, func(t *testing.T) {
			var d article.Document
			fill(reflect.ValueOf(&d).Elem(), "", func(p string) string {
				if p == bad {
					return "ok\xff"
				}
				return "ok"
			})
			err := Validate(&d)
			if err == nil {
				t.Fatalf("Validate accepted invalid UTF-8 in %s", bad)
			}
			if !strings.Contains(err.Error(), bad) {
				t.Fatalf("Validate error %q does not name %s", err, bad)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		doc     *article.Document
		wantErr string
	}{
		{"nil", nil, "nil document"},
		{"no id", &article.Document{URL: "u"}, "no id"},
		{"no identity", &article.Document{ID: "x", Text: "t"}, "no identity"},
		{"URL only", &article.Document{ID: "x", URL: "u"}, ""},
		{"hash only", &article.Document{ID: "x", ContentHash: "h"}, ""},
		{"valid U+FFFD", &article.Document{ID: "x", ContentHash: "h", Text: "\uFFFD"}, ""},
		{"invalid text", &article.Document{ID: "x", ContentHash: "h", Text: "a\xc3"}, "invalid UTF-8 in Text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.doc)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Validate = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Validate = %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestOutcomeString(t *testing.T) {
	for o, want := range map[Outcome]string{Added: "added", Unchanged: "unchanged", Updated: "updated", Outcome(7): "Outcome(7)"} {
		if got := o.String(); got != want {
			t.Errorf("Outcome(%d).String() = %q, want %q", int(o), got, want)
		}
	}
}
