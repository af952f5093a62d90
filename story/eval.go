package story

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// BCubed returns the BCubed precision, recall and F1 of a clustering: pred and gold map each item
// to its cluster label. Items missing from pred count as singletons.
func BCubed(pred, gold map[string]string) (p, r, f float64) {
	if len(gold) == 0 {
		return 0, 0, 0
	}
	predSize := map[string]int{}
	goldSize := map[string]int{}
	both := map[[2]string]int{}
	label := func(id string) string {
		if l, ok := pred[id]; ok {
			return l
		}
		return "\x00singleton:" + id
	}
	for id, g := range gold {
		pl := label(id)
		predSize[pl]++
		goldSize[g]++
		both[[2]string{pl, g}]++
	}
	for id, g := range gold {
		pl := label(id)
		n := float64(both[[2]string{pl, g}])
		p += n / float64(predSize[pl])
		r += n / float64(goldSize[g])
	}
	p /= float64(len(gold))
	r /= float64(len(gold))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// ECBDoc is one document of the ECB+ evaluation set (see its README): Story is the gold label.
type ECBDoc struct {
	ID       string `json:"id"`
	Topic    string `json:"topic"`
	Subtopic string `json:"subtopic"`
	Story    string `json:"story"`
	Text     string `json:"text"`
}

// LoadECB reads docs.jsonl of the ECB+ evaluation set.
func LoadECB(path string) ([]ECBDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readECB(f)
}

func readECB(r io.Reader) ([]ECBDoc, error) {
	var out []ECBDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d ECBDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("ecb line %d: %w", len(out)+1, err)
		}
		out = append(out, d)
	}
	return out, sc.Err()
}

// ECBResult is the outcome of clustering the ECB+ documents once.
type ECBResult struct {
	Precision, Recall, F1 float64
	Stories, Gold         int
	// Pred maps each document id to the story it ended in.
	Pred map[string]int64
}

// EvalECB clusters docs, in the order given, with a fresh memory-only clusterer and scores the
// grouping with BCubed against the gold stories. prepare (may be nil) runs the analysis stages on
// each article before clustering.
func EvalECB(ctx context.Context, docs []ECBDoc, opts Options, prepare func(context.Context, *sitrep.Article) error) (ECBResult, error) {
	c := New(nil, opts)
	pred := map[string]string{}
	gold := map[string]string{}
	for _, d := range docs {
		a := &sitrep.Article{ID: d.ID, Raw: d.Text, RawFormat: "text", Text: d.Text}
		if prepare != nil {
			if err := prepare(ctx, a); err != nil {
				return ECBResult{}, err
			}
		}
		asg, err := c.Add(ctx, a)
		if err != nil {
			return ECBResult{}, err
		}
		_ = asg
		gold[d.ID] = d.Story
	}
	// Read the final grouping (merges may have moved earlier articles).
	stories := map[string]bool{}
	goldSet := map[string]bool{}
	ids := map[string]int64{}
	for _, d := range docs {
		sid := c.StoryOf(d.ID)
		ids[d.ID] = sid
		pred[d.ID] = fmt.Sprint(sid)
		stories[pred[d.ID]] = true
		goldSet[d.Story] = true
	}
	p, r, f := BCubed(pred, gold)
	return ECBResult{Precision: p, Recall: r, F1: f, Stories: len(stories), Gold: len(goldSet), Pred: ids}, nil
}

// ECBTopics keeps the documents of "all", "odd" or "even" topic numbers, for developing on one
// half of the topics and confirming on the other.
func ECBTopics(docs []ECBDoc, which string) ([]ECBDoc, error) {
	if which == "" || which == "all" {
		return docs, nil
	}
	if which != "odd" && which != "even" {
		return nil, fmt.Errorf("topics: want all, odd or even, got %q", which)
	}
	var out []ECBDoc
	for _, d := range docs {
		n, err := strconv.Atoi(d.Topic)
		if err != nil {
			continue
		}
		if (n%2 == 1) == (which == "odd") {
			out = append(out, d)
		}
	}
	return out, nil
}

// Shuffled returns a copy of docs in a pseudo-random order fixed by seed.
func Shuffled(docs []ECBDoc, seed int64) []ECBDoc {
	out := append([]ECBDoc(nil), docs...)
	rng := rand.New(rand.NewSource(seed))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// SetOptions overrides numeric fields of opts from a comma-separated list of Name=value pairs
// ("TauDays=60,Threshold=0.25"), for scorers that explore settings without a rebuild.
func SetOptions(opts *Options, list string) error {
	v := reflect.ValueOf(opts).Elem()
	for _, kv := range strings.Split(list, ",") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("option %q: want Name=value", kv)
		}
		f := v.FieldByName(strings.TrimSpace(name))
		if !f.IsValid() || !f.CanSet() {
			return fmt.Errorf("option %q: no such field", name)
		}
		switch f.Kind() {
		case reflect.Float64:
			x, err := strconv.ParseFloat(val, 64)
			if err != nil {
				return fmt.Errorf("option %s: %w", name, err)
			}
			f.SetFloat(x)
		case reflect.Int:
			x, err := strconv.Atoi(val)
			if err != nil {
				return fmt.Errorf("option %s: %w", name, err)
			}
			f.SetInt(int64(x))
		default:
			return fmt.Errorf("option %s: not a number", name)
		}
	}
	return nil
}

// TimeCeiling is the BCubed score of an ideal clusterer that gets every happening right but, like
// this one, cannot join reports further apart in time than gapDays: each gold story is cut where
// its dated documents (sorted by date) leave a gap longer than gapDays, and undated documents go
// with the largest part. dates maps a document id to its date; absent or zero means undated.
// Against the gold stories this bounds what a time-aware clusterer can reach.
func TimeCeiling(docs []ECBDoc, dates map[string]time.Time, gapDays int) (p, r, f float64) {
	gold := map[string]string{}
	pred := map[string]string{}
	byStory := map[string][]ECBDoc{}
	for _, d := range docs {
		gold[d.ID] = d.Story
		byStory[d.Story] = append(byStory[d.Story], d)
	}
	gap := time.Duration(gapDays) * 24 * time.Hour
	for st, ds := range byStory {
		var dated []ECBDoc
		for _, d := range ds {
			if !dates[d.ID].IsZero() {
				dated = append(dated, d)
			}
		}
		sort.SliceStable(dated, func(i, j int) bool { return dates[dated[i].ID].Before(dates[dated[j].ID]) })
		part, sizes := 0, map[int]int{}
		for i, d := range dated {
			if i > 0 && dates[d.ID].Sub(dates[dated[i-1].ID]) > gap {
				part++
			}
			pred[d.ID] = fmt.Sprintf("%s/%d", st, part)
			sizes[part]++
		}
		big := 0
		for i := 1; i <= part; i++ {
			if sizes[i] > sizes[big] {
				big = i
			}
		}
		for _, d := range ds {
			if dates[d.ID].IsZero() {
				pred[d.ID] = fmt.Sprintf("%s/%d", st, big)
			}
		}
	}
	return BCubed(pred, gold)
}
