package actor

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

//go:embed data/*.txt
var dataFS embed.FS

// Entry is one actor of the knowledge base: a person, country, government, organisation, armed
// group, media outlet or place, with the names it goes by and, for people, dated roles.
type Entry struct {
	// ID is the stable identifier ("ISR", "USAGOV", "yoav-gallant").
	ID string
	// Name is the canonical name.
	Name string
	// Type is one of the sitrep.Actor* types.
	Type string
	// Country is the ISO 3166-1 alpha-3 code of the actor's country, when it has one.
	Country string
	// Code is the CAMEO code used when no dated role applies ("ISR", "USAMIL", "IGOUNO").
	Code string
	// Aliases are other names of the actor.
	Aliases []string
	// Metonyms are phrases that stand for the actor ("White House" for USAGOV).
	Metonyms []string
	// Demonyms are adjectives and nouns for a country's people ("Israeli").
	Demonyms []string
	// Capitals are a country's capitals; in text they stand for its government or are places.
	Capitals []string
	// Roles are the offices held, with tenure dates.
	Roles []sitrep.Role
	// Source says where the entry comes from ("sitrep" for the embedded data, else a file name).
	Source string
}

// surface kinds: how a phrase of the trie names an entry.
const (
	kindName uint8 = iota
	kindAlias
	kindSurname
	kindDemonym
	kindCapital
	kindMetonym
)

var kindNames = [...]string{"name", "alias", "surname", "demonym", "capital", "metonym"}

type hit struct {
	entry int32
	kind  uint8
	// exact, when set, is the only spelling accepted (short all-capital aliases such as "US").
	exact string
}

type rootPair struct{ name, title *node }

type node struct {
	next map[string]*node
	// keys and kids repeat next while it has at most smallFan children: most nodes below the
	// first word have one or two, and comparing a few strings is cheaper than hashing.
	keys []string
	kids []*node
	hits []hit
}

// smallFan is the largest number of children a node keeps in its keys and kids slices.
const smallFan = 4

// child returns the node reached from n by the token t, or nil.
func (n *node) child(t string) *node {
	if len(n.next) <= smallFan {
		for k, key := range n.keys {
			if key == t {
				return n.kids[k]
			}
		}
		return nil
	}
	return n.next[t]
}

func (n *node) insert(toks []string, h hit) {
	for _, t := range toks {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[t]
		if c == nil {
			c = &node{}
			n.next[t] = c
			if len(n.next) <= smallFan {
				n.keys = append(n.keys, t)
				n.kids = append(n.kids, c)
			} else {
				n.keys, n.kids = nil, nil
			}
		}
		n = c
	}
	for _, old := range n.hits {
		if old.entry == h.entry && old.kind == h.kind && old.exact == h.exact {
			return
		}
	}
	n.hits = append(n.hits, h)
}

// title is a canonical office title of titles.txt.
type title struct {
	Name   string
	Sector string
}

// KB is the actor knowledge base. It is safe for concurrent use once built; Merge must not run
// concurrently with lookups.
type KB struct {
	entries []*Entry
	byID    map[string]int
	names   *node
	titles  *node // hits carry the index of a title in titleList
	tlist   []title
	// canon maps a lower-cased title phrase to its index in tlist.
	canon map[string]int
	// countries maps an alpha-3 code to its entry index.
	countries map[string]int
	// roots maps a lower-cased token to the first trie nodes of names and titles starting with it:
	// one map lookup per token of an article. The value is 1 + an index into rootList, so that
	// the per-token copies a run keeps hold no pointers (cheaper to clear and to write).
	roots    map[string]int32
	rootList []rootPair
	// lowerFirst has bit len(w) set at lowerFirst[w[0]] for every key w of roots that a
	// lower-case token may match (titles and lowerStarts): a cheap filter before the map lookup.
	lowerFirst [256]uint64
	// lowerTwo is lowerFirst keyed by the first two letters when both are ASCII a–z.
	lowerTwo [26 * 26]uint64
	// lowerStarts holds the first tokens of names that may start with a lower-case word ("the").
	lowerStarts map[string]bool
	// roleTitles caches the canonical title index of every role title of the entries.
	roleTitles map[string]int
	// holders maps a canonical title index to the people who held an office of that kind.
	holders map[int][]int32
	// horizon is the end of what the KB knows: a year after its latest role date. Open-ended
	// tenures are taken to last until then when dates are inferred.
	horizon time.Time
}

// LoadKB returns the knowledge base built from the embedded data files.
func LoadKB() (*KB, error) {
	kb := &KB{byID: map[string]int{}, canon: map[string]int{}, countries: map[string]int{}}
	read := func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		return string(b), err
	}
	s, err := read("titles.txt")
	if err != nil {
		return nil, err
	}
	if err := kb.parseTitles(s); err != nil {
		return nil, fmt.Errorf("titles.txt: %w", err)
	}
	s, err = read("countries.txt")
	if err != nil {
		return nil, err
	}
	if err := kb.parseCountries(s); err != nil {
		return nil, fmt.Errorf("countries.txt: %w", err)
	}
	s, err = read("places.txt")
	if err != nil {
		return nil, err
	}
	if err := kb.parsePlaces(s); err != nil {
		return nil, fmt.Errorf("places.txt: %w", err)
	}
	for _, f := range []string{"actors.txt", "officials.txt"} {
		s, err = read(f)
		if err != nil {
			return nil, err
		}
		ents, err := ParseEntries(strings.NewReader(s))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, e := range ents {
			// blocks of actors.txt refine the generated government entries
			kb.upsert(e, false)
		}
	}
	kb.rebuild()
	return kb, nil
}

// MustLoadKB is LoadKB for callers (tests, commands) that treat a broken embedded file as a bug.
func MustLoadKB() *KB {
	kb, err := LoadKB()
	if err != nil {
		panic(err)
	}
	return kb
}

// Len returns the number of entries.
func (kb *KB) Len() int { return len(kb.entries) }

// Entry returns the entry with the given id, or nil.
func (kb *KB) Entry(id string) *Entry {
	if i, ok := kb.byID[id]; ok {
		return kb.entries[i]
	}
	return nil
}

func (kb *KB) parseTitles(s string) error {
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("line %d: missing ':'", n+1)
		}
		sector := "GOV"
		if a, b, ok := strings.Cut(name, "="); ok {
			name, sector = a, strings.TrimSpace(b)
		}
		idx := len(kb.tlist)
		kb.tlist = append(kb.tlist, title{Name: strings.TrimSpace(name), Sector: sector})
		for _, p := range strings.Split(rest, ",") {
			p = strings.ToLower(strings.TrimSpace(p))
			if p != "" {
				if _, dup := kb.canon[p]; !dup {
					kb.canon[p] = idx
				}
			}
		}
		kb.canon[strings.ToLower(strings.TrimSpace(name))] = idx
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (kb *KB) parseCountries(s string) error {
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 {
			return fmt.Errorf("line %d: want 5 fields, got %d", n+1, len(f))
		}
		code := strings.TrimSpace(f[0])
		name := strings.TrimSpace(f[1])
		e := &Entry{ID: code, Name: name, Type: sitrep.ActorCountry, Country: code, Code: code,
			Aliases: splitList(f[2]), Demonyms: splitList(f[3]), Capitals: splitList(f[4]), Source: "sitrep"}
		kb.upsert(e, true)
		kb.upsert(&Entry{ID: code + "GOV", Name: "Government of " + name, Type: sitrep.ActorGov, Country: code, Code: code + "GOV", Source: "sitrep"}, true)
		kb.upsert(&Entry{ID: code + "MIL", Name: "Military of " + name, Type: sitrep.ActorGov, Country: code, Code: code + "MIL", Source: "sitrep"}, true)
	}
	return nil
}

func (kb *KB) parsePlaces(s string) error {
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			return fmt.Errorf("line %d: want 3 fields, got %d", n+1, len(f))
		}
		name := strings.TrimSpace(f[0])
		c := strings.TrimSpace(f[1])
		kb.upsert(&Entry{ID: "place:" + slug(name), Name: name, Type: sitrep.ActorPlace, Country: c, Code: c, Aliases: splitList(f[2]), Source: "sitrep"}, true)
	}
	return nil
}

// ParseEntries reads actor blocks in the format of data/actors.txt (see docs/actors.md): a header
// line "TYPE Name" at column 0 followed by indented "key: value" lines.
func ParseEntries(r io.Reader) ([]*Entry, error) {
	var out []*Entry
	var cur *Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			typ, name, ok := strings.Cut(line, " ")
			if !ok {
				return nil, fmt.Errorf("line %d: header needs a type and a name", n)
			}
			t, ok := headerTypes[typ]
			if !ok {
				return nil, fmt.Errorf("line %d: unknown type %q", n, typ)
			}
			cur = &Entry{Name: strings.TrimSpace(name), Type: t, Source: "sitrep"}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("line %d: attribute before any header", n)
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: want key: value", n)
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "id":
			cur.ID = val
		case "code":
			cur.Code = val
		case "country":
			cur.Country = val
		case "alias":
			cur.Aliases = append(cur.Aliases, splitList(val)...)
		case "metonym":
			cur.Metonyms = append(cur.Metonyms, splitList(val)...)
		case "role":
			r, err := parseRole(val)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			cur.Roles = append(cur.Roles, r)
		default:
			return nil, fmt.Errorf("line %d: unknown key %q", n, key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, e := range out {
		if e.ID == "" {
			if e.Code != "" && e.Type != sitrep.ActorPerson && e.Type != sitrep.ActorMedia && e.Type != sitrep.ActorGroup && e.Type != sitrep.ActorIGO {
				e.ID = e.Code
			} else {
				e.ID = slug(e.Name)
			}
		}
		if e.Code == "" && e.Type == sitrep.ActorPerson {
			e.Code = e.Country
		}
	}
	return out, nil
}

var headerTypes = map[string]string{
	"person": sitrep.ActorPerson, "org": sitrep.ActorOrg, "igo": sitrep.ActorIGO, "group": sitrep.ActorGroup,
	"media": sitrep.ActorMedia, "government": sitrep.ActorGov, "military": sitrep.ActorGov, "place": sitrep.ActorPlace,
	"country": sitrep.ActorCountry,
}

// parseRole parses "Title | CODE | start | end".
func parseRole(s string) (sitrep.Role, error) {
	f := strings.Split(s, "|")
	for len(f) < 4 {
		f = append(f, "")
	}
	r := sitrep.Role{Title: strings.TrimSpace(f[0]), Code: strings.TrimSpace(f[1])}
	if r.Title == "" {
		return r, fmt.Errorf("role without a title")
	}
	if len(r.Code) >= 3 {
		r.Country = r.Code[:3]
	}
	var err error
	if r.Start, err = parseDate(f[2]); err != nil {
		return r, err
	}
	if r.End, err = parseDate(f[3]); err != nil {
		return r, err
	}
	return r, nil
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 0:
		return time.Time{}, nil
	case 7:
		return time.Parse("2006-01", s)
	case 4:
		return time.Parse("2006", s)
	}
	return time.Parse("2006-01-02", s)
}

// slug returns a lower-case, hyphen-separated form of s usable as an id.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// slugID returns prefix+slug(s) with one allocation when s is ASCII (the usual case in
// English news), and by way of slug otherwise.
func slugID(prefix, s string) string {
	for k := 0; k < len(s); k++ {
		if s[k] >= 0x80 {
			return prefix + slug(s)
		}
	}
	var b strings.Builder
	b.Grow(len(prefix) + len(s))
	b.WriteString(prefix)
	dash := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		if c-'a' < 26 || c-'0' < 10 {
			b.WriteByte(c)
			dash = false
		} else if !dash && b.Len() > len(prefix) {
			b.WriteByte('-')
			dash = true
		}
	}
	out := b.String()
	if dash {
		out = out[:len(out)-1]
	}
	return out
}

// upsert adds e or, when an entry with its id exists, merges e into it (ours decides who wins).
func (kb *KB) upsert(e *Entry, ours bool) {
	if i, ok := kb.byID[e.ID]; ok {
		old := kb.entries[i]
		mergeInto(old, e, ours)
		return
	}
	kb.byID[e.ID] = len(kb.entries)
	if e.Type == sitrep.ActorCountry {
		kb.countries[e.ID] = len(kb.entries)
	}
	kb.entries = append(kb.entries, e)
}

// mergeInto merges src into dst. When keep is true dst's name, type, country and code are kept
// and only new names and roles are added; otherwise src's non-empty fields replace them.
func mergeInto(dst, src *Entry, keep bool) {
	if !keep {
		if src.Name != "" && src.Type != sitrep.ActorCountry {
			dst.Name = src.Name
		}
		if src.Type != "" {
			dst.Type = src.Type
		}
		if src.Country != "" {
			dst.Country = src.Country
		}
		if src.Code != "" {
			dst.Code = src.Code
		}
	}
	seen := map[string]bool{strings.ToLower(dst.Name): true}
	for _, a := range dst.Aliases {
		seen[strings.ToLower(a)] = true
	}
	for _, a := range append([]string{src.Name}, src.Aliases...) {
		if la := strings.ToLower(a); a != "" && !seen[la] {
			seen[la] = true
			dst.Aliases = append(dst.Aliases, a)
		}
	}
	dst.Metonyms = append(dst.Metonyms, src.Metonyms...)
	dst.Demonyms = append(dst.Demonyms, src.Demonyms...)
	dst.Capitals = append(dst.Capitals, src.Capitals...)
	if !keep || len(dst.Roles) == 0 {
		dst.Roles = append(dst.Roles, src.Roles...)
	}
}

// tokens returns the lower-cased tokens of a phrase as the text package splits them.
func phraseTokens(s string) []string {
	d := text.Parse(s)
	out := make([]string, 0, len(d.Tokens))
	for i := range d.Tokens {
		out = append(out, d.Lower(i))
	}
	return out
}

// exactForm returns s when it is a short all-capital alias that must match case-sensitively.
func exactForm(s string) string {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters > 0 && letters <= 5 && upper == letters {
		return s
	}
	return ""
}

// rebuild recomputes the name and title tries from the entries.
func (kb *KB) rebuild() {
	kb.names = &node{}
	kb.titles = &node{}
	for p, idx := range kb.canon {
		kb.titles.insert(phraseTokens(p), hit{entry: int32(idx)})
	}
	add := func(i int, s string, kind uint8) {
		toks := phraseTokens(s)
		if len(toks) == 0 {
			return
		}
		kb.names.insert(toks, hit{entry: int32(i), kind: kind, exact: exactForm(s)})
	}
	defer func() {
		kb.roots = make(map[string]int32, len(kb.names.next)+len(kb.titles.next))
		kb.rootList = make([]rootPair, 0, len(kb.names.next)+len(kb.titles.next))
		get := func(k string) *rootPair {
			p := kb.roots[k]
			if p == 0 {
				kb.rootList = append(kb.rootList, rootPair{})
				p = int32(len(kb.rootList))
				kb.roots[k] = p
			}
			return &kb.rootList[p-1]
		}
		for k, v := range kb.names.next {
			get(k).name = v
		}
		for k, v := range kb.titles.next {
			get(k).title = v
		}
		kb.lowerFirst = [256]uint64{}
		kb.lowerTwo = [26 * 26]uint64{}
		mark := func(w string) {
			if w != "" {
				kb.lowerFirst[w[0]] |= 1 << min(len(w), 63)
				if len(w) >= 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z' {
					kb.lowerTwo[int(w[0]-'a')*26+int(w[1]-'a')] |= 1 << min(len(w), 63)
				}
			}
		}
		for k := range kb.titles.next {
			mark(k)
		}
		for k := range kb.lowerStarts {
			mark(k)
		}
		for k := range kb.names.next {
			// names that begin with a number or a non-letter are reachable from any token kind
			if r, _ := utf8.DecodeRuneInString(k); !unicode.IsLetter(r) {
				mark(k)
			}
		}
	}()
	kb.holders = map[int][]int32{}
	kb.lowerStarts = map[string]bool{}
	for _, e := range kb.entries {
		for _, a := range append(append([]string{e.Name}, e.Aliases...), e.Metonyms...) {
			if r, _ := utf8.DecodeRuneInString(a); unicode.IsLower(r) {
				if toks := phraseTokens(a); len(toks) > 0 {
					kb.lowerStarts[toks[0]] = true
				}
			}
		}
	}
	kb.roleTitles = map[string]int{}
	for _, e := range kb.entries {
		for _, ro := range e.Roles {
			if _, ok := kb.roleTitles[ro.Title]; !ok {
				kb.roleTitles[ro.Title] = kb.computeTitle(ro.Title)
			}
		}
	}
	var latest time.Time
	for i, e := range kb.entries {
		seen := map[int]bool{}
		for _, ro := range e.Roles {
			for _, t := range []time.Time{ro.Start, ro.End} {
				if t.After(latest) {
					latest = t
				}
			}
			if e.Type != sitrep.ActorPerson {
				continue
			}
			if ti := kb.titleOf(ro.Title); ti >= 0 && !seen[ti] {
				seen[ti] = true
				kb.holders[ti] = append(kb.holders[ti], int32(i))
			}
		}
	}
	if latest.IsZero() {
		latest = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	kb.horizon = latest.AddDate(1, 0, 0)
	for i, e := range kb.entries {
		add(i, e.Name, kindName)
		for _, a := range e.Aliases {
			add(i, a, kindAlias)
		}
		for _, a := range e.Metonyms {
			add(i, a, kindMetonym)
		}
		for _, a := range e.Demonyms {
			add(i, a, kindDemonym)
		}
		for _, a := range e.Capitals {
			add(i, a, kindCapital)
		}
		if e.Type == sitrep.ActorPerson {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				toks := phraseTokens(n)
				if len(toks) < 2 {
					continue
				}
				last := toks[len(toks)-1]
				if len([]rune(last)) < 3 || stopwords[last] || last == "ii" || last == "iii" {
					continue
				}
				kb.names.insert([]string{last}, hit{entry: int32(i), kind: kindSurname})
			}
		}
	}
}

// mayStartLower reports whether the lower-case, non-capitalised token w may start a name or a
// title (false means it certainly does not).
func (kb *KB) mayStartLower(w string) bool {
	if len(w) >= 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z' {
		return kb.lowerTwo[int(w[0]-'a')*26+int(w[1]-'a')]&(1<<min(len(w), 63)) != 0
	}
	return w != "" && kb.lowerFirst[w[0]]&(1<<min(len(w), 63)) != 0
}

// titleOf returns the canonical title index of a role title, or -1.
func (kb *KB) titleOf(roleTitle string) int {
	if i, ok := kb.roleTitles[roleTitle]; ok {
		return i
	}
	return kb.computeTitle(roleTitle)
}

func (kb *KB) computeTitle(roleTitle string) int {
	t := strings.ToLower(roleTitle)
	t = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(t, "(acting)", ""), "acting ", ""))
	if i, ok := kb.canon[t]; ok {
		return i
	}
	// longest known title phrase inside the role title ("White House Press Secretary").
	toks := phraseTokens(t)
	best, bestLen := -1, 0
	for i := range toks {
		n := kb.titles
		for j := i; j < len(toks); j++ {
			n = n.child(toks[j])
			if n == nil {
				break
			}
			if len(n.hits) > 0 && j-i+1 > bestLen {
				best, bestLen = int(n.hits[0].entry), j-i+1
			}
		}
	}
	return best
}

// Match is one answer of Find: an entry, how the name reached it, and its roles at the date.
type Match struct {
	Entry *Entry
	// Via is how the name matched: "name", "alias", "surname", "demonym", "capital", "metonym".
	Via string
	// Code is the CAMEO code of the actor at the date.
	Code string
	// Roles are the entry's roles with Current set for the date.
	Roles []sitrep.Role
}

// String formats a match for the command line, one line for the actor and one per role.
func (m Match) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  type=%s", m.Entry.ID, m.Entry.Name, m.Entry.Type)
	if m.Entry.Country != "" {
		fmt.Fprintf(&b, " country=%s", m.Entry.Country)
	}
	fmt.Fprintf(&b, " code=%s via=%s source=%s", m.Code, m.Via, m.Entry.Source)
	for _, r := range m.Roles {
		cur := ""
		if r.Current {
			cur = "  (current)"
		}
		fmt.Fprintf(&b, "\n    %s [%s] %s – %s%s", r.Title, r.Code, fmtDate(r.Start), fmtDate(r.End), cur)
	}
	return b.String()
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "…"
	}
	return t.Format("2006-01-02")
}

// Find returns the entries a name resolves to at time at (zero: the latest state of the KB), best
// first: entries whose full name or alias matches before surname matches, and among those the ones
// holding an office at the date first.
func (kb *KB) Find(name string, at time.Time) []Match {
	toks := phraseTokens(name)
	n := kb.names
	for _, t := range toks {
		if n = n.child(t); n == nil {
			return nil
		}
	}
	var out []Match
	for _, h := range n.hits {
		if h.exact != "" && h.exact != strings.TrimSpace(name) {
			continue
		}
		e := kb.entries[h.entry]
		out = append(out, Match{Entry: e, Via: kindNames[h.kind], Code: kb.codeAt(e, at), Roles: rolesAt(e.Roles, at)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := out[i].Via == "surname", out[j].Via == "surname"
		if ki != kj {
			return !ki
		}
		return hasCurrent(out[i].Roles) && !hasCurrent(out[j].Roles)
	})
	return out
}

func hasCurrent(rs []sitrep.Role) bool {
	for _, r := range rs {
		if r.Current {
			return true
		}
	}
	return false
}

// heldAt is Role.HeldAt with the zero time meaning "now, as far as the KB knows": open roles.
func heldAt(r sitrep.Role, at time.Time) bool {
	if at.IsZero() {
		return r.End.IsZero()
	}
	return r.HeldAt(at)
}

// rolesAt returns a copy of rs with Current set for at.
func rolesAt(rs []sitrep.Role, at time.Time) []sitrep.Role {
	if len(rs) == 0 {
		return []sitrep.Role{}
	}
	out := make([]sitrep.Role, len(rs))
	for i, r := range rs {
		r.Current = heldAt(r, at)
		out[i] = r
	}
	return out
}

// codeAt returns the CAMEO code of e at time at: the code of the office held then; for a person
// who held offices only before, the country's elite code (CAMEO "ELI"); else the entry's code.
func (kb *KB) codeAt(e *Entry, at time.Time) string {
	held := false
	for _, r := range e.Roles {
		if heldAt(r, at) {
			if r.Code != "" {
				return r.Code
			}
			held = true
		}
	}
	if !held && e.Type == sitrep.ActorPerson && len(e.Roles) > 0 && e.Country != "" {
		anyBefore := false
		for _, r := range e.Roles {
			if !r.End.IsZero() && (at.IsZero() || !at.Before(r.End)) {
				anyBefore = true
			}
		}
		if anyBefore {
			return e.Country + "ELI"
		}
	}
	if e.Code != "" {
		return e.Code
	}
	return e.Country
}

// importable reports whether an imported name may be added: it holds no title phrase and does
// not already name an entry.
func (kb *KB) importable(name string) bool {
	toks := phraseTokens(name)
	if len(toks) == 0 {
		return false
	}
	for i := range toks {
		n := kb.titles
		for j := i; j < len(toks); j++ {
			if n = n.child(toks[j]); n == nil {
				break
			}
			if len(n.hits) > 0 {
				return false
			}
		}
	}
	n := kb.names
	for _, t := range toks {
		if n = n.child(t); n == nil {
			return true
		}
	}
	return len(n.hits) == 0
}

// Merge adds entries (from ParsePETRARCH or ParseEntries) to the KB. Names of entries whose
// Source is not "sitrep" are filtered first: names holding a title phrase and names that already
// name an entry are dropped. An incoming entry whose id, name or alias already names an entry of
// the same kind is merged into it: with preferOurs the
// existing name, type, code and dated roles win and only new names are added; otherwise the
// incoming fields replace them. Other entries are added. Merge returns how many entries were
// added and how many merged.
func (kb *KB) Merge(entries []Entry, preferOurs bool) (added, merged int) {
	lookup := func(e *Entry) int {
		if i, ok := kb.byID[e.ID]; ok {
			return i
		}
		for _, nm := range append([]string{e.Name}, e.Aliases...) {
			n := kb.names
			for _, t := range phraseTokens(nm) {
				if n = n.child(t); n == nil {
					break
				}
			}
			if n == nil {
				continue
			}
			for _, h := range n.hits {
				if h.kind == kindSurname {
					continue
				}
				old := kb.entries[h.entry]
				if h.kind == kindCapital || h.kind == kindDemonym {
					if e.Code == old.ID {
						return int(h.entry) // "ISRAELI [ISR]": already a demonym of ours
					}
					continue
				}
				if (old.Type == sitrep.ActorPerson) == (e.Type == sitrep.ActorPerson) {
					return int(h.entry)
				}
			}
		}
		return -1
	}
	for k := range entries {
		e := new(Entry)
		*e = entries[k]
		if e.Name == "" {
			continue
		}
		if e.ID == "" {
			e.ID = slug(e.Name)
		}
		i := lookup(e)
		if e.Source != "sitrep" {
			// imported names: drop those that carry a title ("Prime Minister Binyamin
			// Netanyahu", "US Secretary of Defense": the tagger reads titles itself) and those
			// that already name something here ("Tehran", "Austin", "Israeli")
			var keep []string
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if kb.importable(n) {
					keep = append(keep, n)
				}
			}
			if i < 0 && len(keep) == 0 {
				continue
			}
			if i < 0 {
				e.Name, e.Aliases = keep[0], keep[1:]
			} else {
				e.Aliases = keep
				if preferOurs {
					e.Name = "" // our name stays; importable spellings are in keep
				}
			}
		}
		if i >= 0 {
			mergeInto(kb.entries[i], e, preferOurs)
			merged++
			continue
		}
		for {
			if _, dup := kb.byID[e.ID]; !dup {
				break
			}
			e.ID += "+"
		}
		kb.byID[e.ID] = len(kb.entries)
		kb.entries = append(kb.entries, e)
		added++
	}
	kb.rebuild()
	return added, merged
}
