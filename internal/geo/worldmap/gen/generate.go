package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
)

// Tolerance is the default Douglas-Peucker tolerance in degrees: about
// 1 km, below a pixel at the map's smallest view (6 degrees across).
const Tolerance = 0.01

// Magic starts the uncompressed file; it names the format's version.
const Magic = "corroborate-worldmap-1\n"

// Scale is the number of units of a stored coordinate per degree.
const Scale = 1e4

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

type point struct{ x, y int32 } // lon, lat in 1/Scale degrees

type country struct {
	name  string
	polys [][][]point // polygons, each rings: the exterior then holes
}

// generateFile reads the TopoJSON file in and writes the gzipped outlines
// to out.
func generateFile(in, out string, tol float64) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	raw, err := generate(src, tol)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// generate decodes the topology's countries and encodes them: Magic, then
// uvarint count of countries; per country its name (uvarint length, bytes),
// uvarint count of polygons; per polygon uvarint count of rings; per ring
// uvarint count of points, then the points as zigzag varint deltas of lon
// and lat in 1/Scale degrees (the first from 0,0). Rings are closed: the
// last point repeats the first and is not stored.
func generate(src []byte, tol float64) ([]byte, error) {
	var topo topology
	if err := json.Unmarshal(src, &topo); err != nil {
		return nil, err
	}
	obj, ok := topo.Objects["countries"]
	if !ok {
		return nil, errors.New("no objects.countries")
	}
	arcs, err := decodeArcs(&topo, tol)
	if err != nil {
		return nil, err
	}
	var countries []country
	for i, g := range obj.Geometries {
		c := country{name: g.Properties.Name}
		if c.name == "" {
			return nil, fmt.Errorf("geometry %d has no name", i)
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
		case "", "null":
			continue
		default:
			return nil, fmt.Errorf("%s: unexpected geometry type %q", c.name, g.Type)
		}
		for _, p := range polys {
			var rings [][]point
			for _, r := range p {
				ring, err := assembleRing(arcs, r)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", c.name, err)
				}
				if len(ring) >= 3 {
					rings = append(rings, ring)
				} else if len(rings) == 0 {
					break // the exterior collapsed: drop the polygon
				}
			}
			if len(rings) > 0 {
				c.polys = append(c.polys, rings)
			}
		}
		if len(c.polys) > 0 {
			countries = append(countries, c)
		}
	}
	return encode(countries), nil
}

// decodeArcs turns the delta-encoded quantized arcs into points in 1/Scale
// degrees and simplifies each arc, keeping its ends so that neighbours
// still share their borders.
func decodeArcs(topo *topology, tol float64) ([][]point, error) {
	sx, sy, tx, ty := 1.0, 1.0, 0.0, 0.0
	quantized := topo.Transform != nil
	if quantized {
		sx, sy = topo.Transform.Scale[0], topo.Transform.Scale[1]
		tx, ty = topo.Transform.Translate[0], topo.Transform.Translate[1]
	}
	out := make([][]point, len(topo.Arcs))
	for i, arc := range topo.Arcs {
		pts := make([]point, 0, len(arc))
		var qx, qy float64
		for _, p := range arc {
			if len(p) < 2 {
				return nil, fmt.Errorf("arc %d: position with %d coordinates", i, len(p))
			}
			x, y := p[0], p[1]
			if quantized {
				qx += x
				qy += y
				x, y = qx*sx+tx, qy*sy+ty
			}
			pts = append(pts, point{int32(math.Round(x * Scale)), int32(math.Round(y * Scale))})
		}
		out[i] = simplify(pts, tol*Scale)
	}
	return out, nil
}

// assembleRing joins a ring's arcs; a negative index ~i is arc i reversed.
// Each arc after the first starts where the previous one ended, so its
// first point is dropped. The closing point is dropped too.
func assembleRing(arcs [][]point, idx []int) ([]point, error) {
	var ring []point
	for k, i := range idx {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc index %d out of range", i)
		}
		a := arcs[i]
		seg := make([]point, len(a))
		copy(seg, a)
		if rev {
			for l, r := 0, len(seg)-1; l < r; l, r = l+1, r-1 {
				seg[l], seg[r] = seg[r], seg[l]
			}
		}
		if k > 0 && len(seg) > 0 {
			seg = seg[1:]
		}
		ring = append(ring, seg...)
	}
	if len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	unwrap(ring)
	// Drop repeated points that rounding or simplification left.
	out := ring[:0]
	for _, p := range ring {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// unwrap makes a ring that crosses the antimeridian continuous: where a
// step jumps by more than 180 degrees of longitude, the rest of the ring
// is shifted by 360, so that it runs past ±180 instead of across the
// world (Russia's Chukotka, Fiji). The reader draws such polygons twice,
// once shifted back.
func unwrap(ring []point) {
	const half, full = 180 * Scale, 360 * Scale
	var off int32
	for i := 1; i < len(ring); i++ {
		ring[i].x += off
		if d := ring[i].x - ring[i-1].x; d > half {
			off -= full
			ring[i].x -= full
		} else if d < -half {
			off += full
			ring[i].x += full
		}
	}
}

// simplify is Douglas-Peucker with tolerance tol (in 1/Scale degrees).
func simplify(pts []point, tol float64) []point {
	if tol <= 0 || len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		best, bestD := -1, tol
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist(pts[i], pts[s.a], pts[s.b]); d > bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			keep[best] = true
			stack = append(stack, span{s.a, best}, span{best, s.b})
		}
	}
	var out []point
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the distance from p to the segment a-b.
func segDist(p, a, b point) float64 {
	px, py := float64(p.x), float64(p.y)
	ax, ay := float64(a.x), float64(a.y)
	bx, by := float64(b.x), float64(b.y)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(px-ax, py-ay)
	}
	t := ((px-ax)*dx + (py-ay)*dy) / l2
	t = max(0, min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

func encode(countries []country) []byte {
	b := []byte(Magic)
	b = binary.AppendUvarint(b, uint64(len(countries)))
	for _, c := range countries {
		b = binary.AppendUvarint(b, uint64(len(c.name)))
		b = append(b, c.name...)
		b = binary.AppendUvarint(b, uint64(len(c.polys)))
		for _, p := range c.polys {
			b = binary.AppendUvarint(b, uint64(len(p)))
			for _, r := range p {
				b = binary.AppendUvarint(b, uint64(len(r)))
				var px, py int32
				for _, q := range r {
					b = binary.AppendVarint(b, int64(q.x-px))
					b = binary.AppendVarint(b, int64(q.y-py))
					px, py = q.x, q.y
				}
			}
		}
	}
	return b
}
