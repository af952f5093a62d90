package text

// This file keeps the first implementation of Parse as a reference: the optimised Parse must
// produce exactly the same tokens and sentences (TestParseMatchesReference, FuzzParse).

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// refParse tokenises text and splits it into sentences.
func refParse(s string) *Doc {
	d := &Doc{Text: s, Tokens: make([]Token, 0, len(s)/5+1)}
	refTokenize(d)
	refSplitSentences(d)
	for i := range d.Tokens {
		t := &d.Tokens[i]
		t.shape = shapeOf(s[t.Start:t.End])
		next := len(s)
		if i+1 < len(d.Tokens) {
			next = d.Tokens[i+1].Start
		}
		if strings.Contains(s[t.End:next], "\n") {
			t.shape |= shapeLineAfter
		}
	}
	return d
}

func refIsQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '‹', '›':
		return true
	}
	return false
}

func refIsApos(r rune) bool { return r == '\'' || r == '’' }

func refIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func refIsDigit(r rune) bool { return r >= '0' && r <= '9' }

func refDecode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func refTokenize(d *Doc) {
	s := d.Text
	i := 0
	for i < len(s) {
		r, n := refDecode(s, i)
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || unicode.IsSpace(r):
			i += n
		case refIsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := refDecode(s, j)
				if refIsLetter(r2) || refIsDigit(r2) {
					j += n2
					continue
				}
				// inner hyphen, period (U.S.), apostrophe (don't, O'Brien) followed by a letter
				if r2 == '-' || r2 == '.' || r2 == '&' || refIsApos(r2) {
					r3, _ := refDecode(s, j+n2)
					if refIsLetter(r3) {
						if refIsApos(r2) && (r3 == 's' || r3 == 'S') {
							// possessive 's: stop unless more letters follow ("it's" handled as possessive too)
							r4, _ := refDecode(s, j+n2+1)
							if !refIsLetter(r4) {
								break
							}
						}
						if r2 == '.' {
							// only single-letter segments form refAbbreviations: U.S., U.N., p.m.
							if j-i > 1 && !refIsAbbrevRun(s[i:j]) {
								break
							}
						}
						j += n2
						continue
					}
					if r2 == '.' && refIsAbbrevRun(s[i:j]) {
						// trailing period of a dotted abbreviation: "U.S." keeps it
						if strings.Contains(s[i:j], ".") {
							j += n2
						}
					}
				}
				break
			}
			d.refAdd(i, j, Word, unicode.IsUpper(r))
			i = j
		case refIsDigit(r):
			j := i + 1
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.' || c == ':') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += 2
					continue
				}
				// 12th, 1990s, 7km: letters glued to a number stay with it
				if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					j++
					continue
				}
				break
			}
			d.refAdd(i, j, Number, false)
			i = j
		case refIsApos(r):
			r2, n2 := refDecode(s, i+n)
			if (r2 == 's' || r2 == 'S') && len(d.Tokens) > 0 && d.Tokens[len(d.Tokens)-1].End == i {
				r3, _ := refDecode(s, i+n+n2)
				if !refIsLetter(r3) {
					d.refAdd(i, i+n+n2, Possessive, false)
					i += n + n2
					continue
				}
			}
			d.refAdd(i, i+n, Quote, false)
			i += n
		case refIsQuoteRune(r):
			d.refAdd(i, i+n, Quote, false)
			i += n
		default:
			d.refAdd(i, i+n, Punct, false)
			i += n
		}
	}
}

// refIsAbbrevRun reports whether w looks like a dotted single-letter abbreviation so far ("U", "U.S").
func refIsAbbrevRun(w string) bool {
	segs := 0
	for _, p := range strings.Split(w, ".") {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		segs++
	}
	return segs >= 1
}

func (d *Doc) refAdd(start, end int, k Kind, capital bool) {
	d.Tokens = append(d.Tokens, Token{Start: start, End: end, Kind: k, Cap: capital})
}

// refAbbreviations after which a period does not end a sentence (lower-case, without the period).
var refAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "rev": true, "hon": true, "amb": true, "sec": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "no": true, "vs": true, "etc": true, "inc": true,
	"corp": true, "co": true, "ltd": true, "gov't": true, "approx": true, "dept": true, "est": true, "fig": true,
	"mt": true, "ft": true, "ave": true, "blvd": true, "u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true,
	"a.m": true, "p.m": true,
}

// refSplitSentences groups tokens into sentences. A sentence ends at . ! ? (plus closing quotes and
// brackets) followed by a token that can start a sentence, or at a blank line / line break.
func refSplitSentences(d *Doc) {
	s := d.Text
	toks := d.Tokens
	start := 0              // token index
	emit := func(end int) { // end: exclusive token index
		if end <= start {
			return
		}
		sp := Span{Start: toks[start].Start, End: toks[end-1].End, TokStart: start, TokEnd: end}
		for k := start; k < end; k++ {
			toks[k].Sent = len(d.Sentences)
		}
		d.Sentences = append(d.Sentences, sp)
		start = end
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// line breaks always end a sentence
		if i > start && strings.IndexByte(s[toks[i-1].End:t.Start], '\n') >= 0 {
			emit(i)
		}
		end := false
		switch {
		case t.Kind == Punct && (s[t.Start] == '!' || s[t.Start] == '?'):
			end = true
		case t.Kind == Punct && s[t.Start] == '.':
			end = true
			if i > 0 && toks[i-1].End == t.Start && toks[i-1].Kind == Word {
				w := strings.ToLower(s[toks[i-1].Start:toks[i-1].End])
				if refAbbreviations[w] || (len(w) == 1 && toks[i-1].Cap) {
					end = false
				}
			}
			// "(...)" ellipsis inside a quote: keep going if next is lower-case
		case t.Kind == Word && strings.HasSuffix(s[t.Start:t.End], "."):
			// dotted abbreviation "U.S." ends a sentence only if followed by a capitalised
			// sentence starter after whitespace and the abbreviation is not a known name-like one.
			// We treat it as ending when the next token is a quote or a capitalised function word.
			if i+1 < len(toks) {
				n := toks[i+1]
				nw := s[n.Start:n.End]
				if n.Cap && refSentenceStarters[nw] {
					end = true
				}
			} else {
				end = true
			}
		}
		if !end {
			continue
		}
		// absorb closing quotes / brackets / further terminal punctuation
		j := i + 1
		for j < len(toks) && toks[j].Start == toks[j-1].End {
			c := s[toks[j].Start]
			if toks[j].Kind == Quote || c == ')' || c == ']' || c == '.' || c == '!' || c == '?' {
				j++
				continue
			}
			break
		}
		if j < len(toks) {
			n := toks[j]
			if n.Start == toks[j-1].End {
				continue // no space after: "3.5", "U.S.-Israel"
			}
			first := s[n.Start:n.End]
			r, _ := utf8.DecodeRuneInString(first)
			if unicode.IsLower(r) {
				continue
			}
		}
		emit(j)
		i = j - 1
	}
	emit(len(toks))
}

// refSentenceStarters are capitalised words that, after "U.S." and similar, usually begin a new
// sentence rather than continue a name.
var refSentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "This": true, "That": true, "These": true, "Those": true, "But": true, "And": true,
	"In": true, "On": true, "At": true, "However": true, "Meanwhile": true, "Officials": true,
}
