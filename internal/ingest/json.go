package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/corroborate/corroborate/internal/article"
)

// jsonArticle is the input record of .json and .jsonl files; unknown fields
// are ignored so that exports of other tools can be fed as they are.
type jsonArticle struct {
	ID        json.RawMessage `json:"id"`
	Source    string          `json:"source"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
}

func parseJSONArticle(data []byte) (article.Article, []error, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\ufeff"))
	if len(data) == 0 {
		return article.Article{}, nil, ErrEmpty
	}
	if data[0] != '{' {
		return article.Article{}, nil, fmt.Errorf("%w: expected a JSON object with a \"text\" or \"html\" field", ErrMalformed)
	}
	var in jsonArticle
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&in); err != nil {
		return article.Article{}, nil, fmt.Errorf("%w: %v", ErrMalformed, describeJSONError(err))
	}
	if dec.More() {
		return article.Article{}, nil, fmt.Errorf("%w: more than one JSON value (use a .jsonl file for one article a line)", ErrMalformed)
	}
	id, err := jsonID(in.ID)
	if err != nil {
		return article.Article{}, nil, err
	}
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.HTML) == "" {
		return article.Article{}, nil, fmt.Errorf("%w: no \"text\" or \"html\" field with content", ErrMalformed)
	}
	a := article.Article{ID: id, Source: in.Source, URL: in.URL, Title: in.Title, Text: in.Text, HTML: in.HTML}
	var warnings []error
	if in.Published != "" {
		if err := setField(&a, "published", in.Published); err != nil {
			warnings = append(warnings, err)
		}
	}
	return a, warnings, nil
}

// jsonID accepts a string or a number, since exports use both.
func jsonID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("%w: \"id\" must be a string or a number", ErrMalformed)
}

func describeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q should be a %s, not %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "truncated JSON"
	}
	return err.Error()
}

// readJSONLines reads one article a line; a bad line is reported with its
// number and the rest are still read. Lines over the size limit are skipped
// without holding them in memory.
func readJSONLines(r io.Reader, input, idPrefix string, opt Options, emit func(article.Article), report func(*InputError)) {
	br := bufio.NewReaderSize(r, 64<<10)
	limit := opt.maxBytes()
	lineNo, articles := 0, 0
	for {
		line, tooLong, err := readLine(br, limit)
		if len(line) == 0 && !tooLong && err != nil {
			if err != io.EOF {
				report(&InputError{Input: input, Line: lineNo + 1, Err: describeOpenError(err)})
			}
			break
		}
		lineNo++
		switch {
		case tooLong:
			report(&InputError{Input: input, Line: lineNo, Err: fmt.Errorf("%w: line longer than the %s limit (raise it with --max-size)", ErrTooLarge, FormatBytes(limit))})
		case len(bytes.TrimSpace(line)) == 0:
		default:
			if verr := checkText(line, true); verr != nil {
				report(&InputError{Input: input, Line: lineNo, Err: verr})
				break
			}
			a, warnings, perr := parseJSONArticle(line)
			if perr != nil {
				report(&InputError{Input: input, Line: lineNo, Err: perr})
				break
			}
			for _, w := range warnings {
				report(&InputError{Input: input, Line: lineNo, Err: w, Warning: true})
			}
			if a.ID == "" {
				a.ID = fmt.Sprintf("%s-%d", idPrefix, lineNo)
			}
			a.Input = fmt.Sprintf("%s:%d", input, lineNo)
			articles++
			emit(a)
		}
		if err != nil {
			if err != io.EOF {
				report(&InputError{Input: input, Line: lineNo + 1, Err: describeOpenError(err)})
			}
			break
		}
	}
	if lineNo == 0 {
		report(&InputError{Input: input, Err: ErrEmpty})
	}
}

// readLine returns the next line without its newline. A line longer than
// limit is consumed and discarded, and tooLong is set.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, isPrefix, rerr := br.ReadLine()
		if !tooLong {
			if int64(len(buf)+len(chunk)) > limit {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if rerr != nil {
			return buf, tooLong, rerr
		}
		if !isPrefix {
			return buf, tooLong, nil
		}
	}
}

// timeLayouts are the publication date forms accepted in metadata.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
}

// ParseTime reads a publication date in the common metadata forms. Times
// without a zone are taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("not a date in a known form (use RFC 3339, e.g. 2024-12-08T10:30:00Z)")
}
