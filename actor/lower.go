package actor

import "encoding/binary"

// SWAR (SIMD within a register) constants: one byte value repeated in the eight bytes of a word.
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// lowerASCII lower-cases the ASCII letters of b in place, eight bytes at a time, and returns
// the index of the first byte ≥ 0x80 (the start of a non-ASCII character), or -1.
func lowerASCII(b []byte) int {
	first := -1
	k := 0
	for ; k+8 <= len(b); k += 8 {
		x := binary.LittleEndian.Uint64(b[k:])
		if x&swarHigh != 0 && first < 0 {
			first = k + firstHigh(x)
		}
		// per byte, on the low seven bits (no carry crosses a byte): the high bit of ge is set
		// where the byte is ≥ 'A', that of gt where it is > 'Z'; bytes ≥ 0x80 are left alone
		low7 := x &^ swarHigh
		ge := low7 + (0x80-'A')*swarOnes
		gt := low7 + (0x80-'Z'-1)*swarOnes
		upper := ge &^ gt &^ x & swarHigh
		if upper != 0 {
			binary.LittleEndian.PutUint64(b[k:], x|upper>>2)
		}
	}
	for ; k < len(b); k++ {
		if c := b[k]; c-'A' < 26 {
			b[k] = c + ('a' - 'A')
		} else if c >= 0x80 && first < 0 {
			first = k
		}
	}
	return first
}

// firstHigh returns the index of the first byte of x (little-endian) with its high bit set;
// x must have one.
func firstHigh(x uint64) int {
	for i := 0; i < 8; i++ {
		if x>>(8*i)&0x80 != 0 {
			return i
		}
	}
	return 8
}

// nextNonASCII returns the index of the first byte ≥ 0x80 of s at or after k, or len(s).
func nextNonASCII(s string, k int) int {
	for ; k+8 <= len(s); k += 8 {
		x := uint64(s[k]) | uint64(s[k+1])<<8 | uint64(s[k+2])<<16 | uint64(s[k+3])<<24 |
			uint64(s[k+4])<<32 | uint64(s[k+5])<<40 | uint64(s[k+6])<<48 | uint64(s[k+7])<<56
		if x&swarHigh != 0 {
			return k + firstHigh(x)
		}
	}
	for ; k < len(s); k++ {
		if s[k] >= 0x80 {
			return k
		}
	}
	return len(s)
}
