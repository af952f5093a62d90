package timex

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// GoldDoc is one evaluation document: its text, its creation time (the anchor) and the gold
// TIMEX3 expressions, with byte offsets into Text. The creation-time expression itself is not
// among Gold.
type GoldDoc struct {
	ID    string
	Text  string
	DCT   *time.Time
	Gold  []sitrep.TimeExpr
	Types map[string]int
}

// ErrNoDocuments is returned when an evaluation folder holds no documents.
var ErrNoDocuments = errors.New("timex: no evaluation documents found")

// ReadTimeML reads every *.tml file under dir (TimeML 1.2: TempEval-3 TimeBank/AQUAINT). The text
// is the content of <TEXT> with tags removed and entities decoded.
func ReadTimeML(dir string) ([]GoldDoc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read timeml %s: %w", dir, err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, ErrNoDocuments
	}
	docs := make([]GoldDoc, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		d, err := parseTimeML(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		d.ID = filepath.Base(p)
		docs = append(docs, d)
	}
	return docs, nil
}

// parseTimeML extracts the DCT and the <TEXT> body with its TIMEX3 spans.
func parseTimeML(src string) (GoldDoc, error) {
	var d GoldDoc
	if i := strings.Index(src, "<DCT>"); i >= 0 {
		if k := strings.Index(src[i:], "<TIMEX3"); k >= 0 {
			i += k
		}
		if v := attr(src[i:], "value"); len(v) >= 10 {
			if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
				d.DCT = &t
			}
		}
	}
	start := strings.Index(src, "<TEXT>")
	end := strings.Index(src, "</TEXT>")
	if start < 0 || end < start {
		return d, errors.New("no <TEXT> element")
	}
	body := src[start+len("<TEXT>") : end]
	var b strings.Builder
	type open struct {
		at       int
		typ, val string
		mod      string
	}
	var stack []open
	for i := 0; i < len(body); {
		switch c := body[i]; c {
		case '<':
			j := strings.IndexByte(body[i:], '>')
			if j < 0 {
				return d, errors.New("unterminated tag")
			}
			tag := body[i : i+j+1]
			switch {
			case strings.HasPrefix(tag, "<TIMEX3"):
				stack = append(stack, open{at: b.Len(), typ: attr(tag, "type"), val: attr(tag, "value"), mod: attr(tag, "mod")})
			case strings.HasPrefix(tag, "</TIMEX3"):
				if len(stack) > 0 {
					o := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					s := b.String()
					st, en := trimSpan(s, o.at, len(s))
					d.Gold = append(d.Gold, sitrep.TimeExpr{Text: s[st:en], Start: st, End: en, Type: o.typ, Value: o.val, Mod: o.mod})
				}
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(body[i:], ';')
			if j > 0 && j < 10 {
				b.WriteString(html.UnescapeString(body[i : i+j+1]))
				i += j + 1
			} else {
				b.WriteByte(c)
				i++
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	d.Text = b.String()
	return d, nil
}

// attr returns the value of attribute name in the first tag of s.
func attr(s, name string) string {
	if e := strings.IndexByte(s, '>'); e >= 0 {
		s = s[:e]
	}
	k := strings.Index(s, " "+name+"=\"")
	if k < 0 {
		return ""
	}
	s = s[k+len(name)+3:]
	if e := strings.IndexByte(s, '"'); e >= 0 {
		return s[:e]
	}
	return ""
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\n' || s[b-1] == '\t') {
		b--
	}
	return a, b
}

// meantime XML shapes (CAT format).
type mtDoc struct {
	ID     string    `xml:"doc_id,attr"`
	Tokens []mtToken `xml:"token"`
	Timex  []mtTimex `xml:"Markables>TIMEX3"`
	// Any collects every markable, to find the last annotated sentence.
	Any []struct {
		Anchors []struct {
			ID int `xml:"t_id,attr"`
		} `xml:"token_anchor"`
	} `xml:"Markables>any"`
}

type mtToken struct {
	ID       int    `xml:"t_id,attr"`
	Sentence int    `xml:"sentence,attr"`
	Text     string `xml:",chardata"`
}

type mtTimex struct {
	Type     string `xml:"type,attr"`
	Value    string `xml:"value,attr"`
	Function string `xml:"functionInDocument,attr"`
	Anchors  []struct {
		ID int `xml:"t_id,attr"`
	} `xml:"token_anchor"`
}

// ReadMEANTIME reads every *.xml file under dir (MEANTIME CAT format). The text is rebuilt from
// the tokens, one sentence per line; the publication-date line (sentence 1) is left out and its
// TIMEX3 (functionInDocument CREATION_TIME) becomes the DCT.
func ReadMEANTIME(dir string) ([]GoldDoc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".xml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read meantime %s: %w", dir, err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, ErrNoDocuments
	}
	docs := make([]GoldDoc, 0, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := parseMEANTIME(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		d.ID = filepath.Base(p)
		docs = append(docs, d)
	}
	return docs, nil
}

func parseMEANTIME(r io.Reader) (GoldDoc, error) {
	var x mtDoc
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return GoldDoc{}, err
	}
	// Only the first sentences of each article are annotated: stop after the last one that holds
	// any markable.
	sentOf := map[int]int{}
	for _, t := range x.Tokens {
		sentOf[t.ID] = t.Sentence
	}
	last := 0
	for _, mk := range x.Any {
		for _, a := range mk.Anchors {
			last = max(last, sentOf[a.ID])
		}
	}
	for _, tx := range x.Timex {
		for _, a := range tx.Anchors {
			last = max(last, sentOf[a.ID])
		}
	}
	var d GoldDoc
	var b strings.Builder
	type pos struct{ s, e int }
	at := map[int]pos{}
	prevSent := -1
	prev := ""
	for _, t := range x.Tokens {
		if t.Sentence == 1 || t.Sentence > last {
			continue
		}
		w := t.Text
		switch {
		case prevSent < 0:
		case t.Sentence != prevSent:
			b.WriteByte('\n')
		case noSpaceBefore(w) || prev == "(" || prev == "$" || prev == "“" || prev == "``":
		default:
			b.WriteByte(' ')
		}
		at[t.ID] = pos{b.Len(), b.Len() + len(w)}
		b.WriteString(w)
		prevSent, prev = t.Sentence, w
	}
	d.Text = b.String()
	for _, tx := range x.Timex {
		if tx.Function == "CREATION_TIME" {
			if len(tx.Value) >= 10 {
				if t, err := time.Parse("2006-01-02", tx.Value[:10]); err == nil {
					d.DCT = &t
				}
			}
			continue
		}
		if len(tx.Anchors) == 0 {
			continue
		}
		s, e := -1, -1
		for _, a := range tx.Anchors {
			p, ok := at[a.ID]
			if !ok {
				continue
			}
			if s < 0 || p.s < s {
				s = p.s
			}
			if p.e > e {
				e = p.e
			}
		}
		if s < 0 {
			continue
		}
		d.Gold = append(d.Gold, sitrep.TimeExpr{Text: d.Text[s:e], Start: s, End: e, Type: tx.Type, Value: tx.Value})
	}
	if d.DCT == nil {
		// A few documents mark their date line's TIMEX3 with functionInDocument NONE: take the
		// full date annotated in sentence 1 (the date line) as the creation time.
		for _, tx := range x.Timex {
			if len(tx.Anchors) == 0 || sentOf[tx.Anchors[0].ID] != 1 || len(tx.Value) < 10 {
				continue
			}
			if t, err := time.Parse("2006-01-02", tx.Value[:10]); err == nil {
				d.DCT = &t
				break
			}
		}
	}
	sort.Slice(d.Gold, func(i, j int) bool { return d.Gold[i].Start < d.Gold[j].Start })
	return d, nil
}

func noSpaceBefore(w string) bool {
	switch w {
	case ",", ".", ";", ":", "!", "?", ")", "'s", "’s", "n't", "%", "''", "”", "'":
		return true
	}
	return false
}

// Score holds TempEval-3-style TIMEX3 figures.
type Score struct {
	Docs, Gold, System        int
	StrictMatch, RelaxedMatch int
	ValueCorrect, TypeCorrect int
	ArticlesPerSecond         float64
	Errors                    []string
}

func prf(match, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(match) / float64(sys)
	}
	if gold > 0 {
		r = float64(match) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Strict returns strict-span precision, recall and F1.
func (s Score) Strict() (p, r, f float64) { return prf(s.StrictMatch, s.System, s.Gold) }

// Relaxed returns overlap-span precision, recall and F1.
func (s Score) Relaxed() (p, r, f float64) { return prf(s.RelaxedMatch, s.System, s.Gold) }

// Value returns value precision, recall and F1: an expression counts when it overlaps a gold one
// and has the same value (TempEval-3's value F1 = relaxed F1 × value accuracy).
func (s Score) Value() (p, r, f float64) { return prf(s.ValueCorrect, s.System, s.Gold) }

// ValueAccuracy is the share of relaxed matches with the gold value.
func (s Score) ValueAccuracy() float64 {
	if s.RelaxedMatch == 0 {
		return 0
	}
	return float64(s.ValueCorrect) / float64(s.RelaxedMatch)
}

// TypeAccuracy is the share of relaxed matches with the gold type.
func (s Score) TypeAccuracy() float64 {
	if s.RelaxedMatch == 0 {
		return 0
	}
	return float64(s.TypeCorrect) / float64(s.RelaxedMatch)
}

// Print writes the figures to w.
func (s Score) Print(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d documents, %d gold TIMEX3, %d system\n", name, s.Docs, s.Gold, s.System)
	p, r, f := s.Strict()
	fmt.Fprintf(w, "strict span   P=%.3f R=%.3f F1=%.3f\n", p, r, f)
	p, r, f = s.Relaxed()
	fmt.Fprintf(w, "relaxed span  P=%.3f R=%.3f F1=%.3f\n", p, r, f)
	p, r, f = s.Value()
	fmt.Fprintf(w, "value         P=%.3f R=%.3f F1=%.3f (accuracy on matches %.3f)\n", p, r, f, s.ValueAccuracy())
	fmt.Fprintf(w, "type accuracy on matches %.3f\n", s.TypeAccuracy())
	fmt.Fprintf(w, "counts: strict %d, relaxed %d, value %d, type %d\n", s.StrictMatch, s.RelaxedMatch, s.ValueCorrect, s.TypeCorrect)
	fmt.Fprintf(w, "throughput %.0f documents/s\n", s.ArticlesPerSecond)
}

// Evaluate tags every document (anchored on its DCT) and scores the result against the gold
// expressions. Expressions of type EVENT are not TIMEX3 and are not counted. With verbose, Errors
// lists misses, spurious expressions and wrong values.
func Evaluate(ctx context.Context, tg *Tagger, docs []GoldDoc, verbose bool) (Score, error) {
	var sc Score
	var elapsed time.Duration
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return sc, err
		}
		a := &sitrep.Article{ID: d.ID, Text: d.Text, Published: d.DCT}
		t0 := time.Now()
		if err := tg.Process(ctx, a, text.Parse(d.Text)); err != nil {
			return sc, err
		}
		elapsed += time.Since(t0)
		sys := a.Timexes[:0:0]
		for _, e := range a.Timexes {
			if e.Type != sitrep.TimexEvent {
				sys = append(sys, e)
			}
		}
		sc.Docs++
		sc.Gold += len(d.Gold)
		sc.System += len(sys)
		used := make([]bool, len(sys))
		for _, g := range d.Gold {
			best := -1
			for k, e := range sys {
				if used[k] || e.End <= g.Start || e.Start >= g.End {
					continue
				}
				if best < 0 || e.Start == g.Start && e.End == g.End {
					best = k
				}
			}
			if best < 0 {
				if verbose {
					sc.Errors = append(sc.Errors, fmt.Sprintf("MISS %s %q %s %s | %s", d.ID, g.Text, g.Type, g.Value, context40(d.Text, g.Start, g.End)))
				}
				continue
			}
			used[best] = true
			e := sys[best]
			sc.RelaxedMatch++
			if e.Start == g.Start && e.End == g.End {
				sc.StrictMatch++
			} else if verbose {
				sc.Errors = append(sc.Errors, fmt.Sprintf("SPAN %s gold %q sys %q", d.ID, g.Text, e.Text))
			}
			if e.Type == g.Type {
				sc.TypeCorrect++
			}
			if e.Value == g.Value {
				sc.ValueCorrect++
			} else if verbose {
				sc.Errors = append(sc.Errors, fmt.Sprintf("VALUE %s %q gold %s %s sys %s %s (dct %s) | %s", d.ID, g.Text, g.Type, g.Value, e.Type, e.Value, dctString(d.DCT), context40(d.Text, g.Start, g.End)))
			}
		}
		if verbose {
			for k, e := range sys {
				if !used[k] {
					sc.Errors = append(sc.Errors, fmt.Sprintf("SPURIOUS %s %q %s %s | %s", d.ID, e.Text, e.Type, e.Value, context40(d.Text, e.Start, e.End)))
				}
			}
		}
	}
	if elapsed > 0 {
		sc.ArticlesPerSecond = float64(sc.Docs) / elapsed.Seconds()
	}
	return sc, nil
}

func dctString(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return t.Format("2006-01-02 Mon")
}

func context40(s string, a, b int) string {
	lo, hi := a-40, b+40
	if lo < 0 {
		lo = 0
	}
	if hi > len(s) {
		hi = len(s)
	}
	return strconv.Quote(s[lo:a] + "[" + s[a:b] + "]" + s[b:hi])
}
