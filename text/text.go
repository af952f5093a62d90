package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word       Kind = iota // letters, possibly with inner hyphens, apostrophes or periods ("U.S.", "cease-fire")
	Number                 // digits, possibly with separators ("1,800", "7.4", "2024")
	Punct                  // any other single symbol
	Quote                  // a quotation mark: " “ ” ' ‘ ’ « »
	Possessive             // "'s" or "’s" (and a bare trailing apostrophe after s)
)

// Token is one token: Text[Start:End] of the document.
type Token struct {
	Start, End int
	Kind       Kind
	// Cap is true when the token starts with an upper-case letter.
	Cap bool
	// Sent is the index of the sentence the token belongs to.
	Sent int
}

// Span is a byte range [Start, End) of the document, with the range of its tokens [TokStart, TokEnd).
type Span struct {
	Start, End       int
	TokStart, TokEnd int
}

// Doc is a tokenised, sentence-split text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Span
}

// Tok returns the text of token i.
func (d *Doc) Tok(i int) string { t := d.Tokens[i]; return d.Text[t.Start:t.End] }

// Lower returns the lower-cased text of token i.
func (d *Doc) Lower(i int) string { return strings.ToLower(d.Tok(i)) }

// SentenceText returns the text of sentence i.
func (d *Doc) SentenceText(i int) string { s := d.Sentences[i]; return d.Text[s.Start:s.End] }

// SentenceAt returns the index of the sentence containing byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)-1
	for lo <= hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case off < s.Start:
			hi = m - 1
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// TokenAt returns the index of the first token whose end is after off, or len(Tokens).
func (d *Doc) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Parse tokenises text and splits it into sentences.
func Parse(s string) *Doc {
	d := &Doc{Text: s, Tokens: make([]Token, 0, len(s)/5+16)}
	tokenize(d)
	splitSentences(d)
	return d
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '‹', '›':
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// ASCII byte classes for the tokenizer's fast path.
const (
	cOther uint8 = iota
	cSpace
	cLower
	cUpper
	cDigit
	cApos  // '
	cQuote // "
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range "\t\n\v\f\r " {
		t[c] = cSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower
		t[c-'a'+'A'] = cUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	t['\''] = cApos
	t['"'] = cQuote
	return t
}()

func tokenize(d *Doc) {
	s := d.Text
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			switch asciiClass[c] {
			case cSpace:
				i++
			case cLower, cUpper:
				j := wordEnd(s, i, i+1)
				d.add(i, j, Word, asciiClass[c] == cUpper)
				i = j
			case cDigit:
				i = d.number(s, i)
			case cApos:
				i = d.apostrophe(s, i, 1)
			case cQuote:
				d.add(i, i+1, Quote, false)
				i++
			default:
				d.add(i, i+1, Punct, false)
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isLetter(r):
			j := wordEnd(s, i, i+n)
			d.add(i, j, Word, unicode.IsUpper(r))
			i = j
		case isApos(r):
			i = d.apostrophe(s, i, n)
		case isQuoteRune(r):
			d.add(i, i+n, Quote, false)
			i += n
		default:
			d.add(i, i+n, Punct, false)
			i += n
		}
	}
}

// wordEnd returns the end of the word that starts at i and whose first letter ends at j.
func wordEnd(s string, i, j int) int {
	for j < len(s) {
		c := s[j]
		var r2 rune
		n2 := 1
		if c < utf8.RuneSelf {
			if k := asciiClass[c]; k == cLower || k == cUpper || k == cDigit {
				j++
				continue
			}
			if c != '-' && c != '.' && c != '&' && c != '\'' {
				return j
			}
			r2 = rune(c)
		} else {
			r2, n2 = utf8.DecodeRuneInString(s[j:])
			if isLetter(r2) {
				j += n2
				continue
			}
			if r2 != '’' {
				return j
			}
		}
		// inner hyphen, period (U.S.), apostrophe (don't, O'Brien) followed by a letter
		r3, _ := decode(s, j+n2)
		if isLetter(r3) {
			if isApos(r2) && (r3 == 's' || r3 == 'S') {
				// possessive 's: stop unless more letters follow ("it's" handled as possessive too)
				r4, _ := decode(s, j+n2+1)
				if !isLetter(r4) {
					return j
				}
			}
			if r2 == '.' {
				// only single-letter segments form abbreviations: U.S., U.N., p.m.
				if j-i > 1 && !isAbbrevRun(s[i:j]) {
					return j
				}
			}
			j += n2
			continue
		}
		if r2 == '.' && isAbbrevRun(s[i:j]) {
			// trailing period of a dotted abbreviation: "U.S." keeps it
			if strings.IndexByte(s[i:j], '.') >= 0 {
				j += n2
			}
		}
		return j
	}
	return j
}

// number adds the number token starting at i and returns its end.
func (d *Doc) number(s string, i int) int {
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
	d.add(i, j, Number, false)
	return j
}

// apostrophe adds the possessive or quote token for the apostrophe of n bytes at i and returns
// its end.
func (d *Doc) apostrophe(s string, i, n int) int {
	r2, n2 := decode(s, i+n)
	if (r2 == 's' || r2 == 'S') && len(d.Tokens) > 0 && d.Tokens[len(d.Tokens)-1].End == i {
		r3, _ := decode(s, i+n+n2)
		if !isLetter(r3) {
			d.add(i, i+n+n2, Possessive, false)
			return i + n + n2
		}
	}
	d.add(i, i+n, Quote, false)
	return i + n
}

// isAbbrevRun reports whether w looks like a dotted single-letter abbreviation so far ("U", "U.S"):
// every segment between periods is exactly one rune.
func isAbbrevRun(w string) bool {
	runes := 0
	for k := 0; k < len(w); {
		if w[k] == '.' {
			if runes != 1 {
				return false
			}
			runes = 0
			k++
			continue
		}
		if w[k] < utf8.RuneSelf {
			k++
		} else {
			_, n := utf8.DecodeRuneInString(w[k:])
			k += n
		}
		runes++
	}
	return runes == 1
}

func (d *Doc) add(start, end int, k Kind, capital bool) {
	d.Tokens = append(d.Tokens, Token{Start: start, End: end, Kind: k, Cap: capital})
}

// abbreviations after which a period does not end a sentence (lower-case, without the period).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "rev": true, "hon": true, "amb": true, "sec": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "no": true, "vs": true, "etc": true, "inc": true,
	"corp": true, "co": true, "ltd": true, "gov't": true, "approx": true, "dept": true, "est": true, "fig": true,
	"mt": true, "ft": true, "ave": true, "blvd": true, "u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true,
	"a.m": true, "p.m": true,
}

// isAbbreviation reports whether w (without its period) is in abbreviations, ignoring case.
func isAbbreviation(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false // the longest abbreviation has 6 bytes
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return abbreviations[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return abbreviations[string(buf[:len(w)])]
}

// splitSentences groups tokens into sentences. A sentence ends at . ! ? (plus closing quotes and
// brackets) followed by a token that can start a sentence, or at a blank line / line break.
func splitSentences(d *Doc) {
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
				w := s[toks[i-1].Start:toks[i-1].End]
				if isAbbreviation(w) || (len(w) == 1 && toks[i-1].Cap) {
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
				if n.Cap && sentenceStarters[nw] {
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

// sentenceStarters are capitalised words that, after "U.S." and similar, usually begin a new
// sentence rather than continue a name.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "This": true, "That": true, "These": true, "Those": true, "But": true, "And": true,
	"In": true, "On": true, "At": true, "However": true, "Meanwhile": true, "Officials": true,
}
