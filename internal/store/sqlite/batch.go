package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// Batch implements store.Store. The batch is one write transaction, so a
// stream's documents, assignments and listings cost one commit (and one
// turn of the single writer connection) however many there are. Each
// writing call runs under its own SAVEPOINT, which is how a failed call
// leaves nothing behind without ending the batch.
func (db *DB) Batch(ctx context.Context, fn func(w store.Writer) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: batch: %w", err)
	}
	defer tx.Rollback()
	b := &batch{tx: tx}
	err = fn(b)
	b.tx = nil
	if err != nil {
		return err
	}
	if b.broken != nil {
		return fmt.Errorf("store: batch: %w", b.broken)
	}
	if err := tx.Commit(); err != nil {
		// database/sql rolls a transaction back when its context ends, and
		// may then report only that the transaction is done: name the cause.
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return fmt.Errorf("store: batch: commit: %w", err)
	}
	return nil
}

// batch is the store.Writer of one Batch.
type batch struct {
	tx *sql.Tx // nil once the batch has ended
	// broken is set when a failed call could not be undone alone (SQLite
	// rolls the whole transaction back after some errors, such as a full
	// disk): nothing more may run, since it would run outside the
	// transaction, and the batch must not commit.
	broken error
}

var errBatchEnded = errors.New("store: batch writer used after its batch ended")

func (b *batch) usable() error {
	switch {
	case b.tx == nil:
		return errBatchEnded
	case b.broken != nil:
		return fmt.Errorf("store: batch: an earlier call failed and could not be undone: %w", b.broken)
	}
	return nil
}

// atomic runs fn under a savepoint: fn's error undoes what fn wrote, and
// only that.
func (b *batch) atomic(ctx context.Context, fn func() error) error {
	if err := b.usable(); err != nil {
		return err
	}
	if _, err := b.tx.ExecContext(ctx, `SAVEPOINT write`); err != nil {
		b.broken = err
		return err
	}
	if err := fn(); err != nil {
		if _, rerr := b.tx.ExecContext(ctx, `ROLLBACK TO write`); rerr != nil {
			b.broken = errors.Join(err, rerr)
			return err
		}
		if _, rerr := b.tx.ExecContext(ctx, `RELEASE write`); rerr != nil {
			b.broken = errors.Join(err, rerr)
		}
		return err
	}
	if _, err := b.tx.ExecContext(ctx, `RELEASE write`); err != nil {
		b.broken = err
		return err
	}
	return nil
}

func (b *batch) PutDocument(ctx context.Context, d *article.Document) (string, store.Outcome, error) {
	if err := validate(d); err != nil {
		return "", 0, err
	}
	var id string
	var o store.Outcome
	err := b.atomic(ctx, func() (err error) {
		id, o, err = put(ctx, b.tx, d, "")
		return err
	})
	if err != nil {
		return "", 0, fmt.Errorf("store: put document %q: %w", d.ID, err)
	}
	return id, o, nil
}

func (b *batch) Document(ctx context.Context, id string) (*article.Document, error) {
	if err := b.usable(); err != nil {
		return nil, err
	}
	return document(ctx, b.tx, id)
}

func (b *batch) SetStory(ctx context.Context, docID, storyID string) error {
	return b.atomic(ctx, func() error { return setStory(ctx, b.tx, docID, storyID) })
}

func (b *batch) MergeStories(ctx context.Context, from, into string) error {
	err := b.atomic(ctx, func() error { return mergeStories(ctx, b.tx, from, into) })
	if err != nil {
		return fmt.Errorf("store: merge story %q into %q: %w", from, into, err)
	}
	return nil
}

func (b *batch) RecordSplit(ctx context.Context, from, to string) error {
	err := b.atomic(ctx, func() error { return recordSplit(ctx, b.tx, from, to) })
	if err != nil {
		return fmt.Errorf("store: record split of %q from %q: %w", to, from, err)
	}
	return nil
}

func (b *batch) PutStory(ctx context.Context, s store.StoryInfo) error {
	return b.atomic(ctx, func() error { return putStory(ctx, b.tx, s) })
}

func (b *batch) StoryInfo(ctx context.Context, id string) (store.StoryInfo, error) {
	if err := b.usable(); err != nil {
		return store.StoryInfo{}, err
	}
	return storyInfo(ctx, b.tx, id)
}
