package text_test

import (
	"reflect"
	"testing"

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
