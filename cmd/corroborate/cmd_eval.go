package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

// evaluation is one `corroborate eval NAME` command: it measures a stage's
// quality or speed on a public data set and prints the figures.
type evaluation struct {
	summary string
	run     func(env *environment, args []string) int
}

// evaluations is filled by the cmd_eval_<name>.go files' init functions, so
// that each measurement lives in its own file beside the others.
var evaluations = map[string]evaluation{}

func runEval(env *environment, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := env.stderr
		code := exitUsage
		if len(args) > 0 {
			w, code = env.stdout, exitOK
		}
		evalUsage(w)
		return code
	}
	e, ok := evaluations[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "corroborate eval: unknown evaluation %q\n\n", args[0])
		evalUsage(env.stderr)
		return exitUsage
	}
	return e.run(env, args[1:])
}

func evalUsage(w io.Writer) {
	fmt.Fprint(w, "Usage: corroborate eval NAME [flags]\n\nMeasures quality and speed on the public data sets in ../shared/data.\n\nEvaluations:\n")
	names := make([]string, 0, len(evaluations))
	for n := range evaluations {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, evaluations[n].summary)
	}
	fmt.Fprint(w, "\nRun 'corroborate eval NAME --help' for an evaluation's flags.\n")
}

// readGrouped reads a JSON-lines file of records and groups them by key,
// listing the keys in the order they first appear: the public data sets
// evaluations read are JSON lines grouped by topic or story.
func readGrouped[T any](path string, key func(T) string) (map[string][]T, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	groups := map[string][]T{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var rec T
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		k := key(rec)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], rec)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return groups, order, nil
}

// runNodePeer runs a node peer benchmark: dir holds a package.json pinning
// the peer's packages and a bench.mjs that reads a JSON-lines file of texts
// and prints one JSON line of results into res. npm install runs first when
// one of the packages is missing.
func runNodePeer(dir string, packages []string, texts string, repeat int, res any) error {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not on PATH: the peer benchmark in %s needs node and npm", tool, dir)
		}
	}
	for _, pkg := range packages {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg)); err != nil {
			install := exec.Command("npm", "install", "--no-audit", "--no-fund", "--silent")
			install.Dir = dir
			if out, err := install.CombinedOutput(); err != nil {
				return fmt.Errorf("npm install in %s: %v\n%s", dir, err, out)
			}
			break
		}
	}
	abs, err := filepath.Abs(texts)
	if err != nil {
		return err
	}
	out, err := exec.Command("node", filepath.Join(dir, "bench.mjs"), abs, fmt.Sprint(repeat)).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(exit.Stderr) > 0 {
			return fmt.Errorf("node bench.mjs: %v\n%s", err, exit.Stderr)
		}
		return fmt.Errorf("node bench.mjs: %v", err)
	}
	if err := json.Unmarshal(out, res); err != nil {
		return fmt.Errorf("reading the peer's result %q: %v", out, err)
	}
	return nil
}
