package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns the browser the UI tests drive, or "" when none is
// installed.
func findChromium() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser walks the UI as a reader would, in a real browser: the story
// list, a story, and a search through the form. Each step's full page is
// saved as a PNG for people to look at.
func TestBrowser(t *testing.T) {
	chromium := findChromium()
	if chromium == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; CI must install it for the browser tests")
		}
		t.Skip("chromium not found: skipping the browser tests (install Debian's chromium to run them)")
	}
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	f := newFixture(t)
	f.ingest(append(inventedArticles(), hostileArticle())...)
	ts := httptest.NewServer(f.srv)
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 900),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	// SCREENSHOT_DIR keeps the screenshots after the test, for a person to
	// look at; by default they go with the test's temporary directory.
	shots := os.Getenv("SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(browser, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(shots, name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	texts := func(selector string) []string {
		t.Helper()
		got, err := chromedp.Run(browser, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll(`+jsString(selector)+`), e => e.textContent.trim())`))
		if err != nil {
			t.Fatalf("reading %s: %v", selector, err)
		}
		return got
	}

	// The story list.
	if err := chromedp.Do(browser,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("ol.story-list")),
	); err != nil {
		t.Fatalf("loading the story list: %v", err)
	}
	titles := texts("a.story-title")
	if len(titles) != 4 || !contains(titles, "Warehouse fire shuts Velmora harbour") || !contains(titles, "Late frost damages Tessaly orchards") {
		t.Errorf("story list shows %q", titles)
	}
	screenshot("1-stories")

	// Into a story.
	if err := chromedp.Do(browser,
		chromedp.Click(chromedp.CSS(`a.story-title[href="/stories/s-fire"]`)),
		chromedp.WaitVisible(chromedp.CSS("#side-by-side")),
	); err != nil {
		t.Fatalf("opening the story: %v", err)
	}
	if h := texts("section.story h2"); len(h) == 0 || h[0] != "Warehouse fire shuts Velmora harbour" {
		t.Errorf("story heading = %q", h)
	}
	if lines := texts("#story-1-summary + ul.items > li"); len(lines) == 0 {
		t.Errorf("the story's summary is empty")
	}
	for _, section := range []string{"#story-1-conflicts", "#story-1-agreements", "#story-1-provenance", "#story-1-entities", "#story-1-timeline"} {
		if len(texts(section)) != 1 {
			t.Errorf("section %s missing", section)
		}
	}
	if marks := texts("#side-by-side .pane mark"); len(marks) < 2 || !strings.HasPrefix(marks[0], "Firefighters from three districts") {
		t.Errorf("copied passage marks = %q", marks)
	}
	screenshot("2-story")

	// A search through the form in the header.
	if err := chromedp.Do(browser,
		chromedp.SetValue(chromedp.CSS(`header form.search input[name="q"]`), "barley"),
		chromedp.Submit(chromedp.CSS(`header form.search`)),
		chromedp.WaitVisible(chromedp.CSS("ol.hits mark")),
	); err != nil {
		t.Fatalf("searching: %v", err)
	}
	marks := texts("ol.hits mark")
	if len(marks) == 0 || !strings.EqualFold(marks[0], "barley") {
		t.Errorf("search highlights = %q", marks)
	}
	if loc, _ := chromedp.Run(browser, chromedp.Location()); !strings.Contains(loc, "/search?q=barley") {
		t.Errorf("the form went to %s", loc)
	}
	screenshot("3-search")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
