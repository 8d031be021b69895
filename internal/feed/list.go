package feed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/corroborate/corroborate/internal/fetch"
)

// ListError is one bad line of a feed list.
type ListError struct {
	Line int
	Text string
	Err  error
}

func (e *ListError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ListError) Unwrap() error { return e.Err }

// maxListLine bounds one line of a feed list; a URL is far shorter, so a
// longer line means the file is not a feed list at all.
const maxListLine = 64 << 10

// ReadList reads a feed list: one URL a line; blank lines and lines
// starting with # are skipped, as is anything after " #" on a line. A URL
// listed twice is kept once. Every bad line is reported (joined, each a
// *ListError with its line number) together with the good URLs, so that the
// caller can choose to go on with those.
func ReadList(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	var urls []string
	var errs []error
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
		}
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		if i := strings.Index(s, "\t#"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.ContainsAny(s, " \t") {
			errs = append(errs, &ListError{Line: line, Text: s, Err: fmt.Errorf("%q holds more than one word; put one URL on each line", s)})
			continue
		}
		u, err := fetch.ParseURL(s)
		if err != nil {
			errs = append(errs, &ListError{Line: line, Text: s, Err: err})
			continue
		}
		if seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		urls = append(urls, u.String())
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("a line longer than %d KiB: this is not a list of feed URLs", maxListLine>>10)
		}
		errs = append(errs, &ListError{Line: line + 1, Err: err})
	}
	return urls, errors.Join(errs...)
}
