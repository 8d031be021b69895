package sqlite

// Placeholders for the store methods added for serving (issue 8), being
// implemented; each fails loudly until then.

import (
	"context"
	"errors"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

var errPending = errors.New("sqlite: not implemented yet")

func (db *DB) Assignments(ctx context.Context, fn func(docID, storyID string, features []byte) error) error {
	return errPending
}
func (db *DB) MergeStories(ctx context.Context, from, into string) error { return errPending }
func (db *DB) PutStory(ctx context.Context, s store.StoryInfo) error     { return errPending }
func (db *DB) StoryInfo(ctx context.Context, id string) (store.StoryInfo, error) {
	return store.StoryInfo{}, errPending
}
func (db *DB) Stories(ctx context.Context, limit, offset int) ([]store.StoryInfo, int, error) {
	return nil, 0, errPending
}
func (db *DB) PutAnalysis(ctx context.Context, a *article.Analysis) error { return errPending }
func (db *DB) Analysis(ctx context.Context, storyID string) (*article.Analysis, error) {
	return nil, errPending
}
func (db *DB) Search(ctx context.Context, query string, limit, offset int) ([]store.SearchHit, int, error) {
	return nil, 0, errPending
}
