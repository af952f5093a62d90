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
	// shape records what the token's bytes contain (shape* bits); it fits in padding, so Token
	// stays 32 bytes.
	shape uint8
	// Sent is the index of the sentence the token belongs to.
	Sent int
}

// Bits of Token.shape.
const (
	shapeKnown     uint8 = 1 << iota // set by Parse: the other bits are reliable
	shapeUpper                       // an ASCII upper-case letter
	shapeNonASCII                    // a byte outside ASCII
	shapeHyphen                      // a '-'
	shapeLineAfter                   // a line feed between this token and the next (or the end)
)

// LowerASCII reports whether the token's text is all ASCII with no upper-case letter, so that it
// is its own lower-case form. known is false for a token not made by Parse, whose bytes were not
// examined.
func (t Token) LowerASCII() (lower, known bool) {
	return t.shape&(shapeUpper|shapeNonASCII) == 0, t.shape&shapeKnown != 0
}

// ASCII reports whether the token's text is all ASCII; known is as for LowerASCII.
func (t Token) ASCII() (ascii, known bool) {
	return t.shape&shapeNonASCII == 0, t.shape&shapeKnown != 0
}

// HasHyphen reports whether the token's text contains '-' ("cease-fire"); known is as for
// LowerASCII.
func (t Token) HasHyphen() (hyphen, known bool) {
	return t.shape&shapeHyphen != 0, t.shape&shapeKnown != 0
}

// shapeOf computes the shape of w byte by byte (for tokens the tokenizer did not scan).
func shapeOf(w string) uint8 {
	sh := shapeKnown
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case c >= utf8.RuneSelf:
			sh |= shapeNonASCII
		case 'A' <= c && c <= 'Z':
			sh |= shapeUpper
		case c == '-':
			sh |= shapeHyphen
		}
	}
	return sh
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
func (d *Doc) Lower(i int) string {
	if lower, known := d.Tokens[i].LowerASCII(); lower && known {
		return d.Tok(i)
	}
	return strings.ToLower(d.Tok(i))
}

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
	toks := d.Tokens // a local slice: appends stay in registers
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			switch asciiClass[c] {
			case cSpace:
				if c == '\n' && len(toks) > 0 {
					toks[len(toks)-1].shape |= shapeLineAfter
				}
				i++
			case cLower, cUpper:
				// The run of letters and digits is scanned here; wordEnd takes over only when
				// it stops at a byte that may continue the word ("cease-fire", "U.S.", "don't").
				sh := shapeKnown | wordByte[c]
				j := i + 1
				for j < len(s) {
					k := wordByte[s[j]]
					if k == 0 {
						break
					}
					sh |= k
					j++
				}
				if j < len(s) && wordGlue[s[j]] {
					j, sh = wordEnd(s, i, j, sh)
				}
				toks = append(toks, Token{Start: i, End: j, Kind: Word, Cap: c <= 'Z', shape: sh &^ shapeLetter})
				i = j
				if i < len(s) && s[i] == ' ' {
					i++ // the usual single space, without another turn of the loop
				}
			case cDigit:
				j, sh := numberEnd(s, i)
				toks = append(toks, Token{Start: i, End: j, Kind: Number, shape: sh})
				i = j
			case cApos:
				j, k := apostropheEnd(s, i, 1, len(toks) > 0 && toks[len(toks)-1].End == i)
				toks = append(toks, Token{Start: i, End: j, Kind: k, shape: shapeOf(s[i:j])})
				i = j
			case cQuote:
				toks = append(toks, Token{Start: i, End: i + 1, Kind: Quote, shape: shapeKnown})
				i++
			default:
				sh := shapeKnown
				if c == '-' {
					sh |= shapeHyphen
				}
				toks = append(toks, Token{Start: i, End: i + 1, Kind: Punct, shape: sh})
				i++
				if i < len(s) && s[i] == ' ' {
					i++
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		const other = shapeKnown | shapeNonASCII
		switch {
		case unicode.IsSpace(r):
			i += n
		case isLetter(r):
			j, sh := wordEnd(s, i, i+n, other)
			toks = append(toks, Token{Start: i, End: j, Kind: Word, Cap: unicode.IsUpper(r), shape: sh})
			i = j
		case isApos(r):
			j, k := apostropheEnd(s, i, n, len(toks) > 0 && toks[len(toks)-1].End == i)
			toks = append(toks, Token{Start: i, End: j, Kind: k, shape: shapeOf(s[i:j])})
			i = j
		case isQuoteRune(r):
			toks = append(toks, Token{Start: i, End: i + n, Kind: Quote, shape: other})
			i += n
		default:
			// n is 1 for a byte that is not valid UTF-8: still outside ASCII
			toks = append(toks, Token{Start: i, End: i + n, Kind: Punct, shape: other})
			i += n
		}
	}
	d.Tokens = toks
}

// wordEnd returns the end of the word that starts at i and whose first letter ends at j, and
// the word's shape: sh (the first letter's) with the bits of the other bytes added.
func wordEnd(s string, i, j int, sh uint8) (int, uint8) {
	// seg is where the word's last period-separated segment starts. A period joins the word
	// only while every segment before it is one letter ("U.S.", "p.m."), so checking the last
	// segment is enough; rescanning the whole word at each period made "a.a.a.a…" quadratic.
	seg := i
	for j < len(s) {
		// the common case, a run of ASCII letters and digits, in a tight loop
		for j < len(s) {
			k := wordByte[s[j]]
			if k == 0 {
				break
			}
			sh |= k
			j++
		}
		if j >= len(s) {
			break
		}
		c := s[j]
		var r2 rune
		n2 := 1
		if c < utf8.RuneSelf {
			if c != '-' && c != '.' && c != '&' && c != '\'' {
				return j, sh &^ shapeLetter
			}
			r2 = rune(c)
		} else {
			r2, n2 = utf8.DecodeRuneInString(s[j:])
			if isLetter(r2) {
				sh |= shapeNonASCII
				j += n2
				continue
			}
			if r2 != '’' {
				return j, sh &^ shapeLetter
			}
		}
		// inner hyphen, period (U.S.), apostrophe (don't, O'Brien) followed by a letter
		r3, _ := decode(s, j+n2)
		if isLetter(r3) {
			if isApos(r2) && (r3 == 's' || r3 == 'S') {
				// possessive 's: stop unless more letters follow ("it's" handled as possessive too)
				r4, _ := decode(s, j+n2+1)
				if !isLetter(r4) {
					return j, sh &^ shapeLetter
				}
			}
			if r2 == '.' {
				// only single-letter segments form abbreviations: U.S., U.N., p.m.
				if j-i > 1 && !oneRune(s[seg:j]) {
					return j, sh &^ shapeLetter
				}
				seg = j + n2
			}
			switch r2 {
			case '-':
				sh |= shapeHyphen
			case '’':
				sh |= shapeNonASCII
			}
			j += n2
			continue
		}
		if r2 == '.' && seg > i && oneRune(s[seg:j]) {
			// trailing period of a dotted abbreviation: "U.S." keeps it
			j += n2
		}
		return j, sh &^ shapeLetter
	}
	return j, sh &^ shapeLetter
}

// shapeLetter is a scratch bit of wordEnd: wordByte gives it to every ASCII letter and digit so
// that the table's zero means "not a letter or digit"; it is cleared from the result.
const shapeLetter uint8 = 1 << 7

// wordGlue marks the bytes after a run of letters at which the word may go on: '-', '.', '&',
// the apostrophe, and every byte outside ASCII (a letter or ’).
var wordGlue = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || c == '-' || c == '.' || c == '&' || c == '\''
	}
	return t
}()

// wordByte gives each ASCII letter and digit its shape bits plus shapeLetter, and 0 to any other
// byte.
var wordByte = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch asciiClass[c] {
		case cLower, cDigit:
			t[c] = shapeLetter
		case cUpper:
			t[c] = shapeLetter | shapeUpper
		}
	}
	return t
}()

// numberEnd returns the end and shape of the number token that starts at i.
func numberEnd(s string, i int) (int, uint8) {
	sh := shapeKnown
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
		if c >= 'a' && c <= 'z' {
			j++
			continue
		}
		if c >= 'A' && c <= 'Z' {
			sh |= shapeUpper
			j++
			continue
		}
		break
	}
	return j, sh
}

// apostropheEnd returns the end and kind of the possessive or quote token for the apostrophe of
// n bytes at i; glued is true when the previous token ends at i.
func apostropheEnd(s string, i, n int, glued bool) (int, Kind) {
	r2, n2 := decode(s, i+n)
	if (r2 == 's' || r2 == 'S') && glued {
		r3, _ := decode(s, i+n+n2)
		if !isLetter(r3) {
			return i + n + n2, Possessive
		}
	}
	return i + n, Quote
}

// oneRune reports whether w is exactly one rune (an invalid byte counts as one).
func oneRune(w string) bool {
	if len(w) == 0 {
		return false
	}
	if w[0] < utf8.RuneSelf {
		return len(w) == 1
	}
	_, n := utf8.DecodeRuneInString(w)
	return n == len(w)
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
	if len(toks) == 0 {
		return
	}
	sents := make([]Span, 0, len(toks)/24+4)
	start := 0 // token index of the current sentence's first token
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		// line breaks always end a sentence
		if i > start && toks[i-1].shape&shapeLineAfter != 0 {
			sents = emitSentence(toks, sents, start, i)
			start = i
		}
		end := false
		switch t.Kind {
		case Punct:
			switch s[t.Start] {
			case '!', '?':
				end = true
			case '.':
				end = true
				if i > 0 && toks[i-1].End == t.Start && toks[i-1].Kind == Word {
					w := s[toks[i-1].Start:toks[i-1].End]
					if isAbbreviation(w) || (len(w) == 1 && toks[i-1].Cap) {
						end = false
					}
				}
			}
		case Word:
			if s[t.End-1] != '.' {
				break
			}
			// dotted abbreviation "U.S." ends a sentence only if followed by a capitalised
			// sentence starter after whitespace and the abbreviation is not a known name-like one.
			// We treat it as ending when the next token is a quote or a capitalised function word.
			if i+1 < len(toks) {
				n := toks[i+1]
				if n.Cap && sentenceStarters[s[n.Start:n.End]] {
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
			if c := s[n.Start]; c < utf8.RuneSelf {
				if 'a' <= c && c <= 'z' {
					continue
				}
			} else if r, _ := utf8.DecodeRuneInString(s[n.Start:n.End]); unicode.IsLower(r) {
				continue
			}
		}
		if j > start {
			sents = emitSentence(toks, sents, start, j)
			start = j
		}
		i = j - 1
	}
	if len(toks) > start {
		sents = emitSentence(toks, sents, start, len(toks))
	}
	d.Sentences = sents
}

// emitSentence appends the sentence of tokens [start, end) (start < end) to sents and marks its
// tokens.
func emitSentence(toks []Token, sents []Span, start, end int) []Span {
	n := len(sents)
	for k := start; k < end; k++ {
		toks[k].Sent = n
	}
	return append(sents, Span{Start: toks[start].Start, End: toks[end-1].End, TokStart: start, TokEnd: end})
}

// sentenceStarters are capitalised words that, after "U.S." and similar, usually begin a new
// sentence rather than continue a name.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "This": true, "That": true, "These": true, "Those": true, "But": true, "And": true,
	"In": true, "On": true, "At": true, "However": true, "Meanwhile": true, "Officials": true,
}
