package credit

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Credit lines: "With reporting by AFP and Reuters", "Reporting by Jane
// Doe; Editing by John Roe", "(With inputs from AP/PTI)", "Agencies
// contributed to this report".
var creditLinePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^[-–—\s]*\(?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|input|inputs|files|contributions?|research|compiled|compilation|translation|translated|edited|written|produced|fact-?checking|fact-?checked)\s+(?:by|from|with)\s+\S`),
	regexp.MustCompile(`(?i)^[-–—\s]*\(?\s*with\s+(?:agency|wire|news\s+agency)\s+(?:inputs?|reports?|copy)\b`),
	regexp.MustCompile(`(?i)^\(?(?:contributing|contributors?|additional reporting|sources?)\s*[:：]\s*\S`),
	regexp.MustCompile(`(?i)^\(?.{1,150}?\s+contributed\s+(?:reporting\b.{0,150}|to\s+(?:this|the)\s+(?:report|story|article)\W*)$`),
}

// maxCreditLineBytes is longer than any credit line; longer text is prose.
const maxCreditLineBytes = 300

// isCreditLine reports whether a line or sentence credits the reporting
// rather than telling the story.
func isCreditLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxCreditLineBytes {
		return false
	}
	// The patterns are slow beside the rest of Find, and almost every
	// sentence fails on its first word.
	lower := strings.ToLower(s)
	if !creditLineOpeners[firstWordOf(lower)] && !strings.Contains(lower, "contributed") {
		return false
	}
	for _, p := range creditLinePatterns {
		if p.MatchString(s) {
			return true
		}
	}
	return false
}

// creditLineOpeners are the first words of the credit-line patterns that
// are anchored at the start.
var creditLineOpeners = wordSet(
	"with", "additional", "reporting", "writing", "editing", "input", "inputs",
	"files", "contribution", "contributions", "research", "compiled",
	"compilation", "translation", "translated", "edited", "written", "produced",
	"fact-checking", "factchecking", "fact-checked", "factchecked",
	"contributing", "contributor", "contributors", "source", "sources",
)

// firstWordOf returns the first run of letters and hyphens of s after any
// dashes, brackets and spaces.
func firstWordOf(s string) string {
	s = strings.TrimLeft(s, "-–—( \t")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if end < 0 {
		return s
	}
	return s[:end]
}

// skippedSegments start the parts of a credit line that name editors,
// writers and photographers, not sources.
var skippedSegments = wordSet(
	"editing", "edited", "writing", "written", "photo", "photos", "photograph",
	"photographs", "photography", "graphics", "graphic", "design", "designed",
	"production", "produced", "translation", "translated", "video",
	"illustration", "illustrations", "fact-checking", "fact-checked",
)

// creditLineNames returns the agencies a credit line names, including
// UnnamedAgencies for "agencies", "agency inputs" and "wires".
func (f *finder) creditLineNames(toks []token) []candidate {
	var cands []candidate
	for start := 0; start < len(toks); {
		end := start
		for end < len(toks) && !isSegmentBreak(toks[end]) {
			end++
		}
		segment := toks[start:end]
		if first := firstWord(segment); first < 0 || !skippedSegments[segment[first].low] {
			for _, c := range f.listed(segment, true, false) {
				c.first += start
				c.last += start
				cands = append(cands, c)
			}
			for i := range segment {
				if unnamedAgencies(segment, i) {
					cands = append(cands, candidate{entry: -1, name: UnnamedAgencies, first: start + i, last: start + i + 1})
				}
			}
		}
		start = end + 1
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return a.first - b.first })
	return cands
}

func isSegmentBreak(t token) bool {
	return !t.word && (t.text == ";" || t.text == "|" || t.text == "." || t.text == "•")
}

func firstWord(toks []token) int {
	for i, t := range toks {
		if t.word {
			return i
		}
	}
	return -1
}

// unnamedAgencies reports whether token i stands for agencies the line does
// not name: "agencies", "agency inputs", "wires", "wire reports".
func unnamedAgencies(toks []token, i int) bool {
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].low
	}
	switch toks[i].low {
	case "agencies", "wires":
		return true
	case "agency":
		return next == "input" || next == "inputs" || next == "report" || next == "reports" || next == "copy" || next == "material"
	case "wire":
		return next == "services" || next == "service" || next == "reports" || next == "copy"
	}
	return false
}
