package entity

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
)

// roleWordAt returns how many tokens ending at k form a lower-case role
// word or phrase ("leader", "foreign minister"), and its canonical form.
func roleWordAt(d *article.Document, toks []token, k int, c *cueTable) (int, string) {
	for n := min(c.maxRole, k+1); n >= 1; n-- {
		start := k - n + 1
		if !isLowerWord(toks[start].text) {
			continue
		}
		ok := true
		for i := start; i < k; i++ {
			if !adjacent(d, toks[i], toks[i+1]) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if canon, found := c.roles[joinNorms(toks[start:k+1])]; found {
			return n, canon
		}
	}
	return 0, ""
}

// roleWordFrom is roleWordAt reading forward: the role phrase starting at
// token k and ending at limit or before.
func roleWordFrom(d *article.Document, toks []token, k, limit int, c *cueTable) (int, string) {
	if !isLowerWord(toks[k].text) {
		return 0, ""
	}
	for n := min(c.maxRole, limit-k+1); n >= 1; n-- {
		ok := true
		for i := k; i < k+n-1; i++ {
			if !adjacent(d, toks[i], toks[i+1]) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if canon, found := c.roles[joinNorms(toks[k:k+n])]; found {
			return n, canon
		}
	}
	return 0, ""
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// parenthesised reports whether token k stands alone in brackets.
func parenthesised(d *article.Document, toks []token, k int) bool {
	if k <= 0 || k+1 > len(toks) {
		return false
	}
	before := d.Text[toks[k-1].End:toks[k].Start]
	after := ""
	if k+1 < len(toks) {
		after = d.Text[toks[k].End:toks[k+1].Start]
	} else {
		after = d.Text[toks[k].End:min(len(d.Text), toks[k].End+1)]
	}
	return strings.TrimSpace(before) == "(" && strings.HasPrefix(strings.TrimSpace(after), ")")
}

// readRoles finds the roles the sentence gives a candidate: a role word
// before it ("TVF leader Karmi"), an apposition after it ("Karmi, the
// TVF leader,") or before it ("The leader of TVF, Omar Haddad,").
func readRoles(d *article.Document, toks []token, cd *candidate, byEnd map[[2]int]*candidate, cands []*candidate, c *cueTable) {
	si := cd.sentence
	// A role word right before the name, past a bracketed acronym.
	k := cd.first - 1
	if k >= 1 && toks[k].upper && parenthesised(d, toks, k) {
		k--
	} else if k >= 0 && !adjacent(d, toks[k], toks[cd.first]) {
		k = -1
	}
	if k >= 0 {
		if n, head := roleWordAt(d, toks, k, c); n > 0 {
			start := k - n + 1
			r := role{head: head, sentence: si}
			textStart := toks[start].Start
			if b := start - 1; b >= 0 && adjacent(d, toks[b], toks[start]) {
				if body, ok := byEnd[[2]int{si, b}]; ok && body != cd {
					body.bodyOfRole = true
					r.body = body.mention.Text
					if bn := bodyName([]token{{text: body.mention.Text}}); strings.HasPrefix(bn, "country:") {
						r.body = bn
					}
					textStart = body.mention.Span.Start
				} else if c.groupCues[toks[b].Norm] {
					textStart = toks[b].Start
				}
				if b2 := b; b2 >= 0 && (toks[b2].Norm == "a" || toks[b2].Norm == "an") {
					r.indefinite = true
				}
			}
			r.text = d.Text[textStart:toks[k].End]
			cd.mention.roles = append(cd.mention.roles, r)
		}
	}
	sentEnd := d.Sentences[si].End
	// An apposition after the name.
	if a := cd.last + 1; a < len(toks) && strings.TrimSpace(d.Text[toks[cd.last].End:toks[a].Start]) == "," {
		if r, ok := apposition(d, toks, a, len(toks)-1, sentEnd, cd, cands, c); ok {
			cd.mention.roles = append(cd.mention.roles, r)
		}
	}
	// An apposition before the name: the clause since the last comma.
	if b := cd.first - 1; b >= 0 && strings.TrimSpace(d.Text[toks[b].End:toks[cd.first].Start]) == "," {
		cs := b
		for cs > 0 && !strings.ContainsAny(d.Text[toks[cs-1].End:toks[cs].Start], ",;") {
			cs--
		}
		// The clause must open the sentence or follow a comma, not a
		// semicolon, which ends a thought rather than naming someone.
		opens := cs == 0 || strings.Contains(d.Text[toks[cs-1].End:toks[cs].Start], ",")
		if r, ok := apposition(d, toks, cs, b, toks[b].End, cd, cands, c); ok && opens {
			cd.mention.roles = append(cd.mention.roles, r)
		}
	}
}

// apposition reads a role phrase from token a to token last (the clause,
// ending at a comma or at limit): an optional article, at most three
// qualifying words, a role word, and what follows ("of the X group").
func apposition(d *article.Document, toks []token, a, last, limit int, cd *candidate, cands []*candidate, c *cueTable) (role, bool) {
	e := a
	for e < last && !strings.ContainsAny(d.Text[toks[e].End:toks[e+1].Start], ",;") {
		e++
	}
	r := role{sentence: cd.sentence}
	i := a
	if n := toks[i].Norm; n == "the" || n == "a" || n == "an" {
		r.indefinite = n != "the"
		i++
	}
	start := i
	for ; i <= e && i <= start+3; i++ {
		if n, head := roleWordFrom(d, toks, i, e, c); n > 0 {
			r.head = head
			break
		}
		if n := titleAt(toks, i, e, c); n > 0 {
			// A capitalised title: "UN Special Envoy to Syria, Geir Pedersen".
			r.head = joinNorms(toks[i : i+n])
			if canon, ok := c.roles[r.head]; ok {
				r.head = canon
			}
			break
		}
		if c.stop[toks[i].Norm] {
			return role{}, false
		}
	}
	if r.head == "" || start > e {
		return role{}, false
	}
	end := toks[e].End
	if end < len(d.Text) && end < limit+1 && d.Text[end] == ')' {
		end++
	}
	r.text = d.Text[toks[start].Start:end]
	for _, other := range cands {
		if other != cd && other.sentence == cd.sentence && other.first >= start && other.last <= e {
			other.bodyOfRole = true
			r.body = other.mention.Text
			if bn := bodyName([]token{{text: other.mention.Text}}); strings.HasPrefix(bn, "country:") {
				r.body = bn
			}
			break
		}
	}
	return r, true
}

// readContext notes the cue words beside a candidate.
func readContext(d *article.Document, toks []token, cd *candidate, c *cueTable) {
	if first := toks[cd.first]; cd.last > cd.first && modifier(first) {
		cd.placeFirst = true
	}
	for i := cd.first; i <= cd.last; i++ {
		if t, ok := c.suffixes[toks[i].Norm]; ok && (cd.last > cd.first || t != Place) {
			cd.suffixType = t
		}
	}
	next := cd.last + 1
	if next < len(toks) && toks[next].upper && parenthesised(d, toks, next) {
		next++
	}
	if next < len(toks) && (next > cd.last+1 || adjacent(d, toks[cd.last], toks[next])) {
		if c.groupCues[toks[next].Norm] {
			cd.groupCue = true
		}
		if n, _ := roleWordFrom(d, toks, next, len(toks)-1, c); n > 0 {
			cd.bodyOfRole = true
		}
	}
	if p := cd.first - 1; p >= 0 && adjacent(d, toks[p], toks[cd.first]) {
		if c.groupCues[toks[p].Norm] {
			cd.groupCue, cd.groupBefore = true, true
		}
		if p >= 1 && adjacent(d, toks[p-1], toks[p]) && c.placeCues[toks[p-1].Norm+" "+toks[p].Norm] {
			cd.placeCue = true
		}
		if c.locatives[toks[p].Norm] {
			cd.locative = true
		}
	}
}

// typeCandidate gives a candidate its type from the strongest evidence.
func typeCandidate(cd *candidate, ctx geo.Context) {
	m := &cd.mention
	switch {
	case len(m.roles) > 0 || cd.honorific:
		m.Type = Person
	case cd.suffixType != "":
		m.Type = cd.suffixType
	case cd.placeCue:
		m.Type = Place
	case m.acronym:
		m.Type, m.weak = Organisation, !cd.groupCue
		if cd.groupCue {
			m.Type = Group
		}
	case cd.groupBefore:
		m.Type = Group
	case !cd.bodyOfRole && resolvesAsPlace(m.Text, ctx):
		m.Type, m.gazetteer = Place, true
	case cd.groupCue:
		m.Type = Group
	case cd.bodyOfRole:
		m.Type, m.weak = Organisation, true
	case strings.Contains(m.Text, " ") && cd.locative && !cd.ordinaryWords:
		// Several capitalised words the gazetteer does not know, after
		// "in" or "near": a place it lacks ("officials in Port Varen")
		// rather than a person, whom news rarely puts after these words.
		m.Type, m.weak = Place, true
	case strings.Contains(m.Text, " ") && !cd.placeFirst && !cd.ordinaryWords:
		// Two or more plain capitalised words are most often a
		// person's name; "Damascus International Airport" is not.
		m.Type, m.weak = Person, true
	default:
		m.Type, m.weak = Organisation, true
	}
}

// resolvesAsPlace reports whether the gazetteer takes a name for a place:
// a city of 100,000 people or more, or a place in a country the article
// names. A small town of a country the article never mentions is more
// likely a word of a name ("Bloomberg").
func resolvesAsPlace(name string, ctx geo.Context) bool {
	if !placeNameMemo.get(name) {
		return false
	}
	p, ok := resolvePlace(name, ctx)
	return ok && (p.Population >= 100_000 || ctx.Countries[p.Country] > 0)
}

// placeHit is a cached answer of geo.Resolve.
type placeHit struct {
	place geo.Place
	ok    bool
}

var resolveMemo = newMemo(func(k string) placeHit {
	name, ctxKey, _ := strings.Cut(k, "\x00")
	ctx := geo.Context{Countries: map[string]float64{}}
	for _, part := range strings.Split(ctxKey, ",") {
		code, w, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(w, 64)
		if err == nil {
			ctx.Countries[code] = f
		}
	}
	p, ok := geo.Resolve(name, ctx)
	return placeHit{p, ok}
})

// resolvePlace is geo.Resolve, cached by name and context.
func resolvePlace(name string, ctx geo.Context) (geo.Place, bool) {
	codes := make([]string, 0, len(ctx.Countries))
	for code, w := range ctx.Countries {
		codes = append(codes, code+"="+strconv.FormatFloat(w, 'g', -1, 64))
	}
	slices.Sort(codes)
	h := resolveMemo.get(name + "\x00" + strings.Join(codes, ","))
	return h.place, h.ok
}
