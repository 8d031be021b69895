package claim

import (
	"strconv"

	"github.com/corroborate/corroborate/internal/article"
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
func FigureClaims(d *article.Document, figures []Figure) []article.Claim {
	claims := make([]article.Claim, 0, len(figures))
	for n, f := range figures {
		c := article.Claim{
			ID:       FigureClaimID(d.ID, n),
			Kind:     KindFigure,
			Article:  d.ID,
			Sentence: f.Sentence,
			Text:     d.SentenceText(f.Sentence),
			Subject:  f.Counted,
			Value:    f.Value(),
			Speaker:  f.Source,
		}
		if !f.AsOf.Date.IsZero() {
			c.Date = f.AsOf.Date.Format("2006-01-02")
		}
		claims = append(claims, c)
	}
	return claims
}
