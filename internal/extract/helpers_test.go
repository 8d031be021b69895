package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func mustParse(t testing.TB, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
