// Package extract turns raw HTML pages and scraped text into clean article bodies, recording every removal.
package extract

import (
	"github.com/corroborate/corroborate/internal/article"
)

// Result is an article body after cleaning. It is defined in article so
// that an Article can carry the extraction of its page (Article.Extracted).
type Result = article.Extraction

// Removal reasons. They are a closed vocabulary so that callers can count
// and filter removals; the data file's sections must use these names.
const (
	ReasonRepeatedLine       = "repeated line"       // second and later copies of a line
	ReasonRepeatedStandfirst = "repeated standfirst" // a short line repeated inside a longer paragraph
	ReasonPhotoCredit        = "photo credit"        // picture agency or photographer credit
	ReasonAppPromo           = "app promo"           // "get our app" with store links
	ReasonNewsletterPromo    = "newsletter promo"    // newsletter and subscription prompts
	ReasonRelatedLinks       = "related links"       // "Read more" blocks and their items
	ReasonSharePrompt        = "share prompt"        // "Share this article", "Follow us on"
	ReasonSectionLabel       = "section label"       // a lone site-section name ("world")
	ReasonLinkList           = "link list"           // lines made mostly of URLs
	ReasonAdvertisement      = "advertisement"       // ad slots and "story continues below"
	ReasonTimestamp          = "timestamp"           // publication times and reading-time notes
	ReasonCopyrightNotice    = "copyright notice"    // "© 2024 ...", "All rights reserved"
	ReasonSiteInterface      = "site interface"      // buttons and widgets: "Listen", "Comments"
)

// Reasons lists every removal reason, in a stable order.
var Reasons = []string{
	ReasonRepeatedLine,
	ReasonRepeatedStandfirst,
	ReasonPhotoCredit,
	ReasonAppPromo,
	ReasonNewsletterPromo,
	ReasonRelatedLinks,
	ReasonSharePrompt,
	ReasonSectionLabel,
	ReasonLinkList,
	ReasonAdvertisement,
	ReasonTimestamp,
	ReasonCopyrightNotice,
	ReasonSiteInterface,
}

func knownReason(reason string) bool {
	for _, r := range Reasons {
		if r == reason {
			return true
		}
	}
	return false
}
