package entity

import (
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// resolveAcronyms ties each acronym to the name the article defines it by:
// "Tamesh Valley Front (TVF)", "Tamesh Valley Front commander (TVF)" or
// "TVF (Tamesh Valley Front)". The letters must be initials of the name, so
// that a bracketed aside is not taken for a definition.
func resolveAcronyms(d *article.Document, sentences [][]token, cands []*candidate, byEnd map[[2]int]*candidate) {
	c := cues()
	defs := map[string]*candidate{}
	byStart := map[[2]int]*candidate{}
	for _, cd := range cands {
		byStart[[2]int{cd.sentence, cd.first}] = cd
	}
	for _, cd := range cands {
		toks := sentences[cd.sentence]
		m := &cd.mention
		if m.acronym {
			// "TVF (Tamesh Valley Front)".
			if full, ok := byStart[[2]int{cd.sentence, cd.last + 1}]; ok && !full.mention.acronym &&
				strings.TrimSpace(d.Text[m.Span.End:full.mention.Span.Start]) == "(" &&
				strings.HasPrefix(d.Text[full.mention.Span.End:], ")") && initialsMatch(m.Text, full.mention.Text) {
				if _, seen := defs[m.Text]; !seen {
					defs[m.Text] = full
				}
			}
			continue
		}
		k := cd.last + 1
		if k < len(toks) && !toks[k].upper && (c.groupCues[toks[k].Norm] || c.roles[toks[k].Norm] != "") &&
			adjacent(d, toks[cd.last], toks[k]) {
			k++
		}
		if k < len(toks) && toks[k].upper && parenthesised(d, toks, k) {
			if acr, ok := byStart[[2]int{cd.sentence, k}]; ok && acr.mention.acronym && initialsMatch(acr.mention.Text, m.Text) {
				if _, seen := defs[acr.mention.Text]; !seen {
					defs[acr.mention.Text] = cd
				}
			}
		}
	}
	if len(defs) == 0 {
		return
	}
	// The full name and its acronym are one body: each takes the other's
	// type when its own was only a guess, and a group is a group under
	// either name.
	for acr, full := range defs {
		for _, cd := range cands {
			if !cd.mention.acronym || cd.mention.Text != acr {
				continue
			}
			cd.mention.Expansion = full.mention.Text
			unifyTypes(&cd.mention, &full.mention)
		}
	}
	for acr, full := range defs {
		for _, cd := range cands {
			if cd.mention.acronym && cd.mention.Text == acr {
				unifyTypes(&cd.mention, &full.mention)
			}
		}
	}
}

func unifyTypes(a, b *Mention) {
	switch {
	case a.Type == Group || b.Type == Group:
		if a.Type == Person || b.Type == Person {
			return
		}
		a.Type, b.Type = Group, Group
		a.weak, b.weak = false, false
	case a.weak && !b.weak:
		a.Type, a.weak = b.Type, false
	case b.weak && !a.weak:
		b.Type, b.weak = a.Type, false
	}
}
