package worldmap

import (
	"cmp"
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Marker is a place to draw: its name (shown as the label), position in
// degrees and weight (such as the number of mentions; below 1 counts as 1).
type Marker struct {
	Name     string
	Lat, Lon float64
	Weight   int
}

// Options sets the drawing's size in pixels; zero values take the
// defaults, 720×480.
type Options struct {
	Width, Height int
}

const (
	defaultWidth, defaultHeight = 720, 480
	minSize, maxSize            = 120, 4096

	// MinSpan is the smallest view in degrees (of latitude, and of
	// longitude scaled to the view's latitude), so that a single place
	// shows its country and neighbours.
	MinSpan = 6.0
	// padding is the share of the markers' span added on each side.
	padding = 0.15
	// focusSpan is the largest extent in degrees of the polygon holding
	// the markers that the view is widened to show whole.
	focusSpan = 16.0

	fontSize      = 12.0
	maxLabelRunes = 40
	minRadius     = 4.0
	radiusRange   = 12.0
)

// view is an equidistant cylindrical projection (plate carrée stretched by
// the cosine of the view's central latitude) of box onto w×h pixels.
type view struct {
	box  bbox
	k    float64 // cos of the standard parallel
	s    float64 // pixels per degree of latitude
	w, h float64
}

func (v *view) project(p pt) (x, y float64) {
	return (p.lon - v.box.minLon) * v.k * v.s, (v.box.maxLat - p.lat) * v.s
}

// SVG returns one self-contained <svg> element drawing markers on the
// world's country outlines, zoomed to them, or "" when no marker has valid
// coordinates. The output is deterministic for the same input.
func SVG(markers []Marker, opt Options) string {
	ms := validMarkers(markers)
	if len(ms) == 0 {
		return ""
	}
	w, h := size(opt.Width, defaultWidth), size(opt.Height, defaultHeight)
	world := countries()
	focus, focusPoly := focusCountry(world, ms)
	box := markerBox(ms)
	if focusPoly != nil {
		fb := focusPoly.box
		if fb.maxLon-fb.minLon <= focusSpan && fb.maxLat-fb.minLat <= focusSpan {
			box.add(pt{fb.minLon, fb.minLat})
			box.add(pt{fb.maxLon, fb.maxLat})
		}
	}
	v := fitView(box, float64(w), float64(h))

	var b strings.Builder
	b.Grow(32 << 10)
	ws, hs := strconv.Itoa(w), strconv.Itoa(h)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="0 0 ` + ws + ` ` + hs +
		`" width="` + ws + `" height="` + hs + `" role="img" aria-label="`)
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		names = append(names, m.Name)
	}
	esc(&b, "Map: "+strings.Join(names, ", "))
	b.WriteString(`" font-family="sans-serif" font-size="12">`)
	b.WriteString(`<rect class="wm-sea" x="0" y="0" width="` + ws + `" height="` + hs + `" fill="#dce8f0"/>`)

	// Countries: culled by bounding box, clipped to the view with a margin
	// so that clipped edges fall outside it; the focus country last.
	margin := 8.0
	clip := rect{-margin, -margin, v.w + margin, v.h + margin}
	cull := bbox{
		v.box.minLon - margin/(v.k*v.s), v.box.minLat - margin/v.s,
		v.box.maxLon + margin/(v.k*v.s), v.box.maxLat + margin/v.s,
	}
	b.WriteString(`<g class="wm-land" fill="#f2efe6" stroke="#9a9488" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">`)
	var path []byte
	for pass := 0; pass < 2; pass++ {
		for i := range world {
			c := &world[i]
			if (c == focus) != (pass == 1) || !c.box.intersects(cull) {
				continue
			}
			path = path[:0]
			for j := range c.polys {
				pg := &c.polys[j]
				if !pg.box.intersects(cull) {
					continue
				}
				for _, r := range pg.rings {
					path = appendRing(path, &v, clip, r)
				}
			}
			if len(path) == 0 {
				continue
			}
			if c == focus {
				b.WriteString(`<path class="wm-country wm-focus" fill="#e6dcc0" stroke="#6f685b" data-name="`)
			} else {
				b.WriteString(`<path class="wm-country" data-name="`)
			}
			esc(&b, c.name)
			b.WriteString(`" d="`)
			b.Write(path)
			b.WriteString(`"><title>`)
			esc(&b, c.name)
			b.WriteString(`</title></path>`)
		}
	}
	b.WriteString(`</g>`)

	scaleEnd := writeScale(&b, &v)

	// Markers, heaviest first so that small ones stay on top; labels in
	// the same order, each placed where it overlaps no earlier one.
	maxW := 1
	for _, m := range ms {
		maxW = max(maxW, m.Weight)
	}
	type placed struct{ x0, y0, x1, y1 float64 }
	var labels []placed
	if scaleEnd > 0 { // keep labels off the scale bar
		labels = append(labels, placed{0, v.h - 24, scaleEnd, v.h})
	}
	var lb strings.Builder
	b.WriteString(`<g class="wm-markers" fill="#c0392b" fill-opacity="0.75" stroke="#ffffff" stroke-width="1">`)
	for _, m := range ms {
		x, y := v.project(pt{m.Lon, m.Lat})
		r := minRadius + radiusRange*math.Sqrt(float64(m.Weight)/float64(maxW))
		b.WriteString(`<circle class="wm-marker" cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) + `" data-name="`)
		esc(&b, m.Name)
		b.WriteString(`" data-weight="` + strconv.Itoa(m.Weight) + `"><title>`)
		esc(&b, m.Name)
		if m.Weight == 1 {
			b.WriteString(`: 1 mention`)
		} else {
			b.WriteString(`: ` + strconv.Itoa(m.Weight) + ` mentions`)
		}
		b.WriteString(`</title></circle>`)

		label := shorten(m.Name)
		if label == "" {
			continue
		}
		tw := 0.6 * fontSize * float64(utf8.RuneCountInString(label))
		cands := []struct {
			x, y   float64
			anchor string
		}{
			{x + r + 3, y + fontSize*0.35, "start"},
			{x - r - 3, y + fontSize*0.35, "end"},
			{x, y - r - 4, "middle"},
			{x, y + r + fontSize, "middle"},
		}
		best := -1
		var bestBox placed
		for ci, cd := range cands {
			x0 := cd.x
			switch cd.anchor {
			case "end":
				x0 -= tw
			case "middle":
				x0 -= tw / 2
			}
			pb := placed{x0, cd.y - fontSize, x0 + tw, cd.y + 3}
			if ci == 0 {
				best, bestBox = 0, pb
			}
			if pb.x0 < 0 || pb.x1 > v.w || pb.y0 < 0 || pb.y1 > v.h {
				continue
			}
			free := true
			for _, o := range labels {
				if pb.x0 < o.x1 && o.x0 < pb.x1 && pb.y0 < o.y1 && o.y0 < pb.y1 {
					free = false
					break
				}
			}
			if free {
				best, bestBox = ci, pb
				break
			}
		}
		labels = append(labels, bestBox)
		cd := cands[best]
		lb.WriteString(`<text x="` + num(cd.x) + `" y="` + num(cd.y) + `"`)
		if cd.anchor != "start" {
			lb.WriteString(` text-anchor="` + cd.anchor + `"`)
		}
		lb.WriteString(`>`)
		esc(&lb, label)
		lb.WriteString(`</text>`)
	}
	b.WriteString(`</g>`)
	b.WriteString(`<g class="wm-labels" fill="#1f2328" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`)
	b.WriteString(lb.String())
	b.WriteString(`</g></svg>`)
	return b.String()
}

func size(v, def int) int {
	if v <= 0 {
		return def
	}
	return min(max(v, minSize), maxSize)
}

// validMarkers drops markers without usable coordinates and orders the
// rest heaviest first (then by name and position, for determinism).
func validMarkers(markers []Marker) []Marker {
	var ms []Marker
	for _, m := range markers {
		if math.IsNaN(m.Lat) || math.IsNaN(m.Lon) || m.Lat < -90 || m.Lat > 90 || m.Lon < -180 || m.Lon > 180 {
			continue
		}
		m.Weight = max(m.Weight, 1)
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b Marker) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), strings.Compare(a.Name, b.Name),
			cmp.Compare(a.Lat, b.Lat), cmp.Compare(a.Lon, b.Lon))
	})
	return ms
}

func markerBox(ms []Marker) bbox {
	b := emptyBox()
	for _, m := range ms {
		b.add(pt{m.Lon, m.Lat})
	}
	return b
}

// focusCountry returns the country holding most markers (ties: the
// greater weight, then the first in the data) and its polygon holding the
// heaviest of them, or nils when no marker is on land.
func focusCountry(world []country, ms []Marker) (*country, *polygon) {
	type tally struct {
		n, w int
		poly *polygon
	}
	counts := map[*country]*tally{}
	for _, m := range ms {
		p := pt{m.Lon, m.Lat}
	search:
		for i := range world {
			c := &world[i]
			if !c.box.contains(p) {
				continue
			}
			for j := range c.polys {
				if c.polys[j].contains(p) {
					t := counts[c]
					if t == nil {
						t = &tally{poly: &c.polys[j]}
						counts[c] = t
					}
					t.n++
					t.w += m.Weight
					break search
				}
			}
		}
	}
	var best *country
	var bt *tally
	for i := range world {
		c := &world[i]
		t := counts[c]
		if t != nil && (bt == nil || t.n > bt.n || t.n == bt.n && t.w > bt.w) {
			best, bt = c, t
		}
	}
	if best == nil {
		return nil, nil
	}
	return best, bt.poly
}

// fitView pads box, widens it to MinSpan and to the drawing's aspect
// ratio, and keeps it inside the world where it fits.
func fitView(box bbox, w, h float64) view {
	cLat := (box.minLat + box.maxLat) / 2
	cLon := (box.minLon + box.maxLon) / 2
	k := math.Cos(min(math.Abs(cLat), 80) * math.Pi / 180)
	dLat := max((box.maxLat-box.minLat)*(1+2*padding), MinSpan)
	dLon := max((box.maxLon-box.minLon)*(1+2*padding), MinSpan/k)
	// Fit the aspect ratio in projected units.
	if pw, ph := dLon*k, dLat; pw/ph < w/h {
		dLon = ph * w / h / k
	} else {
		dLat = pw * h / w
	}
	lat0, lat1 := shift(cLat-dLat/2, cLat+dLat/2, -90, 90)
	lon0, lon1 := shift(cLon-dLon/2, cLon+dLon/2, -180, 180)
	return view{box: bbox{lon0, lat0, lon1, lat1}, k: k, s: h / (lat1 - lat0), w: w, h: h}
}

// shift moves [a, b] inside [lo, hi] when it is no wider; a wider range is
// centred on the world.
func shift(a, b, lo, hi float64) (float64, float64) {
	switch {
	case b-a >= hi-lo:
		c := (lo + hi) / 2
		d := (b - a) / 2
		return c - d, c + d
	case a < lo:
		return lo, lo + (b - a)
	case b > hi:
		return hi - (b - a), hi
	}
	return a, b
}

type rect struct{ x0, y0, x1, y1 float64 }

// appendRing projects ring r, clips it to c (Sutherland–Hodgman), drops
// points closer than a pixel to the previous one and appends it to path as
// "Mx,y x,y…Z", unless fewer than three points remain or the ring spans
// less than two pixels (islands too small to see in a wide view).
func appendRing(path []byte, v *view, c rect, r []pt) []byte {
	if len(r) < 3 {
		return path
	}
	pts := make([][2]float64, len(r))
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, p := range r {
		x, y := v.project(p)
		pts[i] = [2]float64{x, y}
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	if x1-x0 < 2 && y1-y0 < 2 {
		return path
	}
	pts = clipPoly(pts, c)
	var kept [][2]float64
	for _, p := range pts {
		p = [2]float64{round1(p[0]), round1(p[1])}
		if n := len(kept); n > 0 && math.Abs(p[0]-kept[n-1][0]) < 1 && math.Abs(p[1]-kept[n-1][1]) < 1 {
			continue
		}
		kept = append(kept, p)
	}
	kept = simplifyPx(kept, 0.5)
	if len(kept) < 3 {
		return path
	}
	for i, p := range kept {
		if i == 0 {
			path = append(path, 'M')
		} else {
			path = append(path, ' ')
		}
		path = append(path, num(p[0])...)
		path = append(path, ',')
		path = append(path, num(p[1])...)
	}
	return append(path, 'Z')
}

// simplifyPx is Douglas-Peucker over a ring in pixels: in a wide view it
// drops the detail smaller than tol that the embedded outlines keep.
func simplifyPx(pts [][2]float64, tol float64) [][2]float64 {
	n := len(pts)
	if n < 4 {
		return pts
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	stack := [][2]int{{0, n - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := pts[s[0]], pts[s[1]]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l2 := dx*dx + dy*dy
		best, bestD := -1, tol
		for i := s[0] + 1; i < s[1]; i++ {
			p := pts[i]
			var d float64
			if l2 == 0 {
				d = math.Hypot(p[0]-a[0], p[1]-a[1])
			} else {
				t := max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
				d = math.Hypot(p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy))
			}
			if d > bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			keep[best] = true
			stack = append(stack, [2]int{s[0], best}, [2]int{best, s[1]})
		}
	}
	out := pts[:0]
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// clipPoly clips a closed polygon to a rectangle, edge by edge.
func clipPoly(pts [][2]float64, c rect) [][2]float64 {
	type edge struct {
		axis   int
		bound  float64
		keepLo bool // inside when coordinate >= bound
	}
	edges := [4]edge{{0, c.x0, true}, {0, c.x1, false}, {1, c.y0, true}, {1, c.y1, false}}
	for _, e := range edges {
		if len(pts) == 0 {
			break
		}
		inside := func(p [2]float64) bool {
			if e.keepLo {
				return p[e.axis] >= e.bound
			}
			return p[e.axis] <= e.bound
		}
		var out [][2]float64
		prev := pts[len(pts)-1]
		pin := inside(prev)
		for _, p := range pts {
			in := inside(p)
			if in != pin {
				t := (e.bound - prev[e.axis]) / (p[e.axis] - prev[e.axis])
				q := [2]float64{prev[0] + t*(p[0]-prev[0]), prev[1] + t*(p[1]-prev[1])}
				q[e.axis] = e.bound
				out = append(out, q)
			}
			if in {
				out = append(out, p)
			}
			prev, pin = p, in
		}
		pts = out
	}
	return pts
}

// writeScale draws a scale bar of a round distance, about a sixth of the
// width, in the bottom-left corner, and returns where its text ends (0 when
// there is none).
func writeScale(b *strings.Builder, v *view) float64 {
	pxPerKm := v.s / 111.32
	target := v.w / 6 / pxPerKm
	if !(target > 0) || math.IsInf(target, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(target)))
	km := p
	for _, f := range []float64{5, 2, 1} {
		if f*p <= target {
			km = f * p
			break
		}
	}
	l := km * pxPerKm
	x0, y := 12.0, v.h-12
	b.WriteString(`<g class="wm-scale" stroke="#4a4f55" stroke-width="1.5" fill="none"><path d="M` + num(x0) + `,` + num(y-5) +
		` ` + num(x0) + `,` + num(y) + ` ` + num(x0+l) + `,` + num(y) + ` ` + num(x0+l) + `,` + num(y-5) + `"/>`)
	b.WriteString(`<text x="` + num(x0+l+6) + `" y="` + num(y+1) + `" fill="#4a4f55" stroke="none" font-size="11">` +
		strconv.FormatFloat(km, 'f', -1, 64) + ` km</text></g>`)
	return x0 + l + 50
}

func round1(v float64) float64 {
	r := math.Round(v*10) / 10
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// num formats v with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(round1(v), 'f', -1, 64)
}

// shorten trims a label to maxLabelRunes, ending it with an ellipsis.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= maxLabelRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxLabelRunes-1])) + "…"
}

// esc writes s escaped for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func esc(b *strings.Builder, s string) {
	_ = xml.EscapeText(b, []byte(s))
}
