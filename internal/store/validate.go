package store

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// Validate reports why d cannot be stored, so that every implementation
// rejects the same documents. Invalid UTF-8 is refused rather than stored
// because JSON (and PostgreSQL text) would silently replace it, shifting the
// byte offsets that Sentences and Tokens point into Text.
func Validate(d *article.Document) error {
	if d == nil {
		return errors.New("nil document")
	}
	if d.ID == "" {
		return errors.New("document has no id")
	}
	if d.URL == "" && d.ContentHash == "" {
		return errors.New("document has neither URL nor content hash, so it has no identity")
	}
	if field := invalidUTF8(d); field != "" {
		return fmt.Errorf("document has invalid UTF-8 in %s", field)
	}
	return nil
}

// invalidUTF8 names the first field of d holding invalid UTF-8, or returns "".
// It lists the fields by hand because a reflective walk cost more than
// encoding the document; TestValidateCoversEveryString fails when a string
// field is added to article.Document and not here.
func invalidUTF8(d *article.Document) string {
	for _, f := range [...]struct{ name, s string }{
		{"ID", d.ID}, {"Source", d.Source}, {"URL", d.URL}, {"Title", d.Title},
		{"Language", d.Language}, {"Text", d.Text}, {"ContentHash", d.ContentHash}, {"Input", d.Input},
	} {
		if !utf8.ValidString(f.s) {
			return f.name
		}
	}
	for i, r := range d.Removed {
		if !utf8.ValidString(r.Text) {
			return fmt.Sprintf("Removed[%d].Text", i)
		}
		if !utf8.ValidString(r.Reason) {
			return fmt.Sprintf("Removed[%d].Reason", i)
		}
	}
	for _, l := range [...]struct {
		name  string
		lines []string
	}{{"Bylines", d.Bylines}, {"Datelines", d.Datelines}, {"CreditLines", d.CreditLines}} {
		for i, s := range l.lines {
			if !utf8.ValidString(s) {
				return fmt.Sprintf("%s[%d]", l.name, i)
			}
		}
	}
	for i, s := range d.Sentences {
		for j, t := range s.Tokens {
			if !utf8.ValidString(t.Norm) {
				return fmt.Sprintf("Sentences[%d].Tokens[%d].Norm", i, j)
			}
		}
	}
	return ""
}
