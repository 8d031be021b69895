package entity

import (
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// TestPathologicalInputsStayFast guards against quadratic blow-ups on
// inputs no article has: a very long run of names, or thousands of
// one-word mentions.
func TestPathologicalInputsStayFast(t *testing.T) {
	inputs := map[string]string{
		"one long run":     strings.Repeat("Abu Mohammed al-Golani Hayat Tahrir ", 2000),
		"many short names": strings.Repeat("Grushin met Feres. ", 3000),
		"many acronyms":    strings.Repeat("The Front (TF) and TF (The Front), ", 1000),
		"many appositions": strings.Repeat("Tariq Osmani, the leader of the Azure Legion, ", 1000),
		"distinct full names": func() string {
			var b strings.Builder
			for i := range 2000 {
				b.WriteString("Karim Al" + strings.Repeat("a", i%50) + "sour Bek" + string(rune('a'+i%26)) + " spoke. ")
			}
			return b.String()
		}(),
	}
	for name, body := range inputs {
		start := time.Now()
		d := doc("p", body)
		Mentions(d)
		Resolve([]*article.Document{d})
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("%s: %v for %d bytes", name, el, len(body))
		} else {
			t.Logf("%s: %v for %d bytes", name, el, len(body))
		}
	}
}
