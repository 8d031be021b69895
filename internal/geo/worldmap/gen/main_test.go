package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/corroborate/corroborate/internal/sharedtest"
)

// TestCommittedOutlinesAreCurrent regenerates the outlines and compares
// them with the committed ../countries.bin.gz, so that a change to the
// generator cannot land without the file it produces.
func TestCommittedOutlinesAreCurrent(t *testing.T) {
	in := filepath.Join(sharedtest.Path(t, "data/geo"), "countries-50m.json")
	out := filepath.Join(t.TempDir(), "countries.bin.gz")
	if err := generateFile(in, out, Tolerance); err != nil {
		t.Fatal(err)
	}
	got, want := gunzip(t, out), gunzip(t, "../countries.bin.gz")
	if !bytes.Equal(got, want) {
		t.Fatalf("../countries.bin.gz is stale (%d bytes regenerated, %d committed): run go generate ./internal/geo/worldmap", len(got), len(want))
	}
}

// A tiny topology: two squares sharing the arc 0, one reversed (-1 is ~0); the
// second country is a MultiPolygon; a third has no geometry.
const fixture = `{"type":"Topology",
 "transform":{"scale":[0.5,0.25],"translate":[-10,-20]},
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[0,1]],"properties":{"name":"West"}},
  {"type":"MultiPolygon","arcs":[[[-1,2]],[[3]]],"properties":{"name":"East"}},
  {"type":null,"properties":{"name":"Nowhere"}}
 ]}},
 "arcs":[
  [[20,80],[0,-80]],
  [[20,0],[-20,0],[0,80],[20,0]],
  [[20,80],[20,0],[0,-80],[-20,0]],
  [[0,0],[2,0],[0,4],[-2,0],[0,-4]]
 ]}`

func TestGenerateFixture(t *testing.T) {
	raw, err := generate([]byte(fixture), 0)
	if err != nil {
		t.Fatal(err)
	}
	cs := decodeForTest(t, raw)
	if len(cs) != 2 || cs[0].name != "West" || cs[1].name != "East" {
		t.Fatalf("countries %+v", cs)
	}
	// West: arc 0 (x=0 from y=80 to 0, i.e. lon 0, lat 0 to -20) then arc 1.
	west := cs[0].polys[0][0]
	wantWest := []point{{0, 0}, {0, -20 * Scale}, {-10 * Scale, -20 * Scale}, {-10 * Scale, 0}}
	if !slices.Equal(west, wantWest) {
		t.Errorf("West ring %v, want %v", west, wantWest)
	}
	// East: arc 0 reversed then arc 2; and a second polygon.
	east := cs[1].polys[0][0]
	wantEast := []point{{0, -20 * Scale}, {0, 0}, {10 * Scale, 0}, {10 * Scale, -20 * Scale}}
	if !slices.Equal(east, wantEast) {
		t.Errorf("East ring %v, want %v", east, wantEast)
	}
	if len(cs[1].polys) != 2 || len(cs[1].polys[1][0]) != 4 {
		t.Errorf("East's second polygon: %v", cs[1].polys)
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, src := range []string{
		`not json`,
		`{"objects":{}}`,
		`{"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]],"properties":{"name":"X"}}]}},"arcs":[]}`,
		`{"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[0]],"properties":{}}]}},"arcs":[[[0,0],[1,0],[1,1]]]}`,
		`{"objects":{"countries":{"geometries":[{"type":"Point","arcs":[],"properties":{"name":"X"}}]}},"arcs":[]}`,
	} {
		if _, err := generate([]byte(src), 0); err == nil {
			t.Errorf("generate(%.40q) succeeded", src)
		}
	}
}

func TestSimplify(t *testing.T) {
	tests := []struct {
		name string
		in   []point
		tol  float64
		want []point
	}{
		{"straight line", []point{{0, 0}, {1, 0}, {2, 0}, {3, 0}}, 0.5, []point{{0, 0}, {3, 0}}},
		{"bump kept", []point{{0, 0}, {5, 10}, {10, 0}}, 1, []point{{0, 0}, {5, 10}, {10, 0}}},
		{"small bump dropped", []point{{0, 0}, {5, 1}, {10, 0}}, 2, []point{{0, 0}, {10, 0}}},
		{"no tolerance", []point{{0, 0}, {1, 0}, {2, 0}}, 0, []point{{0, 0}, {1, 0}, {2, 0}}},
		{"closed arc keeps ends", []point{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, 1, []point{{0, 0}, {10, 0}, {10, 10}, {0, 0}}},
	}
	for _, tt := range tests {
		if got := simplify(tt.in, tt.tol); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func decodeForTest(t *testing.T, raw []byte) []country {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte(Magic)) {
		t.Fatal("no magic")
	}
	b := raw[len(Magic):]
	uv := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			t.Fatal("bad uvarint")
		}
		b = b[n:]
		return int(v)
	}
	sv := func() int32 {
		v, n := binary.Varint(b)
		if n <= 0 {
			t.Fatal("bad varint")
		}
		b = b[n:]
		return int32(v)
	}
	var cs []country
	for range uv() {
		var c country
		l := uv()
		c.name, b = string(b[:l]), b[l:]
		for range uv() {
			var rings [][]point
			for range uv() {
				var r []point
				var p point
				for range uv() {
					p.x += sv()
					p.y += sv()
					r = append(r, p)
				}
				rings = append(rings, r)
			}
			c.polys = append(c.polys, rings)
		}
		cs = append(cs, c)
	}
	if len(b) != 0 {
		t.Fatalf("%d trailing bytes", len(b))
	}
	return cs
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUnwrap(t *testing.T) {
	const d = Scale
	ring := []point{{179 * d, 0}, {-179 * d, 0}, {-179 * d, 1 * d}, {179 * d, 1 * d}}
	unwrap(ring)
	want := []point{{179 * d, 0}, {181 * d, 0}, {181 * d, 1 * d}, {179 * d, 1 * d}}
	if !slices.Equal(ring, want) {
		t.Errorf("unwrap = %v, want %v", ring, want)
	}
}
