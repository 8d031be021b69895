package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/storetest"
)

// TestMigrationIndexesExistingDocuments opens a database as the previous
// schema left it and checks that the new migration makes its documents
// searchable and listable.
func TestMigrationIndexesExistingDocuments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite", "file:"+path+"?"+writeParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, old, migs[:3]); err != nil {
		t.Fatal(err)
	}
	d := storetest.NewDocument("old-doc", "https://example.com/old", "An orchard in Överby was flooded. Marker \x02here\x03 too.")
	d.Title = "Orchard flooded"
	d.Fingerprint = []byte{1, 2}
	body, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	t0 := now()
	if _, err := old.ExecContext(ctx, `INSERT INTO documents (id, url, content_hash, source, title, language, body, fingerprint, inserted_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.URL, d.ContentHash, d.Source, d.Title, d.Language, string(body), d.Fingerprint, t0, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `INSERT INTO story_members (doc_id, story_id, assigned_at) VALUES (?, 'orchards', ?)`, d.ID, t0); err != nil {
		t.Fatal(err)
	}
	old.Close()

	db := openT(t, path)
	defer db.Close()
	for _, q := range []string{"overby", "orchard", "orchard flooded"} {
		hits, total, err := db.Search(ctx, q, 10, 0)
		if err != nil || total != 1 || hits[0].DocumentID != "old-doc" || hits[0].StoryID != "orchards" {
			t.Fatalf("Search(%q) after migration = %+v, %d, %v; want old-doc in orchards", q, hits, total, err)
		}
	}
	hits, _, err := db.Search(ctx, "here", 10, 0)
	if err != nil || len(hits) != 1 || strings.ContainsAny(hits[0].Snippet, "\x02\x03") || len(hits[0].Highlights) != 1 ||
		hits[0].Snippet[hits[0].Highlights[0].Start:hits[0].Highlights[0].End] != "here" {
		t.Fatalf("Search(here) over a backfilled text holding markers = %+v, %v", hits, err)
	}
	var got []string
	if err := db.Assignments(ctx, func(id, story string, features []byte) error {
		got = append(got, fmt.Sprint(id, story, features))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"old-docorchards[]"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Assignments after migration = %q, want %q", got, want)
	}
}

func TestStoriesLimitIsCapped(t *testing.T) {
	ctx := context.Background()
	db := openT(t, Memory)
	defer db.Close()
	for i := range maxStoriesLimit + 5 {
		if err := db.PutStory(ctx, store.StoryInfo{ID: fmt.Sprintf("s%04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	got, total, err := db.Stories(ctx, 1<<30, 0)
	if err != nil || len(got) != maxStoriesLimit || total != maxStoriesLimit+5 {
		t.Fatalf("Stories(huge limit) = %d stories, total %d, %v; want %d of %d", len(got), total, err, maxStoriesLimit, maxStoriesLimit+5)
	}
}

func TestMatchExpression(t *testing.T) {
	tests := []struct{ query, want string }{
		{"", ""},
		{"ferry", `"ferry"`},
		{"ferry harbour", `"ferry" AND "harbour"`},
		{`"storm damage" ferry`, `"storm damage" AND "ferry"`},
		{`repair*`, `"repair" *`},
		{`"rye bre"*`, `"rye bre" *`},
		{`repair *`, `"repair"`},
		{`a AND b OR NOT c`, `"a" AND "AND" AND "b" AND "OR" AND "NOT" AND "c"`},
		{`title:ferry`, `"title" AND "ferry"`},
		{`NEAR(a b, 2)`, `"NEAR" AND "a" AND "b" AND "2"`},
		{`"unbalanced quote`, `"unbalanced" AND "quote"`},
		{`say "it" "again`, `"say" AND "it" AND "again"`},
		{`""`, ""},
		{`" , "`, ""},
		{"caf\u00e9 cafe\u0301", "\"caf\u00e9\" AND \"cafe\u0301\""},
		{"\u0301 x", `"x"`},
		{"bad\xffbyte", `"bad" AND "byte"`},
		{"l'état", `"l" AND "état"`},
		{"北京 news", `"北京" AND "news"`},
	}
	for _, tt := range tests {
		if got := matchExpression(tt.query); got != tt.want {
			t.Errorf("matchExpression(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
	if got := matchExpression(strings.Repeat("w ", 10*maxQueryTerms)); strings.Count(got, `"w"`) != maxQueryTerms {
		t.Errorf("a long query kept %d terms, want %d", strings.Count(got, `"w"`), maxQueryTerms)
	}
}

func TestHighlights(t *testing.T) {
	tests := []struct {
		marked, plain string
		spans         []article.Span
	}{
		{"no marks", "no marks", nil},
		{"a \x02b\x03 c \x02d\x03", "a b c d", []article.Span{{Start: 2, End: 3}, {Start: 6, End: 7}}},
		{"\x02ab\x03\x02cd\x03", "abcd", []article.Span{{Start: 0, End: 4}}},
		{"stray \x03close and \x02open", "stray close and open", nil},
		{"\x02\x03empty", "empty", nil},
		{"\x02Zürich\x03 …", "Zürich …", []article.Span{{Start: 0, End: 7}}},
	}
	for _, tt := range tests {
		plain, spans := highlights(tt.marked)
		if plain != tt.plain || !reflect.DeepEqual(spans, tt.spans) {
			t.Errorf("highlights(%q) = %q %v, want %q %v", tt.marked, plain, spans, tt.plain, tt.spans)
		}
	}
}

var fts5Term = regexp.MustCompile(`^"[^"]+"( \*)?$`)

// FuzzSearchQuery feeds arbitrary queries to the translator and to a real
// index: the expression must be well formed, and searching must never fail.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range []string{"ferry", `"storm damage"`, "repair*", `"rye bre"*`, `"`, `AND OR NOT`, "title:x", "(",
		"*", "NEAR(a b)", "'; DROP TABLE documents; --", "\xff", "\u0301", "a\x00b", "\x02x\x03", `a"b"c"`, "^x", "{a b}: c"} {
		f.Add(seed)
	}
	ctx := context.Background()
	db, err := Open(ctx, Memory)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	for i := range 3 {
		if _, _, err := db.PutDocument(ctx, storetest.SampleDocument(i, 500)); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, query string) {
		expr := matchExpression(query)
		if expr != "" {
			terms := strings.Split(expr, " AND ")
			if len(terms) > maxQueryTerms {
				t.Fatalf("matchExpression(%q) has %d terms", query, len(terms))
			}
			for _, term := range terms {
				if !fts5Term.MatchString(term) {
					t.Fatalf("matchExpression(%q) = %q: malformed term %q", query, expr, term)
				}
			}
		}
		hits, total, err := db.Search(ctx, query, 5, 0)
		if err != nil {
			t.Fatalf("Search(%q) [%s]: %v", query, expr, err)
		}
		if expr == "" && (total != 0 || len(hits) != 0) {
			t.Fatalf("Search(%q) without words found %d", query, total)
		}
	})
}

// TestSearchRanksRecentCandidates lowers the ranking bound: a query with more
// matches ranks only the most recently stored ones, best first, then pages
// through the older newest first, with every match on exactly one page; a
// query within the bound is ranked exactly as with no bound.
func TestSearchRanksRecentCandidates(t *testing.T) {
	ctx := context.Background()
	db := openT(t, Memory)
	defer db.Close()
	const n = 30
	// Old matches with the word in their title are ranked too.
	titled := map[string]bool{"bird-03": true, "bird-07": true}
	for i := range n {
		// Varying repetitions give varying scores, unrelated to age.
		text := fmt.Sprintf("The kestrel %s flew over field %d.", strings.Repeat("kestrel ", (i*7)%5), i)
		if i%3 == 0 {
			text += " A heron waited."
		}
		d := storetest.NewDocument(fmt.Sprintf("bird-%02d", i), "", text)
		if titled[d.ID] {
			d.Title = "Kestrel seen"
		}
		if _, _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	unbounded := func(q string) []store.SearchHit {
		t.Helper()
		hits, _, err := db.Search(ctx, q, 1000, 0)
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	allKestrel, allHeron := unbounded("kestrel"), unbounded("heron")

	defer func(old int) { rankCandidates = old }(rankCandidates)
	rankCandidates = 12

	// Within the bound (10 heron matches): the same hits, in the same order.
	if got := unbounded("heron"); !reflect.DeepEqual(got, allHeron) {
		t.Errorf("a query within the bound ranks differently:\n got %v\nwant %v", ids(got), ids(allHeron))
	}

	// Pages of 5 straddle the end of the ranked candidates (14); pages of 7 end on it.
	pageOf := func(size int) []store.SearchHit {
		var pages []store.SearchHit
		for offset := 0; offset < n+size; offset += size {
			hits, total, err := db.Search(ctx, "kestrel", size, offset)
			if err != nil {
				t.Fatal(err)
			}
			if total != n {
				t.Fatalf("offset %d: total %d, want the exact %d", offset, total, n)
			}
			if want := max(0, min(size, n-offset)); len(hits) != want {
				t.Fatalf("offset %d: %d hits, want %d", offset, len(hits), want)
			}
			pages = append(pages, hits...)
		}
		return pages
	}
	pages := pageOf(7)
	if other := pageOf(5); !reflect.DeepEqual(ids(other), ids(pages)) {
		t.Errorf("pages of 5 and of 7 give different orders:\n%v\n%v", ids(other), ids(pages))
	}
	// First the newest 12 (bird-18 .. bird-29) and the titled ones, best
	// first as the unbounded ranking orders them; then the rest, newest first.
	var want []string
	for _, h := range allKestrel {
		if h.DocumentID >= "bird-18" || titled[h.DocumentID] {
			want = append(want, h.DocumentID)
		}
	}
	if want[0] != "bird-03" && want[0] != "bird-07" {
		t.Fatalf("unbounded ranking %v does not put a title match first", ids(allKestrel))
	}
	for i := 29 - 12; i >= 0; i-- {
		if id := fmt.Sprintf("bird-%02d", i); !titled[id] {
			want = append(want, id)
		}
	}
	if got := ids(pages); !reflect.DeepEqual(got, want) {
		t.Errorf("pages over the bound:\n got %v\nwant %v", got, want)
	}
	// The title filter wraps the whole expression: any query syntax stays valid.
	for _, q := range []string{`kestrel*`, `"the kestrel"`, `kes* "kestrel flew"*`, `title:kestrel`, `kestrel OR NOT (`, `{title}: kestrel`} {
		if hits, total, err := db.Search(ctx, q, 20, 0); err != nil || total > rankCandidates && len(hits) != 20 {
			t.Errorf("Search(%q) over the bound: %d hits of %d, %v", q, len(hits), total, err)
		}
	}
	scores := map[string]float64{}
	for _, h := range allKestrel {
		scores[h.DocumentID] = h.Score
	}
	for _, h := range pages {
		if h.Score != scores[h.DocumentID] {
			t.Errorf("%s scores %g, %g unbounded", h.DocumentID, h.Score, scores[h.DocumentID])
		}
	}
}

func ids(hits []store.SearchHit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.DocumentID)
	}
	return out
}
