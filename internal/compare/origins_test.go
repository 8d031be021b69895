package compare

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/claim/event"
)

// Two outlets reprinting one wire sentence with different numbers is what a
// fact-checker most needs to see: one of them altered or updated the copy.
func TestFiguresWithinOrigin(t *testing.T) {
	const (
		grain4    = "The port authority said 4,000 tonnes of grain were unloaded at the north quay on Monday."
		grain6    = "The port authority said 6,000 tonnes of grain were unloaded at the north quay on Monday."
		evac1200  = "Officials said 1,200 residents were evacuated from the valley."
		evac2400  = "Officials said 2,400 residents were evacuated from the valley."
		shelter22 = "Families from the flooded villages slept in 22 shelters across the district."
		shelter30 = "Families from the flooded villages slept in 30 shelters across the district."
	)
	tests := []struct {
		name    string
		texts   map[string]string
		origins [][]string
		verdict string // "" when no conflict is expected
		about   string
		split   [][]string
		origin  int
	}{
		{"copies of one origin differ on a counted phrase",
			map[string]string{"a": evac1200, "b": evac2400}, [][]string{{"a", "b"}},
			article.WithinOrigin, "residents evacuated", [][]string{{"a", "b"}}, 1},
		{"copies of one wire sentence differ on tonnes",
			map[string]string{"a": grain4, "b": grain6}, [][]string{{"a", "b"}},
			article.WithinOrigin, "tonnes of grain", [][]string{{"a", "b"}}, 1},
		{"copies of one sentence differ on a bare noun",
			map[string]string{"a": shelter22, "b": shelter30}, [][]string{{"a", "b"}},
			article.WithinOrigin, "shelters", [][]string{{"a", "b"}}, 1},
		{"independent origins still make a plain conflict",
			map[string]string{"a": evac1200, "b": evac2400}, [][]string{{"a"}, {"b"}},
			article.Conflict, "residents evacuated", nil, 2},
		{"an altered copy beside an independent report is counted once",
			map[string]string{"a": evac1200, "b": evac2400, "c": "Officials said 1,200 residents were evacuated from the valley by bus."},
			[][]string{{"a", "b"}, {"c"}},
			article.Conflict, "residents evacuated", [][]string{{"a", "b"}}, 2},
		{"unrelated sentences measuring tonnes do not meet",
			map[string]string{"a": grain4, "b": "The silo on the hill can hold 6,000 tonnes when it is full."},
			[][]string{{"a"}, {"b"}}, "", "", nil, 0},
		{"agreeing copies are no conflict",
			map[string]string{"a": grain4, "b": grain4}, [][]string{{"a", "b"}}, "", "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []*article.Document
			for _, id := range []string{"a", "b", "c"} {
				if body, ok := tt.texts[id]; ok {
					docs = append(docs, doc(id, tue, body))
				}
			}
			conflicts, agreements := figuresOf(docs, tt.origins, Options{})
			if tt.verdict == "" {
				if len(conflicts) != 0 {
					t.Fatalf("conflicts = %+v, want none", conflicts)
				}
				return
			}
			if len(conflicts) != 1 {
				t.Fatalf("conflicts = %+v (agreements %+v), want one", conflicts, agreements)
			}
			c := conflicts[0]
			if c.Verdict != tt.verdict || !strings.Contains(c.About, tt.about) || c.Origins != tt.origin || !reflect.DeepEqual(c.SplitOrigins, tt.split) {
				t.Errorf("got verdict %q about %q, %d origins, split %v; want %q about %q, %d origins, split %v",
					c.Verdict, c.About, c.Origins, c.SplitOrigins, tt.verdict, tt.about, tt.origin, tt.split)
			}
			if len(c.Sides) != 2 {
				t.Fatalf("sides = %+v", c.Sides)
			}
			for _, s := range c.Sides {
				if len(s.Evidence) == 0 || len(s.Evidence) != len(s.Claims) {
					t.Errorf("side without its quoted evidence: %+v", s)
				}
			}
			if tt.split != nil && !strings.Contains(c.Explanation, "share one origin") {
				t.Errorf("explanation does not say the copies share an origin: %s", c.Explanation)
			}
			if tt.verdict == article.WithinOrigin && !strings.Contains(c.Explanation, "not a disagreement between independent origins") {
				t.Errorf("explanation reads as an independent disagreement: %s", c.Explanation)
			}
		})
	}
}

func TestEventsAndRankingsWithinOrigin(t *testing.T) {
	tests := []struct {
		name    string
		origins [][]string
		verdict string
		split   [][]string
	}{
		{"one origin", [][]string{{"a", "b"}}, article.WithinOrigin, [][]string{{"a", "b"}}},
		{"two origins", [][]string{{"a"}, {"b"}}, article.Conflict, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := doc("a", tue, "Rebels took Ostrel, Quell's largest city, on Monday. The harbour master Ilse Varga left the port on Monday.")
			b := doc("b", tue, "Rebels took Ostrel, Quell's second-largest city, on Monday. The harbour master Ilse Varga did not leave the port on Monday.")
			docs := []*article.Document{a, b}
			rankings := map[string][]claim.Ranking{}
			events := map[string][]event.Event{}
			for _, d := range docs {
				rankings[d.ID] = claim.Rankings(d)
				events[d.ID] = event.Extract(d)
			}
			rc, _ := Rankings(docs, rankings, tt.origins)
			ec, _ := Events(docs, events, nil, tt.origins)
			for name, cs := range map[string][]article.Comparison{"ranking": rc, "event": ec} {
				if len(cs) == 0 {
					t.Errorf("no %s conflict", name)
					continue
				}
				c := cs[0]
				if c.Verdict != tt.verdict || !reflect.DeepEqual(c.SplitOrigins, tt.split) || c.Origins != len(tt.origins) {
					t.Errorf("%s: verdict %q, split %v, %d origins; want %q, %v, %d", name, c.Verdict, c.SplitOrigins, c.Origins, tt.verdict, tt.split, len(tt.origins))
				}
			}
		})
	}
}
