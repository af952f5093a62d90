package timex

import (
	"fmt"
	"time"
)

// Calendar helpers. Dates are time.Time values at midnight UTC.

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func mkdate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// isoWeekday returns 1 (Monday) … 7 (Sunday).
func isoWeekday(t time.Time) int { return (int(t.Weekday())+6)%7 + 1 }

func daysIn(y, m int) int { return mkdate(y, m+1, 0).Day() }

func fmtDay(t time.Time) string { return t.Format("2006-01-02") }

func fmtMonth(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

func fmtYear(y int) string { return fmt.Sprintf("%04d", y) }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

// seasonOf returns the TIMEX3 season code of month m and the year the season is counted in
// (winter belongs to the year its December falls in).
func seasonOf(y, m int) (string, int) {
	switch {
	case m >= 3 && m <= 5:
		return "SP", y
	case m >= 6 && m <= 8:
		return "SU", y
	case m >= 9 && m <= 11:
		return "FA", y
	case m == 12:
		return "WI", y
	default:
		return "WI", y - 1
	}
}

var seasonRank = map[string]int{"SP": 0, "SU": 1, "FA": 2, "WI": 3}

// weekdayDate resolves ISO weekday wd against dct in direction dir: past is the latest such day on
// or before dct, future the earliest after it, and nearest the closer of the two (past on a tie).
func weekdayDate(dct time.Time, wd int, dir tense) time.Time {
	cur := isoWeekday(dct)
	if cur == wd {
		// news names its own day by its weekday: "said Friday" in Friday's paper is today
		return dct
	}
	back := (cur - wd + 7) % 7
	fwd := (wd - cur + 7) % 7
	if fwd == 0 {
		fwd = 7
	}
	switch dir {
	case tenseFuture:
		return dct.AddDate(0, 0, fwd)
	case tensePresent:
		if back == 0 || back <= fwd {
			return dct.AddDate(0, 0, -back)
		}
		return dct.AddDate(0, 0, fwd)
	default:
		return dct.AddDate(0, 0, -back)
	}
}

// monthDayYear chooses the year of month m, day d (d == 0: the month as a whole) relative to dct.
// The closest reading wins (with a slight preference for the past: news reports what happened),
// unless the tense asks for the other direction: past picks the latest occurrence not after dct,
// future the earliest not before it. The tense only chooses between nearby readings, though: a
// tensed reading more than four months away loses to a reading within two months ("a June 1
// deadline has been set", written on May 28).
func monthDayYear(dct time.Time, m, d int, dir tense) int {
	y := dct.Year()
	key := func(yy int) time.Time {
		if d == 0 {
			return mkdate(yy, m, 1)
		}
		return mkdate(yy, m, min(d, daysIn(yy, m)))
	}
	cur := dct
	if d == 0 {
		cur = mkdate(dct.Year(), int(dct.Month()), 1)
	}
	best, bestDiff := y, time.Duration(1<<62)
	for _, yy := range []int{y - 1, y, y + 1} {
		diff := key(yy).Sub(cur)
		if diff < 0 {
			diff = -diff * 9 / 10
		}
		if diff < bestDiff {
			best, bestDiff = yy, diff
		}
	}
	want := best
	if d == 0 && dir == tenseNone {
		// a bare month in an untensed sentence is this year's ("a mission in December"); in a
		// present-tense one it is the nearest ("the summit is in April", written in December)
		want = y
	}
	switch dir {
	case tensePast:
		want = y
		if key(y).After(cur) {
			want = y - 1
		}
	case tenseFuture:
		want = y
		if key(y).Before(cur) {
			want = y + 1
		}
	}
	if (dir == tensePast || dir == tenseFuture) && abs(key(want).Sub(cur)) > 150*24*time.Hour && abs(key(best).Sub(cur)) <= 100*24*time.Hour {
		return best
	}
	return want
}

// shift moves dct by n units (Y, M, W, D, Q, DE, CE) and formats it at that unit's granularity.
func shift(dct time.Time, unit string, n int) string {
	switch unit {
	case "Y":
		return fmtYear(dct.Year() + n)
	case "M":
		t := mkdate(dct.Year(), int(dct.Month())+n, 1)
		return fmtMonth(t.Year(), int(t.Month()))
	case "W":
		return fmtWeek(dct.AddDate(0, 0, 7*n))
	case "D":
		return fmtDay(dct.AddDate(0, 0, n))
	case "Q":
		q := dct.Year()*4 + quarterOf(int(dct.Month())) - 1 + n
		return fmt.Sprintf("%04d-Q%d", q/4, q%4+1)
	case "DE":
		return fmt.Sprintf("%03d", (dct.Year()+10*n)/10)
	case "CE":
		return fmt.Sprintf("%02d", (dct.Year()+100*n)/100)
	case "H", "MIN", "S":
		return fmtDay(dct)
	}
	return ""
}

// weekendOf returns the TIMEX3 value of the weekend of dct's week shifted by n weeks.
func weekendOf(dct time.Time, n int) string {
	return fmtWeek(dct.AddDate(0, 0, 7*n)) + "-WE"
}

// durationValue renders a TIMEX3 duration of qty units ("3", "X", "1.5").
func durationValue(qty, unit string) string {
	switch unit {
	case "H", "S":
		return "PT" + qty + unit
	case "MIN":
		return "PT" + qty + "M"
	case "DE":
		if qty == "X" {
			return "PXDE"
		}
		return "P" + mulQty(qty, 10) + "Y"
	case "CE":
		if qty == "X" {
			return "PXCE"
		}
		return "P" + mulQty(qty, 100) + "Y"
	case "WE":
		return "P" + qty + "WE"
	}
	return "P" + qty + unit
}

func mulQty(qty string, k int) string {
	var n int
	if _, err := fmt.Sscanf(qty, "%d", &n); err != nil || fmt.Sprint(n) != qty {
		return qty + "0"
	}
	return fmt.Sprint(n * k)
}
