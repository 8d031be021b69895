package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// lines joins fixture lines the way scraped text arrives: one paragraph a line.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

func removal(text, reason string) article.Removal {
	return article.Removal{Text: text, Reason: reason}
}

const (
	proseA = "The committee met for six hours on Wednesday and agreed a draft that will now go to a public consultation."
	proseB = "Members said the draft was a compromise that nobody liked very much but that everyone could live with."
	proseC = "A final vote is expected before the end of the year, once the consultation has closed and the replies are counted."
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name        string
		raw         string
		headline    bool
		title       string
		body        string
		removed     []article.Removal
		bylines     []string
		datelines   []string
		creditLines []string
	}{
		{
			name:    "caption printed twice keeps one copy without its slash credit",
			raw:     lines("Workers repair the sea wall in Ostrel, May 2, 2031. /NPA", "Workers repair the sea wall in Ostrel, May 2, 2031. /NPA", proseA),
			body:    lines("Workers repair the sea wall in Ostrel, May 2, 2031.", proseA),
			removed: []article.Removal{removal("/NPA", ReasonPhotoCredit), removal("Workers repair the sea wall in Ostrel, May 2, 2031. /NPA", ReasonRepeatedLine)},
		},
		{
			name:    "repeated lines compare case- and space-insensitively and keep the first copy",
			raw:     lines(proseA, proseB, "  THE COMMITTEE met for six hours   on Wednesday and agreed a draft that will now go to a public consultation. "),
			body:    lines(proseA, proseB),
			removed: []article.Removal{removal("THE COMMITTEE met for six hours on Wednesday and agreed a draft that will now go to a public consultation.", ReasonRepeatedLine)},
		},
		{
			name:    "parenthesised photo credit",
			raw:     lines("Volunteers fill sandbags by the river (Photo: Ada Brenn/Riverside Images)", proseA),
			body:    lines("Volunteers fill sandbags by the river", proseA),
			removed: []article.Removal{removal("(Photo: Ada Brenn/Riverside Images)", ReasonPhotoCredit)},
		},
		{
			name:    "agency photo credit in parentheses",
			raw:     lines("A crane lifts the first span into place. (AP Photo/Tomas Rell)", proseA),
			body:    lines("A crane lifts the first span into place.", proseA),
			removed: []article.Removal{removal("(AP Photo/Tomas Rell)", ReasonPhotoCredit)},
		},
		{
			name:    "agency slash photographer credit",
			raw:     lines("Delegates arrive for the summit in Karsk, March 3, 2031. REUTERS/Ivo Delan", proseA),
			body:    lines("Delegates arrive for the summit in Karsk, March 3, 2031.", proseA),
			removed: []article.Removal{removal("REUTERS/Ivo Delan", ReasonPhotoCredit)},
		},
		{
			name:    "photographer slash agency credit",
			raw:     lines("Smoke rises over the harbour on Sunday. Ivo Delan/AFP via Getty Images", proseA),
			body:    lines("Smoke rises over the harbour on Sunday.", proseA),
			removed: []article.Removal{removal("Ivo Delan/AFP via Getty Images", ReasonPhotoCredit)},
		},
		{
			name: "standalone credit lines",
			raw:  lines("Photo: Getty Images", proseA, "Image credit: Ada Brenn", proseB, "Photo: Ada Brenn/Riverside Images", "Photo: Lin Oake / Harbour Weekly"),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("Photo: Getty Images", ReasonPhotoCredit),
				removal("Image credit: Ada Brenn", ReasonPhotoCredit),
				removal("Photo: Ada Brenn/Riverside Images", ReasonPhotoCredit),
				removal("Photo: Lin Oake / Harbour Weekly", ReasonPhotoCredit),
			},
		},
		{
			name:     "a labelled caption is kept, and is not the headline",
			raw:      lines("Photo: Rescue teams search the collapsed warehouse on Friday.", "Warehouse roof gives way under snow", proseA),
			headline: true,
			title:    "Warehouse roof gives way under snow",
			body:     lines("Photo: Rescue teams search the collapsed warehouse on Friday.", proseA),
		},
		{
			name:    "app promo with store links",
			raw:     lines(proseA, "Get the Daily Courier app on your smartphone: Google Play: https://example.com/a | Apple App Store: https://example.com/b", proseB),
			body:    lines(proseA, proseB),
			removed: []article.Removal{removal("Get the Daily Courier app on your smartphone: Google Play: https://example.com/a | Apple App Store: https://example.com/b", ReasonAppPromo)},
		},
		{
			name:    "newsletter prompt",
			raw:     lines(proseA, "Sign up for our free weekly newsletter and get the best stories in your inbox.", proseB),
			body:    lines(proseA, proseB),
			removed: []article.Removal{removal("Sign up for our free weekly newsletter and get the best stories in your inbox.", ReasonNewsletterPromo)},
		},
		{
			name: "related header takes its bulleted items",
			raw:  lines(proseA, proseB, "You might also like", "- Bridge reopens after repairs", "• Mayor defends the budget.", "* Five things to know about the vote"),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("You might also like", ReasonRelatedLinks),
				removal("- Bridge reopens after repairs", ReasonRelatedLinks),
				removal("• Mayor defends the budget.", ReasonRelatedLinks),
				removal("* Five things to know about the vote", ReasonRelatedLinks),
			},
		},
		{
			name: "related items without bullets run until the next real paragraph",
			raw:  lines(proseA, "More on this story", "Bridge reopens after repairs", "Who pays for the new depot?", proseB),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("More on this story", ReasonRelatedLinks),
				removal("Bridge reopens after repairs", ReasonRelatedLinks),
				removal("Who pays for the new depot?", ReasonRelatedLinks),
			},
		},
		{
			name:    "inline read-more link",
			raw:     lines(proseA, "Read more: Bridge reopens after repairs", proseB),
			body:    lines(proseA, proseB),
			removed: []article.Removal{removal("Read more: Bridge reopens after repairs", ReasonRelatedLinks)},
		},
		{
			name: "share prompts",
			raw:  lines(proseA, "Share this article", "Follow us on Facebook and Instagram", proseB),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("Share this article", ReasonSharePrompt),
				removal("Follow us on Facebook and Instagram", ReasonSharePrompt),
			},
		},
		{
			name:    "lone lower-case section label",
			raw:     lines(proseA, "world", proseB),
			body:    lines(proseA, proseB),
			removed: []article.Removal{removal("world", ReasonSectionLabel)},
		},
		{
			name: "trailing link list",
			raw:  lines(proseA, proseB, "https://example.org/a/one", "Source: https://example.org/b"),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("https://example.org/a/one", ReasonLinkList),
				removal("Source: https://example.org/b", ReasonLinkList),
			},
		},
		{
			name:    "standfirst repeated inside a later paragraph",
			raw:     lines("Talks resume after a week of silence.", proseA, "Talks resume after a week of silence. "+proseB),
			body:    lines(proseA, "Talks resume after a week of silence. "+proseB),
			removed: []article.Removal{removal("Talks resume after a week of silence.", ReasonRepeatedStandfirst)},
		},
		{
			name: "a short line inside a word of a paragraph is not a repeat",
			raw:  lines("The harbour reopened to traffic on Monday", "Officials said the harbour reopened to traffic on Mondays only."),
			body: lines("The harbour reopened to traffic on Monday", "Officials said the harbour reopened to traffic on Mondays only."),
		},
		{
			name:      "byline, dateline and credit lines are kept as metadata",
			raw:       lines("By Jane Doe and John Roe, Northern Press Agency", "OSTREL (Northern Press Agency) — "+proseA, proseB, "Reporting by Jane Doe; Editing by Ann Lee", "(With input from agencies)"),
			body:      lines(proseA, proseB),
			bylines:   []string{"By Jane Doe and John Roe, Northern Press Agency"},
			datelines: []string{"OSTREL (Northern Press Agency) —"},
			creditLines: []string{
				"Reporting by Jane Doe; Editing by Ann Lee",
				"(With input from agencies)",
			},
		},
		{
			name:        "with-reporting credit",
			raw:         lines(proseA, "With reporting by Ann Lee and Omar Haddad"),
			body:        proseA,
			creditLines: []string{"With reporting by Ann Lee and Omar Haddad"},
		},
		{
			name:      "bare capitals dateline in the opening paragraph",
			raw:       lines("KARSK — "+proseA, proseB),
			body:      lines(proseA, proseB),
			datelines: []string{"KARSK —"},
		},
		{
			name:     "short headline moves to Title",
			raw:      lines("Committee agrees draft after six-hour meeting", proseA, proseB),
			headline: true,
			title:    "Committee agrees draft after six-hour meeting",
			body:     lines(proseA, proseB),
		},
		{
			name:     "lede-length headline stays in the body too",
			raw:      lines(proseA, proseB),
			headline: true,
			title:    proseA,
			body:     lines(proseA, proseB),
		},
		{
			name:     "captions are skipped when looking for the headline",
			raw:      lines("Members arrive for the meeting in Ostrel, May 2, 2031. /NPA", "Committee agrees draft", proseA),
			headline: true,
			title:    "Committee agrees draft",
			body:     lines("Members arrive for the meeting in Ostrel, May 2, 2031.", proseA),
			removed:  []article.Removal{removal("/NPA", ReasonPhotoCredit)},
		},
		{
			name:     "headline off: the first line stays",
			raw:      lines("Committee agrees draft", proseA),
			headline: false,
			body:     lines("Committee agrees draft", proseA),
		},
		{
			name: "prose that merely resembles boilerplate is kept",
			raw: lines(
				"By the time the vote was called, the gallery was full.",
				"Reporting by the newspaper found that the contract had been signed twice.",
				"Share prices fell sharply on Monday as investors weighed the ruling.",
				"Copyright lawsuits against the company have doubled since last year, lawyers said.",
				"Developers say the App Store rules, which take a cut of every sale, are unfair, and several have complained to regulators in Brussels and Washington about the way the fees are set.",
				"Subheads stay",
				"NATO — and its members — said nothing.",
			),
			body: lines(
				"By the time the vote was called, the gallery was full.",
				"Reporting by the newspaper found that the contract had been signed twice.",
				"Share prices fell sharply on Monday as investors weighed the ruling.",
				"Copyright lawsuits against the company have doubled since last year, lawyers said.",
				"Developers say the App Store rules, which take a cut of every sale, are unfair, and several have complained to regulators in Brussels and Washington about the way the fees are set.",
				"Subheads stay",
				"NATO — and its members — said nothing.",
			),
		},
		{
			name: "page furniture",
			raw:  lines("Advertisement", proseA, "Updated 14:05 GMT, March 9, 2031", "5 min read", proseB, "© 2031 Example Media. All rights reserved.", "Listen to this article"),
			body: lines(proseA, proseB),
			removed: []article.Removal{
				removal("Advertisement", ReasonAdvertisement),
				removal("Updated 14:05 GMT, March 9, 2031", ReasonTimestamp),
				removal("5 min read", ReasonTimestamp),
				removal("© 2031 Example Media. All rights reserved.", ReasonCopyrightNotice),
				removal("Listen to this article", ReasonSiteInterface),
			},
		},
		{
			name: "a phone number is not a timestamp",
			raw:  lines(proseA, "02-751-1500"),
			body: lines(proseA, "02-751-1500"),
		},
		{
			name: "empty input",
			raw:  "",
		},
		{
			name: "blank lines and CRLF are dropped, whitespace collapsed",
			raw:  "\r\n  \t\r\n" + proseA + "\r\n\r\n\u00a0\u00a0" + proseB + "  \r\n",
			body: lines(proseA, proseB),
		},
		{
			name: "NUL bytes and invalid UTF-8 are made safe",
			raw:  "Bad \xff\xfe bytes\x00here " + proseA,
			body: "Bad \uFFFD bytes here " + proseA,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanText(tt.raw, tt.headline)
			if got.Title != tt.title {
				t.Errorf("Title = %q, want %q", got.Title, tt.title)
			}
			if got.Body != tt.body {
				t.Errorf("Body =\n%s\nwant\n%s", got.Body, tt.body)
			}
			if !reflect.DeepEqual(got.Removed, tt.removed) {
				t.Errorf("Removed = %q, want %q", got.Removed, tt.removed)
			}
			if !reflect.DeepEqual(got.Bylines, tt.bylines) {
				t.Errorf("Bylines = %q, want %q", got.Bylines, tt.bylines)
			}
			if !reflect.DeepEqual(got.Datelines, tt.datelines) {
				t.Errorf("Datelines = %q, want %q", got.Datelines, tt.datelines)
			}
			if !reflect.DeepEqual(got.CreditLines, tt.creditLines) {
				t.Errorf("CreditLines = %q, want %q", got.CreditLines, tt.creditLines)
			}
			if !got.Published.IsZero() || got.Source != "" {
				t.Errorf("plain text produced Published %v, Source %q; want neither", got.Published, got.Source)
			}
		})
	}
}

func TestCleanTextRemovalReasonsAreKnown(t *testing.T) {
	for _, fixture := range []string{
		lines("Share", "world", "Advertisement", "Read more", "- x y", "https://example.org", "Photo: Getty Images", "5 min read", "© 2031 X", "Subscribe", "Get our app: https://example.org/app | Google Play: https://example.org/p", proseA, proseA),
	} {
		for _, r := range CleanText(fixture, true).Removed {
			if !knownReason(r.Reason) {
				t.Errorf("removal %q has reason %q, not in Reasons", r.Text, r.Reason)
			}
		}
	}
}

func TestLexiconParses(t *testing.T) {
	if len(vocabulary.problems) > 0 {
		t.Errorf("boilerplate.txt has malformed entries:\n%s", strings.Join(vocabulary.problems, "\n"))
	}
	seen := map[string]bool{}
	for _, section := range vocabulary.furniture {
		if len(section.rules) == 0 {
			t.Errorf("section [%s] has no entries", section.reason)
		}
		seen[section.reason] = true
	}
	for _, want := range []string{ReasonAppPromo, ReasonNewsletterPromo, ReasonSharePrompt, ReasonSectionLabel, ReasonRelatedLinks} {
		if !seen[want] {
			t.Errorf("boilerplate.txt has no [%s] section", want)
		}
	}
	if len(vocabulary.relatedHeaders) == 0 || len(vocabulary.agencies) == 0 || len(vocabulary.nameWords) == 0 || len(vocabulary.dateWords) == 0 {
		t.Error("boilerplate.txt is missing a word list")
	}
}

func TestParseLexiconReportsProblems(t *testing.T) {
	lex := parseLexicon("stray entry\n[not a reason]\n= x\n[share prompt]\n? bad kind\nr (unclosed\n~ \n")
	if len(lex.problems) != 5 {
		t.Errorf("problems = %q, want 5 (stray entry, unknown section, bad kind, bad regexp, empty phrase)", lex.problems)
	}
}

func TestCleanTextHugeLine(t *testing.T) {
	huge := strings.Repeat("word ", 2<<20) + "end."
	got := CleanText(lines("Headline here", huge, huge), true)
	if got.Title != "Headline here" {
		t.Errorf("Title = %q", got.Title)
	}
	if len(got.Body) != len(strings.TrimSpace(huge)) {
		t.Errorf("Body has %d bytes, want the one copy of the huge line (%d)", len(got.Body), len(strings.TrimSpace(huge)))
	}
	if len(got.Removed) != 1 || got.Removed[0].Reason != ReasonRepeatedLine {
		t.Errorf("want the second copy removed as a repeated line, got %d removals", len(got.Removed))
	}
	if !utf8.ValidString(got.Body) {
		t.Error("Body is not valid UTF-8")
	}
}
