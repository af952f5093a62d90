package text_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/text"
)

func sentences(d *text.Doc) []string {
	var out []string
	for i := range d.Sentences {
		out = append(out, d.SentenceText(i))
	}
	return out
}

func TestParse_Sentences(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"OK", "Ryder spoke. Gallant listened.", []string{"Ryder spoke.", "Gallant listened."}},
		{"Abbrev", "The U.S. envoy met Gen. Smith on Oct. 1 in Washington. He left.",
			[]string{"The U.S. envoy met Gen. Smith on Oct. 1 in Washington.", "He left."}},
		{"USEnd", "Troops went to the U.S. The talks stalled.", []string{"Troops went to the U.S.", "The talks stalled."}},
		{"Quote", `"We will respond," he said. "Soon."`, []string{`"We will respond," he said.`, `"Soon."`}},
		{"CurlyQuoteEnd", "He said “it is over.” Then he left.", []string{"He said “it is over.”", "Then he left."}},
		{"Newline", "Headline without stop\nBody starts here.", []string{"Headline without stop", "Body starts here."}},
		{"Number", "A 7.4-magnitude quake hit at 3.5 km.", []string{"A 7.4-magnitude quake hit at 3.5 km."}},
		{"LowerAfterStop", "He cited the Rev. Jones and e.g. others.", []string{"He cited the Rev. Jones and e.g. others."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sentences(text.Parse(tc.in)); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("sentences=%q, want %q", got, tc.want)
			}
		})
	}
}

func TestParse_Tokens(t *testing.T) {
	d := text.Parse("Israel’s U.S.-backed cease-fire, 1,800 missiles; “win” Netanyahu's.")
	var got []string
	for i := range d.Tokens {
		got = append(got, d.Tok(i))
	}
	want := []string{"Israel", "’s", "U.S.", "-", "backed", "cease-fire", ",", "1,800", "missiles", ";", "“", "win", "”", "Netanyahu", "'s", "."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tokens=%q\nwant   %q", got, want)
	}
	if d.Tokens[1].Kind != text.Possessive || d.Tokens[10].Kind != text.Quote || !d.Tokens[0].Cap {
		t.Fatalf("kinds wrong: %+v", d.Tokens[:3])
	}
	if s := d.SentenceAt(d.Tokens[5].Start); s != 0 {
		t.Fatalf("SentenceAt=%d", s)
	}
	if i := d.TokenAt(d.Tokens[3].Start); i != 3 {
		t.Fatalf("TokenAt=%d", i)
	}
}

func BenchmarkParse(b *testing.B) {
	s := ""
	for i := 0; i < 20; i++ {
		s += "A call between US Secretary of Defense Lloyd Austin and his Israeli counterpart Yoav Gallant will take place \"in the near future,\" a spokesperson for the Pentagon said Thursday, as Israel appeared to be finalizing its plan to retaliate against Iran for its Oct. 1 missile attack. "
	}
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text.Parse(s)
	}
}

func TestToken_Shape(t *testing.T) {
	d := text.Parse("The cease-fire held; Zürich’s 12th 7KM ex-U.S. envoy x")
	for _, tc := range []struct {
		tok         string
		lower, hyph bool
	}{
		{"The", false, false}, {"cease-fire", true, true}, {"held", true, false}, {";", true, false},
		{"Zürich", false, false}, {"’s", false, false}, {"12th", true, false}, {"7KM", false, false},
		{"ex-U", false, true}, {"envoy", true, false}, {"x", true, false},
	} {
		i := -1
		for k := range d.Tokens {
			if d.Tok(k) == tc.tok {
				i = k
				break
			}
		}
		if i < 0 {
			t.Fatalf("token %q not found", tc.tok)
		}
		lower, known := d.Tokens[i].LowerASCII()
		hyph, _ := d.Tokens[i].HasHyphen()
		ascii, _ := d.Tokens[i].ASCII()
		if wantASCII := !strings.ContainsFunc(tc.tok, func(r rune) bool { return r >= 0x80 }); ascii != wantASCII {
			t.Errorf("%q: ASCII=%v", tc.tok, ascii)
		}
		if !known || lower != tc.lower || hyph != tc.hyph {
			t.Errorf("%q: LowerASCII=%v,%v HasHyphen=%v, want %v, %v", tc.tok, lower, known, hyph, tc.lower, tc.hyph)
		}
	}
	if _, known := (text.Token{}).LowerASCII(); known {
		t.Error("a Token literal reports a known shape")
	}
}

// TestParse_LongDottedRun guards against quadratic work on a long dotted run ("a.a.a…", garbage
// a crawler may feed): each period once re-read the whole word before it.
func TestParse_LongDottedRun(t *testing.T) {
	s := strings.Repeat("a.", 100_000) + " Next."
	t0 := time.Now()
	d := text.Parse(s)
	if el := time.Since(t0); el > 5*time.Second {
		t.Fatalf("Parse took %v on %d bytes", el, len(s))
	}
	if got := d.Tok(0); got != strings.Repeat("a.", 100_000) {
		t.Fatalf("first token has %d bytes, want the whole dotted run", len(got))
	}
}
