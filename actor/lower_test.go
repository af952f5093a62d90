package actor

import (
	"strings"
	"testing"
)

// lowerNaive is the byte-at-a-time reference for lowerASCII.
func lowerNaive(b []byte) int {
	first := -1
	for k, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[k] = c + 32
		} else if c >= 0x80 && first < 0 {
			first = k
		}
	}
	return first
}

func TestLowerASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ABC", "abc"},
		{"Israel's Defense Minister Yoav Gallant SAID", "israel's defense minister yoav gallant said"},
		{"@[`{ AZaz 09", "@[`{ azaz 09"},
		{"Prime Minister Benjamin Netanyahu — “Hamas”", "prime minister benjamin netanyahu — “hamas”"},
		{"ÉLYSÉE Palace, Paris", "ÉlysÉe palace, paris"},
	}
	for _, tc := range tests {
		b := []byte(tc.in)
		first := lowerASCII(b)
		if string(b) != tc.want {
			t.Errorf("lowerASCII(%q) = %q, want %q", tc.in, b, tc.want)
		}
		if want := strings.IndexFunc(tc.in, func(r rune) bool { return r >= 0x80 }); first != want {
			t.Errorf("lowerASCII(%q) first = %d, want %d", tc.in, first, want)
		}
	}
}

func FuzzLowerASCII(f *testing.F) {
	f.Add([]byte("The White House said on Thursday that ÉLYSÉE officials — in Paris — MET"))
	f.Add([]byte{0x40, 0x41, 0x5a, 0x5b, 0x60, 0x61, 0x7a, 0x7b, 0x7f, 0x80, 0xc1, 0xda, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		a, b := append([]byte(nil), in...), append([]byte(nil), in...)
		fa, fb := lowerASCII(a), lowerNaive(b)
		if string(a) != string(b) || fa != fb {
			t.Fatalf("lowerASCII(%q) = %q, %d; want %q, %d", in, a, fa, b, fb)
		}
		for k := 0; k <= len(in); k++ {
			want := k
			for want < len(in) && in[want] < 0x80 {
				want++
			}
			if got := nextNonASCII(string(in), k); got != want {
				t.Fatalf("nextNonASCII(%q, %d) = %d, want %d", in, k, got, want)
			}
		}
	})
}
