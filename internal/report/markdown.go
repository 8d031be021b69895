package report

import (
	"bytes"
	"fmt"
	"github.com/corroborate/corroborate/internal/article"
	"strconv"
	"strings"
)

// The Markdown report is read as often in a pager as in a renderer, so it
// escapes only what would change the structure (headings, lists, quotes,
// table cells, links, emphasis, raw HTML) and never wraps lines itself.

func writeMarkdown(buf *bytes.Buffer, r Report) error {
	p := newPageView(r)
	m := &mdWriter{buf: buf}
	m.line("# Corroborate report")
	m.blank()
	m.line("Generated: " + p.Generated)
	m.blank()
	m.line(fmt.Sprintf("Stories: %d · Articles: %d", len(p.Stories), p.ArticleCount))
	if len(p.Stories) == 0 {
		m.blank()
		m.line("No stories were found.")
	}
	if len(p.Stories) > 1 {
		m.blank()
		for i, s := range p.Stories {
			m.line(fmt.Sprintf("%d. %s (%s)", i+1, mdText(titleOr(s.Title)), plural(s.ArticleCount, "article")))
		}
	}
	for _, s := range p.Stories {
		m.story(s)
	}
	return nil
}

type mdWriter struct {
	buf *bytes.Buffer
}

func (m *mdWriter) line(s string) {
	m.buf.WriteString(s)
	m.buf.WriteByte('\n')
}

func (m *mdWriter) blank() { m.buf.WriteByte('\n') }

func (m *mdWriter) section(title, empty string, n int) bool {
	m.blank()
	m.line("### " + title)
	m.blank()
	if n == 0 {
		m.line(empty)
		return false
	}
	return true
}

func (m *mdWriter) subsection(title, empty string, n int) bool {
	m.blank()
	m.line("#### " + title)
	m.blank()
	if n == 0 {
		m.line(empty)
		return false
	}
	return true
}

// quote writes a blockquote at the given indentation. Each quote is its own
// block: consecutive quote lines would merge into one paragraph and blur
// where one piece of evidence ends and the next begins.
func (m *mdWriter) quotes(indent string, texts []string) {
	for i, t := range texts {
		if i > 0 {
			m.blank()
		}
		m.line(indent + "> " + mdBlock(t))
	}
}

func (m *mdWriter) story(s storyView) {
	m.blank()
	m.line("## Story: " + mdHeading(titleOr(s.Title)))
	m.blank()
	counts := fmt.Sprintf("Articles: %d · Sources: %d · Independent origins: %s", s.ArticleCount, s.SourceCount, s.Origins)
	if s.ID != "" {
		counts = "ID: " + mdText(s.ID) + " · " + counts
	}
	m.line(counts)

	if m.section("Articles", "No articles.", len(s.Articles)) {
		m.line("| ID | Source | Published | Sentences | Removed |")
		m.line("| --- | --- | --- | ---: | ---: |")
		for _, a := range s.Articles {
			published := a.Published
			if a.PublishedInferred {
				published += " (inferred)"
			}
			m.line(fmt.Sprintf("| %s | %s | %s | %d | %d |", mdCell(a.ID), mdCell(orUnknown(a.Source)), published, a.Sentences, len(a.Removed)))
		}
		m.blank()
		for _, a := range s.Articles {
			m.line("- " + mdBlock(a.ID) + ": " + mdText(titleOr(a.Title)) + mdURL(a.URL))
		}
	}

	if m.section("Summary", "No summary was produced.", len(s.Summary)) {
		for _, l := range s.Summary {
			line := "- " + mdBlock(l.Text) + " " + mdCites(l.Sources)
			if l.Origins > 0 {
				line += " (" + plural(l.Origins, "origin") + ")"
			}
			m.line(line)
		}
	}

	m.section("Conflicts", "No conflicts found.", len(s.Conflicts))
	m.comparisons("Conflict", s.Conflicts)
	m.section("Agreements", "No agreements found.", len(s.Agreements))
	m.comparisons("Agreement", s.Agreements)

	m.provenance(s.Provenance)

	if m.section("Entities", "No entities found.", len(s.Entities)) {
		for _, e := range s.Entities {
			m.line("- " + mdBlock(e.Name) + typeSuffix(e.Type))
			m.list("  ", "Aliases", e.Aliases)
			m.list("  ", "Roles", e.Roles)
			if len(e.Mentions) > 0 {
				m.line("  - Mentions: " + mdMentions(e.Mentions))
			}
			for _, l := range e.Links {
				m.line("  - Linked \"" + mdText(l.Alias) + "\" (confidence " + l.Confidence + ")")
				if l.Evidence != "" {
					m.quotes("    ", []string{l.Evidence})
				}
			}
		}
	}

	if m.section("Places", "No places found.", len(s.Places)) {
		for _, pl := range s.Places {
			line := "- " + mdBlock(pl.Name)
			if pl.Country != "" {
				line += ", " + mdText(pl.Country)
			}
			m.line(line + " (" + pl.Coordinates + ")")
			m.list("  ", "Aliases", pl.Aliases)
			if len(pl.Mentions) > 0 {
				m.line("  - Mentions: " + mdMentions(pl.Mentions))
			}
		}
	}

	if m.section("Framing", "No framing found.", len(s.Framing.Rows)) {
		m.line("| Actor | Article | Terms |")
		m.line("| --- | --- | --- |")
		for _, row := range s.Framing.Rows {
			shown := false
			for _, c := range row.Cells {
				if len(c.Terms) == 0 {
					continue
				}
				shown = true
				terms := make([]string, len(c.Terms))
				for i, t := range c.Terms {
					terms[i] = fmt.Sprintf("%s (%d)", mdCell(t.Term), t.Count)
				}
				m.line(fmt.Sprintf("| %s | %s | %s |", mdCell(row.Actor), mdCell(c.Article.ID), strings.Join(terms, ", ")))
			}
			if !shown {
				m.line(fmt.Sprintf("| %s | — | none |", mdCell(row.Actor)))
			}
		}
	}

	if m.section("Timeline", "No dated events found.", len(s.Timeline)) {
		for _, e := range s.Timeline {
			var notes []string
			if e.Precision != "" {
				notes = append(notes, mdText(e.Precision))
			}
			if e.Inferred {
				notes = append(notes, "inferred")
			}
			line := "- " + mdBlock(orUnknown(e.Date))
			if len(notes) > 0 {
				line += " (" + strings.Join(notes, ", ") + ")"
			}
			m.line(line + ": " + mdText(e.Text) + " " + mdCites(e.Sources))
		}
	}

	if m.section("Claims", "No claims found.", len(s.Claims)) {
		for _, c := range s.Claims {
			kind := c.Kind
			if kind == "" {
				kind = "claim"
			}
			what := c.Text
			if c.Subject != "" || c.Value != "" {
				what = strings.TrimSpace(c.Subject + ": " + c.Value)
			}
			line := "- " + mdBlock(kind) + " — " + mdText(c.Article.ID) + ": " + mdText(what)
			if c.Speaker != "" {
				line += " — " + mdText(c.Speaker)
			}
			if c.Date != "" {
				line += " (" + mdText(c.Date) + ")"
			}
			m.line(line)
		}
	}

	if m.section("Cleaning", "No articles.", len(s.Articles)) {
		for _, a := range s.Articles {
			line := "- " + mdBlock(a.ID)
			if a.Source != "" {
				line += " (" + mdText(a.Source) + ")"
			}
			if len(a.Removed) == 0 {
				m.line(line + ": nothing removed")
				continue
			}
			m.line(line + ": " + strconv.Itoa(len(a.Removed)) + " removed")
			for _, r := range a.Removed {
				m.line("  - " + mdBlock(orUnknown(r.Reason)) + ": \"" + mdText(r.Short) + "\"")
			}
		}
	}
}

func (m *mdWriter) comparisons(kind string, cs []comparisonView) {
	for i, c := range cs {
		kind := kind
		switch c.Verdict {
		case article.SingleOrigin:
			kind = "Single origin"
		case article.WithinOrigin:
			kind = "Within one origin"
		}
		heading := kind + ": " + mdText(c.About)
		if c.About == "" {
			heading = kind
		}
		if c.ID != "" {
			heading += " (" + mdText(c.ID) + ")"
		}
		if i > 0 {
			m.blank()
		}
		m.line("#### " + headingEnd(heading))
		m.blank()
		if c.Origins > 0 {
			m.line("Independent origins: " + strconv.Itoa(c.Origins))
			m.blank()
		}
		for _, refs := range c.SplitOrigins {
			m.line("One origin on several sides: " + mdCites(refs))
			m.blank()
		}
		for i, sd := range c.Sides {
			if i > 0 && len(c.Sides[i-1].Evidence) > 0 {
				m.blank()
			}
			value := sd.Value
			if value == "" {
				value = "(no value)"
			}
			m.line("- " + mdBlock(value) + " — " + mdCites(sd.Articles))
			if len(sd.Evidence) > 0 {
				m.blank()
				m.quotes("  ", sd.Evidence)
			}
		}
		if c.Explanation != "" {
			m.blank()
			m.line("Explanation: " + mdText(c.Explanation))
		}
	}
}

func (m *mdWriter) provenance(p provenanceView) {
	m.blank()
	m.line("### Provenance")
	if m.subsection("Independent origins", "Not yet determined.", len(p.Origins)) {
		for i, o := range p.Origins {
			m.line(fmt.Sprintf("%d. %s", i+1, blockStart(mdIDs(o))))
		}
		if len(p.OriginLinks) > 0 {
			m.blank()
			m.line("Why articles share an origin:")
			m.blank()
			for _, l := range p.OriginLinks {
				m.line("- " + mdBlock(l.A.ID) + " and " + mdText(l.B.ID) + ": " + mdText(orUnknown(l.Reason)))
				if l.Evidence != "" {
					m.blank()
					m.quotes("  ", []string{l.Evidence})
				}
			}
		}
	}
	if m.subsection("Shared passages", "No shared passages found.", len(p.SharedPassages)) {
		for i, sp := range p.SharedPassages {
			if i > 0 {
				m.blank()
			}
			kind := sp.Kind
			if kind == "" {
				kind = "shared"
			}
			m.line("- " + mdBlock(kind) + " in " + mdIDs(sp.Articles))
			m.blank()
			m.quotes("  ", []string{sp.Text})
		}
	}
	if m.subsection("Near-duplicates", "No near-duplicates found.", len(p.NearDuplicates)) {
		for _, nd := range p.NearDuplicates {
			m.line(fmt.Sprintf("- %s and %s (similarity %s)", mdBlock(nd.A.ID), mdText(nd.B.ID), nd.Similarity))
		}
	}
	if m.subsection("Credits", "No credited agencies found.", len(p.Credits)) {
		for i, c := range p.Credits {
			if i > 0 && p.Credits[i-1].Evidence != "" {
				m.blank()
			}
			m.line("- " + mdBlock(c.Article.ID) + " credits " + mdText(orUnknown(c.Agency)))
			if c.Evidence != "" {
				m.blank()
				m.quotes("  ", []string{c.Evidence})
			}
		}
	}
}

func (m *mdWriter) list(indent, label string, items []string) {
	if len(items) == 0 {
		return
	}
	escaped := make([]string, len(items))
	for i, it := range items {
		escaped[i] = mdText(it)
	}
	m.line(indent + "- " + label + ": " + strings.Join(escaped, ", "))
}

func mdCites(refs []ref) string {
	if len(refs) == 0 {
		return "[no sources]"
	}
	return "[" + mdIDs(refs) + "]"
}

func mdIDs(refs []ref) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = mdText(r.ID)
	}
	return strings.Join(ids, ", ")
}

func mdMentions(ms []mentionView) string {
	parts := make([]string, len(ms))
	for i, mv := range ms {
		parts[i] = fmt.Sprintf("%s (%d)", mdText(mv.Article.ID), mv.Count)
	}
	return strings.Join(parts, ", ")
}

// mdURL shows a web address as an autolink, which needs no escaping and
// stays copyable in a terminal; anything else is shown as escaped text.
func mdURL(u string) string {
	if u == "" {
		return ""
	}
	if (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, "<> \t\n") {
		return " <" + u + ">"
	}
	return " (" + mdText(u) + ")"
}

var mdInlineEscaper = strings.NewReplacer(
	`\`, `\\`,
	"`", "\\`",
	"*", `\*`,
	"[", `\[`,
	"]", `\]`,
	"<", `\<`,
	"\n", " ",
	"\t", " ",
)

// mdText escapes text shown inside a line, where only inline syntax
// (emphasis, code, links, raw HTML) could take effect. Every report line is a
// single line, so newlines become spaces.
func mdText(s string) string {
	return strings.TrimSpace(escapeUnderscores(mdInlineEscaper.Replace(s)))
}

// escapeUnderscores escapes the underscores that could open or close
// emphasis. One between two letters or digits cannot (CommonMark), and ids
// such as "report_2031_a" stay readable in a terminal.
func escapeUnderscores(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && !(i > 0 && isAlnum(s[i-1]) && i+1 < len(s) && isAlnum(s[i+1])) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isAlnum reports an ASCII letter or digit, or any byte of a multi-byte
// character (letters of other scripts count as word characters).
func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// mdBlock escapes text that starts a block (right after a list marker or a
// quote marker), where a leading '#', '>', '-' or "1." would otherwise start
// a heading, a quote or a nested list.
func mdBlock(s string) string { return blockStart(mdText(s)) }

// blockStart escapes already-escaped text that will start a block.
func blockStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '~', '+', '=', '-':
		return `\` + s
	}
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < 10 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') &&
		(digits+1 == len(s) || s[digits+1] == ' ') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}

// mdHeading escapes a trailing '#', which a heading would otherwise drop as
// its optional closing sequence.
func mdHeading(s string) string { return headingEnd(mdText(s)) }

func headingEnd(s string) string {
	if strings.HasSuffix(s, "#") {
		s = s[:len(s)-1] + `\#`
	}
	return s
}

func mdCell(s string) string {
	return strings.ReplaceAll(mdText(s), "|", `\|`)
}

func titleOr(t string) string {
	if strings.TrimSpace(t) == "" {
		return "(untitled)"
	}
	return t
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "unknown"
	}
	return s
}

func typeSuffix(t string) string {
	if t == "" {
		return ""
	}
	return " (" + mdText(t) + ")"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
