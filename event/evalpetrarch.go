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
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// PETRARCHResult holds the figures of the PETRARCH unit-test evaluation.
type PETRARCHResult struct {
	N int
	// Pass counts records whose gold events were all produced (with exact source, target and
	// event codes), or that produced no event when none was expected.
	Pass int
	// Exact counts records whose produced event set equals the gold set.
	Exact int
	// ByCategory counts passes and records per category.
	ByCategory map[string][2]int
	Fails      []string
}

type petrRecord struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Date     string `json:"date"`
	Text     string `json:"text"`
	Events   []struct {
		Source string `json:"source"`
		Target string `json:"target"`
		Code   string `json:"code"`
	} `json:"events"`
	NoEvents bool    `json:"noevents"`
	Error    *string `json:"error"`
}

// NewPETRARCHCoder returns a coder over the PETRARCH validation dictionaries in dir
// (PETR.Validate.verbs.txt, .actors.txt, .agents.txt, .discards.txt), read with the PETRARCH
// readers, with PETRARCH's conventions: no intent recoding, no unknown names, "---" for an
// agent with no country.
func NewPETRARCHCoder(dir string) (*Coder, error) {
	open := func(name string, load func(io.Reader, string) (any, error)) (any, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return load(f, name)
	}
	v, err := open("PETR.Validate.verbs.txt", func(r io.Reader, n string) (any, error) { return LoadPETRARCHVerbs(r, n) })
	if err != nil {
		return nil, err
	}
	a, err := open("PETR.Validate.actors.txt", func(r io.Reader, n string) (any, error) { return LoadPETRARCHActors(r, n) })
	if err != nil {
		return nil, err
	}
	g, err := open("PETR.Validate.agents.txt", func(r io.Reader, n string) (any, error) { return LoadPETRARCHAgents(r, n) })
	if err != nil {
		return nil, err
	}
	opts := DefaultOptions()
	opts.UseMentions = false
	opts.IntentRecode = false
	opts.LoneAgents = false
	opts.UnknownActors = false
	opts.AgentPlaceholder = "---"
	c := NewWith(v.(*Verbs), a.(*Actors), g.(*Actors), opts)
	if f, err := os.Open(filepath.Join(dir, "PETR.Validate.discards.txt")); err == nil {
		defer f.Close()
		d, err := LoadPETRARCHDiscards(f, "PETR.Validate.discards.txt")
		if err != nil {
			return nil, err
		}
		c.WithDiscards(d)
	}
	return c, nil
}

// EvalPETRARCH runs the PETRARCH unit-test records (dir holds records.jsonl and the validation
// dictionaries) through a coder built on the validation dictionaries.
func EvalPETRARCH(ctx context.Context, dir string) (PETRARCHResult, error) {
	res := PETRARCHResult{ByCategory: map[string][2]int{}}
	c, err := NewPETRARCHCoder(dir)
	if err != nil {
		return res, err
	}
	f, err := os.Open(filepath.Join(dir, "records.jsonl"))
	if err != nil {
		return res, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var r petrRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return res, fmt.Errorf("petrarch record: %w", err)
		}
		a := &sitrep.Article{ID: r.ID, Text: r.Text}
		if d, err := time.Parse("20060102", r.Date); err == nil {
			a.Published = &d
		}
		if err := c.Process(ctx, a, text.Parse(r.Text)); err != nil {
			return res, err
		}
		got := map[string]bool{}
		for _, e := range a.Events {
			got[placeholder(e.Source.Code)+" "+placeholder(e.Target.Code)+" "+e.CAMEO] = true
		}
		want := map[string]bool{}
		for _, e := range r.Events {
			want[e.Source+" "+e.Target+" "+e.Code] = true
		}
		pass := true
		if r.NoEvents || r.Error != nil {
			pass = len(got) == 0
		} else {
			for k := range want {
				if !got[k] {
					pass = false
				}
			}
		}
		exact := pass && len(got) == len(want)
		if r.NoEvents || r.Error != nil {
			exact = pass
		}
		res.N++
		cat := res.ByCategory[r.Category]
		cat[1]++
		if pass {
			res.Pass++
			cat[0]++
		} else {
			res.Fails = append(res.Fails, fmt.Sprintf("%s\twant %v got %v\t%s", r.ID, keys(want), keys(got), r.Text))
		}
		if exact {
			res.Exact++
		}
		res.ByCategory[r.Category] = cat
	}
	return res, sc.Err()
}

// placeholder writes an unknown actor as PETRARCH does.
func placeholder(code string) string {
	if code == "" {
		return "---"
	}
	return code
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Report writes the result in the scorer's text format.
func (r PETRARCHResult) Report(w io.Writer, verbose bool) {
	rate := func(n, d int) float64 {
		if d == 0 {
			return 0
		}
		return float64(n) / float64(d)
	}
	fmt.Fprintf(w, "records              %d\n", r.N)
	fmt.Fprintf(w, "pass rate            %.3f (%d/%d)  gold events all produced, or none when none expected\n", rate(r.Pass, r.N), r.Pass, r.N)
	fmt.Fprintf(w, "exact rate           %.3f (%d/%d)  produced set equals gold set\n", rate(r.Exact, r.N), r.Exact, r.N)
	cats := make([]string, 0, len(r.ByCategory))
	for k := range r.ByCategory {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	for _, k := range cats {
		v := r.ByCategory[k]
		fmt.Fprintf(w, "  %-12s %3d/%-3d\n", k, v[0], v[1])
	}
	if verbose {
		for _, f := range r.Fails {
			fmt.Fprintln(w, "FAIL\t"+f)
		}
	}
}
