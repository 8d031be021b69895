package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./gen

// gazetteerGz is written by ./gen from GeoNames (CC BY 4.0); see README.md.
//
//go:embed gazetteer.tsv.gz
var gazetteerGz []byte

// Place is a populated place of the gazetteer.
type Place struct {
	ID          int    // GeoNames id
	Name        string // GeoNames' name, for display
	Country     string // ISO 3166-1 alpha-2
	CountryName string
	Admin1      string // GeoNames' first-level division code within the country
	Feature     string // GeoNames feature code: PPLC capital, PPLA* seat of a division, PPL, PPLX section of a city...
	Population  int
	Lat, Lon    float64
}

// Country is a country or territory of GeoNames' country table.
type Country struct {
	Code, Name string  // ISO 3166-1 alpha-2 and GeoNames' English name
	Lat, Lon   float64 // the capital's, else the population-weighted mean of its places
	Population int
}

// matchKind says which of a place's names a key came from; it weighs in
// Resolve, since an alternate name is often a historical or foreign one
// ("Berea" for Aleppo) while the main name and news spellings are what
// English text uses.
type matchKind uint8

const (
	matchName      matchKind = iota // GeoNames' name, or a hand-listed news spelling
	matchAlternate                  // a GeoNames alternate name
	matchFuzzy                      // a key within a small edit distance (see fuzzy.go)
)

// place is Place as held in memory: strings point into the decompressed
// gazetteer, numbers are narrowed (float32 keeps 4 decimals of a degree).
type place struct {
	name, admin1, feature string
	id, population        int32
	lat, lon              float32
	country               uint16
}

// nameRef is an entry of the name index: place index << 2 | matchKind.
type nameRef uint32

// refEntry chains the places indexed under one key (one slice per key
// would cost a third of the load time in allocations).
type refEntry struct {
	ref  nameRef
	next int32 // index in refs of the previous place under the key, or -1
}

func (r nameRef) place() int      { return int(r >> 2) }
func (r nameRef) kind() matchKind { return matchKind(r & 3) }

type gazetteer struct {
	countries   []Country
	countryCode map[string]int // ISO2 -> index in countries
	countryKey  map[string]int // Key of a name or alias -> index
	countryAbbr map[string]int // "US", "UK", "UAE" (match in capitals only) -> index
	places      []place
	names       map[string]int32 // Key -> index in refs of the last place indexed under it
	refs        []refEntry       // chains of places under one key

	keyer keyer // used while loading

	skeletonOnce sync.Once
	skeletons    map[string][]string // see fuzzy.go
}

var (
	loadOnce sync.Once
	loaded   *gazetteer
)

// load returns the gazetteer, decoding it on first use.
func load() *gazetteer {
	loadOnce.Do(func() {
		g, err := parseGazetteer(gazetteerGz)
		if err != nil {
			// The file is generated and tested with the package: a
			// failure here is a build defect, not a run-time condition.
			panic("geo: embedded gazetteer: " + err.Error())
		}
		loaded = g
	})
	return loaded
}

func parseGazetteer(gz []byte) (*gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	text := string(raw)
	g := &gazetteer{
		countryCode: make(map[string]int, 256),
		countryKey:  make(map[string]int, 1024),
		countryAbbr: make(map[string]int, 64),
		places:      make([]place, 0, strings.Count(text, "\n")),
		names:       make(map[string]int32, 150_000),
		refs:        make([]refEntry, 0, 180_000),
	}
	var cols [10]string
	lineNo := 0
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		lineNo++
		if line == "" || line[0] == '#' {
			continue
		}
		n := splitTabs(line, cols[:])
		if cols[0] == "C" {
			if n != 7 {
				return nil, fmt.Errorf("line %d: country needs 7 columns, has %d", lineNo, n)
			}
			if err := g.addCountry(cols[1:7]); err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
			continue
		}
		if n != 10 {
			return nil, fmt.Errorf("line %d: place needs 10 columns, has %d", lineNo, n)
		}
		if err := g.addPlace(cols[:]); err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
	}
	return g, nil
}

// splitTabs splits line at tabs into cols without allocating and returns
// the number of columns (which may exceed len(cols); the rest is dropped).
func splitTabs(line string, cols []string) int {
	n := 0
	for {
		i := strings.IndexByte(line, '\t')
		if n < len(cols) {
			if i < 0 {
				cols[n] = line
			} else {
				cols[n] = line[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		line = line[i+1:]
	}
}

func (g *gazetteer) addCountry(cols []string) error {
	pop, err1 := strconv.Atoi(cols[2])
	lat, err2 := strconv.ParseFloat(cols[3], 64)
	lon, err3 := strconv.ParseFloat(cols[4], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return fmt.Errorf("country %q: bad number", cols[0])
	}
	i := len(g.countries)
	g.countries = append(g.countries, Country{Code: cols[0], Name: cols[1], Lat: lat, Lon: lon, Population: pop})
	g.countryCode[cols[0]] = i
	g.addCountryName(cols[1], i)
	for name := range strings.SplitSeq(cols[5], "|") {
		g.addCountryName(name, i)
	}
	return nil
}

func (g *gazetteer) addCountryName(name string, i int) {
	if name == "" {
		return
	}
	if abbr, ok := abbreviation(name); ok {
		g.countryAbbr[abbr] = i
		return
	}
	k := countryKey(name)
	if _, taken := g.countryKey[k]; !taken {
		g.countryKey[k] = i
	}
}

func (g *gazetteer) addPlace(cols []string) error {
	id, err1 := strconv.Atoi(cols[0])
	pop, err2 := strconv.Atoi(cols[5])
	lat, err3 := strconv.ParseFloat(cols[6], 32)
	lon, err4 := strconv.ParseFloat(cols[7], 32)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return fmt.Errorf("place %q: bad number", cols[0])
	}
	c, ok := g.countryCode[cols[2]]
	if !ok {
		return fmt.Errorf("place %d: unknown country %q", id, cols[2])
	}
	i := len(g.places)
	g.places = append(g.places, place{name: cols[1], admin1: cols[3], feature: cols[4],
		id: int32(id), population: int32(pop), lat: float32(lat), lon: float32(lon), country: uint16(c)})
	g.index(g.keyer.key(cols[1]), i, matchName)
	if cols[8] == "" && cols[9] == "" {
		return nil
	}
	// Two spellings of one place often share a key: index the place once.
	seen := map[string]bool{string(g.keyer.key(cols[1])): true}
	for _, spec := range [...]struct {
		col  int
		kind matchKind
	}{{8, matchName}, {9, matchAlternate}} {
		if cols[spec.col] == "" {
			continue
		}
		for name := range strings.SplitSeq(cols[spec.col], "|") {
			k := g.keyer.key(name)
			if !seen[string(k)] {
				seen[string(k)] = true
				g.index(k, i, spec.kind)
			}
		}
	}
	return nil
}

// index adds a place under a key.
func (g *gazetteer) index(key []byte, place int, kind matchKind) {
	if len(key) == 0 {
		return
	}
	next := int32(-1)
	if head, ok := g.names[string(key)]; ok {
		next = head
	}
	g.refs = append(g.refs, refEntry{nameRef(place)<<2 | nameRef(kind), next})
	g.names[string(key)] = int32(len(g.refs) - 1)
}

// lookupKey returns the places indexed under key.
func (g *gazetteer) lookupKey(key string) []nameRef {
	head, ok := g.names[key]
	if !ok {
		return nil
	}
	var out []nameRef
	for i := head; i >= 0; i = g.refs[i].next {
		out = append(out, g.refs[i].ref)
	}
	return out
}

// export turns the in-memory place i into a Place.
func (g *gazetteer) export(i int) Place {
	p := &g.places[i]
	c := &g.countries[p.country]
	return Place{
		ID:          int(p.id),
		Name:        p.name,
		Country:     c.Code,
		CountryName: c.Name,
		Admin1:      p.admin1,
		Feature:     p.feature,
		Population:  int(p.population),
		Lat:         roundCoord(p.lat),
		Lon:         roundCoord(p.lon),
	}
}

// roundCoord undoes float32's noise: 34.7268 rather than 34.726799.
func roundCoord(x float32) float64 {
	return math.Round(float64(x)*1e4) / 1e4
}
