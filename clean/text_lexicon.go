package clean

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// The flattened-text cleaner's word lists live in data/ beside this file, one entry a line, with
// blank lines and lines starting with "#" ignored:
//
//	data/stopwords.txt        English function words (stopword density of a line)
//	data/stopwords-other.txt  function words of other languages (the same measure on other pages)
//	data/chrome.txt           site-chrome phrases, "KIND<TAB>PHRASE" with KIND line, prefix, contains
//	                          or sentence
//	data/dateline-places.txt  places accepted as a title-case dateline ("Washington D.C. –")
//
//go:embed data/stopwords.txt data/stopwords-other.txt data/chrome.txt data/dateline-places.txt
var textData embed.FS

// textLexicon holds the parsed word lists. It is built once and never changed afterwards.
type textLexicon struct {
	stop           map[string]bool // English function words
	stopAny        map[string]bool // function words of any listed language, English included
	chromeLine     map[string]bool
	chromePrefix   []string
	chromeContains phraseSet
	chromeSentence phraseSet
	places         map[string]bool
}

// lexicon returns the parsed word lists, parsing them on first use.
var lexicon = sync.OnceValue(func() *textLexicon {
	lx := &textLexicon{stop: map[string]bool{}, stopAny: map[string]bool{}, chromeLine: map[string]bool{}, places: map[string]bool{}}
	for _, w := range dataLines("data/stopwords.txt") {
		lx.stop[strings.ToLower(w)] = true
		lx.stopAny[strings.ToLower(w)] = true
	}
	for _, w := range dataLines("data/stopwords-other.txt") {
		lx.stopAny[strings.ToLower(w)] = true
	}
	for _, l := range dataLines("data/chrome.txt") {
		kind, phrase, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		phrase = normChrome(phrase)
		switch kind {
		case "line":
			lx.chromeLine[phrase] = true
		case "prefix":
			lx.chromePrefix = append(lx.chromePrefix, phrase)
		case "contains":
			lx.chromeContains.add(phrase)
		case "sentence":
			lx.chromeSentence.add(phrase)
		}
	}
	for _, p := range dataLines("data/dateline-places.txt") {
		lx.places[p] = true
	}
	return lx
})

// dataLines returns the entries of an embedded list file.
func dataLines(name string) []string {
	b, err := textData.ReadFile(name)
	if err != nil {
		panic("clean: embedded list missing: " + name) // a build defect, not an input error
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), " \r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// normChrome lower-cases s, trims punctuation, bullets and spaces at both ends and collapses runs
// of spaces, so that "Share this article »" and "share this article" compare equal.
func normChrome(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case ' ', '.', ',', ':', ';', '!', '?', '|', '•', '·', '»', '«', '›', '‹', '>', '<', '-', '–', '—',
			'*', '+', '→', '←', '▶', '►', '#', '/', '\\', '"', '\'', '“', '”', '(', ')', '[', ']':
			return true
		}
		return false
	})
}

// phraseSet finds any of a set of lower-case phrases in a normalised line in one pass over its
// words: phrases are indexed by their first word (or, for phrases that start with a symbol such
// as "©", by that symbol).
type phraseSet struct {
	byFirst map[string][]string
}

func (ps *phraseSet) add(p string) {
	if ps.byFirst == nil {
		ps.byFirst = map[string][]string{}
	}
	first := p
	if i := strings.IndexByte(p, ' '); i > 0 {
		first = p[:i]
	}
	ps.byFirst[first] = append(ps.byFirst[first], p)
}

// match reports whether n (a normChrome result) contains one of the phrases starting at a word
// boundary and ending at one.
func (ps *phraseSet) match(n string) bool {
	for i := 0; i < len(n); {
		// a word starts at i; find its end
		j := strings.IndexByte(n[i:], ' ')
		if j < 0 {
			j = len(n)
		} else {
			j += i
		}
		for _, p := range ps.byFirst[n[i:j]] {
			if strings.HasPrefix(n[i:], p) && (i+len(p) == len(n) || !isWordByte(n[i+len(p)]) || !isWordByte(p[len(p)-1])) {
				return true
			}
		}
		// a phrase may also start inside a token ("(c)" or "©2019"): try the symbol itself
		if c := n[i]; c >= 0x80 || c == '(' {
			r, size := utf8.DecodeRuneInString(n[i:])
			_ = r
			for _, p := range ps.byFirst[n[i:i+size]] {
				if strings.HasPrefix(n[i:], p) {
					return true
				}
			}
		}
		i = j + 1
	}
	return false
}
