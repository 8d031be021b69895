package main

import (
	"fmt"
	"runtime/debug"

	"github.com/corroborate/corroborate/internal/report"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func runVersion(env *environment, _ []string) int {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	fmt.Fprintf(env.stdout, "corroborate %s (report schema %s)\n", v, report.SchemaVersion)
	return exitOK
}
