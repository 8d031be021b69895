package corpus

import (
	"strings"
	"unicode"
)

// The edits a copy makes, as syndicating outlets make them.

// newHeadline returns another headline for the story, or one written from
// the lead when the story has no other.
func (g *Generator) newHeadline(src Article) string {
	var others []string
	for _, t := range g.pool.titles[src.Story] {
		if t != src.Title {
			others = append(others, t)
		}
	}
	if len(others) > 0 {
		return others[g.rng.IntN(len(others))]
	}
	lead, _, _ := strings.Cut(src.Text, "\n")
	title := g.headlineFromLead(lead)
	if title == src.Title {
		title = "Update: " + title
	}
	return title
}

// headlineFromLead writes a headline of the first six to ten words of the
// lead, as sites without a headline of their own do.
func (g *Generator) headlineFromLead(lead string) string {
	words := strings.Fields(lead)
	words = words[:min(len(words), 6+g.rng.IntN(5))]
	return capitalize(strings.TrimRight(strings.Join(words, " "), ",.;:"))
}

// extraParagraph inserts one paragraph of 3% to 12% of the body's words,
// from the same story where it has sentences, anywhere after the lead: the
// local angle or background an outlet adds to wire copy.
func (g *Generator) extraParagraph(story string, paragraphs []string) []string {
	words := countWords(paragraphs)
	most := max(4, words*12/100)
	least := max(1, words*3/100)
	source := g.pool.units[story]
	if len(source) == 0 || story == "" {
		source = g.pool.global
	}
	body := strings.Join(paragraphs, "\n")
	var added []string
	addedWords := 0
	for try := 0; try < 24 && addedWords < least; try++ {
		u := g.pick(source)
		if addedWords+u.words > most || strings.Contains(body, u.text) {
			continue
		}
		added = append(added, u.text)
		addedWords += u.words
	}
	if len(added) == 0 {
		// Every sentence drawn was too long for a short body: cut one.
		u := strings.Fields(g.pick(source).text)
		added = []string{strings.TrimRight(strings.Join(u[:min(len(u), most)], " "), ",;:") + "."}
	}
	at := 1 + g.rng.IntN(len(paragraphs))
	return insert(paragraphs, at, strings.Join(added, " "))
}

// editWords changes 0.5% to 2% of the words (at least one), each by
// replacing, dropping or adding a word, then restyles the punctuation,
// which changes nothing once text is folded.
func (g *Generator) editWords(paragraphs []string) []string {
	fields := make([][]string, len(paragraphs))
	total := 0
	for i, p := range paragraphs {
		fields[i] = strings.Fields(p)
		total += len(fields[i])
	}
	edits := max(1, int(float64(total)*(0.005+0.015*g.rng.Float64())+0.5))
	for range edits {
		// A word uniformly over the body.
		k := g.rng.IntN(total)
		i := 0
		for k >= len(fields[i]) {
			k -= len(fields[i])
			i++
		}
		switch op := g.rng.IntN(4); {
		case op <= 1:
			fields[i][k] = substitute(fields[i][k], g.rng.IntN(len(substitutes)))
		case op == 2 && len(fields[i]) > 3:
			fields[i] = append(fields[i][:k], fields[i][k+1:]...)
			total--
		default:
			fields[i] = insert(fields[i], k, insertions[g.rng.IntN(len(insertions))])
			total++
		}
	}
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.Join(f, " ")
	}
	if g.rng.IntN(2) == 0 {
		out = restyleQuotes(out)
	}
	if g.rng.IntN(2) == 0 {
		for i := range out {
			out[i] = strings.ReplaceAll(out[i], " - ", " \u2013 ")
		}
	}
	return out
}

// substitute replaces the word w keeping its punctuation: a digit of a
// number changes, a word gives way to another.
func substitute(w string, choice int) string {
	start := strings.IndexFunc(w, isWordRune)
	end := strings.LastIndexFunc(w, isWordRune)
	if start < 0 {
		return substitutes[choice]
	}
	core := w[start : end+1]
	if i := strings.IndexFunc(core, unicode.IsDigit); i >= 0 {
		d := core[i] - '0'
		if d <= 9 {
			core = core[:i] + string('0'+(d+1+byte(choice)%9)%10) + core[i+1:]
			return w[:start] + core + w[end+1:]
		}
	}
	replacement := substitutes[choice]
	if core == replacement {
		replacement = substitutes[(choice+1)%len(substitutes)]
	}
	return w[:start] + replacement + w[end+1:]
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// substitutes and insertions are what sub-editors swap in.
var (
	substitutes = []string{"said", "stated", "officials", "authorities", "several", "many", "residents",
		"people", "reported", "announced", "local", "national", "earlier", "later", "about", "nearly"}
	insertions = []string{"also", "reportedly", "now", "still", "however,", "meanwhile,", "then", "already"}
)

// restyleQuotes turns straight double quotes into typographic ones.
func restyleQuotes(paragraphs []string) []string {
	for i, p := range paragraphs {
		var b strings.Builder
		open := true
		for _, r := range p {
			if r == '"' {
				if open {
					r = '\u201c'
				} else {
					r = '\u201d'
				}
				open = !open
			}
			b.WriteRune(r)
		}
		paragraphs[i] = b.String()
	}
	return paragraphs
}

// cut keeps about the given share of the body's words: whole paragraphs
// from the top while they fit, then the words of the next paragraph up to
// the share, ending the cut sentence with a period. At least one
// paragraph's first words are kept.
func (g *Generator) cut(paragraphs []string, keep float64) []string {
	budget := int(float64(countWords(paragraphs))*keep + 0.5)
	var out []string
	for _, p := range paragraphs {
		w := strings.Fields(p)
		if len(w) <= budget {
			out = append(out, p)
			budget -= len(w)
			continue
		}
		if budget >= 3 || len(out) == 0 {
			tail := strings.Join(w[:max(budget, min(len(w), 3))], " ")
			out = append(out, strings.TrimRight(tail, ",;:")+".")
		}
		break
	}
	return out
}

func countWords(paragraphs []string) int {
	n := 0
	for _, p := range paragraphs {
		n += len(strings.Fields(p))
	}
	return n
}

func insert[T any](s []T, at int, v T) []T {
	s = append(s, v)
	copy(s[at+1:], s[at:])
	s[at] = v
	return s
}
