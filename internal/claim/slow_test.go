package claim

import (
	"strings"
	"testing"
	"time"
)

// TestLongSentencesStayFast guards against work that grows with the square
// of a sentence's length: 60 KB of one repeated pattern, all in one
// paragraph, must take well under a second each. The bound is loose so
// that slow machines and the race detector do not make it flaky.
func TestLongSentencesStayFast(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, unit := range []string{"1 ", "on Saturday ", "said 5 people ", "( ", "a dozen ", "thousands of ", "December 7 ", "last week ", "5 km ( "} {
		body := strings.Repeat(unit, 60000/len(unit))
		d := newDoc("s", body, sunday, false)
		start := time.Now()
		Figures(d)
		Times(d)
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("%q repeated: %v", unit, elapsed)
		}
	}
}
