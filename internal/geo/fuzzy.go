package geo

// Fuzzy matching is the fallback for a spelling that Key does not fold onto
// any gazetteer name, typically a transliteration that differs in a vowel
// ("Deir al-Zour" for "Deir ez-Zor" folds to "dayrzur", the gazetteer has
// "dayrzor"). Keys are bucketed by their consonant skeleton, and a bucket's
// keys within a small edit distance of the query match. Resolve accepts
// such a match only with support from the story's countries or for a large
// place, since a one-letter difference is also how unrelated names differ.

// minFuzzyKey is the shortest key matched fuzzily: below it one edit is a
// quarter of the name.
const minFuzzyKey = 4

// skeleton drops vowels and the semivowels w and y (which transliterations
// trade with u and i) from a key and collapses the doubled consonants this
// leaves.
func skeleton(key string) string {
	out := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		switch c := key[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'w', 'y':
		default:
			if len(out) > 0 && out[len(out)-1] == c && c < 0x80 {
				continue
			}
			out = append(out, c)
		}
	}
	return string(out)
}

// maxEdits is how many single-letter edits a fuzzy match of a key of this
// length may need.
func maxEdits(key string) int {
	if len(key) >= 7 {
		return 2
	}
	return 1
}

func (g *gazetteer) buildSkeletons() {
	g.skeletons = make(map[string][]string, len(g.names)/2)
	for k := range g.names {
		if len(k) < minFuzzyKey {
			continue
		}
		s := skeleton(k)
		if len(s) < 2 {
			continue
		}
		g.skeletons[s] = append(g.skeletons[s], k)
	}
}

// fuzzy returns the places whose key is within maxEdits of key, marked as
// fuzzy matches.
func (g *gazetteer) fuzzy(key string) []nameRef {
	if len(key) < minFuzzyKey {
		return nil
	}
	g.skeletonOnce.Do(g.buildSkeletons)
	limit := maxEdits(key)
	var out []nameRef
	for _, k := range g.skeletons[skeleton(key)] {
		if editDistance(key, k, limit) > limit {
			continue
		}
		for _, r := range g.lookupKey(k) {
			out = append(out, nameRef(r.place())<<2|nameRef(matchFuzzy))
		}
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in bytes, or
// limit+1 once it is sure to exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
