// Package clusterspeed measures the streaming story clusterer on a large
// generated corpus: assignment throughput, clustering state and heap per
// article at checkpoints such as 10k, 100k and 1M articles. It backs
// `corroborate eval cluster-speed` and the cluster benchmarks.
package clusterspeed

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/corpus"
	"github.com/corroborate/corroborate/internal/text"
)

// Doc is one generated article reduced to what the clusterer needs.
type Doc struct {
	ID       string
	Features cluster.Features
}

// batch is how many articles are prepared (in parallel) before they are
// added (on one goroutine, with nothing else running, so that the timing
// of Add is not disturbed by the preparation).
const batch = 4096

// Stream generates n corpus articles and hands their features to fn in
// stream order, batch by batch. Features come from the real segmenter and
// Extract, without the rest of pipeline.Prepare (cleaning, language, dates
// other than the generator's), which the clusterer does not need.
// prepared is called with the time spent preparing each batch.
func Stream(dataDir string, seed uint64, n int, prepared func(articles int, d time.Duration), fn func(Doc)) error {
	gen, err := corpus.New(corpus.Options{DataDir: dataDir, Seed: seed})
	if err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	arts := make([]corpus.Article, batch)
	docs := make([]Doc, batch)
	for done := 0; done < n; {
		m := min(batch, n-done)
		start := time.Now()
		for i := range m {
			arts[i] = gen.Next()
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < m; i += workers {
					docs[i] = Prepare(arts[i])
				}
			}()
		}
		wg.Wait()
		if prepared != nil {
			prepared(m, time.Since(start))
		}
		for i := range m {
			fn(docs[i])
			docs[i] = Doc{}
		}
		done += m
	}
	return nil
}

// Prepare computes one generated article's clustering features.
func Prepare(a corpus.Article) Doc {
	d := &article.Document{ID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published, Sentences: text.Segment(a.Text)}
	return Doc{ID: a.ID, Features: cluster.Extract(d)}
}

// Config says what to measure.
type Config struct {
	DataDir     string
	Articles    int
	Seed        uint64
	Checkpoints []int // article counts at which to report; nil means 10k, 100k, 1M (those ≤ Articles, and Articles)
	// Window is how many articles before a checkpoint its throughput is
	// measured over; 0 means 5,000.
	Window   int
	Progress io.Writer
}

// Checkpoint is the state after some number of articles.
type Checkpoint struct {
	Articles   int
	Rate       float64 // articles assigned per second of Add, over the window before the checkpoint
	Stories    int     // stories started so far (merged ones included)
	StateBytes int     // Clusterer.StateBytes
	HeapBytes  uint64  // live heap after a collection, minus the heap before the first article
}

// Result is a run's outcome.
type Result struct {
	Config
	GOMAXPROCS  int
	PrepareRate float64 // articles prepared (segmented, features extracted) per second, all cores
	Checkpoints []Checkpoint
	Merges      int
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Run streams cfg.Articles articles through one Clusterer.
func Run(cfg Config) (*Result, error) {
	if cfg.Window <= 0 {
		cfg.Window = 5000
	}
	if cfg.Checkpoints == nil {
		for _, n := range []int{10_000, 100_000, 1_000_000} {
			if n < cfg.Articles {
				cfg.Checkpoints = append(cfg.Checkpoints, n)
			}
		}
		cfg.Checkpoints = append(cfg.Checkpoints, cfg.Articles)
	}
	res := &Result{Config: cfg, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	base := liveHeap()
	c := cluster.NewClusterer(cluster.Options{})
	var prepTime time.Duration
	var prepArticles, added, newStories int
	addTimes := make([]time.Duration, cfg.Window) // ring of the latest Add times
	next := 0
	err := Stream(cfg.DataDir, cfg.Seed, cfg.Articles, func(n int, d time.Duration) {
		prepArticles += n
		prepTime += d
	}, func(d Doc) {
		start := time.Now()
		a := c.Add(d.ID, d.Features)
		addTimes[added%cfg.Window] = time.Since(start)
		added++
		if a.New {
			newStories++
		}
		res.Merges += len(a.Merged)
		if next < len(cfg.Checkpoints) && added == cfg.Checkpoints[next] {
			var sum time.Duration
			from := max(0, added-cfg.Window)
			for _, t := range addTimes[:added-from] {
				sum += t
			}
			cp := Checkpoint{Articles: added, Rate: float64(added-from) / sum.Seconds(), Stories: newStories, StateBytes: c.StateBytes()}
			if h := liveHeap(); h > base {
				cp.HeapBytes = h - base
			}
			res.Checkpoints = append(res.Checkpoints, cp)
			next++
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "%d articles: %.0f articles/s, %d state bytes/article\n", added, cp.Rate, cp.StateBytes/added)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	res.PrepareRate = float64(prepArticles) / prepTime.Seconds()
	return res, nil
}

// WriteMarkdown prints the result as a Markdown table.
func (r *Result) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "# Streaming story clustering on a generated corpus (seed %d, GOMAXPROCS %d)\n\n", r.Seed, r.GOMAXPROCS)
	fmt.Fprintf(w, "Throughput is of Clusterer.Add alone, on one goroutine, over the %d articles before each checkpoint.\n", r.Window)
	fmt.Fprintf(w, "Preparing features (segmentation and Extract, all cores): %.0f articles/s.\n\n", r.PrepareRate)
	fmt.Fprintln(w, "| articles in the clusterer | assignment throughput (articles/s) | stories started | clustering state (bytes/article) | live heap (bytes/article) |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: |")
	for _, cp := range r.Checkpoints {
		fmt.Fprintf(w, "| %d | %.0f | %d | %d | %d |\n", cp.Articles, cp.Rate, cp.Stories, cp.StateBytes/cp.Articles, cp.HeapBytes/uint64(cp.Articles))
	}
	fmt.Fprintf(w, "\nMerges of stories by bridging articles: %d.\n", r.Merges)
}
