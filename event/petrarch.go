package event

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// This file reads PETRARCH's dictionary formats (petrarch2 docs/source/dictionaries.rst and the
// comments of PETRreader.py describe them) into the coder's own structures, so that existing
// verb, actor and agent dictionaries can be plugged in. The readers cover the parts of the
// formats a shallow coder can use: synonym sets, verb blocks with their forms and patterns, and
// actor and agent phrases with their (dated) codes. Source ($), target (+) and compound (%)
// markers inside patterns are accepted and ignored: this coder finds roles by position.

// petrarchLines yields the lines of a PETRARCH dictionary without comments ("#" to the end of
// the line, and <!-- --> blocks).
func petrarchLines(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	inXML := false
	for sc.Scan() {
		n++
		line := sc.Text()
		if inXML {
			i := strings.Index(line, "-->")
			if i < 0 {
				continue
			}
			line, inXML = line[i+3:], false
		}
		for {
			i := strings.Index(line, "<!--")
			if i < 0 {
				break
			}
			j := strings.Index(line[i:], "-->")
			if j < 0 {
				line, inXML = line[:i], true
				break
			}
			line = line[:i] + line[i+j+3:]
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

// LoadPETRARCHVerbs reads a PETRARCH verb dictionary (CAMEO.2.0.txt format): synonym sets
// ("&NAME" with "+MEMBER" lines), verb blocks ("--- VERB [code] ---") listing the block's
// verbs with irregular forms in braces, and patterns ("- words * words [code]") where "*"
// stands for the block's verbs. Every verb of a block is also a pattern on its own, with the
// block's code. Codes "[---]" give null patterns; "[a:b]" codes a from source to target and b
// back from target to source.
func LoadPETRARCHVerbs(r io.Reader, name string) (*Verbs, error) {
	syn := map[string][]string{}
	var curSyn string
	type block struct {
		code, codeB string
		verbs       []string // alternatives in sitrep pattern syntax ("attack+", "break+ down")
		pats        [][3]string
		line        int
	}
	var blocks []*block
	var cur *block
	// Treebank splits "didn't" into "did n't"; our tokens keep it whole.
	joinNT := strings.NewReplacer(" N'T", "N'T", "_N'T", "N'T", " n't", "n't", "_n't", "n't")
	err := petrarchLines(r, func(n int, line string) error {
		t := joinNT.Replace(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(t, "&"):
			curSyn = strings.ToLower(strings.Fields(t)[0])
			curSyn = strings.TrimSuffix(curSyn, "_")
			syn[curSyn] = nil
			cur = nil
		case strings.HasPrefix(t, "+") && curSyn != "" && cur == nil:
			syn[curSyn] = append(syn[curSyn], strings.ToLower(strings.TrimSpace(t[1:])))
		case strings.HasPrefix(t, "---"):
			curSyn = ""
			inner := strings.Trim(t, "- ")
			cur = &block{line: n, code: bracketCode(inner), codeB: bracketCodeB(inner)}
			blocks = append(blocks, cur)
		case strings.HasPrefix(t, "-") && cur != nil:
			body, code, ok := strings.Cut(t[1:], "[")
			if !ok {
				return nil // pattern without a code: nothing to code
			}
			code, _, _ = strings.Cut(code, "]")
			cur.pats = append(cur.pats, [3]string{strings.TrimSpace(body), normPCode(code), normPCodeB(code)})
		case cur != nil:
			// a verb line: WORD {FORMS} [code], +WORD, MULTI_+WORD
			body := t
			forms := ""
			if i := strings.IndexByte(body, '{'); i >= 0 {
				j := strings.IndexByte(body[i:], '}')
				if j > 0 {
					forms = body[i+1 : i+j]
					body = body[:i] + body[i+j+1:]
				}
			}
			if i := strings.IndexByte(body, '['); i >= 0 {
				body = body[:i]
			}
			body = strings.TrimSpace(body)
			if body == "" {
				return nil
			}
			cur.verbs = append(cur.verbs, petrVerb(body)...)
			for _, f := range strings.Fields(forms) {
				cur.verbs = append(cur.verbs, strings.ReplaceAll(strings.ToLower(strings.ReplaceAll(f, "+", "")), "_", " "))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	v := NewVerbs()
	for _, b := range blocks {
		if len(b.verbs) == 0 {
			continue
		}
		verbAlt := "(" + strings.Join(b.verbs, "|") + ")"
		if b.code != "" {
			rule := &Rule{ID: fmt.Sprintf("%s:%d", name, b.line), Code: b.code, CodeB: b.codeB}
			if err := parsePattern(rule, verbAlt); err == nil {
				v.Add(rule)
			}
			// the forms written in the block win over forms inflected from another block's verb
			// ("MET [031:032]" over the past tense of "MEET [031:031]")
			exact := strings.ReplaceAll(verbAlt, "+", "")
			rule = &Rule{ID: fmt.Sprintf("%s:%d", name, b.line), Code: b.code, CodeB: b.codeB, bonus: 1}
			if err := parsePattern(rule, exact); err == nil {
				v.Add(rule)
			}
		}
		for _, p := range b.pats {
			pat, ok := petrPattern(p[0], verbAlt, syn)
			if !ok {
				continue
			}
			rule := &Rule{ID: fmt.Sprintf("%s:%d", name, b.line), Code: p[1], CodeB: p[2]}
			if strings.Contains(p[0], "%") {
				// "%" asks for a compound subject whose members act on one another
				rule.bonus, rule.Recip = 2, true
			}
			if err := parsePattern(rule, pat); err != nil {
				continue // patterns this coder cannot express are skipped
			}
			v.Add(rule)
		}
	}
	return v, nil
}

// bracketCode returns the code inside the first [...] of s, normalised.
func bracketCode(s string) string {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return ""
	}
	return normPCode(s[i+1 : i+j])
}

// bracketCodeB returns the target-side code of "[a:b]" inside s, or "".
func bracketCodeB(s string) string {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return ""
	}
	return normPCodeB(s[i+1 : i+j])
}

// normPCodeB returns the target-side code of "a:b" ("" when there is none).
func normPCodeB(c string) string {
	_, b, ok := strings.Cut(strings.TrimSpace(c), ":")
	if !ok {
		return ""
	}
	return normPCode(b)
}

// normPCode keeps the source-side code of "a:b": "075A" stays "075A", "---" gives "".
func normPCode(c string) string {
	c, _, _ = strings.Cut(strings.TrimSpace(c), ":")
	var b strings.Builder
	for _, r := range c {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if !isCode(b.String()) {
		return ""
	}
	// a letter suffix marks a dictionary's own refinement of a CAMEO code ("174K"); it is
	// kept, and the codebook describes it by its numeric part
	if n := b.Len(); n < len(c) && strings.HasPrefix(c, b.String()) && isUpperWord(c[n:]) {
		return c
	}
	return b.String()
}

func isUpperWord(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

// petrVerb converts a PETRARCH verb phrase ("ATTACK", "+BREAK_DOWN", "WIRE_+TAP") into sitrep
// syntax: the marked word (or the only one) is inflected. A two-word phrase whose second word
// is the verb also gets its hyphenated form ("RE_+ESTABLISH" → "re-establish+").
func petrVerb(s string) []string {
	s = strings.ToLower(strings.TrimPrefix(s, "+"))
	words := strings.Split(s, "_")
	marked := -1
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			marked = i
			words[i] = strings.TrimPrefix(w, "+")
		}
	}
	if marked < 0 {
		marked = 0
	}
	var out []string
	for i, w := range words {
		if w == "" {
			continue
		}
		if i == marked {
			w += "+"
		}
		out = append(out, w)
	}
	forms := []string{strings.Join(out, " ")}
	if len(out) == 2 && marked == 1 {
		forms = append(forms, out[0]+"-"+out[1])
	}
	return forms
}

// petrPattern converts a PETRARCH pattern body into sitrep syntax: words joined by "_" stay
// adjacent, words separated by spaces may have a gap, "*" is the verb, "&SET" a synonym set.
func petrPattern(body, verbAlt string, syn map[string][]string) (string, bool) {
	body = strings.NewReplacer("{", " ", "}", " ", "(", " ", ")", " ").Replace(body)
	var out []string
	first := true
	hasVerb := false
	for _, tok := range strings.Fields(body) {
		parts := strings.Split(tok, "_")
		for pi, p := range parts {
			if p == "" || p == "$" || p == "+" || p == "%" || p == "^" || p == "|" {
				continue
			}
			p = strings.TrimLeft(p, "$+%^")
			if p == "" {
				continue
			}
			if pi == 0 && !first {
				out = append(out, "*")
			}
			first = false
			switch {
			case p == "*":
				out = append(out, verbAlt)
				hasVerb = true
			case strings.HasPrefix(p, "&"):
				members := expandSyn(strings.ToLower(p), syn, 0)
				if len(members) == 0 {
					return "", false
				}
				out = append(out, "("+strings.Join(members, "|")+")")
			default:
				out = append(out, strings.ToLower(p))
			}
		}
	}
	if !hasVerb || len(out) == 0 || out[0] == "*" {
		return "", false
	}
	return strings.Join(out, " "), true
}

// expandSyn returns the members of a synonym set in sitrep syntax (multi-word members spaced).
func expandSyn(name string, syn map[string][]string, depth int) []string {
	name = strings.TrimSuffix(name, "_")
	if depth > 4 {
		return nil
	}
	var out []string
	for _, m := range syn[name] {
		m = strings.TrimSpace(m)
		if strings.HasPrefix(m, "&") {
			out = append(out, expandSyn(m, syn, depth+1)...)
			continue
		}
		m = strings.ReplaceAll(m, "_", " ")
		if strings.ContainsAny(m, "&*$%()|") || strings.TrimSpace(m) == "" {
			continue
		}
		out = append(out, strings.Join(strings.Fields(m), " "))
	}
	return out
}

// LoadPETRARCHActors reads a PETRARCH actor dictionary: root phrases "NAME_WORDS [CODE]" (a
// trailing "_" asks for the exact phrase; otherwise the last word matches as a stem, TABARI
// style), synonym lines "+OTHER_NAME", and extra code lines "[CODE >YYMMDD]", "[CODE <YYMMDD]",
// "[CODE YYMMDD-YYMMDD]" that restrict codes to dates.
func LoadPETRARCHActors(r io.Reader, name string) (*Actors, error) {
	d := NewActors()
	var cur *ActorEntry
	err := petrarchLines(r, func(n int, line string) error {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "["):
			if cur != nil {
				if dc, ok := parsePDated(t); ok {
					cur.Codes = append(cur.Codes, dc)
				}
			}
		case strings.HasPrefix(t, "+"):
			if cur != nil {
				addPPhrase(d, strings.TrimSpace(t[1:]), cur)
			}
		default:
			phrase, rest, _ := strings.Cut(t, "[")
			cur = &ActorEntry{Name: strings.ReplaceAll(strings.TrimSpace(phrase), "_", " ")}
			if rest != "" {
				if dc, ok := parsePDated("[" + rest); ok {
					cur.Codes = append(cur.Codes, dc)
				}
			}
			addPPhrase(d, strings.TrimSpace(phrase), cur)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return d, nil
}

func addPPhrase(d *Actors, phrase string, e *ActorEntry) {
	if i := strings.IndexByte(phrase, '['); i >= 0 {
		phrase = phrase[:i]
	}
	phrase = strings.TrimSpace(phrase)
	exact := strings.HasSuffix(phrase, "_")
	words := splitPhrase(strings.TrimRight(phrase, "_"))
	if len(words) == 0 {
		return
	}
	d.Add(words, e, !exact && len(words[len(words)-1]) >= 4)
}

// parsePDated parses "[CODE]", "[CODE >140608]", "[CODE <910625]", "[CODE 820701-821231]".
func parsePDated(s string) (DatedCode, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "[]"))
	if i := strings.IndexByte(s, ']'); i >= 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) == 0 || strings.Trim(f[0], "-") == "" {
		return DatedCode{}, false
	}
	dc := DatedCode{Code: strings.ToUpper(f[0])}
	if len(f) > 1 {
		r := strings.Join(f[1:], "") // "< 950601", "19950601 - 19990815"
		switch {
		case strings.HasPrefix(r, ">"):
			dc.From, dc.Dated = yymmdd(r[1:]), true
		case strings.HasPrefix(r, "<"):
			dc.To, dc.Dated = yymmdd(r[1:]), true
		case strings.Contains(r, "-"):
			a, b, _ := strings.Cut(r, "-")
			dc.From, dc.To, dc.Dated = yymmdd(a), yymmdd(b), true
		}
	}
	return dc, true
}

// yymmdd parses a PETRARCH six-digit date; two-digit years below 30 are in the 2000s.
func yymmdd(s string) time.Time {
	if len(s) != 6 {
		if t, err := time.Parse("20060102", s); err == nil {
			return t
		}
		return time.Time{}
	}
	t, err := time.Parse("060102", s)
	if err != nil {
		return time.Time{}
	}
	if t.Year() >= 2030 {
		t = t.AddDate(-100, 0, 0)
	}
	return t
}

// LoadPETRARCHAgents reads a PETRARCH agent dictionary: "PHRASE {PLURALS} [~CODE]" (a code
// "~GOV" is appended to the country, "GOV~" put before it), with "!NAME! = A, B" macro lines
// substituted into phrases. Without braces a regular plural is added; "{}" means none.
func LoadPETRARCHAgents(r io.Reader, name string) (*Actors, error) {
	d := NewActors()
	macros := map[string][]string{}
	err := petrarchLines(r, func(n int, line string) error {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") {
			k, v, _ := strings.Cut(t, "=")
			var vals []string
			for _, x := range strings.Split(v, ",") {
				if x = strings.TrimSpace(x); x != "" {
					vals = append(vals, x)
				}
			}
			macros[strings.TrimSpace(k)] = vals
			return nil
		}
		i := strings.IndexByte(t, '[')
		if i < 0 {
			return nil
		}
		code := strings.TrimSpace(strings.Trim(t[i:], "[] "))
		if j := strings.IndexByte(code, ']'); j >= 0 {
			code = code[:j]
		}
		code = strings.Fields(code + " x")[0]
		e := &ActorEntry{Agent: true}
		switch {
		case strings.HasPrefix(code, "~"):
			e.Codes = []DatedCode{{Code: strings.ToUpper(code[1:])}}
		case strings.HasSuffix(code, "~"):
			e.Codes = []DatedCode{{Code: strings.ToUpper(strings.TrimSuffix(code, "~"))}}
			e.Prefix = true
		default:
			e.Codes = []DatedCode{{Code: strings.ToUpper(code)}}
		}
		body := t[:i]
		var plurals []string
		hasBraces := false
		if a := strings.IndexByte(body, '{'); a >= 0 {
			hasBraces = true
			b := strings.IndexByte(body[a:], '}')
			if b > 0 {
				plurals = strings.Fields(body[a+1 : a+b])
				body = body[:a] + body[a+b+1:]
			}
		}
		body = strings.TrimSpace(body)
		e.Name = strings.ReplaceAll(body, "_", " ")
		phrases := expandMacros(body, macros)
		for _, p := range plurals {
			phrases = append(phrases, expandMacros(p, macros)...)
		}
		for _, p := range phrases {
			w := splitPhrase(p)
			if len(w) == 0 {
				continue
			}
			d.Add(w, e, false)
			if !hasBraces {
				last := strings.ToLower(w[len(w)-1])
				for _, f := range nounForms(last)[1:] {
					d.Add(append(append([]string{}, w[:len(w)-1]...), f), e, false)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return d, nil
}

// expandMacros substitutes "!NAME!" macros in a phrase.
func expandMacros(p string, macros map[string][]string) []string {
	for k, vals := range macros {
		if strings.Contains(p, k) {
			var out []string
			for _, v := range vals {
				out = append(out, expandMacros(strings.Replace(p, k, v, 1), macros)...)
			}
			return out
		}
	}
	return []string{p}
}

// Discards holds phrases whose presence discards a sentence (no event is coded from it) or a
// whole story (PETRARCH discard files: a leading "+" marks a story-level discard).
type Discards struct {
	phrases *Actors
}

// LoadPETRARCHDiscards reads a PETRARCH discard file.
func LoadPETRARCHDiscards(r io.Reader, name string) (*Discards, error) {
	d := &Discards{phrases: NewActors()}
	err := petrarchLines(r, func(n int, line string) error {
		t := strings.TrimSpace(line)
		scope := "sentence"
		if strings.HasPrefix(t, "+") {
			scope, t = "story", strings.TrimSpace(t[1:])
		}
		words := splitPhrase(t)
		if len(words) == 0 {
			return nil
		}
		d.phrases.Add(words, &ActorEntry{Name: t, Codes: []DatedCode{{Code: scope}}}, false)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return d, nil
}

// match returns "story", "sentence" or "" for the words.
func (d *Discards) match(words []string) string {
	found := ""
	for i := range words {
		if n, e := d.phrases.match(words, i); n > 0 {
			if e.Codes[0].Code == "story" {
				return "story"
			}
			found = "sentence"
		}
	}
	return found
}
