package timex

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/text"
)

//go:embed data/lexicon.txt
var lexiconText string

// phrase is a multi-word lexicon entry: its lower-case tokens and its value.
type phrase struct {
	toks  []string
	value string
}

// lexicon holds the parsed data/lexicon.txt. It is built once and never changed afterwards.
type lexicon struct {
	month     map[string]int
	weekday   map[string]int
	number    map[string]int
	ordinal   map[string]int
	unit      map[string]string
	partday   map[string]string
	season    map[string]string
	set       map[string]string
	eventnoun map[string]bool
	// holidays and events are keyed by their first token.
	holiday map[string][]phrase
	event   map[string][]phrase
	// trigger holds every word above that can begin an expression, and the rules' own trigger
	// words.
	trigger map[string]bool
	// triggers holds the same words as trigger, for the per-token lookup in newMatcher; filter
	// is a cheap pre-check of it (see maybe).
	triggers wordSet
	filter   [32][32]uint32
}

// letterIndex maps a lower-case ASCII letter to 0..25 and any other byte to 26.
var letterIndex = func() (t [256]uint8) {
	for c := range t {
		t[c] = 26
		if c >= 'a' && c <= 'z' {
			t[c] = uint8(c - 'a')
		}
	}
	return t
}()

// maybe reports whether w (lower-case) may be a trigger word: its first and last letters and its
// length must match those of some trigger. It rules out most words without hashing them.
func (lx *lexicon) maybe(w string) bool {
	if len(w) == 0 || len(w) > 31 {
		return false
	}
	return lx.filter[letterIndex[w[0]]&31][letterIndex[w[len(w)-1]]&31]&(1<<len(w)) != 0
}

// FNV-1a parameters of wordSet hashes.
const (
	hashSeed  = 2166136261
	hashPrime = 16777619
)

// hashString returns the FNV-1a hash of w, the hash a wordSet is probed with.
func hashString(w string) uint32 {
	h := uint32(hashSeed)
	for k := 0; k < len(w); k++ {
		h = (h ^ uint32(w[k])) * hashPrime
	}
	return h
}

// wordSet is a set of short words in an open-addressing table, at most a quarter full, probed
// with hashString: for the few-byte words it holds, cheaper than a map lookup.
type wordSet struct {
	keys []string
	mask uint32
}

// build fills the set with words (none empty).
func (ws *wordSet) build(words map[string]bool) {
	n := 16
	for n < 4*len(words) {
		n *= 2
	}
	ws.keys = make([]string, n)
	ws.mask = uint32(n - 1)
	for w, ok := range words {
		if !ok || w == "" {
			continue
		}
		for i := hashString(w) & ws.mask; ; i = (i + 1) & ws.mask {
			if ws.keys[i] == "" {
				ws.keys[i] = w
				break
			}
		}
	}
}

// has reports whether w, whose hash is h, is in the set.
func (ws *wordSet) has(w string, h uint32) bool {
	if ws.mask == 0 {
		return false
	}
	for i := h & ws.mask; ; i = (i + 1) & ws.mask {
		k := ws.keys[i]
		if k == "" {
			return false
		}
		if k == w {
			return true
		}
	}
}

func (lx *lexicon) addTrigger(w string) {
	if w == "" {
		return
	}
	lx.trigger[w] = true
	n := min(len(w), 31)
	lx.filter[letterIndex[w[0]]][letterIndex[w[len(w)-1]]] |= 1 << n
}

// loadLexicon parses the embedded lexicon once; an error means the embedded file is broken.
var loadLexicon = sync.OnceValues(func() (*lexicon, error) { return parseLexicon(lexiconText) })

func parseLexicon(src string) (*lexicon, error) {
	lx := &lexicon{
		month: map[string]int{}, weekday: map[string]int{}, number: map[string]int{},
		ordinal: map[string]int{}, unit: map[string]string{}, partday: map[string]string{},
		season: map[string]string{}, set: map[string]string{}, eventnoun: map[string]bool{},
		holiday: map[string][]phrase{}, event: map[string][]phrase{}, trigger: map[string]bool{},
	}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("timex lexicon line %d: want CATEGORY WORD VALUE, got %q", n+1, line)
		}
		cat, word, val := f[0], strings.Join(f[1:len(f)-1], " "), f[len(f)-1]
		atoi := func() (int, error) {
			v, err := strconv.Atoi(val)
			if err != nil {
				return 0, fmt.Errorf("timex lexicon line %d: %q is not a number", n+1, val)
			}
			return v, nil
		}
		var err error
		switch cat {
		case "month":
			lx.month[word], err = atoi()
		case "weekday":
			lx.weekday[word], err = atoi()
		case "number":
			lx.number[word], err = atoi()
		case "ordinal":
			lx.ordinal[word], err = atoi()
		case "unit":
			lx.unit[word] = val
		case "partday":
			lx.partday[word] = val
		case "season":
			lx.season[word] = val
		case "set":
			lx.set[word] = val
		case "eventnoun":
			lx.eventnoun[word] = true
		case "holiday", "event":
			d := text.Parse(word)
			p := phrase{value: val}
			for i := range d.Tokens {
				p.toks = append(p.toks, d.Lower(i))
			}
			if len(p.toks) == 0 {
				return nil, fmt.Errorf("timex lexicon line %d: empty phrase", n+1)
			}
			m := lx.event
			if cat == "holiday" {
				m = lx.holiday
			}
			m[p.toks[0]] = append(m[p.toks[0]], p)
		default:
			return nil, fmt.Errorf("timex lexicon line %d: unknown category %q", n+1, cat)
		}
		if err != nil {
			return nil, err
		}
		if cat != "eventnoun" && cat != "partday" {
			lx.addTrigger(strings.Fields(word)[0])
		}
	}
	for w := range lx.event {
		lx.addTrigger(w)
	}
	for w := range lx.holiday {
		lx.addTrigger(w)
	}
	for w, ok := range ruleTriggers {
		if ok {
			lx.addTrigger(w)
		}
	}
	lx.triggers.build(lx.trigger)
	return lx, nil
}
