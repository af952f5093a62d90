package event

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// PLOVERResult holds the figures of an evaluation on the PLOVER gold-standard records.
type PLOVERResult struct {
	N int
	// TypeCorrect counts records whose primary event has the gold PLOVER type.
	TypeCorrect int
	// TripleCorrect counts records whose primary event also has a gold source and target code.
	TripleCorrect int
	// NoEvent counts records where no event was coded.
	NoEvent int
	// Confusion counts gold→predicted type pairs of the misses.
	Confusion map[string]int
	// Misses lists the records whose type was wrong (for -v output).
	Misses []string
	// ActorMisses lists the records whose type was right but actors wrong (for -v output).
	ActorMisses []string
	// Half holds the figures of the two halves of the records split by index parity
	// (Half[0]: records 0, 2, 4, …; Half[1]: records 1, 3, 5, …), so that a change found on
	// one half can be confirmed on the other.
	Half [2]PLOVERHalf
}

// PLOVERHalf holds the counts of one half of the PLOVER records.
type PLOVERHalf struct {
	N, TypeCorrect, TripleCorrect int
}

// ploverRecord is one line of plover-gsr/records.jsonl.
type ploverRecord struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Event  string `json:"event"`
	Source []struct {
		Code string `json:"code"`
	} `json:"source"`
	Target json.RawMessage `json:"target"`
}

// ploverTypeMap maps PLOVER 0.5 labels of the gold standard to the 2021 types.
var ploverTypeMap = map[string]string{"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

// goldCodeMap maps the gold standard's non-ISO country codes to ISO alpha-3.
var goldCodeMap = map[string]string{"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

// EvalPLOVER codes every record of the PLOVER gold standard (dir holds records.jsonl) and
// compares the primary event of each sentence (the events of its first trigger) with the gold
// event: type accuracy, and exact (source code, target code, type) accuracy where codes are
// compared on their country or organisation prefix (the first three letters, "IGO" for every
// international organisation). Reciprocal gold records (no target) accept any of their actors
// as target.
func EvalPLOVER(ctx context.Context, c *Coder, dir string) (PLOVERResult, error) {
	res := PLOVERResult{Confusion: map[string]int{}}
	f, err := os.Open(filepath.Join(dir, "records.jsonl"))
	if err != nil {
		return res, err
	}
	defer f.Close()
	pub := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var r ploverRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return res, fmt.Errorf("plover record: %w", err)
		}
		gold := r.Event
		if m, ok := ploverTypeMap[gold]; ok {
			gold = m
		}
		srcs := map[string]bool{}
		for _, s := range r.Source {
			srcs[normGold(s.Code)] = true
		}
		tgts := map[string]bool{}
		var tl []struct {
			Code string `json:"code"`
		}
		if json.Unmarshal(r.Target, &tl) == nil {
			for _, t := range tl {
				tgts[normGold(t.Code)] = true
			}
		}
		a := &sitrep.Article{Text: r.Text, Published: &pub}
		if err := c.Process(ctx, a, text.Parse(r.Text)); err != nil {
			return res, err
		}
		half := &res.Half[res.N%2]
		half.N++
		res.N++
		prim := primary(a.Events)
		if len(prim) == 0 {
			res.NoEvent++
			res.Confusion[gold+"→(none)"]++
			res.Misses = append(res.Misses, fmt.Sprintf("h%d\t%s\t(none)\t%s", (res.N-1)%2, gold, r.Text))
			continue
		}
		if prim[0].PLOVER != gold {
			res.Confusion[gold+"→"+prim[0].PLOVER]++
			res.Misses = append(res.Misses, fmt.Sprintf("h%d\t%s\t%s %s %q\t%s", (res.N-1)%2, gold, prim[0].PLOVER, prim[0].CAMEO, prim[0].Trigger, r.Text))
			continue
		}
		res.TypeCorrect++
		half.TypeCorrect++
		hit := false
		for _, e := range prim {
			s, t := actorPrefix(e.Source.Code), actorPrefix(e.Target.Code)
			if !srcs[s] {
				continue
			}
			if len(tgts) == 0 && (t == "" || srcs[t]) || tgts[t] {
				res.TripleCorrect++
				half.TripleCorrect++
				hit = true
				break
			}
		}
		if !hit {
			res.ActorMisses = append(res.ActorMisses, fmt.Sprintf("h%d\t%s→%s got %s→%s %q\t%s", (res.N-1)%2, keysOf(srcs), keysOf(tgts), prim[0].Source.Code, prim[0].Target.Code, prim[0].Trigger, r.Text))
		}
	}
	return res, sc.Err()
}

// primary returns the events of the first trigger of a sentence.
func primary(evs []sitrep.Event) []sitrep.Event {
	if len(evs) == 0 {
		return nil
	}
	var out []sitrep.Event
	for _, e := range evs {
		if e.Rule == evs[0].Rule && e.Trigger == evs[0].Trigger {
			out = append(out, e)
		}
	}
	return out
}

func normGold(c string) string {
	if m, ok := goldCodeMap[c]; ok {
		return m
	}
	return actorPrefix(c)
}

func keysOf(m map[string]bool) string {
	return strings.Join(keys(m), "+")
}

// actorPrefix returns the country or organisation part of an actor code.
func actorPrefix(c string) string {
	if len(c) > 3 {
		return c[:3]
	}
	return c
}

// Report writes the result in the scorer's text format.
func (r PLOVERResult) Report(w io.Writer, verbose bool) {
	pct := func(n int) float64 {
		if r.N == 0 {
			return 0
		}
		return float64(n) / float64(r.N)
	}
	fmt.Fprintf(w, "records              %d\n", r.N)
	fmt.Fprintf(w, "type accuracy        %.3f (%d/%d)\n", pct(r.TypeCorrect), r.TypeCorrect, r.N)
	fmt.Fprintf(w, "triple accuracy      %.3f (%d/%d)\n", pct(r.TripleCorrect), r.TripleCorrect, r.N)
	fmt.Fprintf(w, "no event coded       %d\n", r.NoEvent)
	for i, h := range r.Half {
		if h.N == 0 {
			continue
		}
		fmt.Fprintf(w, "half %d (%s)       type %.3f (%d/%d), triple %.3f (%d/%d)\n", i, [2]string{"even", "odd "}[i],
			float64(h.TypeCorrect)/float64(h.N), h.TypeCorrect, h.N, float64(h.TripleCorrect)/float64(h.N), h.TripleCorrect, h.N)
	}
	type kv struct {
		k string
		v int
	}
	var conf []kv
	for k, v := range r.Confusion {
		conf = append(conf, kv{k, v})
	}
	sort.Slice(conf, func(i, j int) bool { return conf[i].v > conf[j].v || conf[i].v == conf[j].v && conf[i].k < conf[j].k })
	if len(conf) > 0 {
		var parts []string
		for i, c := range conf {
			if i == 12 {
				break
			}
			parts = append(parts, fmt.Sprintf("%s %d", c.k, c.v))
		}
		fmt.Fprintf(w, "top confusions       %s\n", strings.Join(parts, ", "))
	}
	if verbose {
		for _, m := range r.Misses {
			fmt.Fprintln(w, "MISS\t"+m)
		}
		for _, m := range r.ActorMisses {
			fmt.Fprintln(w, "ACTORS\t"+m)
		}
	}
}
