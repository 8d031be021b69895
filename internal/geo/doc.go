// Package geo resolves place names to places on the map: an embedded GeoNames gazetteer, name folding for transliterations, and disambiguation by a story's countries.
//
// The gazetteer (gazetteer.tsv.gz, written by ./gen, see README.md) holds
// GeoNames' countries and its populated places of 1,000 people or more,
// with alternate names for those of 100,000 or more. It is decoded on first
// use. Names match through Key, which folds diacritics, Arabic articles and
// common transliteration variants; Resolve weighs the candidates by
// population, administrative rank and the countries a story mentions.
package geo
