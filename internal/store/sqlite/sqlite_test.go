package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/storetest"
)

func openT(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	return db
}

func TestConformance(t *testing.T) {
	t.Run("file", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store {
			return openT(t, filepath.Join(t.TempDir(), "test.db"))
		})
	})
	t.Run("memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store { return openT(t, Memory) })
	})
}

func TestMemoryDatabasesArePrivate(t *testing.T) {
	a, b := openT(t, Memory), openT(t, Memory)
	defer a.Close()
	defer b.Close()
	if _, _, err := a.PutDocument(context.Background(), storetest.SampleDocument(1, 100)); err != nil {
		t.Fatal(err)
	}
	if n, err := b.CountDocuments(context.Background()); err != nil || n != 0 {
		t.Fatalf("second in-memory DB has %d documents (err %v), want 0", n, err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nested", "dirs", "corroborate.db")
	db := openT(t, path)
	d := storetest.SampleDocument(1, 3000)
	id, _, err := db.PutDocument(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetStory(ctx, id, "story-1"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	for reopen := range 3 {
		db = openT(t, path)
		got, err := db.Document(ctx, id)
		if err != nil {
			t.Fatalf("reopen %d: %v", reopen, err)
		}
		if got.Text != d.Text || !got.Published.Equal(d.Published) || len(got.Sentences) != len(d.Sentences) {
			t.Fatalf("reopen %d: document changed", reopen)
		}
		if s, err := db.StoryOf(ctx, id); err != nil || s != "story-1" {
			t.Fatalf("reopen %d: StoryOf = %q, %v", reopen, s, err)
		}
		if _, o, err := db.PutDocument(ctx, d); err != nil || o != store.Unchanged {
			t.Fatalf("reopen %d: re-put = %v, %v; want Unchanged", reopen, o, err)
		}
		var applied, known int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&applied); err != nil {
			t.Fatal(err)
		}
		migs, err := loadMigrations()
		if err != nil {
			t.Fatal(err)
		}
		known = len(migs)
		if applied != known {
			t.Fatalf("reopen %d: %d migrations recorded, want %d", reopen, applied, known)
		}
		var mode string
		if err := db.read.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		wantErr string
	}{
		{"text file", write("notes.txt", strings.Repeat("These are notes, not a database.\n", 200)), "not a SQLite database"},
		{"short text file", write("short.txt", "hello\n"), "not a SQLite database"},
		{"directory", dir, "is a directory"},
		{"empty path", "", "empty database path"},
		{"parent is a file", filepath.Join(write("plain", "x"), "db.sqlite"), "store: open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(context.Background(), tt.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", tt.path)
			}
			t.Logf("Open(%q): %v", tt.path, err)
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Open(%q) error %q does not say %q", tt.path, err, tt.wantErr)
			}
		})
	}
	// A refused file must be left as it was.
	if b, err := os.ReadFile(filepath.Join(dir, "short.txt")); err != nil || string(b) != "hello\n" {
		t.Fatalf("refused file was modified: %q, %v", b, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	db := openT(t, path)
	if _, err := db.write.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("Open accepted a database with an unknown schema version")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Fatalf("error %q does not say the database is newer", err)
	}
}

func TestFileNameWithURISpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?name#with%chars.db")
	db := openT(t, path)
	defer db.Close()
	if _, _, err := db.PutDocument(context.Background(), storetest.SampleDocument(1, 100)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not created at the exact path: %v", err)
	}
}

// TestTwoHandlesOneFile stands in for two processes sharing a database: their
// writes must wait for each other, not fail with "database is locked".
func TestTwoHandlesOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openT(t, path), openT(t, path)
	defer a.Close()
	defer b.Close()
	const perHandle = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*perHandle)
	for h, db := range []*DB{a, b} {
		wg.Go(func() {
			for i := range perHandle {
				// Both handles also put the same documents, racing on identity.
				d := storetest.SampleDocument(h*perHandle+i, 1000)
				if _, _, err := db.PutDocument(ctx, d); err != nil {
					errs <- err
				}
				if _, _, err := db.PutDocument(ctx, storetest.SampleDocument(10000+i, 500)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent writer: %v", err)
	}
	for _, db := range []*DB{a, b} {
		if n, err := db.CountDocuments(ctx); err != nil || n != 3*perHandle {
			t.Fatalf("CountDocuments = %d, %v; want %d", n, err, 3*perHandle)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home directory")
	}
	tests := []struct {
		name, db, xdg, want string
	}{
		{"explicit", "/srv/c.db", "/data", "/srv/c.db"},
		{"XDG", "", "/data", "/data/corroborate/corroborate.db"},
		{"relative XDG ignored", "", "data", filepath.Join(home, ".local/share/corroborate/corroborate.db")},
		{"home", "", "", filepath.Join(home, ".local/share/corroborate/corroborate.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CORROBORATE_DB", tt.db)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			if got := DefaultPath(); got != tt.want {
				t.Fatalf("DefaultPath() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMigrationsAreWellFormed(t *testing.T) {
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) == 0 || migs[0].version != 1 {
		t.Fatalf("migrations must start at version 1, got %+v", migs)
	}
	for i := 1; i < len(migs); i++ {
		if migs[i].version <= migs[i-1].version {
			t.Fatalf("migrations out of order: %s after %s", migs[i].name, migs[i-1].name)
		}
	}
}

func TestCorruptBodyIsAnError(t *testing.T) {
	ctx := context.Background()
	db := openT(t, Memory)
	defer db.Close()
	id, _, err := db.PutDocument(ctx, storetest.SampleDocument(1, 100))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE documents SET body = '{not json' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Document(ctx, id); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Document on a corrupt body: err = %v, want a decode error", err)
	}
	if err := db.Documents(ctx, func(*article.Document) error { return nil }); err == nil {
		t.Fatal("Documents on a corrupt body succeeded")
	}
}

// TestPutRechecksInsideTransaction covers the race PutDocument's first,
// lock-free lookup cannot see: the document is stored by another writer
// between that lookup and the transaction.
func TestPutRechecksInsideTransaction(t *testing.T) {
	ctx := context.Background()
	db := openT(t, Memory)
	defer db.Close()
	d := storetest.SampleDocument(1, 100)
	id, _, err := db.PutDocument(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	var o store.Outcome
	err = db.inTx(ctx, func(tx *sql.Tx) (err error) {
		got, o, err = put(ctx, tx, d, `{}`)
		return err
	})
	if err != nil || got != id || o != store.Unchanged {
		t.Fatalf("put of a stored document = %q, %v, %v; want %q, Unchanged", got, o, err, id)
	}
	if doc, err := db.Document(ctx, id); err != nil || doc.Text != d.Text {
		t.Fatalf("stored document was overwritten: %v", err)
	}
}

// TestBatchUndoesAFailedCallWhole: a call that fails after writing part of
// its work inside a batch leaves none of it (the savepoint), while the
// batch's other writes are kept. The conformance suite cannot make a call
// fail halfway; a trigger can: MergeStories moves the members, then fails
// to record the redirect.
func TestBatchUndoesAFailedCallWhole(t *testing.T) {
	ctx := context.Background()
	db := openT(t, Memory)
	defer db.Close()
	if _, err := db.write.ExecContext(ctx, `CREATE TEMP TRIGGER poison BEFORE INSERT ON stories
		WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`); err != nil {
		t.Fatal(err)
	}
	err := db.Batch(ctx, func(w store.Writer) error {
		for i, story := range []string{"poison", "s1"} {
			id, _, err := w.PutDocument(ctx, storetest.SampleDocument(i, 100))
			if err != nil {
				return err
			}
			if err := w.SetStory(ctx, id, story); err != nil {
				return err
			}
		}
		if err := w.MergeStories(ctx, "poison", "s1"); err == nil {
			t.Error("the poisoned merge succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Batch: %v", err)
	}
	for doc, want := range map[string]string{"doc-0": "poison", "doc-1": "s1"} {
		if got, err := db.StoryOf(ctx, doc); err != nil || got != want {
			t.Errorf("StoryOf(%s) = %q, %v; want %q (the failed merge moved members)", doc, got, err, want)
		}
	}
}
