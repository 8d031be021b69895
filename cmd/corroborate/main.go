// Command corroborate tells what many news reports of the same events really
// establish: which copy each other, who is who, what is agreed, what is
// contested, with quoted evidence.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK         = 0
	exitInputError = 1 // some input could not be read; the rest was processed
	exitUsage      = 2
)

// command is one subcommand: restic-style, each in its cmd_<verb>.go.
type command struct {
	name    string
	summary string
	run     func(env *environment, args []string) int
}

func commands() []command {
	return []command{
		{"analyze", "analyse articles and write a cross-source report", runAnalyze},
		{"cluster", "group articles into stories and print each article's story", runCluster},
		{"ingest", "store articles from URLs, feeds and files, and assign them to stories", runIngest},
		{"serve", "run the web app and JSON API, following feeds", runServe},
		{"eval", "measure quality and speed on public data sets", runEval},
		{"version", "print the version", runVersion},
	}
}

// environment is what a command may touch, so tests can run commands in-process.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	stderrIsTTY    bool
}

func main() {
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stderrIsTTY: isTerminal(os.Stderr)}
	os.Exit(run(env, os.Args[1:]))
}

func run(env *environment, args []string) int {
	if len(args) == 0 {
		usage(env.stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(env, []string{args[1], "--help"})
		}
		usage(env.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "corroborate: unknown command %q\n\n", args[0])
	usage(env.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `corroborate tells what many news reports of the same events really establish.

Usage:
  corroborate <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'corroborate <command> --help' for a command's flags.

Example:
  corroborate analyze examples/articles          # Markdown report on stdout
  corroborate analyze --format html -o report.html examples/articles
  corroborate serve examples/articles            # web app at http://127.0.0.1:8080/
`)
}
