package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Sentence-case damage: some sources (and some sentence splitters) treat the period of an
// initialism such as "U.S." as the end of a sentence and capitalise the next word: "the U.S. Has
// expressed", "the U.S. And Israel". The word after the initialism is lower-cased only when it
// cannot be a sentence start or a name:
//
//   - a coordinating conjunction (And, Or, Nor) — always;
//   - an auxiliary or modal verb (Has, Is, Would, …) — unless the sentence is a question, or the
//     next word is capitalised too (a name: "Will Smith"), or a number follows "May";
//   - "Of" and "Than" — always; "To" and other prepositions — when the rest of the sentence has
//     no comma (a real sentence opening with a prepositional phrase sets it off with one: "In
//     2018, …"), and for prepositions other than To only when the article shows unambiguous
//     damage of the first two kinds elsewhere;
//   - any other word — only in an article that shows unambiguous damage, when the word is not a
//     function word, is followed by a lower-case word and appears in lower case elsewhere in the
//     article (so it is an ordinary word, not a name): "U.S. Talks with Iran" → "talks".

var caseConj = map[string]bool{"And": true, "Or": true, "Nor": true}

var caseAux = map[string]bool{"Has": true, "Have": true, "Had": true, "Is": true, "Are": true,
	"Was": true, "Were": true, "Will": true, "Would": true, "Could": true, "Should": true,
	"Can": true, "Cannot": true, "May": true, "Might": true, "Must": true, "Does": true,
	"Did": true, "Do": true, "Says": true, "Said": true}

var casePrep = map[string]bool{"To": true, "In": true, "On": true, "At": true, "Of": true,
	"For": true, "With": true, "By": true, "From": true, "Into": true, "Onto": true, "Than": true,
	"Over": true, "Under": true, "About": true, "Against": true, "Toward": true, "Towards": true,
	"Without": true, "Within": true, "Amid": true, "Among": true, "Across": true, "Via": true,
	"Despite": true, "Through": true}

// caseCand is a capitalised word after an initialism.
type caseCand struct {
	abbr       int // start of the initialism
	start, end int // the word
	word       string
}

// caseEdits lower-cases words wrongly capitalised after an initialism (see above).
func caseEdits(s string) []edit {
	cands := caseCandidates(s)
	if len(cands) == 0 {
		return nil
	}
	evidence := 0
	sure := make([]bool, len(cands))
	for i, c := range cands {
		if caseConj[c.word] || caseAux[c.word] && auxOK(s, c) {
			sure[i] = true
			evidence++
		}
	}
	lx := lexicon()
	var edits []edit
	for i, c := range cands {
		lower := strings.ToLower(c.word)
		ok := sure[i]
		switch {
		case ok:
		case caseAux[c.word] || caseConj[c.word]:
		case c.word == "Of" || c.word == "Than":
			ok = true
		case casePrep[c.word]:
			ok = !commaBeforeEnd(s, c.end) && (c.word == "To" || evidence > 0)
		default:
			ok = evidence > 0 && !lx.stop[lower] && nextWordLower(s, c.end) && hasLowerUse(s, lower)
		}
		if ok {
			edits = append(edits, edit{c.abbr, c.end, s[c.abbr:c.start] + lower, RepairCase})
		}
	}
	return edits
}

// caseCandidates finds "X.Y. Word": an initialism of two or more capital letters each followed by
// a period, one space, and an ASCII word starting with a capital followed by lower-case letters.
func caseCandidates(s string) []caseCand {
	var out []caseCand
	for i := 0; i+4 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' {
			continue
		}
		// walk back over the initialism
		j, n := i, 0
		for j >= 1 && s[j] == '.' && s[j-1] >= 'A' && s[j-1] <= 'Z' {
			j -= 2
			n++
		}
		// j now points before the first letter; it must not be a letter
		if n < 2 || j >= 0 && (isASCIILetter(s[j]) || s[j] == '.') {
			continue
		}
		k := i + 2
		if k >= len(s) || s[k] < 'A' || s[k] > 'Z' {
			continue
		}
		e := k + 1
		for e < len(s) && s[e] >= 'a' && s[e] <= 'z' {
			e++
		}
		if e == k+1 && s[k] != 'A' { // a lone capital ("U.S. I") is not a word we handle
			continue
		}
		if e < len(s) && (isASCIILetter(s[e]) || s[e] >= 0x80) {
			continue // mixed case or non-ASCII word: leave it
		}
		out = append(out, caseCand{abbr: j + 1, start: k, end: e, word: s[k:e]})
		i = e - 1
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// auxOK reports whether an auxiliary after an initialism is safe to lower-case.
func auxOK(s string, c caseCand) bool {
	next := nextWord(s, c.end)
	if next != "" {
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsUpper(r) && (c.word == "Will" || c.word == "May" || c.word == "Can" || c.word == "Said") {
			return false
		}
		if unicode.IsDigit(r) && c.word == "May" {
			return false
		}
	}
	return sentenceEnd(s, c.end) != '?'
}

// nextWord returns the word following offset i (after spaces), or "".
func nextWord(s string, i int) string {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		j += n
	}
	return s[i:j]
}

func nextWordLower(s string, i int) bool {
	w := nextWord(s, i)
	r, _ := utf8.DecodeRuneInString(w)
	return w != "" && unicode.IsLower(r)
}

// sentenceEnd returns the first of . ! ? after i that ends the sentence (followed by a space, a
// quote or the end of the text), or 0 when the paragraph ends first.
func sentenceEnd(s string, i int) byte {
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			return 0
		case '.', '!', '?':
			if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == '"' || s[i+1] == 0xE2 {
				if c == '.' && i >= 2 && s[i-2] == '.' { // inside an initialism such as "U.S. "
					continue
				}
				return c
			}
		}
	}
	return 0
}

// commaBeforeEnd reports whether a comma comes before the end of the sentence that contains i.
func commaBeforeEnd(s string, i int) bool {
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case ',', ';':
			return true
		case '\n':
			return false
		case '.', '!', '?':
			if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' {
				if c == '.' && i >= 2 && s[i-2] == '.' {
					continue
				}
				return false
			}
		}
	}
	return false
}

// hasLowerUse reports whether word (lower case) occurs as a whole word elsewhere in s.
func hasLowerUse(s, word string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(word)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return true
		}
		off = j
	}
}

// slotFlags finds blanked slots and lost words in the final text:
//
//   - a word followed by a space and then a comma or a sentence period ("on , with",
//     "Washington , with"): something was cut out between them;
//   - empty brackets "()" and "[ ]";
//   - a currency sign with a magnitude but no number ("$ million");
//   - a lone symbol between two words that is not ordinary in prose ("Iran’s ∫ which"): a word
//     was lost and a stray character stands in for it.
func slotFlags(s string) []sitrep.Flag {
	var flags []sitrep.Flag
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case (c == ',' || c == '.') && i > 0 && s[i-1] == ' ':
			if c == '.' && (i+1 < len(s) && s[i+1] == '.' || i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n') {
				continue // an ellipsis or a decimal (".5")
			}
			j := i - 1
			for j > 0 && s[j-1] == ' ' {
				j--
			}
			ws := wordStart(s, j)
			if ws == j {
				continue // no word before the gap
			}
			flags = append(flags, sitrep.Flag{Kind: FlagBlankedSlot, Start: ws, End: i + 1,
				Detail: fmt.Sprintf("text missing between %q and %q", s[ws:j], string(c))})
		case c == '(' || c == '[':
			close := byte(')')
			if c == '[' {
				close = ']'
			}
			j := i + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && s[j] == close {
				flags = append(flags, sitrep.Flag{Kind: FlagBlankedSlot, Start: i, End: j + 1, Detail: "empty brackets"})
			}
		case c == '$' || c == 0xE2 && strings.HasPrefix(s[i:], "€") || c == 0xC2 && strings.HasPrefix(s[i:], "£"):
			_, n := utf8.DecodeRuneInString(s[i:])
			j := i + n
			for j < len(s) && s[j] == ' ' {
				j++
			}
			for _, mag := range []string{"million", "billion", "trillion", "thousand"} {
				if strings.HasPrefix(s[j:], mag) {
					flags = append(flags, sitrep.Flag{Kind: FlagBlankedSlot, Start: i, End: j + len(mag), Detail: "amount missing"})
					break
				}
			}
		case c >= 0x80 && i > 0 && s[i-1] == ' ':
			r, n := utf8.DecodeRuneInString(s[i:])
			if i+n < len(s) && s[i+n] == ' ' && strayRune(r) && wordBefore(s, i-1) && wordAfter(s, i+n+1) {
				flags = append(flags, sitrep.Flag{Kind: FlagLostWord, Start: i, End: i + n,
					Detail: fmt.Sprintf("stray %q stands where a word was lost", string(r))})
			}
			i += n - 1
		}
	}
	return flags
}

// wordStart returns the start of the word (letters, digits, apostrophes) that ends at end.
func wordStart(s string, end int) int {
	i := end
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
			break
		}
		i -= n
	}
	return i
}

func wordBefore(s string, end int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:end])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == '’' || r == '\''
}

func wordAfter(s string, start int) bool {
	if start >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[start:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// strayRune reports whether r, standing alone between words, is more likely a lost word than
// ordinary prose: math symbols other than the everyday ones, private-use characters, the
// replacement character and unassigned code points. Bullets, dashes, currency, arrows, emoji and
// the like are ordinary.
func strayRune(r rune) bool {
	switch r {
	case '±', '×', '÷', '≈', '≠', '≤', '≥', '−', '∞', '√', '∆', '°', '¬':
		return false
	case utf8.RuneError:
		return true
	}
	return unicode.Is(unicode.Sm, r) || unicode.Is(unicode.Co, r) || !unicode.IsGraphic(r) && !unicode.IsSpace(r)
}
