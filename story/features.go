package story

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// Private lists the private individuals the article centres on (see centredOn), keyed by
	// the actor stage's id for a person it does not know ("x:andrew-lopez").
	Private map[string]float64 `json:"q,omitempty"`
	Lo      time.Time          `json:"lo,omitzero"`
	Hi      time.Time          `json:"hi,omitzero"`
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
// the strongest first. The keys of the returned maps may share memory with a's text.
func Extract(a *sitrep.Article, maxTerms, maxEntities int) *Features {
	f := &Features{Title: a.Title}
	body := a.Text
	if len(body) > maxTextBytes {
		// Cut before a rune the bound splits (and before any invalid bytes at the cut).
		body = body[:maxTextBytes]
		for len(body) >= 4 && !utf8.ValidString(body[len(body)-4:]) {
			body = body[:len(body)-1]
		}
	}
	text := body
	if a.Title != "" && !strings.HasPrefix(body, a.Title) {
		text = a.Title + "\n" + body
	}
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	scanText(text, sc)
	ef := &sc.ef
	for _, ac := range a.Actors {
		if ac.Code != "" {
			ef.add("a:"+strings.ToUpper(ac.Code), 2)
			if len(ac.Code) > 3 {
				ef.add("a:"+strings.ToUpper(ac.Code[:3]), 1)
			}
		}
		if ac.Country != "" {
			ef.add("a:"+strings.ToUpper(ac.Country), 1)
		}
		if ac.Type == sitrep.ActorPerson && ac.Name != "" {
			ef.add("n:"+strings.ToLower(ac.Name), 2)
			if centredOn(a, &ac) {
				if f.Private == nil {
					f.Private = map[string]float64{}
				}
				f.Private[ac.ID] = 1
			}
		}
	}
	for _, m := range a.Mentions {
		if m.Type == sitrep.MentionPlace && m.Text != "" {
			ef.add("p:"+strings.ToLower(m.Text), 1)
		}
	}
	if a.Dateline != "" {
		ef.add("p:"+strings.ToLower(a.Dateline), 2)
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
	f.Terms = sc.tf.top(maxTerms, sc)
	f.Entities = sc.ef.top(maxEntities, sc)
	f.Lo, f.Hi = articleDates(a, text)
	f.Lead = leadSentence(a.Title, body)
	return f
}

// Private individuals: privateLeadBytes is how far into the text the article must name one, and
// privateMentions how often, for the article to centre on them.
const (
	privateLeadBytes = 600
	privateMentions  = 2
)

// centredOn reports whether article a centres on the person ac as on a private individual: the
// actor stage does not know them (an "x:" id), no mention gives them an office or role, and the
// article names them at least privateMentions times, once within its first privateLeadBytes.
// Such a person (a victim, a suspect, a missing climber) ties a happening to its later
// developments — an arrest, a trial, a verdict — while officials and known figures recur across
// unrelated happenings, and a commentator or a photo credit is named once or far down.
func centredOn(a *sitrep.Article, ac *sitrep.Actor) bool {
	if !strings.HasPrefix(ac.ID, "x:") || len(ac.Roles) > 0 {
		return false
	}
	n, lead := 0, false
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.ActorID != ac.ID {
			continue
		}
		if m.Role != "" {
			return false
		}
		n++
		lead = lead || m.Start < privateLeadBytes
	}
	return lead && n >= privateMentions
}

// counter tallies feature keys. Extract counts every word of the text, so it uses its own
// open-addressing hash table, about twice as fast here as a Go map: slots hold a key's hash and
// its place in keys and n, which list the distinct keys and their counts in the order first seen.
type counter struct {
	slots []slot // a power of two long, at least twice as many as keys
	keys  []string
	n     []int
	strs  *strings.Builder // receives the copies of new keys given as bytes
}

type slot struct {
	hash uint64
	at   int32 // 1 + the key's index in keys; 0 for an empty slot
}

// minSlots is the initial table size, enough for the words of most articles.
const minSlots = 512

var hashSeed = maphash.MakeSeed()

// add counts k v times. k must not share memory with a reused buffer: it may end up in the
// returned features.
func (c *counter) add(k string, v int) {
	h := maphash.String(hashSeed, k)
	i := c.find(h, k)
	if c.slots[i].at == 0 {
		c.insert(i, h, k, v)
		return
	}
	c.n[c.slots[i].at-1] += v
}

// addBytes is add for a key built in a scratch buffer: the key is copied only when it is new.
func (c *counter) addBytes(k []byte, v int) {
	h := maphash.Bytes(hashSeed, k)
	i := c.find(h, string(k))
	if c.slots[i].at == 0 {
		start := c.strs.Len()
		c.strs.Write(k)
		c.insert(i, h, c.strs.String()[start:], v)
		return
	}
	c.n[c.slots[i].at-1] += v
}

// find returns the slot holding k, whose hash is h, or the empty slot where it belongs.
func (c *counter) find(h uint64, k string) int {
	if len(c.slots) == 0 {
		c.slots = make([]slot, minSlots)
	}
	mask := len(c.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := c.slots[i]
		if s.at == 0 || s.hash == h && c.keys[s.at-1] == k {
			return i
		}
	}
}

// insert puts k, with hash h and count v, in the empty slot i, growing the table when it is half
// full.
func (c *counter) insert(i int, h uint64, k string, v int) {
	c.keys = append(c.keys, k)
	c.n = append(c.n, v)
	c.slots[i] = slot{hash: h, at: int32(len(c.keys))}
	if 2*len(c.keys) <= len(c.slots) {
		return
	}
	old := c.slots
	c.slots = make([]slot, 2*len(old))
	mask := len(c.slots) - 1
	for _, s := range old {
		if s.at == 0 {
			continue
		}
		j := int(s.hash) & mask
		for c.slots[j].at != 0 {
			j = (j + 1) & mask
		}
		c.slots[j] = s
	}
}

// reset empties c, keeping its memory and forgetting its keys.
func (c *counter) reset() {
	clear(c.slots)
	clear(c.keys)
	c.keys, c.n = c.keys[:0], c.n[:0]
}

// top converts counts to 1+log(count) weights and keeps the n largest, ties by key (the
// alphabetically first are kept). Counts are small integers shared by many keys, so rather than
// sorting every key it finds the n-th largest count (the cut), keeps every key counted more and
// selects among the keys counted exactly the cut.
func (c *counter) top(n int, sc *scratch) map[string]float64 {
	if len(c.keys) <= n {
		out := make(map[string]float64, len(c.keys))
		for i, k := range c.keys {
			out[k] = weight(c.n[i])
		}
		return out
	}
	if n <= 0 {
		return map[string]float64{}
	}
	cut := sc.nthLargest(c.n, n)
	out := make(map[string]float64, n)
	tie := sc.tie[:0]
	for i, k := range c.keys {
		switch v := c.n[i]; {
		case v > cut:
			out[k] = weight(v)
		case v == cut:
			tie = append(tie, k)
		}
	}
	keep := n - len(out)
	selectSmallest(tie, keep)
	for _, k := range tie[:keep] {
		out[k] = weight(cut)
	}
	clear(tie)
	sc.tie = tie[:0]
	return out
}

// selectSmallest reorders the distinct keys so that the k alphabetically first come first, in no
// particular order: a quickselect, which does less work than sorting them all.
func selectSmallest(keys []string, k int) {
	lo, hi := 0, len(keys) // the boundary k lies in keys[lo:hi]
	for hi-lo > 16 {
		// Partition keys[lo:hi] around the median of three: smaller keys first, then the pivot.
		mid := lo + (hi-lo)/2
		if keys[mid] < keys[lo] {
			keys[mid], keys[lo] = keys[lo], keys[mid]
		}
		if keys[hi-1] < keys[lo] {
			keys[hi-1], keys[lo] = keys[lo], keys[hi-1]
		}
		if keys[hi-1] < keys[mid] {
			keys[hi-1], keys[mid] = keys[mid], keys[hi-1]
		}
		keys[mid], keys[hi-1] = keys[hi-1], keys[mid]
		pivot, p := keys[hi-1], lo
		for i := lo; i < hi-1; i++ {
			if keys[i] < pivot {
				keys[i], keys[p] = keys[p], keys[i]
				p++
			}
		}
		keys[p], keys[hi-1] = keys[hi-1], keys[p]
		switch {
		case p == k:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p
		}
	}
	slices.Sort(keys[lo:hi])
}

// nthLargest returns the n-th largest of counts (1 <= n <= len(counts)). Counts are positive and
// mostly small, so it tallies them by value rather than sorting them.
func (sc *scratch) nthLargest(counts []int, n int) int {
	var small [64]int
	large := sc.large[:0]
	for _, v := range counts {
		if v < len(small) {
			small[v]++
		} else {
			large = append(large, v)
		}
	}
	sc.large = large
	if len(large) >= n {
		slices.Sort(large)
		return large[len(large)-n]
	}
	n -= len(large)
	v := len(small) - 1
	for ; v > 0; v-- {
		if n -= small[v]; n <= 0 {
			break
		}
	}
	return v
}

// weight is the feature weight of a count.
func weight(count int) float64 {
	if count < len(smallWeights) {
		return smallWeights[count]
	}
	return 1 + logf(float64(count))
}

// smallWeights holds the weights of the common small counts.
var smallWeights = func() (w [64]float64) {
	for c := range w {
		w[c] = 1 + logf(float64(c))
	}
	return w
}()

// tok is one word of the scanned text.
type tok struct {
	w       string // as written
	lw      string // lower case, without a possessive 's
	line    int32
	cap     bool // starts with a capital
	initial bool // opens a sentence or a line
	brk     bool // a break (punctuation other than inner hyphen) follows
	stop    bool // lw is a stop word
}

// scratch is the working memory of one Extract call, reused through scratchPool. Strings held in
// it share memory with the article's text or with strs, never with its reused buffers (key), so
// what Extract returns stays valid after the scratch is reused; release forgets them.
type scratch struct {
	tf, ef    counter
	toks      []tok
	midCaps   map[string]bool
	words     []int32 // per line: words other than function words and numbers
	caps      []int32 // per line: how many of those are capitalised
	titled    []bool
	name      []string // the parts of the name being read
	nameBoost int
	key       []byte   // feature keys are built here
	large     []int    // counts too large to tally by value
	tie       []string // keys counted the cut, while choosing among them
	// strs holds the strings a call makes (lower-cased words, new feature keys) one after the
	// other, so that a call allocates a block or two rather than a string each. A strings.Builder
	// never changes bytes it has handed out, so these strings stay valid as it grows, and after
	// release resets it (which lets go of the block).
	strs strings.Builder
}

var scratchPool = sync.Pool{New: func() any {
	sc := &scratch{midCaps: map[string]bool{}}
	sc.tf.strs, sc.ef.strs = &sc.strs, &sc.strs
	return sc
}}

// maxPooledSlots bounds the scratch kept for reuse: after a rare long text, clearing tables that
// large on every later call would cost more than making new ones.
const maxPooledSlots = 4096

// release returns sc to the pool, forgetting every string that refers to the article.
func (sc *scratch) release() {
	if len(sc.tf.slots) > maxPooledSlots || len(sc.ef.slots) > maxPooledSlots || len(sc.midCaps) > maxPooledSlots/2 {
		return
	}
	sc.tf.reset()
	sc.ef.reset()
	clear(sc.toks)
	sc.toks = sc.toks[:0]
	clear(sc.midCaps)
	clear(sc.name)
	sc.name = sc.name[:0]
	sc.strs.Reset()
	scratchPool.Put(sc)
}

// leadTokens word tokens open the article (headline and lead); their words and names count
// leadBoost times, because the lead says which happening the article reports.
const (
	leadTokens = 40
	leadBoost  = 3
)

// scanText counts word terms into sc.tf and capitalised names into sc.ef. A capitalised word
// counts as a name unless it opens a sentence or line and is not seen capitalised elsewhere in
// the text.
func scanText(s string, sc *scratch) {
	toks := sc.toks[:0]
	// Per line: words other than function words and numbers, and how many of them are capitalised.
	words, caps := append(sc.words[:0], 0), append(sc.caps[:0], 0)
	sc.strs.Grow(len(s)/4 + 64)
	initial := true
	var line int32
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			j, ascii := wordEnd(s, i+n)
			t := tok{w: s[i:j], line: line, cap: unicode.IsUpper(r), initial: initial}
			switch {
			case !ascii || n > 1:
				t.lw = strings.ToLower(t.w)
				if strings.Contains(t.lw, "’") {
					t.lw = strings.ReplaceAll(t.lw, "’", "'")
				}
			case hasUpperASCII(t.w):
				start := sc.strs.Len()
				sc.key = appendLowerASCII(sc.key[:0], t.w)
				sc.strs.Write(sc.key)
				t.lw = sc.strs.String()[start:]
			default:
				t.lw = t.w
			}
			t.lw = strings.TrimSuffix(t.lw, "'s")
			t.stop = isStopword(t.lw)
			if len(t.lw) >= 2 && !t.stop {
				if !isDigitByte(t.w[0]) {
					words[line]++
					if t.cap {
						caps[line]++
					}
				}
				sc.countTerm(t.lw, len(toks))
			}
			toks = append(toks, t)
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
			words, caps = append(words, 0), append(caps, 0)
		}
		i += n
	}
	sc.toks, sc.words, sc.caps = toks, words, caps
	// In a title-cased line (a headline: "Lohan Leaves Betty Ford, Checks Into Rehab") capitals
	// say nothing, so its words count as names only when the rest of the text capitalises them
	// mid-sentence too.
	titled := zeroed(sc.titled, len(words))
	sc.titled = titled
	for l := range titled {
		titled[l] = words[l] >= 4 && 10*caps[l] >= 9*words[l]
	}
	// A capitalised word that opens a sentence or stands in a title-cased line is a name only when
	// the text capitalises it mid-sentence too: midCaps holds those words, true once seen so.
	midCaps := sc.midCaps
	for _, t := range toks {
		if t.cap && !t.stop && (t.initial || titled[t.line]) {
			midCaps[t.w] = false
		}
	}
	if len(midCaps) > 0 {
		for _, t := range toks {
			if t.cap && !t.initial && !titled[t.line] {
				if _, ok := midCaps[t.w]; ok {
					midCaps[t.w] = true
				}
			}
		}
	}
	sc.nameBoost = 1
	for ti := range toks {
		t := &toks[ti]
		if t.cap && !t.stop && ((!t.initial && !titled[t.line]) || midCaps[t.w]) && !calendarWords[t.lw] && !isAllCapsLong(t.w) {
			sc.name = append(sc.name, t.lw)
			if ti < leadTokens {
				sc.nameBoost = max(sc.nameBoost, leadBoost)
			}
		} else {
			sc.flushName()
		}
		if t.brk {
			sc.flushName()
		}
	}
	sc.flushName()
}

// countTerm counts lw, the word at index ti of the text (neither a function word nor a single
// letter), as a term.
func (sc *scratch) countTerm(lw string, ti int) {
	boost := 1
	if ti < leadTokens {
		boost = leadBoost
	}
	if isNumber(lw) {
		// Bare numbers are weak evidence but ages, tolls and magnitudes help separate stories.
		sc.key = append(append(sc.key[:0], '#'), lw...)
		sc.tf.addBytes(sc.key, boost)
		return
	}
	sc.tf.add(stem(lw), boost)
}

// flushName counts the name being read as entities: each part, and the whole when it has several.
func (sc *scratch) flushName() {
	if len(sc.name) == 0 {
		return
	}
	key := append(sc.key[:0], "n:"...)
	for _, p := range sc.name {
		key = append(key[:2], p...)
		sc.ef.addBytes(key, sc.nameBoost)
	}
	if len(sc.name) > 1 {
		key = key[:2]
		for i, p := range sc.name {
			if i > 0 {
				key = append(key, ' ')
			}
			key = append(key, p...)
		}
		sc.ef.addBytes(key, sc.nameBoost)
	}
	sc.key = key
	clear(sc.name)
	sc.name = sc.name[:0]
	sc.nameBoost = 1
}

// wordEnd returns the end of the word that continues at s[j:]: letters and digits, with inner
// '-', apostrophes and '.' between letters or digits, and ',' between digits ("1,800"). ascii
// reports whether that part of the word is all ASCII.
func wordEnd(s string, j int) (end int, ascii bool) {
	ascii = true
	for j < len(s) {
		if asciiWord[s[j]] {
			j++
			continue
		}
		r, n := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		if isWordRune(r) || (j+n < len(s) && innerJoiner(s, j, r, n)) {
			ascii = ascii && n == 1
			j += n
			continue
		}
		break
	}
	return j, ascii
}

// innerJoiner reports whether the rune r of width n at s[j] joins the letters or digits around it
// into one word; a rune follows it.
func innerJoiner(s string, j int, r rune, n int) bool {
	switch r {
	case '-', '\'', '’', '.':
	case ',':
		if !isDigitByte(s[j-1]) || !isDigitByte(s[j+n]) {
			return false
		}
	default:
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j+n:])
	return unicode.IsLetter(next) || unicode.IsDigit(next)
}

// hasUpperASCII reports whether w has an ASCII capital.
func hasUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// appendLowerASCII appends w to b with its ASCII capitals in lower case.
func appendLowerASCII(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// zeroed returns s resized to n zero values, reusing its memory when it is large enough.
func zeroed[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// asciiWord marks the ASCII letters and digits (indexed by byte, so false for every byte of a
// multi-byte rune).
var asciiWord = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isWordRune reports letters and digits, with an ASCII fast path.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isLetterOrDigit(r)
}

// isLetterOrDigit is isWordRune beyond ASCII (apart, so that isWordRune is inlined).
func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

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
	if n < 4 {
		return w
	}
	switch w[n-1] {
	case 's':
		switch {
		case n > 5 && strings.HasSuffix(w, "ies"):
			return w[:n-3] + "y"
		case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
			return w[:n-2]
		case w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
			return w[:n-1]
		}
	case 'g':
		if n > 5 && strings.HasSuffix(w, "ing") {
			return w[:n-3]
		}
	case 'd':
		if n > 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") {
			return w[:n-2]
		}
	}
	return w
}

// leadSentence returns the article's first substantial line or sentence, bounded in length.
func leadSentence(title, body string) string {
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimSpace(line)
		if !hasFields(line, 8) || line == title {
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

// hasFields reports whether s has at least n fields as strings.Fields splits it, without
// splitting it.
func hasFields(s string, n int) bool {
	in := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in = true
			if n--; n <= 0 {
				return true
			}
		}
	}
	return n <= 0
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
	// f holds the last three fields (runs of letters and digits) read.
	var f [3]string
	n := 0
	for w := range strings.FieldsFuncSeq(strings.ToLower(head), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		f[0], f[1], f[2] = f[1], f[2], trimOrdinal(w)
		if n++; n < 3 {
			continue
		}
		if m, ok := monthNum[f[0]]; ok {
			if d, y, ok := dayYear(f[1], f[2]); ok {
				return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
			}
		}
		if m, ok := monthNum[f[1]]; ok {
			if d, y, ok := dayYear(f[0], f[2]); ok {
				return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
			}
		}
	}
	return time.Time{}, false
}

// dayYear reads a day of the month and a year from 1950 to 2100.
func dayYear(day, year string) (d, y int, ok bool) {
	d, ok1 := atoi(day)
	y, ok2 := atoi(year)
	return d, y, ok1 && ok2 && d >= 1 && d <= 31 && y >= 1950 && y <= 2100
}

// atoi is strconv.Atoi for strings of ASCII digits, which does not make an error value for the
// many fields that are not numbers.
func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
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
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !(isWordRune(r) || r == '/' || r == '-' || r == '.') }) {
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

// calendarWords are the month names (not their short forms), weekdays and "today", "yesterday"
// and "tomorrow": capitalised, they are still not names.
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for k := range monthNum {
		if len(k) > 3 {
			m[k] = true
		}
	}
	for _, k := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow"} {
		m[k] = true
	}
	return m
}()
