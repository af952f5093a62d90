package event

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// GDELTColumns is the number of columns of a GDELT 2.0 event-table row.
const GDELTColumns = 61

// nonCountry lists CAMEO actor prefixes that are not countries.
var nonCountry = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "INT": true, "UIS": true}

// WriteGDELT writes the events of a as rows of the GDELT 2.0 event table (tab-separated, 61
// columns, no header). It fills the identity, date, actor, event-code, Goldstein and count
// columns and DATEADDED and SOURCEURL; tone and geography columns are left empty. Only events
// that happened (asserted or reported) are written, as GDELT records no others.
func WriteGDELT(w io.Writer, a *sitrep.Article) error {
	bw := bufio.NewWriter(w)
	added := a.IngestedAt
	if added.IsZero() && a.Published != nil {
		added = *a.Published
	}
	rootEnd := len(a.Text)
	if i := strings.Index(a.Text, "\n\n"); i >= 0 {
		rootEnd = i
	}
	row := make([]string, GDELTColumns)
	for _, e := range a.Events {
		if !e.Happened() || e.CAMEO == "" {
			continue
		}
		for i := range row {
			row[i] = ""
		}
		row[0] = strconv.FormatUint(gdeltID(a, e), 10)
		if d, ok := eventDate(e.Date); ok {
			row[1] = d.Format("20060102")
			row[2] = d.Format("200601")
			row[3] = d.Format("2006")
			row[4] = strconv.FormatFloat(float64(d.Year())+float64(d.YearDay()-1)/365, 'f', 4, 64)
		}
		fillActor(row[5:15], e.Source)
		fillActor(row[15:25], e.Target)
		if e.Start < rootEnd {
			row[25] = "1"
		} else {
			row[25] = "0"
		}
		row[26] = e.CAMEO
		row[27] = e.CAMEO[:min(3, len(e.CAMEO))]
		row[28] = e.CAMEO[:min(2, len(e.CAMEO))]
		row[29] = strconv.Itoa(e.QuadClass)
		row[30] = strconv.FormatFloat(e.Goldstein, 'f', 1, 64)
		row[31], row[32], row[33] = "1", "1", "1"
		if !added.IsZero() {
			row[59] = added.UTC().Format("20060102150405")
		}
		row[60] = clean(a.URL)
		if _, err := bw.WriteString(strings.Join(row, "\t") + "\n"); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// fillActor fills the ten actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
func fillActor(cols []string, ea sitrep.EventActor) {
	code := ea.Code
	if code == "" {
		return
	}
	cols[0] = code
	cols[1] = strings.ToUpper(clean(ea.Text))
	prefix := actorPrefix(code)
	rest := ""
	if len(code) > 3 {
		rest = code[3:]
	}
	if nonCountry[prefix] {
		cols[3] = prefix
	} else {
		cols[2] = prefix
	}
	for i := 0; i < 3 && len(rest) >= 3; i++ {
		cols[7+i] = rest[:3]
		rest = rest[3:]
	}
}

// clean removes tabs and line breaks, which would break the row.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// eventDate parses an event date (YYYY-MM-DD, YYYY-MM, YYYY, or an ISO week YYYY-Www with an
// optional -WE for its weekend); coarser dates take their first day.
func eventDate(s string) (time.Time, bool) {
	if len(s) >= 8 && s[4] == '-' && s[5] == 'W' {
		y, err1 := strconv.Atoi(s[:4])
		w, err2 := strconv.Atoi(s[6:8])
		if err1 == nil && err2 == nil && w >= 1 && w <= 53 {
			// ISO week 1 holds January 4th; weeks start on Monday
			jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
			monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
			if strings.HasSuffix(s, "-WE") {
				monday = monday.AddDate(0, 0, 5)
			}
			return monday, true
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) >= len(layout) {
			if d, err := time.Parse(layout, s[:len(layout)]); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// gdeltID returns a stable positive id for an event of an article.
func gdeltID(a *sitrep.Article, e sitrep.Event) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%d|%d|%s|%s|%s|%s", a.ID, a.URL, e.Start, e.End, e.Trigger, e.Source.Code, e.Target.Code, e.CAMEO)
	return h.Sum64() >> 1
}
