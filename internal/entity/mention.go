package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
)

// Mention types. A demonym ("Syrian") is not an entity of its own: it says
// which country a story is about, which weighs in resolving places.
const (
	Person       = "person"
	Organisation = "organisation"
	Group        = "group"
	Place        = "place"
	Country      = "country"
	DemonymKind  = "demonym"
)

// Mention is one name in a document's Text.
type Mention struct {
	Span      article.Span
	Text      string // the name as written, without a title split off as Role
	Type      string // person, organisation, group, place, country or demonym
	Sentence  int    // index into Document.Sentences
	Role      string // the role the article gives the person here: "Russian Foreign Minister"
	Expansion string // the full name a short form or acronym stands for in this article

	// weak marks a type guessed by default rather than read from a cue, so
	// that the story may overrule it.
	weak bool
	// gazetteer marks a place typed by the gazetteer alone, which a
	// person's family name may overrule ("Rashid").
	gazetteer bool
	// doubtful marks a lone capitalised word opening a sentence, which the
	// story keeps only when it names something named elsewhere.
	doubtful bool
	// acronym marks a name in capitals ("TVF").
	acronym bool
	// country is the ISO 3166 code of a country or demonym.
	country string
	roles   []role
}

// role is one role of a person, as written and as compared.
type role struct {
	text       string
	head       string // canonical role: "leader", "foreign minister"
	body       string // the name of the group, organisation or country it is a role of ("TVF", "country:RU")
	indefinite bool   // "a leader of": one of several, so it identifies nobody
	sentence   int
}

// token is a word of a sentence with what the spanner needs to know of it.
type token struct {
	article.Token
	text     string
	nameWord bool // can be part of a name
	upper    bool // written in capitals: an acronym
}

// candidate is a run of name words being typed.
type candidate struct {
	sentence    int
	first       int // token indexes in the sentence, inclusive
	last        int
	honorific   bool
	mention     Mention
	bodyOfRole  bool // followed by a role word: "TVF leader"
	groupCue    bool // a group word beside it: "rebel group TVF", "TVF rebels"
	groupBefore bool // the group word is before it
	placeCue    bool // "the city of X"
	locative    bool // "in X", "near X": a weak hint of a place
	initial     bool // opens a sentence
	bareTitle   bool // a title alone: "King", "President"
	// ordinaryWords marks a name of several words each of which the
	// article also writes in lower case: "Truth Social", "Critical
	// Threats" name things, seldom people.
	ordinaryWords bool
	placeFirst    bool   // its first word names a place or people: "Damascus International Airport"
	suffixType    string // the type an organisational word in it gives
}

// Mentions returns the names the document mentions, in text order. It is a
// pure function of the document.
func Mentions(d *article.Document) []Mention {
	if d == nil {
		return nil
	}
	c := cues()
	sentences := make([][]token, len(d.Sentences))
	lowerSeen := map[string]bool{}
	capSeen := map[string]bool{} // capitalised words seen inside a sentence
	var headlines []int
	for si, s := range d.Sentences {
		if titleCased(d, s) || shouting(d, s) {
			// Headlines capitalise every word, and text in capitals
			// capitalises all: neither tells a name from a word. Only
			// names the prose gives are looked for in them, below.
			headlines = append(headlines, si)
			continue
		}
		toks := make([]token, 0, len(s.Tokens))
		for ti, t := range s.Tokens {
			if t.Start < 0 || t.End > len(d.Text) || t.Start >= t.End {
				continue
			}
			tk := token{Token: t, text: d.Text[t.Start:t.End]}
			first, _ := utf8.DecodeRuneInString(tk.text)
			if unicode.IsLower(first) {
				lowerSeen[t.Norm] = true
			} else if ti > 0 {
				capSeen[t.Norm] = true
			}
			tk.upper = isAcronym(tk.text)
			tk.nameWord = isNameWord(tk.text, t.Norm, c)
			toks = append(toks, tk)
		}
		sentences[si] = toks
	}

	var cands []*candidate
	var out []Mention
	for si, toks := range sentences {
		for i := 0; i < len(toks); {
			if !toks[i].nameWord || !canStart(d, toks, i, lowerSeen, capSeen, c) {
				i++
				continue
			}
			j := extendRun(d, toks, i, c)
			demonyms, cand := splitRun(d, si, toks, i, j, c)
			if cand != nil {
				cand.initial = sentenceInitial(d, toks, i)
			}
			out = append(out, demonyms...)
			if cand != nil {
				cands = append(cands, cand)
			}
			i = j + 1
		}
	}
	if len(cands) == 0 {
		return sortMentions(out)
	}

	byEnd := map[[2]int]*candidate{}
	inSentence := map[int][]*candidate{}
	for _, cd := range cands {
		byEnd[[2]int{cd.sentence, cd.last}] = cd
		inSentence[cd.sentence] = append(inSentence[cd.sentence], cd)
	}
	for _, cd := range cands {
		readRoles(d, sentences[cd.sentence], cd, byEnd, inSentence[cd.sentence], c)
		readContext(d, sentences[cd.sentence], cd, c)
	}
	countries := map[string]float64{}
	for _, cd := range cands {
		if co, ok := countryByName(cd.mention.Text); ok && !cd.honorific {
			cd.mention.Type, cd.mention.country = Country, co.Code
			countries[co.Code]++
		}
	}
	for _, m := range out {
		if m.country != "" {
			countries[m.country]++
		}
	}
	ctx := geo.Context{Countries: countries}
	for _, cd := range cands {
		toks := sentences[cd.sentence]
		cd.ordinaryWords = cd.last > cd.first
		for i := cd.first; i <= cd.last && cd.ordinaryWords; i++ {
			cd.ordinaryWords = lowerSeen[toks[i].Norm]
		}
		if cd.mention.Type == "" {
			typeCandidate(cd, ctx)
		}
	}
	resolveShortForms(cands)
	resolveAcronyms(d, sentences, cands, byEnd)
	for _, cd := range cands {
		m := cd.mention
		if cd.bareTitle && m.Expansion == "" {
			continue
		}
		if cd.initial && cd.first == cd.last && m.weak && m.Expansion == "" && !capSeen[sentences[cd.sentence][cd.first].Norm] {
			// A lone capitalised word opening a sentence, with nothing
			// to say it is a name: "Analysts", "Additionally", but also
			// "Grushin said". Words shaped like English words are
			// dropped; the rest the story keeps only if it knows them.
			if wordShaped(m.Text) {
				continue
			}
			m.doubtful = true
		}
		if m.Type == Country {
			m.roles = nil
		}
		if len(m.roles) > 0 {
			m.Role = m.roles[0].text
		}
		out = append(out, m)
	}
	out = append(out, headlineMentions(d, headlines, out)...)
	return sortMentions(out)
}

// maxNameWords bounds the names looked for in headlines.
const maxNameWords = 6

// headlineMentions finds in headlines and text in capitals the names the
// prose of the article gives, longest first, typed as there.
func headlineMentions(d *article.Document, headlines []int, known []Mention) []Mention {
	if len(headlines) == 0 || len(known) == 0 {
		return nil
	}
	byWords := map[string]*Mention{}
	for i := range known {
		m := &known[i]
		if m.Type == DemonymKind || m.doubtful {
			continue
		}
		k := strings.Join(nameWords(m.Text), " ")
		if _, ok := byWords[k]; !ok && k != "" {
			byWords[k] = m
		}
	}
	var out []Mention
	for _, si := range headlines {
		toks := d.Sentences[si].Tokens
		for i := 0; i < len(toks); {
			found := 0
			for n := min(maxNameWords, len(toks)-i); n >= 1 && found == 0; n-- {
				if toks[i].Start < 0 || toks[i+n-1].End > len(d.Text) || toks[i].Start >= toks[i+n-1].End {
					continue
				}
				surface := d.Text[toks[i].Start:toks[i+n-1].End]
				if m, ok := byWords[strings.Join(nameWords(surface), " ")]; ok {
					out = append(out, Mention{
						Span: article.Span{Start: toks[i].Start, End: toks[i+n-1].End}, Text: surface,
						Type: m.Type, Sentence: si, Expansion: m.Expansion,
						weak: m.weak, acronym: m.acronym, country: m.country, gazetteer: m.gazetteer,
					})
					found = n
				}
			}
			i += max(found, 1)
		}
	}
	return out
}

func sortMentions(ms []Mention) []Mention {
	slices.SortStableFunc(ms, func(a, b Mention) int { return a.Span.Start - b.Span.Start })
	return ms
}

// isAcronym reports whether a word is written in capitals with at least two
// letters: "TVF", "U.S.", "AT&T".
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// isNameWord reports whether a token can be part of a name: capitalised
// and not a day, month or religious adjective; or an Arabic article joined
// to a capitalised word ("al-Karmi"). "Turkish-backed" is not: its last
// part is an ordinary word.
func isNameWord(w, norm string, c *cueTable) bool {
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(first) {
		if c.skip[norm] {
			return false
		}
		if i := strings.LastIndexByte(w, '-'); i > 0 && i+1 < len(w) {
			last, _ := utf8.DecodeRuneInString(w[i+1:])
			if unicode.IsLower(last) {
				return false
			}
		}
		return true
	}
	if i := strings.IndexByte(w, '-'); i > 0 && i+1 < len(w) && c.particles[strings.ToLower(w[:i])] {
		next, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(next)
	}
	return false
}

// canStart reports whether a name may start at token i: not a function
// word, and not a sentence's first word that the article also writes in
// lower case and never capitalised inside a sentence ("Video posted
// online...").
func canStart(d *article.Document, toks []token, i int, lowerSeen, capSeen map[string]bool, c *cueTable) bool {
	t := toks[i]
	if c.stop[t.Norm] {
		return false
	}
	if sentenceInitial(d, toks, i) && !t.upper {
		if lowerSeen[t.Norm] && !capSeen[t.Norm] {
			// "Video posted online", but not "White said" where the
			// article also writes "Terry White".
			return false
		}
		// "Taking Deraa...": an English word opening the sentence, unless
		// it is a place ("Beijing").
		if wordShaped(t.text) && !resolvesAsPlace(t.text, geo.Context{}) {
			return false
		}
	}
	return true
}

func sentenceInitial(d *article.Document, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	gap := d.Text[toks[i-1].End:toks[i].Start]
	return strings.ContainsAny(gap, "\"“:")
}

// adjacent reports whether only spaces separate two tokens.
func adjacent(d *article.Document, a, b token) bool {
	if b.Start <= a.End {
		return b.Start == a.End
	}
	for _, r := range d.Text[a.End:b.Start] {
		if r != ' ' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// extendRun returns the last token of the name run starting at i.
func extendRun(d *article.Document, toks []token, i int, c *cueTable) int {
	j := i
	hasSuffix := c.suffixes[toks[i].Norm] != ""
	for j+1 < len(toks) && adjacent(d, toks[j], toks[j+1]) {
		k := j + 1
		if toks[k].nameWord && !c.stop[toks[k].Norm] {
			j = k
			hasSuffix = hasSuffix || c.suffixes[toks[k].Norm] != ""
			continue
		}
		// Particles and connectors belong to a name only when a name word
		// follows: "bin Laden", "Bank of England", "Observatory for Human Rights".
		n := k
		for n < len(toks) && n-k < 2 && (c.particles[toks[n].Norm] || hasSuffix && c.connectors[toks[n].Norm]) &&
			n+1 < len(toks) && adjacent(d, toks[n], toks[n+1]) {
			n++
		}
		if n == k && k+1 < len(toks) && c.connectors[toks[k].Norm] && c.titles[toks[j].Norm+" "+toks[k].Norm+" "+toks[k+1].Norm] {
			n = k + 1
		}
		if n == k || n >= len(toks) || !toks[n].nameWord || c.stop[toks[n].Norm] && !c.particles[toks[n].Norm] {
			break
		}
		j = n
		hasSuffix = hasSuffix || c.suffixes[toks[n].Norm] != ""
	}
	return j
}

// titleAt returns how many tokens from i form a title ("Foreign Minister"),
// longest first, or 0.
func titleAt(toks []token, i, last int, c *cueTable) int {
	for n := min(c.maxTitle, last-i+1); n >= 1; n-- {
		if c.titles[joinNorms(toks[i:i+n])] {
			return n
		}
	}
	return 0
}

func joinNorms(toks []token) string {
	if len(toks) == 1 {
		return strings.TrimSuffix(toks[0].Norm, ".")
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSuffix(t.Norm, "."))
	}
	return b.String()
}

// splitRun splits a run into a title prefix, which becomes the role of the
// person named after it ("Russian Foreign Minister" + "Sergei Orlov"), and
// the name. Demonyms and countries in the prefix are mentions of their own.
func splitRun(d *article.Document, si int, toks []token, first, last int, c *cueTable) ([]Mention, *candidate) {
	var demonyms []Mention
	p := first
	for p <= last && modifier(toks[p]) {
		p++
	}
	q := p
	for q <= last {
		n := titleAt(toks, q, last, c)
		if n == 0 {
			break
		}
		q += n
	}
	titled := q > p
	if !titled {
		q = first
	}
	name := q
	honorific := false
	for name <= last && c.honorifics[strings.TrimSuffix(toks[name].Norm, ".")] {
		name++
		honorific = true
	}
	if titled {
		for k := first; k < p; k++ {
			if m, ok := placeWord(d, si, toks[k]); ok {
				demonyms = append(demonyms, m)
			}
		}
	}
	if name > last && titled && first == last && !honorific {
		// A lone title word may be a family name the article gives
		// ("King said", after "Billy King"); it is kept only if an
		// earlier full name ends with it.
		cd := &candidate{sentence: si, first: first, last: last, bareTitle: true}
		cd.mention = Mention{Span: toks[first].Span, Text: toks[first].text, Sentence: si}
		return demonyms, cd
	}
	if name > last {
		if !titled && first == last {
			if m, ok := placeWord(d, si, toks[first]); ok {
				demonyms = append(demonyms, m)
			}
		}
		return demonyms, nil
	}
	if first == last && !toks[first].upper {
		if co, ok := demonym(toks[first].text); ok {
			if _, isCountry := countryByName(toks[first].text); !isCountry {
				return append(demonyms, Mention{Span: toks[first].Span, Text: toks[first].text, Type: DemonymKind, Sentence: si, country: co.Code}), nil
			}
		}
	}
	if q == last && c.alone[toks[q].Norm] {
		return demonyms, nil
	}
	cd := &candidate{sentence: si, first: q, last: last, honorific: honorific}
	cd.mention = Mention{
		Span:     article.Span{Start: toks[q].Start, End: toks[last].End},
		Sentence: si,
		acronym:  q == last && toks[q].upper,
	}
	cd.mention.Text = d.Text[cd.mention.Span.Start:cd.mention.Span.End]
	if titled {
		titleToks := toks[p:q]
		head := joinNorms(titleToks)
		if canon, ok := c.roles[head]; ok {
			head = canon
		}
		body := ""
		if p > first {
			body = bodyName(toks[first:p])
		}
		cd.mention.roles = append(cd.mention.roles, role{
			text: d.Text[toks[first].Start:toks[q-1].End], head: head, body: body, sentence: si,
		})
	}
	return demonyms, cd
}

// modifier reports whether a word may qualify a title: "Russian", "Russia",
// "TVF" in "TVF Leader".
func modifier(t token) bool {
	if t.upper {
		return true
	}
	if _, ok := demonym(t.text); ok {
		return true
	}
	_, ok := countryByName(t.text)
	return ok
}

// bodyName names the body a title belongs to, so that "Russian Foreign
// Minister" and "Russia's Foreign Minister" compare equal.
func bodyName(toks []token) string {
	s := toks[0].text
	if len(toks) > 1 {
		var b strings.Builder
		for i, t := range toks {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.text)
		}
		s = b.String()
	}
	if co, ok := countryByName(s); ok {
		return "country:" + co.Code
	}
	if co, ok := demonym(s); ok {
		return "country:" + co.Code
	}
	return s
}

// placeWord returns the country or demonym mention of a single word.
func placeWord(d *article.Document, si int, t token) (Mention, bool) {
	if co, ok := countryByName(t.text); ok {
		return Mention{Span: t.Span, Text: t.text, Type: Country, Sentence: si, country: co.Code}, true
	}
	if co, ok := demonym(t.text); ok {
		return Mention{Span: t.Span, Text: t.text, Type: DemonymKind, Sentence: si, country: co.Code}, true
	}
	return Mention{}, false
}

// titleCased reports whether most words of a heading, or of a line of
// several words, are capitalised, as in a headline.
func titleCased(d *article.Document, s article.Sentence) bool {
	capital := 0
	for _, t := range s.Tokens {
		r, _ := utf8.DecodeRuneInString(d.Text[t.Start:t.End])
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			capital++
		}
	}
	if s.Heading {
		return capital*2 > len(s.Tokens)
	}
	return len(s.Tokens) >= 8 && capital*4 >= len(s.Tokens)*3
}

// shouting reports whether a sentence of several words is written in
// capitals.
func shouting(d *article.Document, s article.Sentence) bool {
	if len(s.Tokens) < 2 {
		return false
	}
	upper := 0
	for _, t := range s.Tokens {
		if isAcronym(d.Text[t.Start:t.End]) {
			upper++
		}
	}
	return upper*10 >= len(s.Tokens)*6
}

// englishEndings are word endings of English words rarely found at the end
// of a name.
var englishEndings = []string{"ly", "ing", "ness", "tion", "sion", "ity", "ists", "ents", "ers", "ies", "ces", "ment", "ments", "ful", "ous", "ive", "able", "acy"}

// wordShaped reports whether a capitalised word looks like an English word
// rather than a name.
func wordShaped(w string) bool {
	lw := strings.ToLower(w)
	for _, e := range englishEndings {
		if strings.HasSuffix(lw, e) && len(lw) > len(e)+2 {
			return true
		}
	}
	return false
}
