package credit

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed agencies.txt
var agencyData string

// The list is parsed once; a malformed list is a bug caught by the tests,
// so a failure here panics at start-up rather than misreading articles.
var agencies = mustParseList(agencyData)

// entry is one agency or outlet of the list.
type entry struct {
	name string // canonical
	kind string // "agency" or "outlet"
}

// aliasForm says how a listed form may be used.
type aliasForm int

const (
	fullForm  aliasForm = iota // names the entry anywhere
	shortForm                  // names it only after a full form earlier in the article
	weakForm                   // names it only beside a media noun, in datelines and credit lines
)

// alias is one listed form of a name, split into tokens as text is.
type alias struct {
	words []string // tokens after any leading "The"
	// article is true when the listed form starts with "The": optional for
	// full and weak forms, required for short ones.
	article bool
	form    aliasForm
	entries []int // the entries it names: one, except for shared short forms
}

// list is the parsed agency list with its lookup tables.
type list struct {
	entries []entry
	// byFirst indexes full and short forms by their first token
	// (case-sensitive), longest form first. weakByFirst does the same for
	// weak forms.
	byFirst     map[string][]*alias
	weakByFirst map[string][]*alias
	// byFold maps every full and weak form, lower-cased and without "The",
	// to its entry, for names found beside a media noun.
	byFold map[string]int
	// byName maps canonical names to entries.
	byName map[string]int
}

func mustParseList(data string) *list {
	l, err := parseList(data)
	if err != nil {
		panic("credit: agencies.txt: " + err.Error())
	}
	return l
}

// parseList reads the format described at the top of agencies.txt.
func parseList(data string) (*list, error) {
	l := &list{
		byFirst:     map[string][]*alias{},
		weakByFirst: map[string][]*alias{},
		byFold:      map[string]int{},
		byName:      map[string]int{},
	}
	shared := map[string]*alias{} // short forms, which several entries may share
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", n+1, fmt.Sprintf(format, args...))
		}
		fields := strings.Split(line, "|")
		if len(fields) < 3 {
			return nil, fail("want name | kind | aliases, got %q", line)
		}
		name, kind := strings.TrimSpace(fields[0]), strings.TrimSpace(fields[1])
		if name == "" {
			return nil, fail("empty name")
		}
		if kind != "agency" && kind != "outlet" {
			return nil, fail("kind %q is neither agency nor outlet", kind)
		}
		if _, dup := l.byName[name]; dup {
			return nil, fail("%q listed twice", name)
		}
		id := len(l.entries)
		l.entries = append(l.entries, entry{name: name, kind: kind})
		l.byName[name] = id

		forms := map[aliasForm][]string{fullForm: splitForms(fields[2])}
		for _, field := range fields[3:] {
			tag, rest, ok := strings.Cut(field, ":")
			switch tag = strings.TrimSpace(tag); {
			case ok && tag == "short":
				forms[shortForm] = append(forms[shortForm], splitForms(rest)...)
			case ok && tag == "weak":
				forms[weakForm] = append(forms[weakForm], splitForms(rest)...)
			default:
				return nil, fail("unknown field %q", field)
			}
		}
		if !slices.Contains(forms[weakForm], name) {
			forms[fullForm] = append([]string{name}, forms[fullForm]...)
		}
		for _, form := range []aliasForm{fullForm, weakForm, shortForm} {
			for _, text := range forms[form] {
				a, err := newAlias(text, form)
				if err != nil {
					return nil, fail("%v", err)
				}
				if form == shortForm {
					key := strings.Join(a.words, " ")
					if prev := shared[key]; prev != nil {
						prev.entries = append(prev.entries, id)
						continue
					}
					a.entries = []int{id}
					shared[key] = a
					l.byFirst[a.words[0]] = append(l.byFirst[a.words[0]], a)
					continue
				}
				fold := foldWords(a.words)
				if other, dup := l.byFold[fold]; dup && other != id {
					return nil, fail("alias %q also names %s", text, l.entries[other].name)
				}
				l.byFold[fold] = id
				a.entries = []int{id}
				table := l.byFirst
				if form == weakForm {
					table = l.weakByFirst
				}
				table[a.words[0]] = append(table[a.words[0]], a)
			}
		}
	}
	for key := range shared {
		if _, dup := l.byFold[strings.ToLower(key)]; dup {
			return nil, fmt.Errorf("short form %q is also a full or weak form", key)
		}
	}
	for _, table := range []map[string][]*alias{l.byFirst, l.weakByFirst} {
		for _, as := range table {
			// Longest first, so that "Sky News Arabia" wins over "Sky News";
			// stable, so that equal lengths keep the file's order.
			slices.SortStableFunc(as, func(a, b *alias) int { return len(b.words) - len(a.words) })
		}
	}
	return l, nil
}

func splitForms(field string) []string {
	var forms []string
	for _, f := range strings.Split(field, ",") {
		if f = strings.TrimSpace(f); f != "" {
			forms = append(forms, f)
		}
	}
	return forms
}

func newAlias(text string, form aliasForm) (*alias, error) {
	a := &alias{form: form}
	for _, t := range tokenize(text, 0, nil) {
		a.words = append(a.words, t.text)
	}
	if len(a.words) > 1 && a.words[0] == "The" {
		a.article = true
		a.words = a.words[1:]
	}
	switch {
	case len(a.words) == 0:
		return nil, fmt.Errorf("alias %q has no words", text)
	case form == shortForm && !a.article:
		return nil, fmt.Errorf("short form %q must start with The", text)
	case !isWordStart(a.words[0]):
		return nil, fmt.Errorf("alias %q must start with a word", text)
	}
	return a, nil
}

// foldWords is the case-insensitive key of a token sequence.
func foldWords(words []string) string {
	return strings.ToLower(strings.Join(words, " "))
}
