package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// ToUTF8 converts a page fetched over HTTP to UTF-8 by the same rule HTML
// applies to files (valid UTF-8 is kept as it is), except that the charset
// of the Content-Type header, when there is one, outranks what the page
// itself declares, as it does in browsers. contentType may be empty.
func ToUTF8(page []byte, contentType string) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, _, _ := charset.DetermineEncoding(page, contentType)
	decoded, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return decoded
}
