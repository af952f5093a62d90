package story

import "math"

func logf(x float64) float64 { return math.Log(x) }

// stopwords are English function words and reporting words that say nothing about which
// happening an article reports. The list is ours; it is deliberately short because IDF already
// discounts frequent words.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
		"are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
		"but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
		"for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
		"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
		"itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
		"off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
		"same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
		"them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
		"too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
		"which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
		"yourself", "said", "says", "say", "told", "according", "reported", "mr", "mrs", "ms",
		"dr", "may", "might", "must", "shall", "one", "two", "three", "new", "first", "last",
		"year", "years", "time", "since", "still", "even", "however", "yet", "many", "much",
		"another", "via", "per", "get", "got", "us", "it's", "he's", "she's", "don't", "didn't",
		"we're", "they're", "i'm", "that's", "there's", "what's", "won't", "can't", "isn't",
		"wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "i've", "we've",
		"they've", "you're", "let", "like", "well", "back", "way", "made", "make", "going",
		"week", "day", "days", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "am", "pm", "p.m", "a.m", "news", "report",
		"reports", "reporting", "published", "updated", "copyright", "photo", "image", "video",
		"click", "read", "share", "comments", "comment", "follow", "subscribe", "edt", "est",
		"gmt", "utc", "pst", "pdt", "cst", "cdt",
	} {
		m[w] = true
	}
	return m
}()

// stopShape makes isStopword cheap for most words that are not stop words: bit n of first[b]
// (second[b], last[b]) is set when a stop word of n bytes has b as its first (second, last) byte.
// Words of 32 bytes or more are always looked up.
var stopShape = func() (sh struct{ first, second, last [256]uint32 }) {
	for w := range stopwords {
		sh.first[w[0]] |= 1 << len(w)
		sh.last[w[len(w)-1]] |= 1 << len(w)
		if len(w) > 1 {
			sh.second[w[1]] |= 1 << len(w)
		}
	}
	return sh
}()

// isStopword reports whether w is one of the stopwords.
func isStopword(w string) bool {
	n := len(w)
	if n == 0 || n < 32 && stopShape.first[w[0]]&stopShape.last[w[n-1]]&(1<<n) == 0 {
		return false
	}
	if n > 1 && n < 32 && stopShape.second[w[1]]&(1<<n) == 0 {
		return false
	}
	return stopwords[w]
}
