// Command gen writes the embedded world outlines of package worldmap from
// the Natural Earth country outlines of world-atlas 2.0.2 (TopoJSON). It is
// run by `go generate ./internal/geo/worldmap` from the repository root; see
// ../README.md for the format and the attribution.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "../../../../shared/data/geo/countries-50m.json", "world-atlas TopoJSON file of countries")
	out := flag.String("out", "countries.bin.gz", "file to write")
	tol := flag.Float64("tolerance", Tolerance, "Douglas-Peucker tolerance in degrees (0: keep every point)")
	flag.Parse()
	if err := generateFile(*in, *out, *tol); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
