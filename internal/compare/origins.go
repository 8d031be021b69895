package compare

import (
	"fmt"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// originKey names the origin of an article; an article the provenance stage
// did not place is its own origin.
func originKey(id string, originOf map[string]int) string {
	if o, ok := originOf[id]; ok {
		return fmt.Sprint("origin:", o)
	}
	return "doc:" + id
}

// splitOrigins marks a conflict whose sides are partly or wholly taken by
// one origin's own articles. Copies of one wire story that disagree are not
// independent sources contradicting each other, but they are what a
// fact-checker most needs to see: one outlet altered or updated the copy.
// When every side comes from one origin the verdict becomes WithinOrigin;
// otherwise it stays a conflict and the explanation says which copies split,
// since that origin counts once however many sides its copies take.
func splitOrigins(c *article.Comparison, originOf map[string]int) {
	sidesOf := map[string]map[int]bool{}
	articles := map[string][]string{}
	var order []string
	for i, s := range c.Sides {
		for _, id := range s.Articles {
			k := originKey(id, originOf)
			if sidesOf[k] == nil {
				sidesOf[k] = map[int]bool{}
				order = append(order, k)
			}
			sidesOf[k][i] = true
			if !contains(articles[k], id) {
				articles[k] = append(articles[k], id)
			}
		}
	}
	c.SplitOrigins = nil
	for _, k := range order {
		if len(sidesOf[k]) > 1 {
			c.SplitOrigins = append(c.SplitOrigins, articles[k])
		}
	}
	if len(c.SplitOrigins) == 0 {
		return
	}
	var notes []string
	for _, ids := range c.SplitOrigins {
		if len(ids) == 1 {
			notes = append(notes, fmt.Sprintf("%s states both.", ids[0]))
			continue
		}
		notes = append(notes, fmt.Sprintf("%s share one origin (see provenance) yet take different sides: one may have altered or updated the shared copy, or added reporting of its own.", joinAnd(ids)))
	}
	note := strings.Join(notes, " ")
	if len(order) == 1 {
		c.Verdict = article.WithinOrigin
		note += " This is a change within one origin, not a disagreement between independent origins."
	} else {
		note += " An origin on several sides is counted once."
	}
	c.Explanation = strings.TrimSpace(c.Explanation + " " + note)
}

func joinAnd(ids []string) string {
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}
