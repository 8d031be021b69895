// Package sqlite implements store.Store on an embedded SQLite database (modernc.org/sqlite, pure Go).
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
)

// Memory is the path that opens a private, empty in-memory database.
const Memory = ":memory:"

// DB is a store.Store kept in one SQLite database. Each document is one row
// whose body is the JSON of the whole article.Document: cleaning and
// segmentation are done once per article and always read back whole, so a
// blob is simpler and faster than tables of sentences and tokens, and it
// follows article.Document's fields without schema changes.
type DB struct {
	// write has a single connection: SQLite admits one writer at a time, so
	// queueing writers in Go is cheaper than having them spin on SQLITE_BUSY.
	// Its transactions begin IMMEDIATE so that, against another process on the
	// same file, lock waits go through busy_timeout instead of failing.
	write *sql.DB
	// read serves queries; in WAL mode they run alongside the writer. For an
	// in-memory database it is the same single connection as write, since a
	// second connection would see a different database.
	read *sql.DB

	closeOnce sync.Once
	closeErr  error
}

var _ store.Store = (*DB)(nil)

// Pragmas: foreign keys so story assignments cannot name missing documents;
// a busy timeout so that other processes holding the lock are waited for.
const (
	commonParams = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	// WAL lets readers proceed during writes; synchronous=NORMAL is safe with
	// WAL (a power failure can lose the last commits, never half of one).
	writeParams = commonParams + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	readParams  = commonParams + "&_pragma=query_only(1)"
)

// DefaultPath returns where corroborate keeps its database unless told
// otherwise: $CORROBORATE_DB if set; else $XDG_DATA_HOME/corroborate/corroborate.db;
// else ~/.local/share/corroborate/corroborate.db. The database is data the
// user accumulated, not configuration or a disposable cache, so it follows the
// XDG base-directory rule for data (a relative $XDG_DATA_HOME is ignored, as
// the specification requires). Without a home directory it falls back to
// corroborate.db in the working directory.
func DefaultPath() string {
	if p := os.Getenv("CORROBORATE_DB"); p != "" {
		return p
	}
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "corroborate", "corroborate.db")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".local", "share", "corroborate", "corroborate.db")
	}
	return "corroborate.db"
}

// Open opens the database at path, creating it and its parent directories if
// needed, and brings its schema up to date. Path Memory (":memory:") opens a
// fresh in-memory database, private to the returned DB.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	if path == Memory {
		return openMemory(ctx)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("store: open %s: is a directory, not a SQLite database", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// A file: URI, with the path escaped, so that '?' or '#' in a file name
	// cannot be taken for DSN parameters.
	name := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
	write, err := sql.Open("sqlite", name+"?"+writeParams)
	if err != nil {
		return nil, openError(path, err)
	}
	write.SetMaxOpenConns(1)
	// The writer connection is opened first and alone: it switches the file to
	// WAL and migrates the schema before any reader looks at it.
	if err := setUp(ctx, write); err != nil {
		write.Close()
		return nil, openError(path, err)
	}
	read, err := sql.Open("sqlite", name+"?"+readParams)
	if err != nil {
		write.Close()
		return nil, openError(path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{write: write, read: read}, nil
}

func openMemory(ctx context.Context) (*DB, error) {
	db, err := sql.Open("sqlite", Memory+"?"+commonParams+"&_txlock=immediate")
	if err != nil {
		return nil, openError(Memory, err)
	}
	// The database lives and dies with its one connection: never let
	// database/sql close it for being idle or old.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := setUp(ctx, db); err != nil {
		db.Close()
		return nil, openError(Memory, err)
	}
	return &DB{write: db, read: db}, nil
}

func setUp(ctx context.Context, db *sql.DB) error {
	// Ping makes the driver connect and run the pragmas, which is where a file
	// that is not a database is first noticed.
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	return migrate(ctx, db)
}

func openError(path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return fmt.Errorf("store: open %s: not a SQLite database: %w", path, err)
	}
	return fmt.Errorf("store: open %s: %w", path, err)
}

// Close closes the database. It is safe to call more than once.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		err := db.write.Close()
		if db.read != db.write {
			err = errors.Join(err, db.read.Close())
		}
		if err != nil {
			db.closeErr = fmt.Errorf("store: close: %w", err)
		}
	})
	return db.closeErr
}

// PutDocument implements store.Store.
func (db *DB) PutDocument(ctx context.Context, d *article.Document) (string, store.Outcome, error) {
	if err := validate(d); err != nil {
		return "", 0, err
	}
	// Feeds are polled again and again, so most puts repeat a stored document:
	// answer those from a reader, without encoding or taking the write lock.
	storedID, same, err := lookup(ctx, db.read, d)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("store: put document %q: %w", d.ID, err)
	}
	if err == nil && same {
		return storedID, store.Unchanged, nil
	}
	// Encoded before the transaction so the write lock is held only for SQL.
	body, err := encode(d)
	if err != nil {
		return "", 0, err
	}
	var id string
	var o store.Outcome
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		id, o, err = put(ctx, tx, d, body)
		return err
	})
	if err != nil {
		return "", 0, fmt.Errorf("store: put document %q: %w", d.ID, err)
	}
	return id, o, nil
}

func validate(d *article.Document) error {
	if err := store.Validate(d); err != nil {
		id := ""
		if d != nil {
			id = d.ID
		}
		return fmt.Errorf("store: put document %q: %w", id, err)
	}
	return nil
}

// encode returns a document's stored body. The body's id may end up
// differing from the row's; reads take the row's. It is bound as a string:
// SQLite's JSON functions would take a BLOB for their binary JSONB format.
func encode(d *article.Document) (string, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("store: put document %q: %w", d.ID, err)
	}
	return string(body), nil
}

// inTx runs fn in a write transaction, committed when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// execer is a database or a transaction: the one-statement writes run on
// either, so that a batch shares them.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// lookup finds the stored document with d's identity, and whether it has d's
// content; sql.ErrNoRows when there is none.
func lookup(ctx context.Context, q querier, d *article.Document) (id string, sameContent bool, err error) {
	var hash string
	if d.URL == "" {
		// The content match is preferred: it means nothing changed.
		err = q.QueryRowContext(ctx, `SELECT id, content_hash FROM documents
			WHERE url IS NULL AND (content_hash = ?1 OR (?2 <> '' AND input = ?2 AND id = ?3))
			ORDER BY content_hash = ?1 DESC LIMIT 1`, d.ContentHash, d.Input, d.ID).Scan(&id, &hash)
		return id, err == nil && hash == d.ContentHash, err
	}
	err = q.QueryRowContext(ctx, `SELECT id, content_hash FROM documents WHERE url = ?`, d.URL).Scan(&id, &hash)
	return id, err == nil && hash == d.ContentHash, err
}

// put writes a validated document in tx; body is its encoding, or "" to
// have it encoded only when something is to be written.
func put(ctx context.Context, tx *sql.Tx, d *article.Document, body string) (string, store.Outcome, error) {
	// Looked up (again): another writer may have stored it since a first
	// look, or an earlier put of the same batch.
	storedID, same, err := lookup(ctx, tx, d)
	switch {
	case err == nil && same:
		return storedID, store.Unchanged, nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return "", 0, err
	}
	stored := err == nil
	if body == "" {
		if body, err = encode(d); err != nil {
			return "", 0, err
		}
	}
	if stored {
		var seq int64
		err = tx.QueryRowContext(ctx, `UPDATE documents
			SET content_hash = ?, source = ?, title = ?, published = ?, language = ?, body = ?, input = ?, fingerprint = ?, cluster_features = ?, updated_at = ?
			WHERE id = ? RETURNING seq`,
			d.ContentHash, d.Source, d.Title, nullableTime(d.Published), d.Language, body, nullable(d.Input),
			nullableBytes(d.Fingerprint), nullableBytes(d.ClusterFeatures), now(), storedID).Scan(&seq)
		if err != nil {
			return "", 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents_fts SET title = ?, text = ? WHERE rowid = ?`,
			searchable(d.Title), searchable(d.Text), seq); err != nil {
			return "", 0, fmt.Errorf("search index: %w", err)
		}
		return storedID, store.Updated, nil
	}

	id, err := freeID(ctx, tx, d.ID)
	if err != nil {
		return "", 0, err
	}
	t := now()
	var seq int64
	err = tx.QueryRowContext(ctx, `INSERT INTO documents
		(id, url, content_hash, source, title, published, language, body, input, fingerprint, cluster_features, inserted_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		id, nullable(d.URL), d.ContentHash, d.Source, d.Title, nullableTime(d.Published), d.Language, body, nullable(d.Input),
		nullableBytes(d.Fingerprint), nullableBytes(d.ClusterFeatures), t, t).Scan(&seq)
	if err != nil {
		return "", 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)`,
		seq, searchable(d.Title), searchable(d.Text)); err != nil {
		return "", 0, fmt.Errorf("search index: %w", err)
	}
	return id, store.Added, nil
}

// freeID returns id if no document has it, else the first free "<id>-N", N ≥ 2.
func freeID(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	candidate := id
	for n := 2; ; n++ {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, candidate).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return candidate, nil
		}
		if err != nil {
			return "", err
		}
		candidate = id + "-" + strconv.Itoa(n)
	}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullableTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

func decode(id string, body []byte) (*article.Document, error) {
	var d article.Document
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, fmt.Errorf("decode stored document %q: %w", id, err)
	}
	d.ID = id
	return &d, nil
}

// Document implements store.Store.
func (db *DB) Document(ctx context.Context, id string) (*article.Document, error) {
	return document(ctx, db.read, id)
}

func document(ctx context.Context, q querier, id string) (*article.Document, error) {
	var body []byte
	err := q.QueryRowContext(ctx, `SELECT body FROM documents WHERE id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %q: %w", id, err)
	}
	d, err := decode(id, body)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return d, nil
}

// documentsPage is how many documents Documents reads per query. Reading in
// pages rather than through one open cursor means fn runs with no connection
// held, so it can use the store (an in-memory DB has only one connection), and
// no read transaction stays open to stop WAL checkpoints during a long scan.
const documentsPage = 256

// Documents implements store.Store.
func (db *DB) Documents(ctx context.Context, fn func(*article.Document) error) error {
	type row struct {
		id   string
		body []byte
	}
	var after int64
	page := make([]row, 0, documentsPage)
	for {
		page = page[:0]
		rows, err := db.read.QueryContext(ctx,
			`SELECT seq, id, body FROM documents WHERE seq > ? ORDER BY seq LIMIT ?`, after, documentsPage)
		if err != nil {
			return fmt.Errorf("store: documents: %w", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&after, &r.id, &r.body); err != nil {
				rows.Close()
				return fmt.Errorf("store: documents: %w", err)
			}
			page = append(page, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("store: documents: %w", err)
		}
		for _, r := range page {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store: documents: %w", err)
			}
			d, err := decode(r.id, r.body)
			if err != nil {
				return fmt.Errorf("store: documents: %w", err)
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(page) < documentsPage {
			return nil
		}
	}
}

// Fingerprints implements store.Store.
func (db *DB) Fingerprints(ctx context.Context, fn func(id string, fingerprint []byte) error) error {
	type row struct {
		id string
		fp []byte
	}
	var after int64
	page := make([]row, 0, fingerprintsPage)
	for {
		page = page[:0]
		rows, err := db.read.QueryContext(ctx,
			`SELECT seq, id, fingerprint FROM documents WHERE seq > ? AND fingerprint IS NOT NULL ORDER BY seq LIMIT ?`, after, fingerprintsPage)
		if err != nil {
			return fmt.Errorf("store: fingerprints: %w", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&after, &r.id, &r.fp); err != nil {
				rows.Close()
				return fmt.Errorf("store: fingerprints: %w", err)
			}
			page = append(page, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("store: fingerprints: %w", err)
		}
		for _, r := range page {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store: fingerprints: %w", err)
			}
			if err := fn(r.id, r.fp); err != nil {
				return err
			}
		}
		if len(page) < fingerprintsPage {
			return nil
		}
	}
}

// fingerprintsPage is larger than documentsPage: a fingerprint is a few
// hundred bytes, a document tens of kilobytes.
const fingerprintsPage = 4096

func nullableBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// CountDocuments implements store.Store.
func (db *DB) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count documents: %w", err)
	}
	return n, nil
}

// SetStory implements store.Store.
func (db *DB) SetStory(ctx context.Context, docID, storyID string) error {
	return setStory(ctx, db.write, docID, storyID)
}

func setStory(ctx context.Context, c execer, docID, storyID string) error {
	if storyID == "" {
		return fmt.Errorf("store: set story of %q: empty story id", docID)
	}
	_, err := c.ExecContext(ctx, `INSERT INTO story_members (doc_id, story_id, assigned_at) VALUES (?, ?, ?)
		ON CONFLICT (doc_id) DO UPDATE SET story_id = excluded.story_id, assigned_at = excluded.assigned_at`,
		docID, storyID, now())
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
		err = fmt.Errorf("document %w", store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: set story of %q to %q: %w", docID, storyID, err)
	}
	return nil
}

// StoryOf implements store.Store.
func (db *DB) StoryOf(ctx context.Context, docID string) (string, error) {
	var storyID string
	err := db.read.QueryRowContext(ctx, `SELECT story_id FROM story_members WHERE doc_id = ?`, docID).Scan(&storyID)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: story of %q: %w", docID, err)
	}
	return storyID, nil
}

// StoryMembers implements store.Store.
func (db *DB) StoryMembers(ctx context.Context, storyID string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT m.doc_id FROM story_members m
		JOIN documents d ON d.id = m.doc_id
		WHERE m.story_id = ? ORDER BY d.seq`, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: members of story %q: %w", storyID, err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: members of story %q: %w", storyID, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: members of story %q: %w", storyID, err)
	}
	return ids, nil
}
