package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/store"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

const lede = "The Harbour Board of Quell voted on Monday to close the old pier after inspectors found cracks in its pilings."

func TestPrepare(t *testing.T) {
	tests := []struct {
		name          string
		in            article.Article
		title, source string
		published     time.Time
		inferred      bool
		wantErr       error
	}{
		{
			name:   "scraped text: headline from the first line, source from the URL host",
			in:     article.Article{ID: "a", URL: "https://www.example.org/news/1", Text: "Old pier to close\n" + lede + "\nRepairs would cost more than a new pier, the board said."},
			title:  "Old pier to close",
			source: "example.org",
		},
		{
			name:      "date inferred from the latest full date in the text",
			in:        article.Article{ID: "b", Text: "Pier closes\nOn March 3, 2031, inspectors visited. " + lede + "\nThe board met again on March 9, 2031, and confirmed it."},
			title:     "Pier closes",
			source:    "unknown",
			published: time.Date(2031, 3, 9, 0, 0, 0, 0, time.UTC),
			inferred:  true,
		},
		{
			name:      "stated metadata wins",
			in:        article.Article{ID: "c", Source: "Quell Gazette", Title: "Given title", Published: time.Date(2031, 3, 10, 8, 0, 0, 0, time.UTC), Text: lede + " It happened on March 9, 2031."},
			title:     "Given title",
			source:    "Quell Gazette",
			published: time.Date(2031, 3, 10, 8, 0, 0, 0, time.UTC),
		},
		{
			name:    "nothing left after cleaning",
			in:      article.Article{ID: "d", Text: "Share this article\nShare this article\n"},
			wantErr: ErrNoText,
		},
		{
			name:   "HTML page",
			in:     article.Article{ID: "e", HTML: "<html><head><title>Pier vote</title></head><body><article><h1>Pier vote</h1><p>" + lede + "</p><p>" + strings.Repeat("The pilings were driven in 1931 and have not been replaced since then. ", 8) + "</p></article></body></html>"},
			title:  "Pier vote",
			source: "unknown",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Prepare(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title || d.Source != tt.source {
				t.Errorf("title %q source %q, want %q %q", d.Title, d.Source, tt.title, tt.source)
			}
			if !d.Published.Equal(tt.published) || d.PublishedInferred != tt.inferred {
				t.Errorf("published %v inferred %v, want %v %v", d.Published, d.PublishedInferred, tt.published, tt.inferred)
			}
			if !strings.Contains(d.Text, "Harbour Board of Quell") || len(d.Sentences) == 0 || d.ContentHash == "" || d.Language != "en" {
				t.Errorf("document not filled: %d sentences, hash %q, language %q, text %q", len(d.Sentences), d.ContentHash, d.Language, d.Text)
			}
			for _, s := range d.Sentences {
				if s.End > len(d.Text) || s.Start >= s.End {
					t.Fatalf("sentence span %v out of range", s.Span)
				}
			}
		})
	}
}

func TestPrepareAllKeepsInputOrder(t *testing.T) {
	in := make(chan article.Article)
	const n = 200
	go func() {
		defer close(in)
		for i := 0; i < n; i++ {
			body := fmt.Sprintf("Headline %d\nItem %d says the pier is closed. %s", i, i, lede)
			if i%7 == 0 {
				body = "" // some fail
			}
			in <- article.Article{ID: fmt.Sprint(i), Text: body}
		}
	}()
	next, failed := 0, 0
	err := PrepareAll(context.Background(), 4, in, func(p Prepared) {
		if p.Article.ID != fmt.Sprint(next) {
			t.Fatalf("got %s, want %d", p.Article.ID, next)
		}
		if p.Err != nil {
			failed++
		}
		next++
	})
	if err != nil || next != n || failed != (n+6)/7 {
		t.Fatalf("err %v, delivered %d, failed %d", err, next, failed)
	}
}

func TestPrepareAllStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan article.Article) // never closed: only cancellation ends the run
	done := make(chan error)
	go func() { done <- PrepareAll(ctx, 2, in, func(Prepared) {}) }()
	in <- article.Article{ID: "x", Text: "H\n" + lede}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("PrepareAll did not return after cancel")
	}
}

func TestCollectionDeduplicatesAndAssignsStories(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := &Collection{Store: st}
	texts := []string{
		"Pier to close\n" + lede,
		"Pier to close\n" + lede, // the same content under another id
		"Quell pier vote\nThe Harbour Board of Quell closed the old pier on Monday after cracks were found in the pilings by inspectors.",
		"Bakery award\nA bakery in Tillow won a national bread award for its rye loaf on Sunday.",
	}
	for i, body := range texts {
		d, err := Prepare(article.Article{ID: fmt.Sprint("doc", i), Text: body})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.Documents) != 3 || c.Added != 3 || c.Unchanged != 1 {
		t.Fatalf("documents %d added %d unchanged %d", len(c.Documents), c.Added, c.Unchanged)
	}
	analyses, err := c.AnalyzeAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(analyses) != 2 || len(analyses[0].Story.Documents) != 2 {
		t.Fatalf("stories: %d, first has %d documents", len(analyses), len(analyses[0].Story.Documents))
	}
	story, err := st.StoryOf(ctx, "doc2")
	if err != nil || story != analyses[0].Story.ID {
		t.Errorf("doc2 assigned to %q (%v), want %q", story, err, analyses[0].Story.ID)
	}
	if _, err := st.StoryOf(ctx, "doc1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the duplicate input was stored under its own id: %v", err)
	}
}

func TestStoryTitlePrefersStatedDates(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2031, 3, d, 0, 0, 0, 0, time.UTC) }
	docs := []*article.Document{
		{ID: "undated", Title: "Undated"},
		{ID: "inferred", Title: "Inferred", Published: day(1), PublishedInferred: true},
		{ID: "stated-late", Title: "Stated late", Published: day(5)},
		{ID: "stated-early", Title: "Stated early", Published: day(3)},
	}
	if got := storyTitle(docs); got != "Stated early" {
		t.Errorf("storyTitle = %q", got)
	}
	if got := storyTitle(docs[:2]); got != "Inferred" {
		t.Errorf("storyTitle = %q", got)
	}
}

func TestMarkersKeepTheStorysRegion(t *testing.T) {
	places := []article.Place{
		{Name: "Ostrel", Country: "Quell", Lat: 40.0, Lon: 20.0, Articles: map[string]int{"a": 5, "b": 3}},
		{Name: "Port Varen", Country: "Quell", Lat: 41.0, Lon: 21.0, Articles: map[string]int{"a": 2}},
		{Name: "Dunmore", Country: "Brask", Lat: 40.5, Lon: 22.5, Articles: map[string]int{"b": 1}},
		{Name: "Far Capital", Country: "Tarn", Lat: 10.0, Lon: 80.0, Articles: map[string]int{"a": 1}},
	}
	var names []string
	for _, m := range markers(places) {
		names = append(names, fmt.Sprint(m.Name, ":", m.Weight))
	}
	if got := strings.Join(names, ","); got != "Ostrel:8,Port Varen:2,Dunmore:1" {
		t.Errorf("markers = %s; want the main country's places and its neighbour, not the far capital", got)
	}
}
