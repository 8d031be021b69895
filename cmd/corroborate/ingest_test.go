package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// A one-pass ingest of a local feed: each item's page is fetched and
// stored, and the two reports of one event become one story. The server is
// on loopback, so fetching it needs --allow-private-fetch; without the flag
// the refusal names the flag.
func TestIngestFeed(t *testing.T) {
	pages := map[string]string{
		"/bridge-1": page("Tolvane bridge closed after barge strike", "A cargo barge struck the Tolvane river bridge on Monday morning, and engineers closed it to traffic. The Tolvane harbour office said the barge had lost steering in the strong current. Inspectors from the Merrow county roads department found cracks in two of the bridge's piers. Commuters were sent on a detour of forty minutes through the Ostvik crossing."),
		"/bridge-2": page("Barge hits Tolvane bridge, piers cracked", "Engineers closed the Tolvane river bridge after a cargo barge struck it on Monday. The Merrow county roads department said two piers were cracked and the bridge would stay shut for weeks. The barge lost steering in the current, the Tolvane harbour office said. Drivers face a forty minute detour through the Ostvik crossing."),
		"/recipe":   page("Allotment growers swap seeds at Hesby fair", "Growers from twelve allotments met at the Hesby autumn fair to swap seeds of old bean and squash varieties. The fair's organiser, Ilse Marten, said the swap had doubled in size since last year. Children planted sunflower seedlings in a tent run by the Hesby school garden club."),
	}
	mux := http.NewServeMux()
	for path, html := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, html)
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Riverside Post</title><link>%[1]s/</link>
<item><title>Tolvane bridge closed after barge strike</title><link>%[1]s/bridge-1</link><guid>b1</guid><pubDate>Mon, 03 Mar 2031 08:00:00 GMT</pubDate></item>
<item><title>Barge hits Tolvane bridge, piers cracked</title><link>%[1]s/bridge-2</link><guid>b2</guid><pubDate>Mon, 03 Mar 2031 11:00:00 GMT</pubDate></item>
<item><title>Allotment growers swap seeds at Hesby fair</title><link>%[1]s/recipe</link><guid>r1</guid><pubDate>Mon, 03 Mar 2031 12:00:00 GMT</pubDate></item>
</channel></rss>`, srv.URL)
	})
	db := filepath.Join(t.TempDir(), "feed.db")

	refused := runCLI(t, "", "ingest", "--db", db, srv.URL+"/feed.xml")
	if refused.code != exitInputError || !strings.Contains(refused.stderr, "--allow-private-fetch") {
		t.Errorf("fetching loopback without the flag: exit %d, stderr %q; want 1 and the flag named", refused.code, refused.stderr)
	}

	r := runCLI(t, "", "ingest", "--allow-private-fetch", "--db", db, srv.URL+"/feed.xml")
	if r.code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "3 articles added") || !strings.Contains(r.stdout, "2 stories") {
		t.Errorf("ingest printed %q, want 3 articles added and 2 stories", r.stdout)
	}
	again := runCLI(t, "", "ingest", "--allow-private-fetch", "--db", db, srv.URL+"/feed.xml")
	if !strings.Contains(again.stdout, "0 articles added, 3 unchanged") {
		t.Errorf("a second pass printed %q, want nothing new", again.stdout)
	}
}

func page(title, body string) string {
	return "<!doctype html><html><head><title>" + title + "</title></head><body><header><nav>Home | World | Sport</nav></header><article><h1>" + title + "</h1><p>" +
		strings.ReplaceAll(body, ". ", ".</p><p>") + "</p></article><footer>Riverside Post</footer></body></html>"
}
