package story_test

import (
	"math"
	"testing"
	"time"

	"github.com/sitrep/sitrep/story"
)

func TestSetOptions(t *testing.T) {
	tests := []struct {
		in      string
		wantErr bool
		check   func(o story.Options) bool
	}{
		{"", false, func(o story.Options) bool { return o == story.DefaultOptions() }},
		{"TauDays=60, AbsorbSize=1", false, func(o story.Options) bool { return o.TauDays == 60 && o.AbsorbSize == 1 }},
		{"Threshold", true, nil},
		{"NoSuchOption=1", true, nil},
		{"AbsorbSize=1.5", true, nil},
		{"Logger=1", true, nil},
	}
	for _, tt := range tests {
		o := story.DefaultOptions()
		err := story.SetOptions(&o, tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("SetOptions(%q): err %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && !tt.check(o) {
			t.Errorf("SetOptions(%q): options %+v", tt.in, o)
		}
	}
}

// TestTimeCeiling checks the ideal time-limited clustering on a hand-made set: story A has three
// reports in one week, one a year later and one undated; story B two undated reports.
func TestTimeCeiling(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	docs := []story.ECBDoc{
		{ID: "a1", Story: "A"}, {ID: "a2", Story: "A"}, {ID: "a3", Story: "A"},
		{ID: "a4", Story: "A"}, {ID: "a5", Story: "A"},
		{ID: "b1", Story: "B"}, {ID: "b2", Story: "B"},
	}
	dates := map[string]time.Time{
		"a1": day("2020-03-01"), "a2": day("2020-03-03"), "a3": day("2020-03-06"), "a4": day("2021-03-01"),
	}
	// With a 30-day limit A is cut in {a1,a2,a3,a5} and {a4}: recall of A's five documents is
	// (4·4/5 + 1/5)/5 and precision is perfect.
	p, r, f := story.TimeCeiling(docs, dates, 30)
	wantR := ((4*4.0/5+1.0/5)/5*5 + 2) / 7
	if p != 1 || math.Abs(r-wantR) > 1e-9 || f >= 1 {
		t.Errorf("30 days: P %.4f R %.4f F1 %.4f, want P 1 R %.4f", p, r, f, wantR)
	}
	// With a limit longer than the gap nothing is cut.
	if p, r, f := story.TimeCeiling(docs, dates, 400); p != 1 || r != 1 || f != 1 {
		t.Errorf("400 days: P %.4f R %.4f F1 %.4f, want 1", p, r, f)
	}
}
