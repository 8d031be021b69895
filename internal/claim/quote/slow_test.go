package quote

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputsStayFast feeds inputs that would make a careless
// attribution search quadratic: thousands of marks, one endless sentence
// of speech verbs, paragraphs that all continue one quote.
func TestPathologicalInputsStayFast(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	inputs := map[string]string{
		"marks":        strings.Repeat(`"a" `, 20000),
		"verbs":        strings.Repeat("Nabil Haddad said that he said ", 5000),
		"continuation": strings.Repeat("“The water rose and rose\n", 5000),
		"apostrophes":  strings.Repeat("Haddad's aide's ", 10000),
		"titles":       strings.Repeat(`"Yes," the minister said. `, 5000),
	}
	for name, body := range inputs {
		start := time.Now()
		Extract(doc(body))
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(body), el)
		} else {
			t.Logf("%s: %d bytes in %v", name, len(body), el)
		}
	}
}
