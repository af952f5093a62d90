package event

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

//go:embed data/verbs.txt
var verbsTXT string

//go:embed data/actors.txt
var actorsTXT string

//go:embed data/agents.txt
var agentsTXT string

//go:embed data/countries.txt
var countriesTXT string

// Options tune the coder.
type Options struct {
	// MaxSentenceTokens bounds the work per sentence: longer sentences are coded on their first
	// MaxSentenceTokens tokens only.
	MaxSentenceTokens int
	// UseMentions merges the actor stage's mentions (Article.Mentions) with dictionary matches.
	UseMentions bool
	// Date is the date actor codes are resolved at when the article has no publication date.
	Date time.Time
	// IntentRecode codes planned cooperation in CAMEO's intent family ("will visit" → 036
	// rather than 042) and planned force as a threat (138). Off, the action keeps its own code
	// and only the mode says it is planned (PETRARCH's convention).
	IntentRecode bool
	// LoneAgents lets an agent with no country next to it ("the rebels", "President Mugabe")
	// take the country of the nearest country actor of its sentence.
	LoneAgents bool
	// AgentPlaceholder, when set ("---" for PETRARCH), codes an agent with no country as the
	// placeholder followed by its sector ("---GOV") instead of dropping it.
	AgentPlaceholder string
	// UnknownActors lets a capitalised name that no dictionary knows ("Archbishop Desmond
	// Tutu") stand as source or target, with an empty code, when no known actor is there.
	UnknownActors bool
}

// DefaultOptions returns the options used by the pipeline.
func DefaultOptions() Options {
	return Options{MaxSentenceTokens: 160, UseMentions: true, IntentRecode: true, LoneAgents: true, UnknownActors: true}
}

// Coder is the event stage. It is safe for concurrent use once built.
type Coder struct {
	verbs  *Verbs
	actors *Actors // actors and agents
	codes  *Codebook
	opts   Options
	// discards, when set, drop sentences or whole stories that contain one of its phrases.
	discards *Discards
	// verbish holds the first words of every pattern, to keep verbs out of actor phrases.
	verbish map[string]bool
	// firstWords holds the first words of the actor and agent phrases (see mayStartActor).
	firstWords wordFilter
	// pool recycles the per-article scratch buffers between calls of Process.
	pool sync.Pool
}

// New returns a coder with the embedded dictionaries.
func New(opts Options) (*Coder, error) {
	verbs, err := LoadVerbs(strings.NewReader(verbsTXT), "verbs")
	if err != nil {
		return nil, err
	}
	actors, err := DefaultActors()
	if err != nil {
		return nil, err
	}
	agents, err := LoadAgents(strings.NewReader(agentsTXT), "agents")
	if err != nil {
		return nil, err
	}
	return NewWith(verbs, actors, agents, opts), nil
}

// DefaultVerbs returns the embedded verb and noun patterns.
func DefaultVerbs() *Verbs {
	v, err := LoadVerbs(strings.NewReader(verbsTXT), "verbs")
	if err != nil {
		panic(err) // the embedded dictionary is checked by the tests
	}
	return v
}

// DefaultActors returns the embedded actor dictionary: sitrep's own list merged with the
// countries table.
func DefaultActors() (*Actors, error) {
	actors, err := LoadActors(strings.NewReader(actorsTXT), "actors")
	if err != nil {
		return nil, err
	}
	countries, err := loadCountries(strings.NewReader(countriesTXT))
	if err != nil {
		return nil, err
	}
	actors.Merge(countries)
	return actors, nil
}

// NewWith returns a coder over the given dictionaries (for instance read with
// LoadPETRARCHVerbs, LoadPETRARCHActors and LoadPETRARCHAgents).
func NewWith(verbs *Verbs, actors, agents *Actors, opts Options) *Coder {
	if opts.MaxSentenceTokens <= 0 {
		opts.MaxSentenceTokens = DefaultOptions().MaxSentenceTokens
	}
	// one trie holds actors and agents, so that each token is looked up once
	all := NewActors()
	all.Merge(actors)
	if agents != nil {
		all.Merge(agents)
	}
	c := &Coder{verbs: verbs, actors: all, codes: NewCodebook(), opts: opts, verbish: map[string]bool{}}
	for w := range all.root.next {
		c.firstWords.add(w)
	}
	verbs.compile()
	for w := range verbs.byFirst {
		c.verbish[w] = true
	}
	for _, w := range []string{"is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "say", "to", "that", "which", "who", "with", "by", "on", "against", "at", "for", "from", "into", "as", "but", "after", "before", "while", "when", "than", "since", "the", "a", "an", "and", "or", "of", "in"} {
		c.verbish[w] = true
	}
	return c
}

// WithDiscards makes the coder skip sentences and stories that contain a discard phrase (see
// LoadPETRARCHDiscards) and returns it.
func (c *Coder) WithDiscards(d *Discards) *Coder {
	c.discards = d
	return c
}

// Name returns the stage name.
func (c *Coder) Name() string { return "event" }

// Process codes the events of every sentence of a and stores them in a.Events.
func (c *Coder) Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error {
	if doc == nil {
		doc = text.Parse(a.Text)
	}
	sc := c.newScratch(a, doc)
	defer c.release(sc)
	out := sc.evs[:0]
	if c.discards != nil && c.discards.match(sc.words) == "story" {
		a.Events = a.Events[:0]
		if a.Events == nil {
			a.Events = []sitrep.Event{}
		}
		return nil
	}
	for si := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				sc.evs = out
				return err
			}
		}
		if c.discards != nil {
			sp := doc.Sentences[si]
			if c.discards.match(sc.words[sp.TokStart:sp.TokEnd]) != "" {
				continue
			}
		}
		out = c.sentence(sc, si, out)
	}
	sc.evs = out
	// the events are built in a recycled buffer and copied out at their exact size
	if cap(a.Events) >= len(out) && a.Events != nil {
		a.Events = append(a.Events[:0], out...)
	} else {
		a.Events = append(make([]sitrep.Event, 0, len(out)), out...)
	}
	clear(out) // drop references to the article's strings from the pooled buffer
	return nil
}

// scratch holds per-article state.
type scratch struct {
	a        *sitrep.Article
	doc      *text.Doc
	date     time.Time
	actorIDs map[string]*sitrep.Actor
	words    []string
	ids      []int32
	// mdSent (sentence index + 1) and mdVal cache the month-day date of a sentence.
	mdSent int
	mdVal  string
	// pubDate caches the formatted publication date.
	pubDate string
	// buffers reused from sentence to sentence
	flags               [3][]bool
	items, cands        []cand
	all, kept, combined []match
	present             []uint64
	unk, res            []cand
	evs                 []sitrep.Event
}

// boolBuf returns the k-th reusable bool buffer, cleared, of length n.
func (sc *scratch) boolBuf(k, n int) []bool {
	b := sc.flags[k]
	if cap(b) < n {
		b = make([]bool, n, n+32)
	}
	b = b[:n]
	clear(b)
	sc.flags[k] = b
	return b
}

func (c *Coder) newScratch(a *sitrep.Article, doc *text.Doc) *scratch {
	sc, _ := c.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	sc.a, sc.doc, sc.date = a, doc, c.opts.Date
	sc.mdSent, sc.mdVal, sc.pubDate = 0, "", ""
	if a.Published != nil {
		sc.date = *a.Published
	}
	sc.actorIDs = nil
	if c.opts.UseMentions && len(a.Actors) > 0 {
		sc.actorIDs = make(map[string]*sitrep.Actor, len(a.Actors))
		for i := range a.Actors {
			sc.actorIDs[a.Actors[i].ID] = &a.Actors[i]
		}
	}
	if cap(sc.words) < len(doc.Tokens) {
		sc.words = make([]string, len(doc.Tokens))
	}
	sc.words = sc.words[:len(doc.Tokens)]
	low := asciiLower(doc.Text)
	for i, t := range doc.Tokens {
		if t.Kind == text.Possessive {
			sc.words[i] = "'s"
			continue
		}
		w := low[t.Start:t.End]
		for k := 0; k < len(w); k++ {
			if w[k] >= 0x80 {
				w = lowerASCII(w) // non-ASCII letters and ’
				break
			}
		}
		sc.words[i] = w
	}
	for i, w := range sc.words {
		// "Vietnamese-led forces", "Gaza-based group": the actor is the first part
		if strings.HasSuffix(w, "-led") {
			sc.words[i] = w[:len(w)-4]
		} else if strings.HasSuffix(w, "-based") {
			sc.words[i] = w[:len(w)-6]
		}
	}
	if sc.ids == nil {
		sc.ids = make([]int32, 0, 64)
	}
	return sc
}

// release returns sc to the pool once its article is done, without references to the article.
func (c *Coder) release(sc *scratch) {
	const maxKeep = 1 << 14 // do not keep the buffers of a huge article alive
	if cap(sc.words) > maxKeep || cap(sc.evs) > maxKeep {
		return
	}
	clear(sc.words)
	clear(sc.items[:cap(sc.items)])
	clear(sc.cands[:cap(sc.cands)])
	clear(sc.unk[:cap(sc.unk)])
	clear(sc.res[:cap(sc.res)])
	clear(sc.all[:cap(sc.all)])
	clear(sc.kept[:cap(sc.kept)])
	clear(sc.combined[:cap(sc.combined)])
	sc.a, sc.doc, sc.actorIDs, sc.mdVal, sc.pubDate = nil, nil, nil, "", ""
	c.pool.Put(sc)
}

// asciiLower lower-cases the ASCII letters of s (other bytes are kept, so offsets hold).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			s = strings.ToLower(s)
			return strings.ReplaceAll(s, "’", "'")
		}
	}
	return s
}

// cand is an actor candidate in a sentence: token span [s, e) relative to the sentence.
type cand struct {
	s, e    int
	code    string
	actorID string
	agent   string // sector code from an agent noun ("GOV"), when merged
	isAgent bool   // a bare agent noun, not yet attached to a country
	unknown bool   // a capitalised name no dictionary knows (empty code)
	lone    bool   // an agent with no country next to it
	speaker bool   // followed by a speech verb ("…, Ukrainian officials said"): not a target
	weak    bool   // a lone agent given the sentence's country
	// agentBefore marks an agent attached from before ("officials in Israel"): it also applies
	// to the other members of the compound ("officials in Israel and Egypt").
	agentBefore bool
	prefix      bool
	group       int
	text        string
	// aside marks an actor inside an appositive or an "including …" parenthetical that closes
	// at asideEnd ("the administration, including Blinken, said"): not the clause's subject.
	aside    bool
	asideEnd int
	// attrib marks a demonym that modifies the noun after it ("the Iranian strike").
	attrib bool
	// ethnic marks an ethnic group coded by the state it lives in ("ethnic Albanians").
	ethnic bool
}

// match is a pattern match in a sentence: token span [s, e) relative to the sentence.
type match struct {
	rule     *Rule
	s, e     int
	verb     int  // position of the first verb element's token
	passive  bool // verb element matched a past participle
	code     string
	id       string
	combine  int
	trigEnd  int
	negInner bool
	headEnd  int // end of the head verb of a combined match, else 0
	firstEnd int // end of the match's first element
	// participle marks a trigger opening a participle clause ("…, warning that"): its mode
	// comes from its own words, not from the clause its subject belongs to
	participle bool
	w          int // specificity: matched words count double
	// lit marks the sentence positions matched by pattern words (not gaps), up to 64.
	lit uint64
}

// SentenceEvents codes one sentence of doc (exported for evaluation and tests).
func (c *Coder) SentenceEvents(a *sitrep.Article, doc *text.Doc, si int) []sitrep.Event {
	return c.sentence(c.newScratch(a, doc), si, nil)
}

func (c *Coder) sentence(sc *scratch, si int, out []sitrep.Event) []sitrep.Event {
	span := sc.doc.Sentences[si]
	t0, t1 := span.TokStart, span.TokEnd
	if t1-t0 > c.opts.MaxSentenceTokens {
		t1 = t0 + c.opts.MaxSentenceTokens
	}
	if t1 <= t0 {
		return out
	}
	words := sc.words[t0:t1]
	if headline(sc.doc, t0, t1) {
		return out // an all-capitals headline or kicker line, not a sentence
	}
	cands := c.candidates(sc, t0, t1, words)
	if len(cands) == 0 {
		return out
	}
	sc.ids = c.verbs.ids(words, sc.ids)
	matches := c.matches(sc, words, sc.ids, cands)
	if len(matches) == 0 {
		return out
	}

	for k, m := range matches {
		if m.code == "" {
			continue
		}
		limit := len(words)
		if k+1 < len(matches) {
			limit = matches[k+1].s
		}
		out = c.events(sc, si, t0, words, cands, m, limit, out)
	}
	return out
}

// candidates finds the actors of a sentence: actor-stage mentions first, then dictionary
// matches, then agents attached to countries, then compound groups.
func (c *Coder) candidates(sc *scratch, t0, t1 int, words []string) []cand {
	doc := sc.doc
	n := t1 - t0
	taken := sc.boolBuf(0, n)
	items := sc.items[:0]
	if sc.actorIDs != nil {
		s0, s1 := doc.Tokens[t0].Start, doc.Tokens[t1-1].End
		for _, m := range sc.a.Mentions {
			if m.Start < s0 || m.End > s1 || m.ActorID == "" {
				continue
			}
			act := sc.actorIDs[m.ActorID]
			if act == nil {
				continue
			}
			code := act.Code
			if code == "" {
				code = act.Country
			}
			if code == "" {
				continue
			}
			ts, te := doc.TokenAt(m.Start)-t0, doc.TokenAt(m.End)-t0
			if te <= ts || ts < 0 || te > n {
				continue
			}
			if len(code) > 3 {
				code = c.bareCountry(sc, words, ts, te, code)
			}
			free := true
			for k := ts; k < te; k++ {
				if taken[k] {
					free = false
				}
			}
			if !free {
				continue
			}
			for k := ts; k < te; k++ {
				taken[k] = true
			}
			items = append(items, cand{s: ts, e: te, code: code, actorID: m.ActorID, text: m.Text})
		}
	}
	for i := 0; i < n; {
		if taken[i] {
			i++
			continue
		}
		tk := doc.Tokens[t0+i]
		if tk.Kind != text.Word {
			i++
			continue
		}
		var la, lg int
		var ea, eg *ActorEntry
		if len(c.actors.root.stems) > 0 || c.firstWords.mayHave(words[i]) {
			la, ea, lg, eg = c.actors.matchBoth(words, i)
		}
		// A lower-case actor phrase of one word ("congress" is fine, "us" is not): require a
		// capital for single-word actor matches unless the dictionary entry is an agent.
		if la == 1 && !tk.Cap && !hasUpper(doc.Text[tk.Start:tk.End]) {
			la = 0
		}
		if la > 0 && ea.Agent {
			// actor dictionaries may hold agents (PETRARCH)
			if la >= lg {
				lg, eg = la, ea
			}
			la = 0
		}
		end := i
		for k := i; k < i+max(la, lg) && k < n; k++ {
			if taken[k] {
				break
			}
			end = k + 1
		}
		if la > 0 && i+la < n && notActorAfter[words[i+la]] {
			la = 0 // "US $50 million", "the Russian language": not an actor
		}
		switch {
		case la > 0 && la >= lg && end-i == la:
			items = append(items, cand{s: i, e: i + la, code: ea.CodeAt(sc.date), text: c.spanText(doc, t0+i, t0+i+la)})
			i += la
		case lg > 0 && end-i == lg && lg == 1 && c.adjectivalAgent(doc, t0, words, i):
			i++ // "military action", "an official visit": an adjective, not an actor
		case lg > 0 && end-i == lg:
			code := eg.CodeAt(sc.date)
			items = append(items, cand{s: i, e: i + lg, code: code, isAgent: true, prefix: eg.Prefix, text: c.spanText(doc, t0+i, t0+i+lg)})
			i += lg
		default:
			i++
		}
	}
	slices.SortFunc(items, func(x, y cand) int { return cmp.Compare(x.s, y.s) })
	sc.items = items
	// Attach agents to countries.
	out := sc.cands[:0]
	used := sc.boolBuf(1, len(items))
	for k := range items {
		if !items[k].isAgent {
			continue
		}
		ag := items[k]
		// Country before the agent: "Israeli officials", "Israel's defense minister".
		if k > 0 && !items[k-1].isAgent && !used[k-1] && c.modifierGap(words, items[k-1].e, ag.s) {
			p := &items[k-1]
			p.code = withAgent(p.code, ag.code, ag.prefix)
			p.agent = ag.code
			p.e = ag.e
			p.text = c.spanText(doc, t0+p.s, t0+p.e)
			used[k] = true
			continue
		}
		// Country after: "officials in Israel", "the government of Israel" (but "its ambassador
		// in Croatia" is the source's own envoy).
		owned := ag.s > 0 && (words[ag.s-1] == "its" || words[ag.s-1] == "their" || words[ag.s-1] == "his" || words[ag.s-1] == "her")
		if k+1 < len(items) && !items[k+1].isAgent && !owned {
			g := ag.e
			if g < n && (words[g] == "of" || words[g] == "in" || words[g] == "from") {
				g++
				if g < n && words[g] == "the" {
					g++
				}
				if g == items[k+1].s {
					p := &items[k+1]
					p.code = withAgent(p.code, ag.code, ag.prefix)
					p.agent = ag.code
					p.agentBefore = true
					p.s = ag.s
					p.text = c.spanText(doc, t0+p.s, t0+p.e)
					used[k] = true
					continue
				}
			}
		}
		items[k].lone = true // resolved below against the sentence's countries
	}
	for k := range items {
		if !used[k] && (!items[k].isAgent || items[k].lone) {
			out = append(out, items[k])
		}
	}
	if c.opts.UnknownActors {
		out = c.unknownActors(sc, doc, t0, words, out)
	}
	// Adjacent actors are one: "Bree Prime Minister Romendacil", "U.S. President Donald Trump".
	if len(out) > 1 {
		merged := out[:1]
		for _, cd := range out[1:] {
			p := &merged[len(merged)-1]
			if cd.s == p.e && cd.unknown && !p.unknown && !p.lone {
				// "Iraqi Kurds": a name right after a known actor qualifies it
				p.e = cd.e
				p.text = c.spanText(doc, t0+p.s, t0+p.e)
				continue
			}
			if cd.s == p.e && p.lone && p.isAgent && !cd.lone && !cd.unknown && cd.code != "" && p.e-p.s <= 4 {
				// "President Donald Trump", "Secretary of Defense Lloyd Austin": a title right
				// before a known name is that name's; the name's code wins
				start, sector, prefix := p.s, p.code, p.prefix
				*p = cd
				p.s = start
				if len(p.code) == 3 {
					p.code = withAgent(p.code, sector, prefix)
				}
				if p.agent == "" {
					p.agent = sector
				}
				p.text = c.spanText(doc, t0+p.s, t0+p.e)
				continue
			}
			if cd.s == p.e && !p.lone && !cd.lone && (p.agent != "" || cd.agent != "") {
				if len(cd.code) > len(p.code) {
					p.code, p.agent, p.actorID = cd.code, cd.agent, cd.actorID
				}
				p.e = cd.e
				p.text = c.spanText(doc, t0+p.s, t0+p.e)
				continue
			}
			merged = append(merged, cd)
		}
		out = merged
	}
	// A lone agent ("the rebels", "President Mugabe") takes the country of the nearest country
	// actor of the sentence, before it if any: domestic actors are mostly named that way.
	kept := out[:0]
	for k := range out {
		if !out[k].lone {
			kept = append(kept, out[k])
			continue
		}
		if sidesOfTwo(words, out[k]) {
			continue // "the two leaders", "both sides": several countries, not one
		}
		country := ""
		if country == "" && !c.opts.LoneAgents {
			country = c.opts.AgentPlaceholder
		}
		for j := k - 1; j >= 0 && country == ""; j-- {
			if !out[j].lone {
				country = countryOf(out[j].code)
			}
		}
		for j := k + 1; j < len(out) && country == ""; j++ {
			if !out[j].lone {
				country = countryOf(out[j].code)
			}
		}
		if country == "" && c.opts.AgentPlaceholder != "" {
			country = c.opts.AgentPlaceholder
		}
		if country == "" || !c.opts.LoneAgents && c.opts.AgentPlaceholder == "" {
			if c.opts.UnknownActors && out[k].e-out[k].s > 1 && hasUpper(out[k].text) {
				// a named office holder of no known country: an unknown actor
				cd := out[k]
				cd.code, cd.isAgent, cd.lone, cd.unknown = "", false, false, true
				kept = append(kept, cd)
			}
			continue
		}
		cd := out[k]
		cd.agent = cd.code
		cd.code = withAgent(country, cd.code, cd.prefix)
		cd.isAgent, cd.lone, cd.weak = false, false, true
		cd.text = c.spanText(doc, t0+cd.s, t0+cd.e)
		kept = append(kept, cd)
	}
	out = kept
	// "ethnic Albanians": an ethnic group is coded by the state it lives in, the nearest other
	// country of the sentence
	for k := range out {
		if out[k].s == 0 || words[out[k].s-1] != "ethnic" {
			continue
		}
		own := countryOf(out[k].code)
		for d := 1; d < len(out); d++ {
			for _, j := range []int{k + d, k - d} {
				if j < 0 || j >= len(out) || out[j].unknown {
					continue
				}
				if cc := countryOf(out[j].code); cc != "" && cc != own {
					out[k].code = cc + out[k].code[min(3, len(out[k].code)):]
					out[k].ethnic = true
					d = len(out)
					break
				}
			}
		}
	}
	// PETRARCH codes "A/B/C" name several actors at once ("The Shire"): a compound
	for k := 0; k < len(out); k++ {
		if !strings.Contains(out[k].code, "/") {
			continue
		}
		parts := strings.Split(out[k].code, "/")
		exp := make([]cand, 0, len(out)+len(parts))
		exp = append(exp, out[:k]...)
		for _, p := range parts {
			cd := out[k]
			cd.code = p
			exp = append(exp, cd)
		}
		exp = append(exp, out[k+1:]...)
		out = exp
		k += len(parts) - 1
	}
	sc.cands = out
	// Compound groups: "Hungarian and Romanian officials", "Mordor, Rohan and Bree".
	g := 0
	for k := range out {
		out[k].speaker = out[k].e < len(words) && speechVerbs[words[out[k].e]] ||
			attributed(words, out[k].s)
		if k > 0 && out[k-1].unknown == out[k].unknown && !out[k].speaker && !out[k-1].speaker && c.joined(words, out[k-1].e, out[k].s) && !newClause(words, out[k]) {
			out[k].group = out[k-1].group
			continue
		}
		g++
		out[k].group = g
	}
	for k := 1; k < len(out); k++ {
		if out[k].group == out[k-1].group && out[k].agent == "" && out[k-1].agent != "" && (out[k-1].agentBefore) && len(out[k].code) == 3 {
			out[k].code = withAgent(out[k].code, out[k-1].agent, false)
			out[k].agent = out[k-1].agent
			out[k].agentBefore = true
		}
	}
	for k := len(out) - 2; k >= 0; k-- {
		if out[k].group == out[k+1].group && out[k].agent == "" && out[k+1].agent != "" && out[k+1].e > out[k+1].s && len(out[k].code) == 3 {
			out[k].code = withAgent(out[k].code, out[k+1].agent, false)
			out[k].agent = out[k+1].agent
		}
	}
	for k := range out {
		out[k].attrib = attributiveDemonym(words, out[k], c.verbish)
	}
	markAsides(words, out, c.verbish)
	return out
}

// adjectivalAgent reports whether the one-word agent at i ("military", "official") is used as
// an adjective: no determiner or possessive before it, and a lower-case word after it that is
// neither a function word nor the start of another agent ("rather than military action").
func (c *Coder) adjectivalAgent(doc *text.Doc, t0 int, words []string, i int) bool {
	if !adjectivalAgents[words[i]] || i+1 >= len(words) {
		return false
	}
	if i > 0 {
		switch words[i-1] {
		case "the", "its", "their", "his", "her", "our", "'s":
			return false
		}
	}
	nx := doc.Tokens[t0+i+1]
	w := words[i+1]
	if nx.Kind != text.Word || nx.Cap || !isWordish(w) || functionWords[w] || objectPreps[w] || notNames[w] || speechVerbs[w] {
		return false
	}
	if _, _, lg, _ := c.actors.matchBoth(words, i+1); lg > 0 {
		return false // "military officials"
	}
	return true
}

// notActorAfter are words after which a country name or demonym is not an actor.
var notActorAfter = map[string]bool{"$": true, "dollar": true, "dollars": true, "language": true, "languages": true, "dialect": true, "alphabet": true, "cuisine": true, "literature": true, "music": true, "culture": true, "speakers": true, "speaking": true}

// headline reports whether tokens [t0, t1) are mostly words in capitals ("KURDS PLEA FOR US
// HELP"): such lines are headlines whose grammar the patterns do not fit.
func headline(doc *text.Doc, t0, t1 int) bool {
	words, upper := 0, 0
	for i := t0; i < t1; i++ {
		tk := doc.Tokens[i]
		if tk.Kind != text.Word || tk.End-tk.Start < 2 {
			continue
		}
		words++
		if !tk.Cap {
			continue
		}
		w := doc.Text[tk.Start:tk.End]
		lower := false
		for k := 1; k < len(w); k++ {
			if w[k] >= 'a' && w[k] <= 'z' {
				lower = true
				break
			}
		}
		if !lower {
			upper++
		}
	}
	return words >= 4 && upper*10 >= words*7
}

// notNames are capitalised words that do not make a name on their own.
var notNames = map[string]bool{"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "but": true, "and": true, "or": true, "this": true, "that": true, "these": true, "those": true, "his": true, "her": true, "its": true, "their": true, "after": true, "before": true, "when": true, "while": true, "as": true, "if": true, "for": true, "with": true, "by": true, "from": true, "to": true, "of": true, "also": true, "however": true, "meanwhile": true, "according": true, "there": true, "some": true, "many": true, "both": true, "all": true, "other": true, "one": true, "two": true, "three": true, "last": true, "next": true, "since": true, "during": true, "over": true, "under": true, "about": true, "up": true, "several": true, "what": true, "who": true, "why": true, "how": true, "where": true, "despite": true, "although": true, "recent": true, "earlier": true, "later": true, "today": true, "yesterday": true, "tomorrow": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// unknownActors adds capitalised names that no dictionary knows as candidates with an empty
// code; a lone agent right before one is kept with it ("President Levy Mwanawasa").
func (c *Coder) unknownActors(sc *scratch, doc *text.Doc, t0 int, words []string, out []cand) []cand {
	n := len(words)
	taken := sc.boolBuf(2, n)
	for _, cd := range out {
		for k := cd.s; k < cd.e && k < n; k++ {
			taken[k] = true
		}
	}
	add := sc.unk[:0]
	for i := 0; i < n; {
		tk := doc.Tokens[t0+i]
		if taken[i] || tk.Kind != text.Word || !tk.Cap || notNames[words[i]] || c.verbish[words[i]] {
			i++
			continue
		}
		j := i
		for j < n && !taken[j] && doc.Tokens[t0+j].Kind == text.Word && doc.Tokens[t0+j].Cap && !c.verbish[words[j]] && !(notNames[words[j]] && j > i) {
			j++
		}
		if j == i+1 && i == 0 {
			// a single capitalised word opening the sentence is too often not a name
			i = j
			continue
		}
		add = append(add, cand{s: i, e: j, unknown: true, text: c.spanText(doc, t0+i, t0+j)})
		i = j
	}
	sc.unk = add
	if len(add) == 0 {
		return out
	}
	// an unknown name just after a lone agent is that agent's name ("President Levy
	// Mwanawasa"): the agent keeps its role and takes the name's span
	// res is built in a second buffer (out lives in sc.cands); the two buffers then swap roles
	res := sc.res[:0]
	for _, u := range add {
		named := false
		for k := range out {
			if out[k].lone && out[k].e == u.s {
				out[k].e = u.e
				out[k].text = c.spanText(doc, t0+out[k].s, t0+u.e)
				named = true
			} else if out[k].lone && out[k].s == u.e {
				// "Shona rebels": the name qualifies the agent
				out[k].s = u.s
				out[k].text = c.spanText(doc, t0+u.s, t0+out[k].e)
				named = true
			}
		}
		if !named {
			res = append(res, u)
		}
	}
	res = append(res, out...)
	slices.SortFunc(res, func(x, y cand) int { return cmp.Compare(x.s, y.s) })
	sc.res = out[:0]
	return res
}

// countryOf returns the country part of an actor code, or "" for organisations.
func countryOf(code string) string {
	p := actorPrefix(code)
	if len(p) != 3 || nonCountry[p] {
		return ""
	}
	return p
}

// withAgent combines a country code with an agent's sector code.
func withAgent(code, agent string, prefix bool) string {
	if agent == "" || strings.HasSuffix(code, agent) || strings.HasPrefix(code, agent) {
		return code
	}
	if prefix {
		return agent + code
	}
	if len(code) > 3 && agent == "GOV" {
		return code
	}
	return code + agent
}

// modifierGap reports whether the tokens words[s:e] may stand between a country and its agent:
// a possessive and up to three modifiers that are not verbs or function words.
func (c *Coder) modifierGap(words []string, s, e int) bool {
	if e-s > 4 || e < s {
		return false
	}
	for k := s; k < e; k++ {
		w := words[k]
		if w == "'s" || w == "-" {
			continue
		}
		if w == "and" && k > s && words[k-1] != "'s" && k+1 < e {
			continue // "Ithilen's awful and evil minister": coordinated modifiers
		}
		if c.verbish[w] || !isWordish(w) {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func isWordish(w string) bool {
	if w == "" {
		return false
	}
	b := w[0]
	return b >= 'a' && b <= 'z' || b >= 0x80
}

// joined reports whether words[s:e] joins two actors into a compound ("and", ",", ", and the").
func (c *Coder) joined(words []string, s, e int) bool {
	if e <= s || e-s > 5 {
		return false
	}
	if e-s == 1 && (words[s] == "-" || words[s] == "–") {
		return true // "U.S.-Iran talks"
	}
	sawJoin := false
	for k := s; k < e; k++ {
		switch w := words[k]; w {
		case "and", "or", "nor", ",":
			sawJoin = true
		case "the":
		default:
			if !sawJoin || c.verbish[w] || !isWordish(w) {
				return false // only adjectives after the conjunction: "and the evil Gondor"
			}
		}
	}
	return sawJoin
}

func (c *Coder) spanText(doc *text.Doc, i, j int) string {
	if j <= i {
		return ""
	}
	return doc.Text[doc.Tokens[i].Start:doc.Tokens[j-1].End]
}

// matches finds the patterns of a sentence, keeps the most specific of overlapping ones and
// combines complement-taking verbs with their complement.
func (c *Coder) matches(sc *scratch, words []string, ids []int32, cands []cand) []match {
	inActor := sc.boolBuf(0, len(words))
	for _, cd := range cands {
		for k := cd.s; k < cd.e && k < len(words); k++ {
			inActor[k] = true
		}
	}
	all := sc.all[:0]
	// the words present in the sentence: a pattern whose last word is absent cannot match
	present := sc.present[:0]
	for range (len(c.verbs.vocab) + 63) / 64 {
		present = append(present, 0)
	}
	for _, id := range ids {
		if id >= 0 {
			present[id>>6] |= 1 << (uint(id) & 63)
		}
	}
	sc.present = present
	for i, id := range ids {
		if id < 0 || inActor[i] {
			continue
		}
		rules := c.verbs.first[id]
		for _, r := range rules {
			if n := len(r.elems); n > 1 && !r.elems[n-1].optional && !r.elems[n-1].firstIDs.intersects(present) {
				continue
			}
			if m, ok := matchRule(r, words, ids, i); ok {
				all = append(all, m)
			}
		}
	}
	sc.all = all
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(x, y match) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		if (x.code == "") != (y.code == "") {
			if x.code == "" {
				return -1 // a null pattern wins a tie: it marks a figurative use
			}
			return 1
		}
		return cmp.Compare(x.s, y.s)
	})
	covered := sc.boolBuf(2, len(words))
	kept := sc.kept[:0]
	for _, m := range all {
		free := true
		for k := m.s; k < m.e; k++ {
			if covered[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := m.s; k < m.e; k++ {
			covered[k] = true
		}
		kept = append(kept, m)
	}
	slices.SortFunc(kept, func(x, y match) int { return cmp.Compare(x.s, y.s) })
	sc.kept = kept
	// Combine: "threatened to strike", "offered to mediate", "demanded that X withdraw".
	out := sc.combined[:0]
	for k := 0; k < len(kept); k++ {
		m := kept[k]
		if m.combine != combineNone && k+1 < len(kept) {
			nx := kept[k+1]
			if nx.s-m.e <= 8 && nx.code != "" && !clauseBreak(words, m.e, nx.s) {
				m.headEnd = m.e
				m.negInner = hasNegation(words[m.e:nx.s])
				m.code = combineCode(m.combine, m.code, nx.code)
				m.id = m.id + "+" + nx.id
				m.trigEnd = nx.e
				m.e = nx.e
				m.lit |= nx.lit
				k++
			}
		}
		out = append(out, m)
	}
	sc.combined = out
	return out
}

// harmBefore finds a verb of harm (or of arrest or rescue) that a nominal trigger at s
// completes: "killed in a raid",
// "were wounded during the shelling". It returns the verb's position (-1 if none) and whether
// the verb is passive.
func harmBefore(words []string, s int) (int, bool) {
	k := s - 1
	for k >= 0 && s-k <= 4 && words[k] != "in" && words[k] != "during" && words[k] != "by" && words[k] != "of" {
		if w := words[k]; w == "," || w == "and" || w == "." {
			return -1, false
		}
		k--
	}
	if k < 1 || s-k > 4 {
		return -1, false
	}
	for h := k - 1; h >= 0 && h >= k-6; h-- {
		switch words[h] {
		case "killed", "wounded", "injured", "hurt", "died", "dead", "arrested", "detained", "captured", "seized", "rescued", "freed":
			if words[h] == "died" || words[h] == "dead" {
				return h, true // the dead are the victims
			}
			return h, beBefore(words, h)
		case ",", ";", "and", "but", "said", "says":
			return -1, false
		}
	}
	return -1, false
}

// militaryOnly reports whether every actor of cs is a military agent ("troops", "peacekeepers").
func militaryOnly(cs []cand) bool {
	for _, cd := range cs {
		if cd.agent != "MIL" {
			return false
		}
	}
	return true
}

// attributed reports whether the actor at s is the source of the report ("according to
// Syrian state media"), not a party to the event.
func attributed(words []string, s int) bool {
	for k := s - 1; k >= 1 && k >= s-4; k-- {
		if words[k] == "," {
			return false
		}
		if words[k] == "to" && words[k-1] == "according" {
			return true
		}
	}
	return false
}

// relativeClause finds a relative clause set off by commas just before position s
// ("Lebanon's prime minister, who met the French envoy on Monday, urged …"): it returns the
// positions of its opening and closing commas, or (-1, -1).
func relativeClause(words []string, s int) (int, int) {
	closing := -1
	for k := s - 1; k >= 0 && k >= s-3; k-- {
		if words[k] == "," {
			closing = k
			break
		}
	}
	if closing < 0 {
		return -1, -1
	}
	for k := closing - 1; k >= 0 && k >= closing-25; k-- {
		if words[k] == "," {
			if k+1 < closing {
				switch words[k+1] {
				case "who", "which", "whose", "whom":
					return k, closing
				case "the", "a", "an":
					// "Hamas, the group that runs Gaza, fired …": an appositive with a
					// relative clause of its own
					for q := k + 2; q < closing; q++ {
						if w := words[q]; w == "that" || w == "who" || w == "which" {
							return k, closing
						}
					}
				}
			}
			return -1, -1
		}
	}
	return -1, -1
}

// hasComma reports whether ws hold a comma.
func hasComma(ws []string) bool {
	for _, w := range ws {
		if w == "," {
			return true
		}
	}
	return false
}

// clauseBreak reports whether words[s:e] crosses a clause boundary.
func clauseBreak(words []string, s, e int) bool {
	for k := s; k < e && k < len(words); k++ {
		switch words[k] {
		case ";", ":", "but", "while", "although", "whereas":
			return true
		}
	}
	return false
}

func matchRule(r *Rule, words []string, ids []int32, i int) (match, bool) {
	m := match{rule: r, s: i, verb: -1, code: r.Code, id: r.ID, combine: r.combine}
	pos := i
	for k := range r.elems {
		e := &r.elems[k]
		found, n, vp, part := -1, 0, -1, false
		if k == 0 {
			n, vp, part = e.matchAt(ids, i)
			if n == 0 {
				return m, false
			}
			found = i
			m.firstEnd = i + n
		} else {
			gap := e.gap
			if gap == 0 && pos < len(words) && timeWord(words[pos]) {
				gap = 1 // "called Thursday on Arabs", "met today with"
			}
			for j := pos; j <= pos+gap && j < len(words); j++ {
				if n, vp, part = e.matchAt(ids, j); n > 0 {
					found = j
					break
				}
				if words[j] == "." || words[j] == ";" || words[j] == "," { // a gap does not cross a clause or list boundary
					break
				}
			}
			if found < 0 {
				if e.optional {
					continue
				}
				return m, false
			}
		}
		if vp >= 0 && m.verb < 0 {
			m.verb, m.passive = vp, part
		}
		m.w += 2*n + r.bonus
		for q := found; q < found+n && q < 64; q++ {
			m.lit |= 1 << uint(q)
		}
		pos = found + n
	}
	m.e = pos
	m.trigEnd = pos
	return m, true
}

// timeWord reports whether w is a day word that news style puts between a verb and its
// particle ("called Thursday on Arabs to unite").
func timeWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight":
		return true
	}
	return false
}

// combineCode returns the code of a complement-taking verb applied to its complement's code.
func combineCode(kind int, own, comp string) string {
	root := comp[:2]
	switch kind {
	case combineIntent:
		switch root {
		case "04":
			return "036"
		case "05":
			return "032"
		case "06":
			switch comp {
			case "061":
				return "0311"
			case "062":
				return "0312"
			case "063":
				return "0313"
			case "064":
				return "0314"
			}
			return "031"
		case "07":
			switch comp {
			case "071":
				return "0331"
			case "072":
				return "0332"
			case "073":
				return "0333"
			case "074":
				return "0334"
			}
			return "033"
		case "08":
			if strings.HasPrefix(comp, "084") {
				return "0353"
			}
			if strings.HasPrefix(comp, "087") {
				return "0356"
			}
			return "035"
		case "01", "02", "03":
			if root == "03" {
				return comp
			}
			return own
		case "15", "17", "18", "19", "20":
			return "138"
		case "16":
			return "131"
		case "14":
			return "133"
		}
		return comp
	case combineThreat:
		switch root {
		case "18", "19", "20", "15":
			return "138"
		case "17":
			return "137"
		case "16":
			switch {
			case strings.HasPrefix(comp, "162"):
				return "1311"
			case comp == "163":
				return "1312"
			case comp == "161":
				return "1313"
			case comp == "164":
				return "134"
			}
			return "131"
		case "14":
			return "133"
		}
		return own
	case combineReject:
		switch root {
		case "03", "04":
			return "125"
		case "06":
			return "121"
		case "07":
			return "122"
		case "08":
			if strings.HasPrefix(comp, "084") {
				return "1243"
			}
			return "124"
		}
		return own
	case combineDemand:
		switch root {
		case "03", "04":
			return "106"
		case "05":
			return "102"
		case "06":
			return "101"
		case "07":
			return "103"
		case "08":
			if strings.HasPrefix(comp, "084") {
				return "1053"
			}
			return "105"
		case "18", "19", "20", "17", "16", "15":
			return own
		}
		return own
	}
	return own
}

func hasNegation(ws []string) bool {
	for _, w := range ws {
		if w == "not" || w == "never" || strings.HasSuffix(w, "n't") || w == "no" {
			return true
		}
	}
	return false
}

// events turns one match into events: finds source and target, mode and date.
func (c *Coder) events(sc *scratch, si, t0 int, words []string, cands []cand, m match, limit int, out []sitrep.Event) []sitrep.Event {
	var srcs, tgts []cand
	noun := nominal(words, m)
	passive := false
	if m.passive && m.verb >= 0 && beBefore(words, m.verb) {
		passive = true
	}
	// a "by" phrase after the trigger: the agent of a passive verb or of a noun ("attack by X")
	byAgent := -1
	if passive || noun {
		for k := m.trigEnd; k < len(words) && k < m.trigEnd+3; k++ {
			if words[k] == "by" {
				// "by militants", "by a wave of Russian drones": up to five words, within the clause
				for ci, cd := range cands {
					if cd.s > k && cd.s <= k+5 && !clauseBreak(words, k+1, cd.s) && !hasComma(words[k+1:cd.s]) {
						byAgent = ci
						break
					}
				}
				break
			}
		}
	}
	harm, harmPassive := -1, false
	if noun {
		harm, harmPassive = harmBefore(words, m.s)
	}
	switch {
	case harm >= 0 && harmPassive && (byAgent >= 0 || possessor(words, cands, m.s) >= 0):
		// "three soldiers were killed in an attack by militants", "wounded in a Hezbollah
		// rocket attack": the victims are the target
		agent := byAgent
		if agent < 0 {
			agent = possessor(words, cands, m.s)
		}
		srcs = group(cands, agent)
		if ti := subjectBefore(words, cands, harm); ti >= 0 && cands[ti].code != cands[agent].code && cands[ti].e <= harm {
			tgts = group(cands, ti)
		} else if ti := firstAfter(words, cands, m.trigEnd, srcs, m.lit, m.code); ti >= 0 {
			tgts = group(cands, ti)
		}
	case harm >= 0 && harmPassive && m.code >= "18":
		// "three civilians were killed in a car bombing": the victims are the target and
		// the source is not stated (an empty source, not the victims)
		ti := subjectBefore(words, cands, harm)
		if ti < 0 || cands[ti].e > harm {
			return out
		}
		srcs = []cand{{s: -1}}
		tgts = group(cands, ti)
	case harm >= 0 && !harmPassive:
		// "the army killed five militants in a raid": the raid is the killer's, on the killed
		si := subjectBefore(words, cands, harm)
		if si < 0 {
			return out
		}
		srcs = group(cands, si)
		if ti := firstAfter(words, cands, harm+1, srcs, m.lit, m.code); ti >= 0 && cands[ti].e <= m.s {
			tgts = group(cands, ti)
		}
	case passive && byAgent < 0 && m.verb < m.e-1:
		// "were engaged in ethnic cleansing": a participle pattern that continues is not a
		// passive of the action.
		si := subjectBefore(words, cands, m.s)
		if si < 0 {
			return out
		}
		srcs = group(cands, si)
		if ti := firstAfter(words, cands, m.firstEnd, srcs, m.lit, m.code); ti >= 0 {
			tgts = group(cands, ti)
		}
	case passive:
		if byAgent < 0 {
			return out
		}
		srcs = group(cands, byAgent)
		if ti := subjectBefore(words, cands, m.s); ti >= 0 {
			tgts = group(cands, ti)
		}
	case byAgent >= 0:
		srcs = group(cands, byAgent)
		if ti := firstAfter(words, cands, cands[byAgent].e, srcs, m.lit, m.code); ti >= 0 {
			tgts = group(cands, ti)
		}
	case m.rule.Obliged:
		// "China must drop barriers": the subject is the target, the actor before it (the
		// speaker, "the Bush administration declared that ...") the source.
		ti, any := -1, -1
		for i := range cands {
			if cands[i].e > m.s {
				continue
			}
			any = i // the nearest actor before "must", even after a preposition
			if !cands[i].unknown && !(cands[i].s > 0 && locativePreps[words[cands[i].s-1]]) {
				ti = i // preferably a known actor that is not a place ("the rebels in Darfur")
			}
		}
		if ti < 0 {
			ti = any
		}
		if ti < 0 {
			return out
		}
		tgts = group(cands, ti)
		first := ti
		for first > 0 && cands[first-1].group == cands[ti].group {
			first--
		}
		if first == 0 {
			return out
		}
		srcs = group(cands, subjectBefore(words, cands[:first], cands[first].s))
	case noun:
		// a nominal trigger has an overt source only in a modifier or possessor ("Iran's
		// attack", "an Israeli raid", "its support"), a "from" phrase of force ("strikes from
		// Iran"), a "between" phrase or as the object of a light verb ("Egypt hosted talks");
		// its target only in a prepositional phrase right after it ("attack on Israel").
		// "during the attack" names neither.
		si := possessor(words, cands, m.s)
		if si < 0 {
			si = fromAgent(words, cands, m)
		}
		if si < 0 {
			si = causeAgent(words, cands, m.s)
		}
		between := betweenAfter(words, cands, m.trigEnd)
		if len(between) < 2 {
			between = nil
		}
		// a mediation between X and Y is the mediator's, the light verb's subject ("the emir
		// launched a mediation effort between …"); talks between X and Y are theirs
		mediation := strings.HasPrefix(m.code, "045")
		if si < 0 && (between == nil || mediation) {
			if lv := lightVerbBefore(words, m.s); lv >= 0 {
				si = subjectBefore(words, cands, lv)
			}
		}
		switch {
		case si >= 0:
			srcs = group(cands, si)
			if mediation && between != nil {
				tgts = between
			}
		case between != nil:
			srcs = between
		default:
			return out
		}
		if tgts == nil {
			if ti := nounTarget(words, cands, m, srcs); ti >= 0 && (!m.rule.Recip || cands[ti].s < limit) {
				tgts = group(cands, ti)
			}
		}
	default:
		si := subjectBefore(words, cands, m.s)
		if m.s > 1 && words[m.s-1] == "," && strings.HasSuffix(words[m.s], "ing") {
			// "…, urging Israel to …", "…, warning that …": a participle clause takes the
			// subject of the clause it hangs on
			if ci := clauseSubject(words, cands, m.s-1); ci >= 0 {
				si = ci
				m.participle = true
			}
		}
		if srcs == nil {
			if si < 0 {
				return out
			}
			srcs = group(cands, si)
		}
		from := m.firstEnd
		if noun {
			from = m.trigEnd
		}
		if m.headEnd > 0 {
			from = m.headEnd // "urged Israel to withdraw", "demanded that the US cancel"
		}
		if m.trigEnd > 0 && words[m.trigEnd-1] == "that" && strings.HasPrefix(m.code, "01") {
			// "denied that …": what follows is the content of the statement, not its target
		} else if ti := firstAfter(words, cands, from, srcs, m.lit, m.code); ti >= 0 && (!m.rule.Recip || cands[ti].s < limit) {
			tgts = group(cands, ti)
		}
	}
	if len(tgts) == 0 && len(srcs) == 1 && domesticRoots[m.code[:2]] {
		// a domestic action with no named target (a curfew, a strike, an arrest) is coded
		// against the source's own country, as event data sets do
		if cc := countryOf(srcs[0].code); cc != "" {
			tgts = []cand{{s: -1, code: cc}}
		}
	}
	mode := c.mode(sc, words, m, srcs, sc.doc.Tokens[t0+m.s].Start)
	code := m.code
	if code == "042" && len(srcs) > 0 && militaryOnly(srcs) {
		// "peacekeeping troops arrived in Bosnia" is a deployment, not a visit: peacekeeping
		// (074) or a troop movement (154)
		code = "154"
		for _, sd := range srcs {
			if strings.Contains(sd.text, "peacekeep") || strings.Contains(sd.text, "Peacekeep") {
				code = "074"
			}
		}
	}
	if c.opts.IntentRecode && mode == sitrep.ModePlanned && m.combine == combineNone && (code >= "04" && code < "09" || !noun && code >= "14") {
		// intent is its own CAMEO family: "will visit" is 036 (intent to meet), "will strike"
		// is 138 (threat of force); a planned nominal action ("planned retaliation") keeps
		// its own code.
		code = combineCode(combineIntent, code, code)
	}
	if c.opts.IntentRecode && mode == sitrep.ModeNegated && code >= "03" && code < "09" && m.combine == combineNone && !denial(words[max(0, m.s-8):m.s]) {
		// refusing cooperation is itself an event: "will not accept refugees" is a rejection
		code = combineCode(combineReject, "120", code)
		mode = sitrep.ModeAsserted
	}
	info, _ := c.codes.Lookup(code)
	span := sc.doc.Sentences[si]
	date, dsrc := c.date(sc, si, t0+m.s)
	ev := sitrep.Event{
		Start: span.Start, End: span.End,
		CAMEO: code, PLOVER: info.PLOVER, Mode: mode,
		Context:   cloneStrings(info.Context),
		Goldstein: info.Goldstein, QuadClass: info.QuadClass,
		Date: date, DateSource: dsrc,
		Trigger: c.spanText(sc.doc, t0+m.s, t0+m.trigEnd),
		Rule:    m.id,
	}
	mk := func(cd cand) sitrep.EventActor {
		if cd.s < 0 {
			return sitrep.EventActor{Code: cd.code} // implicit domestic target
		}
		return sitrep.EventActor{ActorID: cd.actorID, Code: cd.code, Text: cd.text,
			Start: sc.doc.Tokens[t0+cd.s].Start, End: sc.doc.Tokens[t0+cd.e-1].End}
	}

	if len(srcs) >= 2 && (len(tgts) == 0 && mutualCode(code) || m.rule.Recip) {
		// reciprocal: "Israel and Lebanon renewed negotiations"
		for _, s := range srcs {
			for _, t := range srcs {
				if s.s != t.s {
					e := ev
					e.Source, e.Target = mk(s), mk(t)
					out = append(out, e)
				}
			}
		}
		return out
	}
	for _, s := range srcs {
		if len(tgts) == 0 {
			e := ev
			e.Source = mk(s)
			out = append(out, e)
			continue
		}
		self := false
		for _, t := range tgts {
			if t.code == s.code && t.s >= 0 {
				continue
			}
			if t.s >= 0 && mediaContact(code, s.code, t.code) {
				// "officials who spoke to the cited media": talking to reporters is how the
				// story reached us, not a meeting between the actors
				continue
			}
			if t.s >= 0 && internationalCode(code) && selfAction(s, t) {
				// "Iran launched missiles and drones": a state does not strike its own
				// military; the target is not stated
				self = true
				continue
			}
			self = false
			e := ev
			e.Source, e.Target = mk(s), mk(t)
			out = append(out, e)
			if m.rule.CodeB != "" && m.combine == combineNone && t.s >= 0 {
				r := ev
				info, _ := c.codes.Lookup(m.rule.CodeB)
				r.CAMEO, r.PLOVER, r.Goldstein, r.QuadClass = m.rule.CodeB, info.PLOVER, info.Goldstein, info.QuadClass
				r.Context = cloneStrings(info.Context)
				r.Source, r.Target = mk(t), mk(s)
				out = append(out, r)
			}
			if m.rule.Recip {
				r := ev
				r.Source, r.Target = mk(t), mk(s)
				out = append(out, r)
			}
		}
		if self && len(tgts) == 1 {
			e := ev
			e.Source = mk(s)
			out = append(out, e)
		}
	}
	return out
}

// cloneStrings returns a copy of ss that callers may change (an empty, non-nil slice for none).
func cloneStrings(ss []string) []string {
	if len(ss) == 0 {
		return []string{}
	}
	return append(make([]string, 0, len(ss)), ss...)
}

// beBefore reports whether a form of "be" or "get" stands just before position v (adverbs may
// come between: "was reportedly attacked").
func beBefore(words []string, v int) bool {
	for k := v - 1; k >= 0 && k >= v-3; k-- {
		switch words[k] {
		case "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting":
			return true
		case "not", "also", "reportedly", "allegedly", "repeatedly", "again", "later", "never", "already", "just", "then", "first", "badly", "heavily":
			continue
		}
		if strings.HasSuffix(words[k], "ly") {
			continue
		}
		return false
	}
	return false
}

// possessor returns the candidate that owns a nominal trigger at s: "Iran's Oct 1 missile
// attack" (an actor before "'s"), or "its missile attack" (the nearest actor before the
// pronoun); -1 if none.
func possessor(words []string, cands []cand, s int) int {
	// an actor right before the noun modifies it: "Russian missile strikes", "an Israeli raid"
	for i := len(cands) - 1; i >= 0; i-- {
		cd := cands[i]
		if cd.e < s {
			break
		}
		if cd.e == s && !cd.unknown && !cd.speaker && !(cd.s > 0 && locativePreps[words[cd.s-1]]) {
			return i
		}
	}
	for k := s - 1; k >= 0 && k >= s-5; k-- {
		switch words[k] {
		case "'s", "'":
			for i := len(cands) - 1; i >= 0; i-- {
				if cands[i].e == k {
					return i
				}
			}
			return -1
		case "its", "their", "his", "her":
			return antecedent(words, cands, k)
		case "the", "a", "an", ",", "and", "of", "to", "on", "in", "by", "for", "with", "against":
			return -1
		}
		if w := words[k]; strings.HasSuffix(w, "ing") && !adjectiveLike(w) || functionWords[w] || objectPreps[w] {
			return -1 // "Iran's nuclear program dominating discussions": a verb between
		}
	}
	return -1
}

// ownedBySource reports whether a lone agent is the source's own means ("its troops", "4,000
// troops"), not a target.
func ownedBySource(words []string, cd cand, material bool) bool {
	if cd.s == 0 {
		return false
	}
	p := words[cd.s-1]
	switch p {
	case "its", "their", "his", "her", "our":
		return true
	}
	// "contribute 4,000 troops": a count of the source's own means; but "killed 23 people"
	// counts victims
	return material && p != "" && p[0] >= '0' && p[0] <= '9'
}

// isTriggerWord reports whether a lone agent is used as a modifier of a following noun
// ("military action", "official contact"): a single word followed by a lower-case word.
func isTriggerWord(words []string, cd cand) bool {
	if cd.e-cd.s != 1 || cd.e >= len(words) {
		return false
	}
	w := words[cd.e]
	return isWordish(w) && !objectPreps[w] && !notNames[w] && !functionWords[w]
}

// speechVerbs mark the speaker of an attribution.
var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "reported": true, "added": true, "announced": true, "stated": true, "claimed": true, "confirmed": true}

// targetPreps introduce the target of an action.
var targetPreps = map[string]bool{"with": true, "against": true, "to": true, "toward": true, "towards": true, "on": true, "upon": true}

// locativePreps introduce places.
var locativePreps = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "around": true, "through": true, "throughout": true, "from": true, "into": true, "toward": true, "towards": true, "southern": true, "northern": true, "eastern": true, "western": true, "central": true}

// functionWords are words that end a noun phrase.
var functionWords = map[string]bool{"and": true, "or": true, "of": true, "in": true, "from": true, "said": true, "says": true, "have": true, "has": true, "had": true, "were": true, "are": true, "is": true, "was": true, "will": true, "would": true, "that": true, "which": true, "who": true, "whom": true, "whose": true, "to": true, "be": true, "been": true, "could": true, "can": true, "may": true, "might": true, "should": true, "must": true, "did": true, "do": true, "does": true, "not": true}

// group returns the candidates in the compound group of cands[i].
// The members of a group are consecutive in cands; the result shares cands' memory.
func group(cands []cand, i int) []cand {
	g := cands[i].group
	a, b := i, i+1
	for a > 0 && cands[a-1].group == g {
		a--
	}
	for b < len(cands) && cands[b].group == g {
		b++
	}
	return cands[a:b:b]
}

var objectPreps = map[string]bool{"with": true, "to": true, "against": true, "on": true, "at": true, "into": true, "toward": true, "towards": true, "for": true, "by": true, "over": true, "about": true, "between": true, "upon": true, "near": true}

// subjectBefore returns the index of the source candidate for a trigger at s: the nearest
// candidate before it that is not the object of a preposition, or the nearest one.
func subjectBefore(words []string, cands []cand, s int) int {
	if pronounSubject(words, s) {
		return -1
	}
	if i := subjectBefore1(words, cands, s, false); i >= 0 {
		return i
	}
	return subjectBefore1(words, cands, s, true)
}

func subjectBefore1(words []string, cands []cand, s int, unknown bool) int {
	nearest := -1
	relS, relE := relativeClause(words, s)
	for i := len(cands) - 1; i >= 0; i-- {
		cd := cands[i]
		if cd.e > s || cd.unknown != unknown {
			continue
		}
		if cd.s > relS && cd.e <= relE {
			continue // inside ", who met the French envoy,": not the subject of what follows
		}
		if skippedAside(cd, s) || cd.attrib && cd.e < s && inObjectPhrase(words, cd) {
			// "The administration, including Austin, condemned …", "condemned the Iranian
			// strike and reaffirmed …": neither is the subject
			continue
		}
		if nearest < 0 {
			nearest = i
		}
		// the first member of its group decides what governs the group
		first := cd
		for j := i; j >= 0 && cands[j].group == cd.group; j-- {
			first = cands[j]
		}
		p := first.s - 1
		for p >= 0 && (words[p] == "the" || words[p] == "a" || words[p] == "an" || isModifierWord(words[p])) {
			p--
		}
		if p >= 0 && objectPreps[words[p]] {
			continue
		}
		if p >= 0 && (words[p] == "of" || words[p] == "in" || words[p] == "from") && !sentenceInitialPP(words, p) {
			continue
		}
		return i
	}
	return nearest
}

// sentenceInitialPP reports whether a preposition at p opens the sentence ("In Gaza, ...").
func sentenceInitialPP(words []string, p int) bool { return p == 0 }

func isModifierWord(w string) bool {
	switch w {
	case "senior", "top", "former", "new", "neighboring", "neighbouring", "rival", "visiting", "several", "two", "three", "both", "some", "many", "other", "its", "their", "his", "her":
		return true
	}
	return false
}

// firstAfter returns the first candidate after position e that is not a source (nor a lone
// agent word inside the trigger, such as "military" in "military action").
func firstAfter(words []string, cands []cand, e int, srcs []cand, lit uint64, code string) int {
	material := code < "09" // cooperation: counted nouns are the source's own means
	stop := clauseEnd(words, e, strings.HasPrefix(code, "13"))
	if i := firstAfter1(words, cands, e, stop, srcs, lit, material, false); i >= 0 {
		return i
	}
	return firstAfter1(words, cands, e, stop, srcs, lit, material, true)
}

// spanBits returns the bit mask of positions [s, e) (below 64).
func spanBits(s, e int) uint64 {
	var b uint64
	for q := s; q < e && q < 64; q++ {
		b |= 1 << uint(q)
	}
	return b
}

func firstAfter1(words []string, cands []cand, e, stop int, srcs []cand, lit uint64, material, unknown bool) int {
	place := -1
	for i, cd := range cands {
		if cd.s < e || cd.unknown != unknown || cd.speaker {
			continue
		}
		if cd.s >= stop || newClause(words, cd) {
			break // "will not accept refugees if war starts in Iraq": a later clause
		}
		if unknown && cd.s > 0 && (locativePreps[words[cd.s-1]] || cd.s-e > 2 && !targetPreps[words[cd.s-1]]) {
			continue // "in Khatmandu", "the city of Kirkuk": a place, not a participant
		}
		if cd.weak && (lit&spanBits(cd.s, cd.e) != 0 || cd.s < e+8 && isTriggerWord(words, cd) || ownedBySource(words, cd, material)) {
			continue
		}
		isSrc := false
		for _, s := range srcs {
			if s.s == cd.s || s.code == cd.code && cd.code != "" {
				isSrc = true
			}
		}
		if isSrc {
			continue
		}
		if cd.s > 0 && locativePreps[words[cd.s-1]] && !unknown {
			// "celebrated Eid at Osgiliath with Gondor": a place yields to a participant
			if place < 0 {
				place = i
			}
			continue
		}
		if place >= 0 && !(cd.s > 0 && targetPreps[words[cd.s-1]]) {
			return place
		}
		return i
	}
	return place
}

// subordinator reports whether w opens a clause whose actors are not the target of the verb
// before it.
func subordinator(w string) bool {
	switch w {
	case "if", "unless", "because", "although", "though", "whereas", "when", "whenever", ";", "but", "—", "–", "--":
		return true
	}
	return false
}

// clauseEnd returns the position of the first subordinator at or after e (len(words) if none).
// A threat's condition names its target ("threatened to stop talks if the United States goes
// ahead"), so with conditional set "if" and "unless" do not end the clause.
func clauseEnd(words []string, e int, conditional bool) int {
	for k := max(e, 0); k < len(words); k++ {
		if w := words[k]; subordinator(w) && !(conditional && (w == "if" || w == "unless")) {
			return k
		}
	}
	return len(words)
}

// betweenAfter returns the group after "between" or "among" following a nominal trigger (or
// ending it: "meeting between" is a pattern of its own).
func betweenAfter(words []string, cands []cand, e int) []cand {
	for k := max(e-1, 0); k < len(words) && k < e+3; k++ {
		if words[k] == "between" || words[k] == "among" {
			for i, cd := range cands {
				if cd.s > k && cd.s <= k+3 {
					return group(cands, i)
				}
			}
		}
	}
	return nil
}

var plannedWords = map[string]bool{"will": true, "should": true, "'ll": true, "would": true, "shall": true, "may": true, "might": true, "could": true, "planned": true, "planning": true, "plans": true, "plan": true, "intends": true, "intend": true, "intended": true, "expected": true, "upcoming": true, "looming": true, "anticipated": true, "proposed": true, "imminent": true, "prepared": true, "preparing": true, "ready": true, "willing": true, "about": true, "aims": true, "seeks": true, "wants": true, "hopes": true, "going": true, "possible": true, "potential": true, "future": true, "considering": true, "weighing": true, "mulling": true}

// domesticRoots are the CAMEO roots whose actions, when no target is named, are coded against
// the source's own country: yielding (lifting a curfew), protest, force posture and coercion
// (arrests, curfews, bans). Violence with no named target keeps an empty target: the victim is
// usually named elsewhere.
var domesticRoots = map[string]bool{"08": true, "14": true, "15": true, "17": true}

// nounModality are words that make a following nominal event planned or hypothetical.
var nounModality = map[string]string{"plans": sitrep.ModePlanned, "plan": sitrep.ModePlanned, "planning": sitrep.ModePlanned, "preparations": sitrep.ModePlanned, "options": sitrep.ModePlanned, "option": sitrep.ModePlanned, "possibility": sitrep.ModeHypothetical, "prospect": sitrep.ModeHypothetical, "prospects": sitrep.ModeHypothetical, "risk": sitrep.ModeHypothetical, "fear": sitrep.ModeHypothetical, "fears": sitrep.ModeHypothetical, "threat": sitrep.ModeHypothetical, "danger": sitrep.ModeHypothetical}

// denial reports whether ws hold a verb of denial: "denied that it supplied drones" negates the
// supply without making it a rejection.
func denial(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "denied", "denies", "deny", "denying":
			return true
		}
	}
	return false
}

// nominal reports whether m is a nominal trigger used as a noun. A noun pattern right after a
// modal auxiliary is a verb of the same form ("they would blockade Paris", "Iran could strike"):
// it then takes its subject as source and the verb's modality.
//
// Conversely a one-word verb pattern right after a determiner is a noun ("an attack by
// militants", "the raid"): it takes its source from a possessor or a "by" phrase.
func nominal(words []string, m match) bool {
	if m.s <= 0 || m.s > len(words) {
		return m.rule.Noun
	}
	prev := words[m.s-1]
	if m.rule.Noun {
		return !auxWords[prev]
	}
	if m.firstEnd == m.s+1 && m.trigEnd == m.s+1 {
		switch prev {
		case "a", "an", "the", "its", "their", "'s", "this", "another":
			return true
		}
		// "its solid support", "the Iranian strike": a determiner with adjectives; "U.S.
		// strikes was …": a noun subject
		if strings.HasSuffix(words[m.s], "ed") {
			return false
		}
		return afterDeterminer(words, m.s) || m.trigEnd < len(words) && copulas[words[m.trigEnd]]
	}
	return false
}

// auxWords are the modal auxiliaries: they make the noun they govern planned when the source
// is the subject ("Finland will give Tanzania a grant").
var auxWords = map[string]bool{"will": true, "'ll": true, "would": true, "shall": true, "may": true, "might": true, "could": true}

// subjectDeterminers may open a sentence before a nominal trigger that is its subject.
var subjectDeterminers = map[string]bool{"a": true, "an": true, "the": true, "another": true, "this": true, "that": true, "new": true, "next": true, "first": true, "direct": true, "possible": true}

// subjectNoun reports whether the nominal trigger at s opens its sentence (after determiners at
// most): it is then the subject of the sentence's verb.
func subjectNoun(words []string, s int) bool {
	if s > 3 {
		return false
	}
	for _, w := range words[:s] {
		if !subjectDeterminers[w] {
			return false
		}
	}
	return true
}

// futureVerbAfter reports whether the first verb group after position e, before a clause
// break, is future or expected: "will take place", "is expected", "is scheduled for Monday".
func futureVerbAfter(words []string, e int) bool {
	for k := e; k < len(words) && k < e+15; k++ {
		switch w := words[k]; w {
		case ",", ".", ";", ":", "—", "–":
			return false
		case "will", "'ll", "shall":
			return true
		case "is", "are":
			if k+1 < len(words) {
				switch words[k+1] {
				case "expected", "scheduled", "planned", "set", "due", "likely", "to":
					return true
				}
			}
			return false
		case "was", "were", "took", "has", "have", "had", "ended", "began", "lasted":
			return false
		}
	}
	return false
}

// mode derives the event's mode from the words around its trigger.
func (c *Coder) mode(sc *scratch, words []string, m match, srcs []cand, trigOff int) string {
	lo := m.s - 6
	srcEnd := -1
	for _, s := range srcs {
		if s.e <= m.s && s.e > srcEnd {
			srcEnd = s.e
		}
	}
	if srcEnd >= 0 {
		// the verb group runs from the subject to the trigger: "the UN will provide nearly
		// 25,000 tons of food aid"
		lo = max(srcEnd, m.s-10)
	}
	if m.participle {
		lo = m.s
	}
	if lo < 0 {
		lo = 0
	}
	noun := nominal(words, m)
	nounLo := m.s - 2 // a noun takes modality from its own modifiers ("planned retaliation")
	win := words[lo:m.s]
	neg, planned, hyp, reported := m.negInner, false, false, false
	if noun {
		// "plans for a military strike", "the prospect of talks": the noun is not yet real
		for k := max(0, m.s-6); k < m.s; k++ {
			switch nounModality[words[k]] {
			case sitrep.ModePlanned:
				planned = true
			case sitrep.ModeHypothetical:
				hyp = true
			}
		}
	}
	if noun && !planned && subjectNoun(words, m.s) {
		// "A call between Austin and Gallant will take place": a nominal subject takes the
		// modality of its own verb
		planned = futureVerbAfter(words, m.e)
	}
	for k, w := range win {
		if noun && lo+k < nounLo && plannedWords[w] && !(srcEnd >= 0 && auxWords[w]) {
			continue
		}
		switch {
		case w == "not" || w == "never" || strings.HasSuffix(w, "n't") || w == "cannot":
			neg = true
		case w == "no" && k == len(win)-1:
			neg = true
		case w == "failed" || w == "fails" || w == "refused" || w == "refuses" || w == "declined" || w == "denied" || w == "denies" || w == "denying":
			neg = true
		case plannedWords[w]:
			planned = true
		case w == "reportedly" || w == "allegedly" || w == "purportedly":
			reported = true
		}
	}
	for k := 0; k < m.s; k++ {
		w := words[k]
		if w == "if" || w == "unless" {
			hyp = true
		}
		if (w == "should" || w == "were" || w == "had") && (k == 0 || words[k-1] == "," || words[k-1] == "and") && k+1 < len(words) && words[k+1] != "be" {
			if k+1 < m.s {
				hyp = true
			}
		}
	}
	if !reported {
		reported = inQuote(sc.a, trigOff)
	}
	root := m.code[:2]
	switch {
	case neg:
		return sitrep.ModeNegated
	case hyp:
		return sitrep.ModeHypothetical
	case root == "13" || m.combine == combineThreat:
		return sitrep.ModeThreatened
	case planned || m.combine == combineIntent:
		return sitrep.ModePlanned
	case reported:
		return sitrep.ModeReported
	}
	return sitrep.ModeAsserted
}

// inQuote reports whether byte offset off lies inside the content of a quote of a (direct or
// indirect): the event is then reported by the quote's speaker.
func inQuote(a *sitrep.Article, off int) bool {
	for _, q := range a.Quotes {
		if q.Start <= off && off < q.End {
			return true
		}
	}
	return false
}

func (c *Coder) date(sc *scratch, si, tok int) (string, string) {
	span := sc.doc.Sentences[si]
	best, bestD := "", -1
	off := sc.doc.Tokens[tok].Start
	for _, tx := range sc.a.Timexes {
		if tx.Start < span.Start || tx.End > span.End || tx.Type != sitrep.TimexDate || !isDateValue(tx.Value) {
			continue
		}
		if attributive(sc.doc, span, tx.Start, tx.End, tok) {
			continue
		}
		d := tx.Start - off
		if d < 0 {
			d = -d
		}
		if bestD < 0 || d < bestD {
			best, bestD = tx.Value, d
		}
	}
	if best != "" {
		return best, "text"
	}
	if len(sc.a.Timexes) == 0 {
		if sc.mdSent != si+1 {
			sc.mdSent, sc.mdVal = si+1, monthDay(sc.doc, sc.words, span, sc.date)
		}
		if sc.mdVal != "" {
			return sc.mdVal, "text"
		}
	}
	if sc.a.Published != nil {
		if sc.pubDate == "" {
			sc.pubDate = sc.a.Published.Format("2006-01-02") // once per article
		}
		return sc.pubDate, "published"
	}
	return "", ""
}

// attributive reports whether the date at [start, end) modifies a noun rather than dating the
// clause: "the 2015 nuclear deal", "last year's election", "a 2018 report". Such a date names
// which thing is meant, not when the sentence's action happened, so it must not date an event.
// The test is shallow: the date is followed by a possessive, or it is preceded by a determiner
// and followed by a lower-case word. When the event's trigger (token index trigger) is the noun
// the date modifies ("Saturday's attack" coding the attack), the date is the event's own.
func attributive(doc *text.Doc, span text.Span, start, end, trigger int) bool {
	first, last := -1, -1
	for i := span.TokStart; i < span.TokEnd; i++ {
		t := doc.Tokens[i]
		if t.End <= start {
			continue
		}
		if t.Start >= end {
			break
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 || last+1 >= span.TokEnd || (trigger > last && trigger <= last+3) {
		return false
	}
	next := doc.Tokens[last+1]
	if next.Kind == text.Possessive {
		return true
	}
	if next.Kind != text.Word || next.Cap || first == span.TokStart {
		return false
	}
	switch strings.ToLower(doc.Tok(first - 1)) {
	case "the", "a", "an", "its", "their", "his", "her", "our", "this", "that":
	default:
		return false
	}
	// "the 2015 deal" but not "the 1st of May" style continuations that are still the date
	switch doc.Tok(last + 1) {
	case "of", "and", "or", "to", "at", "in", "on":
		return false
	}
	return true
}

func isDateValue(v string) bool {
	if len(v) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return len(v) == 4 || v[4] == '-'
}

var months = map[string]time.Month{"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}

// monthDay finds a "Month D" date in the sentence when no time stage ran, resolving the year
// against the publication date (the most recent such date not after publication).
func monthDay(doc *text.Doc, words []string, span text.Span, pub time.Time) string {
	if pub.IsZero() {
		return ""
	}
	for i := span.TokStart; i+1 < span.TokEnd; i++ {
		if !doc.Tokens[i].Cap {
			continue
		}
		w := strings.TrimSuffix(words[i], ".")
		mo, ok := months[w]
		if !ok || w == "may" || !doc.Tokens[i].Cap {
			continue
		}
		if doc.Tokens[i+1].Kind != text.Number {
			continue
		}
		var day int
		if _, err := fmt.Sscanf(doc.Tok(i+1), "%d", &day); err != nil || day < 1 || day > 31 {
			continue
		}
		y := pub.Year()
		if i+3 < span.TokEnd && doc.Tok(i+2) == "," && doc.Tokens[i+3].Kind == text.Number {
			var yy int
			if _, err := fmt.Sscanf(doc.Tok(i+3), "%d", &yy); err == nil && yy > 1900 && yy < 2200 {
				y = yy
			}
		} else if time.Date(y, mo, day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 1)) {
			y--
		}
		return time.Date(y, mo, day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	return ""
}
