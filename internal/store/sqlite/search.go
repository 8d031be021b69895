package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// Snippet markers: control characters no cleaned article contains, and
// which searchable blanks in the indexed copy anyway, so that a marker in a
// snippet is always one FTS5 put there.
const (
	markOpen  = '\x02'
	markClose = '\x03'
)

// maxQueryTerms bounds the terms of one query: every term is another index
// lookup, and a pasted page of text would otherwise cost seconds. Terms past
// it are ignored, which can only widen the result.
const maxQueryTerms = 32

// Search page sizes: limit <= 0 asks for the default.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 1000
)

// snippetTokens is how many tokens snippet() shows around the best match.
const snippetTokens = 24

// searchable is the indexed copy of s: the snippet markers blanked.
func searchable(s string) string {
	if !strings.ContainsAny(s, "\x02\x03") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == markOpen || r == markClose {
			return ' '
		}
		return r
	}, s)
}

// matchExpression turns a user's query into an FTS5 MATCH expression, or ""
// when the query has no words. The grammar it accepts:
//
//   - words, all of which must match (AND);
//   - "a quoted phrase", whose words must appear in that order, side by side;
//   - a * right after a word or a closing quote, making its last word a prefix.
//
// Everything else is literal. Each word or phrase is emitted as an FTS5
// string ("..." with quotes doubled), inside which FTS5 sees no syntax, so
// AND, OR, NOT, NEAR, parentheses, colons (column filters), carets and stray
// quotes can never make a syntax error: they are words or separators. A
// quote without a partner is a separator. Invalid UTF-8 and control
// characters are separators too.
func matchExpression(query string) string {
	var terms []string
	add := func(words []string, prefix bool) {
		if len(words) == 0 || len(terms) == maxQueryTerms {
			return
		}
		term := `"` + strings.Join(words, " ") + `"`
		if prefix {
			term += " *"
		}
		terms = append(terms, term)
	}
	for i := 0; i < len(query); {
		if query[i] == '"' {
			end := strings.IndexByte(query[i+1:], '"')
			if end < 0 {
				i++ // unbalanced: a separator
				continue
			}
			phrase := query[i+1 : i+1+end]
			i += end + 2
			prefix := i < len(query) && query[i] == '*'
			if prefix {
				i++
			}
			add(words(phrase), prefix)
			continue
		}
		// A bare run up to the next quote.
		end := strings.IndexByte(query[i:], '"')
		if end < 0 {
			end = len(query)
		} else {
			end += i
		}
		for _, w := range bareWords(query[i:end]) {
			add([]string{w.word}, w.prefix)
		}
		i = end
	}
	return strings.Join(terms, " AND ")
}

type bareWord struct {
	word   string
	prefix bool
}

// bareWords splits text outside quotes into words, noting which end in '*'.
func bareWords(s string) []bareWord {
	var out []bareWord
	start := -1
	hasBase := false // marks alone fold to nothing, and FTS5 then matches nothing
	flush := func(end int) {
		if start >= 0 && hasBase {
			out = append(out, bareWord{word: s[start:end], prefix: end < len(s) && s[end] == '*'})
		}
		start, hasBase = -1, false
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r, size) {
			if start < 0 {
				start = i
			}
			hasBase = hasBase || !unicode.Is(unicode.M, r)
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(s))
	return out
}

// words splits a phrase's text into words.
func words(s string) []string {
	var out []string
	for _, w := range bareWords(s) {
		out = append(out, w.word)
	}
	return out
}

// isWordRune follows FTS5's unicode61 tokenizer: letters, numbers and
// private-use characters make tokens, and marks stay with the letter they
// modify. Anything else, including the '"' that would end an FTS5 string,
// separates words.
func isWordRune(r rune, size int) bool {
	if r == utf8.RuneError && size <= 1 {
		return false
	}
	return unicode.In(r, unicode.L, unicode.N, unicode.M, unicode.Co)
}

// Search implements store.Store.
func (db *DB) Search(ctx context.Context, query string, limit, offset int) ([]store.SearchHit, int, error) {
	fail := func(err error) ([]store.SearchHit, int, error) {
		return nil, 0, fmt.Errorf("store: search %.60q: %w", query, err)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	match := matchExpression(query)
	if match == "" {
		return nil, 0, nil
	}
	limit, offset = page(limit, offset, defaultSearchLimit, maxSearchLimit)
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`, match).Scan(&total); err != nil {
		return fail(err)
	}
	if total == 0 || offset >= total {
		return []store.SearchHit{}, total, nil
	}
	// Ranked first and described after: SQLite computes a row's columns
	// before sorting, so asking for snippets in the ranking query would build
	// one for every match, not just the page's.
	page, err := rankedPage(ctx, tx, match, total, limit, offset)
	if err != nil {
		return fail(err)
	}
	hits, err := describeHits(ctx, tx, match, page)
	if err != nil {
		return fail(err)
	}
	return hits, total, nil
}

type rankedHit struct {
	seq  int64
	rank float64
}

// rankCandidates bounds the matches a query ranks. BM25 reads every ranked
// match's positions and column sizes, so ranking all of a broad query's
// matches cost time in proportion to them (69 ms for a word in 20,000
// documents) to show 20. Beyond the bound, the candidates are the most
// recently stored matches, and a quarter as many of the most recently stored
// of those whose title matches (a title match weighs four times a body
// match, so those are the likeliest best of the older ones; more of them
// cost more than they find): for news, a broad word's best recent reports
// are what a reader is after. A variable so that tests can lower it.
var rankCandidates = 1000

// rankedPage returns one page of the matches. When there are at most
// rankCandidates, all of them are ranked, best first (bm25 rank, then
// insertion order, so that pages never overlap). Otherwise the candidates
// (see rankCandidates) are ranked so, and the other matches follow them,
// newest first; every match is still on exactly one page.
func rankedPage(ctx context.Context, tx *sql.Tx, match string, total, limit, offset int) ([]rankedHit, error) {
	if total <= rankCandidates {
		return queryRanked(ctx, tx, `SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH ?
			ORDER BY rank, rowid LIMIT ? OFFSET ?`, match, limit, offset)
	}
	// The oldest of the recent candidates: walking a doclist newest first
	// without ranking is cheap, and FTS5 then bounds its scan by rowid.
	var cutoff int64
	if err := tx.QueryRowContext(ctx, `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, rankCandidates-1).Scan(&cutoff); err != nil {
		return nil, err
	}
	// Every word of the query in the title; the expression is all quoted
	// strings joined by AND, which a column filter takes whole.
	titleMatch := "{title} : (" + match + ")"
	var titleCutoff int64 // the oldest title candidate older than cutoff, 0 for none
	var olderInTitle int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(rowid), 0), count(*) FROM (
			SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)`,
		titleMatch, cutoff, max(1, rankCandidates/4)).Scan(&titleCutoff, &olderInTitle); err != nil {
		return nil, err
	}
	ranked := rankCandidates + olderInTitle
	var page []rankedHit
	if offset < ranked {
		// The two sets ranked apart and merged: one query for both would
		// have to visit every match (an OR defeats FTS5's rowid bounds), and
		// a rowid IN list makes FTS5 seek once per candidate. The unary +
		// keeps the title filter a filter.
		n := min(offset+limit, ranked)
		recent, err := queryRanked(ctx, tx, `SELECT rowid, rank FROM documents_fts
			WHERE documents_fts MATCH ? AND rowid >= ? ORDER BY rank, rowid LIMIT ?`, match, cutoff, n)
		if err != nil {
			return nil, err
		}
		var titled []rankedHit
		if olderInTitle > 0 {
			titled, err = queryRanked(ctx, tx, `SELECT rowid, rank FROM documents_fts
				WHERE documents_fts MATCH ? AND rowid >= ? AND rowid < ?
				AND +rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ? AND rowid < ?)
				ORDER BY rank, rowid LIMIT ?`, match, titleCutoff, cutoff, titleMatch, titleCutoff, cutoff, n)
			if err != nil {
				return nil, err
			}
		}
		merged := mergeRanked(recent, titled)
		page = merged[min(offset, len(merged)):min(n, len(merged))]
	}
	if rest := limit - len(page); rest > 0 {
		older, err := queryRanked(ctx, tx, `SELECT rowid, rank FROM documents_fts
			WHERE documents_fts MATCH ? AND rowid < ?
			AND +rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ? AND rowid < ?)
			ORDER BY rowid DESC LIMIT ? OFFSET ?`,
			match, cutoff, titleMatch, titleCutoff, cutoff, rest, max(0, offset-ranked))
		if err != nil {
			return nil, err
		}
		page = append(page, older...)
	}
	return page, nil
}

// mergeRanked merges two lists each in (rank, rowid) order.
func mergeRanked(a, b []rankedHit) []rankedHit {
	out := make([]rankedHit, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].rank < a[0].rank || b[0].rank == a[0].rank && b[0].seq < a[0].seq {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

func queryRanked(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]rankedHit, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []rankedHit
	for rows.Next() {
		var h rankedHit
		if err := rows.Scan(&h.seq, &h.rank); err != nil {
			return nil, err
		}
		page = append(page, h)
	}
	return page, rows.Err()
}

// describeHits fills in the documents' fields and snippets for a page.
func describeHits(ctx context.Context, tx *sql.Tx, match string, page []rankedHit) ([]store.SearchHit, error) {
	if len(page) == 0 {
		return []store.SearchHit{}, nil
	}
	seqs := make([]int64, len(page))
	at := make(map[int64]int, len(page))
	for i, h := range page {
		seqs[i] = h.seq
		at[h.seq] = i
	}
	seqsJSON, err := json.Marshal(seqs)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT documents_fts.rowid, d.id, coalesce(m.story_id, ''), d.title, d.source, d.published,
			snippet(documents_fts, -1, char(2), char(3), '…', ?)
		FROM documents_fts
		JOIN documents d ON d.seq = documents_fts.rowid
		LEFT JOIN story_members m ON m.doc_id = d.id
		WHERE documents_fts MATCH ? AND documents_fts.rowid IN (SELECT value FROM json_each(?))`,
		snippetTokens, match, string(seqsJSON))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits := make([]store.SearchHit, len(page))
	found := 0
	for rows.Next() {
		var seq int64
		var h store.SearchHit
		var pub *string
		var snippet string
		if err := rows.Scan(&seq, &h.DocumentID, &h.StoryID, &h.Title, &h.Source, &pub, &snippet); err != nil {
			return nil, err
		}
		i, ok := at[seq]
		if !ok {
			continue
		}
		if pub != nil {
			if h.Published, err = time.Parse(timeLayout, *pub); err != nil {
				return nil, fmt.Errorf("document %q: published: %w", h.DocumentID, err)
			}
		}
		h.Snippet, h.Highlights = highlights(snippet)
		h.Score = -page[i].rank
		hits[i] = h
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if found != len(page) {
		return nil, fmt.Errorf("%d of %d ranked documents could not be read back", len(page)-found, len(page))
	}
	return hits, nil
}

// highlights removes the match markers from an FTS5 snippet and returns the
// byte spans they enclosed in the plain text. A marker without its partner
// (which the index rules out) is dropped rather than trusted.
func highlights(marked string) (string, []article.Span) {
	var b strings.Builder
	b.Grow(len(marked))
	var spans []article.Span
	open := -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case markOpen:
			open = b.Len()
		case markClose:
			if open >= 0 && b.Len() > open {
				if n := len(spans); n > 0 && spans[n-1].End == open {
					spans[n-1].End = b.Len() // adjacent matches read as one
				} else {
					spans = append(spans, article.Span{Start: open, End: b.Len()})
				}
			}
			open = -1
		default:
			b.WriteByte(marked[i])
		}
	}
	return b.String(), spans
}

// page normalises a caller's limit and offset.
func page(limit, offset, defaultLimit, maxLimit int) (int, int) {
	if limit <= 0 {
		limit = defaultLimit
	}
	return min(limit, maxLimit), max(offset, 0)
}
