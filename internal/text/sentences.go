package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/jdkato/prose/v3/segment"
)

// Segment splits body, a cleaned article text with one paragraph per line,
// into sentences. Sentences never cross a line. Paragraph counts non-empty
// lines only (blank lines are layout, not paragraphs), so it is 0 for the
// first line with text. Spans are byte offsets into body and each sentence's
// Tokens come from Tokenize.
//
// A line that looks like a subhead is one sentence with Heading set: at most
// twelve words, no sentence-final punctuation (. ! ? … or a closing quote
// or bracket after one; nor a trailing : ; , which announce more prose), not
// a list item, and at least one letter.
func Segment(body string) []article.Sentence {
	var sentences []article.Sentence
	paragraph := 0
	for lineStart := 0; lineStart <= len(body); {
		lineEnd := strings.IndexByte(body[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(body)
		} else {
			lineEnd += lineStart
		}
		line := body[lineStart:lineEnd]
		if start, end := trimSpace(line, 0, len(line)); start < end {
			if isHeading(line[start:end]) {
				sentences = append(sentences, sentenceAt(body, lineStart+start, lineStart+end, paragraph, true))
			} else {
				for _, span := range SplitSentences(line) {
					sentences = append(sentences, sentenceAt(body, lineStart+span.Start, lineStart+span.End, paragraph, false))
				}
			}
			paragraph++
		}
		lineStart = lineEnd + 1
	}
	return sentences
}

func sentenceAt(body string, start, end, paragraph int, heading bool) article.Sentence {
	return article.Sentence{
		Span:      article.Span{Start: start, End: end},
		Paragraph: paragraph,
		Heading:   heading,
		Tokens:    Tokenize(body[start:end], start),
	}
}

// SplitSentences returns the spans of the sentences of one paragraph, as
// byte offsets into paragraph, trimmed of surrounding white space, in order
// and not overlapping. Every non-space byte of paragraph is in some span.
//
// The splitting is prose's Punkt model, corrected for the failures listed in
// words.go (a title such as "Maj." or a number word such as "Vol." before a
// digit never ends a sentence). When prose's output cannot be mapped back
// onto the paragraph, or prose fails, a plain rule-based splitter is used;
// so it is for paragraphs over 64 KiB, which are not prose anyway and on
// which prose runs at well under 1 MB/s.
func SplitSentences(paragraph string) []article.Span {
	start, end := trimSpace(paragraph, 0, len(paragraph))
	if start >= end {
		return nil
	}
	if !hasInnerStop(paragraph[start:end]) {
		// Nothing could split it; most headings and short lines end here.
		return []article.Span{{Start: start, End: end}}
	}
	spans, ok := []article.Span(nil), false
	if len(paragraph) <= maxProseBytes {
		spans, ok = proseSentences(paragraph)
	}
	if !ok {
		spans = simpleSentences(paragraph)
	}
	return mergeFalseBreaks(paragraph, coverGaps(paragraph, spans))
}

const maxProseBytes = 64 << 10

// sharedSegmenter is the segmenter prose.NewDocument runs for Sentences().
// Calling prose's segment package directly keeps its byte offsets (which
// Document drops) and skips the per-document setup; it is safe for
// concurrent use.
var sharedSegmenter = sync.OnceValues(segment.New)

// proseSentences runs prose and maps its sentences onto paragraph. It
// reports false when prose is unavailable, panics, or returns text that is
// not found, in order, in paragraph.
func proseSentences(paragraph string) (spans []article.Span, ok bool) {
	segmenter, err := sharedSegmenter()
	if err != nil {
		return nil, false
	}
	defer func() {
		if recover() != nil {
			spans, ok = nil, false
		}
	}()
	found := segmenter.Segment(paragraph)
	spans = make([]article.Span, 0, len(found))
	from := 0
	for _, sentence := range found {
		start := sentence.Start
		if start < from || start > len(paragraph)-len(sentence.Text) ||
			paragraph[start:start+len(sentence.Text)] != sentence.Text {
			// prose promises its offsets; if they are off, search forward.
			at := strings.Index(paragraph[from:], sentence.Text)
			if at < 0 {
				return nil, false
			}
			start = from + at
		}
		end := start + len(sentence.Text)
		start, end = trimSpace(paragraph, start, end)
		if start < end {
			spans = append(spans, article.Span{Start: start, End: end})
			from = end
		}
	}
	return spans, true
}

// hasInnerStop reports whether text holds sentence punctuation before its
// final run of stops and closing quotes.
func hasInnerStop(text string) bool {
	end := len(text)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !isCloser(r) && !isStop(r) {
			break
		}
		end -= size
	}
	return strings.ContainsAny(text[:end], sentenceStops)
}

const sentenceStops = ".!?…"

func isStop(r rune) bool { return strings.ContainsRune(sentenceStops, r) }

// coverGaps turns any non-space text that falls between spans into spans of
// its own, so that no text is lost whatever the splitter did.
func coverGaps(paragraph string, spans []article.Span) []article.Span {
	var out []article.Span
	from := 0
	addGap := func(to int) {
		if start, end := trimSpace(paragraph, from, to); start < end {
			out = append(out, article.Span{Start: start, End: end})
		}
	}
	for _, span := range spans {
		if span.Start > from {
			addGap(span.Start)
		}
		out = append(out, span)
		from = span.End
	}
	addGap(len(paragraph))
	return out
}

// mergeFalseBreaks joins sentences the splitter separated after an
// abbreviation that cannot end a sentence.
func mergeFalseBreaks(paragraph string, spans []article.Span) []article.Span {
	if len(spans) < 2 {
		return spans
	}
	out := spans[:1]
	for _, span := range spans[1:] {
		last := &out[len(out)-1]
		if falseBreak(paragraph[last.Start:last.End], paragraph[span.Start:span.End]) {
			last.End = span.End
			continue
		}
		out = append(out, span)
	}
	return out
}

// falseBreak reports whether a sentence boundary between before and after
// is an abbreviation's period rather than a full stop.
func falseBreak(before, after string) bool {
	if isEnumerator(before) {
		return true
	}
	word, dotted := finalAbbreviation(before)
	if word == "" {
		return false
	}
	next, _ := utf8.DecodeRuneInString(after)
	switch {
	case titleAbbreviations[word]:
		return true
	case numberAbbreviations[word] && unicode.IsDigit(next):
		return true
	case unicode.IsLower(next):
		return dotted || numberAbbreviations[word]
	}
	return false
}

// isEnumerator reports whether sentence is only a list number ("1.", "12."),
// which prose splits from the item it opens.
func isEnumerator(sentence string) bool {
	n := len(sentence) - 1
	if n < 1 || n > 3 || sentence[n] != '.' {
		return false
	}
	for i := 0; i < n; i++ {
		if !isASCIIDigit(sentence[i]) {
			return false
		}
	}
	return true
}

// finalAbbreviation returns the lower-cased word before the period that ends
// sentence, if it ends so, and whether that word is itself dotted ("a.m.").
func finalAbbreviation(sentence string) (word string, dotted bool) {
	if !strings.HasSuffix(sentence, ".") || strings.HasSuffix(sentence, "..") {
		return "", false
	}
	body := sentence[:len(sentence)-1]
	start := len(body)
	for start > 0 {
		c := body[start-1]
		if c == '.' {
			dotted = true
		} else if !isASCIILetter(c) {
			break
		}
		start--
	}
	word = body[start:]
	if word == "" || len(word) > 8 {
		return "", false
	}
	return strings.ToLower(word), dotted
}

// simpleSentences is the fallback splitter: a break after . ! ? or …
// (and any closing quotes or brackets) followed by white space, unless the
// next word is in lower case or the word before the period is a
// single-letter, dotted or known abbreviation.
func simpleSentences(paragraph string) []article.Span {
	var spans []article.Span
	start := 0
	for i := 0; i < len(paragraph); {
		r, size := decodeRune(paragraph, i)
		i += size
		if !isStop(r) {
			continue
		}
		end := i
		for end < len(paragraph) {
			closer, n := decodeRune(paragraph, end)
			if !isCloser(closer) && !isStop(closer) {
				break
			}
			end += n
		}
		next, _ := decodeRune(paragraph, end)
		if end < len(paragraph) && !unicode.IsSpace(next) {
			continue
		}
		if following, _ := decodeRune(paragraph, skipAllSpace(paragraph, end)); unicode.IsLower(following) {
			// '"Enough!" he said': a lower-case word continues the sentence.
			continue
		}
		if r == '.' && abbreviationBefore(paragraph[start:i]) {
			continue
		}
		if s, e := trimSpace(paragraph, start, end); s < e {
			spans = append(spans, article.Span{Start: s, End: e})
		}
		start, i = end, end
	}
	if s, e := trimSpace(paragraph, start, len(paragraph)); s < e {
		spans = append(spans, article.Span{Start: s, End: e})
	}
	return spans
}

func skipAllSpace(s string, i int) int {
	for i < len(s) {
		r, size := decodeRune(s, i)
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func abbreviationBefore(text string) bool {
	word, dotted := finalAbbreviation(text)
	return dotted || len(word) == 1 || titleAbbreviations[word] || numberAbbreviations[word]
}

// isHeading reports whether a trimmed line reads as a subhead rather than
// prose; see Segment.
func isHeading(line string) bool {
	if len(line) > maxHeadingBytes || wordCount(line) > maxHeadingWords || isListItem(line) {
		return false
	}
	if strings.IndexFunc(line, unicode.IsLetter) < 0 {
		return false
	}
	end := len(line)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:end])
		if !isCloser(r) {
			break
		}
		end -= size
	}
	last, _ := utf8.DecodeLastRuneInString(line[:end])
	return !isStop(last) && !strings.ContainsRune(":;,", last)
}

const (
	maxHeadingWords = 12
	maxHeadingBytes = 160
)

func wordCount(s string) int {
	count, inWord := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			count++
		}
		inWord = !space
	}
	return count
}

// isListItem reports whether a line opens with a bullet or an enumerator
// ("1.", "2)", "(a)").
func isListItem(line string) bool {
	first, size := utf8.DecodeRuneInString(line)
	if strings.ContainsRune(listBullets, first) {
		return true
	}
	rest := line
	if first == '(' {
		rest = line[size:]
	}
	n := 0
	for n < len(rest) && n < 3 && (isASCIILetter(rest[n]) || '0' <= rest[n] && rest[n] <= '9') {
		n++
	}
	if n == 0 || n >= len(rest) {
		return false
	}
	marker := rest[n]
	enumerated := marker == ')' || (marker == '.' && '0' <= rest[0] && rest[0] <= '9')
	return enumerated && n+1 < len(rest) && rest[n+1] == ' '
}

const listBullets = "-*•·–—▪►‣◦●○■□✓✔+>"

func isCloser(r rune) bool {
	return strings.ContainsRune("\"')]}’”»›", r)
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// trimSpace narrows s[start:end] past white space at both ends.
func trimSpace(s string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}
