package clean

import (
	"unicode"
	"unicode/utf8"
)

// This file holds the body-extraction metric of the Article Extraction Benchmark (AEB): texts are
// tokenised into runs of word characters, turned into multisets of 4-word shingles, and compared
// shingle by shingle. The definition follows the benchmark's README in ../shared/data/aeb.

// shingleSize is the number of consecutive tokens in one shingle.
const shingleSize = 4

// ShingleCounts compares got (an extracted body) with want (the gold body) and returns the
// true-positive, false-positive and false-negative shingle counts, normalised by their sum so
// that every page weighs the same (all three are zero when both texts are empty).
func ShingleCounts(got, want string) (tp, fp, fn float64) {
	g := shingles(got)
	w := shingles(want)
	for s, gc := range g {
		wc := w[s]
		tp += float64(min(gc, wc))
		if gc > wc {
			fp += float64(gc - wc)
		}
	}
	for s, wc := range w {
		if gc := g[s]; wc > gc {
			fn += float64(wc - gc)
		}
	}
	if sum := tp + fp + fn; sum > 0 {
		tp, fp, fn = tp/sum, fp/sum, fn/sum
	}
	return tp, fp, fn
}

// ShingleF1 returns the 4-word-shingle precision, recall and F1 of got (an extracted body)
// against want (the gold body) for one page. Precision and recall are both 1 when there are
// neither false positives nor false negatives; precision is 0 when got has no shingle and recall
// is 0 when want has none.
func ShingleF1(got, want string) (p, r, f float64) {
	tp, fp, fn := ShingleCounts(got, want)
	p, r = precisionScore(tp, fp, fn), recallScore(tp, fp, fn)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func precisionScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func recallScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

// ShingleScore accumulates per-page shingle counts into the benchmark's corpus figures.
// The zero value is ready to use.
type ShingleScore struct {
	sumP, sumR float64
	nP, nR     int
	pages      int
}

// Add scores one page: got is the extracted body, want the gold body. It returns the page's
// precision, recall and F1 (as ShingleF1).
func (s *ShingleScore) Add(got, want string) (p, r, f float64) {
	tp, fp, fn := ShingleCounts(got, want)
	p, r = precisionScore(tp, fp, fn), recallScore(tp, fp, fn)
	if tp+fp > 0 {
		s.sumP += p
		s.nP++
	}
	if tp+fn > 0 {
		s.sumR += r
		s.nR++
	}
	s.pages++
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Result returns the corpus precision (mean of per-page precisions over pages where something
// was extracted), recall (mean over pages with a gold body) and F1 computed from those two means.
func (s *ShingleScore) Result() (p, r, f float64) {
	if s.nP > 0 {
		p = s.sumP / float64(s.nP)
	}
	if s.nR > 0 {
		r = s.sumR / float64(s.nR)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Pages returns the number of pages added.
func (s *ShingleScore) Pages() int { return s.pages }

// shingleTokens splits s into runs of word characters (letters, numbers and the underscore),
// keeping case, as the benchmark's `\w+` tokeniser does.
func shingleTokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if r == utf8.RuneError {
			word = false
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// shingles returns the multiset of shingleSize-token shingles of s. A text with fewer tokens
// yields one shorter shingle; an empty text yields none.
func shingles(s string) map[string]int {
	toks := shingleTokens(s)
	m := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	n := max(1, len(toks)-shingleSize+1)
	for i := 0; i < n; i++ {
		end := min(i+shingleSize, len(toks))
		key := toks[i]
		for _, t := range toks[i+1 : end] {
			key += "\x00" + t
		}
		m[key]++
	}
	return m
}
