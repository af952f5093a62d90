package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/text"
)

// qspan is a quoted passage: its marks as token indexes and its content as bytes.
type qspan struct {
	open   int // token index of the opening mark
	ow     int // tokens in the opening mark (2 for a '' pair)
	end    int // exclusive token index just past the closing mark (or past the last content token)
	closed bool
	cs, ce int // content byte span, without the marks
	parent int // index of the enclosing quote, or -1
}

// maxQuoteBytes bounds a quotation: a passage longer than this is treated as a stray mark.
const maxQuoteBytes = 8000

func runeBefore(s string, i int) rune {
	if i <= 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func openerContext(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
}

func wordy(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '…' || r == '(' || r == '['
}

// findQuotes pairs the quotation marks of d. Double marks (straight or curly) form the outer
// level; single marks are recognised inside a double-quoted passage only, where they nest. A
// passage left open at a paragraph break continues when the next paragraph opens with a quotation
// mark (the news convention for multi-paragraph quotes); otherwise it ends with the paragraph.
func findQuotes(d *text.Doc) []qspan {
	s := d.Text
	toks := d.Tokens
	var qs []qspan
	outer, inner := -1, -1
	closeQ := func(q, endTok, closeStart int, closed bool) {
		p := &qs[q]
		p.end = endTok
		p.closed = closed
		p.cs = toks[p.open+max(p.ow, 1)-1].End
		p.ce = closeStart
		for p.cs < p.ce && unicode.IsSpace(runeAt(s, p.cs)) {
			p.cs++
		}
		for p.ce > p.cs && unicode.IsSpace(runeBefore(s, p.ce)) {
			p.ce--
		}
		// the comma of “…,” he said belongs to the sentence, not to the words quoted
		for p.ce > p.cs && (s[p.ce-1] == ',' || unicode.IsSpace(runeBefore(s, p.ce))) {
			p.ce--
		}
	}
	drop := func(q int) { qs[q].end = -1 }
	twin := -1 // the second apostrophe of a '' mark
	for i, t := range toks {
		if outer >= 0 && i > 0 && strings.IndexByte(s[toks[i-1].End:t.Start], '\n') >= 0 {
			if inner >= 0 {
				drop(inner)
				inner = -1
			}
			r := runeAt(s, t.Start)
			if t.Kind == text.Quote && (r == '“' || r == '"' || r == '«' || r == '„') {
				continue // the quotation goes on in this paragraph
			}
			closeQ(outer, i, toks[i-1].End, false)
			outer = -1
		}
		if outer >= 0 && t.Start-toks[qs[outer].open].End > maxQuoteBytes {
			drop(outer)
			outer, inner = -1, -1
		}
		if t.Kind != text.Quote {
			continue
		}
		r := runeAt(s, t.Start)
		prev := runeBefore(s, t.Start)
		next := runeAt(s, t.End)
		if r == '\'' && next == '\'' && i+1 < len(toks) && toks[i+1].Start == t.End {
			// two apostrophes stand for a double quotation mark in some wire copy
			r = '"'
			twin = i + 1
			next = runeAt(s, t.End+1)
		} else if twin == i {
			continue
		}
		switch r {
		case '“', '„', '«':
			if outer >= 0 {
				if inner >= 0 {
					drop(inner)
					inner = -1
				}
				closeQ(outer, i, t.Start, false)
			}
			qs = append(qs, qspan{open: i, parent: -1})
			outer = len(qs) - 1
		case '”', '»':
			if outer >= 0 {
				if inner >= 0 {
					drop(inner)
					inner = -1
				}
				closeQ(outer, i+1, t.Start, true)
				outer = -1
			}
		case '"':
			switch {
			case outer < 0:
				if unicode.IsSpace(next) && !openerContext(prev) {
					continue // a stray closing mark
				}
				ow := 1
				if twin == i+1 {
					ow = 2
				}
				qs = append(qs, qspan{open: i, ow: ow, parent: -1})
				outer = len(qs) - 1
			default:
				if inner >= 0 {
					drop(inner)
					inner = -1
				}
				w := 1
				if twin == i+1 {
					w = 2
				}
				closeQ(outer, i+w, t.Start, true)
				outer = -1
			}
		case '‘', '\'', '‹':
			if outer >= 0 && inner < 0 && (openerContext(prev) || i == qs[outer].open+1 || prev == '"' || prev == '“') && wordy(next) {
				qs = append(qs, qspan{open: i, parent: outer})
				inner = len(qs) - 1
			} else if inner >= 0 && r == '\'' && !unicode.IsSpace(prev) {
				closeQ(inner, i+1, t.Start, true)
				inner = -1
			}
		case '’', '›':
			if inner >= 0 && !unicode.IsSpace(prev) {
				closeQ(inner, i+1, t.Start, true)
				inner = -1
			}
		}
	}
	if inner >= 0 {
		drop(inner)
	}
	if outer >= 0 {
		closeQ(outer, len(toks), toks[len(toks)-1].End, false)
	}
	// keep well-formed, non-empty passages; remap parents
	keep := make([]int, len(qs))
	out := qs[:0:0]
	for i, q := range qs {
		keep[i] = -1
		if q.end <= q.open || q.ce <= q.cs {
			continue
		}
		if q.parent >= 0 {
			if keep[q.parent] < 0 {
				continue
			}
			q.parent = keep[q.parent]
		}
		keep[i] = len(out)
		out = append(out, q)
	}
	return out
}
