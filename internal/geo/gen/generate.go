package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Hand-written tables merged into the gazetteer: common English names of
// countries that GeoNames' country table lacks, and news spellings of places
// that GeoNames' alternate names lack.
var (
	//go:embed countries.txt
	countryAliasesText string
	//go:embed aliases.txt
	placeAliasesText string
)

// fieldSep separates names inside one column. No GeoNames name we keep
// contains it: names that do are dropped.
const fieldSep = "|"

type country struct {
	code, name, capital string
	population          int
	aliases             []string
	lat, lon            float64
}

type place struct {
	id           int
	name         string
	country      string
	admin1       string
	feature      string
	population   int
	lat, lon     float64
	newsAliases  []string
	alternatives []string
}

// generateFile reads the GeoNames files in dataDir and writes the gzipped
// gazetteer to out.
func generateFile(dataDir, out string) error {
	text, err := generate(dataDir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(text); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// generate returns the uncompressed gazetteer text.
func generate(dataDir string) ([]byte, error) {
	countries, err := readCountries(filepath.Join(dataDir, "countryInfo.txt"))
	if err != nil {
		return nil, err
	}
	if err := addCountryAliases(countries, countryAliasesText); err != nil {
		return nil, err
	}
	places, err := readPlaces(filepath.Join(dataDir, "cities1000.tsv"))
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*place, len(places))
	for i := range places {
		byID[places[i].id] = &places[i]
	}
	countryNames := make(map[string]bool)
	for _, c := range countries {
		countryNames[lightFold(c.name)] = true
		for _, a := range c.aliases {
			countryNames[lightFold(a)] = true
		}
	}
	if err := readAlternatives(filepath.Join(dataDir, "cities100000-altnames.txt"), byID, countryNames); err != nil {
		return nil, err
	}
	if err := addPlaceAliases(byID, placeAliasesText); err != nil {
		return nil, err
	}
	locateCountries(countries, places)
	return format(countries, places), nil
}

func readCountries(path string) ([]country, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []country
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 8 {
			return nil, fmt.Errorf("%s: short line %q", path, line)
		}
		pop, _ := strconv.Atoi(cols[7])
		out = append(out, country{
			code:       cols[0],
			name:       strings.TrimSpace(cols[4]),
			capital:    strings.TrimSpace(cols[5]),
			population: pop,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b country) int { return strings.Compare(a.code, b.code) })
	return out, nil
}

// addCountryAliases merges the hand table: lines "ISO2<TAB>name|name|...".
func addCountryAliases(countries []country, table string) error {
	idx := make(map[string]int, len(countries))
	for i, c := range countries {
		idx[c.code] = i
	}
	return eachTableLine(table, func(key string, names []string) error {
		i, ok := idx[key]
		if !ok {
			return fmt.Errorf("countries.txt: unknown country %q", key)
		}
		countries[i].aliases = appendUnique(countries[i].aliases, names, countries[i].name)
		return nil
	})
}

// addPlaceAliases merges the hand table: lines "geonameid<TAB>name|name|...".
func addPlaceAliases(byID map[int]*place, table string) error {
	return eachTableLine(table, func(key string, names []string) error {
		id, err := strconv.Atoi(key)
		if err != nil {
			return fmt.Errorf("aliases.txt: bad id %q", key)
		}
		p, ok := byID[id]
		if !ok {
			return fmt.Errorf("aliases.txt: place %d is not in the gazetteer", id)
		}
		p.newsAliases = appendUnique(p.newsAliases, names, p.name)
		return nil
	})
}

// eachTableLine calls fn for each "key<TAB>a|b|c" line of a hand table;
// '#' starts a comment.
func eachTableLine(table string, fn func(key string, names []string) error) error {
	for line := range strings.Lines(table) {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		key, rest, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("hand table line without a tab: %q", line)
		}
		var names []string
		for n := range strings.SplitSeq(rest, fieldSep) {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		if err := fn(strings.TrimSpace(key), names); err != nil {
			return err
		}
	}
	return nil
}

func readPlaces(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 8 {
			return nil, fmt.Errorf("%s: want 8 columns, got %d in %q", path, len(cols), sc.Text())
		}
		id, err1 := strconv.Atoi(cols[0])
		pop, err2 := strconv.Atoi(cols[5])
		lat, err3 := strconv.ParseFloat(cols[6], 64)
		lon, err4 := strconv.ParseFloat(cols[7], 64)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if strings.Contains(cols[1], fieldSep) {
			continue
		}
		out = append(out, place{id: id, name: cols[1], country: cols[2], admin1: cols[3],
			feature: cols[4], population: pop, lat: lat, lon: lon})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// Grouping by country and division makes a diff of a regenerated file
	// readable (and compresses 1% better than GeoNames id order).
	slices.SortFunc(out, func(a, b place) int {
		if c := strings.Compare(a.country, b.country); c != 0 {
			return c
		}
		if c := strings.Compare(a.admin1, b.admin1); c != 0 {
			return c
		}
		return a.id - b.id
	})
	return out, nil
}

// readAlternatives adds to the kept places the alternate names (GeoNames
// dump, column 4) that are worth matching against English news text; see
// keepAlternative.
func readAlternatives(path string, byID map[int]*place, countryNames map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 15 {
			return fmt.Errorf("%s: short line", path)
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		p, ok := byID[id]
		if !ok {
			// A handful of rows duplicate a place cities1000 keeps under
			// another id; cities1000 is the list of places.
			continue
		}
		seen := map[string]bool{lightFold(p.name): true}
		for _, a := range p.newsAliases {
			seen[lightFold(a)] = true
		}
		for alt := range strings.SplitSeq(cols[3], ",") {
			alt = strings.TrimSpace(alt)
			folded := lightFold(alt)
			if seen[folded] || !keepAlternative(alt, folded) {
				continue
			}
			// An alternate name that is a country's name ("Kuwait" for
			// Kuwait City, "Al-Sham" for Damascus) would make a mention of
			// the country look like a mention of the city.
			if countryNames[folded] {
				continue
			}
			seen[folded] = true
			p.alternatives = append(p.alternatives, alt)
		}
	}
	return sc.Err()
}

// keepAlternative reports whether an alternate name can appear in English
// news: written in Latin script (other scripts never match English text and
// would double the file), starting with a capital (GeoNames' lower-case
// alternates are machine romanisations from other scripts: "dmshq",
// "homusu"), not all capitals (airport and postal codes: "DAM", "QHS"), with
// at least four letters (short ones collide with words and names: "Sam" is a
// name of Damascus), and free of digits and brackets.
func keepAlternative(alt, folded string) bool {
	if alt == "" || strings.Contains(alt, fieldSep) {
		return false
	}
	letters, upper := 0, 0
	for i, r := range alt {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			if i == 0 && !unicode.IsUpper(r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case r == ' ' || r == '-' || r == '.' || isApostrophe(r):
		case unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	if upper == letters {
		return false
	}
	return len(strings.ReplaceAll(folded, " ", "")) >= 4
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', '′':
		return true
	}
	return false
}

// lightFold lower-cases, strips diacritics and apostrophes and turns every
// other non-letter into one space: the form under which two spellings are
// the same spelling. (Package geo's Key folds much further; the generator
// keeps every spelling that differs here so that Key can change without
// regenerating.)
func lightFold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || isApostrophe(r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// appendUnique appends the names whose light fold is not yet among list's
// or equal to primary's.
func appendUnique(list, names []string, primary string) []string {
	seen := map[string]bool{lightFold(primary): true}
	for _, n := range list {
		seen[lightFold(n)] = true
	}
	for _, n := range names {
		if f := lightFold(n); !seen[f] {
			seen[f] = true
			list = append(list, n)
		}
	}
	return list
}

// locateCountries puts each country at its capital: the country's PPLC
// place named like countryInfo's capital, else its most populous PPLC, else
// a place of that name, else the population-weighted mean of its places
// (countries without a capital in the data: Antarctica, Tokelau, ...).
func locateCountries(countries []country, places []place) {
	for i := range countries {
		c := &countries[i]
		capital := lightFold(c.capital)
		var best *place
		rank := func(p *place) int {
			r := 0
			if p.feature == "PPLC" {
				r += 2
			}
			if capital != "" && lightFold(p.name) == capital {
				r++
			}
			return r
		}
		var sumW, sumLat, sumLon float64
		for j := range places {
			p := &places[j]
			if p.country != c.code {
				continue
			}
			w := float64(max(p.population, 1))
			sumW += w
			sumLat += w * p.lat
			sumLon += w * p.lon
			if rank(p) == 0 {
				continue
			}
			if best == nil || rank(p) > rank(best) || rank(p) == rank(best) && p.population > best.population {
				best = p
			}
		}
		switch {
		case best != nil:
			c.lat, c.lon = best.lat, best.lon
		case sumW > 0:
			c.lat, c.lon = sumLat/sumW, sumLon/sumW
		}
	}
}

const header = `# corroborate gazetteer: derived from GeoNames (https://www.geonames.org/), CC BY 4.0.
# Derived by internal/geo/gen from cities1000, cities100000 alternate names and countryInfo,
# plus hand tables in internal/geo/gen; regenerate with: go generate ./internal/geo
# C	ISO2	name	population	lat	lon	other names (|)
# geonameid	name	country	admin1	feature	population	lat	lon	news spellings (|)	alternate names (|)
`

func format(countries []country, places []place) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, c := range countries {
		fmt.Fprintf(&b, "C\t%s\t%s\t%d\t%s\t%s\t%s\n", c.code, c.name, c.population,
			coord(c.lat), coord(c.lon), strings.Join(c.aliases, fieldSep))
	}
	for _, p := range places {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", p.id, p.name, p.country,
			p.admin1, p.feature, p.population, coord(p.lat), coord(p.lon),
			strings.Join(p.newsAliases, fieldSep), strings.Join(p.alternatives, fieldSep))
	}
	return b.Bytes()
}

// coord rounds to four decimals (about 11 m), more than a place name means.
func coord(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}
