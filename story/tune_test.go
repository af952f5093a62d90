package story

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
)

func TestTuneECB(t *testing.T) {
	spec := os.Getenv("TUNE")
	if spec == "" {
		t.Skip()
	}
	docs, err := LoadECB("/work/shared/data/ecbplus-dev/docs.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var variants []map[string]float64
	if err := json.Unmarshal([]byte(spec), &variants); err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		o := DefaultOptions()
		b, _ := json.Marshal(o)
		var m map[string]any
		json.Unmarshal(b, &m)
		for k, x := range v {
			m[k] = x
		}
		if x, ok := v["leadTokens"]; ok {
			leadTokens = int(x)
		}
		if x, ok := v["leadBoost"]; ok {
			leadBoost = int(x)
		}
		b, _ = json.Marshal(m)
		json.Unmarshal(b, &o)
		var s string
		var sum float64
		for seed := 0; seed < 3; seed++ {
			d := docs
			if seed > 0 {
				d = Shuffled(docs, int64(seed))
			}
			r, _ := EvalECB(context.Background(), d, o, nil)
			s += fmt.Sprintf(" P%.3f R%.3f F%.3f n%d |", r.Precision, r.Recall, r.F1, r.Stories)
			sum += r.F1
		}
		fmt.Printf("%v mean %.4f:%s\n", v, sum/3, s)
	}
}

func TestDiagECB(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	docs, _ := LoadECB("/work/shared/data/ecbplus-dev/docs.jsonl")
	o := DefaultOptions()
	json.Unmarshal([]byte(os.Getenv("DIAG")), &o)
	c := New(nil, o)
	for _, d := range docs {
		c.Add(context.Background(), &sitrep.Article{ID: d.ID, Text: d.Text})
	}
	comp := map[int64]map[string]int{}
	for _, d := range docs {
		s := c.StoryOf(d.ID)
		if comp[s] == nil {
			comp[s] = map[string]int{}
		}
		comp[s][d.Story]++
	}
	for s, m := range comp {
		if len(m) > 1 {
			fmt.Println(s, m)
		}
	}
}

func TestDatesECB(t *testing.T) {
	if os.Getenv("DATES") == "" {
		t.Skip()
	}
	docs, _ := LoadECB("/work/shared/data/ecbplus-dev/docs.jsonl")
	m := map[string][]string{}
	for _, d := range docs {
		f := Extract(&sitrep.Article{ID: d.ID, Text: d.Text}, 48, 24)
		s := "-"
		if f.Dated() {
			s = f.Lo.Format("2006-01-02")
			if !f.Lo.Equal(f.Hi) {
				s = f.Lo.Format("2006") + "Y"
			}
		}
		m[d.Story] = append(m[d.Story], s)
	}
	for k, v := range m {
		fmt.Println(k, v)
	}
}

func TestPairECB(t *testing.T) {
	if os.Getenv("PAIR") == "" {
		t.Skip()
	}
	docs, _ := LoadECB("/work/shared/data/ecbplus-dev/docs.jsonl")
	c := New(nil, DefaultOptions())
	var recs []*article
	for _, d := range docs {
		f := Extract(&sitrep.Article{ID: d.ID, Text: d.Text}, 48, 24)
		r := c.newArticle(d.ID, f)
		c.appendArticle(r)
		recs = append(recs, r)
	}
	type acc struct{ n, t, e float64 }
	var same, cross acc
	hist := map[string][2][10]int{}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[i].Topic != docs[j].Topic {
				continue
			}
			tc := cosine(recs[i].terms, recs[j].terms, c.idf)
			ec := cosine(recs[i].ents, recs[j].ents, c.idf)
			k := 0
			if docs[i].Story != docs[j].Story {
				k = 1
				cross.n++; cross.t += tc; cross.e += ec
			} else {
				same.n++; same.t += tc; same.e += ec
			}
			for _, ch := range []string{"terms", "ents"} {
				x := tc
				if ch == "ents" {
					x = ec
				}
				h := hist[ch]
				b := int(x * 10)
				if b > 9 {
					b = 9
				}
				h[k][b]++
				hist[ch] = h
			}
		}
	}
	fmt.Printf("same: terms %.3f ents %.3f | cross: terms %.3f ents %.3f\n", same.t/same.n, same.e/same.n, cross.t/cross.n, cross.e/cross.n)
	fmt.Println(hist)
}
