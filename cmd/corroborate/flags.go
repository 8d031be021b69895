package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/corroborate/corroborate/internal/report"
	"github.com/corroborate/corroborate/internal/store/sqlite"
)

// parseInterleaved parses flags that may come before, between or after the
// positional arguments ("analyze dir --format json"); "--" ends flags.
// parseCommand parses a command's arguments (see parseInterleaved). When
// parsed is false the command ends with status: exitOK after --help,
// exitUsage after a mistake, which the flag set has already reported.
func parseCommand(fs *flag.FlagSet, args []string) (paths []string, status int, parsed bool) {
	paths, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		return nil, exitUsage, false
	}
	return paths, exitOK, true
}

func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// dbSetting is the --db flag, defaulting to $CORROBORATE_DB, then the
// per-user data directory.
type dbSetting struct {
	flagValue string
	env       *environment
}

func dbFlag(fs *flag.FlagSet, env *environment) *dbSetting {
	s := &dbSetting{env: env}
	fs.StringVar(&s.flagValue, "db", "", "SQLite database `PATH` (default $CORROBORATE_DB, else "+sqlite.DefaultPath()+")")
	return s
}

func (s *dbSetting) path() string {
	if s.flagValue != "" {
		return s.flagValue
	}
	if v := s.env.getenv("CORROBORATE_DB"); v != "" {
		return v
	}
	return sqlite.DefaultPath()
}

func openStore(ctx context.Context, path string) (*sqlite.DB, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("opening the database %s: %w (choose another with --db PATH)", path, err)
	}
	return st, nil
}

// byteSize is a flag.Value for sizes such as 512K or 10M.
type byteSize struct{ n *int64 }

func sizeFlag(fs *flag.FlagSet, name string, def int64, usage string) *int64 {
	n := def
	fs.Var(byteSize{&n}, name, usage)
	return &n
}

func (b byteSize) String() string {
	if b.n == nil {
		return ""
	}
	return strconv.FormatInt(*b.n, 10)
}

func (b byteSize) Set(s string) error {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		return fmt.Errorf("want a positive size such as 512K or 10M")
	}
	*b.n = v * mult
	return nil
}

// writeReport writes to path through a temporary file and a rename, so an
// interrupted run never leaves half a report where a whole one was.
func writeReport(env *environment, path, format string, r report.Report) error {
	if path == "" || path == "-" {
		return report.Write(env.stdout, format, r)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := report.Write(tmp, format, r); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the report: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// fraction is a flag.Value for a number strictly between 0 and 1, checked
// when the flag is parsed.
type fraction struct{ v *float64 }

func fractionFlag(fs *flag.FlagSet, name string, def float64, usage string) *float64 {
	v := def
	fs.Var(fraction{&v}, name, usage)
	return &v
}

func (f fraction) String() string {
	if f.v == nil {
		return ""
	}
	return strconv.FormatFloat(*f.v, 'g', -1, 64)
}

func (f fraction) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 || v >= 1 {
		return fmt.Errorf("want a number between 0 and 1, such as 0.2")
	}
	*f.v = v
	return nil
}

// startRun begins a command that stores articles: a context that an
// interrupt cancels, and the open store. done releases both; ok is false
// when the store could not be opened (the error is already printed).
func startRun(env *environment, db *dbSetting) (ctx context.Context, st *sqlite.DB, done func(), ok bool) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	st, err := openStore(ctx, db.path())
	if err != nil {
		stop()
		fmt.Fprintf(env.stderr, "corroborate: %v\n", err)
		return nil, nil, nil, false
	}
	return ctx, st, func() { st.Close(); stop() }, true
}
