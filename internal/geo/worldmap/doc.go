// Package worldmap draws a story's places on an offline world map: Natural Earth outlines compiled into the binary, rendered as SVG.
//
// The outlines (Natural Earth 1:50m, public domain, via world-atlas 2.0.2,
// ISC) are embedded; drawing needs no tile server and no network. SVG
// zooms to the markers, shades the country that holds most of them, and
// sizes each marker by the square root of its weight.
package worldmap
