package feed

import (
	"errors"
	"strings"
	"testing"
)

func TestReadList(t *testing.T) {
	in := "\ufeff# news feeds\n" +
		"https://example.com/rss.xml\n" +
		"\n" +
		"   https://example.org/atom.xml   # the valley paper\n" +
		"example.net/feed\n" +
		"https://example.com/rss.xml\n" +
		"\t# indented comment\n" +
		"ftp://example.com/feed\n" +
		"https://a.example/ https://b.example/\n" +
		"http://example.com/feed#section\n"
	urls, err := ReadList(strings.NewReader(in))
	want := []string{"https://example.com/rss.xml", "https://example.org/atom.xml", "http://example.com/feed"}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("urls = %q, want %q", urls, want)
	}
	if err == nil {
		t.Fatal("no error for the bad lines")
	}
	for _, w := range []string{"line 5:", "no scheme", "line 8:", `"ftp"`, "line 9:", "one URL on each line"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	var le *ListError
	if !errors.As(err, &le) || le.Line != 5 {
		t.Errorf("first *ListError = %+v", le)
	}

	urls, err = ReadList(strings.NewReader("# nothing\n\n"))
	if err != nil || len(urls) != 0 {
		t.Errorf("comments only: %q, %v", urls, err)
	}
	_, err = ReadList(strings.NewReader(strings.Repeat("x", 100<<10)))
	if err == nil || !strings.Contains(err.Error(), "not a list of feed URLs") {
		t.Errorf("long line: %v", err)
	}
}

func FuzzReadList(f *testing.F) {
	f.Add("https://example.com/rss.xml\n# c\n\nbad line\n")
	f.Add("\ufeffhttp://[::1]:80/x #c\r\nhttp://h/%zz\n")
	f.Add("ftp://x\n\x00\n")
	f.Fuzz(func(t *testing.T, s string) {
		urls, err := ReadList(strings.NewReader(s))
		for _, u := range urls {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("accepted %q", u)
			}
		}
		if err != nil && !strings.Contains(err.Error(), "line ") {
			t.Fatalf("error without a line number: %v", err)
		}
		if len(urls) > strings.Count(s, "\n")+1 {
			t.Fatalf("%d URLs from %d lines", len(urls), strings.Count(s, "\n")+1)
		}
	})
}
