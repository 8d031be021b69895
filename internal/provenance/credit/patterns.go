package credit

import (
	"strings"
)

// attributed keeps the candidates that an attribution pattern credits.
// Names joined by "and", commas or slashes share their patterns: "told AFP
// and Reuters" credits both.
func (f *finder) attributed(toks []token, cands []candidate) []candidate {
	var out []candidate
	for g := 0; g < len(cands); {
		end := g + 1
		for end < len(cands) && joined(toks, cands[end-1].last, cands[end].first) {
			end++
		}
		group := cands[g:end]
		g = end

		before := walkBack(toks, group[0].first)
		lastEntry := group[len(group)-1]
		byTrigger := before >= 0 && endsWithPhrase(toks, before, beforeTriggers) &&
			!namesSomethingElse(toks, lastEntry.last) ||
			before > 0 && toks[before].word && invertedTriggers[toks[before].low] &&
				!toks[before-1].word && endsSentence(toks, lastEntry.last) ||
			isDateline(toks, group[0].first, lastEntry.last)
		afterVerb, verb := walkForward(toks, lastEntry.last, toks[lastEntry.last-1].possessive)
		if reporterOf(toks, before) {
			// "according to Alex Horton of the Washington Post", "Jane Roe of
			// the Times reports".
			byTrigger = byTrigger || endsWithPhrase(toks, skipBackName(toks, before-1), beforeTriggers) &&
				!namesSomethingElse(toks, lastEntry.last)
		} else if before >= 0 && toks[before].word {
			if w := toks[before].low; coordinators[w] || prepositions[w] {
				// "officials who appeared on CNN said", "Britain and RT said".
				afterVerb = false
			}
		}
		for _, c := range group {
			credited := byTrigger || afterVerb && !(c.entry >= 0 && f.personal[c.entry] && weakVerbs[verb])
			if credited && c.needFollow && !followedByBreak(toks, c.last) && !(afterVerb && c.last == lastEntry.last) {
				credited = false
			}
			if credited {
				out = append(out, c)
			}
		}
	}
	return out
}

// joined reports whether the tokens between two names only join them:
// "AFP and Reuters", "AP/PTI", "Reuters, the BBC".
func joined(toks []token, from, to int) bool {
	if to-from < 1 || to-from > 3 {
		return false
	}
	separated := false
	for _, t := range toks[from:to] {
		switch w := t.low; {
		case w == "," || w == "/" || coordinators[w]:
			separated = true
		case w == "the":
		default:
			return false
		}
	}
	return separated
}

// walkBack skips the modifiers before token first ("the state-run",
// "Iran's semi-official") and returns the index of the token before them,
// or -1.
func walkBack(toks []token, first int) int {
	j := first - 1
	for steps := 0; j >= 0 && steps < 6 && (isModifier(toks[j]) || isQuote(toks[j])); steps++ {
		j--
	}
	return j
}

// isQuote reports a quotation mark, which may open a quoted name after
// "according to".
func isQuote(t token) bool {
	switch t.text {
	case "\"", "'", "“", "”", "‘", "’", "`":
		return true
	}
	return false
}

// walkForward reads what follows a name ending at token last and reports
// whether it is a credit verb ("reported", "has learned", ", citing"),
// with the verb. possessive names must first lead to a report noun
// ("Reuters' tally showed").
func walkForward(toks []token, last int, possessive bool) (bool, string) {
	k := skipParenthesis(toks, last)
	sawNoun, sawReport := false, false
	for steps := 0; k < len(toks) && steps < 4; steps++ {
		if n := phraseAt(toks, k, mediaNouns); n > 0 {
			k += n
			sawNoun = true
			continue
		}
		w := toks[k].low
		if !toks[k].word || !(staffNouns[w] || reportNouns[w]) || creditVerbs[w] {
			break // "Reuters reports" is a verb, not a noun
		}
		sawNoun, sawReport = true, sawReport || reportNouns[w]
		k++
	}
	if possessive && !sawNoun {
		// "The BBC's Frances Harrison in Tehran says": a name, perhaps a
		// place, then the verb.
		k, sawNoun = skipPersonName(toks, k)
		if !sawNoun {
			return false, ""
		}
	}
	if k+1 < len(toks) && toks[k].text == "," && clauseStarters[toks[k+1].low] {
		return true, toks[k+1].low
	}
	aux := false
	for steps := 0; k < len(toks) && steps < 6 && toks[k].word; steps++ {
		w := toks[k].low
		if auxiliaries[w] {
			aux = true
		} else if !adverbs[w] && !calendarWords[w] && !isDigits(w) {
			break
		}
		k++
	}
	if k >= len(toks) || !toks[k].word {
		return false, ""
	}
	v := toks[k].low
	if creditVerbs[v] || aux && auxiliaryCreditVerbs[v] || sawReport && findingVerbs[v] {
		return true, v
	}
	return false, ""
}

// reporterOf reports whether token j is the "of" of "<Person> of": the
// name after it is the person's employer.
func reporterOf(toks []token, j int) bool {
	return j > 0 && toks[j].is("of") && toks[j-1].word && toks[j-1].upper && !toks[j-1].possessive
}

// skipBackName returns the index before the up to three capitalised words
// ending at token j.
func skipBackName(toks []token, j int) int {
	end := j
	for j >= 0 && end-j < 3 && toks[j].word && toks[j].upper && !toks[j].possessive {
		j--
	}
	return j
}

// endsSentence reports whether only punctuation follows a name ending at
// token last, once media nouns and brackets are skipped.
func endsSentence(toks []token, last int) bool {
	k := skipParenthesis(toks, last)
	for n := phraseAt(toks, k, mediaNouns); n > 0; n = phraseAt(toks, k, mediaNouns) {
		k += n
	}
	for ; k < len(toks); k++ {
		if toks[k].word || toks[k].text == "(" {
			return false
		}
	}
	return true
}

// isDateline reports a name in a dateline left in the text: "(AP) —" near
// the start of a sentence, "HANOI, Vietnam (AP) — ...".
func isDateline(toks []token, first, last int) bool {
	if first == 0 || first > 12 || last+1 >= len(toks) || toks[first-1].text != "(" || toks[last].text != ")" {
		return false
	}
	switch toks[last+1].text {
	case "-", "–", "—", ":":
		return true
	}
	return false
}

// skipPersonName skips up to three capitalised words and an optional "in"
// or "at" and a place after them, and reports whether there was a name.
func skipPersonName(toks []token, k int) (int, bool) {
	start := k
	for k < len(toks) && k-start < 3 && toks[k].word && toks[k].upper && !toks[k].possessive {
		k++
	}
	if k == start {
		return k, false
	}
	if k+1 < len(toks) && (toks[k].is("in") || toks[k].is("at")) && toks[k+1].upper {
		k += 2
	}
	return k, true
}

// skipParenthesis skips a short bracketed aside after a name: "Agence
// France-Presse (AFP) reported".
func skipParenthesis(toks []token, k int) int {
	if k >= len(toks) || toks[k].text != "(" {
		return k
	}
	for j := k + 1; j < len(toks) && j <= k+5; j++ {
		if toks[j].text == ")" {
			return j + 1
		}
	}
	return k
}

// namesSomethingElse reports whether the word after a name makes the name
// a modifier of another noun ("according to CCTV footage").
func namesSomethingElse(toks []token, last int) bool {
	k := skipParenthesis(toks, last)
	for steps := 0; k < len(toks) && steps < 4; steps++ {
		if n := phraseAt(toks, k, mediaNouns); n > 0 {
			k += n
			continue
		}
		if w := toks[k].low; toks[k].word && (staffNouns[w] || reportNouns[w]) {
			k++
			continue
		}
		break
	}
	if k >= len(toks) || !toks[k].word || toks[k].upper || isDigits(toks[k].text) {
		return false
	}
	w := toks[k].low
	return !followers[w] && !strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed")
}

// followedByBreak reports whether the token at k ends a name: punctuation,
// a conjunction or the end of the sentence.
func followedByBreak(toks []token, k int) bool {
	return k >= len(toks) || !toks[k].word || coordinators[toks[k].low]
}

// endsWithPhrase reports whether one of the phrases ends at token j.
func endsWithPhrase(toks []token, j int, ps phraseSet) bool {
	if j < 0 || !toks[j].word {
		return false
	}
	for _, p := range ps.byLast[toks[j].low] {
		if start := j - len(p) + 1; start >= 0 && matchesPhrase(toks[start:], p) {
			return true
		}
	}
	return false
}

// phraseAt returns the length of the longest phrase of ps that starts at
// token i, or 0.
func phraseAt(toks []token, i int, ps phraseSet) int {
	if i >= len(toks) || !toks[i].word {
		return 0
	}
	for _, p := range ps.byFirst[toks[i].low] {
		if matchesPhrase(toks[i:], p) {
			return len(p)
		}
	}
	return 0
}

// matchesPhrase reports whether toks start with the words of p, ignoring
// case.
func matchesPhrase(toks []token, p []string) bool {
	if len(toks) < len(p) {
		return false
	}
	for k, w := range p {
		if !toks[k].word || toks[k].low != w {
			return false
		}
	}
	return true
}
