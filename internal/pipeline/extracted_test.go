package pipeline

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/corroborate/corroborate/internal/article"
	"github.com/corroborate/corroborate/internal/extract"
)

// invented pages: extraction keeps their article and drops the rest.
var extractedPages = []struct{ name, url, html string }{
	{"plain article", "https://news.example/tide-gauge", `<!doctype html><html><head><title>Tide gauge replaced at Brenmoor</title><meta property="og:site_name" content="Brenmoor Chronicle"></head><body>
<nav>Home | Coast | Weather</nav><article><h1>Tide gauge replaced at Brenmoor</h1>
<p>Engineers replaced the tide gauge at Brenmoor harbour on Thursday after the old instrument stopped reporting during the spring storms.</p>
<p>The harbour master, Oskar Dellen, said the new gauge sends readings every minute and would warn fishing crews of surges earlier than before.</p>
<p>Share this article</p></article><footer>© 2031 Brenmoor Chronicle. All rights reserved.</footer></body></html>`},
	{"dated with a byline", "https://news.example/ferry-fares", `<html><head><title>Ferry fares frozen</title><meta property="article:published_time" content="2031-04-02T09:30:00Z"></head><body><main>
<h1>Ferry fares frozen for the summer</h1><p>By Lina Hartvig</p>
<p>The island ferry company will keep its fares unchanged until September, its board decided at a meeting in Korsvik on Tuesday.</p>
<p>Passenger numbers rose by a tenth last year, the company said, and the extra income covered the rising price of fuel.</p>
</main></body></html>`},
}

// An article that carries its page's extraction is prepared exactly as one
// that does not, without extracting the page again.
func TestPrepareUsesCarriedExtraction(t *testing.T) {
	for _, tt := range extractedPages {
		t.Run(tt.name, func(t *testing.T) {
			a := article.Article{URL: tt.url, HTML: tt.html, Input: "feed item"}
			want, err := Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			res, err := extract.HTML([]byte(tt.html), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			a.Extracted = &res
			got, err := Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("with the carried extraction:\n%+v\nwithout:\n%+v", got, want)
			}

			// The carried extraction is what is used: the page is not
			// extracted again.
			marked := res
			marked.Body = strings.Replace(res.Body, "Brenmoor", "Brenmoor-carried", 1) + "\nA line only the carried extraction has, which proves that it was used."
			a.Extracted = &marked
			got, err = Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Text, "only the carried extraction has") {
				t.Errorf("Prepare extracted the page again instead of using the carried result:\n%s", got.Text)
			}
		})
	}
}

// AddAll writes prepared documents in store batches, as Ingest writes
// articles, with the same stories as adding them one at a time.
func TestEngineAddAllBatches(t *testing.T) {
	arts := append(engineStream(), floodStream()...)
	var docs []*article.Document
	for _, a := range arts {
		d, err := Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	oneSt, one := faultEngine(t)
	for _, d := range docs {
		if r := one.Add(context.Background(), d); r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	wantListings, wantDocs := checkStore(t, oneSt, one)
	tests := []struct {
		name        string
		chunks      [][]*article.Document
		wantBatches int
	}{
		{"all at once", [][]*article.Document{docs}, 1},
		{"two chunks", [][]*article.Document{docs[:3], docs[3:]}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, e := faultEngine(t)
			before := st.batches
			for _, chunk := range tt.chunks {
				for i, r := range e.AddAll(context.Background(), chunk) {
					if r.Err != nil || r.ID != chunk[i].ID || r.Story == "" || r.Outcome.String() != "added" {
						t.Errorf("%s: %+v", chunk[i].ID, r)
					}
				}
			}
			if got := st.batches - before; got != tt.wantBatches {
				t.Errorf("%d store batches, want %d", got, tt.wantBatches)
			}
			listings, got := checkStore(t, st, e)
			if !reflect.DeepEqual(listings, wantListings) || !reflect.DeepEqual(got, wantDocs) {
				t.Errorf("batched: %v %v\none at a time: %v %v", listings, got, wantListings, wantDocs)
			}
		})
	}
}
