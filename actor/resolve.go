package actor

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// kindRank orders hit kinds: full names first, surnames last.
var kindRank = [...]int{kindName: 0, kindAlias: 0, kindMetonym: 1, kindCapital: 2, kindDemonym: 2, kindSurname: 3}

// addTitleItems turns titles not attached to any name into mentions when they can name a
// person: "the former president", "Israel's defense minister", "the press secretary".
func (r *run) addTitleItems() {
	var extra []*item
	for k := range r.titles {
		ts := &r.titles[k]
		if ts.used || !resolvableTitles[r.kb.tlist[ts.title].Name] {
			continue
		}
		// a capitalised title glued to a following capitalised word is part of a name we missed
		it := &item{kind: itTitle, s: ts.s, e: ts.e, title: ts.title}
		it.roleS = r.modifierBefore(it, ts.s)
		it.roleE = ts.e
		p := ts.e
		if p < r.n && r.low(p) == "of" {
			if m, ok := r.nameAt.get(p + 1); ok && r.items[m].kind == itKB && r.setMod(it, r.items[m]) {
				it.roleE = r.items[m].e
			} else {
				continue
			}
		}
		det := it.roleS > 0 && r.low(it.roleS-1) == "the"
		if it.roleS < ts.s && r.low(it.roleS) == "the" {
			det = true
		}
		if !det && it.modCountry == "" && it.modCode == "" {
			continue
		}
		if det && it.roleS > 0 && r.low(it.roleS-1) == "the" {
			it.roleS--
		}
		it.s = it.roleS
		it.e = it.roleE
		extra = append(extra, it)
	}
	if len(extra) == 0 {
		return
	}
	r.items = append(r.items, extra...)
	sort.SliceStable(r.items, func(i, j int) bool { return r.items[i].s < r.items[j].s })
}

// resolve assigns every item an actor.
func (r *run) resolve() {
	r.addTitleItems()
	persons := r.sc.persons[:0] // person actor ids in order of mention
	lastPerson := ""
	if r.sc.countries == nil {
		r.sc.countries = map[string]int{}
	}
	countries := r.sc.countries // emptied by scratch.reset
	defer func() { r.sc.persons = persons }()
	for _, it := range r.items {
		switch it.kind {
		case itKB:
			r.resolveKB(it, persons)
		case itUnknown:
			r.resolveUnknown(it)
		case itTitle:
			r.resolveTitle(it, persons, countries)
		case itPronoun:
			if lastPerson == "" {
				it.skip = true
				continue
			}
			it.actor, it.typ, it.resolution = lastPerson, sitrep.MentionPerson, "pronoun"
		}
		if it.skip || it.actor == "" {
			it.skip = true
			continue
		}
		if it.typ == sitrep.MentionPerson {
			persons = append(persons, it.actor)
			if !r.inQuote[it.s] {
				lastPerson = it.actor
			}
		}
		if a := r.actors[it.actor]; a != nil && a.Country != "" {
			countries[a.Country]++
		}
	}
}

// newActor returns a pointer to a copy of a kept in the run's scratch slab: output copies the
// actors out, so the slab is reused by the next article.
func (r *run) newActor(a sitrep.Actor) *sitrep.Actor {
	sl := r.sc.actorSlab
	if len(sl) == cap(sl) {
		// a new block: the pointers into the old one stay valid
		sl = make([]sitrep.Actor, 0, max(16, 2*cap(sl)))
	}
	sl = append(sl, a)
	r.sc.actorSlab = sl
	return &sl[len(sl)-1]
}

// rolesAt is rolesAt(rs, r.at) with the roles of the article's actors taken from shared blocks
// (one allocation for many actors). Each actor's slice is capped, so that an append by a
// caller copies it rather than overwriting the next actor's roles; the blocks belong to the
// article's output and are never reused.
func (r *run) rolesAt(rs []sitrep.Role) []sitrep.Role {
	if len(rs) == 0 {
		return []sitrep.Role{}
	}
	if cap(r.roleSlab)-len(r.roleSlab) < len(rs) {
		r.roleSlab = make([]sitrep.Role, 0, max(8, len(rs)))
	}
	s := len(r.roleSlab)
	for _, ro := range rs {
		ro.Current = heldAt(ro, r.at)
		r.roleSlab = append(r.roleSlab, ro)
	}
	return r.roleSlab[s:len(r.roleSlab):len(r.roleSlab)]
}

func (r *run) alreadyIn(id string) bool { _, ok := r.actors[id]; return ok }

// pick chooses one hit of a KB item.
func (r *run) pick(it *item) (hit, *Entry) {
	best := -1
	bestScore := 1 << 30
	for k, h := range it.hits {
		e := r.kb.entries[h.entry]
		score := kindRank[h.kind] * 100
		if r.alreadyIn(e.ID) {
			score -= 50
		}
		if e.Type == sitrep.ActorPerson {
			held := false
			for _, ro := range e.Roles {
				if heldAt(ro, r.at) {
					held = true
					if it.title >= 0 && r.kb.titleOf(ro.Title) == it.title {
						score -= 30
					}
				}
			}
			if held {
				score -= 20
			}
			if it.modCountry != "" && e.Country == it.modCountry {
				score -= 10
			}
		}
		if e.Source != "sitrep" {
			score += 5
		}
		if score < bestScore {
			best, bestScore = k, score
		}
	}
	h := it.hits[best]
	return h, r.kb.entries[h.entry]
}

func (r *run) resolveKB(it *item, persons []string) {
	h, e := r.pick(it)
	it.resolution = kindNames[h.kind]
	switch h.kind {
	case kindSurname:
		// imported dictionaries hold thousands of people: their bare surnames count only once
		// the full name has been seen in the article
		if e.Source != "sitrep" && !r.alreadyIn(e.ID) {
			it.skip = true
			return
		}
		// a bare surname: only people; skip when the surname is a common capitalised word at the
		// start of a sentence and no one of that name has been mentioned
		if !r.alreadyIn(e.ID) && r.sentenceStart(it.s) && !r.nameFollows(it) {
			held := false
			for _, ro := range e.Roles {
				held = held || heldAt(ro, r.at)
			}
			if !held {
				it.skip = true
				return
			}
		}
	case kindDemonym:
		// a bare demonym is an adjective ("the Iranian strike", "Israeli officials", "Iranian
		// troops"): it names the country and keeps the country's own code, whatever noun
		// follows. The sector belongs to the noun phrase, which the event stage reads; the KB's
		// own multi-word names ("Iranian military", "Israeli government") still carry theirs.
		r.useEntryE(it, e)
		it.typ = sitrep.MentionCountry
		return
	case kindCapital:
		if r.locativeContext(it) {
			id := slugID("place:", r.text(it.s, it.e))
			if !r.alreadyIn(id) {
				r.actors[id] = r.newActor(sitrep.Actor{ID: id, Name: r.text(it.s, it.e), Type: sitrep.ActorPlace, Country: e.ID, Code: e.ID, Roles: []sitrep.Role{}})
				r.order = append(r.order, id)
			}
			it.actor, it.typ, it.resolution = id, sitrep.MentionPlace, "capital"
			return
		}
		it.resolution = "metonym"
		r.useEntry(it, e.ID+"GOV")
		return
	}
	r.useEntryE(it, e)
}

// useEntry makes the KB entry id the item's actor.
func (r *run) useEntry(it *item, id string) {
	e := r.kb.Entry(id)
	if e == nil {
		it.skip = true
		return
	}
	r.useEntryE(it, e)
}

// useEntryE makes the KB entry e the item's actor (useEntry without the lookup by id).
func (r *run) useEntryE(it *item, e *Entry) {
	id := e.ID
	if !r.alreadyIn(id) {
		r.actors[id] = r.newActor(sitrep.Actor{ID: e.ID, Name: e.Name, Type: e.Type, Country: e.Country,
			Code: r.kb.codeAt(e, r.at), Roles: r.rolesAt(e.Roles)})
		r.order = append(r.order, id)
	}
	it.actor = id
	it.typ = mentionType(e.Type)
}

func mentionType(actorType string) string {
	switch actorType {
	case sitrep.ActorPerson:
		return sitrep.MentionPerson
	case sitrep.ActorCountry:
		return sitrep.MentionCountry
	case sitrep.ActorPlace:
		return sitrep.MentionPlace
	case sitrep.ActorMedia:
		return sitrep.MentionMedia
	case sitrep.ActorGroup:
		return sitrep.MentionGroup
	}
	return sitrep.MentionOrg
}

func (r *run) text(s, e int) string {
	return r.doc.Text[r.doc.Tokens[s].Start:r.doc.Tokens[e-1].End]
}

func (r *run) sentenceStart(i int) bool {
	return i == 0 || r.doc.Tokens[i-1].Sent != r.doc.Tokens[i].Sent || r.doc.Tokens[i-1].Kind == text.Quote
}

func (r *run) nameFollows(it *item) bool {
	return it.e < r.n && speechVerbs[r.low(it.e)]
}

// locativeContext reports whether a capital is used as a place ("in Tehran", "trip to
// Washington", a dateline, "the Paris Air Show") rather than for its government ("Tehran said",
// "Washington's goal", "talks with Tehran", "from Washington they intend"): the government
// reading needs a possessive, a following verb of saying or acting, a relation noun + "with",
// or "from" + a subject pronoun.
func (r *run) locativeContext(it *item) bool {
	prev := ""
	if it.s > 0 && r.sameSent(it.s-1, it.s) {
		prev = r.low(it.s - 1)
	}
	if locatives[prev] && prev != "from" {
		return true // "the ministry in Doha said": the ministry speaks, Doha is where
	}
	if prev == "to" && it.s > 1 && motionWords[r.low(it.s-2)] {
		return true
	}
	if objectVerbs[prev] {
		return false
	}
	if it.e < r.n {
		if pl := r.possLen(it.e); pl > 0 {
			// "London's FTSE 100", "Tokyo's stock exchange": the city's market, a place
			if k := it.e + pl; k < r.n && (nonActors[r.low(k)] || indexNouns[r.low(k)] || marketNouns[r.low(k)]) {
				return true
			}
			return false
		}
		if r.sameSent(it.s, it.e) {
			next := r.low(it.e)
			if govVerbs[next] {
				return false
			}
			// a capital opening a clause and followed by a lower-case word is its subject:
			// "said Washington bore responsibility", "Moscow rejects ..."
			nt := r.doc.Tokens[it.e]
			if clauseOpeners[prev] && nt.Kind == text.Word && !nt.Cap && !stopwords[next] && !locatives[next] {
				return false
			}
		}
	}
	if prev == "from" && it.e < r.n {
		switch r.low(it.e) {
		case "they", "it", "officials", "the":
			return false
		}
	}
	if (prev == "with" || prev == "and" || prev == "between") && it.s > 1 && relationNouns[r.low(it.s-2)] {
		return false
	}
	if (prev == "with" || prev == "and") && it.s > 2 && relationNouns[r.low(it.s-3)] {
		return false
	}
	return true
}

func (r *run) resolveUnknown(it *item) {
	if r.credit(it.s, it.e) {
		it.skip = true
		return
	}
	typ, country := r.guess(it)
	name := r.text(it.s, it.e)
	id := ""
	if typ == sitrep.ActorPerson {
		if it.e-it.s == 1 {
			id = r.unknownP[r.low(it.s)]
		}
		if id == "" {
			id = slugID("x:", name)
		}
		r.unknownP[r.low(it.e-1)] = id
	} else {
		id = slugID("x:", name)
	}
	if id == "x:" {
		it.skip = true
		return
	}
	a := r.actors[id]
	if a == nil {
		a = r.newActor(sitrep.Actor{ID: id, Name: name, Type: typ, Country: country, Code: country, Roles: []sitrep.Role{}})
		r.actors[id] = a
		r.order = append(r.order, id)
	}
	if rt := r.roleText(it); rt != "" && typ == sitrep.ActorPerson {
		c := country
		if c == "" {
			c = it.modCountry
		}
		a.Roles = append(a.Roles, sitrep.Role{Title: rt, Country: c, Code: it.modCode, Current: !it.former})
	}
	if a.Country == "" && country != "" {
		a.Country, a.Code = country, country
	}
	it.actor, it.typ, it.resolution = id, mentionType(typ), "unknown"
}

// titleEndsAt reports whether a title phrase ("prime minister") ends right before token e.
func (r *run) titleEndsAt(e int) bool {
	_, ok := r.titleAt.get(e)
	return ok
}

// guess types an unknown capitalised name from its context and returns the country stated
// around it ("Israeli official X").
func (r *run) guess(it *item) (string, string) {
	country := it.modCountry
	for p := it.s - 1; p >= 0 && p >= it.s-3 && country == ""; p-- {
		if k, ok := r.nameEnd.get(p + 1); ok && r.items[k].kind == itKB && r.items[k] != it {
			for _, h := range r.items[k].hits {
				if h.kind == kindDemonym {
					country = r.kb.entries[h.entry].ID
				}
			}
		}
	}
	first, last := r.low(it.s), r.low(it.e-1)
	n := it.e - it.s
	prev, next := "", ""
	if it.s > 0 {
		prev = r.low(it.s - 1)
	}
	if it.e < r.n {
		next = r.low(it.e)
	}
	switch {
	case n == 1 && (strings.HasSuffix(first, "-based") || strings.HasSuffix(first, "-born")):
		return sitrep.ActorPlace, country // "Craiova-based"
	case n == 2 && firstNames[first] && !orgSuffixes[last]:
		return sitrep.ActorPerson, country
	case mediaSuffixes[last]:
		return sitrep.ActorMedia, country
	case orgSuffixes[last] || orgSuffixes[first]:
		return sitrep.ActorOrg, country
	case placeWords[last], n == 3 && placeAbbrevs[first] && r.tok(it.s+1) == ".":
		return sitrep.ActorPlace, country // "Changi Airport", "St. Louis"
	case placeAfter[next] && it.e < r.n && !r.doc.Tokens[it.e].Cap:
		return sitrep.ActorPlace, country // "Heathrow airport"
	case it.title >= 0:
		return sitrep.ActorPerson, country
	case prev == "," && r.titleEndsAt(it.s-1):
		return sitrep.ActorPerson, country // "Japan's prime minister, Taro Aso"
	case honorifics[prev] && it.s > 0 && r.doc.Tokens[it.s-1].Cap:
		return sitrep.ActorPerson, country
	case personNouns[prev]:
		return sitrep.ActorPerson, country
	}
	if n == 1 {
		if _, ok := r.unknownP[first]; ok {
			return sitrep.ActorPerson, country
		}
	}
	if (prev == "in" || prev == "near" || prev == "across" || prev == "throughout") && !firstNames[first] &&
		!(n == 1 && allUpper(r.tok(it.s)) && len(first) <= 5) { // "in RAF livery": an acronym is an organisation
		if it.s < 2 || !investWords[r.low(it.s-2)] {
			return sitrep.ActorPlace, country
		}
	}
	if next == "," && it.e+1 < r.n {
		if k, ok := r.nameAt.get(it.e + 1); ok && r.items[k].kind == itKB {
			for _, h := range r.items[k].hits {
				if t := r.kb.entries[h.entry].Type; t == sitrep.ActorCountry || t == sitrep.ActorPlace {
					return sitrep.ActorPlace, country
				}
			}
		}
	}
	if n >= 2 && firstNames[first] {
		return sitrep.ActorPerson, country
	}
	if n >= 2 && r.doc.Tokens[it.e-1].Kind == text.Word {
		// "Larry Brown", "Jamaal Charles": a capitalised word before a known surname
		if e, hs := r.matchName(it.e - 1); e == it.e && surnamesOnly(hs) {
			return sitrep.ActorPerson, country
		}
	}
	if n >= 2 && (speechVerbs[next] || next == "who" || (next == "," && it.e+1 < r.n && r.low(it.e+1) == "who")) {
		return sitrep.ActorPerson, country
	}
	if n >= 2 && next == "," && it.e+2 < r.n && r.tok(it.e+2) == "," && isAge(r.tok(it.e+1)) {
		return sitrep.ActorPerson, country // "Zurana Horton, 34, was killed"
	}
	return sitrep.ActorOrg, country
}

// resolveTitle resolves a title without a name to the person holding (or who held) it.
func (r *run) resolveTitle(it *item, persons []string, countries map[string]int) {
	match := func(e *Entry) bool {
		cur, past := false, false
		for _, ro := range e.Roles {
			if r.kb.titleOf(ro.Title) != it.title {
				continue
			}
			if it.modCountry != "" && ro.Country != it.modCountry && e.Country != it.modCountry {
				continue
			}
			if it.modCode != "" && ro.Code != it.modCode && !strings.HasPrefix(ro.Code, it.modCode) {
				continue
			}
			if heldAt(ro, r.at) {
				cur = true
			} else if !ro.End.IsZero() && (r.at.IsZero() || !r.at.Before(ro.End)) {
				past = true
			}
		}
		if it.former {
			return past && !cur
		}
		return cur
	}
	// people already named in the article, most recent first
	for k := len(persons) - 1; k >= 0; k-- {
		if e := r.kb.Entry(persons[k]); e != nil && match(e) {
			r.useEntryE(it, e)
			r.setTitleRes(it)
			return
		}
	}
	// people named later in the article ("The former vice president … Joe Biden spoke")
	for _, o := range r.items {
		if o.kind != itKB || o.s <= it.s {
			continue
		}
		for _, h := range o.hits {
			if h.kind != kindName && h.kind != kindAlias {
				continue
			}
			if e := r.kb.entries[h.entry]; e.Type == sitrep.ActorPerson && match(e) {
				r.useEntryE(it, e)
				r.setTitleRes(it)
				return
			}
		}
	}
	if it.modCountry == "" && it.modCode == "" {
		best, bc := "USA", 0
		for c, k := range countries {
			if k > bc || (k == bc && c < best) {
				best, bc = c, k
			}
		}
		it.modCountry = best
	}
	var cands []*Entry
	for _, idx := range r.kb.holders[it.title] {
		if e := r.kb.entries[idx]; match(e) {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		it.skip = true
		return
	}
	// most recent holder first
	sort.SliceStable(cands, func(i, j int) bool { return lastStart(cands[i]).After(lastStart(cands[j])) })
	r.useEntry(it, cands[0].ID)
	r.setTitleRes(it)
}

func (r *run) setTitleRes(it *item) {
	it.resolution = "title"
	if r.latest {
		it.resolution = "title-latest"
	}
}

func lastStart(e *Entry) time.Time {
	var t time.Time
	for _, ro := range e.Roles {
		if ro.Start.After(t) {
			t = ro.Start
		}
	}
	return t
}

// output builds the article's mentions and actors.
func (r *run) output() ([]sitrep.Mention, []sitrep.Actor) {
	kept := 0
	for _, it := range r.items {
		if !it.skip && it.actor != "" {
			kept++
		}
	}
	ms := make([]sitrep.Mention, 0, kept)
	for _, it := range r.items {
		if it.skip || it.actor == "" {
			continue
		}
		m := sitrep.Mention{
			Text: r.text(it.s, it.e), Start: r.doc.Tokens[it.s].Start, End: r.doc.Tokens[it.e-1].End,
			Type: it.typ, ActorID: it.actor, Resolution: it.resolution,
		}
		if it.be > it.bs {
			m.Start, m.End, m.Text = it.bs, it.be, r.doc.Text[it.bs:it.be]
		}
		if it.kind == itTitle {
			m.Role = r.text(it.s, it.e)
			if r.low(it.s) == "the" && it.e-it.s > 1 {
				m.Role = r.text(it.s+1, it.e)
			}
		} else if it.typ == sitrep.MentionPerson {
			m.Role = r.roleText(it)
		}
		ms = append(ms, m)
	}
	as := make([]sitrep.Actor, 0, len(r.order))
	for _, id := range r.order {
		as = append(as, *r.actors[id])
	}
	return ms, as
}

// ---- published-date inference ----

type interval struct{ s, e time.Time } // [s, e)

type iset []interval

func (a iset) intersect(b iset) iset {
	var out iset
	for _, x := range a {
		for _, y := range b {
			s, e := x.s, x.e
			if y.s.After(s) {
				s = y.s
			}
			if y.e.Before(e) {
				e = y.e
			}
			if s.Before(e) {
				out = append(out, interval{s, e})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].s.Before(out[j].s) })
	return out
}

// minus returns a without b.
func (a iset) minus(b iset) iset {
	out := a
	for _, y := range b {
		var next iset
		for _, x := range out {
			if !y.s.After(x.s) && !y.e.Before(x.e) {
				continue // covered
			}
			if !y.e.After(x.s) || !y.s.Before(x.e) {
				next = append(next, x)
				continue
			}
			if y.s.After(x.s) {
				next = append(next, interval{x.s, y.s})
			}
			if y.e.Before(x.e) {
				next = append(next, interval{y.e, x.e})
			}
		}
		out = next
	}
	return out
}

func (a iset) String() string {
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = x.s.Format("2006-01-02") + ".." + x.e.AddDate(0, 0, -1).Format("2006-01-02")
	}
	return strings.Join(parts, " or ")
}

// infer estimates the publication date from the offices named in the text, narrowing prior (the
// range the timex stage derived from explicit dates; Latest zero means open) when there is one,
// else using the explicit full dates of tx.
func (r *run) infer(prior *sitrep.DateRange, tx []sitrep.TimeExpr) *sitrep.DateRange {
	horizon := r.kb.horizon
	set := iset{{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), horizon}}
	var ev []string
	if prior != nil && !prior.Earliest.IsZero() {
		end := horizon
		if !prior.Latest.IsZero() {
			end = prior.Latest.AddDate(0, 0, 1)
		}
		if prior.Earliest.Before(end) {
			set = iset{{prior.Earliest, end}}
			ev = append(ev, prior.Evidence...)
		}
		tx = nil // the timex stage has already read the dates
	}
	apply := func(s iset, why string) {
		if len(s) == 0 {
			return
		}
		n := set.intersect(s)
		if len(n) == 0 {
			ev = append(ev, why+" (conflicts with the other evidence: ignored)")
			return
		}
		set = n
		ev = append(ev, why)
	}
	for _, it := range r.items {
		if it.kind != itKB || it.title < 0 {
			continue
		}
		var e *Entry
		for _, h := range it.hits {
			if en := r.kb.entries[h.entry]; en.Type == sitrep.ActorPerson {
				e = en
				break
			}
		}
		if e == nil {
			continue
		}
		var ten iset
		first := horizon
		for _, ro := range e.Roles {
			if r.kb.titleOf(ro.Title) != it.title {
				continue
			}
			if it.modCountry != "" && ro.Country != it.modCountry && e.Country != it.modCountry {
				continue
			}
			end := ro.End
			if end.IsZero() {
				end = horizon
			}
			st := ro.Start
			if st.IsZero() {
				st = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			ten = append(ten, interval{st, end})
			if st.Before(first) {
				first = st
			}
		}
		if len(ten) == 0 {
			continue
		}
		phrase := r.text(min(it.roleS, it.s), max(it.roleE, it.e))
		if it.former {
			s := iset{{first, horizon}}.minus(ten)
			apply(s, fmt.Sprintf("%q: %s was no longer in office: %s", phrase, e.Name, s))
		} else {
			apply(ten, fmt.Sprintf("%q: %s in office %s", phrase, e.Name, iset(ten)))
		}
	}
	for _, x := range tx {
		if x.Type != sitrep.TimexDate || len(x.Value) != 10 || x.Anchor == "published" {
			continue
		}
		d, err := time.Parse("2006-01-02", x.Value)
		if err != nil {
			continue
		}
		apply(iset{{d.AddDate(0, 0, -183), d.AddDate(1, 0, 1)}}, fmt.Sprintf("date %s in the text (articles cite dates from about six months ahead to a year back)", x.Value))
	}
	if len(ev) == 0 {
		return nil
	}
	if prior != nil && len(ev) == len(prior.Evidence) && !prior.Earliest.IsZero() {
		// no office evidence: keep the timex stage's range; resolve roles just after its
		// earliest bound (news cites recent dates)
		r.inferLast = interval{prior.Earliest, prior.Earliest.AddDate(0, 0, 2)}
		return prior
	}
	r.inferLast = set[len(set)-1]
	return &sitrep.DateRange{Earliest: set[0].s, Latest: set[len(set)-1].e.AddDate(0, 0, -1), Evidence: ev}
}

// midpoint returns the middle of the latest interval of the inferred set: with several
// intervals (a person in office twice), recent news is the likelier reading.
func midpoint(last interval, _ *sitrep.DateRange) time.Time {
	d := last.e.Sub(last.s) / 2
	return last.s.Add(d).Truncate(24 * time.Hour)
}

// isAge reports whether s is a whole number from 1 to 119, as in the age that follows a person's
// name between commas.
func isAge(s string) bool {
	if len(s) == 0 || len(s) > 3 || s[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = 10*n + int(s[i]-'0')
	}
	return n < 120
}
