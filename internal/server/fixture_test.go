package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/pipeline"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// fakeBackend stands in for pipeline.Engine so that these tests do not
// depend on its story clustering: an article's story is the part of its id
// before the first "-", and analyses are computed afresh on every request.
type fakeBackend struct {
	st  store.Store
	now func() time.Time

	mu          sync.Mutex
	panicOnRead string // Analysis panics with this message when set
}

func storyKey(id string) string {
	key, _, _ := strings.Cut(id, "-")
	return "s-" + key
}

func (b *fakeBackend) Ingest(ctx context.Context, articles []article.Article) []pipeline.Ingested {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]pipeline.Ingested, len(articles))
	for i, a := range articles {
		d, err := pipeline.Prepare(a)
		if err != nil {
			out[i].Err = err
			continue
		}
		id, outcome, err := b.st.PutDocument(ctx, d)
		if err != nil {
			out[i].Err = err
			continue
		}
		story := storyKey(id)
		if err := b.st.SetStory(ctx, id, story); err != nil {
			out[i].Err = err
			continue
		}
		if err := b.refresh(ctx, story); err != nil {
			out[i].Err = err
			continue
		}
		out[i] = pipeline.Ingested{ID: id, Story: story, Outcome: outcome}
	}
	return out
}

// refresh re-lists and re-analyses a story after it gained an article.
func (b *fakeBackend) refresh(ctx context.Context, id string) error {
	a, err := b.analyse(ctx, id)
	if err != nil {
		return err
	}
	info, err := b.st.StoryInfo(ctx, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	now := b.now()
	if info.Created.IsZero() {
		info.Created = now
	}
	info.ID, info.Title, info.Updated = id, a.Story.Title, now
	info.Articles, info.Origins = len(a.Story.Documents), len(a.Provenance.Origins)
	if err := b.st.PutStory(ctx, info); err != nil {
		return err
	}
	return b.st.PutAnalysis(ctx, a)
}

func (b *fakeBackend) analyse(ctx context.Context, id string) (*article.Analysis, error) {
	members, err := b.st.StoryMembers(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(members) == 0 {
		return nil, store.ErrNotFound
	}
	s := &article.Story{ID: id}
	for _, m := range members {
		d, err := b.st.Document(ctx, m)
		if err != nil {
			return nil, err
		}
		s.Documents = append(s.Documents, d)
	}
	s.Title = s.Documents[0].Title
	return pipeline.Analyze(s, pipeline.Options{}), nil
}

func (b *fakeBackend) Analysis(ctx context.Context, id string) (*article.Analysis, error) {
	b.mu.Lock()
	msg := b.panicOnRead
	b.mu.Unlock()
	if msg != "" {
		panic(msg)
	}
	return b.analyse(ctx, id)
}

// openStore opens the real SQLite store in memory.
func openStore(t testing.TB) store.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type fixture struct {
	t       testing.TB
	st      store.Store
	backend *fakeBackend
	srv     *Server
	logs    *syncBuffer
	clock   *testClock
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

// now advances a second a call, so that stories ingested one after another
// have distinct, ordered activity times.
func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newFixture(t testing.TB, configure ...func(*Config)) *fixture {
	t.Helper()
	clock := &testClock{t: time.Date(2031, 3, 4, 9, 0, 0, 0, time.UTC)}
	st := openStore(t)
	f := &fixture{t: t, st: st, backend: &fakeBackend{st: st, now: clock.now}, logs: &syncBuffer{}, clock: clock}
	cfg := Config{
		Store: st, Backend: f.backend,
		Logger: slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:    clock.now,
	}
	for _, c := range configure {
		c(&cfg)
	}
	f.srv = New(cfg)
	return f
}

// do serves one request and returns the response.
func (f *fixture) do(method, target string, body io.Reader, header ...string) *http.Response {
	f.t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ingest stores articles through the fake backend directly.
func (f *fixture) ingest(articles ...article.Article) []pipeline.Ingested {
	f.t.Helper()
	res := f.backend.Ingest(context.Background(), articles)
	for i, r := range res {
		if r.Err != nil {
			f.t.Fatalf("ingesting %s: %v", articles[i].ID, r.Err)
		}
	}
	return res
}

// The articles below are invented for these tests: places, people and
// outlets are fictional.

// copiedPassage is shared word for word by two "fire" articles, so their
// story has a copied passage to show side by side.
const copiedPassage = "Firefighters from three districts worked through the night to keep the flames away from the fuel depot on the eastern quay, and the harbour master closed the port to all traffic until further notice."

func inventedArticles() []article.Article {
	day := func(d int) time.Time { return time.Date(2031, 2, d, 8, 30, 0, 0, time.UTC) }
	return []article.Article{
		{ID: "fire-1", Source: "Velmora Courier", URL: "https://courier.example/velmora-warehouse-fire", Title: "Warehouse fire shuts Velmora harbour", Published: day(10),
			Text: "A fire destroyed a grain warehouse in the port of Velmora on Monday night, the city fire service said.\n" + copiedPassage + "\nNo one was hurt, according to fire chief Oskar Lindqvist. The warehouse held about 4,000 tonnes of barley.\nThe cause of the fire is not yet known."},
		{ID: "fire-2", Source: "Coastline Daily", URL: "https://coastline.example/news/velmora-blaze", Title: "Blaze at Velmora grain store closes port", Published: day(10),
			Text: "Velmora's port was closed on Tuesday after a blaze tore through a grain warehouse overnight.\n" + copiedPassage + "\nFire chief Oskar Lindqvist said two firefighters were treated for smoke inhalation. The warehouse held about 6,000 tonnes of barley, the port authority said."},
		{ID: "fire-3", Source: "Northern Ledger", URL: "https://ledger.example/velmora-port-reopens", Title: "Velmora port to reopen after grain warehouse fire", Published: day(11),
			Text: "The port of Velmora will reopen on Wednesday, the harbour master said, a day after a fire destroyed a grain warehouse on the eastern quay.\nInvestigators have ruled out arson, the regional prosecutor's office said in a statement. Barley prices at the Velmora exchange rose by four percent."},
		{ID: "ferry-1", Source: "Coastline Daily", URL: "https://coastline.example/news/corvane-ferry-strike", Title: "Corvane ferry crews begin 48-hour strike", Published: day(12),
			Text: "Ferry crews on the Corvane river began a 48-hour strike on Thursday over pay, the seafarers' union said.\nAbout 12,000 commuters use the crossing every day. The operator, Corvane Lines, said it would run a reduced timetable with managers at the helm."},
		{ID: "ferry-2", Source: "Northern Ledger", URL: "https://ledger.example/corvane-strike-talks", Title: "Talks to end Corvane ferry strike stall", Published: day(13),
			Text: "Talks between Corvane Lines and the seafarers' union broke up without agreement on Friday, the second day of a ferry strike on the Corvane river.\nThe union said about 15,000 commuters had been affected. Corvane Lines said it had offered a raise of three percent."},
		{ID: "frost-1", Source: "Valley Almanac", URL: "https://almanac.example/orchards-frost", Title: "Late frost damages Tessaly orchards", Published: day(14),
			Text: "A late frost damaged apple and pear blossom across the Tessaly valley on Saturday, growers said.\nThe growers' cooperative estimated that a third of the blossom was lost in the lower orchards."},
	}
}

// hostileArticle carries markup in every field a page shows.
func hostileArticle() article.Article {
	return article.Article{
		ID: "hostile-1", Source: `<b onmouseover="alert(3)">Evil Gazette</b>`, URL: "javascript:alert(4)",
		Title: `<script>alert("title")</script> Harbour cranes <img src=x onerror=alert(1)>`,
		Text: "Harbour cranes at Velmora stopped on Tuesday <script>alert(\"text\")</script> after a power cut, the operator said.\n" +
			"Engineers restored power <img src=x onerror=alert(2)> within four hours, and the cranes resumed work in the evening.",
		Published: time.Date(2031, 2, 15, 9, 0, 0, 0, time.UTC),
	}
}

// jsonLine renders an article as the API accepts it.
func jsonLine(a article.Article) string {
	b, err := json.Marshal(map[string]string{"id": a.ID, "source": a.Source, "url": a.URL, "title": a.Title,
		"published": a.Published.Format(time.RFC3339), "text": a.Text})
	if err != nil {
		panic(err)
	}
	return string(b)
}
