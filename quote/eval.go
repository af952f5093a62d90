package quote

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Piece is a half-open range of character (rune) offsets.
type Piece struct{ Start, End int }

// GoldAttribution is one PolNeAR attribution: content pieces (Content and Content2), source
// pieces (none for "Attribution-no-source") and whether the content is a direct quotation.
type GoldAttribution struct {
	Content []Piece
	Source  []Piece
	Cue     []Piece
	Direct  bool
}

// EvalDoc is one evaluation article with its gold attributions.
type EvalDoc struct {
	Name string
	Text string
	Gold []GoldAttribution
}

// LoadPolNeAR reads one compartment ("train" or "dev") of the PolNeAR corpus in BRAT standoff
// form (dir/<split>/text/*.txt and dir/<split>/attributions/*.ann). Articles with several
// annotation files use the first in name order.
func LoadPolNeAR(dir, split string) ([]EvalDoc, error) {
	texts, err := filepath.Glob(filepath.Join(dir, split, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("polnear: no texts in %s", filepath.Join(dir, split, "text"))
	}
	sort.Strings(texts)
	var docs []EvalDoc
	for _, tp := range texts {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, split, "attributions", name+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		b, err := os.ReadFile(tp)
		if err != nil {
			return nil, err
		}
		f, err := os.Open(anns[0])
		if err != nil {
			return nil, err
		}
		gold, err := ParseBrat(f, string(b))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", anns[0], err)
		}
		docs = append(docs, EvalDoc{Name: name, Text: string(b), Gold: gold})
	}
	return docs, nil
}

// ParseBrat reads PolNeAR attributions from BRAT standoff annotations of txt.
func ParseBrat(r io.Reader, txt string) ([]GoldAttribution, error) {
	spans := map[string][]Piece{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(line, "T"):
			sp := strings.SplitN(fields[1], " ", 2)
			if len(sp) < 2 {
				continue
			}
			var ps []Piece
			for _, rg := range strings.Split(sp[1], ";") {
				var a, b int
				if _, err := fmt.Sscanf(rg, "%d %d", &a, &b); err != nil {
					return nil, fmt.Errorf("span %q: %w", fields[1], err)
				}
				ps = append(ps, Piece{a, b})
			}
			spans[fields[0]] = ps
		case strings.HasPrefix(line, "E"):
			events = append(events, strings.Fields(fields[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	runes := []rune(txt)
	var out []GoldAttribution
	for _, ev := range events {
		var g GoldAttribution
		ok := false
		for _, role := range ev {
			k, v, found := strings.Cut(role, ":")
			if !found {
				continue
			}
			switch k {
			case "Attribution", "Attribution-no-source":
				ok = true
			case "Content", "Content2":
				g.Content = append(g.Content, spans[v]...)
			case "Source":
				g.Source = append(g.Source, spans[v]...)
			case "Cue":
				g.Cue = append(g.Cue, spans[v]...)
			}
		}
		if !ok || len(g.Content) == 0 {
			continue
		}
		g.Direct = isDirect(runes, g.Content)
		out = append(out, g)
	}
	return out, nil
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// isDirect reports whether content is a direct quotation: it opens and closes with a double
// quotation mark (inside the span or right outside it, trailing punctuation aside) and holds no
// unquoted stretch between two quotations.
func isDirect(runes []rune, content []Piece) bool {
	lo, hi := content[0].Start, content[0].End
	for _, p := range content[1:] {
		if p.Start < lo {
			lo = p.Start
		}
		if p.End > hi {
			hi = p.End
		}
	}
	if lo < 0 || hi > len(runes) || lo >= hi {
		return false
	}
	a, b := lo, hi
	for a < b && unicode.IsSpace(runes[a]) {
		a++
	}
	for b > a && (unicode.IsSpace(runes[b-1]) || runes[b-1] == ',' || runes[b-1] == '.') {
		b--
	}
	open := a < b && isQuoteMark(runes[a]) || a > 0 && isQuoteMark(runes[a-1])
	e := b
	for e < len(runes) && (runes[e] == ',' || runes[e] == '.' || runes[e] == '?' || runes[e] == '!') {
		e++
	}
	closeQ := b > a && isQuoteMark(runes[b-1]) || e < len(runes) && isQuoteMark(runes[e])
	if !open || !closeQ {
		return false
	}
	// count marks strictly inside: more than one pair means mixed quoted and unquoted text
	n := 0
	for i := a + 1; i < b-1; i++ {
		if isQuoteMark(runes[i]) {
			n++
		}
	}
	return n == 0
}

// Score is precision, recall and F1 over matched attributions.
type Score struct {
	Pred, Gold, MatchedPred, MatchedGold int
}

// P is precision.
func (s Score) P() float64 { return ratio(s.MatchedPred, s.Pred) }

// R is recall.
func (s Score) R() float64 { return ratio(s.MatchedGold, s.Gold) }

// F1 is the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report holds the PolNeAR figures: all attributions, direct and indirect ones, and a
// content-only score that ignores the source.
type Report struct {
	Docs                                   int
	Overall, Direct, Indirect, ContentOnly Score
}

// predicted is a system attribution in rune offsets.
type predicted struct {
	content []Piece
	source  Piece // zero when implicit
	direct  bool
}

// Evaluate runs the extractor on each document's plain text (no mentions: the actor stage is not
// run) and scores it. A system attribution matches a gold one when their contents overlap and
// their sources match: the system's source span overlaps the gold source, or both are implicit.
// Only top-level system attributions are scored (PolNeAR does not annotate nested ones), and
// quotations without any source or cue are not attributions.
func Evaluate(ex *Extractor, docs []EvalDoc) Report {
	var rep Report
	for _, d := range docs {
		rep.Docs++
		preds := predictions(ex, d)
		score(&rep.Overall, preds, d.Gold, func(predicted) bool { return true }, func(GoldAttribution) bool { return true }, true)
		score(&rep.Direct, preds, d.Gold, func(p predicted) bool { return p.direct }, func(g GoldAttribution) bool { return g.Direct }, true)
		score(&rep.Indirect, preds, d.Gold, func(p predicted) bool { return !p.direct }, func(g GoldAttribution) bool { return !g.Direct }, true)
		score(&rep.ContentOnly, preds, d.Gold, func(predicted) bool { return true }, func(GoldAttribution) bool { return true }, false)
	}
	return rep
}

// predictions runs the extractor on a document and returns its scored attributions.
func predictions(ex *Extractor, d EvalDoc) []predicted {
	doc := text.Parse(d.Text)
	attrs := ex.Extract(doc, nil, nil)
	r2c := runeIndex(d.Text)
	var preds []predicted
	for _, a := range attrs {
		if a.Parent >= 0 || a.Speaker.Kind == "" && a.Cue == "" {
			continue
		}
		piece := Piece{r2c[a.Start], r2c[a.End]}
		if a.Continued && len(preds) > 0 {
			// a quotation continuing the previous speaker's without a cue of its own is a further
			// content piece of the same attribution (PolNeAR's discontinuous content)
			preds[len(preds)-1].content = append(preds[len(preds)-1].content, piece)
			continue
		}
		p := predicted{content: []Piece{piece}, direct: a.Kind == sitrep.QuoteDirect}
		if a.SourceEnd > a.SourceStart {
			p.source = Piece{r2c[a.SourceStart], r2c[a.SourceEnd]}
		}
		preds = append(preds, p)
	}
	return preds
}

// runeIndex maps each byte offset of s (and len(s)) to its rune offset.
func runeIndex(s string) []int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < w; j++ {
			idx[i+j] = n
		}
		i += w
		n++
	}
	idx[len(s)] = n
	return idx
}

func overlap(as, bs []Piece) int {
	o := 0
	for _, a := range as {
		for _, b := range bs {
			lo, hi := max(a.Start, b.Start), min(a.End, b.End)
			if hi > lo {
				o += hi - lo
			}
		}
	}
	return o
}

// score matches predictions and gold one to one, greedily by content overlap. Precision counts
// the predictions selected by keepP, recall the gold selected by keepG; a match counts for both
// sides when each is in its class.
func score(s *Score, preds []predicted, gold []GoldAttribution, keepP func(predicted) bool, keepG func(GoldAttribution) bool, withSource bool) {
	type pair struct{ p, g, ov int }
	var pairs []pair
	for i, p := range preds {
		for j, g := range gold {
			ov := overlap(p.content, g.Content)
			if ov == 0 {
				continue
			}
			if withSource {
				if len(g.Source) == 0 {
					if p.source.End > p.source.Start {
						continue
					}
				} else if overlap([]Piece{p.source}, g.Source) == 0 {
					continue
				}
			}
			pairs = append(pairs, pair{i, j, ov})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].ov > pairs[b].ov })
	usedP := make([]bool, len(preds))
	usedG := make([]bool, len(gold))
	for _, pr := range pairs {
		if usedP[pr.p] || usedG[pr.g] {
			continue
		}
		usedP[pr.p], usedG[pr.g] = true, true
	}
	for i, p := range preds {
		if keepP(p) {
			s.Pred++
			if usedP[i] {
				s.MatchedPred++
			}
		}
	}
	for j, g := range gold {
		if keepG(g) {
			s.Gold++
			if usedG[j] {
				s.MatchedGold++
			}
		}
	}
}

// WriteReport prints the report as a small table.
func WriteReport(w io.Writer, rep Report) {
	fmt.Fprintf(w, "documents: %d\n", rep.Docs)
	fmt.Fprintf(w, "%-28s %6s %6s %6s %6s %6s\n", "", "pred", "gold", "P", "R", "F1")
	row := func(name string, s Score) {
		fmt.Fprintf(w, "%-28s %6d %6d %6s %6s %6s\n", name, s.Pred, s.Gold, f3(s.P()), f3(s.R()), f3(s.F1()))
	}
	row("overall (content+source)", rep.Overall)
	row("direct", rep.Direct)
	row("indirect", rep.Indirect)
	row("content only (no source)", rep.ContentOnly)
}

func f3(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
