package worldmap

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"sync"
)

//go:generate go run ./gen

// countriesGz holds the country outlines written by gen: Natural Earth
// 1:50m via world-atlas 2.0.2, simplified at 0.01 degree (see README.md).
//
//go:embed countries.bin.gz
var countriesGz []byte

const (
	magic = "corroborate-worldmap-1\n"
	scale = 1e4 // stored units per degree
)

type pt struct{ lon, lat float64 }

type bbox struct{ minLon, minLat, maxLon, maxLat float64 }

func emptyBox() bbox {
	return bbox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (b *bbox) add(p pt) {
	b.minLon = min(b.minLon, p.lon)
	b.maxLon = max(b.maxLon, p.lon)
	b.minLat = min(b.minLat, p.lat)
	b.maxLat = max(b.maxLat, p.lat)
}

func (b bbox) intersects(o bbox) bool {
	return b.minLon <= o.maxLon && o.minLon <= b.maxLon && b.minLat <= o.maxLat && o.minLat <= b.maxLat
}

func (b bbox) contains(p pt) bool {
	return p.lon >= b.minLon && p.lon <= b.maxLon && p.lat >= b.minLat && p.lat <= b.maxLat
}

// polygon is an exterior ring and its holes; rings are open (the closing
// point is implied).
type polygon struct {
	rings [][]pt
	box   bbox
}

// contains reports whether p is inside the polygon (even-odd rule over its
// rings, so holes are outside).
func (pg *polygon) contains(p pt) bool {
	if !pg.box.contains(p) {
		return false
	}
	in := false
	for _, r := range pg.rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a.lat > p.lat) != (b.lat > p.lat) &&
				p.lon < (b.lon-a.lon)*(p.lat-a.lat)/(b.lat-a.lat)+a.lon {
				in = !in
			}
		}
	}
	return in
}

type country struct {
	name  string
	polys []polygon
	box   bbox
}

var (
	worldOnce sync.Once
	world     []country
)

// countries returns the embedded outlines, decoded once. A damaged file
// (which the tests rule out) yields no outlines rather than a panic: the
// map then shows the markers alone.
func countries() []country {
	worldOnce.Do(func() {
		cs, err := decode(countriesGz)
		if err == nil {
			world = cs
		}
	})
	return world
}

var errFormat = errors.New("worldmap: malformed outline data")

// decode reads the format gen writes (see gen/generate.go).
func decode(gz []byte) ([]country, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errFormat
	}
	r := &reader{b: raw[len(magic):]}
	n := r.count()
	out := make([]country, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		var c country
		l := r.count()
		if r.err != nil || l > len(r.b) {
			return nil, errFormat
		}
		c.name = string(r.b[:l])
		r.b = r.b[l:]
		c.box = emptyBox()
		np := r.count()
		for j := 0; j < np && r.err == nil; j++ {
			pg := polygon{box: emptyBox()}
			nr := r.count()
			for k := 0; k < nr && r.err == nil; k++ {
				npt := r.count()
				ring := make([]pt, 0, npt)
				var x, y int64
				for m := 0; m < npt && r.err == nil; m++ {
					x += r.varint()
					y += r.varint()
					p := pt{float64(x) / scale, float64(y) / scale}
					ring = append(ring, p)
					pg.box.add(p)
				}
				pg.rings = append(pg.rings, ring)
			}
			c.polys = append(c.polys, pg)
			// A polygon that runs past the antimeridian is also drawn
			// shifted by 360 degrees, to show on both sides.
			if pg.box.maxLon > 180 {
				c.polys = append(c.polys, shifted(pg, -360))
			} else if pg.box.minLon < -180 {
				c.polys = append(c.polys, shifted(pg, 360))
			}
		}
		for _, pg := range c.polys {
			c.box.minLon = min(c.box.minLon, pg.box.minLon)
			c.box.minLat = min(c.box.minLat, pg.box.minLat)
			c.box.maxLon = max(c.box.maxLon, pg.box.maxLon)
			c.box.maxLat = max(c.box.maxLat, pg.box.maxLat)
		}
		out = append(out, c)
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, errFormat
	}
	return out, nil
}

func shifted(pg polygon, dLon float64) polygon {
	out := polygon{box: pg.box}
	out.box.minLon += dLon
	out.box.maxLon += dLon
	for _, r := range pg.rings {
		s := make([]pt, len(r))
		for i, p := range r {
			s[i] = pt{p.lon + dLon, p.lat}
		}
		out.rings = append(out.rings, s)
	}
	return out
}

type reader struct {
	b   []byte
	err error
}

// count reads a uvarint bounded by the bytes left, so that damaged data
// cannot make a huge allocation.
func (r *reader) count() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)) {
		r.err = errFormat
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errFormat
		return 0
	}
	r.b = r.b[n:]
	return v
}
