package http

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// EscalationSVG draws an escalation series as an inline SVG chart: bars for the daily event
// counts (right axis) and a line for the daily mean Goldstein value (left axis, −10 conflictual
// to +10 cooperative) with dots for the daily minimum, on a time-scaled x axis. Every piece of
// text in it is escaped. An empty series yields a short "no dated events" chart.
func EscalationSVG(points []sitrep.EscalationPoint, width, height int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-title">`, width, height)
	b.WriteString(`<title id="chart-title">Escalation index (mean Goldstein value per day) and event counts</title>`)
	type pt struct {
		t time.Time
		p sitrep.EscalationPoint
	}
	var pts []pt
	for _, p := range points {
		t, err := time.Parse("2006-01-02", p.Date)
		if err != nil {
			continue
		}
		pts = append(pts, pt{t, p})
	}
	if len(pts) == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="muted">No dated events yet.</text></svg>`, width/2, height/2)
		return b.String()
	}
	const left, right, top, bottom = 44.0, 36.0, 14.0, 34.0
	w, h := float64(width)-left-right, float64(height)-top-bottom
	t0, t1 := pts[0].t, pts[len(pts)-1].t
	span := t1.Sub(t0).Hours() / 24
	if span < 1 {
		span = 1
		t0 = t0.Add(-12 * time.Hour)
	}
	x := func(t time.Time) float64 { return left + w*(t.Sub(t0).Hours()/24)/span }
	y := func(g float64) float64 { return top + h*(10-math.Max(-10, math.Min(10, g)))/20 }
	maxCount := 1
	for _, p := range pts {
		maxCount = max(maxCount, p.p.Count)
	}
	// Axes and grid: Goldstein −10, −5, 0, 5, 10.
	for _, g := range []float64{-10, -5, 0, 5, 10} {
		cls := "grid"
		if g == 0 {
			cls = "axis"
		}
		fmt.Fprintf(&b, `<line class="%s" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, cls, left, left+w, y(g), y(g))
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%+.0f</text>`, left-6, y(g)+4, g)
	}
	fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="start">%d</text>`, left+w+6, top+8, maxCount)
	fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="start">0</text>`, left+w+6, top+h)
	// Count bars.
	barW := math.Max(3, math.Min(14, w/float64(len(pts))/1.5))
	for _, p := range pts {
		bh := h * 0.45 * float64(p.p.Count) / float64(maxCount)
		fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %d events</title></rect>`,
			x(p.t)-barW/2, top+h-bh, barW, bh, html.EscapeString(p.p.Date), p.p.Count)
	}
	// Mean line and minimum dots.
	var path strings.Builder
	for i, p := range pts {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(p.t), y(p.p.Mean))
	}
	fmt.Fprintf(&b, `<path class="line" d="%s"/>`, strings.TrimSpace(path.String()))
	for _, p := range pts {
		fmt.Fprintf(&b, `<circle class="min" cx="%.1f" cy="%.1f" r="2.5"><title>%s: minimum %.1f</title></circle>`,
			x(p.t), y(p.p.Min), html.EscapeString(p.p.Date), p.p.Min)
		fmt.Fprintf(&b, `<circle class="mean" cx="%.1f" cy="%.1f" r="3.5"><title>%s: mean %.2f over %d events</title></circle>`,
			x(p.t), y(p.p.Mean), html.EscapeString(p.p.Date), p.p.Mean, p.p.Count)
	}
	// Month ticks on the x axis.
	m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(t0) {
		m = m.AddDate(0, 1, 0)
	}
	for n := 0; !m.After(t1) && n < 36; n++ {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, x(m), x(m), top, top+h)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x(m), top+h+16, m.Format("Jan 2006"))
		m = m.AddDate(0, 1, 0)
	}
	if len(pts) == 1 || t1.Sub(t0) < 40*24*time.Hour {
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="start">%s</text>`, left, top+h+30, html.EscapeString(pts[0].p.Date))
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, left+w, top+h+30, html.EscapeString(pts[len(pts)-1].p.Date))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
