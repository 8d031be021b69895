package event

import (
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/article"
)

// KindEvent is the Kind of the claims made from events.
const KindEvent = "event"

// ClaimID is the id of the claim made from an article's n-th event
// (counting from 0, in the order Extract returns them).
func ClaimID(articleID string, n int) string { return articleID + "-e" + strconv.Itoa(n+1) }

// Claims turns a document's events into claims: Subject is the actor, Value
// the action with its object and, unless asserted, its polarity ("leave
// Damascus (denied)"), Speaker who denies it.
func Claims(d *article.Document, events []Event) []article.Claim {
	out := make([]article.Claim, 0, len(events))
	for n, e := range events {
		value := strings.TrimSpace(e.Action + " " + e.Object)
		if e.Polarity != Asserted {
			value += " (" + e.Polarity + ")"
		}
		c := article.Claim{
			ID: ClaimID(d.ID, n), Kind: KindEvent, Article: d.ID, Sentence: e.Sentence,
			Text: d.SentenceText(e.Sentence), Subject: e.Actor, Value: value, Speaker: e.Denier,
		}
		if !e.When.Date.IsZero() {
			c.Date, c.DateAnchor = e.When.Date.Format("2006-01-02"), e.When.Anchor
		}
		out = append(out, c)
	}
	return out
}
