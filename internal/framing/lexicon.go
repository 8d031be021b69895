package framing

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/corroborate/corroborate/internal/text"
)

//go:embed labels.txt
var labelsData string

// kind is one kind of actor and how its actors are named.
type kind struct {
	name  string   // "armed opposition"
	types []string // entity types that can name the main actor
	with  []string // entity types that qualify the main actor's name
	plain string   // name when no entity is tied
	main  string   // template of the main actor's name, {entity} replaced
	other string   // template of the name of an actor tied to another entity
}

// term is one lexicon entry: the canonical label and the kind it labels,
// or ignoreKind for a phrase to skip, or tiedKind for a word that labels
// only when the text ties it to an entity ("Assad's forces"), the entity's
// type then choosing the kind.
type term struct {
	canonical string
	kind      int
}

// lexicon is labels.txt parsed for matching.
type lexicon struct {
	kinds       []kind
	terms       map[string]term // folded tokens joined by " " -> term
	firstWords  map[string]bool // the first folded token of every term
	maxTokens   int
	attribution map[string]bool
}

const (
	ignoreKind = -1
	tiedKind   = -2
)

var (
	lexiconOnce sync.Once
	parsed      *lexicon
)

// labels returns the embedded lexicon, parsed once.
func labels() *lexicon {
	lexiconOnce.Do(func() { parsed = parseLexicon(labelsData) })
	return parsed
}

// parseLexicon reads the format described at the top of labels.txt. It
// never fails: the data is embedded and checked by the tests, and a line
// it does not understand is skipped rather than allowed to stop the
// analysis.
func parseLexicon(data string) *lexicon {
	lx := &lexicon{terms: map[string]term{}, firstWords: map[string]bool{}, attribution: map[string]bool{}}
	section := ""
	current := ignoreKind
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.TrimSpace(line[1 : len(line)-1])
			switch section {
			case "ignore", "attribution":
				current = ignoreKind
			case "tied":
				current = tiedKind
			default:
				lx.kinds = append(lx.kinds, kind{name: section, plain: section})
				current = len(lx.kinds) - 1
			}
			continue
		}
		if key, value, ok := headerLine(line); ok && current >= 0 {
			k := &lx.kinds[current]
			switch key {
			case "types":
				k.types = strings.Fields(value)
			case "with":
				k.with = strings.Fields(value)
			case "plain":
				k.plain = value
			case "main":
				k.main = value
			case "other":
				k.other = value
			}
			continue
		}
		variants := strings.Split(line, "|")
		canonical := strings.TrimSpace(variants[0])
		for _, v := range variants {
			key := foldedKey(v)
			if key == "" {
				continue
			}
			if section == "attribution" {
				lx.attribution[key] = true
				continue
			}
			lx.terms[key] = term{canonical: canonical, kind: current}
			first, _, _ := strings.Cut(key, " ")
			lx.firstWords[first] = true
			if n := strings.Count(key, " ") + 1; n > lx.maxTokens {
				lx.maxTokens = n
			}
		}
	}
	return lx
}

// headerLine splits "types: group organisation"; term lines have no colon.
func headerLine(line string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(line, ":")
	if !ok {
		return "", "", false
	}
	switch key = strings.TrimSpace(key); key {
	case "types", "with", "plain", "main", "other":
		return key, strings.TrimSpace(value), true
	}
	return "", "", false
}

// foldedKey is a phrase as the tokenizer folds it, tokens joined by one
// space, so that lexicon and text are compared the same way.
func foldedKey(phrase string) string {
	toks := text.Tokenize(phrase, 0)
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	return strings.Join(norms, " ")
}
