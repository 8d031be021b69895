// Package compare aligns the claims of a story's articles, claims about the
// same thing side by side, and says of each group whether independent
// origins agree on it, contradict each other, or only one origin states it,
// with the quoted evidence of each side.
package compare

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/text"
)

// DefaultTolerance is the relative difference within which two exact
// figures agree: outlets round ("3,500" and "3,512").
const DefaultTolerance = 0.05

// Options tune the comparison.
type Options struct {
	Tolerance float64 // 0 means DefaultTolerance
}

// figureItem is one figure of one article.
type figureItem struct {
	doc     *article.Document
	claimID string
	figure  claim.Figure
	low     float64 // the range the figure allows, its qualifier applied
	high    float64
	key     string // what it measures (subjectKey); "" when the sentence does not say
	copy    string // its sentence with the figure blanked (copyKey); "" when too short to tell
}

// Figures compares the figures of a story's documents, given by document id
// in the order claim.Figures returns them. origins groups the
// articles by independent origin (provenance): agreement is counted in
// origins, not articles, since copies of one wire story agree by
// construction. Figures about the same thing are those counting the same
// folded noun phrase in the same unit, or those standing in copies of one
// sentence: a wire sentence reprinted with another number states two values
// for one thing, whatever the sentence says it counts. A disagreement
// between copies of one origin is reported, as WithinOrigin when no
// independent origins disagree (see splitOrigins).
func Figures(docs []*article.Document, figures map[string][]claim.Figure, origins [][]string, opt Options) (conflicts, agreements []article.Comparison) {
	tol := opt.Tolerance
	if tol <= 0 {
		tol = DefaultTolerance
	}
	originOf := originIndex(origins)
	var items []figureItem
	for _, d := range docs {
		for n, f := range figures[d.ID] {
			low, high := allowed(f, tol)
			it := figureItem{doc: d, claimID: claim.FigureClaimID(d.ID, n), figure: f, low: low, high: high, key: subjectKey(f)}
			it.copy = copyKey(d, f)
			if it.key == "" && it.copy == "" {
				continue
			}
			items = append(items, it)
		}
	}
	conflicts, agreements = []article.Comparison{}, []article.Comparison{}
	for _, group := range groupFigures(items) {
		keyed := firstKeyed(group)
		sides := sidesOf(group)
		if len(sides) > 1 && (keyed < 0 || !specific(group[keyed].figure)) {
			// "2 shelters" and "22 shelters" may count different shelters:
			// a vague subject says too little to call two values a
			// contradiction, unless they stand in copies of one sentence.
			group = copiedAcross(group, sides)
			if sides = sidesOf(group); len(sides) < 2 {
				continue
			}
			keyed = firstKeyed(group)
		}
		if keyed < 0 && len(sides) < 2 {
			// Met only through a copied sentence that agrees: the copies
			// are one origin already, and the figure says too little about
			// what it counts to be listed on its own.
			continue
		}
		about := copyAbout(group[0])
		if keyed >= 0 {
			about = aboutOf(group[keyed].figure)
		}
		c := article.Comparison{About: about, Origins: countOrigins(group, originOf)}
		for _, s := range sides {
			c.Sides = append(c.Sides, sideOf(s))
		}
		switch {
		case len(sides) > 1:
			c.Verdict = article.Conflict
			c.Explanation = explainConflict(c, sides)
			splitOrigins(&c, originOf)
			conflicts = append(conflicts, c)
		case c.Origins > 1:
			c.Verdict = article.Agreed
			c.Explanation = fmt.Sprintf("%d independent origins state %s.", c.Origins, c.Sides[0].Value)
			agreements = append(agreements, c)
		default:
			c.Verdict = article.SingleOrigin
			c.Explanation = "Only one independent origin states this."
			agreements = append(agreements, c)
		}
	}
	return number(conflicts, "conflict"), number(agreements, "agreement")
}

// groupFigures joins figures that measure the same thing (one subject key)
// or stand in copies of one sentence (one copy key), in order of first
// appearance.
func groupFigures(items []figureItem) [][]figureItem {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}
	firstKey, firstCopy := map[string]int{}, map[string]int{}
	for i, it := range items {
		if it.key != "" {
			if j, ok := firstKey[it.key]; ok {
				union(i, j)
			} else {
				firstKey[it.key] = i
			}
		}
		if it.copy != "" {
			if j, ok := firstCopy[it.copy]; ok {
				union(i, j)
			} else {
				firstCopy[it.copy] = i
			}
		}
	}
	index := map[int]int{}
	var groups [][]figureItem
	for i, it := range items {
		r := find(i)
		g, ok := index[r]
		if !ok {
			g = len(groups)
			index[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], it)
	}
	return groups
}

// copiedAcross keeps, in their order, the figures of group whose sentence
// is copied with a value on another of its sides: those are known to
// measure one thing.
func copiedAcross(group []figureItem, sides [][]figureItem) []figureItem {
	sidesOf := map[string]map[int]bool{}
	for i, s := range sides {
		for _, it := range s {
			if it.copy == "" {
				continue
			}
			if sidesOf[it.copy] == nil {
				sidesOf[it.copy] = map[int]bool{}
			}
			sidesOf[it.copy][i] = true
		}
	}
	var out []figureItem
	for _, it := range group {
		if it.copy != "" && len(sidesOf[it.copy]) > 1 {
			out = append(out, it)
		}
	}
	return out
}

func firstKeyed(items []figureItem) int {
	for i, it := range items {
		if it.key != "" {
			return i
		}
	}
	return -1
}

// copyWords is how many words on each side of a figure name its sentence:
// enough that two unrelated sentences do not meet, few enough that a very
// long sentence costs no more than a short one.
const copyWords = 8

// copyKey is the figure's sentence around it, folded, with the figure
// itself and any other number blanked, so that copies of one sentence meet
// however their numbers were changed; "" when the context is too short to
// tell one sentence from another.
func copyKey(d *article.Document, f claim.Figure) string {
	if f.Sentence < 0 || f.Sentence >= len(d.Sentences) {
		return ""
	}
	s := d.Sentences[f.Sentence]
	if f.Start < s.Start || f.End > s.End || f.Start > f.End || s.End > len(d.Text) {
		return ""
	}
	before := contextWords(d.Text[max(s.Start, f.Start-copyWords*24):f.Start], f.Start-copyWords*24 > s.Start, true)
	after := contextWords(d.Text[f.End:min(s.End, f.End+copyWords*24)], f.End+copyWords*24 < s.End, false)
	if len(before)+len(after) < 6 {
		return ""
	}
	return strings.Join(before, " ") + " # " + f.Unit + " # " + strings.Join(after, " ")
}

// contextWords folds a stretch of text into at most copyWords words, digits
// blanked; clipped says the stretch was cut in the middle of a word at the
// end away from the figure.
func contextWords(s string, clipped, before bool) []string {
	words := strings.Fields(text.Fold(s))
	if clipped && len(words) > 0 {
		if before {
			words = words[1:]
		} else {
			words = words[:len(words)-1]
		}
	}
	if len(words) > copyWords {
		if before {
			words = words[len(words)-copyWords:]
		} else {
			words = words[:copyWords]
		}
	}
	for i, w := range words {
		if startsWithDigit(w) {
			words[i] = "#"
		}
	}
	return words
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// copyAbout names what a figure met only through a copied sentence
// measures: its unit as written and the words after it ("tonnes of grain
// were unloaded").
func copyAbout(it figureItem) string {
	f := it.figure
	s := it.doc.Sentences[f.Sentence]
	var words []string
	if fs := strings.Fields(f.Text); f.Unit != "" && len(fs) > 1 && !startsWithDigit(fs[len(fs)-1]) {
		words = append(words, fs[len(fs)-1])
	}
	for _, w := range strings.Fields(it.doc.Text[f.End:min(s.End, f.End+copyWords*24)]) {
		if len(words) >= 5 {
			break
		}
		trimmed := strings.TrimRight(w, ".,;:!?)\"'”’")
		if trimmed != "" {
			words = append(words, trimmed)
		}
		if trimmed != w {
			break
		}
	}
	if len(words) == 0 {
		return "a figure"
	}
	return strings.Join(words, " ")
}

// number orders comparisons by the origins behind them, most first (they
// matter most), and gives them ids in that order.
func number(cs []article.Comparison, prefix string) []article.Comparison {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Origins > cs[j].Origins })
	for i := range cs {
		cs[i].ID = fmt.Sprintf("%s-%d", prefix, i+1)
	}
	return cs
}

// distanceUnits are the units of figures that measure how far something is
// from a landmark.
var distanceUnits = map[string]bool{"km": true, "mi": true, "m": true, "miles": true, "kilometers": true}

// directionWords say which way a distance runs, not from where: "140 km
// north of the capital" and "140 km from the capital" measure one thing.
var directionWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "of": true, "from": true, "the": true, "to": true, "away": true,
	"outside": true, "beyond": true, "toward": true, "towards": true,
}

// subjectKey names what a figure measures, so that figures about one thing
// in several articles meet: the folded counted phrase and the unit, or for
// a distance the landmark it is measured from.
func subjectKey(f claim.Figure) string {
	about := strings.TrimSpace(text.Fold(f.Counted))
	if about == "" {
		return ""
	}
	if distanceUnits[f.Unit] {
		var landmark []string
		for _, w := range strings.Fields(about) {
			if !directionWords[w] {
				landmark = append(landmark, w)
			}
		}
		if len(landmark) > 0 {
			return "distance|" + strings.Join(landmark, " ")
		}
	}
	return about + "|" + f.Unit
}

// specific reports whether a figure says what it counts precisely enough
// to contradict another: a distance from a landmark, or a counted noun with
// what happened to it ("people displaced", "inmates freed").
func specific(f claim.Figure) bool {
	return strings.HasPrefix(subjectKey(f), "distance|") || len(strings.Fields(f.Counted)) >= 2
}

// allowed is the range of values a figure admits: "almost 300,000" admits
// a little less, "more than 3,500" anything above, and an exact number its
// rounding.
func allowed(f claim.Figure, tol float64) (low, high float64) {
	low, high = f.Low, max(f.High, f.Low)
	switch f.Qualifier {
	case claim.QualifierAbout:
		return low * (1 - 3*tol), high * (1 + 3*tol)
	case claim.QualifierAlmost:
		return low * (1 - 3*tol), high
	case claim.QualifierMoreThan, claim.QualifierAtLeast:
		return low, math.Inf(1)
	case claim.QualifierUpTo, claim.QualifierLessThan:
		return 0, high
	case claim.QualifierVague:
		return low, high
	}
	return low * (1 - tol), high * (1 + tol)
}

// sidesOf groups figures whose admitted ranges overlap, in order of value.
func sidesOf(items []figureItem) [][]figureItem {
	sorted := append([]figureItem(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].low < sorted[j].low })
	var sides [][]figureItem
	var lo, hi float64
	for _, it := range sorted {
		if len(sides) > 0 && it.low <= hi && it.high >= lo {
			sides[len(sides)-1] = append(sides[len(sides)-1], it)
			lo, hi = max(lo, it.low), min(hi, it.high)
			continue
		}
		sides = append(sides, []figureItem{it})
		lo, hi = it.low, it.high
	}
	return sides
}

// sideOf gathers one side's claims; its value lists every distinct value
// the side holds ("at least 23 people / at least 41 people"): compatible
// is not the same.
func sideOf(items []figureItem) article.Side {
	var s article.Side
	var values []string
	seen := map[string]bool{}
	for _, it := range items {
		if v := it.figure.Value(); !contains(values, v) {
			values = append(values, v)
		}
		s.Claims = append(s.Claims, it.claimID)
		if !seen[it.doc.ID] {
			seen[it.doc.ID] = true
			s.Articles = append(s.Articles, it.doc.ID)
		}
		s.Evidence = append(s.Evidence, it.doc.SentenceText(it.figure.Sentence))
	}
	s.Value = strings.Join(values, " / ")
	return s
}

func aboutOf(f claim.Figure) string {
	if f.Unit != "" && !strings.Contains(f.Counted, f.Unit) {
		return f.Counted + " (" + f.Unit + ")"
	}
	return f.Counted
}

func countOrigins(items []figureItem, originOf map[string]int) int {
	seen := map[string]bool{}
	for _, it := range items {
		o, ok := originOf[it.doc.ID]
		key := "doc:" + it.doc.ID
		if ok {
			key = fmt.Sprint("origin:", o)
		}
		seen[key] = true
	}
	return len(seen)
}

// explainConflict names the values and who states them, and the as-of
// dates and sources that may explain the difference.
func explainConflict(c article.Comparison, sides [][]figureItem) string {
	var parts []string
	dates := map[string]bool{}
	sources := map[string]bool{}
	for i, s := range sides {
		desc := fmt.Sprintf("%s in %s", c.Sides[i].Value, strings.Join(c.Sides[i].Articles, ", "))
		var when, who []string
		for _, it := range s {
			if day := asOf(it); day != "" && !contains(when, day) {
				when = append(when, day)
			}
			if src := it.figure.Source; src != "" && !contains(who, src) {
				who = append(who, src)
			}
		}
		if len(who) > 0 {
			desc += ", according to " + strings.Join(who, " and ")
		}
		if len(when) > 0 {
			desc += ", as of " + strings.Join(when, " and ")
		}
		dates[strings.Join(when, ",")] = true
		sources[strings.Join(who, ",")] = true
		parts = append(parts, desc)
	}
	out := fmt.Sprintf("The figures for %s differ: %s.", c.About, strings.Join(parts, "; "))
	if len(dates) > 1 {
		out += " They are stated as of different dates, which may explain the difference."
	}
	if len(sources) > 1 {
		out += " They come from different sources."
	}
	return out
}

// asOf says when a figure held: the date its sentence states, resolved
// when the article's date allows, else as written ("December 6"); failing
// both, the article's publication date, since a report states what is
// known when it is published.
func asOf(it figureItem) string {
	t := it.figure.AsOf
	switch {
	case !t.Date.IsZero():
		day := t.Date.Format("2006-01-02")
		if t.Inferred {
			day += " (inferred)"
		}
		return day
	case strings.TrimSpace(t.Text) != "":
		return strings.TrimSpace(t.Text) + " (year not stated)"
	case !it.doc.Published.IsZero():
		day := "publication on " + it.doc.Published.Format("2006-01-02")
		if it.doc.PublishedInferred {
			day += " (inferred from the text)"
		}
		return day
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
