package claim

import (
	"embed"
	"strconv"
	"strings"
)

// The word lists are data, not code, so that adding a unit or a speech verb
// is a one-line change that needs no review of the parser.
//
//go:embed data/*.txt
var dataFiles embed.FS

// numberWord is one entry of numbers.txt.
type numberWord struct {
	kind      string // "unit", "ten", "scale", "vague" or "fraction"
	value     float64
	highValue float64 // upper end of a vague quantity
}

// unitWord is one entry of units.txt.
type unitWord struct {
	unit string
	noun bool // the unit is also the counted thing ("people")
}

// relativePhrase is one entry of relative.txt.
type relativePhrase struct {
	words     []string
	unit      string
	offset    int
	precision string
}

var (
	numberWords  = map[string]numberWord{}
	qualifiers   = map[string]string{} // folded phrase -> normalised qualifier
	maxQualifier = 1                   // longest qualifier, in words
	units        = map[string]unitWord{}
	speechVerbs  = map[string]bool{}
	participles  = map[string]string{} // any form -> participle to report
	stopWords    = map[string]bool{}
	plurals      = map[string]bool{}
	relatives    []relativePhrase
	// relativesByFirstWord indexes relatives by their first word, so that
	// most tokens are dismissed with one map look-up.
	relativesByFirstWord = map[string][]int{}
)

func init() {
	for _, f := range lines("numbers.txt", 3) {
		w := numberWord{kind: f[1], value: number(f[2])}
		if len(f) > 3 {
			w.highValue = number(f[3])
		}
		numberWords[f[0]] = w
	}
	for _, f := range lines("qualifiers.txt", 2) {
		qualifiers[f[0]] = f[1]
		maxQualifier = max(maxQualifier, len(strings.Fields(f[0])))
	}
	for _, f := range lines("units.txt", 2) {
		units[f[0]] = unitWord{unit: f[1], noun: len(f) > 2 && f[2] == "noun"}
	}
	for _, f := range lines("speechverbs.txt", 1) {
		speechVerbs[f[0]] = true
	}
	for _, f := range lines("participles.txt", 1) {
		for _, form := range f {
			participles[form] = f[0]
		}
	}
	for _, f := range lines("stopwords.txt", 1) {
		stopWords[f[0]] = true
	}
	for _, f := range lines("plurals.txt", 1) {
		plurals[f[0]] = true
	}
	for _, f := range lines("relative.txt", 4) {
		offset, _ := strconv.Atoi(f[2])
		words := strings.Fields(f[0])
		relativesByFirstWord[words[0]] = append(relativesByFirstWord[words[0]], len(relatives))
		relatives = append(relatives, relativePhrase{words: words, unit: f[1], offset: offset, precision: f[3]})
	}
}

// lines returns the tab-separated fields of each non-comment line of a
// data file that has at least minFields fields. The files are compiled in;
// a missing file or a short line is a mistake that TestWordListsLoaded
// reports, and reading on without it is better than failing at start-up.
func lines(name string, minFields int) [][]string {
	raw, err := dataFiles.ReadFile("data/" + name)
	if err != nil {
		return nil
	}
	var out [][]string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if fields := strings.Split(line, "\t"); len(fields) >= minFields {
			out = append(out, fields)
		}
	}
	return out
}

func number(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}
