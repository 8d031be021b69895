package storetest

// Tests of what serving needs: clusterer state, story listings and merges,
// stored analyses and full-text search. Every fixture text here is invented.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

func testClusterFeatures(t *testing.T, s store.Store) {
	with := NewDocument("a", "https://example.com/a", "A text with features.")
	with.ClusterFeatures = []byte{0, 9, 255, 0}
	without := NewDocument("b", "", "A text without features.")
	put(t, s, with, store.Added)
	put(t, s, without, store.Added)
	sameDocument(t, get(t, s, "a"), with)
	if got := get(t, s, "b").ClusterFeatures; got != nil {
		t.Fatalf("Document(b).ClusterFeatures = %v, want nil", got)
	}
	updated := NewDocument("a", "https://example.com/a", "A text with features, revised.")
	updated.ClusterFeatures = []byte{7}
	put(t, s, updated, store.Updated)
	sameDocument(t, get(t, s, "a"), updated)
}

type assignment struct {
	doc, story string
	features   []byte
}

func assignments(t *testing.T, s store.Store) []assignment {
	t.Helper()
	var got []assignment
	err := s.Assignments(context.Background(), func(doc, story string, features []byte) error {
		got = append(got, assignment{doc, story, bytes.Clone(features)})
		return nil
	})
	if err != nil {
		t.Fatalf("Assignments: %v", err)
	}
	return got
}

func testAssignments(t *testing.T, s store.Store) {
	ctx := context.Background()
	if got := assignments(t, s); len(got) != 0 {
		t.Fatalf("Assignments on an empty store = %v", got)
	}
	// Ids unsorted, so that neither id order nor assignment order passes.
	for i, id := range []string{"q", "c", "x", "a"} {
		d := NewDocument(id, fmt.Sprintf("https://example.com/%s", id), fmt.Sprintf("Text number %d.", i))
		if i != 2 {
			d.ClusterFeatures = []byte{byte(i + 1), byte(10 * i)}
		}
		put(t, s, d, store.Added)
	}
	for doc, story := range map[string]string{"a": "s1", "q": "s2", "c": "s1"} {
		if err := s.SetStory(ctx, doc, story); err != nil {
			t.Fatal(err)
		}
	}
	// An update changes the features but neither the place nor the story.
	c := NewDocument("c", "https://example.com/c", "Text number 1, corrected.")
	c.ClusterFeatures = []byte{42}
	put(t, s, c, store.Updated)

	want := []assignment{{"q", "s2", []byte{1, 0}}, {"c", "s1", []byte{42}}, {"x", "", nil}, {"a", "s1", []byte{4, 30}}}
	if got := assignments(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("Assignments = %v, want %v", got, want)
	}

	stop := errors.New("stop")
	calls := 0
	if err := s.Assignments(ctx, func(string, string, []byte) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("Assignments with a failing callback: err %v after %d calls, want fn's error after 1", err, calls)
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	calls = 0
	err := s.Assignments(cctx, func(string, string, []byte) error { calls++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("Assignments cancelled by fn: err %v after %d calls, want context.Canceled after 1", err, calls)
	}
}

// day is a fixed instant plus n hours, in a zone other than UTC so that a
// store that loses the instant fails.
func day(n int) time.Time {
	return time.Date(2025, 6, 1, 9, 30, 0, 123456789, time.FixedZone("X", 3*3600)).Add(time.Duration(n) * time.Hour)
}

func putStory(t *testing.T, s store.Store, st store.StoryInfo) {
	t.Helper()
	if err := s.PutStory(context.Background(), st); err != nil {
		t.Fatalf("PutStory(%q): %v", st.ID, err)
	}
}

func storyIDs(ss []store.StoryInfo) []string {
	ids := make([]string, len(ss))
	for i, st := range ss {
		ids[i] = st.ID
	}
	return ids
}

func sameStoryInfo(a, b store.StoryInfo) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Articles == b.Articles && a.Origins == b.Origins &&
		a.Created.Equal(b.Created) && a.Updated.Equal(b.Updated) && a.MergedInto == b.MergedInto
}

func testStoryListing(t *testing.T, s store.Store) {
	ctx := context.Background()
	// Updated out of id order, with a tie (b and d) broken by id and a story
	// never updated (zero time), which comes last.
	stories := []store.StoryInfo{
		{ID: "d", Title: "Dam opens", Articles: 2, Origins: 1, Created: day(0), Updated: day(5)},
		{ID: "a", Title: "Avalanche warning", Articles: 7, Origins: 3, Created: day(1), Updated: day(2)},
		{ID: "e", Title: "Eclipse seen", Articles: 1, Origins: 1, Created: day(0)},
		{ID: "c", Title: "Canal repaired", Articles: 4, Origins: 2, Created: day(2), Updated: day(9)},
		{ID: "b", Title: "Bridge closed", Articles: 3, Origins: 3, Created: day(3), Updated: day(5)},
	}
	for _, st := range stories {
		putStory(t, s, st)
	}
	order := []string{"c", "b", "d", "a", "e"}
	tests := []struct {
		limit, offset int
		want          []string
	}{
		{10, 0, order},
		{0, 0, order}, // the default page holds them all
		{-1, 0, order},
		{2, 0, order[:2]},
		{2, 2, order[2:4]},
		{2, 4, order[4:]},
		{2, 5, nil},
		{2, 50, nil},
		{3, -4, order[:3]},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("limit %d offset %d", tt.limit, tt.offset), func(t *testing.T) {
			got, total, err := s.Stories(ctx, tt.limit, tt.offset)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(stories) {
				t.Fatalf("total = %d, want %d", total, len(stories))
			}
			if ids := storyIDs(got); !slices.Equal(ids, tt.want) {
				t.Fatalf("Stories = %q, want %q", ids, tt.want)
			}
			for _, g := range got {
				i := slices.IndexFunc(stories, func(st store.StoryInfo) bool { return st.ID == g.ID })
				if !sameStoryInfo(g, stories[i]) {
					t.Fatalf("listed %+v, want %+v", g, stories[i])
				}
			}
		})
	}
	t.Run("merged stories are not listed", func(t *testing.T) {
		if err := s.MergeStories(ctx, "b", "c"); err != nil {
			t.Fatal(err)
		}
		got, total, err := s.Stories(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"c", "d", "a", "e"}; total != 4 || !slices.Equal(storyIDs(got), want) {
			t.Fatalf("Stories after a merge = %q (total %d), want %q (total 4)", storyIDs(got), total, want)
		}
	})
	t.Run("default page", func(t *testing.T) {
		for i := range 60 {
			putStory(t, s, store.StoryInfo{ID: fmt.Sprintf("many-%02d", i), Title: "One of many", Updated: day(100 + i)})
		}
		got, total, err := s.Stories(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 50 || total != 64 || got[0].ID != "many-59" {
			t.Fatalf("default page: %d stories from %q, total %d; want 50 from many-59, total 64", len(got), storyIDs(got)[:1], total)
		}
	})
}

func testPutStoryReplaces(t *testing.T, s store.Store) {
	ctx := context.Background()
	first := store.StoryInfo{ID: "s", Title: "Flood warning", Articles: 1, Origins: 1, Created: day(0), Updated: day(0)}
	second := store.StoryInfo{ID: "s", Title: "Flood warning lifted", Articles: 6, Origins: 4, Created: day(0), Updated: day(3)}
	putStory(t, s, first)
	putStory(t, s, second)
	got, err := s.StoryInfo(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	if !sameStoryInfo(got, second) {
		t.Fatalf("StoryInfo after a replace = %+v, want %+v", got, second)
	}
	if list, total, err := s.Stories(ctx, 10, 0); err != nil || total != 1 || len(list) != 1 {
		t.Fatalf("Stories after a replace = %v (total %d, err %v), want one entry", list, total, err)
	}
	zero := store.StoryInfo{ID: "z"}
	putStory(t, s, zero)
	if got, err := s.StoryInfo(ctx, "z"); err != nil || !reflect.DeepEqual(got, zero) {
		t.Fatalf("StoryInfo of a bare entry = %+v, %v; want %+v", got, err, zero)
	}
	if _, err := s.StoryInfo(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("StoryInfo(missing): err = %v, want ErrNotFound", err)
	}
	for _, bad := range []store.StoryInfo{{}, {ID: "m", MergedInto: "s"}} {
		if err := s.PutStory(ctx, bad); err == nil {
			t.Fatalf("PutStory(%+v) succeeded, want an error", bad)
		}
	}
}

// storyFixture stores n sample documents and assigns them to stories.
func storyFixture(t *testing.T, s store.Store, n int, assign map[string]string) {
	t.Helper()
	for i := range n {
		put(t, s, SampleDocument(i, 100), store.Added)
	}
	for doc, story := range assign {
		if err := s.SetStory(context.Background(), doc, story); err != nil {
			t.Fatal(err)
		}
	}
}

func wantMembers(t *testing.T, s store.Store, story string, want ...string) {
	t.Helper()
	got, err := s.StoryMembers(context.Background(), story)
	if err != nil {
		t.Fatalf("StoryMembers(%q): %v", story, err)
	}
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("StoryMembers(%q) = %q, want %q", story, got, want)
	}
}

func wantMergedInto(t *testing.T, s store.Store, story, into string) {
	t.Helper()
	got, err := s.StoryInfo(context.Background(), story)
	if err != nil {
		t.Fatalf("StoryInfo(%q): %v", story, err)
	}
	if want := (store.StoryInfo{ID: story, MergedInto: into}); !reflect.DeepEqual(got, want) {
		t.Fatalf("StoryInfo(%q) = %+v, want %+v", story, got, want)
	}
}

func testMergeStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	storyFixture(t, s, 5, map[string]string{"doc-0": "a", "doc-3": "a", "doc-1": "b", "doc-4": "b", "doc-2": "unlisted"})
	putStory(t, s, store.StoryInfo{ID: "a", Title: "Story A", Articles: 2, Updated: day(1)})
	putStory(t, s, store.StoryInfo{ID: "b", Title: "Story B", Articles: 2, Updated: day(2)})
	docs := func(ids ...string) []*article.Document {
		var ds []*article.Document
		for _, id := range ids {
			ds = append(ds, get(t, s, id))
		}
		return ds
	}
	for id, members := range map[string][]string{"a": {"doc-0", "doc-3"}, "b": {"doc-1", "doc-4"}} {
		if err := s.PutAnalysis(ctx, article.NewAnalysis(&article.Story{ID: id, Documents: docs(members...)})); err != nil {
			t.Fatal(err)
		}
	}

	if err := s.MergeStories(ctx, "a", "b"); err != nil {
		t.Fatalf("MergeStories(a, b): %v", err)
	}
	wantMembers(t, s, "b", "doc-0", "doc-1", "doc-3", "doc-4")
	wantMembers(t, s, "a")
	for _, doc := range []string{"doc-0", "doc-3"} {
		if got, err := s.StoryOf(ctx, doc); err != nil || got != "b" {
			t.Fatalf("StoryOf(%q) after merge = %q, %v; want b", doc, got, err)
		}
	}
	wantMergedInto(t, s, "a", "b")
	if _, err := s.Analysis(ctx, "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Analysis of a merged story: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Analysis(ctx, "b"); err != nil {
		t.Fatalf("Analysis of the surviving story: %v", err)
	}
	if got, err := s.StoryInfo(ctx, "b"); err != nil || got.Title != "Story B" {
		t.Fatalf("StoryInfo(b) after merge = %+v, %v; want it untouched", got, err)
	}
	wantAssigned := []string{"b", "b", "unlisted", "b", "b"}
	for i, a := range assignments(t, s) {
		if a.story != wantAssigned[i] {
			t.Fatalf("Assignments after merge: %s in %q, want %q", a.doc, a.story, wantAssigned[i])
		}
	}

	// A story known only by its members is merged and remembered too.
	if err := s.MergeStories(ctx, "unlisted", "b"); err != nil {
		t.Fatal(err)
	}
	wantMembers(t, s, "b", "doc-0", "doc-1", "doc-2", "doc-3", "doc-4")
	wantMergedInto(t, s, "unlisted", "b")

	// An unknown story: nothing moved, nothing recorded, no error.
	if err := s.MergeStories(ctx, "ghost", "b"); err != nil {
		t.Fatalf("MergeStories of an unknown story: %v", err)
	}
	if _, err := s.StoryInfo(ctx, "ghost"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("StoryInfo(ghost) after merging it: err = %v, want ErrNotFound", err)
	}
	wantMembers(t, s, "b", "doc-0", "doc-1", "doc-2", "doc-3", "doc-4")

	// Putting a merged story's id again makes it live.
	putStory(t, s, store.StoryInfo{ID: "a", Title: "Story A again", Updated: day(3)})
	if got, err := s.StoryInfo(ctx, "a"); err != nil || got.MergedInto != "" || got.Title != "Story A again" {
		t.Fatalf("StoryInfo(a) after PutStory = %+v, %v; want it live", got, err)
	}
}

func testMergeChains(t *testing.T, s store.Store) {
	ctx := context.Background()
	storyFixture(t, s, 4, map[string]string{"doc-0": "a", "doc-1": "b", "doc-2": "c", "doc-3": "x"})
	for _, id := range []string{"a", "b", "c", "x"} {
		putStory(t, s, store.StoryInfo{ID: id, Title: "Story " + id})
	}
	steps := []struct{ from, into string }{{"a", "b"}, {"b", "c"}}
	for _, st := range steps {
		if err := s.MergeStories(ctx, st.from, st.into); err != nil {
			t.Fatalf("MergeStories(%q, %q): %v", st.from, st.into, err)
		}
	}
	wantMergedInto(t, s, "a", "c")
	wantMergedInto(t, s, "b", "c")
	wantMembers(t, s, "c", "doc-0", "doc-1", "doc-2")

	// Merging into a merged story follows its redirect.
	if err := s.MergeStories(ctx, "x", "a"); err != nil {
		t.Fatalf("MergeStories(x, a): %v", err)
	}
	wantMergedInto(t, s, "x", "c")
	wantMembers(t, s, "c", "doc-0", "doc-1", "doc-2", "doc-3")
	wantMembers(t, s, "a")
	if list, total, err := s.Stories(ctx, 10, 0); err != nil || total != 1 || !slices.Equal(storyIDs(list), []string{"c"}) {
		t.Fatalf("Stories after the chain = %q (total %d, err %v), want [c]", storyIDs(list), total, err)
	}
}

// testSplits: recorded splits come back in order, named by the live
// stories they are now, once each, also when recorded in a batch; bad ids
// are refused.
func testSplits(t *testing.T, s store.Store) {
	ctx := context.Background()
	storyFixture(t, s, 4, map[string]string{"doc-0": "a", "doc-1": "b", "doc-2": "c", "doc-3": "d"})
	for _, sp := range [][2]string{{"a", "b"}, {"c", "d"}, {"a", "b"}} {
		if err := s.RecordSplit(ctx, sp[0], sp[1]); err != nil {
			t.Fatalf("RecordSplit(%q, %q): %v", sp[0], sp[1], err)
		}
	}
	if err := s.Batch(ctx, func(w store.Writer) error { return w.RecordSplit(ctx, "b", "c") }); err != nil {
		t.Fatalf("RecordSplit in a batch: %v", err)
	}
	// d is absorbed by a: the split of d from c is now one of a from c.
	if err := s.MergeStories(ctx, "d", "a"); err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	if err := s.Splits(ctx, func(from, to string) error {
		got = append(got, [2]string{from, to})
		return nil
	}); err != nil {
		t.Fatalf("Splits: %v", err)
	}
	if want := [][2]string{{"a", "b"}, {"c", "a"}, {"b", "c"}}; !slices.Equal(got, want) {
		t.Errorf("Splits = %v, want %v", got, want)
	}
	stop := errors.New("stop")
	calls := 0
	if err := s.Splits(ctx, func(string, string) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Splits with fn failing: err %v after %d calls, want fn's error after 1", err, calls)
	}
	for _, bad := range [][2]string{{"", "a"}, {"a", ""}, {"a", "a"}} {
		if err := s.RecordSplit(ctx, bad[0], bad[1]); err == nil {
			t.Errorf("RecordSplit(%q, %q) succeeded", bad[0], bad[1])
		}
	}
}

func testMergeErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	storyFixture(t, s, 2, map[string]string{"doc-0": "a", "doc-1": "b"})
	putStory(t, s, store.StoryInfo{ID: "a", Title: "Story A"})
	putStory(t, s, store.StoryInfo{ID: "b", Title: "Story B"})
	if err := s.MergeStories(ctx, "a", "b"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, into string
	}{
		{"into itself", "b", "b"},
		{"into itself through a redirect", "b", "a"},
		{"already merged", "a", "b"},
		{"empty from", "", "b"},
		{"empty into", "b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.MergeStories(ctx, tt.from, tt.into); err == nil {
				t.Fatalf("MergeStories(%q, %q) succeeded, want an error", tt.from, tt.into)
			}
			wantMembers(t, s, "b", "doc-0", "doc-1")
			wantMergedInto(t, s, "a", "b")
			if got, err := s.StoryInfo(ctx, "b"); err != nil || got.MergedInto != "" || got.Title != "Story B" {
				t.Fatalf("StoryInfo(b) after a refused merge = %+v, %v", got, err)
			}
		})
	}
}

// analysisFixture stores two invented documents and returns an analysis of
// their story with every section filled.
func analysisFixture(t *testing.T, s store.Store) *article.Analysis {
	t.Helper()
	one := NewDocument("harbour-1", "https://example.com/harbour-1",
		"The Velmar harbour reopened on Monday. The port authority said 40 boats had returned.")
	one.Title = "Velmar harbour reopens"
	one.Published = time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)
	one.ClusterFeatures = []byte{3, 1, 4}
	two := NewDocument("harbour-2", "", "Fishing resumed at Velmar after the storm. Officials counted 45 boats back in port.")
	two.Title = "Fishing resumes at Velmar"
	two.Source = "Coast Daily"
	two.Fingerprint = []byte{9, 9}
	// Stored in the reverse of the story's order, to show the order put is
	// kept; a second call finds them stored.
	for _, d := range []*article.Document{two, one} {
		if _, _, err := s.PutDocument(context.Background(), d); err != nil {
			t.Fatalf("PutDocument(%q): %v", d.ID, err)
		}
	}

	a := article.NewAnalysis(&article.Story{ID: "story-velmar", Title: "Velmar harbour reopens", Documents: []*article.Document{one, two}})
	a.Provenance.NearDuplicates = []article.NearDuplicate{{A: "harbour-1", B: "harbour-2", Similarity: 0.1234567890123}}
	a.Provenance.SharedPassages = []article.SharedPassage{{Articles: []string{"harbour-1", "harbour-2"}, Text: "boats", Kind: "copied",
		Offsets: map[string]article.Span{"harbour-1": {Start: 74, End: 79}, "harbour-2": {Start: 67, End: 72}}}}
	a.Provenance.Credits = []article.Credit{{Article: "harbour-2", Agency: "Coast Wire", Evidence: "(Coast Wire)"}}
	a.Provenance.Origins = [][]string{{"harbour-1"}, {"harbour-2"}}
	a.Provenance.OriginLinks = []article.OriginLink{}
	a.Entities = []article.Entity{{ID: "e1", Name: "Velmar", Type: "place", Aliases: []string{"Velmar harbour"}, Roles: []string{},
		Articles: map[string]int{"harbour-1": 1, "harbour-2": 1},
		Links:    []article.EntityLink{{Alias: "Velmar harbour", Evidence: "same place", Confidence: 0.6}}}}
	a.Places = []article.Place{{Name: "Velmar", Aliases: []string{}, Lat: 43.21, Lon: -8.765, Country: "XX", Articles: map[string]int{"harbour-1": 1}}}
	a.Claims = []article.Claim{
		{ID: "harbour-1-f1", Kind: "figure", Article: "harbour-1", Sentence: 1, Text: "40 boats had returned", Subject: "boats returned", Value: "40", Date: "2025-03-03", DateAnchor: "article date"},
		{ID: "harbour-2-f1", Kind: "figure", Article: "harbour-2", Sentence: 1, Text: "45 boats back in port", Subject: "boats returned", Value: "45", Speaker: "Officials"},
	}
	a.Conflicts = []article.Comparison{{ID: "c1", Verdict: article.Conflict, About: "boats returned", Origins: 2,
		Sides: []article.Side{
			{Claims: []string{"harbour-1-f1"}, Articles: []string{"harbour-1"}, Value: "40", Evidence: []string{"40 boats had returned"}},
			{Claims: []string{"harbour-2-f1"}, Articles: []string{"harbour-2"}, Value: "45", Evidence: []string{"45 boats back in port"}},
		}, Explanation: "40 against 45"}}
	a.Agreements = []article.Comparison{{ID: "c2", Verdict: article.Agreed, About: "harbour reopened", Sides: []article.Side{}}}
	a.Framing = []article.Framing{{Actor: "port authority", Terms: map[string]map[string]int{"harbour-1": {"authority": 1}}}}
	a.Summary = []article.SummaryLine{{Text: "The Velmar harbour reopened.", Sources: []string{"harbour-1"}, Origins: [][]string{{"harbour-1"}}}}
	a.Timeline = []article.TimelineEvent{{Date: "2025-03-03", DatePrecision: "day", Inferred: true, Text: "Harbour reopens", Sources: []string{"harbour-1"}}}
	a.Map = `<svg xmlns="http://www.w3.org/2000/svg"><circle cx="1" cy="2" r="3"/></svg>`
	return a
}

func testAnalysisRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := analysisFixture(t, s)
	if err := s.PutAnalysis(ctx, a); err != nil {
		t.Fatalf("PutAnalysis: %v", err)
	}
	got, err := s.Analysis(ctx, a.Story.ID)
	if err != nil {
		t.Fatalf("Analysis: %v", err)
	}
	if !reflect.DeepEqual(got, a) {
		gotCopy, wantCopy := *got, *a
		gotCopy.Story, wantCopy.Story = nil, nil
		if !reflect.DeepEqual(gotCopy, wantCopy) {
			t.Fatalf("Analysis differs from what was put:\n got  %+v\n want %+v", gotCopy, wantCopy)
		}
		t.Fatalf("Analysis story differs: got %q with %d documents, want %q with %d",
			got.Story.ID, len(got.Story.Documents), a.Story.ID, len(a.Story.Documents))
	}

	// A second analysis replaces the first.
	b := analysisFixture(t, s)
	b.Story.Title = "Velmar fishing fleet returns"
	b.Story.Documents = b.Story.Documents[1:]
	b.Summary = []article.SummaryLine{}
	b.Map = ""
	if err := s.PutAnalysis(ctx, b); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Analysis(ctx, b.Story.ID); err != nil || !reflect.DeepEqual(got, b) {
		t.Fatalf("Analysis after a replace: err %v, equal %v", err, reflect.DeepEqual(got, b))
	}

	// A story without documents keeps them nil or empty as put.
	for _, docs := range [][]*article.Document{nil, {}} {
		c := article.NewAnalysis(&article.Story{ID: "bare", Documents: docs})
		if err := s.PutAnalysis(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Analysis(ctx, "bare"); err != nil || !reflect.DeepEqual(got, c) {
			t.Fatalf("Analysis of a story with documents %#v: %+v, %v", docs, got, err)
		}
	}
	if _, err := s.Analysis(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Analysis(missing): err = %v, want ErrNotFound", err)
	}
}

func testAnalysisAfterDocumentUpdate(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := analysisFixture(t, s)
	if err := s.PutAnalysis(ctx, a); err != nil {
		t.Fatal(err)
	}
	revised := NewDocument("other-id", a.Story.Documents[0].URL, "The Velmar harbour reopened on Monday, a day late.")
	revised.Title = "Velmar harbour reopens a day late"
	put(t, s, revised, store.Updated)
	got, err := s.Analysis(ctx, a.Story.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Story.Documents) != 2 {
		t.Fatalf("story has %d documents after an update, want 2", len(got.Story.Documents))
	}
	sameDocument(t, got.Story.Documents[0], withID(revised, "harbour-1"))
	sameDocument(t, got.Story.Documents[1], a.Story.Documents[1])
}

func testAnalysisErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, SampleDocument(1, 100), store.Added)
	tests := []struct {
		name string
		a    *article.Analysis
	}{
		{"nil analysis", nil},
		{"nil story", &article.Analysis{}},
		{"empty story id", article.NewAnalysis(&article.Story{})},
		{"nil document", article.NewAnalysis(&article.Story{ID: "s", Documents: []*article.Document{nil}})},
		{"document not stored", article.NewAnalysis(&article.Story{ID: "s",
			Documents: []*article.Document{get(t, s, "doc-1"), NewDocument("absent", "", "Never stored.")}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.PutAnalysis(ctx, tt.a); err == nil {
				t.Fatal("PutAnalysis succeeded, want an error")
			}
			if _, err := s.Analysis(ctx, "s"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("Analysis after a refused put: err = %v, want ErrNotFound", err)
			}
		})
	}
}

// searchFixture stores a few invented articles for the search tests.
func searchFixture(t *testing.T, s store.Store) {
	t.Helper()
	docs := []struct{ id, title, text string }{
		{"ferry", "Ferry service restored",
			"The harbour ferry resumed service on Monday after storm damage was repaired. Passengers praised the crew."},
		{"storm", "Storm closes harbour",
			"A storm closed the harbour and the ferry stayed in port. Repairs began on Monday."},
		{"bakery", "Bakery wins prize",
			"A bakery in Zürich won the regional prize for rye bread. The baker thanked the village."},
	}
	for i, d := range docs {
		doc := NewDocument(d.id, "https://example.com/"+d.id, d.text)
		doc.Title = d.title
		doc.Source = fmt.Sprintf("Outlet %d", i)
		doc.Published = time.Date(2025, 4, 1+i, 12, 0, 0, 0, time.UTC)
		put(t, s, doc, store.Added)
	}
	if err := s.SetStory(context.Background(), "storm", "story-storm"); err != nil {
		t.Fatal(err)
	}
}

func search(t *testing.T, s store.Store, query string, limit, offset int) ([]store.SearchHit, int) {
	t.Helper()
	hits, total, err := s.Search(context.Background(), query, limit, offset)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	checkHits(t, query, hits)
	return hits, total
}

// checkHits checks what must hold of any hit: ordered scores, plain valid
// snippets, and highlights inside them, in order, on character boundaries.
func checkHits(t *testing.T, query string, hits []store.SearchHit) {
	t.Helper()
	for i, h := range hits {
		if i > 0 && h.Score > hits[i-1].Score {
			t.Fatalf("Search(%q): hit %d scores %g, above hit %d's %g", query, i, h.Score, i-1, hits[i-1].Score)
		}
		if !utf8.ValidString(h.Snippet) || strings.ContainsAny(h.Snippet, "\x00\x01\x02\x03") {
			t.Fatalf("Search(%q): snippet %q is not plain valid text", query, h.Snippet)
		}
		end := 0
		for _, sp := range h.Highlights {
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(h.Snippet) {
				t.Fatalf("Search(%q): highlights %v out of order or outside snippet %q", query, h.Highlights, h.Snippet)
			}
			if !utf8.RuneStart(h.Snippet[sp.Start]) || (sp.End < len(h.Snippet) && !utf8.RuneStart(h.Snippet[sp.End])) {
				t.Fatalf("Search(%q): highlight %v splits a character of %q", query, sp, h.Snippet)
			}
			end = sp.End
		}
	}
}

func hitIDs(hits []store.SearchHit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.DocumentID
	}
	return ids
}

func testSearchRanking(t *testing.T, s store.Store) {
	// The same word once in one title and once in another text of the
	// same length: the title match must rank first, whatever the order stored.
	body := "Engineers inspected the old pumping station near the river on Thursday and found it sound."
	inText := NewDocument("in-text", "https://example.com/in-text", body+" A glacier feeds the river.")
	inText.Title = "Station found sound"
	inTitle := NewDocument("in-title", "https://example.com/in-title", body+" A spring feeds the river.")
	inTitle.Title = "Station near glacier found sound"
	put(t, s, inText, store.Added)
	put(t, s, inTitle, store.Added)
	put(t, s, NewDocument("unrelated", "https://example.com/unrelated", "Nothing about ice here."), store.Added)

	hits, total := search(t, s, "glacier", 10, 0)
	if total != 2 || !slices.Equal(hitIDs(hits), []string{"in-title", "in-text"}) {
		t.Fatalf("Search(glacier) = %q (total %d), want [in-title in-text]: a title match ranks first", hitIDs(hits), total)
	}
	if hits[0].Score <= hits[1].Score {
		t.Fatalf("scores %g and %g: the better hit must score higher", hits[0].Score, hits[1].Score)
	}
}

func testSearchSyntax(t *testing.T, s store.Store) {
	searchFixture(t, s)
	tests := []struct {
		query string
		want  []string // sorted
	}{
		{"ferry", []string{"ferry", "storm"}},
		{"FERRY", []string{"ferry", "storm"}},
		{"ferry monday repaired", []string{"ferry"}},
		{"ferry bread", nil},
		{`"storm damage"`, []string{"ferry"}},
		{`"damage storm"`, nil},
		{`"storm closed" harbour`, []string{"storm"}},
		{"repair", nil},
		{"repair*", []string{"ferry", "storm"}},
		{"bak*", []string{"bakery"}},
		{`"rye bre"*`, []string{"bakery"}},
		{"Zurich", []string{"bakery"}},
		{"zürich", []string{"bakery"}},
		{"ZÜRICH", []string{"bakery"}},
		{"bakery OR ferry", nil}, // operators are words, and no text says "or"
		{"NOT ferry", nil},
		{"ferry -storm", []string{"ferry", "storm"}},
		{"title:bakery", nil},
		{`"ferry`, []string{"ferry", "storm"}},
		{`(ferry)`, []string{"ferry", "storm"}},
		{"ferry!!! harbour???", []string{"ferry", "storm"}},
		{"", nil},
		{"   ", nil},
		{"*", nil},
		{`""`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, total := search(t, s, tt.query, 10, 0)
			got := hitIDs(hits)
			slices.Sort(got)
			if len(got) == 0 {
				got = nil
			}
			if !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Fatalf("Search(%q) = %q (total %d), want %q", tt.query, got, total, tt.want)
			}
		})
	}
}

func testSearchHostileQueries(t *testing.T, s store.Store) {
	searchFixture(t, s)
	tests := []string{
		`"`, `"""`, `""""`, `a"b"c`, `AND OR NOT`, `AND`, `NEAR`, `NEAR(ferry storm)`, `NEAR(`, `ferry NEAR/2 storm`,
		`title:x`, `{title text}: ferry`, `-title:ferry`, `(`, `)`, `((ferry)`, `*`, `**`, `ferry*storm`, `*ferry`, `^ferry`,
		`+ferry`, `'; DROP TABLE documents; --`, `ferry'`, "\xff\xfe\xfd", "fer\x80ry", "\x00", "ferry\x00storm",
		"\x02ferry\x03", "\u0301", "ferry \u0301", "🙂", "ferry 🙂", `\`, `\"`, `%_`, `ferry:*`, `"ferry" AND`,
		strings.Repeat("harbour ", 10<<10/8), strings.Repeat(`"`, 999), strings.Repeat("(", 500), strings.Repeat("ferry OR ", 500),
	}
	for i, q := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if _, _, err := s.Search(context.Background(), q, 5, 0); err != nil {
				t.Fatalf("Search(%.40q): %v", q, err)
			}
		})
	}
	wantCount(t, s, 3)
	// Markers and combining marks alone neither match nor stop others matching.
	for _, q := range []string{"\x02ferry\x03", "ferry \u0301", "ferry 🙂", "\x80ferry\xff harbour"} {
		if _, total := search(t, s, q, 5, 0); total == 0 {
			t.Errorf("Search(%q) found nothing; the noise in it should be ignored", q)
		}
	}
}

func testSearchHighlights(t *testing.T, s store.Store) {
	searchFixture(t, s)
	marked := NewDocument("marked", "https://example.com/marked", "Alpha \x02beta\x03 gamma \x03delta\x02 epsilon.")
	put(t, s, marked, store.Added)
	tests := []struct {
		query string
		doc   string
		want  []string // the highlighted text, in order
	}{
		{"zurich", "bakery", []string{"Zürich"}},
		{"baker*", "bakery", []string{"Bakery", "bakery", "baker"}},
		{"gamma", "marked", []string{"gamma"}},
		{"epsilon alpha", "marked", []string{"Alpha", "epsilon"}},
		{"crew passengers", "ferry", []string{"Passengers", "crew"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, _ := search(t, s, tt.query, 10, 0)
			i := slices.IndexFunc(hits, func(h store.SearchHit) bool { return h.DocumentID == tt.doc })
			if i < 0 {
				t.Fatalf("Search(%q) did not find %q", tt.query, tt.doc)
			}
			h := hits[i]
			var got []string
			for _, sp := range h.Highlights {
				got = append(got, h.Snippet[sp.Start:sp.End])
			}
			// The snippet may come from the title or the text; either way
			// every highlight is one of the words looked for.
			for _, g := range got {
				if !slices.Contains(tt.want, g) {
					t.Fatalf("Search(%q): highlight %q in snippet %q is not a matched word (want among %q)", tt.query, g, h.Snippet, tt.want)
				}
			}
			if len(got) == 0 {
				t.Fatalf("Search(%q): no highlights in snippet %q", tt.query, h.Snippet)
			}
		})
	}
	hits, _ := search(t, s, "harbour stayed", 10, 0)
	if len(hits) != 1 {
		t.Fatalf("Search(harbour stayed) = %q, want one hit", hitIDs(hits))
	}
	want := store.SearchHit{DocumentID: "storm", StoryID: "story-storm", Title: "Storm closes harbour", Source: "Outlet 1",
		Published: time.Date(2025, 4, 2, 12, 0, 0, 0, time.UTC)}
	got := hits[0]
	if got.DocumentID != want.DocumentID || got.StoryID != want.StoryID || got.Title != want.Title ||
		got.Source != want.Source || !got.Published.Equal(want.Published) {
		t.Fatalf("hit = %+v, want fields of %+v", got, want)
	}
	if hits, _ := search(t, s, "bakery", 10, 0); len(hits) != 1 || hits[0].StoryID != "" || hits[0].Published.IsZero() {
		t.Fatalf("unassigned hit = %+v, want StoryID empty and Published set", hits)
	}
}

func testSearchPaging(t *testing.T, s store.Store) {
	const n = 25
	for i := range n {
		d := NewDocument(fmt.Sprintf("lamp-%02d", i), "", fmt.Sprintf("A lantern %s was lit in hall %d.", strings.Repeat("lantern ", i%4), i))
		put(t, s, d, store.Added)
	}
	put(t, s, NewDocument("dark", "", "No light here."), store.Added)
	var all []store.SearchHit
	for offset := 0; offset < n+10; offset += 10 {
		hits, total := search(t, s, "lantern", 10, offset)
		if total != n {
			t.Fatalf("offset %d: total %d, want %d", offset, total, n)
		}
		if want := max(0, min(10, n-offset)); len(hits) != want {
			t.Fatalf("offset %d: %d hits, want %d", offset, len(hits), want)
		}
		all = append(all, hits...)
	}
	checkHits(t, "lantern (all pages)", all)
	ids := hitIDs(all)
	slices.Sort(ids)
	if len(slices.Compact(ids)) != n {
		t.Fatalf("pages hold %d distinct documents, want %d", len(slices.Compact(ids)), n)
	}
	if hits, total := search(t, s, "lantern", 0, 0); total != n || len(hits) != 20 {
		t.Fatalf("default page: %d hits, total %d; want 20 of %d", len(hits), total, n)
	}
}

func testSearchFollowsUpdates(t *testing.T, s store.Store) {
	const url = "https://example.com/animal"
	put(t, s, NewDocument("animal", url, "A walrus was seen on the beach."), store.Added)
	if _, total := search(t, s, "walrus", 10, 0); total != 1 {
		t.Fatalf("walrus: %d hits, want 1", total)
	}
	put(t, s, NewDocument("animal", url, "A narwhal was seen on the beach."), store.Updated)
	if _, total := search(t, s, "walrus", 10, 0); total != 0 {
		t.Fatalf("walrus after the update: %d hits, want 0", total)
	}
	hits, total := search(t, s, "narwhal", 10, 0)
	if total != 1 || hits[0].DocumentID != "animal" {
		t.Fatalf("narwhal after the update: %q, want [animal]", hitIDs(hits))
	}
	// A refused document leaves nothing in the index.
	bad := NewDocument("bad", "https://example.com/bad", "An okapi \xff appeared.")
	if _, _, err := s.PutDocument(context.Background(), bad); err == nil {
		t.Fatal("a document with invalid UTF-8 was stored")
	}
	if _, total := search(t, s, "okapi", 10, 0); total != 0 {
		t.Fatalf("okapi: %d hits from a refused document", total)
	}
}
