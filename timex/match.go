package timex

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

const (
	wordKind   = text.Word
	numberKind = text.Number
)

// tk is a token as the rules see it. It holds no pointers, so token arrays are cheap to fill and
// to recycle.
type tk struct {
	s, e int
	sent int
	kind text.Kind
	cap  bool
	// sp is true when whitespace (or the start of the text) precedes the token.
	sp bool
	// trig is true when an expression may begin at the token (see trigger).
	trig bool
	// cue caches cue(k) + 1 (0: not yet computed).
	cue int8
}

// hit is one matched expression over tokens [i, j).
type hit struct {
	i, j   int
	typ    string
	val    string
	mod    string
	anchor string
	// day is the calendar day the expression fixes (zero when it fixes none); times later in the
	// sentence attach to it. full is true for explicit dates with a year, month and day.
	day  time.Time
	full bool
	// lower is the earliest day the expression can denote, for dates fixed by the text alone.
	lower time.Time
	// derived marks quarters computed from an earlier quarter ("a year ago" in a results report);
	// they do not themselves set the report's quarter.
	derived bool
	// dctDay marks a clock time that took the publication day for want of a day before it in
	// its sentence; a day named later in the sentence replaces it (see run).
	dctDay bool
}

// matcher runs the rules over one document.
type matcher struct {
	lx   *lexicon
	text string
	t    []tk
	// lows holds the lower-cased form of every token (see low): a slice of text for most, of a
	// per-article buffer for the others.
	lows   []string
	dct    time.Time
	hasDCT bool
	hits   []hit
}

func newMatcher(lx *lexicon, d *text.Doc, dct *time.Time, maxTokens int) *matcher {
	n := len(d.Tokens)
	if n > maxTokens {
		n = maxTokens
	}
	m, _ := matchPool.Get().(*matcher)
	if m == nil {
		m = new(matcher)
	}
	m.lx, m.text, m.hits = lx, d.Text, m.hits[:0]
	if cap(m.t) >= n {
		m.t = m.t[:n]
	} else {
		m.t = make([]tk, n)
	}
	m.dct, m.hasDCT = time.Time{}, false
	if dct != nil {
		m.dct, m.hasDCT = *dct, true
	}
	// Every token is lower-cased once: the rules ask for the same lower-case forms many times.
	// A token that is already lower-case (most are: the tokenizer records it) is its own text;
	// the others are written to a per-article buffer that their strings share. The loop also
	// decides whether an expression may begin at each token, so that run skips the others at
	// once.
	s := d.Text
	toks := d.Tokens[:n]
	ts := m.t[:len(toks)]
	if cap(m.lows) >= n {
		m.lows = m.lows[:n]
	} else {
		m.lows = make([]string, n)
	}
	lows := m.lows[:len(toks)]
	var lb []byte // made on first use; never reused, so strings may share its bytes
	prevEnd := -1
	for i := range toks {
		src := &toks[i]
		t := &ts[i]
		*t = tk{s: src.Start, e: src.End, sent: src.Sent, kind: src.Kind, cap: src.Cap,
			sp: src.Start > prevEnd}
		w := s[src.Start:src.End]
		lows[i] = w
		prevEnd = src.End
		switch src.Kind {
		case text.Word:
			if lower, known := src.LowerASCII(); lower && known {
				t.trig = lx.wordTrigger(w, src)
				continue
			}
		case text.Number:
			t.trig = true
			if lower, known := src.LowerASCII(); lower && known {
				continue
			}
		case text.Possessive, text.Quote:
		default:
			continue
		}
		lb, lows[i] = lowerToken(lx, t, w, src, lb)
	}
	return m
}

// wordTrigger reports whether an expression may begin at the lower-case ASCII word w (token src).
func (lx *lexicon) wordTrigger(w string, src *text.Token) bool {
	if len(w) > maxTriggerLen {
		return false
	}
	if lx.maybe(w) && lx.triggers.has(w, hashString(w)) {
		return true
	}
	if hyph, _ := src.HasHyphen(); hyph {
		// "mid-october", "two-year", "third-quarter", "decades-long": the part before the
		// hyphen may trigger too
		p := strings.IndexByte(w, '-')
		return p > 0 && lx.triggers.has(w[:p], hashString(w[:p]))
	}
	return false
}

// lowerToken appends to lb the lower-cased form of the token t (text w), which is not its own
// lower-case form, decides t.trig for words and quote marks, and returns lb and the form. The
// form shares lb's bytes, so lb must never be overwritten: it is made per article. Words and
// numbers are lower-cased (with ’ as '), a possessive is "'s", a double quote mark is `"` and
// any other quote mark is "'".
func lowerToken(lx *lexicon, t *tk, w string, src *text.Token, lb []byte) ([]byte, string) {
	if lb == nil {
		lb = make([]byte, 0, 512)
	}
	lo := len(lb)
	switch t.kind {
	case text.Word, text.Number:
		ascii := isASCII(w, src)
		if ascii {
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				lb = append(lb, c)
			}
		} else {
			l := strings.ToLower(w)
			if strings.Contains(l, "’") {
				l = strings.ReplaceAll(l, "’", "'")
			}
			lb = append(lb, l...)
		}
		if t.kind == text.Word && len(w) <= maxTriggerLen {
			if ascii {
				key := unsafe.String(unsafe.SliceData(lb[lo:]), len(w))
				t.trig = lx.maybe(key) && lx.triggers.has(key, hashString(key))
				if hyph, known := src.HasHyphen(); !t.trig && (hyph || !known) {
					if p := strings.IndexByte(key, '-'); p > 0 {
						t.trig = lx.triggers.has(key[:p], hashString(key[:p]))
					}
				}
			} else {
				t.trig = asciiTrigger(lx, w)
			}
		}
	case text.Possessive:
		lb = append(lb, "'s"...)
	case text.Quote:
		if w == "\"" || w == "“" || w == "”" {
			lb = append(lb, '"')
		} else {
			lb = append(lb, '\'')
		}
		t.trig = w[0] == '\'' || strings.HasPrefix(w, "’")
	}
	return lb, unsafe.String(unsafe.SliceData(lb[lo:]), len(lb)-lo)
}

// isASCII reports whether the text w of token src is all ASCII, from the shape the tokenizer
// recorded when it is known.
func isASCII(w string, src *text.Token) bool {
	if ascii, known := src.ASCII(); known {
		return ascii
	}
	for k := 0; k < len(w); k++ {
		if w[k] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matchPool recycles matchers, with their arrays, between articles.
var matchPool sync.Pool

// release returns m to the pool; m must not be used afterwards.
func (m *matcher) release() {
	if cap(m.t) > 1<<16 || cap(m.hits) > 1<<12 {
		return
	}
	clear(m.lows) // let the article's text and values go
	clear(m.hits)
	m.lx, m.text, m.t, m.lows = nil, "", m.t[:0], m.lows[:0]
	matchPool.Put(m)
}

// low returns the lower-cased text of token i, or "" past the end. Words and numbers are
// lower-cased (with ’ as '), a possessive is "'s", a double quote mark is `"` and any other
// quote mark is "'".
func (m *matcher) low(i int) string {
	if uint(i) >= uint(len(m.lows)) {
		return ""
	}
	return m.lows[i]
}

// kind returns the kind of token i, or text.Punct past either end.
func (m *matcher) kind(i int) text.Kind {
	if i < 0 || i >= len(m.t) {
		return text.Punct
	}
	return m.t[i].kind
}

// glued reports whether token i exists and touches the token before it.
func (m *matcher) glued(i int) bool { return i > 0 && i < len(m.t) && !m.t[i].sp }

// sameSent reports whether tokens i and j exist and share a sentence.
func (m *matcher) sameSent(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(m.t) && j < len(m.t) && m.t[i].sent == m.t[j].sent
}

// run finds all expressions, longest match first at each position, left to right.
func (m *matcher) run() []sitrep.TimeExpr {
	for i := 0; i < len(m.t); {
		if !m.t[i].trig {
			i++
			continue
		}
		h, ok := m.at(i)
		if !ok {
			i++
			continue
		}
		if n := len(m.hits); n > 0 && h.i < m.hits[n-1].j {
			h.i = m.hits[n-1].j // a rule that reaches back ("right now") never overlaps the last hit
		}
		if h.i >= h.j {
			i = max(h.j, i+1)
			continue
		}
		m.approx(&h)
		m.hits = append(m.hits, h)
		i = h.j
	}
	out := make([]sitrep.TimeExpr, len(m.hits))
	for n := range m.hits {
		h := &m.hits[n]
		out[n] = sitrep.TimeExpr{
			Text: m.text[m.t[h.i].s:m.t[h.j-1].e], Start: m.t[h.i].s, End: m.t[h.j-1].e,
			Type: h.typ, Value: h.val, Mod: h.mod, Anchor: h.anchor,
		}
	}
	// "at about 10:35 a.m. (0735 GMT) Friday": a clock time with no day before it takes the
	// first day named after it in the same sentence.
	for n := range m.hits {
		if !m.hits[n].dctDay {
			continue
		}
		sent := m.t[m.hits[n].i].sent
		for k := n + 1; k < len(m.hits) && m.t[m.hits[k].i].sent == sent; k++ {
			if d := m.hits[k].day; !d.IsZero() {
				if v := out[n].Value; len(v) > 10 && v[10] == 'T' {
					out[n].Value = fmtDay(d) + v[10:]
				}
				break
			}
		}
	}
	return out
}

// Read-only lookup tables of the rules.
var (
	thisLastNext = map[string]int{"this": 0, "last": -1, "next": 1}
	dayOffset    = map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
	modWords     = map[string]string{
		"earlier": "START", "later": "END", "end": "END", "beginning": "START", "start": "START",
		"middle": "MID", "turn": "START", "close": "END", "early": "START", "late": "END", "mid": "MID",
		"more": "MORE_THAN", "less": "LESS_THAN", "fewer": "LESS_THAN",
	}
)

// decadeWords give the decade digit of "the twenties" … "the nineties".
var decadeWords = map[string]string{"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5",
	"sixties": "6", "seventies": "7", "eighties": "8", "nineties": "9"}

// theWords are the non-trigger words after "the" that the rules of the and eventAt read.
var theWords = map[string]bool{
	"future": true, "near": true, "distant": true, "foreseeable": true, "immediate": true,
	"past": true, "present": true, "moment": true, "end": true, "beginning": true, "start": true,
	"middle": true, "turn": true, "close": true, "same": true, "comparable": true,
	"corresponding": true, "latest": true, "final": true, "long": true, "short": true, "medium": true,
	"time": true, "day": true, "full": true, "entire": true, "whole": true, "twenties": true, "thirties": true, "forties": true, "fifties": true,
	"sixties": true, "seventies": true, "eighties": true, "nineties": true,
}

// ruleTriggers are the words that can begin an expression besides numbers and lexicon words;
// they are merged into the lexicon's trigger set.
var ruleTriggers = map[string]bool{
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "now": true,
	"currently": true, "nowadays": true, "presently": true, "recently": true, "lately": true,
	"previously": true, "soon": true, "recent": true, "this": true, "last": true, "next": true,
	"past": true, "coming": true, "previous": true, "following": true, "the": true, "early": true,
	"late": true, "mid": true, "earlier": true, "later": true, "every": true, "each": true,
	"more": true, "less": true, "fewer": true, "at": true, "up": true, "no": true, "a": true,
	"an": true, "few": true, "several": true, "many": true, "some": true, "noon": true,
	"midday": true, "midnight": true, "'": true, "end": true, "q1": true, "q2": true, "q3": true,
	"q4": true, "h1": true, "h2": true, "fiscal": true, "upcoming": true, "half": true,
	"current": true, "weekend": true, "decades-long": true, "years-long": true, "months-long": true,
	"weeks-long": true, "days-long": true, "once": false, "within": true, "fy": true,
	"year-earlier": true, "year-ago": true, "these": true, "single": true, "year-end": true,
	"annual": true,
}

// trigger reports whether an expression may begin at token i (newMatcher decides it).
func (m *matcher) trigger(i int) bool { return m.t[i].trig }

// maxTriggerLen is the longest word trigger examines.
const maxTriggerLen = 24

// asciiTrigger reports whether the word w, lower-cased in ASCII only (trigger words are ASCII),
// is a trigger word or starts with one before a hyphen. newMatcher uses it for words with
// non-ASCII letters.
func asciiTrigger(lx *lexicon, w string) bool {
	var buf [maxTriggerLen]byte
	if len(w) > len(buf) {
		return false
	}
	hy := 0
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == '-' && hy == 0 {
			hy = k
		}
		buf[k] = c
	}
	key := buf[:len(w)]
	if lx.trigger[string(key)] {
		return true
	}
	return hy > 0 && lx.trigger[string(key[:hy])]
}

// at tries every rule at token i and returns the longest match.
func (m *matcher) at(i int) (hit, bool) {
	if !m.trigger(i) {
		return hit{}, false
	}
	best := hit{j: -1}
	try := func(h hit, ok bool) {
		if ok && h.j > best.j && h.j > h.i {
			best = h
		}
	}
	// Frequent function words start only a few rules.
	switch m.low(i) {
	case "the":
		if i+1 < len(m.t) && !m.trigger(i+1) && !theWords[m.low(i+1)] {
			return hit{}, false // "the" + an ordinary noun: nothing to match
		}
		try(m.the(i))
		try(m.eventAt(i))
		try(m.anaphoricDay(i))
		return best, best.j > 0
	case "a", "an", "few", "several", "many", "some":
		try(m.quantity(i))
		return best, best.j > 0
	case "these", "at", "up", "no", "more", "less", "fewer":
		if m.low(i) == "these" {
			try(m.deictic(i))
		} else {
			try(m.modified(i))
		}
		return best, best.j > 0
	}
	try(m.modified(i))
	try(m.date(i))
	try(m.deictic(i))
	try(m.relative(i))
	try(m.the(i))
	try(m.quantity(i))
	try(m.numeric(i))
	try(m.set(i))
	try(m.phraseAt(i, m.lx.holiday, true))
	try(m.eventAt(i))
	try(m.clock(i))
	try(m.bareUnits(i))
	try(m.yearAgoAdjective(i))
	try(m.season(i))
	try(m.yearEnd(i))
	if m.low(i) == "nineteen" || m.low(i) == "eighteen" {
		if y, j, ok := m.spokenYear(i); ok && m.low(i-1) != "the" {
			try(hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true)
		}
	}
	if best.j < 0 {
		return hit{}, false
	}
	return best, true
}

// approx looks before h for approximators that TimeML leaves outside the span ("about three
// weeks") and records their modifier.
func (m *matcher) approx(h *hit) {
	if h.mod != "" || h.i == 0 || !m.sameSent(h.i-1, h.i) {
		return
	}
	if h.typ != sitrep.TimexDuration && !strings.HasSuffix(m.low(h.j-1), "ago") {
		return
	}
	if m.low(h.i) == "the" {
		return
	}
	switch m.low(h.i - 1) {
	case "about", "around", "approximately", "roughly", "some", "nearly", "almost":
		h.mod = "APPROX"
	case "over":
		h.mod = "MORE_THAN"
	case "under":
		h.mod = "LESS_THAN"
	}
}

// ---- resolution helpers -------------------------------------------------------------------

// dated builds a DATE hit over [i, j) with value v computed from the publication date.
func (m *matcher) rel(i, j int, typ, v string) hit {
	if !m.hasDCT {
		return hit{i: i, j: j, typ: typ, val: "", anchor: "none"}
	}
	return hit{i: i, j: j, typ: typ, val: v, anchor: "published"}
}

func vague(i, j int, v string) hit {
	return hit{i: i, j: j, typ: sitrep.TimexDate, val: v, anchor: "text"}
}

// dayHit is a DATE (or TIME when part is set) fixed to day d from the publication date.
func (m *matcher) dayHit(i, j int, d time.Time, part string) hit {
	if !m.hasDCT {
		return hit{i: i, j: j, typ: typOf(part), anchor: "none"}
	}
	v := fmtDay(d)
	if part != "" {
		v += "T" + part
	}
	return hit{i: i, j: j, typ: typOf(part), val: v, anchor: "published", day: d}
}

func typOf(part string) string {
	if part != "" {
		return sitrep.TimexTime
	}
	return sitrep.TimexDate
}

// partday reads an optional part of day at k ("morning", "evening") and returns its code and the
// index after it.
func (m *matcher) partday(k int) (string, int) {
	if k < len(m.t) && m.sameSent(k-1, k) {
		if p, ok := m.lx.partday[m.low(k)]; ok && !strings.HasSuffix(m.low(k), "s") {
			return p, k + 1
		}
	}
	return "", k
}

// ---- numbers ------------------------------------------------------------------------------

// intTok parses token k as a plain integer ("12", "1st", "2024"); suffixes st/nd/rd/th allowed.
func (m *matcher) intTok(k int) (int, bool) {
	if k < 0 || k >= len(m.t) || m.t[k].kind != numberKind {
		return 0, false
	}
	s := m.low(k)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) {
			s = s[:len(s)-2]
			break
		}
	}
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

// qty parses a quantity at k: digits ("3", "1.5"), number words ("three", "twenty-five"), "a",
// "an", or vague quantifiers ("a few", "several", "a couple of") that give "X". It returns the
// quantity and the index after it.
func (m *matcher) qty(k int) (string, int, bool) {
	if k >= len(m.t) {
		return "", k, false
	}
	t := &m.t[k]
	if t.kind == numberKind {
		s := strings.ReplaceAll(m.low(k), ",", "")
		if _, err := strconv.ParseFloat(s, 64); err == nil && len(s) <= 6 {
			return s, k + 1, true
		}
		return "", k, false
	}
	if t.kind != wordKind {
		return "", k, false
	}
	w := m.low(k)
	switch w {
	case "a", "an":
		switch m.low(k + 1) {
		case "few":
			return "X", k + 2, true
		case "couple":
			if m.low(k+2) == "of" {
				return "2", k + 3, true
			}
			return "2", k + 2, true
		case "dozen":
			return "12", k + 2, true
		}
		return "1", k + 1, true
	case "few", "several", "many", "some":
		return "X", k + 1, true
	case "couple":
		if m.low(k+1) == "of" && (m.low(k-1) == "next" || m.low(k-1) == "past" || m.low(k-1) == "last" || m.low(k-1) == "the") {
			return "2", k + 2, true // "the next couple of years"
		}
	}
	if v, ok := m.lx.number[w]; ok {
		// "twenty five", "one hundred"
		if v >= 20 && v < 100 && v%10 == 0 {
			if u, ok := m.lx.number[m.low(k+1)]; ok && u < 10 {
				return strconv.Itoa(v + u), k + 2, true
			}
		}
		if m.low(k+1) == "hundred" && v < 10 {
			return strconv.Itoa(v * 100), k + 2, true
		}
		return strconv.Itoa(v), k + 1, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		va, oka := m.lx.number[a]
		vb, okb := m.lx.number[b]
		if oka && okb && va >= 20 && vb < 10 {
			return strconv.Itoa(va + vb), k + 1, true
		}
	}
	return "", k, false
}

// skipUnitAdjective steps over one adjective between a number and its unit ("five trading days",
// "six straight days", "two consecutive quarters") when a unit follows it.
func (m *matcher) skipUnitAdjective(k int) int {
	switch m.low(k) {
	case "trading", "business", "working", "straight", "consecutive", "successive", "full", "calendar", "more":
		if _, _, ok := m.unitAt(k + 1); ok {
			return k + 1
		}
	}
	return k
}

// unitAt reads a unit word at k and reports whether it is plural.
func (m *matcher) unitAt(k int) (string, bool, bool) {
	if k < 0 || k >= len(m.t) || m.t[k].kind != wordKind {
		return "", false, false
	}
	u, ok := m.lx.unit[m.low(k)]
	if !ok {
		return "", false, false
	}
	if u == "S" && (m.low(k+1) == "quarter" || m.low(k+1) == "half") {
		return "", false, false // "the 1988 second quarter"
	}
	w := m.low(k)
	return u, strings.HasSuffix(w, "s") && u != "S" || (u == "CE" && w == "centuries"), true
}

// yearTok parses a four-digit year at k (1000..2199).
func (m *matcher) yearTok(k int) (int, bool) {
	if k < 0 || k >= len(m.t) || m.t[k].kind != numberKind || len(m.low(k)) != 4 {
		return 0, false
	}
	v, ok := m.intTok(k)
	return v, ok && v >= 1000 && v < 2200
}

// ---- explicit dates -----------------------------------------------------------------------

// monthAt reads a month name at k ("October", "Oct", "Oct.", "Sept.") and returns its number and
// the index after it (after the abbreviation's period). Names must be capitalised.
func (m *matcher) monthAt(k int) (int, int, bool) {
	if k < 0 || k >= len(m.t) || m.t[k].kind != wordKind || !m.t[k].cap {
		return 0, k, false
	}
	mo, ok := m.lx.month[m.low(k)]
	if !ok {
		return 0, k, false
	}
	j := k + 1
	if w := m.low(k); m.low(j) == "." && m.glued(j) && len(w) <= 4 && w != "may" && w != "june" && w != "july" {
		j++
	}
	return mo, j, true
}

// date matches explicit dates: "[Thursday,] Oct. 1[, 2024]", "1 October 2024", "October 2024",
// "October", "Thursday [evening]", "mid-October".
func (m *matcher) date(i int) (hit, bool) {
	k := i
	wd := 0
	if w, ok := m.lx.weekday[m.low(i)]; ok && m.t[i].cap {
		wd = w
		k = i + 1
		short := len(m.low(i)) <= 4
		if m.low(k) == "." && short {
			k++
		}
		if m.low(k) == "," {
			k++
		}
		if short && k == i+1 {
			return hit{}, false // "Sun", "Sat", "Wed" alone are too ambiguous
		}
	}
	y, mo, d, j, ok := m.calendarDate(k)
	if !ok {
		if wd == 0 {
			return hit{}, false
		}
		if len(m.low(i)) <= 4 {
			return hit{}, false
		}
		return m.weekday(i, i+1, wd, ""), true
	}
	return m.finishDate(i, j, y, mo, d, ""), true
}

// calendarDate reads month-day-year patterns at k; any of y, d may be zero (unknown).
func (m *matcher) calendarDate(k int) (y, mo, d, j int, ok bool) {
	// Month first.
	if mo, j, ok := m.monthAt(k); ok {
		// day
		if v, ok2 := m.intTok(j); ok2 && v >= 1 && v <= 31 && len(strings.TrimRight(m.low(j), "stndrh")) <= 2 && m.sameSent(k, j) {
			jj := j + 1
			if m.low(jj) == "," && m.sameSent(j, jj+1) {
				if yy, ok3 := m.yearTok(jj + 1); ok3 {
					return yy, mo, v, jj + 2, true
				}
			}
			if yy, ok3 := m.yearTok(jj); ok3 {
				return yy, mo, v, jj + 1, true
			}
			return 0, mo, v, jj, true
		}
		// year
		jj := j
		if m.low(jj) == "," || m.low(jj) == "of" {
			jj++
		}
		if yy, ok2 := m.yearTok(jj); ok2 && m.sameSent(k, jj) {
			return yy, mo, 0, jj + 1, true
		}
		if yy, n, ok2 := m.spokenYear(jj); ok2 && m.sameSent(k, jj) {
			return yy, mo, 0, n, true // "January nineteen ninety-seven"
		}
		// month alone: "may" and "march" need context.
		w := m.low(k)
		if w == "may" || w == "march" || len(w) <= 4 && j == k+1 {
			switch m.low(k - 1) {
			case "in", "since", "until", "till", "by", "early", "late", "of", "through", "before",
				"after", "during", "from", "last", "next", "this", "mid", "between", "to", "and":
			default:
				return 0, 0, 0, 0, false
			}
			if w == "may" && m.low(k-1) == "and" || m.low(k-1) == "to" && w == "may" {
				return 0, 0, 0, 0, false
			}
			if j == k+1 && w != "may" && w != "june" && w != "july" && len(w) <= 4 && m.low(k-1) == "and" {
				return 0, 0, 0, 0, false // "and Jan Kavan": an abbreviation needs its period
			}
		}
		return 0, mo, 0, j, true
	}
	// Day first: "1 October 2024", "1st of October".
	if v, ok := m.intTok(k); ok && v >= 1 && v <= 31 && len(m.low(k)) <= 4 {
		jj := k + 1
		if m.low(jj) == "of" {
			jj++
		}
		if mo, j, ok2 := m.monthAt(jj); ok2 && m.sameSent(k, jj) {
			if m.low(j) == "," {
				if yy, ok3 := m.yearTok(j + 1); ok3 {
					return yy, mo, v, j + 2, true
				}
			}
			if yy, ok3 := m.yearTok(j); ok3 {
				return yy, mo, v, j + 1, true
			}
			return 0, mo, v, j, true
		}
	}
	// "mid-October"
	if w := m.low(k); strings.HasPrefix(w, "mid-") && m.t[k].kind == wordKind {
		if mo, ok := m.lx.month[w[4:]]; ok {
			return 0, mo, 0, k + 1, true
		}
	}
	return 0, 0, 0, 0, false
}

// finishDate normalises a calendar date over [i, j); mod may be preset.
func (m *matcher) finishDate(i, j, y, mo, d int, mod string) hit {
	if strings.HasPrefix(m.low(i), "mid-") {
		mod = "MID"
		if yy, ok := m.yearTok(j); ok && m.sameSent(i, j) {
			y, j = yy, j+1
		}
	}
	if d > 0 && y > 0 && d > daysIn(y, mo) {
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: "", anchor: "none"}
	}
	switch {
	case y > 0 && d > 0:
		t := mkdate(y, mo, d)
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtDay(t), mod: mod, anchor: "text", day: t, full: true, lower: t}
	case y > 0:
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtMonth(y, mo), mod: mod, anchor: "text", lower: mkdate(y, mo, 1)}
	}
	jOf := j
	if m.low(j) == "of" {
		jOf = j + 1 // "October of next year"
	}
	if n, ok := thisLastNext[m.low(jOf)]; ok && m.low(jOf+1) == "year" && m.hasDCT {
		// "June last year", "October of next year"
		y, j = m.dct.Year()+n, jOf+2
		if d > 0 && d <= daysIn(y, mo) {
			t := mkdate(y, mo, d)
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtDay(t), mod: mod, anchor: "published", day: t}
		}
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtMonth(y, mo), mod: mod, anchor: "published"}
	}
	if !m.hasDCT {
		v := fmt.Sprintf("XXXX-%02d", mo)
		if d > 0 {
			v += fmt.Sprintf("-%02d", d)
		}
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: v, mod: mod, anchor: "none"}
	}
	dir := m.tenseAround(i, j)
	yy := monthDayYear(m.dct, mo, d, dir)
	if d > 0 {
		if d > daysIn(yy, mo) {
			return hit{i: i, j: j, typ: sitrep.TimexDate, anchor: "none"}
		}
		t := mkdate(yy, mo, d)
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtDay(t), mod: mod, anchor: "published", day: t}
	}
	return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtMonth(yy, mo), mod: mod, anchor: "published"}
}

// weekday resolves a weekday name over [i, j) (plus an optional part of day) by tense.
func (m *matcher) weekday(i, j, wd int, mod string) hit {
	part, jj := m.partday(j)
	if !m.hasDCT {
		v := fmt.Sprintf("XXXX-WXX-%d", wd)
		if part != "" {
			v += "T" + part
		}
		return hit{i: i, j: jj, typ: typOf(part), val: v, mod: mod, anchor: "none"}
	}
	dir := m.tenseAround(i, jj)
	if part == "NI" {
		// "Friday night" names the day (TimeBank's reading); the night needs no time of its own
		part = ""
	}
	h := m.dayHit(i, jj, weekdayDate(m.dct, wd, dir), part)
	h.mod = mod
	return h
}

// ---- deictic words ------------------------------------------------------------------------

func (m *matcher) deictic(i int) (hit, bool) {
	w := m.low(i)
	switch w {
	case "today", "yesterday", "tomorrow", "tonight":
		if m.t[i].kind != wordKind {
			return hit{}, false
		}
		if m.t[i].cap && i > 0 && m.sameSent(i-1, i) && m.t[i-1].cap && m.kind(i-1) == wordKind {
			return hit{}, false // "USA Today", "VOA Today": a name
		}
		if w == "today" && m.low(i+1) == "'s" && m.kind(i+2) == wordKind && m.lx.unit[m.low(i+2)] == "" && m.lx.partday[m.low(i+2)] == "" {
			// "today's youth", "today's world": the present age, not the day
			return hit{}, false
		}
		off := dayOffset[w]
		part, j := m.partday(i + 1)
		if w == "tonight" {
			part = "NI"
		}
		if !m.hasDCT {
			return hit{i: i, j: j, typ: typOf(part), anchor: "none"}, true
		}
		return m.dayHit(i, j, m.dct.AddDate(0, 0, off), part), true
	case "now", "currently", "nowadays", "presently":
		if m.low(i-1) == "from" || m.low(i-1) == "until" && w == "now" && m.low(i-2) == "up" {
			return hit{}, false
		}
		if m.low(i-1) == "right" && w == "now" {
			return vague(i-1, i+1, "PRESENT_REF"), true
		}
		return vague(i, i+1, "PRESENT_REF"), true
	case "recently", "lately":
		return vague(i, i+1, "PAST_REF"), true
	case "these":
		if m.low(i+1) == "days" {
			return vague(i, i+2, "PRESENT_REF"), true // "these days"
		}
	case "soon":
		if m.low(i+1) == "as" || m.low(i-1) == "as" || m.low(i+1) == "after" || m.low(i+1) == "afterwards" ||
			m.low(i-1) == "was" || m.low(i-1) == "were" || m.low(i-1) == "had" || m.low(i-1) == "been" || cueOf(m.low(i+1), false) == tensePast {
			return hit{}, false // "was soon released": a sequence in the past, not the future
		}
		return vague(i, i+1, "FUTURE_REF"), true
	case "recent", "current":
		if u, pl, ok := m.unitAt(i + 1); ok && pl && u != "S" && w == "recent" {
			if u == "Y" || u == "DE" || u == "CE" {
				return vague(i, i+2, "PAST_REF"), true // "in recent years": the recent past
			}
			// "in recent weeks": a countable stretch up to now, which TimeBank and MEANTIME
			// mostly annotate as a vague duration (PXW) in both development halves.
			return hit{i: i, j: i + 2, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
		}
		// the adjective alone: "the current crisis", "his recent visit"
		if n := i + 1; n < len(m.t) && m.t[n].kind == wordKind && !m.t[n].cap && m.sameSent(i, n) {
			switch m.low(n) {
			case "account", "accounts", "affairs", "events", "account's", "and", "or", "of", "to", "in":
				return hit{}, false
			}
			if _, ok := m.lx.unit[m.low(n)]; ok {
				return hit{}, false // "current year" is handled by the relative rule
			}
			if w == "current" {
				return vague(i, i+1, "PRESENT_REF"), true
			}
			// the bare adjective "recent" is mostly left alone: too often it dates nothing ("a
			// recent analyst's estimate"); before a plural noun after "the" or a verb ("the
			// recent downturn", "blame recent losses") it places events in the recent past.
			if m.low(n+1) != "'s" && (m.low(i-1) == "the" || strings.HasSuffix(m.low(n), "s") && !strings.HasSuffix(m.low(n), "ss")) {
				return vague(i, i+1, "PAST_REF"), true
			}
		}
	case "coming", "upcoming":
		if u, pl, ok := m.unitAt(i + 1); ok && pl && u != "S" {
			return vague(i, i+2, "FUTURE_REF"), true
		}
	}
	return hit{}, false
}

// ---- this / last / next ---------------------------------------------------------------------

// relative matches "this|last|next|past|coming|previous|current X" and "earlier|later this X".
func (m *matcher) relative(i int) (hit, bool) {
	w := m.low(i)
	mod := ""
	k := i
	switch w {
	case "earlier", "later":
		switch m.low(i + 1) {
		case "this", "last", "next", "that":
		case "today", "tonight":
			// "earlier today": the day itself, the adverb belonging to the expression (MEANTIME
			// spans it; TimeBank's one "later today" leaves "later" out, so only "earlier" joins)
			if h, ok := m.deictic(i + 1); ok && w == "earlier" && h.i == i+1 && m.sameSent(i, i+1) {
				h.i = i
				return h, true
			}
			return hit{}, false
		case "in":
			// "earlier in the week"
			if m.low(i+2) == "the" {
				if u, pl, ok := m.unitAt(i + 3); ok && !pl && (u == "W" || u == "M" || u == "Y") {
					mod = modWords[w]
					return m.withMod(m.rel(i, i+4, sitrep.TimexDate, shift(m.dct, u, 0)), mod), true
				}
			}
			return hit{}, false
		default:
			return hit{}, false
		}
		mod = modWords[w]
		k = i + 1
		w = m.low(k)
	}
	if w == "this" && m.t[k].cap && k > 0 && m.sameSent(k-1, k) && m.t[k+1-1].cap && m.kind(k+1) == wordKind && k+1 < len(m.t) && m.t[k+1].cap {
		return hit{}, false // "ABC's This Week": a title
	}
	var n int
	switch w {
	case "this", "current", "that":
		n = 0
	case "last", "past", "previous":
		n = -1
	case "next", "coming", "following":
		n = 1
	default:
		return hit{}, false
	}
	j := k + 1
	if w == "that" && mod == "" {
		// "that year", "that day": the time the story is at, not the publication date
		if u, pl, ok := m.unitAt(j); ok && !pl {
			if h, ok := m.narrative(i, j+1, u, 0); ok {
				return h, true
			}
		}
		return hit{}, false
	}
	// "this year's third quarter", "last year's quarter"
	if m.low(j) == "year" && m.low(j+1) == "'s" && m.hasDCT && mod == "" {
		jj := j + 2
		q := 0
		if o, ok := m.lx.ordinal[m.low(jj)]; ok && o <= 4 {
			q, jj = o, jj+1
		}
		if m.low(jj) == "quarter" {
			if q == 0 {
				if last, ok := m.lastQuarter(i); ok {
					q = last.q
				} else if q = quarterOf(int(m.dct.Month())) - 1; q == 0 {
					q = 4
				}
			}
			return hit{i: i, j: jj + 1, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-Q%d", m.dct.Year()+n, q), anchor: "published"}, true
		}
	}
	// unit
	if u, pl, ok := m.unitAt(j); ok && !pl {
		if (w == "following" || w == "previous" || w == "next" && m.tenseAround(i, j+1) == tensePast) && m.low(k-1) == "the" && mod == "" {
			// "the following month", "the next day": anaphoric, after the time the story is at
			// (TimeML's temporal focus), not after the publication date
			start := i
			if k == i && m.sameSent(i-1, i) && (len(m.hits) == 0 || m.hits[len(m.hits)-1].j <= i-1) {
				start = i - 1
			}
			if h, ok := m.narrative(start, j+1, u, n); ok {
				return h, true
			}
		}
		if w == "past" || w == "coming" || w == "following" || w == "previous" {
			// "the past year" reads as a duration; "past week" too.
			if m.low(k-1) == "the" || w == "past" {
				return hit{}, false
			}
		}
		switch u {
		case "WE":
			if n == 0 && m.hasDCT {
				dir := m.tenseAround(i, j+1)
				off := 0
				if dir == tensePast && isoWeekday(m.dct) < 6 {
					off = -1
				}
				return m.withMod(m.rel(i, j+1, sitrep.TimexDate, weekendOf(m.dct, off)), mod), true
			}
			return m.withMod(m.rel(i, j+1, sitrep.TimexDate, weekendOf(m.dct, n)), mod), true
		case "H", "MIN", "S":
			return hit{}, false
		}
		if w == "that" {
			if h, ok := m.narrative(i, j+1, u, 0); ok {
				return m.withMod(h, mod), true // "later that year"
			}
			return m.withMod(hit{i: i, j: j + 1, typ: sitrep.TimexDate, anchor: "none"}, mod), true
		}

		if u == "Q" && n == 0 && mod == "" {
			if last, ok := m.lastQuarter(i); ok && m.hasDCT {
				return m.rel(i, j+1, sitrep.TimexDate, fmt.Sprintf("%04d-Q%d", last.y, last.q)), true
			}
		}
		return m.withMod(m.rel(i, j+1, sitrep.TimexDate, shift(m.dct, u, n)), mod), true
	}
	if w == "current" || w == "that" {
		return hit{}, false
	}
	// weekday
	if wd, ok := m.lx.weekday[m.low(j)]; ok && m.t[j].cap && len(m.low(j)) > 4 {
		part, jj := m.partday(j + 1)
		if !m.hasDCT {
			return m.withMod(hit{i: i, j: jj, typ: typOf(part), anchor: "none"}, mod), true
		}
		var d time.Time
		switch n {
		case -1:
			d = weekdayDate(m.dct.AddDate(0, 0, -1), wd, tensePast)
		case 1:
			fwd := (wd - isoWeekday(m.dct) + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			d = m.dct.AddDate(0, 0, fwd)
		default:
			d = weekdayDate(m.dct, wd, m.tenseAround(i, jj))
		}
		return m.withMod(m.dayHit(i, jj, d, part), mod), true
	}
	// month name
	if mo, jj, ok := m.monthAt(j); ok {
		if !m.hasDCT {
			return hit{i: i, j: jj, typ: sitrep.TimexDate, val: fmt.Sprintf("XXXX-%02d", mo), mod: mod, anchor: "none"}, true
		}
		y, cm := m.dct.Year(), int(m.dct.Month())
		switch {
		case n < 0 && mo >= cm:
			y--
		case n > 0 && mo <= cm:
			y++
		}
		if d, ok := m.intTok(jj); ok && d >= 1 && d <= daysIn(y, mo) && m.sameSent(j, jj) {
			// "last Oct. 23"
			if n < 0 && mo == cm && d < m.dct.Day() {
				y++
			}
			t := mkdate(y, mo, d)
			return m.withMod(hit{i: i, j: jj + 1, typ: sitrep.TimexDate, val: fmtDay(t), anchor: "published", day: t}, mod), true
		}
		return m.withMod(m.rel(i, jj, sitrep.TimexDate, fmtMonth(y, mo)), mod), true
	}
	// season
	if s, ok := m.lx.season[m.low(j)]; ok {
		if !m.hasDCT {
			return hit{i: i, j: j + 1, typ: sitrep.TimexDate, val: "XXXX-" + s, mod: mod, anchor: "none"}, true
		}
		cs, cy := seasonOf(m.dct.Year(), int(m.dct.Month()))
		y := cy
		switch {
		case n < 0 && seasonRank[s] >= seasonRank[cs]:
			y--
		case n > 0 && seasonRank[s] <= seasonRank[cs]:
			y++
		}
		return m.withMod(m.rel(i, j+1, sitrep.TimexDate, fmt.Sprintf("%04d-%s", y, s)), mod), true
	}
	// part of day: "this morning", "last night"
	if p, ok := m.lx.partday[m.low(j)]; ok && (n == 0 || w == "last") && !strings.HasSuffix(m.low(j), "s") {
		if !m.hasDCT {
			return hit{i: i, j: j + 1, typ: sitrep.TimexTime, anchor: "none"}, true
		}
		return m.dayHit(i, j+1, m.dct.AddDate(0, 0, n), p), true
	}
	return hit{}, false
}

func (m *matcher) withMod(h hit, mod string) hit {
	if mod != "" {
		h.mod = mod
	}
	return h
}

// ---- "the …" --------------------------------------------------------------------------------

// unitBefore matches "the year before", "the month previous", "the day prior": the unit before
// the last date the text named, or before the publication date when none precedes. A noun
// phrase after the word ("the day before the vote") anchors on an event instead and is left.
func (m *matcher) unitBefore(i, k int) (hit, bool) {
	u, pl, ok := m.unitAt(k)
	if !ok || pl || (u != "Y" && u != "M" && u != "W" && u != "D") {
		return hit{}, false
	}
	switch m.low(k + 1) {
	case "before", "previous", "prior":
	default:
		return hit{}, false
	}
	if n := k + 2; n < len(m.t) && m.sameSent(k+1, n) && m.kind(n) != text.Punct && m.kind(n) != text.Quote {
		return hit{}, false
	}
	if h, ok := m.narrative(i, k+2, u, -1); ok {
		return h, true
	}
	if !m.hasDCT {
		return hit{}, false
	}
	return m.rel(i, k+2, sitrep.TimexDate, shift(m.dct, u, -1)), true
}

func (m *matcher) the(i int) (hit, bool) {
	if m.low(i) != "the" {
		return hit{}, false
	}
	k := i + 1
	if h, ok := m.unitBefore(i, k); ok {
		return h, true
	}
	switch m.low(k) {
	case "early", "late", "mid", "current", "previous", "coming", "following":
		// "the early 1990s", "the current quarter", "the previous Friday": the article belongs
		// to the expression
		f := m.modified
		if w := m.low(k); w != "early" && w != "late" && w != "mid" {
			f = m.relative
		}
		if h, ok := f(k); ok && h.typ != sitrep.TimexDuration {
			h.i = i
			return h, true
		}
	case "same":
		// "the same day": the day the story is at
		if u, pl, ok := m.unitAt(k + 1); ok && !pl {
			if h, ok := m.narrative(i, k+2, u, 0); ok {
				return h, true
			}
		}
	case "future":
		return vague(i, k+1, "FUTURE_REF"), true
	case "near", "distant", "foreseeable", "immediate", "long", "short", "medium":
		if m.low(k+1) == "future" {
			return vague(i, k+2, "FUTURE_REF"), true
		}
		if m.low(k+1) == "term" && m.low(k) != "distant" && m.low(k) != "foreseeable" && m.low(k) != "immediate" {
			return vague(i, k+2, "FUTURE_REF"), true // "in the near term"
		}
	case "past":
		if _, _, ok := m.qty(k + 1); !ok {
			if _, _, ok := m.unitAt(k + 1); !ok {
				switch n := m.low(k + 1); {
				case n == "" || m.kind(k+1) == text.Punct || m.kind(k+1) == text.Quote:
				case n == "and" || n == "that" || n == "when" || n == "but" || n == "or" || n == "as" || n == "to" || n == "with" || n == "for" || n == "the" || n == "in" || n == "of":
				default:
					return hit{}, false // "the past president"
				}
				return vague(i, k+1, "PAST_REF"), true
			}
		}
	case "present":
		if m.low(i-1) == "at" || m.low(i-1) == "until" {
			return vague(i, k+1, "PRESENT_REF"), true
		}
	case "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties":
		// "the nineties": the decade of the last century
		return hit{i: i, j: k + 1, typ: sitrep.TimexDate, val: "19" + decadeWords[m.low(k)], anchor: "text"}, true
	case "years", "months", "weeks", "days", "decades":
		u := m.lx.unit[m.low(k)]
		if m.low(k+1) == "ahead" || m.low(k+1) == "to" && m.low(k+2) == "come" {
			n := k + 2
			if m.low(k+1) == "to" {
				n = k + 3
			}
			return vague(i, n, "FUTURE_REF"), true // "the weeks ahead", "the years to come"
		}
		switch m.low(i - 1) {
		case "over", "through", "across", "throughout", "during", "in":
			if m.low(k+1) != "of" && m.low(k+1) != "that" && m.low(k+1) != "when" {
				return hit{i: i, j: k + 1, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true // "over the years"
			}
		}
	case "time":
		if m.low(k+1) == "being" {
			return vague(i, k+2, "PRESENT_REF"), true
		}
	case "day":
		// "ended the day", "for the day": the day of the report
		switch m.low(i - 1) {
		case "end", "ended", "ending", "ends", "finish", "finished", "finishing", "close", "closed",
			"closing", "for", "during", "throughout", "in", "of":
			if m.low(i-1) == "in" && m.low(i-2) != "later" && m.low(i-2) != "late" && m.low(i-2) != "earlier" {
				break
			}
			if m.low(i-1) == "of" && m.low(i-2) != "start" && m.low(i-2) != "end" && m.low(i-2) != "rest" {
				break
			}
			if !m.hasDCT {
				return hit{i: i, j: k + 1, typ: sitrep.TimexDate, anchor: "none"}, true
			}
			d, ok := m.sentenceDay(i)
			if !ok && m.tenseAround(i, k+1) == tensePast {
				// a market report's "ended the day" after "on Monday …": the day the story is at
				if d, ok := m.lastDay(); ok {
					h := m.dayHit(i, k+1, d, "")
					h.anchor = "text"
					return h, true
				}
			}
			if !ok {
				d = m.dct
			}
			return m.dayHit(i, k+1, d, ""), true
		}
	case "moment":
		if m.low(i-1) == "at" {
			return vague(i, k+1, "PRESENT_REF"), true
		}
	case "weekend":
		if !m.hasDCT {
			return hit{i: i, j: k + 1, typ: sitrep.TimexDate, val: "", anchor: "none"}, true
		}
		dir := m.tenseAround(i, k+1)
		off := 0
		switch {
		case dir == tenseFuture && isoWeekday(m.dct) >= 6:
			off = 1
		case dir != tenseFuture && isoWeekday(m.dct) < 6:
			off = -1
		}
		return m.rel(i, k+1, sitrep.TimexDate, weekendOf(m.dct, off)), true
	case "year":
		if y, ok := m.yearTok(k + 1); ok {
			return hit{i: i, j: k + 2, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
	case "full", "entire", "whole":
		// "the full year", "the entire year": the year the story is at, else the current one
		if m.low(k+1) == "year" && m.hasDCT {
			if m.tenseAround(i, k+2) == tensePast {
				if h, ok := m.narrative(i, k+2, "Y", 0); ok {
					return h, true
				}
			}
			return m.rel(i, k+2, sitrep.TimexDate, fmtYear(m.dct.Year())), true
		}
	case "end", "beginning", "start", "middle", "turn", "close":
		if m.low(k+1) == "of" {
			mod := modWords[m.low(k)]
			if h, ok := m.core(k + 2); ok && (h.typ == sitrep.TimexDate || h.typ == sitrep.TimexTime) {
				h.i, h.mod = i, mod
				return h, true
			}
			// "the end of the year|month|week"
			if m.low(k+2) == "the" {
				if u, pl, ok := m.unitAt(k + 3); ok && !pl && (u == "Y" || u == "M" || u == "W" || u == "Q") {
					h := m.rel(i, k+4, sitrep.TimexDate, shift(m.dct, u, 0))
					h.mod = mod
					return h, true
				}
			}
		}
	}
	// "the 1990s", "the '90s", "the 20th century", "the summer of 2024", "the third quarter".
	if h, ok := m.decade(k); ok {
		h.i = i
		return h, true
	}
	if h, ok := m.century(k); ok {
		h.i = i
		return h, true
	}
	if h, ok := m.quarter(k, i); ok {
		return h, true
	}
	if s, ok := m.lx.season[m.low(k)]; ok && m.low(k+1) == "of" {
		if y, ok := m.yearTok(k + 2); ok {
			return hit{i: i, j: k + 3, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-%s", y, s), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
	}
	// "the 1988 third quarter", "the 1988 period", "the year-ago quarter"
	if h, ok := m.yearQuarter(i, k); ok {
		return h, true
	}
	// "the [fiscal] year [ended Sept. 30]", "the latest period", "the year two thousand"
	kk0 := k
	if m.low(kk0) == "fiscal" || m.low(kk0) == "latest" && m.low(kk0+1) == "fiscal" {
		kk0++
		if m.low(kk0) == "fiscal" {
			kk0++
		}
	}
	if m.low(kk0) == "year" && m.hasDCT {
		if y, n, ok := m.spokenYear(kk0 + 1); ok {
			return hit{i: i, j: n, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
		switch m.low(kk0 + 1) {
		case "ended", "ending", "to", "through":
			return hit{i: i, j: kk0 + 1, typ: sitrep.TimexDuration, val: "P1Y", anchor: "text"}, true
		case ",", ".", ";", "'s", "of", "":
			if m.low(k) == "latest" {
				return m.rel(i, kk0+1, sitrep.TimexDate, shift(m.dct, "Y", -1)), true
			}
			return m.rel(i, kk0+1, sitrep.TimexDate, shift(m.dct, "Y", 0)), true
		}
	}
	if m.low(k) == "latest" && m.low(k+1) == "period" {
		if q, ok := m.lastQuarter(i); ok {
			return hit{i: i, j: k + 2, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-Q%d", q.y, q.q), anchor: "published"}, true
		}
	}
	// "the N-day war" and named events are handled by eventAt.
	// "the past|last|next|coming|previous|first|following [N] units"
	dirWord := m.low(k)
	kk := k
	switch dirWord {
	case "past", "last", "next", "coming", "previous", "first", "following", "latest", "final", "recent":
		kk = k + 1
	default:
		dirWord = ""
	}
	q, after, hasQ := m.qty(kk)
	if !hasQ {
		after = kk
	} else {
		after = m.skipUnitAdjective(after)
	}
	u, pl, ok := m.unitAt(after)
	if !ok || u == "WE" {
		return hit{}, false
	}
	j := after + 1
	if !hasQ {
		if dirWord == "" {
			return hit{}, false
		}
		if pl {
			switch dirWord {
			case "coming", "next", "following":
				return vague(i, j, "FUTURE_REF"), true
			case "recent":
				return vague(i, j, "PAST_REF"), true
			}
			return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
		}
		switch dirWord {
		case "past":
			// "the past year": the year up to now.
			return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue("1", u), anchor: "text"}, true
		case "last", "previous", "latest":
			// "the last quarter", "the previous year": the one before the current one.
			if u == "H" || u == "MIN" || u == "S" || u == "D" {
				return hit{}, false
			}
			return m.rel(i, j, sitrep.TimexDate, shift(m.dct, u, -1)), true
		case "next", "coming", "following":
			if u == "H" || u == "MIN" || u == "S" || u == "D" {
				return hit{}, false
			}
			if dirWord == "following" || dirWord == "next" && m.tenseAround(i, j) == tensePast {
				// "the next year", "the following week": after the time the story is at
				if h, ok := m.narrative(i, j, u, 1); ok {
					return h, true
				}
			}
			return m.rel(i, j, sitrep.TimexDate, shift(m.dct, u, 1)), true
		}
		return hit{}, false
	}
	if q == "1" && pl || q != "1" && q != "X" && !pl && m.t[after-1].kind != numberKind {
		return hit{}, false
	}
	return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
}

// yearQuarter matches "the 1988 [third] quarter|period" and "the year-ago|year-earlier [third]
// quarter|period" starting at "the" (i); k is the token after it.
func (m *matcher) yearQuarter(i, k int) (hit, bool) {
	y, isYear := m.yearTok(k)
	w := m.low(k)
	if w == "comparable" || w == "corresponding" {
		k++
		w = m.low(k)
	}
	ago := w == "year-ago" || w == "year-earlier"
	if !isYear && !ago {
		return hit{}, false
	}
	j := k + 1
	q := 0
	if o, ok := m.lx.ordinal[m.low(j)]; ok && o <= 4 {
		q, j = o, j+1
	}
	switch m.low(j) {
	case "quarter":
	case "period":
		if q != 0 {
			return hit{}, false
		}
	default:
		return hit{}, false
	}
	j++
	if q == 0 {
		if last, ok := m.lastQuarter(i); ok {
			q = last.q
		} else if m.hasDCT {
			q = quarterOf(int(m.dct.Month())) - 1
			if q == 0 {
				q = 4
			}
		}
	}
	if ago {
		if !m.hasDCT {
			return hit{i: i, j: j, typ: sitrep.TimexDate, anchor: "none"}, true
		}
		y = m.dct.Year() - 1
		if last, ok := m.lastQuarter(i); ok {
			y = last.y - 1
		}
	}
	if q == 0 {
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-QX", y), anchor: "text"}, true
	}
	anchor := "text"
	if ago {
		anchor = "published"
	}
	return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-Q%d", y, q), anchor: anchor, derived: ago}, true
}

// core matches the date-like expressions that modifiers may wrap ("October", "1990s", "the
// year", "this year", "2024").
func (m *matcher) core(k int) (hit, bool) {
	if k >= len(m.t) {
		return hit{}, false
	}
	best := hit{j: -1}
	for _, f := range []func(int) (hit, bool){m.date, m.relative, m.the, m.numeric, m.deictic} {
		if h, ok := f(k); ok && h.j > best.j {
			best = h
		}
	}
	return best, best.j > k
}

// modified matches "early|late|mid X", "more than|less than|at least|up to D".
func (m *matcher) modified(i int) (hit, bool) {
	w := m.low(i)
	switch w {
	case "early", "late", "mid":
		k := i + 1
		if w == "mid" && m.low(k) == "-" {
			k++
		}
		mod := modWords[w]
		h, ok := m.core(k)
		if !ok || h.typ == sitrep.TimexDuration || h.typ == sitrep.TimexSet || strings.HasSuffix(h.val, "_REF") {
			return hit{}, false
		}
		h.i = i
		if h.typ == sitrep.TimexTime && w != "mid" {
			// "late Thursday evening": the part of day already narrows the time.
			h.mod = mod
			return h, true
		}
		h.mod = mod
		return h, true
	case "more", "less", "fewer", "at", "up", "no", "nearly", "almost":
		k := i + 1
		mod := ""
		switch {
		case w == "nearly" || w == "almost":
			mod = "LESS_THAN"
		case (w == "more" || w == "less" || w == "fewer") && m.low(k) == "than":
			mod = modWords[w]
			k++
		case w == "at" && m.low(k) == "least":
			mod, k = "EQUAL_OR_MORE", k+1
		case w == "up" && m.low(k) == "to":
			mod, k = "EQUAL_OR_LESS", k+1
		case w == "no" && m.low(k) == "more" && m.low(k+1) == "than":
			mod, k = "EQUAL_OR_LESS", k+2
		default:
			return hit{}, false
		}
		h, ok := m.quantity(k)
		if !ok {
			return hit{}, false
		}
		h.i, h.mod = i, mod
		return h, true
	}
	return hit{}, false
}

// ---- quantities: durations, "ago", ages -------------------------------------------------------

// quantity matches "N units [ago|earlier|from now|old|long]" and hyphenated "N-unit" forms.
func (m *matcher) quantity(i int) (hit, bool) {
	// Hyphenated word: "two-year", "third-quarter" handled in quarter.
	if m.t[i].kind == wordKind {
		if a, b, ok := strings.Cut(m.low(i), "-"); ok {
			if h, ok := m.hyphenWord(i, a, b); ok {
				return h, true
			}
		}
	}
	if m.low(i) == "half" {
		return m.halfUnit(i)
	}
	q, k, ok := m.qty(i)
	if !ok {
		return hit{}, false
	}
	// "2 1/2 years", "two and a half years": a whole number and a half.
	if q != "X" && !strings.Contains(q, ".") {
		switch {
		case m.low(k) == "1" && m.low(k+1) == "/" && m.low(k+2) == "2" && m.glued(k+1) && m.glued(k+2) && m.t[i].kind == numberKind:
			if h, ok := m.withHalf(i, q, k+3); ok {
				return h, true
			}
		case m.low(k) == "and" && m.low(k+1) == "a" && m.low(k+2) == "half":
			if h, ok := m.withHalf(i, q, k+3); ok {
				return h, true
			}
		}
	}
	// "12-day", "40-year-old"
	if m.low(k) == "-" && m.glued(k) && m.glued(k+1) && m.t[i].kind == numberKind {
		w := m.low(k + 1)
		base, rest, _ := strings.Cut(w, "-")
		if u, ok := m.lx.unit[base]; ok && !strings.HasSuffix(base, "s") {
			j := k + 2
			if rest != "" && rest != "long" {
				return hit{}, false
			}
			if u == "WE" || u == "Q" {
				return hit{}, false
			}
			return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
		}
		return hit{}, false
	}
	// "two to six days", "between 60 and 90 days": the first number of a range takes the unit
	// of the second, as an expression of its own.
	if c := m.low(k); (c == "to" || c == "and" && m.low(i-1) == "between") && q != "X" && m.sameSent(i, k+1) {
		if q2, k2, ok := m.qty(k + 1); ok && q2 != "X" && m.t[k+1].kind == m.t[i].kind {
			if u, pl, ok := m.unitAt(m.skipUnitAdjective(k2)); ok && pl && u != "Q" && u != "WE" && m.sameSent(i, k2) {
				return hit{i: i, j: k, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
			}
		}
	}
	k0 := k
	k = m.skipUnitAdjective(k)
	u, pl, ok := m.unitAt(k)
	if !ok || !m.sameSent(i, k) {
		return hit{}, false
	}
	if m.t[k].cap && m.sameSent(k-1, k) && m.t[i].cap == false && m.kind(i) == numberKind {
		return hit{}, false // "60 Minutes": a title
	}
	if u == "S" && !pl && (m.low(i) == "a" || m.low(i) == "one") {
		if n := k + 1; n < len(m.t) && m.t[n].kind == wordKind && m.low(n) != "ago" && m.low(n) != "later" && m.low(n) != "earlier" {
			return hit{}, false // "a second betrayal"
		}
	}
	// agreement: "one years" and "three year" are not durations ("a three year plan" is caught by
	// the hyphen rule or left alone).
	if q == "1" && pl {
		return hit{}, false
	}
	if q != "1" && !pl {
		// "a five year low", "a two day rally": a singular unit modifying a noun
		n := k + 1
		if q == "X" || u == "Q" || u == "WE" || n >= len(m.t) || m.t[n].kind != wordKind || m.t[n].cap || !m.sameSent(k, n) {
			return hit{}, false
		}
		switch m.low(n) {
		case "of", "ago", "and", "or", "to", "in", "on", "at", "for", "the", "a", "is", "was", "old", "later", "earlier":
			return hit{}, false
		}
		return hit{i: i, j: k + 1, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
	}
	if u == "Q" {
		// "two consecutive quarters": a run of quarters; a bare "three quarters" is too often a
		// fraction ("three quarters of the vote")
		if k > k0 && q != "X" {
			return hit{i: i, j: k + 1, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
		}
		return hit{}, false
	}
	j := k + 1
	switch {
	case m.low(j) == "ago" || m.low(j) == "earlier" && q == "1" && m.t[i].kind == wordKind:
		if !m.hasDCT || q == "X" {
			if q == "X" {
				return vague(i, j+1, "PAST_REF"), true
			}
			return hit{i: i, j: j + 1, typ: sitrep.TimexDate, anchor: "none"}, true
		}
		n, err := strconv.Atoi(q)
		if err != nil {
			return hit{}, false
		}
		switch u {
		case "DE":
			return m.rel(i, j+1, sitrep.TimexDate, fmtYear(m.dct.Year()-10*n)), true
		case "CE":
			return m.rel(i, j+1, sitrep.TimexDate, fmtYear(m.dct.Year()-100*n)), true
		case "WE":
			return m.rel(i, j+1, sitrep.TimexDate, weekendOf(m.dct, -n)), true
		case "H", "MIN", "S":
			return m.rel(i, j+1, sitrep.TimexTime, shift(m.dct, u, 0)), true
		}
		if u == "Y" && n == 1 && m.t[i].kind == wordKind {
			// In results reporting, "a year ago" compares with the same quarter a year before.
			if q, ok := m.lastQuarter(i); ok {
				h := m.rel(i, j+1, sitrep.TimexDate, fmt.Sprintf("%04d-Q%d", q.y-1, q.q))
				h.derived = true
				return h, true
			}
		}
		return m.rel(i, j+1, sitrep.TimexDate, shift(m.dct, u, -n)), true
	case m.low(j) == "from" && m.low(j+1) == "now":
		n, err := strconv.Atoi(q)
		if err != nil || !m.hasDCT || u == "H" || u == "MIN" || u == "S" || u == "WE" {
			return hit{}, false
		}
		return m.rel(i, j+2, sitrep.TimexDate, shift(m.dct, u, n)), true
	case m.low(j) == "old" || m.low(j) == "-" && strings.HasPrefix(m.low(j+1), "old"):
		return hit{}, false // ages are not temporal expressions in TimeML
	}
	if u == "WE" {
		return hit{}, false
	}
	// "a year and a half", "an hour and a half"
	if q == "1" && m.low(j) == "and" && m.low(j+1) == "a" && m.low(j+2) == "half" {
		if v := halfDuration(1, u); v != "" {
			return hit{i: i, j: j + 3, typ: sitrep.TimexDuration, val: v, anchor: "text"}, true
		}
	}
	// "a year" after money is a rate: "$5 million a year".
	if (m.low(i) == "a" || m.low(i) == "an") && m.rateContext(i) {
		return hit{i: i, j: j, typ: sitrep.TimexSet, val: durationValue("1", u), anchor: "text"}, true
	}
	// "a day" and "an hour" as durations only when not part of a rate or idiom.
	if m.low(i) == "a" && (m.low(i-1) == "once" || m.low(i-1) == "twice" || m.low(i-1) == "times") {
		return hit{}, false
	}
	return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue(q, u), anchor: "text"}, true
}

// rateContext reports whether "a|per unit" at i follows an amount ("$3 million a year", "10
// percent a year").
func (m *matcher) rateContext(i int) bool {
	if i == 0 || !m.sameSent(i-1, i) {
		return false
	}
	switch p := m.low(i - 1); {
	case p == "million" || p == "billion" || p == "percent" || p == "%" || p == "trillion" || p == "times" || p == "once" || p == "twice":
		return true
	case m.t[i-1].kind == numberKind:
		return true
	case len(p) > 3 && p[len(p)-1] == 's' && !m.t[i-1].cap && m.t[i-1].kind == wordKind && !strings.HasSuffix(p, "ss"):
		// "four flights a week", "700 seats a week"
		if _, ok := m.lx.unit[p]; !ok {
			return true
		}
	}
	return false
}

// season matches a season named alone ("in the spring", "their Autumn meetings", "summer 2024"):
// this year's, or the nearest one in the sentence's direction.
func (m *matcher) season(i int) (hit, bool) {
	s, ok := m.lx.season[m.low(i)]
	if !ok || m.t[i].kind != wordKind {
		return hit{}, false
	}
	if y, ok := m.yearTok(i + 1); ok {
		return hit{i: i, j: i + 2, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-%s", y, s), anchor: "text", lower: mkdate(y, 1, 1)}, true
	}
	prev := m.low(i - 1)
	switch {
	case prev == "the" && m.low(i+1) == "of":
		return hit{}, false // "the fall of the regime"
	case prev == "the" || prev == "early" || prev == "late" || prev == "mid" || prev == "their" || prev == "its":
	case m.t[i].cap && m.sameSent(i-1, i) && m.low(i) != "fall":
	case prev == "in" && m.low(i) != "fall" && m.low(i) != "spring":
	default:
		return hit{}, false
	}
	if m.low(i) == "fall" && prev != "the" && prev != "early" && prev != "late" {
		return hit{}, false
	}
	start := i
	if prev == "the" && (len(m.hits) == 0 || m.hits[len(m.hits)-1].j <= i-1) {
		start = i - 1
	}
	if !m.hasDCT {
		return hit{i: start, j: i + 1, typ: sitrep.TimexDate, val: "XXXX-" + s, anchor: "none"}, true
	}
	cs, y := seasonOf(m.dct.Year(), int(m.dct.Month()))
	switch m.tenseAround(i, i+1) {
	case tensePast:
		if seasonRank[s] > seasonRank[cs] {
			y--
		}
	case tenseFuture:
		if seasonRank[s] < seasonRank[cs] {
			y++
		}
	}
	return m.rel(start, i+1, sitrep.TimexDate, fmt.Sprintf("%04d-%s", y, s)), true
}

// yearAgoAdjective matches "year-earlier" and "year-ago" used as adjectives ("year-earlier profit",
// "the year-ago results"): the same quarter a year before in a results report, else last year.
func (m *matcher) yearAgoAdjective(i int) (hit, bool) {
	if w := m.low(i); w != "year-earlier" && w != "year-ago" || !m.hasDCT {
		return hit{}, false
	}
	if q, ok := m.lastQuarter(i); ok {
		h := m.rel(i, i+1, sitrep.TimexDate, fmt.Sprintf("%04d-Q%d", q.y-1, q.q))
		h.derived = true
		return h, true
	}
	return m.rel(i, i+1, sitrep.TimexDate, shift(m.dct, "Y", -1)), true
}

// spokenYear reads a year written in words at k: "nineteen ninety-six", "nineteen eighty",
// "two thousand". It returns the year and the index after it.
func (m *matcher) spokenYear(k int) (int, int, bool) {
	switch m.low(k) {
	case "nineteen", "eighteen":
		c := 1900
		if m.low(k) == "eighteen" {
			c = 1800
		}
		w := m.low(k + 1)
		if a, b, ok := strings.Cut(w, "-"); ok {
			ta, oka := m.lx.number[a]
			ub, okb := m.lx.number[b]
			if oka && okb && ta >= 20 && ta%10 == 0 && ub < 10 {
				return c + ta + ub, k + 2, true
			}
			return 0, k, false
		}
		if t, ok := m.lx.number[w]; ok && t >= 10 && t < 100 {
			if u, ok := m.lx.number[m.low(k+2)]; ok && u < 10 && t%10 == 0 && t >= 20 {
				return c + t + u, k + 3, true
			}
			return c + t, k + 2, true
		}
	case "two":
		if m.low(k+1) == "thousand" {
			if u, ok := m.lx.number[m.low(k+2)]; ok && u < 20 {
				return 2000 + u, k + 3, true
			}
			return 2000, k + 2, true
		}
	}
	return 0, k, false
}

// hyphenWord handles single hyphenated words: "two-year", "decades-long", "third-quarter"
// (left to quarter), "year-old" forms.
func (m *matcher) hyphenWord(i int, a, b string) (hit, bool) {
	if b == "long" {
		if u, ok := m.lx.unit[a]; ok && strings.HasSuffix(a, "s") {
			return hit{i: i, j: i + 1, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
		}
		return hit{}, false
	}
	n, ok := m.lx.number[a]
	if a == "single" {
		n, ok = 1, true // "a single-day decline"
	}
	if !ok {
		return hit{}, false
	}
	base, rest, _ := strings.Cut(b, "-")
	u, ok := m.lx.unit[base]
	if !ok || strings.HasSuffix(base, "s") || u == "WE" || u == "Q" {
		return hit{}, false
	}
	if rest == "" || rest == "long" {
		return hit{i: i, j: i + 1, typ: sitrep.TimexDuration, val: durationValue(strconv.Itoa(n), u), anchor: "text"}, true
	}
	return hit{}, false
}

// ---- numeric dates, years, decades, centuries, quarters ------------------------------------

func (m *matcher) numeric(i int) (hit, bool) {
	t := &m.t[i]
	if h, ok := m.decade(i); ok {
		return h, true
	}
	if h, ok := m.century(i); ok {
		return h, true
	}
	if h, ok := m.quarter(i, i); ok {
		return h, true
	}
	if m.low(i) == "fiscal" || m.low(i) == "fy" {
		if y, ok := m.yearTok(i + 1); ok {
			return hit{i: i, j: i + 2, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
		return hit{}, false
	}
	if t.kind != numberKind {
		return hit{}, false
	}
	// ISO 2024-10-10
	if y, ok := m.yearTok(i); ok && m.low(i+1) == "-" && m.glued(i+1) && m.glued(i+2) && m.low(i+3) == "-" && m.glued(i+3) && m.glued(i+4) {
		mo, ok1 := m.intTok(i + 2)
		d, ok2 := m.intTok(i + 4)
		if ok1 && ok2 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) {
			day := mkdate(y, mo, d)
			return hit{i: i, j: i + 5, typ: sitrep.TimexDate, val: fmtDay(day), anchor: "text", day: day, full: true, lower: day}, true
		}
	}
	// US 10/11/2024, 11/02/89
	if mo, ok := m.intTok(i); ok && m.low(i+1) == "/" && m.glued(i+1) && m.glued(i+2) && m.low(i+3) == "/" && m.glued(i+3) && m.glued(i+4) {
		d, ok1 := m.intTok(i + 2)
		y, ok2 := m.intTok(i + 4)
		if ok1 && ok2 && len(m.low(i+4)) == 2 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		if ok1 && ok2 && y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) {
			day := mkdate(y, mo, d)
			return hit{i: i, j: i + 5, typ: sitrep.TimexDate, val: fmtDay(day), anchor: "text", day: day, full: true, lower: day}, true
		}
		return hit{}, false
	}
	// day-first "1 October 2024"
	if y, mo, d, j, ok := m.calendarDate(i); ok && d > 0 {
		return m.finishDate(i, j, y, mo, d, ""), true
	}
	// a year
	if y, ok := m.yearTok(i); ok && m.yearContext(i, y) {
		return hit{i: i, j: i + 1, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true
	}
	return hit{}, false
}

// yearContext decides whether a four-digit number at i is a year rather than an amount.
func (m *matcher) yearContext(i, y int) bool {
	prev, next := m.low(i-1), m.low(i+1)
	if i > 0 && !m.t[i].sp && m.t[i-1].kind != text.Quote && prev != "(" && !(prev == "-" && m.low(i-2) == "mid") {
		return false // "$2000", "-2000"
	}
	if i+1 < len(m.t) && m.glued(i+1) && (next == "%" || next == "-" && m.kind(i+2) == numberKind && len(m.low(i+2)) != 4 && len(m.low(i+2)) != 2) {
		return false
	}
	switch next {
	case "percent", "people", "troops", "soldiers", "men", "women", "children", "residents",
		"km", "kilometers", "kilometres", "miles", "meters", "metres", "feet", "tons", "tonnes",
		"dollars", "euros", "shares", "jobs", "workers", "employees", "units", "cars", "vehicles",
		"missiles", "rockets", "drones", "homes", "houses", "points", "gmt", "utc", "hours", "hrs":
		return false
	}
	switch prev {
	case "$", "€", "£", "about", "some", "nearly", "almost", "approximately", "roughly", "than",
		"over", "under", "around", "least", "to", "of", "additional", "another", "only", "just",
		"number", "no.", "flight", "route", "room", "model", "version", "at", "resolution":
		switch prev {
		case "to", "of", "at":
			// "from 2018 to 2020", "the spring of 2024", "at 1900 GMT" handled above
			if y >= 1900 && y <= 2100 {
				return true
			}
		}
		return false
	}
	if y < 1900 || y > 2100 {
		switch prev {
		case "in", "since", "until", "by", "from", "before", "after", "during", "year", "circa", "c.":
			return true
		}
		return false
	}
	return true
}

// decade matches "1990s", "the '90s", "mid-1990s" (via modified) at k.
func (m *matcher) decade(k int) (hit, bool) {
	if k >= len(m.t) {
		return hit{}, false
	}
	w := m.low(k)
	j := k + 1
	if w == "'" && m.t[k].kind == text.Quote && k+1 < len(m.t) && m.glued(k+1) {
		w2 := m.low(k + 1)
		if len(w2) == 3 && strings.HasSuffix(w2, "s") && w2[0] >= '0' && w2[0] <= '9' && w2[1] == '0' {
			// "'90s" (assume the 1900s for 30..90, the 2000s for 00..20)
			dd := int(w2[0] - '0')
			c := "19"
			if dd <= 2 {
				c = "20"
			}
			return hit{i: k, j: k + 2, typ: sitrep.TimexDate, val: c + string(w2[0]) + "X", anchor: "text"}, true
		}
		if len(w2) == 2 && m.kind(k+1) == numberKind && w2[0] >= '0' && w2[0] <= '9' && w2[1] >= '0' && w2[1] <= '9' {
			// "since '82": a year
			y := 1900 + int(w2[0]-'0')*10 + int(w2[1]-'0')
			if y < 1930 {
				y += 100
			}
			return hit{i: k, j: k + 2, typ: sitrep.TimexDate, val: fmtYear(y), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
		return hit{}, false
	}
	if m.t[k].kind == numberKind && len(w) == 3 && w[2] == 's' && w[1] == '0' && w[0] >= '0' && w[0] <= '9' {
		// "the 70s and 80s": a decade without its century
		switch m.low(k - 1) {
		case "the", "and", "early", "late", "mid", "-", "or", "to":
			c := "19"
			if w[0] <= '2' {
				c = "20"
			}
			return hit{i: k, j: k + 1, typ: sitrep.TimexDate, val: c + w[:1], anchor: "text"}, true
		}
		return hit{}, false
	}
	if m.t[k].kind != numberKind || len(w) != 5 || w[4] != 's' || w[3] != '0' {
		return hit{}, false
	}
	y, err := strconv.Atoi(w[:4])
	if err != nil || y < 1000 || y > 2190 {
		return hit{}, false
	}
	if y%100 == 0 && m.low(k-1) == "the" {
		// "the 1900s" may be the century; keep the decade reading (TIMEX3 has no better answer).
	}
	// TimeBank writes "the 1990s" as 199 and a bare "1990s" as 199X; both mean the decade.
	v := w[:3] + "X"
	if p := m.low(k - 1); p == "the" || (p == "early" || p == "late" || p == "-") && m.low(k-2) == "the" || p == "-" && m.low(k-3) == "the" {
		v = w[:3]
	}
	return hit{i: k, j: j, typ: sitrep.TimexDate, val: v, anchor: "text", lower: mkdate(y, 1, 1)}, true
}

// century matches "20th century", "the 21st century".
func (m *matcher) century(k int) (hit, bool) {
	n, ok := m.intTok(k)
	if !ok || len(m.low(k)) < 3 || m.low(k+1) != "century" {
		if o, ok2 := m.lx.ordinal[m.low(k)]; ok2 && m.low(k+1) == "century" {
			n, ok = o, true
		} else {
			return hit{}, false
		}
	}
	if !ok || n < 1 || n > 30 {
		return hit{}, false
	}
	return hit{i: k, j: k + 2, typ: sitrep.TimexDate, val: fmt.Sprintf("%02d", n-1), anchor: "text"}, true
}

// quarter matches "third quarter [of 2024]", "third-quarter", "Q3 [2024]", "first half", "the
// quarter". start is where the span begins (the "the" before k, or k).
func (m *matcher) quarter(k, start int) (hit, bool) {
	if k < 0 || k >= len(m.t) || m.t[k].kind != wordKind {
		return hit{}, false
	}
	w := m.low(k)
	var q int
	code := "Q"
	j := k + 1
	switch {
	case len(w) == 2 && (w[0] == 'q' || w[0] == 'h') && w[1] >= '1' && w[1] <= '4':
		q = int(w[1] - '0')
		if w[0] == 'h' {
			code = "H"
			if q > 2 {
				return hit{}, false
			}
		}
	default:
		a, b, hy := strings.Cut(w, "-")
		if !hy {
			a, b = w, m.low(k+1)
			j = k + 2
		} else {
			start = k // "the third-quarter results": the article belongs to "results"
		}
		o, ok := m.lx.ordinal[a]
		if a == "final" && b == "quarter" {
			o, ok = 4, true
		}
		if (a == "last" || a == "latter") && b == "half" && m.low(j) == "of" && start < k {
			if _, yok := m.yearTok(j + 1); !yok {
				return hit{}, false
			}
			o, ok = 2, true // "the last half of 1989"
		}
		if !ok {
			if (w == "quarter" || w == "latest" && m.low(k+1) == "quarter") && start < k {
				// "the quarter", "the latest quarter": the last completed quarter.
				jj := k + 1
				if w == "latest" {
					jj = k + 2
				}
				if !m.hasDCT {
					return hit{i: start, j: jj, typ: sitrep.TimexDate, val: "XXXX-QX", anchor: "none"}, true
				}
				if last, ok := m.lastQuarter(start); ok {
					// the quarter the report is about (a fiscal label when the report used one)
					return m.rel(start, jj, sitrep.TimexDate, fmt.Sprintf("%04d-Q%d", last.y, last.q)), true
				}
				if q, ok := m.quarterEnded(jj); ok {
					// "the quarter ended Sept. 30": the calendar quarter of its middle month
					return m.rel(start, jj, sitrep.TimexDate, fmt.Sprintf("%04d-Q%d", q.y, q.q)), true
				}
				n := -1
				if m.tenseAround(start, jj) == tenseFuture {
					n = 0
				}
				return m.rel(start, jj, sitrep.TimexDate, shift(m.dct, "Q", n)), true
			}
			return hit{}, false
		}
		switch b {
		case "quarter":
			if o > 4 {
				return hit{}, false
			}
		case "half":
			if o > 2 {
				return hit{}, false
			}
			code = "H"
		default:
			return hit{}, false
		}
		q = o
	}
	// explicit year: "of 2024", "2024", "of this year", "of last year"
	if (m.low(j) == "of" || m.low(j) == ",") && m.sameSent(k, j+1) {
		if y, ok := m.yearTok(j + 1); ok {
			return hit{i: start, j: j + 2, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-%s%d", y, code, q), anchor: "text", lower: mkdate(y, 1, 1)}, true
		}
	}
	if m.low(j) == "of" && m.hasDCT {
		n, ok := thisLastNext[m.low(j+1)]
		if ok && m.low(j+2) == "year" {
			return m.rel(start, j+3, sitrep.TimexDate, fmt.Sprintf("%04d-%s%d", m.dct.Year()+n, code, q)), true
		}
	}
	if y, ok := m.yearTok(j); ok && code == "Q" && len(w) == 2 {
		return hit{i: start, j: j + 1, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-%s%d", y, code, q), anchor: "text", lower: mkdate(y, 1, 1)}, true
	}
	if !m.hasDCT {
		return hit{i: start, j: j, typ: sitrep.TimexDate, val: fmt.Sprintf("XXXX-%s%d", code, q), anchor: "none"}, true
	}
	// The year of focus: a quarter named earlier with its year ("the first quarter of 2010 …
	// the second quarter") sets the year of the next ones.
	if code == "Q" {
		if y, lq, ok := m.explicitQuarterYear(start); ok && y != m.dct.Year() && q > lq {
			// a later quarter of the same year: the story moves on through that year
			h := hit{i: start, j: j, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-Q%d", y, q), anchor: "text"}
			h.derived = true // it does not set the focus itself
			return h, true
		}
	}
	// The year: the latest such period that has begun (reports look back), or the next one in a
	// future sentence.
	y := m.dct.Year()
	curq := quarterOf(int(m.dct.Month()))
	cur := curq
	if code == "H" {
		cur = (int(m.dct.Month())-1)/6 + 1
	}
	// A quarter that has begun is this year's whatever the tense (a report of "third-quarter
	// results" may mention expectations); a later one is last year's only in a past sentence.
	if q > cur && m.tenseAround(start, j) == tensePast {
		y--
	}
	return m.rel(start, j, sitrep.TimexDate, fmt.Sprintf("%04d-%s%d", y, code, q)), true
}

// narrative resolves "that year", "the following month" against the last date the text named
// (not the publication date), shifted by n units; it fails when no such date precedes.
func (m *matcher) narrative(i, j int, unit string, n int) (hit, bool) {
	for k := len(m.hits) - 1; k >= 0 && k >= len(m.hits)-8; k-- {
		h := m.hits[k]
		if h.typ != sitrep.TimexDate && h.typ != sitrep.TimexTime || h.derived {
			continue
		}
		v := h.val
		if len(v) < 4 || v[0] < '0' || v[0] > '9' || strings.HasPrefix(v, "XXXX") {
			continue
		}
		y, err := strconv.Atoi(v[:4])
		if err != nil {
			continue
		}
		mo, d := 0, 0
		if len(v) >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '9' {
			mo, _ = strconv.Atoi(v[5:7])
		}
		if len(v) >= 10 && mo > 0 {
			d, _ = strconv.Atoi(v[8:10])
		}
		switch unit {
		case "Y":
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtYear(y + n), anchor: "text"}, true
		case "M":
			if mo == 0 {
				return hit{}, false
			}
			t := mkdate(y, mo+n, 1)
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtMonth(t.Year(), int(t.Month())), anchor: "text"}, true
		case "D":
			if d == 0 {
				return hit{}, false
			}
			t := mkdate(y, mo, d).AddDate(0, 0, n)
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtDay(t), anchor: "text", day: t}, true
		case "W":
			if d == 0 {
				return hit{}, false
			}
			t := mkdate(y, mo, d).AddDate(0, 0, 7*n)
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtWeek(t), anchor: "text"}, true
		case "Q":
			if mo == 0 {
				return hit{}, false
			}
			q := y*4 + quarterOf(mo) - 1 + n
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmt.Sprintf("%04d-Q%d", q/4, q%4+1), anchor: "text"}, true
		}
		return hit{}, false
	}
	return hit{}, false
}

// lastDay returns the day of the latest of the last eight expressions that named a single day
// ("on Friday", "March 3"), skipping coarser ones ("in March", "since 1983") between.
func (m *matcher) lastDay() (time.Time, bool) {
	for k := len(m.hits) - 1; k >= 0 && k >= len(m.hits)-8; k-- {
		if h := m.hits[k]; !h.day.IsZero() && !h.derived {
			return h.day, true
		}
	}
	return time.Time{}, false
}

// yq is a year and quarter.
type yq struct{ y, q int }

// lastQuarter returns the last quarter an earlier expression of the document resolved to, when
// the document talks about quarters (a results report).
func (m *matcher) lastQuarter(i int) (yq, bool) {
	for n := len(m.hits) - 1; n >= 0 && n >= len(m.hits)-50; n-- {
		if m.hits[n].derived {
			continue
		}
		v := m.hits[n].val
		if v == "P9M" || v == "P6M" || v == "P1Y" || len(v) == 4 && v[0] >= '0' && v[0] <= '9' {
			return yq{}, false // a longer period is being compared ("the first nine months")
		}
		if len(v) == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' {
			y, err := strconv.Atoi(v[:4])
			if err != nil {
				return yq{}, false
			}
			return yq{y, int(v[6] - '0')}, true
		}
	}
	return yq{}, false
}

// ---- sets -----------------------------------------------------------------------------------

func (m *matcher) set(i int) (hit, bool) {
	w := m.low(i)
	if p, ok := m.lx.set[w]; ok {
		if m.kind(i+1) == wordKind && m.t[i+1].cap && m.sameSent(i, i+1) {
			return hit{}, false // "the party daily Granma": a newspaper's name follows
		}
		return hit{i: i, j: i + 1, typ: sitrep.TimexSet, val: p, anchor: "text"}, true
	}
	if w == "annual" {
		// "an annual profit", "its first annual loss": the result of one year, a duration
		switch m.low(i + 1) {
		case "profit", "profits", "loss", "losses", "earnings", "revenue", "revenues", "results":
			return hit{i: i, j: i + 1, typ: sitrep.TimexDuration, val: "P1Y", anchor: "text"}, true
		}
		return hit{}, false
	}
	if w != "every" && w != "each" && w != "per" {
		return hit{}, false
	}
	k := i + 1
	if wd, ok := m.lx.weekday[m.low(k)]; ok && m.t[k].cap {
		return hit{i: i, j: k + 1, typ: sitrep.TimexSet, val: fmt.Sprintf("XXXX-WXX-%d", wd), anchor: "text"}, true
	}
	if p, ok := m.lx.partday[m.low(k)]; ok {
		return hit{i: i, j: k + 1, typ: sitrep.TimexSet, val: "TXX" + p, anchor: "text"}, true
	}
	q, kk, ok := m.qty(k)
	if !ok || q == "X" || m.low(k) == "a" {
		q, kk = "1", k
		if m.low(k) == "other" {
			q, kk = "2", k+1
		}
	}
	u, _, ok := m.unitAt(kk)
	if !ok {
		return hit{}, false
	}
	if u == "Q" {
		q, u = mulQty(q, 3), "M"
	}
	return hit{i: i, j: kk + 1, typ: sitrep.TimexSet, val: durationValue(q, u), anchor: "text"}, true
}

// ---- phrases: holidays and named events ----------------------------------------------------

// phraseMatch returns the index after the phrase p starting at k, or -1.
func (m *matcher) phraseMatch(k int, p phrase) int {
	for n, w := range p.toks {
		if k+n >= len(m.t) || m.low(k+n) != w || n > 0 && !m.sameSent(k, k+n) {
			return -1
		}
	}
	return k + len(p.toks)
}

// phraseAt matches a holiday ("Christmas", "New Year's Day") at i, with an optional year.
func (m *matcher) phraseAt(i int, table map[string][]phrase, capital bool) (hit, bool) {
	ps, ok := table[m.low(i)]
	if !ok || capital && !m.t[i].cap {
		return hit{}, false
	}
	for _, p := range ps {
		j := m.phraseMatch(i, p)
		if j < 0 {
			continue
		}
		var mo, d, nth int
		if _, err := fmt.Sscanf(p.value, "%d-%d-%d", &mo, &d, &nth); err == nil {
			// the nth weekday d of month mo ("Thanksgiving": the fourth Thursday of November)
			y := 0
			if yy, ok := m.yearTok(j); ok {
				y, j = yy, j+1
			} else if m.hasDCT {
				y = monthDayYear(m.dct, mo, 0, m.tenseAround(i, j))
			}
			if y == 0 {
				return hit{i: i, j: j, typ: sitrep.TimexDate, anchor: "none"}, true
			}
			first := mkdate(y, mo, 1)
			t := first.AddDate(0, 0, (d-isoWeekday(first)+7)%7+7*(nth-1))
			return hit{i: i, j: j, typ: sitrep.TimexDate, val: fmtDay(t), anchor: "published", day: t}, true
		}
		if _, err := fmt.Sscanf(p.value, "%d-%d", &mo, &d); err != nil {
			continue
		}
		if y, ok := m.yearTok(j); ok {
			t := mkdate(y, mo, d)
			return hit{i: i, j: j + 1, typ: sitrep.TimexDate, val: fmtDay(t), anchor: "text", day: t, full: true, lower: t}, true
		}
		return m.finishDate(i, j, 0, mo, d, ""), true
	}
	return hit{}, false
}

// eventAt matches named past events used as time references: lexicon events ("the Six-Day
// War") and the productive pattern "the N-day|week|month|year war|conflict|…".
func (m *matcher) eventAt(i int) (hit, bool) {
	k := i
	if m.low(i) == "the" {
		k = i + 1
	}
	if k >= len(m.t) {
		return hit{}, false
	}
	if ps, ok := m.lx.event[m.low(k)]; ok {
		for _, p := range ps {
			if j := m.phraseMatch(k, p); j > 0 {
				v := p.value
				if m.hasDCT && len(v) >= 4 && v[0] >= '0' && v[0] <= '9' {
					if y, err := strconv.Atoi(v[:4]); err == nil && y > m.dct.Year() {
						v = "PAST_REF" // the lexicon's event had not happened yet: another one
					}
				}
				return hit{i: i, j: j, typ: sitrep.TimexEvent, val: v, anchor: "text"}, true
			}
		}
	}
	if k == i {
		return hit{}, false
	}
	// "the 12-day war", "the two-year siege"
	j := -1
	if _, kk, ok := m.qty(k); ok && m.t[k].kind == numberKind && m.low(kk) == "-" && m.glued(kk) && m.glued(kk+1) {
		if u, ok := m.lx.unit[m.low(kk+1)]; ok && u != "H" && u != "MIN" && u != "S" {
			j = kk + 2
		}
	} else if a, b, ok := strings.Cut(m.low(k), "-"); ok {
		_, okn := m.lx.number[a]
		if u, oku := m.lx.unit[b]; okn && oku && u != "H" && u != "MIN" && u != "S" {
			j = k + 1
		}
	}
	if j < 0 || !m.lx.eventnoun[m.low(j)] {
		return hit{}, false
	}
	return hit{i: i, j: j + 1, typ: sitrep.TimexEvent, val: "PAST_REF", anchor: "text"}, true
}

// ---- clock times ----------------------------------------------------------------------------

// clock matches "3 p.m.", "3:30 pm", "10:35 a.m. EST", "noon", "midnight", "at 14:00".
func (m *matcher) clock(i int) (hit, bool) {
	w := m.low(i)
	var hh, mm int
	j := i + 1
	switch w {
	case "noon", "midday":
		if m.low(i-1) == "high" {
			return hit{}, false
		}
		hh = 12
	case "midnight":
		hh = 24
	default:
		if m.t[i].kind != numberKind {
			return hit{}, false
		}
		s := w
		ampm := ""
		for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s, ampm = s[:len(s)-len(suf)], suf[:1]
				break
			}
		}
		if ampm == "" {
			switch n := m.low(j); n {
			case "a.m.", "am", "a.m":
				ampm, j = "a", j+1
			case "p.m.", "pm", "p.m":
				ampm, j = "p", j+1
			}
		}
		h, mi, hasColon := strings.Cut(s, ":")
		if !hasColon {
			h, mi, hasColon = strings.Cut(s, ".")
			if hasColon && ampm == "" {
				return hit{}, false
			}
		}
		zoned := false
		switch m.low(j) {
		case "gmt", "utc", "est", "edt", "et", "pst", "pdt", "cet", "cest", "bst", "idt", "ist":
			zoned = true
		}
		if !hasColon && ampm == "" && zoned && len(h) == 4 {
			// military style: "0735 GMT"
			h, mi, hasColon = s[:2], s[2:], true
		}
		var err error
		if hh, err = strconv.Atoi(h); err != nil || len(h) > 2 {
			return hit{}, false
		}
		if hasColon {
			if mm, err = strconv.Atoi(mi); err != nil || len(mi) != 2 || mm > 59 {
				return hit{}, false
			}
		}
		switch {
		case ampm != "":
			if hh < 1 || hh > 12 {
				return hit{}, false
			}
			if ampm == "p" && hh < 12 {
				hh += 12
			}
			if ampm == "a" && hh == 12 {
				hh = 0
			}
		case hasColon && hh <= 23 && (zoned || m.low(i-1) == "at" || m.low(i-1) == "by" || m.low(i-1) == "until" || m.low(i-1) == "from" || m.low(i-1) == "of" && m.low(i-2) == "as"):
		default:
			return hit{}, false
		}
	}
	zone := ""
	switch m.low(j) {
	case "gmt", "utc", "z":
		zone = "Z"
		j++
	case "est", "edt", "et", "pst", "pdt", "cet", "cest", "bst", "idt", "ist":
		j++
	case "local":
		if m.low(j+1) == "time" {
			j += 2
		}
	}
	// "9 a.m. Tuesday", "16:00 UTC today": the day named right after belongs to the time.
	if m.sameSent(i, j) {
		if d, jj, ok := m.dayAfterClock(i, j); ok {
			if !m.hasDCT {
				return hit{i: i, j: jj, typ: sitrep.TimexTime, anchor: "none"}, true
			}
			return hit{i: i, j: jj, typ: sitrep.TimexTime, val: fmt.Sprintf("%sT%02d:%02d%s", fmtDay(d), hh, mm, zone), anchor: "published", day: d}, true
		}
	}
	day, ok := m.sentenceDay(i)
	if !ok {
		if !m.hasDCT {
			return hit{i: i, j: j, typ: sitrep.TimexTime, val: fmt.Sprintf("XXXX-XX-XXT%02d:%02d", hh, mm), anchor: "none"}, true
		}
		return hit{i: i, j: j, typ: sitrep.TimexTime, val: fmt.Sprintf("%sT%02d:%02d%s", fmtDay(m.dct), hh, mm, zone), anchor: "published", dctDay: true}, true
	}
	return hit{i: i, j: j, typ: sitrep.TimexTime, val: fmt.Sprintf("%sT%02d:%02d%s", fmtDay(day), hh, mm, zone), anchor: "published", day: day}, true
}

// dayAfterClock reads a weekday or "today|yesterday|tomorrow" at k, right after a clock time
// starting at i, and returns its day and the index after it.
func (m *matcher) dayAfterClock(i, k int) (time.Time, int, bool) {
	if k >= len(m.t) {
		return time.Time{}, k, false
	}
	w := m.low(k)
	if w == "," && m.sameSent(k, k+1) {
		if _, mo, d, _, ok := m.calendarDate(k + 1); ok && d > 0 {
			if h, ok := m.date(k + 1); ok && !h.day.IsZero() {
				return h.day, h.j, true
			}
			_ = mo
		}
	}
	if _, _, d, _, ok := m.calendarDate(k); ok && d > 0 {
		if h, ok := m.date(k); ok && !h.day.IsZero() {
			return h.day, h.j, true
		}
	}
	if off, ok := dayOffset[w]; ok && w != "tonight" {
		return m.dct.AddDate(0, 0, off), k + 1, true
	}
	if wd, ok := m.lx.weekday[w]; ok && m.t[k].cap && len(w) > 4 {
		if !m.hasDCT {
			return time.Time{}, k + 1, true
		}
		return weekdayDate(m.dct, wd, m.tenseAround(i, k+1)), k + 1, true
	}
	return time.Time{}, k, false
}

// sentenceDay returns the day of the last expression in the same sentence that fixes one.
func (m *matcher) sentenceDay(i int) (time.Time, bool) {
	for n := len(m.hits) - 1; n >= 0 && n >= len(m.hits)-4; n-- {
		h := m.hits[n]
		if m.t[h.i].sent != m.t[i].sent {
			break
		}
		if !h.day.IsZero() {
			return h.day, true
		}
	}
	return time.Time{}, false
}

// ---- bare units ----------------------------------------------------------------------------

// bareUnits matches plural units without a number ("for years", "within weeks or months").
func (m *matcher) bareUnits(i int) (hit, bool) {
	u, pl, ok := m.unitAt(i)
	if !ok || !pl || u == "WE" || u == "Q" || u == "S" {
		return hit{}, false
	}
	j := i + 1
	if c := m.low(j); c == "or" || c == "and" || c == "to" {
		if _, pl2, ok2 := m.unitAt(j + 1); ok2 && pl2 {
			j += 2
		}
	}
	prev := m.low(i - 1)
	if (prev == "just" || prev == "only" || prev == "mere") && m.low(i-2) == "in" {
		prev = "in" // "in just minutes"
	}
	switch prev {
	case "within", "in":
		if prev == "in" && j == i+1 {
			if m.low(j) == "." || m.low(j) == "," || m.kind(j) == text.Punct || m.low(j) == "" || !m.sameSent(i, j) {
				// "the highest level in years", "lost them in minutes"
				return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
			}
			break
		}
		if m.tenseAround(i, j) == tensePast {
			// "he probably died within weeks": a length of time, not a future one
			return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
		}
		return vague(i, j, "FUTURE_REF"), true
	case "the", "of", "those", "these", "their", "his", "her", "its", "our", "my", "your", "early", "late":
		return hit{}, false
	}
	if m.low(j) == "ago" {
		return vague(i, j+1, "PAST_REF"), true
	}
	if prev == "for" || prev == "over" || prev == "after" || prev == "took" || prev == "lasted" || prev == "last" || prev == "spent" ||
		m.low(j) == "of" || m.low(j) == "later" || m.low(j) == "earlier" || m.low(j) == "before" || m.low(j) == "after" {
		return hit{i: i, j: j, typ: sitrep.TimexDuration, val: durationValue("X", u), anchor: "text"}, true
	}
	return hit{}, false
}

// withHalf finishes "N and a half units" / "N 1/2 units": k is the token after the half, where a
// plural unit must follow.
func (m *matcher) withHalf(i int, q string, k int) (hit, bool) {
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 {
		return hit{}, false
	}
	k = m.skipUnitAdjective(k)
	u, pl, ok := m.unitAt(k)
	if !ok || !pl || !m.sameSent(i, k) {
		return hit{}, false
	}
	v := halfDuration(n, u)
	if v == "" {
		return hit{}, false
	}
	return hit{i: i, j: k + 1, typ: sitrep.TimexDuration, val: v, anchor: "text"}, true
}

// halfUnit matches "half a year", "half an hour": durations of half a unit.
func (m *matcher) halfUnit(i int) (hit, bool) {
	if a := m.low(i + 1); a != "a" && a != "an" {
		return hit{}, false
	}
	u, pl, ok := m.unitAt(i + 2)
	if !ok || pl || !m.sameSent(i, i+2) {
		return hit{}, false
	}
	v := halfDuration(0, u)
	if v == "" {
		return hit{}, false
	}
	return hit{i: i, j: i + 3, typ: sitrep.TimexDuration, val: v, anchor: "text"}, true
}

// halfDuration is the TIMEX3 value of n and a half units, written with the next smaller unit
// where the calendar has one ("P2Y6M", "PT1H30M", "PT30M"). It returns "" for units where half
// has no clean form (weekends, quarters).
func halfDuration(n int, u string) string {
	var b strings.Builder
	switch u {
	case "Y":
		b.WriteString("P")
		if n > 0 {
			fmt.Fprintf(&b, "%dY", n)
		}
		b.WriteString("6M")
	case "DE":
		fmt.Fprintf(&b, "P%dY", 10*n+5)
	case "CE":
		fmt.Fprintf(&b, "P%dY", 100*n+50)
	case "D":
		if n > 0 {
			fmt.Fprintf(&b, "P%dDT12H", n)
		} else {
			b.WriteString("PT12H")
		}
	case "H":
		b.WriteString("PT")
		if n > 0 {
			fmt.Fprintf(&b, "%dH", n)
		}
		b.WriteString("30M")
	case "MIN":
		b.WriteString("PT")
		if n > 0 {
			fmt.Fprintf(&b, "%dM", n)
		}
		b.WriteString("30S")
	case "M", "W":
		fmt.Fprintf(&b, "P%d.5%s", n, u)
	default:
		return ""
	}
	return b.String()
}

// quarterEnded reads "ended|ending DATE" at k, after an unnumbered "quarter", and returns the
// calendar quarter that holds the middle month of the three months ending on that date
// ("ended Sept. 30" → Q3, a fiscal quarter "ended July 31" → Q2).
func (m *matcher) quarterEnded(k int) (yq, bool) {
	if w := m.low(k); w != "ended" && w != "ending" && w != "ends" {
		return yq{}, false
	}
	y, mo, _, _, ok := m.calendarDate(k + 1)
	if !ok || mo < 1 || mo > 12 {
		return yq{}, false
	}
	if y == 0 {
		y = m.dct.Year()
		if mo > int(m.dct.Month()) && m.low(k) == "ended" {
			y-- // a quarter that has ended lies before the publication date
		}
	}
	mid := mo - 1
	if mid == 0 {
		mid, y = 12, y-1
	}
	return yq{y, (mid-1)/3 + 1}, true
}

// anaphoricDay matches "the day before|after" closing a phrase ("the day before, the envoy
// arrived") and "the next|following morning|evening|night": a day counted from the last date the
// text named. It fails when no such date precedes.
func (m *matcher) anaphoricDay(i int) (hit, bool) {
	switch m.low(i + 1) {
	case "day":
		n := 0
		switch m.low(i + 2) {
		case "before":
			n = -1
		case "after":
			n = 1
		default:
			return hit{}, false
		}
		// only when nothing follows that would be the anchor instead ("the day before the vote")
		if k := i + 3; k < len(m.t) && m.sameSent(i, k) && m.kind(k) != text.Punct {
			return hit{}, false
		}
		return m.narrative(i, i+3, "D", n)
	case "next", "following":
		p, ok := m.lx.partday[m.low(i+2)]
		if !ok || strings.HasSuffix(m.low(i+2), "s") || p == "" {
			return hit{}, false
		}
		return m.narrative(i, i+3, "D", 1)
	}
	return hit{}, false
}

// explicitQuarterYear returns the year and number of the last quarter the text named with its
// year ("the first quarter of 2010", "Q1 2010") in the sentence of token i or the one before.
func (m *matcher) explicitQuarterYear(i int) (y, q int, ok bool) {
	for n := len(m.hits) - 1; n >= 0 && n >= len(m.hits)-4; n-- {
		h := m.hits[n]
		if h.derived || h.anchor != "text" {
			continue
		}
		if m.t[h.i].sent < m.t[i].sent-1 {
			return 0, 0, false // only the same or the previous sentence
		}
		v := h.val
		if len(v) == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' {
			y, err := strconv.Atoi(v[:4])
			return y, int(v[6] - '0'), err == nil
		}
	}
	return 0, 0, false
}

// yearEnd matches "year-end", "year end" and "year's end": the end of the current year, or of
// the last one when the sentence looks back ("since year-end").
func (m *matcher) yearEnd(i int) (hit, bool) {
	j := 0
	switch {
	case m.low(i) == "year-end":
		j = i + 1
	case m.low(i) == "year" && m.low(i+1) == "end" && m.sameSent(i, i+1):
		j = i + 2
	case m.low(i) == "year" && m.low(i+1) == "'s" && m.low(i+2) == "end":
		j = i + 3
	default:
		return hit{}, false
	}
	if m.kind(j) == wordKind && !m.t[j].cap && m.sameSent(i, j) && m.low(j) != "and" && m.low(j) != "or" {
		return hit{}, false // "year-end bonus", "year-end results": an adjective, left alone
	}
	if p := m.low(i - 1); p == "the" || p == "a" || p == "its" || p == "their" {
		return hit{}, false
	}
	if !m.hasDCT {
		return hit{i: i, j: j, typ: sitrep.TimexDate, val: "XXXX", mod: "END", anchor: "none"}, true
	}
	y := m.dct.Year()
	if m.low(i-1) == "since" || m.low(i-1) != "by" && m.low(i-1) != "until" && m.tenseAround(i, j) == tensePast {
		y--
	}
	h := m.rel(i, j, sitrep.TimexDate, fmtYear(y))
	h.mod = "END"
	return h, true
}
