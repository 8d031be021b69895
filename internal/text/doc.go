// Package text holds the language-level primitives every later stage uses:
// folding for matching, tokens, sentence segmentation, language detection,
// content hashing and explicit date mentions. It knows nothing of articles
// beyond the span types in package article.
package text
