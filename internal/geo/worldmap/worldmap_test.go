package worldmap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var (
	homs     = Marker{Name: "Homs", Lat: 34.73, Lon: 36.72, Weight: 5}
	damascus = Marker{Name: "Damascus", Lat: 33.51, Lon: 36.29, Weight: 3}
)

// node is a parsed SVG element, enough to check what the map draws.
type node struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside
	kids  []*node
}

// parse decodes s as XML, failing the test when it is not well formed or
// not one <svg> element.
func parse(t *testing.T, s string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not valid XML: %v\n%.300s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root != nil {
				t.Fatal("SVG has more than one root element")
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		case xml.ProcInst, xml.Directive:
			t.Fatalf("unexpected %T in SVG", tok)
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatalf("root element is not <svg>: %.200s", s)
	}
	return root
}

func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		if m.name == name {
			out = append(out, m)
		}
		for _, k := range m.kids {
			walk(k)
		}
	}
	walk(n)
	return out
}

func float(t *testing.T, n *node, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attrs[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, attr, n.attrs[attr], err)
	}
	return v
}

func viewBox(t *testing.T, root *node) (w, h float64) {
	t.Helper()
	f := strings.Fields(root.attrs["viewBox"])
	if len(f) != 4 || f[0] != "0" || f[1] != "0" {
		t.Fatalf("viewBox = %q", root.attrs["viewBox"])
	}
	w, _ = strconv.ParseFloat(f[2], 64)
	h, _ = strconv.ParseFloat(f[3], 64)
	return w, h
}

func circles(t *testing.T, root *node) map[string][2]float64 {
	t.Helper()
	out := map[string][2]float64{}
	for _, c := range root.all("circle") {
		out[c.attrs["data-name"]] = [2]float64{float(t, c, "cx"), float(t, c, "cy")}
	}
	return out
}

func TestSyriaWithHomsAndDamascus(t *testing.T) {
	s := SVG([]Marker{homs, damascus}, Options{})
	root := parse(t, s)
	var syria *node
	for _, p := range root.all("path") {
		if p.attrs["data-name"] == "Syria" {
			syria = p
		}
	}
	if syria == nil {
		t.Fatal("no outline of Syria in the map")
	}
	if !strings.Contains(syria.attrs["class"], "wm-focus") {
		t.Errorf("Syria is not the shaded country: class %q", syria.attrs["class"])
	}
	if len(syria.kids) != 1 || syria.kids[0].name != "title" || syria.kids[0].text != "Syria" {
		t.Errorf("Syria's path has no <title>Syria</title>")
	}
	if !strings.HasPrefix(syria.attrs["d"], "M") || strings.Count(syria.attrs["d"], " ") < 20 {
		t.Errorf("Syria's outline is too small: %q", syria.attrs["d"])
	}
	labels := map[string]bool{}
	for _, tx := range root.all("text") {
		labels[tx.text] = true
	}
	for _, want := range []string{"Homs", "Damascus"} {
		if !labels[want] {
			t.Errorf("no label %q among %v", want, labels)
		}
	}
	// Neighbours are drawn too; far countries are culled.
	names := map[string]bool{}
	for _, p := range root.all("path") {
		names[p.attrs["data-name"]] = true
	}
	for _, want := range []string{"Lebanon", "Jordan", "Turkey", "Iraq"} {
		if !names[want] {
			t.Errorf("neighbour %s missing from %v", want, names)
		}
	}
	for _, far := range []string{"Brazil", "France", "Russia", "Japan"} {
		if names[far] {
			t.Errorf("%s is drawn although far outside the view", far)
		}
	}
	if len(s) > 100<<10 {
		t.Errorf("SVG is %d bytes, want a compact map", len(s))
	}
}

func TestMarkerPositions(t *testing.T) {
	tests := []struct {
		name    string
		markers []Marker
		opt     Options
	}{
		{"syria", []Marker{homs, damascus, {Name: "Aleppo", Lat: 36.2, Lon: 37.16, Weight: 2}}, Options{}},
		{"europe", []Marker{{Name: "Paris", Lat: 48.86, Lon: 2.35, Weight: 4}, {Name: "Berlin", Lat: 52.52, Lon: 13.4, Weight: 1}, {Name: "Madrid", Lat: 40.42, Lon: -3.7, Weight: 2}}, Options{Width: 400, Height: 400}},
		{"world", []Marker{{Name: "Sydney", Lat: -33.87, Lon: 151.21, Weight: 1}, {Name: "Lima", Lat: -12.05, Lon: -77.04, Weight: 1}, {Name: "Oslo", Lat: 59.91, Lon: 10.75, Weight: 1}}, Options{Width: 800, Height: 300}},
		{"pole", []Marker{{Name: "North", Lat: 89.9, Lon: 179.9, Weight: 1}, {Name: "East", Lat: 88, Lon: 175, Weight: 1}}, Options{}},
		{"single", []Marker{homs}, Options{Width: 300, Height: 600}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := parse(t, SVG(tt.markers, tt.opt))
			w, h := viewBox(t, root)
			if tt.opt.Width > 0 && (w != float64(tt.opt.Width) || h != float64(tt.opt.Height)) {
				t.Errorf("viewBox %vx%v, want %dx%d", w, h, tt.opt.Width, tt.opt.Height)
			}
			pos := circles(t, root)
			if len(pos) != len(tt.markers) {
				t.Fatalf("%d circles, want %d", len(pos), len(tt.markers))
			}
			for _, m := range tt.markers {
				p := pos[m.Name]
				if p[0] < 0 || p[0] > w || p[1] < 0 || p[1] > h {
					t.Errorf("%s at %v is outside the %vx%v view", m.Name, p, w, h)
				}
				for _, o := range tt.markers {
					q := pos[o.Name]
					if m.Lon < o.Lon && !(p[0] <= q[0]) {
						t.Errorf("%s is west of %s but x %v > %v", m.Name, o.Name, p[0], q[0])
					}
					if m.Lat < o.Lat && !(p[1] >= q[1]) {
						t.Errorf("%s is south of %s but y %v < %v", m.Name, o.Name, p[1], q[1])
					}
				}
			}
		})
	}
}

func TestFitView(t *testing.T) {
	tests := []struct {
		name string
		box  bbox
		w, h float64
	}{
		{"point", bbox{36.72, 34.73, 36.72, 34.73}, 720, 480},
		{"two cities", bbox{36.29, 33.51, 36.72, 34.73}, 720, 480},
		{"tall", bbox{10, -30, 12, 30}, 720, 480},
		{"wide", bbox{-100, 10, 100, 12}, 720, 480},
		{"equator", bbox{0, 0, 0, 0}, 480, 720},
		{"edge", bbox{179, -89, 180, -88}, 720, 480},
		{"world", bbox{-180, -90, 180, 90}, 720, 480},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := fitView(tt.box, tt.w, tt.h)
			dLat := v.box.maxLat - v.box.minLat
			dLon := v.box.maxLon - v.box.minLon
			if dLat < MinSpan-1e-9 || dLon*v.k < MinSpan-1e-9 {
				t.Errorf("view %+v is smaller than %v degrees", v.box, MinSpan)
			}
			// The aspect ratio matches the drawing.
			if got := dLon * v.k / dLat; math.Abs(got-tt.w/tt.h) > 1e-9 {
				t.Errorf("aspect %v, want %v", got, tt.w/tt.h)
			}
			// The box is inside the view, with padding unless at the world's edge.
			for _, p := range []pt{{tt.box.minLon, tt.box.minLat}, {tt.box.maxLon, tt.box.maxLat}} {
				if !v.box.contains(p) {
					t.Errorf("%v outside view %+v", p, v.box)
				}
				x, y := v.project(p)
				if x < -1e-6 || x > tt.w+1e-6 || y < -1e-6 || y > tt.h+1e-6 {
					t.Errorf("%v projects to %v,%v outside %vx%v", p, x, y, tt.w, tt.h)
				}
			}
			if dLat <= 180 && (v.box.minLat < -90-1e-9 || v.box.maxLat > 90+1e-9) {
				t.Errorf("view %+v leaves the world", v.box)
			}
			// Corners project to the drawing's corners.
			if x, y := v.project(pt{v.box.maxLon, v.box.minLat}); math.Abs(x-tt.w) > 1e-6 || math.Abs(y-tt.h) > 1e-6 {
				t.Errorf("corner projects to %v,%v, want %v,%v", x, y, tt.w, tt.h)
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	hostile := `<script>alert(1)</script>&"'` + "\x00\x1b"
	s := SVG([]Marker{{Name: hostile, Lat: 34.73, Lon: 36.72, Weight: 2}, damascus}, Options{})
	if strings.Contains(s, "<script") || strings.Contains(s, "\x00") {
		t.Fatalf("hostile label not escaped: %s", s)
	}
	root := parse(t, s)
	if len(root.all("script")) > 0 {
		t.Fatal("a <script> element made it into the SVG")
	}
	found := false
	for _, tx := range root.all("text") {
		if strings.HasPrefix(tx.text, `<script>alert(1)</script>&"'`) {
			found = true
		}
	}
	if !found {
		t.Error("the hostile label is not shown as text")
	}
	if !strings.Contains(root.attrs["aria-label"], `<script>`) {
		t.Errorf("aria-label %q lost the name", root.attrs["aria-label"])
	}
}

func TestNoExternalReferences(t *testing.T) {
	s := SVG([]Marker{homs, damascus}, Options{})
	for _, bad := range []string{"href", "url(", "<script", "<image", "<foreignObject", "http://", "https://"} {
		i := strings.Index(s, bad)
		if bad == "http://" && strings.Count(s, bad) == 1 && strings.Contains(s, `xmlns="http://www.w3.org/2000/svg"`) {
			continue
		}
		if i >= 0 {
			t.Errorf("SVG contains %q: %.80s", bad, s[i:])
		}
	}
}

func TestDeterministic(t *testing.T) {
	ms := []Marker{damascus, homs, {Name: "Aleppo", Lat: 36.2, Lon: 37.16, Weight: 3}}
	a := SVG(ms, Options{})
	rev := []Marker{ms[2], ms[1], ms[0]}
	for i := 0; i < 3; i++ {
		if b := SVG(rev, Options{}); a != b {
			t.Fatal("SVG differs between runs or input orders")
		}
	}
	// Fixed formatting of coordinates: at most one decimal, no exponents, no "-0".
	root := parse(t, a)
	var nums []string
	for _, name := range []string{"path", "circle", "text"} {
		for _, n := range root.all(name) {
			for _, attr := range []string{"d", "cx", "cy", "r", "x", "y"} {
				nums = append(nums, strings.FieldsFunc(n.attrs[attr], func(r rune) bool { return r == ' ' || r == ',' || r == 'M' || r == 'Z' })...)
			}
		}
	}
	if len(nums) < 100 {
		t.Fatalf("only %d coordinates found", len(nums))
	}
	for _, f := range nums {
		if _, err := strconv.ParseFloat(f, 64); err != nil {
			t.Errorf("coordinate %q is not a number", f)
		}
		if i := strings.IndexByte(f, '.'); i >= 0 && len(f)-i > 2 || strings.ContainsAny(f, "eE") || f == "-0" {
			t.Errorf("number %q is not formatted with at most one decimal", f)
		}
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		name    string
		markers []Marker
	}{
		{"nil", nil},
		{"empty", []Marker{}},
		{"invalid", []Marker{{Name: "NaN", Lat: math.NaN(), Lon: 1}, {Name: "far", Lat: 91, Lon: 0}, {Name: "inf", Lat: 0, Lon: math.Inf(1)}}},
	}
	for _, tt := range tests {
		if s := SVG(tt.markers, Options{}); s != "" {
			t.Errorf("%s: SVG = %.80q, want empty", tt.name, s)
		}
	}
}

func TestOddInputs(t *testing.T) {
	tests := []struct {
		name    string
		markers []Marker
		opt     Options
	}{
		{"zero weight and empty name", []Marker{{Lat: 0, Lon: 0, Weight: 0}, {Name: "x", Lat: 0, Lon: 0, Weight: -5}}, Options{}},
		{"huge size", []Marker{homs}, Options{Width: 1 << 30, Height: 1}},
		{"long name", []Marker{{Name: strings.Repeat("Ω", 200), Lat: -33.9, Lon: 18.4, Weight: 1 << 30}}, Options{}},
		{"ocean", []Marker{{Name: "Point Nemo", Lat: -48.88, Lon: -123.39, Weight: 1}}, Options{}},
		{"antimeridian", []Marker{{Name: "Suva", Lat: -18.14, Lon: 178.44, Weight: 1}, {Name: "Apia", Lat: -13.83, Lon: -171.76, Weight: 1}}, Options{}},
		{"invalid utf-8", []Marker{{Name: "\xff\xfeHoms", Lat: 34.73, Lon: 36.72, Weight: 1}}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SVG(tt.markers, tt.opt)
			root := parse(t, s)
			w, h := viewBox(t, root)
			if w < minSize || w > maxSize || h < minSize || h > maxSize {
				t.Errorf("size %vx%v out of bounds", w, h)
			}
			if len(root.all("circle")) != len(tt.markers) {
				t.Errorf("%d circles, want %d", len(root.all("circle")), len(tt.markers))
			}
			for _, c := range root.all("circle") {
				if r := float(t, c, "r"); r < minRadius || r > minRadius+radiusRange {
					t.Errorf("radius %v out of range", r)
				}
			}
		})
	}
}

func TestRadiusBySqrtWeight(t *testing.T) {
	root := parse(t, SVG([]Marker{{Name: "a", Lat: 34, Lon: 36, Weight: 16}, {Name: "b", Lat: 34.5, Lon: 36.5, Weight: 4}, {Name: "c", Lat: 33, Lon: 36, Weight: 1}}, Options{}))
	r := map[string]float64{}
	for _, c := range root.all("circle") {
		r[c.attrs["data-name"]] = float(t, c, "r")
	}
	want := map[string]float64{"a": minRadius + radiusRange, "b": minRadius + radiusRange/2, "c": minRadius + radiusRange/4}
	for k, v := range want {
		if math.Abs(r[k]-v) > 0.05 {
			t.Errorf("radius of %s = %v, want %v", k, r[k], v)
		}
	}
}

func TestClipPoly(t *testing.T) {
	c := rect{0, 0, 10, 10}
	tests := []struct {
		name string
		in   [][2]float64
		want int // points left
	}{
		{"inside", [][2]float64{{1, 1}, {9, 1}, {9, 9}}, 3},
		{"outside", [][2]float64{{20, 20}, {30, 20}, {30, 30}}, 0},
		{"covering", [][2]float64{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}}, 4},
		{"corner", [][2]float64{{5, 5}, {15, 5}, {15, 15}, {5, 15}}, 4},
	}
	for _, tt := range tests {
		got := clipPoly(tt.in, c)
		if len(got) != tt.want {
			t.Errorf("%s: %d points %v, want %d", tt.name, len(got), got, tt.want)
		}
		for _, p := range got {
			if p[0] < 0 || p[0] > 10 || p[1] < 0 || p[1] > 10 {
				t.Errorf("%s: %v outside the clip", tt.name, p)
			}
		}
	}
}

func TestEmbeddedOutlines(t *testing.T) {
	cs, err := decode(countriesGz)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 200 {
		t.Fatalf("%d countries, want the world's", len(cs))
	}
	byName := map[string]*country{}
	for i := range cs {
		byName[cs[i].name] = &cs[i]
	}
	tests := []struct {
		country  string
		lat, lon float64
	}{
		{"Syria", 34.73, 36.72},
		{"Syria", 33.51, 36.29},
		{"France", 48.86, 2.35},
		{"Lebanon", 33.85, 35.9},
		{"South Africa", -26.2, 28.05},
		{"Lesotho", -29.31, 27.48}, // a hole in South Africa
	}
	for _, tt := range tests {
		got := ""
		for i := range cs {
			for j := range cs[i].polys {
				if cs[i].polys[j].contains(pt{tt.lon, tt.lat}) {
					got = cs[i].name
				}
			}
		}
		if got != tt.country {
			t.Errorf("%v,%v is in %q, want %s", tt.lat, tt.lon, got, tt.country)
		}
		if byName[tt.country] == nil {
			t.Errorf("no outline named %s", tt.country)
		}
	}
}

func TestDecodeDamaged(t *testing.T) {
	if _, err := decode([]byte("not gzip")); err == nil {
		t.Error("decode accepted garbage")
	}
	raw := gunzip(t, countriesGz)
	for _, n := range []int{0, len(magic), len(magic) + 1, len(raw) / 2, len(raw) - 1} {
		if _, err := decode(gz(t, raw[:n])); err == nil {
			t.Errorf("decode accepted the data cut at %d bytes", n)
		}
	}
}

func TestWriteFile(t *testing.T) {
	s := SVG([]Marker{homs, damascus}, Options{})
	p := filepath.Join(t.TempDir(), "syria.svg")
	if err := os.WriteFile(p, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+s), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(b, []byte(`data-name="Syria"`)) {
		t.Fatalf("written map lacks Syria: %v", err)
	}
}

func FuzzSVG(f *testing.F) {
	f.Add("Homs", 34.73, 36.72, 5, "Damascus", 33.51, 36.29, 3)
	f.Add("<&>", -90.0, 180.0, 0, "", 90.0, -180.0, -1)
	f.Fuzz(func(t *testing.T, n1 string, lat1, lon1 float64, w1 int, n2 string, lat2, lon2 float64, w2 int) {
		s := SVG([]Marker{{n1, lat1, lon1, w1}, {n2, lat2, lon2, w2}}, Options{})
		if s != "" {
			parse(t, s)
		}
	})
}

func BenchmarkSVG(b *testing.B) {
	ms := make([]Marker, 20)
	for i := range ms {
		ms[i] = Marker{Name: fmt.Sprintf("Place %d", i), Lat: 32 + float64(i%5)*1.1, Lon: 35 + float64(i/5)*1.3, Weight: 1 + i}
	}
	countries()
	b.ReportAllocs()
	for b.Loop() {
		SVG(ms, Options{})
	}
}

// TestAntimeridian checks that outlines crossing ±180 (Russia, Fiji) are
// not drawn as stripes across the view, and show on both sides of it.
func TestAntimeridian(t *testing.T) {
	tests := []struct {
		name    string
		markers []Marker
		want    string // a country that must be drawn
	}{
		{"north", []Marker{{Name: "Murmansk", Lat: 68.97, Lon: 33.08, Weight: 1}, {Name: "Oslo", Lat: 59.91, Lon: 10.75, Weight: 1}}, "Russia"},
		{"west of 180", []Marker{{Name: "Anadyr", Lat: 64.73, Lon: 177.5, Weight: 1}}, "Russia"},
		{"east of 180", []Marker{{Name: "Nome", Lat: 64.5, Lon: -165.4, Weight: 1}}, "Russia"},
		{"fiji", []Marker{{Name: "Suva", Lat: -18.14, Lon: 178.44, Weight: 1}}, "Fiji"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := parse(t, SVG(tt.markers, Options{}))
			w, h := viewBox(t, root)
			found := false
			for _, p := range root.all("path") {
				if p.attrs["data-name"] == tt.want {
					found = true
				}
				for _, ring := range strings.Split(p.attrs["d"], "M")[1:] {
					f := strings.Fields(strings.TrimSuffix(ring, "Z"))
					var prev [2]float64
					for i, xy := range f {
						var q [2]float64
						if _, err := fmt.Sscanf(xy, "%g,%g", &q[0], &q[1]); err != nil {
							t.Fatalf("bad point %q", xy)
						}
						if i > 0 && math.Abs(q[0]-prev[0]) > w/2 && q[1] > 0 && q[1] < h {
							t.Errorf("%s: stripe from %v to %v", p.attrs["data-name"], prev, q)
						}
						prev = q
					}
				}
			}
			if !found {
				t.Errorf("%s is not drawn", tt.want)
			}
		})
	}
}
