// Package claim extracts checkable statements from an article: figures with what they count, who states them and as of when; dates and times resolved against the article's date; (later) quotes and events.
package claim
