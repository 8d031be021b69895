package main

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress shows a spinner with a count on a terminal's stderr once work has
// gone on long enough to be worth watching; elsewhere it does nothing.
type progress struct {
	env     *environment
	label   string
	started time.Time
	count   int
	bar     *progressbar.ProgressBar
}

// progressDelay is how long work runs before a bar appears: short runs stay quiet.
const progressDelay = 700 * time.Millisecond

func newProgress(env *environment, label string) *progress {
	return &progress{env: env, label: label, started: time.Now()}
}

func (p *progress) add(n int) {
	p.count += n
	if !p.env.stderrIsTTY {
		return
	}
	if p.bar == nil {
		if time.Since(p.started) < progressDelay {
			return
		}
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(p.env.stderr),
			progressbar.OptionSetDescription(p.label),
			progressbar.OptionShowCount(),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		_ = p.bar.Add(p.count)
		return
	}
	_ = p.bar.Add(n)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
