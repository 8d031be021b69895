package article

// Analysis is everything corroborate establishes about one story. The report,
// the API and the web UI all render this value; none of them recomputes it.
// Sections a later stage has not filled are empty, never nil, so that the
// JSON shape is stable.
type Analysis struct {
	Story      *Story
	Provenance Provenance
	Entities   []Entity
	Places     []Place
	Claims     []Claim
	Conflicts  []Comparison
	Agreements []Comparison
	Framing    []Framing
	Summary    []SummaryLine
	Timeline   []TimelineEvent
	// Map is a self-contained SVG drawing of Places, made by the analysis
	// (the report draws nothing itself); "" when there are no places. It is
	// for the HTML report: JSON readers have the places' coordinates.
	Map string
}

// Provenance says which articles copy each other and how many independent
// origins stand behind a story.
type Provenance struct {
	NearDuplicates []NearDuplicate `json:"near_duplicates"`
	SharedPassages []SharedPassage `json:"shared_passages"`
	Credits        []Credit        `json:"credits"`
	Origins        [][]string      `json:"origins"`      // article ids grouped by independent origin
	OriginLinks    []OriginLink    `json:"origin_links"` // why articles were merged into one origin
}

// OriginLink is the evidence that two articles share an origin.
type OriginLink struct {
	A        string `json:"a"`
	B        string `json:"b"`
	Reason   string `json:"reason"`   // "near-duplicate" or "copied passage"
	Evidence string `json:"evidence"` // the similarity, or the copied text
}

// NearDuplicate is a pair of articles whose texts are almost the same.
type NearDuplicate struct {
	A          string  `json:"a"`
	B          string  `json:"b"`
	Similarity float64 `json:"similarity"`
}

// SharedPassage is a span of text that several articles share.
type SharedPassage struct {
	Articles []string        `json:"articles"`
	Text     string          `json:"text"`
	Kind     string          `json:"kind"`    // "copied" or "quote"
	Offsets  map[string]Span `json:"offsets"` // article id -> span in that article's Text
}

// Credit is an agency or outlet that an article credits.
type Credit struct {
	Article  string `json:"article"`
	Agency   string `json:"agency"`
	Evidence string `json:"evidence"`
}

// Entity is one actor (person, organisation, group, place, country) with
// every name the story's articles give it.
type Entity struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Type     string         `json:"type"`
	Aliases  []string       `json:"aliases"`
	Roles    []string       `json:"roles"`
	Articles map[string]int `json:"articles"` // article id -> mentions
	Links    []EntityLink   `json:"links"`
}

// EntityLink explains why an alias was tied to an entity.
type EntityLink struct {
	Alias      string  `json:"alias"`
	Evidence   string  `json:"evidence"`
	Confidence float64 `json:"confidence"`
}

// Place is a resolved location with coordinates.
type Place struct {
	Name     string         `json:"name"`
	Aliases  []string       `json:"aliases"`
	Lat      float64        `json:"lat"`
	Lon      float64        `json:"lon"`
	Country  string         `json:"country"`
	Articles map[string]int `json:"articles"`
}

// Claim is one checkable statement: a figure, a date, a quote or an event.
type Claim struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Article  string `json:"article"`
	Sentence int    `json:"sentence"`
	Text     string `json:"text"`
	Subject  string `json:"subject"`
	Value    string `json:"value"`
	Date     string `json:"date,omitempty"`
	// DateAnchor says what Date was resolved against: "stated" in the text,
	// the "article date", or the "article date (inferred)" from the text.
	DateAnchor string `json:"date_anchor,omitempty"`
	Speaker    string `json:"speaker,omitempty"`
}

// Verdicts of a Comparison.
const (
	Agreed       = "agreed"        // independent origins state compatible values
	Conflict     = "conflict"      // the values are incompatible
	SingleOrigin = "single-origin" // only one independent origin states it
	// WithinOrigin is a conflict whose every side comes from one origin:
	// copies of one wire story, or one article, state incompatible values.
	// It is listed with the conflicts because a fact-checker needs it (a
	// copy was altered or updated), but no independent origins disagree.
	WithinOrigin = "within-origin"
)

// Comparison is a group of claims about the same thing, with its verdict.
type Comparison struct {
	ID          string `json:"id"`
	Verdict     string `json:"verdict"` // Agreed, Conflict, WithinOrigin or SingleOrigin
	About       string `json:"about"`
	Sides       []Side `json:"sides"`
	Explanation string `json:"explanation"`
	// Origins counts each independent origin once, however many of its
	// copies take however many sides.
	Origins int `json:"origins,omitempty"`
	// SplitOrigins lists, for each origin whose own articles take different
	// sides of a conflict, those articles: the evidence that a copy was
	// altered or updated. Such an origin is one origin, not one per side.
	SplitOrigins [][]string `json:"split_origins,omitempty"`
}

// Side is one position in a comparison and the evidence for it.
type Side struct {
	Claims   []string `json:"claims"`
	Articles []string `json:"articles"`
	Value    string   `json:"value"`
	Evidence []string `json:"evidence"`
}

// Framing lists the words each article uses for one actor.
type Framing struct {
	Actor string                    `json:"actor"`
	Terms map[string]map[string]int `json:"terms"` // article id -> term -> count
}

// SummaryLine is one sentence of the cited summary.
type SummaryLine struct {
	Text    string     `json:"text"`
	Sources []string   `json:"sources"`
	Origins [][]string `json:"origins"`
}

// TimelineEvent is one dated event of a story.
type TimelineEvent struct {
	Date          string   `json:"date"`
	DatePrecision string   `json:"date_precision"`
	Inferred      bool     `json:"inferred"`
	Text          string   `json:"text"`
	Sources       []string `json:"sources"`
}

// NewAnalysis returns an analysis of the story with every section empty.
func NewAnalysis(s *Story) *Analysis {
	return &Analysis{
		Story: s,
		Provenance: Provenance{
			NearDuplicates: []NearDuplicate{},
			SharedPassages: []SharedPassage{},
			Credits:        []Credit{},
			Origins:        [][]string{},
			OriginLinks:    []OriginLink{},
		},
		Entities:   []Entity{},
		Places:     []Place{},
		Claims:     []Claim{},
		Conflicts:  []Comparison{},
		Agreements: []Comparison{},
		Framing:    []Framing{},
		Summary:    []SummaryLine{},
		Timeline:   []TimelineEvent{},
	}
}
