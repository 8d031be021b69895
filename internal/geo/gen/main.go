// Command gen writes the embedded gazetteer of package geo from GeoNames
// dumps. It is run by `go generate ./internal/geo` from the repository root;
// see ../README.md for what it keeps and why.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	data := flag.String("data", "../../../shared/data/geo", "folder holding cities1000.tsv, cities100000-altnames.txt and countryInfo.txt")
	out := flag.String("out", "gazetteer.tsv.gz", "file to write")
	flag.Parse()
	if err := generateFile(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
