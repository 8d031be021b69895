package geo

import (
	"runtime"
	"testing"
)

// BenchmarkLoad decodes the embedded gazetteer as the first call does and
// reports the heap it keeps.
func BenchmarkLoad(b *testing.B) {
	var g *gazetteer
	for b.Loop() {
		var err error
		g, err = parseGazetteer(gazetteerGz)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	g = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	g, _ = parseGazetteer(gazetteerGz)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-kept")
	b.ReportMetric(float64(len(g.places)), "places")
	b.ReportMetric(float64(len(g.names)), "keys")
	runtime.KeepAlive(g)
}

// BenchmarkResolve resolves a mix of exact, variant, ambiguous, fuzzy and
// unknown names, as a story's location mentions would be.
func BenchmarkResolve(b *testing.B) {
	names := []string{"Homs", "Damascus", "Deir al-Zor", "Deraa", "Tripoli", "Paris", "Springfield",
		"Sweida", "Deir Ezzor", "Zürich", "Reading", "Hezbollah", "Qamishly", "London"}
	ctx := Context{Countries: map[string]float64{"SY": 3, "RU": 1, "LB": 1}}
	load()
	Resolve("Deir Ezzor", ctx) // builds the fuzzy index, as the first miss does
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Resolve(names[i%len(names)], ctx)
	}
}

// BenchmarkFuzzyIndex builds the skeleton index that the first fuzzy
// lookup needs.
func BenchmarkFuzzyIndex(b *testing.B) {
	g := load()
	for b.Loop() {
		g.buildSkeletons()
	}
}
