package event

import "testing"

// TestWordFilter checks that the prefilter never hides a dictionary word: ids must equal a
// plain map lookup for every dictionary word and for words outside the dictionary.
func TestWordFilter(t *testing.T) {
	v := DefaultVerbs()
	v.compile()
	words := make([]string, 0, len(v.vocab)+8)
	for w := range v.vocab {
		words = append(words, w)
	}
	words = append(words, "", "zzzz", "Iran", "ceasefire-talks", "\xff", "ministers", "a")
	ids := v.ids(words, nil)
	for i, w := range words {
		want, ok := v.vocab[w]
		if !ok {
			want = -1
		}
		if ids[i] != want {
			t.Fatalf("ids(%q)=%d, want %d", w, ids[i], want)
		}
	}
	c, err := New(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for w := range c.actors.root.next {
		if !c.firstWords.mayHave(w) {
			t.Fatalf("actor first word %q filtered out", w)
		}
	}
	// the filter must reject most words it does not hold, or it saves nothing
	miss := 0
	probe := []string{"weather", "football", "recipe", "quarterly", "earnings", "guitar", "umbrella", "vaccine", "novel", "bicycle"}
	for _, w := range probe {
		if !v.filter.mayHave(w) {
			miss++
		}
	}
	if miss < len(probe)/2 {
		t.Fatalf("filter passes %d of %d unrelated words", len(probe)-miss, len(probe))
	}
}
