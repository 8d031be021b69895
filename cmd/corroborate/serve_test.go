package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeExamples is the README's run command: serve on the bundled
// examples, open the printed address, see the stories; Ctrl-C stops it
// cleanly.
func TestServeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	cmd := serveCommand(t, filepath.Join(t.TempDir(), "examples.db"))
	cmd.Args = append(cmd.Args, filepath.Join("..", "..", "examples", "articles"))
	p, err := startServe(cmd, 60*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer p.kill()
	base := "http://" + p.addr

	var list struct {
		Total   int `json:"total"`
		Stories []struct {
			Title    string `json:"title"`
			Articles int    `json:"articles"`
		} `json:"stories"`
	}
	resp, err := http.Get(base + "/api/stories")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The examples hold a five-article dam story and a two-article e-bike story.
	sizes := map[int]bool{}
	for _, s := range list.Stories {
		sizes[s.Articles] = true
	}
	if list.Total != 2 || !sizes[5] || !sizes[2] {
		t.Fatalf("stories listed: %+v, want 2 stories of 5 and 2 articles", list)
	}

	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, s := range list.Stories {
		if !strings.Contains(string(page), htmlEscape(s.Title)) {
			t.Errorf("the story list page does not show %q", s.Title)
		}
	}

	p.stop(20 * time.Second)
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("serve exited with %d after Ctrl-C, want 0:\n%s", code, p.stderrTail())
	}
	if !strings.Contains(p.stderrTail(), "stopped") {
		t.Errorf("serve did not say it stopped:\n%s", p.stderrTail())
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
