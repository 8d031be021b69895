package neardup

import (
	"errors"
	"testing"
)

func TestSignatureBinaryRoundTrip(t *testing.T) {
	for _, text := range []string{"", "one", "The ferry left the harbour at dawn with forty passengers aboard."} {
		s := SignText(text)
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if got != s {
			t.Errorf("%q: round trip changed the signature", text)
		}
	}
	var s Signature
	for _, bad := range [][]byte{nil, {1, 2, 3}, make([]byte, binaryLen)} {
		if err := s.UnmarshalBinary(bad); !errors.Is(err, ErrSignatureFormat) {
			t.Errorf("UnmarshalBinary(%d bytes, version %v) = %v", len(bad), bad, err)
		}
	}
}
