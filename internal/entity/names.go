package entity

import (
	"strings"
	"unicode"

	"github.com/corroborate/corroborate/internal/geo"
	"github.com/corroborate/corroborate/internal/text"
)

// articles are the transliterations of the Arabic article, which outlets
// write or leave out at will: "al-Karmi", "Karmi", "el-Sisi", "ez-Zor".
var articles = map[string]bool{
	"al": true, "el": true, "ad": true, "ar": true, "as": true, "at": true, "az": true,
	"ash": true, "ez": true, "es": true, "ed": true, "an": true, "en": true, "ul": true, "il": true,
}

// generation are the suffixes that tell a father from a son of one name;
// outlets keep or drop them, so names match without them (and a father and
// son are then told apart by their given names, if at all).
var generation = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameWords splits a name into words, folded, without honorifics or Arabic
// articles: "Sheikh Abu Yusuf al-Karmi" -> abu yusuf karmi.
func nameWords(name string) []string {
	c := cues()
	fields := strings.FieldsFunc(text.Fold(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	out := fields[:0]
	for i, f := range fields {
		f = strings.Trim(f, "'")
		if f == "" || f == "s" && i > 0 {
			continue
		}
		if len(out) == 0 && c.honorifics[f] {
			continue
		}
		if articles[f] && i+1 < len(fields) {
			continue
		}
		if generation[f] && len(out) >= 2 {
			continue
		}
		out = append(out, f)
	}
	return out
}

// spellingKeys are the words of a name through geo.Key, which absorbs
// diacritics, hyphenation and the spelling variants geo lists (ou/u, ee/i,
// ei/ey, doubled letters, q/k): "Sergei" and "Sergey" agree.
func spellingKeys(name string) []string {
	words := nameWords(name)
	for i, w := range words {
		words[i] = wordKey(w)
	}
	return words
}

// wordKey is geo.Key with the Arabic theophoric prefix written apart or
// joined alike: "Abdel", "Abdul", "Abd" -> "abd".
func wordKey(w string) string { return wordKeyMemo.get(w) }

func wordKeyUncached(w string) string {
	k := geo.Key(w)
	switch k {
	case "abdel", "abdul", "abdal", "abdol":
		return "abd"
	}
	return k
}

// skeleton is the part of a word's spelling that English transliterations
// of an Arabic, Persian or Russian name agree on: its first letter, the
// class of its first vowel (a/e, i, o/u) and its consonants, so Mohammed,
// Mohammad and Muhammad give "muhmd" while Mahmoud gives "mahmd", and Yusuf,
// Youssef and Yousef give "yusf".
func skeleton(k string) string {
	class := func(r rune) (rune, bool) {
		switch r {
		case 'a', 'e':
			return 'a', true
		case 'i', 'y':
			return 'i', true
		case 'o', 'u':
			return 'u', true
		}
		return r, false
	}
	var b strings.Builder
	vowelSeen := false
	var prev rune
	for i, r := range k {
		c, vowel := class(r)
		switch {
		case i == 0:
		case vowel && vowelSeen:
			continue
		case c == prev:
			continue
		}
		if vowel {
			vowelSeen = true
		}
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

// transliterationKey joins the skeletons of a name's words.
func transliterationKey(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = skeleton(k)
	}
	return strings.Join(parts, " ")
}

// editDistanceAtMostOne reports whether a and b differ by at most one
// insertion, deletion or substitution.
func editDistanceAtMostOne(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(b) {
		return true
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i+1:] == b[i:]
}

// initialsMatch reports whether an acronym can abbreviate a name: its
// letters are, in order, initials of the name's words (Arabic articles and
// connectors may be skipped), the first letter the first word's.
func initialsMatch(acronym, name string) bool {
	var letters []rune
	for _, r := range acronym {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	words := strings.FieldsFunc(text.Fold(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(letters) < 2 || len(words) == 0 {
		return false
	}
	var initials []rune
	for _, w := range words {
		initials = append(initials, []rune(w)[0])
	}
	if initials[0] != letters[0] {
		return false
	}
	j := 0
	for _, r := range initials {
		if j < len(letters) && r == letters[j] {
			j++
		}
	}
	return j == len(letters)
}

// isSuffix reports whether short is a proper suffix of full, word by word.
func isSuffix(short, full []string) bool {
	if len(short) == 0 || len(short) >= len(full) {
		return false
	}
	off := len(full) - len(short)
	for i, w := range short {
		if full[off+i] != w {
			return false
		}
	}
	return true
}

// resolveShortForms ties a short form ("Rashid", "al-Karmi", "Orlov") to
// the one full name earlier in the article that ends with it. When two
// earlier full names do ("Samir al-Rashid", "Karim al-Rashid"), the short
// form stays unexpanded rather than guess.
func resolveShortForms(cands []*candidate) {
	type full struct {
		keys []string
		text string
	}
	var people []full
	for _, cd := range cands {
		m := &cd.mention
		if m.acronym || m.Type == Country || m.Type == DemonymKind || cd.suffixType != "" {
			continue
		}
		keys := spellingKeys(m.Text)
		if len(keys) == 0 {
			continue
		}
		if len(keys) >= 2 && m.Type == Person {
			people = append(people, full{keys, m.Text})
			continue
		}
		if m.Type == Place && !m.gazetteer {
			continue
		}
		matched := map[string]bool{}
		for i := len(people) - 1; i >= 0; i-- {
			if !isSuffix(keys, people[i].keys) {
				continue
			}
			k := strings.Join(people[i].keys, " ")
			if len(matched) == 0 {
				m.Expansion = people[i].text
			}
			matched[k] = true
		}
		matches := len(matched)
		switch {
		case matches == 1:
			m.Type, m.weak = Person, false
		case matches > 1:
			m.Type, m.weak, m.Expansion = Person, false, ""
		}
	}
}
