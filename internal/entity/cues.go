package entity

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/corroborate/corroborate/internal/text"
)

// The cue words are data, not code, so that they can be extended without
// touching the rules that use them.
//
//go:embed cues.txt
var cuesText string

// cueTable holds cues.txt, keyed by text.Fold of each entry.
type cueTable struct {
	titles      map[string]bool // single- and multi-word titles, folded
	maxTitle    int             // most words in a title
	honorifics  map[string]bool
	roles       map[string]string // role word or phrase -> canonical role
	maxRole     int
	distinctive map[string]bool   // canonical roles
	suffixes    map[string]string // word -> entity type
	groupCues   map[string]bool
	placeCues   map[string]bool // "city of"
	locatives   map[string]bool // "in", "near"
	stop        map[string]bool
	skip        map[string]bool
	alone       map[string]bool // not a name by itself
	particles   map[string]bool
	connectors  map[string]bool
}

var cues = sync.OnceValue(func() *cueTable { return parseCues(cuesText) })

func parseCues(src string) *cueTable {
	t := &cueTable{
		titles: map[string]bool{}, honorifics: map[string]bool{}, roles: map[string]string{},
		distinctive: map[string]bool{}, suffixes: map[string]string{}, groupCues: map[string]bool{},
		placeCues: map[string]bool{}, locatives: map[string]bool{}, stop: map[string]bool{}, skip: map[string]bool{}, alone: map[string]bool{},
		particles: map[string]bool{}, connectors: map[string]bool{},
	}
	section := ""
	for line := range strings.Lines(src) {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		key := cueKey(line)
		switch section {
		case "title":
			t.titles[key] = true
			t.maxTitle = max(t.maxTitle, len(strings.Fields(key)))
		case "honorific":
			t.honorifics[key] = true
		case "role":
			word, canon, ok := strings.Cut(line, "=")
			if !ok {
				canon = word
			}
			k := cueKey(word)
			t.roles[k] = cueKey(canon)
			t.maxRole = max(t.maxRole, len(strings.Fields(k)))
		case "distinctive":
			t.distinctive[key] = true
		case "suffix":
			f := strings.Fields(line)
			if len(f) == 2 {
				t.suffixes[cueKey(f[0])] = f[1]
			}
		case "group":
			t.groupCues[key] = true
		case "place":
			t.placeCues[key] = true
		case "locative":
			t.locatives[key] = true
		case "stop":
			t.stop[key] = true
		case "skip":
			t.skip[key] = true
		case "alone":
			t.alone[key] = true
		case "particle":
			t.particles[key] = true
		case "connector":
			t.connectors[key] = true
		}
	}
	return t
}

// cueKey folds an entry the way token norms are folded, without the
// abbreviation's period, since the tokenizer drops it ("Gen." is "gen").
func cueKey(s string) string {
	f := strings.Fields(text.Fold(s))
	for i, w := range f {
		f[i] = strings.TrimSuffix(w, ".")
	}
	return strings.Join(f, " ")
}
