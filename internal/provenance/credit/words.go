package credit

import (
	"slices"
	"strings"
)

// The word lists below are the grammar of attribution: the verbs and
// phrases that make a name a source rather than a subject. They are code,
// not data, because each list is read by one pattern of this package.

// beforeTriggers end right before a credited name ("told Reuters",
// "according to the AFP news agency"), lower case, as token sequences.
var beforeTriggers = phrases(
	"told", "according to", "citing", "quoting", "reported by",
	"report by", "reports by", "reporting by", "cited by", "quoted by", "seen by",
	"obtained by", "reviewed by", "contacted by", "reached by", "asked by",
	"interview with", "interviews with", "interviewed by", "spoke to", "spoke with",
	"speaking to", "speaking with", "talking to", "talking with", "talked to",
	"talked with", "statement to", "comments to",
	"remarks to", "confirmed to", "provided to", "shared with", "sent to",
	"tells", "tell", "wrote to", "report from", "reports from", "report in",
	"article in", "piece in", "column in", "op-ed in", "interview in",
	"published in", "wrote in", "writes in", "writing in", "reports for",
	"reported for", "reporting for", "writes for", "wrote for", "writing for",
	"via", "said on", "speaking on", "appearing on", "interview on",
)

// invertedTriggers come before a name that ends the sentence: "..., reports
// AP." and "..., said the Egyptian MENA news agency."
var invertedTriggers = wordSet(
	"reports", "reported", "says", "said", "writes", "wrote", "notes", "noted",
	"adds", "added", "states", "stated",
)

// creditVerbs follow a credited name ("AP reported", "Reuters has learned").
var creditVerbs = wordSet(
	"reported", "reports", "said", "says", "quoted", "quotes", "cited", "cites",
	"learned", "learnt", "learns", "confirmed", "confirms", "understands",
	"wrote", "writes", "revealed", "reveals", "published", "publishes",
	"broadcast", "broadcasts", "aired", "airs", "obtained", "interviewed",
	"identified", "notes", "noted", "stated", "states",
)

// auxiliaryCreditVerbs follow a name only after an auxiliary ("CNN is
// reporting", "Reuters was told", "Reuters has seen").
var auxiliaryCreditVerbs = wordSet("reporting", "told", "seen")

// findingVerbs follow a report noun ("a Reuters tally showed").
var findingVerbs = wordSet("showed", "shows", "found", "finds", "suggested", "suggests")

// weakVerbs are what a person does as readily as an outlet; they do not
// credit a name the article has also used for a person ("Michael
// Bloomberg" ... "Bloomberg said").
var weakVerbs = wordSet("said", "says", "wrote", "writes", "told", "notes", "noted", "stated", "states")

// clauseStarters may follow a name and a comma and still credit it
// ("Reuters, citing two sources, reported").
var clauseStarters = wordSet("citing", "quoting")

var auxiliaries = wordSet("has", "have", "had", "is", "was", "were", "'s")

// adverbs and time words may stand between a name and its verb ("CNN on
// Saturday reported", "Reuters has previously reported").
var adverbs = wordSet(
	"also", "first", "earlier", "later", "previously", "exclusively", "separately",
	"initially", "reportedly", "just", "repeatedly", "widely", "independently",
	"since", "now", "been", "on", "late", "early", "last", "this", "week",
	"weekend", "month", "year", "night", "morning", "afternoon", "evening",
	"today", "yesterday", "tonight",
)

// mediaNouns describe a name as a medium ("the AFP news agency", "the
// newspaper Le Monde"). Beside one, an unlisted name is credited too.
var mediaNouns = phrases(
	"news agency", "press agency", "news outlet", "media outlet", "news site",
	"news website", "news portal", "newspaper", "daily", "broadcaster",
	"news channel", "tv channel", "television channel", "channel", "tv",
	"television", "radio", "wire service", "news service", "magazine",
	"weekly", "tabloid", "website",
)

// mediaNounsBeforeName may also come before an unlisted name: "news agency
// Fars", "the daily Haaretz".
var mediaNounsBeforeName = wordSet(
	"news agency", "press agency", "news outlet", "news site", "news website",
	"newspaper", "daily", "broadcaster", "news channel", "tv channel",
	"television channel", "magazine", "weekly", "tabloid",
)

// staffNouns and reportNouns extend a name into the phrase a pattern
// credits ("told a Reuters reporter", "according to a Reuters tally").
var staffNouns = wordSet(
	"reporter", "reporters", "correspondent", "correspondents", "journalist",
	"journalists", "staff", "team", "columnist", "columnists", "interviewer",
	"editor", "editors",
)

var reportNouns = wordSet(
	"report", "reports", "reporting", "tally", "count", "analysis", "review",
	"investigation", "interview", "survey", "poll", "calculation",
	"calculations", "story", "article", "documentary",
	"estimate", "estimates", "data",
)

// modifiers may stand between a trigger and a name ("told the state-run
// Xinhua news agency", "according to Iran's semi-official Tasnim").
var modifiers = wordSet(
	"a", "an", "the", "state", "official", "semi-official", "government",
	"independent", "private", "public", "local", "leading", "national",
	"regional", "international", "prominent", "major", "influential",
	"opposition", "news", "agency", "newspaper", "daily", "broadcaster",
	"channel", "television", "tv", "radio", "outlet", "website", "wire",
	"service", "network", "magazine", "weekly", "tabloid", "media", "us", "u.s",
	"uk", "u.k", "western", "arab", "arabic", "english", "english-language",
	"financial", "business", "pan-arab", "exclusive", "student",
)

// modifierSuffixes end hyphenated modifiers: "Qatar-based", "state-run",
// "pro-government", "Kremlin-backed".
var modifierSuffixes = []string{
	"-based", "-run", "-owned", "-backed", "-funded", "-controlled",
	"-affiliated", "-aligned", "-linked", "-official", "-government",
	"-kremlin", "-language", "-operated", "-financed", "-leaning",
}

// coordinators join names into a list. A name after one is only part of
// what a following verb reports on ("Britain, France and RT said" credits
// nobody).
var coordinators = wordSet("and", "or", "nor", "&")

// prepositions before a name make it an object, not the subject of a
// following verb ("officials who appeared on CNN said").
var prepositions = wordSet(
	"on", "in", "at", "to", "from", "with", "by", "about", "for", "against",
	"of", "into", "onto", "over", "under", "via", "like", "than", "between",
	"among", "including", "without", "toward", "towards",
	"during", "unlike", "besides", "beside", "through", "per",
)

// followers may come right after a name credited by a preceding trigger.
// Any other lower-case word makes the name a modifier of something else:
// "according to CCTV footage" is footage, not China's broadcaster.
var followers = wordSet(
	"that", "on", "in", "at", "for", "from", "with", "by", "via", "and", "or",
	"but", "as", "after", "before", "during", "when", "while", "about", "over",
	"last", "this", "earlier", "late", "later", "early", "it", "he", "she",
	"they", "we", "i", "you", "his", "her", "their", "its", "the", "a", "an",
	"there", "who", "which", "what", "how", "why", "where", "whether", "if",
	"to", "of", "because", "since", "until", "not", "also", "under", "amid",
	"following", "despite", "without", "through", "is", "was", "has", "had",
	"would", "will", "yesterday", "today", "tonight", "than", "so", "then",
	"now", "ahead", "all", "some", "many", "several", "one", "two", "three",
	"four", "five", "six", "seven", "eight", "nine", "ten", "in", "exclusively",
	"only", "were", "are", "both", "too", "again", "just", "even", "hours",
	"days", "weeks", "months", "news", "agency", "newspaper", "television",
	"radio", "tv", "broadcaster", "website", "daily", "show", "shows",
	"reveal", "reveals", "suggest", "suggests", "indicate", "indicates", "say",
	"says", "said", "are", "have", "contain", "contains", "appear", "appears",
	"confirm", "confirms", "can", "could", "did", "does", "do", "may", "might",
	"must", "should", "cannot", "no", "nor", "yet",
)

// titles before a name make it a person ("mayor Bloomberg", "Mr. Forbes").
var titles = wordSet(
	"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "lt",
	"col", "capt", "sgt", "st", "mayor", "president", "senator", "governor",
	"minister", "former", "billionaire", "professor", "judge", "general",
	"chairman", "founder", "candidate", "lawmaker", "congressman",
	"congresswoman", "sir", "dame", "lord", "lady", "justice", "secretary",
)

// leaders are capitalised words that may stand right before a name without
// making it part of a longer one: sentence openers, and media words.
var leaders = wordSet(
	"the", "a", "an", "and", "but", "or", "meanwhile", "however", "also",
	"separately", "earlier", "later", "now", "yet", "so", "then", "still", "on",
	"in", "at", "by", "as", "while", "when", "after", "before", "last", "this",
	"that", "both", "only", "even", "told", "citing", "quoting", "per", "like",
	"unlike", "speaking", "asked", "if", "though", "although", "since", "until",
	"with", "without", "from", "for", "to", "of", "over", "under", "according",
	"us", "u.s", "uk", "u.k", "eu", "state", "exclusive", "update", "updated",
	"breaking", "source", "sources", "via", "says", "said", "reports", "reported",
	"separately", "neither", "nor", "either", "whereas", "about", "amid",
)

// trailers are capitalised words that may follow a name without making it
// part of a longer one ("told CNN Saturday", "By Reuters Staff").
var trailers = wordSet(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tv", "television",
	"news", "agency", "newspaper", "staff", "reporter", "reporters",
	"correspondent", "team", "wire", "desk", "service", "radio", "online",
	"exclusive", "and", "or", "but", "that", "i", "in", "on", "at", "for",
	"from", "with", "by", "reported", "reports", "said", "says", "cited",
	"quoted", "learned", "confirmed", "understands", "told",
)

// descriptive words open a run of capitals without being part of the name
// ("State", "Official", "The"): they are dropped from its start.
var descriptive = wordSet(
	"the", "a", "an", "state", "official", "national", "government", "local",
	"independent", "private", "public", "foreign", "western", "international",
	"regional", "main", "leading", "major", "pro", "anti", "semi", "opposition",
	"us", "u.s", "uk", "u.k", "eu", "un", "arab", "arabic", "english",
	"french", "dutch", "greek", "thai", "swiss", "czech", "danish", "welsh",
	"kurdish",
)

// generic words cannot be an unlisted medium's whole name ("the State news
// agency", "Syrian TV").
var generic = wordSet(
	"the", "a", "an", "state", "official", "national", "government", "local",
	"independent", "private", "public", "foreign", "western", "international",
	"regional", "main", "leading", "major", "arab", "arabic", "english",
	"french", "dutch", "greek", "thai", "swiss", "czech", "danish", "welsh",
	"us", "u.s", "uk", "u.k", "eu", "un", "news", "agency", "press", "tv",
	"television", "radio", "daily", "newspaper", "channel", "broadcaster",
	"outlet", "site", "website", "weekly", "magazine", "wire", "service",
	"media", "online", "according", "told", "citing", "said", "reported",
	"meanwhile", "however", "but", "and", "or", "on", "in", "at", "by", "for",
	"from", "with", "of", "to", "this", "that", "its", "his", "her", "their",
	"our", "another", "other", "one", "some", "many", "several", "first",
	"second", "new", "old", "pro", "anti", "semi", "opposition", "kurdish",
	"tabloid", "portal", "group", "company", "network", "staff", "via",
)

// isDemonym guesses whether a capitalised word is a nationality ("Syrian",
// "Lebanese", "Turkish", "Iraqi"): beside a media noun it describes the
// medium rather than naming it.
//
// Plain "-an" is left out because it ends country names too ("Iran",
// "Sudan", "Jordan"); so is "-i" in words under five letters.
func isDemonym(w string) bool {
	if len(w) < 4 || strings.ContainsAny(w, "-.") {
		return false
	}
	w = strings.ToLower(w)
	if irregularDemonyms[w] {
		return true
	}
	for _, suffix := range []string{"ian", "ean", "can", "ese", "ish"} {
		if strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return len(w) >= 5 && strings.HasSuffix(w, "i")
}

// calendarWords end a run of capitalised words: in "news agency Xinhua
// Sunday reported" the name is "Xinhua".
var calendarWords = wordSet(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)

func isModifier(t token) bool {
	if !t.word {
		return false
	}
	if t.possessive && t.upper {
		return true // "Iran's", "Syria's"
	}
	w := t.low
	if modifiers[w] || t.upper && isDemonym(t.text) {
		return true
	}
	for _, suffix := range modifierSuffixes {
		if strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// irregularDemonyms are the common nationalities isDemonym's endings miss.
var irregularDemonyms = wordSet(
	"french", "dutch", "greek", "thai", "swiss", "czech", "danish", "welsh",
	"german", "afghan", "norwegian", "chinese", "japanese", "arab", "kazakh",
	"uzbek", "tajik", "kyrgyz", "turkmen", "sudanese", "yemeni",
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// phraseSet indexes lower-case phrases by their first and last words,
// longest first, so that the first match is the longest.
type phraseSet struct {
	byFirst, byLast map[string][][]string
}

func phrases(ps ...string) phraseSet {
	set := phraseSet{byFirst: map[string][][]string{}, byLast: map[string][][]string{}}
	for _, p := range ps {
		words := strings.Fields(p)
		set.byFirst[words[0]] = append(set.byFirst[words[0]], words)
		set.byLast[words[len(words)-1]] = append(set.byLast[words[len(words)-1]], words)
	}
	for _, index := range []map[string][][]string{set.byFirst, set.byLast} {
		for _, list := range index {
			slices.SortStableFunc(list, func(a, b []string) int { return len(b) - len(a) })
		}
	}
	return set
}
