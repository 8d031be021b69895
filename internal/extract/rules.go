package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the per-line tests. Each is a general pattern, fed by the
// word lists in boilerplate.txt; none knows any particular site or article.

// foldLine is the form lines are compared in: lower case, straight quotes,
// single spaces.
func foldLine(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = sb.Len() > 0
			continue
		case r == '’' || r == '‘':
			r = '\''
		case r == '“' || r == '”' || r == '«' || r == '»':
			r = '"'
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

const (
	bulletRunes   = "-•*–—·►▪▸»›◦‣■□→>|+"
	trailingRunes = ":.!?…»›>|-–—,;·•\"' "
)

// bareLine strips what a phrase comparison should ignore from a folded line:
// list bullets in front and punctuation at the end.
func bareLine(folded string) string {
	return strings.TrimRight(strings.TrimLeft(folded, bulletRunes+" "), trailingRunes)
}

func wordCount(s string) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		b := s[i]
		var space bool
		if b < utf8.RuneSelf {
			space = b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

// endsSentence reports whether a line ends like prose (a full stop, an
// exclamation, a colon or semicolon), looking through closing quotes and
// brackets. A question mark does not count: headlines end with one.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == ':' || r == ';'
}

// endsTerminal reports whether a line ends with terminal punctuation, as a
// full lede sentence does.
func endsTerminal(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// furnitureReason returns the removal reason of the first data-file section
// whose phrases claim the line, or "".
func furnitureReason(folded, bare string, n int) string {
	if section := vocabulary.index.furnitureSection(folded, bare, n); section >= 0 {
		return vocabulary.furniture[section].reason
	}
	return ""
}

// isRelatedHeader reports a short line introducing a list of links to
// other articles ("You might also like").
func isRelatedHeader(bare string, n int) bool {
	if n > 8 {
		return false
	}
	for _, rule := range vocabulary.relatedHeaders {
		if rule.matches(bare, bare, n) {
			return true
		}
	}
	return false
}

var numberedItem = regexp.MustCompile(`^\d{1,2}[.)]\s+\S`)

func startsWithBullet(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !strings.ContainsRune(bulletRunes, r) {
		return numberedItem.MatchString(s)
	}
	next, _ := utf8.DecodeRuneInString(s[size:])
	return unicode.IsSpace(next)
}

// maxHeadlineWords bounds a headline-like line in a list of links.
const maxHeadlineWords = 20

// looksLikeListItem reports whether a line can belong to a list of links
// under a "Related" header: a bulleted line or a short line that reads as
// a headline rather than a sentence.
func looksLikeListItem(s string) bool {
	if startsWithBullet(s) {
		return true
	}
	n := wordCount(s)
	return n > 0 && n <= maxHeadlineWords && !endsSentence(s)
}

var urlPattern = regexp.MustCompile(`(?i)(?:https?://|www\.)\S+`)

// maxURLsCounted caps the work done on a pathological line of URLs.
const maxURLsCounted = 256

// urlDominatedReason returns ReasonAppPromo or ReasonLinkList for a line
// whose substance is URLs, or "".
func urlDominatedReason(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(strings.ToLower(s), "www.") {
		return "" // the cheap test spares a regexp scan of long prose
	}
	locs := urlPattern.FindAllStringIndex(s, maxURLsCounted)
	if len(locs) == 0 {
		return ""
	}
	urlBytes := 0
	for _, loc := range locs {
		urlBytes += loc[1] - loc[0]
	}
	nonSpaceBytes := len(s) - strings.Count(s, " ")
	otherWords := wordCount(s) - len(locs)
	dominated := urlBytes*2 >= nonSpaceBytes ||
		otherWords <= 3 ||
		len(locs) >= 2 && otherWords <= 6*len(locs)
	if !dominated {
		return ""
	}
	folded := foldLine(s)
	for _, storeWord := range []string{"app store", "google play", "play store", " app ", " apps "} {
		if strings.Contains(" "+folded+" ", storeWord) {
			return ReasonAppPromo
		}
	}
	return ReasonLinkList
}

// isLowercaseLabel reports a line of one or two lower-case words and nothing
// else: a site-section name ("world") scraped off the page, never prose,
// which would be capitalised or punctuated.
func isLowercaseLabel(s string) bool {
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 || utf8.RuneCountInString(s) > 30 {
		return false
	}
	for _, f := range fields {
		for _, r := range f {
			if !unicode.IsLower(r) && r != '-' && r != '&' {
				return false
			}
		}
	}
	return true
}

// Date words that occur in timestamps but do not make a line one on their
// own ("5 years" is text; "5 hours ago" and "8 Dec 2024" are not).
var weakDateWords = map[string]bool{
	"last": true, "first": true, "just": true, "now": true, "time": true, "read": true, "reading": true,
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
	"year": true, "years": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"second": true, "seconds": true, "min": true, "mins": true, "hr": true, "hrs": true,
}

// isTimestamp reports a line made only of date words and numbers, such as
// "Updated 3:45 PM EST, Sun December 8, 2024".
func isTimestamp(folded string) bool {
	if len(folded) > 200 {
		return false
	}
	fields := strings.Fields(folded)
	if len(fields) == 0 || len(fields) > 16 {
		return false
	}
	hasNumber, hasDateWord := false, false
	for _, f := range fields {
		t := strings.Trim(f, ",;()[]")
		if t == "" {
			continue
		}
		if vocabulary.dateWords[t] {
			if len(t) >= 3 && !weakDateWords[t] {
				hasDateWord = true
			}
			continue
		}
		if digits, formatted := dateNumber(t); digits {
			hasNumber = true
			hasDateWord = hasDateWord || formatted
			continue
		}
		return false
	}
	return hasNumber && hasDateWord
}

var (
	clockToken = regexp.MustCompile(`^\d{1,2}[:.]\d{2}(?::\d{2})?$`)
	dateToken  = regexp.MustCompile(`^(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$`)
)

// dateNumber reports whether a token is a number as dates and times write
// them ("8th", "10:30pm", "08/12/2024", "2024"), and whether its format
// alone marks it as a date or time. A phone number is neither.
func dateNumber(t string) (isNumber, dateFormat bool) {
	for _, suffix := range []string{"a.m.", "p.m.", "am", "pm", "st", "nd", "rd", "th", "h"} {
		if len(t) > len(suffix) && strings.HasSuffix(t, suffix) {
			t = t[:len(t)-len(suffix)]
			dateFormat = true
			break
		}
	}
	t = strings.TrimRight(t, ".")
	if clockToken.MatchString(t) || dateToken.MatchString(t) {
		return true, true
	}
	if t == "" {
		return false, false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false, false
		}
	}
	return true, dateFormat
}

// looksLikeNames reports whether text is a list of names: capitalised words
// joined by the connectors and job titles of the name-words list. Bylines
// and credit lines are made of these; sentences are not.
func looksLikeNames(text string, maxWords int, needCapital bool) bool {
	fields := strings.Fields(text)
	if len(fields) == 0 || len(fields) > maxWords {
		return false
	}
	capitals := 0
	for _, f := range fields {
		t := strings.Trim(f, ",;:|()[]•·–—/.\"'’")
		if t == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t)
		switch {
		case unicode.IsUpper(r):
			capitals++
		case vocabulary.nameWords[strings.ToLower(t)]:
		default:
			return false
		}
	}
	return capitals > 0 || !needCapital
}

var bylinePattern = regexp.MustCompile(`(?i)^(?:by|written by|words by|story by|posted by|text by|reported by)\s+(.+)$`)

// isByline reports "By Jane Doe" and "By Jane Doe and John Roe, Agency".
func isByline(s string) bool {
	m := bylinePattern.FindStringSubmatch(s)
	return m != nil && looksLikeNames(m[1], 20, true)
}

var (
	creditLeadPattern   = regexp.MustCompile(`(?i)^[-–—\s]*\(?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|input|inputs|files|contributions?|research|compiled|compilation|translation|translated|edited|written|produced|fact-?checking|fact-?checked)\s+(?:by|from|with)\s+(.+)$`)
	contributingPattern = regexp.MustCompile(`(?i)^\(?(?:contributing|contributors?|additional reporting)\s*[:：]\s*(.+)$`)
	contributedPattern  = regexp.MustCompile(`(?i)^\(?(.+?)\s+contributed(?:\s+reporting)?(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)\W*$`)
	republishedPattern  = regexp.MustCompile(`(?i)^\(?(?:this|the)\s+(?:article|story|piece|report|column)\s+(?:was|is|has been|first)\s+(?:originally\s+|first\s+)?(?:published|republished|reproduced|adapted|appeared)\b`)
)

// isCreditLine reports the lines that credit the reporting rather than tell
// the story: "(With input from agencies)", "Reporting by X; Editing by Y".
func isCreditLine(s string) bool {
	if wordCount(s) > 40 {
		return false
	}
	patterns := []*regexp.Regexp{creditLeadPattern, contributingPattern}
	if strings.Contains(strings.ToLower(s), "contributed") {
		patterns = append(patterns, contributedPattern)
	}
	for _, p := range patterns {
		if m := p.FindStringSubmatch(s); m != nil && looksLikeNames(m[1], 30, false) {
			return true
		}
	}
	return republishedPattern.MatchString(s)
}

// Datelines: "LONDON (Agency) —", "Damascus, Dec 8 (Agency) -", "(Agency) —"
// and, in the opening paragraph only, a bare "WASHINGTON —".
var (
	agencyDateline     = regexp.MustCompile(`^(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*[\p{L}\p{N}.'’]+(?:\s+[\p{L}\p{N}.'’]+){0,3}){0,3}\s*\(\p{Lu}[\p{L}\p{N}.&/'’ -]*\)\s*(?:[-–—]+|:))\s*`)
	bareAgencyDateline = regexp.MustCompile(`^(\(\p{Lu}[\p{L}\p{N}.&/'’ -]*\)\s*[-–—]+)\s*`)
	capitalsDateline   = regexp.MustCompile(`^(\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+){0,3}(?:,\s*\p{Lu}[\p{L}.'’]+(?:\s+\p{Lu}[\p{L}.'’]+){0,2})?\s*[-–—]+)\s+`)
)

// maxDatelineBytes is longer than any place, date and agency.
const maxDatelineBytes = 100

// splitDateline returns a paragraph's dateline and the text after it, or
// "" and the paragraph. opening allows the bare capitals form, which is
// too easily confused with prose ("NATO — ") anywhere but the first
// paragraph.
func splitDateline(s string, opening bool) (dateline, rest string) {
	patterns := []*regexp.Regexp{agencyDateline, bareAgencyDateline}
	if opening {
		patterns = append(patterns, capitalsDateline)
	}
	for _, p := range patterns {
		loc := p.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		rest := s[loc[1]:]
		first, _ := utf8.DecodeRuneInString(rest)
		if wordCount(rest) < 3 || !(unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune(`"'“‘`, first)) {
			continue
		}
		dateline = strings.TrimSpace(s[loc[2]:loc[3]])
		if len(dateline) > maxDatelineBytes {
			continue
		}
		return dateline, rest
	}
	return "", s
}

// Photo credits. agencyAlternation is built from the data file's agency list.
var (
	agencyAlternation = buildAgencyAlternation(vocabulary.agencies)
	name              = `\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}`
	// What may precede a credit at the end of a caption: the end of a
	// sentence or a separator.
	creditBoundary = `(?:^|[.!?"”’)]\s+|\s[|–—-]\s*)`

	// Each credit form with a cheap test of the line's tail that any match
	// needs, so most prose lines never reach the regexps.
	creditSuffixes = []creditForm{
		// "... 2024. /AGENCY"
		{hasSlash, regexp.MustCompile(`\s(?P<credit>/\s?\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+[\p{L}\p{N}&.'’-]+){0,3})$`)},
		// "(Photo: Name/Agency)", "(AP Photo/Name)", "(Getty Images)"
		{endsWithPhotoParen, regexp.MustCompile(`(?i)(?:^|\s)(?P<credit>\((?:(?:photo|photos|photograph|image|images|picture|pictures|pic|credit|foto|file photo|video)(?:\s+credit)?\b[^()]*|[^()]*\b(?:photo|photos|images|pictures)\s*/[^()]+)\))$`)},
		{endsWithParen, regexp.MustCompile(`(?:^|\s)(?P<credit>\(` + agencyAlternation + `(?:\s*/\s*[^()]+)?\))$`)},
		// "... on Saturday. Photo: Name/Agency"
		{hasPhotoLabel, regexp.MustCompile(`(?i)(?:[.!?"”’)]\s+|\s[|–—-]\s*)(?P<credit>(?:photo|photos|photograph|image|picture|pic|credit|photo credit|image credit)\s*[:：]\s*[^.!?:]+)$`)},
		// "... on Saturday. REUTERS/Jane Doe"
		{hasSlash, regexp.MustCompile(creditBoundary + `(?P<credit>` + agencyAlternation + `(?:\s+(?i:photo|pictures))?\s*/\s*` + name + `(?:\s*/\s*` + agencyAlternation + `)?)$`)},
		// "... on Saturday. Jane Doe/AGENCY"
		{hasSlash, regexp.MustCompile(creditBoundary + `(?P<credit>` + name + `\s*/\s*` + agencyAlternation + `(?:\s+via\s+Getty\s+Images)?)$`)},
		// "... on Saturday. Jane Doe/AFP via Getty Images", "... Getty Images"
		{endsWithGetty, regexp.MustCompile(`(?:^|[.!?"”’)]\s+)(?P<credit>(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:/\s*)?(?:\p{Lu}+\s+)?(?:via\s+)?Getty\s+Images)$`)},
	}

	standaloneCredit = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(?:image\s+|photo\s+|picture\s+)?credits?\s*[:：]\s*\S`),
		regexp.MustCompile(`(?i)^\(?(?:photo|photograph|image|picture|illustration)s?\s+(?:by|courtesy of|courtesy)\s+[^.!?]+\)?$`),
		regexp.MustCompile(`(?i)^courtesy(?:\s+of)?\s+[^.!?]+$`),
	}
	labelledCredit = regexp.MustCompile(`(?i)^(?:photo|photos|photograph|photographs|image|images|picture|pictures|pic|video|illustration|graphic|main image|top image|header image|cover image|featured image|lead image|photo illustration)(?:\s+credits?)?\s*[:：]\s*(.+)$`)
	captionMarker  = regexp.MustCompile(`(?i)^(?:file photo|file image|file picture|pictured|above|top|main image|caption|photo|image|picture)\s*[:：]\s*\S`)
	captionDate    = regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b`)
	agencyOnly     *regexp.Regexp
)

func init() {
	agencyOnly = regexp.MustCompile(`^` + agencyAlternation + `$`)
}

func buildAgencyAlternation(agencies []string) string {
	seen := map[string]bool{}
	var forms []string
	for _, a := range agencies {
		for _, form := range []string{a, strings.ToUpper(a)} {
			if !seen[form] {
				seen[form] = true
				forms = append(forms, regexp.QuoteMeta(form))
			}
		}
	}
	// Longest first, so that "AFP via Getty Images" wins over "AFP".
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	if len(forms) == 0 {
		return `(?:\x{10FFFF}NEVER)`
	}
	return `(?:` + strings.Join(forms, "|") + `)`
}

type creditForm struct {
	possible func(tail string) bool
	re       *regexp.Regexp
}

// hasSlash admits "AGENCY/Name" and "Name/AGENCY" credits: a slash
// followed by no more than a name and an agency.
func hasSlash(tail string) bool {
	slash := strings.LastIndexByte(tail, '/')
	return slash >= 0 && wordCount(tail[slash:]) <= 6
}
func endsWithParen(tail string) bool { return strings.HasSuffix(tail, ")") }
func endsWithGetty(tail string) bool { return strings.HasSuffix(tail, "Getty Images") }

func endsWithPhotoParen(tail string) bool {
	open := strings.LastIndexByte(tail, '(')
	return open >= 0 && endsWithParen(tail) && mentionsPicture(tail[open:])
}

func hasPhotoLabel(tail string) bool {
	colon := max(strings.LastIndexByte(tail, ':'), strings.LastIndex(tail, "："))
	return colon >= 0 && mentionsPicture(tail[max(0, colon-20):colon])
}

// mentionsPicture reports the words a picture credit is labelled with.
func mentionsPicture(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"photo", "image", "picture", "pic", "credit", "foto", "video"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// maxCreditWords is more than any photographer, agency and "via" take.
const maxCreditWords = 15

// creditTailBytes is more than the longest credit the patterns accept,
// with the sentence end before it. Matching only a line's tail keeps the
// end-anchored patterns from rescanning long paragraphs at every offset.
const creditTailBytes = 320

// maxCaptionBytes is longer than any photo caption; longer lines are
// paragraphs and are not searched for caption traits.
const maxCaptionBytes = 1000

// splitPhotoCredit separates a photo credit at the end of a line from the
// caption before it. The caption is "" when the whole line is a credit.
func splitPhotoCredit(s string) (caption, credit string) {
	offset := 0
	if len(s) > creditTailBytes {
		// Cut just before a space, so the tail's start is never mistaken
		// for the line's start by the patterns' ^ alternatives.
		offset = len(s) - creditTailBytes
		if space := strings.IndexByte(s[offset:], ' '); space >= 0 {
			offset += space
		} else {
			return s, ""
		}
	}
	tail := s[offset:]
	for _, form := range creditSuffixes {
		if !form.possible(tail) {
			continue
		}
		loc := form.re.FindStringSubmatchIndex(tail)
		if loc == nil {
			continue
		}
		start := offset + loc[2*form.re.SubexpIndex("credit")]
		caption = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[:start]), "|–—-"))
		credit = strings.TrimSpace(s[start:])
		if caption != "" && wordCount(caption) < 2 || wordCount(credit) > maxCreditWords {
			continue
		}
		return caption, credit
	}
	return s, ""
}

// photoCredit finds a picture credit in a line. When the whole line is a
// credit, caption is "" and credit is the line; when the line is a caption
// ending in a credit, both are set; otherwise credit is "".
func photoCredit(s string) (caption, credit string) {
	caption, credit = splitPhotoCredit(s)
	if credit != "" && isStandaloneCredit(caption) {
		// "Photo: Jane Doe / Outlet": what the suffix rule leaves is a credit too.
		return "", s
	}
	if credit != "" || wordCount(s) > 15 {
		return caption, credit
	}
	if isStandaloneCredit(s) {
		return "", s
	}
	return s, ""
}

// isStandaloneCredit reports a short line, with no credit at its end, that
// is nothing but a picture credit.
func isStandaloneCredit(s string) bool {
	for _, p := range standaloneCredit {
		if p.MatchString(s) {
			return true
		}
	}
	if strings.Contains(s, "Images") && agencyOnly.MatchString(strings.Trim(s, "() ")) {
		return true
	}
	// "Photo: Jane Doe/Agency" is a credit; "Photo: Rebels in Hama." is a caption.
	if m := labelledCredit.FindStringSubmatch(s); m != nil {
		who := strings.TrimSpace(m[1])
		return strings.Contains(who, "/") || agencyOnly.MatchString(who) || !endsTerminal(who) && looksLikeNames(who, 10, true)
	}
	return false
}
