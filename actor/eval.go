package actor

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// PRF holds counts and the derived precision, recall and F1.
type PRF struct {
	TP, FP, FN int
}

// P returns the precision.
func (s PRF) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R returns the recall.
func (s PRF) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 returns the harmonic mean of precision and recall.
func (s PRF) F1() float64 {
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

// EntityScore is the result of EvalMEANTIME: scores per entity type ("PER", "ORG", "LOC") and
// over all of them ("ALL"), with strict (same tokens, same type) and overlap (some shared token,
// same type, one-to-one) matching; Untyped is overlap matching ignoring the type.
type EntityScore struct {
	Docs    int
	Gold    int
	Strict  map[string]*PRF
	Overlap map[string]*PRF
	Untyped PRF
	// ByCorpus holds the same scores for each sub-corpus (MEANTIMEDoc.Corpus), so that a change
	// can be checked on every topic separately; it is nil inside the per-corpus scores.
	ByCorpus map[string]*EntityScore
}

// newEntityScore returns an empty score with every table allocated.
func newEntityScore() *EntityScore {
	sc := &EntityScore{Strict: map[string]*PRF{}, Overlap: map[string]*PRF{}}
	for _, k := range append([]string{"ALL"}, EntityTypes...) {
		sc.Strict[k] = &PRF{}
		sc.Overlap[k] = &PRF{}
	}
	return sc
}

// EntityTypes are the MEANTIME types scored.
var EntityTypes = []string{"PER", "ORG", "LOC"}

// MEANTIMEType maps a sitrep mention type to a MEANTIME entity type ("" when not scored).
func MEANTIMEType(mentionType string) string {
	switch mentionType {
	case sitrep.MentionPerson:
		return "PER"
	case sitrep.MentionOrg, sitrep.MentionMedia, sitrep.MentionGroup:
		return "ORG"
	case sitrep.MentionCountry, sitrep.MentionPlace:
		return "LOC"
	}
	return ""
}

type mtDoc struct {
	Tokens []struct {
		ID       string `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			ID      string `xml:"m_id,attr"`
			Syn     string `xml:"syntactic_type,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			ID   string `xml:"m_id,attr"`
			Type string `xml:"ent_type,attr"`
		} `xml:"ENTITY"`
		Timexes []struct {
			Function string `xml:"functionInDocument,attr"`
			Value    string `xml:"value,attr"`
			Anchors  []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"TIMEX3"`
		Events []struct {
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"EVENT_MENTION"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []struct {
			Sources []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
			Target struct {
				ID string `xml:"m_id,attr"`
			} `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

type tspan struct {
	s, e int // token indexes, inclusive start, exclusive end
	typ  string
}

// MEANTIMEDoc is one MEANTIME document rebuilt as text, with its gold named-entity mentions.
type MEANTIMEDoc struct {
	Name string
	// Corpus is the topic sub-corpus the document belongs to (its folder: "corpus_airbus",
	// "corpus_apple", "corpus_gm", "corpus_stock").
	Corpus    string
	Text      string
	Published *time.Time
	tokStart  []int
	tokEnd    []int
	gold      []tspan
	// annotated is the number of leading tokens in the annotated part of the document: MEANTIME
	// annotates the title and the first sentences only (up to sentence 5 in almost every file).
	annotated int
}

// ReadMEANTIME reads the English MEANTIME documents under dir (the folder holding
// intra-doc_annotation). The text is rebuilt from the tokens, one space between tokens and a line
// break between sentences. Gold mentions are the ENTITY_MENTIONs of syntactic type NAM or PRE.NAM
// whose entity (through REFERS_TO) has type PER, ORG or LOC. MEANTIME annotates only the title
// and the first sentences of each article, so predictions are scored only in that part (up to
// the last sentence carrying any markable).
func ReadMEANTIME(dir string) ([]*MEANTIMEDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "intra-doc_annotation", "*", "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no MEANTIME documents under %s", dir)
	}
	sort.Strings(paths)
	var out []*MEANTIMEDoc
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := parseMEANTIME(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(p), err)
		}
		d.Name = strings.TrimSuffix(filepath.Base(p), ".xml")
		d.Corpus = filepath.Base(filepath.Dir(p))
		out = append(out, d)
	}
	return out, nil
}

func parseMEANTIME(r io.Reader) (*MEANTIMEDoc, error) {
	var x mtDoc
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return nil, err
	}
	d := &MEANTIMEDoc{}
	var b strings.Builder
	idx := map[string]int{}
	for i, t := range x.Tokens {
		if i > 0 {
			if t.Sentence != x.Tokens[i-1].Sentence {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		idx[t.ID] = i
		d.tokStart = append(d.tokStart, b.Len())
		b.WriteString(t.Text)
		d.tokEnd = append(d.tokEnd, b.Len())
	}
	d.Text = b.String()
	types := map[string]string{}
	for _, e := range x.Markables.Entities {
		types[e.ID] = e.Type
	}
	ref := map[string]string{}
	for _, rt := range x.Relations.RefersTo {
		for _, s := range rt.Sources {
			ref[s.ID] = types[rt.Target.ID]
		}
	}
	for _, m := range x.Markables.Mentions {
		if m.Syn != "NAM" && m.Syn != "PRE.NAM" {
			continue
		}
		typ := ref[m.ID]
		if typ != "PER" && typ != "ORG" && typ != "LOC" {
			continue
		}
		s, e := -1, -1
		for _, a := range m.Anchors {
			i, ok := idx[a.ID]
			if !ok {
				continue
			}
			if s < 0 || i < s {
				s = i
			}
			if i+1 > e {
				e = i + 1
			}
		}
		if s >= 0 {
			d.gold = append(d.gold, tspan{s, e, typ})
		}
	}
	maxSent := -1
	see := func(id string) {
		if i, ok := idx[id]; ok && x.Tokens[i].Sentence > maxSent {
			maxSent = x.Tokens[i].Sentence
		}
	}
	for _, m := range x.Markables.Mentions {
		for _, a := range m.Anchors {
			see(a.ID)
		}
	}
	for _, m := range x.Markables.Events {
		for _, a := range m.Anchors {
			see(a.ID)
		}
	}
	for _, m := range x.Markables.Timexes {
		for _, a := range m.Anchors {
			see(a.ID)
		}
	}
	for i, t := range x.Tokens {
		if t.Sentence <= maxSent {
			d.annotated = i + 1
		}
	}
	for _, t := range x.Markables.Timexes {
		if t.Function == "CREATION_TIME" && len(t.Value) >= 10 {
			if tm, err := time.Parse("2006-01-02", t.Value[:10]); err == nil {
				d.Published = &tm
			}
		}
	}
	return d, nil
}

// tokenRange maps a byte span to the range of MEANTIME tokens it overlaps.
func (d *MEANTIMEDoc) tokenRange(start, end int) (int, int) {
	s := sort.Search(len(d.tokEnd), func(i int) bool { return d.tokEnd[i] > start })
	e := s
	for e < len(d.tokStart) && d.tokStart[e] < end {
		e++
	}
	return s, e
}

// scoredResolution tells whether a mention is a name (scored against MEANTIME's NAM/PRE.NAM
// gold) rather than a title or pronoun resolved to a name.
func scoredResolution(res string) bool {
	switch res {
	case "pronoun", "title", "title-latest":
		return false
	}
	return true
}

// Processor is an analysis stage run before the tagger in evaluations (the timex stage, as in
// the pipeline); it has the method set of pipeline.Stage.
type Processor interface {
	Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error
}

// EvalOptions change how EvalMEANTIME maps sitrep mentions to MEANTIME types.
type EvalOptions struct {
	// GovAsLOC maps mentions of a state's government (actors whose code ends in GOV: metonyms
	// such as "White House", "US government", "Israeli officials") to LOC instead of ORG:
	// MEANTIME, like ACE's GPE, types governments as locations. Militaries and agencies
	// ("United States Air Force", "CIA") stay ORG, as MEANTIME types them.
	GovAsLOC bool
}

// EvalMEANTIME tags every document with t, after running the stages in before (as the pipeline
// does: timex before actor), and scores the mentions against the gold names.
func EvalMEANTIME(ctx context.Context, docs []*MEANTIMEDoc, t Processor, before ...Processor) (*EntityScore, error) {
	return EvalMEANTIMEWith(ctx, docs, t, EvalOptions{}, before...)
}

// mentionSpans returns the scored mentions of a as MEANTIME token spans with MEANTIME types.
func (d *MEANTIMEDoc) mentionSpans(a *sitrep.Article, opts EvalOptions) []tspan {
	// gov holds the actors that are a state's government (code ending in GOV): not its military,
	// intelligence or other agencies, which MEANTIME, like ACE, types as organisations
	gov := map[string]bool{}
	if opts.GovAsLOC {
		for _, ac := range a.Actors {
			gov[ac.ID] = ac.Type == sitrep.ActorGov && strings.HasSuffix(ac.Code, "GOV")
		}
	}
	var pred []tspan
	for _, m := range a.Mentions {
		typ := MEANTIMEType(m.Type)
		if typ == "" || !scoredResolution(m.Resolution) {
			continue
		}
		if opts.GovAsLOC && gov[m.ActorID] {
			typ = "LOC"
		}
		if s, e := d.tokenRange(m.Start, m.End); e > s && s < d.annotated {
			pred = append(pred, tspan{s, e, typ})
		}
	}
	return pred
}

// EvalMEANTIMEWith is EvalMEANTIME with options.
func EvalMEANTIMEWith(ctx context.Context, docs []*MEANTIMEDoc, t Processor, opts EvalOptions, before ...Processor) (*EntityScore, error) {
	sc := newEntityScore()
	sc.ByCorpus = map[string]*EntityScore{}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a := &sitrep.Article{ID: d.Name, Text: d.Text, Published: d.Published}
		doc := text.Parse(a.Text)
		for _, p := range before {
			if err := p.Process(ctx, a, doc); err != nil {
				return nil, err
			}
		}
		if err := t.Process(ctx, a, doc); err != nil {
			return nil, err
		}
		pred := d.mentionSpans(a, opts)
		cs := sc.ByCorpus[d.Corpus]
		if cs == nil {
			cs = newEntityScore()
			sc.ByCorpus[d.Corpus] = cs
		}
		for _, s := range []*EntityScore{sc, cs} {
			s.Docs++
			s.Gold += len(d.gold)
			score(d.gold, pred, s)
		}
	}
	return sc, nil
}

func score(gold, pred []tspan, sc *EntityScore) {
	add := func(m map[string]*PRF, typ string, tp, fp, fn int) {
		for _, k := range []string{typ, "ALL"} {
			m[k].TP += tp
			m[k].FP += fp
			m[k].FN += fn
		}
	}
	// strict
	exact := map[tspan]int{}
	for _, p := range pred {
		exact[p]++
	}
	for _, g := range gold {
		if exact[g] > 0 {
			exact[g]--
			add(sc.Strict, g.typ, 1, 0, 0)
		} else {
			add(sc.Strict, g.typ, 0, 0, 1)
		}
	}
	for p, n := range exact {
		if n > 0 {
			add(sc.Strict, p.typ, 0, n, 0)
		}
	}
	// overlap, typed and untyped, one-to-one
	overlapMatch := func(typed bool) (tp int, fnTypes []string, fpTypes []string) {
		used := make([]bool, len(pred))
		for gi, pi := range matchOverlap(gold, pred, typed) {
			g := gold[gi]
			if pi >= 0 {
				used[pi] = true
				tp++
				if typed {
					add(sc.Overlap, g.typ, 1, 0, 0)
				}
			} else {
				fnTypes = append(fnTypes, g.typ)
			}
		}
		for i, p := range pred {
			if !used[i] {
				fpTypes = append(fpTypes, p.typ)
			}
		}
		return tp, fnTypes, fpTypes
	}
	_, fn, fp := overlapMatch(true)
	for _, t := range fn {
		add(sc.Overlap, t, 0, 0, 1)
	}
	for _, t := range fp {
		add(sc.Overlap, t, 0, 1, 0)
	}
	tp, fn, fp := overlapMatch(false)
	sc.Untyped.TP += tp
	sc.Untyped.FN += len(fn)
	sc.Untyped.FP += len(fp)
}

// Report writes the scores as a table.
func (sc *EntityScore) Report(w io.Writer) {
	fmt.Fprintf(w, "MEANTIME English: %d documents, %d gold name mentions (NAM/PRE.NAM; PER/ORG/LOC)\n", sc.Docs, sc.Gold)
	fmt.Fprintf(w, "%-8s %-5s %6s %6s %6s %5s %5s %5s\n", "match", "type", "P", "R", "F1", "TP", "FP", "FN")
	for _, mode := range []struct {
		name string
		m    map[string]*PRF
	}{{"strict", sc.Strict}, {"overlap", sc.Overlap}} {
		for _, k := range append([]string{"ALL"}, EntityTypes...) {
			s := mode.m[k]
			fmt.Fprintf(w, "%-8s %-5s %6.3f %6.3f %6.3f %5d %5d %5d\n", mode.name, k, s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
		}
	}
	s := sc.Untyped
	fmt.Fprintf(w, "%-8s %-5s %6.3f %6.3f %6.3f %5d %5d %5d\n", "overlap", "any", s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
	if len(sc.ByCorpus) == 0 {
		return
	}
	names := make([]string, 0, len(sc.ByCorpus))
	for k := range sc.ByCorpus {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "per sub-corpus, overlap F1 (typed):\n%-14s %5s %6s %6s %6s %6s %6s %6s\n", "corpus", "docs", "gold", "ALL", "PER", "ORG", "LOC", "any")
	for _, k := range names {
		c := sc.ByCorpus[k]
		fmt.Fprintf(w, "%-14s %5d %6d %6.3f %6.3f %6.3f %6.3f %6.3f\n", k, c.Docs, c.Gold, c.Overlap["ALL"].F1(), c.Overlap["PER"].F1(), c.Overlap["ORG"].F1(), c.Overlap["LOC"].F1(), c.Untyped.F1())
	}
}

// MEANTIMEErrors lists up to n missed ("FN") and n spurious ("FP") mentions under overlap
// matching with types, for error analysis.
func MEANTIMEErrors(ctx context.Context, docs []*MEANTIMEDoc, t Processor, n int, before ...Processor) []string {
	return MEANTIMEErrorsWith(ctx, docs, t, EvalOptions{}, n, before...)
}

// MEANTIMEErrorsWith is MEANTIMEErrors with options (the type mapping of EvalMEANTIMEWith).
func MEANTIMEErrorsWith(ctx context.Context, docs []*MEANTIMEDoc, t Processor, opts EvalOptions, n int, before ...Processor) []string {
	var fns, fps []string
	for _, d := range docs {
		a := &sitrep.Article{ID: d.Name, Text: d.Text, Published: d.Published}
		doc := text.Parse(a.Text)
		for _, p := range before {
			_ = p.Process(ctx, a, doc) // a failing earlier stage only leaves its fields empty
		}
		if t.Process(ctx, a, doc) != nil {
			continue
		}
		pred := d.mentionSpans(a, opts)
		span := func(x tspan) string { return d.Text[d.tokStart[x.s]:d.tokEnd[x.e-1]] }
		used := make([]bool, len(pred))
		match := matchOverlap(d.gold, pred, true)
		for _, pi := range match {
			if pi >= 0 {
				used[pi] = true
			}
		}
		for gi, g := range d.gold {
			hit := match[gi] >= 0
			if !hit {
				other := ""
				for _, p := range pred {
					if p.s < g.e && g.s < p.e {
						other = " (tagged " + p.typ + ")"
					}
				}
				fns = append(fns, fmt.Sprintf("FN %s %q%s [%s] …%s…", g.typ, span(g), other, d.Name, d.context(g)))
			}
		}
		for i, p := range pred {
			if !used[i] {
				fps = append(fps, fmt.Sprintf("FP %s %q [%s] …%s…", p.typ, span(p), d.Name, d.context(p)))
			}
		}
	}
	if len(fns) > n {
		fns = fns[:n]
	}
	if len(fps) > n {
		fps = fps[:n]
	}
	return append(fns, fps...)
}

// context returns the text around a span (up to 40 bytes each side, on rune boundaries, with
// line breaks flattened) for error listings.
func (d *MEANTIMEDoc) context(x tspan) string {
	s, e := d.tokStart[x.s], d.tokEnd[x.e-1]
	s0, e0 := max(0, s-40), min(len(d.Text), e+40)
	for s0 > 0 && !utf8.RuneStart(d.Text[s0]) {
		s0--
	}
	for e0 < len(d.Text) && !utf8.RuneStart(d.Text[e0]) {
		e0++
	}
	return strings.ReplaceAll(d.Text[s0:s]+"["+d.Text[s:e]+"]"+d.Text[e:e0], "\n", " ")
}

// matchOverlap pairs gold and predicted spans one-to-one so that paired spans share a token (and,
// when typed, have the same type), with as many pairs as possible (a maximum bipartite matching
// by augmenting paths; first-come pairing would let a prediction that overlaps two nested gold
// spans take the wrong one). It returns, for each gold span, the index of its prediction or -1.
func matchOverlap(gold, pred []tspan, typed bool) []int {
	ok := func(g, p tspan) bool { return p.s < g.e && g.s < p.e && (!typed || p.typ == g.typ) }
	gm := make([]int, len(gold))
	pm := make([]int, len(pred))
	for i := range gm {
		gm[i] = -1
	}
	for i := range pm {
		pm[i] = -1
	}
	seen := make([]int, len(pred))
	var try func(gi, round int) bool
	try = func(gi, round int) bool {
		for pi, p := range pred {
			if seen[pi] == round || !ok(gold[gi], p) {
				continue
			}
			seen[pi] = round
			if pm[pi] < 0 || try(pm[pi], round) {
				pm[pi], gm[gi] = gi, pi
				return true
			}
		}
		return false
	}
	for gi := range gold {
		try(gi, gi+1)
	}
	return gm
}
