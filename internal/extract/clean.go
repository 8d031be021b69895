package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// CleanText cleans scraped plain text. When headline is true the first
// non-empty line that is not a caption or boilerplate is the headline: it is
// moved to Title, but if it reads as a full lede sentence (ends with terminal
// punctuation and has >= 15 words) it also stays as the first body paragraph.
func CleanText(raw string, headline bool) Result {
	c := newCleaner(raw)
	c.run(headline, "")
	return c.result()
}

type lineKind int

const (
	kindParagraph lineKind = iota
	kindRemoved
	kindByline
	kindCredit
)

type textLine struct {
	original string // as it arrived, whitespace collapsed
	text     string // what the body keeps: credit and dateline stripped
	kind     lineKind
	caption  bool // a photo caption: kept, but never the headline
	titleOff bool // moved to Title and not kept in the body
}

type placedRemoval struct {
	line int
	article.Removal
}

type cleaner struct {
	lines     []textLine
	removals  []placedRemoval
	title     string
	datelines []string
}

// ledeMinWords is the length from which a headline reads as a full lede
// sentence and so also stays in the body.
const ledeMinWords = 15

func newCleaner(raw string) *cleaner {
	c := &cleaner{}
	for _, l := range splitLines(raw) {
		c.lines = append(c.lines, textLine{original: l, text: l})
	}
	return c
}

// splitLines makes any input safe to work on: valid UTF-8, no control
// characters, one trimmed, whitespace-collapsed paragraph a line, no empty
// lines.
func splitLines(raw string) []string {
	s := strings.ToValidUTF8(raw, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
			return '\n'
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			return -1
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// run applies the rules in order. knownTitle, when set, is a headline from
// page metadata: a leading line repeating it moves to Title.
func (c *cleaner) run(headline bool, knownTitle string) {
	c.classify()
	c.dropRepeatedLines()
	c.findDatelines()
	switch {
	case knownTitle != "":
		c.title = strings.Join(strings.Fields(knownTitle), " ")
		c.dropLeadingTitle()
	case headline:
		c.pickHeadline()
	}
	c.dropRepeatedStandfirsts()
}

func (c *cleaner) remove(i int, text, reason string) {
	c.removals = append(c.removals, placedRemoval{line: i, Removal: article.Removal{Text: text, Reason: reason}})
}

// removeLine drops a whole line. Anything already removed from that line
// (a caption's credit) is part of the recorded line and not listed twice.
func (c *cleaner) removeLine(i int, reason string) {
	c.lines[i].kind = kindRemoved
	kept := c.removals[:0]
	for _, r := range c.removals {
		if r.line != i {
			kept = append(kept, r)
		}
	}
	c.removals = kept
	c.remove(i, c.lines[i].original, reason)
}

// classify decides, line by line, what each line is.
func (c *cleaner) classify() {
	// After a "Related"-style header, headline-like lines are list items
	// until the first line that reads as text again.
	inRelatedList := false
	for i := range c.lines {
		l := &c.lines[i]
		folded := foldLine(l.original)
		bare := bareLine(folded)
		n := wordCount(l.original)
		switch {
		case isRelatedHeader(bare, n):
			c.removeLine(i, ReasonRelatedLinks)
			inRelatedList = true
			continue
		case isByline(l.original):
			l.kind = kindByline
			inRelatedList = false
			continue
		case isCreditLine(l.original):
			l.kind = kindCredit
			inRelatedList = false
			continue
		}
		if reason := furnitureOf(l.original, folded, bare, n); reason != "" {
			c.removeLine(i, reason)
			continue
		}
		caption, credit := photoCredit(l.original)
		if credit != "" && caption == "" {
			c.removeLine(i, ReasonPhotoCredit)
			continue
		}
		if inRelatedList && looksLikeListItem(l.original) {
			c.removeLine(i, ReasonRelatedLinks)
			continue
		}
		inRelatedList = false
		if credit != "" {
			l.text = caption
			l.caption = true
			c.remove(i, credit, ReasonPhotoCredit)
		}
		if captionMarker.MatchString(l.text) {
			l.caption = true
		}
	}
}

// furnitureOf returns the removal reason of a line that is page furniture
// rather than text, or "".
func furnitureOf(line, folded, bare string, n int) string {
	if reason := furnitureReason(folded, bare, n); reason != "" {
		return reason
	}
	if reason := urlDominatedReason(line); reason != "" {
		return reason
	}
	if isLowercaseLabel(line) {
		return ReasonSectionLabel
	}
	if isTimestamp(folded) {
		return ReasonTimestamp
	}
	return ""
}

// dropRepeatedLines keeps the first copy of each paragraph. Copies are
// compared after their credits are stripped, so a caption printed once with
// and once without its credit still counts as repeated.
func (c *cleaner) dropRepeatedLines() {
	first := map[string]int{}
	for i := range c.lines {
		l := &c.lines[i]
		if l.kind != kindParagraph {
			continue
		}
		key := foldLine(l.text)
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		c.removeLine(i, ReasonRepeatedLine)
		// A picture's alt text and caption print the same line twice in a
		// row; a dated one of those is a caption, not a headline.
		if j == i-1 && len(l.text) <= maxCaptionBytes && captionDate.MatchString(l.text) {
			c.lines[j].caption = true
		}
	}
}

// Datelines open a story, so only its first paragraphs are searched.
const datelineParagraphs = 3

func (c *cleaner) findDatelines() {
	seen := 0
	for i := range c.lines {
		l := &c.lines[i]
		if l.kind != kindParagraph || l.caption {
			continue
		}
		if seen >= datelineParagraphs {
			return
		}
		dateline, rest := splitDateline(l.text, seen == 0)
		if dateline != "" {
			c.datelines = append(c.datelines, dateline)
			l.text = rest
		}
		seen++
	}
}

func (c *cleaner) pickHeadline() {
	for i := range c.lines {
		l := &c.lines[i]
		if l.kind != kindParagraph || l.caption {
			continue
		}
		c.title = l.text
		l.titleOff = !(endsTerminal(l.text) && wordCount(l.text) >= ledeMinWords)
		return
	}
}

// dropLeadingTitle moves a headline printed at the top of an extracted
// page out of the body: the metadata already supplies it as Title.
func (c *cleaner) dropLeadingTitle() {
	key := foldLine(c.title)
	for i := range c.lines {
		l := &c.lines[i]
		if l.kind != kindParagraph {
			continue
		}
		if foldLine(l.text) == key {
			l.titleOff = true
		}
		return
	}
}

// A standfirst is at least a clause long; shorter lines (subheads) recur
// inside paragraphs by coincidence.
const (
	standfirstMinWords = 6
	standfirstMaxWords = 80
	// standfirstSearchBudget caps the bytes scanned looking for repeats, so
	// that a huge input of short lines stays linear.
	standfirstSearchBudget = 64 << 20
)

// dropRepeatedStandfirsts removes a short paragraph whose whole text
// appears, word-aligned, inside a longer one: a standfirst or pull quote
// that the body repeats.
func (c *cleaner) dropRepeatedStandfirsts() {
	var kept []int
	var joined strings.Builder
	var starts []int // start offset of each kept line in joined
	joined.WriteByte('\n')
	for i := range c.lines {
		if l := c.lines[i]; l.kind == kindParagraph && !l.titleOff {
			kept = append(kept, i)
			starts = append(starts, joined.Len())
			joined.WriteString(l.text)
			joined.WriteByte('\n')
		}
	}
	text := joined.String()
	budget := standfirstSearchBudget
	for k, i := range kept {
		l := &c.lines[i]
		n := wordCount(l.text)
		if n < standfirstMinWords || n > standfirstMaxWords {
			continue
		}
		if budget -= len(text); budget < 0 {
			return
		}
		if containedElsewhere(text, starts, kept, k, l.text, n, c.lines) {
			c.removeLine(i, ReasonRepeatedStandfirst)
		}
	}
}

// containedElsewhere reports whether needle (kept line k) occurs
// word-aligned inside another, longer kept line.
func containedElsewhere(text string, starts, kept []int, k int, needle string, needleWords int, lines []textLine) bool {
	for from := 0; from < len(text); {
		at := strings.Index(text[from:], needle)
		if at < 0 {
			return false
		}
		at += from
		from = at + 1
		end := at + len(needle)
		owner := sort.SearchInts(starts, at+1) - 1
		if owner < 0 || owner == k {
			continue
		}
		if wordCount(lines[kept[owner]].text) <= needleWords {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(before) || isWordRune(after) {
			continue
		}
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (c *cleaner) result() Result {
	res := Result{Title: c.title, Datelines: c.datelines}
	var body []string
	for _, l := range c.lines {
		switch l.kind {
		case kindParagraph:
			if !l.titleOff {
				body = append(body, l.text)
			}
		case kindByline:
			res.Bylines = appendUnique(res.Bylines, l.original)
		case kindCredit:
			res.CreditLines = appendUnique(res.CreditLines, l.original)
		}
	}
	res.Body = strings.Join(body, "\n")
	sort.SliceStable(c.removals, func(a, b int) bool { return c.removals[a].line < c.removals[b].line })
	for _, r := range c.removals {
		res.Removed = append(res.Removed, r.Removal)
	}
	return res
}

func appendUnique(list []string, s string) []string {
	for _, have := range list {
		if strings.EqualFold(have, s) {
			return list
		}
	}
	return append(list, s)
}
