package actor

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Options configure a Tagger.
type Options struct {
	// Logger receives debug output; nil discards it.
	Logger *slog.Logger
	// MaxTokens bounds the work per article: tokens beyond it are not tagged.
	MaxTokens int
	// NoUnknown turns off capitalised-sequence chunking: only knowledge-base names are tagged.
	NoUnknown bool
}

// DefaultOptions returns the options the pipeline uses.
func DefaultOptions() Options {
	return Options{MaxTokens: 200_000}
}

// Tagger is the actor stage: it fills Article.Mentions, Article.Actors and, when the article has no
// publication date, Article.PublishedInferred.
type Tagger struct {
	kb   *KB
	opts Options
	log  *slog.Logger
	// scratch recycles the per-article buffers (*scratch) between calls.
	scratch sync.Pool
}

// scratch holds the per-article buffers of a run, reused through Tagger.scratch.
type scratch struct {
	roots   []int32
	idx     index
	blocked []bool
	inQuote []bool
	slab    []item
	// body is the bodySeen set of the previous article, cleared and reused.
	body map[string]bool
	// items, order, actors and actorSlab back the run's fields of the same names (actorSlab
	// holds the actors themselves); Process empties them after each article.
	items     []*item
	order     []string
	actors    map[string]*sitrep.Actor
	actorSlab []sitrep.Actor
	// wordPos and nextPos back the run's word position index (firstAt).
	wordPos map[string]int32
	nextPos []int32
	// lower is the buffer behind the run's lower-cased text (r.lt).
	lower []byte
	// capSeen, unknownP, persons and countries back the run's capSeen and unknownP and the
	// lists resolve keeps; emptied after each article.
	capSeen   map[string]bool
	unknownP  map[string]string
	persons   []string
	countries map[string]int
}

// scratchMax is the size above which a scratch buffer or map grown by a huge article is
// dropped rather than kept for the next one.
const scratchMax = 4096

// scratchMaxText is the largest lower-cased text buffer kept for the next article.
const scratchMaxText = 1 << 20

// reset empties the buffers of sc after a run, dropping the ones a huge article grew and the
// references into that article's text and results.
func (sc *scratch) reset(r *run) {
	// items are taken from the front of the kept block: clear the ones taken (all of it when
	// the run went on to another block)
	used := cap(sc.slab)
	if r.slabN == 0 {
		used = 0 // no item was taken
	} else if r.slabKept {
		used = r.slabN - len(r.slab)
	}
	clear(sc.slab[:used])
	if len(sc.body) > scratchMax {
		sc.body = nil
	} else {
		clear(sc.body)
	}
	if len(sc.actors) > scratchMax {
		sc.actors = nil
	} else {
		clear(sc.actors)
	}
	sc.capSeen = clearMap(sc.capSeen)
	sc.unknownP = clearMap(sc.unknownP)
	sc.countries = clearMap(sc.countries)
	sc.persons = resetSlice(sc.persons)
	if len(sc.wordPos) > scratchMax {
		sc.wordPos = nil
	} else {
		clear(sc.wordPos)
	}
	if cap(sc.nextPos) > scratchMax {
		sc.nextPos = nil
	}
	sc.items = resetSlice(r.items)
	sc.order = resetSlice(r.order)
	sc.actorSlab = resetSlice(sc.actorSlab)
}

// clearMap returns m emptied, or nil when it grew beyond scratchMax.
func clearMap[K comparable, V any](m map[K]V) map[K]V {
	if len(m) > scratchMax {
		return nil
	}
	clear(m)
	return m
}

// resetSlice returns s emptied and zeroed, or nil when it grew beyond scratchMax.
func resetSlice[T any](s []T) []T {
	if cap(s) > scratchMax {
		return nil
	}
	clear(s) // the run only appends: nothing beyond len(s) was set
	return s[:0]
}

// grow returns s resized to n zeroed elements, reusing its memory when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// NewTagger returns a tagger that looks names up in kb.
func NewTagger(kb *KB, opts Options) *Tagger {
	if opts.MaxTokens <= 0 {
		opts.MaxTokens = DefaultOptions().MaxTokens
	}
	l := opts.Logger
	if l == nil {
		l = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Tagger{kb: kb, opts: opts, log: l.With("component", "actor")}
}

// Name returns the stage name, "actor".
func (t *Tagger) Name() string { return "actor" }

// Process tags the actors of a. It never changes a.Text.
func (t *Tagger) Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if doc == nil || doc.Text != a.Text {
		doc = text.Parse(a.Text)
	}
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	r := newRun(t.kb, doc, t.opts, sc)
	defer func() {
		sc.reset(r)
		t.scratch.Put(sc)
	}()
	r.block(a.Timexes)
	r.scan(!t.opts.NoUnknown)
	var at time.Time
	if a.Published != nil {
		at = *a.Published
	} else {
		a.PublishedInferred = r.infer(a.PublishedInferred, a.Timexes)
		if a.PublishedInferred != nil {
			at = midpoint(r.inferLast, a.PublishedInferred)
		} else {
			r.latest = true
			a.Flags = append(a.Flags, sitrep.Flag{Kind: "actor_date_unknown", Detail: "no publication date: titles resolved to the latest office holders"})
		}
	}
	r.at = at
	r.resolve()
	a.Mentions, a.Actors = r.output()
	return nil
}

// ---- the per-article run ----

// item kinds
const (
	itKB      = iota // a knowledge-base name
	itUnknown        // a capitalised sequence not in the KB
	itTitle          // a title not attached to a name ("the former president")
	itPronoun        // he / she
)

type item struct {
	kind int
	s, e int // token range of the name
	// bs, be override the byte span for a part of a hyphenated token ("Biden" in "Biden-Netanyahu")
	bs, be int
	hits   []hit
	// role context
	roleS, roleE int  // token range of the attached title phrase (0,0 when none)
	title        int  // canonical title index or -1
	former       bool // "former president X"
	modCountry   string
	modCode      string // code of an org modifier ("Pentagon" → USAMIL)
	// resolution
	actor      string
	typ        string
	resolution string
	skip       bool
}

type titleSpan struct {
	s, e  int
	title int
	used  bool
}

type run struct {
	kb      *KB
	doc     *text.Doc
	n       int
	lt      string         // the text with ASCII letters (and same-length others) lower-cased
	lowEx   map[int]string // lower-cased tokens whose length differs from the original
	blocked []bool
	inQuote []bool
	shoutS  []int8 // per sentence: 0 not computed, 1 all-capitals or title-case line, 2 not
	// capSeen holds lower-cased words seen capitalised other than at the start of a sentence.
	capSeen map[string]bool
	// bodySeen holds lower-cased words written capitalised, other than at the start of a
	// sentence, in a line that is not a headline (built on the first bodyCap call).
	bodySeen map[string]bool
	// wordPos and nextPos index the positions of each capitalised word (as written), and the
	// memo maps cache per-word answers of usedAlone, acts and afterMaker; all are built on first
	// use (few articles need them), so that those tests cost O(n) in all rather than per call.
	wordPos map[string]int32 // first position of each capitalised word (see firstAt)
	nextPos []int32
	// linearScans counts the words looked up by scanning before the index is built.
	linearScans int
	aloneN      map[string]int32
	actsMemo    map[string]uint8
	makerMemo   map[string]bool
	// properMemo caches properWord per lower-case word.
	properMemo map[string]bool
	// notNames holds names found to be products, events or indices in this article
	// ("MacBook" after "the MacBook line", "WWDC" after "Developers Conference (WWDC)"), so
	// that their later bare mentions are skipped too. Compared ignoring case.
	notNames []string
	items    []*item
	titles   []titleSpan
	sc       *scratch
	slab     []item
	slabN    int
	// slabKept tells whether the current block (slab) is the one kept in sc.slab.
	slabKept bool
	roots    []int32 // per token: 1 + index in kb.rootList of the names and titles starting there, or 0
	titleAt  index   // end token → index in titles
	nameEnd  index   // end token → index in items
	nameAt   index   // start token → index in items
	at       time.Time
	latest   bool
	// inferLast is the latest interval of the inferred date set.
	inferLast interval

	actors   map[string]*sitrep.Actor
	order    []string
	unknownP map[string]string // surname → actor id of unknown people
	// roleSlab is the current block the roles of the article's actors are taken from.
	roleSlab []sitrep.Role
}

func newRun(kb *KB, doc *text.Doc, opts Options, sc *scratch) *run {
	n := len(doc.Tokens)
	if n > opts.MaxTokens {
		n = opts.MaxTokens
	}
	if sc.actors == nil {
		sc.actors = map[string]*sitrep.Actor{}
	}
	if sc.unknownP == nil {
		sc.unknownP = map[string]string{}
	}
	r := &run{kb: kb, doc: doc, n: n, items: sc.items[:0], order: sc.order[:0],
		actors: sc.actors, unknownP: sc.unknownP}
	sc.roots = grow(sc.roots, n)
	r.roots = sc.roots
	sc.idx = grow(sc.idx, 3*(n+2))
	idx := sc.idx
	r.titleAt, r.nameEnd, r.nameAt = idx[:n+2:n+2], idx[n+2:2*(n+2):2*(n+2)], idx[2*(n+2):]
	// lower-case the text once, keeping byte offsets: ASCII letters always, other letters when
	// the lower-case form has the same length (else the token goes to lowEx). The bytes are
	// lowered in a buffer reused between articles, which r.lt shares without a copy: strings
	// cut from r.lt (r.low) must therefore never outlive the run. They are only compared,
	// looked up, or kept in the run's own maps and in scratch maps that reset empties
	// (TestScratchNotRetained checks that an article's output survives the next one).
	t := doc.Text
	buf := append(sc.lower[:0], t...)
	first := lowerASCII(buf) // the first non-ASCII byte, or -1
	if first >= 0 {
		// Non-ASCII bytes are rare in English news (curly quotes, dashes, accented names): find
		// the words that contain one.
		for k := first; k < len(t); {
			if t[k] < 0x80 {
				k = nextNonASCII(t, k)
				continue
			}
			i := doc.TokenAt(k)
			if i >= n {
				break
			}
			tk := &doc.Tokens[i]
			if tk.Kind != text.Word || tk.Start > k {
				k = max(k+1, tk.End) // punctuation ("“", "—") or a byte between tokens
				continue
			}
			lw := strings.ToLower(t[tk.Start:tk.End])
			if len(lw) == tk.End-tk.Start {
				copy(buf[tk.Start:], lw)
			} else {
				if r.lowEx == nil {
					r.lowEx = map[int]string{}
				}
				r.lowEx[i] = lw
			}
			k = tk.End
		}
	}
	if len(buf) > 0 {
		r.lt = unsafe.String(&buf[0], len(buf)) // buf is not written again during the run
	}
	if cap(buf) <= scratchMaxText {
		sc.lower = buf
	}
	for i := 0; i < n; i++ {
		tk := &doc.Tokens[i]
		if tk.Kind != text.Word && tk.Kind != text.Number {
			continue
		}
		w := r.low(i)
		if tk.Cap || kb.mayStartLower(w) {
			r.roots[i] = kb.roots[w]
		}
	}
	sc.blocked = grow(sc.blocked, n)
	sc.inQuote = grow(sc.inQuote, n)
	r.blocked, r.inQuote = sc.blocked, sc.inQuote
	r.sc = sc
	r.shoutS = make([]int8, len(doc.Sentences))
	in := false
	for i := 0; i < n; i++ {
		tk := &doc.Tokens[i]
		if i > 0 {
			for k := doc.Tokens[i-1].End; k < tk.Start; k++ {
				if doc.Text[k] == '\n' {
					in = false
					break
				}
			}
		}
		if tk.Kind == text.Quote {
			c, _ := utf8.DecodeRuneInString(doc.Text[tk.Start:])
			switch c {
			case '“', '«':
				in = true
			case '”', '»':
				in = false
			case '"':
				in = !in
			}
			r.inQuote[i] = in
			continue
		}
		r.inQuote[i] = in
	}
	return r
}

// shout reports whether token i is in an all-capitals or title-case line (headline debris),
// where capitalised-sequence chunking is unreliable. Computed per sentence on first use.
func (r *run) shout(i int) bool {
	k := r.doc.Tokens[i].Sent
	if k < 0 || k >= len(r.shoutS) {
		return false
	}
	if r.shoutS[k] == 0 {
		r.shoutS[k] = 2
		sp := r.doc.Sentences[k]
		end := min(sp.TokEnd, r.n)
		doc := r.doc
		if end <= sp.TokStart {
			return false
		}
		lastTok := doc.Text[doc.Tokens[end-1].Start:doc.Tokens[end-1].End]
		terminal := lastTok == "." || lastTok == "?" || lastTok == "!"
		words, caps, content, titled := 0, 0, 0, 0
		maxWords := end - sp.TokStart
		for i := sp.TokStart; i < end; i++ {
			if doc.Tokens[i].Kind != text.Word {
				continue
			}
			if terminal && (words-caps)*10 > maxWords*3 {
				// a sentence ending in "." is all-capitals only if 70% of its words are; more
				// than 30% of its tokens are already not, so it is not (most sentences stop here)
				break
			}
			words++
			if !doc.Tokens[i].Cap {
				if terminal {
					continue
				}
			} else if w := doc.Text[doc.Tokens[i].Start:doc.Tokens[i].End]; len(w) > 1 && allUpper(w) {
				caps++
			}
			if !terminal && !stopwords[r.low(i)] {
				content++
				if doc.Tokens[i].Cap {
					titled++
				}
			}
		}
		if end > sp.TokStart {
			last := doc.Text[doc.Tokens[end-1].Start:doc.Tokens[end-1].End]
			headline := content >= 4 && titled*4 >= content*3 && last != "." && last != "?" && last != "!"
			if (words >= 4 && caps*10 >= words*7) || headline {
				r.shoutS[k] = 1
			}
		}
	}
	return r.shoutS[k] == 1
}

// seenCap reports whether w (lower case) occurs capitalised somewhere other than at the start of
// a sentence. The set is built on first use: most articles never ask.
func (r *run) seenCap(w string) bool {
	r.buildSeen()
	return r.capSeen[w]
}

func (r *run) buildSeen() {
	if r.capSeen != nil {
		return
	}
	if r.sc.capSeen == nil {
		r.sc.capSeen = map[string]bool{}
	}
	r.capSeen = r.sc.capSeen // empty: Process clears it after each article (scratch.reset)
	for i := 1; i < r.n; i++ {
		tk := &r.doc.Tokens[i]
		if tk.Cap && tk.Kind == text.Word && r.doc.Tokens[i-1].Sent == tk.Sent && r.doc.Tokens[i-1].Kind != text.Quote {
			r.capSeen[r.low(i)] = true
		}
	}
}

// bodyCap reports whether w (lower case) is written capitalised, other than at the start of a
// sentence, in a line that is not a headline: a name the headline repeats. The first call
// builds the set of such words in one pass over the tokens; later calls look it up.
func (r *run) bodyCap(w string) bool {
	if stopwords[w] {
		return false
	}
	if r.bodySeen == nil {
		// one pass over the tokens builds the set for all later calls (a headline asks about
		// each of its words, and a scan per word was quadratic in the article's length)
		if r.sc.body == nil {
			r.sc.body = map[string]bool{}
		}
		r.bodySeen = r.sc.body // empty: Process clears it after each article (scratch.reset)
		for i := 1; i < r.n; i++ {
			tk := &r.doc.Tokens[i]
			if !tk.Cap || tk.Kind != text.Word {
				continue
			}
			if r.doc.Tokens[i-1].Sent != tk.Sent || r.doc.Tokens[i-1].Kind == text.Quote || r.shout(i) {
				continue
			}
			if lw := r.low(i); len(lw) == tk.End-tk.Start {
				r.bodySeen[lw] = true
			}
		}
	}
	return r.bodySeen[w]
}

// properWord reports whether w (lower case) looks like a proper name throughout the text: it
// is written capitalised at least twice and never in lower case ("Apple" opening a headline
// and the first sentence). It scans the tokens: few words ever reach this test.
func (r *run) properWord(w string) bool {
	if stopwords[w] || strings.HasSuffix(w, "ly") {
		return false
	}
	if v, ok := r.properMemo[w]; ok {
		return v // asked before: a text repeating a sentence-initial word is scanned once
	}
	v := r.properScan(w)
	if r.properMemo == nil {
		r.properMemo = map[string]bool{}
	}
	r.properMemo[w] = v
	return v
}

// properScan is properWord without the memo.
func (r *run) properScan(w string) bool {
	caps, named := 0, false
	for i := 0; i < r.n; i++ {
		tk := &r.doc.Tokens[i]
		if tk.Kind != text.Word || tk.End-tk.Start != len(w) || r.low(i) != w {
			continue
		}
		if !tk.Cap {
			return false
		}
		caps++
		// somewhere it opens a longer name or takes a possessive ("Apple Computer", "Apple's"),
		// which ordinary words opening sentences ("Stock markets", "Speaking to") do not
		if i+1 < r.n && r.sameSent(i, i+1) && (r.possLen(i+1) > 0 ||
			r.doc.Tokens[i+1].Kind == text.Word && r.doc.Tokens[i+1].Cap) {
			named = true
		}
	}
	return caps >= 2 && named
}

// skipNonName records the capitalised sequence [s,e) as not an actor's name and returns the
// chunk result that skips it (negative end). Its text, and its head without a final generic
// word ("Macbook" of "Macbook Pro"), are remembered, and so is an acronym in brackets right after
// it ("Software Development Kit (SDK)"), which is skipped as well.
func (r *run) skipNonName(s, e int) int {
	r.notNames = append(r.notNames, r.text(s, e))
	if e-s >= 2 && nonActorEnds[r.low(e-1)] {
		r.notNames = append(r.notNames, r.text(s, e-1))
	}
	if e+2 < r.n && r.tok(e) == "(" && r.tok(e+2) == ")" && r.doc.Tokens[e+1].Kind == text.Word && allUpper(r.tok(e+1)) {
		r.notNames = append(r.notNames, r.tok(e+1))
		return -(e + 3)
	}
	return -e
}

// notName reports whether the tokens [s,e) were found earlier to name a product, event or index.
func (r *run) notName(s, e int) bool {
	w := r.text(s, e)
	for _, x := range r.notNames {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

// camelLower reports whether token i is a word starting in lower case with a capital inside
// ("iPod", "iPhone"): a brand whose capitalised continuation is a product ("iPod Nano").
func (r *run) camelLower(i int) bool {
	if i < 0 || r.doc.Tokens[i].Kind != text.Word || r.doc.Tokens[i].Cap {
		return false
	}
	w := r.tok(i)
	for k := 1; k < len(w); k++ {
		if w[k] >= 'A' && w[k] <= 'Z' {
			return true
		}
	}
	return false
}

// nonNameAfter reports whether the tokens from k on make the name before them a product or an
// index: a product noun ("the MacBook line", "Mac OS X operating system"), or an index noun after
// an optional possessive and number ("Standard & Poor's 500 index", "Russell 2000 Index").
func (r *run) nonNameAfter(k int) bool {
	k += r.possLen(k)
	num := false
	if k < r.n && r.doc.Tokens[k].Kind == text.Number {
		k++
		num = true
	}
	if k >= r.n || r.doc.Tokens[k].Kind != text.Word {
		return false
	}
	w := r.low(k)
	if indexNouns[w] && (num || !r.doc.Tokens[k].Cap) {
		return true
	}
	return !num && !r.doc.Tokens[k].Cap && productNouns[w]
}

// possLen returns the number of tokens of a possessive at token k: 1 for "'s", 2 for an
// apostrophe and "s" written apart from the word before ("Poor 's", as in tokenized corpora,
// which package text reads as a quote and a word), 0 when there is none.
func (r *run) possLen(k int) int {
	if k <= 0 || k >= r.n {
		return 0
	}
	tk := r.doc.Tokens[k]
	if tk.Kind == text.Possessive {
		return 1
	}
	if tk.Kind == text.Quote && k+1 < r.n && (r.tok(k) == "'" || r.tok(k) == "’") && r.tok(k+1) == "s" &&
		r.doc.Tokens[k+1].Start == tk.End && tk.Start > r.doc.Tokens[k-1].End {
		if k+2 >= r.n || r.doc.Tokens[k+2].Start > r.doc.Tokens[k+1].End {
			return 2
		}
	}
	return 0
}

// index maps token positions to item or title indexes (stored plus one; zero means none).
type index []int32

func (x index) get(i int) (int, bool) {
	if i < 0 || i >= len(x) || x[i] == 0 {
		return 0, false
	}
	return int(x[i]) - 1, true
}

func (x index) set(i, v int) {
	if i >= 0 && i < len(x) {
		x[i] = int32(v) + 1
	}
}

func allUpper(w string) bool {
	for _, c := range w {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// low returns the lower-cased text of token i.
func (r *run) low(i int) string {
	if r.lowEx != nil {
		if w, ok := r.lowEx[i]; ok {
			return w
		}
	}
	t := r.doc.Tokens[i]
	return r.lt[t.Start:t.End]
}

// noRoot is the empty root pair root returns for tokens that start no name or title.
var noRoot rootPair

// root returns the first trie nodes of the names and titles starting at token i (i < r.n).
func (r *run) root(i int) *rootPair {
	if p := r.roots[i]; p > 0 {
		return &r.kb.rootList[p-1]
	}
	return &noRoot
}

func (r *run) tok(i int) string { t := r.doc.Tokens[i]; return r.doc.Text[t.Start:t.End] }

func (r *run) isCap(i int) bool { return i >= 0 && i < r.n && r.doc.Tokens[i].Cap }

func (r *run) sameSent(i, j int) bool {
	return i >= 0 && j >= 0 && i < r.n && j < r.n && r.doc.Tokens[i].Sent == r.doc.Tokens[j].Sent
}

// block marks tokens covered by time expressions so they are not read as names.
func (r *run) block(tx []sitrep.TimeExpr) {
	for _, x := range tx {
		for i := r.doc.TokenAt(x.Start); i < r.n && r.doc.Tokens[i].Start < x.End; i++ {
			r.blocked[i] = true
		}
	}
}

// matchName returns the end of the longest valid KB name starting at i and its hits.
func (r *run) matchName(i int) (int, []hit) {
	if i >= r.n || r.root(i).name == nil {
		return -1, nil
	}
	nd := r.kb.names
	bestEnd, best := -1, []hit(nil)
	hasCap := false
	for j := i; j < r.n && j-i < 12; j++ {
		if j > i && !r.sameSent(i, j) {
			break
		}
		if r.blocked[j] && j == i {
			break
		}
		if j == i {
			nd = r.root(i).name
		} else {
			nd = nd.child(r.low(j))
		}
		if nd == nil {
			break
		}
		if r.doc.Tokens[j].Cap || r.doc.Tokens[j].Kind == text.Number {
			hasCap = true
		}
		if len(nd.hits) == 0 || !hasCap {
			continue
		}
		if j == i && !r.doc.Tokens[i].Cap {
			continue
		}
		// a match must end at a token boundary that is not glued to more letters ("U.S.-Israel" is fine)
		// most hits have no case constraint: then the trie's slice is returned as is (capped,
		// so that an append by the caller copies it), without allocating
		span := r.doc.Text[r.doc.Tokens[i].Start:r.doc.Tokens[j].End]
		ok := nd.hits[:len(nd.hits):len(nd.hits)]
		for k, h := range nd.hits {
			if h.exact != "" && h.exact != span {
				ok = nil
				for _, h2 := range nd.hits[k:] {
					if h2.exact == "" || h2.exact == span {
						ok = append(ok, h2)
					}
				}
				ok = append(append([]hit(nil), nd.hits[:k]...), ok...)
				break
			}
		}
		if len(ok) > 0 {
			bestEnd, best = j+1, ok
		}
	}
	return bestEnd, best
}

// matchTitle returns the end of the longest title phrase starting at i and its canonical index.
func (r *run) matchTitle(i int) (int, int) {
	if i >= r.n || r.root(i).title == nil {
		return -1, -1
	}
	nd := r.kb.titles
	bestEnd, best := -1, -1
	for j := i; j < r.n && j-i < 10; j++ {
		if j > i && !r.sameSent(i, j) {
			break
		}
		if j == i {
			nd = r.root(i).title
		} else {
			nd = nd.child(r.low(j))
		}
		if nd == nil {
			break
		}
		if len(nd.hits) > 0 {
			bestEnd, best = j+1, int(nd.hits[0].entry)
		}
	}
	return bestEnd, best
}

// scan finds KB names, titles and (when unknown is set) capitalised sequences.
func (r *run) scan(unknown bool) {
	for i := 0; i < r.n; {
		tk := &r.doc.Tokens[i]
		if tk.Kind != text.Word && tk.Kind != text.Number {
			i++
			continue
		}
		ne, hits := -1, []hit(nil)
		if r.root(i).name != nil {
			ne, hits = r.matchName(i)
		}
		te, ti := r.matchTitle(i)
		if ne > 0 && ne >= te {
			// "Sheikh Mohammed bin Abdulrahman Al Thani": a longer name starting inside this
			// match wins
			if k := r.longerInside(i, ne); k > i {
				i = k
				continue
			}
			if ne < r.n && r.doc.Tokens[ne].Start == r.doc.Tokens[ne-1].End && r.tok(ne) == "$" {
				i = ne + 1 // "US$ 40 billion": a currency
				continue
			}
			// "Qatar Airways", "China Eastern Airlines", "Singapore Airlines": a place name
			// opening an organisation's name
			if unknown && ne < r.n && r.doc.Tokens[ne].Cap && !r.shout(i) && r.placeHits(hits) {
				if e := r.chunk(ne); e > ne && (orgSuffixes[r.low(e-1)] || mediaSuffixes[r.low(e-1)]) {
					r.addItem(&item{kind: itUnknown, s: i, e: e, title: -1})
					i = e
					continue
				}
			}
			r.addItem(&item{kind: itKB, s: i, e: ne, hits: hits, title: -1})
			i = ne
			continue
		}
		if te > 0 {
			r.titleAt.set(te, len(r.titles))
			r.titles = append(r.titles, titleSpan{s: i, e: te, title: ti})
			i = te
			continue
		}
		// (the length test skips the lower-casing for most tokens; lowEx tokens change length)
		if l := tk.End - tk.Start; !r.blocked[i] && (l == 2 || l == 3 || r.lowEx != nil) {
			if w := r.low(i); (w == "he" || w == "she") && !r.inQuote[i] {
				r.addItem(&item{kind: itPronoun, s: i, e: i + 1, title: -1})
				i++
				continue
			}
		}
		// "Air France", "Bank of Japan": an organisation word opening a place name
		if unknown && tk.Cap && orgPrefixes[r.low(i)] && i+1 < r.n && r.sameSent(i, i+1) {
			k := i + 1
			if r.low(k) == "of" && k+1 < r.n {
				k++
			}
			if e, hs := r.matchName(k); e > 0 && r.placeHits(hs) {
				r.addItem(&item{kind: itUnknown, s: i, e: e, title: -1})
				i = e
				continue
			}
		}
		if tk.Cap && tk.Kind == text.Word && strings.Contains(r.tok(i), "-") && r.compound(i) {
			i++
			continue
		}
		if unknown && tk.Cap && !r.blocked[i] && r.shout(i) && r.bodyCap(r.low(i)) {
			// a headline: only words the body writes capitalised too ("DaimlerChrysler to Sell
			// Chrysler Group")
			e := r.chunk(i)
			if e < 0 {
				i = -e
				continue
			}
			k := i
			for k < e && (r.bodyCap(r.low(k)) || connectors[r.low(k)] && k+1 < e && r.bodyCap(r.low(k+1))) {
				k++
			}
			if k > i && !(k == i+1 && (orgSuffixes[r.low(i)] || mediaSuffixes[r.low(i)] || placeWords[r.low(i)])) {
				r.addItem(&item{kind: itUnknown, s: i, e: k, title: -1})
				i = k
				continue
			}
		}
		if unknown && tk.Cap && !r.blocked[i] && !r.shout(i) {
			e := r.chunk(i)
			if e < 0 {
				i = -e // a product name: skipped
				continue
			}
			if e == i+1 && (orgSuffixes[r.low(i)] || mediaSuffixes[r.low(i)] || placeWords[r.low(i)]) {
				i = e // "Corporation", "Markets": a generic word, not a name by itself
				continue
			}
			if e > i {
				r.addItem(&item{kind: itUnknown, s: i, e: e, title: -1})
				i = e
				continue
			}
		}
		i++
	}
	r.attachRoles()
}

// compound tags the known names inside a hyphenated token ("Israel-Lebanon", "Biden-Netanyahu").
func (r *run) compound(i int) bool {
	tk := r.doc.Tokens[i]
	w := r.doc.Text[tk.Start:tk.End]
	var parts []*item
	off := 0
	for _, p := range strings.Split(w, "-") {
		if p != "" {
			r0, _ := utf8.DecodeRuneInString(p)
			if nd := r.kb.names.next[strings.ToLower(p)]; nd != nil && unicode.IsUpper(r0) {
				var hs []hit
				for _, h := range nd.hits {
					if h.exact == "" || h.exact == p {
						hs = append(hs, h)
					}
				}
				if len(hs) > 0 {
					parts = append(parts, &item{kind: itKB, s: i, e: i + 1, bs: tk.Start + off, be: tk.Start + off + len(p), hits: hs, title: -1})
				}
			}
		}
		off += len(p) + 1
	}
	if len(parts) == 0 {
		return false
	}
	for _, it := range parts {
		r.items = append(r.items, it)
	}
	return true
}

// longerInside returns the start of a KB name beginning inside [i, ne) and ending after ne, or i.
func (r *run) longerInside(i, ne int) int {
	for k := i + 1; k < ne; k++ {
		if !r.doc.Tokens[k].Cap {
			continue
		}
		if e, _ := r.matchName(k); e > ne {
			return k
		}
	}
	return i
}

// placeHits reports whether the hits name a country or place (not a person or organisation).
func (r *run) placeHits(hs []hit) bool {
	for _, h := range hs {
		switch r.kb.entries[h.entry].Type {
		case sitrep.ActorCountry, sitrep.ActorPlace:
		default:
			return false
		}
	}
	return len(hs) > 0
}

// newItem returns a zeroed item from the run's slab (items are allocated in blocks).
func (r *run) newItem() *item {
	if len(r.slab) == 0 {
		if r.slabN == 0 && cap(r.sc.slab) > 0 {
			// first block: the recycled one
			r.slabN = cap(r.sc.slab)
			r.slab = r.sc.slab[:r.slabN]
			r.slabKept = true
		} else {
			r.slabN = min(max(2*r.slabN, 16), 256)
			r.slab = make([]item, r.slabN)
			r.slabKept = false
			if r.slabN > cap(r.sc.slab) {
				r.sc.slab = r.slab // keep the largest block for the next article
				r.slabKept = true
			}
		}
	}
	it := &r.slab[0]
	r.slab = r.slab[1:]
	return it
}

func (r *run) addItem(src *item) {
	it := r.newItem()
	*it = *src
	r.nameEnd.set(it.e, len(r.items))
	r.nameAt.set(it.s, len(r.items))
	r.items = append(r.items, it)
}

// chunk returns the end of a capitalised name starting at i, or i when there is none.
func (r *run) chunk(i int) int {
	if stopwords[r.low(i)] || contraction(r.low(i)) {
		return i
	}
	if honorifics[r.low(i)] {
		// "General Motors", "Director General Corp": an honorific opening an organisation's name
		if i+1 < r.n && r.doc.Tokens[i+1].Cap && r.sameSent(i, i+1) {
			if e := r.chunk(i + 1); e > i+1 && orgSuffixes[r.low(e-1)] {
				return e
			}
		}
		return i
	}
	j := i
	last := i
	for j < r.n && r.sameSent(i, j) && j-i < 8 {
		tk := r.doc.Tokens[j]
		if r.blocked[j] {
			break
		}
		if j > i && tk.Start != r.doc.Tokens[j-1].End && strings.ContainsAny(r.doc.Text[r.doc.Tokens[j-1].End:tk.Start], "\n") {
			break
		}
		if tk.Kind == text.Word && tk.Cap && !stopwords[r.low(j)] {
			if j > i && honorifics[r.low(j)] && !orgSuffixes[r.low(j)] {
				break // "Apple CEO Steve Jobs"
			}
			if j > i && legalForms[strings.TrimSuffix(r.low(j-1), ".")] {
				break // "Chrysler LLC Jim Press": a company's legal form ends its name
			}
			if j > i {
				if e, hs := r.matchName(j); e > 0 && !(surnamesOnly(hs) && r.givenName(j-1)) {
					break // a known name starts here ("Gordon Brown" goes on: "Brown" is only a surname)
				}
				if e, _ := r.matchTitle(j); e > 0 && !orgSuffixes[r.low(j)] {
					break
				}
			}
			last = j
			j++
			continue
		}
		if tk.Kind == text.Number && j > i {
			// "Channel 12", "Terminal 3"
			last = j
			j++
			continue
		}
		if j > i && r.low(j) == "of" && firstNames[r.low(i)] {
			break // "Maria Delgado of Eurasia Group": a person, then an organisation
		}
		if j > i && connectors[r.low(j)] && r.isCap(j+1) && r.doc.Tokens[j].Kind == text.Word {
			j++
			continue
		}
		if j > i && tk.Kind == text.Punct && r.doc.Text[tk.Start] == '&' && r.isCap(j+1) {
			j++
			continue
		}
		if j > i && tk.Kind == text.Punct && r.tok(j) == "." && tk.Start == r.doc.Tokens[j-1].End &&
			placeAbbrevs[r.low(j-1)] && r.isCap(j+1) && r.sameSent(j, j+1) {
			j++ // "St. Louis", "Mt. Everest": package text splits the period off
			continue
		}
		break
	}
	if last == i && i > 0 && i+1 < r.n && r.blocked[i+1] && weekdays[r.low(i+1)] && r.sameSent(i-1, i+1) &&
		eventOpeners[r.low(i-1)] {
		// "Black Monday", "Super Tuesday", "Good Friday": a day's name, not an actor
		return r.skipNonName(i, i+1)
	}
	if last >= i && last+2 < r.n && r.tok(last+1) == "-" && r.doc.Tokens[last+1].Start == r.doc.Tokens[last].End &&
		r.doc.Tokens[last+2].Kind == text.Number && r.doc.Tokens[last+2].Start == r.doc.Tokens[last+1].End {
		// "Vickers VC-10", "F-35": package text splits a model number off at the hyphen
		return r.skipNonName(i, last+3)
	}
	if last < i || (last == i && len(r.low(i)) == 1) {
		return i // nothing, or a single letter ("the letter F")
	}
	for k := i + 1; k < last; k++ {
		if r.low(k) == "flight" && r.doc.Tokens[k+1].Kind == text.Number {
			return k // "Adam Air Flight 574": the airline, then its flight
		}
	}
	if k := r.osAt(i, last+1); k >= 0 {
		// "Mac OS X", "Mac OSX Lion": an operating system; its brand alone ("the Mac") is a
		// product too
		if k > i {
			r.notNames = append(r.notNames, r.text(i, k))
		}
		return r.skipNonName(i, last+1)
	}
	if last+2 < r.n && r.low(last+1) == "and" && r.isCap(last+2) && r.sameSent(i, last+2) {
		// "the Standard and Poor's 500 index": an index whose name has "and" inside
		e2 := last + 2
		for e2 < r.n && r.isCap(e2) && r.sameSent(i, e2) {
			e2++
		}
		if r.nonNameAfter(e2) {
			return r.skipNonName(i, e2)
		}
	}
	if last > i && (nonActorEnds[r.low(last)] || r.nonNameAfter(last+1)) && !nonActors[r.low(i)] && !product(r, i, last+1) &&
		r.givenName(i) && r.acts(r.tok(i), true) {
		// "Apple Worldwide Developers Conference" where "Apple" speaks elsewhere: the organiser
		// is a name, the event after it is not
		return i + 1
	}
	if product(r, i, last+1) || nonActorEnds[r.low(last)] || nonActors[r.low(i)] || r.nonNameAfter(last+1) || r.versionAfter(last+1) ||
		r.camelLower(i-1) || r.productCue(i, last+1) {
		// a product, model, event or index ("Airbus A380", "Boeing 787", "KC-45", "the MacBook
		// line", "iPod Nano", "Dow Jones", "Worldwide Developers Conference")
		return r.skipNonName(i, last+1)
	}
	if r.notName(i, last+1) {
		return -(last + 1)
	}
	if r.makerOfCounted(i, last+1) {
		// "12 new long-haul Airbus aircraft", "two Chrysler plants": the maker's name describes
		// counted things; it is not remembered, the company may act elsewhere
		return -(last + 1)
	}
	if r.theThing(i, last+1) {
		// "the Taurus was" after "Ford Taurus": a model named after its maker
		return r.skipNonName(i, last+1)
	}
	// "Shares of Northwind Logistics": an ordinary word capitalised by its position opens the
	// sequence; drop it and the connectors after it
	if last > i && r.sentenceStart(i) && !r.seenCap(r.low(i)) && !firstNames[r.low(i)] {
		k := i + 1
		for k <= last && connectors[r.low(k)] {
			k++
		}
		if k > i+1 {
			return -k // skip the opening word; the name is chunked from k
		}
	}
	// a lone capitalised word opening a sentence is a name only if the text capitalises it
	// elsewhere too, or a speech verb follows ("Boeing said")
	if last == i && (i == 0 || r.doc.Tokens[i-1].Sent != r.doc.Tokens[i].Sent || r.doc.Tokens[i-1].Kind == text.Quote) {
		said := i+1 < r.n && speechVerbs[r.low(i+1)]
		if strings.HasSuffix(r.low(i), "ly") && !said || (!r.seenCap(r.low(i)) && !said && !r.properWord(r.low(i))) {
			return i
		}
	}
	return last + 1
}

// makerOfCounted reports whether the capitalised sequence [s,e) sits inside a counted noun phrase
// as the maker or owner of the things counted: a number comes before it (with only lower-case
// words in between: "12 new long-haul") and a plural noun of things right after it.
func (r *run) makerOfCounted(s, e int) bool {
	if e >= r.n || !countedThings[r.low(e)] || r.doc.Tokens[e].Cap || !r.sameSent(s, e) {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-5 && r.sameSent(k, s); k-- {
		tk := r.doc.Tokens[k]
		if tk.Kind == text.Number || numberWords[r.low(k)] {
			return true
		}
		if tk.Kind == text.Punct && r.tok(k) == "-" {
			continue
		}
		if tk.Kind != text.Word || tk.Cap || stopwords[r.low(k)] && !adjStops[r.low(k)] {
			return false
		}
	}
	return false
}

// givenName reports whether token k can be a given name before a surname: a plain capitalised
// word with no hyphen or period that is not a title, honorific, organisation word or known name
// ("Gordon" in "Gordon Brown", but not "President-elect" in "President-elect Obama").
func (r *run) givenName(k int) bool {
	tk := r.doc.Tokens[k]
	w := r.low(k)
	if tk.Kind != text.Word || !tk.Cap || strings.ContainsAny(w, "-.") || honorifics[w] || orgSuffixes[w] ||
		stopwords[w] || r.blocked[k] {
		return false
	}
	if e, _ := r.matchTitle(k); e > 0 {
		return false
	}
	e, _ := r.matchName(k)
	return e <= 0
}

// surnamesOnly reports whether every hit is a bare surname: after another capitalised word it is
// part of someone else's full name ("Gordon Brown" is not the KB's "Brown").
func surnamesOnly(hs []hit) bool {
	for _, h := range hs {
		if h.kind != kindSurname {
			return false
		}
	}
	return len(hs) > 0
}

// sameLine reports whether tokens i < j are in one sentence with no line break between them.
func (r *run) sameLine(i, j int) bool {
	return r.sameSent(i, j) && !strings.Contains(r.doc.Text[r.doc.Tokens[i].End:r.doc.Tokens[j].Start], "\n")
}

// osAt returns the index of the token in [s,e) that names an operating system ("OS", "OSX":
// "Mac OS X", "Chrome OS"), or -1.
func (r *run) osAt(s, e int) int {
	for k := s; k < e; k++ {
		if w := r.tok(k); w == "OS" || w == "OSX" {
			return k
		}
	}
	return -1
}

// versionAfter reports whether an apposition after token k calls the name before it a version or
// code name of something ("Tiger, the newest version of Mac OS X", "Tiger, the code name for
// this release"): a product, not an actor.
func (r *run) versionAfter(k int) bool {
	if k+1 >= r.n || r.tok(k) != "," || r.low(k+1) != "the" || !r.sameSent(k, k+1) {
		return false
	}
	for j := k + 2; j < r.n && j < k+6 && r.sameSent(k, j); j++ {
		w := r.low(j)
		if versionNouns[w] || w == "code" && j+1 < r.n && r.low(j+1) == "name" {
			if w == "code" {
				j++
			}
			return j+1 < r.n && (r.low(j+1) == "of" || r.low(j+1) == "for")
		}
		if r.doc.Tokens[j].Kind != text.Word || r.doc.Tokens[j].Cap {
			return false
		}
	}
	return false
}

// productCue reports whether the word before the capitalised sequence [s,e), in the same line,
// makes it a product ("the next model Falcon", "web browser Safari"), unless the sequence acts
// elsewhere in the text ("Microsoft said"): a later bare mention of a product is skipped too,
// so a company must not be taken for one.
func (r *run) productCue(s, e int) bool {
	if s == 0 || !productCues[r.low(s-1)] || strings.Contains(r.doc.Text[r.doc.Tokens[s-1].End:r.doc.Tokens[s].Start], "\n") {
		return false
	}
	return !r.acts(r.tok(e-1), false)
}

// theThing reports whether the capitalised word at s, after "the", names a thing (a product or
// model) rather than an actor. Companies and people rarely take "the"; products do ("the
// Taurus"). Places, ships and teams do too ("the Bronx", "the Broncos"), so it needs all of:
//   - "the" right before, one word, not all capitals ("the EU"), not a plural ("the Beatles"),
//     not ending in a glued organisation word ("the Eurogroup");
//   - after it, the end of the clause or a word that ends a noun phrase ("was", "and", ...), not a
//     noun it modifies ("the Apple logo"), a possessive or a place after a comma;
//   - elsewhere in the text the same word follows a maker's name: a capitalised word that is also
//     used alone ("Ford ... the Ford Taurus ... the Taurus"), or a brand written in lower
//     camel case ("iPod Shuffle");
//   - the word never acts elsewhere (followed by a verb of saying or a possessive).
func (r *run) theThing(s, e int) bool {
	if e != s+1 || s == 0 || r.low(s-1) != "the" || !r.sameSent(s-1, s) || r.blocked[s] {
		return false
	}
	w := r.low(s)
	if r.doc.Tokens[s].Kind != text.Word || allUpper(r.tok(s)) || len(w) < 3 || pluralName(w) || orgEnding(w) ||
		orgSuffixes[w] || mediaSuffixes[w] || placeWords[w] {
		return false
	}
	if e < r.n && r.sameSent(s, e) {
		tk := r.doc.Tokens[e]
		switch {
		case r.possLen(e) > 0:
			return false
		case tk.Kind == text.Word && !thingFollowers[r.low(e)]:
			return false
		case tk.Kind == text.Punct && (r.tok(e) == "(" || r.tok(e) == "&"):
			return false
		case tk.Kind == text.Number:
			return false
		case r.tok(e) == "," && e+1 < r.n:
			if ne, hs := r.matchName(e + 1); ne > 0 && r.placeHits(hs) {
				return false // "the Cupertino, California event": a place
			}
		}
	}
	return r.afterMaker(s) && !r.acts(r.tok(s), true)
}

// afterMaker reports whether the word at token s occurs elsewhere right after a maker's name: a
// capitalised word also used alone in the text ("Ford Taurus" with "Ford will ..."), not a
// place, or a lower-camel-case brand ("iPod Shuffle"). The answer is kept per word.
func (r *run) afterMaker(s int) bool {
	w := r.tok(s)
	if v, ok := r.makerMemo[w]; ok {
		return v
	}
	v := false
	for k := r.firstAt(w); k >= 0; k = r.nextAt(w, k) {
		if k == 0 || k == s || !r.sameSent(k-1, k) {
			continue
		}
		if r.camelLower(k - 1) {
			v = true
			break
		}
		b := k - 1
		if r.doc.Tokens[b].Kind != text.Word || !r.doc.Tokens[b].Cap || stopwords[r.low(b)] || honorifics[r.low(b)] ||
			r.sentenceStart(b) && !r.seenCap(r.low(b)) {
			continue
		}
		if ne, hs := r.matchName(b); ne > 0 && r.placeHits(hs) {
			continue
		}
		if r.usedAlone(b) {
			v = true
			break
		}
	}
	if r.makerMemo == nil {
		r.makerMemo = map[string]bool{}
	}
	r.makerMemo[w] = v
	return v
}

// pluralName reports whether the lower-case word w looks like a plural ("beatles", "houthis"):
// a band, party or people, not a product; "taurus", "express", "genesis" are not plurals.
func pluralName(w string) bool {
	if !strings.HasSuffix(w, "s") {
		return false
	}
	for _, x := range []string{"us", "ss", "is", "os"} {
		if strings.HasSuffix(w, x) {
			return false
		}
	}
	return true
}

// orgEnding reports whether the lower-case word w ends in a glued organisation word
// ("eurogroup", "bundesbank", "aerotech").
func orgEnding(w string) bool {
	for _, x := range []string{"group", "bank", "corp", "tech", "soft", "net", "com"} {
		if len(w) > len(x)+2 && strings.HasSuffix(w, x) {
			return true
		}
	}
	return false
}

// firstAt returns the first token position of the capitalised word w (as written), or -1;
// nextAt(w, k) gives the next position of the same word. The first few words asked in an
// article are found by scanning the tokens; after that an index is built, in one pass, into
// buffers reused between articles, so that an article asking about many words stays linear.
func (r *run) firstAt(w string) int {
	if r.wordPos == nil && r.linearScans < 4 {
		r.linearScans++
		return r.scanFor(w, 0)
	}
	if r.wordPos == nil {
		if r.sc.wordPos == nil {
			r.sc.wordPos = map[string]int32{}
		}
		r.wordPos = r.sc.wordPos
		r.sc.nextPos = grow(r.sc.nextPos, r.n)
		r.nextPos = r.sc.nextPos
		for k := r.n - 1; k >= 0; k-- {
			if tk := r.doc.Tokens[k]; tk.Kind == text.Word && tk.Cap {
				t := r.tok(k)
				if p, ok := r.wordPos[t]; ok {
					r.nextPos[k] = p
				} else {
					r.nextPos[k] = -1
				}
				r.wordPos[t] = int32(k)
			}
		}
	}
	if p, ok := r.wordPos[w]; ok {
		return int(p)
	}
	return -1
}

// nextAt returns the next position of the capitalised word w after its occurrence at token k,
// or -1 (after firstAt(w)).
func (r *run) nextAt(w string, k int) int {
	if r.wordPos == nil {
		return r.scanFor(w, k+1)
	}
	return int(r.nextPos[k])
}

// scanFor returns the first position from k on of the capitalised word w, or -1.
func (r *run) scanFor(w string, k int) int {
	for ; k < r.n; k++ {
		if tk := &r.doc.Tokens[k]; tk.Kind == text.Word && tk.Cap && tk.End-tk.Start == len(w) && r.doc.Text[tk.Start:tk.End] == w {
			return k
		}
	}
	return -1
}

// alone reports whether the capitalised word at token k stands alone: no capitalised word
// follows it in its sentence.
func (r *run) alone(k int) bool {
	return k+1 >= r.n || !r.sameSent(k, k+1) || !(r.doc.Tokens[k+1].Kind == text.Word && r.doc.Tokens[k+1].Cap)
}

// usedAlone reports whether the word at token s also occurs elsewhere as a name by itself, with
// no capitalised word after it ("Ford will ...").
func (r *run) usedAlone(s int) bool {
	w := r.tok(s)
	n, ok := r.aloneN[w]
	if !ok {
		for k := r.firstAt(w); k >= 0; k = r.nextAt(w, k) {
			if r.alone(k) {
				n++
			}
		}
		if r.aloneN == nil {
			r.aloneN = map[string]int32{}
		}
		r.aloneN[w] = n
	}
	if r.doc.Tokens[s].Cap && r.alone(s) {
		n-- // s itself does not count
	}
	return n > 0
}

// acts reports whether the word w occurs in the text as the one-word subject of a verb of saying
// ("Airbus said") or, when poss is set, with a possessive ("Apple's"): an actor, not a thing.
func (r *run) acts(w string, poss bool) bool {
	m, ok := r.actsMemo[w]
	if !ok {
		m = 4
		for k := r.firstAt(w); k >= 0; k = r.nextAt(w, k) {
			if k+1 >= r.n || k > 0 && r.doc.Tokens[k-1].Kind == text.Word && r.doc.Tokens[k-1].Cap && r.sameLine(k-1, k) {
				continue
			}
			if speechVerbs[r.low(k+1)] {
				m |= 1
			}
			if r.possLen(k+1) > 0 {
				m |= 2
			}
		}
		if r.actsMemo == nil {
			r.actsMemo = map[string]uint8{}
		}
		r.actsMemo[w] = m
	}
	return m&1 != 0 || poss && m&2 != 0
}

// product reports whether the capitalised sequence [s,e) names a product or model: a token
// mixing letters and digits ("A380", "DC-9"), or a number not ending an organisation's name.
func product(r *run, s, e int) bool {
	if orgSuffixes[r.low(e-1)] || mediaSuffixes[r.low(e-1)] || placeWords[r.low(e-1)] {
		return false // "Terminal 3 of Changi International Airport"
	}
	for k := s; k < e; k++ {
		w := r.low(k)
		if r.doc.Tokens[k].Kind == text.Number {
			return true
		}
		if strings.ContainsAny(w, "0123456789") {
			return true
		}
		if strings.HasSuffix(w, "liner") || strings.HasSuffix(w, "liners") {
			return true
		}
	}
	return false
}

// contraction reports whether w is a contracted pronoun or auxiliary ("i'm", "don't").
func contraction(w string) bool {
	w = strings.ReplaceAll(w, "’", "'")
	k := strings.IndexByte(w, '\'')
	if k < 0 {
		return false
	}
	switch w[k+1:] {
	case "m", "ve", "ll", "re", "d", "t", "s":
		return true
	}
	return false
}

// ---- role context ----

// attachRoles finds, for each name, an attached title: a pre-modifier ("Pentagon press secretary
// Patrick Ryder", "former president Trump") or an apposition ("Yoav Gallant, Israel's defense
// minister").
func (r *run) attachRoles() {
	for _, it := range r.items {
		if it.kind == itPronoun {
			continue
		}
		if r.preRole(it) {
			continue
		}
		r.appRole(it)
	}
}

// entryAt returns the first KB entry of the item ending at token e, if any.
func (r *run) itemEndingAt(e int) *item {
	if k, ok := r.nameEnd.get(e); ok {
		return r.items[k]
	}
	return nil
}

// modifierBefore extends a title start s backwards over "former", a possessive or demonym
// country, an organisation and "the": it returns the new start and fills it.
func (r *run) modifierBefore(it *item, s int) int {
	for k := 0; k < 4 && s > 0; k++ {
		p := s - 1
		if !r.sameSent(p, s) {
			break
		}
		w := r.low(p)
		if formerWords[w] || w == "acting" || w == "deputy" || w == "senior" || w == "top" {
			if formerWords[w] {
				it.former = true
			}
			s = p
			continue
		}
		if r.doc.Tokens[p].Kind == text.Possessive {
			if m := r.itemEndingAt(p); m != nil && m.kind == itKB {
				r.setMod(it, m)
				s = m.s
				continue
			}
			break
		}
		if m := r.itemEndingAt(s); m != nil && m.kind == itKB {
			if r.setMod(it, m) {
				s = m.s
				continue
			}
		}
		break
	}
	return s
}

// setMod records a country or organisation modifier; it reports whether m is one.
func (r *run) setMod(it *item, m *item) bool {
	for _, h := range m.hits {
		e := r.kb.entries[h.entry]
		switch e.Type {
		case sitrep.ActorCountry:
			it.modCountry = e.ID
			return true
		case sitrep.ActorGov, sitrep.ActorOrg, sitrep.ActorIGO, sitrep.ActorGroup:
			it.modCountry = e.Country
			it.modCode = e.Code
			return true
		}
	}
	return false
}

func (r *run) preRole(it *item) bool {
	e := it.s
	// optional tail "to the Middle East" between title and name
	if m := r.itemEndingAt(e); m != nil && m != it {
		_ = m
	}
	k, ok := r.titleAt.get(e)
	for h := 0; !ok && h < 2 && e-1 > 0 && honorifics[r.low(e-1)] && r.doc.Tokens[e-1].Cap; h++ {
		// "Qatar's Prime Minister Sheikh Mohammed …", "Defense Secretary Gen. X"
		e--
		if e > 0 && r.tok(e) == "." {
			e--
		}
		k, ok = r.titleAt.get(e)
	}
	if !ok {
		// "Special Envoy to the Middle East Steve Witkoff": title, to/for, (the), place, name
		if m := r.itemEndingAt(e); m != nil && m.kind == itKB {
			p := m.s
			if p > 0 && r.low(p-1) == "the" {
				p--
			}
			if p > 0 && (r.low(p-1) == "to" || r.low(p-1) == "for") {
				if k2, ok2 := r.titleAt.get(p - 1); ok2 {
					k, ok = k2, true
				}
			}
		}
	}
	if !ok {
		return false
	}
	ts := &r.titles[k]
	if !r.sameSent(ts.s, it.s) {
		return false
	}
	ts.used = true
	it.title = ts.title
	it.roleE = it.s
	if e < it.s && r.titles[k].e == e {
		it.roleE = e // honorifics between title and name are not part of the role
	}
	it.roleS = r.modifierBefore(it, ts.s)
	return true
}

func (r *run) appRole(it *item) {
	p := it.e
	if p >= r.n || r.tok(p) != "," {
		return
	}
	p++
	if p < r.n && (r.low(p) == "the" || r.low(p) == "a" || r.low(p) == "an" || r.low(p) == "his" || r.low(p) == "her") {
		p++
	}
	start := p
	// modifiers: "Israel's", "Israeli", "former"
	for k := 0; k < 3 && p < r.n; k++ {
		if formerWords[r.low(p)] {
			it.former = true
			p++
			continue
		}
		if m, ok := r.nameAt.get(p); ok && r.items[m].kind == itKB && r.setMod(it, r.items[m]) {
			p = r.items[m].e
			p += r.possLen(p)
			continue
		}
		break
	}
	k, ok := r.titleAt.get(r.titleEndFrom(p))
	if !ok || r.titles[k].s != p {
		return
	}
	ts := &r.titles[k]
	ts.used = true
	it.title = ts.title
	it.roleS = start
	it.roleE = ts.e
	// "head of Israel's Mossad agency": of + modifiers up to the next comma or sentence end
	q := ts.e
	if q < r.n && (r.low(q) == "of" || r.low(q) == "for" || r.low(q) == "to" || r.low(q) == "at") {
		end := q + 1
		found := false
		for end < r.n && end-q < 8 && r.sameSent(q, end) && r.doc.Tokens[end].Kind != text.Punct {
			if m, ok := r.nameAt.get(end); ok && r.items[m].kind == itKB {
				r.setMod(it, r.items[m])
				found = true
				end = r.items[m].e
				continue
			}
			end++
		}
		if found {
			it.roleE = end
		}
	}
}

// titleEndFrom returns the end of the title span starting at p, or -1.
func (r *run) titleEndFrom(p int) int {
	for _, ts := range r.titles {
		if ts.s == p {
			return ts.e
		}
		if ts.s > p {
			break
		}
	}
	return -1
}

func (r *run) roleText(it *item) string {
	if it.roleE <= it.roleS || it.roleS < 0 {
		return ""
	}
	s := it.roleS
	for s < it.roleE && (r.low(s) == "the" || r.low(s) == "a" || r.low(s) == "an") {
		s++
	}
	if s >= it.roleE {
		return ""
	}
	return r.doc.Text[r.doc.Tokens[s].Start:r.doc.Tokens[it.roleE-1].End]
}

func isGlued(s string) bool {
	// "WatsonAFP": lower-case letter followed by two or more capitals at the end
	rs := []rune(s)
	n := len(rs)
	if n < 4 {
		return false
	}
	k := n
	for k > 0 && unicode.IsUpper(rs[k-1]) {
		k--
	}
	return n-k >= 2 && k > 0 && unicode.IsLower(rs[k-1])
}

// credit reports whether the capitalised sequence [s,e) is a photo credit ("… Office/ Jim
// WatsonAFP", "Photo: Jane Doe", "Jim Watson/AFP").
func (r *run) credit(s, e int) bool {
	if isGlued(r.tok(e - 1)) {
		return true
	}
	if s > 0 {
		gap := r.doc.Text[r.doc.Tokens[s-1].Start:r.doc.Tokens[s].Start]
		if strings.Contains(gap, "/") {
			return true
		}
		w := r.low(s - 1)
		if w == ":" && s > 1 && (r.low(s-2) == "photo" || r.low(s-2) == "credit" || r.low(s-2) == "image" || r.low(s-2) == "photograph") {
			return true
		}
		if w == "by" && s > 1 && (r.low(s-2) == "photo" || r.low(s-2) == "photograph" || r.low(s-2) == "image") {
			return true
		}
	}
	if e < r.n && r.tok(e) == "/" {
		return true
	}
	return false
}
