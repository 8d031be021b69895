package cluster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// All fixture articles are invented: places, people and events do not exist.

func dated(d *article.Document, day string) *article.Document {
	c := *d
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	c.Published = t
	return &c
}

func withID(d *article.Document, id string) *article.Document {
	c := *d
	c.ID = id
	return &c
}

// Two earthquakes: same kind of event, different invented places, people
// and agencies.
var (
	quakeA1 = doc("qa-1", "Earthquake strikes Velmora province", "A magnitude 6.1 earthquake struck Velmora province early on Monday, collapsing houses in the town of Dask.\nGovernor Irina Holt said at least 14 people were killed and rescuers were searching the rubble.\nThe Velmora seismic institute recorded more than 30 aftershocks.")
	quakeA2 = doc("qa-2", "Dask residents sleep outdoors after Velmora quake", "Hundreds of families in Dask spent the night in tents after the Velmora earthquake.\nGovernor Irina Holt asked for more rescue teams as the death toll rose to 19.\nThe seismic institute warned of strong aftershocks in Velmora.")
	quakeA3 = doc("qa-3", "Velmora quake toll rises", "The toll of the earthquake in Velmora province rose to 23, Governor Irina Holt said.\nRescuers in Dask pulled two children alive from a collapsed school.")
	quakeB1 = doc("qb-1", "Earthquake hits Korrin coast", "A magnitude 5.8 earthquake hit the Korrin coast on Thursday, damaging the port of Yelm.\nMayor Tomas Ferreday said nine people died when a warehouse collapsed.\nThe Korrin geological survey counted 20 aftershocks.")
	quakeB2 = doc("qb-2", "Yelm port closed after Korrin earthquake", "The port of Yelm stayed closed after the Korrin coast earthquake.\nMayor Tomas Ferreday said the death toll had reached 12 and cranes were unsafe.\nThe geological survey expects more aftershocks along the Korrin coast.")
	quakeB3 = doc("qb-3", "Korrin quake: Yelm counts damage", "Engineers in Yelm inspected the quay walls after the Korrin earthquake.\nMayor Tomas Ferreday said rebuilding the warehouse district would take a year.")
)

// stream adds docs in order and returns each document's story at the end.
func stream(c *Clusterer, docs []*article.Document) (assigned []Assignment, final map[string]string) {
	for _, d := range docs {
		assigned = append(assigned, c.Add(d.ID, FeaturesOf(d)))
	}
	final = map[string]string{}
	for _, d := range docs {
		s, ok := c.StoryOf(d.ID)
		if !ok {
			panic("unassigned " + d.ID)
		}
		final[d.ID] = s
	}
	return assigned, final
}

// partition turns doc → story into groups of doc ids, in input order.
func partition(docs []*article.Document, final map[string]string) [][]string {
	byStory := map[string]int{}
	var groups [][]string
	for _, d := range docs {
		g, ok := byStory[final[d.ID]]
		if !ok {
			g = len(groups)
			byStory[final[d.ID]] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], d.ID)
	}
	return groups
}

func TestSameKindEventsKeptApart(t *testing.T) {
	a := []string{"qa-1", "qa-2", "qa-3"}
	b := []string{"qb-1", "qb-2", "qb-3"}
	tests := []struct {
		name string
		docs []*article.Document
		want [][]string
	}{
		{
			// Four months apart: the window alone would separate them.
			name: "dated months apart, interleaved",
			docs: []*article.Document{
				dated(quakeA1, "2025-03-03"), dated(quakeA2, "2025-03-04"), dated(quakeB1, "2025-07-10"),
				dated(quakeA3, "2025-03-05"), dated(quakeB2, "2025-07-11"), dated(quakeB3, "2025-07-12"),
			},
			want: [][]string{{"qa-1", "qa-2", "qa-3"}, {"qb-1", "qb-2", "qb-3"}},
		},
		{
			// Undated: only the names (places, people, agencies) tell the
			// two earthquakes apart; the common nouns are shared.
			name: "undated, names alone",
			docs: []*article.Document{quakeA1, quakeB1, quakeA2, quakeB2, quakeA3, quakeB3},
			want: [][]string{a, b},
		},
		{
			name: "undated, one event after the other",
			docs: []*article.Document{quakeA1, quakeA2, quakeA3, quakeB1, quakeB2, quakeB3},
			want: [][]string{a, b},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, final := stream(NewClusterer(Options{}), tt.docs)
			if got := partition(tt.docs, final); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("stories %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTimeWindow(t *testing.T) {
	tests := []struct {
		name    string
		second  string // day of the second publication of the same text; the first is 2025-01-01
		window  int
		stories int
	}{
		{"same day", "2025-01-01", 0, 1},
		{"within the default 14 days", "2025-01-13", 0, 1},
		{"60 days apart", "2025-03-02", 0, 2},
		{"60 days apart, no window", "2025-03-02", -1, 1},
		{"60 days apart, 90-day window", "2025-03-02", 90, 1},
		{"20 days apart, 7-day window", "2025-01-21", 7, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []*article.Document{
				dated(quakeA1, "2025-01-01"),
				dated(withID(quakeA1, "qa-1-again"), tt.second),
			}
			_, final := stream(NewClusterer(Options{WindowDays: tt.window}), docs)
			if got := len(partition(docs, final)); got != tt.stories {
				t.Errorf("%d stories, want %d", got, tt.stories)
			}
		})
	}
}

// A fire told from two angles: the blaze itself, and the road and rail
// closures it caused. The two early reports share little; the bridging
// report tells both.
var (
	fireA1 = doc("fire-a1", "Warehouse fire in Ostrel", "A fire broke out at the Kessler paper warehouse in Ostrel on Sunday night.\nFirefighters fought the blaze for six hours and two workers were treated for smoke.\nFire chief Dana Morrow said the roof collapsed before dawn.")
	fireA2 = doc("fire-a2", "Kessler warehouse blaze out after six hours", "Firefighters put out the blaze at the Kessler paper warehouse in Ostrel after six hours.\nFire chief Dana Morrow said two workers were treated for smoke and the roof collapsed.")
	fireB1 = doc("fire-b1", "Smoke closes Lindt motorway and railway", "Police closed the Lindt motorway and halted trains on the coastal railway on Monday morning because of thick smoke.\nCommuters were stuck for hours and the rail operator Norda ran replacement buses.")
	fireB2 = doc("fire-b2", "Commuters stranded as Lindt motorway shut", "The Lindt motorway stayed shut and Norda trains on the coastal railway were halted by smoke.\nCommuters waited hours for replacement buses, police said.")
	bridge = doc("fire-bridge", "Ostrel warehouse fire shuts Lindt motorway and railway", "Smoke from the Kessler paper warehouse fire in Ostrel closed the Lindt motorway and halted Norda trains on the coastal railway.\nFirefighters fought the blaze for six hours and fire chief Dana Morrow said the roof collapsed.\nPolice said commuters were stuck for hours and replacement buses ran.")
)

func TestBridgingArticleMergesStories(t *testing.T) {
	docs := []*article.Document{fireA1, fireB1, fireA2, fireB2}
	c := NewClusterer(Options{})
	assigned, final := stream(c, docs)
	if got := partition(docs, final); len(got) != 2 {
		t.Fatalf("before the bridge: stories %v, want the two angles apart", got)
	}
	older, younger := assigned[0].Story, assigned[1].Story
	// The two angles' centroids stay apart (cosine 0.35 after the bridge
	// joins one, under pairThreshold), but the bridge is close to both
	// (0.62 and 0.57), above strongBridge: it merges them.
	a := c.Add(bridge.ID, FeaturesOf(bridge))
	if !slices.Equal(a.Merged, []string{younger}) {
		t.Fatalf("bridge: %+v, want story %s merged into %s", a, younger, older)
	}
	if a.Story != older || a.New {
		t.Errorf("bridge joined %s (new %v), want the older story %s", a.Story, a.New, older)
	}
	for _, d := range append(docs, bridge) {
		if s, _ := c.StoryOf(d.ID); s != older {
			t.Errorf("StoryOf(%s) = %s after the merge, want %s", d.ID, s, older)
		}
	}
	// A later report of either angle lands in the surviving story. It
	// makes six members, a size at which a split is checked: the two
	// angles would pass for two events, but a split along the line the
	// bridge merged is refused.
	late := doc("fire-b3", "Lindt motorway reopens", "The Lindt motorway reopened and Norda trains ran again on the coastal railway after the smoke cleared.")
	if a := c.Add(late.ID, FeaturesOf(late)); a.Story != older {
		t.Errorf("a later report went to %s, want %s", a.Story, older)
	}
}

func TestDeterministicStream(t *testing.T) {
	docs := []*article.Document{ferry1, vote1, quakeA1, ferry2, quakeB1, bakery, fireA1, vote2, fireB1, quakeA2, ferry3, bridge, quakeB2}
	run := func(docs []*article.Document) ([]Assignment, map[string]string) {
		return stream(NewClusterer(Options{}), docs)
	}
	a1, f1 := run(docs)
	for i := range 5 {
		a2, f2 := run(docs)
		if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(f1, f2) {
			t.Fatalf("run %d differs:\n%v\n%v", i, a1, a2)
		}
	}
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	r1, g1 := run(rev)
	r2, g2 := run(rev)
	if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(g1, g2) {
		t.Fatalf("reversed order is not reproducible:\n%v\n%v", r1, r2)
	}
	// Story ids come from the first document, so another order may name
	// stories differently; it must still be a valid assignment of all.
	if len(g1) != len(docs) {
		t.Fatalf("reversed: %d documents assigned, want %d", len(g1), len(docs))
	}
}

// Restore replays a stream's assignments; adding the rest then decides as
// if the clusterer had never stopped.
func TestRestoreContinues(t *testing.T) {
	docs := []*article.Document{ferry1, quakeA1, fireA1, fireB1, ferry2, quakeB1, vote1, fireA2, fireB2, bridge, quakeA2, vote2, ferry3, quakeB2}
	whole := NewClusterer(Options{})
	wantA, wantF := stream(whole, docs)

	first := NewClusterer(Options{})
	half := len(docs) / 2
	_, gotF := stream(first, docs[:half])
	// As the engine does from the store: each document with the story it
	// is in now, merges and splits already applied, in arrival order.
	restarted := NewClusterer(Options{})
	for _, d := range docs[:half] {
		restarted.Restore(d.ID, gotF[d.ID], FeaturesOf(d))
	}
	restA, restF := stream(restarted, docs[half:])
	if !reflect.DeepEqual(restA, wantA[half:]) {
		t.Errorf("after restore: %v, uninterrupted %v", restA, wantA[half:])
	}
	for id, s := range restF {
		if wantF[id] != s {
			t.Errorf("%s: story %s after restore, %s uninterrupted", id, s, wantF[id])
		}
	}
}

func TestFeaturesRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		f    Features
	}{
		{"empty", Features{}},
		{"day only", Features{Day: 20000}},
		{"zero hash first", Features{Terms: []Term{{Hash: 0, Count: 1}, {Hash: 1, Count: 2, Name: true}}}},
		{"extremes", Features{Day: 1<<31 - 1, Terms: []Term{{Hash: 7, Count: 65535, Name: true}, {Hash: 1<<32 - 1, Count: 0}}}},
		{"extracted", Extract(quakeA1)},
		{"extracted, dated", Extract(dated(fireB1, "2025-02-03"))},
		// A date inferred from the text can be a historical one.
		{"extracted, dated before 1970", Extract(dated(fireB1, "1943-05-01"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.f.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var got Features
			if err := got.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if got.Day != tt.f.Day || !slices.Equal(got.Terms, tt.f.Terms) {
				t.Errorf("round trip: %+v, want %+v", got, tt.f)
			}
		})
	}
	if _, err := (Features{Terms: []Term{{Hash: 5}, {Hash: 5}}}).MarshalBinary(); err == nil {
		t.Error("MarshalBinary accepted repeated hashes")
	}
}

func TestFeaturesUnmarshalDamaged(t *testing.T) {
	good, err := Extract(quakeA1).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	twoTerms := []byte{featuresVersion, 2, 2, 10, 2, 5, 2} // day 1, hashes 10 and 15
	if err := new(Features).UnmarshalBinary(twoTerms); err != nil {
		t.Fatalf("hand-made encoding: %v", err)
	}
	tests := map[string][]byte{
		"nil":                 nil,
		"version only":        {featuresVersion},
		"wrong version":       append([]byte{featuresVersion + 1}, good[1:]...),
		"version zero":        append([]byte{0}, good[1:]...),
		"truncated by one":    good[:len(good)-1],
		"truncated in half":   good[:len(good)/2],
		"trailing byte":       append(slices.Clone(good), 0),
		"repeated hash":       {featuresVersion, 2, 2, 10, 2, 0, 2},
		"negative day":        {featuresVersion, 1, 0},
		"huge day":            binary.AppendVarint([]byte{featuresVersion}, 1<<40),
		"huge count":          append(binary.AppendUvarint([]byte{featuresVersion, 2}, 1<<62), 1, 2),
		"count above bytes":   {featuresVersion, 2, 200, 1, 2},
		"hash past 32 bits":   append(binary.AppendUvarint([]byte{featuresVersion, 2, 1}, 1<<33), 2),
		"term count too big":  binary.AppendUvarint([]byte{featuresVersion, 2, 1, 1}, 1<<20),
		"unterminated varint": {featuresVersion, 0x80},
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			var f Features
			if err := f.UnmarshalBinary(b); err == nil {
				t.Errorf("accepted %x as %+v", b, f)
			}
		})
	}
}

// FuzzFeaturesUnmarshal: stored features are outside input (a damaged
// database, an older version). Decoding never panics, and what decodes
// encodes back to the same bytes, so that one profile has one encoding.
func FuzzFeaturesUnmarshal(f *testing.F) {
	for _, d := range []*article.Document{quakeA1, fireB1, bakery} {
		b, _ := Extract(d).MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{featuresVersion, 2, 2, 10, 2, 5, 2})
	f.Add([]byte{featuresVersion, 0x80, 0x00, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var ft Features
		if ft.UnmarshalBinary(b) != nil {
			return
		}
		again, err := ft.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded %x but cannot encode it: %v", b, err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("decoded %x, re-encodes as %x", b, again)
		}
	})
}

func TestStateBytesGrowsWithArticles(t *testing.T) {
	c := NewClusterer(Options{})
	base := []*article.Document{ferry1, ferry2, ferry3, vote1, vote2, bakery, quakeA1, quakeB1, fireA1, fireB1}
	var sizes []int
	for round := range 4 {
		for i := range 250 {
			d := base[i%len(base)]
			f := FeaturesOf(d)
			// Distinct articles: shift every hash so that each round's
			// documents share no term with another round's.
			for k := range f.Terms {
				f.Terms[k].Hash = f.Terms[k].Hash*31 + uint32(round*1000+i)
			}
			slices.SortFunc(f.Terms, func(a, b Term) int { return cmpUint32(a.Hash, b.Hash) })
			c.Add(fmt.Sprintf("r%d-%d", round, i), f)
		}
		sizes = append(sizes, c.StateBytes())
	}
	for i := 1; i < len(sizes); i++ {
		grew := sizes[i] - sizes[i-1]
		if grew <= 0 || float64(grew) > 1.5*float64(sizes[0]) || float64(grew) < 0.5*float64(sizes[0]) {
			t.Errorf("state after each 250 articles: %v; not roughly linear", sizes)
			break
		}
	}
}
