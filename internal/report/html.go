package report

import (
	"bytes"
	_ "embed"
	"github.com/corroborate/corroborate/internal/article"
	"html/template"
	"strconv"
	"strings"
)

//go:embed page.html.tmpl
var pageTemplate string

// comparisonCard is what the "comparison" template needs to draw a conflict
// or an agreement with the same markup and a different flag.
type comparisonCard struct {
	Class string
	Label string
	C     comparisonView
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"title": titleOr,
	"join":  strings.Join,
	"count": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
	"noun": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"comparison": func(class, label string, c comparisonView) comparisonCard {
		switch c.Verdict {
		case article.SingleOrigin:
			class, label = "single", "Single origin"
		case article.WithinOrigin:
			class, label = "conflict within", "Within one origin"
		}
		return comparisonCard{Class: class, Label: label, C: c}
	},
}).Parse(pageTemplate))

func writeHTML(buf *bytes.Buffer, r Report) error {
	return page.Execute(buf, newPageView(r))
}
