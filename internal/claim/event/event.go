// Package event reads event statements from an article: who did what to
// whom or where, and whether the article asserts it, negates it ("did not
// enter") or reports a denial of it ("the ministry denied that rebels had
// entered the city"), so that a denial is never counted as support.
package event

import (
	_ "embed"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/entity"
)

// Polarities of an Event.
const (
	Asserted = "asserted" // the article reports it happened
	Negated  = "negated"  // the article says it did not happen
	Denied   = "denied"   // the article reports someone denying it
)

// Event is one event statement of an article.
type Event struct {
	Sentence int
	Actor    string       // the actor's name as the article gives it; its full name for a short form
	Action   string       // the action's name from verbs.txt: "leave", "enter"
	Verb     article.Span // the verb as written
	Object   string       // the place or entity acted on, "" when none is named nearby
	Polarity string
	Denier   string // who denies it, for a Denied event; "" when not named
	// When is the time expression nearest the verb in its sentence ("early
	// on Sunday", "on December 7"), resolved when the article's date allows.
	When claim.TimeExpr
}

//go:embed verbs.txt
var verbData string

//go:embed cues.txt
var cueData string

// actions maps a verb's folded form (multi-word forms joined by '-') to its action.
var actions = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(verbData, "\n") {
		name, forms, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.Fields(forms) {
			m[f] = strings.TrimSpace(name)
		}
	}
	return m
}()

var denials, negations, actorNouns, heads, fillers, boundaries = func() (map[string]bool, map[string]bool, map[string]bool, map[string]bool, map[string]bool, map[string]bool) {
	d, n, a, h, f, b := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	var cur map[string]bool
	for _, line := range strings.Split(cueData, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line == "[denial]":
			cur = d
		case line == "[negation]":
			cur = n
		case line == "[actor]":
			cur = a
		case line == "[head]":
			cur = h
		case line == "[filler]":
			cur = f
		case line == "[boundary]":
			cur = b
		case cur != nil:
			cur[line] = true
		}
	}
	return d, n, a, h, f, b
}()

// actorWindow is how many tokens before a verb its actor may stand, and
// objectWindow how many after it its object: news clauses are short, and a
// farther name is usually another clause's.
const (
	actorWindow  = 10
	objectWindow = 6
)

// Extract returns the event statements of d in text order.
func Extract(d *article.Document) []Event { return ExtractWith(d, entity.Mentions(d)) }

// ExtractWith is Extract given the document's entity mentions.
func ExtractWith(d *article.Document, mentions []entity.Mention) []Event {
	bySentence := map[int][]entity.Mention{}
	for _, m := range mentions {
		bySentence[m.Sentence] = append(bySentence[m.Sentence], m)
	}
	timesBySentence := map[int][]claim.TimeExpr{}
	for _, t := range claim.Times(d) {
		timesBySentence[t.Sentence] = append(timesBySentence[t.Sentence], t)
	}
	var out []Event
	for si, s := range d.Sentences {
		if s.Heading {
			continue
		}
		toks := s.Tokens
		for i := 0; i < len(toks); i++ {
			action, width := verbAt(toks, i)
			if action == "" {
				continue
			}
			verb := article.Span{Start: toks[i].Start, End: toks[i+width-1].End}
			ev := Event{Sentence: si, Action: action, Verb: verb, Polarity: Asserted}
			denialAt := -1
			for k := i - 1; k >= 0; k-- {
				if denials[toks[k].Norm] || k+1 < i && denials[toks[k].Norm+" "+toks[k+1].Norm] {
					denialAt = k
					break
				}
			}
			// "The bridge was closed on Tuesday": in the passive the subject
			// is what was acted on, and the actor goes unnamed.
			if i > 0 && passiveAux[toks[i-1].Norm] {
				ev.Object = passiveSubject(d, toks, bySentence[si], i-1)
				if ev.Object != "" {
					ev.When = nearestTime(timesBySentence[si], verb)
					out = append(out, ev)
				}
				i += width - 1
				continue
			}
			// The closer of a name and an actor noun is the actor: in
			// "aides said the president had left", the president left.
			actor, actorAt := nearestBefore(bySentence[si], toks, i, max(denialAt, 0), false)
			noun, nounAt := actorNounBefore(toks, i, max(denialAt, 0))
			var name string
			if actor != nil {
				name, actorAt = phrase(d, toks, *actor, actorAt, i)
			}
			switch {
			case actor != nil && actorAt >= nounAt:
				ev.Actor = name
			case noun != "":
				ev.Actor, actorAt = noun, nounAt
			default:
				i += width - 1
				continue
			}
			if denialAt >= 0 && denialAt < actorAt {
				ev.Polarity = Denied
				if who, at := nearestBefore(bySentence[si], toks, denialAt, 0, false); who != nil {
					ev.Denier, _ = phrase(d, toks, *who, at, denialAt)
				}
			} else if negatedBefore(toks, i) {
				ev.Polarity = Negated
			}
			if obj := nearestAfter(bySentence[si], toks, i+width); obj != nil {
				ev.Object = fullName(*obj)
			} else {
				ev.Object = nounObject(d, toks, i+width)
			}
			ev.When = nearestTime(timesBySentence[si], verb)
			out = append(out, ev)
			i += width - 1
		}
	}
	return out
}

// verbAt returns the action of the verb starting at token i and how many
// tokens it spans.
func verbAt(toks []article.Token, i int) (string, int) {
	if i+1 < len(toks) {
		if a, ok := actions[toks[i].Norm+"-"+toks[i+1].Norm]; ok {
			return a, 2
		}
	}
	return actions[toks[i].Norm], 1
}

// passiveAux are the auxiliaries of a passive: "was closed", "had been seized".
var passiveAux = map[string]bool{"was": true, "were": true, "been": true, "is": true, "are": true, "be": true, "being": true}

// passiveSubject is what a passive verb acts on: the name or noun ending
// right before its auxiliary at token aux, or, when an apposition stands
// between ("The bridge, the town's only crossing, was closed"), right
// before the apposition's opening comma.
func passiveSubject(d *article.Document, toks []article.Token, ms []entity.Mention, aux int) string {
	end := aux - 1
	for end >= 0 && (passiveAux[toks[end].Norm] || toks[end].Norm == "had" || toks[end].Norm == "has" || toks[end].Norm == "have") {
		end-- // "had been closed"
	}
	if end < 0 {
		return ""
	}
	if strings.Contains(d.Text[toks[end].End:toks[aux].Start], ",") {
		for k := end; k > 0; k-- {
			if strings.Contains(d.Text[toks[k-1].End:toks[k].Start], ",") {
				end = k - 1
				break
			}
		}
		if end == aux-1 {
			return ""
		}
	}
	for _, m := range ms {
		if m.Type != entity.DemonymKind && lastTokenBefore(toks, m.Span.End) == end {
			return fullName(m)
		}
	}
	return nounBefore(d, toks, end+1)
}

// nounBefore is the common-noun phrase ending just before token i
// ("the bridge was closed" gives "bridge"), or "".
func nounBefore(d *article.Document, toks []article.Token, i int) string {
	last := i - 1
	first := last
	for first >= 0 && last-first < maxObjectWords && isLower(d, toks[first]) && !boundaries[toks[first].Norm] &&
		toks[first].Norm != "the" && toks[first].Norm != "a" && toks[first].Norm != "an" {
		first--
	}
	if first == last {
		return ""
	}
	return d.Text[toks[first+1].Start:toks[last].End]
}

// nearestBefore is the actor-like mention (or, with anyType, any mention) (a person, organisation or group;
// a country acting as a state) ending closest before token i, but not
// before token floor.
func nearestBefore(ms []entity.Mention, toks []article.Token, i, floor int, anyType bool) (*entity.Mention, int) {
	var best *entity.Mention
	bestAt := -1
	for k := range ms {
		m := &ms[k]
		if !anyType && !actorType(m.Type) || m.Type == entity.DemonymKind {
			continue
		}
		at := lastTokenBefore(toks, m.Span.End)
		if at < floor || at >= i || i-at > actorWindow || at <= bestAt {
			continue
		}
		best, bestAt = m, at
	}
	return best, bestAt
}

// nearestAfter is the place or entity mention that follows token i with
// only filler words between: the verb's object.
func nearestAfter(ms []entity.Mention, toks []article.Token, i int) *entity.Mention {
	for k := range ms {
		m := &ms[k]
		if m.Type == entity.DemonymKind {
			continue
		}
		at := tokenIndex(toks, m.Span.Start)
		if at < i || at-i > objectWindow {
			continue
		}
		for k := i; k < at; k++ {
			if !fillers[toks[k].Norm] {
				return nil
			}
		}
		return m
	}
	return nil
}

func actorType(t string) bool {
	switch t {
	case entity.Person, entity.Organisation, entity.Group, entity.Country:
		return true
	}
	return false
}

// tokenIndex is the index of the token holding byte offset off (the last
// token starting at or before it).
func tokenIndex(toks []article.Token, off int) int {
	idx := -1
	for k, t := range toks {
		if t.Start >= off {
			if t.Start == off {
				return k
			}
			break
		}
		idx = k
	}
	return idx
}

// phrase names the actor a mention ending at token at stands for, before
// token limit, and the index of the phrase's last token: the mention's full
// name, or in "X regime officials" and "X's wife" the phrase the name
// modifies, which is not X.
func phrase(d *article.Document, toks []article.Token, m entity.Mention, at, limit int) (string, int) {
	last := at
	for last+1 < limit && heads[toks[last+1].Norm] {
		last++
		if toks[last].Norm == "'s" && last+1 < limit && isLower(d, toks[last+1]) {
			last++ // "Syria's presidency": the possessed noun is the actor
		}
	}
	if last > at {
		return d.Text[m.Span.Start:toks[last].End], last
	}
	return fullName(m), at
}

// nearestTime is the time expression closest to the verb; a period's start
// ("since late November") says when something began, not when it happened.
func nearestTime(ts []claim.TimeExpr, verb article.Span) claim.TimeExpr {
	var best claim.TimeExpr
	bestGap := -1
	for _, t := range ts {
		if t.Since {
			continue
		}
		gap := t.Start - verb.End
		if t.End <= verb.Start {
			gap = verb.Start - t.End
		}
		if gap < 0 {
			gap = 0
		}
		if bestGap < 0 || gap < bestGap {
			best, bestGap = t, gap
		}
	}
	return best
}

// maxObjectWords bounds a common-noun object: "the customs house", "the
// main airport".
const maxObjectWords = 3

// nounObject is the common-noun phrase right after a verb, without its
// article ("seized the customs house on Tuesday" gives "customs house"),
// or "" when none follows.
func nounObject(d *article.Document, toks []article.Token, i int) string {
	if i < len(toks) && (toks[i].Norm == "the" || toks[i].Norm == "a" || toks[i].Norm == "an") {
		i++
	}
	first, last := i, i-1
	for k := i; k < len(toks) && k-i < maxObjectWords; k++ {
		if boundaries[toks[k].Norm] || !isLower(d, toks[k]) || !adjacentTokens(d, toks[k-1], toks[k]) {
			break
		}
		last = k
	}
	if last < first {
		return ""
	}
	return d.Text[toks[first].Start:toks[last].End]
}

// adjacentTokens reports two tokens separated by spaces only: punctuation
// between them ends a phrase.
func adjacentTokens(d *article.Document, a, b article.Token) bool {
	return strings.TrimSpace(d.Text[a.End:b.Start]) == ""
}

func isLower(d *article.Document, t article.Token) bool {
	c := d.Text[t.Start]
	return c >= 'a' && c <= 'z'
}

// lastTokenBefore is the index of the last token starting before byte
// offset end: a mention's last token, given the mention's end.
func lastTokenBefore(toks []article.Token, end int) int {
	idx := -1
	for k, t := range toks {
		if t.Start >= end {
			break
		}
		idx = k
	}
	return idx
}

func negatedBefore(toks []article.Token, i int) bool {
	for k := max(0, i-3); k < i; k++ {
		n := toks[k].Norm
		if negations[n] || strings.HasSuffix(n, "n't") || k+1 < i && negations[n+" "+toks[k+1].Norm] {
			return true
		}
	}
	return false
}

// actorNounBefore is the closest actor noun ("rebels", "security forces")
// before token i and not before token floor, with its index.
func actorNounBefore(toks []article.Token, i, floor int) (string, int) {
	for k := i - 1; k >= floor && i-k <= actorWindow; k-- {
		if k > floor && actorNouns[toks[k-1].Norm+" "+toks[k].Norm] {
			return toks[k-1].Norm + " " + toks[k].Norm, k
		}
		if actorNouns[toks[k].Norm] {
			return toks[k].Norm, k
		}
	}
	return "", -1
}

func fullName(m entity.Mention) string {
	if m.Expansion != "" {
		return m.Expansion
	}
	return m.Text
}
