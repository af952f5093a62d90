package quote

import (
	"bufio"
	_ "embed"
	"strings"
)

//go:embed data/cues.txt
var cuesTxt string

//go:embed data/media.txt
var mediaTxt string

//go:embed data/anonymous.txt
var anonTxt string

// Cue classes (see data/cues.txt).
const (
	cueSay   = "say"
	cueTell  = "tell"
	cueThink = "think"
	cueAsk   = "ask"
	cuePart  = "part"
	cueWant  = "intend"
)

// Per-token word flags, looked up once per token.
const (
	flCue      uint8 = 1 << iota // in the cue lexicon
	flRaising                    // an evidential raising word ("seemed", "expected")
	flHedge                      // a hedge adverb or adjective ("reportedly")
	flBelieved                   // "believed" ("it is believed")
)

// wordEntry is what one lookup per token yields: flags and the index of its cue entry (-1 if
// none).
type wordEntry struct {
	fl  uint8
	cue int32
}

// cueInfo is one entry of the cue lexicon.
type cueInfo struct {
	class  string
	stance string
}

// lexicon holds the parsed, read-only word lists.
type lexicon struct {
	cues    map[string]cueInfo
	words   map[string]wordEntry // every word the extractor looks up per token
	cueList []cueInfo            // cue entries by index (wordEntry.cue)
	anon    map[string]bool
	media   map[string][][]string // first lower-case token → candidate token sequences (longest first)
}

func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func loadLexicon() *lexicon {
	lx := &lexicon{cues: map[string]cueInfo{}, anon: map[string]bool{}, media: map[string][][]string{}}
	for _, l := range lines(cuesTxt) {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		ci := cueInfo{class: f[1], stance: "assert"}
		if len(f) > 2 {
			ci.stance = f[2]
		}
		lx.cues[strings.ToLower(f[0])] = ci
	}
	lx.words = map[string]wordEntry{}
	add := func(w string, fl uint8) {
		e, ok := lx.words[w]
		if !ok {
			e.cue = -1
		}
		e.fl |= fl
		lx.words[w] = e
	}
	for w, ci := range lx.cues {
		add(w, flCue)
		e := lx.words[w]
		e.cue = int32(len(lx.cueList))
		lx.cueList = append(lx.cueList, ci)
		lx.words[w] = e
	}
	for w := range raising {
		add(w, flRaising)
	}
	for w := range hedgeWords {
		add(w, flHedge)
	}
	add("believed", flBelieved)
	for _, l := range lines(anonTxt) {
		lx.anon[strings.ToLower(l)] = true
	}
	for _, l := range lines(mediaTxt) {
		toks := strings.Fields(strings.ToLower(l))
		if len(toks) > 1 && toks[0] == "the" {
			toks = toks[1:]
		}
		lx.media[toks[0]] = append(lx.media[toks[0]], toks)
	}
	for k, seqs := range lx.media {
		// longest first so "bloomberg news" wins over "bloomberg"
		for i := 1; i < len(seqs); i++ {
			for j := i; j > 0 && len(seqs[j]) > len(seqs[j-1]); j-- {
				seqs[j], seqs[j-1] = seqs[j-1], seqs[j]
			}
		}
		lx.media[k] = seqs
	}
	return lx
}
