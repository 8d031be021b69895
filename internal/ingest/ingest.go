// Package ingest turns the inputs a user names (files, directories, JSON
// lines, standard input) into articles, reporting every input it cannot read
// with its name and the problem, and going on with the rest.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/corroborate/corroborate/internal/article"
)

// DefaultMaxBytes is the default size limit for one input file or line.
const DefaultMaxBytes = 10 << 20

// Stdin is the path that names standard input (read as JSON lines).
const Stdin = "-"

// Options tune reading.
type Options struct {
	MaxBytes int64     // inputs larger than this are refused; <= 0 means DefaultMaxBytes
	Stdin    io.Reader // what Stdin reads; nil means os.Stdin
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// InputError is a problem with one input: a file, or one line of a file.
type InputError struct {
	Input string // path, or "-" for standard input
	Line  int    // 1-based line for JSON lines; 0 for a whole file
	Err   error
	// Warning marks a problem that did not stop the input from being read.
	Warning bool
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Input, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Input, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Kinds of bad input, for callers that want to tell them apart.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("too large")
	ErrInvalidUTF8 = errors.New("not valid UTF-8")
	ErrUnsupported = errors.New("unsupported file type")
	ErrMalformed   = errors.New("malformed input")
)

// Extensions maps the file name extensions ingest reads to a description.
var Extensions = map[string]string{
	".txt":   "plain scraped text",
	".html":  "HTML page",
	".htm":   "HTML page",
	".json":  "one JSON article",
	".jsonl": "JSON lines, one article a line",
}

// Read reads every named input in order, calling emit for each article and
// report for each problem. Directories are walked recursively in lexical
// order; files with other extensions inside directories are skipped, while a
// file named explicitly with an unknown extension is an error. It returns
// only when ctx is done.
func Read(ctx context.Context, paths []string, opt Options, emit func(article.Article), report func(*InputError)) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == Stdin {
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			readJSONLines(in, Stdin, "stdin", opt, emit, report)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			report(&InputError{Input: p, Err: describeOpenError(err)})
			continue
		}
		if !info.IsDir() {
			readFile(p, opt, true, emit, report)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				report(&InputError{Input: path, Err: describeOpenError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && path != p {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if _, ok := Extensions[strings.ToLower(filepath.Ext(path))]; !ok {
				return nil
			}
			readFile(path, opt, false, emit, report)
			return nil
		})
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return ctx.Err()
}

func describeOpenError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func readFile(path string, opt Options, named bool, emit func(article.Article), report func(*InputError)) {
	ext := strings.ToLower(filepath.Ext(path))
	if _, ok := Extensions[ext]; !ok {
		if named {
			report(&InputError{Input: path, Err: fmt.Errorf("%w %q: corroborate reads %s", ErrUnsupported, ext, extensionList())})
		}
		return
	}
	if ext == ".jsonl" {
		f, err := os.Open(path)
		if err != nil {
			report(&InputError{Input: path, Err: describeOpenError(err)})
			return
		}
		defer f.Close()
		readJSONLines(f, path, baseName(path), opt, emit, report)
		return
	}
	data, err := readLimited(path, opt.maxBytes())
	if err != nil {
		report(&InputError{Input: path, Err: err})
		return
	}
	if err := checkText(data, ext == ".txt" || ext == ".json"); err != nil {
		report(&InputError{Input: path, Err: err})
		return
	}
	switch ext {
	case ".txt":
		a, warnings := parseText(data)
		a.ID, a.Input = baseName(path), path
		for _, w := range warnings {
			report(&InputError{Input: path, Err: w, Warning: true})
		}
		emit(a)
	case ".html", ".htm":
		emit(article.Article{ID: baseName(path), HTML: string(data), Input: path})
	case ".json":
		a, warnings, err := parseJSONArticle(data)
		if err != nil {
			report(&InputError{Input: path, Err: err})
			return
		}
		for _, w := range warnings {
			report(&InputError{Input: path, Err: w, Warning: true})
		}
		if a.ID == "" {
			a.ID = baseName(path)
		}
		a.Input = path
		emit(a)
	}
}

func extensionList() string {
	return ".txt, .html, .htm, .json and .jsonl files, directories of them, and - for JSON lines on standard input"
}

// baseName is a file's name without directory and extension: the default article id.
func baseName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeOpenError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, describeOpenError(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: larger than the %s limit (raise it with --max-size)", ErrTooLarge, FormatBytes(limit))
	}
	return data, nil
}

// checkText refuses empty and binary data, and invalid UTF-8 where the format
// has no way to declare another encoding (HTML declares its own charset).
func checkText(data []byte, requireUTF8 bool) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if looksBinary(data) {
		return ErrBinary
	}
	if requireUTF8 {
		if err := validUTF8(data); err != nil {
			return err
		}
	}
	return nil
}

// looksBinary reports NUL bytes or a high share of control characters in the
// first few kilobytes, the usual sign of an image, archive or executable.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	control := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	return control*20 > len(head)
}

func validUTF8(data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line, offset := 1, 0
	for offset < len(data) {
		r, size := utf8.DecodeRune(data[offset:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("%w (byte 0x%02X on line %d); convert the file first, e.g. iconv -f WINDOWS-1252 -t UTF-8", ErrInvalidUTF8, data[offset], line)
		}
		if r == '\n' {
			line++
		}
		offset += size
	}
	return ErrInvalidUTF8
}

// FormatBytes renders a byte count for people: 10 MiB, 512 KiB, 300 B.
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
