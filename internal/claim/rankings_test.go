package claim

import (
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/text"
)

func TestRankings(t *testing.T) {
	tests := []struct {
		sentence, entity, attribute string
		rank                        int
	}{
		{"Port Varen, the country's third-largest city, lost power.", "Port Varen", "largest city", 3},
		{"Crews reached Dunmore, Quell's second-largest port, on Friday.", "Dunmore", "largest port", 2},
		{"They took Quell's largest city, Ostrel, and its fourth-largest city, Harrow.", "Ostrel", "largest city", 1},
		{"Prices were the largest in years.", "", "", 0},
	}
	for _, tt := range tests {
		d := &article.Document{ID: "a", Text: tt.sentence, Sentences: text.Segment(tt.sentence)}
		rs := Rankings(d)
		if tt.rank == 0 {
			if len(rs) != 0 {
				t.Errorf("%q: rankings %+v, want none", tt.sentence, rs)
			}
			continue
		}
		if len(rs) == 0 || rs[0].Entity != tt.entity || rs[0].Rank != tt.rank || rs[0].Attribute != tt.attribute {
			t.Errorf("%q: rankings %+v, want %s ranked %d by %q", tt.sentence, rs, tt.entity, tt.rank, tt.attribute)
		}
	}
	d := &article.Document{ID: "a", Text: tests[2].sentence, Sentences: text.Segment(tests[2].sentence)}
	if rs := Rankings(d); len(rs) != 2 || rs[1].Entity != "Harrow" || rs[1].Rank != 4 {
		t.Errorf("second ranking of the sentence: %+v", rs)
	}
}
