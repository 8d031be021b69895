package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

// The phrases and word lists live in a data file so that teaching the
// cleaner a new kind of page furniture never means touching the rules.
//
//go:embed boilerplate.txt
var boilerplateData string

// phraseMatch says how a phrase entry is compared with a line.
type phraseMatch byte

const (
	matchWhole    phraseMatch = '='
	matchPrefix   phraseMatch = '^'
	matchContains phraseMatch = '~'
	matchRegexp   phraseMatch = 'r'
)

// maxFurnitureWords bounds the lines that prefix, contains and regexp
// entries may claim: a longer line is prose that happens to mention the
// phrase.
const maxFurnitureWords = 40

type phraseRule struct {
	match  phraseMatch
	phrase string   // matchWhole, matchPrefix; for matchRegexp, the source
	parts  []string // matchContains: every part must occur
	re     *regexp.Regexp
}

type reasonRules struct {
	reason string
	rules  []phraseRule
}

// lexicon is the parsed data file.
type lexicon struct {
	furniture      []reasonRules // in file order: the first matching section names the reason
	index          furnitureIndex
	relatedHeaders []phraseRule
	nameWords      map[string]bool
	dateWords      map[string]bool
	agencies       []string
	problems       []string // malformed entries, skipped; a test keeps this empty
}

// Sections of the data file that are word lists or block headers rather
// than removal reasons.
const (
	sectionRelatedHeader = "related header"
	sectionNameWords     = "name words"
	sectionDateWords     = "date words"
	sectionAgencies      = "agencies"
)

var vocabulary = parseLexicon(boilerplateData)

func parseLexicon(data string) *lexicon {
	lex := &lexicon{nameWords: map[string]bool{}, dateWords: map[string]bool{}}
	section := ""
	var current *reasonRules
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.TrimSpace(line[1 : len(line)-1])
			current = nil
			switch section {
			case sectionRelatedHeader, sectionNameWords, sectionDateWords, sectionAgencies:
			default:
				if !knownReason(section) {
					lex.problems = append(lex.problems, fmt.Sprintf("line %d: section %q is neither a removal reason nor a word list", n+1, section))
				}
				lex.furniture = append(lex.furniture, reasonRules{reason: section})
				current = &lex.furniture[len(lex.furniture)-1]
			}
			continue
		}
		switch section {
		case "":
			lex.problems = append(lex.problems, fmt.Sprintf("line %d: entry before any section", n+1))
		case sectionNameWords:
			lex.nameWords[strings.ToLower(line)] = true
		case sectionDateWords:
			lex.dateWords[strings.ToLower(line)] = true
		case sectionAgencies:
			lex.agencies = append(lex.agencies, line)
		default:
			rule, err := parsePhraseRule(line)
			if err != nil {
				lex.problems = append(lex.problems, fmt.Sprintf("line %d: %v", n+1, err))
				continue
			}
			if section == sectionRelatedHeader {
				lex.relatedHeaders = append(lex.relatedHeaders, rule)
			} else if current != nil {
				current.rules = append(current.rules, rule)
			}
		}
	}
	for i := range lex.furniture {
		lex.furniture[i].rules = mergeRegexps(lex.furniture[i].rules)
	}
	lex.relatedHeaders = mergeRegexps(lex.relatedHeaders)
	lex.index = indexFurniture(lex.furniture)
	return lex
}

// furnitureIndex finds the rules that can claim a line without trying
// every one: whole-line phrases by lookup, prefixes by their first word.
type furnitureIndex struct {
	whole    map[string]int           // phrase -> section
	prefixes map[string][]sectionRule // first word -> rules
	scanned  []sectionRule            // contains and regexp rules, tried in turn
}

type sectionRule struct {
	section int // index into lexicon.furniture: the lower wins
	rule    phraseRule
}

func indexFurniture(sections []reasonRules) furnitureIndex {
	idx := furnitureIndex{whole: map[string]int{}, prefixes: map[string][]sectionRule{}}
	for i, section := range sections {
		for _, rule := range section.rules {
			switch rule.match {
			case matchWhole:
				if _, seen := idx.whole[rule.phrase]; !seen {
					idx.whole[rule.phrase] = i
				}
			case matchPrefix:
				first := firstWord(rule.phrase)
				idx.prefixes[first] = append(idx.prefixes[first], sectionRule{i, rule})
			default:
				idx.scanned = append(idx.scanned, sectionRule{i, rule})
			}
		}
	}
	return idx
}

func firstWord(s string) string {
	if space := strings.IndexByte(s, ' '); space >= 0 {
		return s[:space]
	}
	return s
}

// furnitureSection returns the first data-file section whose phrases claim
// the line, or -1.
func (idx *furnitureIndex) furnitureSection(folded, bare string, n int) int {
	best := -1
	if section, ok := idx.whole[bare]; ok {
		best = section
	}
	if n > maxFurnitureWords {
		return best
	}
	better := func(r sectionRule) bool {
		return (best < 0 || r.section < best) && r.rule.matches(folded, bare, n)
	}
	for _, r := range idx.prefixes[firstWord(bare)] {
		if better(r) {
			best = r.section
		}
	}
	for _, r := range idx.scanned {
		if better(r) {
			best = r.section
		}
	}
	return best
}

// mergeRegexps folds a section's regexp entries anchored at the line start
// into one alternation: a single pass over each line instead of one per
// entry. The anchor is factored out because an alternation of anchored
// branches is searched at every offset.
func mergeRegexps(rules []phraseRule) []phraseRule {
	var merged []phraseRule
	var sources []string
	for _, r := range rules {
		if r.match == matchRegexp && strings.HasPrefix(r.phrase, "^") {
			sources = append(sources, "(?:"+r.phrase[1:]+")")
		} else {
			merged = append(merged, r)
		}
	}
	if len(sources) == 0 {
		return merged
	}
	source := "^(?:" + strings.Join(sources, "|") + ")"
	re, err := regexp.Compile("(?i)" + source)
	if err != nil { // each part compiled on its own; keep them apart
		return rules
	}
	return append(merged, phraseRule{match: matchRegexp, phrase: source, re: re})
}

func parsePhraseRule(entry string) (phraseRule, error) {
	if len(entry) < 3 || entry[1] != ' ' {
		return phraseRule{}, fmt.Errorf("entry %q: want a kind (=, ^, ~, r), a space and a phrase", entry)
	}
	body := strings.TrimSpace(entry[2:])
	rule := phraseRule{match: phraseMatch(entry[0])}
	switch rule.match {
	case matchWhole:
		rule.phrase = bareLine(foldLine(body)) // compared with bare lines
	case matchPrefix:
		rule.phrase = foldLine(body)
	case matchContains:
		for _, part := range strings.Split(body, " + ") {
			if part = foldLine(part); part != "" {
				rule.parts = append(rule.parts, part)
			}
		}
	case matchRegexp:
		re, err := regexp.Compile("(?i)" + body)
		if err != nil {
			return phraseRule{}, fmt.Errorf("entry %q: %v", entry, err)
		}
		rule.re = re
		rule.phrase = body
	default:
		return phraseRule{}, fmt.Errorf("entry %q: unknown kind %q", entry, entry[0])
	}
	if rule.phrase == "" && rule.parts == nil && rule.re == nil {
		return phraseRule{}, fmt.Errorf("entry %q: empty phrase", entry)
	}
	return rule, nil
}

// matches reports whether the rule claims a line. folded is the line after
// foldLine, bare is folded without leading bullets and trailing
// punctuation, and n counts the line's words.
func (r phraseRule) matches(folded, bare string, n int) bool {
	if r.match == matchWhole {
		return bare == r.phrase
	}
	if n > maxFurnitureWords {
		return false
	}
	switch r.match {
	case matchPrefix:
		return strings.HasPrefix(bare, r.phrase) && (len(bare) == len(r.phrase) || !isWordByte(bare[len(r.phrase)]))
	case matchContains:
		for _, part := range r.parts {
			if !strings.Contains(folded, part) {
				return false
			}
		}
		return true
	case matchRegexp:
		return r.re.MatchString(bare)
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
