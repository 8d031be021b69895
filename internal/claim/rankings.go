package claim

import (
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/entity"
)

// KindRanking is the Kind of the claims made from rankings.
const KindRanking = "ranking"

// Ranking is a rank an article gives an entity: "Homs, Syria's third-largest
// city" ranks Homs third by "largest city".
type Ranking struct {
	Sentence  int
	Span      article.Span // the ranking words: "third-largest city"
	Entity    string       // the ranked entity's full name
	Rank      int          // 1 for "largest", 3 for "third-largest"
	Attribute string       // what it is ranked by, folded: "largest city"
}

// ordinals are the rank words before a superlative.
var ordinals = map[string]int{
	"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}

// superlatives rank by size or age; a ranking is only comparable with one
// by the same superlative and noun.
var superlatives = map[string]bool{"largest": true, "biggest": true, "most-populous": true, "oldest": true, "busiest": true}

// rankedNouns are what such rankings rank.
var rankedNouns = map[string]bool{"city": true, "town": true, "province": true, "port": true, "region": true, "country": true, "economy": true, "company": true, "bank": true, "party": true, "airport": true, "state": true}

// entityWindow is how far, in tokens, the ranked name may stand from the
// ranking: apposition keeps them close ("Homs, the third-largest city";
// "its fourth-largest city, Hama").
const entityWindow = 4

// Rankings returns the rankings d gives entities, in text order.
func Rankings(d *article.Document) []Ranking {
	if d == nil {
		return nil
	}
	return RankingsWith(d, entity.Mentions(d))
}

// RankingsWith is Rankings given the document's entity mentions.
func RankingsWith(d *article.Document, mentions []entity.Mention) []Ranking {
	if d == nil {
		return nil
	}
	bySentence := map[int][]entity.Mention{}
	for _, m := range mentions {
		if m.Type != entity.DemonymKind {
			bySentence[m.Sentence] = append(bySentence[m.Sentence], m)
		}
	}
	var out []Ranking
	for si, s := range d.Sentences {
		toks := s.Tokens
		for i := 0; i+1 < len(toks); i++ {
			rank, sup := rankOf(toks[i].Norm)
			if rank == 0 || !rankedNouns[toks[i+1].Norm] {
				continue
			}
			if rank == 1 && (i == 0 || !firstRankDeterminer(toks[i-1].Norm)) {
				continue // "larger and largest" prose, not a rank
			}
			name, ok := rankedEntity(bySentence[si], toks, i, i+1)
			if !ok {
				continue
			}
			out = append(out, Ranking{
				Sentence: si, Span: article.Span{Start: toks[i].Start, End: toks[i+1].End},
				Entity: name, Rank: rank, Attribute: sup + " " + toks[i+1].Norm,
			})
		}
	}
	return out
}

// rankOf reads "third-largest" as 3 and "largest", and a bare
// "largest" as 1.
func rankOf(norm string) (int, string) {
	if superlatives[norm] {
		return 1, norm
	}
	ord, sup, ok := strings.Cut(norm, "-")
	if !ok || !superlatives[sup] {
		return 0, ""
	}
	return ordinals[ord], sup
}

// firstRankDeterminer: "the largest city", "its largest city", "Syria's
// largest city", "country's largest".
func firstRankDeterminer(norm string) bool {
	return norm == "the" || norm == "its" || norm == "'s" || norm == "their"
}

// rankedEntity is the closest name in apposition to the ranking words
// first..last: just before ("Homs, the ...") or just after ("..., Hama").
func rankedEntity(ms []entity.Mention, toks []article.Token, first, last int) (string, bool) {
	best, bestGap := "", entityWindow+1
	for _, m := range ms {
		startTok, endTok := -1, -1
		for k, t := range toks {
			if t.Start == m.Span.Start {
				startTok = k
			}
			if t.End == m.Span.End {
				endTok = k
			}
		}
		if startTok < 0 || endTok < 0 {
			continue
		}
		gap := entityWindow + 1
		switch {
		case endTok < first:
			gap = first - endTok
			// "Syria's third-largest city" names the country that owns the
			// ranking, not the city ranked.
			if endTok+1 < len(toks) && toks[endTok+1].Norm == "'s" {
				continue
			}
		case startTok > last:
			gap = startTok - last
		}
		if gap < bestGap {
			best, bestGap = fullMention(m), gap
		}
	}
	return best, best != ""
}

func fullMention(m entity.Mention) string {
	if m.Expansion != "" {
		return m.Expansion
	}
	return m.Text
}

// RankingClaimID is the id of the claim made from an article's n-th
// ranking, counting from 0.
func RankingClaimID(articleID string, n int) string { return articleID + "-r" + strconv.Itoa(n+1) }

// RankingClaims turns rankings into claims: Subject the entity, Value the
// ranking words as written.
func RankingClaims(d *article.Document, rs []Ranking) []article.Claim {
	out := make([]article.Claim, 0, len(rs))
	for n, r := range rs {
		out = append(out, article.Claim{
			ID: RankingClaimID(d.ID, n), Kind: KindRanking, Article: d.ID, Sentence: r.Sentence,
			Text: d.SentenceText(r.Sentence), Subject: r.Entity, Value: d.Text[r.Span.Start:r.Span.End],
		})
	}
	return out
}
