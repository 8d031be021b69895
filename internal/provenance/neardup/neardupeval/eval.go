// Package neardupeval measures the near-duplicate index on a generated
// corpus: signing and insert+query throughput on one goroutine, index
// memory per article, and precision and recall against the copies the
// generator injected. It backs `corroborate eval neardup` and the
// package's quality test.
package neardupeval

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/corpus"
	"github.com/corroborate/corroborate/internal/provenance/neardup"
)

// Config says what to measure.
type Config struct {
	DataDir   string  // the shared data folder
	Articles  int     // articles to generate
	CopyRate  float64 // share of injected copies; 0 means the generator's default
	Threshold float64 // 0 means neardup.DefaultThreshold
	Seed      uint64
	// Timing repeats the timed phases with GOMAXPROCS set to 1, so that
	// the garbage collector shares the one core, as well as with
	// GOMAXPROCS as it is. Without it only the latter is run.
	Timing bool
	// Progress, when set, receives a line per phase.
	Progress io.Writer
}

// Result holds the figures of one evaluation.
type Result struct {
	Config
	Bands, Rows int
	Indexed     int // articles with enough words to be indexed
	SignedBytes int64
	Generate    time.Duration // generating the corpus and the exact similarities (not part of the timings)
	Runs        []Run

	IndexBytes uint64 // heap held by the index after garbage collection
	Stats      neardup.Stats

	Kinds []Kind // one per edit kind, in corpus.Edits order

	// FalseAlike counts the reported pairs of different families whose
	// exact similarity is nevertheless at or above the threshold: texts the
	// generator happened to make alike, where the labels, not the index,
	// are wrong. FalseExact holds the exact similarity of each pair of
	// different families reported (up to maxFalseChecked), sorted.
	FalseAlike int
	FalseExact []float32
	falsePairs [][2]uint32

	Reported  int                        // pairs Query reported
	ByRelated map[corpus.Relation]int    // reported pairs by ground-truth relation
	Real      struct{ Pairs, Found int } // real ECB+ reports printing one story with exact similarity >= threshold
	HardPairs int                        // pairs of independent real reports of one story in the stream
}

// Run is the timing of the phases with one GOMAXPROCS setting, all on one
// goroutine: wall time, and the CPU time of the whole process (the
// garbage collector's included), which a busy machine inflates less.
type Run struct {
	Procs                int
	Sign, AddQuery       time.Duration
	SignCPU, AddQueryCPU time.Duration
}

// Kind is the outcome for one kind of injected copy.
type Kind struct {
	Edit   corpus.Edit
	Copies int
	Found  int // copies whose Query returned the article copied
	// Within counts the copies whose exact similarity with their source is
	// at or above the threshold, and WithinFound those of them found.
	Within, WithinFound int
	Exact               []float32 // exact Jaccard similarity of each copy with its source, sorted
}

// truth is what the evaluation keeps per article: no pointers, so that a
// million of them cost the garbage collector nothing during the timings.
type truth struct {
	label  corpus.Label
	copyOf int32 // Seq of the article copied, -1 when not a copy
	edit   int8  // index in corpus.Edits, -1 when not a copy
	real   bool
	within bool // a copy whose exact similarity with its source is at or above the threshold
}

// batch is how many articles are generated and held as text at once.
const batch = 10_000

// Evaluate generates the corpus, signs it, indexes it and scores it.
func Evaluate(cfg Config) (*Result, error) {
	if cfg.Articles <= 0 {
		return nil, fmt.Errorf("neardupeval: %d articles", cfg.Articles)
	}
	if cfg.Threshold == 0 {
		cfg.Threshold = neardup.DefaultThreshold
	}
	gen, err := corpus.New(corpus.Options{DataDir: cfg.DataDir, Seed: cfg.Seed, CopyRate: cfg.CopyRate})
	if err != nil {
		return nil, err
	}
	res := &Result{Config: cfg, ByRelated: map[corpus.Relation]int{corpus.Unrelated: 0, corpus.SameFamily: 0, corpus.HardNonCopy: 0, corpus.PartialOverlap: 0}}
	res.Kinds = make([]Kind, len(corpus.Edits))
	for i, e := range corpus.Edits {
		res.Kinds[i].Edit = e
	}
	procs := []int{runtime.GOMAXPROCS(0)}
	if cfg.Timing && procs[0] != 1 {
		procs = []int{1, procs[0]}
	}
	res.Runs = make([]Run, len(procs))
	for i, p := range procs {
		res.Runs[i].Procs = p
	}

	sigs := make([]neardup.Signature, cfg.Articles)
	truths := make([]truth, cfg.Articles)
	realTexts := map[int]string{} // Seq -> text of each real report, for the real-copy figures
	texts := make([]string, 0, batch)
	progress(cfg, "generating and signing %d articles", cfg.Articles)
	for start := 0; start < cfg.Articles; start += batch {
		texts = texts[:0]
		t0 := time.Now()
		for seq := start; seq < min(start+batch, cfg.Articles); seq++ {
			a := gen.Next()
			text := a.Title + "\n" + a.Text
			texts = append(texts, text)
			tr := truth{label: a.Label(), copyOf: -1, edit: -1, real: a.Real}
			if a.CopyOf != "" {
				src, ok := gen.Lookup(a.CopyOf)
				if !ok {
					return nil, fmt.Errorf("neardupeval: %s copies %s, which the generator no longer holds", a.ID, a.CopyOf)
				}
				tr.copyOf = int32(src.Seq)
				tr.edit = int8(slices.Index(corpus.Edits, a.Edit))
				j := neardup.Jaccard(src.Title+"\n"+src.Text, text)
				k := &res.Kinds[tr.edit]
				k.Copies++
				k.Exact = append(k.Exact, float32(j))
				if j >= cfg.Threshold {
					k.Within++
					tr.within = true
				}
			}
			if a.Real {
				realTexts[seq] = text
			}
			truths[seq] = tr
			res.SignedBytes += int64(len(text))
		}
		res.Generate += time.Since(t0)
		// Sign the batch with each GOMAXPROCS setting, timed.
		for r := range res.Runs {
			previous := runtime.GOMAXPROCS(res.Runs[r].Procs)
			t, c := time.Now(), cpuTime()
			for i, s := range texts {
				sigs[start+i] = neardup.SignText(s)
			}
			res.Runs[r].Sign += time.Since(t)
			res.Runs[r].SignCPU += cpuTime() - c
			runtime.GOMAXPROCS(previous)
		}
	}
	texts = nil

	for r := range res.Runs {
		progress(cfg, "indexing with GOMAXPROCS=%d", res.Runs[r].Procs)
		previous := runtime.GOMAXPROCS(res.Runs[r].Procs)
		score := r == 0
		if err := res.index(gen, sigs, truths, &res.Runs[r], score); err != nil {
			return nil, err
		}
		runtime.GOMAXPROCS(previous)
	}
	res.realCopies(gen, truths, realTexts)
	if err := res.checkFalsePairs(); err != nil {
		return nil, err
	}
	for i := range res.Kinds {
		slices.Sort(res.Kinds[i].Exact)
	}
	return res, nil
}

// index queries then adds every signature, timed; the first time round it
// also measures the index's memory and scores every answer.
func (res *Result) index(gen *corpus.Generator, sigs []neardup.Signature, truths []truth, run *Run, score bool) error {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := neardup.NewIndex(neardup.Options{Threshold: res.Threshold})
	res.Bands, res.Rows = ix.Layout()
	if !score {
		t, c := time.Now(), cpuTime()
		for i := range sigs {
			ix.Query(sigs[i])
			ix.Add(uint32(i), sigs[i])
		}
		run.AddQuery = time.Since(t)
		run.AddQueryCPU = cpuTime() - c
		runtime.KeepAlive(ix)
		return nil
	}
	// Scoring is outside the timed span: the answers are kept per chunk
	// and scored after it.
	type answer struct {
		seq     uint32
		matches []neardup.Match
	}
	const chunk = 4096
	answers := make([]answer, 0, chunk)
	for start := 0; start < len(sigs); start += chunk {
		answers = answers[:0]
		t, c := time.Now(), cpuTime()
		for i := start; i < min(start+chunk, len(sigs)); i++ {
			answers = append(answers, answer{uint32(i), ix.Query(sigs[i])})
			ix.Add(uint32(i), sigs[i])
		}
		run.AddQuery += time.Since(t)
		run.AddQueryCPU += cpuTime() - c
		for _, a := range answers {
			res.score(gen, truths, a.seq, a.matches)
		}
	}
	answers = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	res.IndexBytes = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
	res.Indexed = ix.Len()
	res.Stats = ix.Stats()
	runtime.KeepAlive(ix)
	return nil
}

func (res *Result) score(gen *corpus.Generator, truths []truth, seq uint32, matches []neardup.Match) {
	t := truths[seq]
	for _, m := range matches {
		res.Reported++
		rel := gen.Relation(t.label, truths[m.ID].label)
		res.ByRelated[rel]++
		if rel != corpus.SameFamily && len(res.falsePairs) < maxFalseChecked {
			res.falsePairs = append(res.falsePairs, [2]uint32{m.ID, seq})
		}
	}
	if t.copyOf < 0 {
		return
	}
	if slices.ContainsFunc(matches, func(m neardup.Match) bool { return m.ID == uint32(t.copyOf) }) {
		k := &res.Kinds[t.edit]
		k.Found++
		if t.within {
			k.WithinFound++
		}
	}
}

// maxFalseChecked bounds the false pairs whose texts are regenerated.
const maxFalseChecked = 10_000

// checkFalsePairs measures the exact similarity of the reported pairs the
// labels call false. The texts are long gone, so the stream is generated
// again (it is deterministic) up to the last article needed.
func (res *Result) checkFalsePairs() error {
	if len(res.falsePairs) == 0 {
		return nil
	}
	progress(res.Config, "regenerating the texts of %d pairs reported across families", len(res.falsePairs))
	needed := map[uint32]string{}
	last := uint32(0)
	for _, p := range res.falsePairs {
		needed[p[0]], needed[p[1]] = "", ""
		last = max(last, p[1])
	}
	gen, err := corpus.New(corpus.Options{DataDir: res.DataDir, Seed: res.Seed, CopyRate: res.CopyRate})
	if err != nil {
		return err
	}
	for seq := uint32(0); seq <= last; seq++ {
		a := gen.Next()
		if _, ok := needed[seq]; ok {
			needed[seq] = a.Title + "\n" + a.Text
		}
	}
	for _, p := range res.falsePairs {
		j := neardup.Jaccard(needed[p[0]], needed[p[1]])
		res.FalseExact = append(res.FalseExact, float32(j))
		if j >= res.Threshold {
			res.FalseAlike++
		}
	}
	slices.Sort(res.FalseExact)
	res.falsePairs = nil
	return nil
}

// realCopies counts the real reports that print the same story with an
// exact similarity at or above the threshold and whether the index paired
// them, and the independent pairs of real reports of one story.
func (res *Result) realCopies(gen *corpus.Generator, truths []truth, texts map[int]string) {
	seqs := make([]int, 0, len(texts))
	for s := range texts {
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	ix := neardup.NewIndex(neardup.Options{Threshold: res.Threshold})
	for _, j := range seqs {
		found := map[uint32]bool{}
		for _, m := range ix.Query(neardup.SignText(texts[j])) {
			found[m.ID] = true
		}
		ix.Add(uint32(j), neardup.SignText(texts[j]))
		for _, i := range seqs {
			if i >= j {
				break
			}
			switch gen.Relation(truths[i].label, truths[j].label) {
			case corpus.HardNonCopy:
				res.HardPairs++
			case corpus.SameFamily:
				if neardup.Jaccard(texts[i], texts[j]) >= res.Threshold {
					res.Real.Pairs++
					if found[uint32(i)] {
						res.Real.Found++
					}
				}
			}
		}
	}
}

func progress(cfg Config, format string, args ...any) {
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, format+"\n", args...)
	}
}

// Precision is the share of reported pairs that are one family.
func (res *Result) Precision() float64 {
	return ratio(res.ByRelated[corpus.SameFamily], res.Reported)
}

// Recall is the share of light copies (corpus.Edit.Light) whose source
// Query returned.
func (res *Result) Recall() float64 {
	found, copies := 0, 0
	for _, k := range res.Kinds {
		if k.Edit.Light() {
			found += k.Found
			copies += k.Copies
		}
	}
	return ratio(found, copies)
}

// F1 is the harmonic mean of Precision and Recall.
func (res *Result) F1() float64 {
	p, r := res.Precision(), res.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// WriteMarkdown prints the figures as Markdown tables.
func (res *Result) WriteMarkdown(w io.Writer) {
	n := float64(res.Articles)
	fmt.Fprintf(w, "# Near-duplicate index: %d generated articles\n\n", res.Articles)
	fmt.Fprintf(w, "Threshold %.2f on word %d-shingle Jaccard similarity; %d MinHash bins of one byte; LSH %d bands x %d rows. Seed %d. %d articles indexed, %d too short to judge; %.0f bytes of text (headline and body) per article on average.\n\n",
		res.Threshold, neardup.ShingleWords, neardup.Bins, res.Bands, res.Rows, res.Seed, res.Indexed, res.Articles-res.Indexed, float64(res.SignedBytes)/n)

	fmt.Fprintln(w, "## Speed (one goroutine)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| GOMAXPROCS | clock | sign | insert+query | together |")
	fmt.Fprintln(w, "| ---: | --- | ---: | ---: | ---: |")
	for _, r := range res.Runs {
		fmt.Fprintf(w, "| %d | wall | %s | %s | %s |\n", r.Procs, rate(n, r.Sign), rate(n, r.AddQuery), rate(n, r.Sign+r.AddQuery))
		if r.SignCPU > 0 {
			fmt.Fprintf(w, "| %d | CPU | %s | %s | %s |\n", r.Procs, rate(n, r.SignCPU), rate(n, r.AddQueryCPU), rate(n, r.SignCPU+r.AddQueryCPU))
		}
	}
	fmt.Fprintln(w, "\nArticles per second, and time per article. \"together\" is one goroutine doing both: the sum of the two. CPU is the process's user and system time, the garbage collector's included.")
	fmt.Fprintf(w, "Signing runs at %.0f MB/s (GOMAXPROCS=%d). Generating the corpus and the exact similarities took %s (not timed above).\n\n",
		float64(res.SignedBytes)/1e6/res.Runs[0].Sign.Seconds(), res.Runs[0].Procs, res.Generate.Round(time.Millisecond))

	fmt.Fprintln(w, "## Memory")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Index heap after garbage collection: %.1f MiB, %.0f bytes per indexed article (signatures, IDs, chain links and bucket tables: everything the index holds; not the texts).\n\n",
		float64(res.IndexBytes)/(1<<20), float64(res.IndexBytes)/float64(max(res.Indexed, 1)))

	fmt.Fprintln(w, "## Quality against the injected copies")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| kind | copies | exact Jaccard min / 5%% / median | found | recall | at or above %.2f | recall there |\n", res.Threshold)
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, k := range res.Kinds {
		name := string(k.Edit)
		if !k.Edit.Light() {
			name += " (beyond threshold)"
		}
		fmt.Fprintf(w, "| %s | %d | %s | %d | %s | %d | %s |\n", name, k.Copies, quantiles(k.Exact), k.Found,
			percent(ratio(k.Found, k.Copies)), k.Within, percent(ratio(k.WithinFound, k.Within)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| pairs reported | same family | unrelated | hard non-copies | partial overlaps | precision | recall (light kinds) | F1 |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	fmt.Fprintf(w, "| %d | %d | %d | %d | %d | %s | %s | %s |\n\n", res.Reported, res.ByRelated[corpus.SameFamily],
		res.ByRelated[corpus.Unrelated], res.ByRelated[corpus.HardNonCopy], res.ByRelated[corpus.PartialOverlap],
		percent(res.Precision()), percent(res.Recall()), percent(res.F1()))
	if len(res.FalseExact) > 0 {
		fmt.Fprintf(w, "Of the %d pairs of different families reported, %d have an exact similarity at or above the threshold: texts the generator made alike (exact Jaccard min / 5%% / median of all of them: %s).\n\n",
			len(res.FalseExact), res.FalseAlike, quantiles(res.FalseExact))
	}
	st := res.Stats
	fmt.Fprintf(w, "Candidates verified per query: %.3f (%.3f entries visited). Hard non-copies in the stream: %d pairs of independent real reports of one ECB+ story. Real reports printing the same story with exact similarity at or above the threshold: %d of %d pairs found.\n",
		ratio64(st.Candidates, st.Queries), ratio64(st.Visits, st.Queries), res.HardPairs, res.Real.Found, res.Real.Pairs)
}

func ratio64(a, b uint64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func rate(n float64, d time.Duration) string {
	return fmt.Sprintf("%s articles/s (%.1f µs each)", thousands(n/d.Seconds()), d.Seconds()*1e6/n)
}

func thousands(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func percent(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*x)
}

func quantiles(sorted []float32) string {
	if len(sorted) == 0 {
		return "-"
	}
	at := func(q float64) float32 { return sorted[int(q*float64(len(sorted)-1))] }
	return fmt.Sprintf("%.2f / %.2f / %.2f", sorted[0], at(0.05), at(0.5))
}
