package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"

	"github.com/corroborate/corroborate/internal/corpus"
)

func init() {
	evaluations["serve-load"] = evaluation{
		summary: "serve under load from this process over loopback: ingest rate, requests/s and latency of story and search reads",
		run:     runEvalServeLoad,
	}
}

func runEvalServeLoad(env *environment, args []string) int {
	fs := flag.NewFlagSet("eval serve-load", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `DIR` (holding ecbplus/ and article-extraction/)")
	articles := fs.Int("articles", 100_000, "fill the store with `N` generated articles")
	duration := fs.Duration("duration", 10*time.Second, "load each GET endpoint this long per run")
	concurrency := fs.Int("concurrency", 8, "concurrent GET workers")
	runs := fs.Int("runs", 3, "GET load runs; the figures are their medians")
	batch := fs.Int("batch", 50, "articles per POST (JSON lines)")
	posters := fs.Int("ingest-concurrency", 2, "concurrent POST requests while filling")
	sample := fs.Int("sample", 1000, "story ids and search queries to draw the GET requests from")
	seed := fs.Uint64("seed", 1, "generator seed")
	db := fs.String("db", "", "database `PATH` to fill and keep (default: a temporary one, removed afterwards); one already holding --articles documents is not filled again")
	settle := fs.Duration("settle", 10*time.Minute, "wait at most this long after filling for the server's background analyses to finish")
	quiet := fs.Bool("quiet", false, "do not report progress on stderr")
	pathsTo := fs.String("paths-to", "", "write the sampled request paths to stories.txt and search.txt in `DIR`, one a line, for other load generators (wrk)")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate eval serve-load [flags]

Starts 'corroborate serve' as a separate process on a loopback port, fills
its store with generated articles (internal/corpus, from the shared data)
through POST /api/articles in JSON-lines batches, waits for its background
analyses to finish, then loads GET /api/stories/{id} (the full report, then
?articles=meta, without article texts) and GET /api/search
with concurrent keep-alive clients. Prints a Markdown table of requests,
requests/s, p50 and p99 latency and errors, the ingest rate and the
server's peak resident memory.

Flags:
`)
		fs.PrintDefaults()
	}
	if _, status, parsed := parseCommand(fs, args); !parsed {
		return status
	}
	if *articles <= 0 || *duration <= 0 || *concurrency <= 0 || *runs <= 0 || *batch <= 0 || *posters <= 0 || *sample <= 0 {
		fmt.Fprintln(env.stderr, "corroborate eval serve-load: --articles, --duration, --concurrency, --runs, --batch, --ingest-concurrency and --sample must be positive")
		return exitUsage
	}
	if _, err := os.Stat(filepath.Join(*data, "ecbplus")); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval serve-load: no ECB+ data at %s (give the shared data folder with --data)\n", filepath.Join(*data, "ecbplus"))
		return exitInputError
	}
	progress := io.Writer(env.stderr)
	if *quiet {
		progress = io.Discard
	}
	l := &serveLoad{
		data: *data, articles: *articles, duration: *duration, concurrency: *concurrency, runs: *runs,
		batch: *batch, posters: *posters, sample: *sample, seed: *seed, settle: *settle, progress: progress,
		pathsTo: *pathsTo,
	}
	dbPath := *db
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "corroborate-serve-load-")
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate eval serve-load: %v\n", err)
			return exitInputError
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "load.db")
	}
	bin, err := os.Executable()
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval serve-load: finding this program to start the server: %v\n", err)
		return exitInputError
	}
	if err := l.run(env.stdout, bin, dbPath); err != nil {
		fmt.Fprintf(env.stderr, "corroborate eval serve-load: %v\n", err)
		return exitInputError
	}
	return exitOK
}

type serveLoad struct {
	data                                        string
	articles, concurrency, runs, batch, posters int
	sample                                      int
	seed                                        uint64
	duration, settle                            time.Duration
	progress                                    io.Writer
	pathsTo                                     string
	client                                      *http.Client
	base                                        string
}

// loadStats are the latencies and failures of one endpoint in one run.
type loadStats struct {
	name      string
	latencies []time.Duration
	errors    int
	elapsed   time.Duration
}

func (s *loadStats) rate() float64 { return float64(len(s.latencies)+s.errors) / s.elapsed.Seconds() }

func (s *loadStats) quantile(q float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	sorted := slices.Clone(s.latencies)
	slices.Sort(sorted)
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

func (l *serveLoad) run(out io.Writer, bin, dbPath string) error {
	cmd := exec.Command(bin, "serve", "--db", dbPath, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "CORROBORATE_TOKEN=") // writes without a token
	// Loading a large store's stories takes a while before it listens.
	srv, err := startServe(cmd, 10*time.Minute)
	if err != nil {
		return err
	}
	defer srv.stop(30 * time.Second)
	l.base = "http://" + srv.addr
	l.client = &http.Client{
		Transport: &http.Transport{MaxIdleConns: 4 * l.concurrency, MaxIdleConnsPerHost: 4 * l.concurrency, IdleConnTimeout: time.Minute},
		// A redirect (a merged story) is an answer of its own, not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       5 * time.Minute,
	}
	fmt.Fprintf(l.progress, "serve-load: server pid %d at %s, database %s\n", srv.cmd.Process.Pid, l.base, dbPath)

	have, _ := l.metric("corroborate_documents")
	var ingest *loadStats
	var ingestArticles, stored, refused int
	var ingestElapsed time.Duration
	var settled time.Duration
	// CPU time the server spent, which other load on the machine does not
	// inflate as it does the elapsed time.
	var fillCPU, settleCPU time.Duration
	if int(have) >= l.articles {
		fmt.Fprintf(l.progress, "serve-load: the store already holds %d documents; not filling it\n", int(have))
	} else {
		cpu0 := cpuTime(srv.cmd.Process.Pid)
		ingest, ingestArticles, stored, refused, err = l.fill()
		fillCPU = cpuTime(srv.cmd.Process.Pid) - cpu0
		if err != nil {
			return fmt.Errorf("%w\nserver stderr:\n%s", err, srv.stderrTail())
		}
		ingestElapsed = ingest.elapsed
		start := time.Now()
		l.waitIdle(srv.cmd.Process.Pid)
		settled = time.Since(start)
		settleCPU = cpuTime(srv.cmd.Process.Pid) - cpu0 - fillCPU
	}
	docs, _ := l.metric("corroborate_documents")
	stories, _ := l.metric("corroborate_stories")

	ids, err := l.sampleStories()
	if err != nil {
		return err
	}
	queries, err := l.sampleQueries()
	if err != nil {
		return err
	}
	fmt.Fprintf(l.progress, "serve-load: %d story ids and %d queries sampled; first view of each story\n", len(ids), len(queries))
	if l.pathsTo != "" {
		if err := l.writePaths(ids, queries); err != nil {
			return err
		}
	}
	storyURL := func(r *rand.Rand) string { return l.base + "/api/stories/" + url.PathEscape(ids[r.IntN(len(ids))]) }
	// The lean form, without article texts, that most API clients want.
	metaURL := func(r *rand.Rand) string { return storyURL(r) + "?articles=meta" }
	searchURL := func(r *rand.Rand) string {
		return l.base + "/api/search?q=" + url.QueryEscape(queries[r.IntN(len(queries))])
	}
	// The first view of a story whose analysis the background warmer has
	// not stored yet computes it: timed apart, so that the runs measure
	// serving stored analyses.
	first := l.getEach("GET /api/stories/{id} (first view of each sampled story)", ids)

	var storyRuns, metaRuns, searchRuns []*loadStats
	for r := range l.runs {
		s := l.load("GET /api/stories/{id}", storyURL, uint64(r))
		m := l.load("GET /api/stories/{id}?articles=meta", metaURL, uint64(r))
		q := l.load("GET /api/search?q=", searchURL, uint64(r))
		fmt.Fprintf(l.progress, "serve-load: run %d: stories %.0f req/s p99 %v; without texts %.0f req/s p99 %v; search %.0f req/s p99 %v\n",
			r+1, s.rate(), s.quantile(0.99), m.rate(), m.quantile(0.99), q.rate(), q.quantile(0.99))
		storyRuns, metaRuns, searchRuns = append(storyRuns, s), append(metaRuns, m), append(searchRuns, q)
	}
	hwm, rss := procMemory(srv.cmd.Process.Pid)
	size := fileSize(dbPath) + fileSize(dbPath+"-wal")

	fmt.Fprintf(out, "## serve-load: %d documents, %d stories; %d GET workers, %v per endpoint per run, %d runs (medians); %d CPUs\n\n",
		int(docs), int(stories), l.concurrency, l.duration, l.runs, runtime.NumCPU())
	if ingest != nil {
		fmt.Fprintf(out, "Ingest: %d articles POSTed in batches of %d by %d concurrent clients in %.1f s: **%.0f articles/s** (%d stored or already stored, %d refused). Background analyses finished %.0f s after the last POST.\n\n",
			ingestArticles, l.batch, l.posters, ingestElapsed.Seconds(), float64(ingestArticles)/ingestElapsed.Seconds(), stored, refused, settled.Seconds())
		fmt.Fprintf(out, "Server CPU time: %.1f ms an article while filling, and %.1f s more for the background analyses after it.\n\n",
			float64(fillCPU)/float64(time.Millisecond)/float64(max(ingestArticles, 1)), settleCPU.Seconds())
	}
	fmt.Fprintln(out, "| endpoint | requests | requests/s | p50 | p99 | errors |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|")
	if ingest != nil {
		writeLoadRow(out, fmt.Sprintf("POST /api/articles (%d articles a request)", l.batch), []*loadStats{ingest})
	}
	writeLoadRow(out, first.name, []*loadStats{first})
	writeLoadRow(out, "GET /api/stories/{id}", storyRuns)
	writeLoadRow(out, "GET /api/stories/{id}?articles=meta", metaRuns)
	writeLoadRow(out, "GET /api/search?q=", searchRuns)
	fmt.Fprintf(out, "\nServer memory: peak RSS (VmHWM) %.0f MiB, RSS at the end %.0f MiB. Database with its WAL: %.0f MiB.\n",
		float64(hwm)/(1<<20), float64(rss)/(1<<20), float64(size)/(1<<20))
	return nil
}

// writePaths writes the request paths the load draws from, one a line.
func (l *serveLoad) writePaths(ids, queries []string) error {
	var stories, search strings.Builder
	for _, id := range ids {
		stories.WriteString("/api/stories/" + url.PathEscape(id) + "\n")
	}
	for _, q := range queries {
		search.WriteString("/api/search?q=" + url.QueryEscape(q) + "\n")
	}
	if err := os.WriteFile(filepath.Join(l.pathsTo, "stories.txt"), []byte(stories.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(l.pathsTo, "search.txt"), []byte(search.String()), 0o644)
}

// writeLoadRow writes the medians over runs of one endpoint's figures.
func writeLoadRow(out io.Writer, name string, runs []*loadStats) {
	med := func(f func(*loadStats) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	fmt.Fprintf(out, "| %s | %.0f | %.0f | %.1f ms | %.1f ms | %.0f |\n", name,
		med(func(s *loadStats) float64 { return float64(len(s.latencies) + s.errors) }),
		med((*loadStats).rate),
		med(func(s *loadStats) float64 { return ms(s.quantile(0.5)) }),
		med(func(s *loadStats) float64 { return ms(s.quantile(0.99)) }),
		med(func(s *loadStats) float64 { return float64(s.errors) }))
}

// fill POSTs l.articles generated articles in JSON-lines batches.
func (l *serveLoad) fill() (stats *loadStats, posted, stored, refused int, err error) {
	gen, err := corpus.New(corpus.Options{DataDir: l.data, Seed: l.seed})
	if err != nil {
		return nil, 0, 0, 0, err
	}
	batches := make(chan []byte, l.posters)
	go func() {
		defer close(batches)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for i := 0; i < l.articles; {
			buf.Reset()
			for n := 0; n < l.batch && i < l.articles; n, i = n+1, i+1 {
				a := gen.Next()
				_ = enc.Encode(postedArticle{ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title, Published: a.Published.Format(time.RFC3339), Text: a.Text})
			}
			batches <- bytes.Clone(buf.Bytes())
		}
	}()
	stats = &loadStats{name: "POST /api/articles"}
	var mu sync.Mutex
	var done, ok, bad atomic.Int64
	var firstErr error
	start := time.Now()
	stopProgress := make(chan struct{})
	go func() {
		t := time.NewTicker(10 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stopProgress:
				return
			case <-t.C:
				n := done.Load()
				fmt.Fprintf(l.progress, "serve-load: %d/%d articles ingested, %.0f articles/s\n", n, l.articles, float64(n)/time.Since(start).Seconds())
			}
		}
	}()
	var wg sync.WaitGroup
	for range l.posters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := range batches {
				n := bytes.Count(body, []byte("\n"))
				t0 := time.Now()
				good, e := l.post(body)
				d := time.Since(t0)
				mu.Lock()
				if e != nil {
					stats.errors++
					if firstErr == nil {
						firstErr = e
					}
				} else {
					stats.latencies = append(stats.latencies, d)
				}
				mu.Unlock()
				done.Add(int64(n))
				ok.Add(int64(good))
				bad.Add(int64(n - good))
			}
		}()
	}
	wg.Wait()
	close(stopProgress)
	stats.elapsed = time.Since(start)
	if ok.Load() == 0 && firstErr != nil {
		return nil, 0, 0, 0, fmt.Errorf("no article was stored: %w", firstErr)
	}
	return stats, int(done.Load()), int(ok.Load()), int(bad.Load()), nil
}

// postedArticle is an article as POST /api/articles reads it.
type postedArticle struct {
	ID        string `json:"id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// post sends one JSON-lines body and returns how many of its articles the
// server acknowledged with an id.
func (l *serveLoad) post(body []byte) (int, error) {
	resp, err := l.client.Post(l.base+"/api/articles", "application/x-ndjson", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var r struct {
		Results []struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, fmt.Errorf("POST /api/articles: %s: %v", resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("POST /api/articles: %s", resp.Status)
	}
	n := 0
	for _, res := range r.Results {
		if res.ID != "" && res.Error == "" {
			n++
		}
	}
	return n, nil
}

// waitIdle waits until the server has used less than a tenth of a core
// for three seconds: the story analyses the ingest queued are done.
func (l *serveLoad) waitIdle(pid int) {
	deadline := time.Now().Add(l.settle)
	last, quiet := cpuTime(pid), 0
	for time.Now().Before(deadline) {
		time.Sleep(time.Second)
		now := cpuTime(pid)
		if now-last < 100*time.Millisecond {
			quiet++
			if quiet == 3 {
				return
			}
		} else {
			quiet = 0
		}
		last = now
	}
	fmt.Fprintf(l.progress, "serve-load: the server was still busy after %v; loading it anyway\n", l.settle)
}

// sampleStories draws story ids from pages of /api/stories spread over the list.
func (l *serveLoad) sampleStories() ([]string, error) {
	type page struct {
		Stories []struct {
			ID string `json:"id"`
		} `json:"stories"`
		Total int `json:"total"`
	}
	get := func(offset int) (page, error) {
		var p page
		err := l.getJSON(fmt.Sprintf("/api/stories?limit=100&offset=%d", offset), &p)
		return p, err
	}
	p, err := get(0)
	if err != nil {
		return nil, err
	}
	if p.Total == 0 {
		return nil, errors.New("the server lists no story")
	}
	rng := rand.New(rand.NewPCG(l.seed, 2))
	seen := map[string]bool{}
	var ids []string
	for tries := 0; len(ids) < l.sample && tries < 4*(l.sample/100+1); tries++ {
		for _, s := range p.Stories {
			if !seen[s.ID] && len(ids) < l.sample {
				seen[s.ID] = true
				ids = append(ids, s.ID)
			}
		}
		if len(seen) >= p.Total {
			break
		}
		if p, err = get(rng.IntN(max(p.Total-99, 1))); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// sampleQueries draws one- and two-word queries from the titles of the
// first generated articles, all of which the store holds.
func (l *serveLoad) sampleQueries() ([]string, error) {
	gen, err := corpus.New(corpus.Options{DataDir: l.data, Seed: l.seed})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(l.seed, 3))
	var queries []string
	for i := 0; i < min(l.articles, 20*l.sample) && len(queries) < l.sample; i++ {
		a := gen.Next()
		if rng.IntN(10) != 0 { // spread the sample over more articles
			continue
		}
		var words []string
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Title), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len([]rune(w)) >= 4 {
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		q := words[rng.IntN(len(words))]
		if len(words) > 1 && rng.IntN(3) == 0 {
			q = strings.Join(words[:2], " ")
		}
		queries = append(queries, q)
	}
	if len(queries) == 0 {
		return nil, errors.New("no search words in the generated titles")
	}
	return queries, nil
}

// getEach GETs each story once with the concurrent workers.
func (l *serveLoad) getEach(name string, ids []string) *loadStats {
	stats := &loadStats{name: name}
	var mu sync.Mutex
	next := make(chan string)
	go func() {
		defer close(next)
		for _, id := range ids {
			next <- id
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range l.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range next {
				d, ok := l.get(l.base + "/api/stories/" + url.PathEscape(id))
				mu.Lock()
				if ok {
					stats.latencies = append(stats.latencies, d)
				} else {
					stats.errors++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	stats.elapsed = time.Since(start)
	return stats
}

// load GETs URLs from next with l.concurrency workers for l.duration.
func (l *serveLoad) load(name string, next func(*rand.Rand) string, run uint64) *loadStats {
	stats := &loadStats{name: name}
	var mu sync.Mutex
	ctx, cancel := context.WithTimeout(context.Background(), l.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range l.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(l.seed+run, uint64(w)))
			var lat []time.Duration
			errs := 0
			for ctx.Err() == nil {
				d, ok := l.get(next(rng))
				if ok {
					lat = append(lat, d)
				} else {
					errs++
				}
			}
			mu.Lock()
			stats.latencies = append(stats.latencies, lat...)
			stats.errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	stats.elapsed = time.Since(start)
	return stats
}

// get reads one URL to the end (so the connection is reused) and reports
// its latency and whether it answered 200.
func (l *serveLoad) get(u string) (time.Duration, bool) {
	t0 := time.Now()
	resp, err := l.client.Get(u)
	if err != nil {
		return 0, false
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return time.Since(t0), err == nil && resp.StatusCode == http.StatusOK
}

func (l *serveLoad) getJSON(path string, v any) error {
	resp, err := l.client.Get(l.base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// metric reads one unlabelled gauge from /metrics.
func (l *serveLoad) metric(name string) (float64, error) {
	resp, err := l.client.Get(l.base + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	return 0, fmt.Errorf("no %s in /metrics", name)
}

// serveProcess is a `corroborate serve` child process.
type serveProcess struct {
	cmd    *exec.Cmd
	addr   string // host:port it listens on
	exited chan struct{}

	mu   sync.Mutex
	tail []string // the last lines of its stderr
}

var servingAddr = regexp.MustCompile(`serving .* at http://([^/\s]+)/`)

// startServe starts cmd, a `corroborate serve` command, and waits up to
// timeout for it to print the address it serves at. Its stderr is drained
// for as long as it runs, so that a full pipe never blocks it.
func startServe(cmd *exec.Cmd, timeout time.Duration) (*serveProcess, error) {
	bin := cmd.Path
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &serveProcess{cmd: cmd, exited: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		found := false
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.tail = append(p.tail, line)
			if len(p.tail) > 50 {
				p.tail = p.tail[1:]
			}
			p.mu.Unlock()
			if m := servingAddr.FindStringSubmatch(line); m != nil && !found {
				found = true
				addr <- m[1]
			}
		}
		_ = cmd.Wait()
		close(p.exited)
	}()
	select {
	case p.addr = <-addr:
		return p, nil
	case <-p.exited:
		return nil, fmt.Errorf("%s serve exited before serving (%v):\n%s", bin, cmd.ProcessState, p.stderrTail())
	case <-time.After(timeout):
		_ = cmd.Process.Kill()
		<-p.exited
		return nil, fmt.Errorf("%s serve printed no address within %v:\n%s", bin, timeout, p.stderrTail())
	}
}

func (p *serveProcess) stderrTail() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.tail, "\n")
}

// stop asks the server to stop as Ctrl-C does, and kills it if it has not
// within grace.
func (p *serveProcess) stop(grace time.Duration) {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// kill ends the server at once with SIGKILL: no handler, no flush.
func (p *serveProcess) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// procMemory reads a process's peak and current resident set sizes in bytes.
func procMemory(pid int) (hwm, rss int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmHWM":
			hwm = n << 10
		case "VmRSS":
			rss = n << 10
		}
	}
	return hwm, rss
}

// cpuTime reads a process's user and system CPU time from /proc, counting
// clock ticks of 1/100 s (USER_HZ on Linux).
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: fields count
	// from after it. utime and stime are fields 14 and 15.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
