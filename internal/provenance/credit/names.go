package credit

import (
	"slices"
	"strings"
)

// listed finds the listed names of toks. weak admits weak forms; anyContext
// skips the check that the name is not part of a longer one ("Reuters
// Institute", "Michael Bloomberg").
func (f *finder) listed(toks []token, weak, anyContext bool) []candidate {
	var cands []candidate
	for i := 0; i < len(toks); i++ {
		if !toks[i].word {
			continue
		}
		c, ok := f.matchAt(toks, i, agencies.byFirst)
		if !ok && weak {
			c, ok = f.matchAt(toks, i, agencies.weakByFirst)
		}
		if !ok {
			continue
		}
		if !anyContext {
			if person, compound := f.compound(toks, c); compound {
				if person {
					f.personal[c.entry] = true
				}
				i = c.last - 1
				continue
			}
		}
		cands = append(cands, c)
		i = c.last - 1
	}
	return cands
}

// matchAt returns the longest listed form of table that starts at token i.
func (f *finder) matchAt(toks []token, i int, table map[string][]*alias) (candidate, bool) {
	for _, a := range table[toks[i].text] {
		if i+len(a.words) > len(toks) {
			continue
		}
		matched := true
		for k, w := range a.words {
			if toks[i+k].text != w {
				matched = false
				break
			}
		}
		if !matched {
			continue
		}
		first := i
		if a.article && i > 0 && (toks[i-1].text == "the" || toks[i-1].text == "The") {
			first = i - 1
		}
		entry := a.entries[0]
		if a.form == shortForm {
			if first == i {
				continue
			}
			entry = f.latestFull(a.entries)
			if entry < 0 {
				continue
			}
		}
		if a.form == fullForm {
			f.noteFull(entry, toks[i].start)
		}
		return candidate{entry: entry, name: agencies.entries[entry].name, first: first, last: i + len(a.words)}, true
	}
	return candidate{}, false
}

// noteFull records a full mention of an entry at offset at in Text, or, in
// metadata, before all of it.
func (f *finder) noteFull(entry, at int) {
	if f.inMetadata {
		if _, seen := f.lastFull[entry]; !seen {
			f.lastFull[entry] = -1
		}
		return
	}
	f.lastFull[entry] = at
}

// latestFull returns the entry among ids named in full most recently, or -1.
func (f *finder) latestFull(ids []int) int {
	best, bestAt := -1, 0
	for _, id := range ids {
		if at, ok := f.lastFull[id]; ok && (best < 0 || at > bestAt) {
			best, bestAt = id, at
		}
	}
	return best
}

// compound reports whether a listed name is part of a longer proper name,
// and whether that name looks like a person's.
func (f *finder) compound(toks []token, c candidate) (person, compound bool) {
	if c.first > 0 {
		prev := toks[c.first-1]
		lower := prev.low
		switch {
		case prev.word && titles[lower]:
			return true, true
		case prev.text == "." && c.first > 1 && titles[toks[c.first-2].low]:
			return true, true
		case prev.word && prev.upper && !prev.possessive && !leaders[lower] && !isDemonym(prev.text):
			return true, true
		}
	}
	if c.last < len(toks) && !toks[c.last-1].possessive {
		// After a possessive a capital starts something else: "CNN's Jake
		// Tapper".
		next := toks[c.last]
		if next.word && next.upper && !trailers[next.low] {
			return false, true
		}
	}
	return false, false
}

// besideMediaNouns adds the names found beside a media noun that are not
// already candidates: weak and differently cased listed forms ("Iran's
// Fars news agency", "Sana news agency") and unlisted names ("the Sham FM
// news outlet").
func (f *finder) besideMediaNouns(toks []token, cands []candidate) []candidate {
	inName := slices.Grow(f.inName[:0], len(toks))[:len(toks)]
	clear(inName)
	f.inName = inName
	mark := func(c candidate) {
		for i := c.first; i < c.last; i++ {
			inName[i] = true
		}
	}
	for _, c := range cands {
		mark(c)
	}
	add := func(c candidate) {
		cands = append(cands, c)
		mark(c)
	}
	covered := func(i int) bool { return inName[i] }
	for i := 0; i < len(toks); i++ {
		n := phraseAt(toks, i, mediaNouns)
		if n == 0 || covered(i) {
			continue
		}
		if c, ok := runBefore(toks, i, i+n, covered); ok {
			add(c)
		}
		noun := foldTokens(toks[i : i+n])
		if mediaNounsBeforeName[noun] && (noun != "daily" || i > 0 && isModifier(toks[i-1])) {
			if c, ok := runAfter(toks, i+n, covered); ok {
				add(c)
			}
		}
		i += n - 1
	}
	return cands
}

// runBefore reads the name ending right before a media noun at [ns, ne).
func runBefore(toks []token, ns, ne int, covered func(int) bool) (candidate, bool) {
	k := ns
	for k > 0 && isNameWord(toks[k-1], k < ns) && !covered(k-1) {
		if ns-k == maxNameWords {
			// A long run of capitals is a title-case headline, not a name.
			return candidate{}, false
		}
		k--
	}
	end := ns
	if allUpper(toks[ns:ne]) {
		// "Emirates News Agency", "Army Radio", "Anchorage Daily News": the
		// noun is part of the name, and so are the capitals after it.
		for ne < len(toks) && ne-k < maxNameWords && isNameWord(toks[ne], true) && !covered(ne) {
			ne++
		}
		end = ne
	}
	for k < end-1 && (descriptive[toks[k].low] || leaders[toks[k].low] || isDemonym(toks[k].text)) {
		k++
	}
	if k == ns {
		return candidate{}, false
	}
	if end == ne {
		if c, ok := nameCandidate(toks[k:ne], k, ne, false); ok && c.entry >= 0 {
			return c, true
		}
	}
	return nameCandidate(toks[k:end], k, end, false)
}

// isNameWord reports whether t may be part of an unlisted name: capitalised
// or an Arabic article, or a number after the first word ("Channel 12"),
// but not a possessive, date word or hyphenated modifier ("Hamas-run").
func isNameWord(t token, inside bool) bool {
	if !t.word || t.possessive || calendarWords[t.low] {
		return false
	}
	if !(t.upper || isArabicArticle(t.text) || inside && isDigits(t.text)) {
		return false
	}
	w := t.low
	for _, suffix := range modifierSuffixes {
		if strings.HasSuffix(w, suffix) {
			return false
		}
	}
	return true
}

// runAfter reads the name right after a media noun ending at ne.
func runAfter(toks []token, ne int, covered func(int) bool) (candidate, bool) {
	k := ne
	for k < len(toks) && k-ne < maxNameWords && isNameWord(toks[k], k > ne) && !covered(k) {
		k++
	}
	start := ne
	for start < k && (descriptive[toks[start].low] || leaders[toks[start].low]) {
		start++
	}
	if start == k {
		return candidate{}, false
	}
	return nameCandidate(toks[start:k], start, k, true)
}

// maxNameWords bounds the length of an unlisted name.
const maxNameWords = 5

// nameCandidate resolves a name read beside a media noun: a listed form in
// any case, or else an unlisted name.
func nameCandidate(name []token, first, last int, needFollow bool) (candidate, bool) {
	if id, ok := agencies.byFold[foldTokens(name)]; ok {
		return candidate{entry: id, name: agencies.entries[id].name, first: first, last: last, needFollow: needFollow}, true
	}
	allGeneric := true
	for _, t := range name {
		if !generic[t.low] {
			allGeneric = false
		}
	}
	if allGeneric || len(name) == 1 && isDemonym(name[0].text) && !strings.Contains(name[0].text, "-") {
		return candidate{}, false
	}
	words := make([]string, len(name))
	for i, t := range name {
		words[i] = t.text
	}
	return candidate{entry: -1, name: strings.Join(words, " "), first: first, last: last, needFollow: needFollow}, true
}

func foldTokens(toks []token) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	return foldWords(words)
}

func allUpper(toks []token) bool {
	for _, t := range toks {
		if !t.upper {
			return false
		}
	}
	return len(toks) > 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isArabicArticle reports a lower-case particle that may begin a word of a
// name ("Asharq al-Awsat", "Al-Quds al-Arabi").
func isArabicArticle(w string) bool {
	return strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-")
}
