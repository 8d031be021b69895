package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/corroborate/corroborate/internal/article"
)

// ReadJSONBody reads a body holding either one JSON article object (possibly
// pretty-printed over several lines) or JSON lines of them, as the HTTP API
// accepts. Problems are reported per line, as for .jsonl files; articles
// without an id are named idPrefix-<line>. input names the body in errors and
// in Article.Input. A read error of r (such as a size limit imposed by the
// caller) is reported like any other problem.
func ReadJSONBody(r io.Reader, input, idPrefix string, opt Options, emit func(article.Article), report func(*InputError)) {
	br := bufio.NewReaderSize(r, 64<<10)
	if !prettyObject(br) {
		readJSONLines(br, input, idPrefix, opt, emit, report)
		return
	}
	limit := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	switch {
	case err != nil:
		report(&InputError{Input: input, Line: 1, Err: describeOpenError(err)})
		return
	case int64(len(data)) > limit:
		report(&InputError{Input: input, Line: 1, Err: fmt.Errorf("%w: larger than the %s limit", ErrTooLarge, FormatBytes(limit))})
		return
	}
	if err := checkText(data, true); err != nil {
		report(&InputError{Input: input, Line: 1, Err: err})
		return
	}
	a, warnings, err := parseJSONArticle(data)
	if err != nil {
		report(&InputError{Input: input, Line: 1, Err: err})
		return
	}
	for _, w := range warnings {
		report(&InputError{Input: input, Line: 1, Err: w, Warning: true})
	}
	if a.ID == "" {
		a.ID = idPrefix + "-1"
	}
	a.Input = input + ":1"
	emit(a)
}

// prettyObject reports whether the body starts with a JSON object whose first
// line is not a complete value: one object over several lines rather than
// JSON lines. It consumes nothing.
func prettyObject(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	head = bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("\ufeff")), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	first, _, multiline := bytes.Cut(head, []byte("\n"))
	return multiline && !json.Valid(bytes.TrimSpace(first))
}
