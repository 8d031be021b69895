package compare

import (
	"fmt"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/claim"
	"github.com/corroborate/corroborate/internal/claim/event"
	"github.com/corroborate/corroborate/internal/claim/quote"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/text"
)

// eventItem is one event statement of one article.
type eventItem struct {
	doc     *article.Document
	claimID string
	ev      event.Event
}

// Events compares the event statements of a story's documents, given by
// document id in the order event.Extract returns them. The same
// action by the same actor, asserted in some articles and negated or denied
// in others, is a conflict: a denial is never counted as support. An action
// asserted by several independent origins, and denied by none, is agreed.
// Actors meet through the story's entities: every alias of an entity, and a
// role word ("the president") that only one entity holds.
func Events(docs []*article.Document, events map[string][]event.Event, entities []article.Entity, origins [][]string) (conflicts, agreements []article.Comparison) {
	resolve := actorResolver(entities)
	originOf := originIndex(origins)
	groups := map[string][]eventItem{}
	var keys []string
	for _, d := range docs {
		for n, ev := range events[d.ID] {
			// An actor no entity names still meets others by its words.
			actor := resolve(ev.Actor)
			key := text.Fold(actor) + "|" + ev.Action
			if _, ok := groups[key]; !ok {
				keys = append(keys, key)
			}
			ev.Actor = actor
			groups[key] = append(groups[key], eventItem{doc: d, claimID: event.ClaimID(d.ID, n), ev: ev})
		}
	}
	conflicts, agreements = []article.Comparison{}, []article.Comparison{}
	conflicts = append(conflicts, dayConflicts(keys, groups, originOf)...)
	for _, key := range keys {
		items := groups[key]
		var asserted, against []eventItem
		for _, it := range items {
			if it.ev.Polarity == event.Asserted {
				asserted = append(asserted, it)
			} else {
				against = append(against, it)
			}
		}
		actor, action := items[0].ev.Actor, items[0].ev.Action
		c := article.Comparison{About: actor + ": " + action, Origins: countOriginsOf(items, originOf)}
		switch {
		case len(asserted) > 0 && len(against) > 0:
			c.Verdict = article.Conflict
			c.Sides = []article.Side{eventSide(asserted, "reported"), eventSide(against, "denied or negated")}
			c.Explanation = explainEvent(actor, action, asserted, against, originOf)
			splitOrigins(&c, originOf)
			conflicts = append(conflicts, c)
		case len(asserted) > 0 && c.Origins > 1 && countOriginsOf(asserted, originOf) > 1:
			c.Verdict = article.Agreed
			c.Sides = []article.Side{eventSide(asserted, "reported")}
			c.Explanation = fmt.Sprintf("%d independent origins report it and none denies it.", c.Origins)
			agreements = append(agreements, c)
		}
	}
	return conflicts, agreements
}

// dayConflicts finds one action on one object said to happen on different
// days: "seized the city on Saturday" against "on Sunday".
func dayConflicts(keys []string, groups map[string][]eventItem, originOf map[string]int) []article.Comparison {
	byObject := map[string][]eventItem{}
	var order []string
	for _, key := range keys {
		for _, it := range groups[key] {
			if it.ev.Polarity != event.Asserted || it.ev.Object == "" || dayOf(it.ev.When) == "" {
				continue
			}
			k := it.ev.Action + "|" + text.Fold(it.ev.Object)
			if _, ok := byObject[k]; !ok {
				order = append(order, k)
			}
			byObject[k] = append(byObject[k], it)
		}
	}
	var out []article.Comparison
	for _, k := range order {
		items := byObject[k]
		days := map[string][]eventItem{}
		var labels []string
		for _, it := range items {
			day := dayOf(it.ev.When)
			if _, ok := days[day]; !ok {
				labels = append(labels, day)
			}
			days[day] = append(days[day], it)
		}
		if len(labels) < 2 || !sameKind(labels) {
			continue
		}
		c := article.Comparison{
			Verdict: article.Conflict,
			About:   fmt.Sprintf("%s: %s, on which day", items[0].ev.Object, items[0].ev.Action),
			Origins: countOriginsOf(items, originOf),
		}
		var parts []string
		for _, day := range labels {
			s := eventSide(days[day], "on "+day)
			c.Sides = append(c.Sides, s)
			parts = append(parts, fmt.Sprintf("%s in %s", day, strings.Join(s.Articles, ", ")))
		}
		c.Explanation = fmt.Sprintf("The articles name different days for %q %s: %s. %s",
			items[0].ev.Action, items[0].ev.Object, strings.Join(parts, "; "), publicationNote(items))
		splitOrigins(&c, originOf)
		out = append(out, c)
	}
	return out
}

// dayOf names the day a time expression gives: its date when resolved
// against a stated publication date or stated outright, else its weekday
// as written ("Saturday"); "" when it names no day.
func dayOf(t claim.TimeExpr) string {
	if t.Precision == claim.PrecisionDay && !t.Date.IsZero() && !t.Inferred {
		return t.Date.Format("2006-01-02")
	}
	for _, w := range strings.Fields(text.Fold(t.Text)) {
		w = strings.Trim(w, ".,;:")
		if weekdayNames[w] {
			return strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return ""
}

var weekdayNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// sameKind reports whether the day labels are all dates or all weekdays: a
// weekday and a date may name the same day.
func sameKind(labels []string) bool {
	weekday := weekdayNames[strings.ToLower(labels[0])]
	for _, l := range labels[1:] {
		if weekdayNames[strings.ToLower(l)] != weekday {
			return false
		}
	}
	return true
}

// publicationNote gives the articles' dates, which may explain a
// difference: a report published a day later may date the event otherwise.
func publicationNote(items []eventItem) string {
	var dates []string
	for _, id := range articlesOf(items) {
		var d *article.Document
		for _, it := range items {
			if it.doc.ID == id {
				d = it.doc
				break
			}
		}
		switch {
		case d.Published.IsZero():
			dates = append(dates, id+" is undated")
		case d.PublishedInferred:
			dates = append(dates, id+" was published on or after "+d.Published.Format("2006-01-02"))
		default:
			dates = append(dates, id+" was published on "+d.Published.Format("2006-01-02"))
		}
	}
	return "Publication dates, which may explain the difference: " + strings.Join(dates, "; ") + "."
}

// ResolveNames rewrites the speakers of claims, and the subjects of event
// and quote claims, to the story's entity names: "Trump" in one article and
// "Donald Trump" in another are one speaker.
func ResolveNames(claims []article.Claim, entities []article.Entity) {
	resolve := actorResolver(entities)
	for i := range claims {
		c := &claims[i]
		if c.Speaker != "" {
			c.Speaker = resolve(c.Speaker)
		}
		if c.Kind == event.KindEvent || c.Kind == quote.KindQuote {
			c.Subject = resolve(c.Subject)
		}
	}
}

// actorResolver maps an actor as written to the name of the story entity
// it refers to, or returns it unchanged.
func actorResolver(entities []article.Entity) func(string) string {
	byAlias := map[string]string{}
	byRole := map[string][]string{}
	for _, e := range entities {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			byAlias[text.Fold(a)] = e.Name
		}
		if e.Type != "person" {
			continue
		}
		for _, r := range e.Roles {
			words := strings.Fields(text.Fold(r))
			if len(words) == 0 {
				continue
			}
			head := words[len(words)-1]
			if !contains(byRole[head], e.Name) {
				byRole[head] = append(byRole[head], e.Name)
			}
		}
	}
	return func(actor string) string {
		key := text.Fold(actor)
		if name, ok := byAlias[key]; ok {
			return name
		}
		if names := byRole[strings.TrimPrefix(key, "the ")]; len(names) == 1 {
			return names[0]
		}
		return actor
	}
}

func eventSide(items []eventItem, stance string) article.Side {
	s := article.Side{}
	var objects, deniers []string
	seen := map[string]bool{}
	for _, it := range items {
		s.Claims = append(s.Claims, it.claimID)
		if !seen[it.doc.ID] {
			seen[it.doc.ID] = true
			s.Articles = append(s.Articles, it.doc.ID)
		}
		s.Evidence = append(s.Evidence, it.doc.SentenceText(it.ev.Sentence))
		if o := it.ev.Object; o != "" && !contains(objects, o) {
			objects = append(objects, o)
		}
		if dn := it.ev.Denier; dn != "" && !contains(deniers, dn) {
			deniers = append(deniers, dn)
		}
	}
	s.Value = stance + ": " + items[0].ev.Action
	if len(objects) > 0 {
		s.Value += " " + strings.Join(objects, " / ")
	}
	if len(deniers) > 0 {
		s.Value += " (denied by " + strings.Join(deniers, ", ") + ")"
	}
	return s
}

func explainEvent(actor, action string, asserted, against []eventItem, originOf map[string]int) string {
	return fmt.Sprintf("%s that %s did %q, while %s a denial or say it did not happen. A denial is not support; the two sides rest on %s and %s.",
		reportPhrase(len(articlesOf(asserted))), actor, action, reportPhrase(len(articlesOf(against))),
		plural(countOriginsOf(asserted, originOf), "independent origin"), plural(countOriginsOf(against, originOf), "independent origin"))
}

func reportPhrase(n int) string {
	if n == 1 {
		return "1 article reports"
	}
	return fmt.Sprintf("%d articles report", n)
}

func articlesOf(items []eventItem) []string {
	var ids []string
	for _, it := range items {
		if !contains(ids, it.doc.ID) {
			ids = append(ids, it.doc.ID)
		}
	}
	return ids
}

func countOriginsOf(items []eventItem, originOf map[string]int) int {
	seen := map[string]bool{}
	for _, it := range items {
		if o, ok := originOf[it.doc.ID]; ok {
			seen[fmt.Sprint("origin:", o)] = true
		} else {
			seen["doc:"+it.doc.ID] = true
		}
	}
	return len(seen)
}

func originIndex(origins [][]string) map[string]int {
	m := map[string]int{}
	for i, o := range origins {
		for _, id := range o {
			m[id] = i
		}
	}
	return m
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Facts are what one article states, extracted once and compared here.
type Facts struct {
	Figures  []claim.Figure
	Events   []event.Event
	Rankings []claim.Ranking
	Quotes   []quote.Quote
}

// Extract reads a document's facts.
func Extract(d *article.Document) Facts { return ExtractWith(d, entity.Mentions(d)) }

// ExtractWith is Extract given the document's entity mentions, which
// events, rankings and quotes all read: they are found once.
func ExtractWith(d *article.Document, mentions []entity.Mention) Facts {
	return Facts{
		Figures:  claim.Figures(d),
		Events:   event.ExtractWith(d, mentions),
		Rankings: claim.RankingsWith(d, mentions),
		Quotes:   quote.ExtractWith(d, mentions),
	}
}

// Claims lists a document's facts as claims, with the ids comparisons cite.
func (f Facts) Claims(d *article.Document) []article.Claim {
	claims := append(claim.FigureClaims(d, f.Figures), event.Claims(d, f.Events)...)
	claims = append(claims, claim.RankingClaims(d, f.Rankings)...)
	return append(claims, quote.Claims(d, f.Quotes)...)
}

// Analyze compares a story's figures and events and numbers the results:
// conflicts backed by more origins first.
func Analyze(docs []*article.Document, facts map[string]Facts, entities []article.Entity, origins [][]string, opt Options) (conflicts, agreements []article.Comparison) {
	figures := map[string][]claim.Figure{}
	events := map[string][]event.Event{}
	rankings := map[string][]claim.Ranking{}
	for id, f := range facts {
		figures[id], events[id], rankings[id] = f.Figures, f.Events, f.Rankings
	}
	fc, fa := Figures(docs, figures, origins, opt)
	ec, ea := Events(docs, events, entities, origins)
	rc, ra := Rankings(docs, rankings, origins)
	conflicts = append(append(fc, ec...), rc...)
	agreements = append(append(fa, ea...), ra...)
	return number(conflicts, "conflict"), number(agreements, "agreement")
}
