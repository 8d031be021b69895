package claim

import (
	"slices"
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/provenance/credit"
)

// FigureClaimID is the id of the claim made from an article's n-th figure
// (counting from 0, in the order Figures returns them), so that other
// packages can cite a figure's claim without rebuilding the claims.
func FigureClaimID(articleID string, n int) string {
	return articleID + "-f" + strconv.Itoa(n+1)
}

// FigureClaims turns a document's figures, in the order Figures returned
// them, into claims: Subject is what is counted, Value the normalised
// figure, Date the as-of day (YYYY-MM-DD, "" when unknown) and Speaker who
// states it.
//
// When the sentence credits an agency the speaker talked to ("an officer
// told Reuters"), the speaker carries it: "an officer, via Reuters".
func FigureClaims(d *article.Document, figures []Figure) []article.Claim {
	claims := make([]article.Claim, 0, len(figures))
	var agencies map[int][]string
	for n, f := range figures {
		if agencies == nil {
			agencies = creditsBySentence(d)
		}
		c := article.Claim{
			ID:       FigureClaimID(d.ID, n),
			Kind:     KindFigure,
			Article:  d.ID,
			Sentence: f.Sentence,
			Text:     d.SentenceText(f.Sentence),
			Subject:  f.Counted,
			Value:    f.Value(),
			Speaker:  withAgencies(f.Source, agencies[f.Sentence]),
		}
		if !f.AsOf.Date.IsZero() {
			c.Date, c.DateAnchor = f.AsOf.Date.Format("2006-01-02"), f.AsOf.Anchor
		}
		claims = append(claims, c)
	}
	return claims
}

// creditsBySentence lists the agencies each sentence credits.
func creditsBySentence(d *article.Document) map[int][]string {
	m := map[int][]string{}
	for _, c := range credit.Find(d) {
		if c.Sentence >= 0 && !slices.Contains(m[c.Sentence], c.Agency) {
			m[c.Sentence] = append(m[c.Sentence], c.Agency)
		}
	}
	return m
}

func withAgencies(source string, agencies []string) string {
	var via []string
	for _, a := range agencies {
		if !strings.Contains(source, a) {
			via = append(via, a)
		}
	}
	switch {
	case len(via) == 0:
		return source
	case source == "":
		return "via " + strings.Join(via, " and ")
	}
	return source + ", via " + strings.Join(via, " and ")
}
