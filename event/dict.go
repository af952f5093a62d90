package event

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// ErrSyntax reports a malformed dictionary line.
var ErrSyntax = errors.New("event: dictionary syntax error")

// maxGap is the number of tokens a "*" in a pattern may skip.
const maxGap = 5

// Combine kinds: a verb that takes another event as its complement ("threatened to strike",
// "offered to mediate", "refused to withdraw", "demanded that X withdraw").
const (
	combineNone = iota
	combineIntent
	combineThreat
	combineReject
	combineDemand
)

// idset is a set of word ids: a short list, or a bitset when large.
type idset struct {
	small []int32
	bits  []uint64
}

func (s *idset) has(id int32) bool {
	if id < 0 {
		return false
	}
	if s.bits != nil {
		i := int(id >> 6)
		return i < len(s.bits) && s.bits[i]&(1<<(uint(id)&63)) != 0
	}
	for _, x := range s.small {
		if x == id {
			return true
		}
	}
	return false
}

// intersects reports whether any id of s is set in the bit set present.
func (s *idset) intersects(present []uint64) bool {
	if s.bits != nil {
		for i, b := range s.bits {
			if i < len(present) && b&present[i] != 0 {
				return true
			}
		}
		return false
	}
	for _, id := range s.small {
		if i := int(id >> 6); i < len(present) && present[i]&(1<<(uint(id)&63)) != 0 {
			return true
		}
	}
	return false
}

func makeIDSet(words map[string]bool, vocab map[string]int32) idset {
	var ids []int32
	maxID := int32(0)
	for w := range words {
		id := vocab[w]
		ids = append(ids, id)
		maxID = max(maxID, id)
	}
	if len(ids) <= 8 {
		return idset{small: ids}
	}
	bits := make([]uint64, maxID/64+1)
	for _, id := range ids {
		bits[id>>6] |= 1 << (uint(id) & 63)
	}
	return idset{bits: bits}
}

// alt is one alternative of a pattern element: a sequence of adjacent words, each a set of
// accepted (lower-case) forms.
type alt struct {
	words []map[string]bool
	// ids and partIDs are words and part compiled to word ids.
	ids, partIDs []idset
	// part holds, per word, the forms that are past participles (verbs only; for passives).
	part []map[string]bool
}

// elem is one element of a pattern: alternatives, how many tokens may be skipped before it, and
// whether it may be absent.
type elem struct {
	alts     []alt
	first    map[string]bool
	firstIDs idset
	gap      int
	optional bool
}

// matchAt reports whether e matches the word ids at j: the number of tokens matched, and the
// position and participle flag of its verb word (vpos < 0 if it has none).
func (e *elem) matchAt(ids []int32, j int) (n, vpos int, part bool) {
	if !e.firstIDs.has(ids[j]) {
		return 0, -1, false
	}
	best, bv, bp := 0, -1, false
	for _, a := range e.alts {
		if j+len(a.ids) > len(ids) || len(a.ids) <= best {
			continue
		}
		ok := true
		v, p := -1, false
		for k := range a.ids {
			if !a.ids[k].has(ids[j+k]) {
				ok = false
				break
			}
			if a.part[k] != nil && v < 0 {
				v, p = j+k, a.partIDs[k].has(ids[j+k])
			}
		}
		if ok {
			best, bv, bp = len(a.ids), v, p
		}
	}
	return best, bv, bp
}

// Rule is one verb or noun pattern of a Verbs dictionary.
type Rule struct {
	// ID names the entry ("verbs:120", "CAMEO.2.0.txt:1234") for explanation.
	ID string
	// Code is the CAMEO code, or "" for a null pattern that blocks others (figurative uses).
	Code string
	// CodeB, when set, codes the reverse event from target to source (PETRARCH "[a:b]": a
	// visit "left for X for talks" is 032 one way and 033 the other).
	CodeB string
	elems []elem
	// Recip marks symmetric actions ("held talks"): compound sources act on each other.
	Recip bool
	// Noun marks a nominal trigger ("missile attack", "talks"): the source is a possessor before
	// it or a "by" phrase after it.
	Noun bool
	// Obliged marks an obligation ("X must withdraw"): the subject is the target, and the actor
	// before it the source.
	Obliged bool
	combine int
	// bonus is added to the specificity of each matched element (PETRARCH compound patterns
	// "% *" outrank the bare verb of their block).
	bonus int
}

// Verbs is a dictionary of event patterns indexed by their first word.
type Verbs struct {
	rules   []*Rule
	byFirst map[string][]*Rule
	// vocab maps every word of the dictionary to an id; first indexes rules by first word id.
	vocab    map[string]int32
	first    [][]*Rule
	filter   wordFilter // the words of vocab
	compiled bool
}

// compile assigns word ids and builds the id sets used for matching. It is called once, before
// the dictionary is used by a coder.
func (v *Verbs) compile() {
	if v.compiled {
		return
	}
	v.vocab = map[string]int32{}
	id := func(w string) {
		if _, ok := v.vocab[w]; !ok {
			v.vocab[w] = int32(len(v.vocab))
		}
	}
	for _, r := range v.rules {
		for _, e := range r.elems {
			for _, a := range e.alts {
				for k := range a.words {
					for w := range a.words[k] {
						id(w)
					}
					for w := range a.part[k] {
						id(w)
					}
				}
			}
		}
	}
	for _, r := range v.rules {
		for ei := range r.elems {
			e := &r.elems[ei]
			e.firstIDs = makeIDSet(e.first, v.vocab)
			for ai := range e.alts {
				a := &e.alts[ai]
				a.ids = make([]idset, len(a.words))
				a.partIDs = make([]idset, len(a.words))
				for k := range a.words {
					a.ids[k] = makeIDSet(a.words[k], v.vocab)
					if a.part[k] != nil {
						a.partIDs[k] = makeIDSet(a.part[k], v.vocab)
					}
				}
			}
		}
	}
	v.first = make([][]*Rule, len(v.vocab))
	for w, rs := range v.byFirst {
		v.first[v.vocab[w]] = rs
	}
	v.filter = wordFilter{}
	for w := range v.vocab {
		v.filter.add(w)
	}
	v.compiled = true
}

// wordFilter is a one-hash Bloom filter over a set of words: mayHave is false for most words
// outside the set, so that the map lookup is skipped for them (most tokens of a text).
type wordFilter struct {
	bits [1 << 10]uint64 // 65,536 bits
}

// wordHash mixes the length and three bytes of w into 16 bits.
func wordHash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(w[0])*2654435761 ^ uint32(w[n-1])*40503 ^ uint32(w[n/2])*1013 ^ uint32(n)*2246822519
	return (h ^ h>>16) & 0xffff
}

func (f *wordFilter) add(w string) {
	h := wordHash(w)
	f.bits[h>>6] |= 1 << (h & 63)
}

func (f *wordFilter) mayHave(w string) bool {
	h := wordHash(w)
	return f.bits[h>>6]&(1<<(h&63)) != 0
}

// ids maps words to their ids (-1 for words not in the dictionary) into dst.
func (v *Verbs) ids(words []string, dst []int32) []int32 {
	dst = dst[:0]
	for _, w := range words {
		id := int32(-1)
		if v.filter.mayHave(w) {
			if x, ok := v.vocab[w]; ok {
				id = x
			}
		}
		dst = append(dst, id)
	}
	return dst
}

// NewVerbs returns an empty dictionary.
func NewVerbs() *Verbs { return &Verbs{byFirst: map[string][]*Rule{}} }

// Len returns the number of patterns.
func (v *Verbs) Len() int { return len(v.rules) }

// Add adds a rule to the dictionary.
func (v *Verbs) Add(r *Rule) {
	if len(r.elems) == 0 {
		return
	}
	v.rules = append(v.rules, r)
	v.compiled = false
	for w := range r.elems[0].first {
		v.byFirst[w] = append(v.byFirst[w], r)
	}
}

// Codes returns the distinct CAMEO codes of the dictionary, sorted.
func (v *Verbs) Codes() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range v.rules {
		if r.Code != "" && !seen[r.Code] {
			seen[r.Code] = true
			out = append(out, r.Code)
		}
	}
	sort.Strings(out)
	return out
}

// LoadVerbs reads a dictionary in sitrep's verb format (see docs/events.md):
//
//	CODE  pattern  [!recip] [!noun] [!intent|!threat|!reject|!demand]   # comment
//
// where the pattern is a sequence of words: "attack+" is a verb with its inflections, "talk~" a
// noun with its plural, "(a|b+)" alternatives, "*" a gap of up to five tokens. CODE "---" makes
// a null pattern, which produces no event and blocks the patterns it overlaps.
func LoadVerbs(r io.Reader, name string) (*Verbs, error) {
	v := NewVerbs()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: %w: pattern missing", name, n, ErrSyntax)
		}
		rule := &Rule{ID: fmt.Sprintf("%s:%d", name, n), Code: f[0]}
		if rule.Code == "---" {
			rule.Code = ""
		} else if !isCode(rule.Code) {
			return nil, fmt.Errorf("%s:%d: %w: bad code %q", name, n, ErrSyntax, f[0])
		}
		if err := parsePattern(rule, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), f[0]))); err != nil {
			return nil, fmt.Errorf("%s:%d: %w: %v", name, n, ErrSyntax, err)
		}
		if len(rule.elems) == 0 {
			return nil, fmt.Errorf("%s:%d: %w: pattern missing", name, n, ErrSyntax)
		}
		v.Add(rule)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return v, nil
}

// parsePattern parses the pattern part of a rule line (words, groups, gaps and flags) into r.
func parsePattern(r *Rule, pattern string) error {
	rule := r
	gap := 0
	for _, w := range patternFields(pattern) {
		switch {
		case w == "*":
			gap = maxGap
			continue
		case w == "!recip":
			rule.Recip = true
			continue
		case w == "!noun":
			rule.Noun = true
			continue
		case w == "!obliged":
			rule.Obliged = true
			continue
		case w == "!intent":
			rule.combine = combineIntent
			continue
		case w == "!threat":
			rule.combine = combineThreat
			continue
		case w == "!reject":
			rule.combine = combineReject
			continue
		case w == "!demand":
			rule.combine = combineDemand
			continue
		case strings.HasPrefix(w, "!"):
			return fmt.Errorf("unknown flag %q", w)
		}
		e, err := parseElem(w)
		if err != nil {
			return err
		}
		e.gap = gap
		gap = 0
		if len(rule.elems) == 0 && e.optional {
			return errors.New("a pattern cannot start with an optional element")
		}
		rule.elems = append(rule.elems, e)
	}
	if len(rule.elems) == 0 {
		return errors.New("pattern missing")
	}
	return nil
}

// patternFields splits a pattern into fields, keeping a parenthesised group as one field.
func patternFields(s string) []string {
	var out []string
	depth, start := 0, -1
	for i, r := range s {
		switch {
		case r == '(':
			if depth == 0 && start < 0 {
				start = i
			}
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case r == ' ' || r == '\t':
			if depth == 0 && start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// parseElem parses one pattern field: "word", "verb+", "noun~", "(a b|c+)", optionally
// followed by "?".
func parseElem(w string) (elem, error) {
	e := elem{first: map[string]bool{}}
	if strings.HasSuffix(w, "?") {
		e.optional = true
		w = strings.TrimSuffix(w, "?")
	}
	if strings.HasPrefix(w, "(") {
		if !strings.HasSuffix(w, ")") {
			return e, fmt.Errorf("unclosed group %q", w)
		}
		w = w[1 : len(w)-1]
	}
	if strings.ContainsAny(w, "()*") {
		return e, fmt.Errorf("nested group or gap in %q", w)
	}
	for _, a := range strings.Split(w, "|") {
		ws := strings.Fields(strings.ToLower(a))
		if len(ws) == 0 {
			continue
		}
		var al alt
		for _, x := range ws {
			set := map[string]bool{}
			var part map[string]bool
			switch {
			case strings.HasSuffix(x, "+") && len(x) > 1:
				forms, parts := verbForms(strings.TrimSuffix(x, "+"))
				for _, f := range forms {
					set[f] = true
				}
				part = map[string]bool{}
				for _, f := range parts {
					part[f] = true
				}
			case strings.HasSuffix(x, "~") && len(x) > 1:
				for _, f := range nounForms(strings.TrimSuffix(x, "~")) {
					set[f] = true
				}
			default:
				set[x] = true
			}
			al.words = append(al.words, set)
			al.part = append(al.part, part)
		}
		for f := range al.words[0] {
			e.first[f] = true
		}
		e.alts = append(e.alts, al)
	}
	if len(e.alts) == 0 {
		return e, fmt.Errorf("empty element %q", w)
	}
	return e, nil
}

func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// irregular lists past tense and past participle of irregular English verbs.
var irregular = map[string][2]string{
	"meet": {"met", "met"}, "hold": {"held", "held"}, "give": {"gave", "given"},
	"take": {"took", "taken"}, "make": {"made", "made"}, "send": {"sent", "sent"},
	"seek": {"sought", "sought"}, "fight": {"fought", "fought"}, "shoot": {"shot", "shot"},
	"strike": {"struck", "struck"}, "hit": {"hit", "hit"}, "put": {"put", "put"},
	"set": {"set", "set"}, "cut": {"cut", "cut"}, "lead": {"led", "led"},
	"leave": {"left", "left"}, "break": {"broke", "broken"}, "speak": {"spoke", "spoken"},
	"tell": {"told", "told"}, "say": {"said", "said"}, "sell": {"sold", "sold"},
	"buy": {"bought", "bought"}, "bring": {"brought", "brought"}, "begin": {"began", "begun"},
	"win": {"won", "won"}, "lose": {"lost", "lost"}, "forgive": {"forgave", "forgiven"},
	"withdraw": {"withdrew", "withdrawn"}, "undertake": {"undertook", "undertaken"},
	"throw": {"threw", "thrown"}, "draw": {"drew", "drawn"}, "drive": {"drove", "driven"},
	"rise": {"rose", "risen"}, "see": {"saw", "seen"}, "go": {"went", "gone"},
	"come": {"came", "come"}, "run": {"ran", "run"}, "blow": {"blew", "blown"},
	"keep": {"kept", "kept"}, "stand": {"stood", "stood"}, "withhold": {"withheld", "withheld"},
	"uphold": {"upheld", "upheld"}, "forbid": {"forbade", "forbidden"}, "bid": {"bid", "bid"},
	"shut": {"shut", "shut"}, "swear": {"swore", "sworn"}, "freeze": {"froze", "frozen"},
	"steal": {"stole", "stolen"}, "fly": {"flew", "flown"}, "pay": {"paid", "paid"},
	"lay": {"laid", "laid"}, "build": {"built", "built"}, "lend": {"lent", "lent"},
	"overthrow": {"overthrew", "overthrown"}, "beat": {"beat", "beaten"}, "spend": {"spent", "spent"},
	"shake": {"shook", "shaken"}, "hang": {"hung", "hung"}, "sit": {"sat", "sat"},
	"feel": {"felt", "felt"}, "think": {"thought", "thought"}, "catch": {"caught", "caught"},
	"arise": {"arose", "arisen"}, "rebuild": {"rebuilt", "rebuilt"}, "shed": {"shed", "shed"},
	"slay": {"slew", "slain"}, "outlaw": {"outlawed", "outlawed"}, "spread": {"spread", "spread"},
	"forsake": {"forsook", "forsaken"}, "overrun": {"overran", "overrun"}, "retake": {"retook", "retaken"},
	"mistake": {"mistook", "mistaken"}, "wage": {"waged", "waged"}, "become": {"became", "become"},
}

// verbForms returns the inflected forms of a verb (including multi-letter spelling variants
// such as doubled consonants) and, separately, its past participles.
func verbForms(base string) (forms, parts []string) {
	add := func(s ...string) { forms = append(forms, s...) }
	add(base)
	if irr, ok := irregular[base]; ok {
		add(irr[0], irr[1], base+"s", ingForm(base))
		if strings.HasSuffix(base, "y") && !strings.HasSuffix(base, "ay") {
			add(base[:len(base)-1] + "ies")
		}
		return forms, []string{irr[1]}
	}
	n := len(base)
	last := base[n-1]
	switch {
	case strings.HasSuffix(base, "e"):
		add(base+"s", base+"d")
		parts = []string{base + "d"}
	case last == 'y' && n > 1 && !isVowel(base[n-2]):
		add(base[:n-1]+"ies", base[:n-1]+"ied")
		parts = []string{base[:n-1] + "ied"}
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z"):
		add(base+"es", base+"ed")
		parts = []string{base + "ed"}
	default:
		add(base+"s", base+"ed")
		parts = []string{base + "ed"}
		if n >= 3 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(base[n-2]) && !isVowel(base[n-3]) {
			add(base+string(last)+"ed", base+string(last)+"ing")
			parts = append(parts, base+string(last)+"ed")
		}
	}
	add(ingForm(base))
	return forms, parts
}

func ingForm(base string) string {
	n := len(base)
	switch {
	case strings.HasSuffix(base, "ie"):
		return base[:n-2] + "ying"
	case strings.HasSuffix(base, "ee") || strings.HasSuffix(base, "ye") || strings.HasSuffix(base, "oe"):
		return base + "ing"
	case strings.HasSuffix(base, "e") && n > 2:
		return base[:n-1] + "ing"
	}
	return base + "ing"
}

// nounForms returns a noun and its regular plural.
func nounForms(base string) []string {
	n := len(base)
	switch {
	case n == 0:
		return nil
	case strings.HasSuffix(base, "man"):
		return []string{base, base[:n-3] + "men"}
	case base[n-1] == 'y' && n > 1 && !isVowel(base[n-2]):
		return []string{base, base[:n-1] + "ies"}
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x"):
		return []string{base, base + "es"}
	}
	return []string{base, base + "s"}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// DatedCode is an actor code valid between From and To (zero means open).
type DatedCode struct {
	Code     string
	From, To time.Time
	// Dated is false for the default code of an entry.
	Dated bool
}

// ActorEntry is one entry of an actor or agent dictionary.
type ActorEntry struct {
	// Name is the entry's first phrase, for display.
	Name string
	// Codes are the entry's codes; CodeAt picks one for a date.
	Codes []DatedCode
	// Agent marks a role noun ("officials", "troops"); its code is a sector suffix ("GOV").
	Agent bool
	// Prefix marks an agent whose code goes before the country code (PETRARCH "XXX~").
	Prefix bool
}

// CodeAt returns the code of e valid at t: the first dated code whose range holds t, else the
// default (undated) code, else the country part of the first code.
func (e *ActorEntry) CodeAt(t time.Time) string {
	def := ""
	for _, c := range e.Codes {
		if !c.Dated {
			if def == "" {
				def = c.Code
			}
			continue
		}
		if t.IsZero() {
			continue
		}
		if (c.From.IsZero() || !t.Before(c.From)) && (c.To.IsZero() || t.Before(c.To)) {
			return c.Code
		}
	}
	if def != "" {
		return def
	}
	if len(e.Codes) > 0 {
		c := e.Codes[0].Code
		if len(c) > 3 {
			c = c[:3]
		}
		return c
	}
	return ""
}

// pnode is a node of the phrase trie of an actor dictionary.
type pnode struct {
	next  map[string]*pnode
	entry *ActorEntry
	// agent is the agent entry of the phrase, kept apart so that one walk finds both.
	agent *ActorEntry
	// stems are entries whose last word matches any token beginning with the key (TABARI stems).
	stems []stem
}

type stem struct {
	prefix string
	entry  *ActorEntry
}

// Actors is an actor and agent dictionary: phrases of one or more words mapped to codes, matched
// longest first over the tokens of a sentence.
type Actors struct {
	root  pnode
	count int
}

// NewActors returns an empty dictionary.
func NewActors() *Actors { return &Actors{} }

// Len returns the number of phrases in the dictionary.
func (d *Actors) Len() int { return d.count }

// Add maps a phrase (words in text order, any case) to e. When stemEnd is true the last word
// also matches longer tokens that begin with it ("ARGENTIN" matches "Argentina").
func (d *Actors) Add(words []string, e *ActorEntry, stemEnd bool) {
	if len(words) == 0 {
		return
	}
	n := &d.root
	for i, w := range words {
		w = strings.ToLower(w)
		if i == len(words)-1 && stemEnd {
			n.stems = append(n.stems, stem{prefix: w, entry: e})
			d.count++
			return
		}
		if n.next == nil {
			n.next = map[string]*pnode{}
		}
		c := n.next[w]
		if c == nil {
			c = &pnode{}
			n.next[w] = c
		}
		n = c
	}
	switch {
	case e.Agent && n.agent == nil:
		n.agent = e
	case !e.Agent && n.entry == nil:
		n.entry = e
	}
	d.count++
}

// Merge adds every phrase of o to d; phrases already in d keep their entry.
func (d *Actors) Merge(o *Actors) {
	var walk func(dst, src *pnode)
	walk = func(dst, src *pnode) {
		if src.entry != nil && dst.entry == nil {
			dst.entry = src.entry
			d.count++
		}
		if src.agent != nil && dst.agent == nil {
			dst.agent = src.agent
			d.count++
		}
		dst.stems = append(dst.stems, src.stems...)
		for w, c := range src.next {
			if dst.next == nil {
				dst.next = map[string]*pnode{}
			}
			dc := dst.next[w]
			if dc == nil {
				dc = &pnode{}
				dst.next[w] = dc
			}
			walk(dc, c)
		}
	}
	walk(&d.root, &o.root)
}

// matchBoth returns the longest actor phrase and the longest agent phrase starting at words[i]
// in one walk of the trie.
func (d *Actors) matchBoth(words []string, i int) (la int, ea *ActorEntry, lg int, eg *ActorEntry) {
	n := &d.root
	for j := i; j < len(words) && j-i < 12; j++ {
		w := words[j]
		for _, s := range n.stems {
			if strings.HasPrefix(w, s.prefix) && j+1-i > la {
				la, ea = j+1-i, s.entry
			}
		}
		c := n.next[w]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil {
			la, ea = j+1-i, n.entry
		}
		if n.agent != nil {
			lg, eg = j+1-i, n.agent
		}
	}
	return la, ea, lg, eg
}

// match returns the longest phrase starting at words[i]: its length in words and entry.
func (d *Actors) match(words []string, i int) (int, *ActorEntry) {
	n := &d.root
	bestN, best := 0, (*ActorEntry)(nil)
	for j := i; j < len(words) && j-i < 12; j++ {
		w := words[j]
		for _, s := range n.stems {
			if strings.HasPrefix(w, s.prefix) && j+1-i > bestN {
				bestN, best = j+1-i, s.entry
			}
		}
		c := n.next[w]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil {
			bestN, best = j+1-i, n.entry
		} else if n.agent != nil {
			bestN, best = j+1-i, n.agent
		}
	}
	return bestN, best
}

// splitPhrase splits a dictionary phrase into words the way the tokenizer splits text: on
// spaces and underscores, with a possessive "'s" apart.
func splitPhrase(s string) []string {
	s = strings.ReplaceAll(s, "_", " ")
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.ReplaceAll(w, "’", "'")
		if strings.HasSuffix(strings.ToLower(w), "'s") && len(w) > 2 {
			out = append(out, w[:len(w)-2], "'s")
			continue
		}
		out = append(out, w)
	}
	return out
}

// parseDated parses "CODE", "CODE@FROM..TO" (sitrep) into a DatedCode.
func parseDated(s string) (DatedCode, error) {
	code, rng, ok := strings.Cut(s, "@")
	if !ok {
		return DatedCode{Code: code}, nil
	}
	from, to, _ := strings.Cut(rng, "..")
	dc := DatedCode{Code: code, Dated: true}
	var err error
	if from != "" {
		if dc.From, err = time.Parse("2006-01-02", from); err != nil {
			return dc, err
		}
	}
	if to != "" {
		if dc.To, err = time.Parse("2006-01-02", to); err != nil {
			return dc, err
		}
	}
	return dc, nil
}

// LoadActors reads an actor dictionary in sitrep's format: lines "CODES | phrase | phrase".
func LoadActors(r io.Reader, name string) (*Actors, error) {
	return loadPiped(r, name, false)
}

// LoadAgents reads an agent dictionary in sitrep's format: lines "SECTOR | phrase~ | phrase".
func LoadAgents(r io.Reader, name string) (*Actors, error) {
	return loadPiped(r, name, true)
}

func loadPiped(r io.Reader, name string, agents bool) (*Actors, error) {
	d := NewActors()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) < 2 {
			return nil, fmt.Errorf("%s:%d: %w: want CODE | phrase", name, n, ErrSyntax)
		}
		e := &ActorEntry{Agent: agents}
		for _, c := range strings.Fields(parts[0]) {
			dc, err := parseDated(c)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w: %v", name, n, ErrSyntax, err)
			}
			e.Codes = append(e.Codes, dc)
		}
		if len(e.Codes) == 0 {
			return nil, fmt.Errorf("%s:%d: %w: code missing", name, n, ErrSyntax)
		}
		for _, p := range parts[1:] {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			if e.Name == "" {
				e.Name = strings.TrimSuffix(p, "~")
			}
			if strings.HasSuffix(p, "~") {
				w := splitPhrase(strings.TrimSuffix(p, "~"))
				for _, f := range nounForms(strings.ToLower(w[len(w)-1])) {
					d.Add(append(append([]string{}, w[:len(w)-1]...), f), e, false)
				}
				continue
			}
			d.Add(splitPhrase(p), e, false)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return d, nil
}

// loadCountries reads the countries table ("CODE<TAB>kind<TAB>name"). Demonyms also match in
// the plural ("Israelis").
func loadCountries(r io.Reader) (*Actors, error) {
	d := NewActors()
	entries := map[string]*ActorEntry{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("countries: %w: %q", ErrSyntax, line)
		}
		e := entries[f[0]]
		if e == nil {
			e = &ActorEntry{Name: f[2], Codes: []DatedCode{{Code: f[0]}}}
			entries[f[0]] = e
		}
		w := splitPhrase(f[2])
		d.Add(w, e, false)
		if f[1] == "demonym" {
			last := strings.ToLower(w[len(w)-1])
			if !strings.HasSuffix(last, "ese") && !strings.HasSuffix(last, "sh") && !strings.HasSuffix(last, "ch") && !strings.HasSuffix(last, "s") {
				d.Add(append(append([]string{}, w[:len(w)-1]...), last+"s"), e, false)
			}
		}
		if f[1] == "capital" && strings.HasSuffix(f[2], " D.C.") {
			d.Add(splitPhrase(strings.TrimSuffix(f[2], " D.C.")), e, false)
		}
	}
	return d, sc.Err()
}
