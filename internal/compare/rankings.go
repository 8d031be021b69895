package compare

import (
	"fmt"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/text"
)

// Rankings compares the ranks articles give one entity by one attribute
// ("the second-largest city" against "the largest city"): different ranks
// are a conflict; one rank stated by several origins is agreed.
func Rankings(docs []*article.Document, rankings map[string][]claim.Ranking, origins [][]string) (conflicts, agreements []article.Comparison) {
	originOf := originIndex(origins)
	type item struct {
		doc     *article.Document
		claimID string
		r       claim.Ranking
	}
	groups := map[string][]item{}
	var keys []string
	for _, d := range docs {
		for n, r := range rankings[d.ID] {
			key := text.Fold(r.Entity) + "|" + r.Attribute
			if _, ok := groups[key]; !ok {
				keys = append(keys, key)
			}
			groups[key] = append(groups[key], item{d, claim.RankingClaimID(d.ID, n), r})
		}
	}
	conflicts, agreements = []article.Comparison{}, []article.Comparison{}
	for _, key := range keys {
		items := groups[key]
		byRank := map[int][]item{}
		var ranks []int
		docsSeen := map[string]bool{}
		origin := map[string]bool{}
		for _, it := range items {
			if _, ok := byRank[it.r.Rank]; !ok {
				ranks = append(ranks, it.r.Rank)
			}
			byRank[it.r.Rank] = append(byRank[it.r.Rank], it)
			docsSeen[it.doc.ID] = true
			if o, ok := originOf[it.doc.ID]; ok {
				origin[fmt.Sprint(o)] = true
			} else {
				origin["doc:"+it.doc.ID] = true
			}
		}
		c := article.Comparison{About: items[0].r.Entity + ": rank by " + items[0].r.Attribute, Origins: len(origin)}
		var parts []string
		for _, rank := range ranks {
			s := article.Side{Value: rankWords(rank, items[0].r.Attribute)}
			seen := map[string]bool{}
			for _, it := range byRank[rank] {
				s.Claims = append(s.Claims, it.claimID)
				if !seen[it.doc.ID] {
					seen[it.doc.ID] = true
					s.Articles = append(s.Articles, it.doc.ID)
				}
				s.Evidence = append(s.Evidence, it.doc.SentenceText(it.r.Sentence))
			}
			c.Sides = append(c.Sides, s)
			parts = append(parts, s.Value+" in "+strings.Join(s.Articles, ", "))
		}
		switch {
		case len(ranks) > 1:
			c.Verdict = article.Conflict
			c.Explanation = fmt.Sprintf("The articles rank %s differently: %s.", items[0].r.Entity, strings.Join(parts, "; "))
			splitOrigins(&c, originOf)
			conflicts = append(conflicts, c)
		case c.Origins > 1:
			c.Verdict = article.Agreed
			c.Explanation = fmt.Sprintf("%d independent origins call %s the %s.", c.Origins, items[0].r.Entity, c.Sides[0].Value)
			agreements = append(agreements, c)
		}
	}
	return conflicts, agreements
}

var ordinalWords = []string{"", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

func rankWords(rank int, attribute string) string {
	if rank <= 1 || rank >= len(ordinalWords) {
		return attribute
	}
	return ordinalWords[rank] + "-" + attribute
}
