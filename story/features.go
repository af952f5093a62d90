package story

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// maxTextBytes bounds the text read for features: the lead of an article says what it is about,
// and the bound keeps the work per article constant on huge input.
const maxTextBytes = 32 << 10

// Features is the compact description of one article the clusterer works with. Terms and
// Entities map a feature string to its weight (log-scaled term frequency); Events counts event
// types; Lo and Hi bound the article's date (zero when unknown).
type Features struct {
	Terms    map[string]float64 `json:"t"`
	Entities map[string]float64 `json:"e"`
	Events   map[string]float64 `json:"v,omitempty"`
	Lo       time.Time          `json:"lo,omitzero"`
	Hi       time.Time          `json:"hi,omitzero"`
	// Lead is the article's first sentence-like line, used for story summaries.
	Lead string `json:"l,omitempty"`
	// Title is the article's headline, when known.
	Title string `json:"h,omitempty"`
}

// Dated reports whether the features carry a date.
func (f *Features) Dated() bool { return !f.Lo.IsZero() }

// Extract computes the features of a. It uses what the analysis stages filled (actor codes,
// mentions, events, time expressions) and falls back on words and capitalised names when they are
// empty, so it works on clean text alone. At most maxTerms terms and maxEntities entities are kept,
// the strongest first.
func Extract(a *sitrep.Article, maxTerms, maxEntities int) *Features {
	f := &Features{Terms: map[string]float64{}, Entities: map[string]float64{}, Title: a.Title}
	body := a.Text
	if len(body) > maxTextBytes {
		body = body[:maxTextBytes]
		for len(body) > 0 && !utf8.ValidString(body[len(body)-4:]) {
			body = body[:len(body)-1]
		}
	}
	text := body
	if a.Title != "" && !strings.HasPrefix(body, a.Title) {
		text = a.Title + "\n" + body
	}
	tf := map[string]int{}
	ef := map[string]int{}
	scanText(text, tf, ef)
	for _, ac := range a.Actors {
		if ac.Code != "" {
			ef["a:"+strings.ToUpper(ac.Code)] += 2
			if len(ac.Code) > 3 {
				ef["a:"+strings.ToUpper(ac.Code[:3])]++
			}
		}
		if ac.Country != "" {
			ef["a:"+strings.ToUpper(ac.Country)]++
		}
		if ac.Type == sitrep.ActorPerson && ac.Name != "" {
			ef["n:"+strings.ToLower(ac.Name)] += 2
		}
	}
	for _, m := range a.Mentions {
		if m.Type == sitrep.MentionPlace && m.Text != "" {
			ef["p:"+strings.ToLower(m.Text)]++
		}
	}
	if a.Dateline != "" {
		ef["p:"+strings.ToLower(a.Dateline)] += 2
	}
	for _, e := range a.Events {
		if !e.Happened() {
			continue
		}
		if f.Events == nil {
			f.Events = map[string]float64{}
		}
		if e.PLOVER != "" {
			f.Events[e.PLOVER]++
		} else if len(e.CAMEO) >= 2 {
			f.Events["c"+e.CAMEO[:2]]++
		}
	}
	f.Terms = topWeights(tf, maxTerms)
	f.Entities = topWeights(ef, maxEntities)
	f.Lo, f.Hi = articleDates(a, text)
	f.Lead = leadSentence(a.Title, body)
	return f
}

// topWeights converts counts to 1+log(count) weights and keeps the n largest (ties by key).
func topWeights(c map[string]int, n int) map[string]float64 {
	type kv struct {
		k string
		v int
	}
	all := make([]kv, 0, len(c))
	for k, v := range c {
		all = append(all, kv{k, v})
	}
	if len(all) > n {
		slices.SortFunc(all, func(a, b kv) int {
			if a.v != b.v {
				return b.v - a.v
			}
			return strings.Compare(a.k, b.k)
		})
		all = all[:n]
	}
	out := make(map[string]float64, len(all))
	for _, e := range all {
		out[e.k] = 1 + logf(float64(e.v))
	}
	return out
}

// leadTokens word tokens open the article (headline and lead); their words and names count
// leadBoost times, because the lead says which happening the article reports.
const (
	leadTokens = 40
	leadBoost  = 3
)

// scanText counts word terms into tf and capitalised names into ef. A capitalised word counts as a
// name unless it opens a sentence or line and is not seen capitalised elsewhere in the text.
func scanText(s string, tf, ef map[string]int) {
	type tok struct {
		w       string
		cap     bool
		initial bool // opens a sentence or a line
		brk     bool // a break (punctuation other than inner hyphen) follows
		line    int32
		lw      string // lower case, without a possessive 's
	}
	toks := make([]tok, 0, len(s)/6)
	initial := true
	var line int32
	for i := 0; i < len(s); {
		r, n := decode(s, i)
		if isWordRune(r) {
			j := i + n
			for j < len(s) {
				r2, n2 := decode(s, j)
				if isWordRune(r2) {
					j += n2
					continue
				}
				// Inner '-', apostrophes and '.' between letters or digits stay in the token, and ','
				// between digits ("1,800").
				if j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					inner := unicode.IsLetter(r3) || unicode.IsDigit(r3)
					switch r2 {
					case '-', '\'', '’', '.':
					case ',':
						inner = inner && isDigitByte(s[j-1]) && isDigitByte(s[j+n2])
					default:
						inner = false
					}
					if inner {
						j += n2
						continue
					}
				}
				break
			}
			w := s[i:j]
			lw := strings.ToLower(w)
			if strings.Contains(lw, "’") {
				lw = strings.ReplaceAll(lw, "’", "'")
			}
			lw = strings.TrimSuffix(lw, "'s")
			toks = append(toks, tok{w: w, cap: unicode.IsUpper(r), initial: initial, line: line, lw: lw})
			initial = false
			i = j
			continue
		}
		switch r {
		case '.', '!', '?', '\n', ':', ';', '"', '“', '”', '(', ')', '|', '–', '—':
			initial = initial || r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '"' || r == '“' || r == '|'
			if len(toks) > 0 {
				toks[len(toks)-1].brk = true
			}
		case ',':
			if len(toks) > 0 {
				toks[len(toks)-1].brk = true
			}
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	// In a title-cased line (a headline: "Lohan Leaves Betty Ford, Checks Into Rehab") capitals
	// say nothing, so its words count as names only when the rest of the text capitalises them
	// mid-sentence too.
	// Per line: words that are not function words, and how many of them are capitalised.
	words := make([]int32, line+1)
	caps := make([]int32, line+1)
	for _, t := range toks {
		if len(t.lw) < 2 || stopwords[t.lw] || isDigitByte(t.w[0]) {
			continue
		}
		words[t.line]++
		if t.cap {
			caps[t.line]++
		}
	}
	titled := make([]bool, line+1)
	for l := range titled {
		titled[l] = words[l] >= 4 && 10*caps[l] >= 9*words[l]
	}
	midCaps := map[string]bool{}
	for _, t := range toks {
		if t.cap && !t.initial && !titled[t.line] {
			midCaps[t.w] = true
		}
	}
	var name []string
	nameBoost := 1
	flush := func() {
		if len(name) == 0 {
			return
		}
		for _, p := range name {
			ef["n:"+p] += nameBoost
		}
		if len(name) > 1 {
			ef["n:"+strings.Join(name, " ")] += nameBoost
		}
		name = name[:0]
		nameBoost = 1
	}
	for ti, t := range toks {
		boost := 1
		if ti < leadTokens {
			boost = leadBoost
		}
		lw := t.lw
		isName := t.cap && !stopwords[lw] && ((!t.initial && !titled[t.line]) || midCaps[t.w]) && !isAllCapsLong(t.w) && !months[lw] && !weekdays[lw]
		if isName {
			name = append(name, lw)
			nameBoost = max(nameBoost, boost)
		} else {
			flush()
		}
		if t.brk {
			flush()
		}
		if stopwords[lw] || len(lw) < 2 {
			continue
		}
		if isNumber(lw) {
			// Bare numbers are weak evidence but ages, tolls and magnitudes help separate stories.
			tf["#"+lw] += boost
			continue
		}
		tf[stem(lw)] += boost
	}
	flush()
}

// decode returns the rune at s[i] and its width, with an ASCII fast path.
func decode(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isWordRune reports letters and digits, with an ASCII fast path.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isAllCapsLong reports shouted words of headlines ("KURDS PLEA FOR"), which are not names.
func isAllCapsLong(w string) bool {
	if len(w) < 5 {
		return false
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func isNumber(w string) bool {
	for _, r := range w {
		if !(r >= '0' && r <= '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// stem removes common English inflections so that "strikes", "striking" and "struck" do not all
// count apart; it is deliberately light (plural and -ing/-ed endings only).
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return w[:n-1]
	}
	return w
}

// leadSentence returns the article's first substantial line or sentence, bounded in length.
func leadSentence(title, body string) string {
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimSpace(line)
		if len(strings.Fields(line)) < 8 || line == title {
			continue
		}
		if i := sentenceEnd(line); i > 0 {
			line = line[:i]
		}
		if len(line) > 400 {
			cut := strings.LastIndexByte(line[:400], ' ')
			if cut < 200 {
				cut = 400
			}
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = line[:cut] + "…"
		}
		return line
	}
	return ""
}

// sentenceEnd returns the end of the first sentence of s (after ". " preceded by a lower-case
// word of two or more letters), or -1.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && i >= 2 {
			if s[i-1] >= 'a' && s[i-1] <= 'z' && s[i-2] >= 'a' && s[i-2] <= 'z' {
				return i + 1
			}
		}
	}
	return -1
}

// articleDates returns the interval the article is dated to: its publication day, else the
// inferred publication range, else the latest day the timex stage anchored on the text, else a date
// in the first lines of its text (a dateline such as "April 11, 2013"). Zero when unknown: years
// alone are not used, because articles mention past and future years freely.
func articleDates(a *sitrep.Article, text string) (lo, hi time.Time) {
	if a.Published != nil && !a.Published.IsZero() {
		d := a.Published.UTC().Truncate(24 * time.Hour)
		return d, d
	}
	if p := a.PublishedInferred; p != nil && !p.Earliest.IsZero() && !p.Latest.IsZero() && !p.Latest.Before(p.Earliest) {
		return p.Earliest.UTC(), p.Latest.UTC()
	}
	if lo, hi = removedDate(a.Removed); !lo.IsZero() {
		return lo, hi
	}
	return textDates(a.Timexes, text)
}

// removedDate finds a full date in the lines the cleaner removed as date, byline or dateline
// lines ("First Published: June 13, 2013 4:59 PM EDT", "Friday, November 11, 2011"): such a line
// near the headline is the article's publication date.
func removedDate(rs []sitrep.Removal) (lo, hi time.Time) {
	for i, r := range rs {
		if i >= 16 {
			break
		}
		if len(r.Text) > 120 {
			continue
		}
		if d, ok := firstFullDate(r.Text); ok {
			return d, d
		}
		if d, ok := numericDate(r.Text); ok {
			return d, d
		}
	}
	return time.Time{}, time.Time{}
}

// timexHeadBytes bounds where a full date found by the timex stage may date the article: a date
// in the headline, dateline or lead is the report's own; dates further down are usually of
// earlier happenings the report recalls.
const timexHeadBytes = 400

// textDates infers a date interval from time expressions or, failing that, from the text itself.
func textDates(tx []sitrep.TimeExpr, text string) (lo, hi time.Time) {
	// The latest full date that the timex stage anchored on the text is the best evidence.
	var best time.Time
	for _, t := range tx {
		if len(t.Value) >= 10 && t.Anchor == "text" && t.Start < timexHeadBytes {
			if d, err := time.Parse("2006-01-02", t.Value[:10]); err == nil && d.After(best) {
				best = d
			}
		}
	}
	if !best.IsZero() {
		return best, best
	}
	if d, ok := firstFullDate(text); ok {
		return d, d
	}
	// A short line among the first three with a numeric date ("Posted: 04/9/2012 8:33 am").
	head := text
	for i := 0; i < 3 && head != ""; i++ {
		line, rest, _ := strings.Cut(head, "\n")
		head = rest
		if len(line) <= 120 {
			if d, ok := numericDate(line); ok {
				return d, d
			}
		}
	}
	return time.Time{}, time.Time{}
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// firstFullDate finds a "Month D, YYYY" or "D Month YYYY" date in the first lines of text.
func firstFullDate(text string) (time.Time, bool) {
	head := text
	if len(head) > 400 {
		head = head[:400]
	}
	f := strings.FieldsFunc(strings.ToLower(head), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	for i := range f {
		f[i] = trimOrdinal(f[i])
	}
	for i := 0; i+2 < len(f); i++ {
		m, ok := monthNum[f[i]]
		if ok {
			d, err1 := strconv.Atoi(f[i+1])
			y, err2 := strconv.Atoi(f[i+2])
			if err1 == nil && err2 == nil && d >= 1 && d <= 31 && y >= 1950 && y <= 2100 {
				return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
			}
		}
		if m, ok := monthNum[f[i+1]]; ok {
			d, err1 := strconv.Atoi(f[i])
			y, err2 := strconv.Atoi(f[i+2])
			if err1 == nil && err2 == nil && d >= 1 && d <= 31 && y >= 1950 && y <= 2100 {
				return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
			}
		}
	}
	return time.Time{}, false
}

// trimOrdinal turns "22nd", "1st", "3rd" and "4th" into the bare number.
func trimOrdinal(w string) string {
	if len(w) < 3 || len(w) > 4 || !isDigitByte(w[0]) {
		return w
	}
	switch w[len(w)-2:] {
	case "st", "nd", "rd", "th":
		if isDigitByte(w[len(w)-3]) {
			return w[:len(w)-2]
		}
	}
	return w
}

// numericDate finds a numeric date in a short line: "2013-06-14", "14/09/2013", "6/6/2013",
// "04/02/07" or "08.07.2012". Day and month are told apart when one of them exceeds 12;
// otherwise month first is assumed (the common order in English-language news).
func numericDate(s string) (time.Time, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return !(isWordRune(r) || r == '/' || r == '-' || r == '.') })
	for _, w := range f {
		w = strings.Trim(w, ".-/")
		var sep byte
		for _, b := range []byte{'/', '-', '.'} {
			if strings.Count(w, string(b)) == 2 {
				sep = b
				break
			}
		}
		if sep == 0 {
			continue
		}
		p := strings.Split(w, string(sep))
		n := [3]int{}
		ok := true
		for i, x := range p {
			v, err := strconv.Atoi(x)
			if err != nil || len(x) == 0 || len(x) > 4 {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok {
			continue
		}
		var y, m, d int
		switch {
		case len(p[0]) == 4:
			y, m, d = n[0], n[1], n[2]
		case len(p[2]) == 4 || len(p[2]) == 2:
			y = n[2]
			if len(p[2]) == 2 {
				y += 2000
				if y > 2069 {
					y -= 100
				}
			}
			m, d = n[0], n[1]
			if m > 12 {
				m, d = d, m
			}
		default:
			continue
		}
		if y < 1950 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
			continue
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

var monthNum = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var months = func() map[string]bool {
	m := map[string]bool{}
	for k := range monthNum {
		if len(k) > 3 {
			m[k] = true
		}
	}
	return m
}()

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tomorrow": true,
}
