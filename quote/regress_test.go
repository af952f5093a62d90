package quote_test

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/text"
)

// TestParenthesisAtTextStart covers a speaker with a parenthetical at the very start of the text
// (boxing records, party affiliations): the backward search must not step before the first token.
func TestParenthesisAtTextStart(t *testing.T) {
	for _, s := range []string{
		"Ana Ruiz (31-2, 20 KOs) said she would fight again in May.",
		"Ana Ruiz (D-Ohio) told reporters the vote would be close.",
		"“We will fight again,” Ana Ruiz (31-2) said on Saturday.",
		"Ruiz (31-2) “We will fight again,” she said.",
	} {
		a := &sitrep.Article{Text: s}
		if err := quote.New(quote.DefaultOptions(), nil).Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	}
}
