package neardup

import (
	"encoding/binary"
	"errors"
)

// signatureVersion is the first byte of a signature's binary form: a stored
// fingerprint made under other shingling rules must be recomputed, not
// compared.
const signatureVersion = 2

// binaryLen is the length of a signature's binary form: the version byte,
// the shingle count and the bins.
const binaryLen = 1 + 4 + Bins

// MarshalBinary encodes the signature for storage.
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, binaryLen)
	b[0] = signatureVersion
	binary.LittleEndian.PutUint32(b[1:5], s.Shingles)
	copy(b[5:], s.Bins[:])
	return b, nil
}

// ErrSignatureFormat is returned for a stored fingerprint that is not a
// signature of this version.
var ErrSignatureFormat = errors.New("neardup: not a signature of this version")

// UnmarshalBinary decodes a signature stored by MarshalBinary.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != binaryLen || b[0] != signatureVersion {
		return ErrSignatureFormat
	}
	s.Shingles = binary.LittleEndian.Uint32(b[1:5])
	copy(s.Bins[:], b[5:])
	return nil
}
