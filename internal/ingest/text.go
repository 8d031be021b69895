package ingest

import (
	"fmt"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// headerKeys are the metadata keys a plain-text article may start with, in
// lower case, mapped to the field they fill. Anything else ends the header,
// so a first body line such as "Update: ..." is not mistaken for metadata
// unless its key is one of these.
var headerKeys = map[string]string{
	"source":       "source",
	"outlet":       "source",
	"publisher":    "source",
	"url":          "url",
	"link":         "url",
	"published":    "published",
	"date":         "published",
	"published at": "published",
	"title":        "title",
	"headline":     "title",
	"id":           "id",
}

// parseText reads a plain-text article: optional leading "Key: value" header
// lines, then the body. The headline is left in the body for cleaning, which
// knows captions and boilerplate from headlines, unless a Title header gave it.
func parseText(data []byte) (article.Article, []error) {
	var a article.Article
	var warnings []error
	text := strings.TrimPrefix(string(data), "\ufeff")
	rest := text
	sawHeader := false
	for {
		line, after, found := strings.Cut(rest, "\n")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if !found {
				rest = ""
				break
			}
			if sawHeader {
				// A blank line closes the header block.
				rest = after
				break
			}
			rest = after
			continue
		}
		key, value, ok := headerLine(trimmed)
		if !ok {
			break
		}
		sawHeader = true
		if err := setField(&a, key, value); err != nil {
			warnings = append(warnings, err)
		}
		rest = after
		if !found {
			rest = ""
			break
		}
	}
	a.Text = rest
	return a, warnings
}

func headerLine(line string) (key, value string, ok bool) {
	k, v, found := strings.Cut(line, ":")
	if !found {
		return "", "", false
	}
	field, known := headerKeys[strings.ToLower(strings.TrimSpace(k))]
	v = strings.TrimSpace(v)
	if !known || v == "" {
		return "", "", false
	}
	return field, v, true
}

// setField stores one metadata value; a value that cannot be understood is
// reported and dropped, never fatal: the article is still worth reading.
func setField(a *article.Article, field, value string) error {
	switch field {
	case "source":
		a.Source = value
	case "url":
		a.URL = value
	case "title":
		a.Title = value
	case "id":
		a.ID = value
	case "published":
		t, err := ParseTime(value)
		if err != nil {
			return fmt.Errorf("ignoring publication date %q: %v", value, err)
		}
		a.Published = t
	}
	return nil
}
