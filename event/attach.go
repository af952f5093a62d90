package event

import (
	"strings"
	"sync"
)

// This file holds the attachment rules that decide which actor of a sentence fills which role
// beyond the nearest-actor defaults of coder.go: asides (appositives and "including …"
// parentheticals) that are not the subject, demonyms that only modify a noun ("the Iranian
// strike"), possessive pronouns, the arguments of nominal triggers and the pairs of state organs
// of one country that cannot be the two sides of an international action.

// demonyms returns the set of lower-cased demonyms of the countries table ("iranian",
// "american"): a demonym right before a noun is a modifier, not a noun phrase of its own.
var demonyms = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for line := range strings.SplitSeq(countriesTXT, "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 && f[1] == "demonym" {
			set[strings.ToLower(f[2])] = true
		}
	}
	return set
})

// bareCountry returns the country code of the mention at [ts, te) when it is a lone demonym of
// the dictionary: "Iranian" in "the Iranian strike" is Iran, even when the actor stage folded
// the mention into an entity with a sector ("Iranian military" → IRNMIL). Otherwise it returns
// code unchanged.
func (c *Coder) bareCountry(sc *scratch, words []string, ts, te int, code string) string {
	if te-ts != 1 || !demonyms()[words[ts]] || !c.firstWords.mayHave(words[ts]) {
		return code // a capital ("Washington") stands for its government: keep the sector
	}
	la, ea, _, _ := c.actors.matchBoth(words, ts)
	if la != te-ts || ea == nil || ea.Agent {
		return code
	}
	if dc := ea.CodeAt(sc.date); len(dc) == 3 && strings.HasPrefix(code, dc) {
		return dc
	}
	return code
}

// attributiveDemonym reports whether the candidate is a demonym that modifies the noun after it ("the
// Iranian strike", "an Israeli raid"): it names whose the noun is, but it is not the subject of
// the clause nor the antecedent of a pronoun.
//
// Only a noun that can itself be an event ("strike", "attack", "support": the first word of a
// pattern) counts: "Algerian landowners" and "a Pakistani woman" are actors.
func attributiveDemonym(words []string, cd cand, verbish map[string]bool) bool {
	if cd.agent != "" || cd.unknown || cd.e >= len(words) || !demonyms()[words[cd.e-1]] {
		return false
	}
	w := words[cd.e]
	return isWordish(w) && verbish[w] && !functionWords[w] && !objectPreps[w] && !notNames[w] && !speechVerbs[w]
}

// asideOpeners open a parenthetical that lists members or examples of the actor before it:
// "the administration, including Blinken and Austin, condemned …".
var asideOpeners = map[string]bool{"including": true, "includes": true, "such": true, "like": true, "notably": true, "especially": true, "among": true, "excluding": true, "along": true, "together": true, "alongside": true}

// titleWords open an appositive that names a role ("head of Israel's Mossad", "chief of
// staff"), when no determiner does.
var titleWords = map[string]bool{"head": true, "chief": true, "director": true, "leader": true, "member": true, "founder": true, "deputy": true, "former": true, "senior": true, "top": true, "acting": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "commander": true, "minister": true, "secretary": true, "ambassador": true, "envoy": true, "president": true, "chairman": true, "adviser": true, "advisor": true, "aide": true}

// asideBreakers are words that make a comma-delimited span a clause rather than an aside.
var asideBreakers = map[string]bool{"who": true, "which": true, "whose": true, "whom": true, "that": true, "said": true, "says": true, "is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true, "would": true, "and": true, "or": true, "but": true, "if": true, "when": true, "while": true, ";": true, ":": true}

// markAsides finds the asides set off by commas or dashes right after an actor: "including …"
// parentheticals and appositive noun phrases ("Yoav Gallant, Israel's defense minister, said").
// Their actors get aside set, asideEnd at the closing punctuation and a group of their own; a
// head with no code takes the code of its appositive ("Barnea, head of Israel's Mossad, …").
func markAsides(words []string, cands []cand, verbish map[string]bool) {
	for h := 0; h < len(cands); h++ {
		head := &cands[h]
		open := head.e
		if open >= len(words) || head.aside {
			continue
		}
		p := words[open]
		if p != "," && p != "—" && p != "–" && p != "--" && p != "(" {
			continue
		}
		closing := -1
		for k := open + 1; k < len(words) && k <= open+16; k++ {
			w := words[k]
			if w == "," || w == "—" || w == "–" || w == "--" || w == ")" || w == "." {
				closing = k
				break
			}
		}
		if closing < 0 || closing == open+1 || words[closing] == "." {
			continue
		}
		first := words[open+1]
		including := asideOpeners[first]
		if !including {
			// an appositive noun phrase: a determiner, a lower-case title ("head of") or an
			// actor with a role noun first; no verb of its own, no list ("X, Y and Z")
			if closing+1 < len(words) && (words[closing+1] == "and" || words[closing+1] == "or") {
				continue
			}
			lead := first == "the" || first == "a" || first == "an" || first == "his" || first == "her" || first == "its" || first == "their"
			inner := -1
			for j := h + 1; j < len(cands) && cands[j].s < closing; j++ {
				if inner < 0 {
					inner = j
				}
			}
			if inner < 0 {
				continue
			}
			relative := lead && hasRelative(words[open+1:closing])
			if closing-open > 11 && !relative {
				continue
			}
			if listContinues(words, cands, closing) {
				continue // "Mordor, the Shire, Fornost and Bree": a list
			}
			if !lead && cands[inner].s == open+1 && cands[inner].agent == "" {
				continue // "Israel, Egypt …": a list of actors
			}
			if !lead && cands[inner].s > open+1 && !titleWords[first] {
				continue // "Austin, canceled a trip to Washington, …" is no appositive
			}
			broken := false
			for k := open + 1; k < closing && !relative; k++ {
				w := words[k]
				if asideBreakers[w] || strings.HasSuffix(w, "ed") && verbish[w] {
					broken = true
					break
				}
			}
			if broken {
				continue
			}
		}
		found := false
		for j := h + 1; j < len(cands) && cands[j].s < closing; j++ {
			if cands[j].s <= open {
				continue
			}
			cd := &cands[j]
			if !found && !including && head.unknown && !cd.unknown && cd.code != "" {
				head.code, head.unknown, head.actorID = cd.code, false, cd.actorID
			}
			found = true
			cd.aside, cd.asideEnd = true, closing
			cd.group = -1 - j // a group of its own
		}
		if !found {
			continue
		}
		// the head's group no longer runs through the aside
		for j := h + 1; j < len(cands); j++ {
			if cands[j].s > closing && cands[j].group == head.group {
				cands[j].group = cands[h].group + 1<<20
				continue
			}
			if cands[j].s > closing {
				break
			}
		}
	}
}

// hasRelative reports whether ws hold a relative pronoun: "the militia that dominates the
// south" is an appositive with a relative clause of its own.
func hasRelative(ws []string) bool {
	for _, w := range ws {
		if w == "that" || w == "who" || w == "which" {
			return true
		}
	}
	return false
}

// skippedAside reports whether cd sits in an aside that closes before position s: it is not a
// party to what follows.
func skippedAside(cd cand, s int) bool { return cd.aside && cd.asideEnd < s }

// antecedent returns the candidate that a possessive pronoun at k refers to: the nearest actor
// before it that heads a noun phrase. Demonyms that modify a noun ("condemned the Iranian strike
// and reaffirmed its support") and actors inside an aside are passed over. "his" and "her" want
// a person or an office, not a bare country. It returns -1 when there is none.
func antecedent(words []string, cands []cand, k int) int {
	personal := words[k] == "his" || words[k] == "her"
	for i := len(cands) - 1; i >= 0; i-- {
		cd := cands[i]
		if cd.e > k || skippedAside(cd, k) || cd.attrib {
			continue
		}
		if personal && !cd.unknown && len(cd.code) == 3 {
			continue
		}
		return i
	}
	return -1
}

// adjectivalAgents are agent words that are mostly adjectives before a noun ("military
// action", "civilian casualties"): there they name no actor. ("official" is left out: "the
// official news agency" names one.)
var adjectivalAgents = map[string]bool{"military": true, "civilian": true, "naval": true}

// nounDeterminers make the word after them (and its adjectives) a noun.
var nounDeterminers = map[string]bool{"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true, "'s": true, "this": true, "that": true, "these": true, "those": true, "another": true, "any": true, "further": true}

// adjectiveLike reports whether w reads as an adjective in a noun phrase ("solid", "recent",
// "Iranian", "incoming"): a demonym, a word of an adjective ending or one of a few common
// adjectives.
func adjectiveLike(w string) bool {
	if demonyms()[w] {
		return true
	}
	switch w {
	case "new", "recent", "direct", "solid", "strong", "firm", "full", "major", "large", "latest", "last", "first", "second", "third", "fresh", "deadly", "massive", "huge", "big", "small", "limited", "possible", "potential", "planned", "joint", "unprecedented", "brutal", "renewed", "continued", "ongoing", "incoming", "alleged", "apparent", "retaliatory", "unconditional", "total", "heavy", "fierce", "surprise", "overnight", "weekend":
		return true
	}
	for _, suf := range []string{"al", "ive", "ic", "ous", "ary", "ful", "ent", "ant", "ible", "able"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// afterDeterminer reports whether the word at s follows a determiner, possibly with up to two
// adjectives between ("the attack", "its solid support", "the Iranian strike").
//
// A preposition counts as a determiner ("proceed with strikes", "prepare for expected
// retaliatory strikes"), and participles count as adjectives.
func afterDeterminer(words []string, s int) bool {
	for k := s - 1; k >= 0 && k >= s-3; k-- {
		w := words[k]
		if nounDeterminers[w] {
			return true
		}
		if objectPreps[w] && w != "to" || w == "of" || w == "in" || w == "from" {
			// "plans on attacking Iran", "involvement in defending Israel": a gerund after a
			// preposition keeps its object and is read as a verb
			return !strings.HasSuffix(words[s], "ing")
		}
		if !adjectiveLike(w) && !strings.HasSuffix(w, "ed") {
			return false
		}
	}
	return false
}

// copulas follow a noun that is the subject of its clause ("the plan for U.S. strikes was
// not strong enough").
var copulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true, "would": true, "could": true, "may": true, "might": true, "should": true, "must": true, "remains": true, "remain": true}

// lightVerbs govern a nominal trigger whose source is their own subject: "Egypt hosted talks",
// "the army carried out strikes", "Washington imposed sanctions". The forms are matched by
// prefix ("launch" covers launched and launching).
var lightVerbs = []string{"hold", "held", "host", "launch", "conduct", "carr", "stage", "mount", "begin", "began", "begun", "resum", "continu", "open", "start", "pursu", "wag", "mak", "made", "pay", "paid", "undert", "undertook", "step", "intensif", "escalat", "impos", "offer", "provid", "giv", "gave", "send", "sent", "deliver", "extend", "order", "authoriz", "authoris", "approv", "join", "engag", "participat", "took", "tak", "renew", "plan", "prepar", "announc", "lead", "led", "sign", "reach", "pos", "restart"}

// lightVerbBefore returns the position of a light verb that governs the noun at s across
// determiners, adjectives, numbers and "of" ("carried out a series of strikes"), or -1.
func lightVerbBefore(words []string, s int) int {
	for k := s - 1; k >= 0 && k >= s-6; k-- {
		w := words[k]
		if nounDeterminers[w] && w != "'s" || w == "of" || w == "in" || w == "out" || w == "up" || w == "part" || adjectiveLike(w) || w != "" && w[0] >= '0' && w[0] <= '9' {
			continue
		}
		switch w {
		case "series", "wave", "number", "round", "rounds", "new", "more", "several", "dozens", "hundreds", "a", "phone", "peace", "formal", "days", "weeks", "months", "years", "hours", "day", "week":
			continue
		}
		for _, v := range lightVerbs {
			if strings.HasPrefix(w, v) && len(w) <= len(v)+4 {
				return k
			}
		}
		return -1
	}
	return -1
}

// nounTargetPreps introduce the target of a nominal trigger: "attack on", "talks with",
// "support for", "invasion of".
var nounTargetPreps = map[string]bool{"on": true, "against": true, "to": true, "toward": true, "towards": true, "with": true, "for": true, "into": true, "in": true, "at": true, "upon": true, "of": true}

// nounTarget returns the target of a nominal trigger: an actor in a prepositional phrase right
// after the noun ("strike on Iran", "support for Israel", within five words), never an actor
// further on in the clause; -1 if none.
func nounTarget(words []string, cands []cand, m match, srcs []cand) int {
	e := m.trigEnd
	if e <= m.s || !nounTargetPreps[words[e-1]] {
		if e >= len(words) || !nounTargetPreps[words[e]] {
			return -1
		}
		e++
	}
	ti := firstAfter(words, cands, e, srcs, m.lit, m.code)
	if ti < 0 || cands[ti].s > e+5 || hasComma(words[e:cands[ti].s]) || clauseBreak(words, e, cands[ti].s) {
		return -1
	}
	for k := e; k < cands[ti].s; k++ {
		if subordinator(words[k]) || functionWords[words[k]] && words[k] != "of" && words[k] != "and" {
			return -1
		}
	}
	return ti
}

// fromAgent returns the actor of a "from X" phrase right after a nominal trigger of force
// ("retaliatory strikes from Iran"), or -1.
func fromAgent(words []string, cands []cand, m match) int {
	if r := m.code[:2]; r != "18" && r != "19" && r != "20" && r != "13" {
		return -1
	}
	e := m.trigEnd
	if e >= len(words) || words[e] != "from" {
		return -1
	}
	for i, cd := range cands {
		if cd.s > e && cd.s <= e+3 && !hasComma(words[e:cd.s]) {
			return i
		}
	}
	return -1
}

// stateOrgans are the sectors of a state itself: an action between two of them of one country
// is not international.
var stateOrgans = map[string]bool{"": true, "GOV": true, "MIL": true, "SPY": true, "COP": true, "LEG": true, "JUD": true}

// internationalCode reports whether a CAMEO code is international by nature, so that a state
// does not do it to itself: visits and their intent (036, 042, 043, 044), reducing relations
// and sanctions (16), fighting (19) and unconventional mass violence (20).
func internationalCode(code string) bool {
	switch code {
	case "036", "042", "043", "044":
		return true
	}
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "16", "19", "20":
		return true
	}
	return false
}

// mediaContact reports whether a consultation (04x) or an intent to meet (036) has news media on
// one side ("spoke to reporters", "told the cited media"): sourcing, not an interaction to code.
func mediaContact(code, src, tgt string) bool {
	if !strings.HasPrefix(code, "04") && code != "036" {
		return false
	}
	return strings.HasSuffix(src, "MED") || strings.HasSuffix(tgt, "MED")
}

// selfAction reports whether source and target are organs of one state ("IRN" and
// "IRNMIL"): such a pair cannot be the two sides of an international action.
func selfAction(s, t cand) bool {
	if s.ethnic || t.ethnic {
		return false // "Serb forces killed ethnic Albanians": a group coded by its state
	}
	src, tgt := s.code, t.code
	cs, ct := countryOf(src), countryOf(tgt)
	if cs == "" || cs != ct || cs[0] < 'A' || cs[0] > 'Z' {
		return false // no country, or a placeholder ("---GOV")
	}
	return stateOrgans[src[3:]] && stateOrgans[tgt[3:]]
}

// pronounSubject reports whether the trigger at s has "you" as its subject ("would you strike
// Iran?"): the source is then unknown and no actor before it may stand in.
func pronounSubject(words []string, s int) bool {
	for k := s - 1; k >= 0 && k >= s-3; k-- {
		switch words[k] {
		case "you":
			return true
		case "would", "will", "could", "can", "should", "not", "also", "really", "ever":
			continue
		}
		return false
	}
	return false
}

// listContinues reports whether an actor follows the comma at closing ("the Shire, Fornost and
// Bree"): the comma then separates the members of a list, not an aside.
func listContinues(words []string, cands []cand, closing int) bool {
	next := closing + 1
	if next < len(words) && words[next] == "the" {
		next++
	}
	for _, cd := range cands {
		if cd.s == next {
			return true
		}
	}
	return false
}

// clausePreps are prepositions of time and circumstance: a noun after one is not the object of
// an earlier "for" or "over".
var clausePreps = map[string]bool{"during": true, "after": true, "before": true, "since": true, "amid": true, "despite": true, "following": true, "until": true, "without": true, "under": true, "within": true}

// causeAgent returns the actor named as the doer of a nominal trigger in a "X for/over N"
// phrase ("condemned Israel over last year's bombing", "retaliate against Iran for the early
// October airstrike"): the actor before "for" or "over" is blamed, thanked or punished for the
// action, so it is the action's source. It returns -1 when there is no such phrase.
func causeAgent(words []string, cands []cand, s int) int {
	for k := s - 1; k >= 0 && k >= s-6; k-- {
		w := words[k]
		if w == "for" || w == "over" {
			for i := len(cands) - 1; i >= 0; i-- {
				if cands[i].e == k && !cands[i].aside {
					return i
				}
				if cands[i].e < k {
					break
				}
			}
			return -1
		}
		if w == "," || functionWords[w] || objectPreps[w] || locativePreps[w] || clausePreps[w] || !(isWordish(w) || w == "'s" || w[0] >= '0' && w[0] <= '9') {
			return -1 // "thanked Brazil for its help during the attack": another phrase
		}
	}
	return -1
}

// newClause reports whether the candidate opens a new clause after a comma ("…, the White
// House already accepted …"): it follows the comma and a verb follows it. Actors from there on
// are not the target of a trigger before the comma.
func newClause(words []string, cd cand) bool {
	p := cd.s - 1
	if p >= 0 && words[p] == "the" {
		p--
	}
	if p < 0 || words[p] != "," {
		return false
	}
	for q := cd.e; q < len(words) && q < cd.e+3; q++ {
		w := words[q]
		switch {
		case copulas[w] || speechVerbs[w]:
			return true
		case w == "already" || w == "also" || w == "still" || w == "now" || w == "then" || strings.HasSuffix(w, "ly"):
			continue
		case strings.HasSuffix(w, "ed") && !adjectiveLike(w):
			return true
		}
		return false
	}
	return false
}

// clauseSubject returns the subject of the clause that ends at the comma at position comma:
// the first actor after the clause's start (the sentence start or the last "that" or
// subordinator) that is not the object of a preposition, a modifying demonym or inside an
// aside; -1 if none.
func clauseSubject(words []string, cands []cand, comma int) int {
	start := 0
	for k := comma - 1; k >= 0; k-- {
		if words[k] == "that" || subordinator(words[k]) {
			start = k + 1
			break
		}
	}
	for i, cd := range cands {
		if cd.s < start {
			continue
		}
		if cd.e > comma {
			break
		}
		if cd.attrib || cd.speaker || skippedAside(cd, comma) || cd.aside {
			continue
		}
		p := cd.s - 1
		for p >= start && (words[p] == "the" || words[p] == "a" || words[p] == "an" || isModifierWord(words[p])) {
			p--
		}
		if p >= start && p > 0 && (objectPreps[words[p]] || words[p] == "of" || words[p] == "in" || words[p] == "from") {
			continue
		}
		return i
	}
	return -1
}

// mutualCode reports whether a compound source with no target acts on its own members
// ("Israel and Lebanon renewed negotiations"): cooperation, consultation and agreement (CAMEO
// 03 to 06) and fighting (19: "Thai and Cambodian troops exchanged fire"). "Qatar and Egypt
// warned" is each country's warning, not a warning to each other.
func mutualCode(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "03", "04", "05", "06", "19":
		return true
	}
	return false
}

// sidesOfTwo reports whether the agent at s is counted as two or more parties ("the two
// leaders", "both governments"): such an agent stands for several countries, so it takes no
// country of its sentence.
//
// Only nouns of parties count (leaders, governments, ministers, …): "the two soldiers" are
// people of one side.
func sidesOfTwo(words []string, cd cand) bool {
	s := cd.s
	if s == 0 || cd.e > len(words) || !partyNouns[words[cd.e-1]] {
		return false
	}
	switch words[s-1] {
	case "both":
		return true
	case "two", "three":
		return s >= 2 && (words[s-2] == "the" || words[s-2] == "between" || words[s-2] == "of")
	}
	return false
}

// partyNouns name the sides of a relation.
var partyNouns = map[string]bool{"leaders": true, "governments": true, "ministers": true, "presidents": true, "delegations": true, "chiefs": true, "heads": true, "authorities": true, "administrations": true, "cabinets": true, "envoys": true, "diplomats": true, "negotiators": true, "militaries": true, "armies": true}

// inObjectPhrase reports whether a modifying demonym stands in a noun phrase that follows a
// verb or preposition ("condemned the Iranian strike"), not in one that opens its clause ("The
// Iranian attack on Israel was condemned by Germany", where the attack, and so Iran, is the
// passive subject).
func inObjectPhrase(words []string, cd cand) bool {
	p := cd.s - 1
	for p >= 0 && (words[p] == "the" || words[p] == "a" || words[p] == "an" || isModifierWord(words[p]) || adjectiveLike(words[p])) {
		p--
	}
	if p < 0 {
		return false
	}
	w := words[p]
	return !(w == "," || w == "that" || w == ";" || w == ":" || subordinator(w))
}
