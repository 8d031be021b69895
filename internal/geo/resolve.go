package geo

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Context is what a story says about where it happens.
type Context struct {
	// Countries weighs the countries the story mentions (ISO2 -> weight,
	// e.g. how often the country, its demonym or its places are named).
	// Only the ratio to the largest weight matters; weights <= 0 count as
	// absent.
	Countries map[string]float64
}

// weight returns the country's weight relative to the story's top country,
// in [0, 1].
func (c Context) weight(code string) float64 {
	top := 0.0
	for _, w := range c.Countries {
		top = max(top, w)
	}
	if top <= 0 {
		return 0
	}
	return max(0, c.Countries[code]) / top
}

// Lookup returns every place a surface name may denote, most populous
// first: the places one of whose names has the same Key, or, when there
// are none, those whose key is a single-letter variant of it (two letters
// for keys of seven or more; see fuzzy.go). Country names are not places:
// try CountryByName first.
func Lookup(name string) []Place {
	g := load()
	cands := g.candidates(name)
	slices.SortFunc(cands, func(a, b candidate) int {
		pa, pb := &g.places[a.place], &g.places[b.place]
		if pa.population != pb.population {
			return int(pb.population) - int(pa.population)
		}
		return int(pa.id) - int(pb.id)
	})
	out := make([]Place, len(cands))
	for i, c := range cands {
		out[i] = g.export(c.place)
	}
	return out
}

// The scoring rule of Resolve. A candidate place scores
//
//	log10(population+1)                    0 to 7.4
//	+ featureBonus[feature]                capital 1.5, division seats 0.8 to 0.2, city section -0.5
//	+ nameBonus if the name is the place's GeoNames name or a news spelling,
//	  not only one of its alternate names
//	- fuzzyPenalty if it matched only fuzzily
//	+ contextBonus × the weight of its country in the story (0 to 1)
//
// and Resolve picks the best if it leads every candidate that is not the
// same place (same country, within samePlaceKm: GeoNames lists some cities
// twice, as a town and as its district) by clearMargin.
//
// Calibration: contextBonus is worth a factor of 100,000 in population, so a
// story about the United States reads "Paris" as Paris, Texas (25,000
// people) over Paris, France (2.1 million, a capital); nameBonus is worth a
// factor of 1,000, so "Berea" is not read as Aleppo, whose old name it is;
// clearMargin asks for about twice the population, other things equal, so
// three Springfields of 117,000-167,000 people stay ambiguous while Paris,
// Texas wins over Paris, Tennessee (10,000).
const (
	contextBonus = 5.0
	nameBonus    = 3.0
	fuzzyPenalty = 1.0
	clearMargin  = 0.3
	samePlaceKm  = 30.0
)

var featureBonus = map[string]float64{
	"PPLC":  1.5, // capital
	"PPLG":  0.8, // seat of government
	"PPLA":  0.8, // seat of a first-level division: less than a doubling of population over a second-level seat
	"PPLA2": 0.5,
	"PPLA3": 0.2,
	"PPLA4": 0.2,
	"PPLX":  -0.5, // section of a populated place: a district is named less often than a namesake town
}

// Resolve picks the place a name denotes in a story. It returns false when
// no place has the name; when the best candidate does not lead the others
// clearly (see the scoring rule above); when the name is a common English
// word (see Common) unless it is capitalised as a name, is the place's own
// name (not an alternate: "Sham" is an old name of Damascus) and the story
// mentions the place's country; when the name matched only fuzzily and
// the story does not mention the place's country (a vowel apart is also how
// "Sednaya" differs from "Sydney"); and when the name is a country's and the
// place is not in that country ("Lebanon" is not Lebanon, Tennessee, while
// "Singapore" is Singapore): use CountryByName for countries.
func Resolve(name string, ctx Context) (Place, bool) {
	g := load()
	cands := g.candidates(name)
	if len(cands) == 0 {
		return Place{}, false
	}
	for i := range cands {
		cands[i].score = g.score(cands[i], ctx)
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(g.places[a.place].id) - int(g.places[b.place].id)
	})
	best := cands[0]
	bp := &g.places[best.place]
	inStory := ctx.weight(g.countries[bp.country].Code) > 0
	if Common(name) && !(capitalisedName(name) && inStory && best.kind == matchName) {
		return Place{}, false
	}
	if best.kind == matchFuzzy && !inStory {
		return Place{}, false
	}
	if c, ok := CountryByName(name); ok && c.Code != g.countries[bp.country].Code {
		return Place{}, false
	}
	for _, c := range cands[1:] {
		if g.samePlace(best.place, c.place) {
			continue
		}
		if best.score-c.score < clearMargin {
			return Place{}, false
		}
		break
	}
	return g.export(best.place), true
}

type candidate struct {
	place int
	kind  matchKind
	score float64
}

// candidates returns the places matching name, each once, with its best
// kind of match.
func (g *gazetteer) candidates(name string) []candidate {
	key := Key(trimPossessive(strings.TrimSpace(name)))
	refs := g.lookupKey(key)
	if len(refs) == 0 {
		refs = g.fuzzy(key)
	}
	out := make([]candidate, 0, len(refs))
	at := make(map[int]int, len(refs))
	for _, r := range refs {
		if i, ok := at[r.place()]; ok {
			out[i].kind = min(out[i].kind, r.kind())
			continue
		}
		at[r.place()] = len(out)
		out = append(out, candidate{place: r.place(), kind: r.kind()})
	}
	return out
}

func (g *gazetteer) score(c candidate, ctx Context) float64 {
	p := &g.places[c.place]
	s := math.Log10(float64(p.population)+1) + featureBonus[p.feature]
	switch c.kind {
	case matchName:
		s += nameBonus
	case matchFuzzy:
		s -= fuzzyPenalty
	}
	return s + contextBonus*ctx.weight(g.countries[p.country].Code)
}

func (g *gazetteer) samePlace(i, j int) bool {
	a, b := &g.places[i], &g.places[j]
	return a.country == b.country &&
		Distance(float64(a.lat), float64(a.lon), float64(b.lat), float64(b.lon)) < samePlaceKm
}

// Common reports whether a name is also an everyday English word or too
// short to tell from one ("Of", "Best", "Mobile", "Reading", "Nice",
// "Split", "Bath", "Police", "Hope" are towns), so that a caller finding it
// in text should not take it for a place without more evidence. Resolve
// applies it: such a name resolves only when capitalised (and not in
// capitals, which marks an acronym: "NICE") and the story mentions the
// country of the place.
func Common(name string) bool {
	k := Key(trimPossessive(strings.TrimSpace(name)))
	return utf8.RuneCountInString(k) < 3 || commonWords()[k]
}

// capitalisedName reports whether name is written as a name: starting with a
// capital, not all in capitals.
func capitalisedName(name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(first) {
		return false
	}
	return strings.IndexFunc(name, unicode.IsLower) >= 0
}

//go:embed common.txt
var commonText string

var commonWords = sync.OnceValue(func() map[string]bool {
	words := make(map[string]bool, 512)
	for line := range strings.Lines(commonText) {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			words[Key(w)] = true
		}
	}
	return words
})
