package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/cluster"
	"github.com/corroborate/corroborate/internal/feed"
	"github.com/corroborate/corroborate/internal/fetch"
	"github.com/corroborate/corroborate/internal/ingest"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/server"
	"github.com/corroborate/corroborate/internal/store"
)

func runServe(env *environment, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := dbFlag(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS` (host:port); a non-loopback host requires --token")
	feedsFile := fs.String("feeds", "", "`FILE` of RSS/Atom feed URLs to follow, one a line (# comments allowed)")
	interval := fs.Duration("poll", feed.DefaultInterval, "how often each feed is polled")
	token := fs.String("token", "", "bearer `TOKEN` required on write requests (default $CORROBORATE_TOKEN)")
	allowPrivate := fs.Bool("allow-private-fetch", false, "let feeds and pages on loopback, private and link-local addresses be fetched")
	maxBody := sizeFlag(fs, "max-body", server.DefaultMaxBodyBytes, "refuse request bodies larger than `SIZE`")
	maxSize := sizeFlag(fs, "max-size", ingest.DefaultMaxBytes, "refuse input files (or JSON lines) given as PATH larger than `SIZE`")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, `Usage: corroborate serve [flags] [PATH...]

Runs the web app and JSON API (docs/api.md) over the database: stories,
their analyses, articles and full-text search. Articles in the PATHs are
ingested first; --feeds follows RSS/Atom feeds, fetching each new item's
page. Every new article is assigned to a story at once and the story's
analysis is recomputed in the background. Ctrl-C stops it gracefully.

Example:
  corroborate serve examples/articles      # then open http://127.0.0.1:8080/

Flags:
`)
		fs.PrintDefaults()
	}
	paths, status, parsed := parseCommand(fs, args)
	if !parsed {
		return status
	}
	if *token == "" {
		*token = env.getenv("CORROBORATE_TOKEN")
	}
	if !loopback(*addr) && *token == "" {
		fmt.Fprintf(env.stderr, "corroborate serve: listening on %s, beyond this machine, needs a token for writes: give --token or set CORROBORATE_TOKEN\n", *addr)
		return exitUsage
	}
	var feeds []string
	if *feedsFile != "" {
		f, err := os.Open(*feedsFile)
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate serve: %v\n", err)
			return exitUsage
		}
		feeds, err = feed.ReadList(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate serve: %s: %v\n", *feedsFile, err)
			if len(feeds) == 0 {
				return exitUsage
			}
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, db.path())
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	defer st.Close()
	opt := pipeline.Options{Cluster: cluster.Options{}}
	engine, err := pipeline.NewEngine(ctx, st, opt)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return exitInputError
	}
	if len(paths) > 0 {
		var tally ingestTally
		if _, ok := ingestPaths(ctx, env, engine, paths, ingest.Options{MaxBytes: *maxSize, Stdin: env.stdin}, &tally); !ok {
			return exitInputError
		}
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	warm := newWarmer(ctx, engine, logger)
	backend := warmingBackend{Engine: engine, warm: warm}
	// Stories never analysed (stored by ingest or analyze runs) are
	// analysed now, newest first, so the list shows their origins.
	if recent, _, err := st.Stories(ctx, 1000, 0); err == nil {
		for _, s := range recent {
			if s.Origins == 0 {
				warm.touch(s.ID)
			}
		}
	}

	var poller *feed.Poller
	if len(feeds) > 0 {
		poller, err = feed.New(feed.Options{
			Feeds:    feeds,
			Client:   fetch.New(fetch.Options{AllowPrivate: *allowPrivate}),
			Interval: *interval,
			// A poll's new items are stored a batch to a transaction.
			HandleBatch: func(ctx context.Context, articles []article.Article) []error {
				errs := make([]error, len(articles))
				for i, r := range backend.Ingest(ctx, articles) {
					errs[i] = r.Err
				}
				return errs
			},
			// Items stored by an earlier run are not fetched again: the
			// feed names an item whose link redirects after the link.
			Seen: func(url string) bool {
				_, ok := engine.StoryOf(pipeline.URLID(url))
				return ok
			},
			Logf: func(format string, args ...any) { logger.Info(fmt.Sprintf(format, args...)) },
		})
		if err != nil {
			fmt.Fprintf(env.stderr, "corroborate serve: %v\n", err)
			return exitUsage
		}
	}
	cfg := server.Config{Store: st, Backend: backend, Token: *token, MaxBodyBytes: *maxBody, Logger: logger}
	if poller != nil {
		cfg.Feeds = poller.Status
	}
	httpServer := &http.Server{
		Handler:           server.New(cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "corroborate serve: %v (choose another with --addr)\n", err)
		return exitUsage
	}
	_, total, _ := st.Stories(ctx, 1, 0)
	fmt.Fprintf(env.stderr, "corroborate: serving %s at http://%s/ (Ctrl-C to stop)\n", plural(total, "story"), ln.Addr())

	var wg sync.WaitGroup
	if poller != nil {
		wg.Add(1)
		go func() { defer wg.Done(); _ = poller.Run(ctx) }()
	}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
		// In-flight requests (an ingest among them) finish; new ones are refused.
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = httpServer.Shutdown(shutdownCtx)
		cancel()
	}
	stop()
	wg.Wait()
	warm.wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(env.stderr, "corroborate serve: %v\n", err)
		return exitInputError
	}
	fmt.Fprintln(env.stderr, "corroborate: stopped")
	return exitOK
}

// loopback reports whether a listen address is reachable from this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// warmingBackend recomputes the analyses of the stories an ingest touched,
// in the background, so that the next page view finds them ready.
type warmingBackend struct {
	*pipeline.Engine
	warm *warmer
}

func (b warmingBackend) Ingest(ctx context.Context, articles []article.Article) []pipeline.Ingested {
	res := b.Engine.Ingest(ctx, articles)
	for _, r := range res {
		if r.Err == nil && r.Story != "" {
			b.warm.touch(r.Story)
		}
	}
	return res
}

// warmer analyses touched stories one at a time, each at most once however
// often it is touched while waiting, and only once ingest has paused for
// warmQuiet: during a burst of articles a story would be analysed again
// for each, and the analyses would take the cores the burst needs.
type warmer struct {
	mu        sync.Mutex
	pending   map[string]bool
	order     []string
	lastTouch time.Time
	wake      chan struct{}
	done      chan struct{}
}

const warmQuiet = 2 * time.Second

func newWarmer(ctx context.Context, e *pipeline.Engine, logger *slog.Logger) *warmer {
	w := &warmer{pending: map[string]bool{}, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.wake:
			}
			for {
				w.mu.Lock()
				if len(w.order) == 0 {
					w.mu.Unlock()
					break
				}
				if wait := warmQuiet - time.Since(w.lastTouch); wait > 0 {
					w.mu.Unlock()
					select {
					case <-time.After(wait):
						continue
					case <-ctx.Done():
						return
					}
				}
				id := w.order[0]
				w.order = w.order[1:]
				delete(w.pending, id)
				w.mu.Unlock()
				if _, err := e.Analysis(ctx, id); err != nil && ctx.Err() == nil && !errors.Is(err, store.ErrNotFound) {
					logger.Warn("analysing story", "story", id, "err", err)
				}
			}
		}
	}()
	return w
}

func (w *warmer) touch(story string) {
	w.mu.Lock()
	w.lastTouch = time.Now()
	if !w.pending[story] {
		w.pending[story] = true
		w.order = append(w.order, story)
	}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// wait gives an analysis under way a few seconds to finish. An analysis
// cannot be interrupted, and one of a very large story can take longer
// than anyone wants to wait for Ctrl-C; dropping it loses nothing, since
// it is recomputed when the story is next viewed.
func (w *warmer) wait() {
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
	}
}
