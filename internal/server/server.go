// Package server is the HTTP side of `corroborate serve`: a JSON API and a
// server-rendered web UI over one store, both showing the same analyses the
// reports render.
package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/feed"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/store"
)

// Backend ingests articles and produces analyses; *pipeline.Engine is one.
type Backend interface {
	Ingest(ctx context.Context, articles []article.Article) []pipeline.Ingested
	Analysis(ctx context.Context, storyID string) (*article.Analysis, error)
}

var _ Backend = (*pipeline.Engine)(nil)

// DefaultMaxBodyBytes bounds a POST body when Config.MaxBodyBytes is not set.
const DefaultMaxBodyBytes = 10 << 20

// Config is what the server needs. Store and Backend are required.
type Config struct {
	Store   store.Store
	Backend Backend
	// Feeds reports the feeds being polled (feed.Poller's status); nil
	// when there are none.
	Feeds func() []feed.Status
	// Token, when set, must be presented as "Authorization: Bearer <Token>"
	// on every write (POST) request.
	Token string
	// MaxBodyBytes bounds a request body; <= 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Logger receives one line per request and the details of every error
	// the client only sees a request id for; nil discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server serves the API and the web UI. It is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	metrics *metrics
	mux     *http.ServeMux
	handler http.Handler
	encoded *encodedCache
}

// New returns a server for cfg. It panics if Store or Backend is nil: that
// is a wiring mistake, not a runtime condition.
func New(cfg Config) *Server {
	if cfg.Store == nil || cfg.Backend == nil {
		panic("server: Config.Store and Config.Backend are required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: logger, metrics: newMetrics(), mux: http.NewServeMux(), encoded: newEncodedCache(encodedCacheBytes)}
	s.routes()
	s.handler = s.instrument(s.mux)
	return s
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// ServeHTTP makes a Server usable as an http.Handler itself.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() {
	s.mux.HandleFunc("POST /api/articles", s.requireToken(s.postArticles))
	s.mux.HandleFunc("GET /api/stories", s.apiStories)
	s.mux.HandleFunc("GET /api/stories/{id}", s.apiStory)
	s.mux.HandleFunc("GET /api/stories/{id}/articles", s.apiStoryArticles)
	s.mux.HandleFunc("GET /api/articles/{id}", s.apiArticle)
	s.mux.HandleFunc("GET /api/search", s.apiSearch)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.jsonError(w, r, http.StatusNotFound, "no such API endpoint: "+r.Method+" "+r.URL.Path+" (see docs/api.md)")
	})
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /metrics", s.serveMetrics)

	s.mux.HandleFunc("GET /{$}", s.pageStories)
	s.mux.HandleFunc("GET /stories/{id}", s.pageStory)
	s.mux.HandleFunc("GET /articles/{id}", s.pageArticle)
	s.mux.HandleFunc("GET /search", s.pageSearch)
	s.mux.HandleFunc("GET /feeds", s.pageFeeds)
	s.mux.HandleFunc("GET /static/style.css", s.styleSheet)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.htmlError(w, r, http.StatusNotFound, "There is no page at this address.")
	})
}

type ctxKey struct{}

// requestID is the id the client sees in errors and every log line carries.
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(ctxKey{}).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusRecorder remembers what was sent, for metrics and for knowing
// whether a recovered panic can still send an error.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument gives every request an id, turns a panic into a 500 that tells
// the client nothing of the internals, counts and times the request by
// route, and logs it.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, id))
		w.Header().Set("X-Request-Id", id)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "request_id", id, "method", r.Method, "path", r.URL.Path,
					"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if !rec.wrote {
					s.fail(rec, r, http.StatusInternalServerError, "internal error")
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.metrics.observeRequest(route, rec.status, elapsed)
			s.log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "route", route,
				"status", rec.status, "duration", elapsed)
		}()
		next.ServeHTTP(rec, r)
		if !rec.wrote {
			rec.status = http.StatusOK
		}
	})
}

// requireToken refuses a request without the configured bearer token.
func (s *Server) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token != "" {
			scheme, given, _ := strings.Cut(r.Header.Get("Authorization"), " ")
			if !strings.EqualFold(scheme, "Bearer") ||
				subtle.ConstantTimeCompare([]byte(strings.TrimSpace(given)), []byte(s.cfg.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="corroborate"`)
				s.jsonError(w, r, http.StatusUnauthorized, "this endpoint needs the server's token: send \"Authorization: Bearer <token>\"")
				return
			}
		}
		next(w, r)
	}
}

// isAPI tells whether an error should be answered in JSON or as a page.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if isAPI(r) {
		s.jsonError(w, r, code, msg)
		return
	}
	s.htmlError(w, r, code, msg)
}

// internalError logs err in full and tells the client only that something
// failed, with the request id to find the log line: error texts can carry
// file paths and SQL.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.log.Error(what, "request_id", requestID(r), "path", r.URL.Path, "err", err)
	if errors.Is(err, context.Canceled) {
		return // the client left; nobody reads the answer
	}
	s.fail(w, r, http.StatusInternalServerError, what+" failed")
}

type errorBody struct {
	Error     string `json:"error"`
	RequestID string `json:"request_id"`
}

func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.writeJSON(w, code, errorBody{Error: msg, RequestID: requestID(r)})
}

func (s *Server) writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		s.log.Error("encoding JSON response", "err", err)
		code, body = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(append(body, '\n'))
}
