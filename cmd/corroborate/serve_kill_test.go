package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// runMainEnv makes the test binary run the command instead of the tests, so
// that a test can start `corroborate serve` as a process of its own without
// building the command again.
const runMainEnv = "CORROBORATE_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// serveCommand returns a command running `corroborate serve` on db at a
// free loopback port, as this test binary.
func serveCommand(t *testing.T, db string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "CORROBORATE_TOKEN=")
	return cmd
}

// inventedArticle returns the n-th of a stream of distinct invented news
// texts (places, people and figures are made up). Articles fall into a
// dozen events so that some share a story; each carries a sentence that
// names it alone, which the test looks for in the store.
func inventedArticle(worker, n int) (id, title, text, marker string) {
	places := []string{"Velmora", "Corvane", "Ostrelle", "Dunmarrow", "Kesh Tarin", "Albrefort", "Quillhaven", "Saronne", "Tevik", "Moorlast", "Pellingham", "Varrowick"}
	events := []string{
		"a warehouse fire closed the harbour road",
		"the council approved a new tram line",
		"flooding cut power to the northern district",
		"a cargo ship ran aground near the breakwater",
		"teachers began a three-day strike over pay",
		"the regional airport reopened its second runway",
		"a landslide blocked the mountain pass",
		"the water utility raised its tariffs",
		"a chemical leak forced the evacuation of a school",
		"the fishing fleet was kept in port by a storm",
		"a bridge inspection found cracked girders",
		"the mayor announced a budget freeze",
	}
	k := (worker*7 + n) % len(events)
	place := places[k]
	id = fmt.Sprintf("kill-w%d-n%d", worker, n)
	marker = fmt.Sprintf("Record %d-%d of the %s desk notes %d witnesses and %d vehicles on the scene.", worker, n, place, 3+n%17, 2+(worker*n)%11)
	title = fmt.Sprintf("In %s, %s (report %d-%d)", place, events[k], worker, n)
	text = strings.Join([]string{
		fmt.Sprintf("Officials in %s said on Tuesday that %s, according to a statement issued before noon.", place, events[k]),
		fmt.Sprintf("A spokesperson for the %s authority, Marit Oskeland, told reporters that crews had worked through the night.", place),
		marker,
		fmt.Sprintf("Residents of %s were asked to avoid the area until further notice, and a helpline was opened for questions.", place),
		fmt.Sprintf("The authority expects to publish a fuller account within %d days, once inspectors have finished their review.", 2+n%5),
	}, "\n\n")
	return id, title, text, marker
}

// TestServeKillLosesNoAcknowledgedArticle kills `corroborate serve` with
// SIGKILL while clients are posting articles and checks that every article
// the server acknowledged is in the database afterwards, assigned to a
// story, and that the server starts again on it.
func TestServeKillLosesNoAcknowledgedArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	db := filepath.Join(t.TempDir(), "k.db")
	srv, err := startServe(serveCommand(t, db), 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.kill() }) // a no-op once it has exited
	base := "http://" + srv.addr

	type acked struct{ story, marker string }
	var (
		mu       sync.Mutex
		ackedIDs = map[string]acked{}
		stop     atomic.Bool
		inFlight atomic.Int32
		wg       sync.WaitGroup
	)
	client := &http.Client{Timeout: 30 * time.Second}
	const workers = 4
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; !stop.Load(); {
				// Workers 0 and 1 post one article a request, as JSON;
				// 2 and 3 post batches of three as JSON lines.
				size, contentType := 1, "application/json"
				if w >= 2 {
					size, contentType = 3, "application/x-ndjson"
				}
				var body bytes.Buffer
				markers := map[string]string{}
				for range size {
					id, title, text, marker := inventedArticle(w, n)
					n++
					markers[id] = marker
					_ = json.NewEncoder(&body).Encode(map[string]string{"id": id, "title": title, "text": text, "source": "Invented Test Wire"})
				}
				inFlight.Add(1)
				resp, err := client.Post(base+"/api/articles", contentType, &body)
				inFlight.Add(-1)
				if err != nil {
					return // the server is gone
				}
				raw, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					// A response cut off by the kill acknowledges nothing.
					if err == nil && !stop.Load() {
						t.Errorf("POST answered %s: %s", resp.Status, raw)
					}
					return
				}
				var r struct {
					Results []struct{ ID, Story, Error string }
				}
				if err := json.Unmarshal(raw, &r); err != nil {
					t.Errorf("POST answer is not JSON: %v: %s", err, raw)
					return
				}
				mu.Lock()
				for _, res := range r.Results {
					if res.ID == "" || res.Error != "" {
						t.Errorf("article refused: %+v", res)
						continue
					}
					m, ok := markers[res.ID]
					if !ok {
						t.Errorf("acknowledged id %q was not posted in this request", res.ID)
						continue
					}
					ackedIDs[res.ID] = acked{story: res.Story, marker: m}
				}
				mu.Unlock()
			}
		}()
	}

	// Kill once enough articles are acknowledged and while a request is
	// being answered, so that the kill lands in the middle of an ingest.
	const enough = 60
	deadline := time.Now().Add(15 * time.Second)
	for {
		mu.Lock()
		n := len(ackedIDs)
		mu.Unlock()
		if n >= enough && inFlight.Load() > 0 {
			break
		}
		if time.Now().After(deadline) {
			stop.Store(true)
			srv.kill()
			wg.Wait()
			t.Fatalf("only %d articles acknowledged in 15 s; want %d before the kill\nserver stderr:\n%s", n, enough, srv.stderrTail())
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop.Store(true)
	srv.kill()
	wg.Wait()
	if srv.cmd.ProcessState == nil || srv.cmd.ProcessState.Success() {
		t.Fatalf("the server was not killed: %v", srv.cmd.ProcessState)
	}
	mu.Lock()
	ids := make([]string, 0, len(ackedIDs))
	for id := range ackedIDs {
		ids = append(ids, id)
	}
	mu.Unlock()
	slices.Sort(ids)
	if len(ids) < enough {
		t.Fatalf("%d acknowledged articles, want at least %d", len(ids), enough)
	}
	t.Logf("killed the server after %d acknowledged articles", len(ids))

	// The file as the kill left it: SQLite's own consistency check, then
	// every acknowledged article, its text and its story.
	ctx := context.Background()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check after the kill: %q, %v", check, err)
	}
	raw.Close()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopening the store after the kill: %v", err)
	}
	count, err := st.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if count < len(ids) {
		t.Errorf("the store holds %d documents; %d were acknowledged", count, len(ids))
	}
	for _, id := range ids {
		a := ackedIDs[id]
		d, err := st.Document(ctx, id)
		if err != nil {
			t.Errorf("acknowledged article %s: %v", id, err)
			continue
		}
		if !strings.Contains(d.Text, a.marker) {
			t.Errorf("acknowledged article %s: stored text lacks %q:\n%s", id, a.marker, d.Text)
		}
		story, err := st.StoryOf(ctx, id)
		if err != nil || story == "" {
			t.Errorf("acknowledged article %s (story %s) has no story after the kill: %q, %v", id, a.story, story, err)
			continue
		}
		members, err := st.StoryMembers(ctx, story)
		if err != nil || !slices.Contains(members, id) {
			t.Errorf("story %s does not list acknowledged member %s: %v, %v", story, id, members, err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		return
	}

	// Serving again from the same file.
	srv2, err := startServe(serveCommand(t, db), 30*time.Second)
	if err != nil {
		t.Fatalf("restarting after the kill: %v", err)
	}
	defer srv2.kill()
	base = "http://" + srv2.addr
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz after the restart: %s %s", resp.Status, body)
	}
	for i := 0; i < len(ids); i += max(1, len(ids)/6) {
		id := ids[i]
		resp, err := client.Get(base + "/api/articles/" + id)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ ID, Text, Story string }
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			t.Errorf("GET /api/articles/%s after the restart: %s, %v", id, resp.Status, err)
			continue
		}
		if got.ID != id || got.Story == "" || !strings.Contains(got.Text, ackedIDs[id].marker) {
			t.Errorf("GET /api/articles/%s after the restart: id %q, story %q, text %q", id, got.ID, got.Story, got.Text)
		}
	}
	srv2.stop(30 * time.Second)
	if !srv2.cmd.ProcessState.Success() {
		t.Errorf("the restarted server did not stop cleanly: %v\n%s", srv2.cmd.ProcessState, srv2.stderrTail())
	}

	// Articles the kill caught stored but not yet assigned (never
	// acknowledged) were assigned by the restart.
	st, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	unassigned := 0
	if err := st.Assignments(ctx, func(docID, storyID string, _ []byte) error {
		if storyID == "" {
			unassigned++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if unassigned > 0 {
		t.Errorf("%d documents have no story after the restart", unassigned)
	}
}
