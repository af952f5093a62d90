package timex

import (
	"strings"

	"github.com/sitrep/sitrep/text"
)

// tense is the temporal direction of the sentence around an expression.
type tense int8

const (
	tenseNone tense = iota
	tensePast
	tensePresent
	tenseFuture
)

func (t tense) String() string {
	return [...]string{"none", "past", "present", "future"}[t]
}

// cueWords are verbs and markers whose tense is known. Regular past forms ending in -ed are
// recognised by shape (see cueOf).
var cueWords = map[string]tense{
	// future and prospective
	"will": tenseFuture, "shall": tenseFuture, "'ll": tenseFuture, "won't": tenseFuture,
	"scheduled": tenseFuture, "expected": tenseFuture, "slated": tenseFuture, "effective": tenseFuture,
	"plans": tenseFuture, "plan": tenseFuture, "planned": tenseFuture, "planning": tenseFuture,
	"intends": tenseFuture, "intend": tenseFuture, "upcoming": tenseFuture, "going": tenseFuture,
	"may": tenseFuture, "might": tenseFuture, "would": tenseFuture, "aims": tenseFuture,
	"should": tenseFuture, "must": tenseFuture, "aim": tenseFuture, "hope": tenseFuture,
	"soon": tenseFuture, "hopes": tenseFuture, "set": tenseFuture, "tomorrow": tenseFuture,
	// present
	"is": tensePresent, "are": tensePresent, "am": tensePresent, "says": tensePresent,
	"does": tensePresent, "do": tensePresent, "isn't": tensePresent, "aren't": tensePresent,
	"now": tensePresent, "today": tensePresent, "remains": tensePresent, "continues": tensePresent,
	"can": tensePresent, "cannot": tensePresent, "can't": tensePresent,
	// past (irregular forms, auxiliaries, markers)
	"was": tensePast, "were": tensePast, "had": tensePast, "did": tensePast, "said": tensePast,
	"has": tensePast, "have": tensePast, "hasn't": tensePast, "haven't": tensePast,
	"wasn't": tensePast, "weren't": tensePast, "didn't": tensePast, "ago": tensePast,
	"met": tensePast, "told": tensePast, "spoke": tensePast, "took": tensePast, "made": tensePast,
	"came": tensePast, "went": tensePast, "gave": tensePast, "saw": tensePast, "began": tensePast,
	"left": tensePast, "held": tensePast, "sent": tensePast, "struck": tensePast, "fought": tensePast,
	"led": tensePast, "won": tensePast, "lost": tensePast, "paid": tensePast, "sold": tensePast,
	"bought": tensePast, "brought": tensePast, "thought": tensePast, "found": tensePast,
	"knew": tensePast, "wrote": tensePast, "ran": tensePast, "rose": tensePast, "fell": tensePast,
	"shot": tensePast, "hit": tensePast, "put": tensePast, "read": tensePast, "felt": tensePast,
	"kept": tensePast, "meant": tensePast, "got": tensePast, "became": tensePast, "grew": tensePast,
	"drew": tensePast, "threw": tensePast, "flew": tensePast, "broke": tensePast, "chose": tensePast,
	"spent": tensePast, "built": tensePast, "stood": tensePast, "understood": tensePast,
	"heard": tensePast, "withdrew": tensePast, "overtook": tensePast, "undertook": tensePast,
	"forgot": tensePast, "swore": tensePast, "tore": tensePast, "wore": tensePast, "sank": tensePast,
	"last": tensePast, "earlier": tensePast, "yesterday": tensePast, "recently": tensePast,
	"been": tensePast, "begun": tensePast, "done": tensePast, "gone": tensePast, "taken": tensePast,
	"given": tensePast, "spoken": tensePast, "written": tensePast, "seen": tensePast,
	"fled": tensePast, "sought": tensePast, "caught": tensePast, "taught": tensePast, "drove": tensePast,
	"rode": tensePast, "froze": tensePast, "stole": tensePast, "woke": tensePast, "beat": tensePast,
	"bound": tensePast, "fed": tensePast, "forgave": tensePast, "hid": tensePast, "hung": tensePast,
	"laid": tensePast, "lent": tensePast, "lit": tensePast, "sat": tensePast, "shook": tensePast,
	"slid": tensePast, "spun": tensePast, "stuck": tensePast, "swept": tensePast, "swung": tensePast,
	"upheld": tensePast, "wept": tensePast, "withheld": tensePast, "arose": tensePast, "oversaw": tensePast,
	"overcame": tensePast, "underwent": tensePast, "ate": tensePast, "dealt": tensePast,
	"rang": tensePast, "sprang": tensePast, "shrank": tensePast, "mistook": tensePast, "foresaw": tensePast,
	"tells": tensePresent, "believes": tensePresent, "thinks": tensePresent, "wants": tensePresent,
}

// notPast are words ending in -ed that are not past verbs.
var notPast = map[string]bool{
	"need": true, "speed": true, "red": true, "bed": true, "hundred": true, "indeed": true,
	"seed": true, "feed": true, "shed": true, "breed": true, "greed": true, "creed": true,
	"united": true, "proceed": true, "succeed": true, "exceed": true, "embed": true, "weed": true,
	"sled": true, "wed": true, "led": false, "deed": true, "heed": true, "bled": false,
	"alleged": true, "unnamed": true, "unidentified": true, "unspecified": true, "limited": true,
	"detailed": true, "advanced": true, "armed": true, "based": true, "related": true,
	"so-called": true, "concerned": true, "interested": true, "involved": true, "qualified": true,
}

// cueOf returns the tense a token signals, or tenseNone. low is its lower-cased text.
func cueOf(low string, capital bool) tense {
	if t, ok := cueWords[low]; ok {
		return t
	}
	if strings.HasSuffix(low, "'ll") || strings.HasSuffix(low, "’ll") {
		return tenseFuture
	}
	if len(low) > 3 && strings.HasSuffix(low, "ed") && !capital && !notPast[low] {
		return tensePast
	}
	return tenseNone
}

// tenseAround returns the tense of the cue nearest to tokens [i, j) in their sentence. Cues after
// "to" ("is scheduled to meet") and modal-led groups make the sentence prospective; when no cue is
// found the result is tenseNone. At most 40 tokens each side are examined.
func (m *matcher) tenseAround(i, j int) tense {
	sent := m.t[i].sent
	best, bestD, bestK := tenseNone, 1<<30, -1
	for k := i - 1; k >= 0 && i-k <= 40 && m.t[k].sent == sent; k-- {
		if c := m.cue(k); c != tenseNone {
			best, bestD, bestK = c, i-k, k
			break
		}
	}
	if m.low(j) == "'s" {
		return tensePast // "Wednesday's ruling": a day already talked about
	}
	for k := j; k < len(m.t) && k-j < 40 && m.t[k].sent == sent; k++ {
		if clauseBreak[m.low(k)] {
			break // "said Wednesday that they will …": the verb after "that" is another clause's
		}
		if m.t[k].kind == text.Quote && best != tenseNone {
			// "… will leave Thursday," Castro said: the reporting verb after the closing quote
			// does not set the tense of the quoted words
			break
		}
		if c := m.cue(k); c != tenseNone {
			// a cue after the expression wins only when strictly closer
			if d := k - j + 1; d < bestD {
				best, bestK = c, k
			}
			break
		}
	}
	deadline := false
	if p := m.low(i - 1); p == "until" || p == "till" || p == "by" && m.low(i-2) != "said" {
		deadline = true // "closed until Friday", "returned by Jan. 14"
	}
	if m.low(i-1) == "as" && (m.low(i-2) == "soon" || m.low(i-2) == "early") {
		deadline = true // "as soon as Tuesday"
	}
	if deadline {
		// A deadline looks ahead unless the clause is in the past perfect: "had filed reports
		// by Wednesday", "until Thursday, they had not called".
		if best == tensePast && m.pluperfect(bestK) {
			return tensePast
		}
		return tenseFuture
	}
	return best
}

// pluperfect reports whether the cue at token k is "had" or a participle right after "had"
// (with an optional "not" or adverb between).
func (m *matcher) pluperfect(k int) bool {
	if k < 0 {
		return false
	}
	for d := 0; d <= 2 && k-d >= 0; d++ {
		switch m.low(k - d) {
		case "had", "hadn't", "'d":
			return true
		}
	}
	return false
}

// clauseBreak are words that open a new clause; the tense after them does not govern an
// expression before them.
var clauseBreak = map[string]bool{
	"that": true, "which": true, "who": true, "whom": true, "when": true, "because": true,
	"after": true, "before": true, "if": true, "while": true, "where": true, "although": true,
	"but": true, ";": true,
}

// cue is cueOf for token k, with context: "to" + verb after scheduling words is handled by the
// words themselves; a past participle right after "will have" stays future.
func (m *matcher) cue(k int) tense {
	t := &m.t[k]
	if t.cue == 0 {
		t.cue = int8(m.cueAt(k)) + 1
	}
	return tense(t.cue - 1)
}

// cueAt computes cue(k); it depends only on the tokens around k, so cue caches it.
func (m *matcher) cueAt(k int) tense {
	t := &m.t[k]
	if t.kind != wordKind {
		return tenseNone
	}
	low := m.low(k)
	midSentence := k > 0 && m.t[k-1].sent == t.sent
	if low == "may" && t.cap && midSentence {
		return tenseNone // the month
	}
	c := cueOf(low, t.cap && midSentence)
	switch low {
	case "plans", "plan", "planning", "set", "going", "hopes", "hope", "aims", "aim", "intends", "intend":
		// prospective only before an infinitive: "plans to meet", "is set to", "due to visit"
		if m.low(k+1) != "to" {
			if low == "set" {
				return tensePast
			}
			return tenseNone
		}
	}
	if c == tenseFuture {
		switch low {
		case "scheduled", "expected", "slated", "set", "planned", "due":
			// "had been scheduled to expire", "was expected to": a plan in the past
			if p := m.low(k - 1); p == "was" || p == "were" || p == "had" || p == "been" && m.low(k-2) == "had" {
				return tensePast
			}
		}

	}
	if c == tensePresent && m.low(k+1) == "to" && (low == "is" || low == "are") {
		return tenseFuture // "is to resume"
	}
	if c == tensePast && k > 0 {
		// "will be", "could have", "to be": a participle or auxiliary after a modal or "to" keeps
		// the modal's direction; "the planned strike" is an adjective, not a verb.
		switch m.low(k - 1) {
		case "will", "would", "could", "may", "might", "should", "must", "be":
			return tenseFuture
		case "the", "a", "an":
			if low != "last" && low != "earlier" {
				return tenseNone
			}
		}
	}
	return c
}
