// Package entity finds the people, organisations, groups and places an article mentions, and resolves them across a story's articles whatever each outlet calls them.
//
// Mentions works on one document: a fast rule-based spanner takes runs of
// capitalised words, splits off titles ("Russian Foreign Minister"), types
// the rest from the cue words in cues.txt, the gazetteer of package geo and
// the surrounding words, ties short forms and acronyms to the full names the
// article gave earlier, and reads roles from titles and appositions.
//
// Resolve works on a story: it merges the names of all its articles through
// spelling keys that absorb transliteration variants, a guarded typo rule,
// the acronyms and short forms, and the distinctive roles two names share,
// recording why each non-trivial merge was made.
package entity
