package story

import (
	"fmt"
	"testing"
)

// TestStorySpans checks that member date intervals merge into spans when they overlap or lie at
// most runGapDays apart, and that an article's gap is measured to the nearest span.
func TestStorySpans(t *testing.T) {
	for _, c := range []struct {
		add    [][2]int32
		want   string
		lo, hi int32
		gap    int32
	}{
		{add: [][2]int32{{100, 100}, {101, 101}}, want: "[{100 101}]", lo: 103, hi: 103, gap: 2},
		{add: [][2]int32{{100, 100}, {500, 500}}, want: "[{100 100} {500 500}]", lo: 300, hi: 300, gap: 200},
		{add: [][2]int32{{500, 500}, {100, 100}, {160, 160}}, want: "[{100 160} {500 500}]", lo: 130, hi: 130, gap: 0},
		{add: [][2]int32{{100, 100}, {500, 500}, {200, 420}}, want: "[{100 100} {200 420} {500 500}]", lo: 450, hi: 450, gap: 30},
		{add: [][2]int32{{100, 100}, {500, 500}, {150, 460}}, want: "[{100 500}]", lo: 300, hi: 300, gap: 0},
		{add: [][2]int32{{100, 2000}}, want: "[{100 2000}]", lo: 900, hi: 950, gap: 0},
		{add: [][2]int32{{100, 100}, {400, 400}}, want: "[{100 100} {400 400}]", lo: 390, hi: 395, gap: 5},
		{add: nil, want: "[]", lo: 100, hi: 100, gap: -1},
	} {
		s := &story{}
		for _, a := range c.add {
			s.addSpan(a[0], a[1])
		}
		if got := fmt.Sprint(s.spans); got != c.want {
			t.Errorf("%v: spans %s, want %s", c.add, got, c.want)
		}
		if got := s.gapTo(c.lo, c.hi); got != c.gap {
			t.Errorf("%v: gap to (%d, %d) = %d, want %d", c.add, c.lo, c.hi, got, c.gap)
		}
	}
}
