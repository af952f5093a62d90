package clean

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"golang.org/x/text/unicode/norm"
)

// Repair reasons recorded in sitrep.Repair.Reason.
const (
	RepairInvalidUTF8 = "invalid_utf8"    // bytes that are not UTF-8, decoded as Windows-1252
	RepairControl     = "control_char"    // control characters removed, CR/CRLF made LF, tab made space
	RepairMojibake    = "mojibake"        // UTF-8 that was decoded as Windows-1252/Latin-1 ("â€™" → "’")
	RepairSpace       = "space"           // non-breaking and other odd spaces made plain spaces
	RepairZeroWidth   = "zero_width"      // zero-width characters and soft hyphens removed
	RepairNFC         = "nfc"             // Unicode NFC normalisation
	RepairQuotes      = "quote_style"     // a straight quote in a curly pair made curly
	RepairCase        = "case_after_abbr" // "U.S. Talks" → "U.S. talks": capital after an abbreviation
	RepairElided      = "repairs_elided"  // summary of repairs not listed one by one
)

// Flag kinds set by cleaning (sitrep.Flag.Kind).
const (
	FlagBlankedSlot = "blanked_slot" // text was cut out of the sentence ("met … on , with")
	FlagLostWord    = "lost_word"    // a stray symbol stands where a word was lost ("Iran’s ∫ which")
)

// maxRepairs bounds how many repairs one article lists one by one; the rest are counted in a
// single RepairElided entry, so garbage input cannot produce millions of entries.
const maxRepairs = 500

// edit replaces s[start:end] with to.
type edit struct {
	start, end int
	to         string
	reason     string
}

// repairLog collects repairs for one article, bounded by maxRepairs.
type repairLog struct {
	list   []sitrep.Repair
	elided int
}

func (rl *repairLog) add(from, to, reason string) {
	if len(rl.list) >= maxRepairs {
		rl.elided++
		return
	}
	if len(from) > 200 {
		from = truncRunes(from, 200) + "…"
	}
	rl.list = append(rl.list, sitrep.Repair{From: from, To: to, Reason: reason})
}

func (rl *repairLog) result() []sitrep.Repair {
	if rl.elided > 0 {
		rl.list = append(rl.list, sitrep.Repair{Reason: RepairElided, To: fmt.Sprintf("%d more repairs not listed", rl.elided)})
	}
	return rl.list
}

func truncRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// offsetMap translates byte offsets in a text before a set of edits into offsets after them.
type offsetMap struct {
	edits []edit // sorted, non-overlapping
	delta []int  // cumulative length change after edits[i]
}

// applyEdits applies sorted, non-overlapping edits to s, logs them and returns the new text with
// the offset map.
func applyEdits(s string, edits []edit, log *repairLog) (string, offsetMap) {
	if len(edits) == 0 {
		return s, offsetMap{}
	}
	var b strings.Builder
	b.Grow(len(s))
	m := offsetMap{edits: edits, delta: make([]int, len(edits))}
	pos, d := 0, 0
	for i, e := range edits {
		b.WriteString(s[pos:e.start])
		b.WriteString(e.to)
		if log != nil {
			log.add(s[e.start:e.end], e.to, e.reason)
		}
		pos = e.end
		d += len(e.to) - (e.end - e.start)
		m.delta[i] = d
	}
	b.WriteString(s[pos:])
	return b.String(), m
}

// pos maps an offset of the old text to the new text. An offset inside an edited span maps to
// the start of its replacement.
func (m offsetMap) pos(off int) int {
	if len(m.edits) == 0 {
		return off
	}
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].end > off })
	d := 0
	if i > 0 {
		d = m.delta[i-1]
	}
	if i < len(m.edits) && m.edits[i].start <= off && off < m.edits[i].end {
		return m.edits[i].start + d
	}
	return off + d
}

// sanitizeEdits returns the edits that make s valid, control-free UTF-8 with LF line ends: bytes
// that are not UTF-8 are decoded as Windows-1252 (the usual reason for them), CR and CRLF become
// LF, tabs and other C0 controls become a space or are removed. C1 controls are left for the
// mojibake repair, which needs them, and removed afterwards by charEdits.
func sanitizeEdits(s string) []edit {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c == 0x7f {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return nil
	}
	var edits []edit
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					edits = append(edits, edit{i, i + 1, "", RepairControl})
				} else {
					edits = append(edits, edit{i, i + 1, "\n", RepairControl})
				}
			case c == '\t' || c == '\v' || c == '\f':
				edits = append(edits, edit{i, i + 1, " ", RepairControl})
			case c < 0x20 && c != '\n' || c == 0x7f:
				edits = append(edits, edit{i, i + 1, "", RepairControl})
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			j := i
			var to strings.Builder
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 != utf8.RuneError || n2 != 1 {
					break
				}
				to.WriteRune(cp1252Rune(s[j]))
				j++
			}
			edits = append(edits, edit{i, j, to.String(), RepairInvalidUTF8})
			i = j
			continue
		}
		i += n
	}
	return edits
}

// cp1252High maps bytes 0x80..0x9F to their Windows-1252 characters (0 where undefined).
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// cp1252Rune decodes one byte as Windows-1252; undefined bytes become U+FFFD.
func cp1252Rune(c byte) rune {
	if c < 0x80 || c >= 0xA0 {
		return rune(c)
	}
	if r := cp1252High[c-0x80]; r != 0 {
		return r
	}
	return utf8.RuneError
}

// cp1252Byte returns the Windows-1252 (or Latin-1, for C1 controls) byte that r came from when
// UTF-8 text was decoded as Windows-1252, and whether r is such a character at all.
func cp1252Byte(r rune) (byte, bool) {
	switch {
	case r >= 0x80 && r <= 0xFF:
		return byte(r), true
	case r < 0x80:
		return 0, false
	}
	for i, c := range cp1252High {
		if c == r && c != 0 {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// plausibleRepaired reports whether r is a character that mojibake commonly hides: Latin letters
// with diacritics, Greek, Cyrillic, Hebrew, Arabic, general punctuation, currency and letterlike
// symbols. Anything else (a CJK ideograph out of three Latin letters) is left alone.
func plausibleRepaired(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F, r >= 0x370 && r <= 0x6FF, r >= 0x2000 && r <= 0x214F:
		return true
	}
	return false
}

// mojibakeEdits finds UTF-8 sequences that were decoded as Windows-1252 ("â€™", "Ã©") and
// returns edits restoring them.
func mojibakeEdits(s string) []edit {
	// fast path: every mojibake sequence starts with a lead byte 0xC2..0xF4 seen as Â..ô
	// (U+00C2..U+00F4 are encoded as 0xC3 0x82..0xB4)
	if strings.IndexByte(s, 0xC3) < 0 {
		return nil
	}
	var edits []edit
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xC2 || r > 0xF4 {
			i += n
			continue
		}
		// collect up to 4 Windows-1252 bytes starting here
		var buf [4]byte
		var ends [4]int
		k, j := 0, i
		for k < 4 && j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			c, ok := cp1252Byte(r2)
			if !ok {
				break
			}
			buf[k] = c
			j += n2
			ends[k] = j
			k++
		}
		need := 0
		switch lead := buf[0]; {
		case lead >= 0xC2 && lead <= 0xDF:
			need = 2
		case lead >= 0xE0 && lead <= 0xEF:
			need = 3
		case lead >= 0xF0 && lead <= 0xF4:
			need = 4
		}
		if k >= need && need > 0 {
			dr, dn := utf8.DecodeRune(buf[:need])
			if dr != utf8.RuneError && dn == need && plausibleRepaired(dr) {
				edits = append(edits, edit{i, ends[need-1], string(dr), RepairMojibake})
				i = ends[need-1]
				continue
			}
		}
		// "â€" whose third byte (0x9D, undefined in Windows-1252) was dropped: a closing quote
		if k == 2 && buf[0] == 0xE2 && buf[1] == 0x80 {
			edits = append(edits, edit{i, ends[1], "”", RepairMojibake})
			i = ends[1]
			continue
		}
		i += n
	}
	return edits
}

// charEdits turns odd spaces into plain spaces, removes zero-width characters, soft hyphens and
// C1 controls.
func charEdits(s string) []edit {
	var edits []edit
	for i, r := range s {
		if r < 0x80 {
			continue
		}
		n := utf8.RuneLen(r)
		switch {
		case r == 0xA0 || r == 0x202F || r == 0x205F || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x1680:
			edits = append(edits, edit{i, i + n, " ", RepairSpace})
		case r == 0x200B || r == 0xFEFF || r == 0x2060 || r == 0xAD || r == 0x180E:
			edits = append(edits, edit{i, i + n, "", RepairZeroWidth})
		case r >= 0x80 && r <= 0x9F:
			edits = append(edits, edit{i, i + n, "", RepairControl})
		case r == 0x2028 || r == 0x2029:
			edits = append(edits, edit{i, i + n, "\n", RepairControl})
		}
	}
	return edits
}

// nfcEdits normalises every whitespace-separated word that is not in NFC.
func nfcEdits(s string) []edit {
	if norm.NFC.IsNormalString(s) {
		return nil
	}
	var edits []edit
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if !norm.NFC.IsNormalString(w) {
			edits = append(edits, edit{start, end, norm.NFC.String(w), RepairNFC})
		}
		start = -1
	}
	for i, r := range s {
		if r == ' ' || r == '\n' {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(s))
	return edits
}

// quoteEdits keeps double quotes consistent inside each paragraph. The convention: a paragraph
// that uses curly double quotes uses them throughout, so a straight '"' in it becomes “ or ” by
// position (opening after a space, a bracket or the paragraph start, closing otherwise); a
// paragraph with straight quotes only is left as it is.
func quoteEdits(s string) []edit {
	if !strings.Contains(s, `"`) || !hasCurlyDouble(s) {
		return nil
	}
	var edits []edit
	for p := 0; p < len(s); {
		end := strings.Index(s[p:], "\n")
		if end < 0 {
			end = len(s)
		} else {
			end += p
		}
		para := s[p:end]
		if strings.Contains(para, `"`) && hasCurlyDouble(para) {
			for i := 0; i < len(para); i++ {
				if para[i] != '"' {
					continue
				}
				prev, _ := utf8.DecodeLastRuneInString(para[:i])
				open := i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/‘", prev)
				to := "”"
				if open {
					to = "“"
				}
				edits = append(edits, edit{p + i, p + i + 1, to, RepairQuotes})
			}
		}
		p = end + 1
	}
	return edits
}

// hasCurlyDouble reports whether s contains a curly double quote (“ or ”).
func hasCurlyDouble(s string) bool {
	return strings.Contains(s, "“") || strings.Contains(s, "”")
}

// runPass computes edits on the text, applies them and maps the article's located flags.
func runPass(a *sitrep.Article, log *repairLog, pass func(string) []edit) {
	edits := pass(a.Text)
	if len(edits) == 0 {
		return
	}
	var m offsetMap
	a.Text, m = applyEdits(a.Text, edits, log)
	for i := range a.Flags {
		f := &a.Flags[i]
		if f.Start == 0 && f.End == 0 {
			continue
		}
		f.Start, f.End = m.pos(f.Start), m.pos(f.End)
	}
}

// repair fixes typographic damage in a.Text and a.Title for both input paths and records every
// change in a.Repairs: invalid UTF-8 and control characters, mojibake, odd spaces and zero-width
// characters, NFC, mixed quote styles and, for English text, capitals left after abbreviations.
// It then flags blanked slots and lost words in the final text. Flags set earlier with offsets
// are kept valid.
func (c *Cleaner) repair(a *sitrep.Article) {
	var log repairLog
	generic := []func(string) []edit{sanitizeEdits, mojibakeEdits, charEdits, nfcEdits, quoteEdits}
	for _, pass := range generic {
		a.Title, _ = applyEdits(a.Title, pass(a.Title), &log)
		runPass(a, &log, pass)
	}
	a.Title = strings.TrimSpace(a.Title)
	if a.Language == "" {
		a.Language = DetectLanguage(a.Text)
	}
	if a.Language == "en" || a.Language == "und" {
		a.Title, _ = applyEdits(a.Title, caseEdits(a.Title), &log)
		runPass(a, &log, caseEdits)
	}
	a.Repairs = append(a.Repairs, log.result()...)
	a.Flags = append(a.Flags, slotFlags(a.Text)...)
}
