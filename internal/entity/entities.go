package entity

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
)

// roleClaim is one distinctive role a person is given.
type roleClaim struct {
	node int
	ref  ref
	text string
}

// linkRoles proposes as one person two names given the same distinctive
// role of the same body in the story ("the leader of TVF"), at lower
// confidence, with both sentences as evidence. Two names in one sentence
// are two people, whatever their roles.
func (s *story) linkRoles() {
	c := cues()
	claims := map[string][]roleClaim{}
	var keys []string
	for i, n := range s.nodes {
		if n.typ != Person {
			continue
		}
		for _, r := range n.refs {
			for _, ro := range s.mention(r).roles {
				if !c.distinctive[ro.head] || ro.indefinite || ro.body == "" {
					continue
				}
				k := ro.head + "|" + s.bodyKey(ro.body)
				if _, ok := claims[k]; !ok {
					keys = append(keys, k)
				}
				claims[k] = append(claims[k], roleClaim{node: i, ref: r, text: ro.text})
			}
		}
	}
	for _, k := range keys {
		cl := claims[k]
		for _, b := range cl[1:] {
			a := cl[0]
			if s.find(a.node) == s.find(b.node) || s.sameSentence(a.node, b.node) {
				continue
			}
			ma, mb := s.mention(a.ref), s.mention(b.ref)
			// The alias is the name of the smaller side: the larger one
			// keeps its name as the entity's, and a link must name what it adds.
			alias := fullForm(mb)
			if len(s.nodes[s.find(b.node)].refs) > len(s.nodes[s.find(a.node)].refs) {
				alias = fullForm(ma)
			}
			s.union(a.node, b.node, article.EntityLink{
				Alias: alias,
				Evidence: fmt.Sprintf("same role: %q is %q (%s: %s); %q is %q (%s: %s)",
					fullForm(ma), a.text, s.docID(a.ref.doc), s.sentence(a.ref),
					fullForm(mb), b.text, s.docID(b.ref.doc), s.sentence(b.ref)),
				Confidence: confidenceRole,
			})
		}
	}
}

// bodyKey names the entity a role is of, so that "TVF" and "Tamesh Valley
// Front" compare equal.
func (s *story) bodyKey(body string) string {
	if strings.HasPrefix(body, "country:") {
		return body
	}
	if full, ok := s.acronyms[body]; ok {
		body = full
	}
	words := strings.Join(nameWords(body), " ")
	for _, typ := range []string{"org", Person, Place, Country} {
		if i, ok := s.index[typ+"|"+words]; ok {
			return fmt.Sprintf("node:%d", s.find(i))
		}
	}
	if co, ok := countryByName(body); ok {
		return "country:" + co.Code
	}
	return "name:" + words
}

// sameSentence reports whether two nodes are named in one sentence.
func (s *story) sameSentence(a, b int) bool {
	seen := map[[2]int]bool{}
	for _, r := range s.nodes[a].refs {
		seen[[2]int{r.doc, s.mention(r).Sentence}] = true
	}
	for _, r := range s.nodes[b].refs {
		if seen[[2]int{r.doc, s.mention(r).Sentence}] {
			return true
		}
	}
	return false
}

// entities builds the story's entities and places from the merged names.
func (s *story) entities(ctx geo.Context) ([]article.Entity, []article.Place) {
	groups := map[int][]ref{}
	var roots []int
	for i, n := range s.nodes {
		root := s.find(i)
		if _, ok := groups[root]; !ok {
			roots = append(roots, root)
		}
		groups[root] = append(groups[root], n.refs...)
	}
	type built struct {
		e     article.Entity
		count int
	}
	var all []built
	for _, root := range roots {
		refs := groups[root]
		if len(refs) == 0 {
			continue
		}
		e := article.Entity{Articles: map[string]int{}, Aliases: []string{}, Roles: []string{}, Links: []article.EntityLink{}}
		surfaces, fulls, roles, types := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		for _, r := range refs {
			m := s.mention(r)
			surfaces[m.Text]++
			if !m.acronym && m.Expansion == "" {
				// A form read from a cue counts double, so that a tie
				// goes to the better attested spelling.
				fulls[m.Text] += 2
				if m.weak {
					fulls[m.Text]--
				}
			}
			for _, ro := range m.roles {
				roles[ro.text]++
			}
			w := 10
			if m.weak {
				w = 1
			}
			types[m.Type] += w
			e.Articles[s.docID(r.doc)]++
		}
		if len(fulls) == 0 {
			fulls = surfaces
		}
		e.Name = bestName(fulls)
		e.Type = bestType(types)
		e.Aliases = byCount(surfaces)
		e.Roles = byCount(roles)
		seen := map[string]bool{}
		for _, l := range s.nodes[root].links {
			k := fmt.Sprintf("%s|%.2f", l.Alias, l.Confidence)
			if seen[k] {
				continue
			}
			seen[k] = true
			e.Links = append(e.Links, l)
		}
		all = append(all, built{e, len(refs)})
	}
	slices.SortFunc(all, func(a, b built) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return cmp.Compare(a.e.Name, b.e.Name)
	})
	entities := make([]article.Entity, len(all))
	places := []article.Place{}
	for i, b := range all {
		b.e.ID = fmt.Sprintf("e%d", i+1)
		entities[i] = b.e
		if b.e.Type != Place {
			continue
		}
		for _, name := range append([]string{b.e.Name}, b.e.Aliases...) {
			if p, ok := geo.Resolve(name, ctx); ok {
				places = append(places, article.Place{
					Name: b.e.Name, Aliases: b.e.Aliases, Lat: p.Lat, Lon: p.Lon,
					Country: p.CountryName, Articles: b.e.Articles,
				})
				break
			}
		}
	}
	return entities, places
}

// bestName is the most frequent form, the longer on a tie (a full name
// over a short one), then the first in order.
func bestName(counts map[string]int) string {
	best, n := "", -1
	for k, c := range counts {
		lk, lb := utf8.RuneCountInString(k), utf8.RuneCountInString(best)
		if c > n || c == n && (lk > lb || lk == lb && k < best) {
			best, n = k, c
		}
	}
	return best
}

// bestType weighs the types the mentions were given, a cue-read type ten
// times a guess; a group is a kind of organisation, so any firm group
// reading makes it one.
func bestType(counts map[string]int) string {
	if counts[Group] >= 10 && counts[Person] < counts[Group]+counts[Organisation] {
		return Group
	}
	best, n := "", -1
	for _, t := range []string{Person, Organisation, Group, Place, Country} {
		if counts[t] > n {
			best, n = t, counts[t]
		}
	}
	return best
}

// byCount lists the keys most frequent first, then alphabetically.
func byCount(counts map[string]int) []string {
	out := make([]string, 0, len(counts))
	for k := range counts {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return cmp.Compare(a, b)
	})
	return out
}
