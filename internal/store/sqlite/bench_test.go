package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

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
