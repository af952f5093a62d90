package quote

import (
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Attribution is one source / cue / content triple found in a text. Offsets are UTF-8 byte
// offsets into the text; a zero-length span means absent. SourceStart/SourceEnd locate the
// source expression as written (the pronoun "he", not its antecedent); Speaker is the resolved
// source.
type Attribution struct {
	Kind                   string
	Start, End             int
	SourceStart, SourceEnd int
	CueStart, CueEnd       int
	Cue                    string
	Speaker                sitrep.Source
	Via                    []sitrep.Source
	Hedge                  string
	Stance                 string
	// Parent is the index of the attribution this one is nested in, or -1.
	Parent int
	// Continued is true for a quote that takes its speaker from the preceding quote (no cue of
	// its own).
	Continued bool
}

// Extractor finds attributions. It is safe for concurrent use.
type Extractor struct {
	lx *lexicon
}

// NewExtractor returns an extractor with the embedded lexicons.
func NewExtractor() *Extractor { return &Extractor{lx: loadLexicon()} }

// maxTokens bounds the work on one article: tokens past this point are not analysed.
const maxTokens = 200000

// maxUnit bounds a unit (a sentence or the sentences a quotation spans) in tokens; maxFrames
// bounds the attributions found in one unit. Both keep the work per unit constant.
const (
	maxUnit   = 400
	maxFrames = 48
)

// frame is an attribution in token coordinates while a unit is being analysed.
type frame struct {
	cue0, cue1 int
	src0, src1 int // -1 when the source is implicit
	c0, c1     int // content tokens
	info       cueInfo
	post       bool // content precedes the cue
	via        [][2]int
	viaMedia   []int // token index of an object that is a media outlet
	passive    bool
	part       bool // participle continuing the previous frame's source
	partOf     int
	outer      int // frame index this one nests in, or -1
	quote      int // top-level quote equal to the content, or -1
	hedge      string
	implicit   bool
	rel        bool // the source is a relative pronoun standing for the phrase before it
}

type run struct {
	lx     *lexicon
	d      *text.Doc
	s      string
	toks   []text.Token
	n      int
	low    []string
	cue    []bool  // the token's lower-case form is in the cue lexicon
	fl     []uint8 // per-token word flags (flRaising, flHedge, flBelieved)
	cueIdx []int32 // per-token index into lx.cueList, valid where cue is set
	tcase  []int8  // per sentence: 0 unknown, 1 title case, -1 not
	qs     []qspan
	qAt    []int32 // innermost quote holding each token, -1 outside quotes
	ments  []sitrep.Mention
	actors []sitrep.Actor
	out    []Attribution
	// lastMedia is the most recent media source, for "the report" and "the cited media".
	lastMedia *sitrep.Source
}

// Extract returns the attributions of doc, top-level ones before the quotes nested in them within
// each unit. mentions and actors (from the actor stage) are optional.
func (e *Extractor) Extract(doc *text.Doc, mentions []sitrep.Mention, actors []sitrep.Actor) []Attribution {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	r := &run{lx: e.lx, d: doc, s: doc.Text, toks: doc.Tokens, ments: mentions, actors: actors}
	r.n = len(r.toks)
	r.out = make([]Attribution, 0, 8+r.n/40)
	if r.n > maxTokens {
		r.n = maxTokens
	}
	r.low = make([]string, r.n)
	// one copy of the text with ASCII letters lower-cased serves every token (the lexicons are
	// ASCII; other letters are left as they are, which keeps byte offsets aligned)
	lb := []byte(r.s)
	for i, c := range lb {
		if c >= 'A' && c <= 'Z' {
			lb[i] = c + 'a' - 'A'
		}
	}
	lowText := string(lb)
	r.cue = make([]bool, r.n)
	r.fl = make([]uint8, r.n)
	r.cueIdx = make([]int32, r.n)
	for i := 0; i < r.n; i++ {
		if t := r.toks[i]; t.Kind == text.Word || t.Kind == text.Number {
			r.low[i] = lowText[t.Start:t.End]
			if t.Kind == text.Word {
				if w, ok := r.lx.words[r.low[i]]; ok {
					r.cue[i] = w.fl&flCue != 0
					r.fl[i] = w.fl
					if w.cue >= 0 {
						r.cueIdx[i] = w.cue
					}
				}
			}
		}
	}
	r.tcase = make([]int8, len(doc.Sentences))
	r.qs = findQuotes(doc)
	r.qAt = make([]int32, r.n)
	for i := range r.qAt {
		r.qAt[i] = -1
	}
	for qi, q := range r.qs {
		for k := q.open; k < q.end && k < r.n; k++ {
			r.qAt[k] = int32(qi)
		}
	}
	r.units(0, r.n, -1, -1)
	if strings.Contains(lowText, "verif") || strings.Contains(lowText, "confirm") || strings.Contains(lowText, "corroborat") {
		r.markUnverified()
	}
	return r.out
}

func (r *run) tok(i int) string { t := r.toks[i]; return r.s[t.Start:t.End] }

func (r *run) isPunct(i int, c string) bool {
	return i >= 0 && i < r.n && r.toks[i].Kind == text.Punct && r.tok(i) == c
}

func (r *run) isWord(i int) bool { return i >= 0 && i < r.n && r.toks[i].Kind == text.Word }

// childAt returns the quotation directly inside level q that holds token i, or -1.
func (r *run) childAt(i, q int) int {
	x := int(r.qAt[i])
	if x == q {
		return -1
	}
	for x >= 0 && r.qs[x].parent != q {
		x = r.qs[x].parent
	}
	return x
}

// units walks tokens [lo, hi) at quote level q unit by unit: a sentence, or the run of sentences
// a quotation spans.
func (r *run) units(lo, hi, q, parentAttr int) {
	sents := r.d.Sentences
	i := 0
	if lo > 0 {
		i = r.toks[lo].Sent
	}
	for i < len(sents) {
		ts := sents[i].TokStart
		if ts < lo {
			ts = lo
		}
		if ts >= hi {
			break
		}
		te := sents[i].TokEnd
		j := i + 1
		for {
			ext := te
			for k := ts; k < te && k < hi; k++ {
				if c := r.childAt(k, q); c >= 0 && r.qs[c].end > ext {
					ext = r.qs[c].end
				}
			}
			for ext > te && j < len(sents) {
				te = sents[j].TokEnd
				j++
			}
			if ext <= te || j >= len(sents) {
				break
			}
		}
		// "Reporter Jane Doe says:" followed by a quotation in the next paragraph
		if j < len(sents) && te-1 >= ts && te-1 < r.n && r.isPunct(te-1, ":") && sents[j].TokStart < hi && r.toks[sents[j].TokStart].Kind == text.Quote && te-ts >= 2 {
			nq := r.childAt(sents[j].TokStart, q)
			for nq >= 0 && j < len(sents) && sents[j].TokStart < r.qs[nq].end && sents[j].TokEnd <= hi {
				te = sents[j].TokEnd
				j++
			}
		}
		// "“… missing.” Trump said." : a short cue sentence right after a quotation belongs to it
		if j < len(sents) && te-1 >= ts && te-1 < r.n && r.toks[te-1].Kind == text.Quote && r.childAt(te-1, q) >= 0 {
			ns := sents[j]
			if ns.TokEnd-ns.TokStart <= 14 && ns.TokEnd <= hi && !strings.Contains(r.s[r.toks[te-1].End:ns.Start], "\n") && r.hasCue(ns.TokStart, ns.TokEnd, q) {
				te = ns.TokEnd
				j++
			}
		}
		if te > hi {
			te = hi
		}
		// bounded work: an overlong unit (run-on text, unbalanced marks) is cut into pieces
		for ts < te {
			e := min(te, ts+maxUnit)
			r.unit(ts, e, q, parentAttr)
			ts = e
		}
		i = j
	}
}

// usable reports whether token k belongs to the level being analysed (outside every quote for
// the top level, directly inside quote q otherwise).
func (r *run) usable(k, q int) bool { return int(r.qAt[k]) == q }

// cueAt returns the cue at token k and the token just past it.
func (r *run) cueAt(k, q int) (cueInfo, int, bool) {
	if !r.isWord(k) || !r.usable(k, q) {
		return cueInfo{}, 0, false
	}
	if r.toks[k].Cap && !(k > 0 && r.isWord(k-1) && r.toks[k-1].Cap && r.titleCase(k)) {
		return cueInfo{}, 0, false
	}
	if !r.cue[k] {
		return cueInfo{}, 0, false
	}
	return r.lx.cueList[r.cueIdx[k]], k + 1, true
}

// unit finds the frames of tokens [ts, te) at quote level q and emits them.
func (r *run) unit(ts, te, q, parentAttr int) {
	var fs []frame
	for k := ts; k < te; k++ {
		if !r.usable(k, q) || !r.isWord(k) {
			continue
		}
		lw := r.low[k]
		if lw == "according" && k+1 < te && r.low[k+1] == "to" {
			if f, ok := r.according(ts, te, k, k+2, q, fs); ok {
				fs = append(fs, f)
			}
			continue
		}
		if lw == "as" && k+2 < te && r.low[k+1] == "reported" && r.low[k+2] == "by" {
			if f, ok := r.according(ts, te, k, k+3, q, fs); ok {
				fs = append(fs, f)
				k += 2
			}
			continue
		}
		if k == ts && lw == "in" {
			// "In a CNN national poll, Clinton held a 24-point lead": a document as the source
			if f, ok := r.documentFrame(ts, te, k, q, fs); ok {
				fs = append(fs, f)
				continue
			}
		}
		if k == ts && (lw == "asked" || lw == "when" && k+1 < te && r.low[k+1] == "asked") {
			if f, ok := r.askedFrame(ts, te, k, q); ok {
				fs = append(fs, f)
			}
			continue
		}
		if len(fs) >= maxFrames {
			break
		}
		if r.fl[k]&flRaising != 0 {
			if f, ok := r.raisingFrame(ts, te, k, q); ok {
				fs = append(fs, f)
				continue
			}
		}
		ci, next, ok := r.cueAt(k, q)
		if !ok {
			continue
		}
		if k > ts && r.isWord(k-1) && r.low[k-1] == "to" && ci.class != cuePart {
			continue // an infinitive ("met to discuss", "wants to address") belongs to the verb before it
		}
		if r.nounUse(ts, te, k, next) {
			continue // "since the mackerel dispute flared in May": a noun, not a speech verb
		}
		if f, ok := r.verbFrame(ts, te, k, next, ci, q, fs); ok {
			if !r.clauseSource(f) {
				fs = append(fs, f)
			}
		} else if f, ok := r.fallbackFrame(ts, te, k, next, ci, q, fs); ok && !r.clauseSource(f) {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		if f, ok := r.colonFrame(ts, te, q); ok {
			fs = append(fs, f)
		}
	}
	fs = r.quoteFrames(ts, te, q, fs)
	r.emitLevel(ts, te, q, fs, parentAttr)
}

// clauseOpener reports whether token k can open a complement clause: anything but an object or
// reflexive pronoun ("found himself", "know him") or punctuation.
func (r *run) clauseOpener(k int) bool {
	if k >= r.n {
		return false
	}
	switch r.toks[k].Kind {
	case text.Quote, text.Number:
		return true
	case text.Word:
		lw := r.low[k]
		return !objectPronouns[lw]
	}
	return false
}

// finiteVerb reports whether lower-case token k reads as a verb with its object: "-s" or "-ed"
// followed by a determiner or pronoun ("maintains its position").
func (r *run) finiteVerb(k int) bool {
	if !r.isWord(k) || r.toks[k].Cap || k+1 >= r.n || !r.isWord(k+1) {
		return false
	}
	lw := r.low[k]
	if !(strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "ed")) || len(lw) < 4 {
		return false
	}
	nw := r.low[k+1]
	return determiners[nw] && nw != "one" || pronouns[nw] || nw == "him" || nw == "them" || nw == "us"
}

// verbLike reports whether token k could be a finite verb: a cue, a frequent verb, or a lower-case
// word ending in -s or -ed.
func (r *run) verbLike(k int) bool {
	if !r.isWord(k) || r.toks[k].Cap {
		return false
	}
	lw := r.low[k]
	return r.cue[k] || commonVerbs[lw] || len(lw) > 3 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss") && !strings.HasSuffix(lw, "us"))
}

// quoteFrames attributes quotations of the unit that no frame covers by their shape alone:
// "“…,” the man shouted.", "“…,” he points out.", "the supporter retorted: “…”".
func (r *run) quoteFrames(ts, te, q int, fs []frame) []frame {
	for k := ts; k < te; k++ {
		c := r.childAt(k, q)
		if c < 0 || r.qs[c].open != k {
			continue
		}
		qq := r.qs[c]
		covered := false
		for _, f := range fs {
			if qq.open >= f.c0 && qq.open < f.c1 {
				covered = true
			}
		}
		if covered {
			k = qq.end - 1
			continue
		}
		f := frame{src0: -1, src1: -1, info: cueInfo{class: cueSay, stance: "assert"}, outer: -1, quote: -1, partOf: -1}
		e := qq.end
		pe := e - 1
		for pe > qq.open && r.toks[pe].Kind == text.Quote {
			pe--
		}
		endsClause := pe > qq.open && (r.isPunct(pe, ",") || r.isPunct(pe, "?") || r.isPunct(pe, "!") || r.isPunct(pe, "—"))
		switch {
		case endsClause && e < te && r.usable(e, q) && r.verbLike(e) && !r.toks[e].Cap:
			// inverted: ",” retorted the supporter."
			if n := r.fwdNP(e+1, te, q); n > e+1 {
				after := r.skipAdverbials(n, te, q)
				if after >= te || r.toks[after].Kind == text.Punct {
					f.cue0, f.cue1, f.src0, f.src1 = e, e+1, e+1, n
				}
			}
		case endsClause && e < te && r.usable(e, q):
			// ",” the man shouted."
			n := e
			if r.isWord(n) && pronouns[r.low[n]] {
				n++
			} else {
				for n < te && n-e < 6 && r.usable(n, q) && (r.isWord(n) && (r.toks[n].Cap || determiners[r.low[n]] || !r.verbLike(n)) || r.toks[n].Kind == text.Possessive) {
					n++
				}
			}
			if n > e && n < te && r.verbLike(n) {
				after := r.skipAdverbials(n+1, te, q)
				for after < te && r.isWord(after) && (strings.HasSuffix(r.low[after], "ly") || r.low[after] == "out" || r.low[after] == "up") {
					after++
				}
				if after >= te || r.toks[after].Kind == text.Punct || r.isWord(after) && clauseSubordinators[r.low[after]] {
					f.src0, f.src1, f.cue0, f.cue1 = e, n, n, n+1
				}
			}
		case qq.open-1 >= ts && r.isPunct(qq.open-1, ":") && r.usable(qq.open-1, q):
			// "the Christie supporter retorted: “…”"
			colon := qq.open - 1
			if s0, s1, ok := r.subjectNP(r.clauseStart(ts, colon, q), colon, q); ok && s1 <= colon {
				f.src0, f.src1 = s0, s1
				f.cue0, f.cue1 = colon, colon+1
				if colon-1 >= s1 && r.isWord(colon-1) {
					f.cue0 = colon - 1
				}
			}
		}
		if f.src0 < 0 || !r.validSource(f.src0, f.src1) {
			k = qq.end - 1
			continue
		}
		if f.cue0 > qq.open {
			f.post = true
			f.c0, f.c1 = qq.open, qq.end
		} else {
			f.c0, f.c1 = qq.open, r.contentEnd(qq.open, te)
		}
		fs = append(fs, f)
		k = qq.end - 1
	}
	return fs
}

// labelWords open lines that a colon follows but that are not speakers.
var labelWords = set("related", "update", "updated", "note", "editor", "editors", "watch", "read", "see",
	"photo", "photos", "video", "source", "breaking", "correction", "disclosure", "transcript", "full",
	"partial", "tags", "share", "advertisement", "listen", "click", "sign", "follow", "subscribe", "more",
	"also", "q", "a", "question", "answer", "warning", "exclusive", "opinion", "analysis", "live", "poll")

// colonFrame finds "Trump: Cruz has to come a long way" — a name or pronoun opening the unit,
// then a colon and the words it is credited with.
func (r *run) colonFrame(ts, te, q int) (frame, bool) {
	f := frame{src0: -1, src1: -1, info: cueInfo{class: cueSay, stance: "assert"}, outer: -1, quote: -1, partOf: -1}
	k := ts
	for k < te && k-ts < 7 && r.usable(k, q) && (r.isWord(k) && (r.toks[k].Cap || r.low[k] == "of" || pronouns[r.low[k]]) || r.toks[k].Kind == text.Possessive || r.isPunct(k, ".") && k > ts) {
		k++
	}
	if k == ts || k >= te || !r.isPunct(k, ":") || labelWords[r.low[ts]] || timeWords[r.low[ts]] {
		return f, false
	}
	if k+1 < te && r.toks[k+1].Kind == text.Number {
		return f, false
	}
	c0 := r.contentStart(k+1, te)
	c1 := r.contentEnd(c0, te)
	if c1-c0 < 3 {
		return f, false
	}
	f.src0, f.src1 = ts, k
	f.cue0, f.cue1 = k, k+1
	f.c0, f.c1 = c0, c1
	return f, true
}

// askedFrame finds "Asked whether …, X said": a question put by an unnamed asker, its content
// running to the comma.
func (r *run) askedFrame(ts, te, k, q int) (frame, bool) {
	f := frame{src0: -1, src1: -1, info: cueInfo{class: cueAsk, stance: "question"}, outer: -1, quote: -1, partOf: -1, implicit: true, passive: true}
	a := k + 1
	if r.low[k] == "when" {
		a = k + 2
	}
	e := a
	for e < te && e-a < 40 && r.usable(e, q) && !r.isPunct(e, ",") {
		e++
	}
	if e >= te || e-a < 2 {
		return f, false
	}
	f.cue0, f.cue1 = k, a
	f.c0, f.c1 = a, e
	return f, true
}

// contentEnd trims closing punctuation (not quotation marks) from the end of [a, b).
func (r *run) contentEnd(a, b int) int {
	for b > a && r.toks[b-1].Kind == text.Punct {
		c := r.tok(b - 1)
		if c == "." || c == "," || c == ";" || c == ":" || c == "!" || c == "?" || c == "—" || c == "-" {
			b--
			continue
		}
		break
	}
	return b
}

// contentStart skips leading punctuation, "that" and conjunctions.
func (r *run) contentStart(a, b int) int {
	for a < b {
		if r.toks[a].Kind == text.Punct {
			a++
			continue
		}
		if r.isWord(a) && (r.low[a] == "that" || r.low[a] == "and" || r.low[a] == "but") {
			a++
			continue
		}
		break
	}
	return a
}

// prevEnd is where the content of a post-cue frame may begin: the unit start or the end of the
// previous frame's cue and source.
func prevEnd(ts int, fs []frame) int {
	p := ts
	for _, f := range fs {
		e := f.cue1
		if f.src1 > e {
			e = f.src1
		}
		if !f.post && f.c1 > e {
			continue
		}
		if e > p {
			p = e
		}
	}
	return p
}

// according builds "according to X" and "as reported by X" frames; k is the first cue token and
// np the first token of the source.
func (r *run) according(ts, te, k, np, q int, fs []frame) (frame, bool) {
	f := frame{cue0: k, cue1: np, src0: np, info: cueInfo{class: cueSay, stance: "assert"}, outer: -1, quote: -1, partOf: -1}
	e := np
	for e < te && e-np < 25 && r.usable(e, q) {
		if r.toks[e].Kind == text.Punct {
			c := r.tok(e)
			if c != "&" && c != "-" {
				break
			}
		}
		if r.toks[e].Kind == text.Quote {
			break
		}
		e++
	}
	if e == np {
		return f, false
	}
	f.src1 = e
	// "a report by Bloomberg News citing Israeli broadcaster Kan": the last cited party speaks.
	for i := np; i < e; i++ {
		if r.isWord(i) && (r.low[i] == "citing" || r.low[i] == "quoting") && i+1 < e && i > f.src0 {
			f.via = append(f.via, [2]int{f.src0, i})
			f.src0 = i + 1
		}
	}
	start := k
	for start > ts && (r.isWord(start-1) && (boundaryConj[r.low[start-1]] || r.low[start-1] == "as") || r.toks[start-1].Kind == text.Punct && r.tok(start-1) == ",") && start-1 >= ts {
		start--
	}
	lead := prevEnd(ts, fs)
	if start-lead <= 3 && e < te && r.isPunct(e, ",") {
		start = lead // "In addition, according to the department, …"
	}
	if start <= lead {
		// leading attribution: content after the comma that closes the source
		c0 := r.contentStart(e, te)
		c1 := r.contentEnd(c0, te)
		if c1-c0 < 2 {
			return f, false
		}
		f.c0, f.c1 = c0, c1
		return f, true
	}
	f.post = true
	c0 := r.contentStart(lead, k)
	c1 := r.contentEnd(c0, start)
	if e < te && r.isPunct(e, ",") {
		// "While most were confidential, according to an official, two were upgraded": the
		// clause after the phrase is content too
		if after := r.contentEnd(e+1, te); after-(e+1) >= 4 && !(r.isWord(e+1) && (clauseSubordinators[r.low[e+1]] || r.isCueWord(e+1))) {
			c1 = after
		}
	}
	if c1-c0 < 2 {
		return f, false
	}
	f.c0, f.c1 = c0, c1
	return f, true
}

// backNP reads a source phrase backwards from token l (inclusive), not before lo. It returns the
// first token of the phrase, or -1.
func (r *run) backNP(l, lo, q int) int {
	start := -1
	lower := 0
	for k := l; k >= lo && l-k < 12; k-- {
		if !r.usable(k, q) {
			break
		}
		t := r.toks[k]
		switch t.Kind {
		case text.Possessive, text.Number:
			start = k
			continue
		case text.Word:
		default:
			if r.titlePeriod(k) && start == k+1 || k == l && r.isPunct(k, ".") && k > lo && r.isWord(k-1) && r.toks[k-1].Cap && len(r.low[k-1]) <= 3 && r.toks[k-1].End == r.toks[k].Start {
				continue // "Mr. Coll", "Sen. Smith", "Joseph R. Biden Jr. said"
			}
			return r.trimNP(start, l)
		}
		lw := r.low[k]
		if t.Cap && (boundaryConj[lw] || npStop[lw] && !determiners[lw]) {
			return r.trimNP(start, l)
		}
		if t.Cap {
			if k == l || !pronouns[lw] {
				start = k
				lower = 0
				continue
			}
		}
		if pronouns[lw] {
			if k == l {
				return k
			}
			return r.trimNP(start, l)
		}
		if start >= 0 && npInner[lw] {
			if lw == "to" && !(k > lo && (r.low[k-1] == "close" || r.low[k-1] == "near")) {
				return r.trimNP(start, l)
			}
			start = k
			continue
		}
		if npStop[lw] && !determiners[lw] {
			return r.trimNP(start, l)
		}
		if determiners[lw] {
			start = k
			if lw == "the" || lw == "a" || lw == "an" || lw == "his" || lw == "her" || lw == "their" || lw == "its" {
				// a determiner usually opens the phrase
				if k > lo && r.isWord(k-1) && !npInner[r.low[k-1]] && !r.toks[k-1].Cap {
					return r.trimNP(start, l)
				}
			}
			continue
		}
		if r.cue[k] && !(k > lo && determiners[r.low[k-1]]) {
			return r.trimNP(start, l)
		}
		if commonVerbs[lw] || len(lw) > 4 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && !(k > lo && determiners[r.low[k-1]]) {
			return r.trimNP(start, l)
		}
		lower++
		if lower > 4 {
			return r.trimNP(start, l)
		}
		start = k
	}
	return r.trimNP(start, l)
}

// titlePeriod reports whether token k is the period of a short capitalised abbreviation before a
// name ("Mr.", "Sen.", "Gov.").
func (r *run) titlePeriod(k int) bool {
	return r.isPunct(k, ".") && k > 0 && r.isWord(k-1) && r.toks[k-1].Cap && len(r.low[k-1]) <= 4 && r.toks[k-1].End == r.toks[k].Start && k+1 < r.n && r.isWord(k+1) && r.toks[k+1].Cap
}

// skipTimeBefore steps left over a time adverbial between a source and its cue ("Spicer on
// Thursday evening said", "Trump last week said"); l is the token before the cue.
func (r *run) skipTimeBefore(l, ts, q int) int {
	j := l
	for j >= ts && r.usable(j, q) && r.isWord(j) && (timeWords[r.low[j]] || r.low[j] == "week" || r.low[j] == "on" && j < l && timeWords[r.low[j+1]]) {
		j--
	}
	if j < l && j >= ts && !(r.isWord(j) && timeWords[r.low[j]]) {
		return j
	}
	return l
}

// trimNP drops leading prepositions from a backward phrase.
func (r *run) trimNP(start, l int) int {
	for start >= 0 && start <= l && r.isWord(start) && npInner[r.low[start]] {
		start++
	}
	if start < 0 || start > l {
		return -1
	}
	return start
}

// fwdNP reads a source phrase forwards from token a (a cue's subject after it: "said Leavitt",
// "added the press secretary"). It returns the exclusive end, or a when there is none.
func (r *run) fwdNP(a, hi, q int) int {
	e := a
	lower := 0
	for k := a; k < hi && k-a < 10; k++ {
		if !r.usable(k, q) {
			break
		}
		t := r.toks[k]
		if t.Kind == text.Possessive || t.Kind == text.Number && e > a {
			e = k + 1
			continue
		}
		if r.titlePeriod(k) && e == k {
			continue
		}
		if t.Kind != text.Word {
			break
		}
		lw := r.low[k]
		if t.Cap {
			if timeWords[lw] {
				break
			}
			e = k + 1
			lower = 0
			continue
		}
		if pronouns[lw] && k == a {
			return k + 1
		}
		if (lw == "of" || lw == "for") && e > a {
			continue
		}
		if determiners[lw] && !npStop[lw] || lw == "the" || lw == "a" || lw == "an" {
			continue
		}
		if npStop[lw] || timeWords[lw] || subordinators[lw] {
			break
		}
		if r.cue[k] {
			break
		}
		if e > a && (commonVerbs[lw] || len(lw) > 4 && strings.HasSuffix(lw, "ed")) {
			break // "said the Khan family deserved better"
		}
		lower++
		if lower > 3 {
			break
		}
		e = k + 1
	}
	return e
}

// skipAdverbials skips words after a cue that are not content: times ("Thursday", "on
// Monday"), settings ("in a statement", "at a rally", "to reporters"). It returns the next
// token.
func (r *run) skipAdverbials(k, hi, q int) int {
	for k < hi && r.usable(k, q) {
		if r.isWord(k) && timeWords[r.low[k]] {
			k++
			continue
		}
		if r.isWord(k) && (r.low[k] == "on" || r.low[k] == "in" || r.low[k] == "at" || r.low[k] == "during" || r.low[k] == "to" || r.low[k] == "from" || r.low[k] == "after" || r.low[k] == "before" || r.low[k] == "via" || r.low[k] == "through") {
			j := k + 1
			for j < hi && j-k <= 6 && r.usable(j, q) && (r.isWord(j) && r.low[j] != "that" && !r.isCueWord(j) && !subordinators[r.low[j]] && !boundaryConj[r.low[j]] && !skipBeforeCue[r.low[j]] && !commonVerbs[r.low[j]] && !r.finiteVerb(j) || r.toks[j].Kind == text.Number || r.toks[j].Kind == text.Possessive) {
				j++
			}
			end := j >= hi || r.toks[j].Kind == text.Punct || r.toks[j].Kind == text.Quote || r.isWord(j) && (r.low[j] == "that" || r.isCueWord(j))
			if r.low[k] != "to" && !end && r.isWord(j) && subordinators[r.low[j]] && r.low[j] != "to" {
				end = true // "said in a statement on Monday …"
			}
			if j > k+1 && end {
				k = j
				continue
			}
			// "on Monday the plan …": skip only a day name
			if r.low[k] == "on" && r.isWord(k+1) && timeWords[r.low[k+1]] {
				k += 2
				continue
			}
		}
		break
	}
	return k
}

// titleCase reports whether the sentence of token k is written in title case (a headline).
func (r *run) titleCase(k int) bool {
	si := r.toks[k].Sent
	if si < len(r.tcase) && r.tcase[si] != 0 {
		return r.tcase[si] > 0
	}
	tc := r.titleCaseSlow(k)
	if si < len(r.tcase) {
		r.tcase[si] = -1
		if tc {
			r.tcase[si] = 1
		}
	}
	return tc
}

func (r *run) titleCaseSlow(k int) bool {
	sp := r.d.Sentences[r.toks[k].Sent]
	words, caps := 0, 0
	for i := sp.TokStart; i < sp.TokEnd && i < r.n; i++ {
		if r.isWord(i) && len(r.low[i]) > 3 {
			words++
			if r.toks[i].Cap {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*8
}

// hasCue reports whether tokens [a, b) hold a cue verb at level q.
func (r *run) hasCue(a, b, q int) bool {
	for k := a; k < b && k < r.n; k++ {
		if r.usable(k, q) && r.isCueWord(k) {
			return true
		}
	}
	return false
}

func (r *run) isCueWord(k int) bool {
	if !r.isWord(k) || r.toks[k].Cap {
		return false
	}
	return r.cue[k]
}

// clauseSource reports whether f's source is a clause rather than a noun phrase: it opens with
// a conjunction or subordinator ("and called on …", "where polls show …"), with "that" before a
// name or pronoun ("that Iceland had raised …"), or with a speech verb ("admitted his team had
// defended …", "insisted that talks must address …"), which makes the cue a verb of another
// attribution's content.
func (r *run) clauseSource(f frame) bool {
	a, b := f.src0, f.src1
	if a < 0 || b <= a || !r.isWord(a) || r.toks[a].Cap {
		return false
	}
	fw := r.low[a]
	return sourceOpeners[fw] || b-a > 1 && (fw == "that" && (r.toks[a+1].Cap || pronouns[r.low[a+1]]) || r.cue[a])
}

// negation reports whether w negates the verb after it: "not", "never" or a contracted
// auxiliary ("didn't", "aren’t").
func negation(w string) bool {
	return w == "not" || w == "never" || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t")
}

// negatedBe reports whether w is a contracted negated form of "be" ("aren't", "wasn’t").
func negatedBe(w string) bool {
	w = strings.ReplaceAll(w, "’", "'")
	return w == "isn't" || w == "aren't" || w == "wasn't" || w == "weren't"
}

// nounUse reports whether the cue at token k, a form that is also a common noun ("dispute",
// "claims", "reports"), is used as a noun: followed by a verb of its own clause ("the dispute
// flared", "reports have put") or a preposition of a noun phrase ("the dispute between"), or
// closing a noun phrase opened by a determiner before a comma or full stop ("settled their
// mackerel dispute, although …"), unless that phrase follows a comma, where it is the source
// of the clause before it ("…, the coast guard report claims.").
func (r *run) nounUse(ts, te, k, next int) bool {
	if !nounCues[r.low[k]] || next >= te {
		return false
	}
	if r.isWord(next) {
		nw := r.low[next]
		if r.toks[next].Cap {
			return false
		}
		return nounFollowers[nw] || negation(nw) || len(nw) > 4 && strings.HasSuffix(nw, "ed") && !r.cue[next]
	}
	if !r.isPunct(next, ",") && !r.isPunct(next, ".") && !r.isPunct(next, ";") {
		return false
	}
	for j := k - 1; j >= ts && j >= k-4; j-- {
		if !r.isWord(j) || r.toks[j].Cap && !determiners[r.low[j]] {
			return false
		}
		if determiners[r.low[j]] && r.low[j] != "that" {
			return j == ts || !r.isPunct(j-1, ",")
		}
	}
	return false
}

// verbFrame builds a frame around the cue verb at token k.
func (r *run) verbFrame(ts, te, k, next int, ci cueInfo, q int, fs []frame) (frame, bool) {
	f := frame{cue0: k, cue1: next, src0: -1, src1: -1, info: ci, outer: -1, quote: -1, partOf: -1}
	if k-1 >= ts && r.isWord(k-1) && (determiners[r.low[k-1]] && r.low[k-1] != "that" || npInner[r.low[k-1]] || r.low[k-1] == "alongside" || r.low[k-1] == "amid") {
		return f, false // a noun: "the reports", "amid claims"
	}
	// left: auxiliaries, negations and adverbs
	l := k - 1
	negated := false
	for l >= ts && r.usable(l, q) && r.isWord(l) && !r.toks[l].Cap && (skipBeforeCue[r.low[l]] || negation(r.low[l]) || strings.HasSuffix(r.low[l], "ly") && len(r.low[l]) > 4) {
		if r.low[l] == "was" || r.low[l] == "were" || r.low[l] == "been" || r.low[l] == "is" || r.low[l] == "are" || negatedBe(r.low[l]) {
			f.passive = true
		}
		negated = negated || negation(r.low[l])
		l--
	}
	if negated && (f.passive || ci.stance == "confirm" || ci.stance == "deny") {
		// "the numbers aren't confirmed" has no source; "did not deny", "would not confirm"
		// neither deny nor confirm the content. A negated speech verb ("would not say
		// whether …") stays an attribution, its source without the negation.
		return f, false
	}
	if l < k-1 {
		f.cue0 = l + 1
		for f.cue0 < k && strings.HasSuffix(r.low[f.cue0], "ly") && !skipBeforeCue[r.low[f.cue0]] {
			f.cue0++
		}
	}
	if l2 := r.skipTimeBefore(l, ts, q); l2 < l {
		l = l2
		for l >= ts && r.usable(l, q) && r.isWord(l) && !r.toks[l].Cap && skipBeforeCue[r.low[l]] {
			l--
		}
	}
	afterComma := l >= ts && r.usable(l, q) && (r.isPunct(l, ",") || r.isPunct(l, "—") || r.isPunct(l, "–"))
	afterClose := l >= ts && r.toks[l].Kind == text.Quote && r.qAt[l] >= 0 && int(r.qAt[l]) != q && r.qs[r.qAt[l]].end == l+1
	// participles continue the previous frame's source: ", adding that …"
	if ci.class == cuePart && k > ts && r.isWord(k-1) && (r.low[k-1] == "is" || r.low[k-1] == "are" || r.low[k-1] == "was" || r.low[k-1] == "were" || r.low[k-1] == "been") {
		ci.class = cueSay
		f.info.class = cueSay
		f.passive = false
	}
	if ci.class == cuePart {
		if !afterComma {
			return f, false
		}
		if len(fs) == 0 {
			s0, s1, ok := r.subjectNP(r.clauseStart(ts, l, q), l, q)
			if !ok {
				return f, false
			}
			f.src0, f.src1 = s0, s1
			c0 := r.contentStart(next, te)
			c1 := r.contentEnd(c0, te)
			if c1-c0 < 3 {
				return f, false
			}
			f.c0, f.c1 = c0, c1
			return f, true
		}
		p := len(fs) - 1
		f.part, f.partOf = true, p
		c0 := r.contentStart(next, te)
		c1 := r.contentEnd(c0, te)
		if c1-c0 < 3 {
			return f, false
		}
		f.c0, f.c1 = c0, c1
		return f, true
	}
	// right: object of tell, adverbials
	rt := next
	if ci.class == cueTell || ci.class == cueAsk {
		if e := r.fwdNP(rt, te, q); e > rt {
			if r.mediaIn(rt, e) {
				f.via = append(f.via, [2]int{rt, e})
			}
			rt = e
		}
	}
	rt = r.skipAdverbials(rt, te, q)
	nothingAfter := true
	for j := rt; j < te; j++ {
		if r.toks[j].Kind != text.Punct || !strings.Contains(".!?", r.tok(j)) {
			nothingAfter = false
			break
		}
	}
	postRight := nothingAfter || r.isPunct(rt, ",") && !(rt+1 < te && r.toks[rt+1].Kind == text.Quote) || r.isWord(rt) && (subordinators[r.low[rt]] && r.low[rt] != "to")

	// inverted: "…,” said Leavitt" / ", added the press secretary."
	if (afterComma || afterClose) && invertible[r.low[k]] {
		if e := r.fwdNP(next, te, q); e > next {
			after := r.skipAdverbials(e, te, q)
			if after >= te || r.toks[after].Kind == text.Punct || r.isWord(after) && (clauseSubordinators[r.low[after]] || afterClose && subordinators[r.low[after]] && r.low[after] != "to") {
				f.src0, f.src1 = next, e
				f.post = true
				b := l
				if afterComma && l > ts && r.toks[l-1].Kind == text.Quote {
					b = l - 1
				}
				return r.postContent(ts, b, f, fs)
			}
		}
	}
	// source before the cue
	inner := -1 // a short quotation closing right before the cue ("known as “Guccifer,” stated")
	if afterClose && !afterComma {
		if c := r.childAt(l, q); c >= 0 && r.qs[c].end-r.qs[c].open <= 8 && r.qs[c].open > ts && r.isWord(r.qs[c].open-1) && r.isPunct(l-1, ",") {
			inner = c
		}
	}
	if l < ts || !r.usable(l, q) && inner < 0 {
		return f, false
	}
	// "X criticized Y and said …": the clause subject speaks
	if r.isWord(l) && (r.low[l] == "and" || r.low[l] == "but" || r.low[l] == "then") {
		if s0, s1, ok := r.subjectNP(ts, l, q); ok && !r.hasClose(s1, l) {
			f.src0, f.src1 = s0, s1
			if nothingAfter {
				return f, false
			}
			return r.preContent(te, rt, f, q)
		}
		return f, false
	}
	if r.isPunct(l, ")") {
		// "Sen. Bernie Sanders (I-Vt.) said": step over the parenthesis
		o := l - 1
		for o > ts && l-o < 10 && !r.isPunct(o, "(") {
			o--
		}
		if r.isPunct(o, "(") && o-1 >= ts {
			if np := r.backNP(o-1, ts, q); np >= 0 && r.validSource(np, o) && (np == ts || r.isBoundary(np-1, q) || r.toks[np].Cap) {
				f.src0, f.src1 = np, l+1
				if np > ts && np > 0 && r.toks[np-1].Kind == text.Quote && postRight {
					return r.postContent(ts, np-1, f, fs)
				}
				if nothingAfter {
					return f, false
				}
				return r.preContent(te, rt, f, q)
			}
		}
		return f, false
	}
	if r.isWord(l) && (r.low[l] == "who" || r.low[l] == "which" && r.isPunct(l-1, ",")) && l > ts && !(r.isWord(l-1) && (r.low[l-1] == "and" || r.low[l-1] == "or")) && !nothingAfter {
		// "Jeb Bush and Chris Christie, who say the senator …": the relative pronoun is the source
		f.src0, f.src1 = l, l+1
		f.rel = true
		return r.preContent(te, rt, f, q)
	}
	np := r.backNP(l, ts, q)
	if (afterComma || inner >= 0) && (np < 0 || np > ts && !r.isBoundary(np-1, q) || r.isPunct(np-1, ",")) {
		// "Clinton, 35, the daughter of …, said", "Sanders, who has …, said": the subject before
		// the first comma of the clause speaks
		lc, lim := l, l
		if inner >= 0 {
			lc, lim = r.qs[inner].open-1, l+1
		}
		cs := r.clauseStart(ts, lc, q)
		s0, s1, ok := r.subjectNP(cs, lc, q)
		appos := func() bool {
			return ok && (r.isPunct(s1, ",") || r.isPunct(s1, "—") || r.isPunct(s1, "–")) && l-s1 < 45 && !r.hasOpenQuote(s1, lim)
		}
		// "After the meeting …, Roberta Lange, the state party chairwoman, said": the subject
		// may follow an opening clause
		for p := cs; !appos() && p < lc; p++ {
			if r.isPunct(p, ",") && p+1 < lc && r.usable(p, q) {
				s0, s1, ok = r.subjectNP(p+1, lc, q)
			}
		}
		if appos() {
			f.src0, f.src1 = s0, s1
			if cs > ts && r.toks[cs-1].Kind == text.Quote {
				return r.postContent(ts, cs-1, f, fs)
			}
			if (nothingAfter || postRight) && s0 > ts && r.isPunct(s0-1, ",") {
				// "…, his top aide, Tad Devine, told The Huffington Post."
				return r.postContent(ts, s0-1, f, fs)
			}
			if nothingAfter || postRight && cs > ts {
				return f, false
			}
			return r.preContent(te, rt, f, q)
		}
		return f, false
	}
	if np < 0 || !r.validSource(np, l+1) {
		return f, false
	}
	f.src0, f.src1 = np, l+1
	b := np - 1
	// "it is believed that …", "it was reported that …": no explicit source
	if np == l && r.low[np] == "it" && f.passive {
		f.implicit = true
		f.hedge = sitrep.HedgeReported
	}
	if f.passive && (ci.class == cueAsk || ci.class == cueTell) {
		// "He was asked …": the speaker is the unnamed asker
		f.implicit = true
	}
	leftClose := b >= ts && r.toks[b].Kind == text.Quote && r.qAt[b] >= 0 && int(r.qAt[b]) != q
	leftComma := b >= ts && (r.isPunct(b, ",") || r.isPunct(b, "—"))
	pb := b - 1
	for pb > ts && r.toks[pb].Kind == text.Quote {
		pb-- // the first apostrophe of a '' mark
	}
	if leftClose && !postRight && b > ts && !r.isPunct(pb, ",") && !r.isPunct(pb, "?") && !r.isPunct(pb, "!") && !r.isPunct(pb, "—") {
		leftClose = false // "“… .” Cruz says he …": a new sentence
	}
	if leftClose || leftComma && postRight {
		f.post = true
		bb := b
		if leftComma && b > ts && r.toks[b-1].Kind == text.Quote && r.qAt[b-1] >= 0 && int(r.qAt[b-1]) != q {
			bb = b - 1
		}
		g, ok := r.postContent(ts, bb, f, fs)
		if leftComma && r.isPunct(rt, ",") && rt+1 < te {
			// "Trump, Sexton said, has created …": the cue interrupts its content
			n := rt + 1
			if e := r.contentEnd(n, te); e-n >= 3 && !(r.isWord(n) && (subordinators[r.low[n]] || r.isCueWord(n))) && r.toks[n].Kind != text.Quote {
				if !ok {
					g = f
					g.post = true
					g.c0 = r.contentStart(prevEnd(ts, fs), b)
				}
				g.c1 = e
				return g, g.c1 > g.c0
			}
		}
		return g, ok
	}
	if b >= ts && !r.isBoundary(b, q) {
		// a long subject ("A news report published Wednesday said"): reach back to a boundary
		ext := b
		for ext >= ts && b-ext < 6 && r.usable(ext, q) && (r.isWord(ext) && !r.isCueWord(ext) && r.low[ext] != "that" && r.low[ext] != "which" && r.low[ext] != "who" && !boundaryConj[r.low[ext]] || r.toks[ext].Kind == text.Number || r.toks[ext].Kind == text.Possessive) {
			ext--
		}
		if ext > ts && r.isWord(ext) && r.low[ext] == "who" {
			// "The engineers who designed the bridge in 1974 said": the relative clause belongs
			// to the subject before it
			if np2 := r.backNP(ext-1, ts, q); np2 >= 0 && r.validSource(np2, ext) && (np2 == ts || r.isBoundary(np2-1, q)) {
				ext = np2 - 1
			}
		}
		if ext >= ts && !r.isBoundary(ext, q) {
			return f, false
		}
		if prepositions[r.low[ext+1]] {
			return f, false // "… and by last winter's storms told": not a subject (the fallback frame)
		}
		f.src0 = ext + 1
		b = ext
		if b >= ts && r.isPunct(b, ",") && postRight {
			// "…, fundraising documents show."
			return r.postContent(ts, b, f, fs)
		}
	}
	if nothingAfter {
		return f, false
	}
	return r.preContent(te, rt, f, q)
}

// hasClose reports whether a closing quotation mark lies in tokens [a, b).
func (r *run) hasClose(a, b int) bool {
	for k := a; k < b; k++ {
		if r.toks[k].Kind == text.Quote {
			return true
		}
	}
	return false
}

// hasOpenQuote reports whether tokens [a, b) cross a quotation boundary: a mark whose quotation
// is not wholly inside the range ("the hacker known as “Guccifer,” stated" stays whole).
func (r *run) hasOpenQuote(a, b int) bool {
	for k := a; k < b; k++ {
		if r.toks[k].Kind != text.Quote {
			continue
		}
		c := int(r.qAt[k])
		if c < 0 || r.qs[c].open < a || r.qs[c].end > b || r.qs[c].end-r.qs[c].open > 8 {
			return true
		}
	}
	return false
}

// clauseStart is the first token of the clause holding token l: after the last quotation mark
// before it, or the unit start.
func (r *run) clauseStart(ts, l, q int) int {
	for k := l; k > ts; k-- {
		// a coordinated clause: "…, and Brian Deese, the adviser, said"
		if k-2 >= ts && r.isWord(k-1) && (r.low[k-1] == "and" || r.low[k-1] == "but" || r.low[k-1] == "while") && r.isPunct(k-2, ",") || r.isPunct(k-1, ";") {
			return k
		}
		if r.toks[k-1].Kind == text.Quote && !r.usable(k-1, q) {
			// a short quoted name or phrase inside the clause ("known as “Guccifer,”") is skipped
			if c := r.childAt(k-1, q); c >= 0 && r.qs[c].end == k && r.qs[c].end-r.qs[c].open <= 8 && r.qs[c].open > ts && r.isWord(r.qs[c].open-1) {
				k = r.qs[c].open + 1
				continue
			}
			return k
		}
	}
	return ts
}

// introWords open an adverbial that precedes a clause's subject ("On Thursday, …").
var introWords = set("in", "on", "at", "after", "before", "during", "while", "when", "meanwhile", "but",
	"and", "however", "still", "yet", "earlier", "later", "last", "speaking", "asked", "since", "for", "as",
	"with", "without", "under", "over", "from", "by", "despite", "instead", "also", "then", "now", "so", "today",
	"yesterday", "separately", "indeed", "hours", "days", "weeks", "months", "years", "minutes", "moments",
	"shortly", "soon", "afterward", "tonight", "tuesday", "here", "there")

// subjectNP finds the subject at the start of the clause beginning at cs (before token lim):
// a run of capitalised words, a pronoun, or a determiner phrase. A leading adverbial closed by a
// comma ("On Thursday, …") is skipped.
func (r *run) subjectNP(cs, lim, q int) (int, int, bool) {
	k := cs
	for k < lim && (r.toks[k].Kind == text.Punct || r.isWord(k) && (r.low[k] == "and" || r.low[k] == "but")) {
		k++
	}
	if k < lim && r.isWord(k) && (introWords[r.low[k]] || timeWords[r.low[k]] || r.introPhrase(k, lim)) {
		j := k
		for j < lim && j-k < 10 && !r.isPunct(j, ",") {
			j++
		}
		if j < lim && r.isPunct(j, ",") {
			k = j + 1
		}
	}
	if k >= lim || !r.usable(k, q) || !r.isWord(k) {
		return 0, 0, false
	}
	s0 := k
	lw := r.low[k]
	switch {
	case pronouns[lw]:
		return s0, k + 1, true
	case r.toks[k].Cap && !determiners[lw] && !introWords[lw]:
		for k < lim && r.usable(k, q) && (r.isWord(k) && (r.toks[k].Cap || r.low[k] == "of" && r.isWord(k+1) && r.toks[k+1].Cap) || r.toks[k].Kind == text.Possessive || r.toks[k].Kind == text.Number && k > s0 || r.isPunct(k, ".") && k > s0 && len(r.tok(k-1)) <= 4 && r.isWord(k+1) && r.toks[k+1].Cap) {
			k++
		}
		if r.isPunct(k, "(") {
			c := k + 1
			for c < lim && c-k < 8 && !r.isPunct(c, ")") {
				c++
			}
			if r.isPunct(c, ")") {
				k = c + 1
			}
		}
		return s0, r.npTail(k, lim, q), k > s0
	case determiners[lw]:
		k++
		for k < lim && k-s0 < 7 && r.usable(k, q) && !r.finiteVerb(k) && (r.isWord(k) && !npStop[r.low[k]] && !r.isCueWord(k) && !commonVerbs[r.low[k]] && !skipBeforeCue[r.low[k]] && !(!r.toks[k].Cap && len(r.low[k]) > 4 && strings.HasSuffix(r.low[k], "ed")) || r.toks[k].Kind == text.Possessive) {
			k++
		}
		if r.isPunct(k, "(") {
			c := k + 1
			for c < lim && c-k < 8 && !r.isPunct(c, ")") {
				c++
			}
			if r.isPunct(c, ")") {
				k = c + 1
			}
		}
		return s0, r.npTail(k, lim, q), k > s0+1
	}
	return 0, 0, false
}

// introPhrase reports whether the words from k to the next comma read as an opening adverbial:
// "Ultimately,", "Having lost the primary,", "A few minutes later,", "Just last week,".
func (r *run) introPhrase(k, lim int) bool {
	lw := r.low[k]
	opener := strings.HasSuffix(lw, "ly") && len(lw) > 4 || strings.HasSuffix(lw, "ing") && len(lw) > 4 || lw == "once" || lw == "just" || lw == "having" || lw == "unlike" || lw == "like" || lw == "amid" || lw == "following" || lw == "according"
	for j := k; j < lim && j-k < 10; j++ {
		if r.isPunct(j, ",") {
			return opener || j > k && r.isWord(j-1) && (r.low[j-1] == "later" || r.low[j-1] == "earlier" || r.low[j-1] == "ago" || timeWords[r.low[j-1]])
		}
		if !r.isWord(j) && r.toks[j].Kind != text.Number && r.toks[j].Kind != text.Possessive {
			return false
		}
	}
	return false
}

// npTail extends a subject that a comma follows closely through plain modifiers ("Six Gannett
// newspapers in New Jersey, …"): it returns the comma's index when the words up to it contain
// no verb-like word, else k.
func (r *run) npTail(k, lim, q int) int {
	j := k
	for j < lim && j-k < 8 && r.usable(j, q) && (r.isWord(j) && !r.isCueWord(j) && !r.finiteVerb(j) && !boundaryConj[r.low[j]] && !commonVerbs[r.low[j]] && !skipBeforeCue[r.low[j]] && r.low[j] != "that" && r.low[j] != "who" && r.low[j] != "which" && !(!r.toks[j].Cap && len(r.low[j]) > 4 && (strings.HasSuffix(r.low[j], "ed") || strings.HasSuffix(r.low[j], "es"))) || r.toks[j].Kind == text.Possessive || r.toks[j].Kind == text.Number) {
		j++
	}
	if j > k && (r.isPunct(j, ",") || r.isPunct(j, "—") || r.isPunct(j, "–")) {
		return j
	}
	return k
}

// isBoundary reports whether token b can precede a clause-initial source.
func (r *run) isBoundary(b, q int) bool {
	if b < 0 {
		return true
	}
	if !r.usable(b, q) {
		return r.toks[b].Kind == text.Quote // right after a quotation
	}
	switch r.toks[b].Kind {
	case text.Punct:
		c := r.tok(b)
		return c == "," || c == ":" || c == ";" || c == "—" || c == "–" || c == "(" || c == "-" || c == ")" || c == "." || c == "!" || c == "?" || c == "…"
	case text.Word:
		return boundaryConj[r.low[b]] || r.low[b] == "who" || r.low[b] == "which"
	case text.Quote:
		return true
	}
	return false
}

// postContent sets the content of a frame whose content precedes it, ending before token b.
func (r *run) postContent(ts, b int, f frame, fs []frame) (frame, bool) {
	c0 := r.contentStart(prevEnd(ts, fs), b+1)
	c1 := b + 1
	if r.toks[b].Kind != text.Quote {
		c1 = b
	}
	c1 = r.contentEnd(c0, c1)
	if c1-c0 < 2 {
		return f, false
	}
	f.post = true
	f.c0, f.c1 = c0, c1
	return f, true
}

// preContent sets the content of a frame whose content follows the cue, from token rt.
func (r *run) preContent(te, rt int, f frame, q int) (frame, bool) {
	c0 := r.contentStart(rt, te)
	c1 := r.contentEnd(c0, te)
	if c1-c0 < 3 && !(c1 > c0 && r.toks[c0].Kind == text.Quote) && !(c1-c0 == 2 && f.info.class == cueWant) {
		return f, false
	}
	if f.info.class != cueTell && f.info.class != cueAsk && f.info.class != cueWant && c0 < te && r.isWord(c0) && r.low[c0] == "to" && !topicOK(r.low[f.cue1-1], "to") {
		return f, false
	}
	// a passive question ("he was asked") needs the question itself
	if f.passive && (f.info.class == cueAsk || f.info.class == cueTell) && !(r.toks[c0].Kind == text.Quote || r.isWord(c0) && (r.low[c0] == "whether" || r.low[c0] == "if" || r.low[c0] == "about" || r.low[c0] == "what" || r.low[c0] == "why" || r.low[c0] == "how" || r.low[c0] == "when")) {
		return f, false
	}
	if f.passive && !f.implicit && f.info.class != cueAsk && f.info.class != cueTell {
		return f, false // "was supported by 64 percent": the subject is not the source
	}
	if f.info.class == cueThink && !r.clauseOpener(c0) {
		return f, false // "found himself", "showed signs": no clause follows
	}
	if lw := r.low[f.cue1-1]; topicVerbs[lw] != "" && !(r.isWord(c0) && topicOK(lw, r.low[c0])) {
		return f, false // "spoke with Ron Dermer" is a meeting, "spoke about …" an attribution
	}
	if lw := r.low[f.cue1-1]; strings.HasPrefix(lw, "seem") || strings.HasPrefix(lw, "appear") {
		// "seemed to suggest", "appeared to say": only with a speech verb after "to"; and never
		// the impersonal "it appears"
		if !(r.isWord(c0) && r.low[c0] == "to" && r.isCueWord(c0+1)) || f.src0 >= 0 && f.src1-f.src0 == 1 && r.low[f.src0] == "it" {
			return f, false
		}
	}
	f.c0, f.c1 = c0, c1
	return f, true
}

// validSource reports whether tokens [a, b) can be a source: a name, a pronoun, or a noun phrase
// whose last word is not a grammar word.
func (r *run) validSource(a, b int) bool {
	if b <= a {
		return false
	}
	h := b - 1
	if r.isPunct(h, ".") && h > a {
		h-- // "… Biden Jr."
	}
	if r.toks[h].Kind == text.Number {
		return b-a > 1 // "Six in 10 say"
	}
	if !r.isWord(h) {
		return false
	}
	lw := r.low[h]
	if determiners[lw] && lw != "one" && lw != "some" && lw != "many" && lw != "several" && lw != "others" && lw != "both" && lw != "all" {
		return false
	}
	if npInner[lw] {
		return false
	}
	if strings.HasSuffix(lw, "ing") && !r.toks[h].Cap && b-a == 1 {
		return false
	}
	return true
}

// mediaIn reports whether tokens [a, b) name a media outlet.
func (r *run) mediaIn(a, b int) bool { _, _, ok := r.findMedia(a, b); return ok }

// findMedia finds an outlet name from the media list within tokens [a, b).
func (r *run) findMedia(a, b int) (int, int, bool) {
	for i := a; i < b; i++ {
		if !r.toks[i].Cap {
			continue
		}
		for _, seq := range r.lx.media[r.low[i]] {
			if i+len(seq) > b {
				continue
			}
			ok := true
			for j, w := range seq {
				if r.low[i+j] != w {
					ok = false
					break
				}
			}
			if ok {
				return i, i + len(seq), true
			}
		}
	}
	return 0, 0, false
}

// raisingFrame finds an evidential judgement without a named source: "the plan seemed to
// collapse", "Trump is expected to win", "it appears that …". The content is the subject with
// its infinitive (or the clause after "it appears"); the judgement belongs to the writer.
// "X seemed to suggest …" (a speech verb after "to") is left to the verb frame.
func (r *run) raisingFrame(ts, te, k, q int) (frame, bool) {
	f := frame{cue0: k, cue1: k + 1, src0: -1, src1: -1, info: cueInfo{class: cueThink, stance: "assert"},
		outer: -1, quote: -1, partOf: -1, implicit: true}
	lw := r.low[k]
	l := k - 1
	be := false
	for l >= ts && r.usable(l, q) && r.isWord(l) && !r.toks[l].Cap && (skipBeforeCue[r.low[l]] || r.low[l] == "not" || strings.HasSuffix(r.low[l], "ly") && len(r.low[l]) > 4) {
		switch r.low[l] {
		case "is", "are", "was", "were", "be", "been", "being", "'s", "’s":
			be = true
		}
		l--
	}
	if strings.HasPrefix(lw, "expected") || lw == "likely" || lw == "unlikely" || lw == "poised" || lw == "set" {
		if !be {
			return f, false // "Trump expected …" is a thought with a source: the verb frame's
		}
	}
	f.cue0 = l + 1
	n := k + 1
	if n >= te || !r.usable(n, q) || !r.isWord(n) {
		return f, false
	}
	if r.low[n] == "that" && l >= ts && r.isWord(l) && r.low[l] == "it" {
		// "it appears that …", "it is expected that …"
		c0 := r.contentStart(n, te)
		c1 := r.contentEnd(c0, te)
		if c1-c0 < 3 {
			return f, false
		}
		f.cue0 = l
		f.c0, f.c1 = c0, c1
		return f, true
	}
	if r.low[n] != "to" || n+1 >= te || r.isCueWord(n+1) {
		return f, false
	}
	if l < ts || !r.usable(l, q) {
		return f, false
	}
	var c0 int
	if r.isWord(l) && (r.low[l] == "who" || r.low[l] == "which" || r.low[l] == "that") {
		c0 = l
	} else {
		np := r.backNP(l, ts, q)
		if np < 0 || !r.validSource(np, l+1) || r.low[np] == "it" && np == l {
			return f, false
		}
		c0 = np
	}
	c1 := r.contentEnd(n, te)
	if c1-(n+1) < 1 {
		return f, false
	}
	f.c0, f.c1 = c0, c1
	return f, true
}

// fallbackFrame is tried when verbFrame finds no subject it can chunk: a long subject with
// appositions, relative clauses or quoted titles ("some voters who have listened to his speeches
// over the decades said …"). The source is the whole clause before the cue, back to the clause
// start; the content follows the cue, or precedes the clause after a comma ("…, the co-author
// of the book said.").
func (r *run) fallbackFrame(ts, te, k, next int, ci cueInfo, q int, fs []frame) (frame, bool) {
	f := frame{cue0: k, cue1: next, src0: -1, src1: -1, info: ci, outer: -1, quote: -1, partOf: -1}
	if ci.class == cuePart || ci.class == cueAsk {
		return f, false
	}
	if k-1 < ts || !r.isWord(k-1) && r.toks[k-1].Kind != text.Quote && r.toks[k-1].Kind != text.Number && !r.isPunct(k-1, ")") && !r.isPunct(k-1, ",") {
		return f, false
	}
	if r.isWord(k-1) && (determiners[r.low[k-1]] || npInner[r.low[k-1]] || objectPronouns[r.low[k-1]] || r.low[k-1] == "to") {
		return f, false
	}
	l := k - 1
	for l >= ts && r.usable(l, q) && r.isWord(l) && !r.toks[l].Cap && (skipBeforeCue[r.low[l]] || negation(r.low[l]) || strings.HasSuffix(r.low[l], "ly") && len(r.low[l]) > 4) {
		switch r.low[l] {
		case "was", "were", "been", "is", "are", "be", "being":
			return f, false // passive: the subject is not the source
		}
		if negation(r.low[l]) && (ci.stance == "confirm" || ci.stance == "deny") {
			return f, false // see verbFrame
		}
		l--
	}
	if l < ts || !r.usable(l, q) && r.toks[l].Kind != text.Quote {
		return f, false
	}
	if r.isPunct(l, ",") {
		l-- // "Hemsley, the co-author of “Going Viral,” said"
	}
	lo := max(ts, l-31) // a longer subject is not taken: bounded work per cue
	cs := r.clauseStart(lo, l, q)
	if cs == lo && lo > ts {
		return f, false
	}
	if e := prevEnd(ts, fs); e > cs {
		return f, false
	}
	if cs > l || l+1-cs > 30 || r.hasOpenQuote(cs, l+1) {
		return f, false
	}
	// the source must hold a noun-like word: a capitalised word or a word that is not a
	// function word
	for j := cs; j <= l; j++ {
		if r.isWord(j) && wh[r.low[j]] {
			return f, false // "… came as the cabinet met to discuss how the country would respond"
		}
	}
	noun := false
	for j := cs; j <= l; j++ {
		if r.isWord(j) && (r.toks[j].Cap || !determiners[r.low[j]] && !npInner[r.low[j]] && !subordinators[r.low[j]]) {
			noun = true
			break
		}
	}
	if !noun {
		return f, false
	}
	f.cue0 = l + 1
	for f.cue0 < k && !r.isWord(f.cue0) {
		f.cue0++
	}
	f.src0, f.src1 = cs, l+1
	rt := next
	if ci.class == cueTell {
		if e := r.fwdNP(rt, te, q); e > rt {
			rt = e
		}
	}
	rt = r.skipAdverbials(rt, te, q)
	nothingAfter := true
	for j := rt; j < te; j++ {
		if r.toks[j].Kind != text.Punct || !strings.Contains(".!?", r.tok(j)) {
			nothingAfter = false
			break
		}
	}
	if nothingAfter {
		if cs > ts && (r.isPunct(cs-1, ",") || r.toks[cs-1].Kind == text.Quote) {
			return r.postContent(ts, cs-1, f, fs)
		}
		return f, false
	}
	return r.preContent(te, rt, f, q)
}

// documentFrame reads a clause-initial "In <document>, <content>" ("In the same poll, …", "In
// Forbes' words, …", "In a memo to staff, …") as an attribution to the document. It applies only
// when no cue word follows in the unit ("In an interview, Trump said …" is Trump's).
func (r *run) documentFrame(ts, te, k, q int, fs []frame) (frame, bool) {
	e := k + 1
	doc := false
	for e < te && e-k < 16 && r.usable(e, q) && !r.isPunct(e, ",") {
		if r.isWord(e) && documentNouns[r.low[e]] {
			doc = true
		}
		if r.isWord(e) && r.isCueWord(e) {
			return frame{}, false
		}
		e++
	}
	if !doc || e >= te || !r.isPunct(e, ",") || r.hasCue(e, te, q) {
		return frame{}, false
	}
	f, ok := r.according(ts, te, k, k+1, q, fs)
	if !ok || f.post {
		return frame{}, false
	}
	return f, true
}
