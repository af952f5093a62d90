package story

import (
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

func TestNumericDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no date
	}{
		{"Posted: 04/9/2012 8:33 am Updated: 04/9/2012 8:33 am", "2012-04-09"},
		{"Last updated 13:26 14/09/2013", "2013-09-14"},
		{"10:10 AM PDT 6/6/2013", "2013-06-06"},
		{"POSTED: 04/02/07, 9:00 PM PDT |", "2007-04-02"},
		{"Article posted on 2012-08-07", "2012-08-07"},
		{"UPDATED 05/03/2013 at 11:00 AM EDT", "2013-05-03"},
		{"Score 20-13 in the fourth", ""},
		{"version 1.2.3 released", ""},
		{"13/13/2013", ""},
	}
	for _, tt := range tests {
		d, ok := numericDate(tt.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("numericDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFirstFullDateOrdinal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"December 22nd, 2008 8:55 am", "2008-12-22"},
		{"Posted August 2nd, 2013 at 5:19 pm", "2013-08-02"},
		{"Thu Jun 13, 2013 08:45 AM PDT", "2013-06-13"},
		{"the 3rd of the month", ""},
	}
	for _, tt := range tests {
		d, ok := firstFullDate(tt.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("firstFullDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExtractRemovedDate checks that a date line the cleaner removed dates the article, and
// that a long removed paragraph mentioning a date does not.
func TestExtractRemovedDate(t *testing.T) {
	body := "A ferry carrying forty passengers ran aground near the harbour of Portwick on Sunday.\nNo one was hurt, the coastguard said."
	a := &sitrep.Article{ID: "x", Text: body, Removed: []sitrep.Removal{
		{Text: "Ferry runs aground off Portwick", Reason: "title"},
		{Text: "Updated: November 11, 2011 20:09 IST", Reason: "chrome"},
	}}
	f := Extract(a, 32, 16)
	if want := time.Date(2011, 11, 11, 0, 0, 0, 0, time.UTC); !f.Lo.Equal(want) {
		t.Errorf("dated %v, want %v", f.Lo, want)
	}
	long := "Readers also liked: a story from March 3, 2009 about a bridge that closed for repairs after the winter storms damaged its supports, and many more stories."
	b := &sitrep.Article{ID: "y", Text: body, Removed: []sitrep.Removal{{Text: long, Reason: "chrome"}}}
	if f := Extract(b, 32, 16); f.Dated() {
		t.Errorf("dated from a long removed paragraph: %v", f.Lo)
	}
}

// FuzzArticleDates feeds arbitrary removed lines and text to the date finders: they must not
// panic and any date found must be a real calendar day in the accepted years.
func FuzzArticleDates(f *testing.F) {
	f.Add("Updated: November 11, 2011 20:09 IST", "Posted: 04/9/2012 8:33 am\nbody")
	f.Add("1/2/", "31/31/31\n\n\n")
	f.Add("\xff22nd//2013", "--..//")
	f.Fuzz(func(t *testing.T, removed, text string) {
		a := &sitrep.Article{ID: "f", Text: text, Removed: []sitrep.Removal{{Text: removed, Reason: "chrome"}}}
		lo, hi := articleDates(a, text)
		if lo.IsZero() != hi.IsZero() || hi.Before(lo) {
			t.Fatalf("bad interval %v %v", lo, hi)
		}
		if !lo.IsZero() && (lo.Year() < 1950 || lo.Year() > 2100) {
			t.Fatalf("year out of range: %v", lo)
		}
	})
}
