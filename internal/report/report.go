// Package report renders analyses as Markdown, versioned JSON and a self-contained HTML page.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// SchemaVersion is the version of the JSON report schema (docs/schema.md).
const SchemaVersion = "1"

// Report is what one run produced.
type Report struct {
	Generated time.Time
	Stories   []*article.Analysis
}

// Formats lists the accepted format names: "md", "json", "html".
var Formats = []string{"md", "json", "html"}

// Write renders r in the named format; an unknown format is an error naming the accepted ones.
func Write(w io.Writer, format string, r Report) error {
	var render func(*bytes.Buffer, Report) error
	switch format {
	case "md":
		render = writeMarkdown
	case "json":
		render = writeJSON
	case "html":
		render = writeHTML
	default:
		return fmt.Errorf("report: unknown format %q (accepted: %s)", format, strings.Join(Formats, ", "))
	}
	// Rendering into memory first means a failure never leaves a truncated
	// report behind that a reader could mistake for a complete one.
	var buf bytes.Buffer
	if err := render(&buf, r); err != nil {
		return fmt.Errorf("report: %s: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// analyses drops nil entries so that every renderer can assume a usable value.
func analyses(r Report) []*article.Analysis {
	out := make([]*article.Analysis, 0, len(r.Stories))
	for _, a := range r.Stories {
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// documents returns the story's non-nil documents; a nil story has none.
func documents(a *article.Analysis) []*article.Document {
	if a.Story == nil {
		return nil
	}
	out := make([]*article.Document, 0, len(a.Story.Documents))
	for _, d := range a.Story.Documents {
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}
