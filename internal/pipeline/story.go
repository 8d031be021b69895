package pipeline

import (
	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/compare"
	"github.com/corroborate/corroborate/internal/entity"
	"github.com/corroborate/corroborate/internal/framing"
	"github.com/corroborate/corroborate/internal/geo"
	"github.com/corroborate/corroborate/internal/geo/worldmap"
	"github.com/corroborate/corroborate/internal/provenance"
	"github.com/corroborate/corroborate/internal/summary"
)

// Options tune story formation and analysis.
type Options struct {
	// AnalysisLimit bounds how many of a story's latest articles an
	// Engine analyses; <= 0 means DefaultAnalysisLimit.
	AnalysisLimit int
	Cluster       cluster.Options
	Provenance    provenance.Options
	Compare       compare.Options
	Summary       summary.Options
}

// storyTitle is the headline of the story's earliest document, the one that
// most likely broke the news. A stated publication date outranks one inferred
// from the text, which is only a lower bound; undated documents come last.
func storyTitle(docs []*article.Document) string {
	best := docs[0]
	for _, d := range docs[1:] {
		if earlier(d, best) {
			best = d
		}
	}
	return best.Title
}

func earlier(a, b *article.Document) bool {
	rank := func(d *article.Document) int {
		switch {
		case d.Published.IsZero():
			return 2
		case d.PublishedInferred:
			return 1
		}
		return 0
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	return a.Published.Before(b.Published)
}

// Analyze computes a story's analysis, a pure function of its documents.
// Sections whose stage has not been built yet stay empty.
func Analyze(s *article.Story, opt Options) *article.Analysis {
	a := article.NewAnalysis(s)
	a.Provenance = provenance.Analyze(s.Documents, opt.Provenance)
	// Mentions are read once per document: entities, events, rankings and
	// quotes all need them.
	mentions := make([][]entity.Mention, len(s.Documents))
	for i, d := range s.Documents {
		mentions[i] = entity.Mentions(d)
	}
	a.Entities, a.Places = entity.ResolveWith(s.Documents, mentions)
	if a.Entities == nil {
		a.Entities = []article.Entity{}
	}
	if a.Places == nil {
		a.Places = []article.Place{}
	}
	facts := make(map[string]compare.Facts, len(s.Documents))
	for i, d := range s.Documents {
		f := compare.ExtractWith(d, mentions[i])
		facts[d.ID] = f
		a.Claims = append(a.Claims, f.Claims(d)...)
	}
	compare.ResolveNames(a.Claims, a.Entities)
	a.Conflicts, a.Agreements = compare.Analyze(s.Documents, facts, a.Entities, a.Provenance.Origins, opt.Compare)
	a.Framing = framing.Analyze(s.Documents, a.Entities)
	a.Map = worldmap.SVG(markers(a.Places), worldmap.Options{})
	a.Summary = summary.Summarize(a, opt.Summary)
	a.Timeline = summary.Timeline(a)
	if a.Summary == nil {
		a.Summary = []article.SummaryLine{}
	}
	if a.Timeline == nil {
		a.Timeline = []article.TimelineEvent{}
	}
	return a
}

// mapReach is how far from the centre of the story's main country a place
// may lie and still be drawn: the map shows where the story happens, and
// capitals named in passing ("talks in Doha") would zoom it out to a
// continent. They stay in the list of places.
const mapReach = 600 // km

// markers puts a story's places on the map, sized by how often the
// articles mention them, keeping those near the centre of the country the
// articles mention most.
func markers(places []article.Place) []worldmap.Marker {
	weight := make([]int, len(places))
	byCountry := map[string]int{}
	for i, p := range places {
		for _, n := range p.Articles {
			weight[i] += n
		}
		byCountry[p.Country] += weight[i]
	}
	main, best := "", -1
	for c, w := range byCountry {
		if w > best || w == best && c < main {
			main, best = c, w
		}
	}
	var lat, lon, total float64
	for i, p := range places {
		if p.Country == main {
			lat += p.Lat * float64(weight[i])
			lon += p.Lon * float64(weight[i])
			total += float64(weight[i])
		}
	}
	out := make([]worldmap.Marker, 0, len(places))
	for i, p := range places {
		if total > 0 && geo.Distance(p.Lat, p.Lon, lat/total, lon/total) > mapReach {
			continue
		}
		out = append(out, worldmap.Marker{Name: p.Name, Lat: p.Lat, Lon: p.Lon, Weight: weight[i]})
	}
	return out
}
