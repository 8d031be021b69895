package claim

import (
	"math"
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// KindFigure is the Kind of the claims Extract returns for figures.
const KindFigure = "figure"

// Extract returns the checkable statements of d as claims. For now these
// are its figures: Subject is what is counted, Value the normalised figure
// ("almost 300000 people"), Date the as-of day (YYYY-MM-DD, "" when
// unknown) and Speaker who states it.
func Extract(d *article.Document) []article.Claim {
	if d == nil {
		return nil
	}
	return FigureClaims(d, Figures(d))
}

// Value renders the figure's normalised value: qualifier, number or range,
// and unit or counted noun ("almost 300000 people", "about 140 km",
// "thousands (1000-9999) detainees", "3 out of 14 provincial capitals").
func (f Figure) Value() string {
	var b strings.Builder
	if f.Qualifier != QualifierNone && f.Qualifier != QualifierVague {
		b.WriteString(f.Qualifier + " ")
	}
	b.WriteString(formatNumber(f.Low))
	if f.High > f.Low {
		b.WriteString("-" + formatNumber(f.High))
	}
	if f.Qualifier == QualifierVague {
		b.WriteString(" (vague)")
	}
	if f.OutOf > 0 {
		b.WriteString(" out of " + formatNumber(f.OutOf))
	}
	switch {
	case f.Unit != "":
		b.WriteString(" " + f.Unit)
	case f.Noun != "":
		b.WriteString(" " + f.Noun)
	}
	return b.String()
}

// formatNumber writes whole numbers without grouping or exponent and
// fractions to four decimals, so that equal values render equally.
func formatNumber(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	// Thousands separators, as news prints figures: 370,000 reads at a glance.
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}
