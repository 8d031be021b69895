package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// storedAnalysis is an analysis as the analyses table keeps it: the story's
// documents by id only, since they are stored already (and often large).
// Every other field of article.Analysis is exported, tagged or named, and of
// types encoding/json round-trips exactly (strings, ints, float64, bools,
// slices and maps), so the JSON of the rest is the analysis itself.
type storedAnalysis struct {
	StoryID     string            `json:"story_id"`
	StoryTitle  string            `json:"story_title"`
	DocumentIDs []string          `json:"document_ids"` // null when Story.Documents was nil
	Analysis    *article.Analysis `json:"analysis"`     // with Story nil
}

// PutAnalysis implements store.Store. Every document of the story must be
// stored: Analysis reads them back.
func (db *DB) PutAnalysis(ctx context.Context, a *article.Analysis) error {
	if a == nil || a.Story == nil {
		return errors.New("store: put analysis: no analysis or no story")
	}
	fail := func(err error) error { return fmt.Errorf("store: put analysis of story %q: %w", a.Story.ID, err) }
	if a.Story.ID == "" {
		return fail(errors.New("empty story id"))
	}
	stored := storedAnalysis{StoryID: a.Story.ID, StoryTitle: a.Story.Title}
	if a.Story.Documents != nil {
		stored.DocumentIDs = make([]string, len(a.Story.Documents))
		for i, d := range a.Story.Documents {
			if d == nil {
				return fail(fmt.Errorf("document %d is nil", i))
			}
			stored.DocumentIDs[i] = d.ID
		}
	}
	rest := *a
	rest.Story = nil
	stored.Analysis = &rest
	body, err := json.Marshal(stored)
	if err != nil {
		return fail(err)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if len(stored.DocumentIDs) > 0 {
		var missing string
		err = tx.QueryRowContext(ctx, `SELECT j.value FROM json_each(?, '$.document_ids') j
			WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = j.value) LIMIT 1`, string(body)).Scan(&missing)
		switch {
		case err == nil:
			return fail(fmt.Errorf("document %q is not stored", missing))
		case !errors.Is(err, sql.ErrNoRows):
			return fail(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO analyses (story_id, body) VALUES (?, ?)
		ON CONFLICT (story_id) DO UPDATE SET body = excluded.body`, a.Story.ID, string(body)); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// Analysis implements store.Store.
func (db *DB) Analysis(ctx context.Context, storyID string) (*article.Analysis, error) {
	fail := func(err error) (*article.Analysis, error) {
		return nil, fmt.Errorf("store: analysis of story %q: %w", storyID, err)
	}
	// One read transaction, so that the documents are those of the moment
	// the analysis was read.
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var body string
	err = tx.QueryRowContext(ctx, `SELECT body FROM analyses WHERE story_id = ?`, storyID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return fail(err)
	}
	var stored storedAnalysis
	if err := json.Unmarshal([]byte(body), &stored); err != nil {
		return fail(fmt.Errorf("decode stored analysis: %w", err))
	}
	if stored.Analysis == nil {
		return fail(errors.New("decode stored analysis: no analysis"))
	}
	story := &article.Story{ID: stored.StoryID, Title: stored.StoryTitle}
	if stored.DocumentIDs != nil {
		story.Documents = make([]*article.Document, 0, len(stored.DocumentIDs))
		rows, err := tx.QueryContext(ctx, `SELECT j.value, d.body FROM json_each(?, '$.document_ids') j
			LEFT JOIN documents d ON d.id = j.value ORDER BY j.key`, body)
		if err != nil {
			return fail(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var docBody []byte
			if err := rows.Scan(&id, &docBody); err != nil {
				return fail(err)
			}
			if docBody == nil {
				// Not ErrNotFound: the analysis exists, and callers read
				// ErrNotFound as "not analysed yet".
				return fail(fmt.Errorf("its document %q is no longer stored", id))
			}
			d, err := decode(id, docBody)
			if err != nil {
				return fail(err)
			}
			story.Documents = append(story.Documents, d)
		}
		if err := rows.Err(); err != nil {
			return fail(err)
		}
	}
	a := stored.Analysis
	a.Story = story
	return a, nil
}
