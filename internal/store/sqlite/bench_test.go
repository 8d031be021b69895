package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/storetest"
)

// BenchmarkPutDocument stores segmented documents with about 8 KB of text in
// a file database, the way ingestion does.
func BenchmarkPutDocument(b *testing.B) {
	ctx := context.Background()
	const textBytes = 8 << 10
	sample := storetest.SampleDocument(0, textBytes)
	docs := func(n int) []*article.Document {
		ds := make([]*article.Document, n)
		for i := range ds {
			d := *sample
			d.ID = "doc-" + strconv.Itoa(i)
			d.URL = "https://example.com/news/" + strconv.Itoa(i)
			d.ContentHash = "hash-" + strconv.Itoa(i)
			ds[i] = &d
		}
		return ds
	}
	run := func(b *testing.B, path string, want store.Outcome, prefill bool) {
		db := openT(b, path)
		defer db.Close()
		ds := docs(b.N)
		if prefill {
			for _, d := range ds {
				if _, _, err := db.PutDocument(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.SetBytes(int64(len(sample.Text)))
		b.ResetTimer()
		for i := range b.N {
			_, o, err := db.PutDocument(ctx, ds[i])
			if err != nil {
				b.Fatal(err)
			}
			if o != want {
				b.Fatalf("outcome %v, want %v", o, want)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	}
	b.Run("new/file", func(b *testing.B) { run(b, filepath.Join(b.TempDir(), "bench.db"), store.Added, false) })
	b.Run("new/memory", func(b *testing.B) { run(b, Memory, store.Added, false) })
	b.Run("unchanged/file", func(b *testing.B) { run(b, filepath.Join(b.TempDir(), "bench.db"), store.Unchanged, true) })
	b.Run("parallel/file", func(b *testing.B) {
		db := openT(b, filepath.Join(b.TempDir(), "bench.db"))
		defer db.Close()
		ds := docs(b.N)
		next := make(chan *article.Document, len(ds))
		for _, d := range ds {
			next <- d
		}
		close(next)
		b.SetBytes(int64(len(sample.Text)))
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, _, err := db.PutDocument(ctx, <-next); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

// BenchmarkIngestWrites is the store's part of ingesting an article of
// about 8 KB: its document, its assignment and its story's listing (read,
// then written). "separate" gives each call its own transaction, as the
// engine did; "batch-50" writes 50 articles in one Batch, as a POST of 50
// now is.
func BenchmarkIngestWrites(b *testing.B) {
	ctx := context.Background()
	sample := storetest.SampleDocument(0, 8<<10)
	write := func(w store.Writer, i int) error {
		d := *sample
		d.ID = "doc-" + strconv.Itoa(i)
		d.URL = "https://example.com/news/" + strconv.Itoa(i)
		d.ContentHash = "hash-" + strconv.Itoa(i)
		id, _, err := w.PutDocument(ctx, &d)
		if err != nil {
			return err
		}
		story := "s-" + strconv.Itoa(i/3)
		if err := w.SetStory(ctx, id, story); err != nil {
			return err
		}
		info, err := w.StoryInfo(ctx, story)
		if err != nil {
			info = store.StoryInfo{ID: story, Title: d.Title, Created: time.Now()}
		}
		info.Articles++
		info.Updated = time.Now()
		return w.PutStory(ctx, info)
	}
	for _, batch := range []int{1, 50} {
		name := "separate/file"
		if batch > 1 {
			name = fmt.Sprintf("batch-%d/file", batch)
		}
		b.Run(name, func(b *testing.B) {
			db := openT(b, filepath.Join(b.TempDir(), "bench.db"))
			defer db.Close()
			b.SetBytes(int64(len(sample.Text)))
			for i := 0; i < b.N; i += batch {
				n := min(batch, b.N-i)
				var err error
				if batch == 1 {
					err = write(db, i)
				} else {
					err = db.Batch(ctx, func(w store.Writer) error {
						for j := range n {
							if err := write(w, i+j); err != nil {
								return err
							}
						}
						return nil
					})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// syntheticDocuments returns n documents of about words words each, drawn
// with a Zipf-like skew from an invented vocabulary of pseudo-words, so that
// common words match most documents and rare ones a handful, as in news.
// They carry no sentences: search reads only titles and text.
func syntheticDocuments(n, words int) []*article.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := []string{"ka", "lo", "mi", "ren", "tu", "vas", "el", "dor", "pi", "sun", "ar", "bel", "ko", "nis", "ta", "ve"}
	vocab := make([]string, 20000)
	for i := range vocab {
		var w strings.Builder
		for k := i; ; k /= len(syllables) {
			w.WriteString(syllables[k%len(syllables)])
			if k < len(syllables) {
				break
			}
		}
		vocab[i] = w.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	docs := make([]*article.Document, n)
	for i := range docs {
		var text strings.Builder
		for j := range words {
			if j > 0 {
				if j%20 == 0 {
					text.WriteString(". ")
				} else {
					text.WriteByte(' ')
				}
			}
			text.WriteString(vocab[zipf.Uint64()])
		}
		text.WriteByte('.')
		title := vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()]
		docs[i] = &article.Document{
			ID: "syn-" + strconv.Itoa(i), URL: "https://example.com/syn/" + strconv.Itoa(i), ContentHash: "syn-hash-" + strconv.Itoa(i),
			Source: "Synthetic", Title: title, Text: text.String(), Language: "en",
			Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		}
	}
	return docs
}

// searchCorpus is built once per process: building it dwarfs every
// measurement made on it.
var searchCorpus = sync.OnceValues(func() (*DB, error) {
	ctx := context.Background()
	db, err := Open(ctx, Memory)
	if err != nil {
		return nil, err
	}
	for i, d := range syntheticDocuments(searchCorpusSize, 250) {
		if _, _, err := db.PutDocument(ctx, d); err != nil {
			return nil, err
		}
		if i%10 == 0 {
			if err := db.SetStory(ctx, d.ID, "story-"+strconv.Itoa(i/10)); err != nil {
				return nil, err
			}
		}
	}
	return db, nil
})

const searchCorpusSize = 20000

// BenchmarkSearch runs queries of different selectivity against an
// in-memory store of 20,000 synthetic documents of 250 words, one page of
// 20 hits each (with the total count, snippets and highlights).
func BenchmarkSearch(b *testing.B) {
	db, err := searchCorpus()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []struct{ name, query string }{
		{"common-word", "lo"},          // in most documents
		{"mid-word", "miren"},          // in a few hundred
		{"rare-word", "tuvasel"},       // in a handful
		{"two-words", "lo miren"},      // AND of common and mid
		{"phrase", `"ka lo"`},          // adjacent common words
		{"prefix", "ren*"},             // many words share it
		{"no-match", "zzzz"},           // the cost of nothing
		{"hostile", `"a" OR (b NEAR*`}, // translated, not rejected
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			var total int
			for b.Loop() {
				_, total, err = db.Search(ctx, q.query, 20, 0)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}

// BenchmarkSearchIndexInsert is the part of storing a new document that the
// full-text index adds: indexing an ~8 KB text and its title.
func BenchmarkSearchIndexInsert(b *testing.B) {
	ctx := context.Background()
	db := openT(b, filepath.Join(b.TempDir(), "bench.db"))
	defer db.Close()
	sample := storetest.SampleDocument(0, 8<<10)
	b.SetBytes(int64(len(sample.Text)))
	b.ReportAllocs()
	seq := 0
	for b.Loop() {
		seq++
		if _, err := db.write.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)`,
			seq, searchable(sample.Title), searchable(sample.Text)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStories reads one page of 50 from 10,000 live stories (and 1,000
// merged ones), at the start and deep into the listing.
func BenchmarkStories(b *testing.B) {
	ctx := context.Background()
	db := openT(b, filepath.Join(b.TempDir(), "bench.db"))
	defer db.Close()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 11000 {
		var merged any
		if i >= 10000 {
			merged = "s00001"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, title, articles, origins, created, updated, merged_into) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("s%05d", i), "Story number "+strconv.Itoa(i), i%17, i%5, nullableTime(base), nullableTime(base.Add(time.Duration(i%3000)*time.Minute)), merged); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	for _, offset := range []int{0, 5000} {
		b.Run(fmt.Sprintf("offset-%d", offset), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				page, total, err := db.Stories(ctx, 50, offset)
				if err != nil || len(page) != 50 || total != 10000 {
					b.Fatalf("Stories = %d, %d, %v", len(page), total, err)
				}
			}
		})
	}
}

// BenchmarkSearchRankBound compares broad queries with the ranking bound
// (rankCandidates) and without it, on the corpus of BenchmarkSearch: the
// first page, and a page past the ranked candidates.
func BenchmarkSearchRankBound(b *testing.B) {
	db, err := searchCorpus()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	defer func(old int) { rankCandidates = old }(rankCandidates)
	for _, bound := range []struct {
		name string
		n    int
	}{{"bounded", rankCandidates}, {"unbounded", searchCorpusSize}} {
		for _, q := range []struct {
			name, query string
			offset      int
		}{
			{"common-word", "lo", 0},
			{"common-word-page-60", "lo", 1180},
			{"mid-word", "miren", 0},
			{"phrase", `"ka lo"`, 0},
		} {
			b.Run(bound.name+"/"+q.name, func(b *testing.B) {
				rankCandidates = bound.n
				for b.Loop() {
					if _, _, err := db.Search(ctx, q.query, 20, q.offset); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
