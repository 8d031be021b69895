package framing

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
	"github.com/corroborate/corroborate/internal/text"
)

// entityIndex finds the story's entities by the names the text gives them.
type entityIndex struct {
	entities  []article.Entity
	aliases   map[string]int // folded alias -> entity index
	maxTokens int
	countries map[string]int // ISO code -> index of the country entity
}

func newEntityIndex(entities []article.Entity) *entityIndex {
	x := &entityIndex{entities: entities, aliases: map[string]int{}, countries: map[string]int{}}
	for i, e := range entities {
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			key := foldedKey(name)
			if key == "" {
				continue
			}
			// Entities come most mentioned first: an alias two entities
			// share goes to the one the story talks about more.
			if _, taken := x.aliases[key]; !taken {
				x.aliases[key] = i
			}
			x.maxTokens = max(x.maxTokens, strings.Count(key, " ")+1)
		}
		if e.Type == "country" {
			if c, ok := geo.CountryByName(e.Name); ok {
				if _, taken := x.countries[c.Code]; !taken {
					x.countries[c.Code] = i
				}
			}
		}
	}
	return x
}

// connectors introduce the entity a label belongs to after it: "the regime
// of", "rebels led by", "forces loyal to".
var connectors = [][]string{{"of"}, {"led", "by"}, {"loyal", "to"}, {"headed", "by"}, {"commanded", "by"}}

// titleWords may stand, in lower case, between a connector and a name:
// "the regime of authoritarian President Bashar al-Assad". Capitalised
// titles are skipped anyway.
var titleWords = map[string]bool{
	"the": true, "authoritarian": true, "president": true, "former": true, "late": true,
	"ousted": true, "embattled": true, "longtime": true, "strongman": true, "leader": true,
	"dictator": true, "commander": true, "prime": true, "minister": true,
}

// tie returns the entity the text ties the label toks[first..last] to, or
// -1.
func (x *entityIndex) tie(text string, toks []article.Token, first, last int) int {
	if len(x.entities) == 0 {
		return -1
	}
	if e := x.before(text, toks, first); e >= 0 {
		return e
	}
	return x.after(text, toks, last)
}

// before finds a name ending right before the label: "HTS rebels",
// "Assad's regime", "Hayat Tahrir al-Sham (HTS) rebel group", "Syrian
// troops".
func (x *entityIndex) before(text string, toks []article.Token, first int) int {
	j, gapEnd := first-1, toks[first].Start
	if j >= 0 && isPossessive(toks[j].Norm) {
		if !blankGap(text[toks[j].End:gapEnd]) {
			return -1
		}
		gapEnd = toks[j].Start
		j--
	}
	if j < 0 || !blankGap(text[toks[j].End:gapEnd]) {
		return -1
	}
	for n := min(x.maxTokens, j+1); n >= 1; n-- {
		if e := x.aliasAt(text, toks, j-n+1, n); e >= 0 {
			return e
		}
	}
	if c, ok := geo.Demonym(text[toks[j].Start:toks[j].End]); ok {
		if e, ok := x.countries[c.Code]; ok {
			return e
		}
	}
	return -1
}

// after finds a name in apposition right after the label ("the rebel group
// HTS") or after a connector ("the regime of President Bashar al-Assad").
func (x *entityIndex) after(text string, toks []article.Token, last int) int {
	k := last + 1
	if k < len(toks) && blankGap(text[toks[last].End:toks[k].Start]) {
		if e := x.aliasStarting(text, toks, k); e >= 0 {
			return e
		}
	}
	for _, c := range connectors {
		if !hasNorms(toks, k, c) {
			continue
		}
		for p := k + len(c); p < len(toks) && p <= k+len(c)+3; p++ {
			if e := x.aliasStarting(text, toks, p); e >= 0 {
				return e
			}
			if !titleWords[toks[p].Norm] && !capitalised(text, toks[p]) {
				break
			}
		}
		return -1
	}
	return -1
}

// aliasStarting returns the entity of the longest alias starting at token
// p, or -1.
func (x *entityIndex) aliasStarting(text string, toks []article.Token, p int) int {
	for n := min(x.maxTokens, len(toks)-p); n >= 1; n-- {
		if e := x.aliasAt(text, toks, p, n); e >= 0 {
			return e
		}
	}
	return -1
}

// aliasAt returns the entity whose alias is exactly the n tokens at p,
// written with a capital as names are ("Song" the name, not "song"), or
// -1.
func (x *entityIndex) aliasAt(text string, toks []article.Token, p, n int) int {
	if p < 0 || n <= 0 || p+n > len(toks) || !capitalised(text, toks[p]) {
		return -1
	}
	norms := make([]string, n)
	for i := range n {
		norms[i] = toks[p+i].Norm
	}
	if e, ok := x.aliases[strings.Join(norms, " ")]; ok {
		return e
	}
	return -1
}

// fits reports whether an entity's type can name an actor of kind k.
func (x *entityIndex) fits(e int, k kind) bool {
	t := x.entities[e].Type
	return slices.Contains(k.types, t) || slices.Contains(k.with, t)
}

// kindOf returns the kind whose main types include the entity's type, or
// for a person the kind of what the person's roles name: "HTS leader"
// makes Golani's men rebels, "Syrian President" makes Assad's forces the
// state's. It returns -1 when there is no entity or no such kind.
func (x *entityIndex) kindOf(lx *lexicon, e int) int {
	if e < 0 {
		return -1
	}
	if k := kindOfType(lx, x.entities[e].Type); k >= 0 || x.entities[e].Type != "person" {
		return k
	}
	for _, role := range x.entities[e].Roles {
		toks := text.Tokenize(role, 0)
		for p := range toks {
			if g := x.aliasStarting(role, toks, p); g >= 0 && g != e {
				if k := kindOfType(lx, x.entities[g].Type); k >= 0 {
					return k
				}
			}
			word := role[toks[p].Start:toks[p].End]
			if stateTitles[toks[p].Norm] {
				return kindOfType(lx, "country")
			}
			if _, ok := geo.Demonym(word); ok {
				return kindOfType(lx, "country")
			}
			if _, ok := geo.CountryByName(word); ok {
				return kindOfType(lx, "country")
			}
		}
	}
	return -1
}

// stateTitles are the titles of people who speak for a state; a group's
// leader is called its leader or commander, and its own name comes first in
// the role ("HTS leader"), which is looked for before these.
var stateTitles = map[string]bool{
	"president": true, "premier": true, "chancellor": true, "king": true, "emir": true,
	"sultan": true, "dictator": true, "monarch": true,
}

// kindOfType returns the first kind whose main types include t, or -1.
func kindOfType(lx *lexicon, t string) int {
	for k := range lx.kinds {
		if slices.Contains(lx.kinds[k].types, t) {
			return k
		}
	}
	return -1
}

// mainActor is the actor of a kind that takes the labels tied to nobody.
type mainActor struct {
	entity    int // the entity that names it, or -1
	qualifier int // an entity that qualifies its name, or -1
}

// mainActor picks the entity tied most often to the kind's labels, of one
// of its types or else of its with types, and the qualifier: the with-type
// entity tied most often, unless its roles place it in another country
// than the main entity ("Syrian President" fits Syria, not Russia).
func (x *entityIndex) mainActor(k kind, ties map[int]int) mainActor {
	m := mainActor{entity: x.mostTied(ties, k.types, -1), qualifier: -1}
	if m.entity < 0 {
		m.entity = x.mostTied(ties, k.with, -1)
		return m
	}
	q := x.mostTied(ties, k.with, m.entity)
	if q >= 0 && x.compatible(q, m.entity) {
		m.qualifier = q
	}
	return m
}

// mostTied returns the entity of one of the types tied at least minTies
// times, most first, then first in the story's order; -1 if none.
func (x *entityIndex) mostTied(ties map[int]int, types []string, except int) int {
	best := -1
	for e, n := range ties {
		if e == except || n < minTies || !slices.Contains(types, x.entities[e].Type) {
			continue
		}
		if best < 0 || n > ties[best] || n == ties[best] && e < best {
			best = e
		}
	}
	return best
}

// compatible reports whether entity q may qualify entity main: false when
// main is a country and one of q's roles names another country.
func (x *entityIndex) compatible(q, main int) bool {
	if x.entities[main].Type != "country" {
		return true
	}
	home, ok := geo.CountryByName(x.entities[main].Name)
	if !ok {
		return true
	}
	for _, role := range x.entities[q].Roles {
		for _, word := range strings.FieldsFunc(role, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
			c, ok := geo.Demonym(word)
			if !ok {
				c, ok = geo.CountryByName(word)
			}
			if ok && c.Code != home.Code {
				return false
			}
		}
	}
	return true
}

// name is the main actor's name: after its entity when there is one,
// otherwise after its kind.
func (m mainActor) name(k kind, x *entityIndex) string {
	if m.entity < 0 || k.main == "" {
		return k.plain
	}
	name := x.entities[m.entity].Name
	if m.qualifier >= 0 {
		name += " (" + x.entities[m.qualifier].Name + ")"
	}
	return strings.ReplaceAll(k.main, "{entity}", name)
}

func isPossessive(norm string) bool { return norm == "'s" || norm == "’s" }

// blankGap reports whether the text between a name and a label joins them:
// spaces, or the parenthesis closing an acronym ("(HTS) rebels").
func blankGap(s string) bool {
	return strings.Trim(s, " \t)") == ""
}

func hasNorms(toks []article.Token, k int, norms []string) bool {
	if k+len(norms) > len(toks) {
		return false
	}
	for i, n := range norms {
		if toks[k+i].Norm != n {
			return false
		}
	}
	return true
}

func capitalised(text string, t article.Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	return unicode.IsUpper(r)
}
