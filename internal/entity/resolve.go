package entity

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/geo"
)

// Confidence of each kind of link between two names.
const (
	confidenceExact           = 1.0
	confidenceTransliteration = 0.9
	confidenceShortForm       = 0.9
	confidenceTypo            = 0.75
	confidenceRole            = 0.6
)

// ref is one mention of the story.
type ref struct {
	doc, idx int
}

// node is one name of the story under one coarse type: the mentions whose
// full form folds to the same words.
type node struct {
	key      string   // coarse type | folded words
	typ      string   // coarse type: person, org, place, country
	words    []string // nameWords of the full form
	spelling []string // spellingKeys of the full form
	refs     []ref
	parent   int
	links    []article.EntityLink
	docs     map[int]bool
}

type story struct {
	docs     []*article.Document
	mentions [][]Mention
	nodes    []*node
	index    map[string]int
	acronyms map[string]string // acronym -> the full name some article defines it by
}

func coarse(t string) string {
	switch t {
	case Organisation, Group:
		return "org"
	}
	return t
}

func (s *story) find(i int) int {
	for s.nodes[i].parent != i {
		s.nodes[i].parent = s.nodes[s.nodes[i].parent].parent
		i = s.nodes[i].parent
	}
	return i
}

// union merges b's entity into a's, recording why.
func (s *story) union(a, b int, link article.EntityLink) bool {
	ra, rb := s.find(a), s.find(b)
	if ra == rb {
		return false
	}
	if len(s.nodes[rb].refs) > len(s.nodes[ra].refs) {
		ra, rb = rb, ra
	}
	s.nodes[rb].parent = ra
	s.nodes[ra].links = append(s.nodes[ra].links, s.nodes[rb].links...)
	if link.Alias != "" {
		s.nodes[ra].links = append(s.nodes[ra].links, link)
	}
	return true
}

func (s *story) mention(r ref) *Mention { return &s.mentions[r.doc][r.idx] }

func (s *story) sentence(r ref) string {
	d := s.docs[r.doc]
	m := s.mention(r)
	if m.Sentence < 0 || m.Sentence >= len(d.Sentences) {
		return m.Text
	}
	return d.SentenceText(m.Sentence)
}

func (s *story) docID(i int) string {
	if id := s.docs[i].ID; id != "" {
		return id
	}
	return fmt.Sprintf("doc%d", i+1)
}

// Resolve finds the entities and places of a story's documents, merging
// the names each outlet gives them. The result is deterministic: entities
// by mention count, most first, then by name, with ids e1, e2... in that
// order.
func Resolve(docs []*article.Document) (entities []article.Entity, places []article.Place) {
	mentions := make([][]Mention, len(docs))
	for i, d := range docs {
		if d != nil {
			mentions[i] = Mentions(d)
		}
	}
	return ResolveWith(docs, mentions)
}

// ResolveWith is Resolve on mentions already found: mentions[i] are the
// Mentions of docs[i]. Callers that need the mentions for other work too
// find them once.
func ResolveWith(docs []*article.Document, mentions [][]Mention) (entities []article.Entity, places []article.Place) {
	s := &story{index: map[string]int{}, acronyms: map[string]string{}}
	for i, d := range docs {
		if d == nil || i >= len(mentions) {
			continue
		}
		s.docs = append(s.docs, d)
		s.mentions = append(s.mentions, mentions[i])
	}
	countries := map[string]float64{}
	defined := map[string]map[string]int{}
	for _, ms := range s.mentions {
		for _, m := range ms {
			if m.country != "" {
				countries[m.country]++
			}
			if m.acronym && m.Expansion != "" {
				if defined[m.Text] == nil {
					defined[m.Text] = map[string]int{}
				}
				defined[m.Text][m.Expansion]++
			}
		}
	}
	for acr, fulls := range defined {
		s.acronyms[acr] = mostFrequent(fulls)
	}

	var weak, short []ref
	for di, ms := range s.mentions {
		for mi := range ms {
			m := &ms[mi]
			if m.Type == DemonymKind {
				continue
			}
			r := ref{di, mi}
			if m.acronym && m.Expansion == "" {
				if full, ok := s.acronyms[m.Text]; ok {
					m.Expansion = full
				}
			}
			switch {
			case m.weak && m.Expansion == "" && len(nameWords(m.Text)) <= 1:
				weak = append(weak, r)
				continue
			case (m.Type == Person || m.gazetteer) && m.Expansion == "" && len(nameWords(m.Text)) == 1:
				short = append(short, r)
				continue
			}
			s.add(r)
		}
	}
	s.mergeSpellings()
	// A weak mention takes the type of a strong name it equals; a short
	// person name joins the one full name of the story it ends.
	for _, r := range short {
		if !s.joinShortForm(r) {
			s.add(r)
		}
	}
	for _, r := range weak {
		if s.joinEqual(r) {
			continue
		}
		if s.joinShortForm(r) {
			continue
		}
		if !s.mention(r).doubtful {
			s.add(r)
		}
	}
	ctx := geo.Context{Countries: countries}
	s.mergeOrganisations()
	s.mergeInitials()
	s.mergePersonSuffixes()
	s.mergePlaces(ctx)
	s.linkRoles()
	return s.entities(ctx)
}

func mostFrequent(counts map[string]int) string {
	best, n := "", 0
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// fullForm is the name a mention stands for.
func fullForm(m *Mention) string {
	if m.Expansion != "" {
		return m.Expansion
	}
	return m.Text
}

// add files a mention under its node, creating it.
func (s *story) add(r ref) int {
	m := s.mention(r)
	words := nameWords(fullForm(m))
	typ := coarse(m.Type)
	key := typ + "|" + strings.Join(words, " ")
	if m.Type == Country && m.country != "" {
		// "US", "U.S.", "United States" and "America" are one country.
		key = typ + "|" + m.country
	}
	if g := honorificGender(fullForm(m)); g != "" && len(words) == 1 {
		// "Mr Jenkin" and "Miss Jenkin" are two people of one family.
		key += "|" + g
	}
	i, ok := s.index[key]
	if !ok {
		i = len(s.nodes)
		spelling := make([]string, len(words))
		for k, w := range words {
			spelling[k] = wordKey(w)
		}
		s.nodes = append(s.nodes, &node{key: key, typ: typ, words: words, spelling: spelling, parent: i, docs: map[int]bool{}})
		s.index[key] = i
	}
	n := s.nodes[i]
	if m.Expansion == "" && len(n.refs) > 0 {
		if first := s.mention(n.refs[0]); first.Expansion == "" && first.Text != m.Text && !s.hasLink(i, m.Text) {
			n.links = append(n.links, article.EntityLink{
				Alias:      m.Text,
				Evidence:   fmt.Sprintf("same name as %q but for case, diacritics, hyphens, honorifics or Jr./Sr., in %s: %s", first.Text, s.docID(r.doc), s.sentence(r)),
				Confidence: confidenceExact,
			})
		}
	}
	n.refs = append(n.refs, r)
	n.docs[r.doc] = true
	if m.Expansion != "" && m.Expansion != m.Text {
		kind, conf := "short form", confidenceShortForm
		if m.acronym {
			kind, conf = "acronym", confidenceExact
		}
		if !s.hasLink(i, m.Text) {
			n.links = append(n.links, article.EntityLink{
				Alias:      m.Text,
				Evidence:   fmt.Sprintf("%s of %q in %s: %s", kind, m.Expansion, s.docID(r.doc), s.sentence(r)),
				Confidence: conf,
			})
		}
	}
	return i
}

func (s *story) hasLink(i int, alias string) bool {
	for _, l := range s.nodes[i].links {
		if l.Alias == alias {
			return true
		}
	}
	return false
}

// mergeSpellings merges names of one type whose words agree once spelling
// variants are absorbed (1.0 when only diacritics, hyphens or geo's
// spelling rules differ, 0.9 for transliteration), or, for long names
// never found in one article together, differ by one letter (0.75) where
// the names share a role or a co-occurring entity.
func (s *story) mergeSpellings() {
	n := len(s.nodes)
	// The same words typed two ways, one only by guess ("Lindsay Lohan" as
	// a person and, once, as an organisation), are one name.
	byWords := map[string][]int{}
	for i := 0; i < n; i++ {
		if s.nodes[i].typ != Country {
			w := strings.Join(s.nodes[i].words, " ")
			byWords[w] = append(byWords[w], i)
		}
	}
	for i := 0; i < n; i++ {
		for _, j := range byWords[strings.Join(s.nodes[i].words, " ")] {
			if j <= i || s.attested(i) == s.attested(j) {
				continue
			}
			weak, strong := i, j
			if s.attested(i) {
				weak, strong = j, i
			}
			s.nodes[weak].typ = s.nodes[strong].typ
			s.union(strong, weak, article.EntityLink{})
		}
	}
	bySpelling := map[string]int{}
	byTranslit := map[string]int{}
	for i := 0; i < n; i++ {
		nd := s.nodes[i]
		if nd.typ == Country {
			continue
		}
		sk := nd.typ + "|" + strings.Join(nd.spelling, " ")
		if j, ok := bySpelling[sk]; ok {
			why, conf := "same name written differently", confidenceExact
			if strings.Join(s.nodes[j].words, "") != strings.Join(nd.words, "") {
				why, conf = "spelling variant", confidenceTransliteration
			}
			s.union(j, i, s.nameLink(j, i, why, conf))
		} else {
			bySpelling[sk] = i
		}
		if nd.typ != Person || len(nd.words) < 2 {
			continue
		}
		tk := nd.typ + "|" + transliterationKey(nd.spelling)
		if j, ok := byTranslit[tk]; ok {
			s.union(j, i, s.nameLink(j, i, "transliteration variant", confidenceTransliteration))
		} else {
			byTranslit[tk] = i
		}
	}
	// A middle name written or left out: "Mark Jay Heller", "Mark Heller".
	byEnds := map[string][]int{}
	for i := 0; i < n; i++ {
		nd := s.nodes[i]
		if nd.typ == Person && len(nd.spelling) >= 2 {
			k := skeleton(nd.spelling[0]) + " " + skeleton(nd.spelling[len(nd.spelling)-1])
			byEnds[k] = append(byEnds[k], i)
		}
	}
	for i := 0; i < n; i++ {
		nd := s.nodes[i]
		if nd.typ != Person || len(nd.spelling) < 2 {
			continue
		}
		for _, j := range byEnds[skeleton(nd.spelling[0])+" "+skeleton(nd.spelling[len(nd.spelling)-1])] {
			if len(s.nodes[j].spelling) > len(nd.spelling) && subsequence(nd.spelling, s.nodes[j].spelling) {
				s.union(j, i, s.nameLink(j, i, "same first and last names, middle name left out", confidenceTransliteration))
			}
		}
	}
	for i := 0; i < n; i++ {
		a := s.nodes[i]
		if a.typ != Person || len(a.words) < 2 {
			continue
		}
		ja := strings.Join(a.spelling, "")
		if len(ja) < 8 {
			continue
		}
		for j := i + 1; j < n; j++ {
			b := s.nodes[j]
			if b.typ != Person || len(b.words) != len(a.words) || s.find(i) == s.find(j) {
				continue
			}
			if !editDistanceAtMostOne(ja, strings.Join(b.spelling, "")) || s.cooccur(i, j) || !s.shareContext(i, j) {
				continue
			}
			s.union(i, j, s.nameLink(i, j, "one letter apart, in articles naming the same actors", confidenceTypo))
		}
	}
}

// nameLink records that node b's name was tied to node a's.
func (s *story) nameLink(a, b int, why string, conf float64) article.EntityLink {
	ma, mb := s.mention(s.nodes[a].refs[0]), s.mention(s.nodes[b].refs[0])
	return article.EntityLink{
		Alias:      fullForm(mb),
		Evidence:   fmt.Sprintf("%s of %q: %s", why, fullForm(ma), s.sentence(s.nodes[b].refs[0])),
		Confidence: conf,
	}
}

// cooccur reports whether one article names both nodes: two spellings in
// one article are more likely two people than a typo.
func (s *story) cooccur(a, b int) bool {
	for d := range s.nodes[a].docs {
		if s.nodes[b].docs[d] {
			return true
		}
	}
	return false
}

// shareContext reports whether two person nodes share a role or another
// named actor in their articles.
func (s *story) shareContext(a, b int) bool {
	heads := map[string]bool{}
	for _, r := range s.nodes[a].refs {
		for _, ro := range s.mention(r).roles {
			heads[ro.head] = true
		}
	}
	for _, r := range s.nodes[b].refs {
		for _, ro := range s.mention(r).roles {
			if heads[ro.head] {
				return true
			}
		}
	}
	others := func(n *node) map[string]bool {
		set := map[string]bool{}
		for d := range n.docs {
			for _, m := range s.mentions[d] {
				if m.Type == Person || coarse(m.Type) == "org" {
					set[strings.Join(nameWords(fullForm(&m)), " ")] = true
				}
			}
		}
		delete(set, strings.Join(n.words, " "))
		return set
	}
	oa, ob := others(s.nodes[a]), others(s.nodes[b])
	for k := range oa {
		if ob[k] {
			return true
		}
	}
	return false
}

// joinEqual files a weakly typed mention under a strongly typed name it
// equals, preferring a person, then an organisation, then a place.
func (s *story) joinEqual(r ref) bool {
	m := s.mention(r)
	words := strings.Join(nameWords(fullForm(m)), " ")
	for _, typ := range []string{Person, "org", Place, Country} {
		if i, ok := s.index[typ+"|"+words]; ok {
			m.Type = s.typeOf(i)
			m.weak = false
			s.nodes[i].refs = append(s.nodes[i].refs, r)
			s.nodes[i].docs[r.doc] = true
			return true
		}
	}
	return false
}

func (s *story) typeOf(i int) string {
	for _, r := range s.nodes[i].refs {
		if m := s.mention(r); !m.weak {
			return m.Type
		}
	}
	return s.mention(s.nodes[i].refs[0]).Type
}

// joinShortForm files a one-word person name ("Rashid") under the story's
// full person name ending with it. When several do (a father and a son),
// it goes to the one named most often if it is named at least twice as
// often as the next, at role-link confidence; otherwise it stays apart.
func (s *story) joinShortForm(r ref) bool {
	m := s.mention(r)
	words := nameWords(fullForm(m))
	if len(words) == 0 || m.acronym {
		return false
	}
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	counts := map[int]int{}
	for i, n := range s.nodes {
		if n.typ == Person && isSuffix(keys, n.spelling) && s.attested(i) {
			counts[s.find(i)] += len(n.refs)
		}
	}
	typo := false
	if len(counts) == 0 && len(keys) == 1 && len(keys[0]) >= 7 {
		// "Pederson" for "Pedersen": one letter off a long family name
		// that only one person of the story has.
		for i, n := range s.nodes {
			if n.typ == Person && len(n.spelling) >= 2 && s.attested(i) && editDistanceAtMostOne(keys[0], n.spelling[len(n.spelling)-1]) {
				counts[s.find(i)] += len(n.refs)
			}
		}
		if len(counts) != 1 {
			return false
		}
		typo = true
	}
	if len(counts) == 0 {
		return false
	}
	roots := make([]int, 0, len(counts))
	for root := range counts {
		roots = append(roots, root)
	}
	slices.SortFunc(roots, func(a, b int) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return a - b
	})
	if len(roots) > 1 && counts[roots[0]] == counts[roots[1]] {
		return false
	}
	best, conf, why := roots[0], confidenceShortForm, "short form"
	if len(roots) > 1 {
		if counts[roots[0]] < 2*counts[roots[1]] {
			return false
		}
		conf, why = confidenceRole, "short form shared by several people, given to the one named most"
	}
	if typo {
		conf, why = confidenceTypo, "one letter off the family name"
	}
	full := fullForm(s.mention(s.nodes[best].refs[0]))
	m.Type, m.weak, m.Expansion = Person, false, full
	nd := s.nodes[best]
	nd.refs = append(nd.refs, r)
	nd.docs[r.doc] = true
	if !s.hasLink(best, m.Text) {
		nd.links = append(nd.links, article.EntityLink{
			Alias:      m.Text,
			Evidence:   fmt.Sprintf("%s of %q in %s: %s", why, full, s.docID(r.doc), s.sentence(r)),
			Confidence: conf,
		})
	}
	return true
}

// mergePlaces merges place names that the gazetteer resolves to one place
// ("Suweida", "Sweida").
func (s *story) mergePlaces(ctx geo.Context) {
	byID := map[int]int{}
	for i, n := range s.nodes {
		if n.typ != Place || len(n.refs) == 0 {
			continue
		}
		p, ok := geo.Resolve(fullForm(s.mention(n.refs[0])), ctx)
		if !ok {
			continue
		}
		if j, seen := byID[p.ID]; seen {
			s.union(j, i, s.nameLink(j, i, "the gazetteer's name for the same place, "+p.Name+",", confidenceTransliteration))
			continue
		}
		byID[p.ID] = i
	}
}

// attested reports whether some mention of a node was typed from a cue,
// not guessed: a short form should only stand for a name known to be one.
func (s *story) attested(i int) bool {
	for _, r := range s.nodes[i].refs {
		if !s.mention(r).weak {
			return true
		}
	}
	return false
}

// subsequence reports whether short's words appear in long in order.
func subsequence(short, long []string) bool {
	j := 0
	for _, w := range long {
		if j < len(short) && short[j] == w {
			j++
		}
	}
	return j == len(short)
}

// mergeOrganisations ties the short form of an organisation's name to the
// one longer name of the story that it ends ("Red Sox" of "Boston Red
// Sox") or that it is without its organisational words ("Betty Ford" of
// "Betty Ford Center"). A short form that is itself only such a word
// ("Army") or that fits several names stays apart.
func (s *story) mergeOrganisations() {
	c := cues()
	var orgs []int
	for i, n := range s.nodes {
		if n.typ == "org" && len(n.refs) > 0 {
			orgs = append(orgs, i)
		}
	}
	// Longest names first, so that "Sox" finds "Red Sox" already tied to
	// "Boston Red Sox".
	slices.SortStableFunc(orgs, func(a, b int) int { return len(s.nodes[b].words) - len(s.nodes[a].words) })
	for _, i := range orgs {
		short := s.nodes[i]
		if len(short.words) == 1 && (c.suffixes[short.words[0]] != "" || c.titles[short.words[0]]) {
			continue
		}
		roots := map[int]int{}
		for _, j := range orgs {
			long := s.nodes[j]
			if j == i || len(long.spelling) <= len(short.spelling) {
				continue
			}
			base := long.spelling
			for len(base) > 1 && c.suffixes[long.words[len(base)-1]] != "" {
				base = base[:len(base)-1]
			}
			if isSuffix(short.spelling, long.spelling) || slices.Equal(short.spelling, base) {
				roots[s.find(j)] = j
			}
		}
		if len(roots) != 1 {
			continue
		}
		for _, j := range roots {
			s.union(j, i, s.nameLink(j, i, "short form of an organisation's name", confidenceShortForm))
		}
	}
}

// mergePersonSuffixes ties a person's name that was only guessed to be one
// and that ends the name of exactly one attested person ("Lo Presti" of
// "Gaetano Lo Presti", "Mark Felt" of "W. Mark Felt").
func (s *story) mergePersonSuffixes() {
	for i, short := range s.nodes {
		if short.typ != Person || len(short.refs) == 0 {
			continue
		}
		roots := map[int]int{}
		for j, long := range s.nodes {
			// A one-word short form must end a name known to be a
			// person's; two words ("Red Sox", "Lo Presti") say enough.
			if j != i && long.typ == Person && (s.attested(j) || len(short.spelling) >= 2) && isSuffix(short.spelling, long.spelling) {
				roots[s.find(j)] = j
			}
		}
		if len(roots) != 1 {
			continue
		}
		for _, j := range roots {
			s.union(j, i, s.nameLink(j, i, "short form of a person's name", confidenceShortForm))
		}
	}
}

// honorificGender returns "m" or "f" when a name opens with a gendered
// honorific, else "".
func honorificGender(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	switch strings.TrimSuffix(strings.ToLower(first), ".") {
	case "mr", "sir", "lord":
		return "m"
	case "mrs", "ms", "miss", "dame", "lady":
		return "f"
	}
	return ""
}

// stopInitials are the words an acronym's letters skip: "The Hollywood
// Reporter" is THR, "Academy of Motion Picture Arts" AMPA.
var stopInitials = map[string]bool{"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "de": true}

// mergeInitials ties an acronym no article defines to the one name of the
// story whose initials it spells ("CHP", "California Highway Patrol"), at
// typo confidence since nothing in the text says so.
func (s *story) mergeInitials() {
	byInitials := map[string]map[int]int{}
	for i, n := range s.nodes {
		if len(n.words) < 2 || n.typ == Place || n.typ == Country || n.typ == Person && s.attested(i) {
			continue
		}
		var b strings.Builder
		for _, w := range strings.Fields(strings.Join(n.words, " ")) {
			if !stopInitials[w] {
				r, _ := utf8.DecodeRuneInString(w)
				b.WriteRune(r)
			}
		}
		k := b.String()
		if utf8.RuneCountInString(k) < 2 {
			continue
		}
		if byInitials[k] == nil {
			byInitials[k] = map[int]int{}
		}
		byInitials[k][s.find(i)] = i
	}
	for i, n := range s.nodes {
		if len(n.refs) == 0 || len(n.words) != 1 {
			continue
		}
		m := s.mention(n.refs[0])
		if !m.acronym || m.Expansion != "" {
			continue
		}
		cands := byInitials[strings.ToLower(strings.ReplaceAll(m.Text, ".", ""))]
		if len(cands) != 1 {
			continue
		}
		for _, j := range cands {
			s.union(j, i, s.nameLink(j, i, "acronym spelled by the initials", confidenceTypo))
		}
	}
}
