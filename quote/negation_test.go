package quote_test

import (
	"testing"
)

// TestNegatedCues checks negated cues: a negated passive has no source ("the numbers aren't
// confirmed"), a confirmation or denial not made is no attribution ("did not deny"), and a
// negated speech verb keeps its attribution with the source alone ("Officials", not "Officials
// would not").
func TestNegatedCues(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		want []string // "speaker|content prefix" of every quote expected
	}{
		{"NegatedPassiveContraction", "While the casualty figures aren't confirmed, the strike is believed to have hit a depot near the river.", nil},
		{"NegatedPassiveNever", "Although the figures were never confirmed, officials said the deal was close.",
			[]string{"officials|the deal was close"}},
		{"NotConfirm", "The ministry did not confirm that the convoy had crossed the border.", nil},
		{"NeverDenied", "The company has never denied that the plant leaked chemicals into the river.", nil},
		{"CurlyContraction", "He didn’t deny that the vote was delayed by a week.", nil},
		{"NegatedSay", "Officials would not say whether the talks would resume next week.",
			[]string{"Officials|whether the talks would resume next week"}},
		{"PlainDenial", "The ministry denied that the convoy had crossed the border.",
			[]string{"The ministry|the convoy had crossed the border"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := run(t, tt.text, nil, nil)
			var got []string
			for _, q := range a.Quotes {
				got = append(got, q.Speaker.Text+"|"+q.Text)
			}
			checkPrefixes(t, got, tt.want)
		})
	}
}
