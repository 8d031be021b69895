package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/corroborate/corroborate/internal/store"
)

// Story listing page sizes: limit <= 0 asks for the default.
const (
	defaultStoriesLimit = 50
	maxStoriesLimit     = 1000
)

// PutStory implements store.Store. A merged entry cannot be written this
// way: merges go through MergeStories, which keeps redirects flat.
func (db *DB) PutStory(ctx context.Context, s store.StoryInfo) error {
	return putStory(ctx, db.write, s)
}

func putStory(ctx context.Context, c execer, s store.StoryInfo) error {
	if s.ID == "" {
		return errors.New("store: put story: empty story id")
	}
	if s.MergedInto != "" {
		return fmt.Errorf("store: put story %q: MergedInto is set; merges are recorded by MergeStories", s.ID)
	}
	_, err := c.ExecContext(ctx, `INSERT INTO stories (id, title, articles, origins, created, updated, merged_into)
		VALUES (?, ?, ?, ?, ?, ?, NULL)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, articles = excluded.articles, origins = excluded.origins,
			created = excluded.created, updated = excluded.updated, merged_into = NULL`,
		s.ID, s.Title, s.Articles, s.Origins, nullableTime(s.Created), nullableTime(s.Updated))
	if err != nil {
		return fmt.Errorf("store: put story %q: %w", s.ID, err)
	}
	return nil
}

// storyColumns and scanStory read one stories row.
const storyColumns = `id, title, articles, origins, created, updated, coalesce(merged_into, '')`

type scanner interface{ Scan(dest ...any) error }

func scanStory(row scanner) (store.StoryInfo, error) {
	var s store.StoryInfo
	var created, updated *string
	if err := row.Scan(&s.ID, &s.Title, &s.Articles, &s.Origins, &created, &updated, &s.MergedInto); err != nil {
		return store.StoryInfo{}, err
	}
	var err error
	if s.Created, err = storedTime(created); err != nil {
		return store.StoryInfo{}, fmt.Errorf("created: %w", err)
	}
	if s.Updated, err = storedTime(updated); err != nil {
		return store.StoryInfo{}, fmt.Errorf("updated: %w", err)
	}
	return s, nil
}

func storedTime(s *string) (time.Time, error) {
	if s == nil {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, *s)
}

// StoryInfo implements store.Store.
func (db *DB) StoryInfo(ctx context.Context, id string) (store.StoryInfo, error) {
	return storyInfo(ctx, db.read, id)
}

func storyInfo(ctx context.Context, q querier, id string) (store.StoryInfo, error) {
	s, err := scanStory(q.QueryRowContext(ctx, `SELECT `+storyColumns+` FROM stories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.StoryInfo{}, fmt.Errorf("store: story %q: %w", id, err)
	}
	return s, nil
}

// Stories implements store.Store.
func (db *DB) Stories(ctx context.Context, limit, offset int) ([]store.StoryInfo, int, error) {
	fail := func(err error) ([]store.StoryInfo, int, error) {
		return nil, 0, fmt.Errorf("store: stories: %w", err)
	}
	limit, offset = page(limit, offset, defaultStoriesLimit, maxStoriesLimit)
	// One read transaction, so that the page and the total agree.
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM stories WHERE merged_into IS NULL`).Scan(&total); err != nil {
		return fail(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+storyColumns+` FROM stories
		WHERE merged_into IS NULL ORDER BY updated DESC, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	stories := make([]store.StoryInfo, 0, max(0, min(limit, total-offset)))
	for rows.Next() {
		s, err := scanStory(rows)
		if err != nil {
			return fail(err)
		}
		stories = append(stories, s)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return stories, total, nil
}

// MergeStories implements store.Store. Redirects are kept flat: when into
// is itself merged, the merge goes to where it points, and stories that
// pointed at from are re-pointed at the target, so after a→b and then b→c,
// StoryInfo(a).MergedInto is "c" directly. A story that has neither a
// listing entry nor members is unknown: nothing is moved and no redirect is
// recorded. A story already merged cannot be merged again (its members are
// gone; the caller has stale state).
func (db *DB) MergeStories(ctx context.Context, from, into string) error {
	fail := func(err error) error {
		return fmt.Errorf("store: merge story %q into %q: %w", from, into, err)
	}
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return mergeStories(ctx, tx, from, into) }); err != nil {
		return fail(err)
	}
	return nil
}

// mergeStories is MergeStories in tx; the caller wraps its errors.
func mergeStories(ctx context.Context, tx *sql.Tx, from, into string) error {
	if from == "" || into == "" {
		return errors.New("empty story id")
	}
	if from == into {
		return errors.New("a story cannot be merged into itself")
	}
	target := into
	var intoRedirect sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT merged_into FROM stories WHERE id = ?`, into).Scan(&intoRedirect)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if intoRedirect.Valid {
		target = intoRedirect.String
	}
	if target == from {
		return fmt.Errorf("%q was merged into %q, so this would merge %q into itself", into, from, from)
	}

	var fromRedirect sql.NullString
	fromListed := true
	err = tx.QueryRowContext(ctx, `SELECT merged_into FROM stories WHERE id = ?`, from).Scan(&fromRedirect)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		fromListed = false
	case err != nil:
		return err
	case fromRedirect.Valid:
		return fmt.Errorf("%q was already merged into %q", from, fromRedirect.String)
	}

	moved, err := tx.ExecContext(ctx, `UPDATE story_members SET story_id = ?, assigned_at = ? WHERE story_id = ?`, target, now(), from)
	if err != nil {
		return err
	}
	n, err := moved.RowsAffected()
	if err != nil {
		return err
	}
	if !fromListed && n == 0 {
		return nil // unknown story: nothing to move or remember
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM analyses WHERE story_id = ?`, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, merged_into) VALUES (?, ?)
		ON CONFLICT (id) DO UPDATE SET title = '', articles = 0, origins = 0, created = NULL, updated = NULL,
			merged_into = excluded.merged_into`, from, target); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET merged_into = ? WHERE merged_into = ?`, target, from); err != nil {
		return err
	}
	return nil
}

// RecordSplit implements store.Store.
func (db *DB) RecordSplit(ctx context.Context, from, to string) error {
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return recordSplit(ctx, tx, from, to) }); err != nil {
		return fmt.Errorf("store: record split of %q from %q: %w", to, from, err)
	}
	return nil
}

func recordSplit(ctx context.Context, tx *sql.Tx, from, to string) error {
	switch {
	case from == "" || to == "":
		return errors.New("empty story id")
	case from == to:
		return errors.New("a story cannot be split from itself")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO story_splits (from_story, to_story) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, from, to)
	return err
}

// Splits implements store.Store. Redirects are flat (see MergeStories), so
// one join names each story's live story. Splits are few (only young
// stories split), so they are read in one query.
func (db *DB) Splits(ctx context.Context, fn func(from, to string) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT coalesce(a.merged_into, sp.from_story), coalesce(b.merged_into, sp.to_story)
		FROM story_splits sp
		LEFT JOIN stories a ON a.id = sp.from_story
		LEFT JOIN stories b ON b.id = sp.to_story
		ORDER BY sp.rowid`)
	if err != nil {
		return fmt.Errorf("store: splits: %w", err)
	}
	var pairs [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return fmt.Errorf("store: splits: %w", err)
		}
		pairs = append(pairs, p)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("store: splits: %w", err)
	}
	// fn runs after the rows are closed, so that it may use the store.
	for _, p := range pairs {
		if err := fn(p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

// assignmentsPage is as large as fingerprintsPage: a row is an id, a story
// id and a profile of a few hundred bytes.
const assignmentsPage = 4096

// Assignments implements store.Store.
func (db *DB) Assignments(ctx context.Context, fn func(docID, storyID string, features []byte) error) error {
	type row struct {
		id, story string
		features  []byte
	}
	var after int64
	page := make([]row, 0, assignmentsPage)
	for {
		page = page[:0]
		rows, err := db.read.QueryContext(ctx, `SELECT d.seq, d.id, coalesce(m.story_id, ''), d.cluster_features
			FROM documents d LEFT JOIN story_members m ON m.doc_id = d.id
			WHERE d.seq > ? ORDER BY d.seq LIMIT ?`, after, assignmentsPage)
		if err != nil {
			return fmt.Errorf("store: assignments: %w", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&after, &r.id, &r.story, &r.features); err != nil {
				rows.Close()
				return fmt.Errorf("store: assignments: %w", err)
			}
			page = append(page, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("store: assignments: %w", err)
		}
		for _, r := range page {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store: assignments: %w", err)
			}
			if err := fn(r.id, r.story, r.features); err != nil {
				return err
			}
		}
		if len(page) < assignmentsPage {
			return nil
		}
	}
}
